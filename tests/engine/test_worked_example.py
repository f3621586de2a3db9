"""The lecture's worked BP example (COURSE §6), through the public API, vectorised and stepped."""

import numpy as np
import pytest

from nnsim.engine import Dense, Input, Network, SquaredError, Stepper

X = [0.35, 0.9]  # inputs A, B
TARGET = 0.5
LR = 1.0
TOL = 1e-6

# COURSE §6, exact values
HIDDEN_NET = [0.755, 0.68]
HIDDEN_OUT = [0.680267, 0.663739]
OUT_NET = 0.801445
OUT = 0.690283
ERROR = 0.190283
G = -0.0406811
E = [-0.00265449, -0.00817165]
NEW_OUT_W = [0.272326, 0.872998]
NEW_H1_W = [0.0990709, 0.797611]  # from A, from B
NEW_H2_W = [0.397140, 0.592646]
AGAIN_HIDDEN = [0.679729, 0.662036]
AGAIN_OUT = 0.682019
AGAIN_ERROR = 0.182019


def worked_net() -> Network:
    """Sigmoid everywhere, no thresholds; W[i, h] is the weight from input i to unit h."""
    net = Network(
        [
            Input("in", 2),
            Dense("hidden", 2, ["in"], "sigmoid", use_bias=False),
            Dense("out", 1, ["hidden"], "sigmoid", use_bias=False),
        ]
    )
    net.param("hidden", "W0")[...] = [[0.1, 0.4], [0.8, 0.6]]
    net.param("out", "W0")[...] = [[0.3], [0.9]]
    return net


def check_new_weights(net):
    np.testing.assert_allclose(net.param("out", "W0")[:, 0], NEW_OUT_W, atol=TOL)
    np.testing.assert_allclose(net.param("hidden", "W0")[:, 0], NEW_H1_W, atol=TOL)
    np.testing.assert_allclose(net.param("hidden", "W0")[:, 1], NEW_H2_W, atol=TOL)


def check_forward_again(net):
    out = net.forward(np.array([X]))
    np.testing.assert_allclose(net.values["hidden"][0], AGAIN_HIDDEN, atol=TOL)
    assert out[0, 0] == pytest.approx(AGAIN_OUT, abs=TOL)
    assert abs(TARGET - out[0, 0]) == pytest.approx(AGAIN_ERROR, abs=TOL)
    assert abs(TARGET - out[0, 0]) < ERROR  # the error fell


def test_slide_rounding_explains_its_net_input():
    """The slide prints the output's net input as 0.80133: that is 0.68×0.3 + 0.6637×0.9
    with the hidden outputs rounded as the slide prints them. Unrounded it is 0.801445,
    and σ(0.801445) = 0.690283 is the output the course quotes."""
    assert 0.68 * 0.3 + 0.6637 * 0.9 == pytest.approx(0.80133, abs=1e-9)
    h = 1 / (1 + np.exp(-np.array(HIDDEN_NET)))
    assert h @ [0.3, 0.9] == pytest.approx(OUT_NET, abs=TOL)
    assert 1 / (1 + np.exp(-OUT_NET)) == pytest.approx(OUT, abs=TOL)


def test_vectorised_step():
    net = worked_net()
    loss = SquaredError()
    value = net.loss_and_grad(np.array([X]), np.array([[TARGET]]), loss)
    hidden, out = net.layers["hidden"], net.layers["out"]
    np.testing.assert_allclose(hidden.net[0], HIDDEN_NET, atol=TOL)
    np.testing.assert_allclose(hidden.out[0], HIDDEN_OUT, atol=TOL)
    assert out.net[0, 0] == pytest.approx(OUT_NET, abs=TOL)
    assert out.out[0, 0] == pytest.approx(OUT, abs=TOL)
    assert abs(TARGET - out.out[0, 0]) == pytest.approx(ERROR, abs=TOL)
    assert value == pytest.approx(0.5 * ERROR**2, abs=TOL)
    # the book's gradient terms are −δ (δ = ∂E/∂net)
    assert -out.delta[0, 0] == pytest.approx(G, abs=TOL)
    np.testing.assert_allclose(-hidden.delta[0], E, atol=TOL)
    net.sgd_step(LR)
    check_new_weights(net)
    check_forward_again(net)


def test_stepper_records_in_lecture_order():
    net = worked_net()
    labels = {"in": ["A", "B"], "hidden": ["h1", "h2"]}
    st = Stepper(net, "squared_error", X, TARGET, LR, labels=labels)
    assert st.notation.kind == "book"
    recs = st.records
    expected = [
        ("forward", "hidden", 0, "b_1", HIDDEN_OUT[0]),
        ("forward", "hidden", 1, "b_2", HIDDEN_OUT[1]),
        ("forward", "out", 0, "ŷ_1", OUT),
        ("loss", "out", None, "E", 0.5 * ERROR**2),
        ("backward", "out", 0, "g_1", G),
        ("backward", "hidden", 0, "e_1", E[0]),
        ("backward", "hidden", 1, "e_2", E[1]),
        ("update", "out", 0, "w_11", NEW_OUT_W[0]),
        ("update", "out", 0, "w_21", NEW_OUT_W[1]),
        ("update", "hidden", 0, "v_11", NEW_H1_W[0]),
        ("update", "hidden", 0, "v_21", NEW_H1_W[1]),
        ("update", "hidden", 1, "v_12", NEW_H2_W[0]),
        ("update", "hidden", 1, "v_22", NEW_H2_W[1]),
    ]
    assert len(recs) == len(expected)
    for rec, (phase, layer, neuron, symbol, value) in zip(recs, expected):
        assert (rec.phase, rec.layer, rec.neuron, rec.symbol) == (phase, layer, neuron, symbol)
        assert rec.value == pytest.approx(value, abs=TOL), rec.text()
    # the numbers inside the records
    h1, h2, out = recs[:3]
    assert h1.details["net"] == pytest.approx(HIDDEN_NET[0], abs=TOL)
    assert h2.details["net"] == pytest.approx(HIDDEN_NET[1], abs=TOL)
    assert out.details["net"] == pytest.approx(OUT_NET, abs=TOL)
    assert h1.terms == ((0.35, 0.1), (0.9, 0.8))
    assert h1.sources == (("in", 0), ("in", 1))
    assert abs(TARGET - recs[3].terms[0][0]) == pytest.approx(ERROR, abs=TOL)
    assert recs[4].details["delta"] == pytest.approx(-G, abs=TOL)
    # e_h uses the OLD output weights 0.3 and 0.9
    assert recs[5].terms[0][0] == 0.3 and recs[6].terms[0][0] == 0.9
    w11 = recs[7]
    assert (w11.param, w11.index, w11.source) == ("W0", (0, 0), "hidden")
    assert w11.old == 0.3 and w11.change == pytest.approx(NEW_OUT_W[0] - 0.3, abs=TOL)


def test_stepper_text_en_and_zh():
    st = Stepper(worked_net(), "squared_error", X, TARGET, LR)
    texts = [r.text() for r in st.records]
    assert texts[0] == (
        "hidden unit 1: β_1 = 0.35×0.1 + 0.9×0.8 = 0.755,  b_1 = σ(0.755) = 0.680267"
    )
    assert texts[1] == ("hidden unit 2: β_2 = 0.35×0.4 + 0.9×0.6 = 0.68,  b_2 = σ(0.68) = 0.663739")
    assert texts[2] == (
        "output unit 1: α_1 = 0.680267×0.3 + 0.663739×0.9 = 0.801445,  ŷ_1 = σ(0.801445) = 0.690283"
    )
    assert texts[3] == "error: E = ½(ŷ_1 − y_1)² = ½(0.690283 − 0.5)² = 0.0181039"
    assert texts[4] == (
        "output unit 1, gradient term: g_1 = ŷ_1(1−ŷ_1)(y_1−ŷ_1) = "
        "0.690283×(1−0.690283)×(0.5−0.690283) = −0.0406811"
    )
    assert texts[5] == (
        "hidden unit 1, gradient term: e_1 = b_1(1−b_1) Σ_j w_1j g_j = "
        "0.680267×(1−0.680267)×(0.3×(−0.0406811)) = −0.00265449"
    )
    assert texts[6].endswith("0.663739×(1−0.663739)×(0.9×(−0.0406811)) = −0.00817165")
    assert texts[7] == (
        "weight b_1 → ŷ_1, learning rate η = 1: Δw_11 = η g_1 b_1 = "
        "1×(−0.0406811)×0.680267 = −0.027674,  w_11 ← 0.3 + (−0.027674) = 0.272326"
    )
    assert texts[9].endswith(
        "Δv_11 = η e_1 x_1 = 1×(−0.00265449)×0.35 = −0.000929071,  "
        "v_11 ← 0.1 + (−0.000929071) = 0.0990709"
    )
    zh = [r.text("zh") for r in st.records]
    assert zh[0] == "隐层神经元 1：β_1 = 0.35×0.1 + 0.9×0.8 = 0.755,  b_1 = σ(0.755) = 0.680267"
    assert zh[2].startswith("输出神经元 1：α_1 = ")
    assert zh[3] == "误差：E = ½(ŷ_1 − y_1)² = ½(0.690283 − 0.5)² = 0.0181039"
    assert zh[4].startswith("输出神经元 1，梯度项：g_1 = ")
    assert zh[7].startswith("权重 b_1 → ŷ_1，学习率 η = 1：Δw_11 = ")
    # the slide's 3-4 digits
    assert (
        st.records[1].text(digits=4)
        == "hidden unit 2: β_2 = 0.35×0.4 + 0.9×0.6 = 0.68,  b_2 = σ(0.68) = 0.6637"
    )
    assert st.records[4].formula(digits=3).endswith("= −0.0407")


def test_labels_name_the_neurons():
    labels = {"in": ["A", "B"], "hidden": ["h1", "h2"], "out": ["o"]}
    st = Stepper(worked_net(), "squared_error", X, TARGET, LR, labels=labels)
    recs = st.records
    assert recs[0].text() == (
        "hidden unit h1: β_1 = 0.35×0.1 + 0.9×0.8 = 0.755,  b_1 = σ(0.755) = 0.680267"
    )
    assert recs[0].text("zh").startswith("隐层神经元 h1：β_1")
    assert recs[7].head() == "weight h1 → o, learning rate η = 1"
    assert recs[9].head("zh") == "权重 A → h1，学习率 η = 1"


def test_stepper_reaches_the_course_weights_and_steps_back():
    net = worked_net()
    before = net.get_weights()
    st = Stepper(net, "squared_error", X, TARGET, LR)
    # forward, loss and backward change nothing
    for _ in range(7):
        assert st.next().phase != "update"
    assert np.array_equal(net.get_weights(), before)
    st.run_to_end()
    assert st.done
    check_new_weights(net)
    after = net.get_weights()
    # and it is the vectorised step, bit for bit
    ref = worked_net()
    ref.loss_and_grad(np.array([X]), np.array([[TARGET]]), SquaredError())
    ref.sgd_step(LR)
    assert np.array_equal(after, ref.get_weights())
    check_forward_again(net)
    # stepping back all the way restores the old weights
    net.set_weights(after)
    while st.back() is not None:
        pass
    assert st.position == 0
    assert np.array_equal(net.get_weights(), before)
