"""GUI test set-up: offscreen Qt (set before Qt is imported) and a ready main window."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    """A shown main window on the worked BP example, with its own data folder."""
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    from nnsim.gui.app import build_window

    win = build_window(None, restore=False)
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
