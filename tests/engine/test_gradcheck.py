"""The gradient checker itself: it passes correct gradients and catches wrong ones."""

import subprocess
import sys

import numpy as np
import pytest

from nnsim.engine import (
    Dense,
    EngineError,
    GradReport,
    Input,
    Loss,
    Network,
    SquaredError,
    check_activation,
    check_layer,
    check_loss,
    check_network,
    numeric_jacobian,
)
from nnsim.engine.activations import Activation
from nnsim.engine.gradcheck import FlatSquaredError, near_kinks, relative_error


class HalfWrongDense(Dense):
    """A Dense layer whose weight gradient is off by a factor of 1.01."""

    def backward(self, dout):
        dxs = super().backward(dout)
        self.grads["W0"] *= 1.01
        return dxs


class WrongInputGradDense(Dense):
    """Right parameter gradients, wrong ∂E/∂input (sign flipped)."""

    def backward(self, dout):
        return [-dx for dx in super().backward(dout)]


class WrongLoss(Loss):
    name = "wrong"

    def value(self, out, target):
        return float(np.mean(0.5 * np.sum((out - target) ** 2, axis=1)))

    def grad(self, out, target):
        return (out - target) / out.shape[0] * 2  # twice too large


def test_report_fields_and_text():
    report = check_layer(Dense("d", 2, ["a"], "tanh"), [3])
    assert isinstance(report, GradReport)
    assert report.ok() and report.ok(1e-6)
    assert report.n_checked == 3 * 2 + 2 + 3 * 3  # W, b, input (batch 3 × 3)
    assert report.eps == 1e-6
    text = str(report)
    assert "gradient check" in text and "d.W0" in text and "input a" in text


def test_catches_a_wrong_parameter_gradient():
    report = check_layer(HalfWrongDense("d", 2, ["a"], "tanh"), [3])
    assert not report.ok()
    assert report.max_rel_error == pytest.approx(0.01 / 1.01, rel=1e-3)
    assert report.worst.startswith("d.W0[")
    assert report.errors["d.b"] < 1e-6  # the bias gradient is right


def test_catches_a_wrong_input_gradient():
    report = check_layer(WrongInputGradDense("d", 2, ["a"], "sigmoid"), [3])
    assert report.errors["d.W0"] < 1e-6
    assert report.errors["input a"] == pytest.approx(2.0)  # |a − (−a)| / |a|
    assert not report.ok()


def test_catches_a_wrong_loss_gradient():
    rng = np.random.default_rng(0)
    report = check_loss(WrongLoss(), rng.standard_normal((3, 2)), rng.standard_normal((3, 2)))
    assert report.max_rel_error == pytest.approx(0.5, rel=1e-6)


def test_catches_a_wrong_activation_derivative():
    bad = Activation("bad_tanh", "t", np.tanh, lambda x, y: 1 - y)  # should be 1 − y²
    report = check_activation(bad)
    assert report.max_rel_error > 0.1


def test_kinks_are_reported():
    net = Network([Input("x", 1), Dense("r", 1, ["x"], "relu")])
    net.param("r", "W0")[...] = 1.0
    net.forward(np.array([[1e-7], [1.0]]))
    assert near_kinks(net) == ["r"]
    net.forward(np.array([[0.5], [1.0]]))
    assert near_kinks(net) == []
    report = check_network(net, SquaredError(), np.array([[1e-7]]), np.array([[1.0]]))
    assert report.near_kinks == ["r"]


def test_check_layer_avoids_kinks_by_redrawing():
    report = check_layer(Dense("d", 8, ["a"], "relu"), [3], batch=6)
    assert not report.near_kinks
    assert report.ok()


def test_check_layer_needs_one_shape_per_input():
    with pytest.raises(EngineError, match="2 inputs but 1 input shapes"):
        check_layer(Dense("d", 2, ["a", "b"]), [3])


def test_max_entries_samples_big_arrays():
    net = Network([Input("x", 30), Dense("h", 20, ["x"], "tanh"), Dense("o", 2, ["h"], "identity")])
    net.init_weights("xavier", seed=0)
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((2, 30)), rng.standard_normal((2, 2))
    report = check_network(net, SquaredError(), x, y, max_entries=10)
    assert report.n_checked == 10 + 10 + 10 + 2 + 10  # h.W0, h.b, o.W0, o.b (2), input
    assert report.ok()


def test_relative_error_floor_and_zeros():
    np.testing.assert_array_equal(relative_error([0.0, 1.0], [0.0, 1.0]), [0.0, 0.0])
    assert relative_error([1e-12], [2e-12], floor=1e-6)[0] == pytest.approx(1e-6)
    assert relative_error([1.0], [1.1])[0] == pytest.approx(0.1 / 1.1)


def test_numeric_jacobian_of_a_linear_map():
    A = np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]])
    np.testing.assert_allclose(numeric_jacobian(lambda v: A @ v, np.ones(3)), A, atol=1e-9)


def test_flat_squared_error_takes_any_shape():
    out = np.arange(24.0).reshape(2, 3, 4)
    loss = FlatSquaredError()
    assert loss.value(out, np.zeros_like(out)) == pytest.approx(0.5 * (out**2).sum() / 2)
    report = check_loss(loss, out / 10, np.ones_like(out))
    assert report.ok()


def test_gradcheck_is_exported_without_qt():
    code = "import sys, nnsim.engine.gradcheck; assert 'PySide6' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
