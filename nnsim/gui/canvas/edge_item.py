"""Canvas items of a link's weights: EdgeItem (one line per weight) and LinkLabels."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

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

from nnsim.gui.canvas.label_placement import LABEL_T, label_size
from nnsim.gui.canvas.layer_geometry import fmt_value
from nnsim.gui.canvas.safety import never_raise
from nnsim.gui.fonts import canvas_font
from nnsim.gui.mathtext import math_html, rich

if TYPE_CHECKING:
    from nnsim.gui.canvas.link_item import LinkItem

#: Opacity (of 255) of an edge faded so that a selected neuron's weights can be printed
#: over it: seen as a trace behind the number's box, not read as the number's own edge.
DIMMED_ALPHA = 45


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
