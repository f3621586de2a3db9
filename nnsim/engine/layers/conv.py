"""Conv1D and Conv2D layers: cross-correlation (what CNN layers compute) or true convolution.

Both are one class generic over the number of spatial axes. The forward pass lays the
input windows out as columns (im2col: one strided copy per kernel offset, so the Python
loop runs over the F×F kernel offsets, never over pixels or images) and multiplies them
by the kernels as one batched matrix product; the backward pass reverses both steps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnsim.engine.activations import get_activation
from nnsim.engine.convshape import ConvShapeError, conv_output_formula, conv_output_size
from nnsim.engine.errors import NetworkError, ShapeError
from nnsim.engine.layers.base import Layer

#: The two things a convolution layer can compute (COURSE.md §11).
CONV_MODES = ("cross-correlation", "convolution")

_MODE_ALIASES = {
    "cross-correlation": "cross-correlation",
    "cross_correlation": "cross-correlation",
    "crosscorrelation": "cross-correlation",
    "correlation": "cross-correlation",
    "xcorr": "cross-correlation",
    "convolution": "convolution",
    "conv": "convolution",
}

_AXIS_NAMES = {1: ("length",), 2: ("height", "width")}


def per_axis(value, ndim: int, what: str, layer: str) -> tuple[int, ...]:
    """Expand an int to one entry per spatial axis and check the entries are whole numbers."""
    vals = (value,) * ndim if np.isscalar(value) else tuple(value)
    if len(vals) != ndim:
        raise NetworkError(f"layer {layer!r}: {what} needs {ndim} value(s), got {value!r}")
    out = []
    for v in vals:
        if isinstance(v, bool) or not hasattr(v, "__index__"):
            raise NetworkError(f"layer {layer!r}: {what} must be whole numbers, got {value!r}")
        out.append(int(v))
    return tuple(out)


def window_slices(offset, out_size, stride) -> tuple:
    """Index that picks, for one kernel offset, the input element under it at every output
    position: ``x[..., offset_k + stride_k * i_k]`` for all i along each spatial axis."""
    return (Ellipsis,) + tuple(
        slice(o, o + s * (n - 1) + 1, s) for o, n, s in zip(offset, out_size, stride)
    )


class Buffers:
    """Arrays a layer keeps between passes, one per (role, shape, dtype).

    Allocating and first touching megabytes on every batch costs as much as the
    arithmetic, so the layers write their outputs and gradients into these arrays, as
    the dense fast path does: ``values``, ``douts`` and a layer's ``out``/``net``/
    ``delta`` hold the last pass and are overwritten by the next pass with the same
    batch size (copy them to keep them). A few batch sizes are kept (training, the
    last short batch, evaluation); the oldest is dropped beyond ``limit`` arrays.
    """

    def __init__(self, limit: int = 16):
        self.limit = limit
        self._arrays: dict[tuple, np.ndarray] = {}

    def get(self, role: str, shape, dtype, init=None) -> np.ndarray:
        """The array for ``role``; a new one is zero-filled and passed to ``init``."""
        key = (role, tuple(shape), np.dtype(dtype))
        buf = self._arrays.get(key)
        if buf is None:
            if len(self._arrays) >= self.limit:
                self._arrays.pop(next(iter(self._arrays)))
            buf = self._arrays[key] = np.zeros(shape, dtype)
            if init is not None:
                init(buf)
        return buf

    def clear(self) -> None:
        """Forget every array."""
        self._arrays.clear()


@dataclass(frozen=True)
class ConvProducts:
    """How one output value of a convolution layer is made, number by number.

    Attributes
    ----------
    window : ndarray
        The input values under the kernel, shape (C_in, *kernel); zeros where the window
        covers padding.
    kernel : ndarray
        The weights as they multiply ``window``: the stored kernel in cross-correlation
        mode, the flipped kernel in convolution mode.
    products : ndarray
        ``window * kernel``, element by element.
    bias : float
    total : float
        ``products.sum() + bias``: the net input of the output position.
    output : float
        The activation applied to ``total`` (the feature-map value).
    field : tuple of range
        The receptive field: input indices along each spatial axis (entries < 0 or ≥ the
        input size are padding).
    """

    window: np.ndarray
    kernel: np.ndarray
    products: np.ndarray
    bias: float
    total: float
    output: float
    field: tuple


class BufferedLayer(Layer):
    """A layer whose ``forward`` writes into the arrays it keeps in ``self._buf``
    (convolution, pooling): the one place that says so to the network and resets them."""

    reuses_buffers = True  # outputs live in self._buf (see Buffers)

    def __init__(self, name: str, inputs=()):
        super().__init__(name, inputs)
        self._buf = Buffers()

    def fresh_buffers(self) -> None:
        """Start a new set of buffers; the arrays of earlier passes stay as they are."""
        self._buf = Buffers()


class _Conv(BufferedLayer):
    """Shared code of Conv1D and Conv2D (``ndim`` spatial axes)."""

    ndim = 0

    def __init__(
        self,
        name,
        channels,
        kernel_size,
        inputs,
        stride=1,
        padding=0,
        activation="identity",
        mode="cross-correlation",
        use_bias=True,
    ):
        super().__init__(name, inputs)
        if len(self.inputs) != 1:
            raise NetworkError(f"convolution layer {name!r} takes exactly one input")
        if isinstance(channels, bool) or not hasattr(channels, "__index__") or channels < 1:
            raise NetworkError(
                f"layer {name!r}: the number of output channels must be a whole number ≥ 1, "
                f"not {channels!r}"
            )
        self.channels = int(channels)
        self.kernel_size = per_axis(kernel_size, self.ndim, "the kernel size", name)
        self.stride = per_axis(stride, self.ndim, "the stride", name)
        self.padding = per_axis(padding, self.ndim, "the padding", name)
        if min(self.kernel_size) < 1 or min(self.stride) < 1 or min(self.padding) < 0:
            raise NetworkError(
                f"layer {name!r}: kernel sizes and strides must be ≥ 1 and padding ≥ 0"
            )
        key = str(mode).strip().lower()
        if key not in _MODE_ALIASES:
            raise NetworkError(
                f"layer {name!r}: unknown mode {mode!r}; choose one of {', '.join(CONV_MODES)}"
            )
        self.mode = _MODE_ALIASES[key]
        self.activation_name = get_activation(activation).name
        self._act = get_activation(self.activation_name)
        self.use_bias = bool(use_bias)
        self.in_channels = 0
        self.in_size: tuple[int, ...] = ()
        self.out_size: tuple[int, ...] = ()
        self.x = self.net = self.out = self.delta = None

    # --- structure ---------------------------------------------------------------
    def build(self, in_shapes):
        self.in_shapes = [tuple(int(v) for v in s) for s in in_shapes]
        (shape,) = self.in_shapes
        want = "(channels, length)" if self.ndim == 1 else "(channels, height, width)"
        if len(shape) != self.ndim + 1:
            raise NetworkError(
                f"layer {self.name!r}: input {self.inputs[0]!r} has shape {shape}; "
                f"a {self.ndim}-D convolution takes {want} per sample"
            )
        self.in_channels = shape[0]
        self.in_size = shape[1:]
        out = []
        for axis, n, f, s, p in zip(
            _AXIS_NAMES[self.ndim], self.in_size, self.kernel_size, self.stride, self.padding
        ):
            try:
                out.append(conv_output_size(n, f, s, p))
            except ConvShapeError as exc:
                raise ConvShapeError(f"layer {self.name!r}, {axis}: {exc}") from None
        self.out_size = tuple(out)
        self.out_shape = (self.channels, *self.out_size)
        return self.out_shape

    def size_formulas(self) -> list[str]:
        """The output-size formula with numbers, one per spatial axis (for the GUI)."""
        return [
            conv_output_formula(n, f, s, p)
            for n, f, s, p in zip(self.in_size, self.kernel_size, self.stride, self.padding)
        ]

    def param_specs(self):
        specs = {"W": (self.channels, self.in_channels, *self.kernel_size)}
        specs["b"] = (self.channels,)
        return specs

    def fan(self, pname):
        k = int(np.prod(self.kernel_size))
        if pname == "W":
            return self.in_channels * k, self.channels * k
        return 1, self.channels

    def after_params_changed(self):
        if not self.use_bias and "b" in self.params:
            self.params["b"][...] = 0

    def effective_kernel(self) -> np.ndarray:
        """The kernels as they multiply the input windows, (C_out, C_in, *kernel): the
        weights themselves for cross-correlation, flipped along every spatial axis for
        convolution."""
        w = self.params["W"]
        if self.mode == "convolution":
            return w[(Ellipsis,) + (slice(None, None, -1),) * self.ndim]
        return w

    # --- computation -------------------------------------------------------------
    def _padded(self, x: np.ndarray) -> np.ndarray:
        if not any(self.padding):
            return x
        shape = x.shape[:2] + tuple(n + 2 * p for n, p in zip(self.in_size, self.padding))
        xp = self._buf.get("xpad", shape, x.dtype)  # borders stay zero
        xp[self._interior()] = x
        return xp

    def _interior(self) -> tuple:
        return (Ellipsis,) + tuple(slice(p, p + n) for n, p in zip(self.in_size, self.padding))

    def forward(self, xs):
        (x,) = xs
        self._check_batch(x, 0)
        self.x = x
        batch, c = x.shape[:2]
        xp = self._padded(x)
        k = int(np.prod(self.kernel_size))
        n_out = int(np.prod(self.out_size))
        # Columns: one row per (input channel, kernel offset), one column per output
        # position, plus a row of ones that multiplies the bias, so the bias is one more
        # weight column and its gradient comes out of the same matrix product as ∂E/∂W.
        ck = c * k
        ck = c * k

        def ones_row(buf):
            if self.use_bias:
                buf[:, ck] = 1

        cols = self._buf.get("cols", (batch, ck + self.use_bias, n_out), x.dtype, ones_row)
        win = cols[:, :ck].reshape(batch, c, *self.kernel_size, *self.out_size)
        for off in np.ndindex(*self.kernel_size):
            win[(slice(None), slice(None)) + off] = xp[
                window_slices(off, self.out_size, self.stride)
            ]
        self._cols = cols
        wb = np.empty((self.channels, ck + self.use_bias), x.dtype)
        wb[:, :ck] = self.effective_kernel().reshape(self.channels, ck)
        if self.use_bias:
            wb[:, ck] = self.params["b"]
        shape = (batch, *self.out_shape)
        net = self._buf.get("net", (batch, self.channels, n_out), x.dtype)
        np.matmul(wb, cols, out=net)  # (batch, C_out, positions)
        self.net = net.reshape(shape)
        if self.activation_name == "identity":
            self.out = self.net
        elif self.activation_name == "relu":
            self.out = np.maximum(self.net, 0, out=self._buf.get("out", shape, x.dtype))
        else:
            self.out = self._act.f(self.net)
        return self.out

    def backward(self, dout):
        batch, c = self.x.shape[:2]
        k = int(np.prod(self.kernel_size))
        n_out = int(np.prod(self.out_size))
        if self.activation_name == "identity":
            delta = np.asarray(dout, self.net.dtype)
        elif self.activation_name == "relu":
            # δ = dout where net > 0, else 0: no f′ array, no fresh arrays
            mask = np.greater(self.net, 0, out=self._buf.get("mask", self.net.shape, bool))
            delta = self._buf.get("delta", self.net.shape, self.net.dtype)
            np.multiply(dout, mask, out=delta)
        else:
            delta = dout * self._act.df(self.net, self.out)
        self.delta = delta
        d2 = delta.reshape(batch, self.channels, n_out)
        # [∂E/∂K_eff | ∂E/∂b] = Σ over images of δ · colsᵀ (the ones row gives Σ δ)
        g = np.matmul(d2, self._cols.transpose(0, 2, 1)).sum(axis=0)
        dk = g[:, : c * k].reshape(self.channels, c, *self.kernel_size)
        if self.mode == "convolution":
            dk = dk[(Ellipsis,) + (slice(None, None, -1),) * self.ndim]
        self.grads["W"] += dk
        if self.use_bias:
            self.grads["b"] += g[:, c * k]
        if 0 in self.skip_input_grads:  # fed by the data: no ∂E/∂input needed
            return [None]
        w2 = self.effective_kernel().reshape(self.channels, c * k)
        dcols = np.matmul(w2.T, d2).reshape(batch, c, *self.kernel_size, *self.out_size)
        padded = tuple(n + 2 * p for n, p in zip(self.in_size, self.padding))
        dxp = self._buf.get("dx", (batch, c, *padded), delta.dtype)
        dxp.fill(0)
        for off in np.ndindex(*self.kernel_size):
            dxp[window_slices(off, self.out_size, self.stride)] += dcols[
                (slice(None), slice(None)) + off
            ]
        if any(self.padding):
            return [dxp[self._interior()]]
        return [dxp]

    # --- records for the stepper and the GUI -------------------------------------
    def _position(self, out_index) -> tuple[int, ...]:
        idx = (out_index,) if np.isscalar(out_index) else tuple(out_index)
        if len(idx) != self.ndim or any(not 0 <= int(i) < n for i, n in zip(idx, self.out_size)):
            raise ShapeError(
                f"layer {self.name!r}: output position {out_index!r} is outside the "
                f"feature map of size {self.out_size}"
            )
        return tuple(int(i) for i in idx)

    def receptive_field(self, out_index) -> tuple[range, ...]:
        """The input window that one output position sees.

        Parameters
        ----------
        out_index : int or tuple of int
            Output position: ``t`` (1-D) or ``(i, j)`` (2-D).

        Returns
        -------
        tuple of range
            Input indices along each spatial axis, ``range(i·S − P, i·S − P + F)``;
            indices below 0 or beyond the input are zero padding. Every input channel
            is in the window.
        """
        pos = self._position(out_index)
        return tuple(
            range(i * s - p, i * s - p + f)
            for i, f, s, p in zip(pos, self.kernel_size, self.stride, self.padding)
        )

    def feature_maps(self, sample: int = 0) -> np.ndarray:
        """The output of the last forward pass for one sample, (C_out, *out_size)."""
        if self.out is None:
            raise ShapeError(f"layer {self.name!r} has not run forward yet")
        return self.out[sample]

    def products(self, sample, out_channel, *position) -> ConvProducts:
        """The element-wise products and the sum that make one output value.

        Parameters
        ----------
        sample : int
            Index of the sample in the last forward batch.
        out_channel : int
            Output channel (kernel) index.
        *position : int
            ``t`` for Conv1D, ``i, j`` for Conv2D.

        Returns
        -------
        ConvProducts
            ``total`` equals the layer's net input ``net[sample, out_channel, *position]``.
        """
        if self.x is None:
            raise ShapeError(f"layer {self.name!r} has not run forward yet")
        if not 0 <= sample < self.x.shape[0] or not 0 <= out_channel < self.channels:
            raise ShapeError(
                f"layer {self.name!r}: sample {sample} / channel {out_channel} out of range "
                f"({self.x.shape[0]} samples, {self.channels} channels)"
            )
        field = self.receptive_field(position if len(position) != 1 else position[0])
        window = np.zeros((self.in_channels, *self.kernel_size), self.x.dtype)
        src, dst = [], []
        for r, n in zip(field, self.in_size):
            lo, hi = max(r.start, 0), min(r.stop, n)
            src.append(slice(lo, hi))
            dst.append(slice(lo - r.start, hi - r.start))
        window[(slice(None), *dst)] = self.x[(sample, slice(None), *src)]
        kernel = np.array(self.effective_kernel()[out_channel])
        prods = window * kernel
        bias = float(self.params["b"][out_channel]) if self.use_bias else 0.0
        total = float(prods.sum() + bias)
        output = float(self._act.f(np.array(total)))
        return ConvProducts(window, kernel, prods, bias, total, output, field)


class Conv1D(_Conv):
    """1-D convolution layer: per sample (C_in, L) → (C_out, L_out).

    In cross-correlation mode (what CNN layers compute)
    ``net[o, t] = Σ_c Σ_a x[c, t·S − P + a] W[o, c, a] + b[o]``; in convolution mode the
    kernel is flipped, ``W[o, c, F − 1 − a]``, which is s(t) = Σ_a x(a) w(t − a) of the
    slides (at stride 1 without padding: NumPy's ``convolve(x, w, "valid")``).
    ``L_out = (L − F + 2P)/S + 1`` must be a whole number.

    Parameters
    ----------
    name : str
    channels : int
        Number of output channels (kernels).
    kernel_size : int
        F.
    inputs : sequence of str
        Exactly one source layer with per-sample shape (C_in, L).
    stride : int
        S.
    padding : int
        P zeros added at both ends.
    activation : str
        Applied to the net input (``"identity"`` by default, ``"relu"`` for a CNN).
    mode : {"cross-correlation", "convolution"}
    use_bias : bool
    """

    kind = "conv1d"
    ndim = 1


class Conv2D(_Conv):
    """2-D convolution layer: per sample (C_in, H, W) → (C_out, H_out, W_out).

    In cross-correlation mode (what CNN layers compute)
    ``net[o, i, j] = Σ_c Σ_m Σ_n x[c, i·S − P + m, j·S − P + n] W[o, c, m, n] + b[o]``;
    in convolution mode the kernel is flipped along both axes, which is the slides'
    S(i, j) = Σ_m Σ_n I(i − m, j − n) K(m, n). Each output size is
    (N − F + 2P)/S + 1 and must be a whole number.

    Parameters
    ----------
    name : str
    channels : int
        Number of output channels (kernels).
    kernel_size : int or (int, int)
    inputs : sequence of str
        Exactly one source layer with per-sample shape (C_in, H, W).
    stride : int or (int, int)
    padding : int or (int, int)
        Zeros added on each side.
    activation : str
        Applied to the net input (``"identity"`` by default, ``"relu"`` for a CNN).
    mode : {"cross-correlation", "convolution"}
    use_bias : bool
    """

    kind = "conv2d"
    ndim = 2
