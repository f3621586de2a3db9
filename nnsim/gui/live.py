"""Live preview: after every edit, run the lesson's sample forward and print the values.

A lesson with an explicit sample (``settings.targets``, e.g. the worked BP example) shows
each neuron's net input and output under it the moment a weight changes, so the canvas is
alive from the first second. The numbers come from the document compiled by the same
compiler the session trains with — a network of the preview's own, kept in step with the
document by ``nnsim.model.compile.follow`` — so the preview, training and the
step-through can never disagree.

The stepping and training tools take the canvas's values over by calling
``set_enabled(False)`` and hand them back with ``set_enabled(True)``.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QTimer

from nnsim.gui.compat import disconnect_quietly
from nnsim.model.compile import Compiled, CompileError, follow
from nnsim.model.layer_kinds import NEURON_KINDS


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


def forward_values(
    doc, x: np.ndarray, comp: Compiled | None = None
) -> dict[str, tuple[np.ndarray | None, np.ndarray]]:
    """Net input and output of every layer of neurons for one sample, from the engine.

    The document is compiled (or ``comp``, the caller's network, brought up to date with
    it) and ``x`` run forward once. Layers whose output is not one number per neuron (conv,
    pooling, RNN) are left out; networks that do not compile, or whose input does not take
    ``len(x)`` numbers, give {}. Returns {layer id: (net or None, output)}; the net input
    is there for dense layers.
    """
    try:
        comp = follow(doc, comp)
    except (CompileError, ValueError):
        return {}
    net = comp.network
    if len(net.input_names) != 1:
        return {}
    in_name = net.input_names[0]
    if tuple(net.layers[in_name].shape) != (x.size,):
        return {}
    try:
        with np.errstate(all="ignore"):
            net.forward(x.reshape(1, -1))
    except (ValueError, ArithmeticError):
        return {}
    out: dict[str, tuple[np.ndarray | None, np.ndarray]] = {}
    for lid in comp.layer_names:
        spec = doc.layers.get(lid)
        value = net.values.get(lid)
        if spec is None or value is None or spec.kind not in NEURON_KINDS:
            continue
        y = np.array(value, dtype=float).reshape(-1)
        if y.size != spec.size:
            continue
        layer_net = getattr(net.layers[lid], "net", None) if spec.kind == "dense" else None
        z = None
        if layer_net is not None and np.size(layer_net) == spec.size:
            z = np.array(layer_net, dtype=float).reshape(-1)
        out[lid] = (None if spec.kind == "input" else z, y)
    return out


class LivePreview(QObject):
    """Recomputes the preview values (coalesced: at most once per event-loop turn)."""

    def __init__(self, scene, parent=None):
        super().__init__(parent)
        self.scene = scene
        self.enabled = True
        self._document = None
        #: The preview's own network (nobody else trains or reads it).
        self._comp: Compiled | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.update_now)

    def set_document(self, document) -> None:
        """Follow another document."""
        self.detach()
        self._document = document
        self._comp = None
        document.changed.connect(self.schedule)
        self.update_now()

    def detach(self) -> None:
        """Stop listening."""
        if self._document is not None:
            disconnect_quietly(self._document.changed, self.schedule)

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
        values = {}
        if x is not None:
            try:
                self._comp = follow(doc, self._comp)
            except (CompileError, ValueError):
                self._comp = None
            values = forward_values(doc, x, self._comp) if self._comp is not None else {}
        self.scene.clear_values()
        for lid, (net, y) in values.items():
            if lid in doc.layers and np.all(np.isfinite(y)):
                self.scene.set_neuron_values(lid, y, net)
