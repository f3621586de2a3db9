"""The divergence sweep: exploding trainings of the lessons all stop, restored, with a cause.

Lessons × η ∈ {10², …, 10⁶} × rule/optimiser/penalty, plus the other two causes (inputs
scaled by 10³⁰⁰, a loaded weight of 10³⁰⁰). Each run trains 30 epochs through the
session (as the app and ``nnsim train`` do) and ends in one of:

* ``stopped: <cause>`` — status "diverged", the weights sound (finite, within the limits);
  the cause the message names: learning rate, inputs, a loaded weight;
* ``finished, sane`` — trained on with |w| ≤ 10⁶ and the loss not grown 10⁴-fold;
* ``finished, absurd`` — trained on to weights or a loss beyond those limits (a miss);
* ``error: <type>`` — an exception (training promises never to raise).

The test runs it (a second); run by hand for the table (``--before`` also shows what the finiteness-only check of
earlier versions made of the same runs)::

    .venv/bin/python tests/lessons/test_divergence_sweep.py [--before]
"""

from __future__ import annotations

import collections
import math
import sys

import numpy as np

import nnsim.engine.divergence as dv
from nnsim.lessons import get_lesson, load_lesson
from nnsim.model.session import Session

EPOCHS = 30
RATES = (1e2, 1e3, 1e4, 1e5, 1e6)
#: (lesson, extra settings): the BP lessons, xor-two-layer also as the issue had it (BCE)
LESSONS = (
    ("xor-two-layer", {}),
    ("xor-two-layer", {"loss": "sigmoid_binary_cross_entropy"}),
    ("bp-variants", {}),
    ("playground-circle", {}),
    ("overfitting", {}),
    ("activation-gallery", {}),
)
#: rule, optimiser, penalty
VARIANTS = (
    {"rule": "standard", "optimizer": "sgd", "regularization": "none"},
    {"rule": "minibatch", "optimizer": "sgd", "regularization": "l2", "reg_lambda": 0.01},
    {"rule": "accumulated", "optimizer": "momentum", "regularization": "none"},
    {"rule": "minibatch", "optimizer": "adam", "regularization": "l1", "reg_lambda": 0.001},
)
#: lessons provoked by their inputs and by a loaded weight (at their own η)
PROVOKED = ("xor-two-layer", "bp-variants", "playground-circle", "overfitting", "rnn-shapes")


def runs():
    """(label, lesson, settings, provocation) for every run of the sweep."""
    for name, extra in LESSONS:
        for lr in RATES:
            for v in VARIANTS:
                label = f"{name}{'+BCE' if extra else ''} η={lr:g} {v['rule']}/{v['optimizer']}"
                yield label, name, {**extra, **v, "lr": lr}, None
    yield "perceptron-xor η=1e308 ×2 inputs", "perceptron-xor", {"lr": 1e308}, "double"
    for name in PROVOKED:
        if get_lesson(name).available:
            yield f"{name} inputs ×1e300", name, {}, "inputs"
            yield f"{name} a weight of 1e300", name, {}, "weight"


def one_run(name, settings, provocation) -> str:
    """Train one run and return its outcome (see the module's docstring)."""
    doc = load_lesson(name)
    doc.update_settings(**settings)
    if provocation == "weight":
        kid = next(iter(doc.links))
        w = doc.links[kid].weights.copy()
        w.flat[0] = 1e300
        doc.set_weights(kid, w)
    s = Session(doc)
    if provocation in ("inputs", "double"):
        d = s.data
        d.x = d.x * (1e300 if provocation == "inputs" else 2.0)
    try:
        result = s.train_epochs(EPOCHS)
    except Exception as e:  # noqa: BLE001 - the sweep counts them
        return f"error: {type(e).__name__}"
    theta = s.network.theta
    if result.status == "diverged":
        sound = np.all(np.isfinite(theta)) and (
            np.abs(theta).max() <= dv.WEIGHT_LIMIT or provocation == "weight"
        )
        msg = result.message
        if "a loaded weight" in msg:
            cause = "a loaded weight"
        elif "the inputs reach" in msg or "the targets reach" in msg:
            cause = "inputs"
        elif "learning rate" in msg:
            cause = "learning rate"
        else:
            cause = "?"
        return f"stopped: {cause}" + ("" if sound else " (weights NOT sound)")
    h = s.history
    loss0 = float(h.train_loss[0])
    big = np.abs(theta).max()
    grown = float(h.train_loss[-1]) > 1e4 * max(loss0, 1.0)
    if not math.isfinite(big) or big > 1e6 or grown:
        return f"finished, absurd (max |w| {big:.2g})"
    return "finished, sane"


def sweep(limits: bool = True) -> collections.Counter:
    """Run every run (``limits`` False: NaN/inf only, as before the limits) and count outcomes."""
    saved = dv.WEIGHT_LIMIT, dv.LOSS_GROWTH
    if not limits:
        dv.WEIGHT_LIMIT = dv.LOSS_GROWTH = math.inf
    try:
        counts = collections.Counter()
        for label, name, settings, provocation in runs():
            outcome = one_run(name, settings, provocation)
            counts[outcome.split(" (max")[0]] += 1
            if "absurd" in outcome or "error" in outcome or "NOT" in outcome:
                print(f"  {label}: {outcome}")
        return counts
    finally:
        dv.WEIGHT_LIMIT, dv.LOSS_GROWTH = saved


def table(counts: collections.Counter) -> str:
    total = sum(counts.values())
    lines = [f"{n:5d}  {outcome}" for outcome, n in sorted(counts.items())]
    return "\n".join([*lines, f"{total:5d}  runs"])


def test_no_exploding_run_finishes_absurd_or_raises():
    counts = sweep()
    print(table(counts))
    bad = {k: n for k, n in counts.items() if k.startswith(("finished, absurd", "error"))}
    assert not bad
    assert not any("NOT" in k or "?" in k for k in counts)
    # a loaded 1e300 stops every lesson; 1e300 inputs only blow up the ReLU network (tanh
    # units saturate: their gradient is exactly 0 and training stays finite and bounded)
    assert counts["stopped: a loaded weight"] == len(PROVOKED)
    assert counts["stopped: inputs"] >= 1
    assert counts["stopped: learning rate"] >= 70


if __name__ == "__main__":
    if "--before" in sys.argv:
        print("finiteness only (before the limits):")
        print(table(sweep(limits=False)))
        print()
    print("with the limits:")
    print(table(sweep()))
