"""The document's structural operations: add and remove layers, neurons and links; reshape."""

from __future__ import annotations

import numpy as np

from nnsim.model.checks import _check_activation, _check_finite, _check_params, _check_size
from nnsim.model.layer_kinds import (
    IDENTITY_KINDS,
    NO_BIAS_KINDS,
    PARAM_ACTIVATION_KINDS,
    layer_kind,
)
from nnsim.model.shapes import _resize, bias_shape, fitted_shape, link_weight_shape
from nnsim.model.specs import (
    _ID_RE,
    DERIVED_KINDS,
    LAYER_KINDS,
    MAX_WEIGHTS,
    NEURON_KINDS,
    SINGLE_INPUT_KINDS,
    DocumentError,
    LayerSpec,
    LinkSpec,
)


class StructureOps:
    """Edits that change the graph or a shape (mixed into ``NetworkDocument``)."""

    # ----------------------------------------------------------------- layers
    def add_layer(
        self,
        kind: str,
        size: int = 1,
        *,
        position=(0, 0),
        activation: str = "sigmoid",
        params: dict | None = None,
        shape=None,
        label: str = "",
        layer_id: str | None = None,
        use_bias: bool = True,
        neuron_labels=None,
    ) -> str:
        """Add a layer and return its id.

        ``size`` is the number of neurons for input/dense/maxout layers (an input may give
        ``shape`` instead, e.g. ``(1, 28, 28)``); shaped kinds take their size from their
        input once connected.
        """
        if kind not in LAYER_KINDS:
            raise DocumentError(
                f"unknown layer kind {kind!r}; choose one of {', '.join(LAYER_KINDS)}"
            )
        if layer_id is None:
            layer_id = self._new_layer_id()
        elif not isinstance(layer_id, str) or not _ID_RE.match(layer_id):
            raise DocumentError(
                f"a layer id must be 1–40 letters, digits or _.:- characters, not {layer_id!r}"
            )
        if layer_id in self.layers:
            raise DocumentError(f"there is already a layer {layer_id!r}")
        pos = self._check_position(position)
        params = _check_params(kind, params)
        if kind in DERIVED_KINDS:
            if shape is not None:
                raise DocumentError(
                    f"a {kind} layer's shape follows from its input; set its parameters"
                )
            size, lshape = 0, None
        elif kind == "input" and shape is not None:
            lshape = self._check_shape(shape)
            size = int(np.prod(lshape))
        else:
            if shape is not None:
                raise DocumentError(f"a {kind} layer takes a size, not a shape")
            size = _check_size(size)
            lshape = (size,) if kind == "input" else None
        if kind == "dense":
            acts = [_check_activation(activation)] * size
        elif kind in PARAM_ACTIVATION_KINDS:
            acts = []
        else:
            acts = ["identity"] * size
        layer = LayerSpec(
            id=layer_id,
            kind=kind,
            size=size,
            shape=lshape,
            activations=acts,
            use_bias=bool(use_bias) and kind not in NO_BIAS_KINDS,
            params=params,
            position=pos,
            label=self._check_text(label, "label"),
        )
        layer.biases = np.zeros(bias_shape(layer))
        rec = layer_kind(kind)
        layer.arrays = {
            n: np.zeros(shp) for n, shp in (rec.arrays(layer) if rec.arrays else {}).items()
        }
        if neuron_labels is not None:
            layer.neuron_labels = self._check_neuron_labels(neuron_labels, size)
        self.layers[layer_id] = layer
        self._bump(True)
        self._done((self.layer_added, layer_id))
        return layer_id

    def remove_layer(self, layer_id: str) -> None:
        """Remove a layer and every link to or from it."""
        self._layer(layer_id)
        gone = [lid for lid, link in self.links.items() if layer_id in (link.src, link.dst)]
        for lid in gone:
            del self.links[lid]
        del self.layers[layer_id]
        changed = self._reconcile()
        self._bump(True)
        self._done(
            *[(self.link_removed, lid) for lid in gone],
            (self.layer_removed, layer_id),
            *changed,
        )

    def set_shape(self, layer_id: str, shape) -> None:
        """Set an input layer's per-sample shape, e.g. ``(1, 28, 28)`` (links resize)."""
        layer = self._layer(layer_id)
        if layer.kind != "input":
            raise DocumentError("only an input layer's shape is set directly")
        shape = self._check_shape(shape)
        size = int(np.prod(shape))
        if shape == layer.shape:
            return
        self._check_total_weights(extra_rows={layer_id: size})
        layer.shape, layer.size = shape, size
        layer.activations = ["identity"] * size
        layer.biases = np.zeros(size)
        if layer.neuron_labels is not None:
            layer.neuron_labels = (layer.neuron_labels + [""] * size)[:size]
        changed = self._reconcile()
        self._bump(True)
        self._done((self.layer_changed, layer_id), *changed)

    # ----------------------------------------------------------------- neurons
    def add_neuron(
        self, layer_id: str, index: int | None = None, *, activation=None, bias=0.0
    ) -> int:
        """Add one neuron to a layer of neurons and return its index.

        Links resize: the new neuron's weights are 0; a full link stays full, a masked link
        gets no edges for it.
        """
        layer = self._layer(layer_id)
        if layer.kind not in NEURON_KINDS:
            raise DocumentError(f"a {layer.kind} layer's size follows from its parameters")
        if layer.kind == "input" and layer.shape is not None and len(layer.shape) > 1:
            raise DocumentError("this input has a shape of images; change its shape instead")
        if index is None:
            index = layer.size
        index = self._check_index(index, layer.size + 1, "neuron index")
        _check_size(layer.size + 1)
        if layer.kind == "dense":
            act = _check_activation(activation if activation is not None else layer.activations[-1])
        else:
            if activation not in (None, "identity"):
                raise DocumentError(f"{layer.kind} neurons have no activation to choose")
            act = "identity"
        b = _check_finite(bias, "a bias")
        if b != 0 and not layer.use_bias:
            raise DocumentError("this layer has no biases (use_bias is off)")
        self._check_total_weights(extra_rows={layer_id: layer.size + 1})
        layer.size += 1
        if layer.kind == "input":
            layer.shape = (layer.size,)
        layer.activations.insert(index, act)
        if layer.kind == "maxout":
            layer.biases = np.insert(layer.biases, index, b, axis=0)
        else:
            layer.biases = np.insert(layer.biases, index, b)
        if layer.neuron_labels is not None:
            layer.neuron_labels.insert(index, self._default_label(layer_id, index))
        for lid in self.incoming(layer_id):
            link = self.links[lid]
            link.weights = np.insert(link.weights, index, 0.0, axis=1)
            if link.mask is not None:
                link.mask = np.insert(link.mask, index, False, axis=1)
        for lid in self.outgoing(layer_id):
            link = self.links[lid]
            if self.layers[link.dst].kind in ("dense", "maxout", "rnn"):
                link.weights = np.insert(link.weights, index, 0.0, axis=0)
                if link.mask is not None:
                    link.mask = np.insert(link.mask, index, False, axis=0)
        changed = self._reconcile()
        self._bump(True)
        self._done((self.layer_changed, layer_id), *self._links_of(layer_id), *changed)
        return index

    def remove_neuron(self, layer_id: str, index: int) -> None:
        """Remove one neuron and its weights (a layer keeps at least one neuron)."""
        layer = self._layer(layer_id)
        if layer.kind not in NEURON_KINDS:
            raise DocumentError(f"a {layer.kind} layer's size follows from its parameters")
        if layer.kind == "input" and layer.shape is not None and len(layer.shape) > 1:
            raise DocumentError("this input has a shape of images; change its shape instead")
        index = self._check_index(index, layer.size, "neuron index")
        if layer.size == 1:
            raise DocumentError("a layer needs at least one neuron; remove the layer instead")
        layer.size -= 1
        if layer.kind == "input":
            layer.shape = (layer.size,)
        del layer.activations[index]
        layer.biases = np.delete(layer.biases, index, axis=0)
        if layer.neuron_labels is not None:
            del layer.neuron_labels[index]
        for lid in self.incoming(layer_id):
            link = self.links[lid]
            link.weights = np.delete(link.weights, index, axis=1)
            if link.mask is not None:
                link.mask = np.delete(link.mask, index, axis=1)
        for lid in self.outgoing(layer_id):
            link = self.links[lid]
            if self.layers[link.dst].kind in ("dense", "maxout", "rnn"):
                link.weights = np.delete(link.weights, index, axis=0)
                if link.mask is not None:
                    link.mask = np.delete(link.mask, index, axis=0)
        # A masked link whose last edge went is removed, as disconnect would.
        emptied = [
            lid
            for lid in self.incoming(layer_id) + self.outgoing(layer_id)
            if self.links[lid].mask is not None and not self.links[lid].mask.any()
        ]
        for lid in emptied:
            del self.links[lid]
        changed = self._reconcile()
        self._bump(True)
        self._done(
            (self.layer_changed, layer_id),
            *[(self.link_removed, lid) for lid in emptied],
            *self._links_of(layer_id),
            *changed,
        )

    def _links_of(self, layer_id):
        return [
            (self.weights_changed, lid)
            for lid, link in self.links.items()
            if layer_id in (link.src, link.dst)
        ]

    # ----------------------------------------------------------------- links
    def connect(
        self,
        src: str,
        dst: str,
        src_index: int | None = None,
        dst_index: int | None = None,
        *,
        weights=None,
    ) -> str:
        """Connect two layers (indices None) or two neurons; return the link id.

        A neuron-to-neuron edge is a link whose mask holds that entry; connecting neurons
        of layers that are already linked adds the entry to the existing link's mask.
        ``weights`` optionally gives the new link's weights (or the new edge's weight).
        A cycle is refused.
        """
        s, d = self._layer(src), self._layer(dst)
        if src == dst:
            raise DocumentError("a layer cannot connect to itself (that would be a loop)")
        if d.kind == "input":
            raise DocumentError("an input layer takes no incoming links")
        if self._reaches(dst, src):
            raise DocumentError(
                f"connecting {src} → {dst} would close a loop ({dst} already feeds {src}); "
                "only an RNN layer may loop, inside itself"
            )
        if (src_index is None) != (dst_index is None):
            raise DocumentError("give both neuron indices, or neither for a full link")
        existing = self.link_between(src, dst)
        if existing is None and d.kind in SINGLE_INPUT_KINDS and self.incoming(dst):
            raise DocumentError(f"a {d.kind} layer takes exactly one incoming link")
        if src_index is not None:
            if d.kind != "dense":
                raise DocumentError(
                    f"single neuron-to-neuron edges go into dense layers, not a {d.kind} layer"
                )
            i = self._check_index(src_index, s.size, "source neuron index")
            j = self._check_index(dst_index, d.size, "destination neuron index")
            w = 0.0 if weights is None else _check_finite(weights, "the edge's weight")
            if existing is not None:
                link = self.links[existing]
                if link.mask is None or link.mask[i, j]:
                    if weights is not None:
                        link.weights[i, j] = w
                        self._bump(False)
                        self._done((self.weights_changed, existing))
                    return existing
                link.mask[i, j] = True
                link.weights[i, j] = w
                self._bump(True)
                self._done((self.weights_changed, existing))
                return existing
            self._check_total_weights(new_link=(src, dst))
            lid = self._new_link_id(src, dst)
            mask = np.zeros((s.size, d.size), bool)
            mask[i, j] = True
            W = np.zeros((s.size, d.size))
            W[i, j] = w
            self.links[lid] = LinkSpec(lid, src, dst, W, mask)
            self._bump(True)
            self._done((self.link_added, lid))
            return lid
        shape = link_weight_shape(s, d)
        if weights is not None:
            W = self._check_array(weights, shape, "the link's weights")
        if existing is not None:
            link = self.links[existing]
            structural = link.mask is not None
            if not structural and weights is None:
                return existing
            link.mask = None
            if weights is not None:
                link.weights = W
            self._bump(structural)
            self._done((self.weights_changed, existing))
            return existing
        self._check_total_weights(new_link=(src, dst))
        lid = self._new_link_id(src, dst)
        self.links[lid] = LinkSpec(
            lid, src, dst, W if weights is not None else np.zeros(shape), None
        )
        changed = self._reconcile()
        self._bump(True)
        self._done((self.link_added, lid), *changed)
        return lid

    def disconnect(
        self, src: str, dst: str, src_index: int | None = None, dst_index: int | None = None
    ) -> None:
        """Remove a link (indices None) or one edge of it; an empty mask removes the link."""
        s, d = self._layer(src), self._layer(dst)
        lid = self.link_between(src, dst)
        if lid is None:
            raise DocumentError(f"{src} and {dst} are not connected")
        link = self.links[lid]
        if (src_index is None) != (dst_index is None):
            raise DocumentError("give both neuron indices, or neither to remove the whole link")
        if src_index is not None:
            i = self._check_index(src_index, s.size, "source neuron index")
            j = self._check_index(dst_index, d.size, "destination neuron index")
            if d.kind != "dense":
                raise DocumentError(f"single edges into a {d.kind} layer cannot be removed")
            mask = np.ones(link.weights.shape, bool) if link.mask is None else link.mask.copy()
            if not mask[i, j]:
                raise DocumentError(
                    f"there is no edge from {self.neuron_label(src, i)} to {self.neuron_label(dst, j)}"
                )
            mask[i, j] = False
            if mask.any():
                link.mask = mask
                link.weights[i, j] = 0.0
                self._bump(True)
                self._done((self.weights_changed, lid))
                return
        del self.links[lid]
        changed = self._reconcile()
        self._bump(True)
        self._done((self.link_removed, lid), *changed)

    # ----------------------------------------------------------------- internals
    def _reconcile(self, force=()) -> list:
        """Recompute derived shapes downstream and resize arrays to match.

        Returns the (signal, id) pairs to emit for layers and links that changed.
        Keeps the overlapping block of resized arrays (new entries 0).
        """
        out = []
        for lid in self.topological_order():
            layer = self.layers[lid]
            before = (layer.size, layer.shape)
            if layer.kind in DERIVED_KINDS:
                shp, size = fitted_shape(layer, self._in_shape(lid))
                layer.shape, layer.size = shp, size
                if layer.kind in IDENTITY_KINDS:
                    layer.activations = ["identity"] * size
            bshape = bias_shape(layer)
            moved = before != (layer.size, layer.shape)
            if layer.biases.shape != bshape:
                layer.biases = _resize(layer.biases, bshape)
                moved = True
            if len(layer.activations) != layer.size and layer.kind in NEURON_KINDS:
                fill = layer.activations[-1] if layer.activations else "identity"
                layer.activations = (layer.activations + [fill] * layer.size)[: layer.size]
                moved = True
            if moved or lid in force:
                if (self.layer_changed, lid) not in out:
                    out.append((self.layer_changed, lid))
            for kid in self.incoming(lid):
                link = self.links[kid]
                want = link_weight_shape(self.layers[link.src], layer)
                if link.weights.shape != tuple(want):
                    link.weights = _resize(link.weights, tuple(want))
                    if link.mask is not None:
                        if len(want) == 2:
                            link.mask = _resize(link.mask, tuple(want), False)
                        else:
                            link.mask = None
                    if link.mask is not None and not link.mask.any():
                        # Its last edge went with the resize (a source that lost its
                        # input has no neurons): removed, as disconnect would.
                        del self.links[kid]
                        out.append((self.link_removed, kid))
                        continue
                    out.append((self.weights_changed, kid))
        return out

    def _check_total_weights(self, extra_rows=None, new_link=None) -> None:
        """Refuse an edit that would push the document past ``MAX_WEIGHTS`` parameters."""
        sizes = {k: v.size for k, v in self.layers.items()}
        sizes.update(extra_rows or {})
        total = 0
        pairs = [(link.src, link.dst) for link in self.links.values()]
        if new_link:
            pairs.append(new_link)
        for s, d in pairs:
            dst = self.layers[d]
            if dst.kind in ("dense", "maxout"):
                total += (
                    sizes[s]
                    * sizes[d]
                    * (int(dst.params.get("pieces", 1)) if dst.kind == "maxout" else 1)
                )
            else:
                total += int(np.prod(link_weight_shape(self.layers[s], dst)))
        if total > MAX_WEIGHTS:
            raise DocumentError(
                f"that would make {total:,} weights; nnsim's limit is {MAX_WEIGHTS:,}"
            )
