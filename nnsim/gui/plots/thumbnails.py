"""Thumbnail heatmaps inside the neurons on the canvas, as TensorFlow Playground draws them.

Each hidden (and output) neuron shows its own output over the input plane, computed in
the same grid pass as the decision boundary and cut down to 50 × 50 pixels.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject

from nnsim.gui.plots.colors import disc_words, words_image
from nnsim.recipes.problem import activation_levels

#: Every how many grid points a picture takes one (50 × 50 pictures of the 100 × 100 grid).
THUMB_STEP = 2
#: Layers with more neurons than this get no pictures (the canvas draws them as a box).
MAX_NEURONS = 16


class NeuronThumbnails(QObject):
    """Feeds ``NetworkScene.set_neuron_images`` from the controller's frames."""

    def __init__(self, controller, scene, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.scene = scene
        self.enabled = True
        #: Layer ids that got pictures in the last frame.
        self.layers: list[str] = []
        # per layer: the last pictures' pixels and images, to hand an unchanged picture on
        # as the same image (the canvas then leaves that neuron alone)
        self._last: dict[str, tuple[np.ndarray, list]] = {}
        controller.frame.connect(self.update_frame)
        controller.problem_changed.connect(lambda _p: self.clear())

    def set_enabled(self, on: bool) -> None:
        """Show (True) or remove (False) the pictures."""
        self.enabled = bool(on)
        if not on:
            self.clear()
        else:
            self.controller.request_frame()

    def clear(self) -> None:
        """Remove every picture."""
        for lid in self.layers:
            if lid in self.scene.layer_items:
                self.scene.set_neuron_images(lid, None)
        self.layers = []
        self._last = {}

    def update_frame(self, frame) -> None:
        """Turn the frame's grid into one picture per neuron."""
        p = self.controller.problem
        if not self.enabled or not p.plane or frame.grid is None:
            return
        doc = self.controller.document
        g = p.grid_size
        layers = [lid for lid in p.hidden_layers + [p.output_layer] if lid in frame.grid]
        drawn = []  # (layer id, spec, its grid values)
        for lid in layers:
            spec = doc.layers.get(lid)
            if spec is None or spec.size > MAX_NEURONS or lid not in self.scene.layer_items:
                continue
            vals = np.asarray(frame.grid[lid])
            if vals.ndim == 2 and vals.shape[1] == spec.size and vals.shape[0] == g * g:
                drawn.append((lid, spec, vals))
        if drawn:
            self._draw(drawn, g)
        self.layers = layers

    def _draw(self, drawn: list, g: int) -> None:
        # every neuron's picture in one (neurons, 50, 50) stack and one colour conversion;
        # grid row 0 is the bottom of the plane, an image's row 0 is its top
        h = len(range(0, g, THUMB_STEP))
        v = np.empty((sum(spec.size for _, spec, _ in drawn), h, h), np.float32)
        levels = []
        i = 0
        for _lid, spec, vals in drawn:
            n = spec.size
            pic = vals.reshape(g, g, n)[::THUMB_STEP, ::THUMB_STEP][::-1]
            np.copyto(v[i : i + n], np.moveaxis(pic, 2, 0))
            levels += [activation_levels(spec.activations[j], v[i + j]) for j in range(n)]
            i += n
        lo, hi = np.array(levels, dtype=np.float64).T
        words = disc_words(v, lo, hi)
        i = 0
        for lid, spec, _vals in drawn:
            n = spec.size
            layer_words = words[i : i + n]
            i += n
            old_words, old_images = self._last.get(lid, (None, None))
            if old_words is not None and old_words.shape != layer_words.shape:
                old_words = None
            images = [
                old_images[j]
                if old_words is not None and np.array_equal(layer_words[j], old_words[j])
                else words_image(layer_words[j])
                for j in range(n)
            ]
            self._last[lid] = (layer_words, images)
            self.scene.set_neuron_images(lid, images)
