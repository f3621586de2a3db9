"""A network: a DAG of layers with one flat parameter buffer and one flat gradient buffer."""

from __future__ import annotations

import numpy as np

from nnsim.engine import dense_chain, loss_kernels
from nnsim.engine.errors import NetworkError, ShapeError
from nnsim.engine.layers.base import Input, Layer


def topological_order(layers: dict[str, Layer]) -> list[str]:
    """Order layer names so every layer comes after its inputs.

    Raises
    ------
    NetworkError
        Naming the layers of a cycle, or an input that does not exist.
    """
    for layer in layers.values():
        for src in layer.inputs:
            if src not in layers:
                raise NetworkError(f"layer {layer.name!r} takes input from unknown layer {src!r}")
    order: list[str] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(name: str, path: list[str]) -> None:
        st = state.get(name)
        if st == 2:
            return
        if st == 1:
            # the path follows inputs backwards; name the cycle the way data flows
            cyc = (path[path.index(name) :] + [name])[::-1]
            raise NetworkError(
                "the network has a cycle: " + " → ".join(cyc) + " (only RNN layers may loop)"
            )
        state[name] = 1
        path.append(name)
        for src in layers[name].inputs:
            visit(src, path)
        path.pop()
        state[name] = 2
        order.append(name)

    for name in layers:
        visit(name, [])
    return order


class Network:
    """Layers wired into a DAG, trained as one flat parameter vector.

    All parameters live in one contiguous buffer ``theta`` (and their gradients in
    ``grad``) so an update is a single NumPy operation however many layers there are;
    each layer's ``params`` are views into it.

    Parameters
    ----------
    layers : sequence of Layer
        In any order; ``inputs`` names define the wiring.
    outputs : sequence of str, optional
        Output layers; by default the one layer nothing consumes.
    dtype : numpy dtype
        float64 (default, the slides' numbers match to 1e-6) or float32.
    fused : bool
        Use the fused fast path when the network is a chain of single-input Dense
        layers with one activation per layer (see ``dense_chain``); it gives the same
        numbers as the general path. ``use_fused`` switches it at run time.

    Notes
    -----
    ``values`` (every layer's output), ``douts`` (∂E/∂ every layer's output) and the
    layers' caches (``Dense.net/out/delta``) hold the last pass. On the fused path
    ``loss_and_grad`` and ``train_epoch_sgd`` reuse these arrays from call to call (as
    ``grad`` always is), so copy what you want to keep; ``forward`` makes new arrays.
    """

    def __init__(self, layers, outputs=None, dtype=np.float64, fused=True):
        self.dtype = np.dtype(dtype)
        self.layers: dict[str, Layer] = {}
        for layer in layers:
            if layer.name in self.layers:
                raise NetworkError(f"two layers are named {layer.name!r}")
            self.layers[layer.name] = layer
        self.order = topological_order(self.layers)
        self.input_names = [n for n in self.order if isinstance(self.layers[n], Input)]
        if not self.input_names:
            raise NetworkError("the network has no input layer")
        consumers: dict[str, list[str]] = {n: [] for n in self.layers}
        for layer in self.layers.values():
            for src in layer.inputs:
                consumers[src].append(layer.name)
        self.consumers = consumers
        if outputs is None:
            outputs = [n for n in self.order if not consumers[n] and n not in self.input_names]
            if len(outputs) != 1:
                raise NetworkError(
                    "the network must end in exactly one output layer; it ends in "
                    + (", ".join(outputs) if outputs else "none")
                )
        self.output_names = list(outputs)
        for o in self.output_names:
            if o not in self.layers:
                raise NetworkError(f"unknown output layer {o!r}")
        # Build shapes in topological order.
        for name in self.order:
            layer = self.layers[name]
            layer.build([self.layers[s].out_shape for s in layer.inputs])
        # One flat buffer for all parameters, views handed to the layers.
        self.slots: list[tuple[str, str, slice, tuple]] = []
        offset = 0
        for name in self.order:
            for pname, shape in self.layers[name].param_specs().items():
                size = int(np.prod(shape))
                self.slots.append((name, pname, slice(offset, offset + size), tuple(shape)))
                offset += size
        self.theta = np.zeros(offset, self.dtype)
        self.grad = np.zeros(offset, self.dtype)
        for name, pname, sl, shape in self.slots:
            self.layers[name].params[pname] = self.theta[sl].reshape(shape)
            self.layers[name].grads[pname] = self.grad[sl].reshape(shape)
        for name in self.order:
            self.layers[name].after_params_changed()
        self.values: dict[str, np.ndarray] = {}
        self.douts: dict[str, np.ndarray] = {}
        #: The fused fast path, or None when the network is not a plain Dense chain.
        self.chain = dense_chain.DenseChain.of(self) if fused else None
        #: Set False to force the general path (e.g. to compare the two).
        self.use_fused = True
        # layers fed by an Input layer: their ∂E/∂input is only needed on request
        self._input_links = {
            name: [k for k, s in enumerate(layer.inputs) if s in self.input_names]
            for name, layer in self.layers.items()
            if any(s in self.input_names for s in layer.inputs)
        }

    @property
    def fused(self) -> bool:
        """True when passes take the fused fast path."""
        return self.chain is not None and self.use_fused

    # --- parameters ----------------------------------------------------------
    @property
    def n_params(self) -> int:
        """Number of scalar parameters (masked weights included)."""
        return int(self.theta.size)

    def param(self, layer: str, pname: str) -> np.ndarray:
        """A view of one parameter array, e.g. ``net.param("hidden", "W0")``."""
        return self.layers[layer].params[pname]

    def init_weights(self, scheme="uniform01", seed=0, rng=None) -> None:
        """Draw all parameters by ``scheme`` from ``seed`` (or an explicit ``rng``)."""
        rng = np.random.default_rng(seed) if rng is None else rng
        for name in self.order:
            self.layers[name].init_params(rng, scheme)

    def get_weights(self) -> np.ndarray:
        """A copy of the flat parameter vector."""
        return self.theta.copy()

    def set_weights(self, theta) -> None:
        """Overwrite all parameters from a flat vector (masks re-applied)."""
        theta = np.asarray(theta)
        if theta.shape != self.theta.shape:
            raise ShapeError(f"expected {self.theta.size} parameters, got {theta.size}")
        self.theta[...] = theta
        self.params_changed()

    def params_changed(self) -> None:
        """Re-apply layer constraints (masks, fixed biases) after ``theta`` was written."""
        for name in self.order:
            self.layers[name].after_params_changed()

    # --- computation ---------------------------------------------------------
    def _feed(self, x) -> dict[str, np.ndarray]:
        if isinstance(x, dict):
            missing = set(self.input_names) - set(x)
            if missing:
                raise ShapeError(f"no data for input layer(s) {', '.join(sorted(missing))}")
            feeds = x
        else:
            if len(self.input_names) != 1:
                raise ShapeError(
                    f"the network has {len(self.input_names)} input layers; pass a dict"
                )
            feeds = {self.input_names[0]: x}
        out = {}
        for name, arr in feeds.items():
            arr = np.asarray(arr, dtype=self.dtype)
            shape = self.layers[name].shape
            if arr.ndim == len(shape):
                arr = arr[None]
            if arr.shape[1:] != shape:
                raise ShapeError(f"input {name!r} expects {shape} per sample, got {arr.shape[1:]}")
            out[name] = arr
        return out

    def _chain_input(self, x):
        """``x`` as a (batch, inputs) array for the fused path, or None for the general one."""
        ch = self.chain
        if ch is None or not self.use_fused:
            return None
        if (
            type(x) is np.ndarray
            and x.dtype == self.dtype
            and x.ndim == 2
            and x.shape[1] == ch.n_in
            and x.shape[0]
        ):
            return x
        arr = self._feed(x)[ch.input_name]  # raises the general path's errors
        return arr if arr.shape[0] else None

    def forward(self, x) -> np.ndarray:
        """Run the network on a batch; keep every layer's output in ``values``.

        Parameters
        ----------
        x : ndarray or dict
            A batch (leading axis = samples) for the single input layer, or a dict
            from input-layer name to batch.

        Returns
        -------
        ndarray
            The output layer's output, a new array that no later pass overwrites (equal
            to ``values[output]``, which holds the last pass).
        """
        # Always the general path (the fused path reuses its arrays and pays off in
        # training only). Convolution and pooling layers write into buffers they keep,
        # and a flatten is a view of its input: such an output is copied, so earlier
        # results stay valid.
        out = self._forward(x)
        name = self.output_names[0]
        if self.layers[name].reuses_buffers or any(
            np.may_share_memory(out, v) for k, v in self.values.items() if k != name
        ):
            out = out.copy()  # ``values`` keeps the layer's own array, like its ``out``
        return out

    __call__ = forward

    def _forward(self, x) -> np.ndarray:
        """The forward pass into ``values``; the output may be a layer's reused buffer."""
        feeds = self._feed(x)
        values = self.values
        for name in self.order:
            layer = self.layers[name]
            if name in feeds:
                values[name] = layer.forward([feeds[name]])
            else:
                values[name] = layer.forward([values[s] for s in layer.inputs])
        return values[self.output_names[0]]

    def infer(self, x) -> np.ndarray:
        """The output for a batch without keeping the layers' values (for evaluation).

        On the fused path the result is a view of reused arrays, valid until the next
        ``infer`` call; copy it to keep it. ``values`` and the layers' caches are left
        as the last ``forward``/training step set them.
        """
        xin = self._chain_input(x)
        if xin is None:
            return self.forward(x)
        return self.chain.infer(xin)

    def backward(self, dout, input_grad: bool = True) -> dict[str, np.ndarray]:
        """Back-propagate ∂E/∂output; fills ``grad`` (zeroed first).

        Parameters
        ----------
        dout : ndarray
            ∂E/∂output for the batch of the last ``forward``.
        input_grad : bool
            Also compute ∂E/∂input (``douts`` of the input layers), which training
            does not need; gradient checks do.

        Returns
        -------
        dict
            The gradient with respect to every layer's output (the error signal the
            stepper and the views show); also kept as ``douts``.
        """
        self.grad.fill(0)
        douts: dict[str, np.ndarray] = {self.output_names[0]: np.asarray(dout, self.dtype)}
        skip = {} if input_grad else self._input_links
        for name in reversed(self.order):
            layer = self.layers[name]
            d = douts.get(name)
            if d is None or not layer.inputs:
                continue
            if name in skip:
                layer.skip_input_grads = skip[name]
                try:
                    dxs = layer.backward(d)
                finally:
                    layer.skip_input_grads = ()
            else:
                dxs = layer.backward(d)
            for src, dx in zip(layer.inputs, dxs):
                if dx is None:
                    continue
                if src in douts:
                    douts[src] = douts[src] + dx
                else:
                    douts[src] = dx
        self.douts = douts
        return douts

    def loss_and_grad(self, x, y, loss, input_grad: bool = True) -> float:
        """Forward, loss, backward; returns the loss (mean over the batch).

        ``input_grad=False`` skips ∂E/∂input, which only gradient checks need.
        """
        if self.fused:
            kernel = loss_kernels.loss_kernel(loss)
            xin = self._chain_input(x) if kernel is not None else None
            if xin is not None:
                ch = self.chain
                t = loss_kernels.target_matrix(loss, y, xin.shape[0], ch.n_out, self.dtype)
                if t is not None:
                    return ch.loss_and_grad(xin, t, kernel, input_grad)
        out = self._forward(x)  # backward needs no copy of the output
        value = loss.value(out, y)
        self.backward(loss.grad(out, y), input_grad=input_grad)
        return value

    def sgd_step(self, lr: float) -> None:
        """θ ← θ − η ∇E: one in-place operation on the flat buffer."""
        self.theta -= lr * self.grad

    # --- whole epochs and whole grids ------------------------------------------------
    def train_epoch_sgd(self, x, y, loss, lr: float, batch_size: int, rng=None, shuffle=True):
        """One epoch of mini-batch SGD: shuffle, then θ ← θ − η ∇E per batch.

        The batches are consecutive slices of one permutation of the samples (the last
        may be shorter); ``batch_size=1`` is standard BP and ``batch_size ≥ m``
        accumulated BP. On a Dense chain this runs the fused loop, many times faster
        than calling ``loss_and_grad`` and ``sgd_step`` per batch, with the same
        numbers. Afterwards ``values``, ``douts`` and ``grad`` describe the last batch
        (before its update).

        Parameters
        ----------
        x, y : ndarray
            All training inputs and targets (pass ``x`` in the network's dtype to avoid
            a conversion per epoch).
        loss : Loss
        lr : float
            Learning rate η.
        batch_size : int
        rng : numpy.random.Generator, optional
            Shuffles the samples (one ``permutation`` call per epoch).
        shuffle : bool
            False keeps the data order.

        Returns
        -------
        float
            The mean over the epoch's samples of each sample's loss, computed in its
            batch's forward pass (before that batch's update).
        """
        batch_size = int(batch_size)
        if batch_size < 1:
            raise ShapeError(f"the batch size must be at least 1, got {batch_size}")
        n = _n_rows(x)
        if n == 0:
            raise ShapeError("there are no training samples")
        order = None
        if shuffle:
            order = (np.random.default_rng() if rng is None else rng).permutation(n)
        kernel = loss_kernels.loss_kernel(loss) if self.fused else None
        if kernel is not None:
            xin = self._chain_input(x)
            t = None
            if xin is not None and xin.shape[0] == n:
                t = loss_kernels.target_matrix(loss, y, n, self.chain.n_out, self.dtype)
            if t is not None:
                return self.chain.train_epoch(xin, t, kernel, float(lr), batch_size, order)
        total = 0.0
        for i in range(0, n, batch_size):
            idx = slice(i, i + batch_size) if order is None else order[i : i + batch_size]
            xb = _take(x, idx)
            yb = np.asarray(y)[idx]
            m = _n_rows(xb)
            total += self.loss_and_grad(xb, yb, loss, input_grad=False) * m
            self.sgd_step(lr)
        return total / n

    def forward_grid(self, points, dtype=np.float32) -> dict[str, np.ndarray]:
        """Every layer's output on ``points`` (e.g. a 100×100 grid for the heatmaps).

        Leaves ``values``, ``douts`` and the layers' caches untouched, so the views can
        redraw in the middle of a step-through.

        Parameters
        ----------
        points : ndarray
            (N, inputs) for the single input layer, or a dict of such arrays.
        dtype : numpy dtype
            The precision of the computation on the fast path (float32 by default:
            plenty for a picture, and faster); other networks compute in their own
            dtype. The results come back in ``dtype``.

        Returns
        -------
        dict
            Layer name → (N, units) array, the input layer included.
        """
        dtype = np.dtype(dtype)
        ch = self.chain
        if ch is not None and self.use_fused and not isinstance(points, dict):
            p = np.asarray(points, dtype=dtype)
            if p.ndim == 1:
                p = p[None]
            if p.ndim != 2 or p.shape[1] != ch.n_in:
                raise ShapeError(
                    f"input {ch.input_name!r} expects ({ch.n_in},) per point, got {p.shape[1:]}"
                )
            return ch.grid(p, dtype)
        # general networks: an ordinary forward pass with the state put back afterwards
        saved = (
            self.values,
            self.douts,
            {n: dict(vars(layer)) for n, layer in self.layers.items()},
        )
        try:
            self.values = {}
            for layer in self.layers.values():
                layer.fresh_buffers()  # the kept buffers hold the last pass: leave them
            self._forward(points)
            return {n: np.asarray(v, dtype=dtype) for n, v in self.values.items()}
        finally:
            self.values, self.douts, state = saved
            for n, layer in self.layers.items():
                vars(layer).clear()
                vars(layer).update(state[n])


def _n_rows(x) -> int:
    if isinstance(x, dict):
        return int(np.shape(next(iter(x.values())))[0]) if x else 0
    return int(np.shape(x)[0])


def _take(x, idx):
    if isinstance(x, dict):
        return {k: np.asarray(v)[idx] for k, v in x.items()}
    return np.asarray(x)[idx]
