"""Tests of the classification metrics: thresholds, accuracy, confusion matrix, misclassified."""

import numpy as np
import pytest

from nnsim.engine.errors import ShapeError
from nnsim.engine.metrics import (
    accuracy,
    classes_from_output,
    classes_from_targets,
    confusion_matrix,
    misclassified,
    output_threshold,
    target_threshold,
)


def test_output_threshold_is_half_for_unit_interval_outputs_and_zero_otherwise():
    assert output_threshold("sigmoid") == 0.5
    assert output_threshold("step") == 0.5
    for act in ("tanh", "sign", "identity", "relu", "leaky_relu:0.2"):
        assert output_threshold(act) == 0.0
    # A logit fed to the sigmoid cross-entropy: σ(0) = 0.5, so the threshold is 0.
    assert output_threshold("identity", logits=True) == 0.0
    assert output_threshold("sigmoid", logits=True) == 0.0


def test_single_output_classes_use_the_threshold_inclusively():
    out = np.array([[0.2], [0.5], [0.7], [0.49999]])
    assert classes_from_output(out, 0.5).tolist() == [0, 1, 1, 0]
    # The slide's ReLU XOR network: y = −0.5, 0.5, 0.5, −0.5, class = sign of y.
    y = np.array([-0.5, 0.5, 0.5, -0.5])
    assert classes_from_output(y, 0.0).tolist() == [0, 1, 1, 0]


def test_several_outputs_use_argmax():
    out = np.array([[0.1, 0.7, 0.2], [3.0, -1.0, 2.9], [0.0, 0.0, 1.0]])
    assert classes_from_output(out).tolist() == [1, 0, 2]


def test_targets_read_in_their_own_coding():
    assert target_threshold([0, 1, 1, 0]) == 0.5
    assert target_threshold([-1, 1]) == 0.0
    assert target_threshold([0.1, 0.9]) == 0.5
    assert target_threshold([1, 1]) is None
    assert classes_from_targets(np.array([[0.0], [1.0]]), 1).tolist() == [0, 1]
    assert classes_from_targets(np.array([-1.0, 1.0, 1.0]), 1).tolist() == [0, 1, 1]
    assert classes_from_targets(np.array([1.0, 1.0]), 1).tolist() == [1, 1]
    assert classes_from_targets(np.array([0.0, 0.0]), 1).tolist() == [0, 0]
    onehot = np.eye(4)[[3, 0, 2]]
    assert classes_from_targets(onehot, 4).tolist() == [3, 0, 2]
    assert classes_from_targets(np.array([3, 0, 2]), 4).tolist() == [3, 0, 2]
    with pytest.raises(ShapeError):
        classes_from_targets(np.zeros((3, 2)), 1)
    with pytest.raises(ShapeError):
        classes_from_targets(np.zeros((3, 2)), 4)


def test_accuracy_and_misclassified():
    t = np.array([0, 1, 2, 2, 1, 0])
    p = np.array([0, 2, 2, 1, 1, 0])
    assert accuracy(t, p) == pytest.approx(4 / 6)
    assert misclassified(t, p).tolist() == [1, 3]
    assert misclassified(t, t).tolist() == []
    assert np.isnan(accuracy([], []))
    with pytest.raises(ShapeError):
        accuracy([0, 1], [0])


def test_confusion_matrix_against_a_counting_loop():
    rng = np.random.default_rng(3)
    t = rng.integers(0, 5, 200)
    p = np.where(rng.random(200) < 0.7, t, rng.integers(0, 5, 200))
    c = confusion_matrix(t, p, 5)
    ref = np.zeros((5, 5), int)
    for a, b in zip(t, p):
        ref[a, b] += 1
    assert np.array_equal(c, ref)
    assert c.sum() == 200
    assert np.trace(c) == np.count_nonzero(t == p)
    assert confusion_matrix([0, 1, 1], [1, 1, 0]).tolist() == [[0, 1], [1, 1]]
    with pytest.raises(ShapeError):
        confusion_matrix([0, 3], [0, 1], 3)
    with pytest.raises(ShapeError):
        confusion_matrix([0, -1], [0, 1])
