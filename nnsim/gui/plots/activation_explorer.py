"""The activation explorer: f and f′ of every activation, and naive vs stable softmax at large logits."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from nnsim.engine import get_activation, logsumexp, logsumexp_naive, softmax, softmax_naive
from nnsim.engine.activations import activation_entry, activation_names
from nnsim.gui.i18n import activation_name, current_language
from nnsim.gui.mathtext import math_unicode
from nnsim.gui.plots.base import PlotPanel, pen
from nnsim.gui.plots.colors import TEST_COLOR, TRAIN_COLOR

#: The x grid of the activation plot for the default plot range (−5, 5); an activation's
#: registry entry may ask for another range.
X = np.linspace(-5.0, 5.0, 801)


def plot_grid(name: str) -> np.ndarray:
    """The x values the explorer draws ``name`` at (its registry entry's plot range)."""
    lo, hi = activation_entry(name).plot_range
    return X if (lo, hi) == (-5.0, 5.0) else np.linspace(float(lo), float(hi), X.size)


#: The logits of the softmax demo are scale × these.
BASE_LOGITS = np.array([1.0, 0.8, 0.5])


def _num(v: float) -> str:
    if np.isnan(v):
        return "nan"
    if np.isinf(v):
        return "inf" if v > 0 else "−inf"
    return f"{v:.6g}".replace("-", "−")


class ActivationExplorer(PlotPanel):
    """Pick an activation: its graph f(x) and its derivative f′(x) over its plot range.

    The list, the names, the parameter and the range come from the activation registry.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        row = QHBoxLayout()
        self.combo = QComboBox(self)
        self.fill()
        self.combo.setCurrentIndex(max(self.combo.findData("sigmoid"), 0))
        self.param_label = QLabel(self)
        self.param = QDoubleSpinBox(self)
        self.param.setRange(0.0, 5.0)
        self.param.setSingleStep(0.05)
        self.param.setDecimals(2)
        row.addWidget(self.combo)
        row.addWidget(self.param_label)
        row.addWidget(self.param)
        row.addStretch(1)
        self.layout().insertLayout(0, row)
        self.plot = self.graphics.addPlot()
        self.legend = self.plot.addLegend(offset=(10, 10))
        self.f_curve = self.plot.plot()
        self.df_curve = self.plot.plot()
        self.plot.addLine(x=0, pen=pen("#999999", 1))
        self.plot.addLine(y=0, pen=pen("#999999", 1))

        self.softmax_box = QGroupBox(self)
        sl = QVBoxLayout(self.softmax_box)
        srow = QHBoxLayout()
        self.scale_label = QLabel(self)
        self.scale_spin = QDoubleSpinBox(self)
        self.scale_spin.setRange(0.0, 100000.0)
        self.scale_spin.setDecimals(0)
        self.scale_spin.setSingleStep(100)
        self.scale_spin.setValue(1000.0)
        self.logits_label = QLabel(self)
        srow.addWidget(self.scale_label)
        srow.addWidget(self.scale_spin)
        srow.addWidget(self.logits_label, 1)
        sl.addLayout(srow)
        self.table = QTableWidget(4, 1, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setVisible(False)
        sl.addWidget(self.table)
        self.layout().addWidget(self.softmax_box)

        self.combo.currentIndexChanged.connect(self._activation_chosen)
        self.param.valueChanged.connect(self.redraw)
        self.scale_spin.valueChanged.connect(self.update_softmax)
        self.restyle()
        self._activation_chosen()
        self.update_softmax()

    def export_name(self) -> str:
        return "activation.png"

    def export_item(self):
        return self.plot

    # -- looks ------------------------------------------------------------------------------
    def restyle(self) -> None:
        self.style_plot(self.plot)
        self.f_curve.setPen(pen(TRAIN_COLOR, 3.0, scale=self.scale))
        self.df_curve.setPen(pen(TEST_COLOR, 3.0, dash=True, scale=self.scale))
        f = QFont(self.font())
        f.setPointSizeF(16.0 if self.presentation else 11.0)
        self.table.setFont(f)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.fill()
        self.axis_label(self.plot, "bottom", "x")
        self.legend.clear()
        self.legend.addItem(self.f_curve, "f(x)")
        self.legend.addItem(self.df_curve, "f′(x)")
        self.softmax_box.setTitle(self.tr("Softmax at large logits: naive vs stable"))
        self.scale_label.setText(self.tr("Logits × "))
        # header cells show plain text: indices as Unicode subscripts (exp(xᵢ) / Σ exp(xⱼ))
        self.table.setVerticalHeaderLabels(
            [
                math_unicode(t)
                for t in (
                    self.tr("naive exp(x_i) / Σ exp(x_j)"),
                    self.tr("stable: subtract max x first"),
                    self.tr("naive log Σ exp(x_j)"),
                    self.tr("stable: max x + log Σ exp(x_j − max x)"),
                )
            ]
        )
        name = self.combo.currentData() or ""
        param = activation_entry(name).param if name else None
        if param is not None:
            lang = current_language()
            self.param_label.setText(param.label_zh if lang.startswith("zh") else param.label_en)
        if name:
            self.plot.setTitle(activation_name(name))  # the title in the new language too
        self.update_softmax()
        self._fit_table()

    def _fit_table(self) -> None:
        """The table exactly as tall as its four rows: the plot above gets the rest."""
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(rows + 2 * self.table.frameWidth() + 4)

    # -- activation -------------------------------------------------------------------------
    def fill(self) -> None:
        """(Re)fill the list from the registry in the current language, keeping the choice."""
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        for name in activation_names():
            self.combo.addItem(activation_name(name), name)
        if current is not None:
            self.combo.setCurrentIndex(self.combo.findData(current))
        self.combo.blockSignals(False)

    def activation(self) -> str:
        """The engine name of the activation shown (with its parameter, e.g. ``elu:0.5``)."""
        name = self.combo.currentData()
        if activation_entry(name).param is not None:
            return f"{name}:{self.param.value():g}"
        return name

    def _activation_chosen(self, *_):
        name = self.combo.currentData()
        param = activation_entry(name).param
        has = param is not None
        self.param.blockSignals(True)
        if has:
            self.param.setRange(param.lo, param.hi)
            self.param.setValue(param.default)
        self.param.blockSignals(False)
        self.param.setVisible(has)
        self.param_label.setVisible(has)
        self.retranslate_ui()
        self.redraw()

    def redraw(self, *_):
        """Draw f and f′ of the chosen activation."""
        act = get_activation(self.activation())
        x = plot_grid(act.name)
        y = np.asarray(act(x), dtype=float)
        dy = np.asarray(act.derivative(x, y), dtype=float)
        self.f_curve.setData(x, y)
        self.df_curve.setData(x, dy)
        self.plot.setTitle(f"{activation_name(self.combo.currentData())}")

    # -- softmax ----------------------------------------------------------------------------
    def logits(self) -> np.ndarray:
        """The logits of the softmax demo."""
        return self.scale_spin.value() * BASE_LOGITS

    def softmax_rows(self) -> list[str]:
        """The four results as shown: naive and stable softmax, naive and stable log Σ exp."""
        z = self.logits()
        rows = [softmax_naive(z), softmax(z), logsumexp_naive(z), logsumexp(z)]
        out = []
        for r in rows:
            r = np.atleast_1d(np.asarray(r, dtype=float))
            out.append(", ".join(_num(v) for v in r))
        return out

    def update_softmax(self, *_):
        """Recompute the table for the current scale."""
        z = self.logits()
        self.logits_label.setText("x = (" + ", ".join(_num(v) for v in z) + ")")
        for i, text in enumerate(self.softmax_rows()):
            item = QTableWidgetItem(text)
            if "nan" in text or "inf" in text:
                item.setForeground(QColor("#b03a2e"))
            self.table.setItem(i, 0, item)
        self.table.resizeRowsToContents()
