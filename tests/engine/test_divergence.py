"""Divergence is caught on every training path: limits, the restored weights, the cause named."""

import math

import numpy as np
import pytest

from nnsim.data.logic import logic_gate
from nnsim.engine import Dense, Input, Network
from nnsim.engine.divergence import (
    LOSS_GROWTH,
    WEIGHT_LIMIT,
    DivergenceGuard,
    parameter_name,
    snapshot_notes,
    update_notes,
)
from nnsim.engine.training import Trainer

XOR = logic_gate("XOR")


def relu_xor():
    """The xor-two-layer lesson's network: 2 → 2 ReLU → 1 linear output, its weights."""
    net = Network([Input("x", 2), Dense("h", 2, ["x"], "relu"), Dense("y", 1, ["h"], "identity")])
    net.set_weights(np.array([1.0, 1.0, 1.0, 1.0, 0.0, -1.0, 1.0, -2.0, -0.5]))
    return net


def tanh_net():
    """A tanh layer and a linear output (logits, as BCE wants)."""
    return Network([Input("x", 2), Dense("h", 3, ["x"], "tanh"), Dense("y", 1, ["h"], "identity")])


def trainer(net, x=XOR.x, y=XOR.y, **kw):
    kw.setdefault("init", None)
    kw.setdefault("loss", "sigmoid_binary_cross_entropy")
    return Trainer(net, kw.pop("loss"), (x, y), seed=0, **kw)


def test_the_issue_reproduction_stops_and_restores_instead_of_reaching_1e152():
    # xor-two-layer with BCE, η = 10⁶, mini-batch, L2 λ = 0.01 used to "finish" 30 epochs
    # with max |w| = 3.9e152.
    net = relu_xor()
    before = net.theta.copy()
    tr = trainer(net, rule="minibatch", lr=1e6, reg="l2", reg_lambda=0.01)
    result = tr.run(30)
    print(result.message)
    assert result.status == "diverged"
    assert result.epoch == 0
    np.testing.assert_array_equal(net.theta, before)
    assert "learning rate too high? Lower η (now 1e+06)" in result.message
    assert result.message.endswith("The initial weights were restored.")
    # every recorded snapshot is sound: weights within the limit, the loss not exploded
    assert np.abs(tr.history.weights).max() <= WEIGHT_LIMIT
    assert tr.history.train_loss.max() <= LOSS_GROWTH * max(tr.history.train_loss[0], 1)


PATHS = [
    dict(rule="minibatch", batch_size=2),  # fused SGD epoch
    dict(rule="minibatch", batch_size=2, fast=False),  # update by update
    dict(rule="standard", optimizer="momentum"),
    dict(rule="accumulated", optimizer="adam"),
    dict(rule="standard", reg="l1", reg_lambda=0.01),
]


@pytest.mark.parametrize("kw", PATHS)
@pytest.mark.parametrize("per_step", [False, True])
def test_every_path_stops_within_the_limits(kw, per_step):
    net = tanh_net()
    net.init_weights("xavier", seed=1)
    tr = trainer(net, lr=1e6, **kw)
    gen = tr.iter_steps(50) if per_step else tr.iter_epochs(50)
    snaps = list(gen)
    result = tr.result
    print(result.message)
    assert result.status == "diverged"
    assert np.abs(net.theta).max() <= WEIGHT_LIMIT
    np.testing.assert_array_equal(net.theta, snaps[-1].weights)
    assert "learning rate too high?" in result.message


def test_a_weight_beyond_the_limit_is_named_with_its_layer():
    net = tanh_net()
    net.init_weights("xavier", seed=1)
    tr = trainer(net, loss="squared_error", rule="standard", lr=1e6)
    result = tr.run(20)
    print(result.message)
    assert result.status == "diverged"
    assert result.message.startswith("a weight reached ")
    assert "of layer " in result.message and f"|w| ≤ {WEIGHT_LIMIT:g}" in result.message


def test_huge_inputs_are_named_as_the_cause():
    net = relu_xor()
    tr = trainer(net, XOR.x * 1e300, rule="standard", lr=0.1)
    result = tr.run(10)
    print(result.message)
    assert result.status == "diverged"
    assert "the inputs reach 1e+300: scale them to about −1…1" in result.message
    assert "learning rate too high" not in result.message
    assert np.all(np.isfinite(net.theta))


def test_huge_targets_are_named_as_the_cause():
    net = Network([Input("x", 2), Dense("y", 1, ["x"], "identity")])
    net.init_weights("xavier", seed=1)
    tr = trainer(net, XOR.x, XOR.y * 1e200, loss="squared_error", rule="standard", lr=0.5)
    result = tr.run(10)
    print(result.message)
    assert result.status == "diverged"
    assert "the targets reach 1e+200" in result.message


@pytest.mark.parametrize("value", [1.7e308, 2e7, -3e9])
def test_a_loaded_weight_beyond_the_limit_is_refused_before_training(value):
    net = tanh_net()
    net.init_weights("xavier", seed=1)
    net.param("h", "W0")[1, 2] = value
    before = net.theta.copy()
    tr = trainer(net, rule="standard", lr=0.1)
    result = tr.run(10)  # must not raise
    print(result.message)
    assert result.status == "diverged" and result.epoch == 0
    assert f"a loaded weight is {value:.3g} (W0[1, 2] of layer 'h')" in result.message
    assert result.message.endswith("Training did not start.")
    np.testing.assert_array_equal(net.theta, before)
    assert len(tr.history) == 0


def test_a_non_finite_loaded_weight_is_named_too():
    net = tanh_net()
    net.init_weights("xavier", seed=1)
    net.param("y", "b")[0] = np.inf
    result = trainer(net, rule="standard", lr=0.1).run(3)
    assert result.status == "diverged"
    assert "the weights became inf at epoch 0: a loaded weight is inf (b[0] of layer 'y')" in (
        result.message
    )


def test_the_perceptron_rule_is_held_to_finiteness_only():
    # η = 10⁷ makes the perceptron's weights 10⁷-sized, which is not divergence.
    net = Network([Input("x", 2), Dense("y", 1, ["x"], "step")])
    net.init_weights("zeros")
    and_ = logic_gate("AND")
    result = trainer(net, and_.x, and_.y, loss="squared_error", rule="perceptron", lr=1e7).run(50)
    assert result.status == "converged"
    assert np.abs(net.theta).max() >= 1e7


def test_the_perceptron_rule_overflowing_names_the_learning_rate():
    net = Network([Input("x", 2), Dense("y", 1, ["x"], "step")])
    net.init_weights("zeros")
    xor = logic_gate("XOR")
    # inputs 0/2: the first update is η·2 = 2e308, beyond float64
    tr = trainer(net, 2 * xor.x, xor.y, loss="squared_error", rule="perceptron", lr=1e308)
    result = tr.run(50)
    print(result.message)
    assert result.status == "diverged"
    assert "learning rate η = 1e+308 overflows the weights: lower it" in result.message
    assert np.all(np.isfinite(net.theta))


def test_sane_training_never_trips_the_limits():
    net = tanh_net()
    net.init_weights("xavier", seed=1)
    result = trainer(net, rule="standard", lr=0.5).run(300)
    assert result.status == "finished"


# --- the guard on its own ------------------------------------------------------------


def test_the_guard_checks_finiteness_and_the_limits():
    net = tanh_net()
    g = DivergenceGuard(net, XOR.x, XOR.y)
    theta = np.zeros(net.n_params)
    assert g.weights(theta) is None
    theta[4] = WEIGHT_LIMIT
    assert g.weights(theta) is None  # the limit itself is allowed
    theta[4] = -1.5 * WEIGHT_LIMIT
    assert g.weights(theta) == (
        f"a weight reached -1.5e+06 ({parameter_name(net, 4)}; the limit is |w| ≤ 1e+06)"
    )
    theta[5] = np.nan
    assert g.weights(theta) == "the weights became nan"
    assert g.gradient(np.array([0.0, -np.inf])) == "the gradient became -inf"
    assert g.gradient(np.array([1e300, -1e300])) is None
    assert g.loss(math.inf) == "the loss became inf"
    assert g.loss(5e3, reference=0.1) is None  # below 10⁴ (the floor of the limit)
    assert g.loss(2e4, reference=0.1).startswith("the loss grew to 2e+04 (from 0.1")
    assert g.loss(2e5, reference=30.0) is None  # 10⁴ × 30 = 3e5
    g_perc = DivergenceGuard(net, XOR.x, XOR.y, limits=False)
    assert g_perc.weights(np.full(net.n_params, 1e30)) is None
    assert g_perc.loss(1e30, reference=0.1) is None


def test_parameter_names_follow_the_network_layout():
    net = tanh_net()  # h: W0 (2×3), b (3); y: W0 (3×1), b (1)
    assert parameter_name(net, 0) == "W0[0, 0] of layer 'h'"
    assert parameter_name(net, 5) == "W0[1, 2] of layer 'h'"
    assert parameter_name(net, 6) == "b[0] of layer 'h'"
    assert parameter_name(net, 12) == "b[0] of layer 'y'"


# --- one detector for a network and for a stack of replicas --------------------------


def test_a_stack_of_rows_gets_the_notes_each_row_gets_alone():
    net = tanh_net()
    P = net.n_params
    theta = np.zeros((7, P))
    theta[1, 2] = np.nan
    theta[2, 4] = -2 * WEIGHT_LIMIT
    theta[6, 0] = np.inf
    loss = np.array([0.5, 0.5, 0.5, 3e5, np.inf, 0.5, 0.5])
    ref = np.array([0.2, 0.2, 0.2, 1.0, 0.2, np.nan, 0.2])  # NaN: no initial row yet
    val = np.array([0.1, 0.1, 0.1, 0.1, 0.1, np.nan, 0.1])
    pen = np.zeros(7)
    stacked = snapshot_notes(theta, loss, ref, val, pen, network=net)
    alone = {}
    for k in range(7):
        r = None if math.isnan(ref[k]) else ref[k]
        note = snapshot_notes(theta[k], loss[k], r, val[k], pen[k], network=net).get(0)
        if note is not None:
            alone[k] = note
    assert stacked == alone
    assert stacked == {
        1: "the weights became nan",
        2: f"a weight reached -2e+06 ({parameter_name(net, 4)}; the limit is |w| ≤ 1e+06)",
        3: "the loss grew to 3e+05 (from 1 at the start; the limit is 10000 times that, "
        "or 10000 at least)",
        4: "the loss became inf",
        5: "the validation loss became nan",
        6: "the weights became inf",
    }
    assert snapshot_notes(theta, loss, ref, val, pen, limits=False, network=net).keys() == {
        1,
        4,
        5,
        6,
    }
    assert snapshot_notes(np.ones((3, P)), np.full(3, 0.1), None) == {}


def test_update_checks_name_the_loss_the_gradient_or_the_weights_in_the_trainers_order():
    theta = np.zeros((4, 5))
    theta[1, 0] = theta[2, 0] = theta[3, 0] = np.nan
    grad = np.zeros((4, 5))
    grad[2, 3] = -np.inf
    loss = np.array([np.nan, 0.1, 0.1, np.inf])
    assert update_notes(theta, loss, grad) == {
        0: "the loss became nan",
        1: "the weights became nan",
        2: "the gradient became -inf",
        3: "the loss became inf",
    }
    # after a fused epoch the weights come first
    assert update_notes(theta, loss, loss_first=False)[3] == "the weights became nan"
    for k in range(4):
        assert update_notes(theta[k], loss[k], grad[k]).get(0) == update_notes(
            theta, loss, grad
        ).get(k)
    big = np.full(5, 1e308)  # the sum overflows, no weight is beyond finiteness
    assert update_notes(big, 0.1, limits=False) == {}
    assert update_notes(big, 0.1)[0].startswith("a weight reached 1e+308")
