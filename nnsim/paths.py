"""Where nnsim finds its bundled resources and keeps the user's data."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """Return the folder that holds the bundled resources.

    Works for a source checkout, an installed wheel (the ``nnsim.resources``
    package) and a PyInstaller bundle (``sys._MEIPASS``).
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "nnsim" / "resources"
    try:
        import nnsim.resources as res
    except ImportError:
        # A source checkout run from its top folder: resources/ sits beside nnsim/.
        return Path(__file__).resolve().parent.parent / "resources"
    return Path(res.__file__).resolve().parent


def resource(*parts: str) -> Path:
    """Path of one bundled resource, e.g. ``resource("lessons", "xor.nnsim")``."""
    return resources_dir().joinpath(*parts)


def user_data_dir() -> Path:
    """The per-user folder for autosaves, settings and downloaded data."""
    override = os.environ.get("NNSIM_DATA_DIR")
    if override:
        path = Path(override)
    elif sys.platform == "win32":
        path = Path(os.environ.get("APPDATA", Path.home())) / "nnsim"
    elif sys.platform == "darwin":
        path = Path.home() / "Library" / "Application Support" / "nnsim"
    else:
        path = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "nnsim"
    path.mkdir(parents=True, exist_ok=True)
    return path
