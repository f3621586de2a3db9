"""Network.forward returns a new array and forward_grid leaves the last pass alone, whatever
layer kind the network ends in (layers that reuse buffers included)."""

import copy

import numpy as np
import pytest

from nnsim.engine import (
    RNN,
    AvgPool2D,
    Conv1D,
    Conv2D,
    Dense,
    Flatten,
    Input,
    Loss,
    Maxout,
    MaxPool2D,
    Network,
    SquaredError,
    TimeDense,
)


def _img(name="x"):
    return Input(name, (2, 6, 6))


#: name → (layers, per-sample input shape); each network ends in the named layer kind
NETWORKS = {
    "dense (fused)": ([Input("x", 3), Dense("h", 4, ["x"], "tanh"), Dense("y", 2, ["h"])], (3,)),
    "dense (general)": (
        [Input("x", 3), Dense("h", 4, ["x"], "relu"), Dense("y", 2, ["h"], "identity")],
        (3,),
    ),
    "maxout": ([Input("x", 3), Maxout("y", 2, ["x"], pieces=3)], (3,)),
    "rnn (sequence)": ([Input("x", (5, 2)), RNN("y", 3, ["x"])], (5, 2)),
    "rnn (last step)": ([Input("x", (5, 2)), RNN("y", 3, ["x"], return_sequences=False)], (5, 2)),
    "time dense": ([Input("x", (5, 2)), RNN("h", 3, ["x"]), TimeDense("y", 2, ["h"])], (5, 2)),
    "conv1d": ([Input("x", (2, 9)), Conv1D("y", 3, 3, ["x"])], (2, 9)),
    "conv2d identity": ([_img(), Conv2D("y", 3, 3, ["x"])], (2, 6, 6)),
    "conv2d relu padded": (
        [_img(), Conv2D("y", 3, 3, ["x"], padding=1, activation="relu")],
        (2, 6, 6),
    ),
    "conv2d tanh": ([_img(), Conv2D("y", 2, 2, ["x"], stride=2, activation="tanh")], (2, 6, 6)),
    "maxpool2d": (
        [_img(), Conv2D("c", 2, 3, ["x"], activation="relu"), MaxPool2D("y", ["c"])],
        (2, 6, 6),
    ),
    "avgpool2d": ([_img(), AvgPool2D("y", ["x"], size=3)], (2, 6, 6)),
    "flatten after pool": (
        [_img(), Conv2D("c", 2, 3, ["x"]), MaxPool2D("p", ["c"]), Flatten("y", ["p"])],
        (2, 6, 6),
    ),
    "flatten after conv": ([_img(), Conv2D("c", 2, 3, ["x"]), Flatten("y", ["c"])], (2, 6, 6)),
    "dense after flatten": (
        [_img(), AvgPool2D("p", ["x"]), Flatten("f", ["p"]), Dense("y", 2, ["f"], "identity")],
        (2, 6, 6),
    ),
}


def build(name):
    layers, shape = NETWORKS[name]
    # fresh layer objects for every test
    net = Network(copy.deepcopy(layers), fused=name != "dense (general)")
    net.init_weights("xavier", seed=3)
    return net, shape


class HalfSquares(Loss):
    """½ Σ (out − y)² / m over outputs of any shape (SquaredError takes (m, units) only)."""

    def value(self, out, target):
        return float(0.5 * np.sum((out - target) ** 2) / len(out))

    def grad(self, out, target):
        return (out - target) / len(out)


def loss_for(out):
    return SquaredError() if out.ndim == 2 else HalfSquares()


def batch(shape, m, seed):
    return np.random.default_rng(seed).standard_normal((m, *shape))


def caches(net):
    """Every array a layer keeps between passes (its attributes), copied."""
    out = {}
    for lname, layer in net.layers.items():
        for attr, v in vars(layer).items():
            if isinstance(v, np.ndarray) and attr not in ("params", "grads"):
                out[(lname, attr)] = (v, v.copy())
    return out


@pytest.mark.parametrize("name", list(NETWORKS))
def test_two_forwards_never_share_memory(name):
    net, shape = build(name)
    x1, x2 = batch(shape, 4, 1), batch(shape, 4, 2)
    y1 = net.forward(x1)
    keep = y1.copy()
    y2 = net.forward(x2)
    assert not np.shares_memory(y1, y2)
    np.testing.assert_array_equal(y1, keep)  # the first result was not overwritten
    assert not np.array_equal(y1, y2)
    np.testing.assert_array_equal(net.values[net.output_names[0]], y2)
    # and after a training step on the same batch size, too
    net.loss_and_grad(x1, np.zeros_like(y1), loss_for(y1))
    np.testing.assert_array_equal(y1, keep)
    y3 = net.forward(x1)
    assert not np.shares_memory(y3, y2) and not np.shares_memory(y3, y1)


@pytest.mark.parametrize("m_grid", [4, 25])  # the same batch size as the pass, and another
@pytest.mark.parametrize("name", list(NETWORKS))
def test_forward_grid_leaves_values_and_caches_untouched(name, m_grid):
    net, shape = build(name)
    x = batch(shape, 4, 1)
    out = net.forward(x)
    y = np.random.default_rng(5).standard_normal(out.shape)
    loss = loss_for(out)
    net.loss_and_grad(x, y, loss)
    values = {k: (v, v.copy()) for k, v in net.values.items()}
    douts = {k: (v, v.copy()) for k, v in net.douts.items()}
    kept = caches(net)
    grad = net.grad.copy()
    grid = net.forward_grid(batch(shape, m_grid, 9), dtype=net.dtype)
    assert set(net.values) == set(values)
    for k, (arr, copy_) in values.items():
        assert net.values[k] is arr
        np.testing.assert_array_equal(arr, copy_, err_msg=f"values[{k!r}] changed")
    for k, (arr, copy_) in douts.items():
        assert net.douts[k] is arr
        np.testing.assert_array_equal(arr, copy_, err_msg=f"douts[{k!r}] changed")
    for (lname, attr), (arr, copy_) in kept.items():
        assert getattr(net.layers[lname], attr) is arr
        np.testing.assert_array_equal(arr, copy_, err_msg=f"{lname}.{attr} changed")
    for k, g in grid.items():
        for arr, _ in values.values():
            assert not np.shares_memory(g, arr), f"grid[{k!r}] shares memory with values"
    # the step-through can go on: backward of the same batch gives the same gradient
    net.backward(loss.grad(net.values[net.output_names[0]], y))
    np.testing.assert_array_equal(net.grad, grad)
