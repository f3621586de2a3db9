"""The training rules' vocabulary, scoring and epochs: perceptron, standard / accumulated / mini-batch BP.

``RULES``, ``STATUSES``, ``TrainingError`` and ``TrainResult`` name what a run does and how
it ended; ``Evaluation`` scores the network's outputs (loss, accuracy, classes);
``RuleEpochs`` holds one pass over the data for each rule (COURSE.md §2, §7), including
the fused SGD epoch (``Network.train_epoch_sgd``). ``Trainer`` (``nnsim.engine.trainer``)
mixes both in and owns the state they read; the public names are re-exported by
``nnsim.engine.training``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nnsim.engine.errors import EngineError, ShapeError
from nnsim.engine.losses import SigmoidBinaryCrossEntropy, SoftmaxCrossEntropy
from nnsim.engine.metrics import (
    accuracy,
    classes_from_output,
    classes_from_targets,
    confusion_matrix,
)
from nnsim.engine.perceptron import PerceptronResult, perceptron_targets
from nnsim.engine.sequence_tools import clip_grad_norm

#: Training rules, in the order of the lecture.
RULES = ("perceptron", "standard", "accumulated", "minibatch")

#: How a training run can end (``TrainResult.status``).
STATUSES = (
    "finished",  # ran the epochs asked for
    "converged",  # perceptron: an epoch without errors
    "cycle",  # perceptron: the weights repeat — not linearly separable
    "max_epochs",  # reached the trainer's cap on epochs
    "solved",  # reached the target training accuracy
    "early_stopping",  # validation loss stopped improving; best weights restored
    "diverged",  # NaN/inf or beyond the limits (divergence.py); last sound weights restored
    "stopped",  # stop() was called
)


class TrainingError(EngineError):
    """The trainer was set up with something it cannot use; the message says what."""


@dataclass
class TrainResult:
    """How the last ``run`` / ``iter_epochs`` / ``iter_steps`` ended.

    Attributes
    ----------
    status : str
        One of ``STATUSES``.
    message : str
        A sentence for the student, e.g. "the loss became inf at epoch 3: learning rate
        too high? ...".
    epoch : int
        The epoch the network is at afterwards (after a rollback: the restored one).
    best_epoch : int or None
        Epoch of the lowest validation loss, when there is a validation set.
    perceptron : PerceptronResult or None
        The perceptron rule's own result (rule "perceptron").
    """

    status: str
    message: str
    epoch: int
    best_epoch: int | None = None
    perceptron: PerceptronResult | None = None


def _n_rows(x) -> int:
    if isinstance(x, dict):
        sizes = {len(v) for v in x.values()}
        if len(sizes) != 1:
            raise ShapeError("the input layers are given different numbers of samples")
        return sizes.pop()
    return len(x)


def _take(x, idx):
    if isinstance(x, dict):
        return {k: v[idx] for k, v in x.items()}
    return x[idx]


def _as_data(x):
    if isinstance(x, dict):
        return {k: np.asarray(v) for k, v in x.items()}
    return np.asarray(x)


class Evaluation:
    """How the network's outputs are scored (loss, accuracy, classes); mixed into ``Trainer``."""

    # --- set-up helpers -----------------------------------------------------------
    def _task(self) -> str:
        if isinstance(self.loss, (SoftmaxCrossEntropy, SigmoidBinaryCrossEntropy)):
            return "classification"
        if self.rule == "perceptron":
            return "classification"
        y = np.asarray(self.y_train)
        if self.n_outputs == 1:
            return "classification" if np.unique(y).size <= 2 else "regression"
        if y.ndim == 2 and y.shape[1] == self.n_outputs:
            vals = np.unique(y)
            if vals.size <= 2 and np.all(np.count_nonzero(y == y.max(), axis=1) == 1):
                return "classification"  # one-hot rows
        return "regression"

    def _classes_of(self, y):
        if self.task != "classification":
            return None
        return classes_from_targets(y, self.n_outputs, self.target_threshold)

    # --- public helpers -------------------------------------------------------------
    def predict(self, x) -> np.ndarray:
        """Network outputs for ``x`` (the loss's view: probabilities for cross-entropies)."""
        return self.loss.predict(self._forward_all(_as_data(x)))

    def predict_classes(self, x) -> np.ndarray:
        """Predicted classes for ``x`` (threshold for one output, argmax for several)."""
        return classes_from_output(self._forward_all(_as_data(x)), self.threshold)

    def evaluate(self, x, y) -> tuple[float, float]:
        """(mean loss, accuracy) of the current weights on (x, y); accuracy NaN for regression."""
        y = np.asarray(y)
        if self._perceptron is not None:
            y = perceptron_targets(self._perceptron.layer, y)  # the units' coding
        classes = self._classes_of(y)
        return self._evaluate(_as_data(x), y, classes)

    def confusion(self, x, y) -> np.ndarray:
        """Confusion matrix (rows: true class, columns: predicted) on (x, y)."""
        true = self._classes_of(np.asarray(y))
        if true is None:
            raise TrainingError("a confusion matrix needs a classification task")
        pred = self.predict_classes(x)
        n = max(self.n_outputs, 2)
        return confusion_matrix(true, pred, n)

    # --- evaluation -------------------------------------------------------------------
    def _forward_all(self, x) -> np.ndarray:
        m = _n_rows(x)
        if m <= self.eval_batch:
            return np.array(self.network.forward(x), copy=True)
        parts = [
            np.array(self.network.forward(_take(x, slice(i, i + self.eval_batch))), copy=True)
            for i in range(0, m, self.eval_batch)
        ]
        return np.concatenate(parts)

    def _evaluate(self, x, y, classes) -> tuple[float, float]:
        m = _n_rows(x)
        total = 0.0
        preds = []
        with np.errstate(all="ignore"):
            for i in range(0, m, self.eval_batch):
                sl = slice(i, i + self.eval_batch)
                xs = _take(x, sl)
                out = self.network.infer(xs)
                n = _n_rows(xs)
                total += self.loss.value(out, y[sl]) * n
                if classes is not None:
                    preds.append(classes_from_output(out, self.threshold))
        loss = total / m if m else float("nan")
        acc = accuracy(classes, np.concatenate(preds)) if classes is not None else float("nan")
        return float(loss), acc


class RuleEpochs:
    """One epoch of each training rule; mixed into ``Trainer``, which owns the state."""

    # --- the update -----------------------------------------------------------------
    def _bp_update(self, idx) -> str | None:
        """One BP update on the samples ``idx``; a divergence note or None."""
        net = self.network
        if idx is None:  # a streamed batch: fresh rows from the row source
            xb, yb = self.row_source(self._rng, self._batch_rows())
        else:
            xb = _take(self.x_train, idx)
            yb = self.y_train[idx]
        with np.errstate(all="ignore"):
            value = net.loss_and_grad(xb, yb, self.loss, **self._lg_kwargs)
            if math.isfinite(value):  # (a non-finite loss ends the run: no step)
                self.batch_loss = value
                self.regularizer.add_grad(net.theta, net.grad)
                if self.clip_norm is not None:
                    clip_grad_norm(net.grad, self.clip_norm)
                self.optimizer.step(net.theta, net.grad)
            # One sum per update; the limits are checked on each snapshot (_record).
            bad = self._guard.update(net.theta, value, net.grad)
        if bad is not None:
            return bad
        self.step += 1
        return None

    def _batch_rows(self) -> int:
        """Rows per update of the BP rule."""
        return {"standard": 1, "accumulated": self.n_train}.get(self.rule, self.batch_size)

    def _batches(self):
        m = self.n_train
        if self.row_source is not None:
            # A stream: as many updates per epoch as ``train`` holds batches; each
            # batch is drawn when it is used (None), so slices draw what one run would.
            return [None] * max(m // self._batch_rows(), 1)
        if self.rule == "accumulated":
            return [slice(None)]
        order = self._rng.permutation(m) if self.shuffle else np.arange(m)
        size = 1 if self.rule == "standard" else self.batch_size
        end = m - m % size if self.drop_last and m >= size else m
        return [order[i : i + size] for i in range(0, end, size)]

    def _stopped(self) -> str:
        self._finish("stopped", f"stopped at epoch {self.epoch} by request")
        return "stop"

    def _bp_epoch(self, epoch: int, per_step: bool):
        """One pass of BP; returns the epoch snapshot or "stop" (after setting ``result``)."""
        if not per_step and self._can_fast():
            return (yield from self._fast_bp_epoch(epoch))
        pending, self._pending = self._pending, None
        if self.resume and pending is not None and pending[:2] == (epoch, self.step):
            first, batches = pending[2], pending[3]  # the rest of a stopped epoch
        else:
            first, batches = 0, self._batches()
        last = first + len(batches) - 1
        for j, idx in enumerate(batches):
            b = first + j
            if self._stop_requested:
                if j and not per_step:  # a partial epoch: record where the weights are
                    snap, bad = self._record("step")
                    if bad is not None:
                        self._diverged(bad, epoch)
                        return "stop"
                if self.resume:
                    self._pending = (epoch, self.step, b, batches[j:])
                return self._stopped()
            bad = self._bp_update(idx)
            if bad is not None:
                self._diverged(bad, epoch)
                return "stop"
            if self.on_batch is not None and self.on_batch(
                epoch, b + 1, last + 1, float(self.batch_loss)
            ):
                self._stop_requested = True
            if b == last:
                self.epoch = epoch
                snap, bad = self._record("epoch")
            elif per_step:
                snap, bad = self._record("step")
            else:
                continue
            if bad is not None:
                self._diverged(bad, epoch)
                return "stop"
            if per_step:
                yield snap
        return snap

    def _can_fast(self) -> bool:
        """True when a whole epoch can run in the network's own fast SGD loop."""
        return (
            self.fast
            and self.on_batch is None  # the fused loop has no batch boundary to report
            and self.clip_norm is None
            and self.row_source is None
            and not (self.drop_last and self.n_train % self.batch_size)
            and self._fast_epoch is not None
            and self.optimizer.name == "sgd"
            and type(self.regularizer).__name__ == "NoRegularizer"
            and not isinstance(self.x_train, dict)
        )

    def _fast_bp_epoch(self, epoch: int):
        """One epoch through ``Network.train_epoch_sgd``: the same updates, far fewer calls.

        Divergence is checked at the end of the epoch instead of after every update.
        """
        if self._stop_requested:
            return self._stopped()
        size = {"standard": 1, "accumulated": self.n_train}.get(self.rule, self.batch_size)
        with np.errstate(all="ignore"):
            value = self._fast_epoch(
                self.x_train,
                self.y_train,
                self.loss,
                self.lr,
                size,
                rng=self._rng,
                shuffle=self.shuffle and self.rule != "accumulated",
            )
        self.step += -(-self.n_train // size)
        bad = self._guard.update(self.network.theta, value, loss_first=False)
        if bad is None:
            self.epoch = epoch
            snap, bad = self._record("epoch")
        if bad is not None:
            self._diverged(bad, epoch)
            return "stop"
        return snap
        yield  # a generator like _bp_epoch (never reached)

    def _perceptron_errors(self) -> list[int]:
        """Errors of each epoch so far on this branch (epoch 1 first)."""
        h = self.history
        return [int(h._c["errors"][i]) for i in h.epoch_rows() if h.epoch[i] > 0]

    def _perceptron_epoch(self, epoch: int, per_step: bool):
        """One pass of the perceptron rule in the data's order."""
        rule = self._perceptron
        errors = 0
        last = rule.n_samples - 1
        for k in range(rule.n_samples):
            if self._stop_requested:
                return self._stopped()
            with np.errstate(all="ignore"):  # an overflow is caught as divergence below
                errors += rule.step(k)
            self.step += 1
            if k == last:
                self.epoch = epoch
                snap, bad = self._record("epoch", errors)
            elif per_step:
                snap, bad = self._record("step", errors)
            else:
                continue
            if bad is not None:
                self._diverged(bad, epoch)
                return "stop"
            if k == last:
                pr = rule.end_epoch(epoch, errors)
                if pr is not None:
                    pr.errors = self._perceptron_errors()
                    self._finish(pr.status, pr.message, pr)
            if per_step:
                yield snap
        return snap
