"""The user's preferences (language, recent files, presentation mode) in an INI file."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from nnsim.paths import user_data_dir


def settings() -> QSettings:
    """The preferences store, kept in the user's nnsim data folder.

    An INI file beside the autosave (rather than the registry or ~/.config) so that one
    folder holds everything nnsim writes, and tests can redirect it with NNSIM_DATA_DIR.
    """
    return QSettings(str(user_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def recent_files() -> list[str]:
    """Most recently opened files, newest first."""
    value = settings().value("recent_files", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or [])]


def add_recent_file(path: str, limit: int = 8) -> list[str]:
    """Put ``path`` first in the recent-files list and return the new list."""
    files = [path] + [f for f in recent_files() if f != path]
    files = files[:limit]
    settings().setValue("recent_files", files)
    return files
