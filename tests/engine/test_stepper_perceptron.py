"""Stepping the perceptron rule (COURSE §2): hand-computed AND (converges) and XOR (cycles),
the lecture's notation in both languages, and bit-for-bit agreement with training.

Hand computation, η = 1, start w = (0, 0), θ = 0, step unit ŷ = ε(Σ w_i x_i − θ) with
ε(0) = 1, samples in the order (0,0), (0,1), (1,0), (1,1):

AND (targets 0, 0, 0, 1), the weights (w_1, w_2, θ) after each sample:
    epoch 1: (0,0,1)  (0,0,1)  (0,0,1)  (1,1,0)     2 errors
    epoch 2: (1,1,1)  (1,0,2)  (1,0,2)  (2,1,1)     3 errors
    epoch 3: (2,1,1)  (2,0,2)  (1,0,3)  (2,1,2)     3 errors
    epoch 4: (2,1,2)  (2,1,2)  (1,1,3)  (2,2,2)     2 errors
    epoch 5: (2,2,2)  (2,1,3)  (2,1,3)  (2,1,3)     1 error
    epoch 6: no error: converged, w = (2, 1), θ = 3
XOR (targets 0, 1, 1, 0):
    epoch 1: (0,0,1)  (0,1,0)  (0,1,0)  (−1,0,1)    3 errors
    epoch 2: (−1,0,1) (−1,1,0) (0,1,−1) (−1,0,0)    3 errors
    epoch 3: (−1,0,1) (−1,1,0) (0,1,−1) (−1,0,0)    4 errors: epoch 3 ends where epoch 2
    ended, and the rule cycles with period 1 for ever.
"""

import numpy as np
import pytest

from nnsim.engine import Dense, Input, Network
from nnsim.engine.perceptron import PerceptronError, train_perceptron
from nnsim.engine.stepper import StepperError, make_stepper
from nnsim.engine.stepping.perceptron import PerceptronStepper
from nnsim.engine.training import Trainer

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
AND = np.array([0, 0, 0, 1], float)
XOR = np.array([0, 1, 1, 0], float)

AND_TRAIL = [
    [(0, 0, 1), (0, 0, 1), (0, 0, 1), (1, 1, 0)],
    [(1, 1, 1), (1, 0, 2), (1, 0, 2), (2, 1, 1)],
    [(2, 1, 1), (2, 0, 2), (1, 0, 3), (2, 1, 2)],
    [(2, 1, 2), (2, 1, 2), (1, 1, 3), (2, 2, 2)],
    [(2, 2, 2), (2, 1, 3), (2, 1, 3), (2, 1, 3)],
    [(2, 1, 3)] * 4,
]
AND_ERRORS = [2, 3, 3, 2, 1, 0]
XOR_TRAIL = [
    [(0, 0, 1), (0, 1, 0), (0, 1, 0), (-1, 0, 1)],
    [(-1, 0, 1), (-1, 1, 0), (0, 1, -1), (-1, 0, 0)],
    [(-1, 0, 1), (-1, 1, 0), (0, 1, -1), (-1, 0, 0)],
]
XOR_ERRORS = [3, 3, 4]


def perceptron(w=(0.0, 0.0), theta=0.0, act="step"):
    net = Network([Input("x", 2), Dense("y", 1, ["x"], act)])
    net.param("y", "W0")[:, 0] = w
    net.param("y", "b")[0] = -theta  # the engine stores b = −θ
    return net


def state(net):
    w = net.param("y", "W0")[:, 0]
    return (float(w[0]), float(w[1]), -float(net.param("y", "b")[0]))


def step_epoch(net, y, lr=1.0):
    """Step every record of every sample once; the weights after each sample and the
    number of samples that had update records."""
    trail, errors = [], 0
    for k in range(len(X)):
        st = PerceptronStepper(net, X[k], y[k], lr)
        recs = st.run_to_end()
        errors += any(r.phase == "update" for r in recs)
        trail.append(state(net))
    return trail, errors


def test_and_step_by_step_matches_the_hand_computation_and_converges_at_epoch_6():
    net = perceptron()
    for epoch, (want, n_err) in enumerate(zip(AND_TRAIL, AND_ERRORS), start=1):
        trail, errors = step_epoch(net, AND)
        assert trail == want, f"epoch {epoch}"
        assert errors == n_err, f"epoch {epoch}"
    # the engine's training says the same: converged at epoch 6, same weights
    ref = perceptron()
    result = train_perceptron(ref, X, AND, lr=1.0)
    assert result.status == "converged" and result.epochs == 6
    assert result.errors == AND_ERRORS
    assert state(ref) == (2.0, 1.0, 3.0) == state(net)


def test_xor_step_by_step_cycles():
    net = perceptron()
    for epoch, (want, n_err) in enumerate(zip(XOR_TRAIL, XOR_ERRORS), start=1):
        trail, errors = step_epoch(net, XOR)
        assert trail == want, f"epoch {epoch}"
        assert errors == n_err, f"epoch {epoch}"
    # epoch 4 repeats epoch 3 exactly: the rule never settles
    assert step_epoch(net, XOR) == (XOR_TRAIL[2], 4)
    result = train_perceptron(perceptron(), X, XOR, lr=1.0)
    assert result.status == "cycle"
    assert (result.cycle_start, result.cycle_period) == (2, 1)
    assert result.errors == XOR_ERRORS


def test_records_of_a_misclassified_sample_in_the_lectures_notation():
    # AND epoch 2, sample (0, 1): w = (1, 1), θ = 1 → Σ = 1, ŷ = ε(1 − 1) = 1, y = 0
    net = perceptron((1.0, 1.0), 1.0)
    st = PerceptronStepper(net, X[1], 0.0, 1.0)
    texts = [r.text("en") for r in st.records]
    assert texts == [
        "output unit: Σ_i w_i x_i = 0×1 + 1×1 = 1,  ŷ = ε(Σ_i w_i x_i − θ) = ε(1 − 1) = 1",
        "output unit against its target: wrong, the weights change: y − ŷ = 0 − 1 = −1",
        "weight x_1 → ŷ, learning rate η = 1: Δw_1 = η(y − ŷ)x_1 = 1×(−1)×0 = 0,  w_1 ← 1 + 0 = 1",
        "weight x_2 → ŷ, learning rate η = 1: Δw_2 = η(y − ŷ)x_2 = 1×(−1)×1 = −1,  "
        "w_2 ← 1 + (−1) = 0",
        "threshold of ŷ, learning rate η = 1: Δθ = −η(y − ŷ) = −1×(−1) = 1,  θ ← 1 + 1 = 2",
    ]
    assert [r.phase for r in st.records] == ["forward", "loss", "update", "update", "update"]
    zh = [r.text("zh") for r in st.records]
    assert zh[1] == "输出神经元与目标比较：错误，权重要更新：y − ŷ = 0 − 1 = −1"
    assert zh[4] == "ŷ 的阈值，学习率 η = 1：Δθ = −η(y − ŷ) = −1×(−1) = 1,  θ ← 1 + 1 = 2"
    # the records carry the numbers: forward (net includes b = −θ), comparison, updates
    fwd, cmp_, w1, w2, th = st.records
    assert fwd.details["sum"] == 1 and fwd.details["net"] == 0 and fwd.value == 1
    assert (cmp_.value, cmp_.details["target"]) == (-1, 0)
    assert (w2.old, w2.change, w2.new) == (1, -1, 0)
    assert (th.old, th.change, th.new) == (1, 1, 2)
    assert (th.param_old, th.param_new) == (-1, -2)  # the engine's bias b = −θ


def test_a_correct_sample_has_no_update_and_stepping_back_restores():
    net = perceptron((2.0, 1.0), 3.0)  # the converged AND weights
    st = PerceptronStepper(net, X[3], 1.0, 1.0)
    recs = st.records
    assert [r.phase for r in recs] == ["forward", "loss"]
    assert recs[1].text("en").startswith("output unit against its target: right, no update")
    net = perceptron()
    st = PerceptronStepper(net, X[3], 0.0, 0.5)  # Σ = 0, ŷ = ε(0) = 1, y = 0: wrong
    st.run_to_end()
    assert state(net) == (-0.5, -0.5, 0.5)
    st.back()
    assert state(net) == (-0.5, -0.5, 0.0)  # the threshold record undone
    st.reset()
    assert state(net) == (0.0, 0.0, 0.0)


def test_generic_notation_and_sign_units():
    net = perceptron((0.5, -0.25), 0.0, act="sign")
    # a sign unit's target 0 is read as −1
    st = PerceptronStepper(net, X[3], 0.0, 0.5, notation="generic")
    texts = [r.formula() for r in st.records]
    assert texts[0] == "net_1^(1) = 1×0.5 + 1×(−0.25) + 0 = 0.25,  o_1^(1) = sgn(0.25) = 1"
    assert texts[1] == "y_1 − o_1^(1) = −1 − 1 = −2"
    assert (
        texts[2]
        == "Δw_11^(1) = η(y_1 − o_1^(1))x_1 = 0.5×(−2)×1 = −1,  w_11^(1) ← 0.5 + (−1) = −0.5"
    )
    assert texts[4] == "Δb_1^(1) = η(y_1 − o_1^(1)) = 0.5×(−2) = −1,  b_1^(1) ← 0 + (−1) = −1"


def test_several_output_units_update_only_the_wrong_ones():
    net = Network([Input("x", 2), Dense("y", 2, ["x"], "step")])
    net.param("y", "W0")[...] = [[1.0, 1.0], [1.0, 1.0]]
    net.param("y", "b")[...] = [-1.5, -0.5]  # θ = (1.5, 0.5): AND and OR
    st = PerceptronStepper(net, [1.0, 0.0], [1.0, 1.0], 1.0)  # AND wrong, OR right
    recs = st.records
    assert [r.symbol for r in recs] == [
        "ŷ_1",
        "ŷ_2",
        "y_1 − ŷ_1",
        "y_2 − ŷ_2",
        "w_11",
        "w_21",
        "θ_1",
    ]
    assert recs[3].text("en").startswith("output unit 2 against its target: right")


def test_stepping_an_epoch_gives_the_weights_training_gives_bit_for_bit():
    for y, seed in ((AND, 0), (XOR, 1), (np.array([0, 1, 1, 1.0]), 2)):
        stepped = Network([Input("x", 2), Dense("y", 1, ["x"], "step")])
        stepped.init_weights("uniform01", seed=seed)
        trained = Network([Input("x", 2), Dense("y", 1, ["x"], "step")])
        trained.set_weights(stepped.get_weights())
        tr = Trainer(trained, None, (X, y), rule="perceptron", lr=0.1, init=None)
        for _epoch in range(5):
            tr.run(1)
            for k in range(len(X)):
                make_stepper(stepped, None, X[k], y[k], 0.1, rule="perceptron").run_to_end()
            assert np.array_equal(stepped.get_weights(), trained.get_weights())
            if tr.result.status != "finished":
                break


def test_clear_errors():
    net = perceptron()
    with pytest.raises(StepperError, match="one sample at a time"):
        PerceptronStepper(net, X, AND, 1.0)
    with pytest.raises(PerceptronError, match="learning rate"):
        PerceptronStepper(net, X[0], 0.0, 0.0)
    sig = Network([Input("x", 2), Dense("y", 1, ["x"], "sigmoid")])
    with pytest.raises(PerceptronError, match="step or sign"):
        PerceptronStepper(sig, X[0], 0.0, 1.0)
    with pytest.raises(StepperError, match="not finite"):
        PerceptronStepper(perceptron((1e308, 1e308)), [1e308, 1e308], 0.0, 1.0)
