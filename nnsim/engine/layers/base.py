"""The Layer base class: forward and local backward side by side, parameters as views."""

from __future__ import annotations

import numpy as np

from nnsim.engine.errors import NetworkError, ShapeError

#: Initialisation schemes: the book's uniform (0, 1), TensorFlow Playground's
#: uniform (−0.5, 0.5), Xavier (Glorot) and He for deeper nets, and zeros.
INIT_SCHEMES = ("uniform01", "playground", "xavier", "he", "zeros")


def init_array(rng, scheme: str, shape, fan_in: int, fan_out: int, dtype) -> np.ndarray:
    """Draw one weight array of ``shape`` by ``scheme`` (see ``INIT_SCHEMES``)."""
    if scheme == "uniform01":
        return rng.uniform(0.0, 1.0, shape).astype(dtype)
    if scheme == "playground":
        return rng.uniform(-0.5, 0.5, shape).astype(dtype)
    if scheme == "xavier":
        a = np.sqrt(6.0 / max(fan_in + fan_out, 1))
        return rng.uniform(-a, a, shape).astype(dtype)
    if scheme == "he":
        return (rng.standard_normal(shape) * np.sqrt(2.0 / max(fan_in, 1))).astype(dtype)
    if scheme == "zeros":
        return np.zeros(shape, dtype)
    raise NetworkError(
        f"unknown initialisation {scheme!r}; choose one of {', '.join(INIT_SCHEMES)}"
    )


class Layer:
    """A node of the network DAG.

    Subclasses set ``kind``, implement ``build`` (check input shapes, return the output
    shape), ``param_specs`` (name → shape), ``forward`` and ``backward``. Parameters
    and their gradients are views into the network's flat buffers (``params`` and
    ``grads``); backward adds into ``grads`` with ``+=`` so a layer fed from several
    places accumulates correctly.

    Parameters
    ----------
    name : str
        Unique name within the network.
    inputs : sequence of str
        Names of the layers that feed this one.
    """

    kind = "layer"
    #: False for layers whose backward the perceptron / stepper cannot use.
    trainable = True
    #: Indices of input links whose ∂E/∂input the network does not need in this
    #: backward (links from the data when training). A layer may return None for them
    #: instead of computing the gradient; ignoring the hint is always correct.
    skip_input_grads: tuple = ()
    #: True when ``forward`` writes into arrays the layer keeps for the next pass of
    #: the same batch size (convolution, pooling): its output is overwritten by it.
    reuses_buffers = False

    def __init__(self, name: str, inputs=()):
        self.name = str(name)
        self.inputs = [str(i) for i in inputs]
        self.in_shapes: list[tuple] = []
        self.out_shape: tuple = ()
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}

    # --- structure -------------------------------------------------------
    def build(self, in_shapes: list[tuple]) -> tuple:
        """Check the input shapes (per sample, no batch axis) and return the output shape."""
        raise NotImplementedError

    def param_specs(self) -> dict[str, tuple]:
        """Names and shapes of the parameters, known after ``build``."""
        return {}

    def fan(self, pname: str) -> tuple[int, int]:
        """(fan-in, fan-out) used by Xavier/He for parameter ``pname``."""
        shape = self.param_specs()[pname]
        if len(shape) >= 2:
            return int(np.prod(shape[:-1])), int(shape[-1])
        return 1, int(shape[0]) if shape else 1

    def init_params(self, rng, scheme: str) -> None:
        """Fill the parameters; biases follow the scheme for the book's (0, 1) init
        and the Playground's init, and start at zero for Xavier/He."""
        for pname, view in self.params.items():
            is_bias = pname.startswith("b")
            sch = scheme if not (is_bias and scheme in ("xavier", "he")) else "zeros"
            fi, fo = self.fan(pname)
            view[...] = init_array(rng, sch, view.shape, fi, fo, view.dtype)
        self.after_params_changed()

    def after_params_changed(self) -> None:
        """Hook: re-apply constraints (e.g. connection masks) after the weights changed."""

    def fresh_buffers(self) -> None:
        """Hook: let the next pass write into new arrays, leaving the kept ones as they are."""

    # --- computation -------------------------------------------------------
    def forward(self, xs: list[np.ndarray]) -> np.ndarray:
        """Compute the output from the inputs (each with a leading batch axis)."""
        raise NotImplementedError

    def backward(self, dout: np.ndarray) -> list:
        """Given ∂E/∂output, add ∂E/∂params into ``grads`` and return ∂E/∂inputs."""
        raise NotImplementedError

    # --- helpers -------------------------------------------------------------
    def _check_batch(self, x: np.ndarray, k: int) -> None:
        want = self.in_shapes[k]
        if x.shape[1:] != tuple(want):
            src = self.inputs[k] if k < len(self.inputs) else "input"
            raise ShapeError(
                f"layer {self.name!r}: input from {src!r} has shape {x.shape[1:]} per sample, "
                f"expected {tuple(want)}"
            )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r}, out={self.out_shape})"


class Input(Layer):
    """The network's input: passes the data through and checks its shape.

    Parameters
    ----------
    name : str
    shape : int or tuple
        Per-sample shape, e.g. ``2`` or ``(1, 28, 28)``.
    """

    kind = "input"
    trainable = False

    def __init__(self, name: str, shape):
        super().__init__(name, ())
        self.shape = (int(shape),) if np.isscalar(shape) else tuple(int(s) for s in shape)
        if any(s <= 0 for s in self.shape):
            raise NetworkError(f"input {name!r}: sizes must be positive, got {self.shape}")

    def build(self, in_shapes):
        self.in_shapes = [self.shape]
        self.out_shape = self.shape
        return self.shape

    def forward(self, xs):
        (x,) = xs
        self._check_batch(x, 0)
        return x

    def backward(self, dout):
        return []
