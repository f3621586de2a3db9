"""Document → engine network, with errors a student understands; weights copied both ways."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnsim.engine.errors import EngineError
from nnsim.model.document import DERIVED_KINDS, DocumentError, NetworkDocument, derived_shape
from nnsim.model.layer_kinds import layer_kind


class CompileError(ValueError):
    """The document cannot become an engine network yet; the message says what to fix.

    Attributes
    ----------
    layer : str or None
        The document layer at fault, when there is one (the canvas highlights it).
    """

    def __init__(self, message: str, layer: str | None = None):
        super().__init__(message)
        self.layer = layer


@dataclass
class Compiled:
    """An engine network built from a document, and how their parts correspond.

    Attributes
    ----------
    network : Network
        The engine network (its weights start equal to the document's).
    layer_names : dict
        Document layer id → engine layer name (the same string).
    param_of_link : dict
        Document link id → (engine layer, parameter name), e.g. ("L2", "W0").
    bias_of_layer : dict
        Document layer id → (engine layer, "b") for layers with biases.
    array_of_layer : dict
        (document layer id, array name) → (engine layer, parameter), e.g. the RNN's Wh.
    structure_revision, revision : int
        The document's counters when the network last matched it.
    """

    network: object
    layer_names: dict = field(default_factory=dict)
    param_of_link: dict = field(default_factory=dict)
    bias_of_layer: dict = field(default_factory=dict)
    array_of_layer: dict = field(default_factory=dict)
    structure_revision: int = -1
    revision: int = -1

    @property
    def input_name(self) -> str:
        """The engine name of the (first) input layer."""
        return self.network.input_names[0]

    @property
    def output_name(self) -> str:
        """The engine name of the output layer."""
        return self.network.output_names[0]


def _what(doc: NetworkDocument, lid: str) -> str:
    layer = doc.layers[lid]
    name = f"{lid} ({layer.label})" if layer.label else lid
    return f"layer {name}"


def _check(doc: NetworkDocument) -> list[str]:
    """Structural checks with document-level messages; returns the data-flow order."""
    if not doc.layers:
        raise CompileError("the network is empty: add an input layer and a layer of neurons")
    inputs = doc.input_layers()
    if not inputs:
        raise CompileError("the network has no input layer")
    order = doc.topological_order()
    for lid in order:
        layer = doc.layers[lid]
        if layer.kind == "input":
            continue
        inc = doc.incoming(lid)
        if not inc:
            raise CompileError(f"{_what(doc, lid)} has no input: connect a layer to it", lid)
        if layer.kind in DERIVED_KINDS and layer.shape is None:
            try:
                derived_shape(layer, doc._in_shape(lid))
                reason = "its shape is unknown"
            except DocumentError as e:
                reason = str(e)
            raise CompileError(f"{_what(doc, lid)} ({layer.kind}) does not fit: {reason}", lid)
        for kid in inc:
            src = doc.layers[doc.links[kid].src]
            shp = src.out_shape
            if layer.kind in ("dense", "maxout") and shp is not None and len(shp) != 1:
                if src.kind == "rnn":
                    raise CompileError(
                        f"{_what(doc, lid)}: the RNN {src.id} outputs one state per time step, "
                        f"shape {tuple(shp)}; set its mode to many-to-one to feed a layer of "
                        "neurons, or put a flatten layer between them",
                        lid,
                    )
                raise CompileError(
                    f"{_what(doc, lid)}: its input {src.id} has shape {tuple(shp)}; a layer of "
                    "neurons takes a flat vector (put a flatten layer between them)",
                    lid,
                )
    outs = doc.output_layers()
    if len(outs) != 1:
        if not outs:
            raise CompileError("the network has no output layer: add a layer after the input")
        raise CompileError(
            "the network must end in one output layer; these layers feed nothing: "
            + ", ".join(outs),
            outs[-1],
        )
    # Layers the output does not depend on would be trained for nothing.
    live = {outs[0]}
    for lid in reversed(order):
        if lid in live:
            live.update(doc.links[k].src for k in doc.incoming(lid))
    dead = [lid for lid in order if lid not in live]
    if dead:
        raise CompileError(
            f"{_what(doc, dead[0])} does not lead to the output {outs[0]}: connect it or remove it",
            dead[0],
        )
    return order


def compile_document(doc: NetworkDocument, *, cache: bool | None = None) -> Compiled:
    """Build a new engine network for ``doc``, with the document's weights.

    Every call builds a network of its own: nothing is cached on the document, so each
    network has one owner — the session that trains it, the live preview, the plots'
    display copy, the step-through — and ``follow`` keeps an owner's network in step with
    the document. (``cache`` is accepted for old callers and means nothing.)

    Raises
    ------
    CompileError
        Naming the layer and the problem: no input, a layer without input, a loop, a
        conv or pooling window that does not fit, a shape mismatch, several outputs.
    """
    order = _check(doc)
    engine_layers = []
    comp = Compiled(network=None)
    for lid in order:
        inc = doc.incoming(lid) if doc.layers[lid].kind != "input" else []
        srcs = [doc.links[k].src for k in inc]
        masks = [doc.links[k].mask for k in inc]
        layer = doc.layers[lid]
        rec = layer_kind(layer.kind)  # the kind's registry record builds the engine layer
        try:
            engine_layers.append(rec.build(layer, srcs, masks))
        except EngineError as e:
            raise CompileError(f"{_what(doc, lid)}: {e}", lid) from None
        comp.layer_names[lid] = lid
        if rec.link_param is not None:
            for k, kid in enumerate(inc):
                comp.param_of_link[kid] = (lid, rec.link_param(k))
        if rec.has_bias:
            comp.bias_of_layer[lid] = (lid, "b")
        for name in rec.arrays(layer) if rec.arrays else ():
            comp.array_of_layer[(lid, name)] = (lid, name)
    try:
        from nnsim.engine.network import Network

        net = Network(engine_layers, dtype=np.dtype(doc.settings.dtype))
    except EngineError as e:
        raise CompileError(str(e)) from None
    comp.network = net
    _verify_params(doc, comp)
    push_weights(doc, comp)
    comp.structure_revision = doc.structure_revision
    return comp


def follow(doc: NetworkDocument, comp: Compiled | None) -> Compiled:
    """``comp`` brought up to date with ``doc``, or a new network when the structure changed.

    The owner of a network calls this before using it: a structural edit since ``comp``
    was built (``doc.structure_revision``) compiles afresh; a weight edit only
    (``doc.revision``) pushes the document's weights into the existing network.
    """
    if comp is None or comp.structure_revision != doc.structure_revision:
        return compile_document(doc)
    if comp.revision != doc.revision:
        push_weights(doc, comp)
    return comp


def _verify_params(doc: NetworkDocument, comp: Compiled) -> None:
    # The document and the engine must agree on every parameter's shape; a mismatch is
    # a bug in one of them, said plainly rather than broadcast silently.
    net = comp.network
    for kid, (lname, pname) in comp.param_of_link.items():
        want = doc.links[kid].weights.shape
        got = net.param(lname, pname).shape
        if want != got:
            raise CompileError(
                f"link {kid}: the document holds weights of shape {want}, the engine layer "
                f"expects {got}",
                doc.links[kid].dst,
            )
    for lid, (lname, pname) in comp.bias_of_layer.items():
        got = net.param(lname, pname).shape
        if doc.layers[lid].biases.shape != got:
            raise CompileError(
                f"{_what(doc, lid)}: biases of shape {doc.layers[lid].biases.shape}, the "
                f"engine expects {got}",
                lid,
            )


def _check_fits(doc: NetworkDocument, comp: Compiled) -> None:
    """Refuse a weight the network's dtype cannot hold (1e300 in float32 would become inf)."""
    net = comp.network
    big = float(np.finfo(net.dtype).max)
    if big >= float(np.finfo(np.float64).max):
        return
    items = [
        (doc.links[kid].weights, f"link {kid}'s weight", doc.links[kid].dst)
        for kid in comp.param_of_link
    ]
    items += [
        (doc.layers[lid].biases, f"{_what(doc, lid)}: bias", lid) for lid in comp.bias_of_layer
    ]
    items += [
        (doc.layers[lid].arrays[name], f"{_what(doc, lid)}: {name}", lid)
        for lid, name in comp.array_of_layer
    ]
    for arr, what, layer in items:
        a = np.abs(np.asarray(arr, dtype=np.float64))
        if a.size and a.max() > big:  # one reduction per array; NaN/inf never load
            idx = np.unravel_index(int(np.argmax(a)), a.shape)
            where = ", ".join(str(int(i)) for i in idx)
            value = float(np.asarray(arr)[idx])
            raise CompileError(
                f"{what} [{where}] = {value:.3g} does not fit in {net.dtype.name} (largest "
                f"{big:.3g}): set it to a usual value or compute in float64",
                layer,
            )


def push_weights(doc: NetworkDocument, comp: Compiled) -> None:
    """Copy the document's weights and biases into the compiled network.

    Raises
    ------
    CompileError
        When a value does not fit the network's dtype (float32), naming it; nothing is
        copied then.
    """
    _check_fits(doc, comp)
    net = comp.network
    for kid, (lname, pname) in comp.param_of_link.items():
        net.param(lname, pname)[...] = doc.links[kid].weights
    for lid, (lname, pname) in comp.bias_of_layer.items():
        net.param(lname, pname)[...] = doc.layers[lid].biases
    for (lid, name), (lname, pname) in comp.array_of_layer.items():
        net.param(lname, pname)[...] = doc.layers[lid].arrays[name]
    net.params_changed()
    comp.revision = doc.revision


def network_weights(comp: Compiled) -> tuple[dict, dict, dict]:
    """The network's weights in the document's terms: (links, biases, arrays) of float64 copies.

    The three dictionaries are what ``NetworkDocument.set_all_weights`` takes.
    """
    net = comp.network
    links = {
        kid: np.array(net.param(lname, pname), dtype=np.float64)
        for kid, (lname, pname) in comp.param_of_link.items()
    }
    biases = {
        lid: np.array(net.param(lname, pname), dtype=np.float64)
        for lid, (lname, pname) in comp.bias_of_layer.items()
    }
    arrays = {
        key: np.array(net.param(lname, pname), dtype=np.float64)
        for key, (lname, pname) in comp.array_of_layer.items()
    }
    return links, biases, arrays


def pull_weights(doc: NetworkDocument, comp: Compiled) -> None:
    """Write the network's (trained) weights back into the document.

    One ``weights_changed("")`` signal is emitted; afterwards ``comp`` knows document and
    network agree, so ``follow`` does not push them back.
    """
    doc.set_all_weights(*network_weights(comp))
    comp.revision = doc.revision
