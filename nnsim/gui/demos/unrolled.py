"""The recurrent network unrolled over T steps: x_t, h_t and y_t per step, with the shared weights."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from nnsim.gui.mathtext import draw_html, html_document, math_html
from nnsim.gui.style import NEGATIVE, POSITIVE

_BOX = QColor("#f1f4f9")
_BORDER = QColor("#2b2f36")
_MUTED = QColor("#5b6470")
_SELECT = QColor("#d6336c")
_TARGET = QColor("#2b8a3e")
#: Units of h_t drawn in the little state column (the heatmap shows them all).
MAX_UNITS = 16


def _state_image(h: np.ndarray) -> QImage:
    """h (T, units) as an image, one column per step, one row per unit: white at 0, the
    canvas' blue for +1 and orange for −1 (one image instead of T × units rectangles)."""
    t = np.clip(np.abs(h.T), 0.0, 1.0)[..., None]  # (units, T, 1)
    pos = np.array(QColor(POSITIVE).getRgb()[:3], float)
    neg = np.array(QColor(NEGATIVE).getRgb()[:3], float)
    base = np.where((h.T >= 0)[..., None], pos, neg)
    rgb = np.ascontiguousarray((255 + (base - 255) * t).round().astype(np.uint8))
    rows, cols = rgb.shape[:2]
    img = QImage(rgb.data, cols, rows, 3 * cols, QImage.Format.Format_RGB888)
    # RGB32 is what the painter draws without converting (20 columns drawn per repaint).
    return img.convertToFormat(QImage.Format.Format_RGB32)


class UnrolledView(QWidget):
    """One column per time step: y_t on top, h_t (its units as coloured cells) in the
    middle, x_t below; arrows W_x (x → h), W_h (h_{t−1} → h_t), W_y (h → y).

    The shape decides which boxes exist: many-to-one has y only at the last step,
    one-to-many has x only at the first step and feeds each y_t back as the next input
    (dashed arrows). Click a column to select that step.

    Signals
    -------
    step_clicked(int)
        0-based step of the column clicked.
    """

    step_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.frame = None
        self.selected = 0
        self.words = {
            "same": "the same W_x, W_h, W_y at every step",
            "target_note": "green: the target",
        }
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(200)
        # Most steps drawn at once (0: all). Presentation mode draws a window of steps
        # around the selected one, so that their numbers are large enough to read.
        self.max_columns = 0
        #: Where the last paint put things: ``arrows`` [(kind "x"/"h"/"y", t, start,
        #: end)] and ``tags`` {"W_h": QRectF, ...} (widget coordinates).
        self.drawn = {"arrows": [], "tags": {}}

    def sizeHint(self) -> QSize:
        return QSize(900, 300)

    def set_frame(self, frame) -> None:
        """Draw ``frame`` (an RnnFrame)."""
        self.frame = frame
        if frame is not None:
            self.selected = min(self.selected, frame.steps - 1)
        self.update()

    def set_selected(self, t: int) -> None:
        """Highlight step ``t`` (0-based)."""
        self.selected = int(t)
        self.update()

    # ------------------------------------------------------------------ geometry
    def _columns(self):
        """(steps, left margin, column width, first step drawn, steps drawn)."""
        T = self.frame.steps if self.frame is not None else 1
        left = 8.0
        count = min(T, self.max_columns) if self.max_columns > 0 else T
        # a window of steps around the selected one, when not all are drawn
        first = min(max(self.selected - count // 2, 0), T - count)
        col = (self.width() - 2 * left) / max(count, 1)
        return T, left, col, first, count

    def column_at(self, x: float) -> int | None:
        """The step whose column contains widget x, or None."""
        if self.frame is None:
            return None
        T, left, col, first, count = self._columns()
        k = int((x - left) // col)
        return first + k if 0 <= k < count else None

    def mousePressEvent(self, event):
        t = self.column_at(event.position().x())
        if t is not None:
            self.set_selected(t)
            self.step_clicked.emit(t)

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        f = self.frame
        if f is None:
            p.end()
            return
        T, left, col, first, count = self._columns()
        h = self.height()
        has_targets = any(f.target_labels)
        # Rows, top to bottom (in text lines L): [target] y-label, y box, gap, h box,
        # gap, x box, x-label, note. The text shrinks until they all fit.
        rows_l = (1.0 if has_targets else 0.0) + 1.0 + 1.3 + 1.3 + 1.3 + 1.3 + 1.0 + 1.2
        base = QFont(self.font())
        px = min(col * 0.26, base.pointSizeF() * 1.5 * 1.33, (h - 40) / (rows_l * 1.35 + 1.0))
        px = max(px, 7.0)
        text_font = QFont(base)
        text_font.setPixelSize(int(px))
        small = QFont(base)
        box_w = min(col * 0.78, px * 6)
        # the widest number whole inside its box
        labels = [_show(s) for s in (*f.x_labels, *f.y_labels) if s]
        while labels and px > 7.0:
            text_font.setPixelSize(int(px))
            widest = max(QFontMetricsF(text_font).horizontalAdvance(s) for s in labels)
            if widest <= box_w - 8:
                break
            px -= 1.0
        small.setPixelSize(int(max(px * 0.8, 7)))
        bold = QFont(text_font)
        bold.setBold(True)
        L = px * 1.35
        y = 2.0
        target_row = QRectF(0, y, 0, L) if has_targets else None
        if has_targets:
            y += L
        ylab_top = y
        y += L
        y_box_top = y
        y_box_h = L * 1.3
        h_top = y_box_top + y_box_h + L * 1.3
        note_h = L * 1.2
        x_h = L * 1.3
        h_h = max(h - h_top - L * 1.3 - x_h - L - note_h, L * 1.6)
        x_top = h_top + h_h + L * 1.3
        arrow = QPen(_BORDER, max(px / 9, 1.5))
        state_image = None if f.h is None else _state_image(np.asarray(f.h)[:, :MAX_UNITS])
        feedback = bool(getattr(f, "feedback", False))
        weight_tags = []  # drawn last, over the boxes: (anchor, text, "centre" or "top")
        # what was drawn where, for the tests: arrows (kind, t, start, end), tags' rects
        drawn = {"arrows": [], "tags": {}}
        self.drawn = drawn
        shown = range(first, first + count)
        first_x = next((t for t in shown if f.x_labels[t]), None)
        last_y = next((t for t in reversed(shown) if f.y_labels[t]), None)
        for t in shown:
            cx = left + (t - first + 0.5) * col
            has_y = bool(f.y_labels[t])
            has_x = bool(f.x_labels[t])
            if t == self.selected:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(214, 51, 108, 28))
                p.drawRoundedRect(QRectF(cx - col / 2 + 1, 0, col - 2, h - note_h), 6, 6)
            # h_t: the state's units as a column of coloured cells
            hb = QRectF(cx - box_w / 2, h_top, box_w, h_h)
            selected = t == self.selected
            p.setPen(QPen(_SELECT if selected else _BORDER, 3 if selected else 1.5))
            p.setBrush(_BOX)
            p.drawRoundedRect(hb, 5, 5)
            if state_image is not None and t < state_image.width():
                inner = hb.adjusted(4, L * 1.0, -4, -4)
                p.drawImage(inner, state_image, QRectF(t, 0, 1, state_image.height()))
            p.setPen(_BORDER)
            _label(p, QRectF(hb.x(), hb.y(), hb.width(), L), "h", t + 1, bold)
            if t > 0:  # recurrent arrow h_{t-1} -> h_t
                p.setPen(arrow)
                a = QPointF(cx - col + box_w / 2, h_top + h_h / 2)
                b = QPointF(cx - box_w / 2, h_top + h_h / 2)
                _arrow(p, a, b, px * 0.45)
                drawn["arrows"].append(("h", t, a, b))
                if t == max(first + 1, 1) or count == 1:
                    # under its own arrow, between two boxes in view (the arrow into the
                    # first box drawn starts off the page when the window is scrolled)
                    below = a.y() + arrow.widthF() / 2 + 2
                    weight_tags.append((QPointF((a.x() + b.x()) / 2, below), "W_h", "top"))
            if has_x:
                xb = QRectF(cx - box_w / 2, x_top, box_w, x_h)
                p.setPen(QPen(_BORDER, 1.5))
                p.setBrush(QColor("#eef5ea"))
                p.drawRoundedRect(xb, 5, 5)
                p.setFont(text_font)
                p.drawText(xb, Qt.AlignmentFlag.AlignCenter, _show(f.x_labels[t]))
                p.setPen(_MUTED)
                _label(p, QRectF(xb.x(), xb.bottom(), xb.width(), L), "x", t + 1, small)
                p.setPen(arrow)
                _arrow(p, QPointF(cx, x_top), QPointF(cx, hb.bottom()), px * 0.45)
                drawn["arrows"].append(("x", t, QPointF(cx, x_top), QPointF(cx, hb.bottom())))
                if t == first_x:
                    weight_tags.append((QPointF(cx, (hb.bottom() + x_top) / 2), "W_x", "centre"))
            if has_y:
                yb = QRectF(cx - box_w / 2, y_box_top, box_w, y_box_h)
                p.setPen(QPen(_BORDER, 1.5))
                p.setBrush(QColor("#fff4e8"))
                p.drawRoundedRect(yb, 5, 5)
                p.setFont(text_font)
                p.drawText(yb, Qt.AlignmentFlag.AlignCenter, _show(f.y_labels[t]))
                p.setPen(_MUTED)
                _label(p, QRectF(yb.x(), ylab_top, yb.width(), L), "y", t + 1, small)
                p.setPen(arrow)
                _arrow(p, QPointF(cx, hb.top()), QPointF(cx, yb.bottom()), px * 0.45)
                drawn["arrows"].append(("y", t, QPointF(cx, hb.top()), QPointF(cx, yb.bottom())))
                if t == last_y:
                    weight_tags.append((QPointF(cx, (yb.bottom() + hb.top()) / 2), "W_y", "centre"))
                target = f.target_labels[t] if t < len(f.target_labels) else ""
                if target and target_row is not None:
                    p.setFont(small)
                    p.setPen(_TARGET)
                    rect = QRectF(cx - col / 2, target_row.y(), col, L)
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, _show(target))
            # one-to-many: y_{t-1} fed back as the input of step t
            if feedback and t > 0 and f.y_labels[t - 1]:
                p.setPen(QPen(_MUTED, max(px / 10, 1.2), Qt.PenStyle.DashLine))
                p.setBrush(Qt.BrushStyle.NoBrush)
                start = QPointF(cx - col + box_w / 2, y_box_top + y_box_h * 0.5)
                end = QPointF(cx - box_w / 2 + box_w * 0.15, hb.top())
                path = QPainterPath(start)
                path.cubicTo(
                    QPointF(start.x() + col * 0.35, start.y()), QPointF(end.x(), start.y() + L), end
                )
                p.drawPath(path)
        # the shared weights, on a white tag so no arrow or box hides them
        p.setFont(small)
        fm = QFontMetricsF(small)
        for anchor, text, where in weight_tags:
            # W_h set like the slides: italic W, real subscript
            tag = html_document(math_html(text), small)
            w = tag.size().width() + 6
            hgt = max(fm.height(), tag.size().height())
            top = anchor.y() if where == "top" else anchor.y() - hgt / 2
            rect = QRectF(anchor.x() - w / 2, top, w, hgt)
            drawn["tags"][text] = rect
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(255, 255, 255, 230))
            p.drawRoundedRect(rect, 3, 3)
            draw_html(p, rect, math_html(text), small, _BORDER)
        note = self.words["same"]
        if count < T:  # which steps these are
            note = f"t = {first + 1}–{first + count} / {T}  ·  " + note
        if has_targets:
            note += "  ·  " + self.words.get("target_note", "")
        draw_html(
            p,
            QRectF(left, h - note_h, self.width() - 2 * left, note_h),
            math_html(note.rstrip(" ·"), prose=True),
            p.font(),
            _MUTED,
        )
        p.end()


def _label(p: QPainter, rect: QRectF, name: str, index: int, font: QFont) -> None:
    """Draw ``name`` with ``index`` as a real subscript (fonts lack some subscript digits)."""
    sub = QFont(font)
    sub.setPixelSize(max(int(font.pixelSize() * 0.7), 6))
    sub.setBold(False)
    fm_main = QFontMetricsF(font)
    fm_sub = QFontMetricsF(sub)
    w_main = fm_main.horizontalAdvance(name)
    text = str(index)
    width = w_main + fm_sub.horizontalAdvance(text)
    x = rect.x() + (rect.width() - width) / 2
    base = rect.y() + (rect.height() + fm_main.ascent() - fm_main.descent()) / 2
    p.setFont(font)
    p.drawText(QPointF(x, base), name)
    p.setFont(sub)
    p.drawText(QPointF(x + w_main, base + fm_main.descent() * 0.9), text)


def _show(text: str) -> str:
    """Characters that print as nothing get a visible stand-in."""
    return {" ": "␣", "\n": "⏎", "\t": "⇥"}.get(text, text)


def _arrow(p: QPainter, a: QPointF, b: QPointF, head: float) -> None:
    p.drawLine(a, b)
    v = b - a
    length = (v.x() ** 2 + v.y() ** 2) ** 0.5 or 1.0
    ux, uy = v.x() / length, v.y() / length
    left = QPointF(b.x() - head * (ux - uy * 0.5), b.y() - head * (uy + ux * 0.5))
    right = QPointF(b.x() - head * (ux + uy * 0.5), b.y() - head * (uy - ux * 0.5))
    p.drawLine(b, left)
    p.drawLine(b, right)
