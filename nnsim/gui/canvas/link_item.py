"""Canvas items for a document link: LinkItem (one per link) holding an EdgeItem per weight."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from nnsim.gui.canvas.layer_item import fmt_value
from nnsim.gui.canvas.safety import never_raise
from nnsim.gui.fonts import canvas_font
from nnsim.gui.mathtext import math_html, rich

# Where along an edge its weight is printed (0 = source, 1 = target). Near the source,
# edges that fan out from one neuron are already apart, while crossing edges of a
# full link meet in the middle.
LABEL_T = 0.27
# Links with more edges than this print their weights only on hover: 256 numbers on a
# 16×16 link cannot be read anyway, and drawing them slows live training down.
MAX_PRINTED_EDGES = 36


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
        lw = th.value_px * 0.62 * (len(self._text) + 1)
        lh = th.value_px + 6
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
        )
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, quiet)

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.update_contents_flag()
        return super().itemChange(change, value)

    def _label_text(self) -> str:
        return self._text

    def _pen_width(self) -> float:
        return self._width

    def labels_shown(self) -> bool:
        """Whether the weight is printed: the toggle is on and the link is small enough
        for the numbers to be read (hover and selection always show them)."""
        return self.link_item.scene_flag("show_weights") and not self.link_item.dense

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
        if self.labels_shown():
            shape.addRect(self._label_rect)
        return shape

    def hoverEnterEvent(self, event):
        self._hover = True
        src, dst = self.link_item.endpoint_labels(self.i, self.j)
        self.setToolTip(rich(f"<i>w</i>({math_html(f'{src} → {dst}', prose=True)}) = {self._text}"))
        self.setZValue(1)
        self.update_contents_flag()
        self.update()

    def hoverLeaveEvent(self, event):
        self._hover = False
        self.setZValue(0)
        self.update_contents_flag()
        self.update()

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
        color = self._color
        painter.setPen(QPen(color, width, Qt.PenStyle.SolidLine, round_cap))
        painter.drawLine(self._line)
        if self._arrow is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(color))
            painter.drawPolygon(self._arrow)
        if self._hover or self.isSelected() or self.labels_shown():
            painter.setPen(QPen(color, 1.5))
            painter.setBrush(QBrush(QColor(255, 255, 255, 240)))
            painter.drawRoundedRect(self._label_rect, 5, 5)
            painter.setFont(canvas_font(th.value_px, bold=True))
            painter.setPen(color.darker(135))
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self._text)


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
        self.setZValue(-1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.rebuild()

    def type(self) -> int:
        return LinkItem.Type

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
        self._place_labels()
        self._bounds = bounds
        self.update()

    def _place_labels(self) -> None:
        """Move printed weights along their edges until no two of the link cover each other.

        Edges fanning out of two neurons into four meet near the source, and a number
        printed over another hides it. Each label, in turn, takes the free spot nearest to
        the usual one (``LABEL_T`` of the gap) among spots that keep it inside the gap (the
        layers' frames are drawn over the edges); with no free spot, the one it overlaps
        least. The room reserved is that of the widest number ("−0.1234"), so places depend
        on the drawing, not on the weights, and do not jump while a network trains.
        """
        if self.dense or len(self.edges) < 2:
            return
        th = self.theme
        lw, lh = th.value_px * 0.62 * 8, th.value_px + 6
        placed: list[QRectF] = []
        for _, e in sorted(self.edges.items()):
            gap = e._gap
            fracs = [LABEL_T]
            if gap is not None and gap[1] - gap[0] > lw:
                lo = 0.5 * lw / (gap[1] - gap[0])
                fracs = sorted(
                    (lo + (1 - 2 * lo) * k / 16 for k in range(17)),
                    key=lambda f: abs(f - LABEL_T),
                )
            best = None
            for frac in fracs:
                t = e.t_at(frac)
                c = e._line.pointAt(t)
                rect = QRectF(c.x() - lw / 2, c.y() - lh / 2, lw, lh)
                cover = sum(
                    (rect & r).width() * (rect & r).height() for r in placed if rect.intersects(r)
                )
                if best is None or cover < best[0]:
                    best = (cover, t, rect)
                if cover == 0:
                    break
            _, t, rect = best
            if t != e._label_t:
                e._label_t = t
                e.refresh()
            placed.append(rect)

    @never_raise(QRectF)
    def boundingRect(self) -> QRectF:
        pad = 30.0
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
        if spec.weights.size == 0:
            return  # pooling and flattening have no weights to label
        text = "W " + "×".join(str(n) for n in spec.weights.shape)
        painter.setFont(canvas_font(th.small_px, bold=True))
        c = self._bar.pointAt(0.5)
        painter.setPen(th.color("text"))
        painter.drawText(
            QRectF(c.x() - 100, c.y() - th.small_px - 14, 200, th.small_px + 6),
            Qt.AlignmentFlag.AlignCenter,
            text,
        )
