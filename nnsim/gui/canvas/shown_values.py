"""What the training tools show on the canvas: neuron values, pictures, notes, highlights."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtGui import QColor


class ShownValues:
    """The numbers and marks the stepping and plotting tools put on the canvas (a mix-in
    of NetworkScene: it uses the scene's ``document``, ``theme``, ``layer_items``,
    ``link_items``, ``neuron_item``, ``edge_item`` and ``values_changed``).

    None of them is part of the document: they go with the next document shown.
    """

    def _init_shown(self) -> None:
        self._values: dict[str, tuple[np.ndarray | None, np.ndarray | None]] = {}
        # Pictures and one-line notes drawn in/under neurons by the training tools.
        self._images: dict[str, list] = {}
        self._notes: dict[str, list] = {}

    def set_neuron_values(self, layer_id: str, outputs=None, nets=None) -> None:
        """Show the outputs (printed under each neuron) and net inputs (tooltips).

        Parameters
        ----------
        layer_id : str
            Document layer id.
        outputs, nets : array-like of length ``layer.size`` or None
            Values for one sample; None leaves that row empty.
        """
        size = self._document.layers[layer_id].size
        out = None if outputs is None else np.asarray(outputs, dtype=float).reshape(-1)
        net = None if nets is None else np.asarray(nets, dtype=float).reshape(-1)
        for arr in (out, net):
            if arr is not None and arr.size != size:
                raise ValueError(
                    f"layer {layer_id!r} has {size} neurons but {arr.size} values were given"
                )
        self._values[layer_id] = (net, out)
        item = self.layer_items.get(layer_id)
        if item is not None:
            for n in item.neurons:
                n.update_tooltip()
                n.update()
        self.values_changed.emit()

    def set_neuron_images(self, layer_id: str, images) -> None:
        """Draw a picture inside each neuron of a layer (Playground's thumbnail heatmaps).

        ``images`` is a list of QImage (or None) of the layer's size, or None to remove them.
        A neuron given the very image object it shows already is not repainted.
        """
        before = self._images.get(layer_id)
        if images is None:
            self._images.pop(layer_id, None)
        else:
            self._images[layer_id] = list(images)
        item = self.layer_items.get(layer_id)
        if item is not None:
            for n in item.neurons:
                if before is None or self.neuron_image(layer_id, n.index) is not (
                    before[n.index] if n.index < len(before) else None
                ):
                    n.sync_image()

    def neuron_image(self, layer_id: str, index: int):
        """The picture drawn inside a neuron, or None."""
        images = self._images.get(layer_id)
        return images[index] if images is not None and index < len(images) else None

    def clear_images(self) -> None:
        """Remove every neuron picture."""
        for lid in list(self._images):
            self.set_neuron_images(lid, None)

    def set_neuron_notes(self, layer_id: str, notes) -> None:
        """Print one more line under each neuron (e.g. its gradient term g_1 = −0.0407).

        ``notes`` is a list of str (or None) of the layer's size, or None to remove them.
        """
        if notes is None:
            self._notes.pop(layer_id, None)
        else:
            self._notes[layer_id] = list(notes)
        item = self.layer_items.get(layer_id)
        if item is not None:
            for n in item.neurons:
                n.update()

    def neuron_note(self, layer_id: str, index: int) -> str | None:
        """The extra line under a neuron, or None."""
        notes = self._notes.get(layer_id)
        return notes[index] if notes is not None and index < len(notes) else None

    def clear_notes(self) -> None:
        """Remove every extra line under the neurons."""
        for lid in list(self._notes):
            self.set_neuron_notes(lid, None)

    def clear_values(self) -> None:
        """Remove every shown value."""
        self._values.clear()
        self.update()
        self.values_changed.emit()

    def neuron_values(self, layer_id: str, index: int):
        """(net, output) shown for one neuron, or None when nothing is shown."""
        v = self._values.get(layer_id)
        if v is None:
            return None
        net, out = v
        if any(a is not None and index >= len(a) for a in (net, out)):
            return None
        # NaN marks a neuron a step-through has not reached yet: nothing to show.
        n = None if net is None or not math.isfinite(net[index]) else float(net[index])
        o = None if out is None or not math.isfinite(out[index]) else float(out[index])
        return None if n is None and o is None else (n, o)

    def highlight_neuron(self, layer_id: str, index: int, on: bool = True, color=None) -> None:
        """Draw (or remove) a halo around one neuron, e.g. the one a step computes."""
        item = self.neuron_item(layer_id, index)
        if item is None:
            layer = self.layer_items.get(layer_id)
            if layer is not None:  # collapsed layer: highlight the box instead
                self.highlight_layer(layer_id, on, color)
            return
        item.highlight = QColor(color or self.theme.highlight) if on else None
        item.update()

    def highlight_edge(self, link_id: str, i: int, j: int, on: bool = True, color=None) -> None:
        """Draw (or remove) a glow under one edge (the weight an update step changes)."""
        item = self.edge_item(link_id, i, j)
        if item is None:
            link = self.link_items.get(link_id)
            if link is not None:
                link.highlight = QColor(color or self.theme.highlight) if on else None
                link.update()
            return
        item.highlight = QColor(color or self.theme.highlight) if on else None
        item.update_contents_flag()
        item.update()

    def highlight_layer(self, layer_id: str, on: bool = True, color=None) -> None:
        """Draw (or remove) a glow around a whole layer."""
        item = self.layer_items.get(layer_id)
        if item is not None:
            item.highlight = QColor(color or self.theme.highlight) if on else None
            item.update()

    def clear_highlights(self) -> None:
        """Remove every highlight."""
        for layer in self.layer_items.values():
            layer.highlight = None
            for n in layer.neurons:
                n.highlight = None
        for link in self.link_items.values():
            link.highlight = None
            for e in link.edges.values():
                if e.highlight is not None:
                    e.highlight = None
                    e.update_contents_flag()
        self.update()
