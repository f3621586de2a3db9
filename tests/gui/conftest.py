"""GUI test set-up: offscreen Qt (set before Qt is imported) and a ready main window."""

import os

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
    install(win.context)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.undo_stack.setClean()
    win.close()
    win.deleteLater()


@pytest.fixture
def demo_window(qtbot, monkeypatch, tmp_path):
    """The window as ``nnsim`` builds it (``app.build_window``: every tool's docks and
    the demo views), with its own data folder."""
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    from nnsim.gui.app import build_window

    win = build_window(None, restore=False)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.set_presentation(False)
    win.demo_views.shutdown()
    win.undo_stack.setClean()
    win.close()
