"""Optimisers and regularisers: each one vectorised update of the flat parameter buffer.

An optimiser turns the gradient ∇E (the network's ``grad`` buffer) into a change of all
parameters at once (the network's ``theta`` buffer), whatever the number of layers:

* SGD:       θ ← θ − η g
* momentum:  v ← μ v − η g,  θ ← θ + v            (the velocity form)
* Adam:      m ← β₁ m + (1 − β₁) g,  v ← β₂ v + (1 − β₂) g²,
             m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ),  θ ← θ − η m̂ / (√v̂ + ε)

A regulariser adds a penalty Ω(θ) over all parameters — weights and biases, the
book's "weights and thresholds" (COURSE.md §8) — to the error, and its gradient to ∇E:

* L2: Ω = λ Σ θᵢ²,   ∂Ω/∂θ = 2λ θ
* L1: Ω = λ Σ |θᵢ|,  ∂Ω/∂θ = λ sign(θ)   (0 at θ = 0)

Masked weights and the fixed zero bias of a layer without thresholds are 0 and get a
zero gradient, so every rule here leaves them at 0.
"""

from __future__ import annotations

import numpy as np

from nnsim.engine.errors import EngineError


class OptimizerError(EngineError):
    """An optimiser or regulariser was asked for with a bad name or setting."""


def _positive(name: str, value, allow_zero: bool = False) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise OptimizerError(f"{name} must be a number, got {value!r}") from None
    if not np.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        need = "≥ 0" if allow_zero else "> 0"
        raise OptimizerError(f"{name} must be a finite number {need}, got {value}")
    return value


class Optimizer:
    """Base class: ``step(theta, grad)`` changes ``theta`` in place.

    State (velocities, moments) is allocated on the first step with the shape and
    dtype of ``theta``; ``reset()`` forgets it (after a rollback or a restore).

    Parameters
    ----------
    lr : float
        Learning rate η > 0.
    """

    name = "optimizer"

    def __init__(self, lr: float = 0.1):
        self.lr = _positive("the learning rate", lr)
        self.t = 0

    def reset(self) -> None:
        """Forget the state, as if no step had been taken."""
        self.t = 0

    def step(self, theta: np.ndarray, grad: np.ndarray) -> None:
        """Update ``theta`` in place from the gradient ``grad`` (same shape)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lr={self.lr:g})"


class SGD(Optimizer):
    """Plain gradient descent θ ← θ − η g."""

    name = "sgd"

    def step(self, theta, grad):
        self.t += 1
        theta -= self.lr * grad


class Momentum(Optimizer):
    """Gradient descent with momentum: v ← μ v − η g, θ ← θ + v.

    Parameters
    ----------
    lr : float
        Learning rate η.
    momentum : float
        μ in [0, 1); 0 is plain SGD.
    """

    name = "momentum"

    def __init__(self, lr: float = 0.1, momentum: float = 0.9):
        super().__init__(lr)
        self.momentum = _positive("the momentum", momentum, allow_zero=True)
        if self.momentum >= 1:
            raise OptimizerError(f"the momentum must be below 1, got {self.momentum}")
        self.v: np.ndarray | None = None

    def reset(self):
        super().reset()
        self.v = None

    def step(self, theta, grad):
        if self.v is None or self.v.shape != theta.shape:
            self.v = np.zeros_like(theta)
        self.t += 1
        v = self.v
        v *= self.momentum
        v -= self.lr * grad
        theta += v

    def __repr__(self):
        return f"Momentum(lr={self.lr:g}, momentum={self.momentum:g})"


class Adam(Optimizer):
    """Adam (Kingma & Ba 2015) with bias-corrected first and second moments.

    Parameters
    ----------
    lr : float
        Step size η (0.001 is the usual start).
    beta1, beta2 : float
        Decay rates of the moment estimates, in [0, 1).
    eps : float
        Added to √v̂ so a zero gradient never divides by zero.
    """

    name = "adam"

    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1 = _positive("β₁", beta1, allow_zero=True)
        self.beta2 = _positive("β₂", beta2, allow_zero=True)
        if self.beta1 >= 1 or self.beta2 >= 1:
            raise OptimizerError("β₁ and β₂ must be below 1")
        self.eps = _positive("ε", eps)
        self.m: np.ndarray | None = None
        self.v: np.ndarray | None = None
        self._tmp: np.ndarray | None = None

    def reset(self):
        super().reset()
        self.m = self.v = self._tmp = None

    def step(self, theta, grad):
        if self.m is None or self.m.shape != theta.shape:
            self.m = np.zeros_like(theta)
            self.v = np.zeros_like(theta)
            self._tmp = np.empty_like(theta)
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        m, v, tmp = self.m, self.v, self._tmp
        m *= b1
        np.multiply(grad, 1 - b1, out=tmp)
        m += tmp
        v *= b2
        np.multiply(grad, grad, out=tmp)
        tmp *= 1 - b2
        v += tmp
        # θ ← θ − η m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ). Multiplying through by
        # √(1−β₂ᵗ) gives the same value with one pass fewer over the buffer:
        # θ ← θ − η √(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε √(1−β₂ᵗ)).
        c1 = 1 - b1**self.t
        r2 = np.sqrt(1 - b2**self.t)
        np.sqrt(v, out=tmp)
        tmp += self.eps * r2
        np.divide(m, tmp, out=tmp)
        tmp *= self.lr * r2 / c1
        theta -= tmp

    def __repr__(self):
        return f"Adam(lr={self.lr:g}, beta1={self.beta1:g}, beta2={self.beta2:g}, eps={self.eps:g})"


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def get_optimizer(name="sgd", lr: float = 0.1, **options) -> Optimizer:
    """Build an optimiser by name (see ``OPTIMIZERS``), or return an Optimizer as it is.

    Parameters
    ----------
    name : str or Optimizer
        ``"sgd"``, ``"momentum"`` or ``"adam"``.
    lr : float
        Learning rate.
    **options
        ``momentum`` for momentum; ``beta1``, ``beta2``, ``eps`` for Adam. Options that
        the chosen optimiser does not take are ignored, so a settings dict can carry
        them all.
    """
    if isinstance(name, Optimizer):
        return name
    try:
        cls = OPTIMIZERS[str(name).lower()]
    except KeyError:
        raise OptimizerError(
            f"unknown optimiser {name!r}; choose one of {', '.join(OPTIMIZERS)}"
        ) from None
    if cls is Momentum:
        return Momentum(lr, **{k: v for k, v in options.items() if k == "momentum"})
    if cls is Adam:
        keep = {k: v for k, v in options.items() if k in ("beta1", "beta2", "eps")}
        return Adam(lr, **keep)
    return SGD(lr)


class Regularizer:
    """Base class: ``penalty(theta)`` and ``add_grad(theta, grad)`` for a rate λ.

    Parameters
    ----------
    lam : float
        The rate λ ≥ 0; λ = 0 adds nothing.
    """

    name = "none"

    def __init__(self, lam: float = 0.0):
        self.lam = _positive("the regularisation rate λ", lam, allow_zero=True)

    def penalty(self, theta) -> float:
        """Ω(θ), reported apart from the data loss."""
        return 0.0

    def penalty_rows(self, rows, lam) -> np.ndarray:
        """Ω of each row of ``rows`` (stacked replicas' θ) for the rates ``lam`` (one per
        row): row by row the numbers ``penalty`` gives."""
        return np.zeros(len(rows))

    def add_grad(self, theta, grad) -> None:
        """grad += ∂Ω/∂θ, in place."""
        if self.lam:
            self.add_grad_at(theta, grad, self.lam)

    def add_grad_at(self, theta, grad, lam) -> None:
        """grad += ∂Ω/∂θ for the rate ``lam``: a number, or a column of rates, one per row
        of stacked replicas (``nnsim.engine.replicas``)."""

    def __repr__(self):
        return f"{type(self).__name__}(lam={self.lam:g})"


class NoRegularizer(Regularizer):
    """No penalty."""


class L2(Regularizer):
    """Ω = λ Σ θᵢ² over weights and biases (COURSE.md §8); gradient 2λθ."""

    name = "l2"

    def penalty(self, theta):
        theta = np.asarray(theta)
        return self.lam * float(np.dot(theta, theta))

    def penalty_rows(self, rows, lam):
        # a stack of (1 × n)(n × 1) products: BLAS's dot of each row, as np.dot above
        dots = np.matmul(rows[:, None, :], rows[:, :, None])[:, 0, 0]
        return lam * dots.astype(np.float64)

    def add_grad_at(self, theta, grad, lam):
        grad += (2 * lam) * theta


class L1(Regularizer):
    """Ω = λ Σ |θᵢ| over weights and biases; gradient λ sign(θ) (0 at θ = 0)."""

    name = "l1"

    def penalty(self, theta):
        return self.lam * float(np.abs(theta).sum())

    def penalty_rows(self, rows, lam):
        return lam * np.abs(rows).sum(axis=1).astype(np.float64)

    def add_grad_at(self, theta, grad, lam):
        grad += lam * np.sign(theta)


REGULARIZERS = {"none": NoRegularizer, "l2": L2, "l1": L1}


def get_regularizer(name="none", lam: float = 0.0) -> Regularizer:
    """Build a regulariser by name (``"none"``, ``"l1"``, ``"l2"``; None means none)."""
    if isinstance(name, Regularizer):
        return name
    key = "none" if name is None else str(name).lower()
    try:
        return REGULARIZERS[key](lam)
    except KeyError:
        raise OptimizerError(
            f"unknown regularisation {name!r}; choose one of {', '.join(REGULARIZERS)}"
        ) from None
