"""Divergence: the limits a training run must stay within, and the sentence naming the cause.

A run has diverged when a weight, the gradient or the loss is NaN or ±inf, and also when
the numbers are finite but absurd for a teaching network:

* a weight or bias beyond ``WEIGHT_LIMIT`` in absolute value (|w| > 10⁶; the bundled
  lessons train with |w| < 100), or
* a training loss more than ``LOSS_GROWTH`` times the loss of the initial weights (or
  of 1, whichever is larger): a loss growing by four orders of magnitude is not
  learning.

The perceptron rule is only held to finiteness: its weights grow with η by design
(scaling η scales every weight it reaches) and it cannot blow up.

The checks cost two reductions over the parameter vector per snapshot (the trainer
records one per epoch, or per update when stepping), so the fused epoch loop stays fast.
When a run diverges, ``cause`` says which of the usual suspects it was: a loaded weight
that is already absurd, inputs or targets far from the usual −1…1 scale, or else the
learning rate.
"""

from __future__ import annotations

import math

import numpy as np

#: Largest |weight| a BP run may reach before it counts as diverged.
WEIGHT_LIMIT = 1e6

#: A training loss above LOSS_GROWTH × max(initial loss, 1) counts as diverged.
LOSS_GROWTH = 1e4

#: Inputs or targets beyond this in absolute value are named as the likely cause.
DATA_LIMIT = 1e3


def _extent(arr) -> float:
    """max |arr| in two reductions without a temporary (NaN when arr holds a NaN)."""
    arr = np.asarray(arr)
    if arr.size == 0:
        return 0.0
    hi, lo = float(arr.max()), float(arr.min())  # NaN propagates, without a warning
    if math.isnan(hi) or math.isnan(lo):
        return math.nan
    return max(hi, -lo)


def _data_extent(x) -> float:
    if isinstance(x, dict):
        return max((_extent(v) for v in x.values()), default=0.0)
    return _extent(x)


def _bad_word(arr) -> str:
    """'nan', 'inf' or '-inf': the first kind of non-finite value in ``arr``."""
    arr = np.asarray(arr)
    if np.isnan(arr).any():
        return "nan"
    return "inf" if np.isposinf(arr).any() else "-inf"


def parameter_name(network, i: int) -> str:
    """Where flat parameter ``i`` lives, e.g. "W0[1, 0] of layer 'hidden'"."""
    for layer, pname, sl, shape in getattr(network, "slots", ()):
        if sl.start <= i < sl.stop:
            idx = np.unravel_index(i - sl.start, shape) if shape else ()
            where = ", ".join(str(int(v)) for v in idx)
            return f"{pname}[{where}] of layer {layer!r}"
    return f"parameter {i}"


class DivergenceGuard:
    """The divergence checks of one trainer.

    Parameters
    ----------
    network : Network
        Whose ``theta`` (and ``slots``, for naming a weight) are checked.
    x, y : arrays (x may be a dict of arrays)
        The training data, looked at only to name the cause.
    limits : bool
        False holds the run to finiteness only (the perceptron rule).
    """

    def __init__(self, network, x, y, limits: bool = True):
        self.network = network
        self.limits = bool(limits)
        self._x_extent = _data_extent(x)
        self._y_extent = _extent(np.asarray(y, dtype=float)) if np.size(y) else 0.0

    # --- the checks -------------------------------------------------------------------
    def weights(self, theta) -> str | None:
        """A note when ``theta`` is non-finite or beyond the limit, else None."""
        m = _extent(theta)
        if not math.isfinite(m):
            return f"the weights became {_bad_word(theta)}"
        if self.limits and m > WEIGHT_LIMIT:
            i = int(np.argmax(np.abs(theta)))
            return (
                f"a weight reached {float(theta[i]):.3g} ({parameter_name(self.network, i)}; "
                f"the limit is |w| ≤ {WEIGHT_LIMIT:g})"
            )
        return None

    def gradient(self, grad) -> str | None:
        """A note when the gradient holds NaN or ±inf."""
        if math.isfinite(_extent(grad)):
            return None
        return f"the gradient became {_bad_word(grad)}"

    def loss(self, value: float, reference: float | None = None, what: str = "the loss"):
        """A note when a loss is non-finite, or ``LOSS_GROWTH`` times ``reference`` (the
        initial weights' loss; None checks finiteness only) or more; else None."""
        value = float(value)
        if not math.isfinite(value):
            return f"{what} became {value}"
        if reference is None or not self.limits or not math.isfinite(reference):
            return None
        if value > LOSS_GROWTH * max(reference, 1.0):
            return (
                f"{what} grew to {value:.3g} (from {reference:.3g} at the start; the limit "
                f"is {LOSS_GROWTH:g} times that, or {LOSS_GROWTH:g} at least)"
            )
        return None

    # --- the cause ----------------------------------------------------------------------
    def cause(self, start, rule: str, lr: float) -> str:
        """The likely cause and what to change, as a sentence fragment.

        ``start`` is the weights the run started from (a loaded document's, or drawn),
        ``lr`` the learning rate now.
        """
        m = _extent(start)
        if not math.isfinite(m) or m > WEIGHT_LIMIT:
            if math.isfinite(m):
                i = int(np.argmax(np.abs(start)))
            else:
                i = int(np.flatnonzero(~np.isfinite(start))[0])
            return (
                f"a loaded weight is {float(start[i]):.3g} ({parameter_name(self.network, i)}): "
                "set it to a usual value or draw new weights (Reset)"
            )
        xm = self._x_extent
        if not math.isfinite(xm) or xm > DATA_LIMIT:
            return (
                f"the inputs reach {xm:.3g}: scale them to about −1…1 "
                "(or lower the learning rate a lot)"
            )
        ym = self._y_extent
        if not math.isfinite(ym) or ym > DATA_LIMIT:
            return f"the targets reach {ym:.3g}: scale them to about −1…1"
        if rule == "perceptron":
            return f"learning rate η = {lr:g} overflows the weights: lower it"
        return f"learning rate too high? Lower η (now {lr:g}), e.g. 10× smaller"
