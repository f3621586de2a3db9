"""The stacked passes of R replicas of one Dense chain: weights (R, …), batched products.

``replicas.py`` trains R copies of one chain of Dense layers together. This module holds
their arrays and passes: every weight array of ``dense_chain`` gains a leading replica axis
(row r of ``theta`` (R, P) is replica r's flat parameter vector, laid out as its own
network's), a matrix product becomes one ``np.matmul`` over the stack, an activation one
in-place kernel call over the replicas that use it.

Bit for bit. Each replica's numbers are those of its own network on the fused path: the
same kernels (``dense_chain._kernels``) in the same order on arrays of the same layout.
On NumPy's OpenBLAS, ``np.matmul`` on a stack calls the same BLAS routine on each
(k × b) slice as ``np.dot`` does on the single matrix (with the same transposition flags,
since the slices keep the single arrays' strides), and the elementwise kernels give each
element the value they give it anywhere in an array; tests/engine/test_replicas.py checks
both on random networks. The per-replica sums the trainer only tests for finiteness
(the batch losses) are row-wise dot products, BLAS's ``ddot`` of each row as ``np.vdot``.
"""

from __future__ import annotations

import numpy as np

from nnsim.engine.dense_chain import _kernels
from nnsim.engine.losses import SigmoidBinaryCrossEntropy, SoftmaxCrossEntropy, SquaredError


class ChainShape:
    """What replicas must share to be stacked: layer sizes, biases, masks, slots, dtype.

    Parameters
    ----------
    net : Network
        A network with a fused chain (``net.chain`` not None).
    """

    def __init__(self, net):
        ch = net.chain
        slots = {(ln, pn): sl for ln, pn, sl, _ in net.slots}
        self.dtype = net.dtype
        self.n_in, self.n_out, self.n_params = ch.n_in, ch.n_out, net.n_params
        #: per layer: (inputs, units, bias, mask or None, first slot index of W0, end of b)
        self.layers = []
        for st in ch.steps:
            sw, sb = slots[(st.name, "W0")], slots[(st.name, "b")]
            mask = None if st.layer.masks[0] is None else np.asarray(st.layer.masks[0], bool)
            self.layers.append((st.n_in, st.n, st.bias, mask, sw.start, sb.stop))

    def key(self) -> tuple:
        """Equal for chains that can share one stack."""
        return (
            self.dtype.str,
            self.n_in,
            self.n_params,
            tuple(
                (k, n, bias, None if m is None else m.tobytes(), a, b)
                for k, n, bias, m, a, b in self.layers
            ),
        )


def _row_groups(names):
    """[(name, rows)] for the distinct names of a column; rows a slice when contiguous."""
    order: dict[str, list[int]] = {}
    for i, a in enumerate(names):
        order.setdefault(a, []).append(i)
    if len(order) == 1:
        return [(names[0], slice(None))]
    out = []
    for a, ix in order.items():
        rows = slice(ix[0], ix[-1] + 1) if ix[-1] - ix[0] + 1 == len(ix) else np.array(ix)
        out.append((a, rows))
    return out


def _fwd_calls(groups, acts, dtype, z, o, t):
    """The activation calls of one layer, bound to its arrays (a slice of rows is a view,
    scattered rows go through copies; identity copies z into o unless o is z)."""
    calls = []
    for name, rows in groups:
        f = _kernels(acts[name], dtype)[0]
        if o is z:
            continue  # identity for every row: the output is the net input
        if isinstance(rows, slice):
            zr, orr, tr = z[rows], o[rows], t[rows]
            calls.append(lambda f=f, zr=zr, orr=orr, tr=tr: f(zr, orr, tr))
        else:

            def scattered(f=f, rows=rows):
                zz = z[rows]
                oo = np.empty_like(zz)
                f(zz, oo, np.empty_like(zz))
                o[rows] = oo

            calls.append(scattered)
    return calls


def _bwd_calls(groups, acts, dtype, g, z, o, t, d):
    """The δ = g·f′(net) calls of one layer (identity: δ = g, copied unless d is g)."""
    calls = []
    for name, rows in groups:
        df = _kernels(acts[name], dtype)[1]
        if d is g:
            continue
        if df is None:
            if isinstance(rows, slice):
                gr, dr = g[rows], d[rows]
                calls.append(lambda gr=gr, dr=dr: np.copyto(dr, gr))
            else:

                def copy_rows(rows=rows):
                    d[rows] = g[rows]

                calls.append(copy_rows)
        elif isinstance(rows, slice):
            gr, zr, orr, tr, dr = g[rows], z[rows], o[rows], t[rows], d[rows]
            calls.append(lambda df=df, a=(gr, zr, orr, tr, dr): df(*a))
        else:

            def scattered(df=df, rows=rows):
                gg = g[rows]
                dd = np.empty_like(gg)
                df(gg, z[rows], o[rows], np.empty_like(gg), dd)
                d[rows] = dd

            calls.append(scattered)
    return calls


class Stack:
    """The replicas being trained: their weights and gradients as (A, P) rows, their
    activations per layer, and the arrays of each batch size.

    Parameters
    ----------
    shape : ChainShape
    acts : list of list of Activation
        acts[i][r]: layer i's activation in row r.
    theta : ndarray
        (A, P) starting weights, copied.
    """

    def __init__(self, shape: ChainShape, acts, theta):
        self.shape = shape
        dt = self.dtype = shape.dtype
        self.theta = np.array(theta, dtype=dt, order="C")
        A, P = self.theta.shape
        self.A = A
        self.grad = np.zeros((A, P), dt)
        self.wf, self.gw, self.wt, self.gb, self.gmask = [], [], [], [], []
        for k, n, bias, _mask, a, b in shape.layers:
            both = self.theta[:, a:b].reshape(A, k + 1, n)
            gboth = self.grad[:, a:b].reshape(A, k + 1, n)
            self.wf.append((both if bias else both[:, :k]).transpose(0, 2, 1))
            self.gw.append(gboth if bias else gboth[:, :k])
            self.wt.append(both[:, :k])
            self.gb.append(None if bias else gboth[:, k])
            self.gmask.append(gboth[:, :k])
        self.acts = []  # per layer: {name: Activation}
        self.groups = []  # per layer: [(name, rows)]
        for col in acts:
            names = [a.name for a in col]
            self.acts.append({a.name: a for a in col})
            self.groups.append(_row_groups(names))
        self._work: dict[int, _Work] = {}

    def work(self, b: int) -> _Work:
        """The arrays for batch size ``b`` (kept)."""
        w = self._work.get(b)
        if w is None:
            if len(self._work) >= 6:
                self._work.pop(next(iter(self._work)))
            w = self._work[b] = _Work(self, b)
        return w

    def forward(self, w, x) -> None:
        """Every layer's output for the operand ``x`` (A, inputs [+ 1], b)."""
        for f, args in w.calls(x):
            f(*args)


class _Work:
    """Every array one batch size needs for the stack (cf. ``dense_chain._Workspace``)."""

    def __init__(self, stack: Stack, b: int):
        shape, dt, A = stack.shape, stack.dtype, stack.A
        layers = shape.layers
        last = len(layers) - 1
        self.b = b
        self.z, self.o, self.t, self.g, self.d, ins = [], [], [], [], [], [None]

        def unit_major(n):
            return np.empty((n, A, b), dt).transpose(1, 0, 2)

        def replica_major(n):
            return np.empty((A, n, b), dt)

        self.unit_major = []
        for i, (k, n, bias, _m, _a, _b) in enumerate(layers):
            all_identity = all(a == "identity" for a, _ in stack.groups[i])
            hidden = i < last
            # A hidden layer's arrays are stored unit by unit — (n, A, b) in memory — so
            # that an elementwise call over all replicas is one contiguous loop; each
            # replica's (n, b) slice is then a matrix with a longer leading dimension.
            # Only where every product it takes part in is a matrix-matrix product (gemm):
            # OpenBLAS's matrix-vector paths (one unit, one sample, one input row) can
            # round differently with another leading dimension or stride.
            um = (
                hidden
                and b > 1
                and n > 1
                and layers[i + 1][1] > 1
                and (k + bias > 1 if i == 0 else layers[i - 1][1] > 1)
            )
            self.unit_major.append(um)
            arr = unit_major if um else replica_major
            z = arr(n)
            if hidden:
                a = arr(n + 1)
                a[:, n] = 1  # the constant input of the next layer's bias
                o = a[:, :n]
                ins.append(a if layers[i + 1][2] else o)
            elif all_identity:
                o = z
            else:
                o = arr(n)
            g = arr(n)
            self.z.append(z)
            self.o.append(o)
            self.t.append(arr(n))
            self.g.append(g)
            self.d.append(g if all_identity else arr(n))
        n_out = shape.n_out
        self.e = np.empty((A, n_out, b), dt)
        self.e_row = self.e.reshape(A, 1, n_out * b)
        self.e_col = self.e.reshape(A, n_out * b, 1)
        self.m = np.empty((A, 1, b), dt)
        self.r = np.empty((A, 1, b), dt)
        self.half = np.array(0.5, dt)
        self.tc = np.empty((A, n_out, b), dt)  # targets, contiguous (for the row dots)
        self.sigmoid = _kernels(_sigmoid_activation(), dt)[0]
        one = np.array(1, dt)
        mm, tanh, mul, sub = np.matmul, np.tanh, np.multiply, np.subtract
        # Each layer's passes as (function, arguments) with None for the data operand,
        # which ``calls`` fills in: a batch's update is then one flat list of ufunc calls.
        self._fwd, self._bwd = [], []
        for i, (_k, _n, _bias, mask, _a, _b) in enumerate(layers):
            wf, z, o, t, g, d = stack.wf[i], self.z[i], self.o[i], self.t[i], self.g[i], self.d[i]
            ain = ins[i]  # None: the data operand
            tanh_only = stack.groups[i] == [("tanh", slice(None))]
            # elementwise calls get the arrays in memory order (contiguous: NumPy's
            # fastest loop), matrix products the (A, n, b) views
            m_ = (lambda v: v.transpose(1, 0, 2)) if self.unit_major[i] else (lambda v: v)
            if tanh_only:  # the Playground's, two calls
                fwd = [(mm, (wf, ain, z)), (tanh, (m_(z), m_(o)))]
            else:
                acts = _fwd_calls(stack.groups[i], stack.acts[i], dt, z, o, t)
                fwd = [(mm, (wf, ain, z))] + [(c, ()) for c in acts]
            self._fwd.append(fwd)
            gw, gb, gmask, wt = stack.gw[i], stack.gb[i], stack.gmask[i], stack.wt[i]
            dx = self.g[i - 1] if i > 0 else None
            if tanh_only and mask is None and gb is None:
                o_, t_ = m_(o), m_(t)
                bwd = [(mul, (o_, o_, t_)), (sub, (one, t_, t_)), (mul, (m_(g), t_, m_(d)))]
            else:
                bwd = [
                    (c, ()) for c in _bwd_calls(stack.groups[i], stack.acts[i], dt, g, z, o, t, d)
                ]
            bwd.append((mm, (ain, d.transpose(0, 2, 1), gw)))  # ∂E/∂[W; b] = [x; 1] δᵀ
            if mask is not None:
                bwd.append((mul, (gmask, mask, gmask)))
            if gb is not None:
                bwd.append((gb.fill, (0,)))
            if dx is not None:
                bwd.append((mm, (wt, d, dx)))  # ∂E/∂x = W δ
            self._bwd.append(bwd)

    def calls(self, x, backward: bool = False) -> list:
        """The forward pass (then, with ``backward``, the backward pass from the output
        error already in ``g[-1]``) for the operand ``x``, as (function, arguments)."""
        layers = self._fwd + (self._bwd[::-1] if backward else [])
        return [
            (f, tuple(x if a is None else a for a in args)) for lay in layers for f, args in lay
        ]

    @property
    def n_forward(self) -> int:
        """How many of ``calls``' entries are the forward pass."""
        return sum(len(lay) for lay in self._fwd)


def _sigmoid_activation():
    from nnsim.engine.activations import get_activation

    return get_activation("sigmoid")


def stacked_grid(shape: ChainShape, acts, theta, points, dtype=np.float32) -> np.ndarray:
    """The output of every replica on ``points``: (R, N, outputs) from one pass.

    The pictures' twin of ``DenseChain.grid`` (its layer-by-layer product, bias and
    in-place activation, in ``dtype``) with the replica axis in front: each layer is one
    ``np.matmul`` of the (N, inputs) points with the (R, inputs, units) weights, so the
    decision boundaries of a whole stack cost one engine call instead of one per replica.

    Parameters
    ----------
    shape : ChainShape
    acts : list of list of Activation
        acts[r][i]: layer i's activation in replica r.
    theta : ndarray
        (R, P) the replicas' flat weights.
    points : ndarray
        (N, inputs) the points.
    dtype : numpy dtype
        Of the computation and the result (float32: plenty for a picture).
    """
    dtype = np.dtype(dtype)
    th = np.asarray(theta).astype(dtype, copy=False)
    R = th.shape[0]
    h = np.asarray(points, dtype=dtype)
    for i, (k, n, bias, _mask, a, b) in enumerate(shape.layers):
        both = th[:, a:b].reshape(R, k + 1, n)
        z = np.matmul(h, both[:, :k])  # (N, k) @ (R, k, n) -> (R, N, n)
        if bias:
            z += both[:, k : k + 1, :]
        for _name, rows in _row_groups([acts[r][i].name for r in range(R)]):
            f = _kernels(acts[_first(rows, R)][i], dtype)[0]
            zr = z[rows]  # a view for a slice of rows, a copy for scattered ones
            f(zr, zr, np.empty_like(zr))
            if not isinstance(rows, slice):
                z[rows] = zr
        h = z
    return h


def _first(rows, R: int) -> int:
    """The first replica of a group of rows (a slice or an index array)."""
    if isinstance(rows, slice):
        return range(R)[rows][0]
    return int(rows[0])


# --- losses over the stack --------------------------------------------------------------
# Twins of dense_chain's loss kernels: o and tgt are (A, outputs, b); each writes s·∂E/∂o
# into w.g[-1] (s an (A, 1, 1) column of scales) and each row's summed loss into ``out``
# (an (A, 1, 1) array), with the single kernel's operations row by row.


def _rows_dot(a, b_):
    """(A, 1, 1) row-wise dot products of two (A, outputs, b) arrays (BLAS ddot per row)."""
    A = a.shape[0]
    return np.matmul(a.reshape(A, 1, -1), b_.reshape(A, -1, 1))


def se_rows(o, tgt, w, s, out):
    e = w.e
    np.subtract(o, tgt, e)
    np.matmul(w.e_row, w.e_col, out=out)
    np.multiply(out, w.half, out)
    np.multiply(e, s, w.g[-1])


def softmax_ce_rows(o, tgt, w, s, out):
    e, g, m, r = w.e, w.g[-1], w.m, w.r
    np.max(o, axis=1, keepdims=True, out=m)
    np.subtract(o, m, e)
    np.exp(e, g)
    np.sum(g, axis=1, keepdims=True, out=r)
    np.copyto(w.tc, tgt)
    lr = np.log(r)
    ts = np.ascontiguousarray(tgt.sum(axis=1, keepdims=True))
    A = o.shape[0]
    first = np.matmul(ts.reshape(A, 1, -1), lr.reshape(A, -1, 1))
    np.subtract(first, _rows_dot(w.tc, e), out)
    np.divide(g, r, g)
    np.subtract(g, tgt, g)
    np.multiply(g, s, g)


def sigmoid_bce_rows(o, tgt, w, s, out):
    e, g = w.e, w.g[-1]
    A = o.shape[0]
    np.abs(o, e)
    np.negative(e, e)
    np.exp(e, e)
    np.log1p(e, e)
    np.copyto(w.tc, tgt)
    total = e.reshape(A, -1).sum(axis=1) + np.maximum(o, 0).reshape(A, -1).sum(axis=1)
    np.subtract(total[:, None, None], _rows_dot(o, w.tc), out)
    w.sigmoid(o, g, None)
    np.subtract(g, tgt, g)
    np.multiply(g, s, g)


ROW_KERNELS = {
    SquaredError: se_rows,
    SoftmaxCrossEntropy: softmax_ce_rows,
    SigmoidBinaryCrossEntropy: sigmoid_bce_rows,
}


# --- evaluation over the stack ---------------------------------------------------------------


def loss_values(loss, out, y) -> np.ndarray:
    """``loss.value`` of each replica: out (A, outputs, m) as the chain computes it, y the
    stacked targets (A, m, ...). Returns (A,) float64.

    With one output the per-sample losses of all replicas are one ``per_sample`` call
    (each sample's value does not depend on the others'), then each row's mean; otherwise
    each replica's ``loss.value`` is called on its own (m, outputs) view.
    """
    A, n_out, m = out.shape
    if n_out == 1 and isinstance(loss, (SquaredError, SigmoidBinaryCrossEntropy)):
        per = loss.per_sample(out.reshape(A * m, 1), y.reshape(A * m, 1))
        return per.reshape(A, m).mean(axis=1).astype(np.float64)
    return np.array([loss.value(out[r].T, y[r]) for r in range(A)], np.float64)


def predicted_classes(out, thresholds) -> np.ndarray:
    """(A, m) classes as ``metrics.classes_from_output`` gives them row by row:
    threshold (a column, one per replica) for one output, argmax for several."""
    if out.shape[1] == 1:
        return (out[:, 0, :] >= thresholds).astype(np.int64)
    return out.argmax(axis=1).astype(np.int64)


class SquaredErrorEval:
    """The history's (loss, accuracy) of every replica on one fixed stacked set, as
    ``Trainer._evaluate`` computes them for squared error, one output and a set that fits
    one evaluation batch, with every array made once: a call is the forward pass and
    about ten more ufunc calls for all replicas.

    The operations are those of the single run: ``SquaredError.per_sample`` (½ (o − y)²,
    each a single product), its ``mean`` (a pairwise sum, then a division by the count
    as an ``intp``, as ``np.mean`` does), the trainer's ``total += value · m`` and
    ``total / m``; the accuracy counts ``o ≥ threshold`` against the classes.

    Parameters
    ----------
    stack : Stack
    work : _Work
        Arrays of batch size m (the set's size), shared with the other set of that size.
    x : ndarray
        (A, inputs [+ 1], m) the operand of the first layer.
    y : ndarray
        (A, m) or (A, m, 1) targets.
    classes : ndarray or None
        (A, m) true classes (0/1), or None for no accuracy.
    thresholds : ndarray
        (A, 1) each replica's decision threshold.
    """

    def __init__(self, stack, work, x, y, classes, thresholds):
        A, _, m = work.o[-1].shape
        dt = stack.dtype
        self.m, self.count = m, np.intp(m)
        self.fwd = work.calls(x)
        self.out = work.o[-1].reshape(A, m)
        self.y = np.ascontiguousarray(np.asarray(y).reshape(A, m), dtype=dt)
        self.e = np.empty((A, m), dt)
        self.half = np.array(0.5, dt)
        self.sums = np.empty(A, dt)
        self.classes = None if classes is None else np.asarray(classes).astype(bool)
        self.thresholds = thresholds
        self.pred = np.empty((A, m), bool)

    @staticmethod
    def fits(loss, n_out: int, m: int, eval_batch: int, classes) -> bool:
        """True when this evaluation reproduces ``Trainer._evaluate`` for the set."""
        if type(loss) is not SquaredError or n_out != 1 or not 0 < m <= eval_batch:
            return False
        return classes is None or bool(np.isin(np.unique(classes), (0, 1)).all())

    def __call__(self):
        """(loss, accuracy) per replica, (A,) float64 each (accuracy NaN without classes)."""
        for f, args in self.fwd:
            f(*args)
        e, m = self.e, self.m
        np.subtract(self.out, self.y, e)
        np.multiply(e, e, e)
        np.multiply(e, self.half, e)
        np.add.reduce(e, axis=1, out=self.sums)
        np.true_divide(self.sums, self.count, out=self.sums, casting="unsafe")
        loss = self.sums.astype(np.float64) * m / m
        if self.classes is None:
            return loss, np.full(len(loss), np.nan)
        np.greater_equal(self.out, self.thresholds, self.pred)
        np.equal(self.pred, self.classes, self.pred)
        return loss, np.count_nonzero(self.pred, axis=1) / m
