"""The document a user edits, its file format, its compilation to an engine network, sessions."""

from nnsim.model.compile import (
    Compiled,
    CompileError,
    compile_document,
    follow,
    network_weights,
    pull_weights,
    push_weights,
)
from nnsim.model.document import (
    LAYER_KINDS,
    DocumentError,
    LayerSpec,
    LinkSpec,
    Meta,
    NetworkDocument,
    Settings,
)
from nnsim.model.fileformat import FORMAT_VERSION, LoadError, SaveError, load, save
from nnsim.model.session import Session, SessionError

__all__ = [
    "LAYER_KINDS",
    "CompileError",
    "Compiled",
    "DocumentError",
    "FORMAT_VERSION",
    "LoadError",
    "LayerSpec",
    "LinkSpec",
    "Meta",
    "NetworkDocument",
    "SaveError",
    "Session",
    "SessionError",
    "Settings",
    "compile_document",
    "follow",
    "network_weights",
    "load",
    "pull_weights",
    "push_weights",
    "save",
]
