"""DocumentEditor: turns gestures (drop, connect, drag, inspector edits) into undo commands."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack

from nnsim.gui import commands as C
from nnsim.gui.canvas.scene import snap
from nnsim.model import DocumentError
from nnsim.model.layer_kinds import layer_kind

# What each neuron item of the palette makes: (layer kind, label). A layer item is a layer
# kind's name; its size and label come from the kind's palette entry in the registry.
NEURON_ITEMS = {
    "input_neuron": ("input", "input"),
    "neuron": ("dense", "hidden"),
    "output_neuron": ("dense", "output"),
}


class DocumentEditor(QObject):
    """Every edit of the GUI goes through here: one gesture, one command on ``stack``.

    Refused edits do not raise: the document's message is emitted on ``message`` (the
    window shows it in the status bar) and the method returns None/False.

    Signals
    -------
    message(str)
        A short explanation for the user (an edit was refused, or what a drop did).
    about_to_push(object)
        A command is about to be applied (a running training pauses for edits that change
        the network: ``DocCommand.pauses_training``).
    """

    message = Signal(str)
    about_to_push = Signal(object)

    def __init__(self, document, stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.document = document
        self.stack = stack
        self._gesture = 0

    # -- plumbing --------------------------------------------------------------------
    def push(self, command: C.DocCommand) -> bool:
        """Apply and record ``command``; False (and a message) if the document refuses."""
        rev = self.document.revision
        self.about_to_push.emit(command)
        if self.document.revision != rev:
            command.refresh()  # a paused run wrote its last weights meanwhile
        try:
            C.push(self.stack, command)
        except DocumentError as e:
            self.message.emit(str(e))
            return False
        return True

    def structural(self, text: str, action):
        """Run ``action(document)`` as one snapshot-undone step; return its result."""
        cmd = C.SnapshotCommand(self.document, text, action)
        return cmd.result if self.push(cmd) else None

    def new_gesture(self) -> int:
        """A fresh merge key: edits sharing it (one slider drag) merge into one step."""
        self._gesture += 1
        return self._gesture

    # -- layers and neurons ----------------------------------------------------------
    def add_layer(self, kind: str, size: int = 1, position=(0.0, 0.0), **kw) -> str | None:
        """Add a layer at a (snapped) position."""
        pos = snap(position)
        return self.structural(
            QT_TRANSLATE_NOOP("Editor", "Add layer"),
            lambda d: d.add_layer(kind, size, position=pos, **kw),
        )

    def add_neuron(self, layer_id: str) -> int | None:
        """Append one neuron to a layer."""
        return self.structural(
            QT_TRANSLATE_NOOP("Editor", "Add neuron"), lambda d: d.add_neuron(layer_id)
        )

    def drop_palette_item(self, item: str, position, target_layer: str | None = None):
        """What dropping a palette item does.

        A neuron dropped on empty canvas makes a one-neuron layer; dropped on a layer of a
        matching kind it joins it. A bias unit dropped on a layer gives the layer biases.
        Layer items make a layer at the drop point. Returns the layer id affected.
        """
        doc = self.document
        if item in NEURON_ITEMS:
            kind, label = NEURON_ITEMS[item]
            if target_layer is not None:
                tk = doc.layers[target_layer].kind
                ok = (kind == "input") == (tk == "input") and tk in ("input", "dense")
                if not ok:
                    self.message.emit(
                        QCoreApplication.translate(
                            "Editor",
                            "An input neuron joins only an input layer, and a neuron only a dense layer.",
                        )
                    )
                    return None
                idx = self.add_neuron(target_layer)
                return target_layer if idx is not None else None
            return self.add_layer(kind, 1, position, label=label)
        if item == "bias":
            if target_layer is None:
                self.message.emit(
                    QCoreApplication.translate(
                        "Editor", "Drop the bias unit on a layer to give its neurons biases."
                    )
                )
                return None
            if doc.layers[target_layer].use_bias:
                self.message.emit(
                    QCoreApplication.translate("Editor", "This layer already has biases.")
                )
                return None
            done = self.structural(
                QT_TRANSLATE_NOOP("Editor", "Add biases"),
                lambda d: d.set_use_bias(target_layer, True) or True,
            )
            return target_layer if done else None
        kind = layer_kind(item)
        if kind is not None:
            # Any registered kind, also one the palette does not show (avgpool); the
            # parameters start at the kind's defaults.
            entry = kind.palette
            size = entry.size if entry is not None and kind.neurons else 1
            label = entry.label if entry is not None else ""
            return self.add_layer(kind.name, size, position, label=label)
        self.message.emit(QCoreApplication.translate("Editor", "Unknown palette item."))
        return None

    def set_layer_size(self, layer_id: str, size: int) -> bool:
        """Grow or shrink a layer of neurons to ``size`` (one step)."""
        layer = self.document.layers[layer_id]
        size = int(size)
        if size == layer.size:
            return True

        def act(d):
            while d.layers[layer_id].size < size:
                d.add_neuron(layer_id)
            while d.layers[layer_id].size > size:
                d.remove_neuron(layer_id, d.layers[layer_id].size - 1)
            return True

        return bool(self.structural(QT_TRANSLATE_NOOP("Editor", "Change layer size"), act))

    def set_label(self, layer_id: str, label: str) -> bool:
        """Rename a layer."""
        if self.document.layers[layer_id].label == label:
            return True
        return self.push(C.SetLabelCommand(self.document, layer_id, label))

    def set_use_bias(self, layer_id: str, on: bool) -> bool:
        """Give a layer biases (thresholds) or fix them at 0."""
        return bool(
            self.structural(
                QT_TRANSLATE_NOOP("Editor", "Toggle biases"),
                lambda d: d.set_use_bias(layer_id, bool(on)) or True,
            )
        )

    def set_layer_params(self, layer_id: str, **params) -> bool:
        """Change kind-specific parameters (maxout pieces...)."""
        return bool(
            self.structural(
                QT_TRANSLATE_NOOP("Editor", "Change layer"),
                lambda d: d.set_layer_params(layer_id, **params) or True,
            )
        )

    # -- links -----------------------------------------------------------------------
    def connect(self, src: str, dst: str, i: int | None = None, j: int | None = None):
        """Connect two neurons (i, j given) or two layers fully; returns the link id."""
        text = (
            QT_TRANSLATE_NOOP("Editor", "Connect layers")
            if i is None
            else QT_TRANSLATE_NOOP("Editor", "Connect neurons")
        )
        return self.structural(text, lambda d: d.connect(src, dst, i, j))

    def connect_neuron_to_layer(self, src: str, i: int, dst: str):
        """Connect one neuron to every neuron of another layer (one step)."""

        def act(d):
            lid = None
            for j in range(d.layers[dst].size):
                lid = d.connect(src, dst, i, j)
            return lid

        return self.structural(QT_TRANSLATE_NOOP("Editor", "Connect neurons"), act)

    # -- values ----------------------------------------------------------------------
    def set_weight(self, link_id, i, j, value, piece=None, merge_key=None) -> bool:
        """Set one weight."""
        W = self.document.links[link_id].weights
        idx = (i, j) if piece is None else (i, j, piece)
        try:
            if float(W[idx]) == float(value):
                return True
        except (IndexError, TypeError, ValueError):
            pass
        try:
            cmd = C.SetWeightCommand(self.document, link_id, i, j, value, piece, merge_key)
        except (IndexError, TypeError, ValueError) as e:
            self.message.emit(str(e))
            return False
        return self.push(cmd)

    def set_bias(self, layer_id, j, value, merge_key=None) -> bool:
        """Set one bias b_j."""
        B = self.document.layers[layer_id].biases
        if float(B[j if isinstance(j, tuple) else (j,)]) == float(value):
            return True
        return self.push(C.SetBiasCommand(self.document, layer_id, j, value, merge_key))

    def set_threshold(self, layer_id, j, theta, merge_key=None) -> bool:
        """Set one threshold θ_j (stored as the bias b_j = −θ_j)."""
        return self.set_bias(layer_id, j, -float(theta), merge_key)

    def set_activation(self, layer_id, name, index=None) -> bool:
        """Set one neuron's activation, or the whole layer's (index None)."""
        acts = self.document.layers[layer_id].activations
        current = acts if index is None else [acts[index]]
        if current and all(a == name for a in current):
            return True
        return self.push(C.SetActivationCommand(self.document, layer_id, name, index))

    def set_init(self, scheme: str) -> bool:
        """Choose the initialisation scheme (a training setting)."""
        if self.document.settings.init == scheme:
            return True
        return self.push(
            C.UpdateSettingsCommand(
                self.document,
                QT_TRANSLATE_NOOP("Editor", "Change initialisation"),
                init=scheme,
            )
        )

    def randomise_layer(self, layer_id: str, scheme: str | None = None, rng=None) -> bool:
        """Draw new incoming weights (and biases) of a layer with an engine init scheme."""
        from nnsim.engine.layers.base import init_array

        doc = self.document
        scheme = scheme or doc.settings.init
        rng = rng if rng is not None else np.random.default_rng()
        weights = {}
        fan_in = sum(doc.layers[doc.links[k].src].size for k in doc.incoming(layer_id))
        size = doc.layers[layer_id].size
        for kid in doc.incoming(layer_id):
            W = doc.links[kid].weights
            weights[kid] = init_array(rng, scheme, W.shape, max(fan_in, 1), size, np.float64)
        biases = {}
        layer = doc.layers[layer_id]
        if layer.use_bias and layer.biases.size:
            # The book draws thresholds like weights (uniform in (0, 1)); the other
            # schemes start biases at 0 as the usual libraries do.
            if scheme == "uniform01":
                biases[layer_id] = rng.uniform(0.0, 1.0, layer.biases.shape)
            else:
                biases[layer_id] = np.zeros(layer.biases.shape)
        if not weights and not biases:
            self.message.emit(
                QCoreApplication.translate(
                    "Editor", "This layer has no incoming weights to randomise."
                )
            )
            return False
        return self.push(C.SetWeightsCommand(doc, weights, biases))

    # -- moves and deletion ----------------------------------------------------------
    def move_layers(self, moves: dict) -> bool:
        """Move layers to new (snapped) positions: one step for the whole drag."""
        doc = self.document
        moves = {k: snap(p) for k, p in moves.items() if k in doc.layers}
        moves = {k: p for k, p in moves.items() if tuple(doc.layers[k].position) != p}
        if not moves:
            return False
        return self.push(C.MoveLayersCommand(doc, moves))

    def tidy_layout(self, theme) -> bool:
        """Arrange the layers in columns by depth without overlaps (one step)."""
        from nnsim.gui.canvas.layout import tidy_positions

        return self.move_layers(tidy_positions(self.document, theme))

    def delete(self, keys) -> bool:
        """Delete the selected layers, neurons and edges (one step)."""
        keys = [tuple(k) for k in keys]
        if not keys:
            return False
        layers = {k[1] for k in keys if k[0] == "layer"}
        neurons: dict[str, set[int]] = {}
        for k in keys:
            if k[0] == "neuron" and k[1] not in layers:
                neurons.setdefault(k[1], set()).add(int(k[2]))
        edges = [k for k in keys if k[0] == "edge"]

        def act(d):
            for _, lid, i, j in edges:
                link = d.links.get(lid)
                if link is None or link.src in layers or link.dst in layers:
                    continue
                if i in neurons.get(link.src, ()) or j in neurons.get(link.dst, ()):
                    continue
                d.disconnect(link.src, link.dst, i, j)
            for lid, idxs in neurons.items():
                if len(idxs) >= d.layers[lid].size:
                    layers.add(lid)
                    continue
                for i in sorted(idxs, reverse=True):
                    d.remove_neuron(lid, i)
            for lid in layers:
                if lid in d.layers:
                    d.remove_layer(lid)
            return True

        return bool(self.structural(QT_TRANSLATE_NOOP("Editor", "Delete"), act))
