"""In-place kernels of the built-in losses, and the target matrix, for the fused paths.

The fused dense chain (dense_chain.py) and the replica stack train through these.

A kernel ``kernel(o, tgt, ws, s)`` takes o and tgt as (outputs, batch) arrays, writes
s·∂(Σ_k E_k)/∂o into ``ws.g[-1]`` and returns Σ_k E_k over the batch (``ws`` is the
chain's workspace: its scratch arrays ``e``, ``m``, ``r`` and its in-place ``sigmoid``).
With s = 1/B that is Loss.grad, the gradient of the mean loss; the training loop passes
s = −η/B to fold in the step. A loss without a kernel here trains on the general path.
"""

from __future__ import annotations

import numpy as np

from nnsim.engine.losses import SigmoidBinaryCrossEntropy, SoftmaxCrossEntropy, SquaredError


def _se_kernel(o, tgt, ws, s):
    e = ws.e
    np.subtract(o, tgt, e)
    total = 0.5 * np.vdot(e, e)
    np.multiply(e, s, ws.g[-1])
    return total


def _softmax_ce_kernel(o, tgt, ws, s):
    e, g, m, r = ws.e, ws.g[-1], ws.m, ws.r
    np.max(o, axis=0, keepdims=True, out=m)
    np.subtract(o, m, e)  # shifted logits: exp cannot overflow
    np.exp(e, g)
    np.sum(g, axis=0, keepdims=True, out=r)
    # E_k = Σ_j d_j (log Σ_i e^shifted_i − shifted_j)
    total = np.vdot(tgt.sum(axis=0), np.log(r)) - np.vdot(tgt, e)
    np.divide(g, r, g)  # softmax
    np.subtract(g, tgt, g)
    np.multiply(g, s, g)
    return total


def _sigmoid_bce_kernel(o, tgt, ws, s):
    e, g = ws.e, ws.g[-1]
    # E_k = Σ max(z, 0) − z·d + log(1 + e^−|z|)
    np.abs(o, e)
    np.negative(e, e)
    np.exp(e, e)
    np.log1p(e, e)
    total = e.sum() + np.maximum(o, 0).sum() - np.vdot(o, tgt)
    ws.sigmoid(o, g, None)
    np.subtract(g, tgt, g)
    np.multiply(g, s, g)
    return total


_LOSS_KERNELS = {
    SquaredError: _se_kernel,
    SoftmaxCrossEntropy: _softmax_ce_kernel,
    SigmoidBinaryCrossEntropy: _sigmoid_bce_kernel,
}


def loss_kernel(loss):
    """The in-place kernel for a built-in loss, or None (then the general path runs)."""
    return _LOSS_KERNELS.get(type(loss))


def target_matrix(loss, y, n: int, n_out: int, dtype):
    """Targets as an (n, n_out) array of ``dtype``, or None when they do not fit (the
    general path then raises the loss's own error)."""
    y = np.asarray(y)
    if not np.issubdtype(y.dtype, np.number) and y.dtype != bool:
        return None
    if type(loss) is SoftmaxCrossEntropy and (
        y.ndim == 1 or (y.ndim == 2 and y.shape[1] == 1 and n_out > 1)
    ):
        idx = y.reshape(-1).astype(np.int64)
        if idx.shape[0] != n or (idx.size and (idx.min() < 0 or idx.max() >= n_out)):
            return None
        t = np.zeros((n, n_out), dtype)
        t[np.arange(n), idx] = 1
        return t
    if y.ndim == 1 and n_out == 1:
        y = y[:, None]
    if y.shape != (n, n_out):
        return None
    return np.asarray(y, dtype=dtype)
