"""Losses: stable at extreme logits, gradients against finite differences, the homework demo."""

import re
import warnings

import numpy as np
import pytest

from nnsim.engine import (
    LOSSES,
    EngineError,
    ShapeError,
    SigmoidBinaryCrossEntropy,
    SoftmaxCrossEntropy,
    SquaredError,
    check_loss,
    get_loss,
    log_softmax,
    log_softmax_jacobian,
    logsumexp,
    logsumexp_naive,
    numeric_jacobian,
    softmax,
    softmax_jacobian,
    softmax_naive,
)
from nnsim.engine.losses import TargetError

RNG = np.random.default_rng(7)


# --- gradients against finite differences ------------------------------------------


def test_squared_error_gradient():
    out, target = RNG.standard_normal((4, 3)), RNG.standard_normal((4, 3))
    report = check_loss(SquaredError(), out, target)
    assert report.n_checked == 12
    assert report.max_rel_error < 1e-6, str(report)


def test_squared_error_is_half_the_sum_of_squares_averaged_over_the_batch():
    out = np.array([[1.0, 2.0], [0.0, 0.0]])
    target = np.array([[0.0, 0.0], [1.0, 1.0]])
    # E_1 = ½(1 + 4) = 2.5, E_2 = ½(1 + 1) = 1; E = mean = 1.75
    assert SquaredError().value(out, target) == pytest.approx(1.75, abs=1e-15)
    np.testing.assert_allclose(SquaredError().grad(out, target), (out - target) / 2)
    # the worked example: one output 0.690283 against 0.5
    assert SquaredError().value([[0.690283]], [[0.5]]) == pytest.approx(0.5 * 0.190283**2)


def test_softmax_cross_entropy_gradient_one_hot():
    out = RNG.standard_normal((5, 4))
    target = np.eye(4)[[0, 3, 1, 1, 2]]
    report = check_loss(SoftmaxCrossEntropy(), out, target)
    assert report.max_rel_error < 1e-6, str(report)


def test_softmax_cross_entropy_gradient_class_indices():
    out = RNG.standard_normal((5, 4))
    labels = np.array([0, 3, 1, 1, 2])
    report = check_loss(SoftmaxCrossEntropy(), out, labels)
    assert report.max_rel_error < 1e-6, str(report)
    loss = SoftmaxCrossEntropy()
    # indices and one-hot rows give the same loss and gradient
    assert loss.value(out, labels) == pytest.approx(loss.value(out, np.eye(4)[labels]), rel=1e-15)
    np.testing.assert_array_equal(loss.grad(out, labels), loss.grad(out, np.eye(4)[labels]))
    np.testing.assert_array_equal(loss.grad(out, labels[:, None]), loss.grad(out, labels))


def test_softmax_cross_entropy_against_its_definition():
    out = RNG.standard_normal((3, 5))
    labels = np.array([4, 0, 2])
    p = np.exp(out) / np.exp(out).sum(axis=1, keepdims=True)
    expected = -np.log(p[np.arange(3), labels]).mean()
    assert SoftmaxCrossEntropy().value(out, labels) == pytest.approx(expected, rel=1e-14)
    np.testing.assert_allclose(SoftmaxCrossEntropy().predict(out), p, rtol=1e-14)


def test_sigmoid_binary_cross_entropy_gradient():
    out = RNG.standard_normal((6, 2))
    report = check_loss(SigmoidBinaryCrossEntropy(), out, RNG.integers(0, 2, (6, 2)))
    assert report.max_rel_error < 1e-6, str(report)
    # soft targets in (0, 1) too
    report = check_loss(SigmoidBinaryCrossEntropy(), out, RNG.uniform(0, 1, (6, 2)))
    assert report.max_rel_error < 1e-6, str(report)


def test_sigmoid_binary_cross_entropy_against_its_definition():
    z = np.array([[-2.0], [0.3], [1.5]])
    d = np.array([[0.0], [1.0], [1.0]])
    y = 1 / (1 + np.exp(-z))
    expected = np.mean(-d * np.log(y) - (1 - d) * np.log(1 - y))
    loss = SigmoidBinaryCrossEntropy()
    assert loss.value(z, d) == pytest.approx(expected, rel=1e-14)
    assert loss.value(z.ravel(), d.ravel()) == pytest.approx(expected, rel=1e-14)
    np.testing.assert_allclose(loss.grad(z, d), (y - d) / 3, rtol=1e-14)
    np.testing.assert_allclose(loss.predict(z), y, rtol=1e-15)


# --- extreme logits --------------------------------------------------------------------------


def test_softmax_cross_entropy_at_logits_of_a_thousand():
    logits = np.array([[1000.0, 0.0, -1000.0]])
    loss = SoftmaxCrossEntropy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert loss.value(logits, [0]) == pytest.approx(0.0, abs=1e-300)
        assert loss.value(logits, [1]) == pytest.approx(1000.0, rel=1e-15)
        assert loss.value(logits, [2]) == pytest.approx(2000.0, rel=1e-15)
        for c in range(3):
            g = loss.grad(logits, [c])
            assert np.all(np.isfinite(g))
            # gradient = softmax − one-hot; softmax is [1, e^-1000, e^-2000] = [1, 0, 0]
            np.testing.assert_allclose(g, [[1.0, 0.0, 0.0]] - np.eye(3)[[c]], atol=1e-300)
    report = check_loss(loss, logits, [2])
    assert report.max_rel_error < 1e-6, str(report)


def test_binary_cross_entropy_at_logits_of_a_thousand():
    z = np.array([[1000.0], [-1000.0], [1000.0], [-1000.0]])
    d = np.array([[1.0], [0.0], [0.0], [1.0]])
    loss = SigmoidBinaryCrossEntropy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        per = loss.per_sample(z, d)
        np.testing.assert_allclose(per, [0.0, 0.0, 1000.0, 1000.0], atol=1e-300)
        g = loss.grad(z, d)
    assert np.all(np.isfinite(g))
    np.testing.assert_allclose(g * 4, [[0.0], [0.0], [1.0], [-1.0]], atol=1e-300)


# --- homework (a): overflow of the naive formulas ----------------------------------------


def test_naive_softmax_and_logsumexp_overflow_at_a_thousand():
    x = np.array([1000.0, 0.0, -1000.0])
    with np.errstate(all="ignore"):
        assert np.isnan(softmax_naive(x)).any()  # e^1000 = inf, inf/inf = nan
        assert np.isinf(logsumexp_naive(x))
        assert np.isneginf(logsumexp_naive(np.array([-1000.0, -1000.0])))  # log 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_allclose(softmax(x), [1.0, 0.0, 0.0], atol=1e-300)
        assert logsumexp(x) == pytest.approx(1000.0, rel=1e-15)
        assert logsumexp(np.array([-1000.0, -1000.0])) == pytest.approx(-1000 + np.log(2))
        np.testing.assert_allclose(log_softmax(x), [0.0, -1000.0, -2000.0], rtol=1e-15)


def test_naive_and_stable_agree_where_both_work():
    x = RNG.standard_normal((4, 6)) * 5
    np.testing.assert_allclose(softmax(x), softmax_naive(x), rtol=1e-13)
    np.testing.assert_allclose(logsumexp(x), logsumexp_naive(x), rtol=1e-13)
    np.testing.assert_allclose(log_softmax(x), np.log(softmax_naive(x)), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(softmax(x).sum(axis=1), 1.0, rtol=1e-15)
    # shifting every logit by the same amount leaves softmax unchanged
    np.testing.assert_allclose(softmax(x + 700.0), softmax(x), rtol=1e-12)


def test_stable_functions_take_lists_and_keep_float32():
    assert softmax([1.0, 2.0]).dtype == np.float64
    x = np.array([1.0, 2.0, 3.0], np.float32)
    for f in (softmax, logsumexp, log_softmax):
        assert f(x).dtype == np.float32


# --- homework (b): gradients of softmax and log-softmax ------------------------------------


@pytest.mark.parametrize("scale", [1.0, 10.0])
def test_softmax_jacobian_against_finite_differences(scale):
    x = RNG.standard_normal(5) * scale
    J = softmax_jacobian(x)
    s = softmax(x)
    np.testing.assert_allclose(J, np.diag(s) - np.outer(s, s), rtol=1e-12, atol=1e-17)
    np.testing.assert_allclose(J, numeric_jacobian(softmax, x), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(J.sum(axis=0), 0.0, atol=1e-15)  # Σ_i s_i = 1 always


@pytest.mark.parametrize("scale", [1.0, 10.0])
def test_log_softmax_jacobian_against_finite_differences(scale):
    x = RNG.standard_normal(5) * scale
    J = log_softmax_jacobian(x)
    s = softmax(x)
    np.testing.assert_allclose(J, np.eye(5) - s[None, :], rtol=1e-15)
    np.testing.assert_allclose(J, numeric_jacobian(log_softmax, x), rtol=1e-6, atol=1e-8)


def test_jacobians_batch_and_stay_finite_at_a_thousand():
    x = np.array([[1000.0, 0.0, -1000.0], [0.0, 0.0, 0.0]])
    J = softmax_jacobian(x)
    assert J.shape == (2, 3, 3) and np.all(np.isfinite(J))
    np.testing.assert_allclose(J[1], np.diag([1 / 3] * 3) - 1 / 9, rtol=1e-15)
    L = log_softmax_jacobian(x)
    np.testing.assert_allclose(L[0], np.eye(3) - [1.0, 0.0, 0.0], atol=1e-300)


def test_cross_entropy_gradient_is_the_jacobian_chain_rule():
    """∂(−log softmax(x)_c)/∂x = −(row c of the log-softmax Jacobian) = softmax − one-hot."""
    x = RNG.standard_normal(4)
    c = 2
    via_jacobian = -log_softmax_jacobian(x)[c]
    np.testing.assert_allclose(
        SoftmaxCrossEntropy().grad(x[None], [c])[0], via_jacobian, rtol=1e-14, atol=1e-16
    )


# --- errors ----------------------------------------------------------------------------------


def test_shape_errors_say_what_is_wrong():
    with pytest.raises(ShapeError, match="targets have shape"):
        SquaredError().value(np.zeros((3, 2)), np.zeros((3, 1)))
    with pytest.raises(ShapeError, match="class labels must lie in 0..2"):
        SoftmaxCrossEntropy().value(np.zeros((2, 3)), [0, 3])
    with pytest.raises(ShapeError, match="2 class labels for 3 outputs"):
        SoftmaxCrossEntropy().grad(np.zeros((3, 3)), [0, 1])
    with pytest.raises(ShapeError):
        SigmoidBinaryCrossEntropy().grad(np.zeros((2, 2)), np.zeros((2, 3)))


def test_registry():
    for name, cls in LOSSES.items():
        assert isinstance(get_loss(name), cls)
        assert get_loss(name).name == name
    loss = SquaredError()
    assert get_loss(loss) is loss
    with pytest.raises(EngineError, match="unknown loss 'hinge'"):
        get_loss("hinge")
    assert SoftmaxCrossEntropy.wants_logits and SigmoidBinaryCrossEntropy.wants_logits
    assert not SquaredError.wants_logits


# --- targets a loss cannot train are refused at set-up --------------------------------


def test_softmax_cross_entropy_refuses_one_output():
    with pytest.raises(TargetError) as info:
        SoftmaxCrossEntropy().check_targets(np.array([[1.0], [0.0]]), 1)
    msg = str(info.value)
    assert msg.startswith("softmax cross-entropy needs at least 2 output neurons")
    assert "Use 2 softmax outputs, or 1 output with sigmoid binary cross-entropy" in msg
    # why: the softmax of one value is 1, so the loss is 0 whatever the weights
    assert SoftmaxCrossEntropy().value(np.array([[-3.0], [7.0]]), np.array([[1.0], [1.0]])) == 0


@pytest.mark.parametrize(
    "labels, message",
    [
        (
            np.array([0, 1, 2]),
            "the class labels run from 0 to 2 but the output layer has 2 "
            "neurons (classes 0…1): give it 3 neurons, one per class",
        ),
        (np.array([[0.0], [-1.0]]), "the class labels run from -1 to 0"),
        (np.array([0.0, 0.5]), "class label 1 is 0.5, not a class number 0, 1, 2, …"),
    ],
)
def test_softmax_cross_entropy_refuses_labels_beyond_the_outputs(labels, message):
    with pytest.raises(TargetError, match=re.escape(message)):
        SoftmaxCrossEntropy().check_targets(labels, 2)


def test_softmax_cross_entropy_refuses_rows_that_do_not_sum_to_one():
    loss = SoftmaxCrossEntropy()
    loss.check_targets(np.array([[0, 1, 0], [0.2, 0.3, 0.5]]), 3)  # one-hot, probabilities
    loss.check_targets(np.array([1, 0, 2]), 3)  # class indices
    rows = np.array([[0.0, 1.0, 0.0], [1.0, 1.0, 0.0]])
    with pytest.raises(TargetError) as info:
        loss.check_targets(rows, 3)
    assert str(info.value).startswith(
        "softmax cross-entropy: target row 1 is (1, 1, 0), which sums to 2; it needs one-hot rows"
    )
    # why: for this row the gradient p − d is not the gradient of −Σ d log p
    z = np.array([[0.3, -0.2, 0.1]])
    d = rows[1:]
    numeric = np.array(
        [(loss.value(z + h, d) - loss.value(z - h, d)) / 2e-6 for h in 1e-6 * np.eye(3)]
    )
    assert not np.allclose(numeric, loss.grad(z, d)[0], atol=1e-3)
    with pytest.raises(TargetError, match=r"target row 0 is \(-0\.5, 1\.5\), which sums to 1"):
        loss.check_targets(np.array([[-0.5, 1.5]]), 2)


def test_binary_cross_entropy_refuses_targets_outside_0_1():
    loss = SigmoidBinaryCrossEntropy()
    loss.check_targets(np.array([[0.0], [1.0], [0.25]]), 1)
    with pytest.raises(TargetError) as info:
        loss.check_targets(np.array([[0.0], [1.0], [2.0]]), 1)
    assert str(info.value) == (
        "binary cross-entropy: target 2 is 2, but its targets are probabilities 0…1: "
        "for 3 classes use 3 output neurons with softmax cross-entropy"
    )
    with pytest.raises(TargetError, match="target 0 is -1, .* code the two classes as 0 and 1"):
        loss.check_targets(np.array([-1.0, 1.0]), 1)


def test_squared_error_takes_any_targets():
    SquaredError().check_targets(np.array([[-5.0], [1e3]]), 1)
