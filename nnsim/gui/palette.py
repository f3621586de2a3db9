"""The palette: neurons and layers to drag onto the canvas (a click adds at the centre)."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QDrag, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QToolButton, QVBoxLayout, QWidget

from nnsim.gui.canvas.view import PALETTE_MIME
from nnsim.gui.fonts import canvas_font
from nnsim.gui.style import muted

# (item id, layer kind it needs in nnsim.model.LAYER_KINDS, icon style)
PALETTE_ITEMS = (
    ("input_neuron", "input", "input"),
    ("neuron", "dense", "neuron"),
    ("output_neuron", "dense", "output"),
    ("bias", "dense", "bias"),
    ("dense", "dense", "dense"),
    ("maxout", "maxout", "maxout"),
    ("conv2d", "conv2d", "box"),
    ("maxpool", "maxpool", "box"),
    ("flatten", "flatten", "box"),
    ("rnn", "rnn", "box"),
)


# Texts are marked here and translated when shown, so a language switch applies at once.
TITLES = {
    "input_neuron": QT_TRANSLATE_NOOP("Palette", "Input neuron"),
    "neuron": QT_TRANSLATE_NOOP("Palette", "Neuron"),
    "output_neuron": QT_TRANSLATE_NOOP("Palette", "Output neuron"),
    "bias": QT_TRANSLATE_NOOP("Palette", "Bias unit"),
    "dense": QT_TRANSLATE_NOOP("Palette", "Dense layer"),
    "maxout": QT_TRANSLATE_NOOP("Palette", "Maxout layer"),
    "conv2d": QT_TRANSLATE_NOOP("Palette", "Convolution"),
    "maxpool": QT_TRANSLATE_NOOP("Palette", "Pooling"),
    "flatten": QT_TRANSLATE_NOOP("Palette", "Flatten"),
    "rnn": QT_TRANSLATE_NOOP("Palette", "RNN block"),
}

TIPS = {
    "input_neuron": QT_TRANSLATE_NOOP(
        "Palette", "Drop on the canvas for a new input layer, or on an input layer to add an input"
    ),
    "neuron": QT_TRANSLATE_NOOP(
        "Palette",
        "Drop on the canvas for a new one-neuron layer, or on a layer to add a neuron to it",
    ),
    "output_neuron": QT_TRANSLATE_NOOP(
        "Palette", "Drop on the canvas for a new output layer, or on a layer to add a neuron to it"
    ),
    "bias": QT_TRANSLATE_NOOP(
        "Palette", "Drop on a layer to give its neurons biases (thresholds θ = −b)"
    ),
    "dense": QT_TRANSLATE_NOOP("Palette", "A fully connected layer of three neurons"),
    "maxout": QT_TRANSLATE_NOOP(
        "Palette", "A Maxout layer: each unit takes the max of two linear pieces"
    ),
    "conv2d": QT_TRANSLATE_NOOP("Palette", "A 2-D convolution layer (cross-correlation)"),
    "maxpool": QT_TRANSLATE_NOOP("Palette", "A 2×2 max-pooling layer"),
    "flatten": QT_TRANSLATE_NOOP("Palette", "Flattens a shaped input into a vector"),
    "rnn": QT_TRANSLATE_NOOP("Palette", "An Elman recurrent layer"),
}


def _titles() -> dict[str, str]:
    return {k: QCoreApplication.translate("Palette", v) for k, v in TITLES.items()}


def _tips() -> dict[str, str]:
    return {k: QCoreApplication.translate("Palette", v) for k, v in TIPS.items()}


def palette_icon(style: str, size: int = 40) -> QIcon:
    """Draw the icon of a palette item (no image files needed)."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("#2b2f36"), 2.2)
    p.setPen(pen)
    c = QPointF(size / 2, size / 2)
    r = size * 0.36
    if style in ("input", "neuron", "output"):
        fill = {"input": "#eef5ea", "neuron": "#ffffff", "output": "#fff4e8"}[style]
        p.setBrush(QBrush(QColor(fill)))
        p.drawEllipse(c, r, r)
        p.setFont(canvas_font(int(size * 0.34), bold=True))
        p.drawText(
            QRectF(0, 0, size, size),
            Qt.AlignmentFlag.AlignCenter,
            {"input": "x", "neuron": "h", "output": "y"}[style],
        )
    elif style == "bias":
        p.setBrush(QBrush(QColor("#f1f4f9")))
        p.drawEllipse(c, r * 0.8, r * 0.8)
        p.setFont(canvas_font(int(size * 0.34), bold=True))
        p.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "b")
    elif style in ("dense", "maxout"):
        p.setPen(QPen(QColor("#b8c2d0"), 1.5, Qt.PenStyle.DashLine))
        p.setBrush(QBrush(QColor("#f1f4f9")))
        p.drawRoundedRect(QRectF(size * 0.28, 1, size * 0.44, size - 2), 6, 6)
        p.setPen(pen)
        p.setBrush(QBrush(QColor("#ffffff")))
        for k in range(3):
            p.drawEllipse(QPointF(size / 2, size * (0.2 + 0.3 * k)), size * 0.12, size * 0.12)
        if style == "maxout":
            p.setFont(canvas_font(int(size * 0.22), bold=True))
            p.drawText(QRectF(0, size * 0.7, size, size * 0.3), Qt.AlignmentFlag.AlignRight, "max")
    else:
        p.setBrush(QBrush(QColor("#e7ecf4")))
        p.drawRect(QRectF(size * 0.18, size * 0.18, size * 0.64, size * 0.64))
        p.setPen(QPen(QColor("#7a8594"), 1.2))
        for k in range(1, 4):
            x = size * (0.18 + 0.16 * k)
            p.drawLine(QPointF(x, size * 0.18), QPointF(x, size * 0.82))
            p.drawLine(QPointF(size * 0.18, x), QPointF(size * 0.82, x))
    p.end()
    return QIcon(pm)


class PaletteButton(QToolButton):
    """One palette entry: drag it to the canvas, or click it to add at the centre."""

    def __init__(self, item: str, style: str, parent=None):
        super().__init__(parent)
        self.item = item
        self.setIcon(palette_icon(style))
        self.setIconSize(QSize(36, 36))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setSizePolicy(
            self.sizePolicy().horizontalPolicy().Expanding, self.sizePolicy().verticalPolicy()
        )
        self.setAutoRaise(True)
        self._press = QPoint()
        self._dragging = False

    def mime_data(self) -> QMimeData:
        """The drag payload: the item id under ``PALETTE_MIME``."""
        md = QMimeData()
        md.setData(PALETTE_MIME, QByteArray(self.item.encode("utf-8")))
        return md

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self._dragging = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event):
        if (
            event.buttons() & Qt.MouseButton.LeftButton
            and not self._dragging
            and (event.position().toPoint() - self._press).manhattanLength()
            >= QApplication.startDragDistance()
        ):
            self._dragging = True
            self.setDown(False)
            drag = QDrag(self)
            drag.setMimeData(self.mime_data())
            drag.setPixmap(self.icon().pixmap(40, 40))
            drag.setHotSpot(QPoint(20, 20))
            drag.exec(Qt.DropAction.CopyAction)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):
        if self._dragging:
            self._dragging = False
            self.setDown(False)
            return
        super().mouseReleaseEvent(event)


class Palette(QWidget):
    """The list of palette buttons.

    Signals
    -------
    activated(str)
        A button was clicked (not dragged): add the item at the canvas centre.
    """

    activated = Signal(str)

    def __init__(self, available_kinds=(), parent=None):
        super().__init__(parent)
        self.buttons: dict[str, PaletteButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(2)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        muted(self.hint)
        self._headers: dict[str, QLabel] = {}
        for i, (item, kind, style) in enumerate(PALETTE_ITEMS):
            if i == 0:
                self._headers["neurons"] = QLabel(self)
                layout.addWidget(self._headers["neurons"])
            if i == 4:
                self._headers["layers"] = QLabel(self)
                layout.addWidget(self._headers["layers"])
            b = PaletteButton(item, style, self)
            b.setEnabled(kind in available_kinds)
            b.clicked.connect(lambda _=False, it=item: self.activated.emit(it))
            layout.addWidget(b)
            self.buttons[item] = b
        layout.addSpacing(8)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        for h in self._headers.values():
            f = h.font()
            f.setBold(True)
            h.setFont(f)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every text in the current language."""
        titles, tips = _titles(), _tips()
        for item, b in self.buttons.items():
            b.setText(titles[item])
            tip = tips[item]
            if not b.isEnabled():
                tip += "\n" + self.tr("(not available in this version)")
            b.setToolTip(tip)
        self._headers["neurons"].setText(self.tr("Neurons"))
        self._headers["layers"].setText(self.tr("Layers"))
        self.hint.setText(
            self.tr(
                "Drag onto the canvas. Drag from a neuron's small circle to another neuron to "
                "connect them; from a layer's diamond to another layer to connect every neuron."
            )
        )

    def changeEvent(self, event):
        if event.type() == event.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
