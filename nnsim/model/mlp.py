"""Networks from layer sizes, and fitting a network's input and output layers to a data set.

One implementation for ``nnsim new --layers 3,3,2``, ``nnsim.api.network`` and the CSV
dialog's "set the output layer" offer.
"""

from __future__ import annotations

import numpy as np

from nnsim.engine.activations import activation_entry
from nnsim.model.compile import compile_document, pull_weights
from nnsim.model.document import DocumentError, NetworkDocument

#: Horizontal distance between layers on the canvas (as the lessons use).
LAYER_DX = 220.0
#: Loss that goes with each output the data needs.
SOFTMAX_LOSS = "softmax_cross_entropy"


def parse_sizes(text) -> list[int]:
    """Layer sizes from "3,3,2" (or a list); each a whole number ≥ 1, at least two layers."""
    if isinstance(text, str):
        parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
        try:
            sizes = [int(p) for p in parts]
        except ValueError:
            raise DocumentError(
                f"layer sizes are whole numbers separated by commas, e.g. 3,3,2, not {text!r}"
            ) from None
    else:
        sizes = list(text)
    if len(sizes) < 2:
        raise DocumentError("a network needs at least two layers (inputs and outputs), e.g. 2,1")
    for k, n in enumerate(sizes):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise DocumentError(f"layer {k + 1} must have at least 1 neuron, not {n!r}")
    return [int(n) for n in sizes]


def mlp_document(
    sizes,
    activation: str = "sigmoid",
    output_activation: str | None = None,
    *,
    init: str = "uniform01",
    seed: int = 0,
    title: str = "",
) -> NetworkDocument:
    """A fully connected network with the given layer sizes and freshly drawn weights.

    Parameters
    ----------
    sizes : str or list of int
        Neurons per layer from the inputs to the outputs, e.g. ``[3, 3, 2]`` or "3,3,2".
    activation : str
        Of the hidden layers (and of the output, unless ``output_activation`` is given).
    output_activation : str, optional
        Of the output layer.
    init, seed : str, int
        How the initial weights are drawn (the settings keep both).
    title : str
        Shown as the document's title (both languages).

    Returns
    -------
    NetworkDocument
    """
    sizes = parse_sizes(sizes)
    doc = NetworkDocument()
    if title:
        doc.update_meta(title_en=title, title_zh=title)
    ids = [doc.add_layer("input", sizes[0], position=(0.0, 0.0), label="x")]
    for k, n in enumerate(sizes[1:], start=1):
        last = k == len(sizes) - 1
        act = output_activation if last and output_activation else activation
        label = "y" if last else (f"h{k}" if len(sizes) > 3 else "h")
        ids.append(
            doc.add_layer("dense", n, activation=act, position=(k * LAYER_DX, 0.0), label=label)
        )
        doc.connect(ids[-2], ids[-1])
    doc.update_settings(init=init, seed=int(seed))
    draw_weights(doc)
    return doc


def draw_weights(doc: NetworkDocument) -> None:
    """Initial weights by the settings' ``init`` and ``seed``, into the document."""
    comp = compile_document(doc, cache=False)
    comp.network.init_weights(doc.settings.init, seed=doc.settings.seed)
    pull_weights(doc, comp)


def output_plan(doc: NetworkDocument, task: str, n_classes: int | None) -> dict | None:
    """What the output layer needs for ``task``, or None when it already fits.

    Returns a dict with ``size``, ``activation`` and ``loss``: two classes → one sigmoid
    neuron (squared error as the book, unless binary cross-entropy is chosen); k classes
    → k softmax outputs (identity activations, softmax cross-entropy); regression → one
    linear neuron with squared error.
    """
    outs = doc.output_layers()
    if len(outs) != 1 or doc.layers[outs[0]].kind != "dense":
        return None
    layer = doc.layers[outs[0]]
    s = doc.settings
    if task == "binary":
        loss = s.loss if s.loss != SOFTMAX_LOSS else "squared_error"
        want = {"size": 1, "activation": "sigmoid", "loss": loss}
    elif task == "multiclass":
        want = {"size": int(n_classes or 2), "activation": "identity", "loss": SOFTMAX_LOSS}
    else:
        want = {"size": 1, "activation": "identity", "loss": "squared_error"}
    fits = (
        layer.size == want["size"]
        and set(layer.activations) == {want["activation"]}
        and s.loss == want["loss"]
    )
    if task == "binary" and layer.size == 1 and s.loss != SOFTMAX_LOSS:
        # a bounded, trainable output (σ, tanh) already reads as two classes
        fits = all(_bounded_smooth(a) for a in layer.activations) or fits
    return None if fits else want


def _bounded_smooth(name: str) -> bool:
    entry = activation_entry(name)
    return entry.output_range is not None and entry.differentiable


def fit_to_data(doc: NetworkDocument, dataset, task: str | None = None, fix_output=True) -> list:
    """Make the input layer take the data set's inputs and (optionally) the output fit its task.

    Changes the document in place (run it inside one undo step in the app) and returns
    what it changed, as short English sentences. Weights of resized layers are drawn
    again with the settings' ``init`` and ``seed``.
    """
    done = []
    inputs = doc.input_layers()
    if len(inputs) != 1:
        raise DocumentError("only a network with one input layer can be fitted to a table")
    lid = inputs[0]
    names = list(dataset.feature_names)
    resized = False
    if doc.layers[lid].size != len(names):
        while doc.layers[lid].size < len(names):
            doc.add_neuron(lid)
        while doc.layers[lid].size > len(names):
            doc.remove_neuron(lid, doc.layers[lid].size - 1)
        done.append(f"input layer: {len(names)} neurons")
        resized = True
    if list(doc.layers[lid].neuron_labels or []) != names:
        doc.set_neuron_labels(lid, names)
    plan = output_plan(doc, task or dataset.kind, dataset.n_classes) if fix_output else None
    if plan is not None:
        out = doc.output_layers()[0]
        while doc.layers[out].size < plan["size"]:
            doc.add_neuron(out)
        while doc.layers[out].size > plan["size"]:
            doc.remove_neuron(out, doc.layers[out].size - 1)
        doc.set_activation(out, plan["activation"])
        if doc.settings.loss != plan["loss"]:
            doc.update_settings(loss=plan["loss"])
        done.append(
            f"output layer: {plan['size']} {plan['activation']} neuron(s), loss {plan['loss']}"
        )
        resized = True
    if resized:
        draw_weights(doc)
    return done
