"""Activation functions, each with its derivative beside it.

Derivatives take both the net input ``x`` and the output ``y = f(x)`` because for
sigmoid and tanh the slides write the derivative through the output
(``y(1 - y)``, ``1 - y²``) and that is also the cheap way to compute it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnsim.engine.errors import EngineError


def float_dtype(x) -> np.dtype:
    """The float type results take: x's own if it is float32 or wider, else float64
    (float32 for bool and small ints). Works for lists and scalars too."""
    return np.result_type(np.asarray(x).dtype, np.float32)


def _sigmoid(x, out=None):
    # exp of a large positive argument would overflow, so split by sign:
    # σ(x) = 1/(1+e^-x) for x >= 0 and e^x/(1+e^x) for x < 0.
    x = np.asarray(x)
    if out is None:
        out = np.empty_like(x, dtype=float_dtype(x))
    np.negative(np.abs(x), out=out)
    np.exp(out, out=out)  # e^-|x| in (0, 1], never overflows
    pos = x >= 0
    # where x >= 0: 1/(1+e), else e/(1+e)
    np.divide(np.where(pos, 1.0, out), 1.0 + out, out=out)
    return out


def sigmoid(x):
    """Logistic function σ(x) = 1 / (1 + e^−x), stable for any x."""
    return _sigmoid(np.asarray(x, dtype=float_dtype(x)))


@dataclass(frozen=True)
class Activation:
    """One activation: name, symbol for formulas, value and derivative.

    Parameters
    ----------
    name : str
        Registry key, e.g. ``"sigmoid"`` or ``"leaky_relu:0.2"``.
    symbol : str
        How formulas write it (``σ``, ``tanh``, ``ReLU``...).
    kinks : tuple of float
        Points where the derivative jumps; gradient checks stay away from them.
    """

    name: str
    symbol: str
    f: object = field(repr=False)
    df: object = field(repr=False)
    kinks: tuple = ()
    differentiable: bool = True

    def __call__(self, x):
        return self.f(np.asarray(x))

    def derivative(self, x, y=None):
        """f′(x); pass ``y = f(x)`` when you have it to save work."""
        x = np.asarray(x)
        return self.df(x, self.f(x) if y is None else y)

    def __reduce__(self):
        # by name: the functions are lambdas (which do not pickle), and the name rebuilds
        # the same activation; anything holding one can then be pickled or deep-copied
        return (get_activation, (self.name,))


def _leaky(slope: float) -> Activation:
    return Activation(
        f"leaky_relu:{slope:g}" if slope != 0.1 else "leaky_relu",
        "LReLU",
        lambda x: np.where(x > 0, x, slope * x),
        lambda x, y: np.where(x > 0, 1.0, slope),
        kinks=(0.0,),
    )


def _elu(alpha: float) -> Activation:
    return Activation(
        f"elu:{alpha:g}" if alpha != 1.0 else "elu",
        "ELU",
        lambda x: np.where(x >= 0, x, alpha * np.expm1(np.minimum(x, 0))),
        lambda x, y: np.where(x >= 0, 1.0, y + alpha),
        kinks=(0.0,) if alpha != 1.0 else (),
    )


def _softplus(x):
    # log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow at x = 1000
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


_BASE = {
    "identity": Activation("identity", "", lambda x: x, lambda x, y: np.ones_like(x)),
    "step": Activation(
        "step",
        "ε",
        lambda x: (np.asarray(x) >= 0).astype(float_dtype(x)),
        lambda x, y: np.zeros_like(x),
        kinks=(0.0,),
        differentiable=False,
    ),
    "sign": Activation(
        "sign",
        "sgn",
        lambda x: np.where(np.asarray(x) >= 0, 1.0, -1.0).astype(float_dtype(x)),
        lambda x, y: np.zeros_like(x),
        kinks=(0.0,),
        differentiable=False,
    ),
    "sigmoid": Activation("sigmoid", "σ", sigmoid, lambda x, y: y * (1 - y)),
    "tanh": Activation("tanh", "tanh", np.tanh, lambda x, y: 1 - y * y),
    "relu": Activation(
        "relu",
        "ReLU",
        lambda x: np.maximum(x, 0),
        lambda x, y: (x > 0).astype(x.dtype),
        kinks=(0.0,),
    ),
    "leaky_relu": _leaky(0.1),
    "elu": _elu(1.0),
    "softplus": Activation("softplus", "softplus", _softplus, lambda x, y: sigmoid(x)),
}

#: Names shown in menus, in the order of the lecture.
ACTIVATION_NAMES = (
    "step",
    "sign",
    "identity",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "elu",
    "softplus",
)


def get_activation(name: str) -> Activation:
    """Look up an activation by name.

    ``"leaky_relu:0.2"`` and ``"elu:0.5"`` set the slope / α; the plain names use the
    slides' defaults (slope 0.1, α = 1).

    Raises
    ------
    EngineError
        For an unknown name or a malformed parameter.
    """
    if isinstance(name, Activation):
        return name
    base, _, param = str(name).partition(":")
    if not param:
        try:
            return _BASE[base]
        except KeyError:
            raise EngineError(
                f"unknown activation {name!r}; choose one of {', '.join(ACTIVATION_NAMES)}"
            ) from None
    try:
        value = float(param)
    except ValueError:
        raise EngineError(f"activation {name!r}: {param!r} is not a number") from None
    if not np.isfinite(value):
        raise EngineError(f"activation {name!r}: the parameter must be finite")
    if base == "leaky_relu":
        return _leaky(value)
    if base == "elu":
        return _elu(value)
    raise EngineError(f"activation {base!r} takes no parameter")
