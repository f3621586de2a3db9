"""NetworkView: zoom, pan, rubber-band selection, and the editing gestures of the canvas.

Gestures (all end in one command through the DocumentEditor, never in a direct write):
- drag a layer or a neuron → the layer(s) move on screen; one Move command on release;
- drag from a neuron's port (small circle at its right) to another neuron → one edge;
  from a layer's port (diamond) to another layer → a full connection;
- drop a palette item (mime type ``PALETTE_MIME``) → ``DocumentEditor.drop_palette_item``;
- double-click an edge → edit its weight in place (Enter commits, Escape cancels).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsView, QLabel

from nnsim.gui.canvas.edge_item import EdgeItem
from nnsim.gui.canvas.layer_geometry import fmt_value
from nnsim.gui.canvas.layer_item import LayerItem
from nnsim.gui.canvas.lookup import owner_layer
from nnsim.gui.canvas.neuron_item import NeuronItem, PortItem
from nnsim.gui.canvas.scene import NetworkScene, snap
from nnsim.gui.canvas.weight_editor import WeightEditor
from nnsim.gui.fonts import canvas_font
from nnsim.gui.style import relative_font

PALETTE_MIME = "application/x-nnsim-palette-item"
MIN_ZOOM, MAX_ZOOM = 0.15, 4.0
#: Least height (screen pixels) of the layers' and links' captions when the view fits the
#: network: MNIST's "28×28" and "W 8×1×3×3" printed 7 px high at 1280×800.
MIN_CAPTION_PX = 11


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
        # Least screen height (px) of the canvas's printed texts that ``fit`` keeps; 0 for
        # none. Presentation mode asks for 24 px: a network too big for the view at that
        # size is centred, and panned with Space + drag.
        self.min_text_px = 0
        self._editing_edge = None
        # True until the user zooms or pans: the network then stays fitted to the view
        # when the view changes size (docks settling, a window resized on a projector).
        self.auto_fit = True
        self._fit_pending = False
        # One line at the foot of the canvas when not every number is printed: how to see
        # the rest (hover, select a neuron, leave presentation mode).
        self.hint = QLabel(self.viewport())
        self.hint.setObjectName("canvas_hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(
            "#canvas_hint { background: rgba(255, 255, 255, 225); color: #30363d;"
            " border: 1px solid #b8c2d0; border-radius: 4px; padding: 2px 6px; }"
        )
        relative_font(self.hint)  # the style sheet would stop the application font
        self.hint.hide()
        scene.changed.connect(self.update_hint)
        scene.selectionChanged.connect(self.update_hint)

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
        """Show the whole network, as large as fits (up to ``max_fit_zoom``), above the
        hint line when there is one; never smaller than ``min_text_px`` allows (then the
        margins go first, and a network still too big is centred)."""
        max_zoom = self.max_fit_zoom if max_zoom is None else max_zoom
        self.update_hint()
        vp = self.viewport().rect()
        below = self.hint.height() + 8 if self.hint.isVisibleTo(self) else 0
        width, height = max(vp.width(), 1), max(vp.height() - below, 1)
        scene = self.network_scene
        rect, z = self._fit_zoom(width, height, max_zoom)
        # captions too small at this zoom print larger (the network grows a little, the
        # zoom falls a little: once more); never beyond twice their size
        for _ in range(3):
            if vp.width() < 100 or vp.height() < 100:
                break  # not laid out yet
            # (aimed 2 % higher: the zoom the larger captions leave is a little lower)
            want = min(math.ceil(MIN_CAPTION_PX / (0.98 * z)), 2 * scene.theme.small_px)
            if not scene.set_caption_px(want):
                break
            rect, z = self._fit_zoom(width, height, max_zoom)
        self.resetTransform()
        self.scale(z, z)
        self.centerOn(rect.center() + QPointF(0, below / 2 / z))
        self.auto_fit = True
        self.zoom_changed.emit(self.zoom())

    def _fit_zoom(self, width: int, height: int, max_zoom: float) -> tuple[QRectF, float]:
        """(the network's rectangle, the zoom that shows it whole in width × height)."""
        rect = self.network_scene.network_rect()
        if rect.isEmpty():
            rect = QRectF(-400, -300, 800, 600)
        margin = 40.0
        z = min(width / (rect.width() + 2 * margin), height / (rect.height() + 2 * margin))
        z = min(z, max_zoom)
        least = self.min_text_px / max(self.network_scene.smallest_text_px(), 1.0)
        if z < least:
            bare = min(width / max(rect.width(), 1.0), height / max(rect.height(), 1.0))
            z = max(least, min(bare * 0.98, max_zoom))
        return rect, z

    def hint_text(self) -> str:
        """What the hint line says now ("" when every number of the network is printed)."""
        scene = self.network_scene
        parts = []
        try:
            links = list(scene.link_items.values())
            boxed = scene.boxed_by_theme()
        except (RuntimeError, AttributeError):  # the scene is being destroyed
            return ""
        if any(link.missing_labels for link in links):
            parts.append(
                self.tr(
                    "Not every weight has room to be printed: point at an edge, or click a "
                    "neuron, to see its weights."
                )
            )
        if boxed:
            parts.append(
                self.tr(
                    "Layers of more than {0} neurons are drawn as boxes here; leave "
                    "presentation mode (F5) to see them neuron by neuron."
                ).format(scene.theme.max_drawn_neurons)
            )
        return " ".join(parts)

    def update_hint(self, *_) -> None:
        """Show, re-word or hide the hint line at the foot of the canvas."""
        text = self.hint_text()
        if text != self.hint.text():
            self.hint.setText(text)
        if bool(text) != self.hint.isVisibleTo(self):
            self.hint.setVisible(bool(text))
        if text:
            self._place_hint()

    def _place_hint(self) -> None:
        vp = self.viewport().rect()
        width = max(vp.width() - 16, 100)
        self.hint.setFixedWidth(width)
        # the wrapped text's height, the style sheet's padding and border (heightForWidth
        # of a style-sheeted label asks for a line more than it needs)
        fm = self.hint.fontMetrics()
        flags = int(Qt.TextFlag.TextWordWrap)
        text = fm.boundingRect(0, 0, width - 16, 10000, flags, self.hint.text())
        self.hint.setFixedHeight(text.height() + 8)
        self.hint.move(8, vp.height() - self.hint.height() - 6)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self.hint.isVisibleTo(self):
            self._place_hint()
        if self.auto_fit and not self._fit_pending:
            # once the resizing is over (docks settle in several steps)
            self._fit_pending = True
            QTimer.singleShot(0, self, self._fit_after_resize)  # not after the view is gone

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
        # a printed weight lies above the layers' frames: it names its edge first
        edge = self.network_scene.edge_label_at(self.mapToScene(view_pos))
        if edge is not None:
            return edge
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
        if isinstance(item, EdgeItem):
            # select it here: its number may lie over a layer's frame, which Qt would pick
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                item.setSelected(not item.isSelected())
            else:
                self.scene().clearSelection()
                item.setSelected(True)
            self._gesture = None
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
            scene = self.network_scene
            for k, start in self._start_positions.items():
                if k in items:
                    # Snapping while dragging shows where the layer will land.
                    items[k].setPos(scene.scene_pos(snap(scene.doc_pos(start + delta))))
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
                    moves[k] = self.network_scene.doc_pos(items[k].pos())
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
        position = self.network_scene.doc_pos(scene_pos)
        return self.editor.drop_palette_item(item, position, target)
