"""The recurrent network unrolled over T steps: x_t, h_t and y_t per step, with the shared weights."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from nnsim.gui.mathtext import draw_html, html_document, math_html
from nnsim.gui.style import NEGATIVE, POSITIVE

_BOX = QColor("#f1f4f9")
_BORDER = QColor("#2b2f36")
_MUTED = QColor("#5b6470")
#: The x_t / y_t labels and the note: dark grey, read from the back row (9:1 on the page).
_LABEL = QColor("#3a414b")
_SELECT = QColor("#d6336c")
#: The targets' green, darker than the plots' (7:1 on the page, 6:1 on the selection).
_TARGET = QColor("#185a27")
#: Rows of the columns in text lines: target, y label, y box, gap, h box, gap, x box, x label.
_ROWS_L = 1.0 + 1.0 + 1.25 + 0.9 + 2.0 + 0.9 + 1.25 + 1.2
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
        #: Least pixel size of every text (0: none). Presentation mode sets 24 so that the
        #: labels are read from the back row; the columns then get at least 5 of it wide.
        self.min_text_px = 0
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
        if self.min_text_px:  # no narrower than its numbers at the least text size
            count = max(1, min(count, int((self.width() - 2 * left) // (5 * self.min_text_px))))
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
    def minimum_rows_height(self) -> int:
        """Least height that keeps ``min_text_px`` text (presentation mode) whole."""
        px = max(self.min_text_px, 7)
        font = QFont(self.font())
        font.setPixelSize(px)
        line = QFontMetricsF(font).height()
        L, Ls = px * 1.3, line + 2
        gap = max(L * 0.9, line + 8)
        # target, y label, y box, gap, h box, gap, x box, x label (and its subscript), note
        return int(2 * Ls + 1.25 * L + gap + 2 * L + gap + 1.25 * L + 1.2 * Ls + 4 + Ls + 2 + 4)

    def _note_document(self, note: str, font: QFont, width: float) -> QTextDocument:
        doc = html_document(math_html(note, prose=True), font)
        doc.setTextWidth(width)  # wraps onto a second line in a narrow view
        return doc

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
        floor = float(self.min_text_px)
        base = QFont(self.font())
        # the note under the columns first: it may wrap, and its height is taken off
        small = QFont(base)
        small_px = max(floor, min(base.pointSizeF() * 1.33, 15.0), 7.0)
        small.setPixelSize(int(small_px))
        note = self.words["same"]
        if count < T:  # which steps these are
            note = f"t = {first + 1}–{first + count} / {T}  ·  " + note
        if has_targets:
            note += "  ·  " + self.words.get("target_note", "")
        note_doc = self._note_document(note.rstrip(" ·"), small, self.width() - 2 * left)
        note_h = note_doc.size().height() + 2
        # Rows, top to bottom (in text lines L): [target] y-label, y box, gap, h box,
        # gap, x box, x-label. The text shrinks until they all fit, not below the floor.
        rows_l = _ROWS_L - (0.0 if has_targets else 1.0)
        px = min(col * 0.26, base.pointSizeF() * 1.5 * 1.33, (h - note_h - 8) / (rows_l * 1.3))
        px = max(px, floor, 7.0)
        text_font = QFont(base)
        text_font.setPixelSize(int(px))
        box_w = min(col * 0.8, px * 6)
        # the widest number whole inside its box
        labels = [_show(s) for s in (*f.x_labels, *f.y_labels) if s]
        while labels and px > max(floor, 7.0):
            text_font.setPixelSize(int(px))
            widest = max(QFontMetricsF(text_font).horizontalAdvance(s) for s in labels)
            if widest <= box_w - 8:
                break
            px -= 1.0
        # the labels (x_t, y_t, the targets) as large as the numbers, never below the floor
        small_px = max(min(px, small_px * 1.6), floor, 7.0)
        small.setPixelSize(int(small_px))
        bold = QFont(text_font)
        bold.setBold(True)
        L = px * 1.3
        Ls = QFontMetricsF(small).height() + 2
        fm_small = QFontMetricsF(small)
        # the h boxes narrower than x and y: the gap between two holds the W_h tag
        tag_w = _tag_size("W_h", small)[0]
        h_w = min(box_w, max(col - tag_w - 12, col * 0.45))
        gap = max(L * 0.9, fm_small.height() + 8)  # an arrow's length: its tag beside it
        y = 2.0
        target_top = y
        if has_targets:
            y += Ls
        ylab_top = y
        y += Ls
        y_box_top = y
        y_box_h = L * 1.25
        h_top = y_box_top + y_box_h + gap
        x_h = L * 1.25
        # the x label's subscript reaches below its line: 1.2 lines
        h_h = max(h - note_h - h_top - gap - x_h - Ls * 1.2 - 4, L * 2.0)
        x_top = h_top + h_h + gap
        arrow = QPen(_BORDER, max(px / 9, 1.5))
        state_image = None if f.h is None else _state_image(np.asarray(f.h)[:, :MAX_UNITS])
        feedback = bool(getattr(f, "feedback", False))
        weight_tags = []  # drawn last, over the boxes: (text, rect)
        # what was drawn where, for the tests: arrows (kind, t, start, end), the tags'
        # rects, every text's rect [(what, rect)] and the boxes' rects
        drawn = {"arrows": [], "tags": {}, "texts": [], "boxes": [], "fonts": {}}
        drawn["fonts"] = {"small": small.pixelSize(), "text": text_font.pixelSize()}
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
            hb = QRectF(cx - h_w / 2, h_top, h_w, h_h)
            drawn["boxes"].append(hb)
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
                a = QPointF(cx - col + h_w / 2, h_top + h_h / 2)
                b = QPointF(cx - h_w / 2, h_top + h_h / 2)
                _arrow(p, a, b, px * 0.45)
                drawn["arrows"].append(("h", t, a, b))
                if t == max(first + 1, 1) or count == 1:
                    # above its own arrow, between two boxes in view (the arrow into the
                    # first box drawn starts off the page when the window is scrolled)
                    w, hh = _tag_size("W_h", small)
                    bottom = a.y() - arrow.widthF() / 2 - 3
                    rect = QRectF((a.x() + b.x()) / 2 - w / 2, bottom - hh, w, hh)
                    weight_tags.append(("W_h", rect))
            if has_x:
                xb = QRectF(cx - box_w / 2, x_top, box_w, x_h)
                drawn["boxes"].append(xb)
                p.setPen(QPen(_BORDER, 1.5))
                p.setBrush(QColor("#eef5ea"))
                p.drawRoundedRect(xb, 5, 5)
                p.setFont(text_font)
                p.drawText(xb, Qt.AlignmentFlag.AlignCenter, _show(f.x_labels[t]))
                p.setPen(_LABEL)
                rect = QRectF(xb.x(), xb.bottom(), xb.width(), Ls)
                drawn["texts"].append((f"x{t + 1}", _label(p, rect, "x", t + 1, small)))
                p.setPen(arrow)
                _arrow(p, QPointF(cx, x_top), QPointF(cx, hb.bottom()), px * 0.45)
                drawn["arrows"].append(("x", t, QPointF(cx, x_top), QPointF(cx, hb.bottom())))
                if t == first_x:
                    weight_tags.append(("W_x", _beside(cx, hb.bottom(), x_top, "W_x", small)))
            if has_y:
                yb = QRectF(cx - box_w / 2, y_box_top, box_w, y_box_h)
                drawn["boxes"].append(yb)
                p.setPen(QPen(_BORDER, 1.5))
                p.setBrush(QColor("#fff4e8"))
                p.drawRoundedRect(yb, 5, 5)
                p.setFont(text_font)
                p.drawText(yb, Qt.AlignmentFlag.AlignCenter, _show(f.y_labels[t]))
                p.setPen(_LABEL)
                rect = QRectF(yb.x(), ylab_top, yb.width(), Ls)
                drawn["texts"].append((f"y{t + 1}", _label(p, rect, "y", t + 1, small)))
                p.setPen(arrow)
                _arrow(p, QPointF(cx, hb.top()), QPointF(cx, yb.bottom()), px * 0.45)
                drawn["arrows"].append(("y", t, QPointF(cx, hb.top()), QPointF(cx, yb.bottom())))
                if t == last_y:
                    weight_tags.append(("W_y", _beside(cx, yb.bottom(), hb.top(), "W_y", small)))
                target = f.target_labels[t] if t < len(f.target_labels) else ""
                if target and has_targets:
                    p.setFont(small)
                    p.setPen(_TARGET)
                    text = _show(target)
                    ink = fm_small.boundingRect(text)
                    rect = QRectF(cx - ink.width() / 2, target_top, ink.width(), Ls)
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
                    drawn["texts"].append((f"target{t + 1}", rect))
            # one-to-many: y_{t-1} fed back as the input of step t
            if feedback and t > 0 and f.y_labels[t - 1]:
                p.setPen(QPen(_MUTED, max(px / 10, 1.2), Qt.PenStyle.DashLine))
                p.setBrush(Qt.BrushStyle.NoBrush)
                start = QPointF(cx - col + box_w / 2, y_box_top + y_box_h * 0.5)
                end = QPointF(cx - h_w / 2 + h_w * 0.15, hb.top())
                path = QPainterPath(start)
                path.cubicTo(
                    QPointF(start.x() + col * 0.35, start.y()),
                    QPointF(end.x(), start.y() + gap * 0.6),
                    end,
                )
                p.drawPath(path)
        # the shared weights, on a white tag beside their arrows
        for text, rect in weight_tags:
            drawn["tags"][text] = rect
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(255, 255, 255, 230))
            p.drawRoundedRect(rect, 3, 3)
            draw_html(p, rect, math_html(text), small, _BORDER)
        note_rect = QRectF(left, h - note_h, self.width() - 2 * left, note_h)
        drawn["texts"].append(("note", note_rect))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, _LABEL)
        p.save()
        p.translate(note_rect.topLeft())
        note_doc.setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignHCenter))
        note_doc.documentLayout().draw(p, ctx)
        p.restore()
        p.end()


def _tag_size(text: str, font: QFont) -> tuple[float, float]:
    """Width and height of a weight's tag (W_h set like the slides: italic W, subscript)."""
    size = html_document(math_html(text), font).size()
    return size.width() + 6, max(QFontMetricsF(font).height(), size.height())


def _beside(cx: float, top: float, bottom: float, text: str, font: QFont) -> QRectF:
    """The tag of the vertical arrow at ``cx`` from ``top`` to ``bottom``: right of the
    line, centred between the boxes it joins."""
    w, h = _tag_size(text, font)
    return QRectF(cx + 5, (top + bottom) / 2 - h / 2, w, h)


def _label(p: QPainter, rect: QRectF, name: str, index: int, font: QFont) -> QRectF:
    """Draw ``name`` with ``index`` as a real subscript (fonts lack some subscript digits);
    returns the rectangle the two take (from the name's top to the subscript's bottom)."""
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
    sub_base = base + fm_main.descent() * 0.9
    p.drawText(QPointF(x + w_main, sub_base), text)
    return QRectF(
        x, base - fm_main.ascent(), width, sub_base + fm_sub.descent() - base + fm_main.ascent()
    )


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
