"""Sequence data for the RNN demos: sine waves, rise/fall, bit parity and a character corpus."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nnsim.data.dataset import DataError, Dataset, as_rng
from nnsim.paths import resource as bundled

CORPORA = ("fables", "rhymes")
"""Names of the bundled texts (resources/corpus/<name>.txt)."""


def _whole(value, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise DataError(f"{name} must be a whole number, not {value!r}")
    if not low <= value <= high:
        raise DataError(f"{name} must lie between {low} and {high}, not {value}")
    return int(value)


def _number(value, name: str, low: float, high: float) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise DataError(f"{name} must be a number, not {value!r}") from None
    if not low <= value <= high:
        raise DataError(f"{name} must lie between {low:g} and {high:g}, not {value:g}")
    return value


def sine_waves(
    n_sequences: int = 200,
    seq_len: int = 20,
    period: float = 20.0,
    noise: float = 0.05,
    seed=0,
) -> Dataset:
    """Noisy sine waves for next-value prediction (many-to-many).

    Each sequence is a stretch of sin(2π t / period + φ) with a random phase φ, plus
    Gaussian noise of standard deviation ``noise``, sampled at t = 0, 1, …, seq_len.
    The input is the first ``seq_len`` values and the target the same series one step
    later, so ``y[:, t] == x[:, t + 1]``.

    Parameters
    ----------
    n_sequences : int
        Number of sequences, 1–100000.
    seq_len : int
        Time steps T per sequence, 2–1000.
    period : float
        Steps per full wave, 2–1000.
    noise : float
        Noise standard deviation, 0–1.
    seed : int or numpy.random.Generator
        Seed of the phases and the noise.

    Returns
    -------
    Dataset
        kind "sequence": ``x`` (n, T, 1) and ``y`` (n, T, 1), float64.
    """
    n = _whole(n_sequences, "n_sequences", 1, 100_000)
    t_len = _whole(seq_len, "seq_len", 2, 1000)
    period = _number(period, "period", 2.0, 1000.0)
    noise = _number(noise, "noise", 0.0, 1.0)
    rng = as_rng(seed)
    phase = rng.uniform(0.0, 2.0 * np.pi, (n, 1))
    t = np.arange(t_len + 1)
    series = np.sin(2.0 * np.pi * t / period + phase) + noise * rng.standard_normal((n, t_len + 1))
    return Dataset(
        x=series[:, :-1, None],
        y=series[:, 1:, None],
        kind="sequence",
        feature_names=["x(t)"],
        feature_names_zh=["x(t)"],
        target_name="x(t+1)",
        target_name_zh="x(t+1)",
        name="sine",
        title_zh="正弦波：预测下一个值",
        title_en="Sine wave: predict the next value",
        notes=f"Period {period:g} steps, noise σ = {noise:g}; y[:, t] = x[:, t + 1].",
    )


def rise_fall(
    n_sequences: int = 200,
    seq_len: int = 10,
    noise: float = 0.1,
    seed=0,
) -> Dataset:
    """Classify whole sequences as falling (0) or rising (1) (many-to-one).

    Each sequence is a straight line start + s·t (t = 0 … T−1) with a start uniform in
    [−0.5, 0.5] and a slope of size uniform in [0.05, 0.15] per step, rising for class 1
    and falling for class 0, plus Gaussian noise of standard deviation ``noise``.
    Exactly half the sequences (rounded down) are falling.

    Parameters
    ----------
    n_sequences : int
        Number of sequences, 2–100000.
    seq_len : int
        Time steps T, 2–1000.
    noise : float
        Noise standard deviation, 0–1.
    seed : int or numpy.random.Generator

    Returns
    -------
    Dataset
        kind "sequence": ``x`` (n, T, 1) float64, ``y`` (n,) int64 class indices.
    """
    n = _whole(n_sequences, "n_sequences", 2, 100_000)
    t_len = _whole(seq_len, "seq_len", 2, 1000)
    noise = _number(noise, "noise", 0.0, 1.0)
    rng = as_rng(seed)
    labels = rng.permutation(np.repeat([0, 1], [n // 2, n - n // 2]))
    start = rng.uniform(-0.5, 0.5, (n, 1))
    slope = rng.uniform(0.05, 0.15, (n, 1)) * np.where(labels[:, None] == 1, 1.0, -1.0)
    t = np.arange(t_len)
    x = start + slope * t + noise * rng.standard_normal((n, t_len))
    return Dataset(
        x=x[:, :, None],
        y=labels,
        kind="sequence",
        feature_names=["x(t)"],
        feature_names_zh=["x(t)"],
        class_names=["fall", "rise"],
        class_names_zh=["下降", "上升"],
        target_name="trend",
        target_name_zh="趋势",
        name="rise_fall",
        title_zh="序列分类：上升还是下降",
        title_en="Sequence class: rising or falling",
    )


def parity(n_sequences: int | None = None, seq_len: int = 6, seed=0) -> Dataset:
    """Bit parity: is the number of 1s in a bit sequence odd? (many-to-one).

    Parameters
    ----------
    n_sequences : int or None
        None: every one of the 2**T sequences once, in counting order (the first bit is
        the most significant). A number: that many sequences of random bits.
    seq_len : int
        Bits per sequence T, 1–16 when all sequences are listed, else 1–1000.
    seed : int or numpy.random.Generator
        Seed of the random bits.

    Returns
    -------
    Dataset
        kind "sequence": ``x`` (n, T, 1) of 0.0/1.0, ``y`` (n,) int64: 1 = odd, 0 = even.
    """
    if n_sequences is None:
        t_len = _whole(seq_len, "seq_len", 1, 16)
        codes = np.arange(2**t_len)
        bits = (codes[:, None] >> np.arange(t_len - 1, -1, -1)) & 1
    else:
        n = _whole(n_sequences, "n_sequences", 1, 100_000)
        t_len = _whole(seq_len, "seq_len", 1, 1000)
        bits = as_rng(seed).integers(0, 2, (n, t_len))
    return Dataset(
        x=bits[:, :, None].astype(np.float64),
        y=bits.sum(axis=1) % 2,
        kind="sequence",
        feature_names=["bit"],
        feature_names_zh=["位"],
        class_names=["even", "odd"],
        class_names_zh=["偶", "奇"],
        target_name="parity",
        target_name_zh="奇偶性",
        name="parity",
        title_zh="奇偶校验",
        title_en="Bit parity",
    )


def parity_strings(max_len: int = 8):
    """Every bit string of length 1..max_len, left-padded to max_len steps (the RNN demos' parity).

    Each step is one-hot [bit is 0, bit is 1]; padding is [0, 0], so the network can
    tell "no bit yet" from a 0 bit, and the last step is always the last bit (the
    many-to-one output reads the final state).

    Returns
    -------
    x : ndarray (n, max_len, 2)
    y : ndarray (n,) int64, 1 = odd number of ones
    lengths : ndarray (n,)
    """
    max_len = _whole(max_len, "max_len", 1, 16)
    xs, ys, lens = [], [], []
    for L in range(1, max_len + 1):
        codes = np.arange(2**L)
        bits = (codes[:, None] >> np.arange(L - 1, -1, -1)) & 1  # all 2**L strings
        x = np.zeros((len(bits), max_len, 2))
        x[:, max_len - L :] = np.eye(2)[bits]
        xs.append(x)
        ys.append(bits.sum(axis=1) % 2)
        lens.append(np.full(len(bits), L))
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(lens)


# -- characters -------------------------------------------------------------------------------


def load_corpus(name: str = "fables") -> str:
    """The text of a bundled corpus.

    Parameters
    ----------
    name : str
        "fables" (Aesop's fables, about 9 KB) or "rhymes" (nursery rhymes, about 2.5 KB).
        Both are public domain (see resources/corpus/README.md).

    Returns
    -------
    str
    """
    if name not in CORPORA:
        raise DataError(f"unknown corpus {name!r}; choose one of {', '.join(CORPORA)}")
    path = bundled("corpus", f"{name}.txt")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise DataError(f"{path}: the bundled corpus is missing") from None


def char_vocab(text: str) -> list[str]:
    """The distinct characters of a text, sorted (so the same text gives the same indices)."""
    if not text:
        raise DataError("the text is empty, so it has no characters")
    return sorted(set(text))


def encode(text: str, vocab: Sequence[str]) -> np.ndarray:
    """Turn a text into an int64 array of vocabulary indices."""
    index = {ch: i for i, ch in enumerate(vocab)}
    try:
        return np.fromiter((index[ch] for ch in text), dtype=np.int64, count=len(text))
    except KeyError as exc:
        pos = next(i for i, ch in enumerate(text) if ch not in index)
        raise DataError(
            f"character {exc.args[0]!r} at position {pos} is not in the vocabulary"
        ) from None


def decode(indices, vocab: Sequence[str]) -> str:
    """Turn vocabulary indices back into text."""
    idx = np.asarray(indices).ravel()
    if idx.size and (idx.dtype.kind not in "iu" or idx.min() < 0 or idx.max() >= len(vocab)):
        raise DataError(f"character indices must be whole numbers in 0..{len(vocab) - 1}")
    return "".join(vocab[i] for i in idx.tolist())


def one_hot(indices, size: int) -> np.ndarray:
    """One-hot float64 rows for integer indices: shape indices.shape + (size,)."""
    idx = np.asarray(indices, dtype=np.int64)
    if idx.size and (idx.min() < 0 or idx.max() >= size):
        raise DataError(f"indices must lie in 0..{size - 1}")
    return np.eye(size, dtype=np.float64)[idx]


def char_sequences(
    corpus: str = "fables",
    seq_len: int = 25,
    n_sequences: int = 500,
    lowercase: bool = False,
    seed=0,
) -> Dataset:
    """Windows of a corpus for next-character prediction (many-to-many).

    Parameters
    ----------
    corpus : str
        Name of a bundled corpus (see :data:`CORPORA`).
    seq_len : int
        Characters per window T, 1–1000 (shorter than the text).
    n_sequences : int
        Number of windows, 1–100000, starting at random positions.
    lowercase : bool
        Lower-case the text first (a smaller vocabulary).
    seed : int or numpy.random.Generator

    Returns
    -------
    Dataset
        kind "sequence": ``x`` (n, T, V) one-hot characters, ``y`` (n, T) int64 index of
        the next character; ``class_names`` is the vocabulary (decode with it).
    """
    text = load_corpus(corpus)
    if lowercase:
        text = text.lower()
    t_len = _whole(seq_len, "seq_len", 1, min(1000, len(text) - 1))
    n = _whole(n_sequences, "n_sequences", 1, 100_000)
    vocab = char_vocab(text)
    codes = encode(text, vocab)
    start = as_rng(seed).integers(0, len(codes) - t_len, n)
    windows = codes[start[:, None] + np.arange(t_len + 1)]
    return Dataset(
        x=one_hot(windows[:, :-1], len(vocab)),
        y=windows[:, 1:],
        kind="sequence",
        feature_names=[f"'{ch}'" for ch in vocab],
        class_names=list(vocab),
        target_name="next character",
        target_name_zh="下一个字符",
        name="chars",
        title_zh="字符序列：预测下一个字符",
        title_en="Characters: predict the next one",
        notes=f"Corpus {corpus!r}, {len(text)} characters, vocabulary of {len(vocab)}.",
    )
