"""Weight trajectories: the selected weights (or all of a small network) against the epoch."""

from __future__ import annotations

import numpy as np

from nnsim.gui.plots.base import PlotPanel, StableRange, downsample, nice_ceiling, pen
from nnsim.gui.plots.colors import SERIES

#: Weights drawn when nothing is selected, at most (small networks: all of them).
MAX_AUTO_WEIGHTS = 40


class WeightPlot(PlotPanel):
    """One curve per weight; select edges, neurons or layers on the canvas to choose them.

    With nothing selected, small networks (≤ 40 parameters) show every weight.
    """

    def __init__(self, controller, scene, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.scene = scene
        self.plot = self.graphics.addPlot()
        self.legend = self.plot.addLegend(offset=(-10, 10))
        self.curves: list = []
        #: Flat parameter indices drawn, in curve order.
        self.indices: list[int] = []
        self._last_frame = None
        self._x_end = 0.0
        self._y_range = StableRange()
        self.plot.disableAutoRange()
        self.restyle()
        self.retranslate_ui()
        controller.frame.connect(self.update_frame)
        controller.problem_changed.connect(lambda _p: self.choose())
        scene.selectionChanged.connect(self.choose)

    def export_name(self) -> str:
        return "weights.png"

    def restyle(self) -> None:
        self.style_plot(self.plot)
        for k, c in enumerate(self.curves):
            c.setPen(pen(SERIES[k % len(SERIES)], 2.0, dash=k >= len(SERIES), scale=self.scale))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.axis_label(self.plot, "bottom", self.tr("epoch"))
        self.axis_label(self.plot, "left", self.tr("weight"))

    def choose(self) -> None:
        """Pick the weights from the canvas selection and make one curve for each."""
        p = self.controller.problem
        try:
            keys = self.scene.selected_keys()
        except RuntimeError:
            return
        idx = p.indices_for(keys) if keys else []
        if not idx and p.n_params <= MAX_AUTO_WEIGHTS:
            idx = [i for i, name in enumerate(p.param_names) if not name.startswith("θ[")]
        if idx == self.indices and len(self.curves) == len(idx):
            return
        self._y_range.reset()
        self.indices = idx
        for c in self.curves:
            self.plot.removeItem(c)
        self.legend.clear()
        self.curves = []
        for k, i in enumerate(idx):
            c = self.plot.plot()
            c.setPen(pen(SERIES[k % len(SERIES)], 2.0, dash=k >= len(SERIES), scale=self.scale))
            downsample(c)
            self.curves.append(c)
            if k < 16:  # a legend longer than that hides the plot
                self.legend.addItem(c, p.param_names[i] if i < len(p.param_names) else str(i))
        if self._last_frame is not None:
            self._fill(self._last_frame)

    def update_frame(self, frame, force: bool = False) -> None:
        """Put the frame's weight rows into the existing curves (skipped while hidden)."""
        self._last_frame = frame
        if (frame.new_rows or force) and (force or self.shown()):
            self._fill(frame)

    def view_all(self) -> None:
        """Back to the ranges the plot chooses itself (after zooming with the mouse)."""
        self._x_end = 0.0
        self._y_range.reset()
        if getattr(self, "_last_frame", None) is not None:
            self._fill(self._last_frame)

    def _fill(self, frame) -> None:
        d = frame.data
        x = d.column("epoch")
        W = d.weights
        for c, i in zip(self.curves, self.indices):
            if W.shape[1] > i:
                c.setData(x, W[:, i])
            else:
                c.setData(np.zeros(0), np.zeros(0))
        end = nice_ceiling(max(float(x[-1]) if x.size else 1.0, 1.0) * 1.05)
        if end != self._x_end:
            self._x_end = end
            self.plot.setXRange(0, end, padding=0)
        cols = [i for i in self.indices if i < W.shape[1]]
        if cols and len(x):
            vals = W[:, cols]
            vals = vals[np.isfinite(vals)]
            if vals.size:
                r = self._y_range.fit(float(vals.min()), float(vals.max()))
                if r is not None:
                    self.plot.setYRange(*r, padding=0)
