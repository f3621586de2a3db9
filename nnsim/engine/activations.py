"""The activation registry: one record per activation, and the built-in ones of the lecture.

Everything that lists activations reads this registry: the layers, the fused path's
kernels, the step-through's derivative text, the file schema, the PyTorch exporter, the
inspector's combo and the activation explorer (with the names in English and Chinese).
Adding an activation is one :func:`register_activation` call (CONTRIBUTING.md).

Derivatives take both the net input ``x`` and the output ``y = f(x)`` because for
sigmoid and tanh the slides write the derivative through the output
(``y(1 - y)``, ``1 - y²``) and that is also the cheap way to compute it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from nnsim.engine import activation_kernels as _k
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
    """One activation ready to apply: name, symbol for formulas, value and derivative.

    Made by :func:`get_activation` from a registry entry (and its parameter, if any).

    Parameters
    ----------
    name : str
        Registry key, e.g. ``"sigmoid"`` or ``"leaky_relu:0.2"``.
    symbol : str
        How formulas write it (``σ``, ``tanh``, ``ReLU``...).
    kinks : tuple of float
        Points where the derivative jumps; gradient checks stay away from them.
    param : float or None
        The parameter of a parametrised activation (slope, α), else None.
    """

    name: str
    symbol: str
    f: object = field(repr=False)
    df: object = field(repr=False)
    kinks: tuple = ()
    differentiable: bool = True
    param: float | None = None

    def __call__(self, x):
        return self.f(np.asarray(x))

    def derivative(self, x, y=None):
        """f′(x); pass ``y = f(x)`` when you have it to save work."""
        x = np.asarray(x)
        return self.df(x, self.f(x) if y is None else y)

    @property
    def entry(self) -> ActivationEntry:
        """The registry record this activation was made from."""
        return activation_entry(self.name)

    def __reduce__(self):
        # by name: the functions are lambdas (which do not pickle), and the name rebuilds
        # the same activation; anything holding one can then be pickled or deep-copied
        return (get_activation, (self.name,))


@dataclass(frozen=True)
class Param:
    """The one number a parametrised activation takes (``leaky_relu:0.2``).

    Parameters
    ----------
    label_en, label_zh : str
        What the activation explorer calls it.
    default : float
        The slides' value; the plain name means it.
    lo, hi : float
        The explorer's range for it.
    """

    label_en: str
    label_zh: str
    default: float
    lo: float = 0.0
    hi: float = 5.0


@dataclass(frozen=True)
class ActivationEntry:
    """Everything nnsim knows about one activation; :func:`register_activation` makes one.

    Parameters
    ----------
    name : str
        Registry key as files and the engine spell it (``"tanh"``).
    f : callable
        ``f(x)`` (or ``f(x, p)`` with a :class:`Param`), elementwise on an array.
    df : callable
        ``df(x, y)`` (or ``df(x, y, p)``): f′ at net input x whose output is y.
    symbol : str
        The book's symbol (``σ``); formulas write ``symbol′(net)`` for f′.
    label_en, label_zh : str
        Display names in the interface, English and Chinese.
    torch : str or None
        PyTorch expression with ``{x}`` for the input and ``{p}`` for the parameter
        (``"torch.tanh({x})"``); None: the exporter refuses the activation.
    kernels : callable or None
        ``kernels(act, dtype) -> (f, d)`` in-place kernels of the fused path
        (nnsim.engine.activation_kernels); None uses ``f``/``df`` through generic ones.
    fprime_text : (str, str) or None
        f′ as the book writes it through the output, symbolic and with numbers:
        templates with ``{y}`` (output symbol, or its value) and ``{fy}`` (the value as
        a factor, bracketed when negative); None shows ``symbol′(net)``.
    kinks : tuple of float, or callable
        Where f′ jumps (or ``kinks(p)`` for a parametrised one).
    differentiable : bool
        False for step and sign (f′ = 0 is a convention there).
    param : Param or None
        The parameter, if the activation takes one.
    plot_range : (float, float)
        The x range the activation explorer draws.
    output_range : (float, float) or None
        The bounded range of f (σ: (0, 1)); colours and the decision threshold use it.
    """

    name: str
    f: object = field(repr=False)
    df: object = field(repr=False)
    symbol: str
    label_en: str
    label_zh: str
    torch: str | None = None
    kernels: object = field(default=None, repr=False)
    fprime_text: tuple | None = None
    kinks: object = ()
    differentiable: bool = True
    param: Param | None = None
    plot_range: tuple = (-5.0, 5.0)
    output_range: tuple | None = None

    def label(self, lang: str = "en") -> str:
        """The display name in ``lang`` ("en", "zh" or "zh_CN")."""
        return self.label_zh if str(lang).startswith("zh") else self.label_en

    def make(self, param: float | None = None) -> Activation:
        """The :class:`Activation` of this entry (with ``param``, or the default)."""
        if self.param is None:
            if param is not None:
                raise EngineError(f"activation {self.name!r} takes no parameter")
            f, df, kinks = self.f, self.df, self.kinks
            return Activation(self.name, self.symbol, f, df, tuple(kinks), self.differentiable)
        p = self.param.default if param is None else float(param)
        name = f"{self.name}:{p:g}" if p != self.param.default else self.name
        f0, df0 = self.f, self.df
        kinks = self.kinks(p) if callable(self.kinks) else self.kinks
        return Activation(
            name,
            self.symbol,
            lambda x: f0(x, p),
            lambda x, y: df0(x, y, p),
            tuple(kinks),
            self.differentiable,
            p,
        )

    def torch_expr(self, var: str, param: float | None = None) -> str | None:
        """The PyTorch expression applying this activation to ``var``, or None."""
        if self.torch is None:
            return None
        p = param if param is not None else (self.param.default if self.param else None)
        return self.torch.format(x=var, p=repr(float(p)) if p is not None else "")


_REGISTRY: dict[str, ActivationEntry] = {}
_MADE: dict[str, Activation] = {}  # plain names → their one Activation
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def register_activation(
    name: str,
    f,
    df,
    *,
    symbol: str,
    label_en: str,
    label_zh: str,
    replace: bool = False,
    **options,
) -> ActivationEntry:
    """Add an activation to every part of nnsim (engine, files, export, interface).

    Parameters
    ----------
    name, f, df, symbol, label_en, label_zh
        See :class:`ActivationEntry`.
    replace : bool
        Allow replacing an entry of the same name (otherwise a second one is an error).
    **options
        The other fields of :class:`ActivationEntry` (``torch``, ``kernels``,
        ``fprime_text``, ``kinks``, ``differentiable``, ``param``, ``plot_range``,
        ``output_range``).

    Returns
    -------
    ActivationEntry

    Raises
    ------
    EngineError
        For a name that is not lower-case letters, digits and ``_``, or already taken.
    """
    if not _NAME.match(str(name)):
        raise EngineError(f"activation name {name!r}: use lower-case letters, digits and _")
    if name in _REGISTRY and not replace:
        raise EngineError(f"activation {name!r} is already registered")
    entry = ActivationEntry(
        name, f, df, symbol=symbol, label_en=label_en, label_zh=label_zh, **options
    )
    _REGISTRY[name] = entry
    _MADE.pop(name, None)
    return entry


def unregister_activation(name: str) -> None:
    """Remove an activation (tests that register their own clean up with it)."""
    _REGISTRY.pop(name, None)
    _MADE.pop(name, None)


def activation_names() -> tuple[str, ...]:
    """Names of the registered activations, in the order of the lecture (menus use it)."""
    return tuple(_REGISTRY)


def activation_entries() -> tuple[ActivationEntry, ...]:
    """The registered entries, in :func:`activation_names` order."""
    return tuple(_REGISTRY.values())


def activation_entry(name: str) -> ActivationEntry:
    """The registry record of ``name`` (a parameter such as ``:0.2`` is ignored).

    Raises
    ------
    EngineError
        For an unknown name.
    """
    base = str(getattr(name, "name", name)).partition(":")[0]
    try:
        return _REGISTRY[base]
    except KeyError:
        raise EngineError(
            f"unknown activation {str(name)!r}; choose one of {', '.join(_REGISTRY)}"
        ) from None


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
    made = _MADE.get(name)
    if made is not None:
        return made
    base, _, param = str(name).partition(":")
    entry = activation_entry(base)
    if not param:
        made = _MADE[base] = entry.make()
        return made
    if entry.param is None:
        raise EngineError(f"activation {base!r} takes no parameter")
    try:
        value = float(param)
    except ValueError:
        raise EngineError(f"activation {name!r}: {param!r} is not a number") from None
    if not np.isfinite(value):
        raise EngineError(f"activation {name!r}: the parameter must be finite")
    return entry.make(value)


# --- the lecture's activations, in the order of COURSE §9 -------------------------------


def _softplus(x):
    # log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow at x = 1000
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


register_activation(
    "step",
    lambda x: (np.asarray(x) >= 0).astype(float_dtype(x)),
    lambda x, y: np.zeros_like(x),
    symbol="ε",
    label_en="step",
    label_zh="阶跃函数",
    torch="({x} >= 0).to({x}.dtype)",
    kinks=(0.0,),
    differentiable=False,
    output_range=(0.0, 1.0),
)
register_activation(
    "sign",
    lambda x: np.where(np.asarray(x) >= 0, 1.0, -1.0).astype(float_dtype(x)),
    lambda x, y: np.zeros_like(x),
    symbol="sgn",
    label_en="sign",
    label_zh="符号函数",
    torch="torch.where({x} >= 0, 1.0, -1.0).to({x}.dtype)",
    kinks=(0.0,),
    differentiable=False,
    output_range=(-1.0, 1.0),
)
register_activation(
    "identity",
    lambda x: x,
    lambda x, y: np.ones_like(x),
    symbol="",
    label_en="identity (linear)",
    label_zh="恒等（线性）",
    torch="{x}",
    kernels=_k.identity_kernels,
)
register_activation(
    "sigmoid",
    sigmoid,
    lambda x, y: y * (1 - y),
    symbol="σ",
    label_en="sigmoid σ",
    label_zh="Sigmoid σ",
    torch="torch.sigmoid({x})",
    kernels=_k.sigmoid_kernels,
    fprime_text=("{y}(1−{y})", "{fy}×(1−{y})"),
    output_range=(0.0, 1.0),
)
register_activation(
    "tanh",
    np.tanh,
    lambda x, y: 1 - y * y,
    symbol="tanh",
    label_en="tanh",
    label_zh="tanh",
    torch="torch.tanh({x})",
    kernels=_k.tanh_kernels,
    fprime_text=("(1−{y}²)", "(1−{fy}²)"),
    output_range=(-1.0, 1.0),
)
register_activation(
    "relu",
    lambda x: np.maximum(x, 0),
    lambda x, y: (x > 0).astype(x.dtype),
    symbol="ReLU",
    label_en="ReLU",
    label_zh="ReLU",
    torch="torch.relu({x})",
    kernels=_k.relu_kernels,
    kinks=(0.0,),
)
register_activation(
    "leaky_relu",
    lambda x, a: np.where(x > 0, x, a * x),
    lambda x, y, a: np.where(x > 0, 1.0, a),
    symbol="LReLU",
    label_en="Leaky ReLU",
    label_zh="Leaky ReLU",
    torch="F.leaky_relu({x}, {p})",
    kernels=_k.leaky_relu_kernels,
    kinks=(0.0,),
    param=Param("slope", "斜率", 0.1, 0.0, 5.0),
)
register_activation(
    "elu",
    lambda x, a: np.where(x >= 0, x, a * np.expm1(np.minimum(x, 0))),
    lambda x, y, a: np.where(x >= 0, 1.0, y + a),
    symbol="ELU",
    label_en="ELU",
    label_zh="ELU",
    torch="F.elu({x}, {p})",
    kinks=lambda a: (0.0,) if a != 1.0 else (),
    param=Param("α", "α", 1.0, 0.0, 5.0),
)
register_activation(
    "softplus",
    _softplus,
    lambda x, y: sigmoid(x),
    symbol="softplus",
    label_en="Softplus",
    label_zh="Softplus",
    torch="F.softplus({x})",
)

#: The built-in activations' names (a snapshot at import; menus call activation_names()).
ACTIVATION_NAMES = activation_names()
