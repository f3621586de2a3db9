"""The window's parts in their own modules (menus, files, look) keep the window's
translation context: in Chinese their texts are the shipped catalogue's."""

import xml.etree.ElementTree as ET

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from nnsim.gui import prefs
from nnsim.paths import resource


def _catalogue() -> dict[str, str]:
    """source → translation of the context "MainWindow" in nnsim_zh_CN.ts."""
    root = ET.parse(resource("translations", "nnsim_zh_CN.ts")).getroot()
    for ctx in root.findall("context"):
        if ctx.findtext("name") == "MainWindow":
            return {m.findtext("source"): m.findtext("translation") for m in ctx.findall("message")}
    return {}


def test_moved_texts_are_translated(window):
    zh = _catalogue()
    window.set_language("zh_CN")
    try:
        # window_menus.py: menu titles and action texts
        assert window.file_menu.title() == zh["&File"] == "文件(&F)"
        assert window.lessons_menu.title() == zh["&Lessons"]
        assert window.act_tidy.text() == zh["&Tidy layout"] == "整理布局(&T)"
        assert window.act_leave.text() == zh["Leave (F5)"]
        # window_files.py: Open recent, with no file opened yet
        prefs.settings().setValue("recent_files", [])
        assert prefs.recent_files() == []
        window._fill_recent()
        assert [a.text() for a in window.recent_menu.actions()] == [zh["(none)"]] == ["（无）"]
        # window_look.py: presentation mode renames the panels toggle
        window.set_presentation(True)
        assert window.act_panels.text() == zh["Panels (F6)"]
        window.set_presentation(False)
    finally:
        window.set_language("en")
    assert window.act_tidy.text() == "&Tidy layout"


def test_mixin_event_handlers_still_run(window):
    # eventFilter (window_menus.py): a menu added straight to the bar goes before Help
    window.menuBar().addMenu("Tools")
    assert window.menuBar().actions()[-1] is window.help_menu.menuAction()
    # changeEvent (window_menus.py): a language change re-sets the texts
    window.act_tidy.setText("stale")
    QApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
    assert window.act_tidy.text() == "&Tidy layout"
