"""PyTorch source for each built-in layer kind: the writers the layer-kind registry points to.

A writer takes an :class:`ExportLayer` and appends lines to its ``init`` (the module's
``__init__``) and ``fwd`` (its ``forward``); the lines must compute what the engine
computes, in float64. nnsim.model.export_pytorch assembles the module.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnsim.engine.activations import get_activation
from nnsim.engine.errors import EngineError


class ExportError(ValueError):
    """The document cannot be exported; the message says why."""


def lit(a) -> str:
    """A NumPy array as a Python literal with exact floats (repr round-trips)."""
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 0:
        return repr(float(a))
    if a.ndim == 1:
        return "[" + ", ".join(repr(float(v)) for v in a) + "]"
    return "[" + ", ".join(lit(v) for v in a) + "]"


def act_expr(name: str, var: str) -> str:
    """Torch expression applying activation ``name`` to ``var`` (from its registry entry)."""
    try:
        act = get_activation(name)
    except EngineError as e:
        raise ExportError(str(e)) from None
    expr = act.entry.torch_expr(var, act.param)
    if expr is None:
        raise ExportError(f"the activation {name!r} has no PyTorch export")
    return expr


@dataclass
class ExportLayer:
    """One layer being written: the document, its spec, names and the lines so far.

    Attributes
    ----------
    doc : NetworkDocument
    lid : str
        The layer's id.
    layer : LayerSpec
    v : str
        The Python name of its output (and of its submodules).
    inc : list of str
        Its incoming link ids, in order.
    srcs : list of str
        The Python names of their sources' outputs.
    init, fwd : list of str
        Lines of ``__init__`` and ``forward`` (shared by all layers).
    """

    doc: object
    lid: str
    layer: object
    v: str
    inc: list
    srcs: list
    init: list
    fwd: list


def input_layer(e: ExportLayer) -> None:
    """The input: the data as given."""
    e.fwd.append(f"{e.v} = x  # input {e.lid}, per-sample shape {tuple(e.layer.shape)}")


def dense(e: ExportLayer) -> None:
    """nn.Linear for one full link; else a weighted sum with masks; activations by group."""
    doc, layer, v, inc, srcs, init, fwd = e.doc, e.layer, e.v, e.inc, e.srcs, e.init, e.fwd
    single = len(inc) == 1 and doc.links[inc[0]].mask is None
    if single:
        W = doc.links[inc[0]].weights
        init.append(f"self.{v} = nn.Linear({W.shape[0]}, {W.shape[1]}, bias={layer.use_bias})")
        init.append(f"self.{v}.weight.data = torch.tensor({lit(W.T)})")
        if layer.use_bias:
            init.append(f"self.{v}.bias.data = torch.tensor({lit(layer.biases)})")
        fwd.append(f"net = self.{v}({srcs[0]})")
    else:
        terms = []
        for k, kid in enumerate(inc):
            link = doc.links[kid]
            init.append(f"self.{v}_W{k} = nn.Parameter(torch.tensor({lit(link.weights)}))")
            if link.mask is not None:
                init.append(
                    f"self.register_buffer('{v}_mask{k}', "
                    f"torch.tensor({lit(link.mask.astype(float))}))"
                )
                terms.append(f"{srcs[k]} @ (self.{v}_W{k} * self.{v}_mask{k})")
            else:
                terms.append(f"{srcs[k]} @ self.{v}_W{k}")
        if layer.use_bias:
            init.append(f"self.{v}_b = nn.Parameter(torch.tensor({lit(layer.biases)}))")
            terms.append(f"self.{v}_b")
        fwd.append("net = " + " + ".join(terms))
    acts = layer.activations
    if len(set(acts)) == 1:
        fwd.append(f"{v} = {act_expr(acts[0], 'net')}  # {layer.kind} {e.lid}")
    else:
        fwd.append(f"{v} = torch.empty_like(net)  # {e.lid}: one activation per neuron")
        for name in dict.fromkeys(acts):
            idx = [j for j, a in enumerate(acts) if a == name]
            fwd.append(f"{v}[:, {idx}] = {act_expr(name, f'net[:, {idx}]')}")


def maxout(e: ExportLayer) -> None:
    """The pieces' weighted sums and their maximum."""
    v = e.v
    W = e.doc.links[e.inc[0]].weights
    n_in, size, pieces = W.shape
    e.init.append(f"self.{v}_W = nn.Parameter(torch.tensor({lit(W)}))")
    e.init.append(f"self.{v}_b = nn.Parameter(torch.tensor({lit(e.layer.biases)}))")
    e.fwd.append(
        f"z = ({e.srcs[0]} @ self.{v}_W.reshape({n_in}, -1)).reshape(-1, {size}, {pieces}) + self.{v}_b"
    )
    e.fwd.append(f"{v} = z.max(dim=2).values  # maxout {e.lid}")


def conv(e: ExportLayer) -> None:
    """nn.Conv1d / nn.Conv2d (a true convolution's kernel flipped) and its activation."""
    layer, v = e.layer, e.v
    p = layer.params
    K = e.doc.links[e.inc[0]].weights
    cls = "nn.Conv1d" if layer.kind == "conv1d" else "nn.Conv2d"
    dims = 1 if layer.kind == "conv1d" else 2
    if p.get("convolution"):
        # a true convolution is a cross-correlation with the kernel flipped
        K = np.flip(K, axis=tuple(range(2, 2 + dims)))
    e.init.append(
        f"self.{v} = {cls}({K.shape[1]}, {K.shape[0]}, kernel_size={tuple(K.shape[2:])}, "
        f"stride={p['stride']!r}, padding={p['padding']!r}, bias={layer.use_bias})"
    )
    e.init.append(f"self.{v}.weight.data = torch.tensor({lit(K)})")
    if layer.use_bias:
        e.init.append(f"self.{v}.bias.data = torch.tensor({lit(layer.biases)})")
    e.fwd.append(f"{v} = {act_expr(p['activation'], f'self.{v}({e.srcs[0]})')}  # {e.lid}")


def pool(e: ExportLayer) -> None:
    """nn.MaxPool2d / nn.AvgPool2d."""
    cls = "nn.MaxPool2d" if e.layer.kind == "maxpool" else "nn.AvgPool2d"
    p = e.layer.params
    e.init.append(f"self.{e.v} = {cls}(kernel_size={p['window']!r}, stride={p['stride']!r})")
    e.fwd.append(f"{e.v} = self.{e.v}({e.srcs[0]})")


def flatten(e: ExportLayer) -> None:
    """Each sample as one vector."""
    e.fwd.append(f"{e.v} = {e.srcs[0]}.flatten(1)")


def rnn(e: ExportLayer) -> None:
    """The Elman recurrence written out as a loop over the time steps."""
    layer, v, src, fwd = e.layer, e.v, e.srcs[0], e.fwd
    p = layer.params
    Wx = e.doc.links[e.inc[0]].weights
    e.init.append(f"self.{v}_Wx = nn.Parameter(torch.tensor({lit(Wx)}))")
    e.init.append(f"self.{v}_Wh = nn.Parameter(torch.tensor({lit(layer.arrays['Wh'])}))")
    e.init.append(f"self.{v}_b = nn.Parameter(torch.tensor({lit(layer.biases)}))")
    H = int(p["hidden"])
    fwd.append(f"h = {src}.new_zeros({src}.shape[0], {H})  # Elman RNN {e.lid}")
    fwd.append("states = []")
    fwd.append(f"for t in range({src}.shape[1]):")
    step = f"{src}[:, t] @ self.{v}_Wx + h @ self.{v}_Wh + self.{v}_b"
    fwd.append(f"    h = {act_expr(p['activation'], f'({step})')}")
    fwd.append("    states.append(h)")
    if p["mode"] == "many-to-many":
        fwd.append(f"{v} = torch.stack(states, dim=1)")
    else:
        fwd.append(f"{v} = h")
