"""A grid of numbers drawn as coloured cells: inputs, kernels, products, feature maps, counts.

One widget serves every small matrix of the CNN view (the 7×7 input, the kernel, the
products under the window, the pooling example, the confusion matrix), so they all look
alike and grow together in presentation mode (cell text follows the widget's font).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QToolTip, QWidget

from nnsim.engine.notation import fmt, parse_number
from nnsim.gui.style import NEGATIVE, POSITIVE

#: Height of a cell's number as a share of the cell (the rest is the cell's margin).
TEXT_SHARE = 0.5
#: Colourings a MatrixView offers.
COLOR_MODES = ("none", "ink", "signed", "heat")

_PAD_FILL = QColor("#e9ecf1")
_POS = QColor(POSITIVE).getRgb()[:3]
_NEG = QColor(NEGATIVE).getRgb()[:3]
_HEAT = QColor("#1f5fa8").getRgb()[:3]
_PAD_TEXT = QColor("#8a94a3")
_GRID = QColor("#9aa5b4")


class MatrixView(QWidget):
    """A matrix drawn as square cells with their values, optional zero padding and windows.

    Parameters
    ----------
    rows, cols : int
        Initial size (``set_matrix`` changes it).
    color_mode : {"none", "ink", "signed", "heat"}
        "ink": dark cells for large values (a digit on paper); "signed": blue for positive,
        orange for negative (the canvas' weight colours); "heat": white to blue for counts.
    digits : int
        Significant digits of the printed values.
    editable : bool
        Double-click a cell to type a value.
    paintable : bool
        Drag with the left button to paint ``paint_value`` (1), the right to paint 0.

    Signals
    -------
    edited(int, int, float)
        The user changed a cell (row, column, new value).
    """

    edited = Signal(int, int, float)

    def __init__(
        self,
        rows: int = 1,
        cols: int = 1,
        color_mode: str = "signed",
        digits: int = 3,
        editable: bool = False,
        paintable: bool = False,
        parent=None,
    ):
        super().__init__(parent)
        if color_mode not in COLOR_MODES:
            raise ValueError(f"color_mode must be one of {', '.join(COLOR_MODES)}")
        self._data = np.zeros((rows, cols))
        self._pad = 0
        self._blank: np.ndarray | None = None
        self.color_mode = color_mode
        self.digits = digits
        self.editable = editable
        self.paintable = paintable
        self.paint_value = 1.0
        self.show_values = True
        self.value_range: tuple[float, float] | None = None
        self.row_labels: list[str] | None = None
        self.col_labels: list[str] | None = None
        self.cell_hint = 2.6  # preferred cell size in font heights
        self.readable = False  # see set_readable
        self.max_cell = 96
        self.align_top = False
        self.title = ""  # drawn bold just above the grid, wherever the grid sits
        self._highlights: list[tuple] = []
        self._editor: QLineEdit | None = None
        self._edit_cell: tuple[int, int] | None = None
        self._painting: float | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(40, 40)

    # ------------------------------------------------------------------ data
    def set_matrix(self, values, pad: int = 0, blank=None) -> None:
        """Show ``values`` (2-D), with ``pad`` rings of zero padding drawn around it.

        ``blank`` (bool array of the same shape) hides cells not computed yet.
        """
        arr = np.array(values, dtype=float)
        if arr.ndim == 1:
            arr = arr[None]
        if arr.ndim != 2:
            raise ValueError(f"a matrix view shows 2-D arrays, not shape {arr.shape}")
        new_blank = None if blank is None else np.asarray(blank, bool)
        same_blank = (new_blank is None and self._blank is None) or (
            new_blank is not None
            and self._blank is not None
            and np.array_equal(new_blank, self._blank)
        )
        if arr.shape == self._data.shape and int(pad) == self._pad and same_blank:
            if np.array_equal(arr, self._data, equal_nan=True):
                return  # nothing to redraw (views are refreshed many times a second)
        resized = arr.shape != self._data.shape or int(pad) != self._pad
        self._data = arr
        self._pad = max(int(pad), 0)
        self._blank = None if blank is None else np.asarray(blank, bool)
        if resized:
            self._close_editor()
            self.updateGeometry()
        self._hold_readable()
        self.update()

    def _hold_readable(self) -> None:
        # a readable matrix holds its least size firmly: a grid of panels squeezes a
        # widget below its size hint when the page is short, but never below this
        if self.readable:
            least = self.minimumSizeHint()
            if least != self.minimumSize():
                self.setMinimumSize(least)

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:  # presentation mode: larger numbers
            self._hold_readable()

    def matrix(self) -> np.ndarray:
        """A copy of the values shown (without padding)."""
        return self._data.copy()

    def set_value(self, row: int, col: int, value: float) -> None:
        """Change one cell as the user would (emits ``edited``)."""
        self._data[row, col] = float(value)
        self.update()
        self.edited.emit(int(row), int(col), float(value))

    def cell_text(self, row: int, col: int) -> str:
        """The text a cell shows ("" when blank)."""
        if self._blank is not None and self._blank[row, col]:
            return ""
        return fmt(self._data[row, col], self.digits)

    def texts(self) -> list[list[str]]:
        """Every cell's text, row by row (what a student reads off the screen)."""
        return [[self.cell_text(r, c) for c in range(self.cols)] for r in range(self.rows)]

    @property
    def rows(self) -> int:
        return self._data.shape[0]

    @property
    def cols(self) -> int:
        return self._data.shape[1]

    # ------------------------------------------------------------------ highlights
    def set_highlights(self, rects) -> None:
        """Frames to draw: ``[(row0, col0, height, width, color), ...]`` in unpadded
        coordinates (negative rows/columns reach into the padding)."""
        self._highlights = [tuple(r) for r in rects]
        self.update()

    def highlights(self) -> list[tuple]:
        """The frames drawn now."""
        return list(self._highlights)

    # ------------------------------------------------------------------ geometry
    def _grid_shape(self) -> tuple[int, int]:
        return self.rows + 2 * self._pad, self.cols + 2 * self._pad

    def set_title(self, text: str) -> None:
        """The bold caption drawn above the grid."""
        self.title = str(text)
        self.updateGeometry()
        self.update()

    def _title_font(self) -> QFont:
        f = QFont(self.font())
        f.setBold(True)
        f.setPointSizeF(max(f.pointSizeF(), 6.0) * 1.15)
        return f

    def _title_height(self) -> float:
        if not self.title:
            return 0.0
        return QFontMetricsF(self._title_font()).height() * 1.35

    def _label_space(self) -> tuple[float, float]:
        fm = self.fontMetrics()
        left = top = 0.0
        if self.row_labels:
            left = max(fm.horizontalAdvance(s) for s in self.row_labels) + fm.height() * 0.6
        if self.col_labels:
            top = fm.height() * 1.4
        return left, top + self._title_height()

    def _geometry(self) -> tuple[float, float, float]:
        """Cell size and the top-left corner of the grid."""
        gr, gc = self._grid_shape()
        left, top = self._label_space()
        w, h = self.width() - left - 2, self.height() - top - 2
        cell = max(min(w / gc, h / gr, self.max_cell), 2.0)
        x0 = left + (w - cell * gc) / 2 + 1
        y0 = top + 1 if self.align_top else top + (h - cell * gr) / 2 + 1
        return cell, x0, y0

    def sizeHint(self) -> QSize:
        gr, gc = self._grid_shape()
        cell = min(self.fontMetrics().height() * self.cell_hint, self.max_cell)
        if gr * gc > 100:  # images: smaller cells, no numbers
            cell = max(6.0, min(cell, 360 / max(gr, gc)))
        left, top = self._label_space()
        return QSize(int(gc * cell + left + 4), int(gr * cell + top + 4))

    def set_readable(self, on: bool = True) -> None:
        """Never draw the cells smaller than what prints their numbers at the widget's own
        font size (the confusion matrix: readable from the back row; its page scrolls
        rather than shrinking the counts to dots)."""
        self.readable = bool(on)
        if on:
            self._hold_readable()
        else:
            self.setMinimumSize(40, 40)
        self.updateGeometry()

    def readable_cell(self) -> float:
        """The least cell that prints this matrix's numbers at the widget's font size."""
        px = QFontMetricsF(self.font()).height() / 1.2  # about the font's pixel size
        longest = max(
            (len(self.cell_text(r, c)) for r in range(self.rows) for c in range(self.cols)),
            default=1,
        )
        return max(px / TEXT_SHARE, px * max(longest, 2) / 1.6)

    def minimumSizeHint(self) -> QSize:
        gr, gc = self._grid_shape()
        if self.readable:
            cell = self.readable_cell()
            left, top = self._label_space()
            return QSize(int(gc * cell + left + 4), int(gr * cell + top + 4))
        return QSize(min(gc * 8 + 4, 200), min(gr * 8 + 4, 200))

    def cell_at(self, pos: QPointF) -> tuple[int, int] | None:
        """The (row, column) under a widget point, or None (padding is not a cell)."""
        cell, x0, y0 = self._geometry()
        r = int((pos.y() - y0) // cell) - self._pad
        c = int((pos.x() - x0) // cell) - self._pad
        if 0 <= r < self.rows and 0 <= c < self.cols:
            return r, c
        return None

    def cell_rect(self, row: int, col: int) -> QRectF:
        """The rectangle of a cell (unpadded coordinates) in widget coordinates."""
        cell, x0, y0 = self._geometry()
        return QRectF(x0 + (col + self._pad) * cell, y0 + (row + self._pad) * cell, cell, cell)

    # ------------------------------------------------------------------ colours
    def _range(self) -> tuple[float, float]:
        if self.value_range is not None:
            return self.value_range
        d = self._data
        if d.size == 0:
            return 0.0, 1.0
        return float(np.nanmin(d)), float(np.nanmax(d))

    def _colors(self, lo: float, hi: float) -> np.ndarray:
        """Every cell's fill as (rows, cols, 3) uint8, computed at once with NumPy."""
        d = self._data
        white = np.full(d.shape + (3,), 255.0)
        finite = np.isfinite(d)
        v = np.where(finite, d, 0.0)
        if self.color_mode == "none":
            rgb = white
        elif self.color_mode == "ink":
            t = np.zeros_like(v) if hi <= lo else np.clip((v - lo) / (hi - lo), 0, 1)
            rgb = 255 + (17 - 255) * t[..., None] + 0 * white
        elif self.color_mode == "heat":
            t = np.zeros_like(v) if hi <= 0 else np.clip(v / hi, 0, 1)
            rgb = 255 + (np.array(_HEAT, float) - 255) * t[..., None]
        else:
            m = max(abs(lo), abs(hi), 1e-12)
            t = np.clip(np.abs(v) / m * 0.85, 0, 1)[..., None]
            base = np.where((v >= 0)[..., None], np.array(_POS, float), np.array(_NEG, float))
            rgb = 255 + (base - 255) * t
        rgb = np.where(finite[..., None], rgb, 255.0)
        if self._blank is not None:
            rgb = np.where(self._blank[..., None], 255.0, rgb)
        return np.ascontiguousarray(np.round(rgb).astype(np.uint8))

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        cell, x0, y0 = self._geometry()
        gr, gc = self._grid_shape()
        lo, hi = self._range()
        font = QFont(self.font())
        # Numbers need about 16 pixels a cell; the text scales with the cells.
        show = self.show_values and cell >= 16
        if show:
            # Shrink the text until the widest value fits its cell.
            longest = max(
                (len(self.cell_text(r, c)) for r in range(self.rows) for c in range(self.cols)),
                default=1,
            )
            px = min(cell * TEXT_SHARE, cell * 1.6 / max(longest, 1))
            font.setPixelSize(max(int(px), 7))
        p.setFont(font)
        pad = self._pad
        rgb = self._colors(lo, hi)
        # The cells as one image scaled into place (one call, whatever the size).
        if pad:
            p.fillRect(QRectF(x0, y0, gc * cell, gr * cell), _PAD_FILL)
        rows, cols = rgb.shape[:2]
        img = QImage(rgb.data, cols, rows, 3 * cols, QImage.Format.Format_RGB888)
        img = img.convertToFormat(QImage.Format.Format_RGB32)
        p.drawImage(QRectF(x0 + pad * cell, y0 + pad * cell, cols * cell, rows * cell), img)
        if cell >= 6:
            p.setPen(QPen(_GRID, 1))
            for gi in range(gr + 1):
                p.drawLine(QPointF(x0, y0 + gi * cell), QPointF(x0 + gc * cell, y0 + gi * cell))
            for gj in range(gc + 1):
                p.drawLine(QPointF(x0 + gj * cell, y0), QPointF(x0 + gj * cell, y0 + gr * cell))
        if show:
            for gi in range(gr):
                for gj in range(gc):
                    rect = QRectF(x0 + gj * cell, y0 + gi * cell, cell, cell)
                    r, c = gi - pad, gj - pad
                    if not (0 <= r < self.rows and 0 <= c < self.cols):
                        p.setPen(_PAD_TEXT)
                        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, "0")
                        continue
                    text = self.cell_text(r, c)
                    if not text:
                        continue
                    dark = (
                        0.299 * rgb[r, c, 0] + 0.587 * rgb[r, c, 1] + 0.114 * rgb[r, c, 2]
                    ) < 128
                    p.setPen(QColor("#ffffff") if dark else QColor("#111111"))
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        p.setFont(self.font())
        p.setPen(QColor("#30363d"))
        if self.row_labels:
            for r, text in enumerate(self.row_labels[: self.rows]):
                rect = QRectF(0, y0 + (r + pad) * cell, x0 - 4, cell)
                p.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        if self.col_labels:
            for c, text in enumerate(self.col_labels[: self.cols]):
                rect = QRectF(
                    x0 + (c + pad) * cell,
                    y0 - self.fontMetrics().height() * 1.3,
                    cell,
                    self.fontMetrics().height() * 1.2,
                )
                p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        if self.title:
            th = self._title_height()
            top_labels = self.fontMetrics().height() * 1.4 if self.col_labels else 0.0
            p.setFont(self._title_font())
            p.setPen(QColor("#111111"))
            rect = QRectF(0, y0 - top_labels - th, self.width(), th)
            p.drawText(
                rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, self.title
            )
            p.setFont(self.font())
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for hl in self._highlights:
            r0, c0, h, w, color = hl[:5]
            width = max(3.0, cell * 0.08)
            rect = QRectF(x0 + (c0 + pad) * cell, y0 + (r0 + pad) * cell, w * cell, h * cell)
            p.setPen(QPen(QColor(color), width))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(rect.adjusted(width / 2, width / 2, -width / 2, -width / 2))
        p.end()

    # ------------------------------------------------------------------ editing
    def _close_editor(self) -> None:
        if self._editor is not None:
            self._editor.deleteLater()
            self._editor = None
            self._edit_cell = None

    def mouseDoubleClickEvent(self, event):
        if not self.editable:
            return super().mouseDoubleClickEvent(event)
        rc = self.cell_at(event.position())
        if rc is None:
            return
        self.open_editor(*rc)

    def open_editor(self, row: int, col: int) -> QLineEdit:
        """Put a line edit over a cell; Enter stores the number typed."""
        self._close_editor()
        ed = QLineEdit(self)
        ed.setText(fmt(self._data[row, col], 6).replace("−", "-"))
        ed.setAlignment(Qt.AlignmentFlag.AlignCenter)
        ed.setGeometry(self.cell_rect(row, col).toRect().adjusted(-8, 0, 8, 0))
        ed.selectAll()
        ed.editingFinished.connect(self._commit_editor)
        self._editor, self._edit_cell = ed, (row, col)
        ed.show()
        ed.setFocus()
        return ed

    def _commit_editor(self) -> None:
        ed, cell = self._editor, self._edit_cell
        if ed is None or cell is None:
            return
        try:
            value = parse_number(ed.text())
        except ValueError:
            value = None
        self._close_editor()
        if value is not None and np.isfinite(value):
            self.set_value(cell[0], cell[1], value)

    def mousePressEvent(self, event):
        if self.paintable and event.button() in (
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.RightButton,
        ):
            self._painting = (
                self.paint_value if event.button() == Qt.MouseButton.LeftButton else 0.0
            )
            self._paint_at(event.position())
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event):
        if self._painting is not None:
            self._paint_at(event.position())
            return
        rc = self.cell_at(event.position())
        if rc is not None and not self.show_values:
            QToolTip.showText(
                event.globalPosition().toPoint(),
                f"({rc[0] + 1}, {rc[1] + 1}): {fmt(self._data[rc], 4)}",
                self,
            )
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):
        self._painting = None
        super().mouseReleaseEvent(event)

    def _paint_at(self, pos) -> None:
        rc = self.cell_at(pos)
        if rc is not None and self._data[rc] != self._painting:
            self.set_value(rc[0], rc[1], self._painting)
