"""Tests of the recurrent demos: each trains from a seed and beats a stated baseline on held-out data."""

from __future__ import annotations

import numpy as np
import pytest

from nnsim.data.sequences import load_corpus
from nnsim.engine import EngineError
from nnsim.recipes.rnn import (
    DemoResult,
    bigram_fraction,
    char_demo,
    noisy_sine,
    parity_demo,
    rise_fall_demo,
    sine_demo,
)

# --- many-to-many: noisy sine -----------------------------------------------------------


def test_sine_demo_beats_repeat_last_value():
    """Bounds: the noise-free "repeat the last value" predictor scores 1 − cos(2π/20) =
    0.049 however well it is done; the RNN, trained and tested on noisy values
    (σ = 0.05, floor σ² = 0.0025), must be at least 2.5× better than that (measured
    0.008) and its error against the noise-free wave at least 4× better (measured
    0.005). Both are far under the signal's variance ½ + σ² ≈ 0.5."""
    res = sine_demo(seed=0)
    d = res.details
    naive_clean = d["repeat-last baseline, noise-free 1 − cos ω"]
    assert naive_clean == pytest.approx(1 - np.cos(2 * np.pi / 20))
    print(res.summary())
    assert d["noise floor σ²"] <= res.metric < 0.4 * naive_clean
    assert d["held-out MSE against the noise-free wave"] < 0.25 * naive_clean
    assert res.metric < 0.05 * d["signal variance"]
    # the naive baseline measured on the same held-out data agrees with 1 − cos ω + 2σ²
    assert d["repeat-last baseline (held-out)"] == pytest.approx(
        naive_clean + 2 * 0.05**2, rel=0.05
    )
    assert np.mean(res.losses[-50:]) < 0.1 * res.losses[0]


def test_sine_demo_is_deterministic_from_its_seed():
    a = sine_demo(seed=3, iterations=15)
    b = sine_demo(seed=3, iterations=15)
    c = sine_demo(seed=4, iterations=15)
    assert a.losses == b.losses and a.metric == b.metric
    np.testing.assert_array_equal(a.net.theta, b.net.theta)
    assert a.losses != c.losses


def test_sine_demo_trains_with_truncated_bptt():
    res = sine_demo(seed=0, iterations=300, truncate=3)
    assert res.metric < 0.5 * res.details["repeat-last baseline, noise-free 1 − cos ω"]


def test_noisy_sine_targets_are_next_values():
    x, y, clean = noisy_sine(np.random.default_rng(0), 5, 12, 20.0, 0.1)
    assert x.shape == y.shape == clean.shape == (5, 12, 1)
    np.testing.assert_array_equal(y[:, :-1], x[:, 1:])
    assert np.std(y - clean) == pytest.approx(0.1, rel=0.3)


# --- many-to-one: rise/fall and parity -----------------------------------------------------


def test_rise_fall_demo_reaches_95_percent():
    res = rise_fall_demo(seed=0)
    print(res.summary())
    assert res.metric >= 0.95
    assert res.net.layers["rnn"].out_shape == (8,)


def test_parity_demo_reaches_95_percent_held_out():
    res = parity_demo(seed=0)
    print(res.summary())
    assert res.metric >= 0.95
    assert res.details["held-out strings"] > 100
    assert res.details["training accuracy"] >= 0.99


@pytest.mark.slow
def test_parity_demo_most_seeds():
    """Bar: at least 4 of seeds 0–5 reach ≥ 95 % held-out accuracy (parity is fragile
    for gradient descent; measured 4 of 6 through the Trainer, 5 of 6 with the demo's
    former loop; see parity_demo)."""
    accs = [parity_demo(seed=s).metric for s in range(6)]
    assert sum(a >= 0.95 for a in accs) >= 4, accs


# --- one-to-many: character generation -----------------------------------------------------


def test_char_demo_fast_generates_corpus_like_bigrams():
    """Fast variant (32 hidden units, 200 updates). Uniformly random characters would
    put 19 % of their bigrams in the corpus, characters drawn with the corpus' letter
    frequencies 68 %; the generated text must reach 85 % and beat the latter by 0.15."""
    res = char_demo(seed=0, hidden=32, iterations=200, sample_len=300)
    d = res.details
    print(res.summary())
    assert d["vocabulary size"] == 57
    assert d["uniformly random text bigram fraction"] == pytest.approx(607 / 57**2)
    assert d["letter-frequency random text bigram fraction"] == pytest.approx(0.681, abs=0.002)
    assert len(d["sample"]) == 301 and d["sample"][0] == "T"
    assert res.metric >= 0.85
    assert res.metric >= d["letter-frequency random text bigram fraction"] + 0.15
    assert np.mean(res.losses[-20:]) < np.log(57) - 1.0  # well below the uniform guess


@pytest.mark.slow
def test_char_demo_full():
    """Bar for the full demo (64 hidden units, 500 updates, 400 characters): ≥ 93 % of
    the generated bigrams occur in the corpus (measured 96 %), 0.25 above
    letter-frequency text and 0.7 above uniformly random text."""
    res = char_demo(seed=0)
    d = res.details
    assert res.metric >= 0.93
    assert res.metric >= d["letter-frequency random text bigram fraction"] + 0.25
    assert res.metric >= d["uniformly random text bigram fraction"] + 0.7


def test_letter_frequency_baseline_matches_sampling():
    """The analytic Σ p(a) p(b) baseline equals what sampling independent letters gives."""
    text = load_corpus("fables")
    vocab = sorted(set(text))
    p = np.array([text.count(c) for c in vocab]) / len(text)
    sample = "".join(np.random.default_rng(1).choice(vocab, 100_000, p=p))
    bigrams = set(zip(text, text[1:]))
    assert bigram_fraction(sample, bigrams) == pytest.approx(0.681, abs=0.005)


def test_char_demo_on_given_text_and_bad_seed_char():
    res = char_demo(text=load_corpus("rhymes"), hidden=16, iterations=30, sample_len=50, seq_len=10)
    assert isinstance(res, DemoResult) and len(res.details["sample"]) == 51
    with pytest.raises(EngineError, match="seed character"):
        char_demo(text="abcabcabcabc", seq_len=4, iterations=1, seed_char="z")
    with pytest.raises(EngineError, match="at least"):
        char_demo(text="abc", seed_char="a")


def test_bigram_fraction():
    corpus = set(zip("the cat", "he cat"))
    assert bigram_fraction("the", corpus) == 1.0
    assert bigram_fraction("thx", corpus) == 0.5
    assert bigram_fraction("t", corpus) == 0.0
