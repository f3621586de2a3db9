"""Every lesson opens on its own view, whichever way it is opened.

The entry points are driven through the code the user's action runs: the function that
``nnsim gui LESSON`` calls to build the window, the Lessons menu's actions, the lesson
browser's Open button, File ▸ Open (the file dialog answered), and the first start.
"""

import os
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


@pytest.fixture(scope="module")
def app_window(tmp_path_factory):
    """One window as ``nnsim`` builds it, shared by the menu, browser and file tests."""
    os.environ["NNSIM_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))
    from nnsim.gui.app import build_window

    win = build_window(None, restore=False)
    win.resize(1280, 800)
    win.show()
    yield win
    win.demo_views.shutdown()
    win.undo_stack.setClean()
    win.close()


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_command_line_opens_the_lesson_on_its_view(name, tmp_path, monkeypatch):
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    from nnsim.gui.app import build_window

    win = build_window(name, restore=False)  # what `nnsim gui NAME` runs
    try:
        check_view(win, name)
    finally:
        win.demo_views.shutdown()
        win.undo_stack.setClean()
        win.close()


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


def test_first_start_opens_the_worked_example_and_the_browser(tmp_path, monkeypatch, qtbot):
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    from nnsim.gui.app import build_window
    from nnsim.gui.lesson_browser import show_at_start

    win = build_window(None, restore=False)  # what `nnsim` with no arguments runs
    try:
        win.show()
        check_view(win, "bp-worked-example")
        browser = show_at_start(win)  # the first start offers the lessons
        assert browser is not None and browser.isVisible()
        browser.select("mnist-cnn")
        assert browser.open_selected()
        check_view(win, "mnist-cnn")
        assert show_at_start(win) is None  # only once
    finally:
        win.demo_views.shutdown()
        win.undo_stack.setClean()
        win.close()
