"""The RNN view's demos, one per shape, trained a few iterations at a time (Qt-free).

Each run owns an engine network with an Elman ``RNN`` layer and trains it as the recipes
of ``nnsim.recipes.rnn`` do (same data from ``nnsim.data.sequences``, same network), through
the engine's ``Trainer`` (mini-batch Adam, gradient norm clipped to 5, full batches), but
in slices of a few updates (``train``; the trainer resumes the stopped epoch, so slices
make the updates one long run would), so the view can show the loss, the hidden states
and the BPTT gradient after every few updates:

* many-to-many — next value of a noisy sine wave (``SineRun``);
* many-to-one — parity of a bit string (``ParityRun``);
* one-to-many — text generated character by character from one seed character, each
  sampled character fed back as the next input (``CharRun``; trained many-to-many on
  the corpus, as ``char_demo``);
* the RNN network of the open document, e.g. the rnn-shapes lesson (``DocumentRun``, in
  ``rnn_document_run.py``).

``frame()`` runs the network forward and backward on one fixed display sequence and
returns a ``RnnFrame`` with x_t, h_t, y_t per step, the BPTT gradient norm ‖∂E/∂h_t‖
per step and the texts to show. Frames hold copies: they may cross threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnsim.data.sequences import char_vocab, encode, load_corpus, parity_strings
from nnsim.engine.history import thin_rows
from nnsim.engine.layers.base import Input
from nnsim.engine.layers.dense import Dense
from nnsim.engine.layers.rnn import (
    RNN,
    PerStepLoss,
    TimeDense,
    generate,
    sample_onehot,
    sequence_loss,
)
from nnsim.engine.losses import SoftmaxCrossEntropy, SquaredError, softmax
from nnsim.engine.network import Network
from nnsim.engine.notation import fmt
from nnsim.engine.training import Trainer, TrainingError, history_rows
from nnsim.recipes.rnn import bigram_fraction, noisy_sine

#: The shapes of COURSE.md §12 in the order the view lists them.
SHAPES = ("one-to-many", "many-to-one", "many-to-many")


@dataclass
class RnnFrame:
    """What the RNN view draws at one moment of training.

    Attributes
    ----------
    shape : str
        "one-to-many", "many-to-one" or "many-to-many".
    x_labels, y_labels, target_labels : list of str
        Per step t = 1..T: the input shown at t ("" where the step has no input), the
        output ("" where the shape has no output at t) and the target.
    feedback : bool
        True when the output of step t is fed back as the input of step t + 1.
    h : ndarray (T, H)
        Hidden states h_1..h_T of the display sequence.
    grad_norms : ndarray (T,)
        ‖∂E/∂h_t‖ from back-propagation through time on the display sequence.
    losses : list of float
        Training losses to plot: of every update while few, then of older updates ever
        more sparsely (``RnnRun.losses``).
    iteration : int
    metric_name : str
    metric : float or None
    series : dict or None
        Numbers to plot over t: ``x``, ``target``, ``prediction`` (sine demo).
    text : dict
        Lines shown beside the plots: ``target``, ``prediction`` and, when generating,
        ``generated`` (and ``input`` for the character demo).
    grad_source : str
        Which sequence the gradient norms come from ("display" or "training window").
    loss_updates : list of int or None
        The update (1-based) of each value of ``losses``; None: 1, 2, ... len(losses).
    """

    shape: str
    x_labels: list
    y_labels: list
    target_labels: list
    h: np.ndarray
    grad_norms: np.ndarray
    losses: list
    iteration: int
    metric_name: str = ""
    metric: float | None = None
    feedback: bool = False
    series: dict | None = None
    text: dict = field(default_factory=dict)
    grad_source: str = "display"
    loss_updates: list | None = None

    @property
    def steps(self) -> int:
        """T, the number of unrolled steps."""
        return len(self.x_labels)


#: Rows of the training set each record of the trainer is evaluated on (a sample: the
#: records after every slice must stay cheap next to the updates).
EVAL_ROWS = 64
#: Bytes (at least HISTORY_MIN_ROWS rows) the trainer's weight snapshots may take: the
#: view never travels back in time, and undoing a divergence needs the first and latest
#: rows only (the engine's 64 MB filled in minutes of the character demo, 93 kB a slice).
HISTORY_BYTES, HISTORY_MIN_ROWS = 2 << 20, 8
#: Loss values a run keeps (a frame carries, the plot draws) at most: every update's up
#: to here, then older ones thinned as the history is (``thin_rows``): flat memory and
#: plot work per frame however long the run.
LOSS_LIMIT = 4096


class RnnRun:
    """Shared part of the demos: a network, its ``Trainer``, the loss history."""

    shape = ""
    name = ""

    def __init__(self, steps: int, hidden: int, seed: int = 0):
        self.steps = int(steps)
        self.hidden = int(hidden)
        self.seed = int(seed)
        self.rng = np.random.default_rng(seed)
        #: Training losses: every update's while fewer than LOSS_LIMIT, then the older
        #: ones thinned; ``loss_updates`` numbers them (1-based).
        self.losses: list[float] = []
        self.loss_updates: list[int] = []
        self._loss_recent = LOSS_LIMIT // 2
        self.iteration = 0
        self.net: Network | None = None
        self.trainer: Trainer | None = None

    @property
    def rnn(self) -> RNN:
        """The recurrent layer."""
        return next(layer for layer in self.net.layers.values() if isinstance(layer, RNN))

    def _make_trainer(self, loss, x, y, lr: float, batch: int, row_source=None) -> None:
        """The run's trainer: mini-batch Adam on full batches, the gradient's norm
        clipped to 5 (gradients can explode through time), shuffled with the run's own
        generator (the one that drew its data and weights, as the demos always did)."""
        self.trainer = Trainer(
            self.net,
            loss,
            (x, y),
            rule="minibatch",
            optimizer="adam",
            lr=lr,
            batch_size=batch,
            seed=self.seed,
            init=None,  # the Xavier weights the run drew
            clip_norm=5.0,
            drop_last=True,
            eval_sample=EVAL_ROWS,
            rng=self.rng,
            row_source=row_source,
            resume=True,
            history_limit=history_rows(self.net, HISTORY_BYTES, HISTORY_MIN_ROWS),
        )

    def train(self, iterations: int, hook=None) -> list[float]:
        """Run up to ``iterations`` updates through the trainer; returns their losses.

        Parameters
        ----------
        iterations : int
            Updates to make.
        hook : callable, optional
            ``hook(done)`` after every update (``done`` updates of this call so far);
            a true value ends the slice early (the view's time to draw, or Stop).

        Raises
        ------
        TrainingError
            When training diverged (the trainer restored the last sound weights).
        """
        n = int(iterations)
        out: list[float] = []
        if n <= 0:
            return out

        def on_batch(epoch, b, n_batches, value):
            out.append(float(value))
            return len(out) >= n or bool(hook is not None and hook(len(out)))

        trainer = self.trainer
        trainer.on_batch = on_batch
        try:
            # every epoch makes at least one update: the slice ends in on_batch
            result = trainer.run(n + 1)
        finally:
            trainer.on_batch = None
            self._keep_losses(out)
        if result.status == "diverged":
            raise TrainingError(result.message)
        return out

    def _keep_losses(self, out: list[float]) -> None:
        """Add the losses of ``out``'s updates; past LOSS_LIMIT thin the older ones."""
        start = self.iteration
        self.iteration += len(out)
        self.losses.extend(out)
        self.loss_updates.extend(range(start + 1, self.iteration + 1))
        if len(self.losses) > LOSS_LIMIT:
            rows, self._loss_recent = thin_rows(
                np.asarray(self.loss_updates) - 1, LOSS_LIMIT, self._loss_recent
            )
            self.losses = [self.losses[i] for i in rows]
            self.loss_updates = [self.loss_updates[i] for i in rows]

    def frame(self) -> RnnFrame:
        """The display sequence run forward and backward with the current weights."""
        raise NotImplementedError

    def _frame(self, **fields) -> RnnFrame:
        """An ``RnnFrame`` of this run: its shape, losses and iteration, and the recurrent
        layer's states and gradient norms of the last pass unless ``fields`` give them."""
        rnn = self.rnn
        if "h" not in fields:
            fields["h"] = rnn.h[1:, 0].copy()
        if "grad_norms" not in fields:
            fields["grad_norms"] = rnn.grad_norms.copy()
        return RnnFrame(
            shape=self.shape,
            losses=list(self.losses),
            loss_updates=list(self.loss_updates),
            iteration=self.iteration,
            **fields,
        )


class SineRun(RnnRun):
    """Many-to-many: x_t → x_{t+1} on noisy sine waves (``nnsim.recipes.rnn.sine_demo``)."""

    shape = "many-to-many"
    name = "sine"

    def __init__(self, steps: int = 20, hidden: int = 16, seed: int = 0, period=20.0, noise=0.05):
        super().__init__(steps, hidden, seed)
        self.xtr, self.ytr, _ = noisy_sine(self.rng, 400, self.steps, period, noise)
        self.xte, self.yte, _ = noisy_sine(self.rng, 100, self.steps, period, noise)
        self.net = Network(
            [
                Input("x", (self.steps, 1)),
                RNN("rnn", self.hidden, ["x"], learn_h0=True),
                TimeDense("y", 1, ["rnn"]),
            ]
        )
        self.net.init_weights("xavier", rng=self.rng)
        self.loss = SquaredError()
        self._make_trainer(PerStepLoss(self.loss), self.xtr, self.ytr, 0.01, 32)

    def frame(self) -> RnnFrame:
        mse = float(np.mean((self.net.forward(self.xte) - self.yte) ** 2))
        x, y = self.xte[:1], self.yte[:1]
        out = self.net.forward(x)
        _, g = sequence_loss(self.loss, out, y)
        self.net.backward(g)
        pred = out[0, :, 0].copy()
        return self._frame(
            x_labels=[fmt(v, 2) for v in x[0, :, 0]],
            y_labels=[fmt(v, 2) for v in pred],
            target_labels=[fmt(v, 2) for v in y[0, :, 0]],
            metric_name="held-out MSE",
            metric=mse,
            series={"x": x[0, :, 0].copy(), "target": y[0, :, 0].copy(), "prediction": pred},
            text={
                "target": " ".join(fmt(v, 2) for v in y[0, :, 0]),
                "prediction": " ".join(fmt(v, 2) for v in pred),
            },
        )


class ParityRun(RnnRun):
    """Many-to-one: is the number of ones in a bit string odd? (``nnsim.recipes.rnn.parity_demo``)."""

    shape = "many-to-one"
    name = "parity"

    def __init__(self, steps: int = 8, hidden: int = 16, seed: int = 0, held_out: float = 0.25):
        super().__init__(steps, hidden, seed)
        x, y, lens = parity_strings(self.steps)
        test = (self.rng.random(len(y)) < held_out) & (lens > 3)
        if not test.any():  # short strings: nothing can be held out
            test = np.zeros(len(y), bool)
        self.xtr, self.ytr = x[~test], y[~test]
        self.xte, self.yte = (x[test], y[test]) if test.any() else (x, y)
        # Show a held-out string of full length with a mix of bits (odd parity reads
        # best: the answer flips with every 1).
        lens_te = lens[test] if test.any() else lens
        ones = self.xte[:, :, 1].sum(axis=1)
        want = (lens_te == self.steps) & (ones == self.steps // 2 + (self.steps // 2 + 1) % 2)
        pick = np.flatnonzero(want)
        if not len(pick):
            pick = np.flatnonzero(lens_te == lens_te.max())
        self.display = int(pick[0])
        self.net = Network(
            [
                Input("x", (self.steps, 2)),
                RNN("rnn", self.hidden, ["x"], return_sequences=False),
                Dense("cls", 2, ["rnn"], activation="identity"),
            ]
        )
        self.net.init_weights("xavier", rng=self.rng)
        self.loss = SoftmaxCrossEntropy()
        self._make_trainer(self.loss, self.xtr, self.ytr, 0.02, 64)

    def frame(self) -> RnnFrame:
        acc = float(np.mean(self.net.forward(self.xte).argmax(1) == self.yte))
        x, y = self.xte[self.display : self.display + 1], self.yte[self.display : self.display + 1]
        self.net.loss_and_grad(x, y, self.loss)
        p = softmax(self.net.values["cls"], axis=-1)[0]
        bits = ["·" if not row.any() else str(int(row[1])) for row in x[0]]
        T = self.steps
        answer = int(np.argmax(p))
        y_labels = [""] * (T - 1) + [f"{'odd' if answer else 'even'} {fmt(p[answer], 2)}"]
        target = ["" for _ in range(T - 1)] + ["odd" if y[0] else "even"]
        return self._frame(
            x_labels=bits,
            y_labels=y_labels,
            target_labels=target,
            metric_name="held-out accuracy",
            metric=acc,
            text={
                "input": "".join(b for b in bits if b != "·"),
                "target": "odd" if y[0] else "even",
                "prediction": "odd" if answer else "even",
                "probability": float(p[answer]),
            },
        )


class CharRun(RnnRun):
    """One-to-many: generate text from one seed character (``nnsim.recipes.rnn.char_demo``).

    Trained many-to-many (next character) on windows of T characters of the corpus;
    shown as one-to-many: from the seed, each sampled character is fed back as the next
    input (``nnsim.engine.generate``).
    """

    shape = "one-to-many"
    name = "chars"

    def __init__(
        self,
        steps: int = 16,
        hidden: int = 64,
        seed: int = 0,
        corpus: str = "fables",
        seed_char: str = "T",
        temperature: float = 0.7,
        generate_len: int = 120,
    ):
        super().__init__(steps, hidden, seed)
        self.text_corpus = load_corpus(corpus)
        self.vocab = char_vocab(self.text_corpus)
        self.V = len(self.vocab)
        self.lookup = {c: i for i, c in enumerate(self.vocab)}
        self.codes = encode(self.text_corpus, self.vocab)
        self.seed_char = seed_char if seed_char in self.lookup else self.vocab[0]
        self.temperature = float(temperature)
        self.generate_len = max(int(generate_len), self.steps)
        self.eye = np.eye(self.V)
        self.bigrams = set(zip(self.text_corpus, self.text_corpus[1:]))
        # A fixed window to show: the first one that starts a word with the seed letter.
        start = self.text_corpus.find(". " + self.seed_char)
        self.display_start = start + 2 if 0 <= start < len(self.codes) - self.steps - 3 else 0
        self.net = Network(
            [
                Input("x", (self.steps, self.V)),
                RNN("rnn", self.hidden, ["x"], learn_h0=True),
                TimeDense("logits", self.V, ["rnn"]),
            ]
        )
        self.net.init_weights("xavier", rng=self.rng)
        self.loss = SoftmaxCrossEntropy()
        self.gen_rng = np.random.default_rng(seed + 1)
        # Each update trains on 32 windows drawn afresh from the whole corpus; the
        # corpus cut into windows end to end is the set the trainer evaluates, and
        # one epoch is as many characters as the corpus holds.
        starts = np.arange(0, len(self.codes) - self.steps - 1, self.steps)
        x, y = self._windows(starts)
        self._make_trainer(PerStepLoss(self.loss), x, y, 0.01, 32, row_source=self._draw)

    def _windows(self, starts):
        """One-hot inputs (n, T, V) and next-character targets (n, T) of the windows."""
        win = self.codes[np.asarray(starts)[:, None] + np.arange(self.steps + 1)]
        return self.eye[win[:, :-1]], win[:, 1:]

    def _draw(self, rng, n: int):
        """The trainer's row source: ``n`` windows at random places of the corpus."""
        return self._windows(rng.integers(0, len(self.codes) - self.steps - 1, n))

    def decode(self, codes) -> str:
        """Characters of the code list."""
        return "".join(self.vocab[int(i)] for i in codes)

    def frame(self) -> RnnFrame:
        T = self.steps
        win = self.codes[self.display_start : self.display_start + T + 1][None]
        out = self.net.forward(self.eye[win[:, :-1]])
        _, g = sequence_loss(self.loss, out, win[:, 1:])
        self.net.backward(g)
        grad_norms = self.rnn.grad_norms.copy()
        predicted = self.decode(out[0].argmax(-1))
        # One-to-many: the seed character, then every sampled character fed back.
        first = self.eye[self.lookup[self.seed_char]]
        inputs, _ = generate(
            self.net, first, self.generate_len, sample_onehot(self.gen_rng, self.temperature)
        )
        gen_codes = inputs[0].argmax(-1)  # seed + generated characters
        generated = self.decode(gen_codes)
        # The states of the generation: the same RNN run over the fed-back inputs
        # (generation is deterministic once the sampled characters are known).
        rnn = self.rnn
        rnn.forward([inputs[:, :T]])
        h = rnn.h[1:, 0].copy()
        x_labels = [self.seed_char] + [""] * (T - 1)
        y_labels = [generated[t + 1] for t in range(T)]
        return self._frame(
            x_labels=x_labels,
            y_labels=y_labels,
            target_labels=[""] * T,
            h=h,
            grad_norms=grad_norms,
            metric_name="generated bigrams found in the corpus",
            metric=bigram_fraction(generated, self.bigrams),
            feedback=True,
            text={
                "input": self.decode(win[0, :-1]),
                "target": self.decode(win[0, 1:]),
                "prediction": predicted,
                "generated": generated,
            },
            grad_source="training window",
        )


def make_run(kind: str, steps: int | None = None, seed: int = 0, document=None) -> RnnRun:
    """The run for a demo: "sine", "parity", "chars" or "document"."""
    if kind == "sine":
        return SineRun(steps or 20, seed=seed)
    if kind == "parity":
        return ParityRun(steps or 8, seed=seed)
    if kind == "chars":
        return CharRun(steps or 16, seed=seed)
    if kind == "document":
        from nnsim.recipes.rnn_document_run import DocumentRun  # it builds on RnnRun

        return DocumentRun(document, seed=seed)
    raise ValueError(f"unknown RNN demo {kind!r}")
