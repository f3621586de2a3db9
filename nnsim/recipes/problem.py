"""What the plots need to know about a session: its data in the input plane, the output
unit, the parameter names; and a display copy of the network for heatmaps.

The worker thread trains the session's own network. The UI thread never reads that
network while it trains: it draws from a separate ``DisplayNet`` (the same document
compiled once more) into which it copies each snapshot's weights.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnsim.data import DATASETS, DOMAIN, FEATURES, featurize, featurize_dataset, load_dataset
from nnsim.engine.activations import activation_entry
from nnsim.engine.errors import EngineError
from nnsim.model.compile import CompileError, compile_document, push_weights
from nnsim.model.session import Session

#: Points per side of the boundary heatmap (Playground draws 100 × 100).
GRID = 100


def active_features(doc) -> list[str] | None:
    """Playground input features named by the input layer's neuron labels, if any.

    An input layer labelled ``x1, x2, x1^2`` feeds those features of the 2-D points; a
    2-neuron input without such labels takes the points as they are (``["x1", "x2"]``).
    """
    inputs = doc.input_layers()
    if len(inputs) != 1:
        return None
    layer = doc.layers[inputs[0]]
    labels = layer.neuron_labels
    if labels and len(labels) == layer.size and all(lab in FEATURES for lab in labels):
        return list(labels)
    return ["x1", "x2"] if layer.size == 2 else None


def is_plane_dataset(name: str) -> bool:
    """True for the Playground 2-D sets (drawn on the square [-6, 6]²)."""
    entry = DATASETS.get(str(name).lower())
    return entry is not None and entry.group == "playground"


def make_session(doc) -> tuple[Session, object]:
    """A session for ``doc`` and the raw 2-D data set behind it (None unless featurised).

    When the input layer takes Playground features other than the plain x1, x2, the
    session trains on the featurised copy of the data set.
    """
    s = doc.settings
    feats = active_features(doc)
    if s.targets is None and is_plane_dataset(s.dataset) and feats and feats != ["x1", "x2"]:
        try:
            raw = load_dataset(s.dataset, **s.dataset_params)
            return Session(doc, dataset=featurize_dataset(raw, feats)), raw
        except ValueError:
            pass  # the session reports the problem with its own message
    return Session(doc), None


class DisplayNet:
    """A copy of the document's network for drawing (never the one being trained)."""

    def __init__(self, doc):
        self.structure = doc.structure_revision
        try:
            self.comp = compile_document(doc, cache=False)
        except (CompileError, ValueError):
            self.comp = None

    @property
    def network(self):
        """The engine network, or None when the document does not compile."""
        return None if self.comp is None else self.comp.network

    def from_document(self, doc) -> np.ndarray | None:
        """Take the document's weights; returns them as a flat vector."""
        if self.comp is None:
            return None
        push_weights(doc, self.comp)
        return self.comp.network.theta.copy()

    def set_theta(self, theta) -> bool:
        """Take a flat weight vector (a snapshot's); False if it does not fit."""
        net = self.network
        if net is None or theta is None or np.size(theta) != net.theta.size:
            return False
        net.set_weights(theta)
        return True

    def grid(self, points: np.ndarray) -> dict | None:
        """Every layer's output on ``points`` (float32), or None."""
        net = self.network
        if net is None:
            return None
        try:
            with np.errstate(all="ignore"):
                return net.forward_grid(points, dtype=np.float32)
        except (ValueError, ArithmeticError):
            return None


@dataclass
class Problem:
    """The session as the plots see it (built on the UI thread while nothing trains)."""

    ok: bool = False
    message: str = ""
    plane: bool = False
    features: list | None = None
    domain: tuple = (-6.0, 6.0, -6.0, 6.0)
    grid_size: int = GRID
    grid_points: np.ndarray | None = None
    grid_input: np.ndarray | None = None
    train_xy: np.ndarray | None = None
    train_t: np.ndarray | None = None
    test_xy: np.ndarray | None = None
    test_t: np.ndarray | None = None
    classification: bool = True
    input_layer: str | None = None
    output_layer: str | None = None
    output_activation: str = "identity"
    levels: tuple = (0.0, 1.0)
    threshold: float = 0.5
    perceptron: bool = False
    hidden_layers: list = field(default_factory=list)
    param_names: list = field(default_factory=list)
    param_of_key: dict = field(default_factory=dict)
    n_params: int = 0
    #: The two inputs' names by language ("en", "zh"), for a data set that names them.
    axis_names: dict | None = None

    def indices_for(self, keys) -> list[int]:
        """Flat parameter indices for canvas selection keys (edge, neuron, layer)."""
        out: list[int] = []
        for key in keys:
            for i in self.param_of_key.get(tuple(key), ()):
                if i not in out:
                    out.append(i)
        return out


def _classes(t: np.ndarray, threshold) -> np.ndarray:
    t = np.asarray(t, dtype=np.float64)
    if t.ndim == 2 and t.shape[1] > 1:
        return np.argmax(t, axis=1).astype(np.float64)
    t = t.reshape(-1)
    if threshold is None:
        return t
    return (t >= threshold).astype(np.float64)


def _names(doc, comp) -> tuple[list[str], dict]:
    """A readable name per flat parameter and the parameters of each selection key."""
    net = comp.network
    slots = {(ln, pn): (sl, shape) for ln, pn, sl, shape in net.slots}
    names = [f"θ[{i}]" for i in range(net.theta.size)]
    by_key: dict = {}
    for kid, (lname, pname) in comp.param_of_link.items():
        link = doc.links[kid]
        sl, shape = slots[(lname, pname)]
        if len(shape) != 2:
            continue
        n_in, n_out = shape
        for i in range(n_in):
            for j in range(n_out):
                if link.mask is not None and not link.mask[i, j]:
                    continue
                k = sl.start + i * n_out + j
                names[k] = f"{doc.neuron_label(link.src, i)}→{doc.neuron_label(link.dst, j)}"
                for key in (("edge", kid, i, j), ("neuron", link.dst, j), ("layer", link.dst)):
                    by_key.setdefault(key, []).append(k)
    for lid, (lname, pname) in comp.bias_of_layer.items():
        layer = doc.layers[lid]
        sl, shape = slots[(lname, pname)]
        if not layer.use_bias or len(shape) != 1:
            continue
        for j in range(shape[0]):
            k = sl.start + j
            names[k] = f"b({doc.neuron_label(lid, j)})"
            for key in (("neuron", lid, j), ("layer", lid)):
                by_key.setdefault(key, []).append(k)
    return names, by_key


def describe(doc, session: Session, raw, display: DisplayNet) -> Problem:
    """Build the ``Problem`` for a session (UI thread, nothing training)."""
    p = Problem()
    comp = display.comp
    if comp is None:
        try:
            compile_document(doc, cache=False)
        except (CompileError, ValueError) as e:
            p.message = str(e)
        return p
    net = comp.network
    p.n_params = int(net.theta.size)
    p.param_names, p.param_of_key = _names(doc, comp)
    p.input_layer = net.input_names[0]
    p.output_layer = net.output_names[0]
    out_spec = doc.layers.get(p.output_layer)
    if out_spec is not None and out_spec.activations:
        p.output_activation = out_spec.activations[0]
    p.hidden_layers = [
        lid
        for lid in net.order
        if lid not in net.input_names and doc.layers[lid].kind == "dense" and lid != p.output_layer
    ]
    try:
        tr = session.trainer
    except ValueError as e:  # SessionError, TrainingError: the message says what to fix
        p.message = str(e)
        return p
    p.ok = True
    s = doc.settings
    p.classification = tr.task == "classification"
    p.threshold = float(tr.threshold)
    p.levels = activation_levels(p.output_activation)
    feats = active_features(doc)
    # the raw 2-D points behind the network's input
    if raw is not None:
        raw_x, raw_test = np.asarray(raw.x, float), raw.x_test
    else:
        d = session.data
        raw_x, raw_test = np.asarray(d.x, float), d.x_val
        feats = ["x1", "x2"] if raw_x.ndim == 2 and raw_x.shape[1] == 2 else None
        ds = d.dataset
        if feats is not None and ds is not None and ds.n_features == 2:
            p.axis_names = {lang: ds.names(lang)[0] for lang in ("en", "zh")}
    if feats is None or raw_x.ndim != 2 or raw_x.shape[1] != 2:
        return p
    p.plane = True
    p.features = feats
    if tr.val_index is not None:
        train_xy, test_xy = raw_x[tr.train_index], raw_x[tr.val_index]
    else:
        train_xy = raw_x
        test_xy = None if raw_test is None else np.asarray(raw_test, float)
    thr = tr.target_threshold
    p.train_xy, p.train_t = train_xy, _classes(tr.y_train, thr if p.classification else None)
    if test_xy is not None and tr.y_val is not None:
        p.test_xy, p.test_t = test_xy, _classes(tr.y_val, thr if p.classification else None)
    if not p.classification:
        y = p.train_t
        lo, hi = float(np.min(y)), float(np.max(y))
        m = max(abs(lo), abs(hi), 1e-6)
        p.levels = (-m, m)
    if s.targets is None and is_plane_dataset(s.dataset):
        x0, x1 = DOMAIN
        p.domain = (x0, x1, x0, x1)
    else:
        pts = train_xy if test_xy is None else np.vstack([train_xy, test_xy])
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        span = np.maximum(hi - lo, 1.0)
        lo, hi = lo - 0.25 * span, hi + 0.25 * span
        p.domain = (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))
    g = p.grid_size
    xs = np.linspace(p.domain[0], p.domain[1], g)
    ys = np.linspace(p.domain[2], p.domain[3], g)
    gx, gy = np.meshgrid(xs, ys)  # row = y, column = x
    p.grid_points = np.column_stack([gx.ravel(), gy.ravel()])
    inp = p.grid_points if feats == ["x1", "x2"] else featurize(p.grid_points, feats)
    p.grid_input = inp.astype(np.float32)
    p.perceptron = (
        s.rule == "perceptron"
        and len(net.order) == 2
        and doc.layers[p.output_layer].size == 1
        and net.layers[p.input_layer].shape == (2,)
    )
    return p


def activation_levels(name: str, values: np.ndarray | None = None) -> tuple[float, float]:
    """The colour range for outputs of an activation: symmetric around its decision value.

    σ and step: (0, 1); tanh and sign: (−1, 1); unbounded ones: ± the largest |value|
    (ReLU-like: 0 .. max drawn as white .. blue).
    """
    try:
        bounded = activation_entry(name).output_range  # the registry's (0, 1), (−1, 1)
    except EngineError:
        bounded = None
    if bounded is not None:
        return tuple(map(float, bounded))
    m = 1.0
    if values is not None and np.size(values):
        with np.errstate(invalid="ignore"):
            finite = np.asarray(values)[np.isfinite(values)]
        if finite.size:
            m = float(max(np.abs(finite).max(), 1e-6))
    return (-m, m)
