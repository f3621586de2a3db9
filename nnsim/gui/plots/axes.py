"""Plot axes whose tick labels never overlap: spacing chosen from the labels' real size.

pyqtgraph picks tick spacing from the axis's length alone and guesses the labels' room
with its own painter, so large fonts (presentation mode) and wide numbers (123456
epochs) print labels on top of each other, and a log axis labels all of 2…9 × 10ᵏ (0.007,
0.008, 0.009 and 0.01 in one smudge). ``ReadableAxis`` measures its labels with the font
they are drawn in and keeps them apart.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF

#: The in-between mantissas a log axis may label, densest first; the first set whose
#: closest two labels (decades included) have room is used.
MANTISSA_SETS = ((2, 3, 4, 5, 6, 7, 8, 9), (2, 3, 5), (2, 5), (3,), ())

#: Nice steps within a decade, for linear spacing (not 2.5: pyqtgraph prints a tick's value
#: with the step's decimals, and 0.25 would read "0.2", 0.75 "0.8").
STEPS = (1.0, 2.0, 5.0)


def _closest(mantissas) -> float:
    """The smallest distance in decades between neighbouring labels of ``mantissas``."""
    marks = [0.0, *(math.log10(m) for m in mantissas), 1.0]
    return min(b - a for a, b in zip(marks, marks[1:]))


def nice_steps(smallest: float):
    """Nice step sizes (1, 2, 5 × 10ᵏ) from the first one ≥ ``smallest`` upwards."""
    k = math.floor(math.log10(smallest)) if smallest > 0 else 0
    while True:
        for s in STEPS:
            step = s * 10.0**k
            if step >= smallest * (1 - 1e-12):
                yield step
        k += 1


class ReadableAxis(pg.AxisItem):
    """An ``AxisItem`` whose labels keep their own size apart.

    Linear mode: one labelled level, the finest nice step at which neighbouring labels
    are their height plus ``GAP`` heights apart (vertical) or twice their width apart
    (horizontal), and an unlabelled level of minor ticks. Log mode: every decade, and the
    in-between values that have that room; with less than a decade in view, nice linear
    values of it.
    """

    #: Air between two labels, in label heights.
    GAP = 0.3

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the spacing below keeps labels apart; pyqtgraph's own limit on how much of the
        # axis text may cover would drop rows of labels that have room
        self.setStyle(textFillLimits=[(0, 0.95)])
        self._fm_key = self._fm = None  # the tick font's metrics, made once per font
        self._spacing_key = self._spacing = None  # the last linear spacing and its inputs

    def _metrics(self) -> QFontMetricsF:
        font = self.style.get("tickFont") or self.font()
        key = font.key()
        if self._fm_key != key:  # (axes repaint often)
            self._fm_key, self._fm = key, QFontMetricsF(font)
        return self._fm

    def _room(self, strings) -> float:
        """The pixels one label needs along the axis, air included."""
        fm = self._metrics()
        air = self.GAP * fm.height()
        if self.orientation in ("left", "right"):
            return fm.height() + air
        # side by side, numbers read as one row unless a number's width stands between
        # the longest texts are the widest (digits are of one width): measure only those
        n = max((len(s) for s in strings), default=0)
        widest = max((fm.horizontalAdvance(s) for s in strings if len(s) == n), default=0.0)
        return widest + max(air, widest)

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 (pyqtgraph's name)
        # linear: text on the first level only (the second holds minor ticks); log: the
        # decades and the in-between values, both labelled
        self.style["maxTextLevel"] = 1 if self.logMode else 0
        return super().tickValues(minVal, maxVal, size)

    # -- linear --------------------------------------------------------------------------
    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802
        lo, hi = min(minVal, maxVal), max(minVal, maxVal)
        span = hi - lo
        if self._tickSpacing is not None or not (math.isfinite(span) and span > 0 and size > 0):
            return super().tickSpacing(minVal, maxVal, size)
        scale = self.scale * self.autoSIPrefixScale
        # an axis repaints at every frame while its range holds still: the same answer
        self._metrics()
        key = (lo, hi, size, scale, self._fm_key)
        if self._spacing_key == key:
            return self._spacing
        self._spacing_key, self._spacing = key, self._linear_spacing(lo, hi, size, scale)
        return self._spacing

    def _linear_spacing(self, lo: float, hi: float, size: float, scale: float) -> list:
        span = hi - lo
        for step in nice_steps(span * self._metrics().height() / size):
            first, count = math.ceil(lo / step), math.floor(hi / step) - math.ceil(lo / step) + 1
            if count > 100:  # (a hundred labels never fit: the next step)
                continue
            values = [(first + i) * step for i in range(max(count, 2))]
            if step > span or step * size / span >= self._room(self.tickStrings(values, scale, step)):
                mantissa = round(step / 10.0 ** math.floor(math.log10(step)), 6)
                return [(step, 0.0), (step / (4 if mantissa == 2.0 else 5), 0.0)]
        return [(span, 0.0)]  # (not reached: the steps grow past the span)

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        if self.logMode:
            return super().tickStrings(values, scale, spacing)
        # 10,000 and up as 10k, 1.5M: "%g" would print 1e+06, wider and harder to read
        out = super().tickStrings(values, scale, spacing)
        for i, v in enumerate(values):
            x = v * scale
            if abs(x) >= 1e6:
                out[i] = f"{x / 1e6:g}M"
            elif abs(x) >= 1e4:
                out[i] = f"{x / 1e3:g}k"
        return out

    # -- log -----------------------------------------------------------------------------
    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802
        if not (math.isfinite(minVal) and math.isfinite(maxVal)) or maxVal <= minVal or size <= 0:
            return super().logTickValues(minVal, maxVal, size, stdTicks)
        need = self._room(["0.0001"]) * (maxVal - minVal) / size  # in decades
        first, last = math.floor(minVal), math.ceil(maxVal)
        # every decade, or every 2nd, 3rd... on a short axis over many decades
        every = next(d for d in (1, 2, 3, 5, 10, 20, 50, 100) if d >= need or d == 100)
        decades = [
            float(k) for k in range(first, last + 1) if minVal <= k <= maxVal and k % every == 0
        ]
        mantissas = next(s for s in MANTISSA_SETS if not s or _closest(s) >= need)
        between = [
            k + math.log10(m)
            for k in range(first, last + 1)
            for m in mantissas
            if minVal <= k + math.log10(m) <= maxVal
        ]
        if len(decades) + len(between) >= 2:
            return [(1.0, decades), (None, between)] if decades else [(None, between)]
        # less than a decade in view: nice values of it, spaced so that the closest two
        # (at the top, where a log axis squeezes equal steps most) have room
        top, bottom = 10.0**maxVal, 10.0**minVal
        for step in nice_steps((top - bottom) / 20):
            v0 = math.ceil(bottom / step) * step
            values = [v0 + i * step for i in range(int((top - v0) / step + 1e-9) + 1)]
            if len(values) < 2 or math.log10(values[-1] / values[-2]) >= need:
                return [(None, [math.log10(v) for v in values])]
        return [(None, [])]  # (not reached: steps grow)

    def logTickStrings(self, values, scale, spacing):  # noqa: N802
        # pyqtgraph prints one significant digit: 0.12 and 0.13 would both read "0.1"
        return [f"{10.0 ** float(v) * scale:.4g}" for v in values]
