"""The step-through shows the update training applies: momentum, Adam, L2/L1 penalties.

Hand-computed on the worked example (COURSE §6: sigmoid units, no thresholds, x = (0.35,
0.9), target 0.5, v_11 = 0.1, v_21 = 0.8, v_12 = 0.4, v_22 = 0.6, w_11 = 0.3, w_21 = 0.9),
each pass on the same sample from the weights and optimiser state the last one left:

momentum μ = 0.9, η = 1 (v starts at 0):
    pass 1: ∂E/∂w_11 = −g_1 b_1 = 0.0406811 × 0.680267 = 0.0276740,
            v = −0.0276740, w_11 = 0.272326 (the slide's plain BP step: v was 0)
    pass 2: forward again gives ŷ = 0.682019, b_1 = 0.679729; ∂E/∂w_11 = 0.0268318,
            v = 0.9 × (−0.0276740) − 0.0268318 = −0.0517384, w_11 = 0.220588
Adam η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e−8:
    pass 1 (t = 1): m = 0.1 × 0.0276740 = 0.00276740, v = 0.001 × 0.0276740² = 7.65852e−7,
            m̂ = 0.0276740, v̂ = 7.65852e−4, Δw_11 = −0.1 × m̂/(√v̂ + ε) = −0.0999999639,
            w_11 = 0.200000036
    pass 2 (t = 2): ∂E/∂w_11 = 0.0227922, m = 0.00476989, v = 1.28457e−6,
            m̂ = 0.0251047, v̂ = 6.42608e−4, w_11 = 0.100967
"""

import copy
import math

import numpy as np
import pytest

from nnsim.engine import Dense, Input, Network
from nnsim.engine.optim import get_optimizer, get_regularizer
from nnsim.engine.stepper import Stepper, StepperError
from nnsim.engine.training import Trainer

X = np.array([0.35, 0.9])
T = 0.5


def worked_net() -> Network:
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


def scalar_grads(v, w):
    """∂E/∂w_hj and ∂E/∂v_ih of the worked example in plain Python (the book's formulas)."""
    s = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    b = [s(X[0] * v[0][h] + X[1] * v[1][h]) for h in range(2)]
    o = s(b[0] * w[0] + b[1] * w[1])
    g = o * (1 - o) * (T - o)
    e = [b[h] * (1 - b[h]) * w[h] * g for h in range(2)]
    return [-g * b[h] for h in range(2)], [[-e[h] * X[i] for h in range(2)] for i in range(2)]


def scalar_run(opt, passes):
    """Weights w, v after each pass by the optimiser's formulas in plain Python."""
    w, v = [0.3, 0.9], [[0.1, 0.4], [0.8, 0.6]]
    state = {}
    out = []
    for t in range(1, passes + 1):
        dw, dv = scalar_grads(v, w)
        grads = {("w", h): dw[h] for h in range(2)}
        grads.update({("v", i, h): dv[i][h] for i in range(2) for h in range(2)})
        for key, g in grads.items():
            p = w if key[0] == "w" else v[key[1]]
            idx = key[-1]
            if opt == "momentum":
                vel = 0.9 * state.get(key, 0.0) - 1.0 * g
                state[key] = vel
                p[idx] += vel
            else:
                m0, s0 = state.get(key, (0.0, 0.0))
                m, s2 = 0.9 * m0 + 0.1 * g, 0.999 * s0 + 0.001 * g * g
                state[key] = (m, s2)
                mh, vh = m / (1 - 0.9**t), s2 / (1 - 0.999**t)
                p[idx] -= 0.1 * mh / (math.sqrt(vh) + 1e-8)
        out.append((list(w), [list(r) for r in v]))
    return out


def step_passes(net, optimizer, passes, regularizer=None):
    """Step ``passes`` whole passes on the sample, each from the state the last left."""
    steppers = []
    for _ in range(passes):
        st = Stepper(net, "squared_error", X, T, optimizer.lr, optimizer=optimizer,
                     regularizer=regularizer)  # fmt: skip
        st.run_to_end()
        optimizer = st.optimizer_after
        steppers.append(st)
    return steppers


def record(st, symbol):
    return next(r for r in st.records if r.phase == "update" and r.symbol == symbol)


def trained(opt, passes, **kw):
    net = worked_net()
    tr = Trainer(net, "squared_error", (X[None], np.array([[T]])), rule="standard",
                 optimizer=opt, init=None, shuffle=False, **kw)  # fmt: skip
    tr.run(passes)
    return net.get_weights()


def test_momentum_two_passes_hand_computed_and_as_training_gives():
    net = worked_net()
    opt = get_optimizer("momentum", 1.0, momentum=0.9)
    p1, p2 = step_passes(net, opt, 2)
    w1 = record(p1, "w_11")
    assert w1.details["total"] == pytest.approx(0.0276740, abs=1e-7)
    assert w1.details["v_new"] == pytest.approx(-0.0276740, abs=1e-7)
    assert w1.new == pytest.approx(0.272326, abs=1e-6)  # the slide's BP step
    w2 = record(p2, "w_11")
    assert w2.details["v_old"] == w1.details["v_new"]
    assert w2.details["total"] == pytest.approx(0.0268318, abs=1e-7)
    assert w2.details["v_new"] == pytest.approx(-0.0517384, abs=1e-7)
    assert w2.new == pytest.approx(0.220588, abs=1e-6)
    assert w2.formula() == (
        "∂E/∂w_11 = −g_1 b_1 = −(−0.0394742)×0.679729 = 0.0268318\n"
        "v(w_11) ← μv(w_11) − η ∂E/∂w_11 = 0.9×(−0.027674) − 1×0.0268318 = −0.0517384\n"
        "w_11 ← w_11 + v(w_11) = 0.272326 + (−0.0517384) = 0.220588"
    )
    assert w2.head("en") == "weight b_1 → ŷ_1, learning rate η = 1, momentum μ = 0.9"
    assert w2.head("zh") == "权重 b_1 → ŷ_1，学习率 η = 1，动量 μ = 0.9"
    # an independent scalar reference, and the Trainer's own weights bit for bit
    (w_ref, v_ref) = scalar_run("momentum", 2)[-1]
    np.testing.assert_allclose(net.param("out", "W0")[:, 0], w_ref, rtol=0, atol=1e-14)
    np.testing.assert_allclose(net.param("hidden", "W0"), v_ref, rtol=0, atol=1e-14)
    assert np.array_equal(net.get_weights(), trained("momentum", 2, lr=1.0, momentum=0.9))
    # the optimiser given is never changed; its copy after the pass carries the velocity
    assert opt.v is None and p2.optimizer_after.t == 2


def test_adam_two_passes_hand_computed_and_as_training_gives():
    net = worked_net()
    opt = get_optimizer("adam", 0.1)
    p1, p2 = step_passes(net, opt, 2)
    d = record(p1, "w_11").details
    assert d["t"] == 1
    assert d["m"] == pytest.approx(0.00276740, abs=1e-8)
    assert d["v"] == pytest.approx(7.65852e-7, rel=1e-5)
    assert d["m_hat"] == pytest.approx(0.0276740, abs=1e-7)
    assert d["v_hat"] == pytest.approx(7.65852e-4, rel=1e-5)
    assert d["change"] == pytest.approx(-0.0999999639, abs=1e-10)
    assert d["new"] == pytest.approx(0.200000036, abs=1e-9)
    d2 = record(p2, "w_11").details
    assert d2["t"] == 2 and d2["m_old"] == d["m"] and d2["v_old"] == d["v"]
    assert d2["total"] == pytest.approx(0.0227922, abs=1e-7)
    assert d2["m"] == pytest.approx(0.00476989, abs=1e-8)
    assert d2["v"] == pytest.approx(1.28457e-6, rel=1e-5)
    assert d2["m_hat"] == pytest.approx(0.0251047, abs=1e-7)
    assert d2["v_hat"] == pytest.approx(6.42608e-4, rel=1e-5)
    assert d2["new"] == pytest.approx(0.100967, abs=1e-6)
    assert record(p1, "w_11").formula() == (
        "∂E/∂w_11 = −g_1 b_1 = −(−0.0406811)×0.680267 = 0.027674\n"
        "m(w_11) ← β₁m(w_11) + (1−β₁)∂E/∂w_11 = 0.9×0 + (1−0.9)×0.027674 = 0.0027674\n"
        "v(w_11) ← β₂v(w_11) + (1−β₂)(∂E/∂w_11)² = 0.999×0 + (1−0.999)×0.027674² = 7.65852e−7\n"
        "m̂(w_11) = m(w_11)/(1−β₁ᵗ) = 0.0027674/(1−0.9¹) = 0.027674,  "
        "v̂(w_11) = v(w_11)/(1−β₂ᵗ) = 7.65852e−7/(1−0.999¹) = 0.000765852\n"
        "Δw_11 = −η m̂(w_11)/(√v̂(w_11) + ε) = −0.1×0.027674/(√0.000765852 + 1e−8) = −0.1\n"
        "w_11 ← 0.3 + (−0.1) = 0.2"
    )
    assert "(1−0.9²)" in record(p2, "w_11").formula()
    assert record(p2, "v_12").head("en") == (
        "weight x_1 → b_2, learning rate η = 0.1, Adam β₁ = 0.9, β₂ = 0.999, ε = 1e−8, t = 2"
    )
    (w_ref, v_ref) = scalar_run("adam", 2)[-1]
    np.testing.assert_allclose(net.param("out", "W0")[:, 0], w_ref, rtol=0, atol=1e-12)
    np.testing.assert_allclose(net.param("hidden", "W0"), v_ref, rtol=0, atol=1e-12)
    assert np.array_equal(net.get_weights(), trained("adam", 2, lr=0.1))


def test_plain_sgd_keeps_the_slides_formula():
    st = Stepper(worked_net(), "squared_error", X, T, 1.0, optimizer=get_optimizer("sgd", 1.0))
    assert record(st, "w_11").formula() == (
        "Δw_11 = η g_1 b_1 = 1×(−0.0406811)×0.680267 = −0.027674,  "
        "w_11 ← 0.3 + (−0.027674) = 0.272326"
    )


def book_net(seed):
    net = Network(
        [
            Input("in", 2),
            Dense("hidden", 3, ["in"], "tanh"),
            Dense("out", 1, ["hidden"], "sigmoid"),
        ]
    )
    net.init_weights("uniform01", seed=seed)
    return net


@pytest.mark.parametrize(
    ("opt", "reg", "lam"),
    [("sgd", "l2", 0.05), ("sgd", "l1", 0.05), ("momentum", "l2", 0.01), ("adam", "l1", 0.01)],
)
def test_every_optimiser_and_penalty_as_training_gives_bit_for_bit(opt, reg, lam):
    """Accumulated BP on four samples, thresholds shown as θ = −b: three passes stepped
    record by record end in exactly the Trainer's weights."""
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=(4, 2)), rng.integers(0, 2, (4, 1)).astype(float)
    net, ref = book_net(1), book_net(1)
    o = get_optimizer(opt, 0.3, momentum=0.8)
    r = get_regularizer(reg, lam)
    for _ in range(3):
        st = Stepper(net, "squared_error", x, y, 0.3, optimizer=o, regularizer=r)
        st.run_to_end()
        o = st.optimizer_after
    tr = Trainer(ref, "squared_error", (x, y), rule="accumulated", lr=0.3, optimizer=opt,
                 momentum=0.8, reg=reg, reg_lambda=lam, init=None)  # fmt: skip
    tr.run(3)
    assert np.array_equal(net.get_weights(), ref.get_weights())


def test_thresholds_flip_with_their_state_and_the_penalty_is_shown():
    net = book_net(2)
    b_old = float(net.param("out", "b")[0])
    mom = get_optimizer("momentum", 0.5, momentum=0.9)
    # a velocity from an earlier step, as the Trainer would hold it
    mom.v = np.full(net.theta.size, 0.25)
    st = Stepper(net, "squared_error", [0.2, -0.4], 1.0, 0.5, optimizer=mom,
                 regularizer=get_regularizer("l2", 0.1))  # fmt: skip
    th = record(st, "θ_1")
    d = th.details
    assert d["old"] == -b_old and d["v_old"] == -0.25  # θ = −b: its velocity flips too
    g1 = next(r for r in st.records if r.symbol == "g_1").value
    assert d["grad"] == pytest.approx(g1, abs=1e-15)  # ∂E/∂θ_1 = g_1
    assert d["total"] == pytest.approx(g1 + 2 * 0.1 * d["old"], abs=1e-15)
    assert d["v_new"] == pytest.approx(0.9 * -0.25 - 0.5 * d["total"], abs=1e-15)
    assert d["new"] == d["old"] + d["v_new"]
    lines = th.formula().split("\n")
    assert lines[0].startswith("∂E/∂θ_1 = g_1 + 2λθ_1 = ")
    assert lines[1].startswith("v(θ_1) ← μv(θ_1) − η ∂E/∂θ_1 = 0.9×(−0.25) − 0.5×")
    assert th.head("en").endswith("momentum μ = 0.9, L2 penalty λ = 0.1")
    assert th.head("zh").endswith("动量 μ = 0.9，L2 正则化 λ = 0.1")
    assert mom.v[0] == 0.25  # untouched


def test_generic_notation_l1_batch():
    net = Network([Input("x", 2), Dense("h", 2, ["x"], "relu"), Dense("o", 1, ["h"]),
                   Dense("p", 1, ["o"], "sigmoid")])  # fmt: skip
    net.init_weights("uniform01", seed=4)
    st = Stepper(net, "squared_error", [[1.0, 2.0], [0.5, -1.0]], [0.0, 1.0], 0.1,
                 regularizer=get_regularizer("l1", 0.01))  # fmt: skip
    rec = next(r for r in st.records if r.phase == "update" and r.param == "b")
    first, second, third = rec.formula().split("\n")
    assert first.startswith(f"∂E/∂{rec.symbol} = Σ_k δ_1^(3) + λ sgn({rec.symbol}) = (")
    assert second.startswith(f"Δ{rec.symbol} = −η ∂E/∂{rec.symbol} = −0.1×")
    assert third.startswith(f"{rec.symbol} ← ")


def test_a_pass_whose_numbers_overflow_is_refused():
    net = worked_net()
    net.param("hidden", "W0")[...] = 1e308
    net.param("out", "W0")[...] = -1e308
    # σ(∞) = 1 is finite, but β_1 = 3.5e9×1e308 + 9e9×1e308 = ∞ teaches nothing
    with pytest.raises(StepperError, match="the net inputs of layer 'hidden' are not finite"):
        Stepper(net, "squared_error", X * 1e10, 1.0, 1.0)
    # a finite forward pass, but w_11 + v(w_11) = 1e308 + 0.9×1e308 overflows
    net = worked_net()
    net.param("out", "W0")[...] = [[1e308], [0.0]]
    before = net.get_weights()
    mom = get_optimizer("momentum", 1.0, momentum=0.9)
    mom.v = np.full(net.theta.size, 1e308)
    with pytest.raises(StepperError, match="the new weights are not finite.*learning rate"):
        Stepper(net, "squared_error", X, T, 1.0, optimizer=mom)
    assert np.array_equal(net.get_weights(), before)  # nothing written


def test_copying_the_optimiser_keeps_the_trainers_state_apart():
    tr_opt = get_optimizer("adam", 0.1)
    st = Stepper(worked_net(), "squared_error", X, T, 0.1, optimizer=tr_opt)
    st.run_to_end()
    assert tr_opt.t == 0 and tr_opt.m is None
    assert st.optimizer_before.t == 0 and st.optimizer_after.t == 1
    assert copy.deepcopy(st.optimizer_after).m is not st.optimizer_after.m
