"""What the ``nnsim`` subcommands share: exit codes, the user's error, opening and saving, a progress bar."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

#: Exit codes: 0 fine, 1 an error the message explains, 2 bad arguments (argparse) or no
#: display for the window, 130 Ctrl+C.
EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


class CliError(ValueError):
    """A problem with what the user asked for; printed as one line."""


def language(args) -> str:
    """The text language: ``--lang`` if given, else ``NNSIM_LANG`` or ``LANG`` ("zh" or "en")."""
    if getattr(args, "lang", None):
        return args.lang
    env = os.environ.get("NNSIM_LANG") or os.environ.get("LANG", "")
    return "zh" if env.lower().startswith("zh") else "en"


def open_document(spec: str):
    """A document from a file path, or from a lesson name when no such file exists.

    Returns
    -------
    tuple
        The document and a name for messages ("lesson NAME" or the file's name).
    """
    from nnsim.api import load
    from nnsim.lessons import lesson_names

    path = Path(spec)
    if not path.exists() and spec.lower() in lesson_names():
        return load(spec), f"lesson {spec}"
    return load(spec), path.name


def save_document(doc, out: str) -> Path:
    """Save ``doc`` as a .nnsim file at ``out``; returns the path written."""
    from nnsim.model.fileformat import save

    return save(doc, out)


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {v}")
    return v


def number(text: str) -> float:
    """An argparse type: a finite number as ``parse_number`` reads it ("0,5" and "1/100" too)."""
    from nnsim.engine.notation import parse_number

    try:
        return parse_number(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None


def pct(v) -> str:
    """An accuracy as a percentage, or "n/a" for NaN (regression has no accuracy)."""
    return "n/a" if v != v else f"{v:.1%}"


class Progress:
    """A plain-text progress bar on stderr: redrawn in place on a terminal, a line per step otherwise."""

    def __init__(self, total: int, stream=None, width: int = 30):
        self.total = max(int(total), 1)
        self.stream = sys.stderr if stream is None else stream
        self.width = width
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_line = -1
        self._last_draw = 0.0

    def update(self, done: int, text: str = "") -> None:
        """Show ``done`` of ``total`` steps, with ``text`` after the bar."""
        frac = min(max(done / self.total, 0.0), 1.0)
        filled = int(round(frac * self.width))
        bar = "#" * filled + "." * (self.width - filled)
        line = f"[{bar}] {done}/{self.total} {text}"
        if self.tty:
            now = time.monotonic()
            if done < self.total and now - self._last_draw < 0.05:
                return  # at most 20 redraws a second
            self._last_draw = now
            self.stream.write("\r" + line + "\x1b[K")
        else:
            # A log file gets ten lines, not thousands.
            step = int(frac * 10)
            if step == self._last_line and done < self.total:
                return
            self._last_line = step
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line on a terminal."""
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
