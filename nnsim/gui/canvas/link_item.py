"""Canvas items for a document link: LinkItem (one per link) holding an EdgeItem per weight."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from nnsim.gui.canvas.layer_geometry import fmt_value, port_radius
from nnsim.gui.canvas.safety import never_raise
from nnsim.gui.fonts import canvas_font
from nnsim.gui.mathtext import math_html, rich

# Where along an edge its weight is printed (0 = source, 1 = target). Near the source,
# edges that fan out from one neuron are already apart, while crossing edges of a
# full link meet in the middle.
LABEL_T = 0.27
# Links with more edges than this print their weights only on hover and for the selected
# neuron: 256 numbers on a 16×16 link cannot be read anyway, and drawing them slows live
# training down.
MAX_PRINTED_EDGES = 36
# Spots tried along an edge for its weight's number, and the clear margin kept around it.
LABEL_SPOTS = 40
LABEL_MARGIN = 3.0
#: Opacity (of 255) of an edge faded so that a selected neuron's weights can be printed
#: over it: seen as a trace behind the number's box, not read as the number's own edge.
DIMMED_ALPHA = 45


_METRICS: dict[int, QFontMetricsF] = {}


def label_size(theme, text: str) -> tuple[float, float]:
    """Width and height of a printed weight's box (its number in the bold value font)."""
    fm = _METRICS.get(theme.value_px)
    if fm is None:  # asked for every edge at every refresh of a training run: kept
        fm = _METRICS[theme.value_px] = QFontMetricsF(canvas_font(theme.value_px, bold=True))
    return fm.horizontalAdvance(text) + 10, fm.height() + 4


def segment_hits_rect(p1: QPointF, p2: QPointF, rect: QRectF, pad: float = 0.0) -> bool:
    """Whether the segment p1–p2 passes through ``rect`` grown by ``pad`` on each side
    (Liang–Barsky clipping)."""
    x0, y0, x1, y1 = p1.x(), p1.y(), p2.x(), p2.y()
    left, right = rect.left() - pad, rect.right() + pad
    top, bottom = rect.top() - pad, rect.bottom() + pad
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo > hi:
            return False
    return True


def circle_hits_rect(center: QPointF, radius: float, rect: QRectF) -> bool:
    """Whether a disc and a rectangle overlap."""
    x = min(max(center.x(), rect.left()), rect.right())
    y = min(max(center.y(), rect.top()), rect.bottom())
    return (x - center.x()) ** 2 + (y - center.y()) ** 2 < radius * radius


class EdgeItem(QGraphicsItem):
    """One weight w[i, j] from neuron i of the source layer to neuron j of the target.

    Colour = sign (blue positive, orange negative); width = |w| relative to the heaviest
    weight on the canvas; the value is printed when the scene's ``show_weights`` is on or
    the mouse is over the edge.
    """

    Type = QGraphicsItem.UserType + 4

    def __init__(self, link_item: LinkItem, i: int, j: int):
        super().__init__(link_item)
        self.link_item = link_item
        self.i = i
        self.j = j
        self.highlight: QColor | None = None
        self._line = QLineF()
        self._gap: tuple[float, float] | None = None
        self._label_t = LABEL_T
        #: False when the link's labels are laid out and this one found no free spot: its
        #: number is then printed on hover or selection only.
        self.placed = True
        self._hover = False
        self._label_rect = QRectF()
        self._bounds = QRectF()
        self._arrow = None
        self._w, self._width, self._text = 0.0, 1.0, "0"
        self._color = QColor("#888888")
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)

    def type(self) -> int:
        return EdgeItem.Type

    @property
    def link_id(self) -> str:
        """Id of the document link."""
        return self.link_item.link_id

    @property
    def key(self) -> tuple:
        """Selection key: ("edge", link id, i, j)."""
        return ("edge", self.link_id, self.i, self.j)

    def weight(self) -> float:
        """Current weight from the document."""
        # Robust while the document is ahead of the canvas (a resize being applied):
        # Qt may ask for geometry of an edge that is about to be removed.
        link = self.link_item.spec()
        if link is None:
            return 0.0
        W = link.weights
        if W.ndim < 2 or self.i >= W.shape[0] or self.j >= W.shape[1]:
            return 0.0
        return float(W[self.i, self.j, 0] if W.ndim == 3 else W[self.i, self.j])

    def label_pos(self) -> QPointF:
        """Centre of the printed weight (scene coordinates; also used by the in-place editor)."""
        return self._line.pointAt(self._label_t)

    def set_line(self, line: QLineF, gap: tuple[float, float] | None = None) -> None:
        """Move the edge (the layers moved).

        ``gap`` is the x range between the two layers' frames; the weight is printed a
        little way into it, where edges leaving one neuron have already fanned out but
        crossing edges have not met yet.
        """
        self._line = QLineF(line)
        self._gap = gap
        self._label_t = self.t_at(LABEL_T)
        self.refresh()

    def t_at(self, frac: float) -> float:
        """Where along the edge it crosses ``frac`` of the gap between the layers' frames
        (``frac`` itself along the edge when there is no such gap)."""
        line, gap = self._line, self._gap
        if gap is not None and line.dx() > 1 and gap[1] > gap[0]:
            x = gap[0] + frac * (gap[1] - gap[0])
            t = (x - line.x1()) / line.dx()
            if 0.05 < t < 0.95:
                return t
        return frac

    def refresh(self) -> None:
        """Re-read the weight and recompute what paint needs (after a weight, theme or
        geometry change). Painting then only draws: a training run repaints every edge
        many times a second."""
        self.prepareGeometryChange()
        th = self.link_item.theme
        w = self.weight()
        self._w = w
        self._width = th.edge_width(w, self.link_item.weight_scale())
        self._color = QColor(th.muted) if w == 0 else th.edge_color(w)
        self._text = fmt_value(w)
        lw, lh = label_size(th, self._text)
        c = self.label_pos()
        self._label_rect = QRectF(c.x() - lw / 2, c.y() - lh / 2, lw, lh)
        line = self._line
        self._arrow = None
        if line.length() >= 1:
            size = 9 + self._width
            angle = math.atan2(line.dy(), line.dx())
            tip = line.p2()
            left = tip - QPointF(math.cos(angle - 0.4) * size, math.sin(angle - 0.4) * size)
            right = tip - QPointF(math.cos(angle + 0.4) * size, math.sin(angle + 0.4) * size)
            self._arrow = QPolygonF([tip, left, right])
        pad = self._width + 14
        rect = QRectF(line.p1(), line.p2()).normalized().adjusted(-pad, -pad, pad, pad)
        self._bounds = rect.united(self._label_rect.adjusted(-2, -2, 2, 2))
        self.update_contents_flag()
        self.update()

    def update_contents_flag(self) -> None:
        """On a big link the LinkItem draws every line in one go; an edge paints itself
        only while it is hovered, selected or highlighted."""
        quiet = (
            self.link_item.dense
            and not self._hover
            and not self.isSelected()
            and self.highlight is None
            and not self.link_item.is_featured(self)
        )
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, quiet)

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.update_contents_flag()
            self.link_item.labels.changed()
        return super().itemChange(change, value)

    def _label_text(self) -> str:
        return self._text

    def _pen_width(self) -> float:
        return self._width

    def labels_shown(self) -> bool:
        """Whether the link prints its weights: the toggle is on and the link is small
        enough for the numbers to be read (hover and selection always show them)."""
        return self.link_item.scene_flag("show_weights") and not self.link_item.dense

    def label_printed(self) -> bool:
        """Whether this weight's number is on the canvas now: printed by the link (with
        a free spot of its own, or as an edge of the selected neuron), or hovered or
        selected."""
        if self._hover or self.isSelected():
            return True
        if not self.link_item.scene_flag("show_weights"):
            return False
        return self.placed and (not self.link_item.dense or self.link_item.is_featured(self))

    @never_raise(QRectF)
    def boundingRect(self) -> QRectF:
        return self._bounds

    @never_raise(QPainterPath)
    def shape(self) -> QPainterPath:
        path = QPainterPath(self._line.p1())
        path.lineTo(self._line.p2())
        stroker = QPainterPathStroker()
        stroker.setWidth(max(self._width, 12.0))
        shape = stroker.createStroke(path)
        if self.label_printed():
            shape.addRect(self._label_rect)
        return shape

    def hoverEnterEvent(self, event):
        self._hover = True
        src, dst = self.link_item.endpoint_labels(self.i, self.j)
        self.setToolTip(rich(f"<i>w</i>({math_html(f'{src} → {dst}', prose=True)}) = {self._text}"))
        self.setZValue(1)
        self.update_contents_flag()
        self.update()
        self.link_item.labels.changed()

    def hoverLeaveEvent(self, event):
        self._hover = False
        self.setZValue(0)
        self.update_contents_flag()
        self.update()
        self.link_item.labels.changed()

    def drawn_color(self) -> QColor:
        """The line's colour as drawn: pale while it gives way to a selected neuron's."""
        color = QColor(self._color)
        if self.link_item.is_dimmed(self):
            color.setAlpha(DIMMED_ALPHA)
        return color

    @never_raise()
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None):
        th = self.link_item.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self._width
        round_cap = Qt.PenCapStyle.RoundCap
        if self.highlight is not None:
            painter.setPen(QPen(self.highlight, width + 10, Qt.PenStyle.SolidLine, round_cap))
            painter.drawLine(self._line)
        if self.isSelected() or self._hover:
            halo = QColor(th.selection) if self.isSelected() else QColor(0, 0, 0, 40)
            painter.setPen(QPen(halo, width + 6, Qt.PenStyle.SolidLine, round_cap))
            painter.drawLine(self._line)
        color = self.drawn_color()
        painter.setPen(QPen(color, width, Qt.PenStyle.SolidLine, round_cap))
        painter.drawLine(self._line)
        if self._arrow is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(color))
            painter.drawPolygon(self._arrow)
        # the number is painted by the link's LinkLabels, above the layers' frames

    def paint_label(self, painter: QPainter) -> None:
        """Draw the printed weight: its number on a white box edged in the edge's colour."""
        th = self.link_item.theme
        color = self._color
        painter.setPen(QPen(color, 1.5))
        painter.setBrush(QBrush(QColor(255, 255, 255, 240)))
        painter.drawRoundedRect(self._label_rect, 5, 5)
        painter.setFont(canvas_font(th.value_px, bold=True))
        painter.setPen(color.darker(135))
        painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self._text)


class LinkLabels(QGraphicsItem):
    """The printed weights of one link, drawn above the layers' frames.

    The edges run under the frames (they start at the neurons inside them); a number may
    sit over a frame's empty margin, never over a neuron or its texts (``LinkItem.
    _place_labels``). It takes no mouse events: ``NetworkScene.edge_label_at`` finds the
    edge under a number for the view.
    """

    def __init__(self, link_item: LinkItem):
        super().__init__()
        self.link_item = link_item
        self._bounds = QRectF()
        self.setZValue(0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def changed(self) -> None:
        """An edge's number, place or visibility changed: re-measure and repaint."""
        rect = QRectF()
        for e in self.link_item.edges.values():
            if e.label_printed():
                rect = rect.united(e._label_rect)
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = rect
        self.update()

    @never_raise(QRectF)
    def boundingRect(self) -> QRectF:
        return self._bounds.adjusted(-3, -3, 3, 3)

    @never_raise()
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None):
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        edges = self.link_item.edges.values()
        # hovered and selected numbers last: on top of any they cover
        for e in sorted(edges, key=lambda e: e._hover or e.isSelected()):
            if e.label_printed():
                e.paint_label(painter)


class LinkItem(QGraphicsItem):
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

    @property
    def missing_labels(self) -> int:
        """How many weights of this link are not printed now for want of room (0 when the
        weights are not printed at all)."""
        if not self.scene_flag("show_weights") or self.collapsed:
            return 0
        if self.dense:
            return len(self.edges) - sum(1 for k in self._featured if self.edges[k].placed)
        return self._unplaced

    def _obstacles(self, gap: tuple[float, float]):
        """Neuron circles and their printed texts near the gap (scene coordinates)."""
        circles, boxes = [], []
        for layer in self._scene_ref.layer_items.values():
            frame = layer.mapRectToScene(layer.frame_rect())
            if frame.right() < gap[0] - 200 or frame.left() > gap[1] + 200:
                continue
            circles.append((layer.port.scenePos(), layer.port.radius() + 4))
            for n in layer.neurons:
                circles.append((n.scenePos(), n.radius() + 3))
                circles.append((n.port.scenePos(), n.port.radius() + 4))
                # the room of the texts, shown or not yet: a step-through prints outputs
                # and notes later, and the numbers stay where they are
                for _, _, rect, _ in n.text_boxes(widest=True):
                    boxes.append(n.mapRectToScene(rect))
        return circles, boxes

    def _place_labels(self) -> None:
        """Give every printed weight a spot of its own on its edge.

        Each number, in turn, takes the free spot nearest to the usual one (``LABEL_T`` of
        the gap between the two layers' frames) along its edge: a spot is free when its box
        covers no other number, no neuron, port or text of a neuron, and no other edge of the
        link (a frame's empty margin may be covered). A number with
        no free spot is not printed (``EdgeItem.placed`` is False; hover and selection still
        show it, and the view says so). Edges of a selected neuron and a selected edge (the
        step-through's current weight) choose first, in every round, then the strongest
        weights. The room
        reserved is that of the widest number of the link, so that places do not jump with
        every change of a weight while a network trains (only when a number grows wider).
        """
        th = self.theme
        self._reserved = max(
            [label_size(th, "0")[0]] + [label_size(th, e._text)[0] for e in self.edges.values()]
        )
        if self.dense:
            todo = [self.edges[k] for k in sorted(self._featured)]
            for k, e in self.edges.items():
                e.placed = k in self._featured
        else:
            # the selected neuron's edges first, then the strongest weights
            first = sorted(self._featured)
            rest = sorted(
                (e for k, e in self.edges.items() if k not in self._featured),
                key=lambda e: (-abs(e._w), e.i, e.j),
            )
            todo = [self.edges[k] for k in first] + rest
        self._unplaced = 0
        was_dimmed, self._dimmed = self._dimmed, False
        if not todo:
            self._repaint_if(was_dimmed)
            return
        lw, lh = self._reserved, label_size(th, "0")[1]
        gap = todo[0]._gap or (0.0, 0.0)
        circles, boxes = self._obstacles(gap)
        lines = [(e, e._line.p1(), e._line.p2(), e._width / 2 + 1) for e in self.edges.values()]
        best = self._choose_places(todo, lines, circles, boxes, lw, lh)
        mine = self._neuron_featured
        if not self.dense and any((e.i, e.j) in mine for e in best[1]):
            # the selected neurons' weights find no room among the other edges: those fade
            # (drawn pale, their numbers not printed) and the selected neurons' weights are
            # printed clear of one another and of the edges left bright
            self._dimmed = True
            keep = [e for e in todo if (e.i, e.j) in self._featured]
            lines = [line for line in lines if (line[0].i, line[0].j) in self._featured]
            # each in the room of its own number (few, and placed again at every change)
            best = self._choose_places(keep, lines, circles, boxes, None, lh)
            best = (best[0], best[1] + [e for e in todo if e not in keep])
        chosen, missed = best
        for e in todo:
            t = chosen.get((e.i, e.j))
            e.placed = t is not None
            if t is not None and t != e._label_t:
                e._label_t = t
                e.refresh()
        self._unplaced = len(missed)
        self._repaint_if(was_dimmed != self._dimmed)
        self.labels.changed()

    def _repaint_if(self, changed: bool) -> None:
        if changed:
            for e in self.edges.values():
                e.update()

    def is_dimmed(self, edge: EdgeItem) -> bool:
        """Whether ``edge`` is drawn faded: it gave way to a selected neuron's weights."""
        return self._dimmed and (edge.i, edge.j) not in self._featured

    def _choose_places(self, todo, lines, circles, boxes, lw, lh):
        """(spot t per edge, edges left without) for ``todo``, clear of ``lines``; each
        label ``lw`` wide, or (None) as wide as its own number."""
        th = self.theme
        # the spots of each edge clear of neurons, their texts and the other edges, best first
        spots: dict[tuple[int, int], list[tuple[float, QRectF, QRectF]]] = {}
        for e in todo:
            w = label_size(th, e._text)[0] if lw is None else lw
            usual = e.t_at(LABEL_T)
            ts = sorted(
                (0.06 + 0.88 * k / LABEL_SPOTS for k in range(LABEL_SPOTS + 1)),
                key=lambda t: abs(t - usual),
            )
            free = []
            for t in [usual, *ts]:
                c = e._line.pointAt(t)
                rect = QRectF(c.x() - w / 2, c.y() - lh / 2, w, lh)
                room = rect.adjusted(-LABEL_MARGIN, -LABEL_MARGIN, LABEL_MARGIN, LABEL_MARGIN)
                if any(rect.intersects(b) for b in boxes):
                    continue
                if any(circle_hits_rect(p, r, rect) for p, r in circles):
                    continue
                if any(o is not e and segment_hits_rect(a, b, room, w) for o, a, b, w in lines):
                    continue
                free.append((t, rect, room))
            spots[(e.i, e.j)] = free
        # each number takes its best spot not covered by those placed before it; the ones
        # left without go first in the next round (the crossing edges' few spots), and the
        # round that prints the most of the featured ones (the selected neurons' edges, a
        # selected edge), then the most in all, wins. A selected edge's number with no free
        # spot at all is printed where it is all the same (label_printed), so the
        # others keep clear of it, in the room of the widest number (it may grow to that).
        featured = self._featured
        taken = []
        for k in featured:
            if k in self.edges and self.edges[k].isSelected() and not spots.get(k):
                e = self.edges[k]
                c, w = e.label_pos(), label_size(th, e._text)[0] if lw is None else lw
                taken.append(QRectF(c.x() - w / 2, c.y() - lh / 2, w, lh))

        def score(missed):
            return (sum((e.i, e.j) in featured for e in missed), len(missed))

        order, best = list(todo), None
        for _ in range(3):
            chosen, missed = self._choose_spots(order, spots, taken)
            if best is None or score(missed) < score(best[1]):
                best = (chosen, missed)
            if not missed:
                break
            # the missed go first; featured before the others
            first = sorted(missed, key=lambda e: (e.i, e.j) not in featured)
            order = first + [e for e in order if e not in missed]
        return best

    @staticmethod
    def _choose_spots(order, spots, taken=()):
        placed: list[QRectF] = list(taken)
        chosen: dict[tuple[int, int], float] = {}
        missed = []
        for e in order:
            for t, rect, room in spots[(e.i, e.j)]:
                if not any(room.intersects(r) for r in placed):
                    chosen[(e.i, e.j)] = t
                    placed.append(rect)
                    break
            else:
                missed.append(e)
        return chosen, missed

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
        pad = 30.0 + self.theme.small_px  # the caption over a bar
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
        text = "W " + "×".join(str(n) for n in spec.weights.shape)
        font = canvas_font(th.small_px, bold=True)
        fm = QFontMetricsF(font)
        w, h = fm.horizontalAdvance(text) + 2, fm.height()
        c = self._bar.pointAt(0.5)
        # above the ports' diamonds at the bar's ends, where the gap is narrower than it
        lift = port_radius(th, layer=True) + 4
        return text, QRectF(c.x() - w / 2, c.y() - lift - h, w, h), font
