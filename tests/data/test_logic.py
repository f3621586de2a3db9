"""Tests of the logic-gate truth tables."""

import numpy as np
import pytest

from nnsim.data import GATE_NAMES, DataError, logic_gate

INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]]


@pytest.mark.parametrize(
    "name, outputs",
    [("and", [0, 0, 0, 1]), ("or", [0, 1, 1, 1]), ("xor", [0, 1, 1, 0])],
)
def test_two_input_truth_tables(name, outputs):
    d = logic_gate(name)
    assert d.x.tolist() == INPUTS
    assert d.y[:, 0].tolist() == outputs
    assert d.kind == "binary" and d.y.shape == (4, 1) and d.y.dtype == np.float64
    assert d.feature_names == ["x1", "x2"]


def test_not_gate_has_one_input():
    d = logic_gate("NOT")
    assert d.x.tolist() == [[0], [1]]
    assert d.y[:, 0].tolist() == [1, 0]
    assert d.feature_names == ["x1"]


def test_gates_agree_with_python_operators():
    for a, b in INPUTS:
        row = INPUTS.index([a, b])
        assert logic_gate("and").y[row, 0] == (a & b)
        assert logic_gate("or").y[row, 0] == (a | b)
        assert logic_gate("xor").y[row, 0] == (a ^ b)


def test_and_or_not_are_linearly_separable_and_xor_is_not():
    # Brute force over a grid of weights and thresholds: a separating line exists for
    # AND/OR/NOT and for no choice with XOR (Minsky & Papert's point).
    grid = np.linspace(-2, 2, 21)

    def separable(d):
        x, y = d.x, d.y[:, 0]
        ws = np.array(np.meshgrid(*([grid] * (x.shape[1] + 1)))).reshape(x.shape[1] + 1, -1)
        out = (x @ ws[:-1] - ws[-1] > 0).astype(float)
        return bool(np.any(np.all(out == y[:, None], axis=0)))

    assert [separable(logic_gate(n)) for n in GATE_NAMES] == [True, True, True, False]


def test_unknown_gate():
    with pytest.raises(DataError, match="unknown logic gate 'nand'"):
        logic_gate("nand")


def test_gates_are_fresh_copies():
    d = logic_gate("and")
    d.x[0, 0] = 9
    assert logic_gate("and").x[0, 0] == 0
