"""Fuzz: ~2,000 mutated lesson files (a fixed seed); each is refused with a LoadError or
loads, saves, reopens as the same document and trains one epoch, raising nothing but
nnsim's documented errors. The counts are printed (``pytest -s``) for the record."""

import pytest
from file_fuzz import report, run


def _check(n: int, seed: int):
    counts = run(n, seed)
    print(f"\nfuzz over {n} mutated lesson files (seed {seed}):\n" + report(counts))
    assert counts["mutations"] == n == counts["loaded"] + counts["refused"]
    # The mutations reach both sides: many files load (and train), many are refused.
    assert counts["loaded"] > n // 10 and counts["refused"] > n // 2
    assert counts["trained one epoch"] > n // 10
    return counts


def test_mutated_lesson_files_raise_only_documented_errors():
    _check(2000, seed=18)


@pytest.mark.slow
def test_many_more_mutated_lesson_files():
    _check(20_000, seed=1818)
