"""NetworkView: zoom, pan, rubber-band selection, and the editing gestures of the canvas.

Gestures (all end in one command through the DocumentEditor, never in a direct write):
- drag a layer or a neuron → the layer(s) move on screen; one Move command on release;
- drag from a neuron's port (small circle at its right) to another neuron → one edge;
  from a layer's port (diamond) to another layer → a full connection;
- drop a palette item (mime type ``PALETTE_MIME``) → ``DocumentEditor.drop_palette_item``;
- double-click an edge → edit its weight in place (Enter commits, Escape cancels).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QDoubleValidator, QPainter, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsView, QLineEdit

from nnsim.gui.canvas.layer_item import LayerItem, NeuronItem, PortItem, fmt_value
from nnsim.gui.canvas.link_item import EdgeItem
from nnsim.gui.canvas.scene import NetworkScene, owner_layer, snap
from nnsim.gui.fonts import canvas_font

PALETTE_MIME = "application/x-nnsim-palette-item"
MIN_ZOOM, MAX_ZOOM = 0.15, 4.0


def parse_number(text: str) -> float:
    """Parse a typed number, accepting the true minus sign and a decimal comma."""
    t = text.strip().replace("−", "-").replace("–", "-").replace(",", ".")
    return float(t)


class WeightEditor(QLineEdit):
    """The in-place editor a double-click on an edge opens over its label."""

    committed = Signal(float)
    cancelled = Signal()

    def __init__(self, parent):
        super().__init__(parent)
        self.setValidator(QDoubleValidator(-1e6, 1e6, 8, self))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.returnPressed.connect(self._commit)
        self._done = False

    def _commit(self):
        if self._done:
            return
        try:
            value = parse_number(self.text())
        except ValueError:
            self.selectAll()
            return
        self._done = True
        self.committed.emit(value)

    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_Escape:
            self._done = True
            self.cancelled.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event):
        super().focusOutEvent(event)
        if not self._done:
            self._done = True
            self.cancelled.emit()


class NetworkView(QGraphicsView):
    """The canvas widget. Needs a NetworkScene and a DocumentEditor.

    Signals
    -------
    zoom_changed(float)
        The view scale after zooming.
    """

    zoom_changed = Signal(float)

    def __init__(self, scene: NetworkScene, editor, parent=None):
        super().__init__(scene, parent)
        self.editor = editor
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setAcceptDrops(True)
        self._gesture: str | None = None
        self._press_scene = QPointF()
        self._start_positions: dict[str, QPointF] = {}
        self._port: PortItem | None = None
        self._wire: QGraphicsLineItem | None = None
        self._pan_last = QPoint()
        self._space = False
        self.weight_editor: WeightEditor | None = None
        self.max_fit_zoom = 2.0
        self._editing_edge = None
        #: True until the user zooms or pans: the network then stays fitted to the view
        #: when the view changes size (docks settling, a window resized on a projector).
        self.auto_fit = True
        self._fit_pending = False

    @property
    def network_scene(self) -> NetworkScene:
        """The scene shown."""
        return self.scene()

    # -- zoom ------------------------------------------------------------------------
    def zoom(self) -> float:
        """Current scale factor."""
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        """Zoom by ``factor`` around the mouse (or the centre), within limits."""
        self.auto_fit = False
        z = self.zoom()
        factor = max(MIN_ZOOM / z, min(MAX_ZOOM / z, factor))
        self.scale(factor, factor)
        self.zoom_changed.emit(self.zoom())

    def zoom_in(self) -> None:
        """Zoom in one step (Ctrl++)."""
        self.zoom_by(1.25)

    def zoom_out(self) -> None:
        """Zoom out one step (Ctrl+−)."""
        self.zoom_by(1 / 1.25)

    def fit(self, max_zoom: float | None = None) -> None:
        """Show the whole network, as large as fits (up to ``max_fit_zoom``)."""
        max_zoom = self.max_fit_zoom if max_zoom is None else max_zoom
        rect = self.network_scene.network_rect()
        if rect.isEmpty():
            rect = QRectF(-400, -300, 800, 600)
        rect = rect.adjusted(-40, -40, 40, 40)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > max_zoom:
            self.resetTransform()
            self.scale(max_zoom, max_zoom)
            self.centerOn(rect.center())
        self.auto_fit = True
        self.zoom_changed.emit(self.zoom())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self.auto_fit and not self._fit_pending:
            # once the resizing is over (docks settle in several steps)
            self._fit_pending = True
            QTimer.singleShot(0, self._fit_after_resize)

    def _fit_after_resize(self) -> None:
        self._fit_pending = False
        if self.auto_fit:
            self.fit()

    def wheelEvent(self, event):
        delta = event.angleDelta().y()
        if delta == 0:
            super().wheelEvent(event)
            return
        self.zoom_by(1.0015**delta)
        event.accept()

    # -- keyboard (space + drag pans) ------------------------------------------------
    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_Escape:
            # Escape backs out of whatever is going on: a connection drag, else the selection.
            if self._gesture == "connect":
                self._gesture = None
                self._port = None
                if self._wire is not None:
                    self.scene().removeItem(self._wire)
                    self._wire = None
            else:
                self.scene().clearSelection()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event):
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().unsetCursor()
            return
        super().keyReleaseEvent(event)

    # -- mouse gestures --------------------------------------------------------------
    def _item_at(self, view_pos: QPoint):
        for item in self.items(view_pos):
            if isinstance(item, (PortItem, NeuronItem, LayerItem, EdgeItem)):
                return item
        return None

    def mousePressEvent(self, event):
        pos = event.position().toPoint()
        if event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space
        ):
            self._gesture = "pan"
            self._pan_last = pos
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        item = self._item_at(pos)
        self._press_scene = self.mapToScene(pos)
        if isinstance(item, PortItem):
            self._gesture = "connect"
            self._port = item
            start = self._port_anchor(item)
            self._wire = QGraphicsLineItem(start.x(), start.y(), start.x(), start.y())
            pen = QPen(self.network_scene.theme.color("selection"), 3, Qt.PenStyle.DashLine)
            self._wire.setPen(pen)
            self._wire.setZValue(10)
            self.scene().addItem(self._wire)
            event.accept()
            return
        layer = owner_layer(item)
        if layer is not None:
            was_selected = item.isSelected() or layer.isSelected()
            super().mousePressEvent(event)  # Qt's selection handling (Ctrl toggles)
            moving = {layer.layer_id}
            if was_selected:
                for it in self.scene().selectedItems():
                    owner = owner_layer(it)
                    if owner is not None:
                        moving.add(owner.layer_id)
            items = self.network_scene.layer_items
            self._start_positions = {k: QPointF(items[k].pos()) for k in moving if k in items}
            self._gesture = "move"
            return
        self._gesture = None
        super().mousePressEvent(event)

    def _port_anchor(self, port: PortItem) -> QPointF:
        return port.mapToScene(QPointF(0, 0))

    def mouseMoveEvent(self, event):
        pos = event.position().toPoint()
        if self._gesture == "pan":
            d = pos - self._pan_last
            self._pan_last = pos
            self.auto_fit = False
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - d.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - d.y())
            event.accept()
            return
        if self._gesture == "connect" and self._wire is not None:
            p = self.mapToScene(pos)
            line = self._wire.line()
            line.setP2(p)
            self._wire.setLine(line)
            event.accept()
            return
        if self._gesture == "move":
            delta = self.mapToScene(pos) - self._press_scene
            items = self.network_scene.layer_items
            for k, start in self._start_positions.items():
                if k in items:
                    # Snapping while dragging shows where the layer will land.
                    x, y = snap(start + delta)
                    items[k].setPos(QPointF(x, y))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):
        pos = event.position().toPoint()
        gesture, self._gesture = self._gesture, None
        if gesture == "pan":
            self.viewport().setCursor(
                Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor
            )
            event.accept()
            return
        if gesture == "connect":
            self._finish_connect(pos)
            event.accept()
            return
        if gesture == "move":
            items = self.network_scene.layer_items
            moves = {}
            for k, start in self._start_positions.items():
                if k in items and items[k].pos() != start:
                    p = items[k].pos()
                    moves[k] = (p.x(), p.y())
            self._start_positions = {}
            super().mouseReleaseEvent(event)
            if moves:
                if not self.editor.move_layers(moves):
                    # Refused or no change: put the items back where the document says.
                    for k in moves:
                        self.network_scene._on_layer_moved(k)
            return
        super().mouseReleaseEvent(event)

    def _finish_connect(self, pos: QPoint) -> None:
        port, self._port = self._port, None
        if self._wire is not None:
            self.scene().removeItem(self._wire)
            self._wire = None
        if port is None:
            return
        target = None
        for item in self.items(pos):
            if isinstance(item, (NeuronItem, LayerItem)):
                target = item
                break
            if isinstance(item, PortItem):
                target = item.parentItem()
                break
        if target is None:
            return
        dst_layer = owner_layer(target)
        if dst_layer is None or dst_layer.layer_id == port.layer_id:
            return
        src, dst = port.layer_id, dst_layer.layer_id
        if port.index is None:
            self.editor.connect(src, dst)
        elif isinstance(target, NeuronItem):
            self.editor.connect(src, dst, port.index, target.index)
        else:
            self.editor.connect_neuron_to_layer(src, port.index, dst)

    def mouseDoubleClickEvent(self, event):
        item = self._item_at(event.position().toPoint())
        if isinstance(item, EdgeItem):
            self.edit_edge(item)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    # -- in-place weight editing -----------------------------------------------------
    def edit_edge(self, edge: EdgeItem) -> WeightEditor:
        """Open the in-place editor over an edge's weight label."""
        self.close_editor()
        ed = WeightEditor(self.viewport())
        ed.setText(fmt_value(edge.weight()).replace("−", "-"))
        font = ed.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        ed.setFont(font)
        center = self.mapFromScene(edge.label_pos())
        w, h = 120, ed.sizeHint().height() + 6
        ed.setGeometry(center.x() - w // 2, center.y() - h // 2, w, h)
        key = (edge.link_id, edge.i, edge.j)
        ed.committed.connect(lambda v: self._commit_edge(key, v))
        ed.cancelled.connect(self.close_editor)
        ed.show()
        ed.setFocus()
        ed.selectAll()
        self.weight_editor = ed
        self._editing_edge = key
        return ed

    def _commit_edge(self, key, value: float) -> None:
        self.close_editor()
        link_id, i, j = key
        link = self.network_scene.document.links.get(link_id)
        if link is None:
            return
        piece = 0 if link.weights.ndim == 3 else None
        self.editor.set_weight(link_id, i, j, value, piece=piece)

    def close_editor(self) -> None:
        """Close the in-place editor without committing."""
        ed, self.weight_editor = self.weight_editor, None
        self._editing_edge = None
        if ed is not None:
            ed.hide()
            ed.deleteLater()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        # An empty canvas says what to do instead of staying blank.
        if self.network_scene.document.layers:
            return
        painter.save()
        painter.resetTransform()
        th = self.network_scene.theme
        painter.setPen(th.color("muted"))
        painter.setFont(canvas_font(th.label_px))
        painter.drawText(
            self.viewport().rect(),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            self.tr("Drag neurons and layers from the palette onto the canvas"),
        )
        painter.restore()

    # -- drops from the palette ------------------------------------------------------
    def dragEnterEvent(self, event):
        if event.mimeData().hasFormat(PALETTE_MIME):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event):
        if event.mimeData().hasFormat(PALETTE_MIME):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event):
        md = event.mimeData()
        if not md.hasFormat(PALETTE_MIME):
            super().dropEvent(event)
            return
        item = bytes(md.data(PALETTE_MIME)).decode("utf-8")
        self.drop_palette_item(item, event.position().toPoint())
        event.acceptProposedAction()

    def drop_palette_item(self, item: str, view_pos: QPoint):
        """Drop a palette item at a viewport point (what a drag-and-drop ends in)."""
        scene_pos = self.mapToScene(view_pos)
        layer = self.network_scene.layer_at(scene_pos)
        target = layer.layer_id if layer is not None else None
        return self.editor.drop_palette_item(item, (scene_pos.x(), scene_pos.y()), target)
