"""Errors the engine raises for bad networks and bad input."""


class EngineError(ValueError):
    """A network or an input the engine cannot work with; the message says why."""


class NetworkError(EngineError):
    """The network's structure is wrong (a cycle, a shape mismatch, a missing layer)."""


class ShapeError(EngineError):
    """An array has the wrong shape for the layer it is fed to."""
