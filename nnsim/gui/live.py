"""Live preview: after every edit, run the lesson's sample forward and print the values.

A lesson with an explicit sample (``settings.targets``, e.g. the worked BP example) shows
each neuron's output under it the moment a weight changes, so the canvas is alive from the
first second. The stepping tools take over by calling ``set_enabled(False)`` and driving
``NetworkScene.set_neuron_values`` themselves.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QTimer

from nnsim.engine import get_activation


def sample_input(doc) -> np.ndarray | None:
    """The first explicit input of the lesson (``settings.targets[0]["x"]``), or None."""
    targets = doc.settings.targets
    if not targets:
        return None
    first = targets[0]
    x = first.get("x") if isinstance(first, dict) else None
    if x is None:
        return None
    try:
        return np.asarray(x, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return None


def forward_values(doc, x: np.ndarray) -> dict[str, tuple[np.ndarray | None, np.ndarray]]:
    """Net input and output of every input, dense and maxout layer for one sample.

    Only networks with exactly one input layer of ``len(x)`` neurons are evaluated;
    layers fed by anything else (conv, RNN...) are left out, as are their successors.
    Returns {layer id: (net or None, output)}.
    """
    inputs = doc.input_layers()
    if len(inputs) != 1 or doc.layers[inputs[0]].size != x.size:
        return {}
    out: dict[str, tuple[np.ndarray | None, np.ndarray]] = {inputs[0]: (None, x)}
    for lid in doc.topological_order():
        layer = doc.layers[lid]
        if lid in out or layer.kind not in ("dense", "maxout"):
            continue
        links = [doc.links[k] for k in doc.incoming(lid)]
        if not links or any(link.src not in out for link in links):
            continue
        if layer.kind == "dense":
            net = np.zeros(layer.size)
            for link in links:
                W = link.weights if link.mask is None else np.where(link.mask, link.weights, 0.0)
                net += out[link.src][1] @ W
            if layer.use_bias:
                net += layer.biases
            y = np.array(
                [float(get_activation(a)(np.array([v]))[0]) for a, v in zip(layer.activations, net)]
            )
        else:
            z = np.zeros((layer.size, layer.biases.shape[-1] if layer.biases.ndim == 2 else 2))
            for link in links:
                z += np.einsum("i,ijk->jk", out[link.src][1], link.weights)
            if layer.use_bias and layer.biases.ndim == 2:
                z += layer.biases
            net, y = None, z.max(axis=1)
        out[lid] = (net, y)
    return out


class LivePreview(QObject):
    """Recomputes the preview values (coalesced: at most once per event-loop turn)."""

    def __init__(self, scene, parent=None):
        super().__init__(parent)
        self.scene = scene
        self.enabled = True
        self._document = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.update_now)

    def set_document(self, document) -> None:
        """Follow another document."""
        self.detach()
        self._document = document
        document.changed.connect(self.schedule)
        self.update_now()

    def detach(self) -> None:
        """Stop listening."""
        if self._document is not None:
            try:
                self._document.changed.disconnect(self.schedule)
            except (ValueError, RuntimeError):
                pass

    def set_enabled(self, on: bool) -> None:
        """Turn the preview on or off (off leaves the scene's values to others)."""
        self.enabled = bool(on)
        if on:
            self.update_now()

    def schedule(self) -> None:
        """Recompute soon (after the current burst of document signals)."""
        if self.enabled:
            self._timer.start()

    def update_now(self) -> None:
        """Recompute and show the values now."""
        if not self.enabled or self._document is None:
            return
        doc = self._document
        x = sample_input(doc)
        values = forward_values(doc, x) if x is not None else {}
        self.scene.clear_values()
        for lid, (net, y) in values.items():
            if lid in doc.layers and np.all(np.isfinite(y)):
                self.scene.set_neuron_values(lid, y, net)
