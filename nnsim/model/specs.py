"""The document's specs: layer kinds, ``LayerSpec`` and ``LinkSpec``, and ``DocumentError``."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

import numpy as np

from nnsim.model.layer_kinds import (  # noqa: F401  (live lists of the layer-kind registry)
    DERIVED_KINDS,
    IDENTITY_KINDS,
    LAYER_KINDS,
    NEURON_KINDS,
    NO_BIAS_KINDS,
    PARAM_ACTIVATION_KINDS,
    SINGLE_INPUT_KINDS,
)

RNN_MODES = ("many-to-one", "many-to-many", "one-to-many")

#: Guard against documents that would not fit in memory (a typo like 10**9 neurons).
MAX_LAYER_SIZE = 10_000_000
MAX_WEIGHTS = 10_000_000

_ID_RE = re.compile(r"^[A-Za-z0-9_.:\-]{1,40}$")


class DocumentError(ValueError):
    """An edit the document refuses; the message says why. The document is unchanged."""


# --------------------------------------------------------------------------- specs
@dataclass(eq=False)
class LayerSpec:
    """One layer of the document (a group of neurons, or a shaped layer such as a conv).

    Attributes
    ----------
    id : str
        Stable id, e.g. ``"L1"``.
    kind : str
        One of ``LAYER_KINDS``.
    size : int
        Number of neurons (for shaped layers the flat size; 0 while a derived shape is
        unknown, e.g. a conv whose kernel does not fit its input).
    shape : tuple or None
        Per-sample shape for input and shaped layers, e.g. ``(1, 28, 28)``; None for
        dense and maxout layers (their shape is ``(size,)``).
    activations : list of str
        One engine activation name per neuron (``"identity"`` for kinds without one).
    biases : numpy.ndarray
        float64. Dense and input: one per neuron (the book's threshold θ = −b).
        Maxout: (size, pieces). Conv: one per filter. Pool/flatten: empty.
        RNN: one per hidden unit.
    use_bias : bool
        False fixes every bias at 0 (the worked example has no thresholds).
    params : dict
        Kind-specific settings: maxout ``{"pieces": 2}``; conv ``{"filters", "kernel",
        "stride", "padding", "activation"}``; pool ``{"window", "stride"}``; rnn
        ``{"hidden", "mode", "activation"}``.
    position : tuple of float
        Where the canvas draws it (scene units).
    label : str
        A free name shown on the canvas, e.g. ``"hidden"``.
    neuron_labels : list of str or None
        E.g. ``["A", "B"]``; None means the defaults x1.., h1.., y1...
    arrays : dict of str to numpy.ndarray
        Parameter arrays that belong to the layer rather than to a link (the RNN's
        recurrent weights ``"Wh"``).
    """

    id: str
    kind: str
    size: int
    shape: tuple | None = None
    activations: list = field(default_factory=list)
    biases: np.ndarray = field(default_factory=lambda: np.zeros(0))
    use_bias: bool = True
    params: dict = field(default_factory=dict)
    position: tuple = (0.0, 0.0)
    label: str = ""
    neuron_labels: list | None = None
    arrays: dict = field(default_factory=dict)

    def copy(self) -> LayerSpec:
        """A deep copy."""
        return copy.deepcopy(self)

    @property
    def out_shape(self) -> tuple | None:
        """Per-sample output shape, or None while unknown."""
        if self.shape is not None:
            return tuple(self.shape)
        if self.kind in ("dense", "maxout"):
            return (self.size,)
        return None

    def __eq__(self, other):
        if not isinstance(other, LayerSpec):
            return NotImplemented
        return _spec_key(self) == _spec_key(other) and _arrays_equal(
            {"b": self.biases, **self.arrays}, {"b": other.biases, **other.arrays}
        )


@dataclass(eq=False)
class LinkSpec:
    """A connection from one layer to another.

    Attributes
    ----------
    id : str
    src, dst : str
        Layer ids.
    weights : numpy.ndarray
        float64. Into a dense layer: (src.size, dst.size), ``W[i, j]`` is the weight from
        source neuron i to destination neuron j (the book's v_ih, w_hj). Into a maxout
        layer: (src.size, dst.size, pieces). Into a conv: the kernel (filters, channels,
        k...) . Into an RNN: (features, hidden). Pool and flatten: empty.
    mask : numpy.ndarray of bool or None
        Dense links only: None = fully connected; otherwise which edges exist (masked
        weights are kept at 0).
    """

    id: str
    src: str
    dst: str
    weights: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    mask: np.ndarray | None = None

    def copy(self) -> LinkSpec:
        """A deep copy."""
        return copy.deepcopy(self)

    def __eq__(self, other):
        if not isinstance(other, LinkSpec):
            return NotImplemented
        if (self.id, self.src, self.dst) != (other.id, other.src, other.dst):
            return False
        if (self.mask is None) != (other.mask is None):
            return False
        if self.mask is not None and not np.array_equal(self.mask, other.mask):
            return False
        return self.weights.shape == other.weights.shape and np.array_equal(
            self.weights, other.weights
        )


def _spec_key(layer: LayerSpec):
    return (
        layer.id,
        layer.kind,
        layer.size,
        None if layer.shape is None else tuple(layer.shape),
        list(layer.activations),
        bool(layer.use_bias),
        _plain(layer.params),
        tuple(float(p) for p in layer.position),
        layer.label,
        None if layer.neuron_labels is None else list(layer.neuron_labels),
    )


def _plain(obj):
    """Tuples → lists, recursively, so params compare the same before and after JSON."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def _arrays_equal(a: dict, b: dict) -> bool:
    if a.keys() != b.keys():
        return False
    return all(a[k].shape == b[k].shape and np.array_equal(a[k], b[k]) for k in a)
