"""Optimisers and regularisers against hand-written scalar references on a tiny vector."""

import math

import numpy as np
import pytest

from nnsim.engine.optim import (
    L1,
    L2,
    SGD,
    Adam,
    Momentum,
    OptimizerError,
    get_optimizer,
    get_regularizer,
)

THETA0 = [0.5, -1.25, 0.0, 2.0]
# A different gradient at every step, so the moments really accumulate.
GRADS = [
    [0.1, -0.2, 0.3, 0.0],
    [-0.4, 0.05, 0.3, 1.0],
    [0.2, 0.2, -0.1, -2.0],
    [0.0, -0.3, 0.0, 0.5],
]


def run(opt):
    theta = np.array(THETA0)
    trail = []
    for g in GRADS:
        opt.step(theta, np.array(g))
        trail.append(theta.copy())
    return trail


def test_sgd_matches_the_formula():
    ref = list(THETA0)
    trail = run(SGD(0.3))
    for g, got in zip(GRADS, trail):
        ref = [t - 0.3 * gi for t, gi in zip(ref, g)]
        assert got.tolist() == pytest.approx(ref, abs=1e-15)


def test_momentum_matches_a_scalar_loop():
    lr, mu = 0.1, 0.9
    theta, v = list(THETA0), [0.0] * 4
    trail = run(Momentum(lr, mu))
    for g, got in zip(GRADS, trail):
        for i in range(4):
            v[i] = mu * v[i] - lr * g[i]
            theta[i] = theta[i] + v[i]
        assert got.tolist() == pytest.approx(theta, abs=1e-15)
    # Hand-checked first two steps of the first component: v1 = −0.01, θ = 0.49;
    # v2 = 0.9·(−0.01) + 0.04 = 0.031, θ = 0.521.
    assert trail[0][0] == pytest.approx(0.49)
    assert trail[1][0] == pytest.approx(0.521)


def test_adam_matches_a_scalar_loop():
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    theta, m, v = list(THETA0), [0.0] * 4, [0.0] * 4
    trail = run(Adam(lr, b1, b2, eps))
    for t, (g, got) in enumerate(zip(GRADS, trail), start=1):
        for i in range(4):
            m[i] = b1 * m[i] + (1 - b1) * g[i]
            v[i] = b2 * v[i] + (1 - b2) * g[i] ** 2
            mh = m[i] / (1 - b1**t)
            vh = v[i] / (1 - b2**t)
            theta[i] -= lr * mh / (math.sqrt(vh) + eps)
        assert got.tolist() == pytest.approx(theta, abs=1e-14)
    # Adam's first step moves every component with a non-zero gradient by ≈ η.
    first = np.array(THETA0) - trail[0]
    assert first.tolist() == pytest.approx([0.01, -0.01, 0.01, 0.0], abs=1e-8)


def test_reset_forgets_the_state():
    opt = Adam(0.01)
    a = run(opt)
    opt.reset()
    b = run(opt)
    assert np.array_equal(a[-1], b[-1])
    mom = Momentum(0.1)
    a = run(mom)
    mom.reset()
    assert np.array_equal(a[-1], run(mom)[-1])


def test_l2_penalty_and_gradient():
    theta = np.array(THETA0)
    reg = L2(0.01)
    assert reg.penalty(theta) == pytest.approx(0.01 * (0.25 + 1.5625 + 0 + 4))
    g = np.array(GRADS[0])
    reg.add_grad(theta, g)
    assert g.tolist() == pytest.approx([0.1 + 0.01, -0.2 - 0.025, 0.3, 0.04], abs=1e-15)


def test_l1_penalty_and_gradient_with_zero_at_zero():
    theta = np.array(THETA0)
    reg = L1(0.1)
    assert reg.penalty(theta) == pytest.approx(0.1 * (0.5 + 1.25 + 0 + 2))
    g = np.array(GRADS[0])
    reg.add_grad(theta, g)
    assert g.tolist() == pytest.approx([0.2, -0.3, 0.3, 0.1], abs=1e-15)


def test_l2_gradient_matches_finite_differences():
    theta = np.array(THETA0)
    reg = L2(0.3)
    g = np.zeros(4)
    reg.add_grad(theta, g)
    h = 1e-6
    for i in range(4):
        e = np.zeros(4)
        e[i] = h
        fd = (reg.penalty(theta + e) - reg.penalty(theta - e)) / (2 * h)
        assert g[i] == pytest.approx(fd, rel=1e-6, abs=1e-9)


def test_lookup_by_name_and_clear_errors():
    assert isinstance(get_optimizer("sgd", 0.1), SGD)
    mom = get_optimizer("momentum", 0.1, momentum=0.5, beta1=0.1)
    assert isinstance(mom, Momentum) and mom.momentum == 0.5
    adam = get_optimizer("Adam", 0.002, momentum=0.9, beta2=0.99)
    assert isinstance(adam, Adam) and adam.beta2 == 0.99 and adam.lr == 0.002
    assert get_regularizer(None).penalty(np.ones(3)) == 0.0
    assert isinstance(get_regularizer("l1", 0.1), L1)
    with pytest.raises(OptimizerError, match="unknown optimiser"):
        get_optimizer("rmsprop")
    with pytest.raises(OptimizerError, match="unknown regularisation"):
        get_regularizer("l3")
    with pytest.raises(OptimizerError, match="learning rate"):
        SGD(0)
    with pytest.raises(OptimizerError, match="learning rate"):
        SGD(float("nan"))
    with pytest.raises(OptimizerError, match="momentum"):
        Momentum(0.1, 1.0)
    with pytest.raises(OptimizerError, match="λ"):
        L2(-1)
    assert issubclass(OptimizerError, ValueError)
