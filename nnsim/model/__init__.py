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

__all__ = [
    "LAYER_KINDS",
    "DocumentError",
    "LayerSpec",
    "LinkSpec",
    "Meta",
    "NetworkDocument",
    "Settings",
]
