"""Shape rules: the output shape of each layer kind and the shapes of its weights and biases."""

from __future__ import annotations

import numpy as np

from nnsim.engine.convshape import conv_output_size
from nnsim.engine.errors import EngineError
from nnsim.model.layer_kinds import layer_kind
from nnsim.model.specs import MAX_LAYER_SIZE, DocumentError, LayerSpec


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
    """The output shape of a derived-shape layer given its input shape (its kind's shape
    rule in nnsim.model.layer_kinds; may raise)."""
    rec = layer_kind(layer.kind)
    if rec is None or rec.shape_rule is None:
        raise DocumentError(f"{layer.kind} layers have no derived shape")
    return rec.shape_rule(layer, in_shape)


def fitted_shape(layer: LayerSpec, in_shape) -> tuple[tuple | None, int]:
    """A derived-shape layer's (shape, size) from its input shape, or (None, 0) when it
    does not fit its input or would exceed MAX_LAYER_SIZE (the canvas shows such a layer
    and compile explains why; it never raises)."""
    try:
        shp = derived_shape(layer, in_shape)
    except DocumentError:
        return None, 0
    size = int(np.prod(shp))
    return (None, 0) if size > MAX_LAYER_SIZE else (shp, size)


def link_weight_shape(src: LayerSpec, dst: LayerSpec) -> tuple:
    """Shape of the weight array of a link from ``src`` into ``dst`` (by ``dst``'s kind)."""
    rec = layer_kind(dst.kind)
    return rec.weight_shape(src, dst) if rec is not None and rec.weight_shape else (0,)


def bias_shape(layer: LayerSpec) -> tuple:
    """Shape of a layer's bias array (by its kind)."""
    rec = layer_kind(layer.kind)
    return rec.bias_shape(layer) if rec is not None and rec.bias_shape else (0,)


def _resize(arr: np.ndarray, shape: tuple, fill=0.0) -> np.ndarray:
    """Copy the overlapping block of ``arr`` into a new array of ``shape`` (rest = fill)."""
    out = np.full(shape, fill, dtype=arr.dtype)
    if arr.ndim == len(shape):
        block = tuple(slice(0, min(a, b)) for a, b in zip(arr.shape, shape))
        out[block] = arr[block]
    return out
