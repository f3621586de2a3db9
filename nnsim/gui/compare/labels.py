"""What the Compare view can vary, the values it suggests, and variants' labels in the UI language.

Texts go through ``_t`` (context "compare", catalogue resources/translations/
compare_zh_CN.ts, kept by ``python -m nnsim.gui.compare.catalogue``); ``_n`` marks a text
for that catalogue where it is translated later.
"""

from __future__ import annotations

import re

from nnsim.engine.activations import activation_entry
from nnsim.engine.errors import EngineError
from nnsim.gui.i18n import activation_name, translator

_CONTEXT = "compare"
_t = translator(_CONTEXT)


def _n(text: str) -> str:
    """Mark ``text`` for the catalogue; it is translated where it is shown."""
    return text


#: What the set-up strip offers to vary (nnsim.model.compare.VARY names), in this order.
CHOICES = (
    "seed",
    "lr",
    "rule",
    "batch_size",
    "optimizer",
    "reg",
    "reg_lambda",
    "activation",
    "hidden",
)

#: The name of each choice in the combo box.
CHOICE_NAMES = {
    "seed": _n("seed (initial weights)"),
    "lr": _n("learning rate η"),
    "rule": _n("rule (standard / accumulated / mini-batch)"),
    "batch_size": _n("mini-batch size"),
    "optimizer": _n("optimiser"),
    "reg": _n("regularisation"),
    "reg_lambda": _n("penalty λ"),
    "activation": _n("hidden activation"),
    "hidden": _n("hidden neurons"),
}

#: The values suggested for each choice (the text of the values field).
DEFAULT_VALUES = {
    "seed": "0-3",
    "lr": "0.003,0.03,0.3,3",
    "rule": "standard,accumulated,minibatch",
    "batch_size": "1,10,50",
    "optimizer": "sgd,momentum,adam",
    "reg": "none,l1,l2",
    "reg_lambda": "0,0.001,0.01,0.1",
    "activation": "sigmoid,tanh,relu",
    "hidden": "2,4,8",
}

#: Values shown as words (rules, optimisers, penalties).
VALUE_WORDS = {
    "standard": _n("standard BP"),
    "accumulated": _n("accumulated BP"),
    "minibatch": _n("mini-batch BP"),
    "perceptron": _n("perceptron rule"),
    "sgd": _n("SGD"),
    "momentum": _n("momentum"),
    "adam": _n("Adam"),
    "l1": _n("L1"),
    "l2": _n("L2"),
}

#: Labels of the lessons' own variants (nnsim.lessons.comparisons) that are words.
LABEL_WORDS = {
    "standard": _n("standard BP"),
    "accumulated": _n("accumulated BP"),
    "minibatch": _n("mini-batch BP"),
    "none": _n("no regularisation"),
    "L2": _n("L2"),
    "early stopping": _n("early stopping"),
}

#: How one change reads: a format with {0} for the value.
FORMATS = {
    "lr": "η = {0}",
    "reg_lambda": "λ = {0}",
    "momentum": "μ = {0}",
    "seed": _n("seed {0}"),
    "batch_size": _n("batch {0}"),
    "hidden": _n("{0} hidden"),
    "patience": _n("patience {0}"),
    "validation_fraction": _n("validation {0}"),
    "init": _n("{0} init"),
}


def _value(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def change_text(name: str, value) -> str:
    """One change of a variant as the UI shows it ("η = 0.03", "种子 2", "tanh")."""
    if name == "activation":
        return activation_name(str(value))
    if name in ("rule", "optimizer", "reg", "regularization"):
        word = VALUE_WORDS.get(str(value))
        if str(value) == "none":
            return _t("no regularisation")
        return _t(word) if word else str(value)
    if name == "early_stopping":
        return _t("early stopping") if value else _t("no early stopping")
    fmt = FORMATS.get(name)
    if fmt is None:
        return f"{name} = {_value(value)}"
    return _t(fmt).format(_value(value))


#: The most characters of a short form: four pictures to a row at 24 px on a 1280 px
#: projector (~180 px each) hold about ten.
SHORT_MAX = 10

#: The short form of a change (the pictures' labels and the legend in presentation mode),
#: a format with {0} for the value; every field of ``nnsim.model.compare.VARY`` that a
#: format shows (the others are words: ``SHORT_WORDS``, ``short_activation``).
SHORT_FORMATS = {
    "lr": "η {0}",
    "reg_lambda": "λ {0}",
    "momentum": "μ {0}",
    "seed": "#{0}",
    "batch_size": _n("batch {0}"),
    "hidden": _n("{0} hidden"),
    "patience": _n("patience {0}"),
    "validation_fraction": _n("val. {0}"),
    "init": _n("{0} init"),
}

#: Short words for values and lesson labels whose long form is longer than
#: ``SHORT_MAX`` (the others keep their word: "standard BP" fits as "η 0.001 · #1" does,
#: "SGD", "momentum", "Adam").
SHORT_WORDS = {
    "accumulated": _n("accum. BP"),
    "minibatch": _n("mini-batch"),
    "perceptron": _n("perceptron"),
    "none": _n("no reg."),
    "early stopping": _n("early stop"),
}
#: Short forms that read the same in every language (not translated).
SHORT_SYMBOLS = {
    "l1": "L1",  # (the long form adds "正则化" in Chinese)
    "l2": "L2",
    "L2": "L2",
    "uniform01": "U(0,1)",
    "playground": "U±0.5",
}


def _short_word(key: str) -> str | None:
    """The short form of a value or lesson label in the UI language; None: it has none."""
    if key in SHORT_SYMBOLS:
        return SHORT_SYMBOLS[key]
    return _t(SHORT_WORDS[key]) if key in SHORT_WORDS else None


def short_activation(name: str) -> str:
    """An activation's name in at most ``SHORT_MAX`` characters: its name in the UI
    language where that is short (without an aside in brackets), else the registry's
    symbol ("LReLU 0.2")."""
    base, _, param = name.partition(":")
    text = activation_name(name)
    if not param:  # "identity (linear)": the name without its aside
        text = re.sub(r"\s*[(（][^()（）]*[)）]$", "", text)
    if len(text) <= SHORT_MAX:
        return text
    try:
        symbol = activation_entry(base).symbol or base
    except EngineError:
        symbol = base
    return f"{symbol} {param}" if param else symbol


def short_change(name: str, value) -> str:
    """One change of a variant in few characters ("η 0.03", "accum. BP", "batch 10")."""
    if name == "activation":
        return short_activation(str(value))
    if name == "early_stopping":
        return _t("early stop") if value else _t("all epochs")
    if name == "init":
        return _t(SHORT_FORMATS["init"]).format(_short_word(str(value)) or value)
    if name in ("rule", "optimizer", "reg", "regularization"):
        return _short_word(str(value)) or change_text(name, value)
    fmt = SHORT_FORMATS.get(name)
    return _t(fmt).format(_value(value)) if fmt else change_text(name, value)


def short_label(variant) -> str:
    """A variant's label in few characters: only the varied values ("η 0.001 · #1")."""
    word = LABEL_WORDS.get(variant.label)
    if word is not None:
        return _short_word(variant.label) or _t(word)
    if not variant.changes:
        return variant_label(variant)
    return " · ".join(short_change(k, v) for k, v in variant.changes.items())


def variant_label(variant) -> str:
    """A variant's label in the UI language: the lesson's words, else its changes."""
    word = LABEL_WORDS.get(variant.label)
    if word is not None:
        return _t(word)
    if not variant.changes:
        return _t("as it is")
    return ", ".join(change_text(k, v) for k, v in variant.changes.items())
