"""Work-arounds for bugs of the Qt binding that would end the app in front of a class."""

from __future__ import annotations

import ctypes
import sys
import warnings

# PySide6 6.12.0 drops one reference to None each time Qt calls a Python override of a
# void virtual (QGraphicsItem.paint, QUndoCommand.redo/undo, event handlers, setPen...)
# and one to True on Signal.emit. Python 3.12+ never frees these objects (they are
# immortal there), but on 3.11 a count reaches zero after a few thousand repaints and the
# interpreter aborts ("deallocating None"). pyproject pins PySide6 below 6.12, the real
# fix; this guard covers an environment that installed 6.12 anyway.
_RESERVE = 1 << 40


def none_leak_guard_needed(pyside_version: str, python=sys.version_info) -> bool:
    """True for the Python/PySide6 pairs where None, True or False can be freed by the leak."""
    try:
        major, minor = (int(p) for p in pyside_version.split(".")[:2])
    except ValueError:
        return False
    return tuple(python[:2]) < (3, 12) and (major, minor) >= (6, 12)


def guard_none_refcount() -> bool:
    """Make None, True and False practically immortal where the leak can free them.

    Adds 2⁴⁰ to each one's reference count (a CPython object starts with its count): at a
    thousand leaked references a second that lasts 35 years. Returns True if applied.
    """
    import PySide6

    if not none_leak_guard_needed(PySide6.__version__):
        return False
    if sys.implementation.name != "cpython" or sys.getrefcount(None) > _RESERVE:
        return False
    for obj in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))
        # ob_refcnt is the first field; touch it only if it reads as the count.
        if abs(refcnt.value - sys.getrefcount(obj)) < 16:
            refcnt.value += _RESERVE
    return True


def disconnect_quietly(signal, slot) -> None:
    """Disconnect ``slot`` from ``signal``; nothing happens if they were not connected.

    Following another document starts by letting go of the old one, which may already be
    gone or never have been connected; PySide6 says so with a RuntimeWarning, or with
    RuntimeError, ValueError or TypeError, depending on its version and the case, none of
    which matters here.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            signal.disconnect(slot)
        except (ValueError, RuntimeError, TypeError):
            pass
