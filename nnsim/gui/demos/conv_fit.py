"""Does the convolution fit: the output-size formula box, the "does not fit" box and its picture."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from nnsim.engine.convshape import ConvShapeError, conv_output_formula, conv_output_size
from nnsim.gui.demos.widgets import GREEN, RED, OutlineFrame, heading, restyle_heading, tint
from nnsim.gui.i18n import translator
from nnsim.gui.mathtext import math_html

# the strings keep the convolution demo's context: demos_zh_CN.ts translates them there
_CONTEXT = "demos.conv"

_t = translator(_CONTEXT)


def fit_explanation(n: int, f: int, s: int, p: int) -> str:
    """Why a window does not fit along one axis, with the numbers, and how to make it fit."""
    tr = _t
    formula = conv_output_formula(n, f, s, p)
    width = n + 2 * p
    if f > width:
        return tr(
            "The {0}-wide window is larger than the input ({1} wide with padding): "
            "{2}. There is no position where it fits. Use a smaller kernel or more padding."
        ).format(f, width, formula)
    starts = list(range(0, width - f + 1, s))
    nxt = starts[-1] + s
    left = width - (starts[-1] + f)  # columns after the last full window
    fixes = [str(k) for k in range(1, 6) if (width - f) % k == 0]
    pads = [str(q) for q in range(0, 4) if q != p and (n + 2 * q - f) % s == 0 and f <= n + 2 * q]
    text = tr(
        "Output size {0} is not a whole number: the window does not fit. With stride {1} the "
        "{2}-wide window starts at columns {3}; the next start, column {4}, would need columns "
        "{4}–{5}, but the input ends at column {6}. The last {7} column(s) would never be covered "
        "completely: a framework would silently drop them. nnsim refuses the layer instead."
    ).format(
        formula,
        s,
        f,
        ", ".join(str(a + 1) for a in starts),
        nxt + 1,
        nxt + f,
        width,
        left,
    )
    hints = []
    if fixes:
        hints.append(tr("stride {0}").format(tr(" or ").join(fixes)))
    if pads:
        hints.append(tr("padding {0}").format(tr(" or ").join(pads)))
    if hints:
        text += " " + tr("It fits with {0}.").format(tr("; ").join(hints))
    return text


class FitStrip(QWidget):
    """One axis of the input as a row of cells, with every window position drawn below.

    Windows that fit are green; the first one that would hang over the edge is red and
    dashed, drawn past the end of the row, which is what "does not fit" means.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.n, self.f, self.s, self.p = 7, 3, 3, 0
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_axis(self, n: int, f: int, s: int, p: int) -> None:
        self.n, self.f, self.s, self.p = int(n), int(f), int(s), int(p)
        self.updateGeometry()
        self.update()

    def positions(self) -> tuple[list[int], int | None]:
        """Starts (0-based, padded coordinates) of the windows that fit, and of the one
        that would hang over the edge (None when the windows tile the input)."""
        width = self.n + 2 * self.p
        starts = list(range(0, max(width - self.f, -1) + 1, self.s))
        if not starts:
            return [], 0
        over = starts[-1] + self.s if (width - self.f) % self.s else None
        return starts, over

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(400, int(fm.height() * 6))

    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.n + 2 * self.p
        starts, over = self.positions()
        extra = self.f if over is not None else 0
        fm = self.fontMetrics()
        cell = min((self.width() - 8) / max(width + extra, 1), fm.height() * 2.2)
        x0 = 4.0
        y0 = fm.height() * 1.2
        for k in range(width):
            rect = QRectF(x0 + k * cell, y0, cell, cell)
            is_pad = k < self.p or k >= self.p + self.n
            p.fillRect(rect, QColor("#e9ecf1") if is_pad else QColor("#ffffff"))
            p.setPen(QPen(QColor("#9aa5b4"), 1))
            p.drawRect(rect)
            p.setPen(QColor("#30363d"))
            p.drawText(QRectF(rect.x(), 0, cell, y0), Qt.AlignmentFlag.AlignCenter, str(k + 1))
        rows = starts + ([over] if over is not None else [])
        lane = max(fm.height() * 0.7, 6.0)
        for i, a in enumerate(rows):
            y = y0 + cell + 6 + (i % 3) * lane
            bad = a == over
            pen = QPen(QColor(RED if bad else GREEN), 3)
            if bad:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            xa, xb = x0 + a * cell + 3, x0 + (a + self.f) * cell - 3
            p.drawLine(QPointF(xa, y), QPointF(xb, y))
            p.drawLine(QPointF(xa, y - lane * 0.4), QPointF(xa, y + lane * 0.4))
            p.drawLine(QPointF(xb, y - lane * 0.4), QPointF(xb, y + lane * 0.4))
        if over is not None:
            # Ghost cells past the end: what the last window would need.
            p.setPen(QPen(QColor(RED), 1, Qt.PenStyle.DashLine))
            for k in range(width, over + self.f):
                rect = QRectF(x0 + k * cell, y0, cell, cell)
                p.drawRect(rect.adjusted(1, 1, -1, -1))
                p.drawText(QRectF(rect.x(), 0, cell, y0), Qt.AlignmentFlag.AlignCenter, str(k + 1))
            edge = x0 + width * cell
            p.setPen(QPen(QColor(RED), 2, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(edge, y0 - 4), QPointF(edge, y0 + cell + 6 + 3 * lane))
        p.end()


class SizeBox(QFrame):
    """The output-size formula (N − F + 2P)/S + 1 with the numbers of both axes filled in."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = heading(self, 1.0)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.label)
        self._shown: tuple | None = None
        self._label_font()
        self.retranslate_ui()

    def show_sizes(self, shape, f: int, s: int, p: int) -> list[int | None]:
        """Show the formula for an input of ``shape`` (rows, columns); return the output
        size along each axis (None where the window does not fit)."""
        self._shown = (tuple(shape), int(f), int(s), int(p))
        tr = _t
        lines = []
        sizes: list[int | None] = []
        for axis, n in ((tr("height"), shape[0]), (tr("width"), shape[1])):
            text = conv_output_formula(n, f, s, p)
            try:
                sizes.append(conv_output_size(n, f, s, p))
            except ConvShapeError:
                sizes.append(None)
            lines.append((axis, text))
        if shape[0] == shape[1]:
            body = lines[0][1]
        else:
            body = "<br>".join(f"{a}: {t}" for a, t in lines)
        if all(v is not None for v in sizes):
            body += " → " + tr("output {0}×{1}").format(*sizes)
            tint(self.label, None, bold=False)
        else:
            body += " → " + tr("does not fit")
            tint(self.label, RED, bold=True)
        self.label.setText(body)
        return sizes

    def retranslate_ui(self) -> None:
        """Set the title and the formula in the current language."""
        self.title.setText(math_html(_t("Output size (N − F + 2P)/S + 1"), prose=True))
        if self._shown is not None:
            self.show_sizes(*self._shown)

    def _label_font(self) -> None:
        # the numbers a fifth larger than the text, like the sliding window's sum
        f = self.font()
        f.setPointSizeF(max(f.pointSizeF(), 6) * 1.2)
        self.label.setFont(f)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.FontChange:
            restyle_heading(self.title)
            self._label_font()
        super().changeEvent(event)


class FitBox(OutlineFrame):
    """The red "does not fit" box: why, with the numbers, and where the windows land."""

    def __init__(self, parent=None):
        super().__init__(RED, "#fff5f5", parent)
        self.title = heading(self, 1.15)
        tint(self.title, RED)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.strip = FitStrip(self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.text)
        lay.addWidget(self.strip)
        self._axis: tuple | None = None
        self.hide()
        self.retranslate_ui()

    def explain(self, n: int, f: int, s: int, p: int) -> None:
        """Explain why the window does not fit along an axis of ``n`` cells, and show it."""
        self._axis = (int(n), int(f), int(s), int(p))
        self.text.setText(fit_explanation(*self._axis))
        self.strip.set_axis(*self._axis)
        self.show()

    def retranslate_ui(self) -> None:
        """Set the title and the explanation in the current language."""
        self.title.setText(_t("The window does not fit"))
        if self._axis is not None:
            self.text.setText(fit_explanation(*self._axis))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.FontChange:
            restyle_heading(self.title)
        super().changeEvent(event)
