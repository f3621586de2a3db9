"""The guard against PySide6 6.12's leak of references to None keeps the app alive."""

import gc
import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from nnsim.gui.compat import none_leak_guard_needed


def test_which_versions_need_the_guard():
    assert none_leak_guard_needed("6.12.0", (3, 11, 7))
    assert not none_leak_guard_needed("6.11.3", (3, 11, 7))
    assert not none_leak_guard_needed("6.12.0", (3, 12, 1))


def test_many_python_paints_and_undos_do_not_free_none(qapp):
    """50 000 Python paint() and undo()/redo() calls: enough to abort an unguarded 3.11
    interpreter under PySide6 6.12.0 (None starts with a few thousand references)."""
    import nnsim.gui  # noqa: F401 - applies the guard

    class Item(QGraphicsItem):
        def boundingRect(self):
            return QRectF(0, 0, 10, 10)

        def paint(self, painter, option, widget=None):
            pass

    scene = QGraphicsScene()
    for _ in range(50):
        scene.addItem(Item())
    img = QImage(64, 64, QImage.Format.Format_ARGB32)
    for _ in range(1000):
        p = QPainter(img)
        scene.render(p)
        p.end()

    class Cmd(QUndoCommand):
        def redo(self):
            pass

        def undo(self):
            pass

    stack = QUndoStack()
    stack.push(Cmd("x"))
    for _ in range(10000):
        stack.undo()
        stack.redo()
    gc.collect()
    assert sys.getrefcount(None) > 1000


def test_disconnect_quietly_cuts_a_connection_and_ignores_a_missing_one(qapp):
    from PySide6.QtCore import QObject, Signal

    from nnsim.gui.compat import disconnect_quietly

    class Source(QObject):
        changed = Signal()

    src, got = Source(), []

    def slot():
        got.append(1)

    src.changed.connect(slot)
    src.changed.emit()
    disconnect_quietly(src.changed, slot)
    src.changed.emit()
    disconnect_quietly(src.changed, slot)  # a second time: not connected, no error
    src.changed.emit()
    assert got == [1]
