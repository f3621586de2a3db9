"""Canvas items for a document layer: LayerItem (frame or box), NeuronItem, PortItem."""

from __future__ import annotations

import math

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

from nnsim.gui.canvas.safety import never_raise
from nnsim.gui.fonts import canvas_font
from nnsim.gui.i18n import activation_name, kind_name, layer_label
from nnsim.gui.mathtext import math_html, math_unicode, rich
from nnsim.model.layer_kinds import NEURON_KINDS, PARAM_ACTIVATION_KINDS

# Layers with more neurons than the theme's max_drawn_neurons (16 on the normal canvas)
# collapse to a box showing their shape.
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


def drawn_as_box(spec, theme) -> bool:
    """Whether a layer is drawn as one box (its shape) rather than neuron by neuron."""
    if spec.kind not in NEURON_KINDS:
        return True
    if spec.shape is not None and len(spec.shape) > 1:
        return True
    return spec.size > theme.max_drawn_neurons


def _under_circle(spec, theme) -> float:
    """Room under a neuron's circle: its output, and for a computing neuron the note a
    backward step prints under it (its gradient term, g1 = −0.0407)."""
    h = QFontMetricsF(canvas_font(theme.value_px, True)).height() + 6
    return 2 * h if spec.kind != "input" and theme.note_line else h


def _over_circle(spec, theme) -> float:
    """Room over a neuron's circle: its bias (b=0.1), when the layer has biases."""
    if spec.kind == "input" or not spec.use_bias:
        return 4.0
    return QFontMetricsF(canvas_font(theme.small_px)).height() + 6


def neuron_spacing(spec, theme, size: int | None = None) -> float:
    """Distance between the centres of two neurons of a layer: roomy up to five neurons,
    and never less than the circle with the texts printed under it and over the next."""
    n = size if size is not None else spec.size
    need = 2 * theme.neuron_radius + _under_circle(spec, theme) + _over_circle(spec, theme)
    return max(theme.neuron_spacing, need) if n <= 5 else need


def frame_rect(spec, theme) -> QRectF:
    """The frame of a layer drawn neuron by neuron, around its centre: its neurons with
    their texts, and room for the caption above it (the caption itself is outside)."""
    r = theme.neuron_radius
    half = (spec.size - 1) / 2.0 * neuron_spacing(spec, theme)
    top = -half - r - _over_circle(spec, theme) - 12
    bottom = half + r + _under_circle(spec, theme) + 18  # the frame's port below the texts
    side = frame_side(theme)
    return QRectF(-side, top, 2 * side, bottom - top)


def box_texts(spec, theme) -> list[tuple[str, str, QFont]]:
    """The rows a layer drawn as a box prints: (kind, text, font) for its kind, its shape
    and its activation (when it has one)."""
    shape = spec.shape if spec.shape else (spec.size,)
    shape_text = "×".join(str(int(s)) for s in shape) if spec.size else "?"
    act = spec.params.get("activation") if spec.kind in PARAM_ACTIVATION_KINDS else None
    if spec.kind in ("dense", "maxout") and spec.activations:
        act = spec.activations[0]
    rows = [
        ("kind", kind_name(spec.kind), canvas_font(theme.small_px, bold=True)),
        ("shape", shape_text, canvas_font(theme.label_px, bold=True)),
    ]
    if act and act != "identity":
        rows.append(("activation", activation_name(act), canvas_font(theme.small_px)))
    return rows


def box_size(spec, theme) -> tuple[float, float]:
    """Width and height of a layer drawn as a box: wide enough for its texts whole."""
    widest = max(QFontMetricsF(f).horizontalAdvance(t) for _, t, f in box_texts(spec, theme))
    return max(COLLAPSED_W, widest + 20), max(COLLAPSED_H, 4.6 * theme.label_px)


def frame_side(theme) -> float:
    """Half the width of a layer's frame: just past the neurons' ports, or wider where the
    numbers printed under and above the circles are (presentation mode's large ones)."""
    widest = max(
        QFontMetricsF(canvas_font(theme.value_px, bold=True)).horizontalAdvance("−0.0000") + 10,
        QFontMetricsF(canvas_font(theme.small_px)).horizontalAdvance("b=−0.0000"),
    )
    return max(theme.neuron_radius + 18, widest / 2 + 6)


def activation_symbol(name: str) -> str:
    """Short symbol of an activation for inside a neuron circle (σ, tanh, ReLU...)."""
    try:
        from nnsim.engine import get_activation

        return get_activation(name).symbol
    except Exception:  # noqa: BLE001 - an unknown name just shows as written
        return name


def port_radius(theme, layer: bool) -> float:
    """Drawn radius of a neuron's port (circle) or a layer's (diamond, ``layer``)."""
    base = 7.0 if theme is None or theme.name == "normal" else 9.0
    return base * 1.3 if layer else base


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
        return drawn_as_box(spec, self.theme)

    def neuron_label(self, index: int) -> str:
        """The neuron's label: the document's, else x1.. / h1.. / y1.. by role."""
        doc = self._scene_ref.document
        if self.layer_id not in doc.layers:
            return str(index + 1)
        return doc.neuron_label(self.layer_id, index)

    def spacing(self, size: int | None = None) -> float:
        """Distance between neuron centres (``neuron_spacing``)."""
        spec = self.spec()
        if spec is None:
            return self.theme.neuron_spacing
        return neuron_spacing(spec, self.theme, size)

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
            w, h = box_size(spec, th)
            self._rect = QRectF(-w / 2, -h / 2, w, h)
        else:
            self._rect = frame_rect(spec, th)
            for i, n in enumerate(self.neurons):
                n.setPos(self.neuron_offset(i, spec.size))
                n.relayout()
        # a frame's port sits at its bottom right corner, clear of the neurons' texts
        self.port.setPos(self._rect.right(), 0 if self.collapsed else self._rect.bottom())
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

        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        for kind, text, rect, font in self.text_boxes():
            painter.setFont(font)
            painter.setPen(th.color("text" if kind in ("kind", "shape") else "muted"))
            painter.drawText(rect, flags, text)

    def box_texts(self) -> list[tuple[str, str, QFont]]:
        """What a layer drawn as a box prints: its kind, shape and activation."""
        spec = self.spec()
        return box_texts(spec, self.theme) if spec is not None else []

    def text_boxes(self, widest: bool = False) -> list[tuple[str, str, QRectF, QFont]]:
        """The layer's own texts: (kind, text, box in item coordinates, font).

        "caption" above the frame; for a box, "kind", "shape" and "activation" inside it.
        ``paint`` draws these (centred in the box).
        """
        spec = self.spec()
        if spec is None:
            return []
        th = self.theme
        title = layer_label(spec.label) or kind_name(spec.kind)
        font = canvas_font(th.small_px, bold=True)
        h = QFontMetricsF(font).height()
        out = [
            (
                "caption",
                title,
                self._tight(title, font, self._rect.center().x(), self._rect.top() - 4 - h / 2),
                font,
            )
        ]
        if self.collapsed:
            r = self._rect
            rows = self.box_texts()
            step = r.height() / (len(rows) + 1)
            for k, (kind, text, font) in enumerate(rows):
                out.append(
                    (
                        kind,
                        text,
                        self._tight(text, font, r.center().x(), r.top() + step * (k + 1)),
                        font,
                    )
                )
        return out

    @staticmethod
    def _tight(text: str, font: QFont, cx: float, cy: float) -> QRectF:
        fm = QFontMetricsF(font)
        w, h = fm.horizontalAdvance(text) + 2, fm.height()
        return QRectF(cx - w / 2, cy - h / 2, w, h)
