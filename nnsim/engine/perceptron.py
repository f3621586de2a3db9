"""The perceptron learning rule on a single layer of step/sign units, with cycle detection.

The rule (COURSE.md §2) is applied sample by sample, in the data's order:

    wᵢ ← wᵢ + η (y − ŷ) xᵢ

The book learns the threshold θ as the weight of a fixed input −1, so
θ ← θ − η (y − ŷ); the engine stores the bias b = −θ, hence b ← b + η (y − ŷ).

An epoch without a single error means the weights separate the data: the result is
"converged". On data that are not linearly separable (XOR) the weights never settle;
with the samples always presented in the same order the weights at the end of an epoch
eventually repeat an earlier state, and from there the rule cycles for ever. That
repeat is detected and reported, and a cap on the epochs ends training in any case:
the caller always gets a result, never a hang.

Two states count as the same when every parameter agrees up to the rounding of the
updates that lead there (``REPEAT_ULPS`` units in the last place of the parameter and
of its largest single update η·max|x|). Distinct states differ by sums of updates, far
more than that, however small the inputs are (1e-8 inputs still cycle or converge
correctly).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnsim.engine.errors import EngineError
from nnsim.engine.layers.base import Input
from nnsim.engine.layers.dense import Dense

#: How many units in the last place a repeated state may be off by (rounding of the
#: updates: w + ηx − ηx need not be w exactly).
REPEAT_ULPS = 1024

#: Activations the perceptron rule trains, with the target values they output.
PERCEPTRON_ACTIVATIONS = {"step": (0.0, 1.0), "sign": (-1.0, 1.0)}


class PerceptronError(EngineError):
    """The network or the targets do not fit the perceptron rule."""


def perceptron_layer(network) -> Dense:
    """The output layer the perceptron rule trains, after checking the network fits.

    The network must be a single-layer perceptron: one Dense output layer of step or
    sign units fed directly by input layers.

    Raises
    ------
    PerceptronError
        Saying what is wrong (hidden layers, another activation...).
    """
    out_name = network.output_names[0]
    layer = network.layers[out_name]
    if not isinstance(layer, Dense):
        raise PerceptronError(
            f"the perceptron rule trains a dense output layer; {out_name!r} is a {layer.kind} layer"
        )
    others = [
        n for n, lay in network.layers.items() if n != out_name and not isinstance(lay, Input)
    ]
    if others or any(not isinstance(network.layers[s], Input) for s in layer.inputs):
        raise PerceptronError(
            "the perceptron rule trains a single layer of neurons fed by the inputs; this "
            f"network also has {', '.join(others) or 'other layers'} (use BP for hidden layers)"
        )
    bad = sorted({a for a in layer.activation_names if a not in PERCEPTRON_ACTIVATIONS})
    if bad:
        raise PerceptronError(
            "the perceptron rule needs step or sign output units; "
            f"{out_name!r} has {', '.join(bad)} (use BP for differentiable units)"
        )
    return layer


def perceptron_targets(layer: Dense, y) -> np.ndarray:
    """Targets as an (m, units) array in the units' own coding.

    Step units take 0/1 targets; sign units take −1/+1 targets, and also 0/1 targets,
    read as −1/+1 (0 is the "no" class).

    Raises
    ------
    PerceptronError
        For targets that are not two-valued in the unit's coding or of the wrong shape.
    """
    y = np.asarray(y, dtype=float)
    if y.ndim == 1:
        y = y[:, None]
    if y.ndim != 2 or y.shape[1] != layer.size:
        raise PerceptronError(
            f"the output layer has {layer.size} unit(s) but the targets have shape {y.shape}"
        )
    t = y.copy()
    for j, act in enumerate(layer.activation_names):
        lo, hi = PERCEPTRON_ACTIVATIONS[act]
        col = t[:, j]
        if act == "sign" and np.all((col == 0) | (col == 1)):
            col[col == 0] = -1.0
        if not np.all((col == lo) | (col == hi)):
            raise PerceptronError(
                f"a {act} unit outputs {lo:g} or {hi:g}; its targets must be "
                + ("0 or 1" if act == "step" else "−1 or +1 (or 0 or 1)")
            )
    return t


@dataclass
class PerceptronResult:
    """How a perceptron training ended.

    Attributes
    ----------
    status : str
        ``"converged"`` (an epoch made no error), ``"cycle"`` (the weights after an epoch
        repeated an earlier state: not linearly separable) or ``"max_epochs"``.
    message : str
        A sentence for the student.
    epochs : int
        Epochs run, the error-free one included.
    errors : list of int
        Misclassified samples in each epoch (each one caused an update).
    weights : ndarray
        The final flat parameter vector.
    cycle_start, cycle_period : int or None
        For a cycle: the weights after epoch ``cycle_start + cycle_period`` equal those
        after epoch ``cycle_start`` (0 = the initial weights).
    """

    status: str
    message: str
    epochs: int
    errors: list = field(default_factory=list)
    weights: np.ndarray | None = None
    cycle_start: int | None = None
    cycle_period: int | None = None

    @property
    def converged(self) -> bool:
        """True when the rule found separating weights."""
        return self.status == "converged"


class PerceptronRule:
    """The online perceptron rule bound to one network and one data set.

    Parameters
    ----------
    network : Network
        A single-layer perceptron (see ``perceptron_layer``).
    x : array or dict
        Inputs, one row per sample (a dict from input-layer name to rows for several
        input layers).
    y : array
        Targets (see ``perceptron_targets``).
    lr : float
        Learning rate η > 0.
    """

    def __init__(self, network, x, y, lr: float = 1.0):
        self.network = network
        self.layer = perceptron_layer(network)
        lr = float(lr)
        if not np.isfinite(lr) or lr <= 0:
            raise PerceptronError(f"the learning rate must be a finite number > 0, got {lr}")
        self.lr = lr
        if isinstance(x, dict):
            feeds = network._feed(x)
        else:
            feeds = network._feed(np.asarray(x))
        self.xs = [feeds[s] for s in self.layer.inputs]
        self.t = perceptron_targets(self.layer, y).astype(network.dtype)
        self.n_samples = self.t.shape[0]
        if any(x.shape[0] != self.n_samples for x in self.xs):
            raise PerceptronError(f"{self.xs[0].shape[0]} input rows but {self.n_samples} targets")
        if self.n_samples == 0:
            raise PerceptronError("there are no samples to learn from")
        # The largest single change of each parameter: η·max|x_i| for a weight from
        # input i, η for a bias. Rounding in the updates is measured against it.
        theta = network.theta
        self._update = np.zeros(theta.shape, np.float64)
        for lname, pname, sl, shape in network.slots:
            if lname != self.layer.name:
                continue
            if pname == "b":
                self._update[sl] = self.lr
            else:
                x = self.xs[int(pname[1:])]
                big = np.abs(x).max(axis=0) if x.size else np.zeros(shape[0])
                with np.errstate(over="ignore"):  # inf: such a run diverges anyway
                    self._update[sl] = np.repeat(self.lr * big.astype(np.float64), shape[1])
        self._ulp = REPEAT_ULPS * float(np.finfo(theta.dtype).eps)
        self.remember(0)

    def remember(self, epoch: int) -> None:
        """Forget earlier states and record the current weights as those after ``epoch``."""
        self._states = np.empty((8, self.network.theta.size), np.float64)
        self._epochs: list[int] = []
        self._add(epoch)

    def _add(self, epoch: int) -> None:
        n = len(self._epochs)
        if n == self._states.shape[0]:
            grown = np.empty((2 * n, self._states.shape[1]), np.float64)
            grown[:n] = self._states
            self._states = grown
        self._states[n] = self.network.theta
        self._epochs.append(epoch)

    def _repeat_of(self) -> int | None:
        """The epoch whose weights the current ones repeat (up to rounding), or None."""
        theta = self.network.theta.astype(np.float64)
        n = len(self._epochs)
        tol = self._ulp * (np.abs(theta) + self._update)
        same = np.all(np.abs(self._states[:n] - theta) <= tol, axis=1)
        hit = np.flatnonzero(same)
        return self._epochs[int(hit[0])] if hit.size else None

    def step(self, k: int) -> int:
        """Present sample ``k``: update if it is misclassified.

        Returns
        -------
        int
            1 if the sample was misclassified (and the weights changed), else 0.
        """
        out, err, changes = self.changes(k)
        if not changes:
            return 0
        for pname, change in changes.items():
            self.layer.params[pname] += change
        return 1

    def changes(self, k: int) -> tuple[np.ndarray, np.ndarray, dict]:
        """What presenting sample ``k`` computes, without changing the weights.

        Returns
        -------
        out : ndarray, shape (units,)
            The units' outputs ŷ.
        err : ndarray, shape (units,)
            y − ŷ.
        changes : dict of str to ndarray
            The change of each parameter (``"W0"``, ..., ``"b"``), which ``step`` adds;
            empty when the sample is classified correctly (no update).
        """
        layer = self.layer
        xs = [x[k : k + 1] for x in self.xs]
        out = layer.forward(xs)
        err = self.t[k : k + 1] - out  # (1, units): y − ŷ
        changes = {}
        if err.any():
            for j, x in enumerate(xs):
                dw = self.lr * (x.T @ err)
                mask = layer.masks[j]
                if mask is not None:
                    dw *= mask
                changes[f"W{j}"] = dw
            if layer.use_bias:
                changes["b"] = self.lr * err[0]  # b = −θ, θ ← θ + η(y − ŷ)(−1)
        return out[0], err[0], changes

    def end_epoch(self, epoch: int, errors: int) -> PerceptronResult | None:
        """Check the weights after ``epoch``; a result if training should stop, else None."""
        if errors == 0:
            return PerceptronResult(
                "converged",
                f"converged: epoch {epoch} made no error, the weights separate the data",
                epoch,
                weights=self.network.get_weights(),
            )
        first = self._repeat_of()
        if first is not None:
            period = epoch - first
            when = "the initial weights" if first == 0 else f"those after epoch {first}"
            return PerceptronResult(
                "cycle",
                "not linearly separable: the weights cycle "
                f"(the weights after epoch {epoch} repeat {when}; the rule will loop every "
                f"{period} epoch{'s' if period != 1 else ''} for ever)",
                epoch,
                weights=self.network.get_weights(),
                cycle_start=first,
                cycle_period=period,
            )
        self._add(epoch)
        return None

    @staticmethod
    def cap_result(epochs: int, weights) -> PerceptronResult:
        """The result when the epoch cap is reached without convergence or a detected cycle."""
        return PerceptronResult(
            "max_epochs",
            f"not linearly separable? no epoch without errors in {epochs} epochs "
            "(the perceptron rule converges only when a line/plane separates the classes)",
            epochs,
            weights=np.array(weights, copy=True),
        )


def train_perceptron(network, x, y, lr: float = 1.0, max_epochs: int = 1000) -> PerceptronResult:
    """Train a single-layer perceptron with the perceptron rule until it converges or cycles.

    The network's current weights are the starting point (draw them first with
    ``network.init_weights``). For live drawing and time travel use
    ``Trainer(rule="perceptron")``, which runs the same rule.

    Parameters
    ----------
    network : Network
        One Dense layer of step/sign units fed by the inputs.
    x, y : array
        Inputs and targets (0/1 for step units, ±1 or 0/1 for sign units).
    lr : float
        Learning rate η.
    max_epochs : int
        Cap on the number of epochs.

    Returns
    -------
    PerceptronResult
        With ``status`` "converged", "cycle" or "max_epochs" and the errors per epoch.
    """
    rule = PerceptronRule(network, x, y, lr)
    max_epochs = int(max_epochs)
    if max_epochs < 1:
        raise PerceptronError(f"max_epochs must be at least 1, got {max_epochs}")
    errors: list[int] = []
    for epoch in range(1, max_epochs + 1):
        errors.append(sum(rule.step(k) for k in range(rule.n_samples)))
        result = rule.end_epoch(epoch, errors[-1])
        if result is not None:
            result.errors = errors
            return result
    result = rule.cap_result(max_epochs, network.theta)
    result.errors = errors
    return result
