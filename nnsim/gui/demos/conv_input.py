"""The convolution demo's input chooser: the lecture's 7×7 grid, an MNIST test digit or a drawing."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nnsim.gui.demos.draw import DigitCanvas
from nnsim.gui.demos.widgets import caption
from nnsim.gui.i18n import translator
from nnsim.recipes.conv import lecture_seven

# the strings keep the convolution demo's context: demos_zh_CN.ts translates them there
_CONTEXT = "demos.conv"

_t = translator(_CONTEXT)

#: The sources, in the chooser's order.
GRID, MNIST, DRAWING = 0, 1, 2


class InputBox(QGroupBox):
    """Where the input picture comes from, with one page of controls per source.

    Parameters
    ----------
    mnist_images : callable, optional
        Returns (images (n, 28, 28), labels); None leaves the MNIST page empty.

    Signals
    -------
    source_changed(int)
        Another source was chosen (``GRID``, ``MNIST`` or ``DRAWING``); sent before its image.
    image_chosen(object)
        A new input picture (2-D array): a button, a digit, a stroke.
    """

    source_changed = Signal(int)
    image_chosen = Signal(object)

    def __init__(self, mnist_images=None, parent=None):
        super().__init__(parent)
        self._mnist = mnist_images
        self._digit_info: tuple[int, int] | None = None
        self.source = QComboBox(self)
        self.source.addItems(["", "", ""])
        self.source_pages: list[QWidget] = []
        grid_page = QWidget(self)
        gl = QVBoxLayout(grid_page)
        gl.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.btn_seven = QPushButton(self)
        self.btn_clear_grid = QPushButton(self)
        self.btn_random_grid = QPushButton(self)
        for b in (self.btn_seven, self.btn_clear_grid, self.btn_random_grid):
            row.addWidget(b)
        gl.addLayout(row)
        self.grid_hint = caption(self)
        gl.addWidget(self.grid_hint)
        mnist_page = QWidget(self)
        ml = QHBoxLayout(mnist_page)
        ml.setContentsMargins(0, 0, 0, 0)
        self.mnist_index = QSpinBox(self)
        self.mnist_index.setRange(0, 9999)
        self.btn_random_digit = QPushButton(self)
        self.mnist_label = QLabel(self)
        ml.addWidget(self.mnist_index)
        ml.addWidget(self.btn_random_digit)
        ml.addWidget(self.mnist_label, 1)
        draw_page = QWidget(self)
        dl = QVBoxLayout(draw_page)
        dl.setContentsMargins(0, 0, 0, 0)
        self.canvas = DigitCanvas(self)
        self.canvas.setMinimumSize(168, 168)
        self.btn_clear_drawing = QPushButton(self)
        self.draw_hint = caption(self)
        dl.addWidget(self.canvas, 1)
        dr = QHBoxLayout()
        dr.addWidget(self.btn_clear_drawing)
        dr.addWidget(self.draw_hint, 1)
        dl.addLayout(dr)
        ib = QVBoxLayout(self)
        ib.addWidget(self.source)
        # One page per source; only the current one is shown (and takes room).
        for page in (grid_page, mnist_page, draw_page):
            self.source_pages.append(page)
            ib.addWidget(page)

        self.source.currentIndexChanged.connect(self._source_changed)
        self.btn_seven.clicked.connect(lambda: self.image_chosen.emit(lecture_seven()))
        self.btn_clear_grid.clicked.connect(lambda: self.image_chosen.emit(np.zeros((7, 7))))
        self.btn_random_grid.clicked.connect(self._random_grid)
        self.mnist_index.valueChanged.connect(self._load_digit)
        self.btn_random_digit.clicked.connect(self._random_digit)
        self.canvas.changed.connect(self._drawing_changed)
        self.btn_clear_drawing.clicked.connect(self.canvas.clear)
        self._fit_pages()
        self.retranslate_ui()

    def _fit_pages(self) -> None:
        index = self.source.currentIndex()
        for i, page in enumerate(self.source_pages):
            page.setVisible(i == index)

    def _source_changed(self, index: int) -> None:
        self._fit_pages()
        self.source_changed.emit(index)
        if index == GRID:
            self.image_chosen.emit(lecture_seven())
        elif index == MNIST:
            self._load_digit(self.mnist_index.value())
        else:
            self.image_chosen.emit(self.canvas.image())

    def _random_grid(self) -> None:
        rng = np.random.default_rng()
        self.image_chosen.emit((rng.random((7, 7)) < 0.35).astype(float))

    def _digits(self):
        if self._mnist is None:
            return None
        try:
            return self._mnist()
        except Exception as exc:  # noqa: BLE001 - a missing data set must not break the view
            self.mnist_label.setText(str(exc))
            return None

    def _load_digit(self, index: int) -> None:
        data = self._digits()
        if data is None:
            return
        images, labels = data
        index = int(index) % len(images)
        self._digit_info = (index, int(labels[index]))
        self._digit_label()
        self.image_chosen.emit(images[index])

    def _digit_label(self) -> None:
        if self._digit_info is not None:
            self.mnist_label.setText(_t("test image #{0}: digit {1}").format(*self._digit_info))

    def _random_digit(self) -> None:
        self.mnist_index.setValue(int(np.random.default_rng().integers(0, 10000)))

    def _drawing_changed(self) -> None:
        if self.source.currentIndex() == DRAWING:
            self.image_chosen.emit(self.canvas.image())

    # ------------------------------------------------------------------ texts
    def retranslate_ui(self) -> None:
        """Set every text in the current language."""
        tr = _t
        self.setTitle(tr("Input"))
        for i, text in enumerate((tr("7×7 grid"), tr("MNIST test digit"), tr("Draw a digit"))):
            self.source.setItemText(i, text)
        self.btn_seven.setText(tr("The lecture's 7"))
        self.btn_clear_grid.setText(tr("Clear"))
        self.btn_random_grid.setText(tr("Random"))
        self.grid_hint.setText(
            tr(
                "Click or drag on the input to paint 1, right button for 0; double-click to type a value."
            )
        )
        self.btn_random_digit.setText(tr("Random digit"))
        self._digit_label()
        self.btn_clear_drawing.setText(tr("Clear"))
        self.draw_hint.setText(tr("Draw with the left button, erase with the right."))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
