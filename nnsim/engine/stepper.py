"""The step-through: one forward, backward and update pass, one neuron or one weight at a time.

A ``Stepper`` turns one training step of a dense network into a list of records
(``StepRecord``), each carrying the numbers of one formula and its text with those
numbers substituted (``β_1 = 0.35×0.1 + 0.9×0.8 = 0.755,  b_1 = σ(0.755) = 0.680267``).

The numbers are the engine's own: the stepper runs the vectorised pass
(``Network.loss_and_grad``) once on the weights it is given, keeps every layer's net
input, output, δ and the gradient, and then explains them neuron by neuron. So what the
lecture shows is exactly what training computes, and stepping every update record ends
bit for bit in the weights one training step gives, with the optimiser and penalty set
(``stepping.updates``). Stepping an update record writes the new weight into the network;
stepping back writes the old one again. ``make_stepper`` gives the perceptron rule's pass
(``stepping.perceptron``) for the rule "perceptron".
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from nnsim.engine.activations import get_activation
from nnsim.engine.layers.base import Input
from nnsim.engine.layers.dense import Dense
from nnsim.engine.losses import (
    SoftmaxCrossEntropy,
    get_loss,
)
from nnsim.engine.notation import (
    fmt,
    layer_size,
    make_notation,
)
from nnsim.engine.stepping.passes import PassRecords
from nnsim.engine.stepping.records import (
    GROUPINGS,
    PHASES,
    RecordSequence,
    StepperError,
    StepRecord,
)
from nnsim.engine.stepping.updates import UpdatePlan, UpdateRecords

__all__ = [
    "GROUPINGS",
    "PHASES",
    "StepRecord",
    "Stepper",
    "StepperError",
    "make_stepper",
    "steppable_problem",
]


def steppable_problem(network) -> str | None:
    """Why the step-through cannot show ``network`` (it shows dense networks), or None."""
    for name in network.order:
        layer = network.layers[name]
        if isinstance(layer, Input):
            if len(layer.shape) != 1:
                return (
                    f"the step-through shows dense networks only; input {name!r} has "
                    f"shape {layer.shape}"
                )
        elif not isinstance(layer, Dense):
            return (
                f"the step-through shows dense layers only; layer {name!r} is a "
                f"{getattr(layer, 'kind', type(layer).__name__)} layer"
            )
    return None


class Stepper(PassRecords, UpdateRecords, RecordSequence):
    """Step one training step of a dense network record by record.

    Parameters
    ----------
    network : Network
        Input and Dense layers only (masks, skip links and per-neuron activations are
        fine). Its weights at construction are the "old" weights of the pass; stepping
        update records writes into it.
    loss : Loss or str
        The loss, as for ``Network.loss_and_grad``.
    x : array or dict
        One sample (shape ``(d,)``) or a batch (``(m, d)``); a dict by input layer for
        several input layers.
    y : array
        Targets: a number or ``(l,)`` for one sample, ``(m,)`` or ``(m, l)`` for a batch;
        class indices are accepted by the softmax cross-entropy.
    lr : float
        Learning rate η.
    notation : {"auto", "book", "generic"} or Notation
        "auto" uses the book's symbols when the network is input → hidden → output.
    labels : dict of str to sequence of str, optional
        Neuron labels per layer for the words of the text, e.g. ``{"hidden": ["h1", "h2"]}``.
    optimizer : Optimizer, optional
        The optimiser training uses, with its state (momentum's velocity, Adam's moments
        and step count): the update records show its update (see ``UpdatePlan``). A copy
        is used; ``optimizer_after`` is its state after the pass. None is plain SGD with
        ``lr`` (then ``lr`` is ignored for another optimiser: its own ``lr`` counts).
    regularizer : Regularizer or str, optional
        The penalty training adds (L2, L1); None for none.

    Raises
    ------
    StepperError
        For a network the step-through cannot show, bad inputs, or a pass whose numbers
        are not finite (overflow).

    Notes
    -----
    Records come per sample k: forward neuron by neuron in data-flow order, the error
    E_k, backward neuron by neuron from the output layer back; then, for a batch, the
    batch's error E = (1/m) Σ E_k; then the updates layer by layer from the output back,
    neuron by neuron, each neuron's incoming weights then its bias. For a batch the
    gradient terms carry the 1/m of E = mean E_k and each update sums over the samples.
    Records are computed lazily, so stepping the first neurons of a big batch is cheap.

    Making a stepper runs ``network.loss_and_grad`` once (so the network's ``values``
    and ``grad`` are those of this pass). Nothing else should change the network's
    weights while it is being stepped: stepping back writes the old values again.
    """

    def __init__(
        self,
        network,
        loss,
        x,
        y,
        lr,
        notation="auto",
        labels=None,
        *,
        optimizer=None,
        regularizer=None,
    ):
        self.network = network
        self.loss = get_loss(loss)
        lr_f = float(lr)
        if not math.isfinite(lr_f):
            raise StepperError(f"the learning rate must be a finite number, got {lr!r}")
        self.lr = lr_f
        layers = network.layers
        why = steppable_problem(network)
        if why is not None:
            raise StepperError(why)
        self.notation = make_notation(network, notation, labels)
        self.dtype = network.theta.dtype
        outs = getattr(network, "output_names", None) or [
            n
            for n in network.order
            if not isinstance(layers[n], Input)
            and not any(n in layers[c].inputs for c in network.order)
        ]
        self.output = outs[0]
        self.dense = [n for n in network.order if isinstance(layers[n], Dense)]
        self.inputs = [n for n in network.order if isinstance(layers[n], Input)]
        self._X = self._inputs(x)
        self.m = next(iter(self._X.values())).shape[0]
        self._Y = self._targets(y)
        # consumers[src] = [(layer, link k)]: where a neuron's error comes back from
        self._consumers: dict[str, list[tuple[str, int]]] = {n: [] for n in network.order}
        for name in reversed(network.order):
            for k, src in enumerate(layers[name].inputs):
                self._consumers[src].append((name, k))
        # layers whose output reaches the loss: only they get an error signal
        live = {self.output}
        for name in reversed(network.order):
            if name in live:
                live.update(layers[name].inputs)
        self.live = [n for n in self.dense if n in live]
        # the OLD weights, shown in the formulas and restored by stepping back
        self._W = {
            (n, k): network.param(n, f"W{k}").copy()
            for n in self.dense
            for k in range(len(layers[n].inputs))
        }
        self._b = {n: network.param(n, "b").copy() for n in self.dense}
        self._edges = {key: self._edge_lists(*key) for key in self._W}
        self._size = {n: layer_size(layers[n]) for n in network.order}
        self._acts = {
            n: [get_activation(a) for a in layers[n].activation_names] for n in self.dense
        }
        # the engine's vectorised pass, once: every number shown is one it computed
        with np.errstate(all="ignore"):
            self.loss_value = float(network.loss_and_grad(self._X, self._Y, self.loss))
        self._out = dict(self._X)
        self._net, self._delta, self._fprime, self._dout = {}, {}, {}, {}
        for n in self.dense:
            layer = layers[n]
            self._net[n] = np.array(layer.net, self.dtype)
            self._out[n] = np.array(layer.out, self.dtype)
            if n in self.live:
                self._delta[n] = np.array(layer.delta, self.dtype)
                self._fprime[n] = np.array(layer.local_derivative(), self.dtype)
                self._dout[n] = np.array(network.douts[n], self.dtype)
        # the update as training applies it (optimiser, penalty), once for all parameters
        self.plan = UpdatePlan(network, lr_f, optimizer, regularizer)
        self.lr = self.plan.lr
        # Layers whose parameters the update changes: those the error reaches and, with a
        # penalty or an optimiser's state, the others too (their gradient term is 0).
        self._updated = [n for n in self.dense if n in self.live or not self.plan.plain]
        for n in self._updated:
            if n not in self.live:
                self._delta[n] = np.zeros_like(self._out[n])
        o = self._out[self.output]
        self._per_sample = self.loss.per_sample(o, self._Y)
        self._prob = self.loss.predict(o) if self.loss.wants_logits else o
        self._check_finite()
        self._start()

    def _check_finite(self) -> None:
        """Refuse a pass whose numbers overflow: NaN arithmetic teaches nothing."""
        what, cause = None, "the weights or the inputs are too large"
        if not math.isfinite(self.loss_value):
            what = f"the error is {fmt(self.loss_value)}"
        for n in self.dense:
            if what is None and not np.all(np.isfinite(self._net[n])):
                what = f"the net inputs of layer {n!r} are not finite"
            if what is None and not np.all(np.isfinite(self._out[n])):
                what = f"the outputs of layer {n!r} are not finite"
            if what is None and n in self.live and not np.all(np.isfinite(self._delta[n])):
                what = f"the gradient terms of layer {n!r} are not finite"
        if what is None and not np.all(np.isfinite(self.plan.new)):
            what = "the new weights are not finite"
            cause = "the learning rate is too high, or the weights or the inputs are too large"
        if what is None:
            return
        with np.errstate(all="ignore"):
            w = float(np.max(np.abs(self.plan.old), initial=0.0))
            x = max(float(np.max(np.abs(v), initial=0.0)) for v in self._X.values())
        raise StepperError(
            f"this step cannot be shown: {what} (largest |weight| {w:.3g}, largest |input| "
            f"{x:.3g}): {cause}"
        )

    # --- input checks ---------------------------------------------------------
    def _inputs(self, x) -> dict[str, np.ndarray]:
        if not isinstance(x, Mapping):
            if len(self.inputs) != 1:
                raise StepperError(
                    f"the network has {len(self.inputs)} input layers; pass a dict of inputs"
                )
            x = {self.inputs[0]: x}
        missing = set(self.inputs) - set(x)
        if missing:
            raise StepperError(f"no data for input layer(s) {', '.join(sorted(missing))}")
        feeds, sizes = {}, set()
        for name in self.inputs:
            d = layer_size(self.network.layers[name])
            arr = np.asarray(x[name], dtype=self.network.theta.dtype)
            if arr.ndim == 0 and d == 1:
                arr = arr.reshape(1, 1)
            elif arr.ndim == 1:
                arr = arr[None]
            if arr.ndim != 2 or arr.shape[1] != d:
                raise StepperError(
                    f"input {name!r} takes {d} numbers per sample; got an array of shape "
                    f"{np.shape(x[name])}"
                )
            if arr.shape[0] == 0:
                raise StepperError("the batch is empty")
            feeds[name] = arr
            sizes.add(arr.shape[0])
        if len(sizes) != 1:
            raise StepperError("all input layers need the same number of samples")
        return feeds

    def _targets(self, y) -> np.ndarray:
        m, n_out = self.m, layer_size(self.network.layers[self.output])
        arr = np.asarray(y)
        if isinstance(self.loss, SoftmaxCrossEntropy) and n_out > 1 and arr.size == m:
            idx = arr.reshape(m)
            if not np.all(np.equal(np.mod(idx, 1), 0)) or idx.min() < 0 or idx.max() >= n_out:
                raise StepperError(f"class labels must be whole numbers 0..{n_out - 1}")
            onehot = np.zeros((m, n_out), self.dtype)
            onehot[np.arange(m), idx.astype(np.int64)] = 1
            return onehot
        if arr.size != m * n_out:
            raise StepperError(
                f"{m} sample(s) for an output layer of {n_out} neuron(s) need {m * n_out} "
                f"target number(s); got an array of shape {arr.shape}"
            )
        return arr.astype(self.dtype).reshape(m, n_out)

    # --- the pass ---------------------------------------------------------------
    def _generate(self):
        for k in range(self.m):
            for name in self.dense:
                for j in range(self._size[name]):
                    yield self._forward(name, j, k)
            yield self._sample_loss(k)
            for name in reversed(self.live):
                for i in range(self._size[name]):
                    yield self._backward(name, i, k)
        if self.m > 1:
            yield self._batch_loss()
        for name in reversed(self._updated):
            layer = self.network.layers[name]
            for j in range(self._size[name]):
                for kk, src in enumerate(layer.inputs):
                    for i in self._rows(name, kk, j):
                        yield self._update_weight(name, kk, src, i, j)
                if layer.use_bias:
                    yield self._update_bias(name, j)

    def _rows(self, name, k, j) -> list[int]:
        """Source neurons i connected to neuron j through link k (masked edges do not exist)."""
        return self._edges[(name, k)][0][j]

    def _cols(self, name, k, i) -> list[int]:
        """Target neurons j fed by neuron i through link k."""
        return self._edges[(name, k)][1][i]

    def _edge_lists(self, name, k):
        mask = self.network.layers[name].masks[k]
        n_in, n_out = self._W[(name, k)].shape
        if mask is None:
            return [list(range(n_in))] * n_out, [list(range(n_out))] * n_in
        mask = np.asarray(mask, bool)
        rows = [np.flatnonzero(mask[:, j]).tolist() for j in range(n_out)]
        cols = [np.flatnonzero(mask[i]).tolist() for i in range(n_in)]
        return rows, cols

    def __repr__(self) -> str:
        return (
            f"Stepper({self.notation.kind} notation, {self.m} sample(s), position {self._position})"
        )


def make_stepper(
    network,
    loss,
    x,
    y,
    lr,
    *,
    rule="standard",
    optimizer=None,
    regularizer=None,
    notation="auto",
    labels=None,
):
    """The step-through of one training step as ``rule`` makes it.

    Parameters
    ----------
    rule : str
        ``"perceptron"`` gives a ``PerceptronStepper`` (one sample; ``loss``, the
        optimiser and the penalty play no part in the perceptron rule); the BP rules a
        ``Stepper``.
    network, loss, x, y, lr, optimizer, regularizer, notation, labels
        As for ``Stepper``.
    """
    if rule == "perceptron":
        from nnsim.engine.stepping.perceptron import PerceptronStepper

        return PerceptronStepper(network, x, y, lr, notation=notation, labels=labels)
    return Stepper(
        network,
        loss,
        x,
        y,
        lr,
        notation,
        labels,
        optimizer=optimizer,
        regularizer=regularizer,
    )
