"""Maxout layer: each neuron outputs the largest of k affine pieces."""

from __future__ import annotations

import numpy as np

from nnsim.engine.errors import NetworkError
from nnsim.engine.layers.base import Layer


class Maxout(Layer):
    """out_h = max_p (x · W[:, h, p] + b[h, p]) over k pieces (COURSE.md §9).

    Parameters
    ----------
    name : str
    size : int
        Number of neurons.
    inputs : sequence of str
        Exactly one source layer.
    pieces : int
        k ≥ 2 affine pieces per neuron.
    """

    kind = "maxout"

    def __init__(self, name, size, inputs, pieces=2):
        super().__init__(name, inputs)
        self.size, self.pieces = int(size), int(pieces)
        if len(self.inputs) != 1:
            raise NetworkError(f"maxout layer {name!r} takes exactly one input")
        if self.size <= 0 or self.pieces < 2:
            raise NetworkError(f"maxout layer {name!r}: needs ≥ 1 neuron and ≥ 2 pieces")

    def build(self, in_shapes):
        self.in_shapes = [tuple(s) for s in in_shapes]
        if len(self.in_shapes[0]) != 1:
            raise NetworkError(f"maxout layer {self.name!r} takes a flat vector")
        self.out_shape = (self.size,)
        return self.out_shape

    def param_specs(self):
        return {"W0": (self.in_shapes[0][0], self.size, self.pieces), "b": (self.size, self.pieces)}

    def fan(self, pname):
        return (self.in_shapes[0][0], self.size) if pname == "W0" else (1, self.size)

    def forward(self, xs):
        (x,) = xs
        self._x = x
        n_in = x.shape[1]
        z = (x @ self.params["W0"].reshape(n_in, -1)).reshape(-1, self.size, self.pieces)
        z += self.params["b"]
        self.z = z
        self.arg = z.argmax(axis=2)
        self.out = np.take_along_axis(z, self.arg[..., None], axis=2)[..., 0]
        return self.out

    def backward(self, dout):
        dz = np.zeros_like(self.z)
        np.put_along_axis(dz, self.arg[..., None], dout[..., None], axis=2)
        n_in = self._x.shape[1]
        dz2 = dz.reshape(dz.shape[0], -1)
        self.grads["W0"] += (self._x.T @ dz2).reshape(n_in, self.size, self.pieces)
        self.grads["b"] += dz.sum(axis=0)
        return [dz2 @ self.params["W0"].reshape(n_in, -1).T]
