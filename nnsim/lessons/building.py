"""Helpers the lesson builders share: a titled document, a chain of layers, rounded weights."""

from __future__ import annotations

import numpy as np

from nnsim.model.compile import compile_document, pull_weights
from nnsim.model.document import NetworkDocument
from nnsim.model.mlp import LAYER_DX

#: Names of the MNIST networks' outputs: output k scores the digit k.
DIGITS = [str(k) for k in range(10)]


def new_doc(name: str, **meta) -> NetworkDocument:
    """An empty document of lesson ``name`` with its meta (titles, goal, notes...)."""
    doc = NetworkDocument()
    doc.update_meta(lesson=name, **meta)
    return doc


def draw_rounded(doc: NetworkDocument, scheme: str, seed: int, digits: int = 4) -> None:
    """Initial weights drawn by ``scheme`` from ``seed``, rounded for a readable file."""
    comp = compile_document(doc, cache=False)
    comp.network.init_weights(scheme, seed=seed)
    pull_weights(doc, comp)
    doc.set_all_weights(
        {k: np.round(v.weights, digits) for k, v in doc.links.items()},
        {k: np.round(v.biases, digits) for k, v in doc.layers.items() if v.biases.size},
        {(k, n): np.round(a, digits) for k, v in doc.layers.items() for n, a in v.arrays.items()},
    )


def pos(k: int, y: float = 0.0) -> tuple[float, float]:
    """The canvas position of column ``k`` (layers one ``LAYER_DX`` apart)."""
    return (k * LAYER_DX, y)


def layer(kind: str, size: int = 1, **options) -> tuple:
    """One layer of a ``chain``: ``add_layer``'s kind, size and keyword options."""
    return (kind, size, options)


def chain(doc: NetworkDocument, *layers: tuple, weights=None) -> list[str]:
    """Add ``layers`` left to right one column apart, link each to the next; return their ids.

    Parameters
    ----------
    doc : NetworkDocument
    *layers : tuple
        ``layer(kind, size, **options)`` entries, the input first.
    weights : list, optional
        One weight array per link (None, or a None entry: zeros, to be drawn later).
    """
    ids = [
        doc.add_layer(kind, size, position=pos(k), **options)
        for k, (kind, size, options) in enumerate(layers)
    ]
    weights = weights or [None] * (len(ids) - 1)
    for src, dst, w in zip(ids, ids[1:], weights):
        doc.connect(src, dst, weights=w)
    return ids
