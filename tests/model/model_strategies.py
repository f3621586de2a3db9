"""Hypothesis strategies for random documents built through the document's own operations."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from nnsim.model import NetworkDocument
from nnsim.model.settings_rules import (
    DATASET_PARAM_RULES,
    SETTINGS_RULES,
    Rule,
)

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
texts = st.text(
    alphabet=st.sampled_from(
        list("abcxyz AB_-.,:!?\"'\\/\n\t{}[]") + list("神经网络误差逆传播西瓜好瓜é")
    ),
    max_size=12,
)
activations = st.sampled_from(
    [
        "sigmoid",
        "tanh",
        "relu",
        "identity",
        "step",
        "sign",
        "leaky_relu",
        "elu",
        "softplus",
        "leaky_relu:0.2",
    ]
)


def rule_values(rule: Rule):
    """Any value the rule accepts (its bounds included)."""
    if rule.kind == "choice":
        values = st.sampled_from(rule.choices)
    elif rule.kind == "bool":
        values = st.booleans()
    elif rule.kind == "text":
        values = texts.filter(bool)
    elif rule.kind in ("int", "subset"):
        hi = 2**40 if rule.hi is None else int(rule.hi)
        values = st.integers(int(rule.lo), hi)
        if rule.kind == "subset":
            values = values | st.lists(values, min_size=2, max_size=2)
    else:
        values = st.floats(
            rule.lo,
            1e6 if rule.hi is None else rule.hi,
            exclude_min=rule.lo_open,
            exclude_max=rule.hi_open,
        )
        lo, hi = int(np.ceil(rule.lo)), int(np.floor(rule.hi or 10**6))
        if not rule.cast and lo <= hi:  # a whole number stays one in data-set parameters
            values = values | st.integers(lo, hi)
    return st.none() | values if rule.nullable else values


@st.composite
def settings_values(draw) -> dict:
    """Settings within the rules: some scalar fields, a data set and some of its parameters."""
    names = draw(st.lists(st.sampled_from(sorted(SETTINGS_RULES)), unique=True, max_size=8))
    out = {n: draw(rule_values(SETTINGS_RULES[n])) for n in names if n != "dataset"}
    dataset = draw(st.sampled_from(sorted(DATASET_PARAM_RULES)))
    rules = DATASET_PARAM_RULES[dataset]
    keys = draw(st.lists(st.sampled_from(sorted(rules)), unique=True)) if rules else []
    out["dataset"] = dataset
    out["dataset_params"] = {k: draw(rule_values(rules[k])) for k in keys}
    return out


@st.composite
def documents(draw, max_inputs: int = 2) -> NetworkDocument:
    """A random small document: inputs, dense and maxout layers, full and sparse links."""
    doc = NetworkDocument()
    n_in = draw(st.integers(1, max_inputs))
    ids = []
    for _ in range(n_in):
        ids.append(
            doc.add_layer(
                "input",
                draw(st.integers(1, 4)),
                position=(draw(finite), draw(finite)),
                label=draw(texts),
            )
        )
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["dense", "dense", "dense", "maxout"]))
        lid = doc.add_layer(
            kind,
            draw(st.integers(1, 4)),
            activation=draw(activations),
            params={"pieces": draw(st.integers(2, 3))} if kind == "maxout" else None,
            use_bias=draw(st.booleans()),
            label=draw(texts),
            position=(draw(finite), draw(finite)),
        )
        # Connect from one or two earlier layers (earlier → later: never a loop).
        srcs = draw(
            st.lists(
                st.sampled_from(ids), min_size=1, max_size=1 if kind == "maxout" else 2, unique=True
            )
        )
        for s in srcs:
            if kind == "dense" and draw(st.booleans()):
                for _ in range(draw(st.integers(1, 3))):
                    i = draw(st.integers(0, doc.layers[s].size - 1))
                    j = draw(st.integers(0, doc.layers[lid].size - 1))
                    doc.connect(s, lid, i, j, weights=draw(finite))
            else:
                k = doc.connect(s, lid)
                w = doc.links[k].weights
                flat = draw(st.lists(finite, min_size=w.size, max_size=w.size))
                doc.set_weights(k, np.reshape(flat, w.shape))
        layer = doc.layers[lid]
        if layer.use_bias:
            b = layer.biases
            flat = draw(st.lists(finite, min_size=b.size, max_size=b.size))
            doc.set_biases(lid, np.reshape(flat, b.shape))
        if kind == "dense" and draw(st.booleans()):
            doc.set_activation(lid, draw(activations), draw(st.integers(0, layer.size - 1)))
        if draw(st.booleans()):
            doc.set_neuron_labels(lid, [draw(texts) for _ in range(layer.size)])
        ids.append(lid)
    doc.update_meta(
        title_zh=draw(texts),
        title_en=draw(texts),
        notes_zh=draw(texts),
        lesson=draw(st.none() | texts),
    )
    doc.update_settings(**draw(settings_values()))
    if draw(st.booleans()):
        doc.update_settings(targets=[{"x": [draw(finite)], "y": [draw(finite), draw(finite)]}])
    return doc


@st.composite
def networks(draw) -> NetworkDocument:
    """A random document that compiles: one input, every dangling layer feeds one output layer."""
    doc = draw(documents(max_inputs=1))
    out = doc.add_layer("dense", draw(st.integers(1, 3)), activation=draw(activations))
    for lid in list(doc.layers):
        if lid != out and not doc.outgoing(lid):
            k = doc.connect(lid, out)
            w = doc.links[k].weights
            doc.set_weights(
                k, np.reshape(draw(st.lists(finite, min_size=w.size, max_size=w.size)), w.shape)
            )
    return doc
