"""Presentation mode fits a classroom projector: the whole window in 1280×800 and 1440×900,
in English and in Chinese, with no panel cut off at its right or bottom edge (also with
the panels brought back with F6)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QScrollArea, QToolButton

from nnsim.gui.style import ButtonGrid

SCREENS = [(1280, 800), (1440, 900)]


def settle(qtbot, win, size):
    QApplication.processEvents()  # presentation mode's full screen first, then this size
    win.resize(*size)
    for _ in range(3):  # dock layout, then the panels that reflow to their new width
        QApplication.processEvents()
        qtbot.wait(20)


def cut_off(win) -> list[str]:
    """Every place where a dock's contents need more room than they are given."""
    problems = []
    frame = win.rect()
    for dock in win.findChildren(QDockWidget):
        if not dock.isVisible() or dock.visibleRegion().isEmpty():
            continue  # closed, or a tab behind another dock (checked when in front)
        name = dock.objectName()
        g = dock.geometry()
        if g.right() > frame.right() or g.bottom() > frame.bottom():
            problems.append(f"{name} reaches past the window: {g} in {frame}")
        w = dock.widget()
        need = w.minimumSizeHint()
        if need.width() > w.width() or need.height() > w.height():
            problems.append(f"{name}: contents need {need.toTuple()}, have {w.size().toTuple()}")
        for area in [w, *w.findChildren(QScrollArea)]:
            if (
                isinstance(area, QScrollArea)
                and area.isVisible()
                and area.widget() is not None
                and area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            ):
                inner = area.widget().minimumSizeHint().width()
                if inner > area.viewport().width():
                    problems.append(
                        f"{name}: {type(area).__name__} cuts {inner - area.viewport().width()} px"
                        " off its right edge"
                    )
    return problems


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("presentation", [True, False])
def test_the_window_fits_a_projector(qtbot, demo_window, language, presentation):
    win = demo_window
    win.set_language(language)
    win.set_presentation(presentation)
    if presentation:
        win.act_panels.trigger()  # the panels brought back (F6) fit as well
        assert win.training_ui.docks["formula"].isVisible()
    for size in SCREENS:
        for front in (win.palette_dock, win.training_ui.docks["training"]):  # left tabs
            front.raise_()
            settle(qtbot, win, size)
            least = win.minimumSizeHint()
            assert least.width() <= 1280 and least.height() <= 800, (size, least)
            assert win.size().toTuple() == size  # not pushed wider or taller than the screen
            assert cut_off(win) == [], (language, presentation, size, front.objectName())


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_presentation_texts_are_whole_at_1280(qtbot, demo_window, language):
    win = demo_window
    win.set_language(language)
    win.set_presentation(True)
    win.act_panels.trigger()  # the step-through panel brought back (F6)
    settle(qtbot, win, (1280, 800))
    formula = win.training_ui.formula
    # the step-through buttons: every label whole, in two columns at this width
    assert formula.button_grid.columns == 2
    for b in formula.buttons.values():
        assert b.width() >= b.minimumSizeHint().width(), b.text()
        assert b.height() >= b.minimumSizeHint().height(), b.text()
    # the wrapped line of keys and the formula box get their full height: nothing squeezed
    where = formula.where
    assert where.height() >= where.heightForWidth(where.width())
    assert formula.formula_box.height() >= formula.formula_box.minimumHeight()
    # and so while stepping: long formulas wrap over more lines, the buttons stay whole
    for _ in range(12):
        win.training_ui.actions["next"].trigger()
        for _ in range(3):
            QApplication.processEvents()
        # a formula written without spaces (0.69×(1−0.69)×(0.5−0.69)) may not widen the window
        assert win.size().toTuple() == (1280, 800), formula.formula.text()
        # the whole formula is in its box, scrolled to when longer than the box
        label = formula.formula
        assert label.height() >= label.heightForWidth(label.width())
        if label.height() > formula.formula_box.viewport().height():
            assert formula.formula_box.verticalScrollBar().isVisible()
        for b in formula.buttons.values():
            assert b.height() >= b.minimumSizeHint().height(), b.text()
        assert win.minimumSizeHint().height() <= 800
    # the run buttons of the training panel
    for b in win.training_ui.panel.run.buttons.values():
        assert b.width() >= b.minimumSizeHint().width(), b.text()
    # the toolbar overflows into its » menu rather than widening the window
    assert win.toolbar.minimumSizeHint().width() < 400
    # the fonts stayed big: this is presentation mode, not normal mode squeezed in
    assert QApplication.font().pointSizeF() == 16
    assert win.training_ui.formula.formula.font().pointSizeF() == 22


def test_the_step_buttons_use_four_columns_when_there_is_room(qtbot, demo_window):
    win = demo_window
    win.set_language("en")
    settle(qtbot, win, (1440, 900))
    grid = win.training_ui.formula.button_grid
    assert grid.columns == 4
    # back and next stay side by side in both layouts: row-major order, pairs kept
    names = list(win.training_ui.formula.buttons)
    assert names[:4] == ["back_layer", "back", "next", "next_layer"]


def test_button_grid_reflows_to_its_width(qtbot):
    grid = ButtonGrid((4, 2))
    qtbot.addWidget(grid)
    buttons = []
    for k in range(8):
        b = QToolButton()
        b.setText(f"button number {k}")
        grid.add(b)
        buttons.append(b)
    wide, narrow = grid.width_for(4), grid.width_for(2)
    assert narrow < wide
    # the minimum is the narrow layout's: the buttons never set the window's least width
    assert grid.minimumSizeHint().width() == narrow
    grid.show()
    grid.resize(wide, 200)
    QApplication.processEvents()
    assert grid.columns == 4
    two_rows = grid.minimumSizeHint().height()
    grid.resize(wide - 1, 200)
    QApplication.processEvents()
    assert grid.columns == 2
    assert grid.minimumSizeHint().height() > 1.8 * two_rows  # four rows now
    assert all(b.width() >= b.minimumSizeHint().width() for b in buttons)
    grid.resize(wide, 200)
    QApplication.processEvents()
    assert grid.columns == 4
