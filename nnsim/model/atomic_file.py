"""Atomic file writes: a temp file, fsync, rename; permission bits kept; temp files of killed saves removed."""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path

#: A temp file of ours: ``.NAME.PID-RANDOM.tmp``; the PID says whether its writer still runs.
_TEMP_RE = re.compile(r"^\..+\.(\d+)-[A-Za-z0-9_]+\.tmp$")
#: A temp file of an nnsim that did not put its PID in the name: ``.NAME.nnsim.RANDOM.tmp``
#: (also ``.NAME.nnsim.bak.RANDOM.tmp``). Removed once older than ``OLD_TEMP_SECONDS``.
_OLD_TEMP_RE = re.compile(r"^\..+\.nnsim(\.bak)?\.[A-Za-z0-9_]{8}\.tmp$")
OLD_TEMP_SECONDS = 600


class SaveError(OSError):
    """A file that could not be written; the message names the user's path, not a temp file."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs (True when the platform cannot tell)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        # Exists but belongs to someone else, or the platform cannot tell: assume alive
        # so that we never remove a file another process is writing.
        return True
    return True


def remove_stale_temp_files(folder) -> list[Path]:
    """Remove the temp files that saves killed midway left in ``folder``; returns them.

    A temp file whose writer (the PID in its name) no longer runs, or an old-style one
    older than ``OLD_TEMP_SECONDS``, is removed; those of running saves are left alone.
    Never raises.
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(".tmp")):
            continue
        m = _TEMP_RE.match(name)
        try:
            if m is not None:
                stale = int(m.group(1)) != os.getpid() and not pid_alive(int(m.group(1)))
            elif _OLD_TEMP_RE.match(name):
                stale = now - entry.stat().st_mtime > OLD_TEMP_SECONDS
            else:
                continue
            if stale and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except (OSError, ValueError):
            continue
    return removed


def default_mode() -> int:
    """The permission bits a new file gets: 0o666 less the user's umask."""
    try:
        # Linux shows the umask without changing it (os.umask would, for every thread).
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path, data: bytes, mode: int | None = None) -> Path:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new one.

    The data goes to ``.NAME.PID-RANDOM.tmp`` in the same folder, is flushed to disk and
    renamed over ``path``. The file keeps the permission bits of the file it replaces;
    a new file gets ``mode`` or, by default, the user's (0o666 less the umask) — not the
    0o600 of a temp file.

    Raises
    ------
    SaveError
        Naming ``path`` (a missing folder, no permission, a full disk).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise SaveError(f"{path}: cannot save there, the folder {folder} {what}")
    try:
        bits = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        bits = default_mode() if mode is None else mode
    except OSError as e:
        raise SaveError(f"{path}: cannot save there ({e.strerror or e})") from None
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, bits)
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        raise SaveError(f"{path}: could not be saved ({e.strerror or e})") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    _fsync_dir(folder)
    return path


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open folders this way.
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
