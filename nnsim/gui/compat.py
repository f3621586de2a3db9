"""Work-arounds for bugs of the Qt binding that would end the app in front of a class."""

from __future__ import annotations

import ctypes
import sys

# PySide6 6.12.0 drops one reference to None each time Qt calls a Python override of a
# void virtual (QGraphicsItem.paint, QUndoCommand.redo/undo, event handlers...). Python
# 3.12+ never frees None (it is immortal there), but on 3.11 None's count reaches zero
# after a few thousand repaints and the interpreter aborts ("none_dealloc: deallocating
# None"). 6.11.3 does not have the bug; pinning PySide6 below 6.12 is the real fix.
_RESERVE = 1 << 40


def none_leak_guard_needed(pyside_version: str, python=sys.version_info) -> bool:
    """True for the Python/PySide6 pairs where None can be freed by the leak."""
    try:
        major, minor = (int(p) for p in pyside_version.split(".")[:2])
    except ValueError:
        return False
    return tuple(python[:2]) < (3, 12) and (major, minor) >= (6, 12)


def guard_none_refcount() -> bool:
    """Make None practically immortal when the leak can free it; True if applied.

    Adds 2⁴⁰ to None's reference count (a CPython object starts with its count): at a
    thousand leaked references a second that lasts 35 years.
    """
    import PySide6

    if not none_leak_guard_needed(PySide6.__version__):
        return False
    if sys.implementation.name != "cpython" or sys.getrefcount(None) > _RESERVE:
        return False
    refcnt = ctypes.c_ssize_t.from_address(id(None))
    refcnt.value += _RESERVE
    return True
