"""The logic gates AND, OR, NOT and XOR as four tiny binary data sets."""

from __future__ import annotations

import numpy as np

from nnsim.data.dataset import DataError, Dataset

_TWO_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)

# name: (inputs, outputs, Chinese title, English title)
_GATES = {
    "and": (_TWO_INPUTS, [0, 0, 0, 1], "逻辑与 (AND)", "AND gate"),
    "or": (_TWO_INPUTS, [0, 1, 1, 1], "逻辑或 (OR)", "OR gate"),
    "not": (np.array([[0], [1]], dtype=np.float64), [1, 0], "逻辑非 (NOT)", "NOT gate"),
    "xor": (_TWO_INPUTS, [0, 1, 1, 0], "异或 (XOR)", "XOR gate"),
}

GATE_NAMES = tuple(_GATES)

_NOTES = {
    "and": "Linearly separable: the perceptron rule converges.",
    "or": "Linearly separable: the perceptron rule converges.",
    "not": "Linearly separable: the perceptron rule converges.",
    "xor": (
        "Not linearly separable: the perceptron rule never settles (Minsky & Papert 1969); "
        "one hidden layer solves it."
    ),
}


def logic_gate(name: str) -> Dataset:
    """The truth table of one logic gate as a binary data set.

    Parameters
    ----------
    name : str
        "and", "or", "not" or "xor" (any case).

    Returns
    -------
    Dataset
        Inputs 0/1 in the order (0,0), (0,1), (1,0), (1,1) (NOT: 0, 1), targets 0/1 as a
        float column.
    """
    key = str(name).strip().lower()
    if key not in _GATES:
        raise DataError(f"unknown logic gate {name!r}; choose one of {', '.join(GATE_NAMES)}")
    x, y, title_zh, title_en = _GATES[key]
    d = x.shape[1]
    names = ["x1", "x2"][:d] if d == 2 else ["x1"]
    return Dataset(
        x=x.copy(),
        y=np.asarray(y, dtype=np.float64).reshape(-1, 1),
        kind="binary",
        feature_names=names,
        feature_names_zh=list(names),
        class_names=["0", "1"],
        class_names_zh=["0", "1"],
        name=key,
        title_zh=title_zh,
        title_en=title_en,
        target_name=key.upper(),
        target_name_zh=key.upper(),
        notes=_NOTES[key],
    )


def and_gate() -> Dataset:
    """AND: 1 only when both inputs are 1."""
    return logic_gate("and")


def or_gate() -> Dataset:
    """OR: 1 when at least one input is 1."""
    return logic_gate("or")


def not_gate() -> Dataset:
    """NOT: one input, the output is its negation."""
    return logic_gate("not")


def xor_gate() -> Dataset:
    """XOR: 1 when exactly one input is 1 (not linearly separable)."""
    return logic_gate("xor")
