"""What the Compare view can vary, the values it suggests, and variants' labels in the UI language.

Texts go through ``_t`` (context "compare", catalogue resources/translations/
compare_zh_CN.ts, kept by ``python -m nnsim.gui.compare.catalogue``); ``_n`` marks a text
for that catalogue where it is translated later.
"""

from __future__ import annotations

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
    "init": _n("init {0}"),
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


#: The short form of a change (the pictures' labels in presentation mode: four to a
#: row at 24 px on a 1280 px projector, ~180 px each); others keep ``FORMATS``.
SHORT_FORMATS = {
    "lr": "η {0}",
    "reg_lambda": "λ {0}",
    "momentum": "μ {0}",
    "seed": "#{0}",
}


def short_label(variant) -> str:
    """A variant's label in few characters: only the varied values ("η 0.001 · #1")."""
    word = LABEL_WORDS.get(variant.label)
    if word is not None or not variant.changes:
        return variant_label(variant)
    parts = []
    for k, v in variant.changes.items():
        fmt = SHORT_FORMATS.get(k)
        parts.append(fmt.format(_value(v)) if fmt else change_text(k, v))
    return " · ".join(parts)


def variant_label(variant) -> str:
    """A variant's label in the UI language: the lesson's words, else its changes."""
    word = LABEL_WORDS.get(variant.label)
    if word is not None:
        return _t(word)
    if not variant.changes:
        return _t("as it is")
    return ", ".join(change_text(k, v) for k, v in variant.changes.items())
