"""Every keyboard shortcut of the window, with every tool installed, does one thing."""

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence


def _window_shortcuts(win) -> dict[str, list[str]]:
    """Key → the texts of the window-wide actions it triggers."""
    keys = defaultdict(list)
    for action in win.findChildren(QAction):
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue  # only while its own widget has the focus
        for seq in action.shortcuts():
            key = seq.toString(QKeySequence.SequenceFormat.PortableText)
            if key:
                keys[key].append(action.text() or action.objectName())
    return keys


def test_no_two_actions_share_a_shortcut(demo_window):
    keys = _window_shortcuts(demo_window)
    shared = {k: texts for k, texts in keys.items() if len(texts) > 1}
    assert shared == {}
    # the two that used to collide
    assert keys["Ctrl+L"] == [demo_window.demo_views.act_lessons.text()]
    assert keys["Ctrl+Shift+L"] == [demo_window.act_tidy.text()]
    assert len(keys) > 25  # the file, edit, view, training and stepping keys are all seen


def test_tidy_layout_shortcut_tidies(window):
    from nnsim.gui.canvas.layout import overlapping

    doc = window.document
    first, second = list(doc.layers)[:2]
    doc.move_layer(second, doc.layers[first].position)  # one on top of the other
    assert overlapping(doc, window.scene.theme)
    window.act_tidy.trigger()
    assert not overlapping(doc, window.scene.theme)
    assert window.act_tidy.shortcut().toString() == "Ctrl+Shift+L"
