"""The document's value operations: weights, biases, activations, labels, parameters."""

from __future__ import annotations

import numpy as np

from nnsim.model.checks import _check_activation, _check_finite, _check_params, _check_size
from nnsim.model.layer_kinds import NO_BIAS_KINDS, PARAM_ACTIVATION_KINDS, layer_kind
from nnsim.model.shapes import _resize, derived_shape
from nnsim.model.specs import DERIVED_KINDS, DocumentError


class ValueOps:
    """Edits of numbers and names on an existing graph (mixed into ``NetworkDocument``)."""

    # ----------------------------------------------------------------- values
    def set_weight(
        self, link_id: str, i: int, j: int, value: float, *, piece: int | None = None
    ) -> None:
        """Set one weight W[i, j] (``piece`` selects a maxout piece)."""
        link = self._link(link_id)
        W = link.weights
        if W.ndim < 2:
            raise DocumentError("this link has no weights")
        i = self._check_index(i, W.shape[0], "source neuron index")
        j = self._check_index(j, W.shape[1], "destination neuron index")
        idx: tuple = (i, j)
        if W.ndim == 3:
            if piece is None:
                raise DocumentError("a maxout link needs the piece number too")
            idx = (i, j, self._check_index(piece, W.shape[2], "piece"))
        elif W.ndim != 2:
            raise DocumentError("use set_weights for a kernel")
        elif piece is not None:
            raise DocumentError("only maxout links have pieces")
        v = _check_finite(value, "a weight")
        if link.mask is not None and not link.mask[i, j]:
            raise DocumentError(
                f"there is no edge from {self.neuron_label(link.src, i)} to "
                f"{self.neuron_label(link.dst, j)}; connect them first"
            )
        W[idx] = v
        self._bump(False)
        self._done((self.weights_changed, link_id))

    def set_weights(self, link_id: str, array) -> None:
        """Replace a link's whole weight array (masked entries are set to 0)."""
        link = self._link(link_id)
        W = self._check_array(array, link.weights.shape, f"the weights of {link_id}")
        if link.mask is not None:
            W[~link.mask] = 0.0
        link.weights = W
        self._bump(False)
        self._done((self.weights_changed, link_id))

    def set_bias(self, layer_id: str, j, value: float) -> None:
        """Set one bias (``j`` is a neuron index, or (neuron, piece) for maxout)."""
        layer = self._layer(layer_id)
        if not layer.use_bias:
            raise DocumentError(f"layer {layer_id} has no biases (use_bias is off)")
        B = layer.biases
        idx = j if isinstance(j, tuple) else (j,)
        if len(idx) != B.ndim:
            raise DocumentError(f"layer {layer_id}'s biases need {B.ndim} index(es)")
        idx = tuple(self._check_index(k, n, "bias index") for k, n in zip(idx, B.shape))
        B[idx] = _check_finite(value, "a bias")
        self._bump(False)
        self._done((self.layer_changed, layer_id))

    def set_biases(self, layer_id: str, array) -> None:
        """Replace a layer's biases."""
        layer = self._layer(layer_id)
        B = self._check_array(array, layer.biases.shape, f"the biases of {layer_id}")
        if not layer.use_bias and np.any(B != 0):
            raise DocumentError(f"layer {layer_id} has no biases (use_bias is off)")
        layer.biases = B
        self._bump(False)
        self._done((self.layer_changed, layer_id))

    def set_use_bias(self, layer_id: str, use_bias: bool) -> None:
        """Give a layer biases or fix them at 0 (turning them off zeroes them)."""
        layer = self._layer(layer_id)
        if layer.kind in NO_BIAS_KINDS and use_bias:
            raise DocumentError(f"a {layer.kind} layer has no biases")
        layer.use_bias = bool(use_bias)
        if not use_bias:
            layer.biases = np.zeros_like(layer.biases)
        self._bump(True)
        self._done((self.layer_changed, layer_id))

    def set_activation(self, layer_id: str, name: str, index: int | None = None) -> None:
        """Set the activation of one neuron (``index``) or of every neuron of a layer."""
        layer = self._layer(layer_id)
        act = _check_activation(name)
        if layer.kind in PARAM_ACTIVATION_KINDS:
            if index is not None:
                raise DocumentError(f"a {layer.kind} layer has one activation for all its units")
            layer.params["activation"] = act
        elif layer.kind != "dense":
            raise DocumentError(f"a {layer.kind} layer has no activation to choose")
        elif index is None:
            layer.activations = [act] * layer.size
        else:
            index = self._check_index(index, layer.size, "neuron index")
            layer.activations[index] = act
        self._bump(True)
        self._done((self.layer_changed, layer_id))

    def move_layer(self, layer_id: str, position) -> None:
        """Move a layer on the canvas."""
        layer = self._layer(layer_id)
        layer.position = self._check_position(position)
        self._bump(False)
        self._done((self.layer_moved, layer_id))

    def set_label(self, layer_id: str, label: str) -> None:
        """Rename a layer on the canvas."""
        layer = self._layer(layer_id)
        layer.label = self._check_text(label, "label")
        self._bump(False)
        self._done((self.layer_changed, layer_id))

    def set_neuron_labels(self, layer_id: str, labels) -> None:
        """Label a layer's neurons (e.g. ``["A", "B"]``); None restores x1.., h1.., y1..."""
        layer = self._layer(layer_id)
        layer.neuron_labels = (
            None if labels is None else self._check_neuron_labels(labels, layer.size)
        )
        self._bump(False)
        self._done((self.layer_changed, layer_id))

    def set_layer_params(self, layer_id: str, **params) -> None:
        """Change kind-specific parameters (pieces, kernel, stride, window, hidden...)."""
        layer = self._layer(layer_id)
        new = _check_params(layer.kind, {**layer.params, **params})
        if layer.kind in DERIVED_KINDS:
            # A layer whose shape stops fitting is allowed (the canvas shows it, compile
            # explains it) but an absurd size is not.
            trial = layer.copy()
            trial.params = new
            ins = self._in_shape(layer_id)
            try:
                shp = derived_shape(trial, ins)
                _check_size(int(np.prod(shp)), f"layer {layer_id}'s size")
            except DocumentError as e:
                if "absurd" in str(e):
                    raise
        old = layer.params
        layer.params = new
        try:
            self._check_total_weights()
        except DocumentError:
            layer.params = old
            raise
        rec = layer_kind(layer.kind)
        for name, shp in (rec.arrays(layer) if rec.arrays else {}).items():
            layer.arrays[name] = _resize(layer.arrays.get(name, np.zeros((0,) * len(shp))), shp)
        changed = self._reconcile(force=[layer_id])
        self._bump(True)
        self._done((self.layer_changed, layer_id), *self._links_of(layer_id), *changed)

    def set_layer_array(self, layer_id: str, name: str, array) -> None:
        """Replace a layer-held parameter array (the RNN's recurrent weights ``"Wh"``)."""
        layer = self._layer(layer_id)
        if name not in layer.arrays:
            raise DocumentError(f"layer {layer_id} has no array {name!r}")
        layer.arrays[name] = self._check_array(
            array, layer.arrays[name].shape, f"{layer_id}.{name}"
        )
        self._bump(False)
        self._done((self.layer_changed, layer_id))

    # ----------------------------------------------------------------- bulk
    def set_all_weights(self, links: dict, biases: dict, arrays: dict | None = None) -> None:
        """Write many weight arrays at once (after training) with one ``weights_changed("")``.

        Shapes are checked first; nothing is written unless all fit.
        """
        checked_w = {
            lid: self._check_array(a, self._link(lid).weights.shape, f"weights of {lid}")
            for lid, a in links.items()
        }
        checked_b = {
            k: self._check_array(a, self._layer(k).biases.shape, f"biases of {k}")
            for k, a in biases.items()
        }
        checked_a = {}
        for (k, name), a in (arrays or {}).items():
            layer = self._layer(k)
            if name not in layer.arrays:
                raise DocumentError(f"layer {k} has no array {name!r}")
            checked_a[(k, name)] = self._check_array(a, layer.arrays[name].shape, f"{k}.{name}")
        for lid, W in checked_w.items():
            mask = self.links[lid].mask
            if mask is not None:
                W[~mask] = 0.0
            self.links[lid].weights = W
        for k, B in checked_b.items():
            if not self.layers[k].use_bias:
                B[...] = 0.0
            self.layers[k].biases = B
        for (k, name), A in checked_a.items():
            self.layers[k].arrays[name] = A
        self._bump(False)
        self._done((self.weights_changed, ""))

    def all_weights(self) -> tuple[dict, dict, dict]:
        """Copies of every weight array: (links, biases, arrays) as ``set_all_weights`` takes them.

        A training run is one undo step by these two: the weights before it and after it.
        """
        links = {k: link.weights.copy() for k, link in self.links.items()}
        biases = {k: layer.biases.copy() for k, layer in self.layers.items()}
        arrays = {
            (k, name): a.copy()
            for k, layer in self.layers.items()
            for name, a in layer.arrays.items()
        }
        return links, biases, arrays
