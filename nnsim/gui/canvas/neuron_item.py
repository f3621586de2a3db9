"""Canvas items of one neuron: NeuronItem (circle and texts), its PortItem and picture."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
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

from nnsim.gui.canvas.layer_geometry import activation_symbol, fitted_font, fmt_value, port_radius
from nnsim.gui.canvas.safety import never_raise
from nnsim.gui.fonts import canvas_font
from nnsim.gui.i18n import activation_name, kind_name, layer_label
from nnsim.gui.mathtext import math_html, rich

if TYPE_CHECKING:
    from nnsim.gui.canvas.layer_item import LayerItem

#: Transforms under which a picture drawn in device pixels lines up (no rotation, shear).
_T = QTransform.TransformationType
_SCALED = (_T.TxNone, _T.TxTranslate, _T.TxScale)


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
        return port_radius(self._theme(), self.index is None)

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
        rect = QRectF(-w, -r - th.small_px - 8, 2 * w, 2 * r + th.small_px + 8 + extra)
        return rect.united(self.outer_name_rect())

    def outer_name_rect(self) -> QRectF:
        """The box of a name printed beside the circle (too long for it), else empty."""
        spec = self.layer_item.spec()
        if spec is None or spec.kind != "input" or self.index >= spec.size:
            return QRectF()
        th = self.layer_item.theme
        label = self.layer_item.neuron_label(self.index)
        fm = QFontMetricsF(canvas_font(th.label_px, bold=True))
        w = fm.horizontalAdvance(label)
        r = self.radius()
        if w <= 1.75 * r:
            return QRectF()
        return QRectF(-r - 8 - w, -fm.height() / 2, w, fm.height())

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

        for kind, text, rect, font in self.text_boxes():
            painter.setFont(font)
            if kind == "value":
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QBrush(QColor(255, 255, 255, 230)))
                painter.drawRoundedRect(rect, 4, 4)
                painter.setPen(QColor("#0b3d2e"))
            elif kind == "note":
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QBrush(QColor(255, 244, 214, 235)))
                painter.drawRoundedRect(rect, 4, 4)
                painter.setPen(QColor("#7a2e00"))
            elif kind in ("bias", "symbol"):
                painter.setPen(th.color("muted"))
            else:
                painter.setPen(th.color("text"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def text_boxes(self, widest: bool = False) -> list[tuple[str, str, QRectF, QFont]]:
        """Every text the neuron prints: (kind, text, box in item coordinates, font).

        Kinds: "name", "symbol" (its activation), "bias", "value" (its output) and "note".
        ``paint`` draws exactly these boxes; tests check them against the weights' labels.
        With ``widest``, the room the texts may take: an output and, for a computing neuron,
        a backward step's note as wide as they get, shown or not (the weights' numbers keep
        clear of it, so a step-through never covers them).
        A name too long for the circle at full size (an input called "ripeness") is
        printed whole to the circle's left, where an input layer has nothing else.
        """
        li = self.layer_item
        th = li.theme
        spec = li.spec()
        if spec is None or self.index >= spec.size:
            return []
        r = self.radius()
        out: list[tuple[str, str, QRectF, QFont]] = []

        def box(kind, text, font, cx, cy, pad_w=0.0, pad_h=0.0):
            if not text:
                return  # the identity has no symbol
            fm = QFontMetricsF(font)
            w = fm.horizontalAdvance(text) + pad_w
            h = fm.height() + pad_h
            out.append((kind, text, QRectF(cx - w / 2, cy - h / 2, w, h), font))

        label = li.neuron_label(self.index)
        if spec.kind != "input":
            font = fitted_font(label, th.label_px, 1.75 * r)
            box("name", label, font, 0, -r * 0.78 + r * 0.525)
            sym = activation_symbol(spec.activations[self.index])
            box("symbol", sym, canvas_font(max(int(th.small_px * 0.8), 10)), 0, r * 0.52)
        else:
            font = canvas_font(th.label_px, bold=True)
            if QFontMetricsF(font).horizontalAdvance(label) <= 1.75 * r:
                box("name", label, font, 0, 0)
            else:  # whole, to the left of the circle, its right end near the circle
                w = QFontMetricsF(font).horizontalAdvance(label)
                box("name", label, font, -r - 8 - w / 2, 0)

        if spec.kind != "input" and spec.use_bias and spec.biases.ndim == 1:
            b = float(spec.biases[self.index])
            text = f"θ={fmt_value(-b)}" if li.scene_flag("show_threshold") else f"b={fmt_value(b)}"
            font = canvas_font(th.small_px)
            box("bias", text, font, 0, -r - 2 - QFontMetricsF(font).height() / 2)

        vals = li.values_of(self.index)
        font = canvas_font(th.value_px, bold=True)
        h = QFontMetricsF(font).height()
        note = li.note_of(self.index)
        if widest:
            vals = (None, -0.00001)
            # as wide as a note gets: a small term has three significant digits (−0.00265)
            note = "g₁ = −0.00000" if spec.kind != "input" else None
        if vals is not None and vals[1] is not None and not (note and not th.note_line):
            value = "−0.0000" if widest else fmt_value(vals[1])
            box("value", value, font, 0, r + 3 + h / 2, 10)
        if note:
            box("note", note, font, 0, r + 3 + (h + 4 if th.note_line else 0) + h / 2, 10)
        return out
