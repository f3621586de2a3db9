"""The slides' small networks (COURSE §1, §3, §13c) compute what the slides say, stepped too."""

import math

import numpy as np
import pytest

from nnsim.engine import Dense, Input, Network, SquaredError, Stepper

GATE_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)


# --- §3: the ReLU solution of XOR --------------------------------------------------------


def xor_net() -> Network:
    """h = max(0, [[1,1],[1,1]] x + [0,−1]),  y = [1,−2] h − 0.5."""
    net = Network(
        [
            Input("x", 2),
            Dense("h", 2, ["x"], "relu"),
            Dense("y", 1, ["h"], "identity"),
        ]
    )
    net.param("h", "W0")[...] = [[1, 1], [1, 1]]
    net.param("h", "b")[...] = [0, -1]
    net.param("y", "W0")[...] = [[1], [-2]]
    net.param("y", "b")[...] = [-0.5]
    return net


def test_relu_xor_gives_the_slide_outputs():
    out = xor_net().forward(GATE_X)[:, 0]
    assert out.tolist() == [-0.5, 0.5, 0.5, -0.5]
    assert (np.sign(out) > 0).tolist() == [False, True, True, False]  # XOR


def test_relu_xor_stepped_shows_the_same_numbers():
    net = xor_net()
    st = Stepper(net, "squared_error", GATE_X, [-0.5, 0.5, 0.5, -0.5], 1.0)
    assert st.notation.kind == "book"
    outs = [r for r in st.records if r.phase == "forward" and r.layer == "y"]
    assert [r.sample for r in outs] == [0, 1, 2, 3]
    assert [r.value for r in outs] == [-0.5, 0.5, 0.5, -0.5]
    # sample (1, 1): both hidden units fire, the second one past its threshold γ_2 = 1
    h = [r for r in st.records if r.phase == "forward" and r.layer == "h" and r.sample == 3]
    assert h[0].formula() == "β_1 = 1×1 + 1×1 = 2,  b_1 = ReLU(β_1 − γ_1) = ReLU(2 − 0) = 2"
    assert h[1].formula() == "β_2 = 1×1 + 1×1 = 2,  b_2 = ReLU(β_2 − γ_2) = ReLU(2 − 1) = 1"
    assert outs[3].formula() == "α_1 = 2×1 + 1×(−2) = 0,  ŷ_1 = α_1 − θ_1 = 0 − 0.5 = −0.5"
    assert outs[3].text().startswith("output unit 1, sample 4: ")
    # the targets are the outputs: zero error, no weight moves
    assert st.loss_value == 0.0
    before = net.get_weights()
    st.run_to_end()
    assert np.array_equal(net.get_weights(), before)


# --- §1: the M-P neuron with a step activation and a threshold ---------------------------


def mp_neuron(weights, theta) -> Network:
    """y = ε(Σ w_i x_i − θ); the engine's bias is b = −θ."""
    net = Network([Input("x", len(weights)), Dense("y", 1, ["x"], "step")])
    net.param("y", "W0")[:, 0] = weights
    net.param("y", "b")[0] = -theta
    return net


@pytest.mark.parametrize(
    "weights, theta, x, truth",
    [
        ([1, 1], 1.5, GATE_X, [0, 0, 0, 1]),  # AND
        ([1, 1], 0.5, GATE_X, [0, 1, 1, 1]),  # OR
        ([-1], -0.5, np.array([[0.0], [1.0]]), [1, 0]),  # NOT
    ],
    ids=["AND", "OR", "NOT"],
)
def test_mp_neuron_computes_logic_gates(weights, theta, x, truth):
    net = mp_neuron(weights, theta)
    assert net.forward(x)[:, 0].tolist() == truth
    st = Stepper(net, "squared_error", x, truth, 1.0)
    fwd = [r for r in st.records if r.phase == "forward"]
    assert [r.value for r in fwd] == truth
    assert all("ε(" in r.formula() for r in fwd)
    assert fwd[0].details["bias"] == -theta


def test_mp_neuron_forward_text():
    st = Stepper(mp_neuron([1, 1], 1.5), "squared_error", [1, 1], 1, 1.0)
    assert st.notation.kind == "generic"
    assert st.records[0].text() == (
        "layer 1 neuron 1: net_1^(1) = 1×1 + 1×1 + (−1.5) = 0.5,  o_1^(1) = ε(0.5) = 1"
    )


def test_step_unit_gets_no_gradient_from_bp():
    """ε′ = 0 almost everywhere: BP cannot train an M-P unit, hence the perceptron rule."""
    net = mp_neuron([1, 1], 1.5)
    before = net.get_weights()
    st = Stepper(net, "squared_error", GATE_X, [0, 1, 1, 0], 1.0)
    st.run_to_end()
    assert st.loss_value > 0
    assert all(r.value == 0 for r in st.records if r.phase == "backward")
    assert np.array_equal(net.get_weights(), before)


# --- §3: the tanh picture with two hidden layers ----------------------------------------


def test_tanh_two_hidden_layers_runs_and_steps():
    """l1 = tanh(W1 x + b1), l2 = tanh(W2 l1 + b2), y = W3 l2 + b3."""
    rng = np.random.default_rng(3)
    net = Network(
        [
            Input("x", 2),
            Dense("l1", 4, ["x"], "tanh"),
            Dense("l2", 3, ["l1"], "tanh"),
            Dense("y", 1, ["l2"], "identity"),
        ]
    )
    net.init_weights("xavier", rng=rng)
    W1, b1 = net.param("l1", "W0").copy(), rng.normal(0, 0.1, 4)
    net.param("l1", "b")[...] = b1
    W2, b2 = net.param("l2", "W0").copy(), net.param("l2", "b").copy()
    W3, b3 = net.param("y", "W0").copy(), net.param("y", "b").copy()
    x, t = np.array([[0.5, -1.0], [1.5, 0.25]]), np.array([[1.0], [-1.0]])
    # an independent forward and backward with the textbook formulas
    l1 = np.tanh(x @ W1 + b1)
    l2 = np.tanh(l1 @ W2 + b2)
    y = l2 @ W3 + b3
    d3 = (y - t) / len(x)
    d2 = (d3 @ W3.T) * (1 - l2**2)
    d1 = (d2 @ W2.T) * (1 - l1**2)
    np.testing.assert_allclose(net.forward(x), y, rtol=1e-12)

    st = Stepper(net, "squared_error", x, t, 0.1)
    assert st.notation.kind == "generic"
    by_layer = {}
    for r in st.records:
        if r.phase in ("forward", "backward"):
            by_layer.setdefault((r.phase, r.layer), np.zeros((2, 4)))[r.sample, r.neuron] = (
                r.value if r.phase == "forward" else r.details["delta"]
            )
    np.testing.assert_allclose(by_layer[("forward", "l1")], l1, rtol=1e-12)
    np.testing.assert_allclose(by_layer[("forward", "l2")][:, :3], l2, rtol=1e-12)
    np.testing.assert_allclose(by_layer[("backward", "l2")][:, :3], d2, rtol=1e-12)
    np.testing.assert_allclose(by_layer[("backward", "l1")], d1, rtol=1e-12)
    first = st.records[0]
    assert first.formula().startswith("net_1^(1) = 0.5×")
    assert "o_1^(1) = tanh(" in first.formula()
    hidden_back = next(r for r in st.records if r.phase == "backward" and r.layer == "l1")
    assert hidden_back.formula().startswith("δ_1^(1) = (1−o_1^(1)²) Σ_j w_1j^(2) δ_j^(2) = (1−")
    loss_before = st.loss_value
    st.run_to_end()
    assert SquaredError().value(net.forward(x), t) < loss_before


# --- §13(c): one BP update by hand with ReLU units ---------------------------------------


def relu(z):
    return z if z > 0 else 0.0


def relu_d(z):
    return 1.0 if z > 0 else 0.0


def test_homework_relu_update_by_hand():
    """ReLU units, E = ½(y − ŷ)², η = 1, x = (0.2, 0.3), target 1; small positive weights
    so every ReLU is active; hidden thresholds γ_h = −0.1 (bias 0.1), no output threshold.
    Every number of the step-through is checked against this hand computation."""
    x = (0.2, 0.3)
    v = [[0.1, 0.2], [0.3, 0.4]]  # v[i][h]: input i → hidden unit h
    gamma = [-0.1, -0.1]
    w = [0.5, 0.6]  # hidden unit h → output
    y, eta = 1.0, 1.0

    # by hand, the book's formulas
    beta = [x[0] * v[0][h] + x[1] * v[1][h] for h in range(2)]
    b = [relu(beta[h] - gamma[h]) for h in range(2)]
    alpha = b[0] * w[0] + b[1] * w[1]
    yhat = relu(alpha)
    E = 0.5 * (y - yhat) ** 2
    g = relu_d(alpha) * (y - yhat)
    e = [relu_d(beta[h] - gamma[h]) * w[h] * g for h in range(2)]
    w_new = [w[h] + eta * g * b[h] for h in range(2)]
    v_new = [[v[i][h] + eta * e[h] * x[i] for h in range(2)] for i in range(2)]
    gamma_new = [gamma[h] - eta * e[h] for h in range(2)]
    assert beta == pytest.approx([0.11, 0.16]) and b == pytest.approx([0.21, 0.26])
    assert yhat == pytest.approx(0.261) and g == pytest.approx(0.739)

    net = Network(
        [
            Input("x", 2),
            Dense("hidden", 2, ["x"], "relu"),
            Dense("out", 1, ["hidden"], "relu", use_bias=False),
        ]
    )
    net.param("hidden", "W0")[...] = v
    net.param("hidden", "b")[...] = [-t for t in gamma]
    net.param("out", "W0")[:, 0] = w
    st = Stepper(net, "squared_error", x, y, eta)
    recs = {r.symbol: r for r in st.records}
    tol = dict(abs=1e-15)
    assert recs["b_1"].details["sum"] == pytest.approx(beta[0], **tol)
    assert recs["b_2"].details["sum"] == pytest.approx(beta[1], **tol)
    assert [recs["b_1"].value, recs["b_2"].value] == pytest.approx(b, **tol)
    assert recs["ŷ_1"].details["net"] == pytest.approx(alpha, **tol)
    assert recs["ŷ_1"].value == pytest.approx(yhat, **tol)
    assert recs["E"].value == pytest.approx(E, **tol)
    assert recs["g_1"].value == pytest.approx(g, **tol)
    assert [recs["e_1"].value, recs["e_2"].value] == pytest.approx(e, **tol)
    assert [recs["w_11"].value, recs["w_21"].value] == pytest.approx(w_new, **tol)
    for i in range(2):
        for h in range(2):
            r = recs[f"v_{i + 1}{h + 1}"]
            assert r.old == v[i][h]
            assert r.change == pytest.approx(eta * e[h] * x[i], **tol)
            assert r.value == pytest.approx(v_new[i][h], **tol)
    for h in range(2):
        r = recs[f"γ_{h + 1}"]
        assert r.old == pytest.approx(gamma[h], **tol)
        assert r.change == pytest.approx(-eta * e[h], **tol)
        assert r.value == pytest.approx(gamma_new[h], **tol)
    assert "θ_1" not in recs  # the output has no threshold here
    assert recs["b_1"].formula() == (
        "β_1 = 0.2×0.1 + 0.3×0.3 = 0.11,  b_1 = ReLU(β_1 − γ_1) = ReLU(0.11 − (−0.1)) = 0.21"
    )
    assert recs["g_1"].formula() == "g_1 = ReLU′(α_1)(y_1−ŷ_1) = 1×(1−0.261) = 0.739"
    assert recs["e_2"].formula() == ("e_2 = ReLU′(β_2 − γ_2) Σ_j w_2j g_j = 1×(0.6×0.739) = 0.4434")
    assert recs["γ_1"].formula() == (
        "Δγ_1 = −η e_1 = −1×0.3695 = −0.3695,  γ_1 ← −0.1 + (−0.3695) = −0.4695"
    )

    # the output before and after, by hand, and the loss fell
    st.run_to_end()
    beta2 = [x[0] * v_new[0][h] + x[1] * v_new[1][h] for h in range(2)]
    b2 = [relu(beta2[h] - gamma_new[h]) for h in range(2)]
    yhat2 = relu(b2[0] * w_new[0] + b2[1] * w_new[1])
    E2 = 0.5 * (y - yhat2) ** 2
    assert net.forward(np.array([x]))[0, 0] == pytest.approx(yhat2, abs=1e-15)
    assert math.isclose(yhat2, 1.01400646653, abs_tol=1e-10)
    assert E2 < E
