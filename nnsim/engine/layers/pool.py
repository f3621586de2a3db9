"""2-D max and average pooling: the gradient goes to the window's maximum or is spread evenly."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnsim.engine.convshape import ConvShapeError, conv_output_size
from nnsim.engine.errors import NetworkError, ShapeError
from nnsim.engine.layers.conv import BufferedLayer, per_axis, window_slices


@dataclass(frozen=True)
class PoolWindow:
    """One pooling window of the last forward pass.

    Attributes
    ----------
    values : ndarray
        The input values in the window, (window height, window width).
    output : float
        What the layer output there (the maximum or the mean).
    field : tuple of range
        Input rows and columns of the window.
    argmax : tuple of int or None
        Max pooling: (row, column) inside the window of the value the gradient goes to
        (the first maximum in row-major order); None for average pooling.
    """

    values: np.ndarray
    output: float
    field: tuple
    argmax: tuple | None


class _Pool2D(BufferedLayer):
    """Shared code of the 2-D pooling layers (no parameters, no padding)."""

    def __init__(self, name, inputs, size=2, stride=None):
        super().__init__(name, inputs)
        if len(self.inputs) != 1:
            raise NetworkError(f"pooling layer {name!r} takes exactly one input")
        self.size = per_axis(size, 2, "the window size", name)
        self.stride = self.size if stride is None else per_axis(stride, 2, "the stride", name)
        if min(self.size) < 1 or min(self.stride) < 1:
            raise NetworkError(f"layer {name!r}: window sizes and strides must be ≥ 1")
        self.in_size: tuple[int, ...] = ()
        self.out_size: tuple[int, ...] = ()
        self.x = self.out = None

    def build(self, in_shapes):
        self.in_shapes = [tuple(int(v) for v in s) for s in in_shapes]
        (shape,) = self.in_shapes
        if len(shape) != 3:
            raise NetworkError(
                f"layer {self.name!r}: input {self.inputs[0]!r} has shape {shape}; "
                "2-D pooling takes (channels, height, width) per sample"
            )
        self.in_size = shape[1:]
        out = []
        for axis, n, f, s in zip(("height", "width"), self.in_size, self.size, self.stride):
            try:
                out.append(conv_output_size(n, f, s, 0))
            except ConvShapeError as exc:
                raise ConvShapeError(f"layer {self.name!r}, {axis}: {exc}") from None
        self.out_size = tuple(out)
        self.out_shape = (shape[0], *self.out_size)
        return self.out_shape

    def _views(self, x):
        """One strided view per window offset: view[b, c, i, j] = x[b, c, i·S + m, j·S + n]."""
        return [
            (off, x[window_slices(off, self.out_size, self.stride)])
            for off in np.ndindex(*self.size)
        ]

    def _tiles(self) -> bool:
        # Windows that exactly tile the input: every input element is in one window.
        return self.stride == self.size

    def receptive_field(self, out_index) -> tuple[range, ...]:
        """Input rows and columns of the window behind output position ``(i, j)``."""
        i, j = (int(v) for v in out_index)
        if not (0 <= i < self.out_size[0] and 0 <= j < self.out_size[1]):
            raise ShapeError(
                f"layer {self.name!r}: output position {tuple(out_index)} is outside the "
                f"output of size {self.out_size}"
            )
        return tuple(range(v * s, v * s + f) for v, f, s in zip((i, j), self.size, self.stride))

    def feature_maps(self, sample: int = 0) -> np.ndarray:
        """The output of the last forward pass for one sample, (C, H_out, W_out)."""
        if self.out is None:
            raise ShapeError(f"layer {self.name!r} has not run forward yet")
        return self.out[sample]

    def window(self, sample, channel, i, j) -> PoolWindow:
        """The values of one window of the last forward pass and what came out of it."""
        if self.x is None:
            raise ShapeError(f"layer {self.name!r} has not run forward yet")
        rows, cols = self.receptive_field((i, j))
        values = np.array(self.x[sample, channel, rows.start : rows.stop, cols.start : cols.stop])
        out = float(self.out[sample, channel, i, j])
        return PoolWindow(values, out, (rows, cols), self._argmax(values))

    def _argmax(self, values):
        return None


class MaxPool2D(_Pool2D):
    """Max pooling: each output is the largest value in its window (COURSE.md §11).

    The gradient goes to the first maximum of each window (row-major order) and nowhere
    else. Output size per axis is (N − F)/S + 1 and must be a whole number.

    Parameters
    ----------
    name : str
    inputs : sequence of str
        One source layer with per-sample shape (C, H, W).
    size : int or (int, int)
        Window size F (2 by default).
    stride : int or (int, int), optional
        S; the window size by default (non-overlapping windows).
    """

    kind = "maxpool2d"

    def _argmax(self, values):
        return tuple(int(v) for v in np.unravel_index(np.argmax(values), values.shape))

    def forward(self, xs):
        (x,) = xs
        self._check_batch(x, 0)
        self.x = x
        views = self._views(x)
        # A few element-wise maxima over strided views: far cheaper than a reduction
        # over a 6-D window view.
        out = self._buf.get("out", (x.shape[0], *self.out_shape), x.dtype)
        if len(views) == 1:
            out[...] = views[0][1]
        else:
            np.maximum(views[0][1], views[1][1], out=out)
        for _, v in views[2:]:
            np.maximum(out, v, out=out)
        self.out = out
        return out

    def backward(self, dout):
        x, out = self.x, self.out
        dout = np.asarray(dout, x.dtype)
        tiles = self._tiles()
        dx = self._buf.get("dx", x.shape, x.dtype)
        if not tiles:  # some inputs are in no window (or in several): start from zero
            dx.fill(0)
        views = self._views(x)
        hit = self._buf.get("hit", out.shape, bool)
        free = self._buf.get("free", out.shape, bool)  # windows whose max is unclaimed
        last = len(views) - 1
        for k, (off, v) in enumerate(views):
            if k == last:
                m = free if k else np.equal(v, out, out=hit)  # the last offset takes the rest
            else:
                np.equal(v, out, out=hit)
                if k == 0:
                    np.logical_not(hit, out=free)
                else:
                    hit &= free
                    free ^= hit
                m = hit
            sl = window_slices(off, self.out_size, self.stride)
            if tiles:
                np.multiply(dout, m, out=dx[sl])
            else:
                dx[sl] += dout * m
        return [dx]


class AvgPool2D(_Pool2D):
    """Average pooling: each output is the mean of its window; the gradient is spread
    evenly, ∂E/∂x = ∂E/∂out / (window area) for every element of the window.

    Parameters
    ----------
    name : str
    inputs : sequence of str
        One source layer with per-sample shape (C, H, W).
    size : int or (int, int)
        Window size F (2 by default).
    stride : int or (int, int), optional
        S; the window size by default.
    """

    kind = "avgpool2d"

    def forward(self, xs):
        (x,) = xs
        self._check_batch(x, 0)
        self.x = x
        views = self._views(x)
        out = self._buf.get("out", (x.shape[0], *self.out_shape), x.dtype)
        out[...] = views[0][1]
        for _, v in views[1:]:
            out += v
        out *= 1.0 / (self.size[0] * self.size[1])
        self.out = out
        return out

    def backward(self, dout):
        x = self.x
        g = np.asarray(dout, x.dtype) * (1.0 / (self.size[0] * self.size[1]))
        tiles = self._tiles()
        dx = self._buf.get("dx", x.shape, x.dtype)
        if not tiles:
            dx.fill(0)
        for off in np.ndindex(*self.size):
            sl = window_slices(off, self.out_size, self.stride)
            if tiles:
                dx[sl] = g
            else:
                dx[sl] += g
        return [dx]


#: Short names used in the course text.
MaxPool = MaxPool2D
AvgPool = AvgPool2D
