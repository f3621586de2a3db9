"""The fused fast path for a chain of single-input Dense layers (the Playground's networks).

Small networks are limited by Python and NumPy call overhead, not by arithmetic. For the
common case Input → Dense → … → Dense (one input per layer, one activation per layer)
this module runs forward, loss and backward on preallocated arrays with in-place
ufuncs, and folds each bias into its weights: a layer's W (n_in × n_out) and b (n_out)
sit next to each other in the flat parameter buffer, so together they are one
(n_in + 1) × n_out matrix, and a row of ones under the layer's input turns
``W·x + b`` into one matrix product (and ∂E/∂[W; b] into one more).

Inside, a hidden layer's arrays are stored neuron by neuron — shape (units, batch) —
so every elementwise operation runs on contiguous memory; ``Network.values``,
``douts`` and ``Dense.net/out/delta`` are the usual (batch, units) views of them. The
numbers are those of the general path: the same formulas in the same order, except
for the order of the sums inside the matrix products.

``Network`` chooses this path by itself; nothing else needs to know about it. The
losses' in-place kernels and the target matrix are in loss_kernels.py.
"""

from __future__ import annotations

import numpy as np

from nnsim.engine.activation_kernels import generic_kernels
from nnsim.engine.activations import activation_entry, get_activation
from nnsim.engine.layers.base import Input
from nnsim.engine.layers.dense import Dense

#: Up to this many numbers (samples × (inputs + 1)) an epoch shuffles one copy of the
#: whole training set and takes its batches as slices; above it (MNIST) each batch is
#: gathered on its own, so no second copy of a large data set is held.
SHUFFLE_COPY_LIMIT = 1 << 21

# --- activations, in place ----------------------------------------------------------
# Each registered activation brings its own in-place kernels (activation_kernels.py);
# one registered without gets kernels that call its f and df.


def _kernels(act, dtype):
    """(forward, backward) in-place kernels for an Activation; backward None = identity."""
    make = activation_entry(act.name).kernels or generic_kernels
    return make(act, dtype)


# --- the chain ---------------------------------------------------------------------------


class _Step:
    """One Dense layer of the chain with its parameter and gradient views."""

    __slots__ = (
        "layer",
        "name",
        "n_in",
        "n",
        "bias",
        "act",
        "wf",
        "wt",
        "gw",
        "gb",
        "mask",
        "gmask",
        "f",
        "d",
    )


def _forward_fn(st, z, o, t, ain):
    dot, w, f = np.dot, st.wf, st.f
    if st.act.name == "tanh":  # the Playground's default, one call fewer
        tanh = np.tanh
        if ain is None:

            def fwd(x):
                dot(w, x, z)
                tanh(z, o)

        else:

            def fwd(x):
                dot(w, ain, z)
                tanh(z, o)

        return fwd
    if ain is None:  # the first layer reads the data batch it is given

        def fwd(x):
            dot(w, x, z)
            f(z, o, t)

    else:

        def fwd(x):
            dot(w, ain, z)
            f(z, o, t)

    return fwd


def _backward_fn(st, g, z, o, t, d, ain, dx):
    dot, mul = np.dot, np.multiply
    dmul, gw, wt, dT = st.d, st.gw, st.wt, d.T
    masks, gmask, gb = st.layer.masks, st.gmask, st.gb
    plain = st.mask is None and gb is None
    if st.act.name == "tanh" and plain:
        sub, one = np.subtract, np.array(1, z.dtype)
        if ain is None:

            def bwd(x):
                mul(o, o, t)
                sub(one, t, t)
                mul(g, t, d)
                dot(x, dT, gw)
                if dx is not None:
                    dot(wt, d, dx)

        else:

            def bwd(x):
                mul(o, o, t)
                sub(one, t, t)
                mul(g, t, d)
                dot(ain, dT, gw)
                dot(wt, d, dx)

        return bwd

    def bwd(x):
        if dmul is not None:
            dmul(g, z, o, t, d)  # δ = ∂E/∂out · f′(net)
        dot(x if ain is None else ain, dT, gw)  # ∂E/∂[W; b] = [x; 1] δᵀ
        if not plain:
            mask = masks[0]  # the layer's own, so an edited mask takes effect at once
            if mask is not None:
                mul(gmask, mask, gmask)
            if gb is not None:
                gb.fill(0)
        if dx is not None:
            dot(wt, d, dx)  # ∂E/∂x = W δ

    return bwd


class _Workspace:
    """Every array one batch size needs, made once and reused step after step."""

    def __init__(self, chain, b: int):
        dt, n_in = chain.dtype, chain.n_in
        steps = chain.steps
        self.b = b
        self.xa = np.empty((b, n_in + 1), dt)
        self.xa[:, n_in] = 1  # the constant input that carries the first bias
        self.xT = chain.data_operand(self.xa)
        self.z, self.o, self.t, self.g, self.d, ins = [], [], [], [], [], [None]
        last = len(steps) - 1
        for i, st in enumerate(steps):
            z = np.empty((st.n, b), dt)
            if i < last:
                a = np.empty((st.n + 1, b), dt)
                a[st.n] = 1  # the constant input of the next layer's bias
                o = a[: st.n]
                ins.append(a if steps[i + 1].bias else o)
            elif st.d is None:
                o = z  # an identity output is its net input: nothing to copy
            else:
                o = np.empty((st.n, b), dt)
            g = np.empty((st.n, b), dt)
            self.z.append(z)
            self.o.append(o)
            self.t.append(np.empty((st.n, b), dt))
            self.g.append(g)
            self.d.append(g if st.d is None else np.empty((st.n, b), dt))
        self.gx = np.empty((n_in, b), dt)
        n_out = steps[-1].n
        self.tb = np.empty((b, n_out), dt)  # a gathered batch of targets
        self.tbT = self.tb.T
        self.e = np.empty((n_out, b), dt)
        self.m = np.empty((1, b), dt)
        self.r = np.empty((1, b), dt)
        self.s = np.zeros((), dt)  # the loss gradient's scale
        self.sigmoid = _kernels(get_activation("sigmoid"), dt)[0]
        self.fwd = [
            _forward_fn(st, z, o, t, a)
            for st, z, o, t, a in zip(steps, self.z, self.o, self.t, ins)
        ]
        dxs = [None] + self.g[:-1]
        bwd = [
            _backward_fn(*args)
            for args in zip(steps, self.g, self.z, self.o, self.t, self.d, ins, dxs)
        ]
        self.bwd = bwd[::-1]
        self.bwd_in = (
            [
                _backward_fn(
                    steps[0], self.g[0], self.z[0], self.o[0], self.t[0], self.d[0], None, self.gx
                )
            ]
            + bwd[1:]
        )[::-1]
        # the (batch, units) views the rest of nnsim reads
        self.zT = [z.T for z in self.z]
        self.oT = [o.T for o in self.o]
        self.gT = [g.T for g in self.g]
        self.dT = [d.T for d in self.d]
        self.x_view = self.xa[:, :n_in]


class DenseChain:
    """The fused path of a network; ``DenseChain.of(net)`` is None if it is not a chain."""

    #: How many batch sizes keep their arrays (the training batch, a shorter last
    #: batch, single samples for the stepper, ...); the oldest is dropped first.
    max_workspaces = 6

    def __init__(self, net, input_name: str, steps: list[_Step]):
        self.net = net
        self.input_name = input_name
        self.steps = steps
        self.dtype = net.dtype
        self.n_in = steps[0].n_in
        self.n_out = steps[-1].n
        self._ws: dict[int, _Workspace] = {}
        #: Inference arrays, apart from the training ones: evaluating must not overwrite
        #: the values the last training step published.
        self._infer_ws: dict[int, _Workspace] = {}
        self._epoch: dict = {}
        self._grid_kernels: dict = {}

    @classmethod
    def of(cls, net):
        """The chain for ``net``, or None when ``net`` is not a plain chain of Dense layers."""
        order = net.order
        if len(net.input_names) != 1 or len(order) < 2 or order[0] != net.input_names[0]:
            return None
        inp = net.layers[order[0]]
        if type(inp) is not Input or len(inp.shape) != 1 or net.output_names != [order[-1]]:
            return None
        slots = {(ln, pn): sl for ln, pn, sl, _ in net.slots}
        steps, prev = [], order[0]
        for name in order[1:]:
            layer = net.layers[name]
            if type(layer) is not Dense or layer.inputs != [prev] or len(layer._groups) != 1:
                return None
            if set(layer.params) != {"W0", "b"} or net.consumers[prev] != [name]:
                return None
            sw, sb = slots[(name, "W0")], slots[(name, "b")]
            if sw.stop != sb.start:  # b must follow W to fold into it
                return None
            st = _Step()
            st.layer, st.name = layer, name
            st.n_in, st.n, st.bias = layer.in_shapes[0][0], layer.size, layer.use_bias
            st.act = layer._groups[0][0]
            both = net.theta[sw.start : sb.stop].reshape(st.n_in + 1, st.n)
            gboth = net.grad[sw.start : sb.stop].reshape(st.n_in + 1, st.n)
            st.wf = (both if st.bias else both[: st.n_in]).T
            st.gw = gboth if st.bias else gboth[: st.n_in]
            st.wt = both[: st.n_in]
            st.gb = None if st.bias else gboth[st.n_in]
            st.mask = layer.masks[0]
            st.gmask = gboth[: st.n_in]
            st.f, st.d = _kernels(st.act, net.dtype)
            steps.append(st)
            prev = name
        return cls(net, order[0], steps)

    def data_operand(self, xa):
        """The first layer's right-hand operand for an augmented (batch, inputs + 1) block."""
        return (xa if self.steps[0].bias else xa[:, : self.n_in]).T

    def workspace(self, b: int) -> _Workspace:
        """The arrays for batch size ``b``, kept for reuse."""
        ws = self._ws.get(b)
        if ws is None:
            if len(self._ws) >= self.max_workspaces:
                self._ws.pop(next(iter(self._ws)))
            ws = self._ws[b] = _Workspace(self, b)
        return ws

    # --- passes -------------------------------------------------------------------------
    def publish(self, ws, x, backward: bool, input_grad: bool = False) -> None:
        """Point ``Network.values``/``douts`` and each layer's caches at ``ws``."""
        values = self.net.values
        values[self.input_name] = prev = x
        for st, zT, oT in zip(self.steps, ws.zT, ws.oT):
            layer = st.layer
            layer._xs = [prev]
            layer.net = zT
            layer.out = values[st.name] = prev = oT
        if backward:
            douts = {}
            for st, gT, dT in zip(self.steps, ws.gT, ws.dT):
                st.layer.delta = dT
                douts[st.name] = gT
            if input_grad:
                douts[self.input_name] = ws.gx.T
            self.net.douts = douts

    def _step(self, ws, xT, x, t, kernel, input_grad) -> float:
        """Forward, loss and backward on one batch; every published array is filled.
        Returns the batch's summed loss."""
        for f in ws.fwd:
            f(xT)
        ws.s.fill(1.0 / ws.b)
        total = kernel(ws.o[-1], t, ws, ws.s)
        for f in ws.bwd_in if input_grad else ws.bwd:
            f(xT)
        self.publish(ws, x, backward=True, input_grad=input_grad)
        return float(total)

    def loss_and_grad(self, x, t, kernel, input_grad: bool) -> float:
        """``Network.loss_and_grad`` on the reused arrays for this batch size."""
        ws = self.workspace(x.shape[0])
        np.copyto(ws.x_view, x)
        return self._step(ws, ws.xT, ws.x_view, t.T, kernel, input_grad) / ws.b

    # --- training -------------------------------------------------------------------------
    def train_epoch(self, x, t, kernel, lr: float, bs: int, order) -> float:
        """One epoch of mini-batch SGD (see ``Network.train_epoch_sgd``)."""
        n, d = x.shape
        net = self.net
        theta, grad, add = net.theta, net.grad, np.add
        starts = list(range(0, n, bs))
        total = 0.0
        if n * (d + 1) <= SHUFFLE_COPY_LIMIT:
            xs, ts, batches = self._epoch_arrays(n, bs, t.shape[1])
            if order is None:
                np.copyto(xs[:, :d], x)
                np.copyto(ts, t)
            else:
                np.take(x, order, axis=0, out=xs[:, :d])
                np.take(t, order, axis=0, out=ts)
            if len(batches) > 1:
                # All batches but the last: the output error is scaled by −η/B, so the
                # gradient comes out as the step itself and the update is one addition.
                ws = self.workspace(bs)
                fwd, bwd, out, s = ws.fwd, ws.bwd, ws.o[-1], ws.s
                s.fill(-lr / bs)
                for xT, tb in batches[:-1]:
                    for f in fwd:
                        f(xT)
                    total += kernel(out, tb, ws, s)
                    for f in bwd:
                        f(xT)
                    add(theta, grad, theta)
            # the last batch the ordinary way, so that grad, douts and values are true
            i = starts[-1]
            ws = self.workspace(n - i)
            xT, tb = batches[-1]
            total += self._step(ws, xT, xs[i:, :d], tb, kernel, False)
            net.sgd_step(lr)
            return float(total) / n
        # large data sets: gather each batch into the workspace
        for i in starts:
            idx = slice(i, i + bs) if order is None else order[i : i + bs]
            ws = self.workspace(min(bs, n - i))
            if order is None:
                np.copyto(ws.x_view, x[idx])
                np.copyto(ws.tb, t[idx])
            else:
                np.take(x, idx, axis=0, out=ws.x_view)
                np.take(t, idx, axis=0, out=ws.tb)
            if i != starts[-1]:
                for f in ws.fwd:
                    f(ws.xT)
                ws.s.fill(-lr / ws.b)
                total += kernel(ws.o[-1], ws.tbT, ws, ws.s)
                for f in ws.bwd:
                    f(ws.xT)
                add(theta, grad, theta)
            else:
                total += self._step(ws, ws.xT, ws.x_view, ws.tbT, kernel, False)
                net.sgd_step(lr)
        return float(total) / n

    def _epoch_arrays(self, n: int, bs: int, n_out: int):
        """The shuffled copy of the data (inputs with their column of ones) and its
        batches as views (targets transposed to (outputs, batch)), kept from epoch to
        epoch."""
        key = (n, bs, n_out)
        arrays = self._epoch.get(key)
        if arrays is None:
            xs = np.empty((n, self.n_in + 1), self.dtype)
            xs[:, self.n_in] = 1
            ts = np.empty((n, n_out), self.dtype)
            batches = [
                (self.data_operand(xs[i : i + bs]), ts[i : i + bs].T) for i in range(0, n, bs)
            ]
            self._epoch.clear()
            arrays = self._epoch[key] = (xs, ts, batches)
        return arrays

    def infer(self, x) -> np.ndarray:
        """The output for ``x`` (batch, inputs) as a (batch, outputs) view of reused arrays.

        The forward pass of training on arrays of its own, so evaluating the loss after
        every epoch costs a few ufunc calls instead of the general path's new arrays.
        The view is valid until the next call with the same batch size.
        """
        b = x.shape[0]
        ws = self._infer_ws.get(b)
        if ws is None:
            if len(self._infer_ws) >= 2:  # training and validation sizes
                self._infer_ws.pop(next(iter(self._infer_ws)))
            ws = self._infer_ws[b] = _Workspace(self, b)
        np.copyto(ws.x_view, x)
        for f in ws.fwd:
            f(ws.xT)
        return ws.oT[-1]

    # --- pictures -----------------------------------------------------------------------------
    def grid(self, points, dtype) -> dict:
        """Every layer's output on ``points`` (N, inputs), computed in ``dtype``."""
        kernels = self._grid_kernels.get(dtype)
        if kernels is None:
            kernels = self._grid_kernels[dtype] = [_kernels(st.act, dtype)[0] for st in self.steps]
        theta = self.net.theta.astype(dtype)
        off = {ln: sl for ln, pn, sl, _ in self.net.slots if pn == "W0"}
        res = {self.input_name: points}
        h = points.T
        for st, f in zip(self.steps, kernels):
            sl = off[st.name]
            both = theta[sl.start : sl.stop + st.n].reshape(st.n_in + 1, st.n)
            z = np.dot(both[: st.n_in].T, h)
            if st.bias:
                z += both[st.n_in, :, None]
            f(z, z, np.empty_like(z))
            res[st.name] = z.T
            h = z
        return res
