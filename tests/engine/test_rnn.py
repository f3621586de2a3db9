"""Tests of the Elman RNN layer, TimeDense and their tools against finite differences and a loop reference."""

from __future__ import annotations

import numpy as np
import pytest

from nnsim.engine import Dense, Input, Network, NetworkError, ShapeError, SoftmaxCrossEntropy
from nnsim.engine.layers.rnn import RNN, TimeDense
from nnsim.engine.losses import SquaredError
from nnsim.engine.sequence_losses import sequence_loss
from nnsim.engine.sequence_tools import clip_grad_norm, generate, sample_onehot

ACTS = {
    "tanh": (np.tanh, lambda h: 1 - h * h),
    "sigmoid": (lambda a: 1 / (1 + np.exp(-a)), lambda h: h * (1 - h)),
    "relu": (lambda a: np.maximum(a, 0), lambda h: (h > 0).astype(float)),
}


# --- an independent reference: plain loops over time and over the errors ----------------


def ref_forward(x, Wx, Wh, b, h0, act):
    """h_t = f(x_t Wx + h_{t-1} Wh + b), one step at a time; x is (B, T, d)."""
    f, _ = ACTS[act]
    B, T, _ = x.shape
    h = np.tile(h0, (B, 1)) if h0 is not None else np.zeros((B, Wh.shape[0]))
    hs = []
    for t in range(T):
        h = f(x[:, t] @ Wx + h @ Wh + b)
        hs.append(h)
    return np.stack(hs, axis=1)  # (B, T, H)


def ref_backward(x, Wx, Wh, b, h0, act, g, k=None):
    """BPTT written error by error: the error g[:, t] entering at h_t walks back through
    steps t, t-1, ..., max(0, t-k+1) (all the way when k is None).

    Returns dWx, dWh, db, dh0 (summed over the batch), dx (B, T, d) and the total
    ∂E/∂h_t per step (B, T, H).
    """
    _, df = ACTS[act]
    B, T, d = x.shape
    H = Wh.shape[0]
    hs = ref_forward(x, Wx, Wh, b, h0, act)
    hprev = np.concatenate(
        [(np.tile(h0, (B, 1)) if h0 is not None else np.zeros((B, H)))[:, None], hs[:, :-1]], axis=1
    )
    dWx, dWh, db, dh0 = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b), np.zeros(H)
    dx = np.zeros_like(x)
    dh_total = np.zeros((B, T, H))
    k = T if k is None else k
    for t in range(T):
        dh = g[:, t].copy()
        for s in range(t, max(-1, t - k), -1):
            dh_total[:, s] += dh
            da = dh * df(hs[:, s])
            dWx += x[:, s].T @ da
            dWh += hprev[:, s].T @ da
            db += da.sum(axis=0)
            dx[:, s] += da @ Wx.T
            dh = da @ Wh.T
            if s == 0:
                dh0 += dh.sum(axis=0)
    return dWx, dWh, db, dh0, dx, dh_total


def rnn_net(T, d, H, act="tanh", learn_h0=True, truncate=None, return_sequences=True):
    layers = [
        Input("x", (T, d)),
        RNN(
            "rnn",
            H,
            ["x"],
            activation=act,
            learn_h0=learn_h0,
            truncate=truncate,
            return_sequences=return_sequences,
        ),
    ]
    return Network(layers)


def randomise(net, rng, scale=0.6):
    net.set_weights(rng.normal(0, scale, net.n_params))


# --- forward and gradients equal the reference ------------------------------------------


@pytest.mark.parametrize("act", ["tanh", "sigmoid", "relu"])
@pytest.mark.parametrize("T", [1, 20])
@pytest.mark.parametrize("truncate", [None, 1, 3, 7])
def test_matches_loop_reference(act, T, truncate):
    rng = np.random.default_rng(hash((act, T, truncate)) % 2**32)
    for _ in range(3):  # random shapes
        B, d, H = rng.integers(1, 6), rng.integers(1, 5), rng.integers(1, 7)
        net = rnn_net(T, d, H, act=act, truncate=truncate)
        randomise(net, rng)
        x = rng.normal(size=(B, T, d))
        y = net.forward(x)
        layer = net.layers["rnn"]
        P = layer.params
        h_ref = ref_forward(x, P["Wx"], P["Wh"], P["b"], P["h0"], act)
        np.testing.assert_allclose(y, h_ref, rtol=1e-12, atol=1e-12)
        g = rng.normal(size=(B, T, H))
        douts = net.backward(g)
        dWx, dWh, db, dh0, dx, dh = ref_backward(
            x, P["Wx"], P["Wh"], P["b"], P["h0"], act, g, k=truncate
        )
        G = layer.grads
        for got, want in [(G["Wx"], dWx), (G["Wh"], dWh), (G["b"], db), (G["h0"], dh0)]:
            np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(douts["x"], dx, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(layer.dh, dh.transpose(1, 0, 2), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(
            layer.grad_norms, np.sqrt((dh**2).sum(axis=(0, 2))), rtol=1e-10, atol=1e-12
        )


@pytest.mark.parametrize("truncate", [None, 4])
def test_many_to_one_matches_reference(truncate):
    rng = np.random.default_rng(5)
    T, B, d, H = 20, 3, 2, 5
    net = rnn_net(T, d, H, truncate=truncate, return_sequences=False, learn_h0=False)
    randomise(net, rng)
    x = rng.normal(size=(B, T, d))
    y = net.forward(x)
    P = net.layers["rnn"].params
    assert y.shape == (B, H)
    np.testing.assert_allclose(y, ref_forward(x, P["Wx"], P["Wh"], P["b"], None, "tanh")[:, -1])
    gl = rng.normal(size=(B, H))
    g = np.zeros((B, T, H))
    g[:, -1] = gl
    douts = net.backward(gl)
    dWx, dWh, db, _, dx, _ = ref_backward(x, P["Wx"], P["Wh"], P["b"], None, "tanh", g, truncate)
    G = net.layers["rnn"].grads
    np.testing.assert_allclose(G["Wx"], dWx, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(G["Wh"], dWh, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(G["b"], db, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(douts["x"], dx, rtol=1e-10, atol=1e-13)
    if truncate:  # the error reaches only the last k steps
        assert np.all(douts["x"][:, : T - truncate] == 0)
        assert np.all(np.abs(douts["x"][:, T - truncate :]).sum(axis=(0, 2)) > 0)


def test_given_initial_state():
    """forward(h0=...) starts from that state; the learnt h0 parameter then gets no
    gradient, and ∂E/∂h0 is reported in dh_init."""
    rng = np.random.default_rng(12)
    T, B, d, H = 6, 2, 3, 4
    net = rnn_net(T, d, H, learn_h0=True)
    randomise(net, rng)
    layer = net.layers["rnn"]
    P = layer.params
    x, h0 = rng.normal(size=(B, T, d)), rng.normal(size=(B, H))
    y = layer.forward([x], h0=h0)
    for k in range(B):
        ref = ref_forward(x[k : k + 1], P["Wx"], P["Wh"], P["b"], h0[k], "tanh")
        np.testing.assert_allclose(y[k : k + 1], ref, rtol=1e-13)
    net.grad.fill(0)
    g = rng.normal(size=(B, T, H))
    layer.backward(g)
    assert np.all(layer.grads["h0"] == 0)
    _, _, _, dh0, _, _ = ref_backward(x[:1], P["Wx"], P["Wh"], P["b"], h0[0], "tanh", g[:1])
    np.testing.assert_allclose(layer.dh_init[0], dh0, rtol=1e-10)
    with pytest.raises(ShapeError, match="initial state"):
        layer.forward([x], h0=np.zeros((B, H + 1)))


def test_truncation_at_least_T_is_full_bptt():
    x = np.random.default_rng(1).normal(size=(2, 10, 3))
    grads = []
    for k in (None, 10, 25):
        net = rnn_net(10, 3, 4, truncate=k)
        randomise(net, np.random.default_rng(0))
        net.forward(x)
        net.backward(np.ones((2, 10, 4)))
        grads.append(net.grad.copy())
    np.testing.assert_array_equal(grads[0], grads[1])
    np.testing.assert_array_equal(grads[0], grads[2])


# --- gradient checks through time (central finite differences) ----------------------------


def grad_check(net, x, y, lossfn, eps=1e-5):
    """Largest relative error |a − n| / max(|a| + |n|, 1e-8) of the analytic against the
    central-difference gradient, over every parameter. eps = 1e-5 balances the
    O(eps²) truncation error against the O(1e-16/eps) round-off of float64."""
    net.forward(x)
    lossfn(net, y, backward=True)
    analytic = net.grad.copy()
    theta = net.get_weights()
    numeric = np.empty_like(theta)
    for i in range(theta.size):
        for sign in (+1, -1):
            t2 = theta.copy()
            t2[i] += sign * eps
            net.set_weights(t2)
            net.forward(x)
            v = lossfn(net, y, backward=False)
            numeric[i] = v if sign > 0 else (numeric[i] - v) / (2 * eps)
    net.set_weights(theta)
    rel = np.abs(analytic - numeric) / np.maximum(np.abs(analytic) + np.abs(numeric), 1e-8)
    return float(rel.max()), analytic, numeric


def seq_mse(net, y, backward):
    out = net.layers[net.output_names[0]].out
    value, g = sequence_loss(SquaredError(), out, y)
    if backward:
        net.backward(g)
    return value


def ce_last(net, y, backward):
    out = net.values[net.output_names[0]]
    loss = SoftmaxCrossEntropy()
    if backward:
        net.backward(loss.grad(out, y))
    return loss.value(out, y)


@pytest.mark.parametrize("act", ["tanh", "sigmoid", "relu"])
def test_gradcheck_many_to_many_through_time(act):
    rng = np.random.default_rng(7)
    T, B, d, H, n = 12, 3, 2, 4, 2
    net = Network(
        [
            Input("x", (T, d)),
            RNN("rnn", H, ["x"], activation=act, learn_h0=True),
            TimeDense("y", n, ["rnn"]),
        ]
    )
    randomise(net, rng, scale=0.7)
    x = rng.normal(size=(B, T, d))
    y = rng.normal(size=(B, T, n))
    rel, a, _ = grad_check(net, x, y, seq_mse)
    assert rel < 1e-6, rel
    # the recurrent weights really get a gradient through time
    assert np.abs(net.layers["rnn"].grads["Wh"]).max() > 1e-3


def test_gradcheck_many_to_one_classifier():
    rng = np.random.default_rng(8)
    T, B, d, H = 15, 4, 3, 5
    net = Network(
        [
            Input("x", (T, d)),
            RNN("rnn", H, ["x"], return_sequences=False, learn_h0=True),
            Dense("cls", 3, ["rnn"], activation="identity"),
        ]
    )
    randomise(net, rng, scale=0.5)
    x = rng.normal(size=(B, T, d))
    labels = rng.integers(0, 3, B)
    rel, _, _ = grad_check(net, x, labels, ce_last)
    assert rel < 1e-6, rel


def test_gradcheck_two_stacked_rnns():
    rng = np.random.default_rng(9)
    T, B, d = 10, 2, 2
    net = Network(
        [
            Input("x", (T, d)),
            RNN("r1", 3, ["x"]),
            RNN("r2", 3, ["r1"], activation="sigmoid", learn_h0=True),
            TimeDense("y", 1, ["r2"], activation="tanh"),
        ]
    )
    randomise(net, rng, scale=0.8)
    rel, _, _ = grad_check(net, rng.normal(size=(B, T, d)), rng.normal(size=(B, T, 1)), seq_mse)
    assert rel < 1e-6, rel


def test_engine_gradcheck_through_time_with_inputs():
    """The engine's own checker (parameters and ∂E/∂x) agrees, T = 12 and T = 10."""
    from nnsim.engine.gradcheck import FlatSquaredError, check_network

    rng = np.random.default_rng(21)
    net = Network(
        [
            Input("x", (12, 2)),
            RNN("rnn", 4, ["x"], activation="sigmoid", learn_h0=True),
            TimeDense("y", 2, ["rnn"], activation="tanh"),
        ]
    )
    randomise(net, rng, scale=0.8)
    rep = check_network(
        net, FlatSquaredError(), rng.normal(size=(2, 12, 2)), rng.normal(size=(2, 12, 2))
    )
    assert rep.ok(1e-6), str(rep)
    net = Network(
        [
            Input("x", (10, 3)),
            RNN("rnn", 5, ["x"], return_sequences=False),
            Dense("cls", 3, ["rnn"], activation="identity"),
        ]
    )
    randomise(net, rng, scale=0.6)
    rep = check_network(net, SoftmaxCrossEntropy(), rng.normal(size=(3, 10, 3)), [0, 2, 1])
    assert rep.ok(1e-6), str(rep)


# --- records for the stepper --------------------------------------------------------------


def test_records_per_step():
    rng = np.random.default_rng(3)
    net = rnn_net(6, 2, 3)
    randomise(net, rng)
    x = rng.normal(size=(2, 6, 2))
    net.forward(x)
    layer = net.layers["rnn"]
    rec = layer.record(4, sample=1)
    P = layer.params
    np.testing.assert_array_equal(rec["x"], x[1, 4])
    np.testing.assert_allclose(rec["a"], x[1, 4] @ P["Wx"] + rec["h_prev"] @ P["Wh"] + P["b"])
    np.testing.assert_allclose(rec["h"], np.tanh(rec["a"]))
    np.testing.assert_allclose(layer.record(0)["h_prev"], P["h0"])
    assert rec["dh"] is None
    net.backward(np.ones((2, 6, 3)))
    rec = layer.record(4, sample=1)
    np.testing.assert_allclose(rec["delta"], rec["dh"] * (1 - rec["h"] ** 2))
    assert layer.grad_norms.shape == (6,)


def test_gradient_norms_vanish_and_explode():
    """‖∂E/∂h_t‖ along time: a small recurrent matrix makes the error shrink by its
    factor per step back; a ReLU layer with W_h = 1.5·I (all units active) makes it grow."""
    T, H = 12, 4
    net = rnn_net(T, 1, H, learn_h0=False, return_sequences=False)
    P = net.layers["rnn"].params
    P["Wx"][...] = 0.1
    P["b"][...] = 0
    P["Wh"][...] = 0.2 * np.eye(H)
    net.forward(np.zeros((1, T, 1)))  # h stays 0, so tanh′ = 1: the factor is exactly 0.2
    net.backward(np.ones((1, H)))
    norms = net.layers["rnn"].grad_norms
    np.testing.assert_allclose(norms, 2.0 * 0.2 ** np.arange(T)[::-1], rtol=1e-12)

    net = rnn_net(T, 1, H, act="relu", learn_h0=False, return_sequences=False)
    P = net.layers["rnn"].params
    P["Wx"][...] = 1.0
    P["b"][...] = 0.1
    P["Wh"][...] = 1.5 * np.eye(H)
    net.forward(np.ones((1, T, 1)))
    net.backward(np.ones((1, H)))
    norms = net.layers["rnn"].grad_norms
    np.testing.assert_allclose(norms, 2.0 * 1.5 ** np.arange(T)[::-1], rtol=1e-12)


# --- TimeDense, tools ------------------------------------------------------------------------


def test_timedense_is_dense_on_every_step():
    rng = np.random.default_rng(4)
    net = Network([Input("x", (5, 3)), TimeDense("y", 2, ["x"], activation="sigmoid")])
    randomise(net, rng)
    x = rng.normal(size=(4, 5, 3))
    y = net.forward(x)
    W, b = net.param("y", "W0"), net.param("y", "b")
    for t in range(5):
        np.testing.assert_allclose(y[:, t], 1 / (1 + np.exp(-(x[:, t] @ W + b))))
    g = rng.normal(size=y.shape)
    dx = net.backward(g)["x"]
    delta = g * y * (1 - y)
    np.testing.assert_allclose(net.layers["y"].grads["W0"], np.einsum("btd,bto->do", x, delta))
    np.testing.assert_allclose(dx, delta @ W.T)


@pytest.mark.parametrize("activation", ["identity", "tanh"])
def test_timedense_same_numbers_for_time_major_input(activation):
    """Fed by an RNN, TimeDense sees a (B, T, H) view of a time-major buffer and works
    in that order; the numbers must equal those for an ordinary (B, T, H) array."""
    rng = np.random.default_rng(6)
    layer = TimeDense("y", 3, ["x"], activation=activation)
    layer.build([(5, 4)])
    W, b = rng.normal(size=(4, 3)), rng.normal(size=3)
    x_tm = rng.normal(size=(5, 2, 4))  # (T, B, H) storage
    dout = rng.normal(size=(2, 5, 3))
    results = []
    for x in (x_tm.transpose(1, 0, 2), np.ascontiguousarray(x_tm.transpose(1, 0, 2))):
        layer.params = {"W0": W, "b": b}
        layer.grads = {"W0": np.zeros((4, 3)), "b": np.zeros(3)}
        y = layer.forward([x])
        (dx,) = layer.backward(dout)
        results.append((np.array(y), np.array(dx), layer.grads["W0"].copy()))
    assert layer._time_major is False
    for a, c in zip(results[0], results[1]):
        np.testing.assert_allclose(a, c, rtol=1e-14, atol=1e-14)


def test_clip_grad_norm():
    g = np.array([3.0, 4.0])
    assert clip_grad_norm(g, 10.0) == 5.0
    np.testing.assert_array_equal(g, [3.0, 4.0])
    assert clip_grad_norm(g, 1.0) == 5.0
    np.testing.assert_allclose(g, [0.6, 0.8])
    parts = [np.array([3.0]), np.array([[4.0]])]
    assert clip_grad_norm(parts, 2.5) == 5.0
    np.testing.assert_allclose(parts[1], [[2.0]])
    with pytest.raises(NetworkError):
        clip_grad_norm(g, 0)
    # on a network's flat gradient the layer views see the clipped values
    net = rnn_net(3, 1, 2)
    net.grad[:] = 1.0
    clip_grad_norm(net.grad, 1.0)
    np.testing.assert_allclose(np.linalg.norm(net.grad), 1.0)
    np.testing.assert_allclose(net.layers["rnn"].grads["Wh"], 1 / np.sqrt(net.n_params))


def test_sequence_loss_is_per_step_mean():
    rng = np.random.default_rng(0)
    out, y = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 3, 4))
    v, g = sequence_loss(SquaredError(), out, y)
    assert v == pytest.approx(0.5 * ((out - y) ** 2).sum() / 6)
    np.testing.assert_allclose(g, (out - y) / 6)
    labels = rng.integers(0, 4, (2, 3))
    v, g = sequence_loss(SoftmaxCrossEntropy(), out, labels)
    logp = out - np.log(np.exp(out).sum(-1, keepdims=True))
    assert v == pytest.approx(-np.take_along_axis(logp, labels[..., None], -1).mean())
    with pytest.raises(ShapeError):
        sequence_loss(SquaredError(), out, y[:, :2])


def char_net(T=7, V=5, H=6, learn_h0=True):
    return Network(
        [
            Input("x", (T, V)),
            RNN("rnn", H, ["x"], learn_h0=learn_h0),
            RNN("rnn2", H, ["rnn"], activation="relu"),
            TimeDense("logits", V, ["rnn2"]),
        ]
    )


def test_generate_equals_running_the_generated_sequence():
    """Feeding outputs back one step at a time gives the same outputs as running the
    whole generated sequence through the network at once (state carried correctly)."""
    T, V = 7, 5
    net = char_net(T, V)
    randomise(net, np.random.default_rng(2))
    seed = np.eye(V)[[1, 3]]
    inputs, outputs = generate(net, seed, T, feedback=sample_onehot(np.random.default_rng(0)))
    assert inputs.shape == (2, T + 1, V) and outputs.shape == (2, T, V)
    assert np.all(inputs.sum(-1) == 1)
    full = net.forward(inputs[:, :T])
    np.testing.assert_allclose(outputs, full, rtol=1e-12, atol=1e-12)
    # the generated length is free: longer than the network's T
    inputs, _ = generate(net, seed[0], 30, feedback=sample_onehot(np.random.default_rng(0)))
    assert inputs.shape == (1, 31, V)


def test_generate_is_deterministic_and_temperature_sharpens():
    net = char_net()
    randomise(net, np.random.default_rng(3), scale=1.5)
    seed = np.eye(5)[0]
    a, _ = generate(net, seed, 40, sample_onehot(np.random.default_rng(11)))
    b, _ = generate(net, seed, 40, sample_onehot(np.random.default_rng(11)))
    np.testing.assert_array_equal(a, b)
    # near-zero temperature is greedy: the next input is the arg-max of the output
    x, out = generate(net, seed, 20, sample_onehot(np.random.default_rng(1), temperature=1e-6))
    np.testing.assert_array_equal(x[0, 1:].argmax(-1), out[0].argmax(-1))


def test_generate_continuous_feedback():
    net = Network([Input("x", (4, 1)), RNN("r", 3, ["x"]), TimeDense("y", 1, ["r"])])
    randomise(net, np.random.default_rng(0))
    x, out = generate(net, [0.5], 6)
    np.testing.assert_array_equal(x[0, 1:], out[0])


def test_sample_onehot_frequencies():
    fb = sample_onehot(np.random.default_rng(0))
    logits = np.tile(np.log([0.1, 0.6, 0.3]), (20000, 1))
    freq = fb(logits).mean(axis=0)
    np.testing.assert_allclose(freq, [0.1, 0.6, 0.3], atol=0.015)


# --- clear errors ---------------------------------------------------------------------------


def test_bad_structure_and_input_raise_clear_errors():
    with pytest.raises(NetworkError, match="sequence"):
        Network([Input("x", 3), RNN("r", 2, ["x"])])
    with pytest.raises(NetworkError, match="not offered"):
        RNN("r", 2, ["x"], activation="softplus")
    with pytest.raises(NetworkError, match="at least 1 step"):
        RNN("r", 2, ["x"], truncate=0)
    with pytest.raises(NetworkError, match="hidden unit"):
        RNN("r", 0, ["x"])
    with pytest.raises(NetworkError, match="sequence"):
        Network([Input("x", 3), TimeDense("y", 2, ["x"])])
    net = rnn_net(4, 2, 3)
    with pytest.raises(ShapeError):
        net.forward(np.zeros((1, 4, 3)))
    with pytest.raises(ShapeError, match="batch of sequences"):
        net.layers["rnn"].forward([np.zeros((4, 2))])
    with pytest.raises(ShapeError, match="first input"):
        generate(char_net(), np.zeros(3), 2)
    m2o = Network([Input("x", (4, 2)), RNN("r", 2, ["x"], return_sequences=False)])
    with pytest.raises(NetworkError, match="return sequences"):
        generate(m2o, np.zeros(2), 2)


def test_float32_network_runs_in_float32():
    net = Network(
        [Input("x", (5, 2)), RNN("r", 3, ["x"]), TimeDense("y", 1, ["r"])], dtype=np.float32
    )
    net.init_weights("xavier", seed=0)
    y = net.forward(np.ones((2, 5, 2)))
    assert y.dtype == np.float32
    net.backward(np.ones_like(y))
    assert net.grad.dtype == np.float32 and np.isfinite(net.grad).all()


def test_init_uses_fan_in_of_both_matrices_and_zero_h0():
    net = rnn_net(3, 4, 60)
    net.init_weights("xavier", seed=0)
    P = net.layers["rnn"].params
    bound = np.sqrt(6 / (4 + 60 + 60))
    assert np.abs(P["Wh"]).max() <= bound and np.abs(P["Wh"]).max() > 0.9 * bound
    assert np.all(P["h0"] == 0) and np.all(P["b"] == 0)


def test_per_step_loss_is_sequence_loss_for_the_trainer():
    """PerStepLoss gives sequence_loss's value and gradient (the mean over batch and time),
    and its gradient matches finite differences of its value."""
    from nnsim.engine.sequence_losses import PerStepLoss, sequence_loss

    rng = np.random.default_rng(0)
    out = rng.normal(size=(4, 5, 3))
    for base, target in (
        (SquaredError(), rng.normal(size=(4, 5, 3))),
        (SoftmaxCrossEntropy(), rng.integers(0, 3, (4, 5))),
    ):
        loss = PerStepLoss(base)
        value, grad = sequence_loss(base, out, target)
        assert loss.value(out, target) == value
        np.testing.assert_array_equal(loss.grad(out, target), grad)
        assert loss.per_sample(out, target).mean() == pytest.approx(value, rel=1e-12)
        h = 1e-6
        for idx in [(1, 2, 0), (3, 4, 2)]:
            up, down = out.copy(), out.copy()
            up[idx] += h
            down[idx] -= h
            fd = (loss.value(up, target) - loss.value(down, target)) / (2 * h)
            assert grad[idx] == pytest.approx(fd, rel=1e-6, abs=1e-10)
    with pytest.raises(ShapeError, match="steps"):
        PerStepLoss("squared_error").value(out[:, 0], out[:, 0])


def test_sequence_tools_stay_importable_from_the_rnn_module():
    # They moved to sequence_tools/sequence_losses; callers import them with the layers.
    from nnsim.engine import sequence_losses, sequence_tools
    from nnsim.engine.layers import rnn

    assert rnn.clip_grad_norm is sequence_tools.clip_grad_norm
    assert rnn.generate is sequence_tools.generate
    assert rnn.sample_onehot is sequence_tools.sample_onehot
    assert rnn.sequence_loss is sequence_losses.sequence_loss
    assert rnn.PerStepLoss is sequence_losses.PerStepLoss
