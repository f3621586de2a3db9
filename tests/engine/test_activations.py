"""Activations: values from the lecture's formulas, derivatives against finite differences."""

import warnings

import numpy as np
import pytest

from nnsim.engine import (
    ACTIVATION_NAMES,
    EngineError,
    check_activation,
    get_activation,
    sigmoid,
)

PARAMETRISED = ("leaky_relu:0.2", "leaky_relu:0", "elu:0.5", "elu:2")


@pytest.mark.parametrize("name", ACTIVATION_NAMES + PARAMETRISED)
def test_derivative_matches_finite_differences(name):
    report = check_activation(name)
    assert report.n_checked > 300
    assert report.max_rel_error < 1e-6, str(report)


@pytest.mark.parametrize("name", ["step", "sign"])
def test_step_and_sign_are_flagged_non_differentiable(name):
    act = get_activation(name)
    assert not act.differentiable
    assert act.kinks == (0.0,)
    # derivative 0 is the documented convention, everywhere including the jump
    xs = np.array([-3.0, -1e-9, 0.0, 1e-9, 2.0])
    np.testing.assert_array_equal(act.derivative(xs), 0.0)
    report = check_activation(name)
    assert not report.differentiable
    assert report.max_rel_error == 0.0
    assert "not differentiable" in str(report)


@pytest.mark.parametrize("name", ["identity", "sigmoid", "tanh", "relu", "elu", "softplus"])
def test_smooth_or_piecewise_linear_ones_are_differentiable(name):
    assert get_activation(name).differentiable


def test_gradient_check_keeps_away_from_kinks():
    report = check_activation("relu", xs=[-1.0, -1e-7, 0.0, 1e-7, 1.0])
    assert report.n_checked == 2  # only ±1: the others sit on the kink at 0
    assert report.max_rel_error < 1e-9
    assert report.near_kinks == ["relu at x = 0"]


def test_values_follow_the_slides():
    x = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    f = {n: get_activation(n) for n in ACTIVATION_NAMES}
    np.testing.assert_array_equal(f["step"](x), [0, 0, 1, 1, 1])  # ε(0) = 1 (excited)
    np.testing.assert_array_equal(f["sign"](x), [-1, -1, 1, 1, 1])
    np.testing.assert_array_equal(f["identity"](x), x)
    np.testing.assert_allclose(f["sigmoid"](x), 1 / (1 + np.exp(-x)), rtol=1e-15)
    np.testing.assert_allclose(f["tanh"](x), np.tanh(x), rtol=1e-15)
    np.testing.assert_array_equal(f["relu"](x), [0, 0, 0, 0.5, 2])
    np.testing.assert_allclose(f["leaky_relu"](x), [-0.2, -0.05, 0, 0.5, 2])  # max(0.1x, x)
    np.testing.assert_allclose(f["elu"](x), [np.exp(-2) - 1, np.exp(-0.5) - 1, 0, 0.5, 2])
    np.testing.assert_allclose(f["softplus"](x), np.log1p(np.exp(x)), rtol=1e-14)
    np.testing.assert_allclose(get_activation("elu:0.5")(x)[0], 0.5 * (np.exp(-2) - 1))
    np.testing.assert_allclose(get_activation("leaky_relu:0.2")(x)[0], -0.4)


def test_derivatives_in_the_slides_form():
    x = np.linspace(-3, 3, 13)
    s = sigmoid(x)
    np.testing.assert_allclose(get_activation("sigmoid").derivative(x), s * (1 - s))
    np.testing.assert_allclose(get_activation("tanh").derivative(x), 1 - np.tanh(x) ** 2)
    np.testing.assert_allclose(get_activation("softplus").derivative(x), s)  # ReLU's smooth twin
    np.testing.assert_array_equal(get_activation("relu").derivative(x), (x > 0).astype(float))


def test_extreme_inputs_stay_finite_and_silent():
    x = np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warnings either
        for name in ACTIVATION_NAMES:
            act = get_activation(name)
            y = act(x)
            assert np.all(np.isfinite(y)), name
            assert np.all(np.isfinite(act.derivative(x))), name
    np.testing.assert_array_equal(sigmoid([-1000.0, 1000.0]), [0.0, 1.0])
    assert sigmoid(-40.0) == pytest.approx(np.exp(-40.0), rel=1e-12)
    np.testing.assert_allclose(get_activation("softplus")([1000.0, -1000.0]), [1000.0, 0.0])


def test_float32_in_float32_out():
    x = np.linspace(-2, 2, 5, dtype=np.float32)
    for name in ACTIVATION_NAMES:
        assert get_activation(name)(x).dtype == np.float32, name


@pytest.mark.parametrize(
    "bad", ["swish", "tanh:2", "leaky_relu:abc", "elu:inf", "leaky_relu:nan", ""]
)
def test_bad_names_raise_one_clear_error(bad):
    with pytest.raises(EngineError) as err:
        get_activation(bad)
    assert isinstance(err.value, ValueError)
    assert repr(bad.partition(":")[0]) in str(err.value) or repr(bad) in str(err.value)
