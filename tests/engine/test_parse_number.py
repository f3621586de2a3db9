"""Tests of ``parse_number``, the one parser of numbers a user types (answers, weights, settings)."""

from __future__ import annotations

import math

import pytest

from nnsim.engine.notation import fmt, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.5", 0.5),
        ("  -2 ", -2.0),
        ("+3", 3.0),
        ("−0.25", -0.25),  # the true minus sign the slides print
        ("–1", -1.0),  # an en dash typed for a minus
        ("0,5", 0.5),  # a decimal comma
        ("−0,125", -0.125),
        ("1，5", 1.5),  # a Chinese keyboard's comma
        ("0。5", 0.5),  # a Chinese keyboard's full stop
        ("０．７５", 0.75),  # full-width digits and point
        ("－３", -3.0),  # full-width minus
        ("1e-3", 0.001),
        ("1.5e−7", 1.5e-7),  # fmt's exponent, with a true minus
        ("13/4", 3.25),
        ("−1/2", -0.5),
        ("½", 0.5),
    ],
)
def test_accepted_forms(text, value):
    assert parse_number(text) == pytest.approx(value, rel=1e-15, abs=0)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "1,2,3",
        "1,000.5",
        "1.2.3",
        "1/0",
        "1/2/3",
        "/2",
        "nan",
        "inf",
        "−∞",
        "1e999",
    ],
)
def test_rejected_forms(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("v", [0.755, -0.0406811, 1.5e-7, -2.5e12, 0.680267, -3.0])
def test_reads_back_what_fmt_prints(v):
    # A number copied from the step-through text is read as the number shown.
    shown = fmt(v)
    assert parse_number(shown) == float(shown.replace("−", "-"))
    assert math.isclose(parse_number(shown), v, rel_tol=1e-5)
