"""Canvas item for a document layer: LayerItem, a frame around its neurons or a box."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from nnsim.gui.canvas.layer_geometry import (
    box_size,
    box_text_size,
    box_texts,
    drawn_as_box,
    frame_rect,
    neuron_columns,
    neuron_grid,
    neuron_spacing,
)
from nnsim.gui.canvas.neuron_item import NeuronItem, PortItem
from nnsim.gui.canvas.safety import never_raise
from nnsim.gui.fonts import canvas_font
from nnsim.gui.i18n import kind_name, layer_label
from nnsim.gui.mathtext import math_unicode


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
        self.wrapped = 1  # sub-columns the neurons were last laid out in (``columns``)
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

    def columns(self) -> int:
        """Sub-columns the neurons stand in (``neuron_columns``: 2 for MNIST's outputs)."""
        spec = self.spec()
        if spec is None:
            return 1
        return neuron_columns(self._scene_ref.document, spec, self.theme)

    def spacing(self, size: int | None = None) -> float:
        """Distance between neuron centres (``neuron_spacing``)."""
        spec = self.spec()
        if spec is None:
            return self.theme.neuron_spacing
        return neuron_spacing(spec, self.theme, size)

    def neuron_offset(self, index: int, size: int | None = None) -> QPointF:
        """Position of neuron ``index``'s centre relative to the layer centre."""
        spec = self.spec()
        if spec is None:
            return QPointF(0.0, 0.0)
        return QPointF(*neuron_grid(spec, self.theme, index, self.wrapped, size))

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
        self.wrapped = self.columns()
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
            self.wrapped = self.columns()
            self._rect = frame_rect(spec, th, self.wrapped)
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
        return self._rect.adjusted(-12, -th.caption_size - 14, 12, 8)

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
        font = canvas_font(th.caption_size, bold=True)
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
            # the rows spread evenly down the box, a wrapped kind ("Max / pooling") taller
            r = self._rect
            rows = [
                (kind, text, font, box_text_size(text, font))
                for kind, text, font in self.box_texts()
            ]
            gap = (r.height() - sum(h for *_, (_, h) in rows)) / (len(rows) + 1)
            y = r.top() + gap
            for kind, text, font, (w, h) in rows:
                out.append((kind, text, QRectF(r.center().x() - w / 2, y, w, h), font))
                y += h + gap
        return out

    @staticmethod
    def _tight(text: str, font: QFont, cx: float, cy: float) -> QRectF:
        fm = QFontMetricsF(font)
        w, h = fm.horizontalAdvance(text) + 2, fm.height()
        return QRectF(cx - w / 2, cy - h / 2, w, h)
