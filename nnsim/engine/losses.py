"""Loss functions computed stably, plus naive and stable softmax for the homework demo.

Every loss takes the network's raw output (for the cross-entropies: the logits) and the
targets, and returns the mean over the batch of the per-sample loss E_k, as accumulated
BP defines E = (1/m) Σ E_k. ``grad`` is ∂E/∂output for that mean.
"""

from __future__ import annotations

import numpy as np

from nnsim.engine.activations import float_dtype, sigmoid
from nnsim.engine.errors import EngineError, ShapeError


class TargetError(EngineError):
    """The targets (or the output layer) do not suit the loss; the message says what to change."""


# --- softmax and log-sum-exp, naive and stable side by side (COURSE.md §13) ---


def softmax_naive(x, axis=-1):
    """exp(x_i) / Σ exp(x_j) as the formula reads: overflows for x ≳ 710."""
    x = np.asarray(x, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(x)
        return e / e.sum(axis=axis, keepdims=True)


def softmax(x, axis=-1):
    """Stable softmax: subtract max x first, which leaves the result unchanged."""
    x = np.asarray(x, dtype=float_dtype(x))
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def logsumexp_naive(x, axis=-1):
    """log Σ exp(x_j) as written: inf for large x, -inf for very negative x."""
    x = np.asarray(x, dtype=float)
    with np.errstate(over="ignore", divide="ignore"):
        return np.log(np.exp(x).sum(axis=axis))


def logsumexp(x, axis=-1):
    """Stable log Σ exp(x_j) = m + log Σ exp(x_j − m) with m = max x."""
    x = np.asarray(x, dtype=float_dtype(x))
    m = x.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(x - m).sum(axis=axis, keepdims=True))).squeeze(axis)


def log_softmax(x, axis=-1):
    """log softmax(x) = x − logsumexp(x), finite for any finite x."""
    x = np.asarray(x, dtype=float_dtype(x))
    return x - np.expand_dims(logsumexp(x, axis=axis), axis)


def softmax_jacobian(x) -> np.ndarray:
    """∂ softmax(x)_i / ∂x_j = s_i (δ_ij − s_j), i.e. diag(s) − s sᵀ (COURSE.md §13b).

    ``x`` is one vector (n,) or a batch (..., n); the result is (..., n, n).
    """
    s = softmax(np.asarray(x, dtype=float_dtype(x)))
    return s[..., :, None] * (np.eye(s.shape[-1], dtype=s.dtype) - s[..., None, :])


def log_softmax_jacobian(x) -> np.ndarray:
    """∂ log softmax(x)_i / ∂x_j = δ_ij − s_j, i.e. I − 1 sᵀ (COURSE.md §13b)."""
    s = softmax(np.asarray(x, dtype=float_dtype(x)))
    return np.eye(s.shape[-1], dtype=s.dtype) - s[..., None, :]


# --- losses ---


class Loss:
    """Base class: ``value`` (mean over the batch), ``grad`` and ``predict``.

    ``predict`` maps the network's output to what the student sees as the answer
    (probabilities for the cross-entropies, the output itself for squared error).
    """

    name = "loss"
    #: True when the last layer should output logits (identity activation).
    wants_logits = False

    def value(self, out, target) -> float:
        raise NotImplementedError

    def per_sample(self, out, target) -> np.ndarray:
        raise NotImplementedError

    def grad(self, out, target) -> np.ndarray:
        raise NotImplementedError

    def predict(self, out):
        return out

    def check_targets(self, target, n_outputs: int) -> None:
        """Refuse, once at set-up, targets or an output layer this loss cannot train.

        Parameters
        ----------
        target : array
            All the targets (one row per sample, or class indices).
        n_outputs : int
            Units of the output layer.

        Raises
        ------
        TargetError
            Saying what to change. Squared error takes any finite targets.
        """

    def _check(self, out, target):
        out = np.asarray(out)
        target = np.asarray(target)
        if out.ndim == 1:
            out = out[:, None]
        if target.ndim == 1 and out.shape[1] == 1:
            target = target[:, None]
        if target.shape != out.shape:
            raise ShapeError(
                f"{self.name}: targets have shape {target.shape} but the output has {out.shape}"
            )
        return out, target.astype(out.dtype, copy=False)


class SquaredError(Loss):
    """E_k = ½ Σ_j (ŷ_j − y_j)², the book's error."""

    name = "squared_error"

    def per_sample(self, out, target):
        out, target = self._check(out, target)
        d = out - target
        return 0.5 * np.einsum("ij,ij->i", d, d)

    def value(self, out, target):
        return float(self.per_sample(out, target).mean())

    def grad(self, out, target):
        out, target = self._check(out, target)
        return (out - target) / out.shape[0]


class SoftmaxCrossEntropy(Loss):
    """E_k = −Σ_j d_j log softmax(α)_j, through log-softmax so logits ±1000 stay finite.

    Targets are one-hot rows or integer class indices.
    """

    name = "softmax_cross_entropy"
    wants_logits = True

    def _onehot(self, out, target):
        out = np.asarray(out)
        target = np.asarray(target)
        if target.ndim == 1 or (target.ndim == 2 and target.shape[1] == 1 and out.shape[1] > 1):
            idx = target.reshape(-1).astype(np.int64)
            if idx.shape[0] != out.shape[0]:
                raise ShapeError(
                    f"{self.name}: {idx.shape[0]} class labels for {out.shape[0]} outputs"
                )
            if idx.size and (idx.min() < 0 or idx.max() >= out.shape[1]):
                raise ShapeError(
                    f"{self.name}: class labels must lie in 0..{out.shape[1] - 1}, "
                    f"got {idx.min()}..{idx.max()}"
                )
            onehot = np.zeros_like(out)
            onehot[np.arange(idx.shape[0]), idx] = 1
            return out, onehot
        return self._check(out, target)

    def check_targets(self, target, n_outputs: int) -> None:
        """One output cannot be a softmax; labels must name an output; rows must sum to 1.

        The gradient softmax(α) − d is that of −Σ d_j log softmax(α)_j only when Σ d_j = 1,
        so rows that are not one-hot (or probabilities) are refused, not trained wrong.
        """
        n = int(n_outputs)
        if n < 2:
            raise TargetError(
                "softmax cross-entropy needs at least 2 output neurons: the softmax of one "
                "value is always 1, so the loss stays 0 and nothing is learnt. Use 2 softmax "
                "outputs, or 1 output with sigmoid binary cross-entropy"
            )
        d = np.asarray(target)
        if d.ndim == 1 or (d.ndim == 2 and d.shape[1] == 1):
            labels = d.reshape(-1)
            if labels.dtype.kind not in "iub":
                whole = np.isfinite(labels) & (labels == np.round(labels))
                if not whole.all():
                    k = int(np.argmin(whole))
                    raise TargetError(
                        f"softmax cross-entropy: class label {k} is {float(labels[k]):g}, not a "
                        "class number 0, 1, 2, …"
                    )
            if labels.size and (labels.min() < 0 or labels.max() >= n):
                raise TargetError(
                    f"softmax cross-entropy: the class labels run from {labels.min():g} to "
                    f"{labels.max():g} but the output layer has {n} neurons (classes 0…{n - 1})"
                    f": give it {int(labels.max()) + 1} neurons, one per class"
                )
            return
        if d.ndim != 2 or d.shape[1] != n:
            return  # a shape mismatch: the shape check names it
        d = d.astype(float, copy=False)
        ok = np.all(d >= 0, axis=1) & (np.abs(d.sum(axis=1) - 1.0) <= 1e-6)
        if not ok.all():
            k = int(np.argmin(ok))
            row = ", ".join(f"{v:g}" for v in d[k])
            raise TargetError(
                f"softmax cross-entropy: target row {k} is ({row}), which sums to "
                f"{d[k].sum():g}; it needs one-hot rows (a 1 for the class, 0 elsewhere) or "
                "probabilities that sum to 1. For several yes/no answers per sample use "
                "sigmoid binary cross-entropy; for values, squared error"
            )

    def per_sample(self, out, target):
        out, d = self._onehot(out, target)
        return -np.einsum("ij,ij->i", d, log_softmax(out, axis=1))

    def value(self, out, target):
        return float(self.per_sample(out, target).mean())

    def grad(self, out, target):
        out, d = self._onehot(out, target)
        return (softmax(out, axis=1) - d) / out.shape[0]

    def predict(self, out):
        return softmax(out, axis=1)


class SigmoidBinaryCrossEntropy(Loss):
    """E_k = −d log σ(z) − (1 − d) log(1 − σ(z)) written as max(z,0) − z·d + log(1 + e^−|z|)."""

    name = "sigmoid_binary_cross_entropy"
    wants_logits = True

    def check_targets(self, target, n_outputs: int) -> None:
        """Targets are probabilities 0…1 (a class 0/1 per output)."""
        d = np.asarray(target, dtype=float)
        bad = ~((d >= 0) & (d <= 1))
        if bad.any():
            k = int(np.flatnonzero(bad.reshape(len(d), -1).any(axis=1))[0]) if d.ndim else 0
            v = float(d.reshape(-1)[int(np.argmax(bad.reshape(-1)))])
            hint = (
                f"for {int(d.max()) + 1} classes use {int(d.max()) + 1} output neurons with "
                "softmax cross-entropy"
                if v > 1 and v == round(v) and d.min() >= 0
                else "code the two classes as 0 and 1"
            )
            raise TargetError(
                f"binary cross-entropy: target {k} is {v:g}, but its targets are "
                f"probabilities 0…1: {hint}"
            )

    def per_sample(self, out, target):
        z, d = self._check(out, target)
        per = np.maximum(z, 0) - z * d + np.log1p(np.exp(-np.abs(z)))
        return per.sum(axis=1)

    def value(self, out, target):
        return float(self.per_sample(out, target).mean())

    def grad(self, out, target):
        z, d = self._check(out, target)
        return (sigmoid(z) - d) / z.shape[0]

    def predict(self, out):
        return sigmoid(out)


LOSSES = {
    "squared_error": SquaredError,
    "softmax_cross_entropy": SoftmaxCrossEntropy,
    "sigmoid_binary_cross_entropy": SigmoidBinaryCrossEntropy,
}


def get_loss(name) -> Loss:
    """Look up a loss by name (see ``LOSSES``)."""
    if isinstance(name, Loss):
        return name
    try:
        return LOSSES[name]()
    except KeyError:
        raise EngineError(f"unknown loss {name!r}; choose one of {', '.join(LOSSES)}") from None
