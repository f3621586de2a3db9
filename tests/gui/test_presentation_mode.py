"""Presentation mode (F5) gives the current view the screen: at 1280×800 the network canvas
takes at least 70 % of the window and every neuron name and printed number is at least
24 px tall on screen, for every bundled lesson; the formula stays large in a strip; the
panels come back with F6; leaving restores the layout exactly."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from nnsim.gui.presentation import projector_figures
from nnsim.gui.window_look import PRESENTATION_TEXT_PX
from nnsim.lessons import LESSONS

LESSON_NAMES = [lesson.name for lesson in LESSONS if lesson.available]


def behind(dock) -> bool:
    return dock.isVisible() and dock.visibleRegion().isEmpty()


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_every_lesson_fills_the_projector_at_24_px(weights_window, name, settle):
    """The figures per lesson: tests/benchmarks/bench_presentation.py prints them."""
    win = weights_window
    win.undo_stack.setClean()
    assert win.open_lesson(name)
    win.show_view("network")
    win.set_presentation(True)
    try:
        settle(win)
        share, smallest, whole = projector_figures(win)
        missing = sum(link.missing_labels for link in win.scene.link_items.values())
    finally:
        win.set_presentation(False)
    if name == "bp-worked-example":
        assert missing == 0  # 0.4 (A→h2) too
    assert share >= 0.70, share
    assert smallest >= PRESENTATION_TEXT_PX - 0.01, smallest
    assert whole


def test_presentation_collapses_the_panels_and_keeps_the_formula(demo_window, settle):
    win = demo_window
    docks = [d for d in win.findChildren(QDockWidget) if d.isVisible()]
    assert docks and win.toolbar.isVisible()
    win.act_presentation.trigger()  # F5
    settle(win)
    assert win.presentation
    assert not any(d.isVisible() for d in docks)
    assert not win.toolbar.isVisible() and not win.statusBar().isVisible()
    strip = win.presentation_strip
    assert strip.isVisible()
    assert "Press →" in strip.formula.text()
    # the strip's formula is larger than the application's text, which grew too
    assert strip.formula.font().pointSizeF() > QApplication.font().pointSizeF()
    # a step shows its formula there
    win.training_ui.actions["next"].trigger()
    QApplication.processEvents()
    # every weight of the worked example still printed while h1 is computed
    assert sum(link.missing_labels for link in win.scene.link_items.values()) == 0
    assert strip.formula.text() == win.training_ui.formula.formula.text()
    assert "0.755" in strip.formula.text()  # β1 = 0.35×0.1 + 0.9×0.8 = 0.755
    # one key brings the panels back, the same key collapses them again
    win.act_panels.trigger()  # F6
    assert all(d.isVisible() for d in docks)
    assert win.act_panels.text().startswith("Hide")
    win.act_panels.trigger()
    assert not any(d.isVisible() for d in docks)
    win.act_presentation.trigger()
    assert not strip.isVisible()


@pytest.mark.parametrize("detour", [None, "cnn"])
def test_leaving_presentation_restores_the_layout_exactly(demo_window, detour, settle):
    win = demo_window
    settle(win)
    # a width of the user's own: the one to come back
    win.resizeDocks([win.inspector_dock], [333], Qt.Orientation.Horizontal)
    settle(win)

    def layout():
        docks = {  # where a dock is seen (one behind another's tab has no place)
            d.objectName(): (d.isVisible(), None if behind(d) else d.geometry().getRect())
            for d in win.findChildren(QDockWidget)
            if d.parent() is win
        }
        return (
            bytes(win.saveState()),
            win.geometry().getRect(),
            docks,
            win.toolbar.isVisible(),
            win.statusBar().isVisible(),
            win.view.size().toTuple(),
        )

    before = layout()
    win.set_presentation(True)
    settle(win)
    if detour:  # another view in front while presenting, back before leaving
        win.show_view(detour)
        QApplication.processEvents()
        win.show_view("network")
        QApplication.processEvents()
    win.act_panels.trigger()  # panels shown in presentation mode, then leave
    win.set_presentation(False)
    for _ in range(4):
        QApplication.processEvents()
    after = layout()
    assert after[1:] == before[1:]  # geometry, docks, bars, canvas
    assert after[0] == before[0]  # and Qt's own record of the docks


def test_leaving_on_another_view_keeps_its_panels_hidden(demo_window, settle):
    """The CNN view hides the canvas's panels while in front; leaving presentation mode
    there keeps them hidden, and the canvas gets them back."""
    win = demo_window
    settle(win)
    shown = {d for d in win.findChildren(QDockWidget) if d.isVisible()}
    win.set_presentation(True)
    win.show_view("cnn")
    QApplication.processEvents()
    win.set_presentation(False)
    QApplication.processEvents()
    assert not any(d.isVisible() for d in shown)
    win.show_view("network")
    QApplication.processEvents()
    assert {d for d in win.findChildren(QDockWidget) if d.isVisible()} == shown


def test_the_demo_views_grow_for_the_projector(demo_window, capsys, settle):
    """The CNN, RNN and exercise views take the window too; their numbers grow: the
    convolution's grids fill the width (its settings fold away), the confusion matrix
    prints its counts at the text's size, the unrolled RNN draws ten steps at a time."""
    from nnsim.gui.demos.matrix import TEXT_SHARE

    win = demo_window
    views = win.demo_views
    win.show_view("cnn")  # switched on while another view is in front
    win.set_presentation(True)
    rows = []
    for name in ("cnn", "rnn", "exercise"):
        win.show_view(name)
        settle(win)
        page = win.view_widget(name)
        rows.append((name, page.width() * page.height() / (win.width() * win.height())))
    with capsys.disabled():
        print("\npresentation mode at 1280×800 (offscreen): share of the window per view")
        for name, share in rows:
            print(f"  {name:10s} {share:6.1%}")
    assert all(share >= 0.70 for _, share in rows), rows
    # the strip keeps only its buttons away from the canvas
    assert not win.presentation_strip.formula.isVisible()
    assert win.presentation_strip.leave_button.isVisible()

    conv = views.cnn.conv
    win.show_view("cnn")
    views.cnn.tabs.setCurrentIndex(0)
    settle(win)
    assert not conv.left_column.isVisible() and conv.btn_settings.isVisible()
    cell, _, _ = conv.sliding.input_view._geometry()
    assert cell * TEXT_SHARE >= PRESENTATION_TEXT_PX  # the 7×7 input's digits
    cell, _, _ = conv.sliding.output_view._geometry()
    longest = max(len(t) for row in conv.sliding.output_view.texts() for t in row)
    assert min(cell * TEXT_SHARE, cell * 1.6 / longest) >= PRESENTATION_TEXT_PX
    conv.btn_settings.setChecked(True)  # the settings come back on a click
    QApplication.processEvents()
    assert conv.left_column.isVisible()

    training = views.cnn.training
    views.cnn.tabs.setCurrentIndex(2)
    settle(win)
    confusion = training.confusion
    cell, _, _ = confusion._geometry()
    assert cell >= confusion.readable_cell() - 0.5
    # the model's name whole in its box ("…→ c" before)
    model = training.model
    assert model.width() >= model.fontMetrics().horizontalAdvance(model.currentText())

    win.show_view("rnn")
    settle(win)
    assert views.rnn.unrolled.max_columns == 10
    # the page grew with its taller unrolled network: nothing squeezed over another part
    assert views.rnn.height() >= views.rnn.minimumSizeHint().height()
    unrolled, slider = views.rnn.unrolled, views.rnn.time_slider
    assert unrolled.height() >= unrolled.minimumHeight()
    assert slider.geometry().top() >= unrolled.geometry().bottom()  # not drawn over it
    win.set_presentation(False)
    assert views.rnn.unrolled.max_columns == 0 and conv.left_column.isVisibleTo(conv)


@pytest.mark.parametrize("state", ["normal", "maximized"])
def test_presentation_goes_full_screen_and_comes_back(demo_window, state):
    """F5 gives the window the whole screen; F5 again puts back the window's state and,
    for a normal window, its geometry exactly."""
    win = demo_window
    if state == "maximized":
        win.showMaximized()
    else:
        win.setGeometry(30, 40, 700, 500)
    for _ in range(3):
        QApplication.processEvents()
    geometry, was_max = win.geometry(), win.isMaximized()
    assert was_max == (state == "maximized")
    win._presentation_layout.full_screen = True  # as on a real screen (not offscreen)
    win.act_presentation.trigger()  # F5
    QApplication.processEvents()
    assert win.isFullScreen()
    assert win.geometry() == win.screen().geometry()
    win.act_presentation.trigger()
    for _ in range(3):
        QApplication.processEvents()
    assert not win.isFullScreen()
    assert win.isMaximized() == was_max
    assert win.geometry() == geometry


def test_presentation_from_the_start_leaves_to_a_maximized_window(demo_window, built_window):
    """``nnsim gui --presentation``: the window opens full screen; F5 gives the
    maximised window ``nnsim gui`` opens without it."""
    with built_window(None, presentation=True) as win:
        assert win.presentation and not win.isVisible()  # shown by the caller
        win._presentation_layout.leave_to(Qt.WindowState.WindowMaximized)
        win.showFullScreen()
        QApplication.processEvents()
        assert win.isFullScreen()
        win.act_presentation.trigger()
        QApplication.processEvents()
        assert win.isMaximized() and not win.isFullScreen()
