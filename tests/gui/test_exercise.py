"""Exercise mode: every value of one BP step typed by hand and checked against the engine."""

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from nnsim.gui.exercise import Exercise, ExerciseError, is_close, tolerance
from nnsim.lessons import load_lesson


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
    with pytest.raises(ExerciseError, match="“Convolution”; an exercise steps dense layers"):
        Exercise(load_lesson("convolution-pooling"))
    with pytest.raises(ExerciseError, match=r"about 25535 values; an exercise takes at most 80\."):
        Exercise(load_lesson("mnist-mlp"))


def test_why_not_an_exercise_in_chinese(view):
    """The reason is in the interface's language (the engine's own is English)."""
    from nnsim.gui.i18n import language_manager

    languages = language_manager(QApplication.instance())
    languages.set_language("zh_CN")
    try:
        view.set_document(load_lesson("rnn-shapes"))
        text = view.message.text()
        assert text.startswith("这个网络不能用作练习：它含有“循环层（RNN）”；练习只逐步计算全连接层。"), text
        assert not any(w in text for w in ("layer", "values", "step-through"))
    finally:
        languages.set_language("en")


@pytest.fixture
def view(qtbot):
    from nnsim.gui.exercise import ExerciseView

    v = ExerciseView(language=lambda: "en")
    qtbot.addWidget(v)
    v.resize(1200, 800)
    v.show()
    assert v.set_document(load_lesson("relu-homework"))
    return v


def test_a_wrong_value_is_marked_wrong_and_a_right_one_right(view):
    key = view.exercise.find("forward", "b_1").key
    row = view.rows[key]
    assert row.head.text() == "hidden unit 1"
    # set like the slides (nnsim.gui.mathtext): italic variable, real subscript
    assert row.symbol.text() == "<i>b</i><sub>1</sub> ="
    assert view.enter(key, "0.5").state == "wrong"
    assert view.row_state(key) == "wrong" and row.mark.text() == "✗"
    assert "right value: 0.32" in row.answer.text()
    # the formula, numbers in
    assert "<i>β</i><sub>1</sub> = 0.2×0.5 + 0.3×0.4 = 0.22" in row.answer.text()
    assert "1 of" not in view.score.text() and "1 wrong" in view.score.text()
    assert view.enter(key, "0.32").state == "right"
    assert row.mark.text() == "✓" and view.row_state(key) == "right"
    assert "right value" not in row.answer.text()
    assert view.score.text().startswith("1 of 20 right")


def test_enter_key_checks_the_answer(view, qtbot):
    from PySide6.QtCore import Qt

    key = view.exercise.find("backward", "g_1").key
    edit = view.rows[key].edit
    edit.setFocus()
    qtbot.keyClicks(edit, "0.104")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert view.row_state(key) == "right"


def test_all_right_shows_that_the_loss_fell(view):
    assert view.verdict.text() == ""
    for key, row in view.rows.items():
        view.enter(key, repr(row.item.value))
    assert all(r.state == "right" for r in view.rows.values())
    assert "0.005408" in view.verdict.text() and "0.003909" in view.verdict.text()
    assert "fell" in view.verdict.text()
    view.clear()
    assert all(r.state == "empty" for r in view.rows.values())
    view.show_answers()
    assert "0.003909" in view.verdict.text()
    assert all(r.answer.text().startswith("answer: ") for r in view.rows.values())


def test_any_small_dense_network(view):
    assert view.set_document(load_lesson("bp-worked-example"))
    ex = view.exercise
    assert ex.find("backward", "g_1").value == pytest.approx(-0.0406811, abs=1e-7)
    assert ex.find("after", "ŷ_1").value == pytest.approx(0.682019, abs=1e-6)
    assert not view.set_document(load_lesson("convolution-pooling"))
    assert view.message.isVisibleTo(view) and "dense" in view.message.text()
    assert view.rows == {}


def test_building_again_replaces_the_rows(view):
    from PySide6.QtWidgets import QLineEdit

    view.set_document(load_lesson("relu-homework"))
    view.set_document(load_lesson("relu-homework"))
    assert len(view.sheet.findChildren(QLineEdit)) == 20
    assert len(view.findChildren(QLineEdit)) == 20  # the old sheet is gone, not hidden
