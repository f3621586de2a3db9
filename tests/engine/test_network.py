"""Networks: DAG wiring and errors, gradients, the fused fast path against the general one."""

import numpy as np
import pytest

from nnsim.engine import (
    Dense,
    Input,
    Maxout,
    Network,
    NetworkError,
    ShapeError,
    SigmoidBinaryCrossEntropy,
    SoftmaxCrossEntropy,
    SquaredError,
    check_network,
    dense_chain,
    topological_order,
)

TOL = 1e-6
SAME = dict(rtol=1e-12, atol=1e-12)  # fused vs general: equal up to summation order


def playground(fused=True, dtype=np.float64, seed=1):
    """TensorFlow Playground's default: 2 inputs, hidden 4-2 tanh, tanh output."""
    net = Network(
        [
            Input("x", 2),
            Dense("h1", 4, ["x"], "tanh"),
            Dense("h2", 2, ["h1"], "tanh"),
            Dense("out", 1, ["h2"], "tanh"),
        ],
        dtype=dtype,
        fused=fused,
    )
    net.init_weights("playground", seed=seed)
    return net


def skip_dag(fused=True):
    """A DAG with skip links: x feeds h1, h2 and the output; h1 feeds h2 and the output."""
    net = Network(
        [
            Input("x", 3),
            Dense("h1", 4, ["x"], "tanh"),
            Dense("h2", 3, ["h1", "x"], ["sigmoid", "elu", "softplus"]),
            Dense("out", 2, ["h2", "h1", "x"], "identity"),
        ],
        fused=fused,
    )
    net.init_weights("playground", seed=2)
    return net


# (layers, loss, target kind) for the fused-vs-general comparisons
CHAINS = {
    "playground tanh, squared error": (
        lambda: [
            Input("x", 2),
            Dense("h1", 4, ["x"], "tanh"),
            Dense("h2", 2, ["h1"], "tanh"),
            Dense("out", 1, ["h2"], "tanh"),
        ],
        SquaredError(),
        "real",
    ),
    "relu, softmax CE, class indices": (
        lambda: [
            Input("x", 2),
            Dense("h", 6, ["x"], "relu"),
            Dense("out", 3, ["h"], "identity"),
        ],
        SoftmaxCrossEntropy(),
        "classes",
    ),
    "sigmoid with mask and no bias, BCE": (
        lambda: [
            Input("x", 2),
            Dense("h", 3, ["x"], "sigmoid", masks=[np.array([[1, 0, 1], [1, 1, 0]])]),
            Dense("h2", 2, ["h"], "leaky_relu:0.2", use_bias=False),
            Dense("out", 1, ["h2"], "identity"),
        ],
        SigmoidBinaryCrossEntropy(),
        "binary",
    ),
    "book net: sigmoid, no thresholds": (
        lambda: [
            Input("x", 2),
            Dense("h", 2, ["x"], "sigmoid", use_bias=False),
            Dense("out", 1, ["h"], "sigmoid", use_bias=False),
        ],
        SquaredError(),
        "real01",
    ),
    "generic activations (elu, softplus), one-hot CE": (
        lambda: [
            Input("x", 3),
            Dense("h", 5, ["x"], "elu:0.5"),
            Dense("h2", 4, ["h"], "softplus"),
            Dense("out", 3, ["h2"], "identity"),
        ],
        SoftmaxCrossEntropy(),
        "onehot",
    ),
}


def chain_pair(key, dtype=np.float64):
    make, loss, kind = CHAINS[key]
    fast = Network(make(), dtype=dtype)
    slow = Network(make(), dtype=dtype, fused=False)
    fast.init_weights("playground", seed=5)
    slow.set_weights(fast.get_weights())
    assert fast.fused and not slow.fused
    return fast, slow, loss, kind


def data(net, kind, m=37, seed=0):
    rng = np.random.default_rng(seed)
    d = net.layers[net.input_names[0]].shape[0]
    k = net.layers[net.output_names[0]].size
    x = rng.uniform(-1, 1, (m, d))
    if kind == "real":
        y = rng.uniform(-1, 1, (m, k))
    elif kind == "real01":
        y = rng.uniform(0, 1, (m, k))
    elif kind == "binary":
        y = rng.integers(0, 2, (m, k)).astype(float)
    elif kind == "classes":
        y = rng.integers(0, k, m)
    else:
        y = np.eye(k)[rng.integers(0, k, m)]
    return x, y


def assert_same_state(fast, slow, with_input=True):
    np.testing.assert_allclose(fast.theta, slow.theta, **SAME)
    np.testing.assert_allclose(fast.grad, slow.grad, **SAME)
    for name in slow.values:
        np.testing.assert_allclose(fast.values[name], slow.values[name], **SAME)
    names = set(slow.douts) if with_input else set(slow.douts) - set(slow.input_names)
    assert names <= set(fast.douts)
    for name in names:
        np.testing.assert_allclose(fast.douts[name], slow.douts[name], **SAME)
    for name in slow.order[1:]:
        a, b = fast.layers[name], slow.layers[name]
        np.testing.assert_allclose(a.net, b.net, **SAME)
        np.testing.assert_allclose(a.out, b.out, **SAME)
        np.testing.assert_allclose(a.delta, b.delta, **SAME)
        np.testing.assert_allclose(a.local_derivative(), b.local_derivative(), **SAME)
        np.testing.assert_allclose(a._xs[0], b._xs[0], **SAME)


# --- structure and errors -------------------------------------------------------------


def test_a_cycle_is_named():
    layers = [
        Input("x", 2),
        Dense("a", 2, ["x", "c"]),
        Dense("b", 2, ["a"]),
        Dense("c", 2, ["b"]),
        Dense("out", 1, ["c"]),
    ]
    with pytest.raises(NetworkError, match="cycle: a → b → c → a") as err:
        Network(layers)
    assert "only RNN layers may loop" in str(err.value)
    assert isinstance(err.value, ValueError)


def test_structure_errors():
    with pytest.raises(NetworkError, match="unknown layer 'nope'"):
        Network([Input("x", 2), Dense("d", 1, ["nope"])])
    with pytest.raises(NetworkError, match="two layers are named 'd'"):
        Network([Input("x", 2), Dense("d", 1, ["x"]), Dense("d", 1, ["x"])])
    with pytest.raises(NetworkError, match="no input layer"):
        Network([])
    with pytest.raises(NetworkError, match="exactly one output layer; it ends in a, b"):
        Network([Input("x", 2), Dense("a", 1, ["x"]), Dense("b", 1, ["x"])])
    with pytest.raises(NetworkError, match="unknown output layer 'zz'"):
        Network([Input("x", 2), Dense("a", 1, ["x"])], outputs=["zz"])


def test_topological_order_puts_inputs_first():
    net = skip_dag()
    order = net.order
    for name in order:
        for src in net.layers[name].inputs:
            assert order.index(src) < order.index(name)
    assert topological_order(net.layers) == order


@pytest.mark.parametrize("fused", [True, False])
def test_input_shape_mismatch(fused):
    net = playground(fused=fused)
    with pytest.raises(ShapeError, match=r"input 'x' expects \(2,\) per sample, got \(3,\)"):
        net.forward(np.zeros((4, 3)))
    with pytest.raises(ShapeError, match=r"expects \(2,\) per sample"):
        net.loss_and_grad(np.zeros((4, 3)), np.zeros((4, 1)), SquaredError())
    with pytest.raises(ShapeError, match="no data for input layer"):
        net.forward({"y": np.zeros((1, 2))})
    with pytest.raises(ShapeError, match="targets have shape"):
        net.loss_and_grad(np.zeros((4, 2)), np.zeros((4, 2)), SquaredError())
    with pytest.raises(ShapeError, match="expected 25 parameters, got 3"):
        net.set_weights(np.zeros(3))


def test_a_single_sample_may_omit_the_batch_axis():
    net = playground()
    out = net.forward([0.3, -0.2])
    assert out.shape == (1, 1)
    np.testing.assert_allclose(out, playground(fused=False).forward(np.array([[0.3, -0.2]])))


def test_two_inputs_need_a_dict():
    net = Network([Input("a", 2), Input("b", 1), Dense("out", 1, ["a", "b"], "identity")])
    with pytest.raises(ShapeError, match="2 input layers; pass a dict"):
        net.forward(np.zeros((1, 2)))
    out = net.forward({"a": np.ones((3, 2)), "b": np.ones((3, 1))})
    assert out.shape == (3, 1)


def test_flat_parameters_are_views():
    net = playground()
    assert net.n_params == (2 + 1) * 4 + (4 + 1) * 2 + (2 + 1) * 1  # 25
    w = net.param("h1", "W0")
    assert np.shares_memory(w, net.theta)
    net.theta[:] = 0.5
    assert np.all(w == 0.5)
    theta = net.get_weights()
    theta[0] = 9
    assert net.theta[0] == 0.5  # a copy
    net.set_weights(theta)
    assert w[0, 0] == 9


# --- gradients ----------------------------------------------------------------------------


def test_dag_with_skip_links_gradient():
    net = skip_dag()
    assert net.chain is None  # not a chain: the general path
    rng = np.random.default_rng(3)
    x = rng.standard_normal((5, 3))
    report = check_network(net, SoftmaxCrossEntropy(), x, [0, 1, 1, 0, 1])
    assert report.max_rel_error < TOL, str(report)
    assert report.n_checked == net.n_params + x.size
    assert not report.near_kinks


def test_dag_with_maxout_and_skip_gradient():
    net = Network(
        [
            Input("x", 2),
            Maxout("m", 3, ["x"], pieces=2),
            Dense("h", 2, ["m", "x"], "relu"),
            Dense("out", 1, ["h", "m"], "identity"),
        ]
    )
    net.init_weights("playground", seed=4)
    rng = np.random.default_rng(4)
    x = rng.standard_normal((6, 2))
    net.forward(x)
    report = check_network(net, SquaredError(), x, rng.standard_normal((6, 1)))
    assert not report.near_kinks
    assert report.max_rel_error < TOL, str(report)


@pytest.mark.parametrize("fused", [True, False])
@pytest.mark.parametrize("key", list(CHAINS))
def test_chain_gradients(key, fused):
    fast, slow, loss, kind = chain_pair(key)
    net = fast if fused else slow
    x, y = data(net, kind, m=6)
    report = check_network(net, loss, x, y)
    assert report.max_rel_error < TOL, str(report)


def test_check_network_leaves_the_true_pass_behind():
    net = playground()
    x, y = data(net, "real", m=4)
    theta = net.get_weights()
    check_network(net, SquaredError(), x, y)
    np.testing.assert_array_equal(net.theta, theta)
    ref = playground(fused=False)
    ref.loss_and_grad(x, y, SquaredError())
    assert_same_state(net, ref)


# --- the fused path gives the general path's numbers -----------------------------------------


def test_playground_net_takes_the_fused_path():
    assert playground().fused
    assert playground().chain is not None
    assert not playground(fused=False).fused
    assert skip_dag().chain is None
    mixed = Network([Input("x", 2), Dense("h", 2, ["x"], ["tanh", "relu"]), Dense("o", 1, ["h"])])
    assert mixed.chain is None  # several activations in one layer: general path


@pytest.mark.parametrize("key", list(CHAINS))
def test_fused_loss_and_grad_matches_general(key):
    fast, slow, loss, kind = chain_pair(key)
    x, y = data(fast, kind)
    for batch in (slice(0, 10), slice(10, 11), slice(None)):
        a = fast.loss_and_grad(x[batch], y[batch], loss)
        b = slow.loss_and_grad(x[batch], y[batch], loss)
        assert a == pytest.approx(b, rel=1e-12, abs=1e-15)
        assert_same_state(fast, slow)


@pytest.mark.parametrize("key", list(CHAINS))
@pytest.mark.parametrize("batch_size", [1, 10, 37])
def test_fused_epochs_match_general(key, batch_size):
    fast, slow, loss, kind = chain_pair(key)
    x, y = data(fast, kind)  # 37 samples: batches of 10 leave a short last batch
    for epoch in range(3):
        a = fast.train_epoch_sgd(x, y, loss, 0.1, batch_size, np.random.default_rng(epoch))
        b = slow.train_epoch_sgd(x, y, loss, 0.1, batch_size, np.random.default_rng(epoch))
        assert a == pytest.approx(b, rel=1e-12)
        assert_same_state(fast, slow, with_input=False)


def test_fused_epochs_without_shuffling_and_for_large_data(monkeypatch):
    fast, slow, loss, kind = chain_pair("relu, softmax CE, class indices")
    x, y = data(fast, kind, m=53)
    a = fast.train_epoch_sgd(x, y, loss, 0.05, 8, shuffle=False)
    b = slow.train_epoch_sgd(x, y, loss, 0.05, 8, shuffle=False)
    assert a == pytest.approx(b, rel=1e-12)
    assert_same_state(fast, slow, with_input=False)
    # above the copy limit each batch is gathered on its own: same numbers
    monkeypatch.setattr(dense_chain, "SHUFFLE_COPY_LIMIT", 10)
    for shuffle in (True, False):
        a = fast.train_epoch_sgd(x, y, loss, 0.05, 8, np.random.default_rng(1), shuffle=shuffle)
        b = slow.train_epoch_sgd(x, y, loss, 0.05, 8, np.random.default_rng(1), shuffle=shuffle)
        assert a == pytest.approx(b, rel=1e-12)
        assert_same_state(fast, slow, with_input=False)


def test_an_epoch_is_loss_and_grad_then_sgd_step_per_batch():
    net, ref, loss, kind = chain_pair("playground tanh, squared error")
    x, y = data(net, kind, m=25)
    mean = net.train_epoch_sgd(x, y, loss, 0.03, 10, np.random.default_rng(9))
    order = np.random.default_rng(9).permutation(25)
    total = 0.0
    for i in range(0, 25, 10):
        idx = order[i : i + 10]
        total += ref.loss_and_grad(x[idx], y[idx], loss) * len(idx)
        ref.sgd_step(0.03)
    assert mean == pytest.approx(total / 25, rel=1e-12)
    np.testing.assert_allclose(net.theta, ref.theta, **SAME)


def test_training_the_playground_net_lowers_the_loss():
    net = playground()
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (250, 2))
    y = np.where(x[:, :1] * x[:, 1:] > 0, 1.0, -1.0) * 0.9  # XOR quadrants
    first = net.train_epoch_sgd(x, y, SquaredError(), 0.03, 10, rng)
    for _ in range(300):
        last = net.train_epoch_sgd(x, y, SquaredError(), 0.03, 10, rng)
    assert last < 0.5 * first


def test_fused_backward_after_forward():
    fast, slow, loss, kind = chain_pair("relu, softmax CE, class indices")
    x, y = data(fast, kind, m=7)
    for net in (fast, slow):
        out = net.forward(x)
        net.backward(loss.grad(out, y))
    assert_same_state(fast, slow)


def test_forward_returns_new_arrays():
    net = playground()
    x1, x2 = np.full((3, 2), 0.5), np.full((3, 2), -0.5)
    y1 = net.forward(x1)
    h1 = net.values["h1"]
    y2 = net.forward(x2)
    assert not np.shares_memory(y1, y2)
    np.testing.assert_allclose(y1, playground(fused=False).forward(x1), **SAME)
    np.testing.assert_allclose(h1, np.tanh(x1 @ net.param("h1", "W0") + net.param("h1", "b")))
    assert y1.flags.c_contiguous


@pytest.mark.parametrize("fused", [True, False])
def test_input_grad_false_skips_the_input(fused):
    net = playground(fused=fused)
    x, y = data(net, "real", m=5)
    net.loss_and_grad(x, y, SquaredError(), input_grad=False)
    assert "x" not in net.douts
    g = net.grad.copy()
    net.loss_and_grad(x, y, SquaredError())
    assert "x" in net.douts
    np.testing.assert_array_equal(net.grad, g)


def test_skip_hint_is_cleared_after_backward():
    net = skip_dag(fused=False)
    x = np.ones((2, 3))
    net.loss_and_grad(x, [0, 1], SoftmaxCrossEntropy(), input_grad=False)
    assert all(layer.skip_input_grads == () for layer in net.layers.values())


# --- dtype -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fused", [True, False])
def test_float32_is_selectable_and_close(fused):
    n64 = playground(fused=fused)
    n32 = playground(fused=fused, dtype=np.float32)
    n32.set_weights(n64.get_weights())
    assert n32.theta.dtype == np.float32 and n32.grad.dtype == np.float32
    x, y = data(n64, "real", m=50)
    l64 = n64.loss_and_grad(x, y, SquaredError())
    l32 = n32.loss_and_grad(x, y, SquaredError())
    assert n32.values["h2"].dtype == np.float32
    assert l32 == pytest.approx(l64, rel=1e-5)
    np.testing.assert_allclose(n32.grad, n64.grad, rtol=1e-4, atol=1e-6)
    for _ in range(5):
        n64.train_epoch_sgd(x, y, SquaredError(), 0.1, 10, np.random.default_rng(0))
        n32.train_epoch_sgd(x, y, SquaredError(), 0.1, 10, np.random.default_rng(0))
    assert n32.theta.dtype == np.float32
    np.testing.assert_allclose(n32.theta, n64.theta, rtol=1e-4, atol=1e-5)


# --- forward_grid -------------------------------------------------------------------------------


def grid_points(n=100):
    g = np.linspace(-6, 6, n)
    xx, yy = np.meshgrid(g, g)
    return np.column_stack([xx.ravel(), yy.ravel()])


@pytest.mark.parametrize("fused", [True, False])
def test_forward_grid_gives_every_layers_output(fused):
    net = playground(fused=fused)
    pts = grid_points()
    grid = net.forward_grid(pts)
    ref = playground(fused=False)
    ref.forward(pts)
    assert set(grid) == {"x", "h1", "h2", "out"}
    for name, arr in grid.items():
        assert arr.dtype == np.float32
        assert arr.shape == (10_000, net.layers[name].out_shape[0])
        np.testing.assert_allclose(arr, ref.values[name], rtol=1e-5, atol=1e-6)
    # one neuron's heatmap
    assert grid["h1"][:, 2].reshape(100, 100).shape == (100, 100)
    g64 = net.forward_grid(pts, dtype=np.float64)
    np.testing.assert_allclose(g64["out"], ref.values["out"], **SAME)


@pytest.mark.parametrize("fused", [True, False])
def test_forward_grid_leaves_the_step_state_alone(fused):
    net = playground(fused=fused)
    x, y = data(net, "real", m=4)
    net.loss_and_grad(x, y, SquaredError())
    before = {n: np.array(v) for n, v in net.values.items()}
    douts = {n: np.array(v) for n, v in net.douts.items()}
    nets = {n: np.array(net.layers[n].net) for n in ("h1", "h2", "out")}
    net.forward_grid(grid_points(20))
    for n, v in before.items():
        np.testing.assert_array_equal(net.values[n], v)
    for n, v in douts.items():
        np.testing.assert_array_equal(net.douts[n], v)
    for n, v in nets.items():
        np.testing.assert_array_equal(net.layers[n].net, v)
    net.backward(SquaredError().grad(net.values["out"], y))  # still the batch's backward


def test_forward_grid_on_a_dag_and_errors():
    net = skip_dag()
    pts = np.random.default_rng(0).standard_normal((50, 3))
    grid = net.forward_grid(pts)
    net.forward(pts)
    for name in net.order:
        np.testing.assert_allclose(grid[name], net.values[name], rtol=1e-6, atol=1e-7)
    with pytest.raises(ShapeError):
        playground().forward_grid(np.zeros((5, 3)))


def test_epochs_on_a_dag_take_the_general_path():
    net = skip_dag()
    ref = skip_dag()
    rng = np.random.default_rng(5)
    x, y = rng.standard_normal((23, 3)), rng.integers(0, 2, 23)
    loss = SoftmaxCrossEntropy()
    mean = net.train_epoch_sgd(x, y, loss, 0.2, 5, np.random.default_rng(3))
    order = np.random.default_rng(3).permutation(23)
    total = 0.0
    for i in range(0, 23, 5):
        idx = order[i : i + 5]
        total += ref.loss_and_grad(x[idx], y[idx], loss) * len(idx)
        ref.sgd_step(0.2)
    assert mean == pytest.approx(total / 23, rel=1e-14)
    np.testing.assert_array_equal(net.theta, ref.theta)


def test_epoch_errors():
    net = playground()
    with pytest.raises(ShapeError, match="batch size must be at least 1"):
        net.train_epoch_sgd(np.zeros((4, 2)), np.zeros((4, 1)), SquaredError(), 0.1, 0)
    with pytest.raises(ShapeError, match="no training samples"):
        net.train_epoch_sgd(np.zeros((0, 2)), np.zeros((0, 1)), SquaredError(), 0.1, 4)
    with pytest.raises(ShapeError, match="targets have shape"):
        net.train_epoch_sgd(np.zeros((4, 2)), np.zeros((4, 3)), SquaredError(), 0.1, 2)


def test_infer_gives_the_forward_outputs_and_leaves_the_values():
    """``infer`` (the fused forward on arrays of its own, used to evaluate every epoch)
    gives the general path's outputs and does not touch what the last pass published."""
    net = Network([Input("x", 3), Dense("h", 5, ["x"], "tanh"), Dense("y", 2, ["h"], "sigmoid")])
    net.init_weights("xavier", seed=4)
    assert net.fused
    rng = np.random.default_rng(0)
    x, other = rng.normal(size=(7, 3)), rng.normal(size=(7, 3))
    net.forward(other)
    published = {k: np.array(v) for k, v in net.values.items()}
    out = np.array(net.infer(x))
    for k, v in published.items():
        np.testing.assert_array_equal(net.values[k], v)
    # a second batch of the same size reuses the arrays: copy to keep a result
    np.testing.assert_array_equal(np.array(net.infer(x)), out)
    net.use_fused = False
    np.testing.assert_allclose(out, net.forward(x), rtol=0, atol=1e-15)
