"""Symbols and words for the step-through: the book's notation (COURSE §5) or a generic one.

The watermelon book names every quantity of a one-hidden-layer network with its own
letter (x_i, v_ih, β_h, γ_h, b_h, w_hj, α_j, θ_j, ŷ_j, g_j, e_h); any other shape gets
layer-indexed names (net_j^(l), o_j^(l), δ_j^(l), w_ij^(l), b_j^(l)). Indices are 1-based
as on the slides; the engine's arrays stay 0-based. The book writes thresholds θ = −b
where the engine stores biases b, so the book notation flips their sign.
"""

from __future__ import annotations

import math
import numbers
import unicodedata

from nnsim.engine.errors import EngineError
from nnsim.engine.layers.base import Input
from nnsim.engine.layers.dense import Dense

#: Languages of the step-through text.
LANGS = ("en", "zh")

#: Words the step-through text uses, in English and Chinese.
WORDS = {
    "input": {"en": "input", "zh": "输入"},
    "hidden unit": {"en": "hidden unit", "zh": "隐层神经元"},
    "output unit": {"en": "output unit", "zh": "输出神经元"},
    "neuron": {"en": "neuron", "zh": "神经元"},
    "layer": {"en": "layer {l}", "zh": "第 {l} 层"},
    "output": {"en": "output", "zh": "输出"},
    "error": {"en": "error", "zh": "误差"},
    "batch error": {
        "en": "error of the batch (mean over {m} samples)",
        "zh": "批误差（{m} 个样本的平均）",
    },
    "sample": {"en": "sample {k}", "zh": "样本 {k}"},
    "gradient term": {"en": "gradient term", "zh": "梯度项"},
    "error term": {"en": "error term δ = ∂E/∂net", "zh": "误差项 δ = ∂E/∂net"},
    "weight": {"en": "weight", "zh": "权重"},
    "threshold of": {"en": "threshold of {name}", "zh": "{name} 的阈值"},
    "bias of": {"en": "bias of {name}", "zh": "{name} 的偏置"},
    "update": {"en": "update", "zh": "更新"},
    "learning rate": {"en": "learning rate", "zh": "学习率"},
    "perceptron wrong": {
        "en": "{unit} against its target: wrong, the weights change",
        "zh": "{unit}与目标比较：错误，权重要更新",
    },
    "perceptron right": {
        "en": "{unit} against its target: right, no update",
        "zh": "{unit}与目标比较：正确，不更新",
    },
}


class NotationError(EngineError):
    """The requested notation does not fit the network (e.g. the book's on a deep net)."""


def word(key: str, lang: str = "en", **fields) -> str:
    """The word for ``key`` in ``lang`` ("en" or "zh"), with ``{fields}`` filled in.

    Raises
    ------
    NotationError
        For a language other than "en" and "zh".
    """
    if lang not in LANGS:
        raise NotationError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    return WORDS[key][lang].format(**fields)


def fmt(value, digits: int = 6) -> str:
    """A number as the slides print it: ``digits`` significant digits, a true minus sign.

    ``fmt(0.7550000000000001) == "0.755"``, ``fmt(-0.0406811) == "−0.0406811"``,
    ``fmt(1.5e-7) == "1.5e−7"``.
    """
    v = float(value)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    if v == 0:
        return "0"  # also for −0.0, which would only puzzle a student
    s = f"{v:.{int(digits)}g}"
    if "e" in s:
        mant, exp = s.split("e")
        s = f"{mant}e{int(exp)}"
    return s.replace("-", "−")


#: Characters a user may type for a sign, a fraction bar or a decimal separator (after NFKC,
#: which already turns full-width digits, "－" and "．" into ASCII).
_TYPED = str.maketrans({"−": "-", "–": "-", "⁄": "/", "∕": "/", "。": "."})


def parse_number(text) -> float:
    """A number typed by a user: the one parser of numbers in text fields and answers.

    Accepts what ``fmt`` prints (a true minus sign, also in an exponent: ``"1.5e−7"``),
    a decimal comma when there is no point (``"0,5"``; a Chinese keyboard's "，" too),
    full-width digits and signs, "。" for a point, and a fraction ``"13/4"``.

    Raises
    ------
    ValueError
        When the text is empty, not a number, divides by zero, or is not finite
        (NaN and ∞ are never a meaningful answer, weight or setting).
    """
    t = unicodedata.normalize("NFKC", str(text)).strip().translate(_TYPED)
    if t.count(",") == 1 and "." not in t:
        t = t.replace(",", ".")
    if not t:
        raise ValueError("no number given")
    try:
        if "/" in t:
            num, _, den = t.partition("/")
            value = float(num) / float(den)
        else:
            value = float(t)
    except ZeroDivisionError:
        raise ValueError(f"{text!r} divides by zero") from None
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a finite number")
    return value


def factor(value, digits: int = 6) -> str:
    """A number used as a factor of a product: negative ones in parentheses."""
    s = fmt(value, digits)
    return f"({s})" if s.startswith("−") else s


def subscript(letter: str, *indices) -> str:
    """``letter`` with indices as printed: ``v_12``; ``w_3,12`` once an index has two digits.

    Indices are given 1-based (ints) or as index letters (``"j"``: ``w_1j``).
    """
    parts = [str(i) for i in indices]
    sep = "," if any(len(p) > 1 for p in parts) else ""
    return f"{letter}_{sep.join(parts)}"


def is_book_shape(network) -> tuple[bool, str]:
    """Whether ``network`` is the book's shape: one input layer → one hidden dense layer →
    one output dense layer, nothing else.

    Returns
    -------
    (bool, str)
        The answer and, when False, the reason in words a student understands.
    """
    layers = network.layers
    inputs = [n for n in network.order if isinstance(layers[n], Input)]
    dense = [n for n in network.order if isinstance(layers[n], Dense)]
    if len(inputs) != 1:
        return False, f"the network has {len(inputs)} input layers, the book's has one"
    if len(dense) != 2 or len(layers) != 3:
        return False, "the book's network has exactly one hidden layer and one output layer"
    hidden, output = dense
    if layers[hidden].inputs != inputs:
        return False, f"the hidden layer {hidden!r} must take only the input layer"
    if layers[output].inputs != [hidden]:
        return False, f"the output layer {output!r} must take only the hidden layer"
    return True, ""


def _ix(i) -> str:
    # engine indices are 0-based ints; index letters such as "j" pass through
    if type(i) is int:  # the common case, without the slower abstract-class check
        return str(i + 1)
    return str(int(i) + 1) if isinstance(i, numbers.Integral) else str(i)


class Notation:
    """Names of a network's quantities, for the step-through text.

    Subclasses fill in the symbols; all indices passed in are the engine's 0-based
    ones and come out 1-based (an index letter such as ``"j"`` passes through, for
    sums like Σ_j w_1j g_j). ``sign`` is +1 when the notation's gradient symbol is
    δ = ∂E/∂net and −1 when it is the book's g_j / e_h = −∂E/∂net; ``threshold`` is
    True when the notation shows θ = −b instead of the bias b.

    Parameters
    ----------
    network : Network
    labels : dict of str to sequence of str, optional
        Per layer, one label per neuron (e.g. ``{"in": ["A", "B"], "hidden": ["h1", "h2"]}``);
        they name neurons in the words of the text, never in the symbols.
    """

    kind = "notation"
    sign = 1
    threshold = False

    def __init__(self, network, labels=None):
        self.network = network
        self.labels: dict[str, list[str]] = {}
        for name, labs in (labels or {}).items():
            if name not in network.layers:
                raise NotationError(f"labels given for unknown layer {name!r}")
            labs = [str(s) for s in labs]
            size = layer_size(network.layers[name])
            if len(labs) != size:
                raise NotationError(
                    f"layer {name!r} has {size} neurons but {len(labs)} labels were given"
                )
            self.labels[name] = labs

    # --- symbols (subclasses) -----------------------------------------------
    def value(self, layer: str, i: int) -> str:
        """Symbol of the output of neuron ``i`` of ``layer`` (x_i for an input layer)."""
        raise NotImplementedError

    def net(self, layer: str, j: int) -> str:
        """Symbol of the weighted sum of neuron ``j`` (the book's β_h, α_j exclude θ)."""
        raise NotImplementedError

    def grad(self, layer: str, j: int) -> str:
        """Symbol of the gradient term of neuron ``j`` (δ, or the book's g_j, e_h)."""
        raise NotImplementedError

    def weight(self, layer: str, k: int, i: int, j: int) -> str:
        """Symbol of weight ``W{k}[i, j]`` of ``layer`` (from neuron i of link k to j)."""
        raise NotImplementedError

    def bias(self, layer: str, j: int) -> str:
        """Symbol of the bias (or the book's threshold) of neuron ``j``."""
        raise NotImplementedError

    def target(self, j: int) -> str:
        """Symbol of the target of output ``j``."""
        return subscript("y", _ix(j))

    def prob(self, j: int) -> str:
        """Symbol of the predicted probability of output ``j`` (cross-entropy losses)."""
        return subscript("p", _ix(j))

    # --- words ----------------------------------------------------------------
    def unit(self, layer: str, j: int, lang: str = "en") -> str:
        """Words naming neuron ``j`` of ``layer``, e.g. "hidden unit h1" / "隐层神经元 h1"."""
        raise NotImplementedError

    def label(self, layer: str, i: int) -> str:
        """The caller's label of neuron ``i``, else its symbol."""
        labs = self.labels.get(layer)
        return labs[i] if labs else self.value(layer, i)


class BookNotation(Notation):
    """The book's one-hidden-layer notation: x_i, v_ih, β_h, γ_h, b_h, w_hj, α_j, θ_j, ŷ_j,
    g_j = −∂E/∂α_j and e_h = −∂E/∂β_h (COURSE §5)."""

    kind = "book"
    sign = -1
    threshold = True

    def __init__(self, network, labels=None):
        ok, why = is_book_shape(network)
        if not ok:
            raise NotationError(f"the book's notation needs its network shape: {why}")
        super().__init__(network, labels)
        self.input, self.hidden, self.output = (
            n for n in network.order if isinstance(network.layers[n], Input | Dense)
        )

    def value(self, layer, i):
        letter = {self.input: "x", self.hidden: "b", self.output: "ŷ"}[layer]
        return subscript(letter, _ix(i))

    def net(self, layer, j):
        return subscript("β" if layer == self.hidden else "α", _ix(j))

    def grad(self, layer, j):
        return subscript("e" if layer == self.hidden else "g", _ix(j))

    def weight(self, layer, k, i, j):
        return subscript("v" if layer == self.hidden else "w", _ix(i), _ix(j))

    def bias(self, layer, j):
        return subscript("γ" if layer == self.hidden else "θ", _ix(j))

    def unit(self, layer, j, lang="en"):
        if layer == self.input:
            key = "input"
        else:
            key = "hidden unit" if layer == self.hidden else "output unit"
        labs = self.labels.get(layer)
        return f"{word(key, lang)} {labs[j] if labs else j + 1}"


class GenericNotation(Notation):
    """Layer-indexed names for any dense network: net_j^(l), o_j^(l), δ_j^(l), w_ij^(l), b_j^(l).

    Input layers are layer 0 (x_i); the other layers are numbered 1, 2, ... in the
    order data flows. A layer fed by several links (skip links) names its weights
    w_ij^(k→l) so the two matrices stay apart.
    """

    kind = "generic"

    def __init__(self, network, labels=None):
        super().__init__(network, labels)
        inputs = [n for n in network.order if isinstance(network.layers[n], Input)]
        self._several_inputs = len(inputs) > 1
        self.number: dict[str, int] = {}
        n = 0
        for name in network.order:
            if name in inputs:
                self.number[name] = 0
            else:
                n += 1
                self.number[name] = n

    def _tag(self, layer: str) -> str:
        if self.number[layer] == 0 and self._several_inputs:
            return layer
        return str(self.number[layer])

    def value(self, layer, i):
        if self.number[layer] == 0:
            s = subscript("x", _ix(i))
            return f"{s}^({layer})" if self._several_inputs else s
        return f"{subscript('o', _ix(i))}^({self._tag(layer)})"

    def net(self, layer, j):
        return f"{subscript('net', _ix(j))}^({self._tag(layer)})"

    def grad(self, layer, j):
        return f"{subscript('δ', _ix(j))}^({self._tag(layer)})"

    def weight(self, layer, k, i, j):
        inputs = self.network.layers[layer].inputs
        if len(inputs) > 1:
            tag = f"{self._tag(inputs[k])}→{self._tag(layer)}"
        else:
            tag = self._tag(layer)
        return f"{subscript('w', _ix(i), _ix(j))}^({tag})"

    def bias(self, layer, j):
        return f"{subscript('b', _ix(j))}^({self._tag(layer)})"

    def unit(self, layer, j, lang="en"):
        labs = self.labels.get(layer)
        if labs:
            return f"{word('neuron', lang)} {labs[j]}"
        if self.number[layer] == 0:
            return f"{word('input', lang)} {j + 1}"
        sep = " " if lang == "en" else ""
        return f"{word('layer', lang, l=self.number[layer])}{sep}{word('neuron', lang)} {j + 1}"


def is_perceptron_shape(network) -> tuple[bool, str]:
    """Whether ``network`` is the lecture's perceptron: one input layer feeding one dense
    output layer, nothing else (the units' activation is checked by the perceptron rule).

    Returns
    -------
    (bool, str)
        The answer and, when False, the reason.
    """
    layers = network.layers
    inputs = [n for n in network.order if isinstance(layers[n], Input)]
    dense = [n for n in network.order if isinstance(layers[n], Dense)]
    if len(inputs) != 1 or len(dense) != 1 or len(layers) != 2:
        return False, "the perceptron has one input layer and one layer of output units"
    if layers[dense[0]].inputs != inputs:
        return False, f"the output layer {dense[0]!r} must take the input layer"
    return True, ""


class PerceptronNotation(Notation):
    """The lecture's perceptron (COURSE §1–2): inputs x_i, weights w_i, threshold θ,
    output ŷ = f(Σ_i w_i x_i − θ), target y; with several output units w_ij, θ_j, ŷ_j, y_j."""

    kind = "perceptron"
    threshold = True

    def __init__(self, network, labels=None):
        ok, why = is_perceptron_shape(network)
        if not ok:
            raise NotationError(f"the perceptron's notation needs its network shape: {why}")
        super().__init__(network, labels)
        layers = network.layers
        self.input = next(n for n in network.order if isinstance(layers[n], Input))
        self.output = next(n for n in network.order if isinstance(layers[n], Dense))
        self.single = layer_size(network.layers[self.output]) == 1

    def _unit(self, letter, j):
        return letter if self.single else subscript(letter, _ix(j))

    def value(self, layer, i):
        if layer == self.input:
            return subscript("x", _ix(i))
        return self._unit("ŷ", i)

    def net(self, layer, j):
        return f"Σ_i {self.weight(layer, 0, 'i', j)} x_i"

    def grad(self, layer, j):
        # the perceptron rule has no gradient; its error term is y − ŷ
        return f"({self.target(j)} − {self.value(layer, j)})"

    def weight(self, layer, k, i, j):
        return subscript("w", _ix(i)) if self.single else subscript("w", _ix(i), _ix(j))

    def bias(self, layer, j):
        return self._unit("θ", j)

    def target(self, j):
        return self._unit("y", j)

    def unit(self, layer, j, lang="en"):
        if layer == self.input:
            return f"{word('input', lang)} {j + 1}"
        labs = self.labels.get(layer)
        name = word("output unit", lang)
        if labs:
            return f"{name} {labs[j]}"
        return name if self.single else f"{name} {j + 1}"


def layer_size(layer) -> int:
    """Number of neurons of a dense or input layer."""
    if isinstance(layer, Dense):
        return len(layer.activation_names)
    shape = layer.shape
    return int(shape[0]) if len(shape) == 1 else int(math.prod(shape))


def make_notation(network, notation="auto", labels=None) -> Notation:
    """The notation for ``network``.

    Parameters
    ----------
    notation : {"auto", "book", "generic"} or Notation
        "auto" picks the book's notation when the network has its shape
        (``is_book_shape``), the generic one otherwise.
    labels : dict, optional
        Neuron labels per layer (see ``Notation``).

    Raises
    ------
    NotationError
        For "book" on a network of another shape, or an unknown name.
    """
    if isinstance(notation, Notation):
        return notation
    if notation == "auto":
        notation = "book" if is_book_shape(network)[0] else "generic"
    if notation == "book":
        return BookNotation(network, labels)
    if notation == "generic":
        return GenericNotation(network, labels)
    raise NotationError(f"unknown notation {notation!r}; choose auto, book or generic")
