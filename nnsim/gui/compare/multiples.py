"""Small multiples of the decision boundary: one picture per variant, labelled with its setting.

Up to ``MAX_CELLS`` cells are made once (a label, a ViewBox with an ImageItem and the
training points); a comparison shows the first n of them in a near-square grid and each
frame only feeds the images with ``setImage``.
"""

from __future__ import annotations

import math
from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem

from nnsim.gui.compare.labels import _t
from nnsim.gui.plots.colors import CLASS_COLORS, LUT, to_rgba

#: The most variants drawn as pictures (more are in the curves and the table).
MAX_CELLS = 16
#: Label sizes in pixels, normal and in presentation mode.
LABEL_PX = {False: 15, True: 24}
DIVERGED = "#c0392b"
SELECTED = "#111111"


class _Points(pg.ScatterPlotItem):
    """The training points of a picture: their bounds measured once per data and view
    change, not at every paint (pyqtgraph's take pixel vectors in Python each time)."""

    _rect = None

    def boundingRect(self):
        if self._rect is None:
            self._rect = super().boundingRect()
        return self._rect

    def setData(self, *args, **kwargs):
        super().setData(*args, **kwargs)
        self._rect = None  # (after: the set-up itself may ask for the bounds midway)

    def setSize(self, *args, **kwargs):
        super().setSize(*args, **kwargs)
        self._rect = None

    def viewTransformChanged(self):
        super().viewTransformChanged()
        self._rect = None


class _Cell:
    """One small multiple: label above, picture below."""

    def __init__(self):
        self.layout = pg.GraphicsLayout()
        self.layout.setContentsMargins(2, 2, 2, 2)
        self.layout.setSpacing(1)
        self.label = pg.LabelItem("", justify="left")
        self.view = pg.ViewBox(enableMouse=False, enableMenu=False, lockAspect=True)
        self.view.setMouseEnabled(False, False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.points = _Points(size=5, pen=pg.mkPen("w", width=0.8))
        # the picture changes every frame, the points never: draw them from a cache
        self.points.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.view.addItem(self.image)
        self.view.addItem(self.points)
        self.layout.addItem(self.label, 0, 0)
        self.layout.addItem(self.view, 1, 0)
        self.layout.layout.setRowStretchFactor(1, 1)
        self.text = ""
        self.color = "#000000"
        self.diverged = False
        self.selected = False


class BoundaryMultiples(pg.GraphicsLayoutWidget):
    """The grid of small multiples.

    Signals
    -------
    clicked(int)
        A variant's picture was clicked.
    activated(int)
        A variant's picture was double-clicked (open it in the Network view).
    """

    clicked = Signal(int)
    activated = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setBackground("w")
        self.presentation = False
        self.cells = [_Cell() for _ in range(MAX_CELLS)]
        self.shown = 0
        #: the last value grids drawn (for tests and export), one per shown cell
        self.values: list[np.ndarray | None] = []
        self.scene().sigMouseClicked.connect(self._mouse_clicked)

    # -- set-up ------------------------------------------------------------------------
    def set_variants(self, labels: list[str], colors: list[str]) -> None:
        """Show the first ``MAX_CELLS`` variants in a near-square grid."""
        n = min(len(labels), MAX_CELLS)
        for cell in self.cells[: self.shown]:
            self.ci.removeItem(cell.layout)
        cols = max(1, math.ceil(math.sqrt(n)))
        for i in range(n):
            cell = self.cells[i]
            cell.text, cell.color = labels[i], colors[i]
            cell.diverged = cell.selected = False
            cell.image.clear()
            self.ci.addItem(cell.layout, i // cols, i % cols)
            self._label(cell)
        self.shown = n
        self.values = [None] * n

    def set_problem(self, problem) -> None:
        """The input plane and the training points, the same in every picture."""
        x0, x1, y0, y1 = problem.domain
        self._domain = (x0, x1, y0, y1)
        brushes = None
        if problem.train_xy is not None:
            if problem.classification:
                brushes = [pg.mkBrush(CLASS_COLORS[int(t >= 0.5)]) for t in problem.train_t]
            else:
                rgba = to_rgba(np.asarray(problem.train_t)[None, :], problem.levels)[0]
                brushes = [pg.mkBrush(*map(int, c)) for c in rgba]
        for cell in self.cells[: self.shown]:
            if problem.train_xy is not None:
                cell.points.setData(pos=problem.train_xy, brush=brushes)
            else:
                cell.points.setData([])
            cell.view.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.0)
            cell.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))

    def set_presentation(self, on: bool) -> None:
        self.presentation = bool(on)
        for cell in self.cells[: self.shown]:
            cell.points.setSize(8 if on else 5)
            self._label(cell)

    # -- per frame ---------------------------------------------------------------------
    def set_image(self, i: int, values: np.ndarray, levels, rgba=None) -> None:
        """Variant ``i``'s output over the plane (G × G, row = y); ``rgba`` its colours if
        already mapped. A picture whose colours did not change is not uploaded again."""
        if i >= self.shown:
            return
        self.values[i] = values
        cell = self.cells[i]
        if rgba is None:
            rgba = to_rgba(values, levels, LUT)
        old = cell.image.image
        first = old is None or old.shape[:2] != values.shape
        if not first and np.array_equal(old, rgba):
            return
        cell.image.setImage(rgba, autoLevels=False)
        if first:  # an image of the same size keeps its place: set it once
            cell.image.setRect(QRectF(*self._rect()))

    def _rect(self):
        x0, x1, y0, y1 = getattr(self, "_domain", (-6.0, 6.0, -6.0, 6.0))
        return x0, y0, x1 - x0, y1 - y0

    def set_diverged(self, i: int, on: bool) -> None:
        """Mark variant ``i`` diverged (red frame and word) or not."""
        if i < self.shown and self.cells[i].diverged != on:
            self.cells[i].diverged = on
            self._label(self.cells[i])

    def set_selected(self, i: int | None) -> None:
        """Frame the selected variant's picture."""
        for k, cell in enumerate(self.cells[: self.shown]):
            on = k == i
            if cell.selected != on:
                cell.selected = on
                self._label(cell)

    def retranslate(self, labels: list[str]) -> None:
        for cell, text in zip(self.cells[: self.shown], labels):
            cell.text = text
            self._label(cell)

    def _label(self, cell: _Cell) -> None:
        px = LABEL_PX[self.presentation]
        text = f"<span style='color:{cell.color}'>■</span> {escape(cell.text)}"
        if cell.diverged:
            # at presentation size the word would run into the next label: the red ✕,
            # label and frame say it (the table's status column says the word)
            word = "" if self.presentation else f" {escape(_t('diverged'))}"
            text = (
                f"<span style='color:{cell.color}'>■</span> <b style='color:{DIVERGED}'>"
                f"{escape(cell.text)} ✕{word}</b>"
            )
        cell.label.setText(text, size=f"{px}px", color="#111111", bold=cell.selected)
        # a long label may run over its neighbour's margin, but never widens the grid
        # (the pictures would be cut at the view's edge on a 1280 px projector)
        cell.label.setMinimumWidth(0)
        cell.label._sizeHint[Qt.SizeHint.MinimumSize] = (0, cell.label.itemRect().height())
        cell.label._sizeHint[Qt.SizeHint.PreferredSize] = (0, cell.label.itemRect().height())
        cell.label.updateGeometry()
        if cell.diverged:
            cell.view.setBorder(pg.mkPen(DIVERGED, width=4))
        elif cell.selected:
            cell.view.setBorder(pg.mkPen(SELECTED, width=3))
        else:
            cell.view.setBorder(pg.mkPen("#c8ccd2", width=1))

    def label_width(self) -> float:
        """The widest shown label's text, in pixels (the cells' layout ignores it)."""
        return max(
            (c.label.item.boundingRect().width() for c in self.cells[: self.shown]), default=0.0
        )

    # -- mouse -------------------------------------------------------------------------
    def cell_at(self, scene_pos) -> int | None:
        """The variant whose picture or label is at ``scene_pos``, or None."""
        for i, cell in enumerate(self.cells[: self.shown]):
            if cell.layout.sceneBoundingRect().contains(scene_pos):
                return i
        return None

    def _mouse_clicked(self, event) -> None:
        i = self.cell_at(event.scenePos())
        if i is not None and not event.double():  # double-clicks: mouseDoubleClickEvent
            self.clicked.emit(i)

    def mouseDoubleClickEvent(self, event) -> None:
        # here, not through the scene's click signal: pyqtgraph reports a double click only
        # with the release that follows it, which not every platform sends
        i = self.cell_at(self.mapToScene(event.position().toPoint()))
        if i is not None:
            event.accept()
            self.activated.emit(i)
            return
        super().mouseDoubleClickEvent(event)
