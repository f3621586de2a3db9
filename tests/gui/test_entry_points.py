"""Every lesson opens on its own view, whichever way it is opened.

The entry points are driven through the code the user's action runs: the function that
``nnsim gui LESSON`` calls to build the window, the Lessons menu's actions, the lesson
browser's Open button, File ▸ Open (the file dialog answered), and the first start.
"""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDockWidget

from nnsim.lessons import LESSONS

LESSON_NAMES = [lesson.name for lesson in LESSONS if lesson.available]


def expected_view(name: str) -> str:
    """The view a lesson's file asks for (read from the file, not from the window)."""
    lesson = next(x for x in LESSONS if x.name == name)
    return lesson.load().meta.view or "network"


def check_view(win, name: str) -> None:
    """The lesson is open, its view is in front, and the docks fit that view."""
    view = expected_view(name)
    assert win.lesson_name == name or win.document.meta.lesson == name
    assert win.views.currentWidget() is win.view_widget(view), (
        f"{name} shows {win.views.tabText(win.views.currentIndex())!r}, not {view!r}"
    )
    docks = [d for d in win.findChildren(QDockWidget) if d.parent() is win]
    shown = {d.objectName() for d in docks if d.isVisibleTo(win)}
    if view == "network":
        # the canvas' tools are there: the palette, the inspector, the step-through
        assert {"dock_palette", "dock_inspector"} <= shown, shown
    else:
        # a demo view has the window to itself: the canvas' docks would only take room
        assert shown == set(), shown


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_command_line_opens_the_lesson_on_its_view(name, tmp_path, monkeypatch, built_window):
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    with built_window(name) as win:  # what `nnsim gui NAME` runs
        check_view(win, name)


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_lessons_menu_opens_the_lesson_on_its_view(name, app_window):
    win = app_window
    win.show_view("network")
    win._fill_lessons()  # what the menu does when it is about to show
    lesson = next(x for x in LESSONS if x.name == name)
    title = lesson.titles()["title_en"]
    actions = [a for a in win.lessons_menu.actions() if a.text().endswith(title)]
    assert len(actions) == 1, [a.text() for a in win.lessons_menu.actions()]
    actions[0].trigger()
    check_view(win, name)


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_lesson_browser_opens_the_lesson_on_its_view(name, app_window):
    win = app_window
    win.show_view("network")
    browser = win.demo_views.show_lessons()
    browser.select(name)
    browser.btn_open.click()
    assert not browser.isVisible()
    check_view(win, name)


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_file_open_of_a_lesson_file_opens_its_view(name, app_window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    win = app_window
    win.open_lesson("xor-two-layer")  # start elsewhere: on the canvas
    lesson = next(x for x in LESSONS if x.name == name)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(lesson.path), ""))
    )
    win.act_open.trigger()  # File ▸ Open…
    assert win.file_path == Path(lesson.path)
    check_view(win, name)


def test_a_network_file_brings_the_canvas_back(app_window, tmp_path):
    from nnsim.model import fileformat

    win = app_window
    win.open_lesson("rnn-shapes")
    assert win.views.currentWidget() is win.view_widget("rnn")
    path = tmp_path / "mine.nnsim"
    doc = next(x for x in LESSONS if x.name == "xor-two-layer").load()
    doc.update_meta(lesson=None)
    fileformat.save(doc, path)
    assert win.open_file(path, ask=False)
    assert win.views.currentWidget() is win.view_widget("network")
    assert win.palette_dock.isVisibleTo(win) and win.inspector_dock.isVisibleTo(win)


def test_first_start_opens_the_worked_example_and_the_browser(
    tmp_path, monkeypatch, qtbot, built_window
):
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    from nnsim.gui.lesson_browser import show_at_start

    with built_window(None) as win:  # what `nnsim` with no arguments runs
        win.show()
        check_view(win, "bp-worked-example")
        browser = show_at_start(win.context)  # the first start offers the lessons
        assert browser is not None and browser.isVisible()
        browser.select("mnist-cnn")
        assert browser.open_selected()
        check_view(win, "mnist-cnn")
        assert show_at_start(win.context) is None  # only once


# --- the Network tab shows only the panels that mean something for the lesson ----------------
def _steppable(doc) -> bool:
    """The step-through goes neuron by neuron through dense layers (BP or the perceptron rule)."""
    kinds = {layer.kind for layer in doc.layers.values()}
    return kinds <= {"input", "dense"}


def _two_inputs(doc) -> bool:
    inputs = [layer for layer in doc.layers.values() if layer.kind == "input"]
    return len(inputs) == 1 and inputs[0].size == 2 and doc.settings.dataset != "rise_fall"


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_network_tab_panels_mean_something(name, app_window):
    from PySide6.QtWidgets import QApplication

    from nnsim.data import DATASETS

    win = app_window
    win.open_lesson(name)
    win.show_view("network")
    for _ in range(3):
        QApplication.processEvents()
    doc = win.document
    ui = win.training_ui

    # The decision boundary: a plot over a plane of two inputs, else one short sentence
    # that fits the dock (a wrapped label: never cut at the plot's edges).
    boundary = ui.boundary
    if _two_inputs(doc):
        assert boundary.graphics.isVisibleTo(win) and not boundary.unavailable.isVisibleTo(win)
    else:
        note = boundary.unavailable
        assert note.isVisibleTo(win) and not boundary.graphics.isVisibleTo(win)
        assert note.text().startswith("No decision boundary: it is drawn over a plane of 2 inputs")
        assert note.text().endswith(".")
        assert note.heightForWidth(note.width()) <= note.height()
        assert not boundary.export_button.isVisibleTo(win)

    # The step-through invites → only where a pass can run; else it says why.
    formula = ui.formula
    text = formula.formula.text()
    next_neuron = ui.actions["next"]
    if _steppable(doc):
        assert "Press →" in formula.formula_plain and next_neuron.isEnabled()
    else:
        assert "Press" not in text and not next_neuron.isEnabled()
        assert formula.where.text() == "This network cannot be stepped."
        assert ui.actions["epoch"].isEnabled()  # training still runs

    # The data set named is the lesson's; settings it does not have are not shown.
    panel = ui.panel
    s = doc.settings
    if s.targets is not None:
        assert panel.data.dataset.currentText() == "The lesson's samples"
    elif s.dataset == "csv":  # the network's own table, by its file's name
        assert panel.data.dataset.currentText() == f"Table {doc.data.name}"
        assert doc.data.name.endswith(".csv")
        for key, label in panel.data.data_rows.items():
            assert label.isVisibleTo(win) == (key in ("train_fraction", "seed")), key
    else:
        assert panel.data.dataset.currentText() == DATASETS[s.dataset].title_en
        known = DATASETS[s.dataset].parameters()
        for key, label in panel.data.data_rows.items():
            assert label.isVisibleTo(win) == (key in known), key


@pytest.mark.parametrize(("name", "view"), [("mnist-cnn", "cnn"), ("rnn-shapes", "rnn")])
def test_the_step_through_offers_the_view_that_shows_the_network(name, view, app_window):
    win = app_window
    win.open_lesson(name)
    win.show_view("network")
    formula = win.training_ui.formula
    assert f'href="view:{view}"' in formula.formula.text()
    formula.formula.linkActivated.emit(f"view:{view}")  # the link clicked
    assert win.views.currentWidget() is win.view_widget(view)


def test_rnn_and_mnist_panels_in_chinese(app_window):
    from PySide6.QtWidgets import QApplication

    win = app_window
    win.set_language("zh_CN")
    try:
        win.open_lesson("rnn-shapes")
        win.show_view("network")
        QApplication.processEvents()
        ui = win.training_ui
        assert ui.panel.data.dataset.currentText() == "序列分类：上升还是下降"
        assert ui.formula.where.text() == "这个网络不能逐步计算。"
        assert ui.formula.formula_plain.startswith("循环网络不能逐步计算")
        assert ui.boundary.unavailable.text() == (
            "此处没有决策边界：它画在 2 个输入构成的平面上，而这个网络的输入是 10×1。"
        )
        win.open_lesson("mnist-mlp")
        win.show_view("network")
        assert not ui.panel.data.data_rows["n_points"].isVisibleTo(win)  # no "Points 10"
        assert ui.boundary.unavailable.text().endswith("而这个网络的输入是 784。")
    finally:
        win.set_language("en")


def test_an_opened_trained_file_says_it_keeps_no_history(app_window, tmp_path, qtbot):
    from nnsim.cli import main

    path = tmp_path / "xor.nnsim"
    assert main(["train", "xor-two-layer", "--epochs", "50", "--save", str(path)]) == 0
    win = app_window
    assert win.open_file(path, ask=False)
    error = win.training_ui.error
    note = error.empty_note
    # .nnsim files keep the weights, not the history: the empty plot says so
    assert note.isVisibleTo(win)
    assert note.text() == (
        "No history: the file keeps only the weights. Play or One epoch records one."
    )
    assert note.heightForWidth(note.width()) <= note.height()
    win.training_ui.actions["epoch"].trigger()
    qtbot.waitUntil(lambda: len(win.training.data) > 1 and not win.training.running, timeout=20000)
    qtbot.waitUntil(lambda: not note.isVisibleTo(win), timeout=5000)
    assert error.train_curve.getData()[0].size > 1
    win.undo_stack.setClean()
    win.open_lesson("xor-two-layer")
    assert note.isVisibleTo(win)
    assert note.text() == "No training yet: Play or One epoch draws the error here."
