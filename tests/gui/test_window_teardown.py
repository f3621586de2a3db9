"""A window the tests close is deleted with everything it made: nothing of it is left to
receive a later test's language switch, timers or posted events (on CI one such window
crashed a later test)."""

import shiboken6
from PySide6.QtWidgets import QApplication


def _ours() -> list:
    """nnsim's widgets among the top-level widgets alive (pyqtgraph keeps its plots'
    option menus of its own, parentless QMenus that no language switch reaches)."""
    return [w for w in QApplication.topLevelWidgets() if type(w).__module__.startswith("nnsim")]


def test_a_closed_window_leaves_no_widget_behind(built_window):
    from nnsim.gui.app import application

    application()
    before = _ours()
    with built_window("playground-circle") as win:
        win.show()
        explorer = win.training_ui.explorer
        assert win in _ours()
    assert not shiboken6.isValid(win) and not shiboken6.isValid(explorer)
    assert _ours() == before
    # a language switch now reaches only the living (the crash: a dead window's explorer)
    from nnsim.gui.i18n import language_manager

    languages = language_manager(QApplication.instance())
    languages.set_language("zh_CN", remember=False)
    languages.set_language("en", remember=False)
