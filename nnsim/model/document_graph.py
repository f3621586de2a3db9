"""Read-only queries on a document's graph: lookups, links of a layer, order, roles, labels."""

from __future__ import annotations

import re

import numpy as np

from nnsim.model.specs import NEURON_KINDS, DocumentError, LayerSpec, LinkSpec

#: Layer indices written as superscripts in default neuron names (h¹1, h²1).
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class DocumentGraph:
    """Lookups and graph queries (mixed into ``NetworkDocument``; they change nothing)."""

    def _layer(self, layer_id) -> LayerSpec:
        try:
            return self.layers[layer_id]
        except (KeyError, TypeError):
            raise DocumentError(f"there is no layer {layer_id!r}") from None

    def _link(self, link_id) -> LinkSpec:
        try:
            return self.links[link_id]
        except (KeyError, TypeError):
            raise DocumentError(f"there is no link {link_id!r}") from None

    def _new_layer_id(self) -> str:
        n = 1
        nums = [int(m.group(1)) for k in self.layers if (m := re.fullmatch(r"L(\d+)", k))]
        if nums:
            n = max(nums) + 1
        while f"L{n}" in self.layers:
            n += 1
        return f"L{n}"

    def _new_link_id(self, src: str, dst: str) -> str:
        base = f"{src}-{dst}"
        lid, n = base, 2
        while lid in self.links:
            lid, n = f"{base}#{n}", n + 1
        return lid

    def link_between(self, src: str, dst: str) -> str | None:
        """The id of the link from ``src`` to ``dst``, or None."""
        for lid, link in self.links.items():
            if link.src == src and link.dst == dst:
                return lid
        return None

    def incoming(self, layer_id: str) -> list[str]:
        """Ids of the links into a layer, in the order they were made."""
        self._layer(layer_id)
        return [lid for lid, link in self.links.items() if link.dst == layer_id]

    def outgoing(self, layer_id: str) -> list[str]:
        """Ids of the links out of a layer."""
        self._layer(layer_id)
        return [lid for lid, link in self.links.items() if link.src == layer_id]

    def _reaches(self, start: str, goal: str) -> bool:
        """True when a path of links leads from ``start`` to ``goal``."""
        seen, todo = set(), [start]
        while todo:
            n = todo.pop()
            if n == goal:
                return True
            if n in seen:
                continue
            seen.add(n)
            todo.extend(link.dst for link in self.links.values() if link.src == n)
        return False

    def topological_order(self) -> list[str]:
        """Layer ids, every layer after its sources (the document never holds a cycle)."""
        order, state = [], {}

        def visit(n):
            if state.get(n):
                return
            state[n] = 1
            for link in self.links.values():
                if link.dst == n:
                    visit(link.src)
            order.append(n)

        for n in self.layers:
            visit(n)
        return order

    def input_layers(self) -> list[str]:
        """Ids of the input layers."""
        return [k for k, v in self.layers.items() if v.kind == "input"]

    def output_layers(self) -> list[str]:
        """Ids of the non-input layers that feed nothing."""
        srcs = {link.src for link in self.links.values()}
        return [k for k, v in self.layers.items() if v.kind != "input" and k not in srcs]

    def role(self, layer_id: str) -> str:
        """``"input"``, ``"output"`` or ``"hidden"``."""
        layer = self._layer(layer_id)
        if layer.kind == "input":
            return "input"
        return "output" if not self.outgoing(layer_id) else "hidden"

    def neuron_label(self, layer_id: str, j: int) -> str:
        """A neuron's label: the user's, or x1.. / h1.. / y1.. by the layer's role.

        With one hidden layer of neurons its units are h1, h2, … as in the book (and the
        worked example). With several, each name carries its hidden layer as a superscript,
        h¹1, h¹2, …, h²1, … (the layer index the generic notation writes o_j^(l) with), so
        no two neurons on one screen share a name.
        """
        layer = self._layer(layer_id)
        if layer.neuron_labels is not None and j < len(layer.neuron_labels):
            return layer.neuron_labels[j]
        return self._default_label(layer_id, j)

    def step_naming(self) -> tuple[dict, str]:
        """What a step-through of this network calls things: ``(labels, notation)``.

        ``labels`` maps each layer with user-given neuron labels to all its neurons'
        labels (the others keep the stepper's own names); ``notation`` is ``"auto"``
        (the book's symbols where the network has the book's shape) for a book-notation
        document, else ``"generic"``. The arguments ``make_stepper`` takes by those names.
        """
        labels = {
            lid: [self.neuron_label(lid, j) for j in range(layer.size)]
            for lid, layer in self.layers.items()
            if layer.neuron_labels is not None
        }
        return labels, "auto" if self.meta.notation == "book" else "generic"

    def edge_list(self, link_id: str) -> list[tuple[int, int]]:
        """The (i, j) neuron pairs a link connects (every pair for a full link)."""
        link = self._link(link_id)
        src, dst = self.layers[link.src], self.layers[link.dst]
        if link.mask is not None:
            return [(int(i), int(j)) for i, j in zip(*np.nonzero(link.mask))]
        if dst.kind in ("dense", "maxout"):
            return [(i, j) for i in range(src.size) for j in range(dst.size)]
        return []

    def is_standard_mlp(self) -> tuple[bool, str]:
        """Whether this is a multi-layer feedforward network in the book's sense (COURSE §4).

        Returns
        -------
        (bool, str)
            True and "" or False and the reason (in English; the GUI translates it).
        """
        if not self.layers:
            return False, "the network is empty"
        inputs = self.input_layers()
        if len(inputs) != 1:
            return False, f"a standard network has one input layer, this one has {len(inputs)}"
        for lid, layer in self.layers.items():
            if layer.kind not in ("input", "dense"):
                return False, f"layer {lid} is a {layer.kind} layer, not a layer of neurons"
        chain = [inputs[0]]
        seen = {inputs[0]}
        while True:
            outs = self.outgoing(chain[-1])
            if not outs:
                break
            if len(outs) > 1:
                dsts = ", ".join(self.links[o].dst for o in outs)
                return (
                    False,
                    f"layer {chain[-1]} feeds several layers ({dsts}): a link skips a layer",
                )
            link = self.links[outs[0]]
            if link.mask is not None and not link.mask.all():
                return False, f"link {outs[0]} is not a full connection"
            if len(self.incoming(link.dst)) > 1:
                return False, f"layer {link.dst} has several incoming links: a link skips a layer"
            chain.append(link.dst)
            seen.add(link.dst)
        if len(seen) != len(self.layers):
            rest = [k for k in self.layers if k not in seen]
            return False, f"layer {rest[0]} is not on the path from input to output"
        if len(chain) < 2:
            return False, "the network has no output layer"
        return True, ""

    def _in_shape(self, layer_id: str):
        inc = self.incoming(layer_id)
        if not inc:
            return None
        return self.layers[self.links[inc[0]].src].out_shape

    def _default_label(self, layer_id, index) -> str:
        role = self.role(layer_id)
        if role == "hidden" and self.layers[layer_id].kind in NEURON_KINDS:
            hidden = [
                n
                for n in self.topological_order()
                if self.layers[n].kind in NEURON_KINDS and self.role(n) == "hidden"
            ]
            if len(hidden) > 1:
                depth = str(hidden.index(layer_id) + 1).translate(_SUPERSCRIPT)
                return f"h{depth}{index + 1}"
        prefix = {"input": "x", "output": "y", "hidden": "h"}[role]
        return f"{prefix}{index + 1}"
