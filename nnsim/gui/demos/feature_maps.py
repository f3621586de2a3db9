"""One digit through the MNIST demo's network: its kernels and feature maps, the digit and the answer."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout

from nnsim.gui.demos.matrix import MatrixView
from nnsim.gui.demos.widgets import BLUE, plot_widget, style_plot
from nnsim.gui.i18n import translator

# the strings keep the training tab's context: demos_zh_CN.ts translates them there
_CONTEXT = "demos.training"

_t = translator(_CONTEXT)

#: Feature maps / kernels shown per row.
N_SHOWN = 8


class FeatureMapsView(pg.GraphicsLayoutWidget):
    """Kernels, feature maps and pooled maps of one digit: 3 rows of 8 images, made once.

    All 24 images share one ViewBox (each placed in its own cell with ``setRect``): one
    view box per image would cost a context menu each and make the view slow to create.
    """

    CELL = 1.0
    GAP = 0.15
    ROW = 1.55  # row pitch: a caption line above each row of images

    def __init__(self, parent=None):
        super().__init__(parent=parent)
        self.setBackground("w")
        self.box = self.addViewBox(lockAspect=True, enableMouse=False, enableMenu=False)
        self.box.invertY(True)
        cmap = pg.colormap.get("CET-D1A")  # diverging: blue < 0 < red, for signed weights
        self._signed_lut = cmap.getLookupTable(0.0, 1.0, 256)
        self.row_labels: list[pg.TextItem] = []
        self.images: list[list[pg.ImageItem]] = []
        for r in range(3):
            label = pg.TextItem("", color="#111111", anchor=(0, 1))
            label.setPos(0, r * self.ROW + 0.5)
            self.box.addItem(label)
            self.row_labels.append(label)
            items = []
            for _ in range(N_SHOWN):
                img = pg.ImageItem(axisOrder="row-major")
                self.box.addItem(img)
                items.append(img)
            self.images.append(items)
        width = N_SHOWN * (self.CELL + self.GAP)
        self.box.setRange(xRange=(-0.05, width), yRange=(0.0, 3 * self.ROW + 0.1), padding=0)

    def _place(self, img: pg.ImageItem, r: int, c: int) -> None:
        img.setRect(c * (self.CELL + self.GAP), r * self.ROW + 0.5, self.CELL, self.CELL)

    def set_row(self, r: int, arrays, signed: bool) -> None:
        """Show up to 8 arrays in row ``r`` (None clears)."""
        for c, img in enumerate(self.images[r]):
            if arrays is None or c >= len(arrays):
                img.clear()
                continue
            a = np.asarray(arrays[c], float)
            if signed:
                lim = float(np.abs(a).max()) or 1.0
                img.setImage(a, levels=(-lim, lim), lut=self._signed_lut, autoLevels=False)
            else:
                hi = float(a.max()) or 1.0
                img.setImage(a, levels=(0.0, hi), lut=None, autoLevels=False)
            self._place(img, r, c)


#: Height of the digit and of its answer's bars (normal, presentation mode): ten digits and
#: the axis text readable, the maps above keeping the rest.
ANSWER_HEIGHT = {False: 170, True: 240}


#: Height of the digit and of its answer's bars (normal, presentation mode): ten digits and
#: the axis text readable, the maps above keeping the rest.
ANSWER_HEIGHT = {False: 170, True: 240}


class DigitMapsBox(QGroupBox):
    """The maps of one digit on top, the digit and the network's answer (ten bars) under them.

    The answer's ten bars and digits get the box's width: a column beside the maps left
    them ~180 px, and the digits ran together at projector size.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._model = "cnn"
        self._presentation = False
        self._answer: tuple[int, float] | None = None
        self.maps = FeatureMapsView(self)
        self.maps.setMinimumHeight(220)  # three rows of maps under their titles
        self.answer_plot = plot_widget(self)
        self.answer_bars = pg.BarGraphItem(
            x=np.arange(10), height=np.zeros(10), width=0.7, brush=BLUE
        )
        self.answer_plot.addItem(self.answer_bars)
        self.answer_plot.setYRange(0, 1)
        self.answer_plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(10)]])
        self.answer_plot.setMinimumWidth(240)
        self.answer_plot.setFixedHeight(ANSWER_HEIGHT[False])
        self.digit_view = MatrixView(28, 28, "ink", parent=self)
        self.digit_view.value_range = (0.0, 1.0)
        self.digit_view.show_values = False
        self.digit_view.setMinimumWidth(100)
        self.digit_view.setFixedHeight(ANSWER_HEIGHT[False])
        self.answer_label = QLabel(self)
        self.answer_label.setWordWrap(True)
        mb = QVBoxLayout(self)
        mb.addWidget(self.maps, 1)
        answer = QHBoxLayout()
        answer.addWidget(self.digit_view, 1)
        answer.addWidget(self.answer_plot, 3)
        answer.addWidget(self.answer_label, 1)
        mb.addLayout(answer, 0)
        self.retranslate_ui()

    def set_model(self, model: str) -> None:
        """Title the rows for ``model`` ("cnn" or "mlp")."""
        self._model = model
        self._row_titles()

    def show_digit(self, image, out: dict | None) -> None:
        """Show ``image`` (28×28) and what the network made of it.

        ``out`` is ``ModelProbe.run``'s answer (kernels, maps, pooled maps, probabilities,
        digit); None when there are no weights yet (the rows are cleared).
        """
        self.digit_view.set_matrix(image)
        if out is None:
            self.maps.set_row(0, None, True)
            self.maps.set_row(1, None, False)
            self.maps.set_row(2, None, False)
            self.answer_bars.setOpts(height=np.zeros(10))
            self._answer = None
            self._show_answer()
            return
        self.maps.set_row(0, out["kernels"], True)
        if self._model == "cnn":
            self.maps.set_row(1, out["maps"], False)
            self.maps.set_row(2, out["pooled"], False)
        else:
            self.maps.set_row(1, [out["maps"].reshape(4, 8)], False)
            self.maps.set_row(2, None, False)
        self.answer_bars.setOpts(height=out["probs"])
        self._answer = (out["digit"], float(out["probs"].max()))
        self._show_answer()

    def _show_answer(self) -> None:
        # again after a language switch (the numbers are kept, not computed again)
        if self._answer is None:
            self.answer_label.setText(_t("Train the network to see its answer."))
        else:
            self.answer_label.setText(
                _t("Answer: {0} (probability {1})").format(
                    self._answer[0], f"{self._answer[1]:.0%}"
                )
            )

    def _row_titles(self) -> None:
        tr = _t
        if self._model == "cnn":
            titles = (
                tr("8 kernels (3×3) of the convolution layer"),
                tr("8 feature maps (26×26) after ReLU"),
                tr("after 2×2 max pooling (13×13)"),
            )
        else:
            titles = (
                tr("weights of hidden units 1–8 (each a 28×28 image)"),
                tr("the 32 hidden activations"),
                "",
            )
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 6) * (1.3 if self._presentation else 1.0))
        for label, text in zip(self.maps.row_labels, titles):
            label.setText(text, color="#111111")
            label.setFont(font)

    def set_presentation(self, on: bool) -> None:
        """Larger row titles and axis text, a taller answer for the projector."""
        self._presentation = bool(on)
        self._row_titles()
        style_plot(self.answer_plot.getPlotItem(), on)
        for w in (self.answer_plot, self.digit_view):
            w.setFixedHeight(ANSWER_HEIGHT[self._presentation])
        self.maps.setMinimumHeight(300 if on else 220)  # the rows' titles grow too

    def retranslate_ui(self) -> None:
        """Set every text in the current language."""
        tr = _t
        self.setTitle(tr("Kernels and feature maps of one digit, and the network's answer"))
        self._show_answer()
        self.answer_plot.setLabel("left", tr("probability"))
        self.answer_plot.setLabel("bottom", tr("digit"))
        self._row_titles()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
