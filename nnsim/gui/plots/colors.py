"""Colours of the plots: Playground's orange–white–blue map, class colours, pictures for neurons."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage

from nnsim.gui.style import NEGATIVE, POSITIVE

#: Class 0 / negative (orange) and class 1 / positive (blue), as on the canvas edges.
CLASS_COLORS = (NEGATIVE, POSITIVE)
#: Train and validation/test curves.
TRAIN_COLOR = "#0b5cad"
TEST_COLOR = "#e8710a"
#: More colours for weight trajectories (colour-blind safe, then darker variants).
SERIES = (
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#332288",
    "#117733",
    "#882255",
    "#999933",
    "#44aa99",
    "#aa4499",
)


def _rgb(color: str) -> np.ndarray:
    c = QColor(color)
    return np.array([c.red(), c.green(), c.blue()], dtype=np.float64)


def diverging_lut(n: int = 256, low: str = NEGATIVE, high: str = POSITIVE) -> np.ndarray:
    """An (n, 4) uint8 lookup table from ``low`` through white to ``high``.

    The middle entry is white, so a level range symmetric around the decision value
    (0 for tanh, 0.5 for σ) shows undecided points white, as Playground does.
    """
    t = np.linspace(-1.0, 1.0, n)[:, None]
    lo, hi, white = _rgb(low), _rgb(high), np.full(3, 255.0)
    # a light tint: full colour only at the ends, so training points stay visible
    rgb = np.where(t < 0, white + (-t) * (lo - white), white + t * (hi - white))
    lut = np.empty((n, 4), np.uint8)
    lut[:, :3] = np.clip(np.round(rgb), 0, 255).astype(np.uint8)
    lut[:, 3] = 255
    return lut


LUT = diverging_lut()


def to_rgba(values: np.ndarray, levels: tuple[float, float], lut: np.ndarray = LUT) -> np.ndarray:
    """Map a 2-D array of values to an (h, w, 4) uint8 image through ``lut``.

    Values below/above ``levels`` take the end colours; NaN becomes white.
    """
    lo, hi = float(levels[0]), float(levels[1])
    span = hi - lo if hi > lo else 1.0
    top = lut.shape[0] - 1
    idx = np.subtract(values, lo, dtype=np.float32)
    idx *= np.float32(top / span)
    with np.errstate(invalid="ignore"):
        np.clip(idx, 0, top, out=idx)  # ±inf to the ends
    if np.isnan(idx).any():  # rare: only a diverging network gives NaN
        idx[np.isnan(idx)] = top / 2.0
    return lut[idx.astype(np.intp)]


def rgba_image(rgba: np.ndarray, round_: bool = False) -> QImage:
    """A QImage that owns a copy of an (h, w, 4) uint8 RGBA array (row 0 at the top).

    ``round_`` makes everything outside the inscribed circle transparent (a neuron's
    picture, drawn without a clip path). The image is premultiplied, the format the
    raster painter draws fastest.
    """
    rgba = np.array(rgba, dtype=np.uint8, copy=True, order="C")
    h, w = rgba.shape[:2]
    if round_:
        rgba[~_disc(h, w)] = 0
    img = QImage(rgba.data, w, h, 4 * w, QImage.Format.Format_RGBA8888)
    return img.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)  # a copy


def argb32_lut(lut: np.ndarray = LUT) -> np.ndarray:
    """A lut as premultiplied ARGB32 words, one more (transparent) word at its end.

    Indexing the words gives a picture's pixels as QImage's ``Format_ARGB32_Premultiplied``
    stores them, so no per-pixel conversion is left to do; the last word (index
    ``len(lut)``) is for the pixels outside a neuron's disc.
    """
    a = lut[:, 3].astype(np.uint32)
    rgb = (lut[:, :3].astype(np.uint32) * a[:, None] + 127) // 255
    words = (a << 24) | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]
    return np.append(words, 0).astype(np.uint32)


ARGB_LUT = argb32_lut()


def disc_words(values: np.ndarray, lo, hi, words: np.ndarray = ARGB_LUT) -> np.ndarray:
    """Map a stack of (n, h, w) pictures to ARGB32 words, each cut to its inscribed disc.

    ``lo`` and ``hi`` are the n pictures' levels (arrays, or one number for all); the
    colours are those of ``to_rgba`` with the matching lut, and a neuron's picture is
    ``rgba_image(to_rgba(v, levels), round_=True)`` in one conversion for all n.
    """
    n, h, w = values.shape
    top = words.shape[0] - 2
    lo = np.broadcast_to(np.asarray(lo, dtype=np.float64), (n,))
    hi = np.broadcast_to(np.asarray(hi, dtype=np.float64), (n,))
    span = np.where(hi > lo, hi - lo, 1.0)
    # rows of h·w values against an (n, 1) column of levels: numpy's inner loops run over
    # whole pictures, not over 50-pixel rows. The float32 steps are those of to_rgba.
    flat = np.ascontiguousarray(values).reshape(n, h * w)
    idx = np.subtract(flat, lo.astype(np.float32)[:, None], dtype=np.float32)
    idx *= (top / span).astype(np.float32)[:, None]
    with np.errstate(invalid="ignore"):
        np.clip(idx, 0, top, out=idx)
    if not np.isfinite(idx.sum()):  # a NaN survives the clip (rare: a diverged network)
        idx[np.isnan(idx)] = top / 2.0
    out = words[idx.astype(np.intp)]
    out *= _disc(h, w).reshape(-1).astype(np.uint32)  # transparent outside the disc
    return out.reshape(n, h, w)


def words_image(words: np.ndarray) -> QImage:
    """A QImage owning a copy of (h, w) ARGB32 premultiplied words (from ``disc_words``)."""
    h, w = words.shape
    words = np.ascontiguousarray(words, dtype=np.uint32)
    return QImage(words, w, h, 4 * w, QImage.Format.Format_ARGB32_Premultiplied).copy()


_DISCS: dict = {}


def _disc(h: int, w: int) -> np.ndarray:
    """A boolean (h, w) mask of the inscribed disc (cached per size)."""
    m = _DISCS.get((h, w))
    if m is None:
        yy, xx = np.mgrid[0:h, 0:w]
        cy, cx = (h - 1) / 2, (w - 1) / 2
        m = ((yy - cy) / (h / 2)) ** 2 + ((xx - cx) / (w / 2)) ** 2 <= 1.0
        _DISCS[(h, w)] = m
    return m
