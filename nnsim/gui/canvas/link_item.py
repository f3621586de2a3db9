"""Canvas item for a document link: LinkItem, its edges one by one or one bar."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from nnsim.gui.canvas.columns import caption_text
from nnsim.gui.canvas.edge_item import EdgeItem, LinkLabels
from nnsim.gui.canvas.label_placement import LabelPlacement
from nnsim.gui.canvas.layer_geometry import port_radius
from nnsim.gui.canvas.safety import never_raise
from nnsim.gui.fonts import canvas_font

# Links with more edges than this print their weights only on hover and for the selected
# neuron: 256 numbers on a 16×16 link cannot be read anyway, and drawing them slows live
# training down.
MAX_PRINTED_EDGES = 36


class LinkItem(LabelPlacement, QGraphicsItem):
    """A document link: its edges one by one, or a single bar between collapsed layers."""

    Type = QGraphicsItem.UserType + 3

    def __init__(self, scene, link_id: str):
        super().__init__()
        self._scene_ref = scene
        self.link_id = link_id
        self.edges: dict[tuple[int, int], EdgeItem] = {}
        self._bar = QLineF()
        self._bounds = QRectF()
        self.highlight: QColor | None = None
        #: (i, j) of the edges that touch a selected neuron or are selected (of those, the
        #: selected neurons' in ``_neuron_featured``); ``_unplaced`` counts the numbers that
        #: found no room; ``_reserved`` is the label width placed for; ``_dimmed``: the
        #: other edges fade so that the selected neurons' weights can be printed.
        self._featured: set[tuple[int, int]] = set()
        self._neuron_featured: set[tuple[int, int]] = set()
        self._dimmed = False
        self._unplaced = 0
        self._reserved = 0.0
        self.labels = LinkLabels(self)
        self.setZValue(-1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.rebuild()

    def type(self) -> int:
        return LinkItem.Type

    def itemChange(self, change, value):
        # the numbers' item lives and goes with the link
        if change == QGraphicsItem.GraphicsItemChange.ItemSceneChange:
            old = self.scene()
            if old is not None and self.labels.scene() is old:
                old.removeItem(self.labels)
        elif change == QGraphicsItem.GraphicsItemChange.ItemSceneHasChanged:
            if value is not None and self.labels.scene() is None:
                value.addItem(self.labels)
        return super().itemChange(change, value)

    @property
    def theme(self):
        """The scene's theme."""
        return self._scene_ref.theme

    @property
    def key(self) -> tuple:
        """Selection key of the whole link: ("link", id)."""
        return ("link", self.link_id)

    def spec(self):
        """The document's LinkSpec (None while it is being removed)."""
        return self._scene_ref.document.links.get(self.link_id)

    def scene_flag(self, name: str) -> bool:
        """A display toggle of the scene."""
        return bool(getattr(self._scene_ref, name, False))

    def weight_scale(self) -> float:
        """The weight that gets the widest pen (shared by all links of the scene)."""
        return self._scene_ref.weight_scale

    def endpoint_labels(self, i: int, j: int) -> tuple[str, str]:
        """Labels of the two neurons an edge joins (for tooltips)."""
        spec = self.spec()
        if spec is None:
            return str(i), str(j)
        src = self._scene_ref.layer_items.get(spec.src)
        dst = self._scene_ref.layer_items.get(spec.dst)
        return (
            src.neuron_label(i) if src else str(i),
            dst.neuron_label(j) if dst else str(j),
        )

    @property
    def dense(self) -> bool:
        """True for a drawn link with many edges (painted in one batch, weights on hover)."""
        return len(self.edges) > MAX_PRINTED_EDGES

    @property
    def collapsed(self) -> bool:
        """True when either end is drawn as a box (then the link is one bar)."""
        spec = self.spec()
        if spec is None:
            return True
        items = self._scene_ref.layer_items
        src, dst = items.get(spec.src), items.get(spec.dst)
        return src is None or dst is None or src.collapsed or dst.collapsed

    def _paint_batched(self, painter: QPainter) -> None:
        # One drawLines call per (colour, width) bucket instead of a paint per edge.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        buckets: dict[tuple[int, float], list[QLineF]] = {}
        colors: dict[int, QColor] = {}
        for e in self.edges.values():
            rgb = e._color.rgba()
            colors[rgb] = e._color
            buckets.setdefault((rgb, round(e._width * 2) / 2), []).append(e._line)
        for (rgb, width), lines in buckets.items():
            painter.setPen(QPen(colors[rgb], width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLines(lines)

    def rebuild(self) -> None:
        """Re-create the edge items from the document's edge list."""
        spec = self.spec()
        for e in self.edges.values():
            e.setParentItem(None)
            if e.scene() is not None:
                e.scene().removeItem(e)
        self.edges = {}
        if spec is None:
            return
        if not self.collapsed:
            doc = self._scene_ref.document
            for i, j in doc.edge_list(self.link_id):
                self.edges[(int(i), int(j))] = EdgeItem(self, int(i), int(j))
        self.update_geometry()

    def sync_edges(self) -> None:
        """Rebuild if the set of connected pairs changed, else just refresh the weights."""
        spec = self.spec()
        if spec is None:
            return
        if self.collapsed:
            if self.edges:
                self.rebuild()
            self.update()
            return
        pairs = {(int(i), int(j)) for i, j in self._scene_ref.document.edge_list(self.link_id)}
        if pairs != set(self.edges):
            self.rebuild()
        else:
            for e in self.edges.values():
                e.refresh()
            # a number grew wider than the room its spot was chosen for: choose again
            widest = max((e._label_rect.width() for e in self.edges.values()), default=0.0)
            if widest > self._reserved + 0.5 or self._dimmed:
                self._place_labels()
            self.labels.changed()
            self.update()

    def update_geometry(self) -> None:
        """Follow the layers (after a move or a theme change)."""
        spec = self.spec()
        if spec is None:
            return
        items = self._scene_ref.layer_items
        src, dst = items.get(spec.src), items.get(spec.dst)
        if src is None or dst is None:
            return
        self.prepareGeometryChange()
        self._bar = QLineF(src.out_anchor(None), dst.in_anchor(None))
        gap = (
            src.mapToScene(src.frame_rect().topRight()).x(),
            dst.mapToScene(dst.frame_rect().topLeft()).x(),
        )
        bounds = QRectF(self._bar.p1(), self._bar.p2()).normalized()
        for (i, j), e in self.edges.items():
            e.set_line(QLineF(src.out_anchor(i), dst.in_anchor(j)), gap)
            bounds = bounds.united(QRectF(e._line.p1(), e._line.p2()).normalized())
        self._featured = {k for k in self._featured if k in self.edges}
        self._neuron_featured = {k for k in self._neuron_featured if k in self.edges}
        self._place_labels()
        self._bounds = bounds
        self.update()

    def is_featured(self, edge: EdgeItem) -> bool:
        """Whether ``edge`` touches a selected neuron (a dense link prints those)."""
        return (edge.i, edge.j) in self._featured

    def _selected_neurons(self) -> tuple[set[int], set[int]]:
        spec = self.spec()
        src, dst = set(), set()
        scene = self._scene_ref
        if spec is None:
            return src, dst
        for key in scene.selected_keys():
            if key[0] == "neuron" and key[1] == spec.src:
                src.add(key[2])
            if key[0] == "neuron" and key[1] == spec.dst:
                dst.add(key[2])
        return src, dst

    def selection_changed(self) -> None:
        """A dense link prints the weights of the selected neurons' edges."""
        src, dst = self._selected_neurons()
        # the selected neurons' edges, and a selected edge (the step-through's current
        # weight): printed whatever else has to give way
        mine = {k for k in self.edges if k[0] in src or k[1] in dst}
        featured = mine | {k for k, e in self.edges.items() if e.isSelected()}
        if featured != self._featured or mine != self._neuron_featured:
            self._featured, self._neuron_featured = featured, mine
            self._place_labels()
            for e in self.edges.values():
                e.update_contents_flag()
                e.update()

    def drawn_rect(self) -> QRectF:
        """Scene rectangle of what the link draws: its lines, numbers and caption."""
        rect = QRectF(self._bounds)
        if not self.labels.boundingRect().isEmpty():
            rect = rect.united(self.labels.sceneBoundingRect())
        caption = self.caption_box()
        if caption is not None:
            rect = rect.united(caption[1])
        return rect

    @never_raise(QRectF)
    def boundingRect(self) -> QRectF:
        pad = 30.0 + self.theme.caption_size  # the caption over a bar
        return self._bounds.adjusted(-pad, -pad, pad, pad)

    @never_raise()
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None):
        if not self.collapsed:
            if self.dense:
                self._paint_batched(painter)
            return
        spec = self.spec()
        if spec is None:
            return
        th = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(th.muted)
        if self.highlight is not None:
            painter.setPen(QPen(self.highlight, th.edge_max + 10))
            painter.drawLine(self._bar)
        painter.setPen(QPen(color, th.edge_max, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(self._bar)
        caption = self.caption_box()
        if caption is not None:
            text, rect, font = caption
            painter.setFont(font)
            painter.setPen(th.color("text"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def caption_box(self) -> tuple[str, QRectF, QFont] | None:
        """The "W 16×16" caption over a link between boxes: (text, scene box, font), or
        None (pooling and flattening have no weights to name)."""
        spec = self.spec()
        if spec is None or not self.collapsed or spec.weights.size == 0:
            return None
        th = self.theme
        text = caption_text(spec)
        font = canvas_font(th.caption_size, bold=True)
        fm = QFontMetricsF(font)
        w, h = fm.horizontalAdvance(text) + 2, fm.height()
        c = self._bar.pointAt(0.5)
        # above the ports' diamonds at the bar's ends, where the gap is narrower than it
        lift = port_radius(th, layer=True) + 4
        return text, QRectF(c.x() - w / 2, c.y() - lift - h, w, h), font
