"""Step records and stepping through them: what every step-through (BP, perceptron) shares.

A record (``StepRecord``) carries the numbers of one formula and its text with those
numbers substituted; a ``RecordSequence`` steps through a pass's records one by one (or
by neuron, layer, sample, phase), writing each update record's new value into the
network and the old one back when stepping back.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from nnsim.engine.errors import EngineError
from nnsim.engine.notation import factor, fmt, word

#: The phases of a pass, in the order their records come (per sample for the first three).
PHASES = ("forward", "loss", "backward", "update")
#: How records can be grouped into coarser steps (see ``RecordSequence.group_key``).
GROUPINGS = ("record", "neuron", "layer", "sample", "phase", "batch")


class StepperError(EngineError):
    """The step-through cannot show this network or this input; the message says why."""


@dataclass(frozen=True, eq=False)
class StepRecord:
    """One step of the step-through: one neuron's forward or backward formula, the
    loss, or one weight's update.

    Attributes
    ----------
    phase : str
        "forward", "loss", "backward" or "update" (the perceptron's comparison y − ŷ is
        its "loss" record; it has no "backward").
    layer : str or None
        The engine layer of the neuron or parameter (the output layer for a loss record).
    neuron : int or None
        0-based neuron index in ``layer`` (the target neuron of an update).
    sample : int or None
        0-based sample index in the batch; None for the batch's loss and the updates.
    index : tuple of int or None
        Updates only: where the parameter sits in the engine's array, ``(i, j)`` for
        ``W{k}[i, j]`` (from neuron i of ``source`` to neuron j) and ``(j,)`` for the bias.
    symbol : str
        The quantity's name in the chosen notation (1-based), e.g. ``"b_1"``, ``"g_1"``,
        ``"w_21"``, ``"θ_1"``, ``"δ_2^(1)"``.
    value : float
        Its value: the neuron's output (forward), the error (loss), the gradient term
        (backward: the book's g_j / e_h = −δ, or δ = ∂E/∂net in generic notation), the
        new value of the parameter as the notation shows it (update: θ = −b for the
        book's thresholds).
    terms : tuple of tuple
        The numbers of the formula: forward (x_i, w_i) per incoming edge; loss (ŷ_j, y_j)
        per output (E_k per sample for the batch's loss); backward, output layer
        (ŷ_j, y_j), hidden layer (w, gradient term) per outgoing edge with the OLD
        weights; update (gradient term, input) per sample for a weight, (gradient term,)
        for a bias.
    sources : tuple
        Aligned with ``terms``: forward (layer, i) of each input neuron; backward
        (layer, j) of each downstream neuron; update the sample index.
    details : mapping
        Named numbers: forward ``sum`` (Σ w x), ``bias``, ``net`` (= sum + bias, what
        f is applied to), ``out``, ``activation``; backward ``delta`` (∂E/∂net),
        ``fprime`` (f′(net)), ``dout`` (∂E/∂out); BP update the numbers of
        ``UpdatePlan.entry`` (``grad`` ∂E/∂p of the data, ``total`` with the penalty,
        ``change``; momentum ``v_old``, ``v_new``; Adam ``t``, ``m``, ``v``, ``m_hat``,
        ``v_hat``), as the notation shows the parameter; perceptron comparison ``target``,
        ``out``, ``error`` (y − ŷ) and its updates ``error``.
    param, source : str or None
        Updates: the engine parameter (``"W0"``, ``"W1"``, ``"b"``) and the layer the
        weight comes from.
    old, change, new : float or None
        Updates: the parameter before, its change Δ and after, as the notation shows it.
    param_old, param_new : float or None
        Updates: the same in the engine's convention (bias b), the numbers written into
        the network when the record is stepped forward and back.
    """

    phase: str
    layer: str | None
    neuron: int | None
    sample: int | None
    symbol: str
    value: float
    index: tuple | None = None
    terms: tuple = ()
    sources: tuple = ()
    details: Mapping = field(default_factory=dict)
    param: str | None = None
    source: str | None = None
    old: float | None = None
    change: float | None = None
    new: float | None = None
    param_old: float | None = None
    param_new: float | None = None
    head_fn: Callable[[str], str] | None = field(default=None, repr=False)
    formula_fn: Callable[[int], str] | None = field(default=None, repr=False)

    def formula(self, digits: int = 6) -> str:
        """The formula with its numbers, ``digits`` significant digits, no words."""
        return self.formula_fn(digits) if self.formula_fn else f"{self.symbol} = {fmt(self.value)}"

    def head(self, lang: str = "en") -> str:
        """The words naming what this record computes, e.g. "hidden unit 1" / "隐层神经元 1"."""
        word("input", lang)  # a clear error for an unknown language
        return self.head_fn(lang) if self.head_fn else ""

    def text(self, lang: str = "en", digits: int = 6) -> str:
        """Words and formula: ``"hidden unit 1: β_1 = 0.35×0.1 + 0.9×0.8 = 0.755,  b_1 = …"``.

        Parameters
        ----------
        lang : {"en", "zh"}
        digits : int
            Significant digits of every number.
        """
        head = self.head(lang)
        colon = "：" if lang == "zh" else ": "
        return f"{head}{colon}{self.formula(digits)}" if head else self.formula(digits)


# --- pieces of formulas ---------------------------------------------------------


def products(pairs, digits) -> str:
    """a×b + c×d + …, each number substituted as it is: ``0.35×0.1 + (−0.2)×(−0.5)``."""
    if not pairs:
        return "0"
    return " + ".join(f"{factor(a, digits)}×{factor(b, digits)}" for a, b in pairs)


def sum_text(values, digits) -> str:
    """a + b + (−c): a list of numbers added up."""
    if not values:
        return "0"
    return " + ".join([fmt(values[0], digits)] + [factor(v, digits) for v in values[1:]])


def plus(v, digits) -> str:
    return " + " + factor(v, digits)


def minus(v, digits) -> str:
    return " − " + factor(v, digits)


def comma(lang: str) -> str:
    return "，" if lang == "zh" else ", "


def join_product(*factors) -> str:
    """Join the numbers of a product with ×, skipping absent factors."""
    return "×".join(f for f in factors if f)


# --- update records ------------------------------------------------------------


def weight_head(notation, src: str, i: int, layer: str, j: int, tail: Callable) -> Callable:
    """The head of a weight update, "weight x1 → h1", then ``tail(lang)`` (the rate)."""

    def head(g):
        return f"{word('weight', g)} {notation.label(src, i)} → {notation.label(layer, j)}" + tail(
            g
        )

    return head


def bias_head(notation, layer: str, j: int, tail: Callable) -> Callable:
    """The head of a bias update, "threshold of h1" (book) or "bias of h1", then ``tail``."""
    key = "threshold of" if notation.threshold else "bias of"

    def head(g):
        return word(key, g, name=notation.label(layer, j)) + tail(g)

    return head


def update_record(
    layer: str,
    neuron: int,
    index: tuple,
    symbol: str,
    *,
    old: float,
    change: float,
    new: float,
    param: str,
    source: str | None,
    param_old: float,
    param_new: float,
    terms: tuple,
    sources: tuple,
    details: Mapping,
    head_fn: Callable,
    formula_fn: Callable,
) -> StepRecord:
    """The record of one parameter update: no sample (it follows a pass), its value the new one.

    ``old``, ``change`` and ``new`` are as the notation shows them (the book's threshold
    θ = −b), ``param_old`` and ``param_new`` the stored parameter's values.
    """
    return StepRecord(
        phase="update",
        layer=layer,
        neuron=neuron,
        sample=None,
        index=index,
        symbol=symbol,
        value=new,
        terms=terms,
        sources=sources,
        details=details,
        param=param,
        source=source,
        old=old,
        change=change,
        new=new,
        param_old=param_old,
        param_new=param_new,
        head_fn=head_fn,
        formula_fn=formula_fn,
    )


class RecordSequence:
    """Stepping through a pass's records; subclasses yield them from ``_generate()``.

    Records are computed lazily, as they are first needed. A subclass sets ``network``
    and calls ``_start()`` at the end of its ``__init__``.
    """

    network = None

    def _start(self) -> None:
        self._records: list[StepRecord] = []
        self._position = 0
        self._gen = self._generate()
        self._exhausted = False

    def _generate(self):
        raise NotImplementedError

    # --- driving it ---------------------------------------------------------------------
    def _ensure(self, n: int) -> bool:
        """Compute records until there are ``n``; False when the pass has fewer."""
        while len(self._records) < n and not self._exhausted:
            try:
                self._records.append(next(self._gen))
            except StopIteration:
                self._exhausted = True
        return len(self._records) >= n

    def _write(self, rec: StepRecord, value) -> None:
        if rec.phase == "update":
            self.network.param(rec.layer, rec.param)[rec.index] = value

    @property
    def position(self) -> int:
        """How many records have been stepped (0 at the start)."""
        return self._position

    @property
    def done(self) -> bool:
        """True when every record of the pass has been stepped."""
        return not self._ensure(self._position + 1)

    @property
    def records(self) -> list[StepRecord]:
        """All records of the pass (computed now if needed; stepping is not affected)."""
        self._ensure(math.inf)
        return list(self._records)

    @property
    def current(self) -> StepRecord | None:
        """The record stepped last, or None at the start."""
        return self._records[self._position - 1] if self._position else None

    def peek(self) -> StepRecord | None:
        """The record the next ``next()`` will step, or None at the end."""
        return self._records[self._position] if self._ensure(self._position + 1) else None

    def next(self) -> StepRecord | None:
        """Step one record; an update record writes its new value into the network.

        Returns the record, or None when the pass is done.
        """
        if not self._ensure(self._position + 1):
            return None
        rec = self._records[self._position]
        self._write(rec, rec.param_new)
        self._position += 1
        return rec

    def back(self) -> StepRecord | None:
        """Undo the last step; an update record writes its old value back.

        Returns the record undone, or None at the start.
        """
        if self._position == 0:
            return None
        self._position -= 1
        rec = self._records[self._position]
        self._write(rec, rec.param_old)
        return rec

    def next_group(self, by: str = "layer") -> list[StepRecord]:
        """Step to the end of the next group of records (see ``group_key``)."""
        first = self.next()
        if first is None:
            return []
        key, out = self.group_key(first, by), [first]
        while (nxt := self.peek()) is not None and self.group_key(nxt, by) == key:
            out.append(self.next())
        return out

    def back_group(self, by: str = "layer") -> list[StepRecord]:
        """Undo the whole group the last stepped record belongs to (newest first)."""
        last = self.back()
        if last is None:
            return []
        key, out = self.group_key(last, by), [last]
        while (cur := self.current) is not None and self.group_key(cur, by) == key:
            out.append(self.back())
        return out

    def seek(self, position: int) -> None:
        """Step forward or back until ``position`` records have been stepped."""
        if position < 0:
            raise StepperError(f"a position cannot be negative, got {position}")
        while self._position > position:
            self.back()
        while self._position < position:
            if self.next() is None:
                raise StepperError(f"the pass has only {self._position} records")

    def run_to_end(self) -> list[StepRecord]:
        """Step every remaining record; returns them."""
        out = []
        while (rec := self.next()) is not None:
            out.append(rec)
        return out

    def reset(self) -> None:
        """Back to the start, the old weights restored."""
        self.seek(0)

    def __iter__(self):
        """Step through the remaining records one by one (each yielded after it is applied)."""
        while (rec := self.next()) is not None:
            yield rec

    # --- grouping -------------------------------------------------------------------
    @staticmethod
    def group_key(rec: StepRecord, by: str):
        """The key records of one coarser step share.

        by : {"record", "neuron", "layer", "sample", "phase", "batch"}
            "layer": a layer's forward or backward for one sample, or a layer's updates;
            "neuron": additionally one neuron (its updates = its weights and bias);
            "sample": one sample's forward, error and backward (the batch's error and the
            updates are groups of their own); "phase": forward, loss, backward, update;
            "batch": the whole pass.
        """
        if by == "record":
            return id(rec)
        if by == "neuron":
            return (rec.phase, rec.sample, rec.layer, rec.neuron)
        if by == "layer":
            return (rec.phase, rec.sample, rec.layer if rec.phase != "loss" else None)
        if by == "sample":
            return ("sample", rec.sample) if rec.sample is not None else (rec.phase, None)
        if by == "phase":
            return rec.phase
        if by == "batch":
            return 0
        raise StepperError(f"unknown grouping {by!r}; choose one of {', '.join(GROUPINGS)}")

    def group_by(self, by: str = "layer") -> list[list[StepRecord]]:
        """All records of the pass as consecutive groups (see ``group_key``)."""
        if by not in GROUPINGS:
            raise StepperError(f"unknown grouping {by!r}; choose one of {', '.join(GROUPINGS)}")
        return [
            list(g) for _, g in itertools.groupby(self.records, lambda r: self.group_key(r, by))
        ]

    def __len__(self) -> int:
        return len(self.records)
