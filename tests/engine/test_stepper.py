"""The step-through: exact agreement with the vectorised step, an independent scalar
reference, stepping back and forth, grouping, notation and clear errors."""

import copy
import math

import numpy as np
import pytest

from nnsim.engine import Dense, Input, Maxout, Network, Stepper, StepRecord, get_loss
from nnsim.engine.notation import (
    GenericNotation,
    NotationError,
    fmt,
    is_book_shape,
    make_notation,
    subscript,
    word,
)
from nnsim.engine.optim import get_optimizer, get_regularizer
from nnsim.engine.stepper import StepperError

ACTS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "identity")
LOSS_NAMES = ("squared_error", "softmax_cross_entropy", "sigmoid_binary_cross_entropy")


# --- random networks: masks, skip links, mixed activations, a dead branch ----------------


def random_net(rng, loss_name="squared_error", dtype=np.float64, dead=False, chain=False):
    """A random dense DAG; ``chain=True`` gives a plain chain (one input per layer, one
    activation per layer, no masks), which the engine runs on its fused fast path."""
    d, h1, h2, o = (int(rng.integers(1, n)) for n in (5, 6, 6, 4))
    if loss_name == "softmax_cross_entropy":
        o = max(o, 2)

    def acts(n):
        return [ACTS[i] for i in rng.integers(0, len(ACTS), n)]

    def mask(a, b):
        return None if rng.random() < 0.4 else rng.random((a, b)) < 0.7

    out_acts = "identity" if get_loss(loss_name).wants_logits else acts(o)
    if chain:
        one = ACTS[int(rng.integers(0, len(ACTS)))]
        layers = [
            Input("in", d),
            Dense("h1", h1, ["in"], ACTS[int(rng.integers(0, len(ACTS)))]),
            Dense("h2", h2, ["h1"], one, use_bias=rng.random() < 0.7),
            Dense("out", o, ["h2"], out_acts if isinstance(out_acts, str) else one),
        ]
        net = Network(layers, dtype=dtype)
        net.init_weights("xavier", rng=rng)
        net.theta[...] += rng.normal(0, 0.3, net.theta.size).astype(dtype)
        net.params_changed()
        return net, d, o
    layers = [
        Input("in", d),
        Dense("h1", h1, ["in"], acts(h1), masks=[mask(d, h1)], use_bias=rng.random() < 0.7),
        Dense("h2", h2, ["h1", "in"], acts(h2), masks=[mask(h1, h2), mask(d, h2)]),
        Dense("out", o, ["h2", "h1"], out_acts, masks=[mask(h2, o), None]),
    ]
    if dead:  # a branch that does not reach the loss: no error comes back through it
        layers.append(Dense("side", 2, ["h1"], "tanh"))
    net = Network(layers, outputs=["out"] if dead else None, dtype=dtype)
    net.init_weights("xavier", rng=rng)
    net.theta[...] += rng.normal(0, 0.3, net.theta.size).astype(dtype)
    net.params_changed()
    return net, d, o


def random_data(rng, loss_name, m, d, o):
    x = rng.normal(0, 1, (m, d))
    if loss_name == "squared_error":
        y = rng.normal(0, 1, (m, o))
    elif loss_name == "softmax_cross_entropy":
        y = rng.integers(0, o, m)
    else:
        y = (rng.random((m, o)) < 0.5).astype(float)
    return x, y


# --- an independent reference: the formulas of the lecture, one scalar at a time ---------


def _sig(z):
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


REF_ACTS = {
    "sigmoid": (_sig, lambda z, o: o * (1 - o)),
    "tanh": (math.tanh, lambda z, o: 1 - o * o),
    "relu": (lambda z: max(z, 0.0), lambda z, o: 1.0 if z > 0 else 0.0),
    "leaky_relu": (lambda z: z if z > 0 else 0.1 * z, lambda z, o: 1.0 if z > 0 else 0.1),
    "elu": (lambda z: z if z >= 0 else math.expm1(z), lambda z, o: 1.0 if z >= 0 else o + 1),
    "softplus": (lambda z: math.log1p(math.exp(z)), lambda z, o: _sig(z)),
    "identity": (lambda z: z, lambda z, o: 1.0),
}


def reference_pass(net, x, y, loss_name, lr):
    """Forward, backward and update with plain Python loops; returns outputs, δ and the
    new parameters. Layers that do not reach the loss get δ = 0 and keep their weights."""
    m = len(x)
    dense = [n for n in net.order if isinstance(net.layers[n], Dense)]
    out = {"in": [list(map(float, row)) for row in x]}
    W = {
        (n, k): net.param(n, f"W{k}").copy()
        for n in dense
        for k in range(len(net.layers[n].inputs))
    }
    B = {n: net.param(n, "b").copy() for n in dense}

    def connected(n, k, i, j):
        mk = net.layers[n].masks[k]
        return mk is None or bool(mk[i, j])

    net_in = {}
    for n in dense:
        L = net.layers[n]
        rows_o, rows_z = [], []
        for s in range(m):
            zs, os_ = [], []
            for j, a in enumerate(L.activation_names):
                z = 0.0
                for k, src in enumerate(L.inputs):
                    for i, xi in enumerate(out[src][s]):
                        if connected(n, k, i, j):
                            z += xi * W[(n, k)][i, j]
                if L.use_bias:
                    z += B[n][j]
                zs.append(z)
                os_.append(REF_ACTS[a][0](z))
            rows_z.append(zs)
            rows_o.append(os_)
        net_in[n], out[n] = rows_z, rows_o
    o_name = "out"
    n_out = len(out[o_name][0])
    if loss_name == "softmax_cross_entropy":
        y = [[1.0 if c == int(t) else 0.0 for c in range(n_out)] for t in y]
    dout = {n: [[0.0] * len(out[n][0]) for _ in range(m)] for n in dense}
    for s in range(m):
        o = out[o_name][s]
        if loss_name == "squared_error":
            g = [(o[j] - y[s][j]) / m for j in range(n_out)]
        elif loss_name == "softmax_cross_entropy":
            mx = max(o)
            ex = [math.exp(v - mx) for v in o]
            g = [(ex[j] / sum(ex) - y[s][j]) / m for j in range(n_out)]
        else:
            g = [(_sig(o[j]) - y[s][j]) / m for j in range(n_out)]
        dout[o_name][s] = g
    delta = {}
    for n in reversed(dense):
        L = net.layers[n]
        delta[n] = [
            [
                dout[n][s][j] * REF_ACTS[a][1](net_in[n][s][j], out[n][s][j])
                for j, a in enumerate(L.activation_names)
            ]
            for s in range(m)
        ]
        for k, src in enumerate(L.inputs):
            if src in dout:
                for s in range(m):
                    for i in range(len(out[src][s])):
                        dout[src][s][i] += sum(
                            delta[n][s][j] * W[(n, k)][i, j]
                            for j in range(len(L.activation_names))
                            if connected(n, k, i, j)
                        )
    new = {}
    for n in dense:
        L = net.layers[n]
        for k, src in enumerate(L.inputs):
            Wn = W[(n, k)].copy()
            for i in range(Wn.shape[0]):
                for j in range(Wn.shape[1]):
                    if connected(n, k, i, j):
                        grad = sum(out[src][s][i] * delta[n][s][j] for s in range(m))
                        Wn[i, j] -= lr * grad
            new[(n, f"W{k}")] = Wn
        Bn = B[n].copy()
        if L.use_bias:
            Bn -= lr * np.array([sum(delta[n][s][j] for s in range(m)) for j in range(len(Bn))])
        new[(n, "b")] = Bn
    return out, delta, new


# --- exactness --------------------------------------------------------------------------


def check_bit_for_bit(loss_name, dtype, seeds):
    for seed in seeds:
        rng = np.random.default_rng(seed)
        net, d, o = random_net(rng, loss_name, dtype, dead=seed % 5 == 0, chain=seed % 3 == 1)
        m = int(rng.integers(1, 12))
        x, y = random_data(rng, loss_name, m, d, o)
        lr = float(rng.uniform(0.05, 2))
        start = net.get_weights()
        loss = get_loss(loss_name)
        net.loss_and_grad(x, y, loss)
        net.sgd_step(lr)
        want = net.get_weights()
        net.set_weights(start)
        st = Stepper(net, loss_name, x, y, lr)
        st.run_to_end()
        assert np.array_equal(net.get_weights(), want), f"seed {seed}"
        # and stepping back restores the start exactly
        st.reset()
        assert np.array_equal(net.get_weights(), start), f"seed {seed}"
        check_optimisers(net, loss, x, y, lr, rng, seed)


def check_optimisers(net, loss, x, y, lr, rng, seed):
    """Momentum and Adam from a state of earlier steps, with an L2 or L1 penalty: the
    stepped weights are those of the Trainer's update (penalty gradient added, one
    optimiser step), dead branches and masked weights included."""
    start = net.get_weights()
    for name, reg in (("momentum", "l2"), ("adam", "l1")):
        opt = get_optimizer(name, lr * 0.1, momentum=0.7)
        pen = get_regularizer(reg, 0.03)
        for _ in range(2):  # two earlier updates leave a velocity / moments and t = 2
            net.loss_and_grad(x, y, loss)
            pen.add_grad(net.theta, net.grad)
            opt.step(net.theta, net.grad)
        start = net.get_weights()
        ref = copy.deepcopy(opt)
        net.loss_and_grad(x, y, loss)
        pen.add_grad(net.theta, net.grad)
        ref.step(net.theta, net.grad)
        want = net.get_weights()
        net.set_weights(start)
        st = Stepper(net, loss, x, y, lr, optimizer=opt, regularizer=pen)
        st.run_to_end()
        assert np.array_equal(net.get_weights(), want), f"seed {seed}, {name}"
        assert st.optimizer_after.t == 3
        st.reset()
        assert np.array_equal(net.get_weights(), start), f"seed {seed}, {name}"


@pytest.mark.parametrize("loss_name", LOSS_NAMES)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_stepping_every_update_is_the_vectorised_step_bit_for_bit(loss_name, dtype):
    check_bit_for_bit(loss_name, dtype, range(10))


@pytest.mark.slow
@pytest.mark.parametrize("loss_name", LOSS_NAMES)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_stepping_is_bit_for_bit_on_many_random_nets(loss_name, dtype):
    """The bar: 400 random nets per loss and dtype, every weight equal bit for bit."""
    check_bit_for_bit(loss_name, dtype, range(10, 410))


@pytest.mark.parametrize("loss_name", LOSS_NAMES)
def test_records_match_an_independent_scalar_reference(loss_name):
    for seed in range(12):
        rng = np.random.default_rng(100 + seed)
        net, d, o = random_net(rng, loss_name, dead=seed % 3 == 0, chain=seed % 3 == 1)
        m = int(rng.integers(1, 5))
        x, y = random_data(rng, loss_name, m, d, o)
        lr = 0.7
        ref_out, ref_delta, ref_new = reference_pass(net, x, y, loss_name, lr)
        st = Stepper(net, loss_name, x, y, lr)
        sign = st.notation.sign
        for r in st.records:
            if r.phase == "forward":
                assert r.value == pytest.approx(ref_out[r.layer][r.sample][r.neuron], abs=1e-12)
                # the formula's own terms add up to the net input
                s = sum(a * b for a, b in r.terms) + (r.details["bias"] or 0.0)
                assert s == pytest.approx(r.details["net"], abs=1e-12)
            elif r.phase == "backward":
                want = ref_delta[r.layer][r.sample][r.neuron]
                assert r.details["delta"] == pytest.approx(want, abs=1e-12)
                assert r.value == pytest.approx(sign * want, abs=1e-12)
        st.run_to_end()
        for (layer, pname), want in ref_new.items():
            np.testing.assert_allclose(net.param(layer, pname), want, atol=1e-12)


# --- the records ------------------------------------------------------------------------


def small_net(bias=True, notation_shape="book"):
    layers = [
        Input("in", 2),
        Dense("h", 3, ["in"], ["sigmoid", "tanh", "relu"], use_bias=bias),
        Dense("out", 2, ["h"], "sigmoid", use_bias=bias),
    ]
    net = Network(layers)
    net.init_weights("uniform01", seed=4)
    return net


def test_record_order_and_counts_for_a_batch():
    net = small_net()
    x = np.array([[0.1, 0.2], [0.3, -0.4], [1.0, 0.5]])
    y = np.array([[0, 1], [1, 0], [1, 1]])
    st = Stepper(net, "squared_error", x, y, 0.5)
    recs = st.records
    per_sample = 3 + 2 + 1 + 2 + 3  # forward h, forward out, loss, backward out, backward h
    n_updates = 2 * 3 + 3 + 3 * 2 + 2
    assert len(recs) == 3 * per_sample + 1 + n_updates
    for k in range(3):
        chunk = recs[k * per_sample : (k + 1) * per_sample]
        assert {r.sample for r in chunk} == {k}
        assert [r.phase for r in chunk] == ["forward"] * 5 + ["loss"] + ["backward"] * 5
        assert [r.layer for r in chunk if r.phase != "loss"] == ["h"] * 3 + ["out"] * 2 + [
            "out"
        ] * 2 + ["h"] * 3
    batch = recs[3 * per_sample]
    assert (batch.phase, batch.sample, batch.symbol) == ("loss", None, "E")
    assert batch.value == pytest.approx(np.mean([t[0] for t in batch.terms]), abs=1e-15)
    assert batch.value == st.loss_value
    assert batch.text() == (
        "error of the batch (mean over 3 samples): E = (1/m) Σ_k E_k = "
        + " + ".join(fmt(t[0]) for t in batch.terms)
        + f")/3 = {fmt(batch.value)}"
    ).replace("E_k = ", "E_k = (")
    ups = recs[3 * per_sample + 1 :]
    assert all(r.phase == "update" and r.sample is None for r in ups)
    # output layer first, neuron by neuron: its incoming weights, then its threshold
    assert [r.symbol for r in ups[:4]] == ["w_11", "w_21", "w_31", "θ_1"]
    assert [r.layer for r in ups] == ["out"] * 8 + ["h"] * 9
    # a batch sums over the samples; each gradient term carries the 1/m of E = mean E_k
    w11 = ups[0]
    assert len(w11.terms) == 3 and w11.sources == (0, 1, 2)
    assert w11.details["grad"] == pytest.approx(-sum(g * b for g, b in w11.terms), abs=1e-15)
    assert "η Σ_k g_1 b_1 = 0.5×(" in w11.formula()
    g_out = [r for r in recs if r.phase == "backward" and r.layer == "out"]
    assert "(y_1−ŷ_1)/m = " in g_out[0].formula() and g_out[0].formula().count("/3") == 1
    assert g_out[0].text().endswith(g_out[0].formula())
    assert g_out[0].head() == "output unit 1, gradient term, sample 1"


def test_thresholds_in_book_notation_are_minus_the_bias():
    net = small_net()
    b_old = net.param("out", "b").copy()
    st = Stepper(net, "squared_error", [0.2, 0.7], [1, 0], 1.0)
    theta = next(r for r in st.records if r.symbol == "θ_1")
    assert theta.param == "b" and theta.index == (0,)
    assert theta.old == -b_old[0] and theta.param_old == b_old[0]
    assert theta.new == -theta.param_new
    g1 = next(r for r in st.records if r.symbol == "g_1").value
    assert theta.change == pytest.approx(-1.0 * g1, abs=1e-15)  # Δθ_j = −η g_j
    st.run_to_end()
    assert net.param("out", "b")[0] == theta.param_new
    fwd = st.records[0]
    assert fwd.details["sum"] == pytest.approx(fwd.details["net"] - fwd.details["bias"])
    assert "b_1 = σ(β_1 − γ_1) = σ(" in fwd.formula()


def test_generic_notation_for_skip_links_and_two_inputs():
    net = Network(
        [
            Input("a", 1),
            Input("b", 2),
            Dense("h", 2, ["a", "b"], "tanh"),
            Dense("out", 1, ["h", "b"], "identity"),
        ]
    )
    net.init_weights("playground", seed=2)
    st = Stepper(
        net, "squared_error", {"a": [0.5], "b": [1.0, -1.0]}, 0.3, 0.1, labels={"h": ["p", "q"]}
    )
    assert isinstance(st.notation, GenericNotation)
    fwd = st.records[0]
    assert fwd.symbol == "o_1^(1)"
    assert fwd.sources == (("a", 0), ("b", 0), ("b", 1))
    assert fwd.formula().startswith("net_1^(1) = 0.5×")
    assert fwd.head() == "neuron p" and fwd.head("zh") == "神经元 p"
    syms = [r.symbol for r in st.records if r.phase == "update"]
    assert syms[:4] == ["w_11^(1→2)", "w_21^(1→2)", "w_11^(b→2)", "w_21^(b→2)"]
    assert "w_11^(a→1)" in syms and "b_1^(1)" in syms
    back_h = next(r for r in st.records if r.phase == "backward" and r.layer == "h")
    assert back_h.formula().startswith("δ_1^(1) = (1−o_1^(1)²) Σ_j w_1j^(1→2) δ_j^(2) = ")
    assert back_h.sources == (("out", 0),)
    upd = next(r for r in st.records if r.symbol == "w_11^(1→2)")
    assert upd.formula().startswith("Δw_11^(1→2) = −η δ_1^(2) o_1^(1) = −0.1×")
    assert upd.head() == "weight p → o_1^(2), learning rate η = 0.1"


def test_loss_texts_for_the_cross_entropies():
    net = Network([Input("x", 2), Dense("z", 3, ["x"], "identity")])
    net.param("z", "W0")[...] = 0
    net.param("z", "b")[...] = [0.0, 0.0, math.log(2.0)]
    st = Stepper(net, "softmax_cross_entropy", [1, 1], 2, 1.0)
    loss = next(r for r in st.records if r.phase == "loss")
    assert loss.details["probabilities"] == pytest.approx((0.25, 0.25, 0.5))
    assert loss.formula() == (
        "p = softmax(0, 0, 0.693147) = (0.25, 0.25, 0.5),  E = −Σ_j y_j log p_j"
        " = −log 0.5 = 0.693147"
    )
    deltas = [r for r in st.records if r.phase == "backward"]
    assert [r.value for r in deltas] == pytest.approx([0.25, 0.25, -0.5])
    assert deltas[2].formula() == "δ_3^(1) = (p_3−y_3) = (0.5−1) = −0.5"

    net = Network([Input("x", 1), Dense("z", 1, ["x"], "identity", use_bias=False)])
    net.param("z", "W0")[...] = 0
    st = Stepper(net, "sigmoid_binary_cross_entropy", [[1.0], [2.0]], [1, 0], 1.0)
    e1 = st.records[1]
    assert e1.formula() == (
        "p_1 = σ(0) = 0.5,  E_1 = Σ_j[−y_j log p_j − (1−y_j) log(1−p_j)]"
        " = −1×log 0.5 − 0×log(1−0.5) = 0.693147"
    )
    assert st.records[2].formula() == "δ_1^(1) = (p_1−y_1)/m = (0.5−1)/2 = −0.25"


# --- driving it -------------------------------------------------------------------------


def test_next_back_seek_and_groups():
    net = small_net()
    start = net.get_weights()
    st = Stepper(net, "squared_error", [[0.1, 0.2], [0.3, 0.4]], [[0, 1], [1, 0]], 1.0)
    total = len(st.records)
    assert st.position == 0 and not st.done and st.current is None
    assert st.back() is None and st.back_group() == []
    first = st.peek()
    assert st.position == 0 and st.next() is first and st.current is first
    g = st.next_group("layer")  # the rest of sample 1's hidden layer
    assert [r.neuron for r in g] == [1, 2] and st.position == 3
    g = st.next_group("layer")
    assert [(r.layer, r.neuron) for r in g] == [("out", 0), ("out", 1)]
    g = st.next_group("sample")  # the rest of sample 1: its error and backward
    assert g[0].phase == "loss" and g[-1].phase == "backward" and {r.sample for r in g} == {0}
    undone = st.back_group("sample")
    assert st.position == 0 and len(undone) == 11 and undone[0].phase == "backward"
    # the updates of one neuron are a "neuron" group
    st.seek(total - 17)
    assert st.peek().phase == "update"
    g = st.next_group("neuron")
    assert [r.symbol for r in g] == ["w_11", "w_21", "w_31", "θ_1"]
    changed = net.get_weights()
    assert not np.array_equal(changed, start)
    st.back_group("neuron")
    assert np.array_equal(net.get_weights(), start)
    st.seek(total)
    assert st.done and st.next() is None and st.next_group() == []
    after = net.get_weights()
    st.seek(5)
    assert np.array_equal(net.get_weights(), start)
    assert list(st)[-1] is st.records[-1]  # iterating steps the rest
    assert np.array_equal(net.get_weights(), after)
    with pytest.raises(StepperError, match="only"):
        st.seek(total + 1)
    with pytest.raises(StepperError, match="negative"):
        st.seek(-1)


def test_group_by():
    st = Stepper(small_net(), "squared_error", [[0.1, 0.2], [0.3, 0.4]], [[0, 1], [1, 0]], 1.0)
    recs = st.records
    assert [len(g) for g in st.group_by("record")] == [1] * len(recs)
    assert [len(g) for g in st.group_by("batch")] == [len(recs)]
    phases = [g[0].phase for g in st.group_by("phase")]
    assert phases == ["forward", "loss", "backward"] * 2 + ["loss", "update"]
    samples = st.group_by("sample")
    assert [len(g) for g in samples] == [11, 11, 1, 17]
    layers = st.group_by("layer")
    assert [(g[0].phase, g[0].layer, len(g)) for g in layers[:5]] == [
        ("forward", "h", 3),
        ("forward", "out", 2),
        ("loss", "out", 1),
        ("backward", "out", 2),
        ("backward", "h", 3),
    ]
    assert [len(g) for g in layers[-2:]] == [8, 9]
    neurons = st.group_by("neuron")
    assert [len(g) for g in neurons[-5:]] == [4, 4, 3, 3, 3]  # weights + threshold
    assert st.position == 0  # grouping steps nothing
    with pytest.raises(StepperError, match="grouping"):
        st.group_by("epoch")


def test_computing_records_changes_no_weights():
    net = small_net()
    start = net.get_weights()
    st = Stepper(net, "squared_error", [0.1, 0.2], [0, 1], 1.0)
    assert isinstance(st.records[-1], StepRecord)
    assert len(st) == len(st.records)
    assert np.array_equal(net.get_weights(), start) and st.position == 0
    assert "book notation" in repr(st)


def test_records_do_not_change_when_the_network_runs_again():
    """Records are computed lazily from the stepper's own copies of the pass, so using the
    network meanwhile (the GUI redrawing, another forward pass) cannot change them."""
    net = Network([Input("x", 2), Dense("h", 3, ["x"], "tanh"), Dense("y", 1, ["h"], "sigmoid")])
    net.init_weights("uniform01", seed=7)
    x, y = [[0.3, -0.2], [0.9, 0.4]], [[1.0], [0.0]]
    want = [
        (r.symbol, r.value, r.details.get("delta"))
        for r in Stepper(net, "squared_error", x, y, 1.0).records
    ]
    st = Stepper(net, "squared_error", x, y, 1.0)
    # the same batch size: the engine's fused path reuses its arrays for it
    net.loss_and_grad(np.array([[5.0, 5.0], [-3, 1]]), np.zeros((2, 1)), get_loss("squared_error"))
    got = [(r.symbol, r.value, r.details.get("delta")) for r in st.records]
    assert got == want


def test_a_big_batch_is_computed_lazily():
    """Stepping the first neurons of a big batch does not build all its records."""
    net = small_net()
    x = np.random.default_rng(0).normal(size=(5000, 2))
    st = Stepper(net, "squared_error", x, np.zeros((5000, 2)), 0.1)
    for _ in range(10):
        st.next()
    assert st.position == 10 and st.current.sample == 0
    assert not st.done


# --- clear errors -----------------------------------------------------------------------


def test_clear_errors():
    net = small_net()
    with pytest.raises(StepperError, match="2 numbers per sample"):
        Stepper(net, "squared_error", [1, 2, 3], [0, 1], 1.0)
    with pytest.raises(StepperError, match="target"):
        Stepper(net, "squared_error", [1, 2], [0, 1, 1], 1.0)
    with pytest.raises(StepperError, match="learning rate"):
        Stepper(net, "squared_error", [1, 2], [0, 1], float("nan"))
    with pytest.raises(StepperError, match="class labels"):
        Stepper(net, "softmax_cross_entropy", [1, 2], 5, 1.0)
    maxout = Network([Input("x", 2), Maxout("m", 2, ["x"]), Dense("y", 1, ["m"])])
    with pytest.raises(StepperError, match="dense layers only.*maxout"):
        Stepper(maxout, "squared_error", [1, 2], 0, 1.0)
    deep = Network(
        [Input("x", 2), Dense("a", 2, ["x"]), Dense("b", 2, ["a"]), Dense("c", 1, ["b"])]
    )
    with pytest.raises(NotationError, match="one hidden layer"):
        Stepper(deep, "squared_error", [1, 2], 0, 1.0, notation="book")
    with pytest.raises(NotationError, match="3 neurons but 2 labels"):
        Stepper(net, "squared_error", [1, 2], [0, 1], 1.0, labels={"h": ["a", "b"]})
    st = Stepper(net, "squared_error", [1, 2], [0, 1], 1.0)
    with pytest.raises(NotationError, match="language"):
        st.records[0].text("fr")
    for err in (StepperError, NotationError):
        assert issubclass(err, ValueError)


# --- notation helpers -------------------------------------------------------------------


def test_number_formatting():
    assert fmt(0.7550000000000001) == "0.755"
    assert fmt(-0.0406811) == "−0.0406811"
    assert fmt(-0.0) == "0" and fmt(1.0) == "1"
    assert fmt(1.5e-7) == "1.5e−7"
    assert fmt(0.680267196, digits=3) == "0.68"
    assert fmt(float("inf")) == "∞" and fmt(float("nan")) == "NaN"


def test_symbols_and_words():
    assert subscript("v", 1, 2) == "v_12" and subscript("w", 3, 12) == "w_3,12"
    assert subscript("w", 1, "j") == "w_1j"
    assert word("learning rate", "zh") == "学习率" and word("error", "en") == "error"
    assert word("sample", "zh", k=2) == "样本 2"
    ok, _ = is_book_shape(small_net())
    assert ok
    skip = Network([Input("x", 2), Dense("h", 2, ["x"]), Dense("y", 1, ["h", "x"])])
    ok, why = is_book_shape(skip)
    assert not ok and "only the hidden layer" in why
    nt = make_notation(skip)
    assert nt.kind == "generic" and nt.weight("y", 1, 0, 0) == "w_11^(0→2)"
    book = make_notation(small_net(), labels={"in": ["A", "B"]})
    assert (book.net("h", 0), book.net("out", 1)) == ("β_1", "α_2")
    assert (book.value("in", 1), book.value("h", 0), book.value("out", 0)) == ("x_2", "b_1", "ŷ_1")
    assert (book.weight("h", 0, 0, 1), book.weight("out", 0, 2, 0)) == ("v_12", "w_31")
    assert (book.bias("h", 1), book.bias("out", 0)) == ("γ_2", "θ_1")
    assert (book.grad("h", 0), book.grad("out", 0)) == ("e_1", "g_1")
    assert book.unit("in", 0) == "input A" and book.unit("h", 2, "zh") == "隐层神经元 3"
    assert book.unit("out", 1) == "output unit 2" and book.unit("out", 0, "zh") == "输出神经元 1"
    with pytest.raises(NotationError):
        make_notation(small_net(), "watermelon")
