"""Classification metrics: output → class, accuracy, confusion matrix, misclassified samples.

How an output becomes a class is spelled out here, because the course mixes codings:

* one output unit: the class is "positive" when the output reaches a threshold. The
  threshold is 0.5 for outputs in (0, 1) (sigmoid, step) and 0 for outputs centred on
  zero (tanh, sign, identity — the ReLU XOR slide reads the class as the sign of y — and
  logits fed to a sigmoid cross-entropy, since σ(0) = 0.5). See ``output_threshold``.
* several output units: the class is the index of the largest output (argmax).

Targets are read the same way: one column of two values (0/1 or −1/+1) gives class 1 for
the larger value; one-hot rows give their argmax; a 1-D integer vector with several
outputs is taken as class indices.
"""

from __future__ import annotations

import numpy as np

from nnsim.engine.activations import activation_entry
from nnsim.engine.errors import EngineError, ShapeError


def output_threshold(activation: str, logits: bool = False) -> float:
    """The decision threshold of a single output unit.

    Parameters
    ----------
    activation : str
        Engine name of the output unit's activation (``"sigmoid"``, ``"tanh"``...).
    logits : bool
        True when the loss applies the sigmoid itself (sigmoid binary cross-entropy):
        the output is a logit and the threshold is 0 (σ(0) = 0.5).

    Returns
    -------
    float
        0.5 for sigmoid and step outputs, 0.0 for everything else (tanh, sign,
        identity, ReLU...) and for logits.
    """
    if logits:
        return 0.0
    # outputs in (0, 1) or {0, 1} (the registry's output_range) are positive from 0.5;
    # every other activation is read by its sign
    try:
        bounds = activation_entry(activation).output_range
    except EngineError:
        bounds = None
    return 0.5 if bounds == (0.0, 1.0) else 0.0


def classes_from_output(out, threshold: float = 0.5) -> np.ndarray:
    """Predicted classes (int64) from network outputs.

    Parameters
    ----------
    out : array (m,) or (m, k)
        One row per sample.
    threshold : float
        Used when there is a single output: class 1 if ``out ≥ threshold`` else 0.
        With several outputs the class is the argmax and the threshold is unused.
    """
    out = np.asarray(out)
    if out.ndim == 1:
        out = out[:, None]
    if out.ndim != 2:
        raise ShapeError(f"expected outputs of shape (samples, units), got {out.shape}")
    if out.shape[1] == 1:
        return (out[:, 0] >= threshold).astype(np.int64)
    return out.argmax(axis=1).astype(np.int64)


def target_threshold(y) -> float | None:
    """Midpoint of a single-column target coding (0.5 for 0/1, 0 for −1/+1).

    Returns None when every target is equal (the coding cannot be read from the data).
    """
    y = np.asarray(y, dtype=float).reshape(-1)
    if y.size == 0:
        return None
    lo, hi = float(y.min()), float(y.max())
    return None if lo == hi else 0.5 * (lo + hi)


def classes_from_targets(y, n_outputs: int, threshold: float | None = None) -> np.ndarray:
    """True classes (int64) from targets, read the way ``classes_from_output`` reads outputs.

    Parameters
    ----------
    y : array
        (m,) or (m, 1) two-valued targets when ``n_outputs == 1``; one-hot (m, k) rows or
        (m,) class indices when ``n_outputs > 1``.
    n_outputs : int
        Number of output units of the network.
    threshold : float, optional
        For a single output: targets ≥ threshold are class 1. By default the midpoint of
        the two target values (0.5 for 0/1, 0 for −1/+1).
    """
    y = np.asarray(y)
    if n_outputs == 1:
        col = y.reshape(y.shape[0], -1)
        if col.shape[1] != 1:
            raise ShapeError(f"one output unit but targets of shape {y.shape}")
        col = col[:, 0].astype(float)
        if threshold is None:
            threshold = target_threshold(col)
            if threshold is None:  # all targets alike: 0 or less is the negative class
                return (col > 0).astype(np.int64)
        return (col >= threshold).astype(np.int64)
    if y.ndim == 1 or (y.ndim == 2 and y.shape[1] == 1):
        return y.reshape(-1).astype(np.int64)
    if y.ndim == 2 and y.shape[1] == n_outputs:
        return y.argmax(axis=1).astype(np.int64)
    raise ShapeError(f"{n_outputs} output units but targets of shape {y.shape}")


def _labels(y_true, y_pred):
    t = np.asarray(y_true).reshape(-1)
    p = np.asarray(y_pred).reshape(-1)
    if t.shape != p.shape:
        raise ShapeError(f"{t.size} true classes but {p.size} predicted classes")
    return t, p


def accuracy(y_true, y_pred) -> float:
    """Fraction of samples whose predicted class equals the true class (NaN for no samples)."""
    t, p = _labels(y_true, y_pred)
    if t.size == 0:
        return float("nan")
    return float(np.count_nonzero(t == p)) / t.size


def misclassified(y_true, y_pred) -> np.ndarray:
    """Indices (int64, ascending) of the samples whose class is predicted wrongly."""
    t, p = _labels(y_true, y_pred)
    return np.flatnonzero(t != p).astype(np.int64)


def confusion_matrix(y_true, y_pred, n_classes: int | None = None) -> np.ndarray:
    """Counts C[i, j] of samples of true class i predicted as class j.

    Parameters
    ----------
    y_true, y_pred : array of int
        Class indices 0..n_classes−1.
    n_classes : int, optional
        By default 1 + the largest class seen.

    Returns
    -------
    ndarray of int64, shape (n_classes, n_classes)
        Rows are true classes, columns predicted classes; the diagonal counts the
        correct answers and ``C.sum() == len(y_true)``.
    """
    t, p = _labels(y_true, y_pred)
    t = t.astype(np.int64)
    p = p.astype(np.int64)
    if t.size and (min(t.min(), p.min()) < 0):
        raise ShapeError("class indices must be 0 or more")
    if n_classes is None:
        n_classes = int(max(t.max(), p.max())) + 1 if t.size else 0
    elif t.size and max(t.max(), p.max()) >= n_classes:
        raise ShapeError(f"class index {int(max(t.max(), p.max()))} ≥ n_classes = {n_classes}")
    flat = np.bincount(t * n_classes + p, minlength=n_classes * n_classes)
    return flat.reshape(n_classes, n_classes).astype(np.int64)
