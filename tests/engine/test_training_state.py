"""Trainer.get_state / set_state: a second trainer of the same set-up that takes the state
trains on to the same numbers, bit for bit (what a training process relies on)."""

import pickle

import numpy as np
import pytest

from nnsim.engine import Dense, Input, Network
from nnsim.engine.activations import get_activation
from nnsim.engine.training import Trainer, TrainingError


def make_data(seed=3):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(60, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(float)
    return x, y


def make_trainer(**options):
    net = Network(
        [
            Input("x", 2),
            Dense("h", 4, ["x"], "tanh"),
            Dense("g", 3, ["h"], "leaky_relu:0.2"),
            Dense("y", 1, ["g"], "sigmoid"),
        ]
    )
    x, y = make_data()
    return Trainer(net, "squared_error", (x, y), seed=5, init="xavier", **options)


SETUPS = [
    dict(rule="minibatch", batch_size=7, lr=0.3),  # the fused path, shuffled
    dict(rule="standard", lr=0.2, optimizer="momentum", momentum=0.8, reg="l2", reg_lambda=1e-3),
    dict(
        rule="minibatch",
        batch_size=5,
        optimizer="adam",
        lr=0.01,
        val_fraction=0.25,
        early_stopping=True,
        patience=3,
    ),
]


@pytest.mark.parametrize("options", SETUPS)
def test_a_state_handed_over_goes_on_bit_for_bit(options):
    a, b = make_trainer(**options), make_trainer(**options)
    a.run(6)
    b.run(2)  # b is somewhere else entirely: the state replaces all of it
    b.set_state(pickle.loads(pickle.dumps(a.get_state())))
    a.run(9)
    b.run(9)
    assert a.epoch == b.epoch and a.step == b.step and a.cursor == b.cursor
    np.testing.assert_array_equal(a.network.theta, b.network.theta)
    np.testing.assert_array_equal(a.history.weights, b.history.weights)
    np.testing.assert_array_equal(a.history.train_loss, b.history.train_loss)
    np.testing.assert_array_equal(a.history.val_loss, b.history.val_loss)
    assert a.result == b.result and a.best_epoch == b.best_epoch


def test_the_state_is_a_copy():
    a = make_trainer(rule="minibatch", batch_size=10, lr=0.5)
    a.run(2)
    state = a.get_state()
    theta = state["theta"].copy()
    a.run(3)
    np.testing.assert_array_equal(state["theta"], theta)  # training went on without it
    assert len(state["history"]) == 3 and len(a.history) == 6


def test_a_state_for_another_network_is_refused():
    a = make_trainer(rule="minibatch", batch_size=10, lr=0.5)
    net = Network([Input("x", 2), Dense("y", 1, ["x"], "sigmoid")])
    x, y = make_data()
    other = Trainer(net, "squared_error", (x, y), seed=1)
    with pytest.raises(TrainingError, match="the state has 31 parameters but the network has 3"):
        other.set_state(a.get_state())


def test_the_perceptron_rule_keeps_its_state():
    net = Network([Input("x", 2), Dense("y", 1, ["x"], "step")])
    x, y = make_data()
    tr = Trainer(net, "squared_error", (x, y), rule="perceptron", lr=1.0, seed=1)
    with pytest.raises(TrainingError, match="perceptron"):
        tr.get_state()


def test_activations_pickle_by_name():
    for name in ("tanh", "leaky_relu:0.2", "elu:0.5", "step"):
        act = pickle.loads(pickle.dumps(get_activation(name)))
        assert act.name == name
        x = np.linspace(-2, 2, 9)
        np.testing.assert_array_equal(act(x), get_activation(name)(x))
