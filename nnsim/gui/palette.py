"""The palette: neurons, and the registry's layer kinds, to drag onto the canvas (a click adds at the centre)."""

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
from nnsim.gui.i18n import current_language, kind_name
from nnsim.gui.style import muted
from nnsim.model.layer_kinds import PALETTE_KINDS, layer_kind

# The neuron items: gestures on neurons (item id, layer kind it needs, icon style). The
# layer items after them come from the layer-kind registry (nnsim.model.layer_kinds): each
# kind with a palette entry is one button, its id the kind's name, its title the kind's
# label and its tooltip the entry's, both in the current language.
NEURON_ITEMS = (
    ("input_neuron", "input", "input"),
    ("neuron", "dense", "neuron"),
    ("output_neuron", "dense", "output"),
    ("bias", "dense", "bias"),
)

# Texts are marked here and translated when shown, so a language switch applies at once.
TITLES = {
    "input_neuron": QT_TRANSLATE_NOOP("Palette", "Input neuron"),
    "neuron": QT_TRANSLATE_NOOP("Palette", "Neuron"),
    "output_neuron": QT_TRANSLATE_NOOP("Palette", "Output neuron"),
    "bias": QT_TRANSLATE_NOOP("Palette", "Bias unit"),
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
}


def palette_items() -> list[tuple[str, str, str]]:
    """Every palette entry as (item id, layer kind it needs, icon style): the neuron items,
    then one per registered layer kind with a palette entry, in registration order."""
    layers = [(name, name, layer_kind(name).palette.icon) for name in PALETTE_KINDS]
    return [*NEURON_ITEMS, *layers]


def _titles() -> dict[str, str]:
    titles = {k: QCoreApplication.translate("Palette", v) for k, v in TITLES.items()}
    titles.update({name: kind_name(name) for name in PALETTE_KINDS})
    return titles


def _tips() -> dict[str, str]:
    tips = {k: QCoreApplication.translate("Palette", v) for k, v in TIPS.items()}
    lang = current_language()
    tips.update({name: layer_kind(name).palette.tip(lang) for name in PALETTE_KINDS})
    return tips


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
        for i, (item, kind, style) in enumerate(palette_items()):
            if i == 0:
                self._headers["neurons"] = QLabel(self)
                layout.addWidget(self._headers["neurons"])
            if i == len(NEURON_ITEMS):
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
            b.setText(titles.get(item, item))
            tip = tips.get(item, "")
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
