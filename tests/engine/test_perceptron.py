"""The perceptron rule: AND/OR/NOT converge, XOR cycles, checked against a book-style reference.

Epochs measured with weights drawn by ``init_weights("uniform01", seed=0)`` and η = 0.1,
samples in the data's order (step units, 0/1 targets):

    AND  4 epochs (errors 3, 1, 1, 0)      OR   2 epochs (errors 1, 0)
    NOT 10 epochs                           XOR  cycle detected after 12 epochs
"""

import numpy as np
import pytest

from nnsim.data.logic import logic_gate
from nnsim.data.watermelon import load_watermelon
from nnsim.engine import Dense, Input, Network
from nnsim.engine.errors import EngineError
from nnsim.engine.perceptron import (
    PerceptronError,
    PerceptronRule,
    perceptron_targets,
    train_perceptron,
)
from nnsim.engine.training import Trainer

ETA = 0.1


def single_layer(n_in, n_out=1, act="step", seed=0):
    net = Network([Input("x", n_in), Dense("y", n_out, ["x"], act)])
    net.init_weights("uniform01", seed=seed)
    return net


def book_perceptron(w, theta, x, y, eta, epochs, act="step"):
    """The book's rule in plain Python: θ is the weight of a fixed input −1.

    Returns the weights, thresholds and errors after each epoch.
    """
    w = [list(col) for col in w]  # w[i][j]: input i → unit j
    theta = list(theta)
    f = (lambda s: 1.0 if s >= 0 else 0.0) if act == "step" else (lambda s: 1.0 if s >= 0 else -1.0)
    trail = []
    for _ in range(epochs):
        errors = 0
        for xk, yk in zip(x, y):
            wrong = False
            for j in range(len(theta)):
                s = sum(w[i][j] * xk[i] for i in range(len(xk))) + theta[j] * -1.0
                d = yk[j] - f(s)
                if d:
                    wrong = True
                    for i in range(len(xk)):
                        w[i][j] += eta * d * xk[i]
                    theta[j] += eta * d * -1.0
            errors += wrong
        trail.append(([r[:] for r in w], theta[:], errors))
    return trail


@pytest.mark.parametrize(
    "gate, n_epochs, errors",
    [("AND", 4, [3, 1, 1, 0]), ("OR", 2, [1, 0]), ("NOT", 10, None)],
)
def test_linearly_separable_gates_converge_to_zero_errors(gate, n_epochs, errors):
    data = logic_gate(gate)
    net = single_layer(data.x.shape[1])
    w0 = net.param("y", "W0").copy()
    b0 = net.param("y", "b").copy()
    result = train_perceptron(net, data.x, data.y, lr=ETA, max_epochs=100)
    print(f"perceptron {gate}: {result.epochs} epochs, errors {result.errors}")
    assert result.status == "converged" and result.converged
    assert result.errors[-1] == 0 and all(e > 0 for e in result.errors[:-1])
    assert result.epochs == n_epochs
    if errors is not None:
        assert result.errors == errors
    out = net.forward(data.x)
    assert np.array_equal(out, data.y)
    # The same numbers as the book's rule with θ on a fixed −1 input: b = −θ.
    ref = book_perceptron(w0, -b0, data.x.tolist(), data.y.tolist(), ETA, result.epochs)
    w_ref, theta_ref, _ = ref[-1]
    assert net.param("y", "W0") == pytest.approx(np.array(w_ref), abs=1e-12)
    assert net.param("y", "b") == pytest.approx(-np.array(theta_ref), abs=1e-12)
    assert [e for *_, e in ref] == result.errors
    assert "converged" in result.message


def test_xor_is_reported_not_separable_within_a_bounded_number_of_epochs():
    data = logic_gate("XOR")
    net = single_layer(2)
    w0, b0 = net.param("y", "W0").copy(), net.param("y", "b").copy()
    result = train_perceptron(net, data.x, data.y, lr=ETA, max_epochs=1000)
    print(f"perceptron XOR: {result.status} after {result.epochs} epochs: {result.message}")
    assert result.status == "cycle" and not result.converged
    assert result.epochs <= 50
    assert result.epochs == 12
    assert result.message.startswith("not linearly separable: the weights cycle")
    assert all(e > 0 for e in result.errors)
    # The claim holds: the reference rule from the same start really repeats the state.
    ref = book_perceptron(w0, -b0, data.x.tolist(), data.y.tolist(), ETA, result.epochs)
    start, period = result.cycle_start, result.cycle_period
    assert period >= 1 and start + period == result.epochs
    w_end, th_end, _ = ref[-1]
    w_start, th_start, _ = ref[start - 1] if start else ([list(r) for r in w0], list(-b0), 0)
    assert np.allclose(w_end, w_start, atol=1e-12) and np.allclose(th_end, th_start, atol=1e-12)
    # ... and one more period brings it back again.
    again = train_perceptron(net, data.x, data.y, lr=ETA, max_epochs=period)
    assert again.status != "converged"
    assert np.allclose(net.theta, result.weights, atol=1e-12)


def test_sign_units_take_minus_one_plus_one_or_zero_one_targets():
    data = logic_gate("AND")
    pm = 2 * data.y - 1
    a = single_layer(2, act="sign")
    b = single_layer(2, act="sign")
    ra = train_perceptron(a, data.x, pm, lr=ETA)
    rb = train_perceptron(b, data.x, data.y, lr=ETA)  # 0 read as −1
    assert ra.converged and rb.converged
    assert ra.epochs == rb.epochs and np.array_equal(a.theta, b.theta)
    assert np.array_equal(a.forward(data.x), pm)
    w0 = single_layer(2, act="sign").param("y", "W0")
    b0 = single_layer(2, act="sign").param("y", "b")
    ref = book_perceptron(w0, -b0, data.x.tolist(), pm.tolist(), ETA, ra.epochs, act="sign")
    assert a.param("y", "W0") == pytest.approx(np.array(ref[-1][0]), abs=1e-12)
    xor = logic_gate("XOR")
    rx = train_perceptron(single_layer(2, act="sign"), xor.x, xor.y, lr=ETA)
    assert rx.status == "cycle"


def test_several_output_units_learn_and_and_or_at_once():
    data_and, data_or = logic_gate("AND"), logic_gate("OR")
    y = np.hstack([data_and.y, data_or.y])
    net = single_layer(2, n_out=2)
    result = train_perceptron(net, data_and.x, y, lr=ETA)
    assert result.converged
    assert np.array_equal(net.forward(data_and.x), y)


def test_non_separable_real_data_stop_at_the_cap_never_hang():
    data = load_watermelon()
    net = single_layer(2)
    result = train_perceptron(net, data.x, data.y, lr=ETA, max_epochs=200)
    assert result.status == "max_epochs"
    assert result.epochs == 200 and len(result.errors) == 200
    assert "not linearly separable?" in result.message
    assert np.all(np.isfinite(net.theta))


def test_trainer_perceptron_rule_gives_the_same_result_and_a_history():
    data = logic_gate("AND")
    a = single_layer(2)
    ra = train_perceptron(a, data.x, data.y, lr=ETA)
    b = Network([Input("x", 2), Dense("y", 1, ["x"], "step")])
    tr = Trainer(b, None, (data.x, data.y), rule="perceptron", lr=ETA, seed=0, init="uniform01")
    result = tr.run(100)
    assert result.status == "converged" and result.epoch == ra.epochs
    assert result.perceptron.errors == ra.errors
    assert np.array_equal(a.theta, b.theta)
    # One snapshot per epoch plus the initial weights; accuracy 100 % at the end.
    assert len(tr.history) == ra.epochs + 1
    assert tr.history.train_acc[-1] == 1.0
    assert tr.history[-1].errors == 0
    # Step by step: one snapshot per presented sample.
    c = Network([Input("x", 2), Dense("y", 1, ["x"], "step")])
    ts = Trainer(c, None, (data.x, data.y), rule="perceptron", lr=ETA, seed=0)
    snaps = list(ts.iter_steps(100))
    assert len(snaps) == 1 + 4 * ra.epochs
    assert ts.result.status == "converged"
    assert np.array_equal(c.theta, a.theta)


def test_trainer_reports_the_xor_cycle_and_the_cap():
    data = logic_gate("XOR")
    net = Network([Input("x", 2), Dense("y", 1, ["x"], "step")])
    tr = Trainer(net, None, (data.x, data.y), rule="perceptron", lr=ETA, seed=0)
    result = tr.run(10_000)
    assert result.status == "cycle"
    assert tr.stop_reason.startswith("not linearly separable: the weights cycle")
    assert result.epoch == 12
    capped = Trainer(
        Network([Input("x", 2), Dense("y", 1, ["x"], "step")]),
        None,
        (data.x, data.y),
        rule="perceptron",
        lr=ETA,
        max_epochs=5,
    )
    assert capped.run(100).status == "max_epochs"
    assert capped.epoch == 5


def test_clear_errors_for_networks_and_targets_that_do_not_fit():
    data = logic_gate("AND")
    hidden = Network([Input("x", 2), Dense("h", 2, ["x"], "step"), Dense("y", 1, ["h"], "step")])
    with pytest.raises(PerceptronError, match="single layer"):
        PerceptronRule(hidden, data.x, data.y)
    smooth = Network([Input("x", 2), Dense("y", 1, ["x"], "sigmoid")])
    with pytest.raises(PerceptronError, match="step or sign"):
        train_perceptron(smooth, data.x, data.y)
    with pytest.raises(PerceptronError, match="targets must be 0 or 1"):
        train_perceptron(single_layer(2), data.x, 2 * data.y - 1)
    with pytest.raises(PerceptronError, match="unit"):
        perceptron_targets(single_layer(2).layers["y"], np.zeros((4, 2)))
    with pytest.raises(PerceptronError, match="learning rate"):
        train_perceptron(single_layer(2), data.x, data.y, lr=0)
    with pytest.raises(EngineError):
        Trainer(smooth, None, (data.x, data.y), rule="perceptron")
    assert issubclass(PerceptronError, ValueError)


def test_trainer_with_sign_units_reads_zero_one_targets_as_minus_one_plus_one():
    data = logic_gate("OR")
    net = Network([Input("x", 2), Dense("y", 1, ["x"], "sign")])
    tr = Trainer(net, None, (data.x, data.y), (data.x, data.y), rule="perceptron", lr=ETA)
    assert tr.run(100).status == "converged"
    assert tr.threshold == 0.0
    assert tr.evaluate(data.x, data.y) == (0.0, 1.0)
    assert tr.history.val_acc[-1] == 1.0 and tr.history.val_loss[-1] == 0.0
    assert np.array_equal(net.forward(data.x), 2 * data.y - 1)


# --- the repeat test: exact up to the rounding of the updates, whatever the input scale -------

TINY = 2.0**-27  # ≈ 7.5e-9: a power of two, so scaled runs round exactly like unscaled ones


def test_inputs_of_1e_minus_8_converge_like_inputs_of_1():
    # AND with the threshold as the weight of a constant input, so every update scales with
    # the inputs: the run at 1e-8 is the run at 1, scaled. The old repeat test rounded the
    # weights to 1e-7·η and reported "the weights after epoch 1 repeat the initial weights".
    and_ = logic_gate("AND")
    x = np.column_stack([and_.x, np.ones(4)])
    runs = []
    for scale in (1.0, TINY):
        net = Network([Input("x", 3), Dense("y", 1, ["x"], "step", use_bias=False)])
        net.init_weights("zeros")
        runs.append((train_perceptron(net, x * scale, and_.y, lr=1.0), net.theta.copy()))
    (r1, w1), (r2, w2) = runs
    assert r1.status == r2.status == "converged"
    assert r1.epochs == r2.epochs == 6 and r1.errors == r2.errors
    np.testing.assert_array_equal(w2, w1 * TINY)


def test_tiny_inputs_with_a_bias_report_no_false_cycle():
    # inputs ~1e-8 but a bias updated by η = 1: the weights move by 1e-8 per error, which
    # is a change (the run needs ~1e8 epochs); it must end at the cap, not in a "cycle"
    and_ = logic_gate("AND")
    net = single_layer(2)
    result = train_perceptron(net, and_.x * 1e-8, and_.y, lr=1.0, max_epochs=50)
    assert result.status == "max_epochs", result.message
    assert "repeat" not in result.message


@pytest.mark.parametrize(
    "scale, lr, start, period",
    [(1.0, 1.0, 2, 1), (1e-8, 1.0, 2, 1), (0.3, 0.1, 30, 1), (1 / 3, 0.7, 5, 1)],
)
def test_a_real_xor_cycle_is_found_at_any_scale(scale, lr, start, period):
    # (0.3, 0.1) and (1/3, 0.7): w + ηx − ηx differs from w in the last bits; still a cycle
    xor = logic_gate("XOR")
    net = Network([Input("x", 2), Dense("y", 1, ["x"], "step")])
    net.init_weights("zeros" if scale in (1.0, 1e-8) else "uniform01", seed=0)
    result = train_perceptron(net, xor.x * scale, xor.y, lr=lr)
    assert result.status == "cycle", result.message
    assert (result.cycle_start, result.cycle_period) == (start, period)
    # one more period from there really comes back to the same weights (up to rounding)
    again = train_perceptron(net, xor.x * scale, xor.y, lr=lr, max_epochs=period)
    assert again.status != "converged"
    np.testing.assert_allclose(net.theta, result.weights, rtol=1e-12, atol=1e-12 * lr * scale)
