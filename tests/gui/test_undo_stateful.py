"""Any sequence of edits through the GUI's editor, undone completely, gives back the initial
document; redone completely, the final one (hypothesis stateful test on document + QUndoStack)."""

import numpy as np
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from nnsim.engine import ACTIVATION_NAMES
from nnsim.gui.editor import DocumentEditor
from nnsim.gui.starter import worked_example_document

_app = QApplication.instance() or QApplication([])

values = st.floats(-5, 5, allow_nan=False).map(lambda v: round(v, 3))
index = st.integers(0, 5)


class EditSequence(RuleBasedStateMachine):
    """Random edits (some refused by the document), with undo/redo along the way."""

    def __init__(self):
        super().__init__()
        self.doc = worked_example_document()
        self.initial = self.doc.copy()
        self.stack = QUndoStack()
        self.editor = DocumentEditor(self.doc, self.stack)
        self.rng = np.random.default_rng(0)

    def _layer(self, k):
        ids = list(self.doc.layers)
        return ids[k % len(ids)] if ids else None

    def _link(self, k):
        ids = list(self.doc.links)
        return ids[k % len(ids)] if ids else None

    @rule(
        kind=st.sampled_from(["input", "dense", "maxout"]),
        size=st.integers(1, 4),
        x=st.integers(-20, 20),
        y=st.integers(-20, 20),
    )
    def add_layer(self, kind, size, x, y):
        params = {"pieces": 2} if kind == "maxout" else None
        self.editor.add_layer(kind, size, (x * 20.0, y * 20.0), params=params)

    @rule(
        item=st.sampled_from(["neuron", "input_neuron", "output_neuron", "bias", "dense"]),
        k=index,
        on_layer=st.booleans(),
    )
    def drop(self, item, k, on_layer):
        target = self._layer(k) if on_layer else None
        self.editor.drop_palette_item(item, (k * 40.0, 300.0), target)

    @precondition(lambda self: self.doc.layers)
    @rule(k=index, n=st.integers(1, 5))
    def resize(self, k, n):
        lid = self._layer(k)
        if self.doc.layers[lid].kind in ("input", "dense", "maxout"):
            self.editor.set_layer_size(lid, n)

    @precondition(lambda self: len(self.doc.layers) >= 2)
    @rule(a=index, b=index, i=index, j=index, full=st.booleans())
    def connect(self, a, b, i, j, full):
        src, dst = self._layer(a), self._layer(b)
        if full:
            self.editor.connect(src, dst)
        else:
            s, d = self.doc.layers[src].size, self.doc.layers[dst].size
            self.editor.connect(src, dst, i % s, j % d)

    @precondition(lambda self: self.doc.links)
    @rule(k=index, i=index, j=index, v=values, merge=st.booleans())
    def set_weight(self, k, i, j, v, merge):
        lid = self._link(k)
        W = self.doc.links[lid].weights
        if W.ndim < 2 or 0 in W.shape:
            return
        piece = 0 if W.ndim == 3 else None
        key = 7 if merge else None  # consecutive merged edits = one slider drag
        self.editor.set_weight(lid, i % W.shape[0], j % W.shape[1], v, piece=piece, merge_key=key)

    @precondition(lambda self: self.doc.layers)
    @rule(k=index, j=index, v=values)
    def set_bias(self, k, j, v):
        lid = self._layer(k)
        layer = self.doc.layers[lid]
        if layer.kind == "dense" and layer.use_bias:
            self.editor.set_threshold(lid, j % layer.size, v)

    @precondition(lambda self: self.doc.layers)
    @rule(k=index, on=st.booleans())
    def use_bias(self, k, on):
        self.editor.set_use_bias(self._layer(k), on)

    @precondition(lambda self: self.doc.layers)
    @rule(k=index, name=st.sampled_from(ACTIVATION_NAMES), j=st.none() | index)
    def activation(self, k, name, j):
        lid = self._layer(k)
        layer = self.doc.layers[lid]
        if layer.kind == "dense":
            self.editor.set_activation(lid, name, None if j is None else j % layer.size)

    @precondition(lambda self: self.doc.layers)
    @rule(k=index)
    def randomise(self, k):
        self.editor.randomise_layer(self._layer(k), rng=self.rng)

    @precondition(lambda self: self.doc.layers)
    @rule(ks=st.lists(index, min_size=1, max_size=3), dx=st.integers(-5, 5))
    def move(self, ks, dx):
        moves = {}
        for k in ks:
            lid = self._layer(k)
            x, y = self.doc.layers[lid].position
            moves[lid] = (x + dx * 20, y + 40)
        self.editor.move_layers(moves)

    @precondition(lambda self: self.doc.layers)
    @rule(k=index, what=st.sampled_from(["layer", "neuron", "edge"]), i=index)
    def delete(self, k, what, i):
        lid = self._layer(k)
        if what == "layer":
            self.editor.delete([("layer", lid)])
        elif what == "neuron":
            self.editor.delete([("neuron", lid, i % self.doc.layers[lid].size)])
        elif self.doc.links:
            kid = self._link(k)
            edges = self.doc.edge_list(kid)
            if edges:
                e = edges[i % len(edges)]
                self.editor.delete([("edge", kid, e[0], e[1])])

    @rule(n=st.integers(1, 3))
    def undo(self, n):
        for _ in range(n):
            self.stack.undo()

    @rule()
    def redo(self):
        self.stack.redo()

    def teardown(self):
        # Undo everything → the initial document; redo everything → the final one.
        final = self.doc.copy()
        index_now = self.stack.index()
        self.stack.setIndex(0)
        assert self.doc == self.initial
        self.stack.setIndex(self.stack.count())
        end = self.doc.copy()
        self.stack.setIndex(index_now)
        assert self.doc == final
        self.stack.setIndex(self.stack.count())
        assert self.doc == end
        # Delete the commands now, through the stack that owns them: left to the garbage
        # collector, a stack and its commands' wrappers may be freed in the wrong order
        # (a crash when the interpreter exits).
        self.stack.clear()


class SlowEditSequence(EditSequence):
    """The same machine, many more and longer runs."""


EditSequence.TestCase.settings = settings(
    max_examples=25, stateful_step_count=20, deadline=None, derandomize=True
)
TestEditSequence = EditSequence.TestCase

SlowEditSequence.TestCase.settings = settings(
    max_examples=300, stateful_step_count=40, deadline=None
)
# Slow: about a minute. Bar: 300 random runs of up to 40 edits each round-trip exactly.
TestEditSequenceSlow = pytest.mark.slow(SlowEditSequence.TestCase)
