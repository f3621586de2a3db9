"""Exercise mode's view: values typed into the rows, marked right or wrong, the verdict."""

import numpy as np
import pytest

from nnsim.lessons import load_lesson


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


def test_a_perceptron_lesson_is_a_step_of_the_perceptron_rule(view):
    """perceptron-and-or-not, first sample x = (0, 0), target 0, η = 0.1. By hand (COURSE
    §2): ŷ = step(w·x − θ), Δw_i = η(y − ŷ)x_i, Δθ = −η(y − ŷ); no gradient terms."""
    from nnsim.model.session import Session

    doc = load_lesson("perceptron-and-or-not")
    net = Session(doc.copy()).network
    out = net.output_names[0]
    w, theta = net.param(out, "W0")[:, 0].copy(), -float(net.param(out, "b")[0])
    x, y, lr = np.array([0.0, 0.0]), 0.0, 0.1
    yhat = float(x @ w - theta >= 0)
    w2, theta2 = w + lr * (y - yhat) * x, theta - lr * (y - yhat)
    yhat2 = float(x @ w2 - theta2 >= 0)
    assert (yhat, theta2) == (1.0, pytest.approx(-0.0442))  # misclassified: an update

    assert view.set_document(doc)
    ex = view.exercise
    assert ex.rule == "perceptron" and {i.part for i in ex.items} == {
        "forward",
        "loss",
        "update",
        "after",
    }
    assert ex.find("forward", "ŷ").value == yhat
    assert ex.find("loss", "y − ŷ").value == y - yhat
    assert ex.find("update", "w_1").value == pytest.approx(w2[0], abs=1e-12)
    assert ex.find("update", "w_2").value == pytest.approx(w2[1], abs=1e-12)
    assert ex.find("update", "θ").value == pytest.approx(theta2, abs=1e-12)
    assert ex.find("after", "ŷ").value == yhat2
    assert (ex.loss_before, ex.loss_after) == (0.5, 0.5) and not ex.loss_fell
    assert "perceptron rule" in view.title.text()
    titles = [
        w.text()
        for w in (view.grid.itemAt(i).widget() for i in range(view.grid.count()))
        if w is not None and w.property("part")
    ]
    assert titles == [
        "1. Forward pass",
        "2. Error",
        "3. New weights and threshold",
        "4. Output again with the new weights",
    ]
    # back to a BP lesson: the BP title again
    assert view.set_document(load_lesson("relu-homework"))
    assert "back-propagation" in view.title.text()


def test_why_not_an_exercise_in_chinese(view):
    """The reason is in the interface's language (the recipe's own is English)."""
    from PySide6.QtWidgets import QApplication

    from nnsim.gui.i18n import language_manager

    languages = language_manager(QApplication.instance())
    languages.set_language("zh_CN")
    try:
        view.set_document(load_lesson("rnn-shapes"))
        text = view.message.text()
        assert text.startswith(
            "这个网络不能用作练习：它含有“循环层（RNN）”；练习只逐步计算全连接层。"
        ), text
        view.set_document(load_lesson("mnist-mlp"))
        assert "这个网络一步大约有 25535 个数值；练习最多 80 个。" in view.message.text()
        assert not any(w in view.message.text() for w in ("layer", "values", "step-through"))
    finally:
        languages.set_language("en")
