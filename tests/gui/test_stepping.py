"""Stepping through the worked BP example in the app shows COURSE §6's exact numbers.

The formula panel prints each record with the numbers substituted; the canvas and the
inspector show the net input and output of the neuron just computed and the gradient term
under it; the update records change the document's weights one by one; the next pass
runs forward again on the new weights (the error falls from 0.190283 to 0.182019).
"""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from nnsim.gui.canvas.layer_geometry import fmt_value


@pytest.fixture
def window(training_window):
    """The main window on the worked BP example with training and stepping installed as
    ``build_window`` installs them (``training_window`` in conftest.py; the demo views are
    left out: they test themselves)."""
    return training_window


TOL = 1e-6
HIDDEN, OUTPUT = "L2", "L3"

# COURSE §6: (text that must appear in the formula panel, after that many steps)
FORWARD = [
    "β_1 = 0.35×0.1 + 0.9×0.8 = 0.755,  b_1 = σ(0.755) = 0.680267",
    "β_2 = 0.35×0.4 + 0.9×0.6 = 0.68,  b_2 = σ(0.68) = 0.663739",
    "α_1 = 0.680267×0.3 + 0.663739×0.9 = 0.801445,  ŷ_1 = σ(0.801445) = 0.690283",
]
ERROR = "½(0.690283 − 0.5)²"  # ŷ − y = 0.190283
BACKWARD = [
    "g_1 = ŷ_1(1−ŷ_1)(y_1−ŷ_1) = 0.690283×(1−0.690283)×(0.5−0.690283) = −0.0406811",
    "e_1 = b_1(1−b_1) Σ_j w_1j g_j = 0.680267×(1−0.680267)×(0.3×(−0.0406811)) = −0.00265449",
    "e_2 = b_2(1−b_2) Σ_j w_2j g_j = 0.663739×(1−0.663739)×(0.9×(−0.0406811)) = −0.00817165",
]
UPDATES = [  # (symbol, new value as printed, link, i, j, exact new value)
    ("w_11", "0.272326", "out", 0, 0, 0.272326),
    ("w_21", "0.872998", "out", 1, 0, 0.872998),
    ("v_11", "0.0990709", "hid", 0, 0, 0.0990709),
    ("v_21", "0.797611", "hid", 1, 0, 0.797611),
    ("v_12", "0.39714", "hid", 0, 1, 0.397140),
    ("v_22", "0.592646", "hid", 1, 1, 0.592646),
]
AGAIN = ["b_1 = σ(", "= 0.679729", "= 0.662036", "= 0.682019"]


def links(window):
    doc = window.document
    hid = doc.link_between(doc.input_layers()[0], HIDDEN)
    out = doc.link_between(HIDDEN, OUTPUT)
    return {"hid": hid, "out": out}


def formula(window) -> str:
    """The shown formula in the engine's plain notation (the label holds it as rich text,
    tests/gui/test_mathtext.py checks that)."""
    return window.training_ui.formula.formula_plain


def inspector_numbers(window):
    panel = window.inspector.neuron_panel
    return panel.net.text(), panel.out.text()


def test_worked_example_step_by_step(window):
    ui = window.training_ui
    step = window.stepping
    scene = window.scene
    act = ui.actions
    assert window.document.layers[HIDDEN].size == 2

    # forward, neuron by neuron: formula panel, canvas values, inspector
    expected_net = [0.755, 0.68, 0.801445]
    expected_out = [0.680267, 0.663739, 0.690283]
    where = [(HIDDEN, 0), (HIDDEN, 1), (OUTPUT, 0)]
    for k in range(3):
        act["next"].trigger()
        assert FORWARD[k] in formula(window)
        lid, j = where[k]
        net, out = scene.neuron_values(lid, j)
        assert net == pytest.approx(expected_net[k], abs=TOL)
        assert out == pytest.approx(expected_out[k], abs=TOL)
        # the inspector follows the neuron just computed
        assert inspector_numbers(window) == (fmt_value(expected_net[k]), fmt_value(expected_out[k]))
        assert scene.neuron_item(lid, j).highlight is not None
    # the neurons not reached yet show nothing: after the first step only h1 had a value
    # (checked again from the start below)

    act["next"].trigger()  # the error
    assert ERROR in formula(window)
    assert abs(0.690283 - 0.5) == pytest.approx(0.190283, abs=TOL)

    # backward: gradient terms in the formula and under the neurons
    for k in range(3):
        act["next"].trigger()
        assert BACKWARD[k] in formula(window)
    assert scene.neuron_note(OUTPUT, 0) == "g_1 = −0.0407"
    assert scene.neuron_note(HIDDEN, 0) == "e_1 = −0.00265"
    assert scene.neuron_note(HIDDEN, 1) == "e_2 = −0.00817"

    # updates, weight by weight (the neuron grouping steps a neuron's weights together:
    # step record by record here through the stepper's own grouping)
    doc = window.document
    ids = links(window)
    for symbol, printed, link, i, j, exact in UPDATES:
        step.forward("record")
        text = formula(window)
        assert f"{symbol} ← " in text and text.endswith(f"= {printed}")
        assert doc.links[ids[link]].weights[i, j] == pytest.approx(exact, abs=TOL)
        assert scene.edge_item(ids[link], i, j).highlight is not None
    assert step.stepper.done

    # the next press runs forward again on the new weights: the error falls to 0.182019
    for k in range(3):
        act["next"].trigger()
        assert AGAIN[k + 1] in formula(window)
    assert scene.neuron_values(OUTPUT, 0)[1] == pytest.approx(0.682019, abs=TOL)
    assert abs(scene.neuron_values(OUTPUT, 0)[1] - 0.5) == pytest.approx(0.182019, abs=TOL)


def test_first_step_shows_only_the_first_neuron(window):
    window.training_ui.actions["next"].trigger()
    assert window.scene.neuron_values(HIDDEN, 0)[1] == pytest.approx(0.680267, abs=TOL)
    assert window.scene.neuron_values(HIDDEN, 1) is None
    assert window.scene.neuron_values(OUTPUT, 0) is None
    # the input layer shows the sample
    inputs = window.document.input_layers()[0]
    assert window.scene.neuron_values(inputs, 0)[1] == pytest.approx(0.35)
    assert window.scene.neuron_values(inputs, 1)[1] == pytest.approx(0.9)


def test_layers_back_and_apply_update(window):
    ui = window.training_ui
    step = window.stepping
    doc = window.document
    ids = links(window)
    old_hid = doc.links[ids["hid"]].weights.copy()
    ui.actions["next_layer"].trigger()  # the whole hidden layer
    assert [r.symbol for r in step.stepped()] == ["b_1", "b_2"]
    ui.actions["next_layer"].trigger()
    assert step.current.symbol == "ŷ_1"
    ui.actions["back_layer"].trigger()
    assert [r.symbol for r in step.stepped()] == ["b_1", "b_2"]
    ui.actions["back"].trigger()
    assert [r.symbol for r in step.stepped()] == ["b_1"]
    ui.actions["update"].trigger()  # the rest of the pass, updates included
    assert step.stepper.done
    np.testing.assert_allclose(doc.links[ids["out"]].weights[:, 0], [0.272326, 0.872998], atol=TOL)
    np.testing.assert_allclose(
        doc.links[ids["hid"]].weights, [[0.0990709, 0.397140], [0.797611, 0.592646]], atol=TOL
    )
    # stepping back over an update puts the old weight back
    step.backward("record")
    step.backward("record")
    step.backward("record")
    step.backward("record")
    np.testing.assert_allclose(doc.links[ids["hid"]].weights, old_hid, atol=0)


def test_one_sample_and_one_batch_update_the_weights(window):
    ui = window.training_ui
    doc = window.document
    ids = links(window)
    ui.actions["sample"].trigger()
    np.testing.assert_allclose(doc.links[ids["out"]].weights[:, 0], [0.272326, 0.872998], atol=TOL)
    ui.actions["batch"].trigger()  # standard BP: a batch is one sample, the second update
    w2 = doc.links[ids["out"]].weights[:, 0]
    assert w2[0] < 0.272326 and w2[1] < 0.872998


def test_formulas_in_chinese(window):
    window.set_language("zh_CN")
    try:
        window.training_ui.actions["next"].trigger()
        assert formula(window).startswith("隐层神经元 1：")
        assert FORWARD[0] in formula(window)
    finally:
        window.set_language("en")
    assert formula(window).startswith("hidden unit 1: ")


def test_arrow_key_steps(window, qtbot):
    window.activateWindow()
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.stepping.active, timeout=2000)
    assert FORWARD[0] in formula(window)
    QTest.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert window.stepping.current.symbol == "b_2"  # the rest of the hidden layer
    QTest.keyClick(window.view, Qt.Key.Key_Left)
    assert window.stepping.current.symbol == "b_1"


def test_an_edit_ends_the_pass(window):
    window.training_ui.actions["next"].trigger()
    assert window.stepping.active
    ids = links(window)
    window.editor.set_weight(ids["out"], 0, 0, 0.5)
    assert not window.stepping.active
    assert window.scene.neuron_note(HIDDEN, 0) is None
    # the live preview shows the new forward values again (from the engine network)
    window.live_preview.update_now()
    h = 1 / (1 + np.exp(-np.array([0.755, 0.68])))
    out = 1 / (1 + np.exp(-(0.5 * h[0] + 0.9 * h[1])))
    assert window.scene.neuron_values(OUTPUT, 0)[1] == pytest.approx(out, abs=1e-9)


def test_updates_show_what_the_optimiser_set_does(window):
    """With Adam and an L2 penalty chosen, each update record shows ∂E/∂w with the penalty,
    Adam's m, v, m̂, v̂ and the step; after the pass the trainer goes on from the moments
    the pass left, and the next pass starts from them (t = 2)."""
    doc = window.document
    doc.update_settings(optimizer="adam", lr=0.1, regularization="l2", reg_lambda=0.01)
    step = window.stepping
    step.one_sample()
    rec = step.current
    assert rec.phase == "update" and rec.symbol == "v_22"
    text = formula(window)
    assert text.startswith("weight B → b_2, learning rate η = 0.1: ∂E/∂v_22 = ")
    assert "∂E/∂v_22 = −e_2 x_2 + 2λv_22 = −(−0.00817165)×0.9 + 2×0.01×0.6 = 0.0193545" in text
    assert "m̂(v_22) = m(v_22)/(1−β₁ᵗ) = 0.00193545/(1−0.9¹) = 0.0193545" in text
    # the weights are those one Adam step of training gives, and so is its state
    trainer = window.training.session.trainer
    assert trainer.optimizer.t == 1
    assert np.array_equal(trainer.optimizer.m, step.stepper.optimizer_after.m)
    ids = links(window)
    assert doc.links[ids["hid"]].weights[1, 1] == rec.new
    step.backward("record")  # the pass is no longer whole: the trainer's state goes back
    assert window.training.session.trainer.optimizer.t == 0
    step.forward("record")
    step.one_sample()
    assert "(1−0.9²)" in formula(window)  # t = 2
    assert window.training.session.trainer.optimizer.t == 2


def test_the_perceptron_lesson_steps_the_perceptron_rule(window):
    """COURSE §2 in the app: output, y − ŷ, and Δw_i = η(y − ŷ)x_i, Δθ = −η(y − ŷ) written
    into the weights; a correct sample makes no update."""
    assert window.open_lesson("perceptron-and-or-not")
    doc = window.document
    step = window.stepping
    ui = window.training_ui
    ui.actions["next"].trigger()
    assert formula(window) == (
        "output unit: Σ_i w_i x_i = 0×0.5118 + 0×0.9505 = 0,  "
        "ŷ = ε(Σ_i w_i x_i − θ) = ε(0 − (−0.1442)) = 1"
    )
    out_layer = next(lid for lid, lay in doc.layers.items() if lay.kind == "dense")
    assert window.scene.neuron_values(out_layer, 0)[1] == 1.0
    ui.actions["next"].trigger()
    assert formula(window) == (
        "output unit against its target: wrong, the weights change: y − ŷ = 0 − 1 = −1"
    )
    assert ui.formula.where.text().startswith("Error · sample 1 · step 2 of 5")
    ui.actions["update"].trigger()
    assert formula(window) == (
        "threshold of ŷ, learning rate η = 0.1: Δθ = −η(y − ŷ) = −0.1×(−1) = 0.1,  "
        "θ ← −0.1442 + 0.1 = −0.0442"
    )
    assert doc.layers[out_layer].biases[0] == pytest.approx(0.0442, abs=1e-12)  # b = −θ
    # the next passes: samples 2, 3, 4 of the epoch, as training presents them
    for _ in range(3):
        step.one_sample()
    assert step.pass_rows == [3]
    # four samples stepped = one epoch of the perceptron rule, bit for bit
    from nnsim.api import load
    from nnsim.engine.training import Trainer
    from nnsim.model.session import Session

    ref = Session(load("perceptron-and-or-not"))
    tr = Trainer(ref.network, None, (ref.data.x, ref.data.y), rule="perceptron", lr=0.1, init=None)
    tr.run(1)
    assert np.array_equal(window.training.session.network.get_weights(), ref.network.get_weights())
    window.set_language("zh_CN")
    try:
        step.one_sample()  # sample 1 again
        assert "输出神经元与目标比较" in "\n".join(r.text("zh") for r in step.stepped())
    finally:
        window.set_language("en")


def test_a_step_whose_numbers_overflow_says_so(window):
    """β_1 = 0.35×1.7e308 + 0.9×1.7e308 = ∞: no NaN arithmetic, one sentence instead."""
    ids = links(window)
    window.editor.set_weight(ids["hid"], 0, 0, 1.7e308)
    window.editor.set_weight(ids["hid"], 1, 0, 1.7e308)
    window.training_ui.actions["next"].trigger()
    assert not window.stepping.active
    text = formula(window)
    assert text.startswith("this step cannot be shown: the net inputs of layer")
    assert "too large" in text and "NaN" not in text
