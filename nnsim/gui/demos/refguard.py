"""Guard against PySide6 6.12.0 on CPython 3.11 releasing references to None it never took.

With that pair every call of a Qt method that returns nothing (``QPainter.drawRect``,
``QLabel.setText``, ``QWidget.update``...) lowers None's reference count by one. None
starts with about 20,000 references, so a few hundred repaints of a view with many
cells end in "Fatal Python error: none_dealloc". CPython 3.12 made None immortal, which
hides the bug there; PySide6 6.11 does not have it.

``install_guard`` measures whether this process has the bug and, if so, gives None,
True and False a reference-count headroom of 2**40 (what 3.12's immortality does), so
the count can never reach zero. It is idempotent and does nothing where the bug is
absent. ``nnsim.gui.compat`` (imported with ``nnsim.gui``) already gives None its
reserve; this adds True and False, which a finished demo session was seen to exhaust
too ("bool_dealloc" at exit), and skips any object that already has a reserve.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40
_installed = False


def leaks_none() -> bool:
    """True when a void Qt call takes a reference from None (the PySide6 6.12.0 bug)."""
    if sys.version_info >= (3, 12):
        return False  # None is immortal: nothing can run out
    from PySide6.QtGui import QColor

    color = QColor()
    before = sys.getrefcount(None)
    for _ in range(50):
        color.setRed(1)
    return sys.getrefcount(None) < before - 25


def install_guard() -> bool:
    """Give None, True and False a huge reference-count headroom if Qt leaks them.

    Returns True when the guard is (now or already) in place.
    """
    global _installed
    if _installed:
        return True
    if not leaks_none():
        return False
    for obj in (None, True, False):
        if sys.getrefcount(obj) > _HEADROOM // 2:
            continue  # already given a reserve (nnsim.gui.compat does None)
        # ob_refcnt is the first field of every object in a release build of CPython.
        ctypes.c_ssize_t.from_address(id(obj)).value += _HEADROOM
    _installed = True
    return True
