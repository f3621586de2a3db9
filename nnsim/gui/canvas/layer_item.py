"""Canvas items for a document layer: LayerItem (frame or box), NeuronItem, PortItem."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QImage,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from nnsim.gui.canvas.safety import never_raise
from nnsim.gui.fonts import canvas_font
from nnsim.gui.i18n import activation_name, kind_name, layer_label
from nnsim.gui.mathtext import math_html, math_unicode, rich

# Layers with more neurons than this collapse to a box showing their shape.
MAX_DRAWN_NEURONS = 16
COLLAPSED_W = 130.0
COLLAPSED_H = 190.0
#: Transforms under which a picture drawn in device pixels lines up (no rotation, shear).
_T = QTransform.TransformationType
_SCALED = (_T.TxNone, _T.TxTranslate, _T.TxScale)


def fmt_value(v: float, digits: int = 4) -> str:
    """A number as the canvas prints it: up to 4 decimals, no trailing zeros, a true minus.

    0.35 → "0.35", 1.0 → "1", 0.680267 → "0.6803", −0.0406811 → "−0.0407"; tiny or huge use
    three significant digits (−0.00265449 → "−0.00265").
    """
    v = float(v)
    if not math.isfinite(v):
        return str(v)
    if v != 0 and (abs(v) >= 1000 or abs(v) < 0.01):
        s = f"{v:.3g}"
    else:
        s = f"{v:.{digits}f}".rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    return s.replace("-", "−")


def fitted_font(text: str, pixel_size: int, width: float, minimum: int = 9):
    """Bold canvas font for ``text``, shrunk until it fits ``width`` (long labels such as
    "leaky_relu" inside a neuron circle)."""
    size = int(pixel_size)
    font = canvas_font(size, bold=True)
    while size > minimum and QFontMetricsF(font).horizontalAdvance(text) > width:
        size -= 1
        font = canvas_font(size, bold=True)
    return font


def activation_symbol(name: str) -> str:
    """Short symbol of an activation for inside a neuron circle (σ, tanh, ReLU...)."""
    try:
        from nnsim.engine import get_activation

        return get_activation(name).symbol
    except Exception:  # noqa: BLE001 - an unknown name just shows as written
        return name


class PortItem(QGraphicsItem):
    """The output port of a neuron (circle) or of a whole layer (diamond).

    Dragging from a port to another neuron or layer connects them; the view handles the
    gesture, the port only marks where it starts.
    """

    def __init__(self, owner: QGraphicsItem, layer_id: str, index: int | None):
        super().__init__(owner)
        self.layer_id = layer_id
        self.index = index  # None = the layer's port (full connection)
        self._hover = False
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setZValue(2)

    def _theme(self):
        return self.scene().theme if self.scene() is not None else None

    def radius(self) -> float:
        """Drawn radius (scene units)."""
        th = self._theme()
        base = 7.0 if th is None or th.name == "normal" else 9.0
        return base if self.index is not None else base * 1.3

    @never_raise(QRectF)
    def boundingRect(self) -> QRectF:
        r = self.radius() + 6
        return QRectF(-r, -r, 2 * r, 2 * r)

    @never_raise(QPainterPath)
    def shape(self) -> QPainterPath:
        # A generous hit area: a small target is hard to hit on a projector remote mouse.
        path = QPainterPath()
        r = self.radius() + 5
        path.addEllipse(QPointF(0, 0), r, r)
        return path

    def hoverEnterEvent(self, event):
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event):
        self._hover = False
        self.update()

    @never_raise()
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None):
        th = self._theme()
        if th is None:
            return
        r = self.radius() * (1.3 if self._hover else 1.0)
        color = QColor(th.selection if self._hover else th.port)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(color.darker(120), 1.5))
        painter.setBrush(QBrush(QColor("#ffffff") if self.index is not None else color))
        if self.index is None:
            poly = QPolygonF([QPointF(0, -r), QPointF(r, 0), QPointF(0, r), QPointF(-r, 0)])
            painter.drawPolygon(poly)
        else:
            painter.drawEllipse(QPointF(0, 0), r, r)
            painter.setBrush(QBrush(color))
            painter.drawEllipse(QPointF(0, 0), r * 0.45, r * 0.45)


class ThumbnailItem(QGraphicsItem):
    """A neuron's picture (its output over the input plane) with its label, in its circle.

    A child of the neuron, so a new picture repaints only this small circle: the neuron,
    its layer and the edges around it are not drawn again ~30 times a second. On screen
    the ring and the label, which stay the same from one picture to the next, are drawn
    once into an overlay at the screen's resolution and copied over each new picture.
    """

    def __init__(self, neuron: NeuronItem):
        super().__init__(neuron)
        self.neuron = neuron
        self.image = None
        self._label_key = None
        self._label_box = QRectF()
        self._label_font = None
        self._overlay_key = None
        self._overlay: QImage | None = None
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def set_image(self, image) -> None:
        """Show ``image`` (a round QImage), or hide for None."""
        self.image = image
        self.setVisible(image is not None)
        if image is not None:  # a hidden item has nothing to repaint
            self.update()

    @never_raise(QRectF)
    def boundingRect(self) -> QRectF:
        r = self.neuron.radius() + 2
        return QRectF(-r, -r, 2 * r, 2 * r)

    @never_raise()
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None):
        if self.image is None:
            return
        n = self.neuron
        th = n.layer_item.theme
        r = n.radius()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawImage(QRectF(-r, -r, 2 * r, 2 * r), self.image)  # round already
        label = n.layer_item.neuron_label(n.index)
        selected = n.isSelected()
        t = painter.transform()
        raster = painter.paintEngine().type() == QPaintEngine.Type.Raster
        if not raster or t.type() not in _SCALED:
            self._paint_overlay(painter, th, r, label, selected)  # vector output (SVG)
            return
        # the overlay covers the item's rect at whole device pixels; the item's fractional
        # position is drawn into it, so it lines up with the picture as drawing would
        dpr = painter.device().devicePixelRatioF()
        sx, sy = t.m11() * dpr, t.m22() * dpr
        m = r + 4  # the selected ring's half width reaches past the bounding rect
        x0, y0 = t.dx() * dpr - sx * m, t.dy() * dpr - sy * m
        ix, iy = math.floor(x0), math.floor(y0)
        fx, fy = round(x0 - ix, 3), round(y0 - iy, 3)
        key = (label, selected, th, r, round(sx, 6), round(sy, 6), fx, fy)
        if key != self._overlay_key:
            w, h = math.ceil(2 * m * sx + fx) + 1, math.ceil(2 * m * sy + fy) + 1
            img = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
            img.fill(0)
            p = QPainter(img)
            p.setRenderHints(painter.renderHints())
            p.translate(fx, fy)
            p.scale(sx, sy)
            p.translate(m, m)
            self._paint_overlay(p, th, r, label, selected)
            p.end()
            img.setDevicePixelRatio(dpr)
            self._overlay, self._overlay_key = img, key
        painter.save()
        painter.resetTransform()
        painter.drawImage(QPointF(ix / dpr, iy / dpr), self._overlay)
        painter.restore()

    def _paint_overlay(self, painter: QPainter, th, r: float, label: str, selected: bool):
        """The ring and the label on its light box, centred on the item's origin."""
        pen = QPen(th.color("selection") if selected else th.color("neuron_border"))
        pen.setWidthF(th.outline * (1.8 if selected else 1.0))
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(0, 0), r, r)
        # the label on a light box, readable over any colour
        key = (label, th.label_px, th.text)
        if self._label_key != key:
            font = canvas_font(th.label_px, bold=True)
            tw = QFontMetricsF(font).horizontalAdvance(label) + 8
            self._label_box = QRectF(-tw / 2, -th.label_px * 0.65, tw, th.label_px * 1.3)
            self._label_font = font
            self._label_key = key
        box = self._label_box
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(255, 255, 255, 200)))
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(self._label_font)
        painter.setPen(th.color("text"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)


class NeuronItem(QGraphicsItem):
    """One neuron of a small layer: a circle with its label, activation and value."""

    Type = QGraphicsItem.UserType + 2

    def __init__(self, layer_item: LayerItem, index: int):
        super().__init__(layer_item)
        self.layer_item = layer_item
        self.index = index
        self.highlight: QColor | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self.port = PortItem(self, layer_item.layer_id, index)
        self.setZValue(1)
        self.thumb: ThumbnailItem | None = None

    def type(self) -> int:
        return NeuronItem.Type

    @property
    def layer_id(self) -> str:
        """Id of the document layer this neuron belongs to."""
        return self.layer_item.layer_id

    @property
    def key(self) -> tuple:
        """Selection key: ("neuron", layer id, index)."""
        return ("neuron", self.layer_id, self.index)

    def radius(self) -> float:
        """Circle radius from the theme."""
        return self.layer_item.theme.neuron_radius

    def relayout(self) -> None:
        """Place the port after a theme change."""
        self.prepareGeometryChange()
        self.port.setPos(self.radius(), 0)
        self.update_tooltip()
        if self.thumb is not None:
            self.thumb.prepareGeometryChange()  # its circle follows the theme's radius
        self.sync_image()

    def sync_image(self) -> None:
        """Show the picture the scene holds for this neuron (see ``set_neuron_images``)."""
        image = self.layer_item.image_of(self.index)
        if image is None and self.thumb is None:
            return
        if self.thumb is None:
            self.thumb = ThumbnailItem(self)
        self.thumb.set_image(image)

    def update_tooltip(self) -> None:
        """Tooltip with the neuron's numbers (hover shows them even when not printed)."""
        li = self.layer_item
        spec = li.spec()
        if spec is None or self.index >= spec.size:
            return
        lines = [
            f"{li.neuron_label(self.index)} — {layer_label(spec.label) or kind_name(spec.kind)}"
        ]
        if spec.kind != "input":
            lines.append(activation_name(spec.activations[self.index]))
            if spec.use_bias and spec.biases.ndim == 1:
                b = float(spec.biases[self.index])
                lines.append(f"b = {fmt_value(b)}   θ = {fmt_value(-b)}")
        vals = li.values_of(self.index)
        if vals is not None:
            net, out = vals
            if net is not None:
                lines.append(f"net = {fmt_value(net)}")
            if out is not None:
                lines.append(f"out = {fmt_value(out)}")
        # rich text: b and θ in italics, as the inspector and the slides write them
        self.setToolTip(rich("<br>".join(math_html(line, prose=True) for line in lines)))

    @never_raise(QRectF)
    def boundingRect(self) -> QRectF:
        th = self.layer_item.theme
        r = self.radius()
        extra = 2 * th.value_px + 26  # the value and a note line under the circle
        w = max(r + 10, 110)
        return QRectF(-w, -r - th.small_px - 8, 2 * w, 2 * r + th.small_px + 8 + extra)

    @never_raise(QPainterPath)
    def shape(self) -> QPainterPath:
        path = QPainterPath()
        r = self.radius()
        path.addEllipse(QPointF(0, 0), r, r)
        return path

    def hoverEnterEvent(self, event):
        self.update_tooltip()

    @never_raise()
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None):
        li = self.layer_item
        th = li.theme
        spec = li.spec()
        # Never raise from a paint or geometry method (Qt calls them from C++, where a
        # Python exception is fatal); the document may be one step ahead of the canvas.
        if spec is None or self.index >= spec.size:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        r = self.radius()
        if self.highlight is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(self.highlight))
            painter.drawEllipse(QPointF(0, 0), r + 10, r + 10)
        fill = th.neuron_fill
        if spec.kind == "input":
            fill = th.input_fill
        elif li.is_output:
            fill = th.output_fill
        selected = self.isSelected()
        pen = QPen(th.color("selection") if selected else th.color("neuron_border"))
        pen.setWidthF(th.outline * (1.8 if selected else 1.0))
        painter.setPen(pen)
        painter.setBrush(QBrush(QColor(fill)))
        painter.drawEllipse(QPointF(0, 0), r, r)

        label = li.neuron_label(self.index)
        painter.setPen(th.color("text"))
        has_symbol = spec.kind != "input"
        label_font = fitted_font(label, th.label_px, 1.75 * r)
        if has_symbol:
            painter.setFont(label_font)
            painter.drawText(
                QRectF(-r, -r * 0.78, 2 * r, r * 1.05), Qt.AlignmentFlag.AlignCenter, label
            )
            painter.setPen(th.color("muted"))
            sym = activation_symbol(spec.activations[self.index])
            painter.setFont(canvas_font(max(int(th.small_px * 0.8), 10)))
            painter.drawText(
                QRectF(-r, r * 0.22, 2 * r, r * 0.6), Qt.AlignmentFlag.AlignCenter, sym
            )
        else:
            painter.setFont(label_font)
            painter.drawText(QRectF(-r, -r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter, label)

        if spec.kind != "input" and spec.use_bias and spec.biases.ndim == 1:
            b = float(spec.biases[self.index])
            text = f"θ={fmt_value(-b)}" if li.scene_flag("show_threshold") else f"b={fmt_value(b)}"
            painter.setPen(th.color("muted"))
            painter.setFont(canvas_font(th.small_px))
            painter.drawText(
                QRectF(-90, -r - th.small_px - 6, 180, th.small_px + 4),
                Qt.AlignmentFlag.AlignCenter,
                text,
            )

        vals = li.values_of(self.index)
        if vals is not None and vals[1] is not None:
            text = fmt_value(vals[1])
            font = canvas_font(th.value_px, bold=True)
            painter.setFont(font)
            rect = QRectF(-90, r + 4, 180, th.value_px + 6)
            tw = painter.fontMetrics().horizontalAdvance(text) + 10
            box = QRectF(-tw / 2, rect.top(), tw, rect.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(QColor(255, 255, 255, 230)))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(QColor("#0b3d2e"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        note = li.note_of(self.index)
        if note:
            painter.setFont(canvas_font(th.value_px, bold=True))
            top = r + 4 + th.value_px + 8
            rect = QRectF(-110, top, 220, th.value_px + 6)
            tw = painter.fontMetrics().horizontalAdvance(note) + 10
            box = QRectF(-tw / 2, top, tw, rect.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(QColor(255, 244, 214, 235)))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(QColor("#7a2e00"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, note)


class LayerItem(QGraphicsItem):
    """A document layer: a frame around its neurons (≤ 16) or a box with its shape.

    The item's position is the layer's ``position`` in the document (the layer's centre).
    It never writes to the document: moves made by the view are pushed as one Move command
    on release, and the document's ``layer_moved`` signal places the item.
    """

    Type = QGraphicsItem.UserType + 1

    def __init__(self, scene, layer_id: str):
        super().__init__()
        self._scene_ref = scene
        self.layer_id = layer_id
        self.neurons: list[NeuronItem] = []
        self.highlight: QColor | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges, True)
        self.port = PortItem(self, layer_id, None)
        self._rect = QRectF()
        self.rebuild()

    def type(self) -> int:
        return LayerItem.Type

    @property
    def key(self) -> tuple:
        """Selection key: ("layer", id)."""
        return ("layer", self.layer_id)

    @property
    def theme(self):
        """The scene's theme."""
        return self._scene_ref.theme

    def spec(self):
        """The document's LayerSpec (None while the layer is being removed)."""
        return self._scene_ref.document.layers.get(self.layer_id)

    def scene_flag(self, name: str) -> bool:
        """A display toggle of the scene (show_weights, show_threshold)."""
        return bool(getattr(self._scene_ref, name, False))

    def values_of(self, index: int):
        """(net, output) the scene holds for neuron ``index``, or None."""
        return self._scene_ref.neuron_values(self.layer_id, index)

    def image_of(self, index: int):
        """The picture the scene draws inside neuron ``index``, or None."""
        getter = getattr(self._scene_ref, "neuron_image", None)
        return getter(self.layer_id, index) if getter is not None else None

    def note_of(self, index: int) -> str | None:
        """The extra line the scene prints under neuron ``index``, or None, its indices as
        Unicode subscripts (g₁ = −0.0407, as the slides write g_1)."""
        getter = getattr(self._scene_ref, "neuron_note", None)
        note = getter(self.layer_id, index) if getter is not None else None
        return math_unicode(note) if note else note

    @property
    def is_output(self) -> bool:
        """True for a non-input layer without outgoing links (the network's output)."""
        doc = self._scene_ref.document
        return self.layer_id in doc.layers and doc.role(self.layer_id) == "output"

    @property
    def collapsed(self) -> bool:
        """True when the layer is drawn as one box instead of neuron by neuron."""
        spec = self.spec()
        if spec is None:
            return False
        if spec.kind not in ("input", "dense", "maxout"):
            return True
        if spec.shape is not None and len(spec.shape) > 1:
            return True
        return spec.size > MAX_DRAWN_NEURONS

    def neuron_label(self, index: int) -> str:
        """The neuron's label: the document's, else x1.. / h1.. / y1.. by role."""
        doc = self._scene_ref.document
        if self.layer_id not in doc.layers:
            return str(index + 1)
        return doc.neuron_label(self.layer_id, index)

    def spacing(self, size: int | None = None) -> float:
        """Distance between neuron centres: roomy for small layers, tighter above five
        neurons (just enough for the value printed under each circle)."""
        spec = self.spec()
        n = size if size is not None else (spec.size if spec else 1)
        th = self.theme
        if n <= 5:
            return th.neuron_spacing
        return min(th.neuron_spacing, 2 * th.neuron_radius + th.value_px + 14)

    def neuron_offset(self, index: int, size: int | None = None) -> QPointF:
        """Position of neuron ``index``'s centre relative to the layer centre."""
        spec = self.spec()
        n = size if size is not None else (spec.size if spec else 1)
        return QPointF(0.0, (index - (n - 1) / 2.0) * self.spacing(n))

    def rebuild(self) -> None:
        """Re-create neuron items after a size change and re-measure the frame."""
        spec = self.spec()
        self.prepareGeometryChange()
        for n in self.neurons:
            n.setParentItem(None)
            if n.scene() is not None:
                n.scene().removeItem(n)
        self.neurons = []
        if spec is None:
            return
        if not self.collapsed:
            for i in range(spec.size):
                item = NeuronItem(self, i)
                item.setPos(self.neuron_offset(i, spec.size))
                item.relayout()
                self.neurons.append(item)
        self.relayout()

    def relayout(self) -> None:
        """Recompute the frame and ports for the current theme and size."""
        spec = self.spec()
        self.prepareGeometryChange()
        th = self.theme
        if spec is None:
            self._rect = QRectF()
            return
        if self.collapsed:
            self._rect = QRectF(-COLLAPSED_W / 2, -COLLAPSED_H / 2, COLLAPSED_W, COLLAPSED_H)
        else:
            r = th.neuron_radius
            half = (spec.size - 1) / 2.0 * self.spacing(spec.size)
            pad = 16
            top = -half - r - pad - th.small_px - 6
            bottom = half + r + th.value_px + 14
            # Narrow sideways (just past the ports) so that edges run in the open.
            side = r + 18
            self._rect = QRectF(-side, top, 2 * side, bottom - top)
            for i, n in enumerate(self.neurons):
                n.setPos(self.neuron_offset(i, spec.size))
                n.relayout()
        self.port.setPos(self._rect.right(), 0 if not self.collapsed else 0)
        self.update()

    def frame_rect(self) -> QRectF:
        """The layer's frame in item coordinates."""
        return QRectF(self._rect)

    @never_raise(QRectF)
    def boundingRect(self) -> QRectF:
        th = self.theme
        return self._rect.adjusted(-12, -th.small_px - 14, 12, 8)

    @never_raise(QPainterPath)
    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self._rect, 14, 14)
        return path

    def out_anchor(self, index: int | None) -> QPointF:
        """Scene point where edges leave neuron ``index`` (None: the layer's right side)."""
        if index is None or self.collapsed or index >= len(self.neurons):
            return self.mapToScene(QPointF(self._rect.right(), 0))
        c = self.neuron_offset(index)
        return self.mapToScene(c + QPointF(self.theme.neuron_radius, 0))

    def in_anchor(self, index: int | None) -> QPointF:
        """Scene point where edges arrive at neuron ``index`` (None: the layer's left side)."""
        if index is None or self.collapsed or index >= len(self.neurons):
            return self.mapToScene(QPointF(self._rect.left(), 0))
        c = self.neuron_offset(index)
        return self.mapToScene(c - QPointF(self.theme.neuron_radius, 0))

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self._scene_ref.layer_item_moved(self)
        return super().itemChange(change, value)

    @never_raise()
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None):
        spec = self.spec()
        if spec is None:
            return
        th = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        selected = self.isSelected()
        if self.highlight is not None:
            painter.setPen(QPen(self.highlight, 10))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self._rect, 14, 14)
        pen = QPen(th.color("selection") if selected else th.color("layer_border"))
        pen.setWidthF(th.outline * (1.6 if selected else 0.8))
        if not selected and not self.collapsed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(th.color("layer_fill")))
        painter.drawRoundedRect(self._rect, 14, 14)

        title = layer_label(spec.label) or kind_name(spec.kind)
        painter.setPen(th.color("muted"))
        painter.setFont(canvas_font(th.small_px, bold=True))
        painter.drawText(
            QRectF(
                self._rect.left() - 60,
                self._rect.top() - th.small_px - 10,
                self._rect.width() + 120,
                th.small_px + 8,
            ),
            Qt.AlignmentFlag.AlignCenter,
            title,
        )
        if self.collapsed:
            shape = spec.shape if spec.shape else (spec.size,)
            shape_text = "×".join(str(int(s)) for s in shape) if spec.size else "?"
            act = (
                spec.params.get("activation") if spec.kind in ("conv1d", "conv2d", "rnn") else None
            )
            if spec.kind in ("dense", "maxout") and spec.activations:
                act = spec.activations[0]
            r = self._rect.adjusted(6, 0, -6, 0)
            h = r.height()
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.setPen(th.color("text"))
            painter.setFont(canvas_font(th.small_px, bold=True))
            painter.drawText(
                QRectF(r.left(), r.top() + h * 0.14, r.width(), h * 0.24),
                flags,
                kind_name(spec.kind),
            )
            painter.setFont(canvas_font(th.label_px, bold=True))
            painter.drawText(
                QRectF(r.left(), r.top() + h * 0.38, r.width(), h * 0.24), flags, shape_text
            )
            if act and act != "identity":
                painter.setPen(th.color("muted"))
                painter.setFont(canvas_font(th.small_px))
                painter.drawText(
                    QRectF(r.left(), r.top() + h * 0.62, r.width(), h * 0.24),
                    flags,
                    activation_name(act),
                )
