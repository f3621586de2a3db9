"""Document ⇄ plain JSON-ready dicts, with validation that names the field path of any error."""

from __future__ import annotations

import math
from dataclasses import fields

import numpy as np

from nnsim.model.checks import _check_activation, _check_params
from nnsim.model.document import NetworkDocument
from nnsim.model.layer_kinds import (
    IDENTITY_KINDS,
    NO_BIAS_KINDS,
    PARAM_ACTIVATION_KINDS,
    layer_kind,
)
from nnsim.model.settings import Meta, Settings, _meta_value
from nnsim.model.settings_rules import SettingsError, check_settings, join_field
from nnsim.model.shapes import bias_shape, fitted_shape, link_weight_shape
from nnsim.model.specs import (
    DERIVED_KINDS,
    LAYER_KINDS,
    MAX_LAYER_SIZE,
    MAX_WEIGHTS,
    SINGLE_INPUT_KINDS,
    DocumentError,
    LayerSpec,
    LinkSpec,
    _plain,
)


# --------------------------------------------------------------------------- out
def _acts_out(acts: list):
    # One name for a layer whose neurons all share it keeps files small and readable.
    if acts and all(a == acts[0] for a in acts):
        return acts[0]
    return list(acts)


def layer_to_dict(layer: LayerSpec) -> dict:
    """One layer as a JSON-ready dict."""
    d = {
        "id": layer.id,
        "kind": layer.kind,
        "label": layer.label,
        "size": int(layer.size),
        "shape": None if layer.shape is None else [int(s) for s in layer.shape],
        "activation": _acts_out(layer.activations) if layer.activations else None,
        "use_bias": bool(layer.use_bias),
        "bias": layer.biases.tolist(),
        "params": _plain(layer.params),
        "position": [float(layer.position[0]), float(layer.position[1])],
        "neuron_labels": None if layer.neuron_labels is None else list(layer.neuron_labels),
    }
    if layer.arrays:
        d["arrays"] = {k: v.tolist() for k, v in layer.arrays.items()}
    return d


def link_to_dict(link: LinkSpec) -> dict:
    """One link as a JSON-ready dict; a sparse link lists its edges as [i, j] pairs."""
    return {
        "id": link.id,
        "src": link.src,
        "dst": link.dst,
        "weights": link.weights.tolist(),
        "edges": None
        if link.mask is None
        else [[int(i), int(j)] for i, j in zip(*np.nonzero(link.mask))],
    }


def document_to_dict(doc: NetworkDocument) -> dict:
    """The whole document as a JSON-ready dict (no format envelope)."""
    return {
        "meta": dict(vars(doc.meta)),
        "settings": _plain(dict(vars(doc.settings))),
        "layers": [layer_to_dict(v) for v in doc.layers.values()],
        "links": [link_to_dict(v) for v in doc.links.values()],
    }


# --------------------------------------------------------------------------- in
class _Path:
    """Builds error messages that name where in the file the problem is."""

    def __init__(self, path: str = ""):
        self.path = path

    def __truediv__(self, key) -> _Path:
        if isinstance(key, int):
            return _Path(f"{self.path}[{key}]")
        return _Path(join_field(self.path, key))

    def fail(self, msg: str):
        raise DocumentError(f"{self.path or 'the file'}: {msg}")

    def __str__(self):
        return self.path


def _req(obj: dict, key: str, p: _Path):
    if key not in obj:
        p.fail(f"the field {key!r} is missing")
    return obj[key]


def _dict(v, p: _Path, known=None) -> dict:
    """``v`` if it is an object (with only the ``known`` fields, when given)."""
    if not isinstance(v, dict):
        p.fail(f"expected an object {{...}}, got {_kind(v)}")
    if known is not None:
        for k in v:
            if k not in known:
                (p / k).fail("unknown field")
    return v


def _list(v, p: _Path) -> list:
    if not isinstance(v, list):
        p.fail(f"expected a list [...], got {_kind(v)}")
    return v


def _str(v, p: _Path) -> str:
    if not isinstance(v, str):
        p.fail(f"expected text, got {_kind(v)}")
    return v


def _int(v, p: _Path, lo=None, hi=None) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        p.fail(f"expected a whole number, got {_kind(v)}")
    if lo is not None and v < lo:
        p.fail(f"must be at least {lo}, got {v}")
    if hi is not None and v > hi:
        p.fail(f"{v} is absurdly large (limit {hi})")
    return v


def _num(v, p: _Path) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        p.fail(f"expected a number, got {_kind(v)}")
    if not math.isfinite(v):
        p.fail(f"{v} is not a finite number")
    return float(v)


def _kind(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true/false"
    if isinstance(v, (int, float)):
        return f"the number {v!r}"
    if isinstance(v, str):
        return f"the text {v[:30]!r}"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "an object"
    return type(v).__name__


def _array(v, shape: tuple, p: _Path, budget: list) -> np.ndarray:
    """Nested lists of finite numbers with exactly ``shape``."""
    n = int(np.prod(shape)) if shape else 1
    budget[0] += n
    if budget[0] > MAX_WEIGHTS:
        p.fail(f"the file holds more than {MAX_WEIGHTS:,} numbers; that is absurdly large")

    def walk(x, dims, q: _Path):
        if not dims:
            return _num(x, q)
        if not isinstance(x, list):
            q.fail(f"expected a list of {dims[0]}, got {_kind(x)}")
        if len(x) != dims[0]:
            q.fail(f"expected {dims[0]} entries, got {len(x)}")
        return [walk(e, dims[1:], q / k) for k, e in enumerate(x)]

    # Fast path for the common, valid case: NumPy parses and checks in one go.
    try:
        a = np.array(v, dtype=np.float64)
        if a.shape == tuple(shape) and np.all(np.isfinite(a)) and _all_numbers(v, len(shape)):
            return a
    except (TypeError, ValueError, OverflowError):
        pass
    walk(v, tuple(shape), p)
    return np.array(v, dtype=np.float64).reshape(shape)


def _all_numbers(v, depth: int) -> bool:
    # np.array accepts True/False and numeric strings never (dtype=float64 rejects strings
    # by raising), but it does accept booleans; the format wants real numbers.
    if depth == 0:
        return not isinstance(v, bool) and isinstance(v, (int, float))
    return isinstance(v, list) and all(_all_numbers(e, depth - 1) for e in v)


def _settings_from(d, p: _Path) -> Settings:
    # The rules of nnsim.model.settings_rules, the ones the app's controls read.
    s = Settings()
    try:
        clean = check_settings(d, str(p), default_dataset=s.dataset)
    except SettingsError as e:
        raise DocumentError(str(e)) from None
    for k, v in clean.items():
        setattr(s, k, v)
    return s


def _meta_from(d, p: _Path) -> Meta:
    d = _dict(d, p)
    m = Meta()
    names = {f.name for f in fields(Meta)}
    for k, v in d.items():
        if k not in names:
            (p / k).fail("unknown field")
        try:
            setattr(m, k, _meta_value(k, v))
        except DocumentError as e:
            (p / k).fail(str(e))
    return m


_LAYER_KEYS = {
    "id",
    "kind",
    "label",
    "size",
    "shape",
    "activation",
    "use_bias",
    "bias",
    "params",
    "position",
    "neuron_labels",
    "arrays",
}
_LINK_KEYS = {"id", "src", "dst", "weights", "edges"}


def _layer_from(d, p: _Path) -> LayerSpec:
    d = _dict(d, p, _LAYER_KEYS)
    lid = _str(_req(d, "id", p), p / "id")
    if not lid or len(lid) > 40:
        (p / "id").fail("a layer id is 1–40 characters")
    kind = _str(_req(d, "kind", p), p / "kind")
    if kind not in LAYER_KINDS:
        (p / "kind").fail(f"unknown layer kind {kind!r}; one of {', '.join(LAYER_KINDS)}")
    size = _int(_req(d, "size", p), p / "size", 0, MAX_LAYER_SIZE)
    shape = d.get("shape")
    if shape is not None:
        _list(shape, p / "shape")
        if not 1 <= len(shape) <= 3:
            (p / "shape").fail("a shape has 1 to 3 sizes")
        shape = tuple(_int(s, p / "shape" / k, 1, MAX_LAYER_SIZE) for k, s in enumerate(shape))
    try:
        params = _check_params(kind, _dict(d.get("params") or {}, p / "params"))
    except DocumentError as e:
        (p / "params").fail(str(e))
    pos = _list(d.get("position", [0, 0]), p / "position")
    if len(pos) != 2:
        (p / "position").fail("a position is [x, y]")
    position = (_num(pos[0], p / "position" / 0), _num(pos[1], p / "position" / 1))
    label = _str(d.get("label", ""), p / "label")
    use_bias = d.get("use_bias", True)
    if not isinstance(use_bias, bool):
        (p / "use_bias").fail(f"expected true or false, got {_kind(use_bias)}")
    labels = d.get("neuron_labels")
    if labels is not None:
        labels = [
            _str(s, p / "neuron_labels" / k)
            for k, s in enumerate(_list(labels, p / "neuron_labels"))
        ]
    layer = LayerSpec(
        id=lid,
        kind=kind,
        size=size,
        shape=shape,
        use_bias=use_bias and kind not in NO_BIAS_KINDS,
        params=params,
        position=position,
        label=label,
        neuron_labels=labels,
    )
    acts = d.get("activation")
    if kind in PARAM_ACTIVATION_KINDS:
        layer.activations = []
    elif kind == "dense":
        if acts is None:
            (p / "activation").fail("a dense layer needs an activation")
        layer.activations = _acts_in(acts, size, p / "activation")
    else:
        layer.activations = ["identity"] * size
    return layer


def _acts_in(acts, size, p: _Path) -> list:
    if isinstance(acts, str):
        names = [acts] * size
    else:
        names = [_str(a, p / k) for k, a in enumerate(_list(acts, p))]
        if len(names) != size:
            p.fail(f"{len(names)} activations for {size} neurons")
    out, known = [], {}
    for k, a in enumerate(names):
        if a not in known:
            try:
                known[a] = _check_activation(a)
            except DocumentError as e:
                (p if isinstance(acts, str) else p / k).fail(str(e))
        out.append(known[a])
    return out


def document_from_dict(d) -> NetworkDocument:
    """Build and fully validate a document from ``document_to_dict`` output.

    Every structural fact is checked against the layer kinds' rules (sizes, shapes,
    weight shapes, edges, one input per single-input kind, no cycles) so that a document
    that loads is one the editor and the compiler can work with.
    """
    root = _Path("")
    d = _dict(d, root, ("meta", "settings", "layers", "links", "format", "version", "data"))
    doc = NetworkDocument(
        settings=_settings_from(d.get("settings", {}), root / "settings"),
        meta=_meta_from(d.get("meta", {}), root / "meta"),
    )
    if d.get("data") is not None:
        from nnsim.model.datasection import data_from_dict

        doc.data = data_from_dict(d["data"], "data")
    budget = [0]
    layer_dicts = _list(_req(d, "layers", root), root / "layers")
    link_dicts = _list(d.get("links", []), root / "links")
    raw_layers = {}
    for k, ld in enumerate(layer_dicts):
        p = root / "layers" / k
        layer = _layer_from(ld, p)
        if layer.id in doc.layers:
            (p / "id").fail(f"two layers have the id {layer.id!r}")
        doc.layers[layer.id] = layer
        raw_layers[layer.id] = (ld, p)
    # Links: structure first (so shapes can be derived), weights after.
    raw_links = {}
    for k, kd in enumerate(link_dicts):
        p = root / "links" / k
        kd = _dict(kd, p, _LINK_KEYS)
        lid = _str(_req(kd, "id", p), p / "id")
        src = _str(_req(kd, "src", p), p / "src")
        dst = _str(_req(kd, "dst", p), p / "dst")
        if lid in doc.links:
            (p / "id").fail(f"two links have the id {lid!r}")
        for key, ref in (("src", src), ("dst", dst)):
            if ref not in doc.layers:
                (p / key).fail(f"there is no layer {ref!r}")
        if src == dst:
            p.fail(f"layer {src!r} links to itself")
        if doc.layers[dst].kind == "input":
            (p / "dst").fail(f"input layer {dst!r} cannot take an incoming link")
        if doc.link_between(src, dst) is not None:
            p.fail(f"a second link from {src!r} to {dst!r}")
        if doc.layers[dst].kind in SINGLE_INPUT_KINDS and doc.incoming(dst):
            (p / "dst").fail(f"a {doc.layers[dst].kind} layer takes exactly one incoming link")
        if doc._reaches(dst, src):
            p.fail(f"the link {src} → {dst} closes a loop")
        doc.links[lid] = LinkSpec(lid, src, dst, np.zeros(0), None)
        raw_links[lid] = (kd, p)
    # Sizes and shapes, in data-flow order.
    for lid in doc.topological_order():
        layer = doc.layers[lid]
        ld, p = raw_layers[lid]
        if layer.kind == "input":
            if layer.shape is None:
                layer.shape = (layer.size,)
            if int(np.prod(layer.shape)) != layer.size:
                (p / "size").fail(f"{layer.size} does not match the shape {list(layer.shape)}")
            if layer.size < 1:
                (p / "size").fail("an input needs at least 1 neuron")
        elif layer.kind in DERIVED_KINDS:
            shp, size = fitted_shape(layer, doc._in_shape(lid))
            if layer.shape is not None and shp is not None and tuple(layer.shape) != shp:
                (p / "shape").fail(f"expected {list(shp)} from its input and parameters")
            if layer.size != size:
                (p / "size").fail(f"expected {size} from its input and parameters")
            layer.shape = shp
            if layer.kind in IDENTITY_KINDS:
                layer.activations = ["identity"] * size
        else:
            if layer.shape is not None and tuple(layer.shape) != (layer.size,):
                (p / "shape").fail(f"a {layer.kind} layer's shape is [{layer.size}] or null")
            layer.shape = None
            if layer.size < 1:
                (p / "size").fail("a layer needs at least 1 neuron")
        if layer.neuron_labels is not None and len(layer.neuron_labels) != layer.size:
            (p / "neuron_labels").fail(
                f"{len(layer.neuron_labels)} labels for {layer.size} neurons"
            )
        layer.biases = _array(_req(ld, "bias", p), bias_shape(layer), p / "bias", budget)
        if not layer.use_bias and np.any(layer.biases != 0):
            (p / "bias").fail("use_bias is false, so every bias must be 0")
        arrays = _dict(ld.get("arrays", {}), p / "arrays")
        rec = layer_kind(layer.kind)
        want = rec.arrays(layer) if rec.arrays else {}
        for name in arrays:
            if name not in want:
                (p / "arrays" / name).fail(f"a {layer.kind} layer has no array {name!r}")
        for name, shp in want.items():
            layer.arrays[name] = _array(
                _req(arrays, name, p / "arrays"), shp, p / "arrays" / name, budget
            )
    for lid, link in doc.links.items():
        kd, p = raw_links[lid]
        src, dst = doc.layers[link.src], doc.layers[link.dst]
        shape = link_weight_shape(src, dst)
        link.weights = _array(_req(kd, "weights", p), shape, p / "weights", budget)
        edges = kd.get("edges")
        if edges is not None:
            if dst.kind != "dense":
                (p / "edges").fail("only links into dense layers list single edges")
            mask = np.zeros(shape, bool)
            for k, e in enumerate(_list(edges, p / "edges")):
                q = p / "edges" / k
                e = _list(e, q)
                if len(e) != 2:
                    q.fail("an edge is [source neuron, destination neuron]")
                i = _int(e[0], q / 0, 0, shape[0] - 1)
                j = _int(e[1], q / 1, 0, shape[1] - 1)
                if mask[i, j]:
                    q.fail(f"the edge [{i}, {j}] is listed twice")
                mask[i, j] = True
            if not mask.any():
                (p / "edges").fail("a link needs at least one edge (or null for a full link)")
            if np.any(link.weights[~mask] != 0):
                (p / "weights").fail("a weight without an edge must be 0")
            link.mask = mask
    return doc
