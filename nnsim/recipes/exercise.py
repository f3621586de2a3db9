"""One BP step typed by a student and checked value by value (the exercise's logic, Qt-free).

The step is the engine's own (``Stepper`` records of a copy of the open network: forward
neuron by neuron, the error, the gradient terms, every weight's update), followed by the
forward pass again with the new weights, so the student can see that the error fell
(COURSE.md §13c). ``Exercise`` builds the list of values and judges answers; the GUI's
``ExerciseView`` (``nnsim.gui.exercise``) draws them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nnsim.engine.notation import parse_number

#: Significant digits an answer must match (the slides print 3–4).
DIGITS = 3
#: Larger networks make an exercise nobody finishes.
MAX_VALUES = 80
#: The parts of the exercise, in order.
PARTS = ("forward", "loss", "backward", "update", "after")


class ExerciseError(ValueError):
    """The open network cannot be made into an exercise; the message says why."""


def tolerance(expected: float, digits: int = DIGITS) -> float:
    """How far an answer may be from ``expected``: one unit of its ``digits``-th
    significant digit (so 0.0728 accepts 0.0727–0.0729 with 3 digits)."""
    e = abs(float(expected))
    if e < 1e-12:
        return 1e-9
    return 10.0 ** (math.floor(math.log10(e)) - digits + 1)


def is_close(given: float, expected: float, digits: int = DIGITS) -> bool:
    """True when ``given`` matches ``expected`` to ``digits`` significant digits (±1)."""
    return abs(float(given) - float(expected)) <= tolerance(expected, digits) * (1 + 1e-9)


@dataclass(frozen=True)
class Verdict:
    """The judgement of one answer: ``state`` is "empty", "invalid", "right" or "wrong"."""

    state: str
    expected: float
    given: float | None = None


@dataclass(frozen=True)
class ExerciseItem:
    """One value to compute: a Stepper record and the part of the step it belongs to."""

    key: str
    part: str
    record: object

    @property
    def value(self) -> float:
        return float(self.record.value)

    @property
    def symbol(self) -> str:
        return str(self.record.symbol)

    def head(self, lang: str = "en") -> str:
        """What the value is, in words ("hidden unit 1")."""
        return self.record.head("zh" if lang.startswith("zh") else "en")

    def formula(self, digits: int = 4) -> str:
        """The formula with the numbers substituted."""
        return self.record.formula(digits)


class Exercise:
    """The values of one training step of ``document``'s network, to be typed by hand.

    Parameters
    ----------
    document : NetworkDocument
        A small dense network with its data (the first training sample is used, or what
        the training rule updates on).
    digits : int
        Significant digits an answer must match.

    Raises
    ------
    ExerciseError
        When the network is not a dense network the step-through can show, or too big.
    """

    def __init__(self, document, digits: int = DIGITS):
        from nnsim.engine.stepper import make_stepper

        self.digits = int(digits)
        doc = document.copy()  # the exercise never touches the open document
        labels, notation = doc.step_naming()
        settings = doc.settings
        try:
            from nnsim.model.session import Session

            session = Session(doc)
            # One sample, whatever the training rule: the homework is standard BP, or the
            # perceptron rule's step for a perceptron lesson (the rule it trains with).
            rule = "perceptron" if settings.rule == "perceptron" else "standard"

            def stepper_on(network):
                return make_stepper(
                    network,
                    settings.loss,
                    x,
                    y,
                    settings.lr,
                    rule=rule,
                    notation=notation,
                    labels=labels,
                )

            net = session.network
            # Forward + backward per neuron, one update per parameter, the error: known
            # before the stepper computes a single record.
            count = (
                net.n_params
                + 1
                + 2
                * sum(
                    int(np.prod(layer.out_shape)) for layer in net.layers.values() if layer.inputs
                )
            )
            if count > MAX_VALUES:
                raise ExerciseError(
                    f"one step of this network has about {count} values; an exercise takes at "
                    f"most {MAX_VALUES} (try the ReLU homework or a smaller network)"
                )
            x, y = session.sample(0)  # loads the data: only once the size is known to fit
            stepper = stepper_on(net)
            first = stepper.records
        except ExerciseError:
            raise
        except Exception as exc:  # noqa: BLE001 - compile, data and stepper errors alike
            raise ExerciseError(str(exc)) from None
        self.lr = stepper.lr
        self.x = np.atleast_1d(np.asarray(x, float)).ravel()
        self.y = np.atleast_1d(np.asarray(y, float)).ravel()
        #: "perceptron" when the step is the perceptron rule's, else "standard" (BP).
        self.rule = rule
        # the perceptron's symbols are the lecture's (x_i, w_i, θ, ŷ)
        self.notation = "book" if rule == "perceptron" else stepper.notation.kind
        self.loss_before = _error(stepper)
        stepper.run_to_end()  # the updates write the new weights into the private network
        again = stepper_on(session.network)
        self.loss_after = _error(again)
        items: list[ExerciseItem] = []
        for i, rec in enumerate(first):
            items.append(ExerciseItem(f"{i}:{rec.phase}:{rec.symbol}", rec.phase, rec))
        for i, rec in enumerate(again.records):
            if rec.phase in ("forward", "loss"):
                items.append(ExerciseItem(f"after{i}:{rec.phase}:{rec.symbol}", "after", rec))
        self.items = items
        self._by_key = {item.key: item for item in items}

    def item(self, key: str) -> ExerciseItem:
        """The item called ``key``."""
        return self._by_key[key]

    def find(self, part: str, symbol: str) -> ExerciseItem:
        """The first item of ``part`` whose symbol is ``symbol`` (e.g. "forward", "b_1")."""
        for item in self.items:
            if item.part == part and item.symbol == symbol:
                return item
        raise KeyError(f"no {symbol} in the {part} part")

    def check(self, key: str, text: str) -> Verdict:
        """Judge the answer ``text`` typed for item ``key``."""
        item = self._by_key[key]
        if not str(text).strip():
            return Verdict("empty", item.value)
        try:
            given = parse_number(text)
        except (ValueError, ZeroDivisionError):
            return Verdict("invalid", item.value)
        if not math.isfinite(given):
            return Verdict("invalid", item.value)
        state = "right" if is_close(given, item.value, self.digits) else "wrong"
        return Verdict(state, item.value, given)

    @property
    def loss_fell(self) -> bool:
        """True when the error after the update is below the error before it (or when
        there was nothing to correct: a perceptron that classifies the sample right)."""
        return self.loss_after < self.loss_before or self.loss_before == self.loss_after == 0


def _error(stepper) -> float:
    """The step's error: the loss of a BP step; ½ Σ (y − ŷ)² over the perceptron's units
    (its comparison records), which the perceptron rule has no loss for."""
    value = getattr(stepper, "loss_value", None)
    if value is not None:
        return float(value)
    return 0.5 * sum(float(r.value) ** 2 for r in stepper.records if r.phase == "loss")
