"""Tests of the sequence sets and the character corpus."""

import numpy as np
import pytest

from nnsim.data import (
    CORPORA,
    DataError,
    char_sequences,
    char_vocab,
    decode,
    encode,
    load_corpus,
    one_hot,
    parity,
    rise_fall,
    sine_waves,
)


def test_sine_targets_are_inputs_shifted_by_one():
    d = sine_waves(n_sequences=30, seq_len=12, seed=1)
    assert d.x.shape == (30, 12, 1) and d.y.shape == (30, 12, 1)
    assert d.kind == "sequence" and d.target_kind == "regression"
    np.testing.assert_array_equal(d.y[:, :-1], d.x[:, 1:])


def test_sine_without_noise_is_a_sine_of_the_given_period():
    d = sine_waves(n_sequences=5, seq_len=40, period=8, noise=0, seed=0)
    x = d.x[:, :, 0]
    np.testing.assert_allclose(x[:, 8:], x[:, :-8], atol=1e-12)  # period 8
    # every sequence is sin(2π t/8 + φ): x_t² + x_{t+2}² = 1 (a quarter period apart)
    np.testing.assert_allclose(x[:, :-2] ** 2 + x[:, 2:] ** 2, 1.0, atol=1e-12)


def test_sine_noise_level_and_seed():
    clean = sine_waves(n_sequences=200, seq_len=20, noise=0, seed=3)
    noisy = sine_waves(n_sequences=200, seq_len=20, noise=0.1, seed=3)
    # same phases; the difference is the noise, σ ≈ 0.1
    assert abs((noisy.x - clean.x).std() - 0.1) < 0.01
    assert np.array_equal(noisy.x, sine_waves(n_sequences=200, seq_len=20, noise=0.1, seed=3).x)
    assert not np.array_equal(noisy.x, sine_waves(n_sequences=200, seq_len=20, noise=0.1, seed=4).x)


def least_squares_slopes(x):
    t = np.arange(x.shape[1]) - (x.shape[1] - 1) / 2
    return (x[:, :, 0] - x[:, :, 0].mean(axis=1, keepdims=True)) @ t / (t @ t)


def test_rise_fall_labels_match_the_trend():
    d = rise_fall(n_sequences=200, seq_len=10, noise=0, seed=0)
    assert d.x.shape == (200, 10, 1) and d.y.shape == (200,) and d.y.dtype == np.int64
    assert np.bincount(d.y).tolist() == [100, 100]
    slope = least_squares_slopes(d.x)
    assert np.all((slope > 0) == (d.y == 1))
    assert np.all((np.abs(slope) >= 0.05 - 1e-12) & (np.abs(slope) <= 0.15 + 1e-12))
    assert d.class_names == ["fall", "rise"] and d.class_names_zh == ["下降", "上升"]
    # with the default noise the trend still decides nearly every sequence
    noisy = rise_fall(seed=0)
    assert np.mean((least_squares_slopes(noisy.x) > 0) == (noisy.y == 1)) > 0.95


def test_parity_lists_every_sequence():
    d = parity(seq_len=4)
    assert d.x.shape == (16, 4, 1) and d.y.shape == (16,)
    assert d.x[5, :, 0].tolist() == [0, 1, 0, 1]  # 5 = 0101 in counting order
    assert d.y.tolist() == [bin(k).count("1") % 2 for k in range(16)]
    assert d.target_kind == "multiclass" and d.class_names == ["even", "odd"]


def test_random_parity():
    d = parity(n_sequences=300, seq_len=7, seed=2)
    assert d.x.shape == (300, 7, 1)
    assert np.array_equal(d.y, d.x[:, :, 0].sum(axis=1).astype(int) % 2)
    assert set(np.unique(d.x)) == {0.0, 1.0}
    assert 100 < d.y.sum() < 200


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: sine_waves(seq_len=1), "seq_len must lie between 2 and 1000"),
        (lambda: sine_waves(noise=2), "noise must lie between 0 and 1"),
        (lambda: sine_waves(period=1), "period"),
        (lambda: rise_fall(n_sequences=1), "n_sequences"),
        (lambda: parity(seq_len=17), "seq_len must lie between 1 and 16"),
        (lambda: parity(n_sequences=2.0), "whole number"),
    ],
)
def test_bad_sequence_parameters(call, message):
    with pytest.raises(DataError, match=message):
        call()


def test_corpora_are_small_public_domain_ascii_texts():
    total = 0
    for name in CORPORA:
        text = load_corpus(name)
        assert text.isascii() and "\r" not in text
        total += len(text.encode("utf-8"))
    assert 5_000 <= total <= 20_000
    fables = load_corpus()
    assert "Slow and steady wins the race." in fables
    assert fables.count("\n\nTHE ") == 13  # fourteen titled fables
    assert "Twinkle, twinkle, little star" in load_corpus("rhymes")


def test_unknown_corpus():
    with pytest.raises(DataError, match="unknown corpus 'shakespeare'"):
        load_corpus("shakespeare")


def test_vocab_encode_decode_round_trip():
    text = load_corpus("rhymes")
    vocab = char_vocab(text)
    assert vocab == sorted(set(text)) and len(vocab) == len(set(vocab))
    codes = encode(text, vocab)
    assert codes.dtype == np.int64 and codes.shape == (len(text),)
    assert decode(codes, vocab) == text
    assert encode("aba", ["a", "b"]).tolist() == [0, 1, 0]


def test_encode_decode_errors():
    with pytest.raises(DataError, match="character 'z' at position 2 is not in the vocabulary"):
        encode("abz", ["a", "b"])
    with pytest.raises(DataError, match="0..1"):
        decode([0, 2], ["a", "b"])
    with pytest.raises(DataError, match="empty"):
        char_vocab("")


def test_one_hot():
    assert one_hot([2, 0], 3).tolist() == [[0, 0, 1], [1, 0, 0]]
    with pytest.raises(DataError):
        one_hot([3], 3)


def test_char_sequences_predict_the_next_character():
    d = char_sequences(corpus="fables", seq_len=10, n_sequences=50, seed=1)
    text = load_corpus("fables")
    vocab = d.class_names
    assert vocab == char_vocab(text)
    assert d.x.shape == (50, 10, len(vocab)) and d.y.shape == (50, 10)
    assert np.all(d.x.sum(axis=2) == 1)
    inputs = d.x.argmax(axis=2)
    np.testing.assert_array_equal(inputs[:, 1:], d.y[:, :-1])
    for k in range(50):
        window = decode(inputs[k], vocab) + decode(d.y[k, -1:], vocab)
        assert window in text
    lower = char_sequences(corpus="fables", n_sequences=5, lowercase=True)
    assert len(lower.class_names) < len(vocab)


def test_parity_strings_are_all_strings_up_to_length_8():
    from nnsim.data.sequences import parity_strings

    x, y, lens = parity_strings(8)
    assert x.shape == (510, 8, 2) and len(y) == 510
    np.testing.assert_array_equal(np.bincount(lens)[1:], 2 ** np.arange(1, 9))
    ones = x[:, :, 1].sum(axis=1)
    np.testing.assert_array_equal(y, ones % 2)
    # padding (no bit) is [0, 0] and comes first; the last step is always a bit
    present = x.sum(axis=2)
    np.testing.assert_array_equal(present.sum(axis=1), lens)
    assert np.all(present[:, -1] == 1)
    assert len({tuple(r) for r in x.reshape(510, -1)}) == 510
