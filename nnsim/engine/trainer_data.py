"""A trainer's data: the training and validation sets checked, and the seeded validation split."""

from __future__ import annotations

import numpy as np

from nnsim.engine.errors import ShapeError
from nnsim.engine.training_rules import TrainingError, _as_data, _n_rows, _take


def training_sets(train, val, val_fraction, seed: int):
    """The sets a ``Trainer`` trains and validates on.

    Parameters
    ----------
    train, val : pair (x, y) or None
        As ``Trainer`` takes them; ``val`` None with a ``val_fraction`` holds out that
        share of ``train`` (a permutation seeded by ``[seed, 2]``, each part in its
        original order).
    val_fraction : float
    seed : int

    Returns
    -------
    tuple
        ``(x_train, y_train, x_val, y_val, train_index, val_index)``: ``x_val`` and
        ``y_val`` None without a validation set; the indices are the rows of ``train``
        each part took (``val_index`` None unless it was split off).

    Raises
    ------
    TrainingError, ShapeError
        When a set is not a pair, is empty, or its rows and targets do not match.
    """
    if train is None or len(train) != 2:
        raise TrainingError("train must be a pair (x, y) of inputs and targets")
    x, y = _as_data(train[0]), np.asarray(train[1])
    m = _n_rows(x)
    if m != len(y):
        raise ShapeError(f"{m} input rows but {len(y)} targets")
    if m == 0:
        raise TrainingError("the training set is empty")
    train_index = np.arange(m)
    val_index = None
    if val is None and val_fraction:
        frac = float(val_fraction)
        if not 0 < frac < 1:
            raise TrainingError(f"val_fraction must lie between 0 and 1, got {val_fraction}")
        n_val = int(round(frac * m))
        if n_val < 1 or n_val >= m:
            raise TrainingError(
                f"a validation share of {frac:g} of {m} samples leaves no validation "
                "or no training samples"
            )
        perm = np.random.default_rng([seed, 2]).permutation(m)
        val_index = np.sort(perm[:n_val])
        train_index = np.sort(perm[n_val:])
        val = (_take(x, val_index), y[val_index])
        x, y = _take(x, train_index), y[train_index]
    if val is None:
        return x, y, None, None, train_index, val_index
    if len(val) != 2:
        raise TrainingError("val must be a pair (x, y) of inputs and targets")
    vx, vy = _as_data(val[0]), np.asarray(val[1])
    if _n_rows(vx) != len(vy):
        raise ShapeError(f"{_n_rows(vx)} validation input rows but {len(vy)} targets")
    return x, y, vx, vy, train_index, val_index
