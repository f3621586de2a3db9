"""The lecture's layer kinds as registry records: input, dense, maxout, conv, pooling, flatten, RNN.

Each record ties the kind's shape rule and parameter check (the document's), the shapes
of its weights, the engine layer it compiles to and its palette entry (tooltip in both
languages). Registered on first use of nnsim.model.layer_kinds, in the order the editor's
palette shows them (1-D convolution and average pooling are not in the palette).
"""

from __future__ import annotations

import importlib

import numpy as np

from nnsim.engine.activations import get_activation
from nnsim.engine.errors import EngineError, NetworkError
from nnsim.engine.layers import Dense, Input, Maxout
from nnsim.model import export_torch_layers as _torch
from nnsim.model.layer_kinds import LayerKind, PaletteEntry, register_layer_kind
from nnsim.model.shapes import conv_output_shape, pool_output_shape, rnn_output_shape
from nnsim.model.specs import RNN_MODES, DocumentError


def _engine_class(module: str, name: str, kind: str):
    # Looked up by name at compile time, so documents without CNN layers never import them
    # and a build that lacks a layer kind says so clearly instead of failing at import.
    try:
        cls = getattr(importlib.import_module(f"nnsim.engine.layers.{module}"), name, None)
    except ImportError:
        cls = None
    if cls is None:
        raise NetworkError(f"{kind} layers are not available in this nnsim")
    return cls


def _activation(p: dict, default: str) -> None:
    try:
        p["activation"] = get_activation(p.get("activation", default)).name
    except EngineError as e:
        raise DocumentError(str(e)) from None


def _safe_tuple(value, n):
    """``value`` as n whole numbers (one number repeated), or ones when it is malformed."""
    try:
        if isinstance(value, (list, tuple)):
            return tuple(int(v) for v in value) if len(value) == n else (1,) * n
        return (int(value),) * n
    except (TypeError, ValueError):
        return (1,) * n


def _weights_in(k: int) -> str:
    return f"W{k}"


# --- input, dense, maxout: the user sets the number of neurons ------------------------

register_layer_kind(
    LayerKind(
        "input",
        "Input layer",
        "输入层",
        build=lambda layer, inputs, masks: Input(layer.id, layer.shape),
        bias_shape=lambda layer: (layer.size,),
        neurons=True,
        single_input=False,
        torch=_torch.input_layer,
    )
)
register_layer_kind(
    LayerKind(
        "dense",
        "Dense layer",
        "全连接层",
        build=lambda layer, inputs, masks: Dense(
            layer.id, layer.size, inputs, layer.activations, masks=masks, use_bias=layer.use_bias
        ),
        weight_shape=lambda src, dst: (src.size, dst.size),
        bias_shape=lambda layer: (layer.size,),
        link_param=_weights_in,
        neurons=True,
        single_input=False,
        has_bias=True,
        activation="neurons",
        torch=_torch.dense,
        palette=PaletteEntry(
            "A fully connected layer of three neurons",
            "含三个神经元的全连接层",
            icon="dense",
            size=3,
            label="hidden",
        ),
    )
)


def _maxout_params(p, pos_int):
    pos_int("pieces", 2, 2)
    return ("pieces",)


register_layer_kind(
    LayerKind(
        "maxout",
        "Maxout layer",
        "Maxout 层",
        build=lambda layer, inputs, masks: Maxout(
            layer.id, layer.size, inputs, pieces=int(layer.params["pieces"])
        ),
        weight_shape=lambda src, dst: (src.size, dst.size, int(dst.params.get("pieces", 2))),
        bias_shape=lambda layer: (layer.size, int(layer.params.get("pieces", 2))),
        params=_maxout_params,
        link_param=_weights_in,
        neurons=True,
        has_bias=True,
        torch=_torch.maxout,
        palette=PaletteEntry(
            "A Maxout layer: each unit takes the max of two linear pieces",
            "Maxout 层：每个单元取两个线性函数中的最大值",
            icon="maxout",
            size=2,
            label="hidden",
        ),
    )
)

# --- convolution and pooling: the shape follows from the input ------------------------


def _conv_params(p, pos_int):
    pos_int("filters", 1)
    pos_int("kernel", 3)
    pos_int("stride", 1)
    pos_int("padding", 0, 0)
    _activation(p, "relu")
    # "true" convolution flips the kernel (the lecture's demo); CNN layers correlate.
    p["convolution"] = bool(p.get("convolution", False))
    return ("filters", "kernel", "stride", "padding", "activation", "convolution")


def _conv(dims: int, label_en: str, label_zh: str, palette=None) -> LayerKind:
    kind = f"conv{dims}d"

    def build(layer, inputs, masks):
        cls = _engine_class("conv", f"Conv{dims}D", kind)
        p = layer.params
        return cls(
            layer.id,
            p["filters"],
            p["kernel"],
            inputs,
            stride=p["stride"],
            padding=p["padding"],
            activation=p["activation"],
            mode="convolution" if p.get("convolution") else "cross-correlation",
            use_bias=layer.use_bias,
        )

    def weight_shape(src, dst):
        ksz = _safe_tuple(dst.params.get("kernel", 3), dims)
        ins = src.out_shape
        channels = ins[0] if ins is not None and len(ins) == dims + 1 else 0
        return (int(dst.params.get("filters", 1)), channels, *ksz)

    return LayerKind(
        kind,
        label_en,
        label_zh,
        build=build,
        shape_rule=lambda layer, in_shape: conv_output_shape(in_shape, layer.params, dims),
        weight_shape=weight_shape,
        bias_shape=lambda layer: (int(layer.params.get("filters", 1)),),
        params=_conv_params,
        link_param=lambda k: "W",
        has_bias=True,
        activation="params",
        torch=_torch.conv,
        palette=palette,
    )


register_layer_kind(_conv(1, "1-D convolution", "一维卷积"))
register_layer_kind(
    _conv(
        2,
        "Convolution",
        "卷积层",
        PaletteEntry("A 2-D convolution layer (cross-correlation)", "二维卷积层（互相关）"),
    )
)


def _pool_params(p, pos_int):
    pos_int("window", 2)
    pos_int("stride", p.get("window", 2))
    return ("window", "stride")


def _pool(kind: str, cls_name: str, label_en: str, label_zh: str, palette=None) -> LayerKind:
    def build(layer, inputs, masks):
        cls = _engine_class("pool", cls_name, kind)
        return cls(layer.id, inputs, size=layer.params["window"], stride=layer.params["stride"])

    return LayerKind(
        kind,
        label_en,
        label_zh,
        build=build,
        shape_rule=lambda layer, in_shape: pool_output_shape(in_shape, layer.params),
        params=_pool_params,
        torch=_torch.pool,
        palette=palette,
    )


register_layer_kind(
    _pool(
        "maxpool",
        "MaxPool2D",
        "Max pooling",
        "最大池化",
        PaletteEntry("A 2×2 max-pooling layer", "2×2 最大池化层"),
    )
)
register_layer_kind(_pool("avgpool", "AvgPool2D", "Average pooling", "平均池化"))


def _flatten_shape(layer, in_shape):
    if in_shape is None:
        raise DocumentError("its input shape is not known yet")
    return (int(np.prod(in_shape)),)


register_layer_kind(
    LayerKind(
        "flatten",
        "Flatten",
        "展平",
        build=lambda layer, inputs, masks: _engine_class("flatten", "Flatten", "flatten")(
            layer.id, inputs
        ),
        shape_rule=_flatten_shape,
        torch=_torch.flatten,
        palette=PaletteEntry("Flattens a shaped input into a vector", "把多维输入展平成向量"),
    )
)

# --- the recurrent layer -------------------------------------------------------------


def _rnn_params(p, pos_int):
    pos_int("hidden", 8)
    pos_int("steps", 5)
    if p.get("mode", "many-to-one") not in RNN_MODES:
        raise DocumentError(
            f"RNN mode {p.get('mode')!r} is unknown; choose one of {', '.join(RNN_MODES)}"
        )
    p.setdefault("mode", "many-to-one")
    _activation(p, "tanh")
    return ("hidden", "mode", "activation", "steps")


def _rnn_build(layer, inputs, masks):
    from nnsim.engine.layers.rnn import RNN, RNN_ACTIVATIONS

    act = layer.params["activation"]
    if act not in RNN_ACTIVATIONS:
        raise NetworkError(f"an RNN layer uses {', '.join(RNN_ACTIVATIONS)}, not {act}")
    if layer.params["mode"] == "one-to-many":
        raise NetworkError(
            "a one-to-many RNN runs by generation (its output fed back as the next input); "
            "train it as many-to-many"
        )
    return RNN(
        layer.id,
        int(layer.params["hidden"]),
        inputs,
        activation=act,
        return_sequences=layer.params["mode"] == "many-to-many",
    )


def _rnn_weights(src, dst):
    ins = src.out_shape
    feats = ins[-1] if ins is not None and len(ins) >= 1 else 0
    return (feats, int(dst.params.get("hidden", 8)))


register_layer_kind(
    LayerKind(
        "rnn",
        "Recurrent (RNN)",
        "循环层（RNN）",
        build=_rnn_build,
        shape_rule=lambda layer, in_shape: rnn_output_shape(in_shape, layer.params),
        weight_shape=_rnn_weights,
        bias_shape=lambda layer: (int(layer.params.get("hidden", 8)),),
        params=_rnn_params,
        link_param=lambda k: "Wx",
        arrays=lambda layer: {"Wh": (int(layer.params["hidden"]),) * 2},
        has_bias=True,
        activation="params",
        torch=_torch.rnn,
        palette=PaletteEntry("An Elman recurrent layer", "Elman 循环层"),
    )
)
