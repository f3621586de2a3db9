"""NetworkScene: mirrors a NetworkDocument as canvas items and reacts to its signals."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene

from nnsim.gui.canvas.columns import inverse, map_x, wanted_stretch, wanted_tidy
from nnsim.gui.canvas.edge_item import EdgeItem, LinkLabels
from nnsim.gui.canvas.layer_geometry import drawn_as_box
from nnsim.gui.canvas.layer_item import LayerItem
from nnsim.gui.canvas.link_item import LinkItem
from nnsim.gui.canvas.lookup import SceneLookup
from nnsim.gui.canvas.neuron_item import NeuronItem, PortItem
from nnsim.gui.canvas.shown_values import ShownValues
from nnsim.gui.compat import disconnect_quietly
from nnsim.gui.style import NORMAL, Theme

GRID = 20.0


def snap(p: QPointF | tuple[float, float], grid: float = GRID) -> tuple[float, float]:
    """Round a point to the canvas grid."""
    x, y = (p.x(), p.y()) if isinstance(p, QPointF) else p
    return (round(x / grid) * grid, round(y / grid) * grid)


class NetworkScene(ShownValues, SceneLookup, QGraphicsScene):
    """The canvas contents for one document.

    The scene only reads the document and listens to its signals; edits go through
    commands on the undo stack. Besides the document it holds view state that the
    stepping and plotting tools drive: neuron values (``set_neuron_values``) and
    highlights (``highlight_neuron``, ``highlight_edge``, ``highlight_layer``).

    Signals
    -------
    values_changed()
        Neuron values were set or cleared (inspectors show them).
    layer_dragged(str)
        A layer item moved on screen (during a drag, before the document knows).
    """

    values_changed = Signal()
    layer_dragged = Signal(str)

    def __init__(self, document, theme: Theme = NORMAL, parent=None):
        super().__init__(parent)
        self.theme = theme
        #: (document x, offset) breakpoints: scene x = document x + the offset interpolated
        #: between them (presentation mode spreads the columns where weights are printed)
        self.stretch: tuple[tuple[float, float], ...] = ()
        #: layer id → position drawn instead of the document's (see ``base_pos``)
        self._tidied: dict[str, tuple[float, float]] = {}
        self.show_weights = False
        self.show_threshold = False
        self.weight_scale = 1.0
        self.layer_items: dict[str, LayerItem] = {}
        self.link_items: dict[str, LinkItem] = {}
        self._init_shown()
        self._document = None
        self.setSceneRect(QRectF(-2000, -1500, 4000, 3000))
        self.set_document(document)
        self.selectionChanged.connect(self._selection_changed)

    def _selection_changed(self) -> None:
        # links print the weights of the selected neurons' edges
        try:
            links = list(self.link_items.values())
        except (RuntimeError, AttributeError):  # being destroyed
            return
        for link in links:
            link.selection_changed()

    # -- document wiring -------------------------------------------------------------
    @property
    def document(self):
        """The NetworkDocument shown."""
        return self._document

    def _signal_map(self):
        return {
            "layer_added": self._on_layer_added,
            "layer_removed": self._on_layer_removed,
            "layer_changed": self._on_layer_changed,
            "layer_moved": self._on_layer_moved,
            "link_added": self._on_link_added,
            "link_removed": self._on_link_removed,
            "weights_changed": self._on_weights_changed,
            "reset": self.rebuild,
        }

    def set_document(self, document) -> None:
        """Show another document (after Open or New); values and highlights are cleared."""
        if self._document is not None:
            for name, slot in self._signal_map().items():
                disconnect_quietly(getattr(self._document, name), slot)
        self._document = document
        self._values.clear()
        for name, slot in self._signal_map().items():
            getattr(document, name).connect(slot)
        self.rebuild()

    def detach(self) -> None:
        """Stop listening to the document (before the scene is destroyed)."""
        if self._document is not None:
            for name, slot in self._signal_map().items():
                disconnect_quietly(getattr(self._document, name), slot)

    # -- building ----------------------------------------------------------------------
    def rebuild(self) -> None:
        """Re-create every item from the document, keeping the selection where possible."""
        keys = self.selected_keys()
        self._remove_items()
        doc = self._document
        self._values = {
            k: v for k, v in self._values.items() if k in doc.layers and self._fits(k, v)
        }
        self._tidied = wanted_tidy(self._document, self.theme)
        self.stretch = wanted_stretch(self._document, self.theme, self.base_pos)
        for lid in doc.layers:
            self._add_layer_item(lid)
        self._recompute_scale()
        for kid in doc.links:
            self._add_link_item(kid)
        self.select_keys(keys)
        self.values_changed.emit()

    def base_pos(self, layer_id: str) -> tuple[float, float]:
        """The layer's position before the columns spread: the document's, or in
        presentation mode a tidy one when the document's layout is much taller."""
        pos = self._tidied.get(layer_id)
        return pos if pos is not None else tuple(self._document.layers[layer_id].position)

    def scene_pos(self, position) -> QPointF:
        """Where a document position is drawn (the theme may spread the columns)."""
        return QPointF(map_x(float(position[0]), self.stretch), position[1])

    def doc_pos(self, point: QPointF) -> tuple[float, float]:
        """The document position drawn at a scene point (``scene_pos`` inverted)."""
        return (map_x(point.x(), inverse(self.stretch)), point.y())

    def boxed_by_theme(self) -> bool:
        """Whether the theme draws as boxes layers the normal canvas draws neuron by neuron
        (presentation mode's fewer neurons per column)."""
        return any(
            drawn_as_box(spec, self.theme) and not drawn_as_box(spec, NORMAL)
            for spec in self._document.layers.values()
        )

    def _update_stretch(self, force: bool = False) -> None:
        """Follow the wanted column spread, moving every layer when it changes."""
        stretch = wanted_stretch(self._document, self.theme, self.base_pos)
        if stretch == self.stretch and not force:
            return
        self.stretch = stretch
        for lid, item in self.layer_items.items():
            item.setPos(self.scene_pos(self.base_pos(lid)))

    def _remove_items(self) -> None:
        for item in list(self.link_items.values()) + list(self.layer_items.values()):
            self.removeItem(item)
        self.layer_items = {}
        self.link_items = {}

    def _fits(self, layer_id, values) -> bool:
        size = self._document.layers[layer_id].size
        return all(v is None or len(v) == size for v in values)

    def _add_layer_item(self, layer_id: str) -> LayerItem:
        item = LayerItem(self, layer_id)
        self.addItem(item)
        item.setPos(self.scene_pos(self.base_pos(layer_id)))
        self.layer_items[layer_id] = item
        return item

    def _add_link_item(self, link_id: str) -> LinkItem:
        item = LinkItem(self, link_id)
        self.addItem(item)
        self.link_items[link_id] = item
        return item

    def _recompute_scale(self) -> bool:
        # The widest pen goes to the heaviest weight, but never to anything below 1 so
        # that small weights (0.1 … 0.9 in the worked example) keep their relative look.
        biggest = 0.0
        for link in self._document.links.values():
            if link.weights.size:
                w = np.abs(link.weights)
                if link.mask is not None:
                    w = np.where(link.mask, w, 0.0)
                m = float(np.max(w))
                if math.isfinite(m):
                    biggest = max(biggest, m)
        scale = max(1.0, biggest)
        changed = scale != self.weight_scale
        self.weight_scale = scale
        return changed

    def _links_of(self, layer_id: str) -> list[str]:
        return [k for k, link in self._document.links.items() if layer_id in (link.src, link.dst)]

    # -- document signal handlers ---------------------------------------------------
    def _on_layer_added(self, layer_id: str) -> None:
        if layer_id in self.layer_items:
            self._on_layer_changed(layer_id)
            return
        self._add_layer_item(layer_id)
        self._update_stretch()
        self._refresh_neighbours(layer_id)

    def _on_layer_removed(self, layer_id: str) -> None:
        item = self.layer_items.pop(layer_id, None)
        if item is not None:
            self.removeItem(item)
        self._values.pop(layer_id, None)
        for kid in [k for k in self.link_items if k not in self._document.links]:
            self.removeItem(self.link_items.pop(kid))
        self._update_stretch()
        self._refresh_all_layers()

    def _on_layer_changed(self, layer_id: str) -> None:
        item = self.layer_items.get(layer_id)
        if item is None:
            return
        keys = self.selected_keys()
        v = self._values.get(layer_id)
        if v is not None and not self._fits(layer_id, v):
            self._values.pop(layer_id)
        item.rebuild()
        for kid in self._links_of(layer_id):
            if kid in self.link_items:
                self.link_items[kid].rebuild()
        self._refresh_all_layers()  # a neighbour may be a box now, or no longer
        self._update_stretch()
        self.select_keys(keys)
        self.update()

    def _on_layer_moved(self, layer_id: str) -> None:
        item = self.layer_items.get(layer_id)
        if item is None:
            return
        if self._tidied:  # arranged by hand now: the document's layout from here on
            self._tidied = {}
            self.stretch = ()
            self._update_stretch(force=True)
        pos = self.scene_pos(self.base_pos(layer_id))
        if item.pos() != pos:
            item.setPos(pos)
        else:
            self.layer_item_moved(item)

    def _on_link_added(self, link_id: str) -> None:
        if link_id in self.link_items:
            self.link_items[link_id].sync_edges()
        else:
            self._add_link_item(link_id)
        if self._recompute_scale():
            self._refresh_all_links()
        self._update_stretch()
        self._refresh_neighbours_of_link(link_id)

    def _on_link_removed(self, link_id: str) -> None:
        item = self.link_items.pop(link_id, None)
        if item is not None:
            self.removeItem(item)
        if self._recompute_scale():
            self._refresh_all_links()
        self._update_stretch()
        self._refresh_all_layers()

    def _on_weights_changed(self, link_id: str) -> None:
        rescaled = self._recompute_scale()
        if not link_id:
            # every weight, biases included (a training's write-back): the neurons print
            # their biases, and a new thumbnail repaints only the picture's own child item
            for lid, item in self.layer_items.items():
                spec = self._document.layers.get(lid)
                if spec is not None and spec.kind != "input" and spec.use_bias:
                    for n in item.neurons:
                        n.update()
        if not link_id or rescaled:
            self._refresh_all_links()
        elif link_id in self.link_items:
            self.link_items[link_id].sync_edges()
        elif link_id in self._document.links:
            self._add_link_item(link_id)

    def _refresh_all_links(self) -> None:
        for kid in self._document.links:
            if kid in self.link_items:
                self.link_items[kid].sync_edges()
            else:
                self._add_link_item(kid)

    def _refresh_all_layers(self) -> None:
        # Output/hidden roles (and default labels y1/h1) depend on the links, and so do
        # the sub-columns of a tall column between boxes.
        for lid, item in self.layer_items.items():
            if not item.collapsed and item.columns() != item.wrapped:
                item.relayout()
                for kid in self._links_of(lid):
                    if kid in self.link_items:
                        self.link_items[kid].update_geometry()
            item.update()
            for n in item.neurons:
                n.update()

    def _refresh_neighbours(self, layer_id: str) -> None:
        self._refresh_all_layers()

    def _refresh_neighbours_of_link(self, link_id: str) -> None:
        self._refresh_all_layers()

    def layer_item_moved(self, item: LayerItem) -> None:
        """Keep the links of a moving layer attached (called by LayerItem.itemChange)."""
        for kid in self._links_of(item.layer_id):
            link = self.link_items.get(kid)
            if link is not None:
                link.update_geometry()
        self.layer_dragged.emit(item.layer_id)

    # -- display toggles -------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        """Switch between the normal and the presentation look."""
        # Every item's bounding rectangle follows the theme: tell the scene's index before
        # the rectangles change (an item indexed under a stale rectangle is not found when
        # it is removed, and the index keeps a pointer to it: a crash at the next paint).
        for item in self.items():
            if isinstance(item, (LayerItem, NeuronItem, PortItem, LinkItem, EdgeItem)) or (
                isinstance(item, LinkLabels)
            ):
                item.prepareGeometryChange()
        old = self.theme
        lo, hi = sorted((old.max_drawn_neurons, theme.max_drawn_neurons))
        if any(lo < spec.size <= hi for spec in self._document.layers.values()):
            # some layers become boxes (or neurons again): new items, the old ones go
            # while the theme they were indexed under is still the scene's
            keys = self.selected_keys()
            self._remove_items()
            self.theme = theme
            self.rebuild()
            self.select_keys(keys)
            return
        self.theme = theme
        self.stretch = wanted_stretch(self._document, self.theme, self.base_pos)
        for lid, item in self.layer_items.items():
            item.setPos(self.scene_pos(self.base_pos(lid)))
        for item in self.layer_items.values():
            item.relayout()
        for item in self.link_items.values():
            item.update_geometry()
        self.update()

    def set_caption_px(self, px: int) -> bool:
        """Print the layers' and links' captions at ``px`` (scene units; never below the
        theme's ``small_px``); the gaps beside boxes follow. True when that changed them."""
        px = int(px) if int(px) > self.theme.small_px else 0
        if px == self.theme.caption_px:
            return False
        self.set_theme(replace(self.theme, caption_px=px))
        return True

    def set_show_weights(self, on: bool) -> None:
        """Print every weight on its edge (otherwise only on hover)."""
        self.show_weights = bool(on)
        for link in self.link_items.values():
            for e in link.edges.values():
                e.refresh()
            link.labels.changed()
        self.update()

    def set_show_threshold(self, on: bool) -> None:
        """Show thresholds θ = −b instead of biases b."""
        self.show_threshold = bool(on)
        self.update()

    # -- background grid ---------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, QColor(self.theme.background))
        step = GRID * 2
        pen = QPen(QColor(self.theme.grid))
        pen.setWidthF(0)
        painter.setPen(pen)
        left = math.floor(rect.left() / step) * step
        top = math.floor(rect.top() / step) * step
        x = left
        lines = []

        while x < rect.right():
            lines.append(QLineF(x, rect.top(), x, rect.bottom()))
            x += step
        y = top
        while y < rect.bottom():
            lines.append(QLineF(rect.left(), y, rect.right(), y))
            y += step
        if len(lines) < 2000:
            painter.drawLines(lines)
