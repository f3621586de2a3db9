"""Guard for item methods Qt calls from C++, where a Python exception would be fatal."""

from __future__ import annotations

import functools
import sys
import traceback


def never_raise(default_factory=None):
    """Decorate a paint/geometry method: log an exception and return a harmless default.

    Qt calls ``paint``, ``boundingRect`` and ``shape`` from C++; an exception escaping
    them can end the process in front of the class. The document is the truth and the
    next signal redraws, so skipping one frame is the right failure.
    """

    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception:  # noqa: BLE001 - see the docstring
                traceback.print_exc(file=sys.stderr)
                return default_factory() if default_factory is not None else None

        return inner

    return wrap
