"""Finding NetworkScene's items: by selection key, under a scene point, by printed text."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem

from nnsim.gui.canvas.edge_item import EdgeItem
from nnsim.gui.canvas.layer_item import LayerItem
from nnsim.gui.canvas.neuron_item import NeuronItem, PortItem


class SceneLookup:
    """The scene's items found by key, by point and by the texts they print (a mix-in of
    NetworkScene: it uses the scene's ``layer_items``, ``link_items``, ``theme`` and
    QGraphicsScene's ``items``, ``selectedItems``, ``clearSelection`` and
    ``selectionChanged``).
    """

    def neuron_item(self, layer_id: str, index: int) -> NeuronItem | None:
        """The item of neuron ``index`` of a drawn (small) layer."""
        layer = self.layer_items.get(layer_id)
        if layer is None or index >= len(layer.neurons):
            return None
        return layer.neurons[index]

    def edge_item(self, link_id: str, i: int, j: int) -> EdgeItem | None:
        """The item of edge (i, j) of a drawn link."""
        link = self.link_items.get(link_id)
        return None if link is None else link.edges.get((i, j))

    def item_for_key(self, key: tuple):
        """The item a selection key names, or None."""
        kind = key[0]
        if kind == "layer":
            return self.layer_items.get(key[1])
        if kind == "neuron":
            return self.neuron_item(key[1], key[2])
        if kind == "edge":
            return self.edge_item(key[1], key[2], key[3])
        return None

    def selected_keys(self) -> list[tuple]:
        """Keys of the selected items, layers first, then neurons, then edges."""
        order = {"layer": 0, "neuron": 1, "edge": 2}
        keys = [it.key for it in self.selectedItems() if hasattr(it, "key")]
        return sorted(keys, key=lambda k: (order.get(k[0], 3), k[1:]))

    def select_keys(self, keys) -> None:
        """Select exactly the items named by ``keys`` (missing ones are skipped)."""
        self.blockSignals(True)
        try:
            self.clearSelection()
            for k in keys:
                item = self.item_for_key(tuple(k))
                if item is not None:
                    item.setSelected(True)
        finally:
            self.blockSignals(False)
        self.selectionChanged.emit()

    def layer_at(self, pos: QPointF) -> LayerItem | None:
        """The layer under a scene point (its frame, a neuron or a port)."""
        for item in self.items(pos):
            owner = owner_layer(item)
            if owner is not None:
                return owner
        return None

    def network_rect(self) -> QRectF:
        """Bounding rectangle of all layers and links (for Fit)."""
        rect = QRectF()
        for item in self.layer_items.values():
            rect = rect.united(item.sceneBoundingRect())
        for link in self.link_items.values():  # what is drawn, not the repaint margins
            rect = rect.united(link.drawn_rect())
        for item in self.layer_items.values():
            for n in item.neurons:  # long input names printed beside their circles
                outer = n.outer_name_rect()
                if not outer.isEmpty():
                    rect = rect.united(n.mapRectToScene(outer))
        return rect

    def printed_texts(self) -> list[tuple[str, str, QRectF, float, tuple]]:
        """Every number and name the canvas prints now:
        (kind, text, scene box, font px, owner's selection key).

        Kinds: the layers' "caption" and a box's "kind", "shape", "activation" (LayerItem.
        text_boxes), a link's "link" caption ("W 16×16"), the neurons' "name", "symbol",
        "bias", "value", "note" (NeuronItem.text_boxes) and "weight" (a printed edge label).
        For the projector checks and tests.
        """
        out = []
        for item in self.layer_items.values():
            for kind, text, rect, font in item.text_boxes():
                px = float(font.pixelSize())
                out.append((kind, text, item.mapRectToScene(rect), px, item.key))
            for n in item.neurons:
                for kind, text, rect, font in n.text_boxes():
                    out.append((kind, text, n.mapRectToScene(rect), float(font.pixelSize()), n.key))
        for link in self.link_items.values():
            caption = link.caption_box()
            if caption is not None:
                text, rect, font = caption
                out.append(("link", text, rect, float(font.pixelSize()), link.key))
            for e in link.edges.values():
                if e.label_printed():
                    px = float(self.theme.value_px)
                    out.append(("weight", e._text, e.mapRectToScene(e._label_rect), px, e.key))
        return out

    def edge_label_at(self, pos: QPointF) -> EdgeItem | None:
        """The edge whose printed number is under a scene point, or None."""
        for link in self.link_items.values():
            if not link.labels.sceneBoundingRect().contains(pos):
                continue
            for e in link.edges.values():
                if e.label_printed() and e._label_rect.contains(pos):
                    return e
        return None

    def smallest_text_px(self) -> float:
        """Font size (scene units) of the smallest neuron name or number printed."""
        sizes = [t[3] for t in self.printed_texts() if t[0] != "symbol"]
        return min(sizes, default=float(self.theme.value_px))


def owner_layer(item: QGraphicsItem | None) -> LayerItem | None:
    """The LayerItem an item belongs to (itself, its neuron's layer, its port's owner)."""
    while item is not None:
        if isinstance(item, LayerItem):
            return item
        if isinstance(item, (NeuronItem, PortItem)):
            item = item.parentItem()
            continue
        return None
    return None
