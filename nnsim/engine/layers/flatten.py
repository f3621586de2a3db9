"""Flatten: turn each sample's feature maps into one vector for a dense layer."""

from __future__ import annotations

import numpy as np

from nnsim.engine.errors import NetworkError
from nnsim.engine.layers.base import Layer


class Flatten(Layer):
    """Reshape each sample from (C, H, W) (or any shape) to a vector of C·H·W values.

    The order is row-major: channel by channel, each channel row by row, so value
    ``c·H·W + i·W + j`` of the output is ``x[c, i, j]``. The gradient is reshaped back.

    Parameters
    ----------
    name : str
    inputs : sequence of str
        Exactly one source layer.
    """

    kind = "flatten"

    def __init__(self, name, inputs):
        super().__init__(name, inputs)
        if len(self.inputs) != 1:
            raise NetworkError(f"flatten layer {name!r} takes exactly one input")

    def build(self, in_shapes):
        self.in_shapes = [tuple(int(v) for v in s) for s in in_shapes]
        self.out_shape = (int(np.prod(self.in_shapes[0])),)
        return self.out_shape

    def forward(self, xs):
        (x,) = xs
        self._check_batch(x, 0)
        return x.reshape(x.shape[0], -1)

    def backward(self, dout):
        return [np.reshape(dout, (-1, *self.in_shapes[0]))]
