"""In-place kernels of the built-in activations, for the fused dense-chain and replica paths.

A kernel factory takes ``(act, dtype)`` and returns ``(f, d)``: ``f(z, o, t)`` writes
f(z) into o; ``d(g, z, o, t, out)`` writes g·f′(z) into out (t is scratch of z's shape);
``d`` is None for the identity (δ = g). Each follows its activation in
nnsim.engine.activations operation for operation, so the fused path's numbers are the
general path's. Constants are 0-d arrays of the network's dtype: NumPy converts a Python
float on every call, which costs more than the arithmetic on a 4 × 10 array. An
activation registered without a kernel gets :func:`generic_kernels`.
"""

from __future__ import annotations

import numpy as np


def generic_kernels(act, dtype):
    """Kernels that call the activation's own ``f`` and ``df`` (any registered activation)."""

    def f(z, o, t):
        o[...] = act.f(z)

    def d(g, z, o, t, out):
        np.multiply(g, act.df(z, o), out)

    return f, d


def identity_kernels(act, dtype):
    """f(z) = z: copy unless the output is the net input; no backward multiply."""

    def f(z, o, t):
        if o is not z:
            np.copyto(o, z)

    return f, None


def tanh_kernels(act, dtype):
    """tanh and f′ = 1 − y²."""
    one = np.array(1, dtype)

    def f(z, o, t):
        np.tanh(z, o)

    def d(g, z, o, t, out):
        np.multiply(o, o, t)
        np.subtract(one, t, t)  # 1 − y²
        np.multiply(g, t, out)

    return f, d


def sigmoid_kernels(act, dtype):
    """σ and f′ = y(1 − y)."""
    one = np.array(1, dtype)
    # 1 / (1 + e^−z) with −z clipped below exp's overflow; where the clip acts
    # σ(z) < 1e-300 (float64) or < 1e-37 (float32), as good as the exact value
    cap = np.array(700 if np.dtype(dtype).itemsize >= 8 else 87, dtype)

    def f(z, o, t):
        np.negative(z, o)
        np.minimum(o, cap, out=o)
        np.exp(o, o)
        np.add(o, one, o)
        np.divide(one, o, o)

    def d(g, z, o, t, out):
        np.subtract(one, o, t)
        np.multiply(o, t, t)  # y (1 − y)
        np.multiply(g, t, out)

    return f, d


def relu_kernels(act, dtype):
    """max(z, 0) and f′ = [z > 0]."""
    zero = np.array(0, dtype)

    def f(z, o, t):
        np.maximum(z, zero, out=o)

    def d(g, z, o, t, out):
        np.greater(z, zero, t)  # 1 where z > 0, else 0
        np.multiply(g, t, out)

    return f, d


def leaky_relu_kernels(act, dtype):
    """max(z, a·z) for a slope 0 ≤ a ≤ 1; other slopes take the generic kernels."""
    a = float(act.param)
    if not 0.0 <= a <= 1.0:
        return generic_kernels(act, dtype)
    zero = np.array(0, dtype)
    slope, rest = np.array(a, dtype), np.array(1.0 - a, dtype)

    def f(z, o, t):
        # max(z, a·z) is z for z > 0 and a·z otherwise when 0 ≤ a ≤ 1
        np.multiply(z, slope, t)
        np.maximum(z, t, out=o)

    def d(g, z, o, t, out):
        np.greater(z, zero, t)
        np.multiply(t, rest, t)
        np.add(t, slope, t)  # 1 where z > 0, else a
        np.multiply(g, t, out)

    return f, d
