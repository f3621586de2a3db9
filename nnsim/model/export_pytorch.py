"""Write a document as a runnable PyTorch module (source text with the weights; no torch needed here)."""

from __future__ import annotations

from nnsim import __version__
from nnsim.model.compile import compile_document
from nnsim.model.document import NetworkDocument

# each layer kind's registry record writes its own lines (export_torch_layers.py)
from nnsim.model.export_torch_layers import ExportError, ExportLayer
from nnsim.model.layer_kinds import layer_kind

__all__ = ["ExportError", "to_pytorch_source"]


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
        rec = layer_kind(layer.kind)
        if rec is None or rec.torch is None:
            raise ExportError(f"layer {lid}: {layer.kind} layers have no PyTorch export")
        rec.torch(ExportLayer(doc, lid, layer, v, inc, srcs, init, fwd))
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
