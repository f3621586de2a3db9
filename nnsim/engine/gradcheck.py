"""Finite-difference gradient checks for networks, layers, activations and losses.

Every derivative in the engine is written by hand next to its forward formula; these
checks compare each one with the central difference (f(θ + ε) − f(θ − ε)) / 2ε. In
float64 with ε = 1e-6 that quotient carries a rounding error of about 1e-10·|f|, so a
correct gradient shows a relative error far below 1e-6 — as long as no sample sits
within ε of a kink (ReLU at 0, a Maxout tie), where the function has no derivative —
and derivatives much smaller than |f| are compared in absolute terms (see ``FLOOR``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnsim.engine.activations import get_activation
from nnsim.engine.errors import EngineError
from nnsim.engine.layers.base import Input
from nnsim.engine.layers.dense import Dense
from nnsim.engine.layers.maxout import Maxout
from nnsim.engine.losses import Loss

#: Derivatives smaller than FLOOR·|f| (f the loss, or the activation's value) are
#: compared in absolute terms, so the difference quotient's rounding noise (~1e-10·|f|)
#: cannot look like a relative error; bugs show up far above this.
FLOOR = 1e-3


def _floor(scale) -> np.ndarray:
    return FLOOR * np.maximum(np.abs(np.asarray(scale, np.float64)), 1e-3)


@dataclass
class GradReport:
    """The result of a gradient check.

    Attributes
    ----------
    max_rel_error : float
        The largest |analytic − numeric| / max(|analytic|, |numeric|, floor), where
        floor = ``FLOOR``·|f| guards derivatives that are tiny next to f itself.
    worst : str
        Where it occurs, e.g. ``"hidden.W0[1, 0]"`` or ``"input x[2, 1]"``.
    errors : dict
        The largest relative error per parameter array (and per input).
    n_checked : int
        How many partial derivatives were compared.
    eps : float
        The finite-difference step.
    differentiable : bool
        False for step and sign: their derivative is 0 by convention (and is 0
        wherever it exists), but gradient descent learns nothing through them.
    near_kinks : list of str
        Layers with a net input within ``kink_margin`` of a kink, where a mismatch is
        expected rather than a bug; empty when the check is meaningful everywhere.
    """

    max_rel_error: float
    worst: str
    errors: dict[str, float]
    n_checked: int
    eps: float
    differentiable: bool = True
    near_kinks: list[str] = field(default_factory=list)

    def ok(self, tol: float = 1e-6) -> bool:
        """True when every relative error is below ``tol``."""
        return bool(self.max_rel_error < tol)

    def __str__(self) -> str:
        lines = [
            f"gradient check: {self.n_checked} derivatives, largest relative error "
            f"{self.max_rel_error:.2e} at {self.worst} (ε = {self.eps:g})"
        ]
        for name, err in self.errors.items():
            lines.append(f"  {name}: {err:.2e}")
        if not self.differentiable:
            lines.append("  not differentiable: its derivative is 0 by convention")
        if self.near_kinks:
            lines.append("  close to a kink in: " + ", ".join(self.near_kinks))
        return "\n".join(lines)


def relative_error(analytic, numeric, floor=0.0) -> np.ndarray:
    """|a − n| / max(|a|, |n|, floor), elementwise (0 where both are exactly 0)."""
    a = np.asarray(analytic, dtype=np.float64)
    n = np.asarray(numeric, dtype=np.float64)
    den = np.maximum(np.maximum(np.abs(a), np.abs(n)), floor)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, np.abs(a - n) / np.where(den > 0, den, 1.0), 0.0)


class _Collector:
    """Gathers per-entry errors into a GradReport."""

    def __init__(self, eps: float, floor=None):
        self.eps, self.floor = eps, floor
        self.errors: dict[str, float] = {}
        self.worst, self.max, self.n = "nothing", 0.0, 0

    def add(self, name: str, analytic, numeric, index_names, floor) -> None:
        rel = relative_error(analytic, numeric, floor if self.floor is None else self.floor)
        if rel.size == 0:
            return
        self.n += rel.size
        k = int(np.argmax(rel))
        self.errors[name] = max(self.errors.get(name, 0.0), float(rel.flat[k]))
        if rel.flat[k] > self.max or self.worst == "nothing":
            self.max = float(rel.flat[k])
            self.worst = index_names[k]

    def report(self, **kw) -> GradReport:
        return GradReport(self.max, self.worst, self.errors, self.n, self.eps, **kw)


def _fmt(name: str, idx) -> str:
    return f"{name}[{', '.join(str(int(i)) for i in idx)}]"


def _pick(size: int, max_entries, rng) -> np.ndarray:
    if max_entries is None or size <= max_entries:
        return np.arange(size)
    return np.sort(rng.choice(size, int(max_entries), replace=False))


def near_kinks(net, margin: float = 1e-4) -> list[str]:
    """Layers of ``net`` whose last forward pass came within ``margin`` of a kink:
    a Dense net input near a kink of its activation, or a Maxout near-tie."""
    found = []
    for name in net.order:
        layer = net.layers[name]
        if isinstance(layer, Dense) and layer.net is not None:
            z = np.asarray(layer.net)
            for j, act in enumerate(layer.activations):
                if any(np.any(np.abs(z[:, j] - k) < margin) for k in act.kinks):
                    found.append(name)
                    break
        elif isinstance(layer, Maxout) and getattr(layer, "z", None) is not None:
            top2 = np.sort(layer.z, axis=2)[..., -2:]
            if np.any(top2[..., 1] - top2[..., 0] < margin):
                found.append(name)
    return found


def check_network(
    net,
    loss: Loss,
    x,
    y,
    eps: float = 1e-6,
    *,
    floor: float | None = None,
    inputs: bool = True,
    max_entries: int | None = None,
    seed: int = 0,
    kink_margin: float = 1e-4,
) -> GradReport:
    """Compare ``net``'s back-propagated gradient with central differences.

    Checks ∂E/∂θ for every parameter (masked weights and fixed biases included: their
    gradient must be 0) and, with ``inputs``, ∂E/∂x for every input entry. The network's
    weights are restored afterwards and its ``values``/``douts``/``grad`` hold the
    unperturbed pass. Use a float64 network.

    Parameters
    ----------
    net : Network
    loss : Loss
    x, y
        A (small) batch and its targets.
    eps : float
        The finite-difference step.
    floor : float, optional
        Below this size a derivative is compared in absolute terms; by default
        ``FLOOR``·|E|.
    inputs : bool
        Also check the gradient with respect to the input.
    max_entries : int, optional
        Check at most this many randomly chosen entries per array (for big nets).
    seed : int
        Chooses those entries.
    kink_margin : float
        How close to a kink counts as "near" in ``GradReport.near_kinks``.

    Returns
    -------
    GradReport
    """
    rng = np.random.default_rng(seed)
    feeds = net._feed(x)
    e0 = net.loss_and_grad(feeds, y, loss, input_grad=True)
    grad = net.grad.copy()
    fl = _floor(e0)
    dins = {n: np.array(net.douts[n], np.float64) for n in net.input_names if n in net.douts}
    kinks = near_kinks(net, kink_margin)

    def energy(f) -> float:
        return float(loss.value(net.forward(f), y))

    col = _Collector(eps, floor)
    theta = net.theta
    for lname, pname, sl, shape in net.slots:
        size = sl.stop - sl.start
        picks = _pick(size, max_entries, rng)
        num = np.empty(picks.size)
        for k, i in enumerate(picks):
            j = sl.start + int(i)
            old = theta[j]
            theta[j] = old + eps
            net.params_changed()
            up = energy(feeds)
            theta[j] = old - eps
            net.params_changed()
            down = energy(feeds)
            theta[j] = old
            net.params_changed()
            num[k] = (up - down) / (2 * eps)
        names = [_fmt(f"{lname}.{pname}", np.unravel_index(int(i), shape)) for i in picks]
        col.add(f"{lname}.{pname}", grad[sl][picks], num, names, fl)
    if inputs:
        for iname in net.input_names:
            base = feeds[iname]
            picks = _pick(base.size, max_entries, rng)
            num = np.empty(picks.size)
            for k, i in enumerate(picks):
                xp = base.copy()
                xp.flat[i] += eps
                up = energy({**feeds, iname: xp})
                xp.flat[i] = base.flat[i] - eps
                down = energy({**feeds, iname: xp})
                num[k] = (up - down) / (2 * eps)
            analytic = dins.get(iname, np.zeros(base.shape)).reshape(-1)[picks]
            names = [_fmt(f"input {iname}", np.unravel_index(int(i), base.shape)) for i in picks]
            col.add(f"input {iname}", analytic, num, names, fl)
    net.loss_and_grad(feeds, y, loss, input_grad=True)  # leave the true pass behind
    return col.report(near_kinks=kinks)


class FlatSquaredError(Loss):
    """½ Σ (out − t)² / B over outputs of any shape: a loss for checking single layers."""

    name = "flat_squared_error"

    def per_sample(self, out, target):
        d = (np.asarray(out) - np.asarray(target)).reshape(len(out), -1)
        return 0.5 * np.einsum("ij,ij->i", d, d)

    def value(self, out, target):
        return float(self.per_sample(out, target).mean())

    def grad(self, out, target):
        out = np.asarray(out)
        return (out - np.asarray(target, out.dtype)) / out.shape[0]


def check_layer(
    layer,
    in_shapes,
    *,
    batch: int = 3,
    seed: int = 0,
    eps: float = 1e-6,
    scheme: str = "playground",
    floor: float | None = None,
    tries: int = 20,
    kink_margin: float = 1e-4,
) -> GradReport:
    """Check one layer's backward through a tiny network around it.

    Every name in ``layer.inputs`` becomes an Input layer of the matching shape in
    ``in_shapes``; the loss is ½ Σ (out − t)² against a random target, so every output
    contributes. Inputs are standard normal; draws that land near a kink are redrawn
    (up to ``tries`` times).

    Parameters
    ----------
    layer : Layer
        A fresh layer (it is built into a new network).
    in_shapes : sequence of tuple
        The per-sample shape of each input link, in the order of ``layer.inputs``.

    Returns
    -------
    GradReport
    """
    from nnsim.engine.network import Network

    in_shapes = [(int(s),) if np.isscalar(s) else tuple(s) for s in in_shapes]
    if len(in_shapes) != len(layer.inputs):
        raise EngineError(
            f"layer {layer.name!r} has {len(layer.inputs)} inputs but "
            f"{len(in_shapes)} input shapes were given"
        )
    srcs = list(dict.fromkeys(layer.inputs))
    shape_of = dict(zip(layer.inputs, in_shapes))
    net = Network(
        [Input(s, shape_of[s]) for s in srcs] + [layer],
        outputs=[layer.name],
        dtype=np.float64,
        fused=False,
    )
    rng = np.random.default_rng(seed)
    net.init_weights(scheme, rng=rng)
    loss = FlatSquaredError()
    for _ in range(max(tries, 1)):
        x = {s: rng.standard_normal((batch, *shape_of[s])) for s in srcs}
        out = net.forward(x)
        if not near_kinks(net, kink_margin):
            break
    target = rng.standard_normal(out.shape)
    return check_network(net, loss, x, target, eps, floor=floor, kink_margin=kink_margin)


def check_activation(name, xs=None, eps: float = 1e-6, *, floor=None, margin=1e-3):
    """Compare an activation's derivative with central differences.

    Parameters
    ----------
    name : str or Activation
    xs : array_like, optional
        Sample points; by default 401 points on [−6, 6]. Points within ``margin`` of a
        kink are left out (the report lists the kinks).

    Returns
    -------
    GradReport
        ``differentiable`` is False for step and sign.
    """
    act = get_activation(name)
    xs = np.linspace(-6.0, 6.0, 401) if xs is None else np.asarray(xs, np.float64).ravel()
    keep = np.ones(xs.shape, bool)
    for k in act.kinks:
        keep &= np.abs(xs - k) > margin
    xs = xs[keep]
    analytic = np.asarray(act.derivative(xs), np.float64)
    numeric = (np.asarray(act.f(xs + eps)) - np.asarray(act.f(xs - eps))) / (2 * eps)
    col = _Collector(eps, floor)
    fl = _floor(np.asarray(act.f(xs), np.float64))
    col.add(f"{act.name}′", analytic, numeric, [f"x = {v:g}" for v in xs], fl)
    return col.report(
        differentiable=act.differentiable,
        near_kinks=[f"{act.name} at x = {k:g}" for k in act.kinks],
    )


def check_loss(loss, out, target, eps: float = 1e-6, *, floor=None) -> GradReport:
    """Compare ``loss.grad`` with central differences of ``loss.value`` in the output."""
    out = np.array(out, dtype=np.float64)
    analytic = np.asarray(loss.grad(out, target), np.float64).reshape(out.shape)
    numeric = np.empty(out.shape)
    for i in np.ndindex(out.shape):
        old = out[i]
        out[i] = old + eps
        up = loss.value(out, target)
        out[i] = old - eps
        down = loss.value(out, target)
        out[i] = old
        numeric[i] = (up - down) / (2 * eps)
    col = _Collector(eps, floor)
    names = [_fmt("out", i) for i in np.ndindex(out.shape)]
    fl = _floor(loss.value(out, target))
    col.add(
        f"{getattr(loss, 'name', 'loss')} ∂E/∂out", analytic.ravel(), numeric.ravel(), names, fl
    )
    return col.report()


def numeric_jacobian(f, x, eps: float = 1e-6) -> np.ndarray:
    """∂f_i/∂x_j by central differences, shape (f(x).size, x.size)."""
    x = np.array(x, dtype=np.float64)
    flat = x.reshape(-1)
    cols = []
    for j in range(flat.size):
        old = flat[j]
        flat[j] = old + eps
        up = np.asarray(f(x), np.float64).ravel()
        flat[j] = old - eps
        down = np.asarray(f(x), np.float64).ravel()
        flat[j] = old
        cols.append((up - down) / (2 * eps))
    return np.stack(cols, axis=1)
