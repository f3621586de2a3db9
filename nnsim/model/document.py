"""The network document a user edits: layers, neurons, links, weights, settings; Qt-free, psygnal signals."""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass, field, fields

import numpy as np
from psygnal import Signal

from nnsim.engine.activations import get_activation
from nnsim.engine.convshape import conv_output_size
from nnsim.engine.errors import EngineError
from nnsim.model import settings_rules

#: Layer kinds a document may hold, in the order the editor's palette shows them.
LAYER_KINDS = (
    "input",
    "dense",
    "maxout",
    "conv1d",
    "conv2d",
    "maxpool",
    "avgpool",
    "flatten",
    "rnn",
)
#: Kinds whose shape follows from their input (the user sets parameters, not a size).
DERIVED_KINDS = ("conv1d", "conv2d", "maxpool", "avgpool", "flatten", "rnn")
#: Kinds that take exactly one incoming link.
SINGLE_INPUT_KINDS = ("maxout", "conv1d", "conv2d", "maxpool", "avgpool", "flatten", "rnn")
#: Kinds whose neurons the user adds and removes one by one.
NEURON_KINDS = ("input", "dense", "maxout")
#: Layer indices written as superscripts in default neuron names (h¹1, h²1).
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

NOTATIONS = ("book", "generic")
VIEWS = ("network", "cnn", "rnn", "compare")
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


@dataclass
class Settings:
    """How the network is trained and on what data.

    ``targets`` holds explicit samples for single-sample lessons (the worked example):
    a list of ``{"x": [...], "y": [...]}``; when set it replaces the data set.
    """

    dataset: str = "xor"
    dataset_params: dict = field(default_factory=dict)
    rule: str = "standard"
    lr: float = 0.1
    batch_size: int = 10
    optimizer: str = "sgd"
    momentum: float = 0.9
    regularization: str = "none"
    reg_lambda: float = 0.0
    early_stopping: bool = False
    patience: int = 10
    validation_fraction: float = 0.0
    seed: int = 0
    init: str = "uniform01"
    loss: str = "squared_error"
    epochs: int = 100
    dtype: str = "float64"
    targets: list | None = None


@dataclass
class Meta:
    """Titles and notes (Chinese and English), the lesson name and how to show it."""

    title_zh: str = ""
    title_en: str = ""
    goal_zh: str = ""
    goal_en: str = ""
    notes_zh: str = ""
    notes_en: str = ""
    lesson: str | None = None
    notation: str = "book"
    view: str = "network"


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


# --------------------------------------------------------------------------- shapes
def _tuple_param(value, n: int, name: str) -> tuple:
    if isinstance(value, (list, tuple)):
        if len(value) != n:
            raise DocumentError(f"{name} needs {n} numbers, got {len(value)}")
        return tuple(int(v) for v in value)
    return (int(value),) * n


def _window_size(n, f, stride, padding) -> int:
    # The engine's one output-size function, so the canvas, the inspector and the
    # compiler all show the same formula with the same numbers.
    try:
        return conv_output_size(n, f, stride, padding)
    except EngineError as e:
        raise DocumentError(str(e)) from None


def conv_output_shape(in_shape, params: dict, dims: int) -> tuple:
    """Output shape of a conv layer, or raise ``DocumentError`` saying why it does not fit.

    The size along each axis is (N + 2P − F)/S + 1 (COURSE.md §11); it must be whole.
    """
    if in_shape is None:
        raise DocumentError("its input shape is not known yet")
    if len(in_shape) != dims + 1:
        want = "(channels, length)" if dims == 1 else "(channels, height, width)"
        raise DocumentError(
            f"a conv{dims}d layer needs an input of shape {want}, got {tuple(in_shape)}"
        )
    k = _tuple_param(params.get("kernel", 3), dims, "kernel")
    s = _tuple_param(params.get("stride", 1), dims, "stride")
    p = _tuple_param(params.get("padding", 0), dims, "padding")
    out = [int(params.get("filters", 1))]
    for n, f, st, pad in zip(in_shape[1:], k, s, p):
        out.append(_window_size(n, f, st, pad))
    return tuple(out)


def pool_output_shape(in_shape, params: dict) -> tuple:
    """Output shape of a 2-D pooling layer (window and stride per axis, no padding)."""
    if in_shape is None:
        raise DocumentError("its input shape is not known yet")
    if len(in_shape) != 3:
        raise DocumentError(
            f"pooling takes an input of shape (channels, height, width), got {tuple(in_shape)}"
        )
    dims = 2
    w = _tuple_param(params.get("window", 2), dims, "window")
    s = _tuple_param(params.get("stride", params.get("window", 2)), dims, "stride")
    out = [in_shape[0]]
    for n, f, st in zip(in_shape[1:], w, s):
        out.append(_window_size(n, f, st, 0))
    return tuple(out)


def rnn_output_shape(in_shape, params: dict) -> tuple:
    """Output shape of an Elman RNN layer: (hidden,) or (steps, hidden) by mode."""
    if in_shape is None:
        raise DocumentError("its input shape is not known yet")
    mode = params.get("mode", "many-to-one")
    hidden = int(params.get("hidden", 8))
    if mode == "one-to-many":
        if len(in_shape) != 1:
            raise DocumentError(f"a one-to-many RNN takes a vector, got shape {tuple(in_shape)}")
        return (int(params.get("steps", 5)), hidden)
    if len(in_shape) != 2:
        raise DocumentError(
            f"an RNN takes a sequence of shape (steps, features), got {tuple(in_shape)}"
        )
    return (hidden,) if mode == "many-to-one" else (in_shape[0], hidden)


def derived_shape(layer: LayerSpec, in_shape) -> tuple:
    """The output shape of a derived-shape layer given its input shape (may raise)."""
    k = layer.kind
    if k in ("conv1d", "conv2d"):
        return conv_output_shape(in_shape, layer.params, 1 if k == "conv1d" else 2)
    if k in ("maxpool", "avgpool"):
        return pool_output_shape(in_shape, layer.params)
    if k == "flatten":
        if in_shape is None:
            raise DocumentError("its input shape is not known yet")
        return (int(np.prod(in_shape)),)
    if k == "rnn":
        return rnn_output_shape(in_shape, layer.params)
    raise DocumentError(f"{k} layers have no derived shape")


def link_weight_shape(src: LayerSpec, dst: LayerSpec) -> tuple:
    """Shape of the weight array of a link from ``src`` into ``dst``."""
    k = dst.kind
    if k == "dense":
        return (src.size, dst.size)
    if k == "maxout":
        return (src.size, dst.size, int(dst.params.get("pieces", 2)))
    if k in ("conv1d", "conv2d"):
        dims = 1 if k == "conv1d" else 2
        ksz = _safe_tuple(dst.params.get("kernel", 3), dims)
        ins = src.out_shape
        channels = ins[0] if ins is not None and len(ins) == dims + 1 else 0
        return (int(dst.params.get("filters", 1)), channels, *ksz)
    if k == "rnn":
        ins = src.out_shape
        feats = ins[-1] if ins is not None and len(ins) >= 1 else 0
        return (feats, int(dst.params.get("hidden", 8)))
    return (0,)


def bias_shape(layer: LayerSpec) -> tuple:
    """Shape of a layer's bias array."""
    k = layer.kind
    if k in ("input", "dense"):
        return (layer.size,)
    if k == "maxout":
        return (layer.size, int(layer.params.get("pieces", 2)))
    if k in ("conv1d", "conv2d"):
        return (int(layer.params.get("filters", 1)),)
    if k == "rnn":
        return (int(layer.params.get("hidden", 8)),)
    return (0,)


def _safe_tuple(value, n):
    try:
        return _tuple_param(value, n, "kernel")
    except (DocumentError, TypeError, ValueError):
        return (1,) * n


def _resize(arr: np.ndarray, shape: tuple, fill=0.0) -> np.ndarray:
    """Copy the overlapping block of ``arr`` into a new array of ``shape`` (rest = fill)."""
    out = np.full(shape, fill, dtype=arr.dtype)
    if arr.ndim == len(shape):
        block = tuple(slice(0, min(a, b)) for a, b in zip(arr.shape, shape))
        out[block] = arr[block]
    return out


# --------------------------------------------------------------------------- checks
def _check_finite(value, what: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise DocumentError(f"{what} must be a number, not {value!r}") from None
    if not math.isfinite(v):
        raise DocumentError(f"{what} must be a finite number, not {value!r}")
    return v


def _check_activation(name) -> str:
    try:
        return get_activation(name).name
    except EngineError as e:
        raise DocumentError(str(e)) from None


def _check_size(size, what="a layer's size") -> int:
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)):
        raise DocumentError(f"{what} must be a whole number, not {size!r}")
    size = int(size)
    if size < 1:
        raise DocumentError(f"{what} must be at least 1, got {size}")
    if size > MAX_LAYER_SIZE:
        raise DocumentError(f"{what} of {size} is absurdly large (limit {MAX_LAYER_SIZE})")
    return size


def _check_params(kind: str, params: dict) -> dict:
    """Validate and complete kind-specific params (returns a new dict)."""
    params = dict(params or {})

    def pos_int(name, default, minimum=1):
        v = params.get(name, default)
        if isinstance(v, (list, tuple)):
            vals = [pos_int_value(name, x, minimum) for x in v]
            params[name] = list(vals)
            return
        params[name] = pos_int_value(name, v, minimum)

    def pos_int_value(name, v, minimum):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise DocumentError(f"{kind} parameter {name!r} must be a whole number, not {v!r}")
        if v < minimum:
            raise DocumentError(f"{kind} parameter {name!r} must be at least {minimum}, got {v}")
        if v > 100_000:
            raise DocumentError(f"{kind} parameter {name!r} = {v} is absurdly large")
        return int(v)

    allowed: tuple
    if kind == "maxout":
        allowed = ("pieces",)
        pos_int("pieces", 2, 2)
    elif kind in ("conv1d", "conv2d"):
        allowed = ("filters", "kernel", "stride", "padding", "activation", "convolution")
        pos_int("filters", 1)
        pos_int("kernel", 3)
        pos_int("stride", 1)
        pos_int("padding", 0, 0)
        params["activation"] = _check_activation(params.get("activation", "relu"))
        # "true" convolution flips the kernel (the lecture's demo); CNN layers correlate.
        params["convolution"] = bool(params.get("convolution", False))
    elif kind in ("maxpool", "avgpool"):
        allowed = ("window", "stride")
        pos_int("window", 2)
        pos_int("stride", params.get("window", 2))
    elif kind == "rnn":
        allowed = ("hidden", "mode", "activation", "steps")
        pos_int("hidden", 8)
        pos_int("steps", 5)
        if params.get("mode", "many-to-one") not in RNN_MODES:
            raise DocumentError(
                f"RNN mode {params.get('mode')!r} is unknown; choose one of {', '.join(RNN_MODES)}"
            )
        params.setdefault("mode", "many-to-one")
        params["activation"] = _check_activation(params.get("activation", "tanh"))
    else:
        allowed = ()
    extra = set(params) - set(allowed)
    if extra:
        raise DocumentError(
            f"{kind} layers have no parameter {sorted(extra)[0]!r}"
            + (f" (they have {', '.join(allowed)})" if allowed else "")
        )
    return params


def _settings_value(name: str, value, dataset: str = "xor"):
    """Validate one settings field by its rule (nnsim.model.settings_rules); return it cleaned.

    ``dataset`` is the data set whose parameters ``dataset_params`` must be.
    """
    try:
        if name == "dataset":
            return settings_rules.check_dataset(value)
        if name == "targets":
            return settings_rules.check_targets(value)
        if name == "dataset_params":
            return settings_rules.check_dataset_params(dataset, value)
        return settings_rules.check_setting(name, value)
    except settings_rules.SettingsError as e:
        if e.reason == "unknown setting":
            raise DocumentError(f"there is no setting {name!r}") from None
        raise DocumentError(str(e)) from None


def _meta_value(name: str, value):
    if name in ("title_zh", "title_en", "goal_zh", "goal_en", "notes_zh", "notes_en"):
        if not isinstance(value, str):
            raise DocumentError(f"{name} must be text")
        return value
    if name == "lesson":
        if value is not None and not isinstance(value, str):
            raise DocumentError("lesson must be a name or null")
        return value
    if name == "notation":
        if value not in NOTATIONS:
            raise DocumentError(f"notation must be one of {', '.join(NOTATIONS)}")
        return value
    if name == "view":
        if value not in VIEWS:
            raise DocumentError(f"view must be one of {', '.join(VIEWS)}")
        return value
    raise DocumentError(f"there is no meta field {name!r}")


# --------------------------------------------------------------------------- document
class NetworkDocument:
    """The network a user edits, with validated operations and change signals.

    Every operation validates first and raises ``DocumentError`` (a ``ValueError``) with a
    message a student understands, leaving the document unchanged; on success it bumps
    ``revision`` and emits its specific signal followed by ``changed``.

    ``structure_revision`` is bumped only by changes that need a new engine network
    (layers, links, masks, sizes, activations, params, dtype); weight, bias, position and
    text edits bump ``revision`` alone, so a session can push new weights into the compiled
    network instead of rebuilding it.
    """

    layer_added = Signal(str)
    layer_removed = Signal(str)
    layer_changed = Signal(str)
    layer_moved = Signal(str)
    link_added = Signal(str)
    link_removed = Signal(str)
    weights_changed = Signal(str)
    settings_changed = Signal()
    meta_changed = Signal()
    reset = Signal()
    changed = Signal()

    def __init__(self, settings: Settings | None = None, meta: Meta | None = None):
        self.layers: dict[str, LayerSpec] = {}
        self.links: dict[str, LinkSpec] = {}
        self.settings = settings if settings is not None else Settings()
        self.meta = meta if meta is not None else Meta()
        #: The document's own data (a ``nnsim.model.datasection.DataSection``) or None.
        self.data = None
        self.revision = 0
        self.structure_revision = 0

    # ----------------------------------------------------------------- helpers
    def _bump(self, structural: bool) -> None:
        self.revision += 1
        if structural:
            self.structure_revision += 1

    def _done(self, *signals) -> None:
        """Emit (signal, args...) tuples, then ``changed``."""
        for sig, *args in signals:
            sig.emit(*args)
        self.changed.emit()

    def _layer(self, layer_id) -> LayerSpec:
        try:
            return self.layers[layer_id]
        except (KeyError, TypeError):
            raise DocumentError(f"there is no layer {layer_id!r}") from None

    def _link(self, link_id) -> LinkSpec:
        try:
            return self.links[link_id]
        except (KeyError, TypeError):
            raise DocumentError(f"there is no link {link_id!r}") from None

    def _new_layer_id(self) -> str:
        n = 1
        nums = [int(m.group(1)) for k in self.layers if (m := re.fullmatch(r"L(\d+)", k))]
        if nums:
            n = max(nums) + 1
        while f"L{n}" in self.layers:
            n += 1
        return f"L{n}"

    def _new_link_id(self, src: str, dst: str) -> str:
        base = f"{src}-{dst}"
        lid, n = base, 2
        while lid in self.links:
            lid, n = f"{base}#{n}", n + 1
        return lid

    def link_between(self, src: str, dst: str) -> str | None:
        """The id of the link from ``src`` to ``dst``, or None."""
        for lid, link in self.links.items():
            if link.src == src and link.dst == dst:
                return lid
        return None

    def incoming(self, layer_id: str) -> list[str]:
        """Ids of the links into a layer, in the order they were made."""
        self._layer(layer_id)
        return [lid for lid, link in self.links.items() if link.dst == layer_id]

    def outgoing(self, layer_id: str) -> list[str]:
        """Ids of the links out of a layer."""
        self._layer(layer_id)
        return [lid for lid, link in self.links.items() if link.src == layer_id]

    def _reaches(self, start: str, goal: str) -> bool:
        """True when a path of links leads from ``start`` to ``goal``."""
        seen, todo = set(), [start]
        while todo:
            n = todo.pop()
            if n == goal:
                return True
            if n in seen:
                continue
            seen.add(n)
            todo.extend(link.dst for link in self.links.values() if link.src == n)
        return False

    def topological_order(self) -> list[str]:
        """Layer ids, every layer after its sources (the document never holds a cycle)."""
        order, state = [], {}

        def visit(n):
            if state.get(n):
                return
            state[n] = 1
            for link in self.links.values():
                if link.dst == n:
                    visit(link.src)
            order.append(n)

        for n in self.layers:
            visit(n)
        return order

    def input_layers(self) -> list[str]:
        """Ids of the input layers."""
        return [k for k, v in self.layers.items() if v.kind == "input"]

    def output_layers(self) -> list[str]:
        """Ids of the non-input layers that feed nothing."""
        srcs = {link.src for link in self.links.values()}
        return [k for k, v in self.layers.items() if v.kind != "input" and k not in srcs]

    def role(self, layer_id: str) -> str:
        """``"input"``, ``"output"`` or ``"hidden"``."""
        layer = self._layer(layer_id)
        if layer.kind == "input":
            return "input"
        return "output" if not self.outgoing(layer_id) else "hidden"

    def neuron_label(self, layer_id: str, j: int) -> str:
        """A neuron's label: the user's, or x1.. / h1.. / y1.. by the layer's role.

        With one hidden layer of neurons its units are h1, h2, … as in the book (and the
        worked example). With several, each name carries its hidden layer as a superscript,
        h¹1, h¹2, …, h²1, … (the layer index the generic notation writes o_j^(l) with), so
        no two neurons on one screen share a name.
        """
        layer = self._layer(layer_id)
        if layer.neuron_labels is not None and j < len(layer.neuron_labels):
            return layer.neuron_labels[j]
        return self._default_label(layer_id, j)

    def edge_list(self, link_id: str) -> list[tuple[int, int]]:
        """The (i, j) neuron pairs a link connects (every pair for a full link)."""
        link = self._link(link_id)
        src, dst = self.layers[link.src], self.layers[link.dst]
        if link.mask is not None:
            return [(int(i), int(j)) for i, j in zip(*np.nonzero(link.mask))]
        if dst.kind in ("dense", "maxout"):
            return [(i, j) for i in range(src.size) for j in range(dst.size)]
        return []

    def is_standard_mlp(self) -> tuple[bool, str]:
        """Whether this is a multi-layer feedforward network in the book's sense (COURSE §4).

        Returns
        -------
        (bool, str)
            True and "" or False and the reason (in English; the GUI translates it).
        """
        if not self.layers:
            return False, "the network is empty"
        inputs = self.input_layers()
        if len(inputs) != 1:
            return False, f"a standard network has one input layer, this one has {len(inputs)}"
        for lid, layer in self.layers.items():
            if layer.kind not in ("input", "dense"):
                return False, f"layer {lid} is a {layer.kind} layer, not a layer of neurons"
        chain = [inputs[0]]
        seen = {inputs[0]}
        while True:
            outs = self.outgoing(chain[-1])
            if not outs:
                break
            if len(outs) > 1:
                dsts = ", ".join(self.links[o].dst for o in outs)
                return (
                    False,
                    f"layer {chain[-1]} feeds several layers ({dsts}): a link skips a layer",
                )
            link = self.links[outs[0]]
            if link.mask is not None and not link.mask.all():
                return False, f"link {outs[0]} is not a full connection"
            if len(self.incoming(link.dst)) > 1:
                return False, f"layer {link.dst} has several incoming links: a link skips a layer"
            chain.append(link.dst)
            seen.add(link.dst)
        if len(seen) != len(self.layers):
            rest = [k for k in self.layers if k not in seen]
            return False, f"layer {rest[0]} is not on the path from input to output"
        if len(chain) < 2:
            return False, "the network has no output layer"
        return True, ""

    # ----------------------------------------------------------------- layers
    def add_layer(
        self,
        kind: str,
        size: int = 1,
        *,
        position=(0, 0),
        activation: str = "sigmoid",
        params: dict | None = None,
        shape=None,
        label: str = "",
        layer_id: str | None = None,
        use_bias: bool = True,
        neuron_labels=None,
    ) -> str:
        """Add a layer and return its id.

        ``size`` is the number of neurons for input/dense/maxout layers (an input may give
        ``shape`` instead, e.g. ``(1, 28, 28)``); shaped kinds take their size from their
        input once connected.
        """
        if kind not in LAYER_KINDS:
            raise DocumentError(
                f"unknown layer kind {kind!r}; choose one of {', '.join(LAYER_KINDS)}"
            )
        if layer_id is None:
            layer_id = self._new_layer_id()
        elif not isinstance(layer_id, str) or not _ID_RE.match(layer_id):
            raise DocumentError(
                f"a layer id must be 1–40 letters, digits or _.:- characters, not {layer_id!r}"
            )
        if layer_id in self.layers:
            raise DocumentError(f"there is already a layer {layer_id!r}")
        pos = self._check_position(position)
        params = _check_params(kind, params)
        if kind in DERIVED_KINDS:
            if shape is not None:
                raise DocumentError(
                    f"a {kind} layer's shape follows from its input; set its parameters"
                )
            size, lshape = 0, None
        elif kind == "input" and shape is not None:
            lshape = self._check_shape(shape)
            size = int(np.prod(lshape))
        else:
            if shape is not None:
                raise DocumentError(f"a {kind} layer takes a size, not a shape")
            size = _check_size(size)
            lshape = (size,) if kind == "input" else None
        if kind == "dense":
            acts = [_check_activation(activation)] * size
        elif kind in ("conv1d", "conv2d", "rnn"):
            acts = []
        else:
            acts = ["identity"] * size
        layer = LayerSpec(
            id=layer_id,
            kind=kind,
            size=size,
            shape=lshape,
            activations=acts,
            use_bias=bool(use_bias) and kind not in ("input", "maxpool", "avgpool", "flatten"),
            params=params,
            position=pos,
            label=self._check_text(label, "label"),
        )
        layer.biases = np.zeros(bias_shape(layer))
        if kind == "rnn":
            h = int(params["hidden"])
            layer.arrays = {"Wh": np.zeros((h, h))}
        if neuron_labels is not None:
            layer.neuron_labels = self._check_neuron_labels(neuron_labels, size)
        self.layers[layer_id] = layer
        self._bump(True)
        self._done((self.layer_added, layer_id))
        return layer_id

    def remove_layer(self, layer_id: str) -> None:
        """Remove a layer and every link to or from it."""
        self._layer(layer_id)
        gone = [lid for lid, link in self.links.items() if layer_id in (link.src, link.dst)]
        for lid in gone:
            del self.links[lid]
        del self.layers[layer_id]
        changed = self._reconcile()
        self._bump(True)
        self._done(
            *[(self.link_removed, lid) for lid in gone],
            (self.layer_removed, layer_id),
            *changed,
        )

    def set_shape(self, layer_id: str, shape) -> None:
        """Set an input layer's per-sample shape, e.g. ``(1, 28, 28)`` (links resize)."""
        layer = self._layer(layer_id)
        if layer.kind != "input":
            raise DocumentError("only an input layer's shape is set directly")
        shape = self._check_shape(shape)
        size = int(np.prod(shape))
        if shape == layer.shape:
            return
        self._check_total_weights(extra_rows={layer_id: size})
        layer.shape, layer.size = shape, size
        layer.activations = ["identity"] * size
        layer.biases = np.zeros(size)
        if layer.neuron_labels is not None:
            layer.neuron_labels = (layer.neuron_labels + [""] * size)[:size]
        changed = self._reconcile()
        self._bump(True)
        self._done((self.layer_changed, layer_id), *changed)

    # ----------------------------------------------------------------- neurons
    def add_neuron(
        self, layer_id: str, index: int | None = None, *, activation=None, bias=0.0
    ) -> int:
        """Add one neuron to a layer of neurons and return its index.

        Links resize: the new neuron's weights are 0; a full link stays full, a masked link
        gets no edges for it.
        """
        layer = self._layer(layer_id)
        if layer.kind not in NEURON_KINDS:
            raise DocumentError(f"a {layer.kind} layer's size follows from its parameters")
        if layer.kind == "input" and layer.shape is not None and len(layer.shape) > 1:
            raise DocumentError("this input has a shape of images; change its shape instead")
        if index is None:
            index = layer.size
        index = self._check_index(index, layer.size + 1, "neuron index")
        _check_size(layer.size + 1)
        if layer.kind == "dense":
            act = _check_activation(activation if activation is not None else layer.activations[-1])
        else:
            if activation not in (None, "identity"):
                raise DocumentError(f"{layer.kind} neurons have no activation to choose")
            act = "identity"
        b = _check_finite(bias, "a bias")
        if b != 0 and not layer.use_bias:
            raise DocumentError("this layer has no biases (use_bias is off)")
        self._check_total_weights(extra_rows={layer_id: layer.size + 1})
        layer.size += 1
        if layer.kind == "input":
            layer.shape = (layer.size,)
        layer.activations.insert(index, act)
        if layer.kind == "maxout":
            layer.biases = np.insert(layer.biases, index, b, axis=0)
        else:
            layer.biases = np.insert(layer.biases, index, b)
        if layer.neuron_labels is not None:
            layer.neuron_labels.insert(index, self._default_label(layer_id, index))
        for lid in self.incoming(layer_id):
            link = self.links[lid]
            link.weights = np.insert(link.weights, index, 0.0, axis=1)
            if link.mask is not None:
                link.mask = np.insert(link.mask, index, False, axis=1)
        for lid in self.outgoing(layer_id):
            link = self.links[lid]
            if self.layers[link.dst].kind in ("dense", "maxout", "rnn"):
                link.weights = np.insert(link.weights, index, 0.0, axis=0)
                if link.mask is not None:
                    link.mask = np.insert(link.mask, index, False, axis=0)
        changed = self._reconcile()
        self._bump(True)
        self._done((self.layer_changed, layer_id), *self._links_of(layer_id), *changed)
        return index

    def remove_neuron(self, layer_id: str, index: int) -> None:
        """Remove one neuron and its weights (a layer keeps at least one neuron)."""
        layer = self._layer(layer_id)
        if layer.kind not in NEURON_KINDS:
            raise DocumentError(f"a {layer.kind} layer's size follows from its parameters")
        if layer.kind == "input" and layer.shape is not None and len(layer.shape) > 1:
            raise DocumentError("this input has a shape of images; change its shape instead")
        index = self._check_index(index, layer.size, "neuron index")
        if layer.size == 1:
            raise DocumentError("a layer needs at least one neuron; remove the layer instead")
        layer.size -= 1
        if layer.kind == "input":
            layer.shape = (layer.size,)
        del layer.activations[index]
        layer.biases = np.delete(layer.biases, index, axis=0)
        if layer.neuron_labels is not None:
            del layer.neuron_labels[index]
        for lid in self.incoming(layer_id):
            link = self.links[lid]
            link.weights = np.delete(link.weights, index, axis=1)
            if link.mask is not None:
                link.mask = np.delete(link.mask, index, axis=1)
        for lid in self.outgoing(layer_id):
            link = self.links[lid]
            if self.layers[link.dst].kind in ("dense", "maxout", "rnn"):
                link.weights = np.delete(link.weights, index, axis=0)
                if link.mask is not None:
                    link.mask = np.delete(link.mask, index, axis=0)
        # A masked link whose last edge went is removed, as disconnect would.
        emptied = [
            lid
            for lid in self.incoming(layer_id) + self.outgoing(layer_id)
            if self.links[lid].mask is not None and not self.links[lid].mask.any()
        ]
        for lid in emptied:
            del self.links[lid]
        changed = self._reconcile()
        self._bump(True)
        self._done(
            (self.layer_changed, layer_id),
            *[(self.link_removed, lid) for lid in emptied],
            *self._links_of(layer_id),
            *changed,
        )

    def _links_of(self, layer_id):
        return [
            (self.weights_changed, lid)
            for lid, link in self.links.items()
            if layer_id in (link.src, link.dst)
        ]

    # ----------------------------------------------------------------- links
    def connect(
        self,
        src: str,
        dst: str,
        src_index: int | None = None,
        dst_index: int | None = None,
        *,
        weights=None,
    ) -> str:
        """Connect two layers (indices None) or two neurons; return the link id.

        A neuron-to-neuron edge is a link whose mask holds that entry; connecting neurons
        of layers that are already linked adds the entry to the existing link's mask.
        ``weights`` optionally gives the new link's weights (or the new edge's weight).
        A cycle is refused.
        """
        s, d = self._layer(src), self._layer(dst)
        if src == dst:
            raise DocumentError("a layer cannot connect to itself (that would be a loop)")
        if d.kind == "input":
            raise DocumentError("an input layer takes no incoming links")
        if self._reaches(dst, src):
            raise DocumentError(
                f"connecting {src} → {dst} would close a loop ({dst} already feeds {src}); "
                "only an RNN layer may loop, inside itself"
            )
        if (src_index is None) != (dst_index is None):
            raise DocumentError("give both neuron indices, or neither for a full link")
        existing = self.link_between(src, dst)
        if existing is None and d.kind in SINGLE_INPUT_KINDS and self.incoming(dst):
            raise DocumentError(f"a {d.kind} layer takes exactly one incoming link")
        if src_index is not None:
            if d.kind != "dense":
                raise DocumentError(
                    f"single neuron-to-neuron edges go into dense layers, not a {d.kind} layer"
                )
            i = self._check_index(src_index, s.size, "source neuron index")
            j = self._check_index(dst_index, d.size, "destination neuron index")
            w = 0.0 if weights is None else _check_finite(weights, "the edge's weight")
            if existing is not None:
                link = self.links[existing]
                if link.mask is None or link.mask[i, j]:
                    if weights is not None:
                        link.weights[i, j] = w
                        self._bump(False)
                        self._done((self.weights_changed, existing))
                    return existing
                link.mask[i, j] = True
                link.weights[i, j] = w
                self._bump(True)
                self._done((self.weights_changed, existing))
                return existing
            self._check_total_weights(new_link=(src, dst))
            lid = self._new_link_id(src, dst)
            mask = np.zeros((s.size, d.size), bool)
            mask[i, j] = True
            W = np.zeros((s.size, d.size))
            W[i, j] = w
            self.links[lid] = LinkSpec(lid, src, dst, W, mask)
            self._bump(True)
            self._done((self.link_added, lid))
            return lid
        shape = link_weight_shape(s, d)
        if weights is not None:
            W = self._check_array(weights, shape, "the link's weights")
        if existing is not None:
            link = self.links[existing]
            structural = link.mask is not None
            if not structural and weights is None:
                return existing
            link.mask = None
            if weights is not None:
                link.weights = W
            self._bump(structural)
            self._done((self.weights_changed, existing))
            return existing
        self._check_total_weights(new_link=(src, dst))
        lid = self._new_link_id(src, dst)
        self.links[lid] = LinkSpec(
            lid, src, dst, W if weights is not None else np.zeros(shape), None
        )
        changed = self._reconcile()
        self._bump(True)
        self._done((self.link_added, lid), *changed)
        return lid

    def disconnect(
        self, src: str, dst: str, src_index: int | None = None, dst_index: int | None = None
    ) -> None:
        """Remove a link (indices None) or one edge of it; an empty mask removes the link."""
        s, d = self._layer(src), self._layer(dst)
        lid = self.link_between(src, dst)
        if lid is None:
            raise DocumentError(f"{src} and {dst} are not connected")
        link = self.links[lid]
        if (src_index is None) != (dst_index is None):
            raise DocumentError("give both neuron indices, or neither to remove the whole link")
        if src_index is not None:
            i = self._check_index(src_index, s.size, "source neuron index")
            j = self._check_index(dst_index, d.size, "destination neuron index")
            if d.kind != "dense":
                raise DocumentError(f"single edges into a {d.kind} layer cannot be removed")
            mask = np.ones(link.weights.shape, bool) if link.mask is None else link.mask.copy()
            if not mask[i, j]:
                raise DocumentError(
                    f"there is no edge from {self.neuron_label(src, i)} to {self.neuron_label(dst, j)}"
                )
            mask[i, j] = False
            if mask.any():
                link.mask = mask
                link.weights[i, j] = 0.0
                self._bump(True)
                self._done((self.weights_changed, lid))
                return
        del self.links[lid]
        changed = self._reconcile()
        self._bump(True)
        self._done((self.link_removed, lid), *changed)

    # ----------------------------------------------------------------- values
    def set_weight(
        self, link_id: str, i: int, j: int, value: float, *, piece: int | None = None
    ) -> None:
        """Set one weight W[i, j] (``piece`` selects a maxout piece)."""
        link = self._link(link_id)
        W = link.weights
        if W.ndim < 2:
            raise DocumentError("this link has no weights")
        i = self._check_index(i, W.shape[0], "source neuron index")
        j = self._check_index(j, W.shape[1], "destination neuron index")
        idx: tuple = (i, j)
        if W.ndim == 3:
            if piece is None:
                raise DocumentError("a maxout link needs the piece number too")
            idx = (i, j, self._check_index(piece, W.shape[2], "piece"))
        elif W.ndim != 2:
            raise DocumentError("use set_weights for a kernel")
        elif piece is not None:
            raise DocumentError("only maxout links have pieces")
        v = _check_finite(value, "a weight")
        if link.mask is not None and not link.mask[i, j]:
            raise DocumentError(
                f"there is no edge from {self.neuron_label(link.src, i)} to "
                f"{self.neuron_label(link.dst, j)}; connect them first"
            )
        W[idx] = v
        self._bump(False)
        self._done((self.weights_changed, link_id))

    def set_weights(self, link_id: str, array) -> None:
        """Replace a link's whole weight array (masked entries are set to 0)."""
        link = self._link(link_id)
        W = self._check_array(array, link.weights.shape, f"the weights of {link_id}")
        if link.mask is not None:
            W[~link.mask] = 0.0
        link.weights = W
        self._bump(False)
        self._done((self.weights_changed, link_id))

    def set_bias(self, layer_id: str, j, value: float) -> None:
        """Set one bias (``j`` is a neuron index, or (neuron, piece) for maxout)."""
        layer = self._layer(layer_id)
        if not layer.use_bias:
            raise DocumentError(f"layer {layer_id} has no biases (use_bias is off)")
        B = layer.biases
        idx = j if isinstance(j, tuple) else (j,)
        if len(idx) != B.ndim:
            raise DocumentError(f"layer {layer_id}'s biases need {B.ndim} index(es)")
        idx = tuple(self._check_index(k, n, "bias index") for k, n in zip(idx, B.shape))
        B[idx] = _check_finite(value, "a bias")
        self._bump(False)
        self._done((self.layer_changed, layer_id))

    def set_biases(self, layer_id: str, array) -> None:
        """Replace a layer's biases."""
        layer = self._layer(layer_id)
        B = self._check_array(array, layer.biases.shape, f"the biases of {layer_id}")
        if not layer.use_bias and np.any(B != 0):
            raise DocumentError(f"layer {layer_id} has no biases (use_bias is off)")
        layer.biases = B
        self._bump(False)
        self._done((self.layer_changed, layer_id))

    def set_use_bias(self, layer_id: str, use_bias: bool) -> None:
        """Give a layer biases or fix them at 0 (turning them off zeroes them)."""
        layer = self._layer(layer_id)
        if layer.kind in ("input", "maxpool", "avgpool", "flatten") and use_bias:
            raise DocumentError(f"a {layer.kind} layer has no biases")
        layer.use_bias = bool(use_bias)
        if not use_bias:
            layer.biases = np.zeros_like(layer.biases)
        self._bump(True)
        self._done((self.layer_changed, layer_id))

    def set_activation(self, layer_id: str, name: str, index: int | None = None) -> None:
        """Set the activation of one neuron (``index``) or of every neuron of a layer."""
        layer = self._layer(layer_id)
        act = _check_activation(name)
        if layer.kind in ("conv1d", "conv2d", "rnn"):
            if index is not None:
                raise DocumentError(f"a {layer.kind} layer has one activation for all its units")
            layer.params["activation"] = act
        elif layer.kind != "dense":
            raise DocumentError(f"a {layer.kind} layer has no activation to choose")
        elif index is None:
            layer.activations = [act] * layer.size
        else:
            index = self._check_index(index, layer.size, "neuron index")
            layer.activations[index] = act
        self._bump(True)
        self._done((self.layer_changed, layer_id))

    def move_layer(self, layer_id: str, position) -> None:
        """Move a layer on the canvas."""
        layer = self._layer(layer_id)
        layer.position = self._check_position(position)
        self._bump(False)
        self._done((self.layer_moved, layer_id))

    def set_label(self, layer_id: str, label: str) -> None:
        """Rename a layer on the canvas."""
        layer = self._layer(layer_id)
        layer.label = self._check_text(label, "label")
        self._bump(False)
        self._done((self.layer_changed, layer_id))

    def set_neuron_labels(self, layer_id: str, labels) -> None:
        """Label a layer's neurons (e.g. ``["A", "B"]``); None restores x1.., h1.., y1..."""
        layer = self._layer(layer_id)
        layer.neuron_labels = (
            None if labels is None else self._check_neuron_labels(labels, layer.size)
        )
        self._bump(False)
        self._done((self.layer_changed, layer_id))

    def set_layer_params(self, layer_id: str, **params) -> None:
        """Change kind-specific parameters (pieces, kernel, stride, window, hidden...)."""
        layer = self._layer(layer_id)
        new = _check_params(layer.kind, {**layer.params, **params})
        if layer.kind in DERIVED_KINDS:
            # A layer whose shape stops fitting is allowed (the canvas shows it, compile
            # explains it) but an absurd size is not.
            trial = layer.copy()
            trial.params = new
            ins = self._in_shape(layer_id)
            try:
                shp = derived_shape(trial, ins)
                _check_size(int(np.prod(shp)), f"layer {layer_id}'s size")
            except DocumentError as e:
                if "absurd" in str(e):
                    raise
        old = layer.params
        layer.params = new
        try:
            self._check_total_weights()
        except DocumentError:
            layer.params = old
            raise
        if layer.kind == "rnn":
            h = int(new["hidden"])
            layer.arrays["Wh"] = _resize(layer.arrays.get("Wh", np.zeros((0, 0))), (h, h))
        changed = self._reconcile(force=[layer_id])
        self._bump(True)
        self._done((self.layer_changed, layer_id), *self._links_of(layer_id), *changed)

    def set_layer_array(self, layer_id: str, name: str, array) -> None:
        """Replace a layer-held parameter array (the RNN's recurrent weights ``"Wh"``)."""
        layer = self._layer(layer_id)
        if name not in layer.arrays:
            raise DocumentError(f"layer {layer_id} has no array {name!r}")
        layer.arrays[name] = self._check_array(
            array, layer.arrays[name].shape, f"{layer_id}.{name}"
        )
        self._bump(False)
        self._done((self.layer_changed, layer_id))

    def update_settings(self, **fields_) -> None:
        """Change training settings; every field is validated before any is applied.

        The data set's parameters are checked against the data set (the new one when both
        change); a new data set without new parameters keeps those of the old one that it
        takes too.
        """
        names = {f.name for f in fields(Settings)}
        clean = {}
        for k, v in fields_.items():
            if k not in names:
                raise DocumentError(f"there is no setting {k!r}")
            if k != "dataset_params":
                clean[k] = _settings_value(k, v)
        dataset = clean.get("dataset", self.settings.dataset)
        if "dataset_params" in fields_:
            clean["dataset_params"] = _settings_value(
                "dataset_params", fields_["dataset_params"], dataset
            )
        elif dataset != self.settings.dataset:
            clean["dataset_params"] = settings_rules.carry_params(
                dataset, self.settings.dataset_params
            )
        if not clean:
            return
        structural = "dtype" in clean and clean["dtype"] != self.settings.dtype
        for k, v in clean.items():
            setattr(self.settings, k, v)
        self._bump(structural)
        self._done((self.settings_changed,))

    def set_data(self, section) -> None:
        """Keep a data table with the network (a ``DataSection``, or None to drop it).

        Emits ``settings_changed``: what the network trains on changed. Choosing it for
        training is a settings change of its own (``dataset="csv"``).
        """
        from nnsim.model.datasection import DataSection

        if section is not None and not isinstance(section, DataSection):
            raise DocumentError(f"the data must be a DataSection or None, not {section!r}")
        self.data = section
        self._bump(False)
        self._done((self.settings_changed,))

    def update_meta(self, **fields_) -> None:
        """Change titles, notes, lesson name, notation or view."""
        names = {f.name for f in fields(Meta)}
        clean = {}
        for k, v in fields_.items():
            if k not in names:
                raise DocumentError(f"there is no meta field {k!r}")
            clean[k] = _meta_value(k, v)
        if not clean:
            return
        for k, v in clean.items():
            setattr(self.meta, k, v)
        self._bump(False)
        self._done((self.meta_changed,))

    # ----------------------------------------------------------------- bulk
    def set_all_weights(self, links: dict, biases: dict, arrays: dict | None = None) -> None:
        """Write many weight arrays at once (after training) with one ``weights_changed("")``.

        Shapes are checked first; nothing is written unless all fit.
        """
        checked_w = {
            lid: self._check_array(a, self._link(lid).weights.shape, f"weights of {lid}")
            for lid, a in links.items()
        }
        checked_b = {
            k: self._check_array(a, self._layer(k).biases.shape, f"biases of {k}")
            for k, a in biases.items()
        }
        checked_a = {}
        for (k, name), a in (arrays or {}).items():
            layer = self._layer(k)
            if name not in layer.arrays:
                raise DocumentError(f"layer {k} has no array {name!r}")
            checked_a[(k, name)] = self._check_array(a, layer.arrays[name].shape, f"{k}.{name}")
        for lid, W in checked_w.items():
            mask = self.links[lid].mask
            if mask is not None:
                W[~mask] = 0.0
            self.links[lid].weights = W
        for k, B in checked_b.items():
            if not self.layers[k].use_bias:
                B[...] = 0.0
            self.layers[k].biases = B
        for (k, name), A in checked_a.items():
            self.layers[k].arrays[name] = A
        self._bump(False)
        self._done((self.weights_changed, ""))

    def all_weights(self) -> tuple[dict, dict, dict]:
        """Copies of every weight array: (links, biases, arrays) as ``set_all_weights`` takes them.

        A training run is one undo step by these two: the weights before it and after it.
        """
        links = {k: link.weights.copy() for k, link in self.links.items()}
        biases = {k: layer.biases.copy() for k, layer in self.layers.items()}
        arrays = {
            (k, name): a.copy()
            for k, layer in self.layers.items()
            for name, a in layer.arrays.items()
        }
        return links, biases, arrays

    def snapshot(self) -> dict:
        """A deep copy of the whole content, for undo of structural edits."""
        return {
            "layers": {k: v.copy() for k, v in self.layers.items()},
            "links": {k: v.copy() for k, v in self.links.items()},
            "settings": copy.deepcopy(self.settings),
            "meta": copy.deepcopy(self.meta),
            "data": self.data,  # immutable: shared, not copied
        }

    def restore(self, snapshot: dict) -> None:
        """Replace the whole content by a ``snapshot()`` (emits ``reset``)."""
        try:
            layers = {k: v.copy() for k, v in snapshot["layers"].items()}
            links = {k: v.copy() for k, v in snapshot["links"].items()}
            settings = copy.deepcopy(snapshot["settings"])
            meta = copy.deepcopy(snapshot["meta"])
        except (KeyError, AttributeError, TypeError):
            raise DocumentError("not a snapshot of a document") from None
        self.layers, self.links, self.settings, self.meta = layers, links, settings, meta
        self.data = snapshot.get("data")
        self._bump(True)
        self._done((self.reset,))

    def replace_with(self, other: NetworkDocument) -> None:
        """Take over another document's content (e.g. after a load); emits ``reset``."""
        self.restore(other.snapshot())

    def copy(self) -> NetworkDocument:
        """An independent copy (signals are not connected)."""
        doc = NetworkDocument()
        snap = self.snapshot()
        doc.layers, doc.links = snap["layers"], snap["links"]
        doc.settings, doc.meta = snap["settings"], snap["meta"]
        doc.data = snap["data"]
        return doc

    def __eq__(self, other):
        if not isinstance(other, NetworkDocument):
            return NotImplemented
        return (
            list(self.layers) == list(other.layers)
            and list(self.links) == list(other.links)
            and all(self.layers[k] == other.layers[k] for k in self.layers)
            and all(self.links[k] == other.links[k] for k in self.links)
            and _plain(vars(self.settings)) == _plain(vars(other.settings))
            and vars(self.meta) == vars(other.meta)
            and self.data == other.data
        )

    __hash__ = object.__hash__  # identity: documents are mutable

    def __repr__(self) -> str:
        return f"NetworkDocument({len(self.layers)} layers, {len(self.links)} links, rev {self.revision})"

    # ----------------------------------------------------------------- dicts
    def to_dict(self) -> dict:
        """JSON-ready content (nested lists for arrays); see ``nnsim.model.fileformat``."""
        from nnsim.model.serialize import document_to_dict

        return document_to_dict(self)

    @classmethod
    def from_dict(cls, d: dict) -> NetworkDocument:
        """Build a document from ``to_dict()`` output, validating everything.

        Raises
        ------
        DocumentError
            Naming the field path, e.g. ``layers[1].biases: expected 2 numbers, got 3``.
        """
        from nnsim.model.serialize import document_from_dict

        return document_from_dict(d)

    # ----------------------------------------------------------------- internals
    def _in_shape(self, layer_id: str):
        inc = self.incoming(layer_id)
        if not inc:
            return None
        return self.layers[self.links[inc[0]].src].out_shape

    def _reconcile(self, force=()) -> list:
        """Recompute derived shapes downstream and resize arrays to match.

        Returns the (signal, id) pairs to emit for layers and links that changed.
        Keeps the overlapping block of resized arrays (new entries 0).
        """
        out = []
        for lid in self.topological_order():
            layer = self.layers[lid]
            before = (layer.size, layer.shape)
            if layer.kind in DERIVED_KINDS:
                try:
                    shp = derived_shape(layer, self._in_shape(lid))
                    size = int(np.prod(shp))
                    if size > MAX_LAYER_SIZE:
                        shp, size = None, 0
                except DocumentError:
                    shp, size = None, 0
                layer.shape, layer.size = shp, size
                if layer.kind in ("maxpool", "avgpool", "flatten"):
                    layer.activations = ["identity"] * size
            bshape = bias_shape(layer)
            moved = before != (layer.size, layer.shape)
            if layer.biases.shape != bshape:
                layer.biases = _resize(layer.biases, bshape)
                moved = True
            if len(layer.activations) != layer.size and layer.kind in ("dense", "maxout", "input"):
                fill = layer.activations[-1] if layer.activations else "identity"
                layer.activations = (layer.activations + [fill] * layer.size)[: layer.size]
                moved = True
            if moved or lid in force:
                if (self.layer_changed, lid) not in out:
                    out.append((self.layer_changed, lid))
            for kid in self.incoming(lid):
                link = self.links[kid]
                want = link_weight_shape(self.layers[link.src], layer)
                if link.weights.shape != tuple(want):
                    link.weights = _resize(link.weights, tuple(want))
                    if link.mask is not None:
                        if len(want) == 2:
                            link.mask = _resize(link.mask, tuple(want), False)
                        else:
                            link.mask = None
                    if link.mask is not None and not link.mask.any():
                        # Its last edge went with the resize (a source that lost its
                        # input has no neurons): removed, as disconnect would.
                        del self.links[kid]
                        out.append((self.link_removed, kid))
                        continue
                    out.append((self.weights_changed, kid))
        return out

    def _check_total_weights(self, extra_rows=None, new_link=None) -> None:
        """Refuse an edit that would push the document past ``MAX_WEIGHTS`` parameters."""
        sizes = {k: v.size for k, v in self.layers.items()}
        sizes.update(extra_rows or {})
        total = 0
        pairs = [(link.src, link.dst) for link in self.links.values()]
        if new_link:
            pairs.append(new_link)
        for s, d in pairs:
            dst = self.layers[d]
            if dst.kind in ("dense", "maxout"):
                total += (
                    sizes[s]
                    * sizes[d]
                    * (int(dst.params.get("pieces", 1)) if dst.kind == "maxout" else 1)
                )
            else:
                total += int(np.prod(link_weight_shape(self.layers[s], dst)))
        if total > MAX_WEIGHTS:
            raise DocumentError(
                f"that would make {total:,} weights; nnsim's limit is {MAX_WEIGHTS:,}"
            )

    @staticmethod
    def _check_index(i, n: int, what: str) -> int:
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)):
            raise DocumentError(f"{what} must be a whole number, not {i!r}")
        if not 0 <= i < n:
            raise DocumentError(
                f"{what} {i} is out of range (0..{n - 1})" if n else f"{what}: nothing to index"
            )
        return int(i)

    @staticmethod
    def _check_position(position) -> tuple:
        try:
            x, y = position
        except (TypeError, ValueError):
            raise DocumentError(f"a position is (x, y), not {position!r}") from None
        return (_check_finite(x, "x position"), _check_finite(y, "y position"))

    @staticmethod
    def _check_text(text, what) -> str:
        if not isinstance(text, str):
            raise DocumentError(f"the {what} must be text, not {text!r}")
        if len(text) > 10_000:
            raise DocumentError(f"the {what} is too long")
        return text

    @staticmethod
    def _check_shape(shape) -> tuple:
        if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
            shape = (shape,)
        if not isinstance(shape, (list, tuple)) or not 1 <= len(shape) <= 3:
            raise DocumentError(f"an input shape is 1 to 3 whole numbers, not {shape!r}")
        out = tuple(_check_size(s, "each size of the shape") for s in shape)
        _check_size(int(np.prod(out)), "the input size")
        return out

    def _check_neuron_labels(self, labels, size) -> list:
        labels = list(labels)
        if len(labels) != size:
            raise DocumentError(f"{len(labels)} neuron labels given for {size} neurons")
        for s in labels:
            self._check_text(s, "neuron label")
        return labels

    def _default_label(self, layer_id, index) -> str:
        role = self.role(layer_id)
        if role == "hidden" and self.layers[layer_id].kind in NEURON_KINDS:
            hidden = [
                n
                for n in self.topological_order()
                if self.layers[n].kind in NEURON_KINDS and self.role(n) == "hidden"
            ]
            if len(hidden) > 1:
                depth = str(hidden.index(layer_id) + 1).translate(_SUPERSCRIPT)
                return f"h{depth}{index + 1}"
        prefix = {"input": "x", "output": "y", "hidden": "h"}[role]
        return f"{prefix}{index + 1}"

    @staticmethod
    def _check_array(array, shape, what) -> np.ndarray:
        try:
            a = np.array(array, dtype=np.float64)
        except (TypeError, ValueError):
            raise DocumentError(f"{what} must be numbers") from None
        if a.shape != tuple(shape):
            raise DocumentError(f"{what} must have shape {tuple(shape)}, got {a.shape}")
        if not np.all(np.isfinite(a)):
            raise DocumentError(f"{what} contain NaN or infinity")
        return a
