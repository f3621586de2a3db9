"""The step controller: one training step, neuron by neuron, shown on the canvas.

A pass is one engine ``Stepper`` over one sample (standard BP) or one batch (accumulated
and mini-batch BP) from the current weights, its updates those of the optimiser set
(momentum, Adam, a penalty); for the perceptron rule it is a ``PerceptronStepper`` over
one sample (output, y − ŷ, Δw_i = η(y − ŷ)x_i, Δθ = −η(y − ŷ)). Stepping forward shows each neuron's net
input and output under it and in the inspector, stepping backward prints its gradient
term (g_j, e_h in the book's notation) under it, and the update records change the edges
one weight at a time. At the end of a pass the next press starts the next pass.

Each pass steps a network of its own (the document compiled afresh; the session's network
stays the session's) and copies its weights into the document after update records, as
one undo step per pass ("Step: update weights"); any other change of the document (an
edit, training, reset, an undo) ends the pass.
"""

from __future__ import annotations

import copy

import numpy as np
from PySide6.QtCore import QObject, Signal

from nnsim.gui.canvas.layer_geometry import fmt_value
from nnsim.gui.compat import disconnect_quietly
from nnsim.gui.context import AppContext

#: Groupings offered by the buttons (Stepper.group_key).
NEURON, LAYER = "neuron", "layer"


class StepController(QObject):
    """Step through one forward/backward/update pass of the window's document.

    Parameters
    ----------
    context : AppContext
        The document, the canvas, the language and the live preview.
    training : TrainingController
        Owns the session; stepping waits for training to stop.

    Signals
    -------
    changed()
        The current record (or the pass) changed.
    active_changed(bool)
        A pass is shown (True) or not (False).
    message(str)
        A sentence for the user (why stepping is not possible).
    """

    changed = Signal()
    active_changed = Signal(bool)
    message = Signal(str)

    def __init__(self, context: AppContext, training):
        super().__init__(context.host)
        self.context = context
        self.training = training
        self.stepper = None
        self.next_sample = 0
        self.next_batch = 0
        self.pass_kind = ""
        self.pass_rows: list[int] = []
        self._writing = 0
        self._document = None
        self._comp = None
        self._passes = 0
        training.state_changed.connect(self._training_state)
        training.problem_changed.connect(lambda _p: self._problem_changed())
        context.document_replaced.connect(self.set_document)
        self.set_document(context.document)

    # ------------------------------------------------------------------ state
    @property
    def active(self) -> bool:
        """True while a pass is shown."""
        return self.stepper is not None

    @property
    def current(self):
        """The record stepped last (None at the start of a pass)."""
        return None if self.stepper is None else self.stepper.current

    def stepped(self) -> list:
        """The records of the pass stepped so far, oldest first."""
        if self.stepper is None:
            return []
        return self.stepper.records[: self.stepper.position]

    def language(self) -> str:
        """ "zh" or "en": the language the formulas are written in."""
        code = self.context.language or "en"
        return "zh" if code.startswith("zh") else "en"

    def set_document(self, document) -> None:
        """Follow another document."""
        if self._document is not None:
            disconnect_quietly(self._document.changed, self._document_changed)
        self._document = document
        document.changed.connect(self._document_changed)
        self.next_sample = self.next_batch = 0
        self.discard()

    def _document_changed(self) -> None:
        if not self._writing and self.stepper is not None:
            self.discard()

    def _problem_changed(self) -> None:
        # a new session: whether this network can be stepped at all may have changed
        self._document_changed()
        if self.stepper is None:
            self.changed.emit()

    def _training_state(self, running: bool) -> None:
        if running:
            self.discard()

    def discard(self) -> None:
        """End the pass shown (the weights stay as they are) and clear the canvas marks."""
        had = self.stepper is not None
        self.stepper = None
        self.pass_kind = ""
        scene = self.context.scene
        scene.clear_highlights()
        scene.clear_notes()
        if had:
            scene.clear_values()
            if not self.training.running:
                self.context.live_preview.set_enabled(True)
            self.active_changed.emit(False)
        self.changed.emit()

    # ------------------------------------------------------------------ passes
    def unavailable(self) -> tuple[str, str | None] | None:
        """Why this network cannot be stepped, or None when it can.

        Returns (sentence, view): the sentence says why and what to do instead; ``view``
        names the window's view that shows such a network ("cnn", "rnn", "activations")
        or is None.
        """
        display = getattr(self.training, "display", None)
        comp = getattr(display, "comp", None)
        if comp is not None:
            from nnsim.engine.stepper import steppable_problem

            why = steppable_problem(comp.network)
            if why is not None:
                return self._instead(why)
        tr = self.training.trainer_or_none()
        if tr is None:
            return (
                self.training.problem.message or self.tr("This network cannot be trained yet."),
                None,
            )
        if isinstance(tr.x_train, dict):
            return self.tr("Stepping needs a network with one input layer."), None
        return None

    def _instead(self, why: str) -> tuple[str, str | None]:
        """The engine's reason put for the user, with the view that shows such a network."""
        kinds = {layer.kind for layer in self.context.document.layers.values()}
        if kinds & {"conv1d", "conv2d", "maxpool", "avgpool", "flatten"}:
            return (
                self.tr(
                    "No step-through for convolution and pooling: it goes neuron by neuron "
                    "through dense layers. The CNN view shows the convolution step by step."
                ),
                "cnn",
            )
        if "rnn" in kinds:
            return (
                self.tr(
                    "No step-through for a recurrent network: it goes neuron by neuron "
                    "through dense layers. The RNN view unrolls it over time."
                ),
                "rnn",
            )
        if "maxout" in kinds:
            return (
                self.tr(
                    "No step-through for a Maxout layer: it goes neuron by neuron through "
                    "dense layers. The Activation functions view compares the functions."
                ),
                "activations",
            )
        return why, None

    def _data(self):
        """(x, y) the trainer trains on, or None with a message."""
        blocked = self.unavailable()
        if blocked is not None:
            self.message.emit(blocked[0])
            return None
        tr = self.training.trainer_or_none()
        return tr.x_train, tr.y_train

    def new_pass(self, batch: bool | None = None) -> bool:
        """Start a pass on the next sample (``batch`` False) or the next batch (True).

        By default the rule decides: standard BP steps one sample, the others a batch.
        """
        self.training.stop_and_wait()
        data = self._data()
        if data is None:
            return False
        x, y = data
        doc = self.context.document
        s = doc.settings
        if batch is None or s.rule == "perceptron":
            # the perceptron rule learns from one sample at a time
            batch = s.rule in ("accumulated", "minibatch")
        m = int(np.shape(x)[0])
        if batch:
            size = {"accumulated": m, "standard": 1}.get(s.rule, int(s.batch_size))
            size = max(1, min(size, m))
            n_batches = -(-m // size)
            b = self.next_batch % n_batches
            rows = list(range(b * size, min((b + 1) * size, m)))
            self.next_batch = b + 1
            kind = "batch"
        else:
            k = self.next_sample % m
            rows = [k]
            self.next_sample = k + 1
            kind = "sample"
        xs = x[rows[0]] if len(rows) == 1 else x[rows]
        ys = y[rows[0]] if len(rows) == 1 else y[rows]
        from nnsim.engine.stepper import make_stepper
        from nnsim.model.compile import compile_document

        trainer = self.training.trainer_or_none()
        labels, notation = doc.step_naming()
        try:
            # a network of the pass's own, with the document's weights; the update starts
            # from the trainer's optimiser state (momentum's velocity, Adam's moments)
            comp = compile_document(doc)
            stepper = make_stepper(
                comp.network,
                s.loss,
                xs,
                ys,
                s.lr,
                rule=s.rule,
                optimizer=trainer.optimizer,
                regularizer=trainer.regularizer,
                notation=notation,
                labels=labels,
            )
        except ValueError as e:
            self.message.emit(str(e))
            return False
        was = self.stepper is not None
        self.stepper = stepper
        self._comp = comp
        self._passes += 1
        self.pass_kind = kind
        self.pass_rows = rows
        self._x = np.asarray(xs, dtype=float).reshape(len(rows), -1)
        self.context.live_preview.set_enabled(False)
        if not was:
            self.active_changed.emit(True)
        self._show()
        return True

    def _ensure_pass(self) -> bool:
        if self.stepper is None or self.stepper.done:
            return self.new_pass()
        return True

    # ------------------------------------------------------------------ stepping
    def forward(self, by: str = NEURON) -> list:
        """Step to the end of the next neuron (or layer); a finished pass starts the next."""
        if not self._ensure_pass():
            return []
        recs = self.stepper.next_group(by)
        self._moved(recs)
        return recs

    def backward(self, by: str = NEURON) -> list:
        """Undo the last neuron (or layer) stepped; update records put the old weight back."""
        if self.stepper is None:
            return []
        recs = self.stepper.back_group(by)
        self._moved(recs)
        return recs

    def apply_update(self) -> list:
        """Step the rest of the pass: forward, error, backward and every weight's update."""
        if not self._ensure_pass():
            return []
        recs = self.stepper.run_to_end()
        self._moved(recs)
        return recs

    def one_sample(self) -> list:
        """One update on one sample (finishing a one-sample pass under way)."""
        if self.stepper is None or self.stepper.done or self.pass_kind != "sample":
            if not self.new_pass(batch=False):
                return []
        return self.apply_update()

    def one_batch(self) -> list:
        """One update on the next batch as the rule defines it (finishing one under way)."""
        if self.stepper is None or self.stepper.done or self.pass_kind != "batch":
            if not self.new_pass(batch=True):
                return []
        return self.apply_update()

    def one_epoch(self) -> None:
        """One epoch of training (through the worker, recorded in the history)."""
        self.discard()
        self.training.start(1)

    def _moved(self, recs) -> None:
        if any(r.phase == "update" for r in recs):
            self._follow_optimizer()
            from nnsim.gui.commands import ID_STEP_PASS
            from nnsim.model.compile import pull_weights

            self._writing += 1
            try:
                self.training.commit_weights(
                    lambda: self.tr("Step: update weights"),
                    pull_weights,
                    self.context.document,
                    self._comp,
                    merge_id=ID_STEP_PASS + self._passes,  # a pass's updates: one step
                )
            finally:
                self._writing -= 1
            self.training.request_frame()
        self._show()

    def _follow_optimizer(self) -> None:
        """Give the trainer the optimiser state that goes with the weights shown: after a
        whole pass the state the pass's update leaves (momentum's velocity, Adam's
        moments), before its end the state it started from. The next pass, and Play,
        then go on as training would."""
        st = self.stepper
        before = getattr(st, "optimizer_before", None)
        trainer = self.training.trainer_or_none()
        if before is None or trainer is None:
            return
        state = st.optimizer_after if st.done else before
        trainer.optimizer = copy.deepcopy(state)

    # ------------------------------------------------------------------ the canvas
    def _show(self) -> None:
        """Put the pass's numbers on the canvas: values, notes, highlights, selection."""
        st = self.stepper
        scene = self.context.scene
        doc = self.context.document
        scene.clear_highlights()
        if st is None:
            self.changed.emit()
            return
        cur = st.current
        stepped = self.stepped()
        m = st.m
        k = cur.sample if cur is not None and cur.sample is not None else None
        if k is None:
            # the batch's error and the updates: show the last sample's numbers
            k = 0 if not stepped else max((r.sample or 0) for r in stepped)
        outs = {lid: np.full(layer.size, np.nan) for lid, layer in doc.layers.items()}
        nets = {lid: np.full(layer.size, np.nan) for lid, layer in doc.layers.items()}
        notes: dict[str, list] = {}
        for lid in doc.input_layers():
            if doc.layers[lid].size == self._x.shape[1]:
                outs[lid] = self._x[min(k, m - 1)].copy()
        for r in stepped:
            if r.layer not in outs or r.neuron is None:
                continue
            if r.phase == "forward" and r.sample == k:
                outs[r.layer][r.neuron] = r.value
                nets[r.layer][r.neuron] = r.details.get("net", np.nan)
            elif r.phase == "backward" and r.sample == k:
                size = doc.layers[r.layer].size
                notes.setdefault(r.layer, [None] * size)[r.neuron] = (
                    f"{r.symbol} = {fmt_value(r.value)}"
                )
        scene.blockSignals(True)
        try:
            for lid in doc.layers:
                has_out = bool(np.isfinite(outs[lid]).any())
                if has_out:
                    scene.set_neuron_values(lid, outs[lid], nets[lid])
                else:
                    scene.set_neuron_values(lid, None, None)
        finally:
            scene.blockSignals(False)
        scene.values_changed.emit()
        scene.clear_notes()
        for lid, ns in notes.items():
            scene.set_neuron_notes(lid, ns)
        if cur is not None:
            self._highlight(cur)
        self.changed.emit()

    def _highlight(self, rec) -> None:
        scene = self.context.scene
        doc = self.context.document
        soft = "#ffe8a3"
        if rec.phase in ("forward", "backward") and rec.layer in doc.layers:
            for src in rec.sources:
                if rec.phase == "forward" and isinstance(src, tuple):
                    kid = doc.link_between(src[0], rec.layer)
                    if kid is not None:
                        scene.highlight_edge(kid, src[1], rec.neuron, True, soft)
                elif rec.phase == "backward" and isinstance(src, tuple):
                    kid = doc.link_between(rec.layer, src[0])
                    if kid is not None:
                        scene.highlight_edge(kid, rec.neuron, src[1], True, soft)
            scene.highlight_neuron(rec.layer, rec.neuron)
            scene.select_keys([("neuron", rec.layer, rec.neuron)])
        elif rec.phase == "loss" and rec.layer in doc.layers:
            scene.highlight_layer(rec.layer)
        elif rec.phase == "update" and rec.layer in doc.layers:
            if rec.param == "b":
                scene.highlight_neuron(rec.layer, rec.neuron)
            elif rec.source is not None and rec.index is not None:
                kid = doc.link_between(rec.source, rec.layer)
                if kid is not None:
                    i, j = rec.index
                    scene.highlight_edge(kid, i, j)
                    scene.select_keys([("edge", kid, i, j)])
