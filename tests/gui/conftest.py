"""GUI test set-up: offscreen Qt (set before Qt is imported) and a ready main window."""

import os
from contextlib import contextmanager

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def shell_window():
    """The main window as ``app.build_window`` makes it, without other tools' plug-ins.

    The GUI shell's tests stay independent of the stepping, training and demo tools,
    which test their own docks.
    """
    from nnsim.gui.app import application, open_initial
    from nnsim.gui.i18n import language_manager, saved_language
    from nnsim.gui.main_window import MainWindow

    app = application()
    languages = language_manager(app)
    languages.set_language(saved_language(), remember=False)
    win = MainWindow(languages)
    open_initial(win, None)
    return win


@pytest.fixture
def make_window(delete_window):
    """The ``shell_window`` factory, for tests that build a window themselves; the windows
    it made are deleted after the test."""
    made = []

    def make():
        made.append(shell_window())
        return made[-1]

    yield make
    for win in made:
        win.undo_stack.setClean()
        delete_window(win)


@contextmanager
def _shown_shell(qtbot, delete_window, *tools):
    """``shell_window()`` with ``tools`` installed, shown at 1280×800; closed after."""
    win = shell_window()
    for install in tools:
        install(win.context)
    # Not qtbot.addWidget: qtbot closes its widgets before the fixtures' teardown, and a
    # modified window would then wait for an answer to "save changes?".
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    try:
        yield win
    finally:
        # Tests leave edits behind; the window must close without asking.
        win.undo_stack.setClean()
        delete_window(win)


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path, delete_window):
    """A shown main window on the worked BP example, with its own data folder."""
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    with _shown_shell(qtbot, delete_window) as win:
        win.view.fit()
        yield win


@pytest.fixture
def training_window(qtbot, monkeypatch, tmp_path, delete_window):
    """A shown main window with training installed as ``build_window`` installs it (and
    nothing else), with its own data folder; on the initial network."""
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    from nnsim.gui.training import install

    with _shown_shell(qtbot, delete_window, install) as win:
        yield win


@contextmanager
def _shown_app_window(built_window, data_dir):
    """``built_window()`` shown at 1280×800, with ``data_dir`` as its data folder."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NNSIM_DATA_DIR", str(data_dir))
        with built_window() as win:
            win.resize(1280, 800)
            win.show()
            yield win


@pytest.fixture
def demo_window(qtbot, tmp_path, built_window):
    """The window as ``nnsim`` builds it (``app.build_window``: every tool's docks and the
    demo views), for one test, with its own data folder."""
    with _shown_app_window(built_window, tmp_path / "data") as win:
        qtbot.waitExposed(win)
        yield win


@pytest.fixture(scope="module")
def app_window(tmp_path_factory, built_window):
    """One window as ``nnsim`` builds it, shared by a module's tests (one window per test
    would take most of their time), with the module's own data folder."""
    with _shown_app_window(built_window, tmp_path_factory.mktemp("data")) as win:
        yield win


@pytest.fixture
def weights_window(app_window):
    """The module's shared window with the weights shown: every number the canvas prints."""
    app_window.act_weights.setChecked(True)
    return app_window


def _settle(win, size=(1280, 800), presentation=None) -> None:
    """Lay the window out at ``size`` (in or out of presentation mode first) and fit the
    canvas: what a lecturer sees once the window has settled."""
    if presentation is not None:
        win.set_presentation(presentation)
    QApplication.processEvents()  # presentation mode's full screen first, then this size
    win.resize(*size)
    for _ in range(4):
        QApplication.processEvents()
    win.view.fit()
    QApplication.processEvents()


def _open_on_canvas(win, lesson) -> None:
    """Open ``lesson`` in the shared window (what the last test edited dropped), on the canvas."""
    win.undo_stack.setClean()
    assert win.open_lesson(lesson)
    win.show_view("network")


@pytest.fixture
def open_on_canvas():
    """``open_on_canvas(win, lesson)``: a module's shared window on ``lesson``'s canvas."""
    return _open_on_canvas


@pytest.fixture
def settle():
    """``settle(win, size=(1280, 800), presentation=None)``: the window laid out at a size."""
    return _settle
