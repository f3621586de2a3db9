"""The decision boundary: the output over the input plane as a heatmap, with the data points.

For a perceptron lesson (one unit on two inputs, the perceptron rule) the plot draws the
decision line w1·x1 + w2·x2 + b = 0 and the weight vector (w1, w2), which stands at right
angles to it, instead of the heatmap.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem

from nnsim.gui.plots.base import PlotPanel, pen
from nnsim.gui.plots.colors import CLASS_COLORS, LUT, SERIES, to_rgba


def decision_line(w1: float, w2: float, b: float, domain) -> np.ndarray | None:
    """The two ends of w1·x + w2·y + b = 0 inside ``domain`` = (x0, x1, y0, y1), or None."""
    x0, x1, y0, y1 = domain
    pts = []
    if abs(w2) > 1e-12:
        for x in (x0, x1):
            y = -(w1 * x + b) / w2
            if y0 - 1e-9 <= y <= y1 + 1e-9:
                pts.append((x, y))
    if abs(w1) > 1e-12:
        for y in (y0, y1):
            x = -(w2 * y + b) / w1
            if x0 - 1e-9 <= x <= x1 + 1e-9:
                pts.append((x, y))
    uniq = []
    for p in pts:
        if all(abs(p[0] - q[0]) + abs(p[1] - q[1]) > 1e-9 for q in uniq):
            uniq.append(p)
    if len(uniq) < 2:
        return None
    return np.array(uniq[:2], dtype=float)


class BoundaryPlot(PlotPanel):
    """Heatmap of the network's output on a grid, training points, test points on a toggle."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.test_box = self.add_option(lambda: self.tr("Show test data"), False, self._redraw)
        self.discrete_box = self.add_option(
            lambda: self.tr("Discretise output"), False, self._redraw
        )
        self.plot = self.graphics.addPlot()
        self.plot.setAspectLocked(True)
        self.plot.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.train_points = pg.ScatterPlotItem(size=9)
        self.test_points = pg.ScatterPlotItem(size=9, symbol="s")
        self.plot.addItem(self.train_points)
        self.plot.addItem(self.test_points)
        for points in (self.train_points, self.test_points):
            # the heatmap under the points changes every frame, the points do not: copy them
            # from a cache instead of drawing hundreds of symbols again
            points.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.line = self.plot.plot()
        self.vector = self.plot.plot()
        self.arrow = pg.ArrowItem(headLen=18, tipAngle=35, brush="#b03a2e", pen=None)
        self.plot.addItem(self.arrow)
        for item in (self.line, self.vector, self.arrow, self.test_points):
            item.setVisible(False)
        #: Shown instead of the plot where there is no input plane.
        self.unavailable = self.add_note()
        self.unavailable.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unavailable.hide()
        self.layout().addWidget(self.unavailable, 1)
        #: The last output grid drawn (G × G), for tests and exports.
        self.values: np.ndarray | None = None
        self._last_frame = None
        self._image_place = None
        self.restyle()
        self.retranslate_ui()
        controller.frame.connect(self.update_frame)
        controller.problem_changed.connect(self.set_problem)
        self.set_problem(controller.problem)

    def export_name(self) -> str:
        return "boundary.png"

    def restyle(self) -> None:
        self.style_plot(self.plot)
        s = self.scale
        self.line.setPen(pen("#111111", 3.0, scale=s))
        self.vector.setPen(pen("#b03a2e", 3.0, scale=s))
        self.train_points.setSize(9 * s)
        self.test_points.setSize(9 * s)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        p = self.controller.problem
        names = p.features or ["x1", "x2"]
        bottom, left = ("x1" if "x1" in names else names[0]), "x2"
        if p.axis_names:  # the data set's own names (密度, 含糖率) on the axes
            from nnsim.gui.i18n import current_language

            bottom, left = p.axis_names["zh" if current_language().startswith("zh") else "en"]
        self.axis_label(self.plot, "bottom", bottom)
        self.axis_label(self.plot, "left", left)
        if not p.plane:
            shape = self._input_shape()
            if shape:
                text = self.tr(
                    "No decision boundary: it is drawn over a plane of 2 inputs, and this "
                    "network's input is {0}."
                ).format(shape)
            else:
                text = self.tr("No decision boundary: it is drawn over a plane of 2 inputs.")
            self.unavailable.setText(text)

    def _input_shape(self) -> str:
        """The network's input size as the canvas writes it ("784", "1×28×28"), or ""."""
        comp = getattr(getattr(self.controller, "display", None), "comp", None)
        if comp is None or not comp.network.input_names:
            return ""
        shape = getattr(comp.network.layers[comp.network.input_names[0]], "shape", ())
        return "×".join(str(int(n)) for n in shape)

    def _show_plot(self, on: bool) -> None:
        """The plot and its options, or the sentence saying why there is none."""
        self.graphics.setVisible(on)
        for box in (self.test_box, self.discrete_box, self.export_button):
            box.setVisible(on)
        self.unavailable.setVisible(not on)

    # -- items per problem ---------------------------------------------------------------------
    def _brushes(self, t: np.ndarray, classification: bool):
        if classification:
            cols = [
                pg.mkBrush(
                    CLASS_COLORS[int(v)] if v in (0.0, 1.0) else SERIES[int(v) % len(SERIES)]
                )
                for v in t
            ]
            return cols
        p = self.controller.problem
        rgba = to_rgba(t[None, :], p.levels)[0]
        return [pg.mkBrush(*map(int, c)) for c in rgba]

    def set_problem(self, p) -> None:
        """A new session: place the image, set the points (once), show what applies."""
        self.values = None
        self._image_place = None
        self._problem = p
        if not p.plane:
            self.image.clear()
            self.train_points.setData([])
            self.test_points.setData([])
            for item in (self.line, self.vector, self.arrow, self.test_points):
                item.setVisible(False)
            self._show_plot(False)
            self.retranslate_ui()
            return
        self._show_plot(True)
        x0, x1, y0, y1 = p.domain
        self.image.setVisible(not p.perceptron)
        self.line.setVisible(p.perceptron)
        self.vector.setVisible(p.perceptron)
        self.arrow.setVisible(p.perceptron)
        white = pg.mkPen("w", width=1.2)
        black = pg.mkPen("#111111", width=1.6)
        self.train_points.setData(
            pos=p.train_xy, brush=self._brushes(p.train_t, p.classification), pen=white
        )
        if p.test_xy is not None:
            self.test_points.setData(
                pos=p.test_xy, brush=self._brushes(p.test_t, p.classification), pen=black
            )
        else:
            self.test_points.setData([])
        self.test_points.setVisible(self.test_box.isChecked() and p.test_xy is not None)
        self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.02)
        self.retranslate_ui()

    def view_all(self) -> None:
        """Back to the input plane of the problem (after zooming with the mouse)."""
        p = getattr(self, "_problem", None)
        if p is not None and p.plane:
            x0, x1, y0, y1 = p.domain
            self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.02)
        else:
            super().view_all()

    def _redraw(self, *_):
        p = self.controller.problem
        self.test_points.setVisible(self.test_box.isChecked() and p.test_xy is not None)
        if self._last_frame is not None:
            self.update_frame(self._last_frame, force=True)

    # -- per frame ---------------------------------------------------------------------------
    def update_frame(self, frame, force: bool = False) -> None:
        """Redraw the heatmap (or the perceptron's line) from the frame's grid/weights."""
        self._last_frame = frame
        p = self.controller.problem
        if not p.plane or frame.theta is None or not (force or self.shown()):
            return
        if p.perceptron:
            self._perceptron(frame.theta, p)
            return
        grid = frame.grid
        if grid is None or p.output_layer not in grid:
            return
        g = p.grid_size
        out = np.asarray(grid[p.output_layer])
        col = out[:, 0] if out.ndim == 2 and out.shape[1] == 1 else None
        if col is None:  # several outputs: the winning class
            vals = np.argmax(out, axis=1).astype(np.float32).reshape(g, g)
            levels = (0.0, float(max(out.shape[1] - 1, 1)))
        else:
            vals = col.reshape(g, g)
            levels = p.levels
            if self.discrete_box.isChecked() and p.classification:
                lo, hi = levels
                vals = np.where(vals >= p.threshold, hi, lo).astype(np.float32)
        self.values = vals
        self.image.setImage(to_rgba(vals, levels, LUT), autoLevels=False)
        # after setImage: the rect scales the image's pixels, which it needs to know (an
        # image of the same size keeps its place, so the rect is set once per problem)
        place = (vals.shape, tuple(p.domain))
        if place != self._image_place:
            x0, x1, y0, y1 = p.domain
            self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
            self._image_place = place

    def _perceptron(self, theta, p) -> None:
        idx = p.param_of_key.get(("neuron", p.output_layer, 0), [])
        if len(idx) < 2:
            return
        w1, w2 = float(theta[idx[0]]), float(theta[idx[1]])
        b = float(theta[idx[2]]) if len(idx) > 2 else 0.0
        ends = decision_line(w1, w2, b, p.domain)
        if ends is None:
            self.line.setData([], [])
        else:
            self.line.setData(ends[:, 0], ends[:, 1])
        n = float(np.hypot(w1, w2))
        if n < 1e-12:
            self.vector.setData([], [])
            self.arrow.setVisible(False)
            return
        # the weight vector starts on the line, at its point nearest the plot's centre
        cx, cy = (p.domain[0] + p.domain[1]) / 2, (p.domain[2] + p.domain[3]) / 2
        d = (w1 * cx + w2 * cy + b) / (n * n)
        sx, sy = cx - d * w1, cy - d * w2
        length = 0.25 * min(p.domain[1] - p.domain[0], p.domain[3] - p.domain[2])
        ex, ey = sx + w1 / n * length, sy + w2 / n * length
        self.vector.setData([sx, ex], [sy, ey])
        self.arrow.setPos(ex, ey)
        # ArrowItem points along its angle; 180° makes it point to +x
        self.arrow.setStyle(angle=180 - np.degrees(np.arctan2(w2, w1)))
        self.arrow.setVisible(True)
