"""The layer-kind registry: one record per kind of layer a document may hold.

A record holds the kind's shape rule, the shapes of its weights and biases, its
parameter check, the engine layer it compiles to and what the document may do with it
(neurons, biases, an activation) and, for the kinds the editor offers, its palette entry
(tooltip in both languages, icon, a new layer's size and label). The document, the
compiler, the file schema, the palette and the interface's names read it; the GUI registers an inspector panel per kind on its side
(nnsim.gui.inspectors.register_layer_panel), so Qt stays out of the model.
Adding a kind is one :func:`register_layer_kind` call (CONTRIBUTING.md). The built-in
kinds are registered by nnsim.model.builtin_layer_kinds on first use of the registry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PaletteEntry:
    """How a layer kind appears in the editor's palette (the button's title is the kind's label).

    Parameters
    ----------
    tip_en, tip_zh : str
        The button's tooltip, English and Chinese.
    icon : {"dense", "maxout", "box"}
        How the palette draws the button's icon: a column of neurons, the same with
        "max", or a grid (any other value draws the grid).
    size : int
        Neurons of a layer dropped from the palette (kinds with ``neurons``; others get
        their size from their input).
    label : str
        The dropped layer's label ("hidden" is shown translated).
    """

    tip_en: str
    tip_zh: str
    icon: str = "box"
    size: int = 1
    label: str = ""

    def tip(self, lang: str = "en") -> str:
        """The tooltip in ``lang`` ("en", "zh" or "zh_CN")."""
        return self.tip_zh if str(lang).startswith("zh") else self.tip_en


@dataclass(frozen=True)
class LayerKind:
    """Everything the model knows about one kind of layer.

    Parameters
    ----------
    name : str
        As files spell it (``"conv2d"``).
    label_en, label_zh : str
        The kind's name in the interface, English and Chinese.
    build : callable
        ``build(layer, inputs, masks) -> engine Layer`` for a LayerSpec whose incoming
        links come from the engine layers named ``inputs`` (with their masks). Raise an
        EngineError with a sentence for the student when it cannot be built.
    shape_rule : callable or None
        ``shape_rule(layer, in_shape) -> out_shape`` for a kind whose shape follows from
        its input (raise DocumentError when it does not fit); None when the user sets the
        number of neurons.
    weight_shape : callable or None
        ``weight_shape(src, dst) -> shape`` of the weights of a link into this kind;
        None: such links carry no weights.
    bias_shape : callable or None
        ``bias_shape(layer) -> shape``; None: no biases (an empty array).
    params : callable or None
        ``params(p, pos_int) -> allowed names``: completes and checks the dict ``p`` in
        place (``pos_int(name, default, minimum=1)`` checks a whole number) and returns
        the parameter names the kind has; None: no parameters.
    link_param : callable or None
        ``link_param(k) -> engine parameter name`` of the k-th incoming link's weights
        (``"W0"``); None: links carry no weights.
    arrays : callable or None
        ``arrays(layer) -> {name: shape}`` of the layer's own weight arrays besides its
        biases (the RNN's ``Wh``).
    neurons : bool
        The user adds and removes its neurons one by one (input, dense, maxout).
    single_input : bool
        It takes exactly one incoming link.
    has_bias : bool
        It may have biases (``use_bias``).
    activation : {"neurons", "params", None}
        One activation per neuron (dense), one in ``params["activation"]`` (conv, rnn),
        or none (identity).
    torch : callable or None
        ``torch(e)`` appends the PyTorch lines of one layer to ``e.init`` and ``e.fwd``
        (an ``ExportLayer``, nnsim.model.export_torch_layers); None: not exportable.
    palette : PaletteEntry or None
        Its button in the editor's palette; None: not offered there (files may still
        hold it).
    """

    name: str
    label_en: str
    label_zh: str
    build: Callable = field(repr=False)
    shape_rule: Callable | None = field(default=None, repr=False)
    weight_shape: Callable | None = field(default=None, repr=False)
    bias_shape: Callable | None = field(default=None, repr=False)
    params: Callable | None = field(default=None, repr=False)
    link_param: Callable | None = field(default=None, repr=False)
    arrays: Callable | None = field(default=None, repr=False)
    neurons: bool = False
    single_input: bool = True
    has_bias: bool = False
    activation: str | None = None
    torch: Callable | None = field(default=None, repr=False)
    palette: PaletteEntry | None = field(default=None, repr=False)

    def label(self, lang: str = "en") -> str:
        """The display name in ``lang`` ("en", "zh" or "zh_CN")."""
        return self.label_zh if str(lang).startswith("zh") else self.label_en


_KINDS: dict[str, LayerKind] = {}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_loaded = False


def _registry() -> dict[str, LayerKind]:
    global _loaded
    if not _loaded:
        _loaded = True  # first, so the built-ins' own registrations do not recurse
        from nnsim.model import builtin_layer_kinds  # noqa: F401  (registers them)
    return _KINDS


def register_layer_kind(kind: LayerKind, *, replace: bool = False) -> LayerKind:
    """Add a layer kind to the document, the compiler, files and the interface.

    Raises
    ------
    ValueError
        For a name that is not lower-case letters, digits and ``_``, or already taken.
    """
    kinds = _registry()
    if not _NAME.match(kind.name):
        raise ValueError(f"layer kind {kind.name!r}: use lower-case letters, digits and _")
    if kind.name in kinds and not replace:
        raise ValueError(f"layer kind {kind.name!r} is already registered")
    if kind.activation not in (None, "neurons", "params"):
        raise ValueError(f"layer kind {kind.name!r}: activation is 'neurons', 'params' or None")
    kinds[kind.name] = kind
    return kind


def unregister_layer_kind(name: str) -> None:
    """Remove a layer kind (tests that register their own clean up with it)."""
    _registry().pop(name, None)


def layer_kind(name: str) -> LayerKind | None:
    """The record of kind ``name``, or None for an unknown kind."""
    return _registry().get(name)


class KindList(Sequence):
    """The registered kind names that pass a test, read afresh at every use.

    Behaves as the tuples it replaces (``kind in DERIVED_KINDS``, iteration, join), so a
    kind registered later is in every list that fits it.
    """

    def __init__(self, test: Callable[[LayerKind], bool] = lambda k: True):
        self._test = test

    def _names(self) -> tuple:
        return tuple(n for n, k in _registry().items() if self._test(k))

    def __getitem__(self, i):
        return self._names()[i]

    def __len__(self) -> int:
        return len(self._names())

    def __contains__(self, name) -> bool:
        k = _registry().get(name) if isinstance(name, str) else None
        return k is not None and bool(self._test(k))

    def __iter__(self):
        return iter(self._names())

    def __eq__(self, other) -> bool:
        return (
            tuple(self) == tuple(other)
            if isinstance(other, (tuple, list, KindList))
            else NotImplemented
        )

    def __hash__(self):
        return hash(self._names())

    def __repr__(self) -> str:
        return repr(self._names())


#: Layer kinds a document may hold, in the order the editor's palette shows them.
LAYER_KINDS = KindList()
#: Kinds whose shape follows from their input (the user sets parameters, not a size).
DERIVED_KINDS = KindList(lambda k: k.shape_rule is not None)
#: Kinds that take exactly one incoming link.
SINGLE_INPUT_KINDS = KindList(lambda k: k.single_input)
#: Kinds whose neurons the user adds and removes one by one.
NEURON_KINDS = KindList(lambda k: k.neurons)
#: Kinds that have no biases.
NO_BIAS_KINDS = KindList(lambda k: not k.has_bias)
#: Kinds with one activation for all their units, kept in ``params["activation"]``.
PARAM_ACTIVATION_KINDS = KindList(lambda k: k.activation == "params")
#: Derived kinds without an activation: every unit is the identity.
IDENTITY_KINDS = KindList(lambda k: k.shape_rule is not None and k.activation is None)
#: Kinds the editor's palette offers, in the order it shows them.
PALETTE_KINDS = KindList(lambda k: k.palette is not None)
