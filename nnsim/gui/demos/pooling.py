"""Max and average pooling side by side: the lecture's 4×4 example and a real feature map.

Both outputs come from the engine's ``MaxPool2D`` and ``AvgPool2D`` layers; the window
being explained is the layers' own ``window`` record (its values, its output and, for
max pooling, which value won).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from nnsim.engine.convshape import ConvShapeError, conv_output_formula
from nnsim.engine.layers.base import Input
from nnsim.engine.layers.pool import AvgPool2D, MaxPool2D
from nnsim.engine.network import Network
from nnsim.engine.notation import fmt
from nnsim.gui.demos.matrix import MatrixView
from nnsim.gui.demos.widgets import GREEN, HIGHLIGHT, RED, caption, tint
from nnsim.gui.i18n import translator

_CONTEXT = "demos.pooling"

_t = translator(_CONTEXT)


#: COURSE.md §11: pooling with a 2×2 window and stride 2 on this gives
#: max [[6, 8], [3, 4]] and average [[3.25, 5.25], [2, 2]].
LECTURE_EXAMPLE = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]], float)


def pool_both(x, size: int, stride: int):
    """Max- and average-pool a 2-D array with the engine; returns (max net, avg net, outputs).

    Raises ConvShapeError when the window does not fit.
    """
    x = np.asarray(x, float)
    nets, outs = [], []
    for cls in (MaxPool2D, AvgPool2D):
        net = Network([Input("x", (1, *x.shape)), cls("pool", ["x"], size, stride)])
        outs.append(np.array(net.forward(x[None, None])[0, 0]))
        nets.append(net)
    return nets[0], nets[1], outs[0], outs[1]


class PoolingPanel(QWidget):
    """The 4×4 example (editable, one window at a time) and pooling of a real map."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._x = LECTURE_EXAMPLE.copy()
        self._k = 0
        self._nets = None
        self._map: np.ndarray | None = None

        self.example_box = QGroupBox(self)
        self.input_view = MatrixView(4, 4, "none", digits=3, editable=True, parent=self)
        self.max_view = MatrixView(2, 2, "none", digits=3, parent=self)
        self.avg_view = MatrixView(2, 2, "none", digits=3, parent=self)
        for v in (self.input_view, self.max_view, self.avg_view):
            v.setMinimumSize(110, 110)
        self.size = QSpinBox(self)
        self.size.setRange(1, 4)
        self.size.setValue(2)
        self.stride = QSpinBox(self)
        self.stride.setRange(1, 4)
        self.stride.setValue(2)
        self.lbl_size = QLabel(self)
        self.lbl_stride = QLabel(self)
        self.btn_reset = QPushButton(self)
        self.btn_prev = QPushButton(self)
        self.btn_next = QPushButton(self)
        self.btn_prev.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowLeft))
        self.btn_next.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowRight))
        self.window_label = QLabel(self)
        self.size_label = QLabel(self)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.explain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._big_fonts()

        grid = QGridLayout()
        grid.addWidget(self.input_view, 0, 0)
        grid.addWidget(self.max_view, 0, 1)
        grid.addWidget(self.avg_view, 0, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        form = QFormLayout()
        form.addRow(self.lbl_size, self.size)
        form.addRow(self.lbl_stride, self.stride)
        steps = QHBoxLayout()
        steps.addWidget(self.btn_prev)
        steps.addWidget(self.window_label)
        steps.addWidget(self.btn_next)
        steps.addStretch(1)
        steps.addWidget(self.btn_reset)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.size_label)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(grid, 1)
        top.addLayout(side)
        eb = QVBoxLayout(self.example_box)
        eb.addLayout(top, 1)
        eb.addLayout(steps)
        eb.addWidget(self.explain)

        self.real_box = QGroupBox(self)
        self.map_view = MatrixView(1, 1, "signed", parent=self)
        self.map_max = MatrixView(1, 1, "signed", parent=self)
        self.map_avg = MatrixView(1, 1, "signed", parent=self)
        self.real_note = caption(self)
        rg = QGridLayout(self.real_box)
        rg.addWidget(self.map_view, 0, 0)
        rg.addWidget(self.map_max, 0, 1)
        rg.addWidget(self.map_avg, 0, 2)
        rg.addWidget(self.real_note, 1, 0, 1, 3)
        rg.setRowStretch(0, 1)

        outer = QVBoxLayout(self)
        outer.addWidget(self.example_box, 3)
        outer.addWidget(self.real_box, 2)

        self.size.valueChanged.connect(lambda *_: self.recompute())
        self.stride.valueChanged.connect(lambda *_: self.recompute())
        self.input_view.edited.connect(self._edited)
        self.btn_prev.clicked.connect(lambda: self.set_window(self._k - 1))
        self.btn_next.clicked.connect(lambda: self.set_window(self._k + 1))
        self.btn_reset.clicked.connect(self.reset_example)
        self.retranslate_ui()
        self.recompute()

    # ------------------------------------------------------------------ texts
    def retranslate_ui(self) -> None:
        tr = _t
        self.example_box.setTitle(tr("The lecture's example"))
        self.input_view.set_title(tr("Input"))
        self.max_view.set_title(tr("Max pooling"))
        self.avg_view.set_title(tr("Average pooling"))
        self.lbl_size.setText(tr("Window"))
        self.lbl_stride.setText(tr("Stride"))
        self.btn_reset.setText(tr("Back to the lecture's numbers"))
        self.btn_prev.setToolTip(tr("Previous window"))
        self.btn_next.setToolTip(tr("Next window"))
        self.real_box.setTitle(tr("On a real feature map (from the Convolution tab)"))
        self.map_view.set_title(tr("Feature map"))
        self.map_max.set_title(tr("Max pooled"))
        self.map_avg.set_title(tr("Average pooled"))
        self.recompute()
        self.set_feature_map(self._map)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.FontChange:
            self._big_fonts()
        super().changeEvent(event)

    def _big_fonts(self) -> None:
        f = QFont(self.font())
        f.setPointSizeF(max(f.pointSizeF(), 6) * 1.2)
        for w in (self.explain, self.size_label, self.window_label):
            w.setFont(f)

    # ------------------------------------------------------------------ example
    def reset_example(self) -> None:
        """The lecture's 4×4 numbers, window 2, stride 2."""
        self._x = LECTURE_EXAMPLE.copy()
        self.size.blockSignals(True)
        self.stride.blockSignals(True)
        self.size.setValue(2)
        self.stride.setValue(2)
        self.size.blockSignals(False)
        self.stride.blockSignals(False)
        self.recompute()

    def _edited(self, r: int, c: int, v: float) -> None:
        self._x[r, c] = v
        self.recompute(keep=True)

    def max_output(self) -> np.ndarray | None:
        """What max pooling gives on the example (None if the window does not fit)."""
        return None if self._nets is None else self._nets[2].copy()

    def avg_output(self) -> np.ndarray | None:
        """What average pooling gives on the example."""
        return None if self._nets is None else self._nets[3].copy()

    def recompute(self, keep: bool = False) -> None:
        """Pool the example with the engine and refresh the views."""
        size, stride = self.size.value(), self.stride.value()
        n = self._x.shape[0]
        self.input_view.set_matrix(self._x)
        formula = conv_output_formula(n, size, stride, 0)
        try:
            self._nets = pool_both(self._x, size, stride)
        except ConvShapeError:
            self._nets = None
        if self._nets is None:
            self.size_label.setText(_t("Output size {0}: the window does not fit").format(formula))
            tint(self.size_label, RED)
            for v in (self.max_view, self.avg_view):
                v.set_matrix(np.zeros((1, 1)), blank=np.ones((1, 1), bool))
            self.input_view.set_highlights([])
            self.explain.setText("")
            self.window_label.setText("")
            return
        tint(self.size_label, None)
        out_n = self._nets[2].shape[0]
        self.size_label.setText(_t("Output size {0} → {1}×{1}").format(formula, out_n))
        self.max_view.set_matrix(self._nets[2])
        self.avg_view.set_matrix(self._nets[3])
        if not keep:
            self._k = 0
        self.set_window(self._k)

    def set_window(self, k: int) -> None:
        """Explain window ``k`` (row-major) of the example."""
        if self._nets is None:
            return
        mx, av, out_max, out_avg = self._nets
        total = out_max.size
        self._k = int(k) % total
        i, j = divmod(self._k, out_max.shape[1])
        wm = mx.layers["pool"].window(0, 0, i, j)
        wa = av.layers["pool"].window(0, 0, i, j)
        rows, cols = wm.field
        r0, c0 = rows.start, cols.start
        h, w = len(rows), len(cols)
        ar, ac = wm.argmax
        self.input_view.set_highlights([(r0, c0, h, w, HIGHLIGHT), (r0 + ar, c0 + ac, 1, 1, GREEN)])
        self.max_view.set_highlights([(i, j, 1, 1, HIGHLIGHT)])
        self.avg_view.set_highlights([(i, j, 1, 1, HIGHLIGHT)])
        vals = [fmt(v, 4) for v in wm.values.ravel()]
        self.window_label.setText(_t("window {0} of {1}").format(self._k + 1, total))
        self.explain.setText(
            _t("max({0}) = {1}    ·    ({2})/{3} = {4}").format(
                ", ".join(vals), fmt(wm.output, 4), " + ".join(vals), len(vals), fmt(wa.output, 4)
            )
        )

    # ------------------------------------------------------------------ real maps
    def set_feature_map(self, fmap) -> None:
        """Pool a real feature map (2×2, stride 2) and show the three maps."""
        self._map = None if fmap is None else np.asarray(fmap, float)
        if self._map is None:
            for v in (self.map_view, self.map_max, self.map_avg):
                v.set_matrix(np.zeros((1, 1)), blank=np.ones((1, 1), bool))
            self.real_note.setText(_t("The convolution's window does not fit: no feature map."))
            return
        m = self._map
        self.map_view.set_matrix(m)
        self.map_view.show_values = m.size <= 64
        try:
            _, _, mx, av = pool_both(m, 2, 2)
        except ConvShapeError:
            for v in (self.map_max, self.map_avg):
                v.set_matrix(np.zeros((1, 1)), blank=np.ones((1, 1), bool))
            self.real_note.setText(
                _t("A 2×2 window with stride 2 does not fit a {0}×{1} map: {2}.").format(
                    m.shape[0], m.shape[1], conv_output_formula(m.shape[0], 2, 2, 0)
                )
            )
            return
        lim = float(np.abs(m).max()) or 1.0
        for v, a in ((self.map_max, mx), (self.map_avg, av)):
            v.set_matrix(a)
            v.show_values = a.size <= 64
            v.value_range = (-lim, lim)
        self.map_view.value_range = (-lim, lim)
        self.real_note.setText(
            _t(
                "{0}×{1} → {2}×{3}. Max pooling keeps the strongest answer of each window (edges stay "
                "sharp); average pooling smooths them."
            ).format(m.shape[0], m.shape[1], mx.shape[0], mx.shape[1])
        )
