"""Flatten: row-major order, the gradient reshaped back, and a conv → pool → flatten → dense chain."""

import numpy as np
import pytest

from nnsim.engine import NetworkError
from nnsim.engine.layers.base import Input
from nnsim.engine.layers.conv import Conv2D
from nnsim.engine.layers.dense import Dense
from nnsim.engine.layers.flatten import Flatten
from nnsim.engine.layers.pool import AvgPool2D, MaxPool2D
from nnsim.engine.losses import SoftmaxCrossEntropy
from nnsim.engine.network import Network


def test_row_major_order_and_gradient_shape():
    net = Network([Input("x", (2, 3, 4)), Flatten("f", ["x"])])
    x = np.arange(48.0).reshape(2, 2, 3, 4)
    out = net.forward(x)
    assert net.layers["f"].out_shape == (24,)
    np.testing.assert_array_equal(out, np.arange(48.0).reshape(2, 24))
    # value c·H·W + i·W + j is x[c, i, j]
    assert out[1, 1 * 12 + 2 * 4 + 3] == x[1, 1, 2, 3]
    dx = net.backward(np.arange(48.0).reshape(2, 24) * 2)["x"]
    np.testing.assert_array_equal(dx, 2 * x)


def test_needs_one_input():
    with pytest.raises(NetworkError, match="exactly one input"):
        Flatten("f", ["a", "b"])


@pytest.mark.parametrize("pool", [MaxPool2D, AvgPool2D])
def test_gradient_check_of_a_small_cnn(pool):
    """conv (stride 1, padding 1, tanh) → pool → flatten → dense → softmax CE, all by
    central differences, relative error < 1e-6."""
    net = Network(
        [
            Input("x", (2, 6, 6)),
            Conv2D("c", 3, 3, ["x"], padding=1, activation="tanh"),
            pool("p", ["c"], 2),
            Flatten("f", ["p"]),
            Dense("d", 4, ["f"], activation="identity"),
        ]
    )
    net.init_weights("xavier", seed=3)
    rng = np.random.default_rng(4)
    net.theta += 0.05 * rng.standard_normal(net.theta.shape)  # non-zero biases too
    x = rng.standard_normal((3, 2, 6, 6))
    y = np.array([0, 3, 1])
    loss = SoftmaxCrossEntropy()
    net.loss_and_grad(x, y, loss)
    analytic = net.grad.copy()
    dx = net.douts["x"].copy()
    eps = 1e-6
    num = np.zeros_like(net.theta)
    for k in range(net.theta.size):
        old = net.theta[k]
        net.theta[k] = old + eps
        fp = loss.value(net.forward(x), y)
        net.theta[k] = old - eps
        fm = loss.value(net.forward(x), y)
        net.theta[k] = old
        num[k] = (fp - fm) / (2 * eps)
    assert np.max(np.abs(analytic - num)) / np.max(np.abs(analytic) + np.abs(num)) < 1e-6
    numx = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + eps
        fp = loss.value(net.forward(x), y)
        x[idx] = old - eps
        fm = loss.value(net.forward(x), y)
        x[idx] = old
        numx[idx] = (fp - fm) / (2 * eps)
    assert np.max(np.abs(dx - numx)) / np.max(np.abs(dx) + np.abs(numx)) < 1e-6
