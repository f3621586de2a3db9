"""The document a user edits, its file format, its compilation to an engine network, sessions."""

from nnsim.model.document import (
    LAYER_KINDS,
    DocumentError,
    LayerSpec,
    LinkSpec,
    Meta,
    NetworkDocument,
    Settings,
)
from nnsim.model.fileformat import FORMAT_VERSION, LoadError, load, save

__all__ = [
    "LAYER_KINDS",
    "DocumentError",
    "FORMAT_VERSION",
    "LoadError",
    "LayerSpec",
    "LinkSpec",
    "Meta",
    "NetworkDocument",
    "Settings",
    "load",
    "save",
]
