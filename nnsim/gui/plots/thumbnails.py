"""Thumbnail heatmaps inside the neurons on the canvas, as TensorFlow Playground draws them.

Each hidden (and output) neuron shows its own output over the input plane, computed in
the same grid pass as the decision boundary and cut down to 50 × 50 pixels.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject

from nnsim.gui.plots.colors import activation_levels, rgba_image, to_rgba

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

    def update_frame(self, frame) -> None:
        """Turn the frame's grid into one picture per neuron."""
        p = self.controller.problem
        if not self.enabled or not p.plane or frame.grid is None:
            return
        doc = self.controller.document
        g = p.grid_size
        layers = [lid for lid in p.hidden_layers + [p.output_layer] if lid in frame.grid]
        for lid in layers:
            spec = doc.layers.get(lid)
            if spec is None or spec.size > MAX_NEURONS or lid not in self.scene.layer_items:
                continue
            vals = np.asarray(frame.grid[lid])
            if vals.ndim != 2 or vals.shape[1] != spec.size:
                continue
            images = []
            for j in range(spec.size):
                v = vals[:, j].reshape(g, g)[::THUMB_STEP, ::THUMB_STEP]
                levels = activation_levels(spec.activations[j], v)
                # grid row 0 is the bottom of the plane; an image's row 0 is its top
                images.append(rgba_image(to_rgba(v[::-1], levels), round_=True))
            self.scene.set_neuron_images(lid, images)
        self.layers = layers
