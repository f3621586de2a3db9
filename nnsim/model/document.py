"""The network document a user edits: layers, neurons, links, weights, settings; Qt-free, psygnal signals.

The class is assembled from mixins kept in their own modules: ``document_graph`` (queries),
``document_structure`` (layers, neurons, links), ``document_values`` (weights and other
values); the specs, shape rules, value checks and settings live in ``specs``, ``shapes``,
``checks`` and ``settings``. Their public names are re-exported here.
"""

from __future__ import annotations

import copy
from dataclasses import fields

from psygnal import Signal

from nnsim.model import settings_rules
from nnsim.model.checks import DocumentChecks
from nnsim.model.document_graph import DocumentGraph
from nnsim.model.document_structure import StructureOps
from nnsim.model.document_values import ValueOps
from nnsim.model.events import FieldChange, FieldEvents, field_changes
from nnsim.model.settings import (
    NOTATIONS,
    SETTINGS_FIELDS,
    VIEWS,
    Meta,
    Settings,
    _meta_value,
    _settings_value,
)
from nnsim.model.shapes import (
    bias_shape,
    conv_output_shape,
    derived_shape,
    link_weight_shape,
    pool_output_shape,
    rnn_output_shape,
)
from nnsim.model.specs import (
    DERIVED_KINDS,
    IDENTITY_KINDS,
    LAYER_KINDS,
    MAX_LAYER_SIZE,
    MAX_WEIGHTS,
    NEURON_KINDS,
    NO_BIAS_KINDS,
    PARAM_ACTIVATION_KINDS,
    RNN_MODES,
    SINGLE_INPUT_KINDS,
    DocumentError,
    LayerSpec,
    LinkSpec,
    _plain,
)

__all__ = [
    "DERIVED_KINDS",
    "IDENTITY_KINDS",
    "NO_BIAS_KINDS",
    "PARAM_ACTIVATION_KINDS",
    "LAYER_KINDS",
    "MAX_LAYER_SIZE",
    "MAX_WEIGHTS",
    "NEURON_KINDS",
    "NOTATIONS",
    "RNN_MODES",
    "SINGLE_INPUT_KINDS",
    "VIEWS",
    "DocumentError",
    "LayerSpec",
    "LinkSpec",
    "Meta",
    "NetworkDocument",
    "Settings",
    "bias_shape",
    "conv_output_shape",
    "derived_shape",
    "link_weight_shape",
    "pool_output_shape",
    "rnn_output_shape",
]


# --------------------------------------------------------------------------- document
class NetworkDocument(DocumentGraph, StructureOps, ValueOps, DocumentChecks):
    """The network a user edits, with validated operations and change signals.

    Every operation validates first and raises ``DocumentError`` (a ``ValueError``) with a
    message a student understands, leaving the document unchanged; on success it bumps
    ``revision`` and emits its specific signal followed by ``changed``.

    ``structure_revision`` is bumped only by changes that need a new engine network
    (layers, links, masks, sizes, activations, params, dtype); weight, bias, position and
    text edits bump ``revision`` alone, so a session can push new weights into the compiled
    network instead of rebuilding it.

    ``settings_events`` (a ``FieldEvents``) tells which training setting changed, with its
    old and new value: one event per field of ``Settings``, and ``"data"`` for the table
    kept with the network. Every operation that changes them emits each changed field once,
    after the whole change is written, in the order of the fields, before its own signals:
    ``update_settings`` and ``set_data`` (then ``settings_changed``), ``restore`` (then
    ``reset``; an undo that brings settings back says so too).
    """

    layer_added = Signal(str)
    layer_removed = Signal(str)
    layer_changed = Signal(str)
    layer_moved = Signal(str)
    link_added = Signal(str)
    link_removed = Signal(str)
    weights_changed = Signal(str)
    settings_changed = Signal()
    meta_changed = Signal()
    reset = Signal()
    changed = Signal()

    def __init__(self, settings: Settings | None = None, meta: Meta | None = None):
        self.layers: dict[str, LayerSpec] = {}
        self.links: dict[str, LinkSpec] = {}
        self.settings = settings if settings is not None else Settings()
        self.meta = meta if meta is not None else Meta()
        #: The document's own data (a ``nnsim.model.datasection.DataSection``) or None.
        self.data = None
        #: Per-field change events of the settings (and ``"data"``); see the class docstring.
        self.settings_events = FieldEvents((*SETTINGS_FIELDS, "data"))
        self.revision = 0
        self.structure_revision = 0

    # ----------------------------------------------------------------- helpers
    def _bump(self, structural: bool) -> None:
        self.revision += 1
        if structural:
            self.structure_revision += 1

    def _settings_state(self) -> dict:
        """The settings fields and the data, by name (the values, not copies)."""
        return {**{k: getattr(self.settings, k) for k in SETTINGS_FIELDS}, "data": self.data}

    def _emit_settings(self, before: dict) -> None:
        """Emit a ``FieldChange`` for every setting (or the data) that differs from ``before``."""
        after = self._settings_state()
        changes = field_changes(
            {k: v for k, v in before.items() if k != "data"},
            {k: v for k, v in after.items() if k != "data"},
        )
        if before["data"] is not after["data"]:  # a table is immutable: identity says it
            changes.append(FieldChange("data", before["data"], after["data"]))
        self.settings_events.emit(changes)

    def _done(self, *signals) -> None:
        """Emit (signal, args...) tuples, then ``changed``."""
        for sig, *args in signals:
            sig.emit(*args)
        self.changed.emit()

    # ----------------------------------------------------------------- settings
    def update_settings(self, **fields_) -> None:
        """Change training settings; every field is validated before any is applied.

        The data set's parameters are checked against the data set (the new one when both
        change); a new data set without new parameters keeps those of the old one that it
        takes too.
        """
        names = set(SETTINGS_FIELDS)
        clean = {}
        for k, v in fields_.items():
            if k not in names:
                raise DocumentError(f"there is no setting {k!r}")
            if k != "dataset_params":
                clean[k] = _settings_value(k, v)
        dataset = clean.get("dataset", self.settings.dataset)
        if "dataset_params" in fields_:
            clean["dataset_params"] = _settings_value(
                "dataset_params", fields_["dataset_params"], dataset
            )
        elif dataset != self.settings.dataset:
            clean["dataset_params"] = settings_rules.carry_params(
                dataset, self.settings.dataset_params
            )
        if not clean:
            return
        structural = "dtype" in clean and clean["dtype"] != self.settings.dtype
        before = self._settings_state()
        for k, v in clean.items():
            setattr(self.settings, k, v)
        self._bump(structural)
        self._emit_settings(before)
        self._done((self.settings_changed,))

    def set_data(self, section) -> None:
        """Keep a data table with the network (a ``DataSection``, or None to drop it).

        Emits ``settings_changed``: what the network trains on changed. Choosing it for
        training is a settings change of its own (``dataset="csv"``).
        """
        from nnsim.model.datasection import DataSection

        if section is not None and not isinstance(section, DataSection):
            raise DocumentError(f"the data must be a DataSection or None, not {section!r}")
        before = self._settings_state()
        self.data = section
        self._bump(False)
        self._emit_settings(before)
        self._done((self.settings_changed,))

    def update_meta(self, **fields_) -> None:
        """Change titles, notes, lesson name, notation or view."""
        names = {f.name for f in fields(Meta)}
        clean = {}
        for k, v in fields_.items():
            if k not in names:
                raise DocumentError(f"there is no meta field {k!r}")
            clean[k] = _meta_value(k, v)
        if not clean:
            return
        for k, v in clean.items():
            setattr(self.meta, k, v)
        self._bump(False)
        self._done((self.meta_changed,))

    def snapshot(self) -> dict:
        """A deep copy of the whole content, for undo of structural edits."""
        return {
            "layers": {k: v.copy() for k, v in self.layers.items()},
            "links": {k: v.copy() for k, v in self.links.items()},
            "settings": copy.deepcopy(self.settings),
            "meta": copy.deepcopy(self.meta),
            "data": self.data,  # immutable: shared, not copied
        }

    def restore(self, snapshot: dict) -> None:
        """Replace the whole content by a ``snapshot()``.

        Emits the ``settings_events`` of the settings it changes, then ``reset``.
        """
        try:
            layers = {k: v.copy() for k, v in snapshot["layers"].items()}
            links = {k: v.copy() for k, v in snapshot["links"].items()}
            settings = copy.deepcopy(snapshot["settings"])
            meta = copy.deepcopy(snapshot["meta"])
        except (KeyError, AttributeError, TypeError):
            raise DocumentError("not a snapshot of a document") from None
        before = self._settings_state()
        self.layers, self.links, self.settings, self.meta = layers, links, settings, meta
        self.data = snapshot.get("data")
        self._bump(True)
        self._emit_settings(before)
        self._done((self.reset,))

    def replace_with(self, other: NetworkDocument) -> None:
        """Take over another document's content (e.g. after a load); emits ``reset``."""
        self.restore(other.snapshot())

    def copy(self) -> NetworkDocument:
        """An independent copy (signals are not connected)."""
        doc = NetworkDocument()
        snap = self.snapshot()
        doc.layers, doc.links = snap["layers"], snap["links"]
        doc.settings, doc.meta = snap["settings"], snap["meta"]
        doc.data = snap["data"]
        return doc

    def __eq__(self, other):
        if not isinstance(other, NetworkDocument):
            return NotImplemented
        return (
            list(self.layers) == list(other.layers)
            and list(self.links) == list(other.links)
            and all(self.layers[k] == other.layers[k] for k in self.layers)
            and all(self.links[k] == other.links[k] for k in self.links)
            and _plain(vars(self.settings)) == _plain(vars(other.settings))
            and vars(self.meta) == vars(other.meta)
            and self.data == other.data
        )

    __hash__ = object.__hash__  # identity: documents are mutable

    def __repr__(self) -> str:
        return f"NetworkDocument({len(self.layers)} layers, {len(self.links)} links, rev {self.revision})"

    # ----------------------------------------------------------------- dicts
    def to_dict(self) -> dict:
        """JSON-ready content (nested lists for arrays); see ``nnsim.model.fileformat``."""
        from nnsim.model.serialize import document_to_dict

        return document_to_dict(self)

    @classmethod
    def from_dict(cls, d: dict) -> NetworkDocument:
        """Build a document from ``to_dict()`` output, validating everything.

        Raises
        ------
        DocumentError
            Naming the field path, e.g. ``layers[1].biases: expected 2 numbers, got 3``.
        """
        from nnsim.model.serialize import document_from_dict

        return document_from_dict(d)
