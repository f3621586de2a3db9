"""Write a document as a runnable PyTorch module (source text with the weights; no torch needed here)."""

from __future__ import annotations

import numpy as np

from nnsim import __version__
from nnsim.engine.activations import get_activation
from nnsim.engine.errors import EngineError
from nnsim.model.compile import compile_document
from nnsim.model.document import NetworkDocument


class ExportError(ValueError):
    """The document cannot be exported; the message says why."""


def _lit(a) -> str:
    """A NumPy array as a Python literal with exact floats (repr round-trips)."""
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 0:
        return repr(float(a))
    if a.ndim == 1:
        return "[" + ", ".join(repr(float(v)) for v in a) + "]"
    return "[" + ", ".join(_lit(v) for v in a) + "]"


def _act_expr(name: str, var: str) -> str:
    """Torch expression applying activation ``name`` to ``var`` (from its registry entry)."""
    try:
        act = get_activation(name)
    except EngineError as e:
        raise ExportError(str(e)) from None
    expr = act.entry.torch_expr(var, act.param)
    if expr is None:
        raise ExportError(f"the activation {name!r} has no PyTorch export")
    return expr


def _ident(lid: str) -> str:
    out = "".join(c if c.isalnum() else "_" for c in lid)
    return out if out[:1].isalpha() else f"l_{out}"


def to_pytorch_source(doc: NetworkDocument, source: str = "") -> str:
    """Python source of a ``torch.nn.Module`` named ``Net`` equivalent to ``doc``.

    The module computes in float64 (like nnsim) and holds the document's weights. Dense
    layers with one full incoming link become ``nn.Linear``; sparse or skip links keep
    their mask; per-neuron activations are applied to their neuron groups.

    Raises
    ------
    CompileError
        When the document is not a complete network.
    ExportError
        For something PyTorch export does not cover.
    """
    comp = compile_document(doc, cache=False)
    order = comp.network.order
    inp = comp.network.input_names
    if len(inp) != 1:
        raise ExportError("export needs exactly one input layer")
    init: list[str] = []
    fwd: list[str] = []
    for lid in order:
        layer = doc.layers[lid]
        v = _ident(lid)
        inc = doc.incoming(lid) if layer.kind != "input" else []
        srcs = [_ident(doc.links[k].src) for k in inc]
        if layer.kind == "input":
            fwd.append(f"{v} = x  # input {lid}, per-sample shape {tuple(layer.shape)}")
            continue
        if layer.kind == "dense":
            single = len(inc) == 1 and doc.links[inc[0]].mask is None
            if single:
                W = doc.links[inc[0]].weights
                init.append(
                    f"self.{v} = nn.Linear({W.shape[0]}, {W.shape[1]}, bias={layer.use_bias})"
                )
                init.append(f"self.{v}.weight.data = torch.tensor({_lit(W.T)})")
                if layer.use_bias:
                    init.append(f"self.{v}.bias.data = torch.tensor({_lit(layer.biases)})")
                fwd.append(f"net = self.{v}({srcs[0]})")
            else:
                terms = []
                for k, kid in enumerate(inc):
                    link = doc.links[kid]
                    init.append(f"self.{v}_W{k} = nn.Parameter(torch.tensor({_lit(link.weights)}))")
                    if link.mask is not None:
                        init.append(
                            f"self.register_buffer('{v}_mask{k}', "
                            f"torch.tensor({_lit(link.mask.astype(float))}))"
                        )
                        terms.append(f"{srcs[k]} @ (self.{v}_W{k} * self.{v}_mask{k})")
                    else:
                        terms.append(f"{srcs[k]} @ self.{v}_W{k}")
                if layer.use_bias:
                    init.append(f"self.{v}_b = nn.Parameter(torch.tensor({_lit(layer.biases)}))")
                    terms.append(f"self.{v}_b")
                fwd.append("net = " + " + ".join(terms))
            acts = layer.activations
            if len(set(acts)) == 1:
                fwd.append(f"{v} = {_act_expr(acts[0], 'net')}  # {layer.kind} {lid}")
            else:
                fwd.append(f"{v} = torch.empty_like(net)  # {lid}: one activation per neuron")
                for name in dict.fromkeys(acts):
                    idx = [j for j, a in enumerate(acts) if a == name]
                    fwd.append(f"{v}[:, {idx}] = {_act_expr(name, f'net[:, {idx}]')}")
        elif layer.kind == "maxout":
            W = doc.links[inc[0]].weights
            n_in, size, pieces = W.shape
            init.append(f"self.{v}_W = nn.Parameter(torch.tensor({_lit(W)}))")
            init.append(f"self.{v}_b = nn.Parameter(torch.tensor({_lit(layer.biases)}))")
            fwd.append(
                f"z = ({srcs[0]} @ self.{v}_W.reshape({n_in}, -1)).reshape(-1, {size}, {pieces}) + self.{v}_b"
            )
            fwd.append(f"{v} = z.max(dim=2).values  # maxout {lid}")
        elif layer.kind in ("conv1d", "conv2d"):
            p = layer.params
            K = doc.links[inc[0]].weights
            cls = "nn.Conv1d" if layer.kind == "conv1d" else "nn.Conv2d"
            dims = 1 if layer.kind == "conv1d" else 2
            if p.get("convolution"):
                # a true convolution is a cross-correlation with the kernel flipped
                K = np.flip(K, axis=tuple(range(2, 2 + dims)))
            init.append(
                f"self.{v} = {cls}({K.shape[1]}, {K.shape[0]}, kernel_size={tuple(K.shape[2:])}, "
                f"stride={p['stride']!r}, padding={p['padding']!r}, bias={layer.use_bias})"
            )
            init.append(f"self.{v}.weight.data = torch.tensor({_lit(K)})")
            if layer.use_bias:
                init.append(f"self.{v}.bias.data = torch.tensor({_lit(layer.biases)})")
            fwd.append(f"{v} = {_act_expr(p['activation'], f'self.{v}({srcs[0]})')}  # {lid}")
        elif layer.kind in ("maxpool", "avgpool"):
            cls = "nn.MaxPool2d" if layer.kind == "maxpool" else "nn.AvgPool2d"
            init.append(
                f"self.{v} = {cls}(kernel_size={layer.params['window']!r}, stride={layer.params['stride']!r})"
            )
            fwd.append(f"{v} = self.{v}({srcs[0]})")
        elif layer.kind == "flatten":
            fwd.append(f"{v} = {srcs[0]}.flatten(1)")
        elif layer.kind == "rnn":
            p = layer.params
            Wx = doc.links[inc[0]].weights
            init.append(f"self.{v}_Wx = nn.Parameter(torch.tensor({_lit(Wx)}))")
            init.append(f"self.{v}_Wh = nn.Parameter(torch.tensor({_lit(layer.arrays['Wh'])}))")
            init.append(f"self.{v}_b = nn.Parameter(torch.tensor({_lit(layer.biases)}))")
            H = int(p["hidden"])
            fwd.append(f"h = {srcs[0]}.new_zeros({srcs[0]}.shape[0], {H})  # Elman RNN {lid}")
            fwd.append("states = []")
            fwd.append(f"for t in range({srcs[0]}.shape[1]):")
            step = f"{srcs[0]}[:, t] @ self.{v}_Wx + h @ self.{v}_Wh + self.{v}_b"
            fwd.append(f"    h = {_act_expr(p['activation'], f'({step})')}")
            fwd.append("    states.append(h)")
            if p["mode"] == "many-to-many":
                fwd.append(f"{v} = torch.stack(states, dim=1)")
            else:
                fwd.append(f"{v} = h")
        else:
            raise ExportError(f"layer {lid}: {layer.kind} layers have no PyTorch export")
    out_v = _ident(comp.network.output_names[0])
    title = doc.meta.title_en or doc.meta.title_zh or "network"
    loss = doc.settings.loss
    note = {
        "squared_error": "½ Σ (ŷ − y)² per sample; the output above is ŷ",
        "softmax_cross_entropy": "the output is the logits; probabilities = torch.softmax(out, dim=1)",
        "sigmoid_binary_cross_entropy": "the output is a logit; probability = torch.sigmoid(out)",
    }[loss]
    in_shape = tuple(doc.layers[inp[0]].shape)
    lines = [
        f'"""{title}: a PyTorch module exported by nnsim {__version__}{" from " + source if source else ""}.',
        "",
        "Run it to print the output for a random input. Computes in float64, like nnsim.",
        f"Loss in nnsim: {loss} ({note}).",
        '"""',
        "",
        "import torch",
        "import torch.nn.functional as F  # noqa: F401",
        "from torch import nn",
        "",
        "torch.set_default_dtype(torch.float64)",
        "",
        "",
        "class Net(nn.Module):",
        f"    INPUT_SHAPE = {in_shape!r}",
        "",
        "    def __init__(self):",
        "        super().__init__()",
        *(f"        {s}" for s in init),
        *([] if init else ["        pass"]),
        "",
        "    def forward(self, x):",
        *(f"        {s}" for s in fwd),
        f"        return {out_v}",
        "",
        "",
        'if __name__ == "__main__":',
        "    net = Net()",
        "    x = torch.rand(4, *Net.INPUT_SHAPE)",
        "    print(net(x))",
        "",
    ]
    return "\n".join(lines)
