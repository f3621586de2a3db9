"""Dense layer: a group of neurons with a weight matrix per incoming link, masks and biases."""

from __future__ import annotations

import numpy as np

from nnsim.engine.activations import get_activation
from nnsim.engine.errors import NetworkError
from nnsim.engine.layers.base import Layer


class Dense(Layer):
    """Neurons with net = Σ_k x_k W_k + b and out = f(net), one f per neuron.

    Each incoming link k has its own weight matrix ``W{k}`` of shape (inputs, neurons),
    so W[i, h] is the book's v_ih. A link may carry a 0/1 connection ``mask`` of the
    same shape: masked weights are held at zero and get no gradient, which is how a
    hand-drawn sparse network (one edge = one mask entry) trains.

    Parameters
    ----------
    name : str
    size : int
        Number of neurons.
    inputs : sequence of str
        Source layers; several mean skip links.
    activation : str or sequence of str
        One name for all neurons, or one per neuron.
    masks : sequence of (array or None), optional
        One per input link; None means fully connected.
    use_bias : bool
        The book's worked example has no thresholds; such layers fix b = 0.
    """

    kind = "dense"

    def __init__(self, name, size, inputs, activation="sigmoid", masks=None, use_bias=True):
        super().__init__(name, inputs)
        self.size = int(size)
        if self.size <= 0:
            raise NetworkError(f"layer {name!r}: a layer needs at least one neuron")
        if not self.inputs:
            raise NetworkError(f"layer {name!r}: a dense layer needs an input")
        acts = [activation] * self.size if isinstance(activation, str) else list(activation)
        if len(acts) != self.size:
            raise NetworkError(
                f"layer {name!r}: {len(acts)} activations given for {self.size} neurons"
            )
        self.activation_names = [get_activation(a).name for a in acts]
        # Neurons grouped by activation, so the vectorised path makes one call per
        # distinct activation, not one per neuron.
        groups: dict[str, list[int]] = {}
        for j, a in enumerate(self.activation_names):
            groups.setdefault(a, []).append(j)
        if len(groups) == 1:
            self._groups = [(get_activation(self.activation_names[0]), slice(None))]
        else:
            self._groups = [(get_activation(a), np.array(ix)) for a, ix in groups.items()]
        self.masks = list(masks) if masks is not None else [None] * len(self.inputs)
        if len(self.masks) != len(self.inputs):
            raise NetworkError(f"layer {name!r}: one mask per input link is needed")
        self.use_bias = bool(use_bias)
        self.net = self.out = self.delta = None
        self._xs: list[np.ndarray] = []

    @property
    def activations(self):
        """The Activation objects, one per neuron."""
        return [get_activation(a) for a in self.activation_names]

    def build(self, in_shapes):
        self.in_shapes = [tuple(s) for s in in_shapes]
        for k, s in enumerate(self.in_shapes):
            if len(s) != 1:
                raise NetworkError(
                    f"layer {self.name!r}: input {self.inputs[k]!r} has shape {s}; "
                    "a dense layer takes a flat vector (add a Flatten layer)"
                )
            m = self.masks[k]
            if m is not None:
                m = np.asarray(m)
                if m.shape != (s[0], self.size):
                    raise NetworkError(
                        f"layer {self.name!r}: mask for {self.inputs[k]!r} has shape {m.shape}, "
                        f"expected {(s[0], self.size)}"
                    )
                self.masks[k] = m.astype(bool)
        self.out_shape = (self.size,)
        return self.out_shape

    def param_specs(self):
        specs = {f"W{k}": (s[0], self.size) for k, s in enumerate(self.in_shapes)}
        specs["b"] = (self.size,)
        return specs

    def after_params_changed(self):
        for k, m in enumerate(self.masks):
            if m is not None:
                self.params[f"W{k}"][~m] = 0
        if not self.use_bias:
            self.params["b"][...] = 0

    def weight_matrix(self, k: int = 0) -> np.ndarray:
        """The weights of input link ``k`` (a view; masked entries are zero)."""
        return self.params[f"W{k}"]

    # --- forward and local backward, side by side -------------------------------
    def forward(self, xs):
        self._xs = xs
        net = xs[0] @ self.params["W0"]
        for k in range(1, len(xs)):
            net += xs[k] @ self.params[f"W{k}"]
        if self.use_bias:
            net += self.params["b"]
        self.net = net
        if len(self._groups) == 1:
            self.out = self._groups[0][0].f(net)
        else:
            out = np.empty_like(net)
            for act, ix in self._groups:
                out[:, ix] = act.f(net[:, ix])
            self.out = out
        return self.out

    def local_derivative(self) -> np.ndarray:
        """f′(net) for every neuron of the last forward pass."""
        if len(self._groups) == 1:
            return self._groups[0][0].df(self.net, self.out)
        d = np.empty_like(self.net)
        for act, ix in self._groups:
            d[:, ix] = act.df(self.net[:, ix], self.out[:, ix])
        return d

    def backward(self, dout):
        delta = dout * self.local_derivative()  # δ = ∂E/∂net
        self.delta = delta
        dxs = []
        skip = self.skip_input_grads
        for k, x in enumerate(self._xs):
            g = x.T @ delta
            m = self.masks[k]
            if m is not None:
                g *= m
            self.grads[f"W{k}"] += g
            dxs.append(None if k in skip else delta @ self.params[f"W{k}"].T)
        if self.use_bias:
            self.grads["b"] += delta.sum(axis=0)
        return dxs
