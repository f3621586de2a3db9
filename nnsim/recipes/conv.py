"""The convolution demo's numbers: kernel presets, the lecture's 7, one feature map by the engine."""

from __future__ import annotations

import numpy as np

from nnsim.engine.convshape import ConvShapeError
from nnsim.engine.layers.base import Input
from nnsim.engine.layers.conv import Conv2D
from nnsim.engine.network import Network

#: Kernel presets (names as the engine-free keys; the combo box shows translations).
PRESETS = ("identity", "edge", "vertical", "horizontal", "blur", "sharpen")


def lecture_seven() -> np.ndarray:
    """The 7 drawn in a 7×7 image that the convolution-pooling lesson uses."""
    seven = np.zeros((7, 7))
    seven[1, 1:6] = 1.0
    seven[np.arange(2, 6), 5 - np.arange(4) // 2] = 1.0
    return seven


def preset_kernel(name: str, size: int = 3) -> np.ndarray:
    """A size×size kernel: identity, edge (Laplacian), vertical/horizontal edge (Sobel-like),
    blur (box average) or sharpen (2·identity − blur)."""
    f = int(size)
    k = np.zeros((f, f))
    c = f // 2
    ident = k.copy()
    ident[c, c] = 1.0
    if name == "identity":
        return ident
    if name == "blur":
        return np.full((f, f), 1.0 / (f * f))
    if name == "sharpen":
        if f == 3:
            return np.array([[0.0, -1, 0], [-1, 5, -1], [0, -1, 0]])
        return 2 * ident - np.full((f, f), 1.0 / (f * f))
    if name == "edge":
        k[...] = -1.0
        k[c, c] = f * f - 1.0
        return k
    if name in ("vertical", "horizontal"):
        # Sobel's kernel generalised: + on the left, − on the right, centre row weighted 2.
        # It is not symmetric, so convolution (flipped) and cross-correlation differ.
        cols = np.sign(c - np.arange(f)).astype(float)
        rows = 1.0 + (np.abs(np.arange(f) - c) == 0)
        k = rows[:, None] * cols[None, :]
        return k if name == "vertical" else k.T.copy()
    raise ValueError(f"unknown kernel preset {name!r}; choose one of {', '.join(PRESETS)}")


def feature_map(image, kernel, stride: int, padding: int, mode: str):
    """One kernel slid over one image by the engine: ``(network, output map)``.

    Parameters
    ----------
    image : ndarray
        (H, W) grey levels.
    kernel : ndarray
        (F, F) weights; the bias is 0.
    stride, padding : int
    mode : {"cross-correlation", "convolution"}

    Returns
    -------
    (Network, ndarray) or (None, None)
        The ``Input → Conv2D`` network (its layer answers ``products`` for the window)
        and the (H', W') output; (None, None) when the window does not fit
        (``nnsim.engine.convshape`` refuses the layer).
    """
    img = np.asarray(image, float)
    k = np.asarray(kernel, float)
    h, w = img.shape
    try:
        net = Network(
            [
                Input("x", (1, h, w)),
                Conv2D("conv", 1, k.shape[0], ["x"], stride=stride, padding=padding, mode=mode),
            ]
        )
    except ConvShapeError:
        return None, None
    net.param("conv", "W")[...] = k[None, None]
    net.param("conv", "b")[...] = 0.0
    return net, np.array(net.forward(img[None, None])[0, 0])
