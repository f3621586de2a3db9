"""Benchmark: the RNN view's demos trained through the engine's ``Trainer`` against their former own loop.

    .venv/bin/python tests/benchmarks/bench_rnn_trainer.py [--iterations N] [--slice K] [--seeds S]
    .venv/bin/python tests/benchmarks/bench_rnn_trainer.py --soak 60


Not collected by pytest. The RNN view's runs (``nnsim.recipes.rnn_runs``) used to train
with a loop of their own (a shuffled-batch generator, the engine's Adam, the gradient
clipped to 5); they now train through ``Trainer`` in slices of ``--slice`` updates. The
former loop is kept here, applied to a run built from the same seed (same data, same
initial weights), so both sides start equal. Printed per demo: time per update (median
of interleaved rounds, with the spread and the load) and the quality reached — the
sine's held-out MSE after N updates, the parity demo's held-out accuracy over seeds
0..S-1, the character demo's mean loss of its last 50 updates and its generated-bigram
fraction — and the largest difference between the two sides' loss curves (the trainer
draws the same batches from the same generator, so they should agree to rounding).

``--soak S`` instead trains the sine demo for S seconds headless as the view does (slices
that end after 0.2 s, each followed by a frame) and prints, for the first and the last
tenth of the run (and the tenth after its middle), the updates per second, the time of a frame, the memory Python holds
(tracemalloc) and the process's RSS, and the lengths of the loss list and the history:
a bounded run keeps all of them flat.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from _common import Load, Spread, interleaved, table  # noqa: E402

from nnsim.engine.layers.rnn import clip_grad_norm, sequence_loss  # noqa: E402
from nnsim.engine.optim import Adam  # noqa: E402
from nnsim.recipes.rnn_runs import CharRun, ParityRun, SineRun  # noqa: E402

DEMOS = {"sine": (SineRun, 0.01, 32), "parity": (ParityRun, 0.02, 64), "chars": (CharRun, 0.01, 32)}


def shuffled_batches(rng, n: int, batch: int):
    """The former loop's endless mini-batches: one shuffled pass after another."""
    while True:
        order = rng.permutation(n)
        for i in range(0, n - batch + 1 if n >= batch else 1, batch):
            yield order[i : i + batch]


class OldLoop:
    """The runs' former ``train``: their own batches, Adam and clipping."""

    def __init__(self, run, lr: float, batch: int):
        self.run, self.opt = run, Adam(lr=lr)
        n = len(run.xtr) if hasattr(run, "xtr") else 0
        self.batches = shuffled_batches(run.rng, n, batch) if n else None
        self.losses: list[float] = []

    def update(self) -> float:
        run, net = self.run, self.run.net
        if isinstance(run, SineRun):
            idx = next(self.batches)
            value, g = sequence_loss(run.loss, net.forward(run.xtr[idx]), run.ytr[idx])
            net.backward(g)
        elif isinstance(run, ParityRun):
            idx = next(self.batches)
            value = net.loss_and_grad(run.xtr[idx], run.ytr[idx], run.loss)
        else:
            start = run.rng.integers(0, len(run.codes) - run.steps - 1, 32)
            win = run.codes[start[:, None] + np.arange(run.steps + 1)]
            value, g = sequence_loss(run.loss, net.forward(run.eye[win[:, :-1]]), win[:, 1:])
            net.backward(g)
        clip_grad_norm(net.grad, 5.0)
        self.opt.step(net.theta, net.grad)
        net.params_changed()
        return float(value)

    def train(self, n: int) -> list[float]:
        out = [self.update() for _ in range(n)]
        self.losses += out
        return out


def train_new(run, n: int, k: int) -> list[float]:
    """``n`` updates through the trainer, in slices of ``k``."""
    out: list[float] = []
    while len(out) < n:
        out += run.train(min(k, n - len(out)))
    return out


def quality(run) -> float:
    """The demo's number: held-out MSE, held-out accuracy, or generated bigram fraction."""
    return float(run.frame().metric)


def timing(kind: str, n: int, k: int, rounds: int, load: Load):
    """Interleaved rounds of ``n`` updates on each side, from a fresh run of seed 0."""
    cls, lr, batch = DEMOS[kind]

    def old():
        loop = OldLoop(cls(seed=0), lr, batch)
        return lambda: loop.train(n)

    def new():
        run = cls(seed=0)
        return lambda: train_new(run, n, k)

    out = interleaved([("old", old), ("new", new)], rounds, load, warmup=False)
    return out["old"], out["new"]


QUALITY = {
    "parity": lambda v: f"{sum(x >= 0.95 for x in v)}/{len(v)} seeds ≥ 95 %, mean {np.mean(v):.3f}",
    "sine": lambda v: f"held-out MSE {v[0]:.4f}",
    "chars": lambda v: f"bigrams {v[0]:.3f}",
}


def rss_mb() -> float:
    """The process's resident memory in MB (Linux), NaN elsewhere."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * 4096 / 2**20
    except OSError:
        return float("nan")


def soak(seconds: float, every: float = 0.2, load: Load | None = None) -> None:
    """The sine demo trained ``seconds`` in the view's slices; start against end."""
    load = load or Load()
    run = SineRun(seed=0)
    # (t, updates in the slice, slice s, frame s, traced MB, RSS MB, losses) per slice,
    # allocated before tracing starts: the log must not be what grows
    log = np.zeros((int(seconds / every * 2) + 64, 7))
    k = 0
    tracemalloc.start()
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        due = time.perf_counter() + every

        def pause(_n, due=due) -> bool:
            time.sleep(0.001)  # the view's YIELD_SECONDS: the GIL to the UI thread
            return time.perf_counter() >= due

        a = time.perf_counter()
        n = len(run.train(10**9, hook=pause))
        b = time.perf_counter()
        frame = run.frame()
        np.asarray(frame.loss_updates, float), np.asarray(frame.losses, float)  # the plot's copy
        c = time.perf_counter()
        traced = tracemalloc.get_traced_memory()[0] / 2**20
        log[k] = (c - t0, n, b - a, c - b, traced, rss_mb(), len(frame.losses))
        k += 1
        if k % 25 == 0:
            load.see()
    tracemalloc.stop()
    rows = [tuple(r) for r in log[:k]]
    tenth = max(1, len(rows) // 10)
    out = []
    mid = len(rows) // 2
    parts = (("start", rows[:tenth]), ("middle", rows[mid : mid + tenth]), ("end", rows[-tenth:]))
    for name, part in parts:
        ups = sum(r[1] for r in part) / sum(r[2] for r in part)
        ms = 1000 * float(np.median([r[3] for r in part]))
        out.append(
            (
                name,
                f"{part[0][0]:.0f}–{part[-1][0]:.0f} s",
                f"{ups:.0f}",
                f"{1000 * float(np.median([r[2] / r[1] for r in part])):.2f} ms",
                f"{ms:.1f} ms",
                f"{part[-1][4]:.2f} MB",
                f"{part[-1][5]:.0f} MB",
                str(int(part[-1][6])),
            )
        )
    head = ("part", "time", "updates/s", "per update", "frame", "traced", "RSS", "losses kept")
    print(table(head, out))
    h = run.trainer.history
    print(f"history {len(h)} rows of {h.limit}, {h._w.nbytes / 2**20:.2f} MB of weights")
    print(
        f"sine demo, {seconds:.0f} s in slices of {every} s: {run.iteration} updates, "
        f"{len(rows)} slices; {load.span()}"
    )


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iterations", type=int, default=300, help="updates per demo")
    ap.add_argument("--parity-iterations", type=int, default=1000)
    ap.add_argument("--slice", type=int, default=10, help="updates per Trainer slice")
    ap.add_argument("--seeds", type=int, default=12, help="parity seeds")
    ap.add_argument("--rounds", type=int, default=3, help="timing rounds per side")
    ap.add_argument("--soak", type=float, default=0, help="seconds of the sine demo in slices")
    args = ap.parse_args(argv)
    load = Load()
    if args.soak:
        soak(args.soak, load=load)
        return
    rows = []
    for kind in ("sine", "chars", "parity"):
        n = args.parity_iterations if kind == "parity" else args.iterations
        cls, lr, batch = DEMOS[kind]
        seeds = range(args.seeds) if kind == "parity" else range(1)
        q_old, q_new, diff = [], [], 0.0
        tail_old = tail_new = float("nan")
        for seed in seeds:
            a, b = cls(seed=seed), cls(seed=seed)
            la = OldLoop(a, lr, batch).train(n)
            lb = train_new(b, n, args.slice)
            diff = max(diff, float(np.max(np.abs(np.subtract(la, lb)))))
            q_old.append(quality(a))
            q_new.append(quality(b))
            tail_old, tail_new = float(np.mean(la[-50:])), float(np.mean(lb[-50:]))
        old, new = timing(kind, n, args.slice, args.rounds, load)
        q = QUALITY[kind]
        ms = Spread.of(1000 * t / n for t in old.wall).text(".2f", "ms")
        ms_new = Spread.of(1000 * t / n for t in new.wall).text(".2f", "ms")
        extra_old = f", last-50 loss {tail_old:.3f}" if kind != "parity" else ""
        extra_new = f", last-50 loss {tail_new:.3f}" if kind != "parity" else ""
        rows.append((kind, n, "old loop", ms, q(q_old) + extra_old, ""))
        rows.append((kind, n, "Trainer", ms_new, q(q_new) + extra_new, f"{diff:.1e}"))
    print(table(("demo", "updates", "side", "time / update", "quality", "max |Δ loss|"), rows))
    print(f"Trainer slices of {args.slice} updates; {load.span()}")


if __name__ == "__main__":
    main()
