"""Dense and Maxout layers: backward against finite differences, masks, biases, errors."""

import numpy as np
import pytest

from nnsim.engine import (
    INIT_SCHEMES,
    Dense,
    Input,
    Maxout,
    Network,
    NetworkError,
    ShapeError,
    SquaredError,
    check_layer,
)
from nnsim.engine.layers import init_array

TOL = 1e-6


def test_dense_single_link():
    report = check_layer(Dense("d", 3, ["a"], "tanh"), [4])
    assert report.max_rel_error < TOL, str(report)
    assert set(report.errors) == {"d.W0", "d.b", "input a"}


def test_dense_several_links_are_skip_links():
    layer = Dense("d", 3, ["a", "b", "c"], "sigmoid")
    report = check_layer(layer, [2, 4, 1])
    assert report.max_rel_error < TOL, str(report)
    assert {"d.W0", "d.W1", "d.W2", "input a", "input b", "input c"} <= set(report.errors)


def test_dense_with_masks():
    masks = [np.array([[1, 0, 1], [0, 1, 1]]), None]
    layer = Dense("d", 3, ["a", "b"], "tanh", masks=masks)
    report = check_layer(layer, [2, 3])
    assert report.max_rel_error < TOL, str(report)
    # masked weights are held at zero and get no gradient
    assert np.all(layer.params["W0"][masks[0] == 0] == 0)
    assert np.all(layer.grads["W0"][masks[0] == 0] == 0)
    assert np.all(layer.grads["W0"][masks[0] == 1] != 0)


@pytest.mark.parametrize(
    "acts",
    [
        ["tanh", "relu", "sigmoid", "identity"],
        ["elu", "leaky_relu:0.3", "softplus", "tanh"],
    ],
)
def test_dense_with_mixed_activations_per_neuron(acts):
    layer = Dense("d", 4, ["a"], acts)
    report = check_layer(layer, [3], batch=4)
    assert report.max_rel_error < TOL, str(report)
    assert not report.near_kinks
    # each neuron really uses its own function
    z = np.asarray(layer.net)
    for j, name in enumerate(acts):
        from nnsim.engine import get_activation

        np.testing.assert_allclose(layer.out[:, j], get_activation(name)(z[:, j]), rtol=1e-15)


def test_dense_without_bias_keeps_b_at_zero():
    layer = Dense("d", 2, ["a"], "sigmoid", use_bias=False)
    report = check_layer(layer, [3])
    assert report.max_rel_error < TOL, str(report)
    assert report.errors["d.b"] == 0.0  # gradient 0, and perturbing b changes nothing
    np.testing.assert_array_equal(layer.params["b"], 0.0)
    np.testing.assert_array_equal(layer.grads["b"], 0.0)


def test_dense_with_step_neurons_passes_no_gradient():
    layer = Dense("d", 2, ["a"], ["step", "tanh"])
    report = check_layer(layer, [3])
    assert report.max_rel_error < TOL, str(report)
    assert np.all(layer.grads["W0"][:, 0] == 0)  # derivative 0 by convention


@pytest.mark.parametrize("pieces", [2, 3])
def test_maxout(pieces):
    layer = Maxout("m", 3, ["a"], pieces=pieces)
    report = check_layer(layer, [4], batch=5)
    assert report.max_rel_error < TOL, str(report)
    assert not report.near_kinks


def test_maxout_is_the_max_of_its_pieces():
    net = Network([Input("x", 2), Maxout("m", 1, ["x"], pieces=2)])
    net.param("m", "W0")[...] = [[[1.0, -1.0]], [[2.0, 0.5]]]  # w1 = (1, 2), w2 = (−1, 0.5)
    net.param("m", "b")[...] = [[0.0, 1.0]]
    x = np.array([[1.0, 1.0], [-2.0, 0.0]])
    expected = np.maximum(x @ [1.0, 2.0] + 0.0, x @ [-1.0, 0.5] + 1.0)
    np.testing.assert_allclose(net.forward(x)[:, 0], expected)


def test_layer_errors_are_clear():
    with pytest.raises(NetworkError, match="mask for 'a' has shape"):
        Network([Input("a", 2), Dense("d", 3, ["a"], masks=[np.ones((3, 2))])])
    with pytest.raises(NetworkError, match="one mask per input link"):
        Dense("d", 3, ["a", "b"], masks=[None])
    with pytest.raises(NetworkError, match="2 activations given for 3 neurons"):
        Dense("d", 3, ["a"], ["tanh", "relu"])
    with pytest.raises(NetworkError, match="at least one neuron"):
        Dense("d", 0, ["a"])
    with pytest.raises(NetworkError, match="needs an input"):
        Dense("d", 2, [])
    with pytest.raises(NetworkError, match="flat vector"):
        Network([Input("img", (1, 4, 4)), Dense("d", 2, ["img"])])
    with pytest.raises(NetworkError, match="exactly one input"):
        Maxout("m", 2, ["a", "b"])
    with pytest.raises(NetworkError, match="2 pieces"):
        Maxout("m", 2, ["a"], pieces=1)
    with pytest.raises(NetworkError, match="sizes must be positive"):
        Input("x", 0)


def test_input_checks_the_shape_of_its_batch():
    layer = Input("x", 3)
    layer.build([])
    with pytest.raises(ShapeError, match=r"has shape \(2,\) per sample, expected \(3,\)"):
        layer.forward([np.zeros((4, 2))])


def test_init_schemes():
    rng = np.random.default_rng(0)
    a = init_array(rng, "uniform01", (200, 50), 200, 50, np.float64)
    assert 0 <= a.min() and a.max() < 1  # the book: random in (0, 1)
    a = init_array(rng, "playground", (200, 50), 200, 50, np.float64)
    assert -0.5 <= a.min() and a.max() < 0.5
    a = init_array(rng, "xavier", (200, 50), 200, 50, np.float32)
    assert a.dtype == np.float32 and np.abs(a).max() <= np.sqrt(6 / 250)
    a = init_array(rng, "he", (200, 50), 200, 50, np.float64)
    assert a.std() == pytest.approx(np.sqrt(2 / 200), rel=0.05)
    assert not init_array(rng, "zeros", (3,), 1, 3, np.float64).any()
    with pytest.raises(NetworkError, match="unknown initialisation 'normal'"):
        init_array(rng, "normal", (3,), 1, 3, np.float64)
    assert set(INIT_SCHEMES) == {"uniform01", "playground", "xavier", "he", "zeros"}


def test_xavier_and_he_start_biases_at_zero():
    net = Network([Input("x", 3), Dense("d", 4, ["x"], "relu")])
    net.init_weights("he", seed=1)
    np.testing.assert_array_equal(net.param("d", "b"), 0.0)
    assert np.all(net.param("d", "W0") != 0)
    net.init_weights("uniform01", seed=1)
    assert np.all(net.param("d", "b") > 0)


def test_masks_survive_training_and_set_weights():
    mask = np.array([[1, 0], [0, 1], [1, 1]])
    net = Network(
        [
            Input("x", 3),
            Dense("h", 2, ["x"], "tanh", masks=[mask]),
            Dense("o", 1, ["h"], "identity"),
        ]
    )
    net.init_weights("playground", seed=3)
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((8, 3)), rng.standard_normal((8, 1))
    for _ in range(5):
        net.loss_and_grad(x, y, SquaredError())
        net.sgd_step(0.1)
    np.testing.assert_array_equal(net.param("h", "W0")[mask == 0], 0.0)
    net.set_weights(np.ones(net.n_params))
    np.testing.assert_array_equal(net.param("h", "W0")[mask == 0], 0.0)
    np.testing.assert_array_equal(net.param("h", "W0")[mask == 1], 1.0)
