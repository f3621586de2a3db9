"""GUI test set-up: offscreen Qt (set before Qt is imported) and a ready main window."""

import os
from contextlib import contextmanager

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402


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
def make_window():
    """The ``shell_window`` factory, for tests that build a window themselves."""
    return shell_window


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    """A shown main window on the worked BP example, with its own data folder."""
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    win = shell_window()
    # Not qtbot.addWidget: qtbot closes its widgets before this fixture's teardown, and a
    # modified window would then wait for an answer to "save changes?".
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.view.fit()
    yield win
    # Tests leave edits behind; the window must close without asking.
    win.undo_stack.setClean()
    win.close()
    win.deleteLater()


@pytest.fixture
def training_window(qtbot, monkeypatch, tmp_path):
    """A shown main window with training installed as ``build_window`` installs it (and
    nothing else), with its own data folder; on the initial network."""
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    from nnsim.gui.training import install

    win = shell_window()
    install(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.undo_stack.setClean()
    win.close()
    win.deleteLater()


def close_app_window(win) -> None:
    """Close a window ``app.build_window`` made: out of presentation mode, the demo views'
    workers ended, and without asking to save what the test left modified."""
    win.set_presentation(False)
    win.demo_views.shutdown()
    win.undo_stack.setClean()
    win.close()


@contextmanager
def app_window_at(data_dir):
    """The window as ``nnsim`` builds it (``app.build_window``: every tool's docks and the
    demo views), shown at 1280×800 with ``data_dir`` as its data folder; closed after."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NNSIM_DATA_DIR", str(data_dir))
        from nnsim.gui.app import build_window

        win = build_window(None, restore=False)
        win.resize(1280, 800)
        win.show()
        try:
            yield win
        finally:
            close_app_window(win)


@pytest.fixture
def demo_window(qtbot, tmp_path):
    """The window as ``nnsim`` builds it, for one test, with its own data folder."""
    with app_window_at(tmp_path / "data") as win:
        qtbot.waitExposed(win)
        yield win


@pytest.fixture(scope="module")
def app_window(tmp_path_factory):
    """One window as ``nnsim`` builds it, shared by a module's tests (one window per test
    would take most of their time), with the module's own data folder."""
    with app_window_at(tmp_path_factory.mktemp("data")) as win:
        yield win


@pytest.fixture
def weights_window(app_window):
    """The module's shared window with the weights shown: every number the canvas prints."""
    app_window.act_weights.setChecked(True)
    return app_window
