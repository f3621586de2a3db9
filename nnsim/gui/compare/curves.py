"""The variants' training-loss curves in one plot, the legend below it (log scale: rates differ by decades).

Each frame a curve gets only the points that show at the plot's size (``thin``: its
first and last point, each pixel column's lowest and highest, and of a run on one pixel
row only its ends), so 16 curves of thousands of epochs draw as a few hundred segments.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from nnsim.gui.compare.labels import _t
from nnsim.gui.compare.multiples import DIVERGED, LABEL_PX, MAX_CELLS
from nnsim.gui.plots.axes import ReadableAxis
from nnsim.gui.plots.base import PEN_SCALE, TICK_PT
from nnsim.gui.plots.colors import SERIES

#: Curves made once: the most variants a comparison shows as pictures, and a few more.
MAX_CURVES = 64


def variant_colors(n: int) -> list[str]:
    """One colour per variant: the colour-blind safe series, then evenly spaced hues."""
    out = list(SERIES[: min(n, len(SERIES))])
    for k in range(len(out), n):
        out.append(pg.intColor(k, hues=max(n, MAX_CELLS), maxValue=200).name())
    return out


def _same(a: tuple, b: tuple) -> bool:
    """Equal tuples of numbers, NaN equal to NaN."""
    return len(a) == len(b) and all(u == v or (u != u and v != v) for u, v in zip(a, b))


def thin(x: np.ndarray, y: np.ndarray, x0: float, dx: float, y0: float, dy: float) -> np.ndarray:
    """Indices (ascending) of the points of a curve worth drawing at a pixel size.

    Kept: the first and last point; in each pixel column (``dx`` wide from ``x0``) the
    lowest and highest finite point; the first point of each run of
    non-finite ones (the line breaks there). Of the kept points, a run that lies on one
    pixel row (``dy`` high from ``y0``) keeps only its ends: the pixels drawn are the same.

    Parameters
    ----------
    x, y : ndarray
        The curve as drawn (``y`` in the plot's units, e.g. log10 of the loss; NaN: a gap).
    x0, dx, y0, dy : float
        The view's origin and the size of one pixel in the plot's units.
    """
    n = x.size
    if n <= 2:
        return np.arange(n)
    # masks and whole-array passes only: a curve is thinned every frame, 16 of them
    ok = np.isfinite(y)
    keep = np.zeros(n, bool)
    keep[0] = keep[-1] = True
    np.logical_or(keep[1:], ~ok[1:] & ok[:-1], out=keep[1:])
    idx = np.flatnonzero(ok)
    if idx.size:
        v = y[idx]
        col = np.floor((x[idx] - x0) / dx)
        new = np.empty(idx.size, bool)
        new[0] = True
        np.not_equal(col[1:], col[:-1], out=new[1:])
        starts = np.flatnonzero(new)
        counts = np.diff(starts, append=idx.size)
        for reduce in (np.minimum, np.maximum):  # (ties: all kept, the rows merge them)
            keep[idx[v == np.repeat(reduce.reduceat(v, starts), counts)]] = True
    k = np.flatnonzero(keep)
    if k.size <= 2:
        return k
    row = np.floor((y[k] - y0) / dy)  # NaN never equals: a gap's point is kept
    inner = np.ones(k.size, bool)
    inner[0] = inner[-1] = False
    inner[1:-1] = (row[1:-1] == row[:-2]) & (row[1:-1] == row[2:])
    return k[~inner]


class _Curve(pg.PlotCurveItem):
    """A curve given its bounds with its data: pyqtgraph measures them again after every
    change (data bounds, pixel vectors, in Python), once a frame for each of 16 curves."""

    _rect: QRectF | None = None

    def set_thinned(self, x: np.ndarray, y: np.ndarray, rect: QRectF) -> None:
        self._rect = rect
        self.setData(x, y)

    def boundingRect(self) -> QRectF:
        return super().boundingRect() if self._rect is None else self._rect


class _Legend(pg.LegendItem):
    """The legend as an item of the plot's layout, below the axis: it never covers a
    curve, and it is not dragged onto them either."""

    def updateSize(self):
        self.updateGeometry()  # (pyqtgraph's would set a geometry the layout overrides)

    def mouseDragEvent(self, ev):
        ev.ignore()


class LossCurves(pg.PlotWidget):
    """Training loss against epochs, one curve per variant."""

    def __init__(self, parent=None):
        super().__init__(parent, background="w", axisItems={"left": ReadableAxis("left"), "bottom": ReadableAxis("bottom")})
        self.presentation = False
        self.plot = self.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.setLogMode(x=False, y=True)
        # losses read as they are (0.1, 10⁻²), not as 10² with a "(x0.001)" on the label
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        self.plot.disableAutoRange()  # see _grow
        self._range = (0.0, np.inf, -np.inf)
        self.plot.showGrid(x=False, y=True, alpha=0.15)
        self.legend = _Legend(offset=None, labelTextColor="#111111")
        self.legend.setParentItem(self.plot)
        self.plot.layout.addItem(self.legend, 4, 0, 1, 3)
        self._legend_in = True
        #: the first curves the pictures beside the plot key (their labels' colour squares)
        self.keyed = 0
        # made once, fed with setData; thinned here (``thin``), not by pyqtgraph. Curve
        # items, not data items: they take log10 of the loss as it is (the axis is in log
        # mode), without a data item's mapping, bounds and downsampling at every frame.
        self.curves = [_Curve(connect="finite") for _ in range(MAX_CURVES)]
        for c in self.curves:
            self.plot.addItem(c)
            c.setVisible(False)
        #: per curve: the data last given (x, loss, log10 loss, its end) and the pixel
        #: size it was thinned for
        self._data: list = [None] * MAX_CURVES
        self._drawn: list = [None] * MAX_CURVES
        self.legend.clear()
        self.shown = 0
        self.colors: list[str] = []
        self.diverged: set[int] = set()
        self.selected: int | None = None
        self.labels: list[str] = []
        self.restyle()
        self.plot.vb.sigResized.connect(self._refit)

    def set_keyed(self, n: int) -> None:
        """The pictures' labels key the first ``n`` curves (their colour squares): the
        legend names only the others (16 names at 24 px would take most of the plot's
        height on a 1280×800 projector, and at the desk half of it)."""
        self.keyed = int(n)
        self._fill_legend()

    def legend_entries(self) -> range:
        """The curves the legend names."""
        return range(min(self.keyed, self.shown), self.shown)

    def _fill_legend(self) -> None:
        self.legend.clear()
        self.legend.setLabelTextSize(f"{LABEL_PX[self.presentation]}px")
        for i in self.legend_entries():
            self.legend.addItem(self.curves[i], self.labels[i])
        self._place_legend()

    def _place_legend(self) -> None:
        """The legend below the plot, as many columns as its width holds; or none."""
        on = len(self.legend.items) > 0
        lay = self.plot.layout
        if on != self._legend_in:
            if on:
                lay.addItem(self.legend, 4, 0, 1, 3)
            else:
                lay.removeItem(self.legend)
            self._legend_in = on
        self.legend.setVisible(on)
        if not on:
            return
        left, _top, right, _bottom = self.plot.layout.getContentsMargins()
        avail = self.plot.width() - left - right - 8  # (the right margin holds a tick label)
        cols = len(self.legend.items)
        while True:  # the most columns whose width the plot holds
            if cols != self.legend.columnCount:
                self.legend.setColumnCount(cols)
            hint = self.legend.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize)
            if cols == 1 or hint.width() <= avail:
                break
            cols -= 1
        self.legend.updateGeometry()

    def resizeEvent(self, ev):
        super().resizeEvent(ev)
        if hasattr(self, "keyed"):  # (pyqtgraph may resize before __init__ is done)
            self._place_legend()

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
        self._data = [None] * MAX_CURVES
        self._drawn = [None] * MAX_CURVES
        for i in range(n):
            self._pen(i)
        self.restyle()

    def set_curve(self, i: int, epochs: np.ndarray, loss: np.ndarray) -> None:
        """Variant ``i``'s curve (non-positive or non-finite losses are left out)."""
        self.set_curves([(i, epochs, loss)])

    def set_curves(self, curves) -> None:
        """Several curves at once, ``(i, epochs, loss)`` each: the axes grow first, so
        every curve is thinned for the range it is drawn in."""
        for i, epochs, loss in curves:
            if i >= self.shown:
                continue
            x = np.asarray(epochs, dtype=np.float64)
            y = np.asarray(loss, dtype=np.float64)
            last = (x.size, float(x[-1]), float(y[-1])) if x.size else (0,)
            old = self._data[i]
            if old is not None and _same(old[3], last):
                continue  # the same curve (a variant that ended): nothing to thin again
            ok = np.isfinite(y) & (y > 0)
            y = np.where(ok, y, np.nan)
            with np.errstate(divide="ignore", invalid="ignore"):
                ly = np.log10(y)
            self._data[i] = (x.copy(), y, ly, last)
            self._drawn[i] = None
            if x.size:
                self._grow(float(x[-1]), y[ok])
        self._refit()

    def _pixel(self):
        """(x0, dx, y0, dy): the view's origin and one pixel in plot units (y in log10)."""
        vb = self.plot.vb
        (x0, x1), (y0, y1) = vb.viewRange()
        w, h = max(vb.width(), 1.0), max(vb.height(), 1.0)
        return x0, (x1 - x0) / w or 1.0, y0, (y1 - y0) / h or 1.0

    def _refit(self, *_):
        """Thin every curve whose data or pixels changed (after new data, a range that
        grew or a resize) and hand it to its item."""
        px = self._pixel()
        for i in range(self.shown):
            data = self._data[i]
            if data is None or self._drawn[i] == px:
                continue
            self._drawn[i] = px
            x, y, ly, _last = data
            k = thin(x, ly, *px)
            xs, ys = x[k], ly[k]
            c = self.curves[i]
            fin = ys[np.isfinite(ys)]
            if fin.size:
                # the data's box, a pen width (in pixels, as plot units) around it
                pad = c.opts["pen"].widthF() + 1
                _x0, dx, _y0, dy = px
                rect = QRectF(xs[0] - pad * dx, fin.min() - pad * dy, 0, 0)
                rect.setRight(xs[-1] + pad * dx)
                rect.setBottom(fin.max() + pad * dy)
            else:
                rect = QRectF()
            c.set_thinned(xs, ys, rect)

    def set_epochs(self, n: int) -> None:
        """The epochs the run will reach: the horizontal axis spans them from the start."""
        _x, lo, hi = self._range
        self._range = (float(max(n, 1)), lo, hi)
        self.plot.setXRange(0, max(n, 1), padding=0.02)
        self._fit_margins()
        self._refit()

    def _fit_margins(self) -> None:
        """Room around the plot for the tick labels at its ends.

        A tick label is centred on its tick: the one at the right end of the epoch axis
        reaches half its width past the axis, and the top one of the loss axis half its
        height above. pyqtgraph hides (or, where its measure is short of the screen's,
        cuts) what passes the axis item's bounds; the plot's margins hold that half and
        each axis may draw into it (``hideOverlappingLabels`` as a tolerance in pixels).
        """
        fm = QFontMetricsF(self.plot.getAxis("bottom").style["tickFont"] or self.font(), self)
        x_max = self._range[0] * 1.02 if np.isfinite(self._range[0]) else 1.0
        # the widest label the range can have: its largest number, and a decimal point
        # for fine ticks (a short run: 0.5, 1.5)
        widest = max(fm.horizontalAdvance(f"{x_max:.0f}"), fm.horizontalAdvance("0.5"))
        right = int(np.ceil(widest / 2)) + 4
        top = int(np.ceil(fm.height() / 2)) + 2
        if self.plot.layout.getContentsMargins() == (1, top, right, 1):
            return
        self.plot.layout.setContentsMargins(1, top, right, 1)
        self.plot.getAxis("bottom").setStyle(hideOverlappingLabels=right - 1)
        self.plot.getAxis("left").setStyle(hideOverlappingLabels=top - 1)
        if hasattr(self, "keyed"):  # the legend's columns fit between the margins
            self._place_legend()

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
            grew = x_max != self._range[0]
            self._range = (x_max, lo, hi)
            self.plot.setRange(xRange=(0, x_max), yRange=(np.log10(lo), np.log10(hi)), padding=0.02)
            if grew:
                self._fit_margins()

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
            self._fill_legend()
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
        self._fit_margins()
        for i in range(self.shown):
            self._pen(i)
        self.retranslate()
        self._fill_legend()
