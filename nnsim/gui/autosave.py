"""Autosave: write the open network every minute (NNSIM_AUTOSAVE_SECONDS); after a crash offer to bring it back."""

from __future__ import annotations

import json
import math
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from nnsim.model.atomic_file import pid_alive, remove_stale_temp_files
from nnsim.paths import user_data_dir

AUTOSAVE_NAME = "autosave.nnsim"
INFO_NAME = "autosave.json"
#: Seconds between autosaves unless the environment variable NNSIM_AUTOSAVE_SECONDS says.
AUTOSAVE_SECONDS = 60.0


def autosave_interval_ms() -> int:
    """The autosave interval: ``NNSIM_AUTOSAVE_SECONDS`` (a positive number) or 60 s.

    Tests and demonstrations set a short one; a value that is no positive number is
    ignored with a note on stderr.
    """
    text = os.environ.get("NNSIM_AUTOSAVE_SECONDS", "").strip()
    seconds = AUTOSAVE_SECONDS
    if text:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if math.isfinite(value) and 0 < value <= 86_400:
            seconds = value
        else:
            print(
                f"nnsim: NNSIM_AUTOSAVE_SECONDS={text!r} is not a number of seconds "
                f"(0 to 86400); autosaving every {AUTOSAVE_SECONDS:g} s",
                file=sys.stderr,
            )
    return max(1, int(round(seconds * 1000)))


def autosave_folder() -> Path:
    """Folder of the autosave inside the user's nnsim data folder."""
    path = user_data_dir() / "autosave"
    path.mkdir(parents=True, exist_ok=True)
    return path


def pending_autosave(folder: Path | None = None) -> tuple[Path, dict] | None:
    """The autosave a crashed session left behind, with its info, or None.

    An autosave whose writer is still running (another nnsim window) is not pending.
    """
    folder = folder or autosave_folder()
    path = folder / AUTOSAVE_NAME
    if not path.is_file():
        return None
    info: dict = {}
    try:
        info = json.loads((folder / INFO_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        info = {}
    pid = int(info.get("pid", -1)) if isinstance(info, dict) else -1
    if pid != os.getpid() and pid_alive(pid) and pid > 0:
        return None
    return path, info if isinstance(info, dict) else {}


def discard_autosave(folder: Path | None = None) -> None:
    """Remove the autosave files (after a clean exit or when the user declines restoring)."""
    folder = folder or autosave_folder()
    for name in (AUTOSAVE_NAME, AUTOSAVE_NAME + ".bak", INFO_NAME):
        try:
            (folder / name).unlink()
        except FileNotFoundError:
            pass


def remove_stale_saves(folders=()) -> list[Path]:
    """At start: remove the temp files that killed saves left in the autosave folder and
    in ``folders`` (those of the recent files); returns them."""
    removed = []
    for folder in dict.fromkeys([autosave_folder(), *map(Path, folders)]):
        removed += remove_stale_temp_files(folder)
    return removed


class Autosaver(QObject):
    """Saves the document returned by ``get_document`` every ``interval_ms`` while modified.

    Parameters
    ----------
    get_document : callable
        Returns the NetworkDocument to save (the window's current one).
    is_modified : callable
        True when the document has changes not saved by the user; a clean document is not
        autosaved (and a stale autosave is removed).
    source : callable, optional
        Returns the user's file path (or "") so a restore can say where it came from.
    interval_ms : int, optional
        Milliseconds between autosaves; by default :func:`autosave_interval_ms`.
    """

    def __init__(
        self,
        get_document: Callable,
        is_modified: Callable[[], bool],
        source: Callable[[], str] | None = None,
        parent: QObject | None = None,
        interval_ms: int | None = None,
        folder: Path | None = None,
    ):
        super().__init__(parent)
        self._get_document = get_document
        self._is_modified = is_modified
        self._source = source or (lambda: "")
        self.folder = folder or autosave_folder()
        self._last_revision: int | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(autosave_interval_ms() if interval_ms is None else interval_ms)
        self.timer.timeout.connect(self.save_now)

    @property
    def path(self) -> Path:
        """Where the autosave is written."""
        return self.folder / AUTOSAVE_NAME

    def start(self) -> None:
        """Start the periodic autosave."""
        self.timer.start()

    def stop(self) -> None:
        """Stop the periodic autosave."""
        self.timer.stop()

    def save_now(self) -> bool:
        """Write the autosave if the document changed since the last one; True if written."""
        from nnsim.model import fileformat

        doc = self._get_document()
        if doc is None:
            return False
        if not self._is_modified():
            if self._last_revision is not None:
                discard_autosave(self.folder)
                self._last_revision = None
            return False
        if self._last_revision == doc.revision and self.path.is_file():
            return False
        try:
            fileformat.save(doc, self.path)
            info = {"pid": os.getpid(), "source": self._source(), "time": time.time()}
            (self.folder / INFO_NAME).write_text(json.dumps(info), encoding="utf-8")
        except (OSError, ValueError):
            # A full disk or an unsavable document must never interrupt a lecture.
            return False
        self._last_revision = doc.revision
        return True

    def discard(self) -> None:
        """Remove the autosave (clean exit, or the user saved)."""
        discard_autosave(self.folder)
        self._last_revision = None
