"""Headless recurrent-network demos: next-value prediction, sequence classification, text generation.

The three shapes of COURSE.md §12, each trained from a seed and checked on data it did
not train on:

* many-to-many: predict the next value of a noisy sine wave (``sine_demo``);
* many-to-one: is a noisy sequence rising or falling (``rise_fall_demo``), and the
  harder parity of a bit string of length 1 to 8 (``parity_demo``);
* one-to-many: generate text character by character from one seed character, each
  sampled character fed back as the next input (``char_demo``).

Every demo returns a ``DemoResult`` with the trained network, the loss history and the
metric. ``python -m nnsim.recipes.rnn`` runs them all and prints the numbers. The data
come from ``nnsim.data.sequences``. Every demo trains through the engine's ``Trainer``
(mini-batch Adam, gradient norm clipped to 5, ``PerStepLoss`` for many-to-many outputs);
the character demo feeds it fresh windows of the corpus for every update (the trainer's
``row_source``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import numpy as np

from nnsim.data.sequences import (
    char_vocab,
    encode,
    load_corpus,
    one_hot,
    parity_strings,
    rise_fall,
    sine_waves,
)
from nnsim.engine.errors import EngineError
from nnsim.engine.layers.base import Input
from nnsim.engine.layers.dense import Dense
from nnsim.engine.layers.rnn import (
    RNN,
    PerStepLoss,
    TimeDense,
    generate,
    sample_onehot,
)
from nnsim.engine.losses import SoftmaxCrossEntropy
from nnsim.engine.network import Network
from nnsim.engine.training import Trainer


@dataclass
class DemoResult:
    """What a demo hands back.

    Attributes
    ----------
    net : Network
        The trained network.
    losses : list of float
        Training loss after each update (the mean per step for sequence outputs).
    metric : float
        The demo's held-out number (see ``metric_name``).
    metric_name : str
        What ``metric`` measures, e.g. "held-out MSE".
    details : dict
        Baselines and extras the metric is compared with (named per demo).
    """

    net: Network
    losses: list[float]
    metric: float
    metric_name: str
    details: dict = field(default_factory=dict)

    def summary(self) -> str:
        """One line per number, for printing."""
        lines = [f"{self.metric_name}: {self.metric:.4f}"]
        for k, v in self.details.items():
            lines.append(f"  {k}: {v:.4f}" if isinstance(v, float) else f"  {k}: {v!r}")
        return "\n".join(lines)


def _train(net, loss, data, iterations: int, lr: float, batch: int, seed: int, **stream) -> list:
    """``iterations`` updates of ``net`` through the engine's ``Trainer``: mini-batch Adam
    on full batches, the gradient's norm clipped to 5 (gradients can explode through
    time); the per-batch callback collects each batch's loss and stops the run there.
    ``stream``: the trainer's ``rng`` and ``row_source`` for a demo that draws its rows."""
    losses: list[float] = []

    def on_batch(epoch, b, n_batches, value):
        losses.append(value)
        return len(losses) >= iterations

    trainer = Trainer(
        net,
        loss,
        data,
        rule="minibatch",
        optimizer="adam",
        lr=lr,
        batch_size=batch,
        seed=seed,
        init=None,  # the Xavier weights the recipe drew
        clip_norm=5.0,
        drop_last=True,  # as the demos' own loop drew them: full batches only
        on_batch=on_batch,
        eval_sample=64,  # the records between epochs are not read: keep them cheap
        **stream,
    )
    if iterations > 0:
        trainer.run(int(iterations) + 1)  # (every epoch makes an update; on_batch ends it)
    return losses


# --- many-to-many: the next value of a noisy sine wave --------------------------------


def noisy_sine(rng, n: int, seq_len: int, period: float, noise: float):
    """``nnsim.data.sequences.sine_waves`` drawn from ``rng``, with the noise-free targets.

    Returns
    -------
    x, y : ndarray (n, seq_len, 1)
        Noisy values and the noisy next values (y[:, t] = x[:, t + 1]).
    y_clean : ndarray (n, seq_len, 1)
        The next values without noise: the same phases drawn again from a copy of
        ``rng`` with noise 0.
    """
    clean = sine_waves(n, seq_len, period, 0.0, seed=copy.deepcopy(rng)).y
    data = sine_waves(n, seq_len, period, noise, seed=rng)
    return data.x, data.y, clean


def sine_demo(
    seed: int = 0,
    hidden: int = 16,
    iterations: int = 600,
    seq_len: int = 20,
    period: float = 20.0,
    noise: float = 0.05,
    truncate: int | None = None,
    verbose: bool = False,
) -> DemoResult:
    """Train x_t → x_{t+1} on noisy sine waves and measure the held-out MSE.

    The network is Input (T, 1) → RNN(hidden, tanh) → TimeDense(1), trained on noisy
    inputs and noisy targets. The bar is the "repeat the last value" predictor, which
    even on the noise-free wave has MSE = E[(sin(φ + ω) − sin φ)²] = 1 − cos ω
    (ω = 2π / period; 0.049 for period 20): it cannot know whether the wave rises or
    falls, the RNN's state can. Against noisy targets nothing beats the noise floor σ².
    ``truncate`` is passed to the RNN (BPTT(k)) to compare truncated training.

    Returns
    -------
    DemoResult
        metric = held-out MSE, the mean of (ŷ − y)² over every step of 200 new noisy
        sequences; details: the same against the noise-free next values, the noise
        floor σ², the repeat-last baseline on the same data and its noise-free value
        1 − cos ω, and the signal's variance ½ + σ².
    """
    rng = np.random.default_rng(seed)
    xtr, ytr, _ = noisy_sine(rng, 400, seq_len, period, noise)
    xte, yte, yte_clean = noisy_sine(rng, 200, seq_len, period, noise)
    net = Network(
        [
            Input("x", (seq_len, 1)),
            RNN("rnn", hidden, ["x"], learn_h0=True, truncate=truncate),
            TimeDense("y", 1, ["rnn"]),
        ]
    )
    net.init_weights("xavier", rng=rng)
    losses = _train(net, PerStepLoss("squared_error"), (xtr, ytr), iterations, 0.01, 32, seed)
    pred = net.forward(xte)
    mse = float(np.mean((pred - yte) ** 2))
    details = {
        "held-out MSE against the noise-free wave": float(np.mean((pred - yte_clean) ** 2)),
        "noise floor σ²": noise**2,
        "repeat-last baseline (held-out)": float(np.mean((xte - yte) ** 2)),
        "repeat-last baseline, noise-free 1 − cos ω": float(1 - np.cos(2 * np.pi / period)),
        "signal variance": 0.5 + noise**2,
    }
    res = DemoResult(net, losses, mse, "held-out MSE", details)
    if verbose:
        print("sine, many-to-many next value\n" + res.summary())
    return res


# --- many-to-one: the parity of a bit string --------------------------------------------


def _train_classifier(rng, xtr, ytr, hidden, iterations, lr, batch, seed):
    """Many-to-one: Input (T, d) → RNN(hidden, tanh, last state) → Dense(2) logits,
    softmax cross-entropy, trained by ``_train``. Returns (net, losses)."""
    net = Network(
        [
            Input("x", xtr.shape[1:]),
            RNN("rnn", hidden, ["x"], return_sequences=False),
            Dense("cls", 2, ["rnn"], activation="identity"),
        ]
    )
    net.init_weights("xavier", rng=rng)
    return net, _train(net, "softmax_cross_entropy", (xtr, ytr), iterations, lr, batch, seed)


def _accuracy(net, x, y) -> float:
    return float(np.mean(net.forward(x).argmax(axis=1) == y))


def parity_demo(
    seed: int = 0,
    max_len: int = 8,
    hidden: int = 8,
    iterations: int = 3000,
    lr: float = 0.02,
    held_out: float = 0.25,
    verbose: bool = False,
) -> DemoResult:
    """Classify bit strings of length ≤ ``max_len`` as odd or even parity (many-to-one).

    Input (max_len, 2) → RNN(hidden, tanh, last state only) → Dense(2) → softmax
    cross-entropy. A random quarter of the strings of length ≥ 4 is held out (the 14
    shorter ones always train: they teach the flip). Only a network that has learnt the
    flip-flop rule, not the training strings, gets the held-out ones right; chance is
    50 %.

    Parity is the hard case for gradient descent through time: the error must reach
    back to the first bit, and some starting weights end in a network that fits the
    training strings without the rule. With these settings, trained through the
    ``Trainer`` (its own shuffling generator), seeds 0–11 reach ≥ 95 % held-out in 9
    cases of 12 (the others: 79 %, 93 %, 93 %; the demo's former loop, which drew the
    batches from the data's generator: 10 of 12); 16 or 32 hidden units fail more often
    (they saturate or memorise). ``rise_fall_demo`` is the easy
    many-to-one task.

    Returns
    -------
    DemoResult
        metric = held-out accuracy; details: training accuracy, string counts.
    """
    rng = np.random.default_rng(seed)
    x, y, lens = parity_strings(max_len)
    test_mask = (rng.random(len(y)) < held_out) & (lens > 3)
    xtr, ytr, xte, yte = x[~test_mask], y[~test_mask], x[test_mask], y[test_mask]
    net, losses = _train_classifier(rng, xtr, ytr, hidden, iterations, lr, 64, seed)
    details = {
        "training accuracy": _accuracy(net, xtr, ytr),
        "held-out strings": int(len(yte)),
        "training strings": int(len(ytr)),
    }
    res = DemoResult(net, losses, _accuracy(net, xte, yte), "held-out accuracy", details)
    if verbose:
        print(f"parity of bit strings of length ≤ {max_len}, many-to-one\n" + res.summary())
    return res


def rise_fall_demo(
    seed: int = 0,
    seq_len: int = 10,
    noise: float = 0.1,
    hidden: int = 8,
    iterations: int = 300,
    lr: float = 0.02,
    verbose: bool = False,
) -> DemoResult:
    """Is a noisy sequence rising or falling? (many-to-one).

    Input (T, 1) → RNN(hidden, tanh, last state only) → Dense(2). No single value
    answers it (the starts overlap): the state has to compare the present with the
    past. 400 training and 400 held-out sequences.

    Returns
    -------
    DemoResult
        metric = held-out accuracy; details: training accuracy.
    """
    rng = np.random.default_rng(seed)
    train = rise_fall(400, seq_len, noise, seed=rng)
    test = rise_fall(400, seq_len, noise, seed=rng)
    xtr, ytr, xte, yte = train.x, train.y, test.x, test.y
    net, losses = _train_classifier(rng, xtr, ytr, hidden, iterations, lr, 32, seed)
    details = {"training accuracy": _accuracy(net, xtr, ytr)}
    res = DemoResult(net, losses, _accuracy(net, xte, yte), "held-out accuracy", details)
    if verbose:
        print("rise or fall, many-to-one\n" + res.summary())
    return res


# --- one-to-many: character-level text generation --------------------------------------------


def bigram_fraction(text: str, corpus_bigrams: set) -> float:
    """Fraction of the text's consecutive character pairs that occur in the corpus."""
    pairs = list(zip(text, text[1:]))
    if not pairs:
        return 0.0
    return sum(p in corpus_bigrams for p in pairs) / len(pairs)


def char_demo(
    seed: int = 0,
    corpus: str = "fables",
    text: str | None = None,
    hidden: int = 64,
    seq_len: int = 25,
    iterations: int = 500,
    sample_len: int = 400,
    temperature: float = 1.0,
    seed_char: str = "T",
    verbose: bool = False,
) -> DemoResult:
    """Train next-character prediction on a corpus, then generate from one character.

    Training is many-to-many (one-hot characters → logits for the next character,
    softmax cross-entropy per step). Generation is one-to-many: from ``seed_char``
    the network runs one step at a time, samples the next character from its softmax
    (at ``temperature``) and feeds it back one-hot (``nnsim.engine.generate``).

    The metric: the fraction of the generated text's character bigrams that occur
    somewhere in the corpus. Uniformly random characters score (corpus bigrams) / V²
    (0.19 for the fables' 607 bigrams over 57 characters); characters drawn
    independently with the corpus' own letter frequencies score Σ p(a) p(b) over the
    corpus bigrams (0.68 for the fables): to beat that the network must have learnt
    which character follows which. Text copied from the corpus scores 1.

    Parameters
    ----------
    corpus : str
        "fables" or "rhymes" (the bundled texts), used when ``text`` is None.
    text : str, optional
        Train on this text instead.

    Returns
    -------
    DemoResult
        metric = generated bigram fraction; details: the fractions of uniformly random
        and of letter-frequency random text, the vocabulary size and the sample.
    """
    rng = np.random.default_rng(seed)
    if text is None:
        text = load_corpus(corpus)
    vocab = char_vocab(text)
    V = len(vocab)
    if seed_char not in vocab:
        raise EngineError(f"the seed character {seed_char!r} does not occur in the text")
    if len(text) < seq_len + 2:
        raise EngineError(f"the text needs at least {seq_len + 2} characters")
    lookup = {c: i for i, c in enumerate(vocab)}
    codes = encode(text, vocab)
    net = Network(
        [
            Input("x", (seq_len, V)),
            RNN("rnn", hidden, ["x"], learn_h0=True),
            TimeDense("logits", V, ["rnn"]),
        ]
    )
    net.init_weights("xavier", rng=rng)

    def windows(starts):
        win = codes[np.asarray(starts)[:, None] + np.arange(seq_len + 1)]
        return one_hot(win[:, :-1], V), win[:, 1:]

    # Every update trains on 32 windows drawn afresh from the text (the trainer's row
    # source, drawn from this demo's generator); the text cut into windows end to end
    # is the set the trainer evaluates.
    losses = _train(
        net,
        PerStepLoss(SoftmaxCrossEntropy()),
        windows(np.arange(0, len(codes) - seq_len - 1, seq_len)),
        iterations,
        0.01,
        32,
        seed,
        rng=rng,
        row_source=lambda g, n: windows(g.integers(0, len(codes) - seq_len - 1, n)),
    )
    first = one_hot(vocab.index(seed_char), V)
    gen, _ = generate(net, first, sample_len, sample_onehot(rng, temperature))
    sample = "".join(vocab[i] for i in gen[0].argmax(-1))
    corpus_bigrams = set(zip(text, text[1:]))
    frac = bigram_fraction(sample, corpus_bigrams)
    p = np.bincount(codes, minlength=V) / len(codes)
    details = {
        "uniformly random text bigram fraction": len(corpus_bigrams) / V**2,
        "letter-frequency random text bigram fraction": float(
            sum(p[lookup[a]] * p[lookup[b]] for a, b in corpus_bigrams)
        ),
        "vocabulary size": V,
        "sample": sample,
    }
    res = DemoResult(net, losses, frac, "generated bigrams found in the corpus", details)
    if verbose:
        print(f"character generation from {corpus!r}, one-to-many\n" + res.summary())
    return res


def main() -> None:
    """Run the three demos with their default settings and print the numbers."""
    sine_demo(verbose=True)
    rise_fall_demo(verbose=True)
    parity_demo(verbose=True)
    char_demo(verbose=True)


if __name__ == "__main__":
    main()
