"""A gallery of misclassified test digits, each with its predicted and its true label."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from nnsim.gui.demos.draw import gray_image
from nnsim.gui.demos.widgets import GREEN, RED


class DigitGrid(QWidget):
    """Thumbnails with two lines under each: the network's answer (red) and the truth.

    Signals
    -------
    clicked(int)
        Index (into the full list) of the thumbnail clicked.
    """

    clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.images = np.zeros((0, 28, 28))
        self.predicted = np.zeros(0, int)
        self.true = np.zeros(0, int)
        self.first = 0
        self.pred_word = "predicted"
        self.true_word = "true"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120)

    def sizeHint(self) -> QSize:
        return QSize(480, 300)

    def _layout(self):
        fm = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)  # "predicted 8" is drawn bold: measured so, with a gap
        thumb = max(fm.height() * 3.2, 48)
        word = QFontMetricsF(bold).horizontalAdvance(f"{self.pred_word} 8")
        cell_w = max(thumb, word + fm.height())
        cell_h = thumb + fm.height() * 2.3
        cols = max(int(self.width() // (cell_w + 6)), 1)
        rows = max(int(self.height() // (cell_h + 6)), 1)
        return thumb, cell_w, cell_h, cols, rows

    def per_page(self) -> int:
        """How many thumbnails fit."""
        _, _, _, cols, rows = self._layout()
        return cols * rows

    def paintEvent(self, event):
        p = QPainter(self)
        thumb, cell_w, cell_h, cols, rows = self._layout()
        fm = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        n = len(self.images)
        for slot in range(cols * rows):
            k = self.first + slot
            if k >= n:
                break
            r, c = divmod(slot, cols)
            x = c * (cell_w + 6) + 3
            y = r * (cell_h + 6) + 3
            rect = QRectF(x + (cell_w - thumb) / 2, y, thumb, thumb)
            p.drawImage(rect, gray_image(self.images[k]))
            p.setPen(QPen(QColor("#9aa5b4"), 1))
            p.drawRect(rect)
            p.setFont(bold)
            p.setPen(QColor(RED))
            p.drawText(
                QRectF(x, y + thumb + 2, cell_w, fm.height() * 1.1),
                Qt.AlignmentFlag.AlignCenter,
                f"{self.pred_word} {int(self.predicted[k])}",
            )
            p.setFont(self.font())
            p.setPen(QColor(GREEN))
            p.drawText(
                QRectF(x, y + thumb + 2 + fm.height() * 1.1, cell_w, fm.height() * 1.1),
                Qt.AlignmentFlag.AlignCenter,
                f"{self.true_word} {int(self.true[k])}",
            )
        p.end()

    def index_at(self, pos) -> int | None:
        """Index of the thumbnail under a point, or None."""
        thumb, cell_w, cell_h, cols, rows = self._layout()
        c = int(pos.x() // (cell_w + 6))
        r = int(pos.y() // (cell_h + 6))
        if c >= cols or r >= rows:
            return None
        k = self.first + r * cols + c
        return k if k < len(self.images) else None

    def mousePressEvent(self, event):
        k = self.index_at(event.position())
        if k is not None:
            self.clicked.emit(k)


class MisclassifiedGallery(QWidget):
    """The digits the network got wrong, page by page (the lecture's "error cases")."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = DigitGrid(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.btn_prev = QPushButton(self)
        self.btn_next = QPushButton(self)
        self.btn_prev.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowLeft))
        self.btn_next.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowRight))
        self.page_label = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.btn_prev)
        row.addWidget(self.page_label)
        row.addWidget(self.btn_next)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row)
        lay.addWidget(self.grid, 1)
        self.btn_prev.clicked.connect(lambda: self.turn(-1))
        self.btn_next.clicked.connect(lambda: self.turn(1))
        self._total = 0
        self._update_page()

    def set_words(self, predicted: str, true: str) -> None:
        """The two label words (translated by the owner)."""
        self.grid.pred_word, self.grid.true_word = predicted, true
        self.grid.update()

    def set_digits(self, images, predicted, true, total: int, summary: str) -> None:
        """Show the misclassified ``images`` with their labels; ``total`` test images."""
        self.grid.images = np.asarray(images, float).reshape(-1, 28, 28)
        self.grid.predicted = np.asarray(predicted, int)
        self.grid.true = np.asarray(true, int)
        self.grid.first = 0
        self._total = int(total)
        self.summary.setText(summary)
        self._update_page()
        self.grid.update()

    def count(self) -> int:
        """Number of misclassified digits held."""
        return len(self.grid.images)

    def turn(self, pages: int) -> None:
        """Move ``pages`` pages forward (or back)."""
        per = self.grid.per_page()
        n = len(self.grid.images)
        self.grid.first = int(min(max(self.grid.first + pages * per, 0), max(n - 1, 0)))
        self.grid.first -= self.grid.first % per
        self._update_page()
        self.grid.update()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._update_page()

    def _update_page(self) -> None:
        per = max(self.grid.per_page(), 1)
        n = len(self.grid.images)
        pages = max(-(-n // per), 1)
        self.page_label.setText(f"{self.grid.first // per + 1}/{pages}")
        self.btn_prev.setEnabled(self.grid.first > 0)
        self.btn_next.setEnabled(self.grid.first + per < n)
