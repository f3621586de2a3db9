"""A 28×28 canvas to draw a digit with the mouse, and the helpers that turn arrays into images."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

#: MNIST's image side.
SIDE = 28


def gray_image(values, lo: float = 0.0, hi: float = 1.0, ink: bool = True) -> QImage:
    """A greyscale QImage of a 2-D array; ``ink`` draws large values dark (a digit on paper)."""
    a = np.asarray(values, float)
    span = hi - lo if hi > lo else 1.0
    t = np.clip((a - lo) / span, 0.0, 1.0)
    g = (255 * (1.0 - t) if ink else 255 * t).astype(np.uint8)
    g = np.ascontiguousarray(g)
    h, w = g.shape
    img = QImage(g.data, w, h, w, QImage.Format.Format_Grayscale8)
    return img.copy()  # own the pixels: the array goes away


def centre_digit(image) -> np.ndarray:
    """Shift a drawn digit so its centre of mass sits in the middle, as MNIST's digits do."""
    a = np.asarray(image, float)
    total = a.sum()
    if total <= 0:
        return a.copy()
    rows, cols = np.indices(a.shape)
    dr = int(round(a.shape[0] / 2 - 0.5 - (rows * a).sum() / total))
    dc = int(round(a.shape[1] / 2 - 0.5 - (cols * a).sum() / total))
    out = np.zeros_like(a)
    src_r = slice(max(0, -dr), min(a.shape[0], a.shape[0] - dr))
    dst_r = slice(max(0, dr), min(a.shape[0], a.shape[0] + dr))
    src_c = slice(max(0, -dc), min(a.shape[1], a.shape[1] - dc))
    dst_c = slice(max(0, dc), min(a.shape[1], a.shape[1] + dc))
    out[dst_r, dst_c] = a[src_r, src_c]
    return out


class DigitCanvas(QWidget):
    """Draw a digit with the mouse on a 28×28 grid (left button draws, right erases).

    The stroke is soft-edged and about as thick as MNIST's pen, so a drawn digit looks
    to the network like the digits it was trained on.

    Signals
    -------
    changed()
        The drawing changed (emitted while drawing and on ``clear``/``set_image``).
    """

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._img = np.zeros((SIDE, SIDE))
        self._erase = False
        self._last: QPointF | None = None
        self.radius = 1.4
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(140, 140)
        self.setCursor(Qt.CursorShape.CrossCursor)

    def sizeHint(self) -> QSize:
        return QSize(280, 280)

    def image(self) -> np.ndarray:
        """The drawing, (28, 28) values in [0, 1]."""
        return self._img.copy()

    def set_image(self, values) -> None:
        """Replace the drawing (e.g. start from an MNIST digit)."""
        self._img = np.clip(np.asarray(values, float).reshape(SIDE, SIDE), 0, 1)
        self.update()
        self.changed.emit()

    def clear(self) -> None:
        """Erase everything."""
        self.set_image(np.zeros((SIDE, SIDE)))

    def _square(self) -> QRectF:
        s = min(self.width(), self.height()) - 2
        return QRectF((self.width() - s) / 2, (self.height() - s) / 2, s, s)

    def _to_grid(self, pos: QPointF) -> QPointF:
        r = self._square()
        return QPointF((pos.x() - r.x()) / r.width() * SIDE, (pos.y() - r.y()) / r.height() * SIDE)

    def stroke(self, a: QPointF, b: QPointF, erase: bool = False) -> None:
        """Ink (or erase) along the segment a → b, in grid coordinates (0..28)."""
        n = max(int(np.hypot(b.x() - a.x(), b.y() - a.y()) * 3), 1)
        ys, xs = np.mgrid[0:SIDE, 0:SIDE] + 0.5
        for k in range(n + 1):
            t = k / n
            cx = a.x() + (b.x() - a.x()) * t
            cy = a.y() + (b.y() - a.y()) * t
            d = np.hypot(xs - cx, ys - cy)
            ink = np.clip(1.0 - (d / self.radius) ** 2 * 0.55, 0, 1) * (d < self.radius * 1.35)
            if erase:
                self._img = np.minimum(self._img, 1 - ink)
            else:
                self._img = np.maximum(self._img, ink)
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event):
        if event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            self._erase = event.button() == Qt.MouseButton.RightButton
            self._last = self._to_grid(event.position())
            self.stroke(self._last, self._last, self._erase)

    def mouseMoveEvent(self, event):
        if self._last is not None:
            p = self._to_grid(event.position())
            self.stroke(self._last, p, self._erase)
            self._last = p

    def mouseReleaseEvent(self, event):
        self._last = None

    def paintEvent(self, event):
        p = QPainter(self)
        r = self._square()
        p.drawImage(r, gray_image(self._img))
        p.setPen(QPen(QColor("#dfe3ea"), 1))
        step = r.width() / SIDE
        for k in (7, 14, 21):  # faint guides: where a digit's strokes usually are
            p.drawLine(QPointF(r.x() + k * step, r.y()), QPointF(r.x() + k * step, r.bottom()))
            p.drawLine(QPointF(r.x(), r.y() + k * step), QPointF(r.right(), r.y() + k * step))
        p.setPen(QPen(QColor("#5b6470"), 2))
        p.drawRect(r)
        p.end()
