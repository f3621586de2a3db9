"""The desktop GUI (the only package that imports PySide6): canvas, inspectors, main window."""

from nnsim.gui.compat import guard_none_refcount

# Before any Qt object calls back into Python (see nnsim.gui.compat).
guard_none_refcount()
