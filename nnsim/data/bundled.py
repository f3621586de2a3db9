"""Where the data package finds the data files that ship with nnsim."""

from __future__ import annotations

from pathlib import Path


def bundled(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``bundled("datasets", "mnist")``.

    Uses :func:`nnsim.paths.resource` (installed package or frozen bundle). A source
    checkout that was never installed has no ``nnsim.resources`` package; there the
    ``resources`` folder beside the ``nnsim`` package is used instead.
    """
    try:
        from nnsim.paths import resource

        return resource(*parts)
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2].joinpath("resources", *parts)
