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
They are written once, in ``snapshot_notes`` (a history row) and ``update_notes`` (after
updates), for one network's (P,) parameters or a stack of replicas' (R, P): the Trainer
(through its ``DivergenceGuard``) and ``ReplicaTrainer`` call the same functions.
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


# --- the detector: one implementation for a network and for a stack of replicas --------


#: Largest finite float64: ``abs(x) <= _FINITE`` is False for NaN and ±inf alike, for a
#: Python float and an array (the checks below are written once for both).
_FINITE = float(np.finfo(np.float64).max)


def _rows(theta) -> np.ndarray:
    theta = np.asarray(theta)
    return theta[None] if theta.ndim == 1 else theta


def _column(v, n: int) -> np.ndarray:
    """A value per row: a scalar (or None: NaN) repeated, or the (n,) array itself."""
    if type(v) is np.ndarray and v.shape == (n,):
        return v
    a = np.asarray(np.nan if v is None else v, dtype=np.float64).reshape(-1)
    return a if a.size == n else np.full(n, a[0])


def _failing(ok) -> list[int]:
    """The rows where ``ok`` (a bool for one network, an array for a stack) is False."""
    if isinstance(ok, (bool, np.bool_)):
        return [] if ok else [0]
    return [] if ok.all() else [int(k) for k in np.flatnonzero(~ok)]


def weights_note(theta, limits: bool = True, network=None) -> str | None:
    """A note when one flat parameter vector is non-finite or beyond ``WEIGHT_LIMIT``."""
    m = _extent(theta)
    if not math.isfinite(m):
        return f"the weights became {_bad_word(theta)}"
    if limits and m > WEIGHT_LIMIT:
        i = int(np.argmax(np.abs(theta)))
        return (
            f"a weight reached {float(theta[i]):.3g} ({parameter_name(network, i)}; "
            f"the limit is |w| ≤ {WEIGHT_LIMIT:g})"
        )
    return None


def loss_note(value, reference=None, limits: bool = True, what: str = "the loss") -> str | None:
    """A note when a loss is non-finite, or ``LOSS_GROWTH`` times ``reference`` (the
    initial weights' loss; None or NaN checks finiteness only) or more."""
    value = float(value)
    if not math.isfinite(value):
        return f"{what} became {value}"
    if reference is None or not limits or not math.isfinite(reference):
        return None
    if value > LOSS_GROWTH * max(reference, 1.0):
        return (
            f"{what} grew to {value:.3g} (from {reference:.3g} at the start; the limit "
            f"is {LOSS_GROWTH:g} times that, or {LOSS_GROWTH:g} at least)"
        )
    return None


def snapshot_notes(
    theta, loss, reference=None, val_loss=None, penalty=None, *, limits=True, network=None
) -> dict[int, str]:
    """The checks of a history row (a snapshot), for one network or a stack of replicas.

    Parameters
    ----------
    theta : ndarray
        (P,) one network's flat parameters, or (R, P) one row per replica.
    loss : float or (R,) array
        The training loss of each row.
    reference : float, (R,) array or None
        The initial weights' training loss (None or NaN: no row yet, finiteness only).
    val_loss, penalty : float, (R,) array or None
        The validation loss and the penalty, held to finiteness (None: not checked).
    limits : bool
        False holds the rows to finiteness only (the perceptron rule).
    network : Network, optional
        Names the parameter of a weight beyond the limit (replicas share the layout).

    Returns
    -------
    dict
        {row: note} for the rows that diverged, checked in this order: the weights
        (NaN/inf, |w| > ``WEIGHT_LIMIT``), the training loss (non-finite, grown
        ``LOSS_GROWTH``-fold), the validation loss, the penalty. Empty when all are sound:
        a few reductions over all rows, the sentences only for the rows that fail.
    """
    theta = np.asarray(theta)
    single = theta.ndim == 1
    with np.errstate(invalid="ignore"):
        if single:  # Python floats: a few reductions, no small arrays
            extent = _extent(theta)
            ref = math.nan if reference is None else float(reference)
            cap = LOSS_GROWTH * max(ref, 1.0) if math.isfinite(ref) else math.inf
            loss = float(loss)
        else:
            n = theta.shape[0]
            loss, ref = _column(loss, n), _column(reference, n)
            extent = np.abs(theta).max(axis=1, initial=0.0)  # NaN stays NaN
            cap = LOSS_GROWTH * np.maximum(ref, 1.0)  # NaN (no reference): never exceeded
            cap[np.isnan(cap)] = np.inf
        if not limits:
            cap = math.inf
        # the conditions, once for both: sound weights and losses
        ok = (extent <= (WEIGHT_LIMIT if limits else _FINITE)) & (abs(loss) <= _FINITE)
        ok = ok & (loss <= cap)
        for v in (val_loss, penalty):
            if v is not None:
                ok = ok & (abs(v if single else _column(v, n)) <= _FINITE)
    notes = {}
    for k in _failing(ok):
        theta_k = theta if single else theta[k]
        loss_k, ref_k = (loss, ref) if single else (loss[k], float(ref[k]))
        note = weights_note(theta_k, limits, network) or loss_note(loss_k, ref_k, limits)
        if note is None and val_loss is not None:
            vl = val_loss if single else _column(val_loss, n)[k]
            note = loss_note(vl, what="the validation loss")
        if note is None and penalty is not None:
            p = float(penalty if single else _column(penalty, n)[k])
            note = None if math.isfinite(p) else f"the penalty became {p}"
        if note is not None:
            notes[k] = note
    return notes


def update_notes(
    theta, loss, grad=None, *, loss_first=True, limits=True, network=None
) -> dict[int, str]:
    """The checks after training updates, for one network or a stack of replicas.

    One sum per row tells whether its weights are still finite (the limits are checked
    on the snapshots, ``snapshot_notes``); ``loss`` is the loss the update(s) trained on.

    Parameters
    ----------
    theta : ndarray
        (P,) or (R, P) the weights after the update.
    loss : float or (R,) array
    grad : ndarray, optional
        (P,) or (R, P) the gradient of the update: non-finite weights are blamed on it
        when it is non-finite itself.
    loss_first : bool
        Which note a row with both a non-finite loss and non-finite weights gets: the
        loss's (after one update, as ``Trainer._bp_update``) or the weights' (after a
        fused epoch, as ``Trainer._fast_bp_epoch``).
    limits : bool
        False: finite weights pass (the perceptron rule).
    network : Network, optional
        For naming a parameter.

    Returns
    -------
    dict
        {row: note} for the rows that diverged.
    """
    theta = np.asarray(theta)
    single = theta.ndim == 1
    with np.errstate(all="ignore"):
        sums = np.add.reduce(theta, axis=-1)
    if single:
        sums, loss = float(sums), float(loss)
    else:
        loss = _column(loss, theta.shape[0])
    ok_w, ok_l = abs(sums) <= _FINITE, abs(loss) <= _FINITE
    notes = {}
    for k in _failing(ok_w & ok_l):
        bad_w = not (ok_w if single else ok_w[k])
        bad_l = not (ok_l if single else ok_l[k])
        if bad_l and (loss_first or not bad_w):
            notes[k] = f"the loss became {float(loss if single else loss[k])}"
            continue
        theta_k = theta if single else theta[k]
        note = None
        if grad is not None:
            g = np.asarray(grad) if single else np.asarray(grad)[k]
            if not math.isfinite(_extent(g)):
                note = f"the gradient became {_bad_word(g)}"
        note = note or weights_note(theta_k, limits, network)
        if note is not None:  # (a sum can overflow where no weight is beyond the limits)
            notes[k] = note
    return notes


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

    # --- the checks of one network (``snapshot_notes`` / ``update_notes`` do all) -----
    def weights(self, theta) -> str | None:
        """A note when ``theta`` is non-finite or beyond the limit, else None."""
        return weights_note(theta, self.limits, self.network)

    def gradient(self, grad) -> str | None:
        """A note when the gradient holds NaN or ±inf."""
        if math.isfinite(_extent(grad)):
            return None
        return f"the gradient became {_bad_word(grad)}"

    def loss(self, value: float, reference: float | None = None, what: str = "the loss"):
        """A note when a loss is non-finite, or ``LOSS_GROWTH`` times ``reference`` (the
        initial weights' loss; None checks finiteness only) or more; else None."""
        return loss_note(value, reference, self.limits, what)

    def update(self, theta, loss, grad=None, loss_first: bool = True) -> str | None:
        """``update_notes`` for this trainer's network: a note or None."""
        notes = update_notes(
            theta, loss, grad, loss_first=loss_first, limits=self.limits, network=self.network
        )
        return notes.get(0)

    def snapshot(self, theta, loss, reference=None, val_loss=None, penalty=None) -> str | None:
        """``snapshot_notes`` for this trainer's network: a note or None."""
        notes = snapshot_notes(
            theta, loss, reference, val_loss, penalty, limits=self.limits, network=self.network
        )
        return notes.get(0)

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
