"""A network: a DAG of layers with one flat parameter buffer and one flat gradient buffer."""

from __future__ import annotations

import numpy as np

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
            cyc = path[path.index(name) :] + [name]
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
    """

    def __init__(self, layers, outputs=None, dtype=np.float64):
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
                raise ShapeError(
                    f"input {name!r} expects {shape} per sample, got {arr.shape[1:]}"
                )
            out[name] = arr
        return out

    def forward(self, x) -> np.ndarray:
        """Run the network on a batch; keep every layer's output in ``values``.

        Parameters
        ----------
        x : ndarray or dict
            A batch (leading axis = samples) for the single input layer, or a dict
            from input-layer name to batch.
        """
        feeds = self._feed(x)
        values = self.values
        for name in self.order:
            layer = self.layers[name]
            if name in feeds:
                values[name] = layer.forward([feeds[name]])
            else:
                values[name] = layer.forward([values[s] for s in layer.inputs])
        return values[self.output_names[0]]

    __call__ = forward

    def backward(self, dout) -> dict[str, np.ndarray]:
        """Back-propagate ∂E/∂output; fills ``grad`` (zeroed first).

        Returns the gradient with respect to every layer's output (the error
        signal the stepper and the views show).
        """
        self.grad.fill(0)
        douts: dict[str, np.ndarray] = {self.output_names[0]: np.asarray(dout, self.dtype)}
        for name in reversed(self.order):
            layer = self.layers[name]
            d = douts.get(name)
            if d is None or not layer.inputs:
                continue
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

    def loss_and_grad(self, x, y, loss) -> float:
        """Forward, loss, backward; returns the loss (mean over the batch)."""
        out = self.forward(x)
        value = loss.value(out, y)
        self.backward(loss.grad(out, y))
        return value

    def sgd_step(self, lr: float) -> None:
        """θ ← θ − η ∇E: one in-place operation on the flat buffer."""
        self.theta -= lr * self.grad
