"""The exercise's logic: every value of one BP step typed by hand and checked against the engine."""

import numpy as np
import pytest

from nnsim.lessons import load_lesson
from nnsim.recipes.exercise import Exercise, ExerciseError, is_close, tolerance


def relu_reference():
    """COURSE §13c by hand (NumPy, independent of the engine): ReLU everywhere, η = 1."""
    x = np.array([0.2, 0.3])
    V = np.array([[0.5, -0.2], [0.4, 0.6]])
    gamma = -np.array([0.1, 0.1])  # thresholds θ = −b
    w = np.array([0.7, 0.3])
    theta = -0.1
    y = 0.5
    relu = lambda a: np.maximum(a, 0)  # noqa: E731
    b = relu(x @ V - gamma)
    yhat = relu(b @ w - theta)
    E = 0.5 * (yhat - y) ** 2
    g = (1.0 if b @ w - theta > 0 else 0.0) * (y - yhat)
    e = (x @ V - gamma > 0) * w * g
    w2, theta2 = w + g * b, theta - g
    V2, gamma2 = V + np.outer(x, e), gamma - e
    b2 = relu(x @ V2 - gamma2)
    yhat2 = relu(b2 @ w2 - theta2)
    E2 = 0.5 * (yhat2 - y) ** 2
    return dict(
        b=b,
        yhat=yhat,
        E=E,
        g=g,
        e=e,
        w2=w2,
        theta2=theta2,
        V2=V2,
        gamma2=gamma2,
        b2=b2,
        yhat2=yhat2,
        E2=E2,
    )


def test_relu_homework_values_are_the_hand_computation():
    ref = relu_reference()
    ex = Exercise(load_lesson("relu-homework"))
    v = {(i.part, i.symbol): i.value for i in ex.items}
    assert v["forward", "b_1"] == pytest.approx(ref["b"][0]) == pytest.approx(0.32)
    assert v["forward", "b_2"] == pytest.approx(ref["b"][1])
    assert v["forward", "ŷ_1"] == pytest.approx(ref["yhat"]) == pytest.approx(0.396)
    assert v["loss", "E"] == pytest.approx(ref["E"])
    assert v["backward", "g_1"] == pytest.approx(ref["g"])
    assert v["backward", "e_1"] == pytest.approx(ref["e"][0])
    assert v["backward", "e_2"] == pytest.approx(ref["e"][1])
    assert v["update", "w_11"] == pytest.approx(ref["w2"][0])
    assert v["update", "θ_1"] == pytest.approx(ref["theta2"])
    assert v["update", "v_21"] == pytest.approx(ref["V2"][1, 0])
    assert v["update", "γ_2"] == pytest.approx(ref["gamma2"][1])
    assert v["after", "ŷ_1"] == pytest.approx(ref["yhat2"])
    assert v["after", "E"] == pytest.approx(ref["E2"])
    assert ex.loss_after < ex.loss_before and ex.loss_fell
    assert [i.part for i in ex.items].count("update") == 9  # (2 + 1)·2 + 2 + 1 parameters


def test_three_significant_digits():
    assert tolerance(0.0728) == pytest.approx(1e-4)
    assert is_close(0.0728, 0.07279999) and is_close(0.0727, 0.0728)
    assert not is_close(0.073, 0.0728) and not is_close(0.07, 0.0728)
    assert is_close(0, 0.0) and not is_close(0.001, 0.0)
    assert is_close(-0.204, -0.204) and not is_close(0.204, -0.204)


def test_answers_are_parsed_like_a_student_types_them():
    ex = Exercise(load_lesson("relu-homework"))
    key = ex.find("backward", "e_1").key
    assert ex.check(key, "0.0728").state == "right"
    assert ex.check(key, " 0,0728 ").state == "right"
    assert ex.check(key, "0.07").state == "wrong"
    assert ex.check(key, "").state == "empty"
    assert ex.check(key, "abc").state == "invalid"
    theta = ex.find("update", "θ_1").key
    assert ex.check(theta, "−0.204").state == "right"


def test_networks_that_cannot_be_exercises():
    with pytest.raises(ExerciseError, match="dense"):
        Exercise(load_lesson("convolution-pooling"))
    with pytest.raises(ExerciseError, match="at most"):
        Exercise(load_lesson("mnist-mlp"))
