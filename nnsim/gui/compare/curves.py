"""The variants' training-loss curves in one plot, with a legend (log scale: rates differ by decades)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from nnsim.gui.compare.labels import _t
from nnsim.gui.compare.multiples import DIVERGED, LABEL_PX, MAX_CELLS
from nnsim.gui.plots.base import PEN_SCALE, TICK_PT, downsample
from nnsim.gui.plots.colors import SERIES

#: Curves made once: the most variants a comparison shows as pictures, and a few more.
MAX_CURVES = 64


def variant_colors(n: int) -> list[str]:
    """One colour per variant: the colour-blind safe series, then evenly spaced hues."""
    out = list(SERIES[: min(n, len(SERIES))])
    for k in range(len(out), n):
        out.append(pg.intColor(k, hues=max(n, MAX_CELLS), maxValue=200).name())
    return out


class LossCurves(pg.PlotWidget):
    """Training loss against epochs, one curve per variant."""

    def __init__(self, parent=None):
        super().__init__(parent, background="w")
        self.presentation = False
        self.plot = self.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.setLogMode(x=False, y=True)
        self.plot.disableAutoRange()  # see _grow
        self._range = (0.0, np.inf, -np.inf)
        self.plot.showGrid(x=False, y=True, alpha=0.15)
        self.legend = self.plot.addLegend(offset=(-4, 4), labelTextColor="#111111")
        self.legend.setColumnCount(2)
        self.curves = [pg.PlotDataItem(connect="finite") for _ in range(MAX_CURVES)]
        for c in self.curves:
            downsample(c)
            self.plot.addItem(c)
            c.setVisible(False)
        self.legend.clear()
        self.shown = 0
        self.colors: list[str] = []
        self.diverged: set[int] = set()
        self.selected: int | None = None
        self.labels: list[str] = []
        self.restyle()

    def set_variants(self, labels: list[str], colors: list[str]) -> None:
        """A new comparison: empty curves, the legend names them."""
        self.legend.clear()
        n = min(len(labels), MAX_CURVES)
        self.shown, self.colors, self.labels = n, list(colors[:n]), list(labels[:n])
        self.diverged, self.selected = set(), None
        self._range = (0.0, np.inf, -np.inf)  # epochs, lowest and highest loss shown
        for i, c in enumerate(self.curves):
            c.setData([], [])
            c.setVisible(i < n)
        for i in range(n):
            self._pen(i)
            self.legend.addItem(self.curves[i], labels[i])
        self.restyle()

    def set_curve(self, i: int, epochs: np.ndarray, loss: np.ndarray) -> None:
        """Variant ``i``'s curve (non-positive or non-finite losses are left out)."""
        if i >= self.shown:
            return
        y = np.asarray(loss, dtype=np.float64)
        ok = np.isfinite(y) & (y > 0)
        if not ok.all():
            y = np.where(ok, y, np.nan)
        x = np.asarray(epochs, dtype=np.float64)
        self.curves[i].setData(x, y)
        if x.size:
            self._grow(float(x[-1]), y[ok] if not ok.all() else y)

    def set_epochs(self, n: int) -> None:
        """The epochs the run will reach: the horizontal axis spans them from the start."""
        _x, lo, hi = self._range
        self._range = (float(max(n, 1)), lo, hi)
        self.plot.setXRange(0, max(n, 1), padding=0.02)

    def _grow(self, last_epoch: float, y: np.ndarray) -> None:
        """Widen the axes only when a curve leaves them, in steps: a range that moves
        every frame makes pyqtgraph lay out and redraw both axes every frame."""
        x_max, lo, hi = self._range
        changed = False
        if last_epoch > x_max:
            x_max = max(10.0, 1.5 * last_epoch)
            changed = True
        if y.size:
            ymin, ymax = float(np.min(y)), float(np.max(y))
            if ymin < lo:
                lo, changed = ymin / 3, True
            if ymax > hi:
                hi, changed = ymax * 3, True
        if changed:
            self._range = (x_max, lo, hi)
            self.plot.setRange(xRange=(0, x_max), yRange=(np.log10(lo), np.log10(hi)), padding=0.02)

    def set_diverged(self, i: int, on: bool) -> None:
        if i < self.shown and (i in self.diverged) != on:
            (self.diverged.add if on else self.diverged.discard)(i)
            self._pen(i)

    def set_selected(self, i: int | None) -> None:
        old, self.selected = self.selected, i
        for k in (old, i):
            if k is not None and k < self.shown:
                self._pen(k)

    def _pen(self, i: int) -> None:
        width = (4.0 if i == self.selected else 2.2) * PEN_SCALE[self.presentation]
        pen = pg.mkPen(self.colors[i], width=width)
        if i in self.diverged:
            pen = pg.mkPen(DIVERGED, width=width, style=Qt.PenStyle.DashLine)
        self.curves[i].setPen(pen)

    def retranslate(self, labels: list[str] | None = None) -> None:
        if labels is not None:
            self.labels = list(labels[: self.shown])
            for i, text in enumerate(self.labels):
                self.legend.items[i][1].setText(text)
        size = f"{TICK_PT[self.presentation] + 1:g}pt"
        self.plot.setLabel("bottom", _t("epoch"), **{"font-size": size, "color": "#111111"})
        self.plot.setLabel(
            "left", _t("training loss (log)"), **{"font-size": size, "color": "#111111"}
        )

    def set_presentation(self, on: bool) -> None:
        self.presentation = bool(on)
        self.restyle()

    def restyle(self) -> None:
        font = QFont()
        font.setPointSizeF(TICK_PT[self.presentation])
        for name in ("left", "bottom"):
            ax = self.plot.getAxis(name)
            ax.setPen(pg.mkPen("#222222", width=1.5 * PEN_SCALE[self.presentation]))
            ax.setTextPen(pg.mkPen("#111111"))
            ax.setTickFont(font)
        self.legend.setLabelTextSize(f"{LABEL_PX[self.presentation]}px")
        for i in range(self.shown):
            self._pen(i)
            self.legend.items[i][1].setText(self.labels[i])
        self.retranslate()
