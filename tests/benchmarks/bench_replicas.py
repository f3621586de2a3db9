"""Benchmark: R variants of a network trained together (the replica axis) against one run.

Run by hand (pytest does not collect it)::

    .venv/bin/python tests/benchmarks/bench_replicas.py [--quick] [--rounds N]

Cases: TensorFlow Playground's default (2 inputs, hidden 4-2 tanh, tanh output, ½-squared
error, mini-batch SGD η = 0.03, batch 10, the 250 training points of the circle set,
float64) and the Playground's largest network (2-8×6-1: six hidden layers of 8, tanh).

"One run" is one ``Trainer.run`` of that network with its history (a row per epoch: the
loss and accuracy on the training and test sets, the weights). "R variants" is a
``ReplicaTrainer`` over R trainers that differ in η (0.003, 0.01, 0.03, 0.1) and seed
(R / 4 seeds: each its own initial weights and shuffling), with the same history for
every replica. The cost of R variants is printed as a multiple of one run's time and as
the aggregate rate (R × epochs per second, over one run's). Targets (issue 17): R = 16 at
most 2× one run (aggregate ≥ 8×), R = 64 at most 6×. The comparison column is the same
work done as R separate PyTorch trainings (the usual loop, plus a no-grad evaluation of
the training and test sets per epoch), from one PyTorch training timed and multiplied by
R; PyTorch is optional (``pip install torch`` into the .venv).

Noise: the rounds interleave every side, and each figure is the median over the rounds
with the spread (lowest–highest) beside it. The load average is printed at the start and
at the end; when it reaches 1.5 on the way the machine is busy and no target verdict is
given ("busy"). Before timing, one replica of each case is checked to be bit for bit its
Trainer run alone.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

BUSY_LOAD = 1.5
LRS = (0.003, 0.01, 0.03, 0.1)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer epochs and rounds")
    p.add_argument("--rounds", type=int, default=None, help="rounds (default 5)")
    p.add_argument("--epochs", type=int, default=None, help="epochs per timed run")
    p.add_argument("--no-torch", action="store_true", help="leave PyTorch out")
    p.add_argument("--sizes", default="16,64", help="numbers of variants, e.g. 16,64")
    return p.parse_args(argv)


def loadavg() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def build(np, hidden, seed, lr):
    from nnsim.data.toy2d import circle
    from nnsim.engine import Dense, Input, Network
    from nnsim.engine.training import Trainer

    ds = circle(500, noise=0.0, train_fraction=0.5, seed=0)
    x = np.ascontiguousarray(ds.x, dtype=np.float64)
    y = np.where(ds.y > 0.5, 1.0, -1.0)
    xt = np.ascontiguousarray(ds.x_test, dtype=np.float64)
    yt = np.where(ds.y_test > 0.5, 1.0, -1.0)
    layers, prev = [Input("x", 2)], "x"
    for i, n in enumerate(hidden):
        layers.append(Dense(f"h{i}", n, [prev], "tanh"))
        prev = f"h{i}"
    layers.append(Dense("out", 1, [prev], "tanh"))
    return Trainer(
        Network(layers),
        "squared_error",
        (x, y),
        (xt, yt),
        rule="minibatch",
        batch_size=10,
        lr=lr,
        seed=seed,
        init="playground",
    )


def variants(np, hidden, R):
    return [build(np, hidden, seed, lr) for seed in range(R // len(LRS)) for lr in LRS]


def verify(np, hidden) -> str:
    from nnsim.engine.replicas import ReplicaTrainer

    rt = ReplicaTrainer(variants(np, hidden, 8))
    rt.run(20)
    alone = build(np, hidden, 1, LRS[2])  # replica 6: seed 1, η = 0.03
    alone.run(20)
    mine = rt.trainer(6)
    same = np.array_equal(alone.network.theta, mine.network.theta) and np.array_equal(
        alone.history.weights, mine.history.weights
    )
    same = same and np.array_equal(alone.history.val_loss, mine.history.val_loss)
    return "bit for bit" if same else "DIFFERENT (a bug)"


def torch_job(np, torch, ref, hidden, epochs):
    """One PyTorch training of the same network, data and batches, with an evaluation of
    both sets per epoch (what the history records)."""
    tr = build(np, hidden, 0, 0.03)
    model = ref.twin(tr.network, torch.float64)
    opt = torch.optim.SGD(model.parameters(), lr=0.03)
    tx, ty = torch.from_numpy(tr.x_train), torch.from_numpy(tr.y_train.reshape(-1, 1))
    vx, vy = torch.from_numpy(tr.x_val), torch.from_numpy(tr.y_val.reshape(-1, 1))

    def run():
        for _ in range(epochs):
            ref.train_epoch(model, opt, ref.half_squared_error, tx, ty, 10, torch.randperm(len(tx)))
            with torch.no_grad():
                for xs, ys in ((tx, ty), (vx, vy)):
                    out = model(xs)
                    ref.half_squared_error(out, ys).item()
                    ((out >= 0) == (ys > 0)).double().mean().item()

    return run


def main(argv=None) -> int:
    args = parse_args(argv)
    here = Path(__file__).resolve()
    sys.path.insert(0, str(here.parents[2]))
    sys.path.insert(0, str(here.parent))
    import numpy as np

    from nnsim.engine.replicas import ReplicaTrainer

    sizes = [int(s) for s in args.sizes.split(",")]
    rounds = args.rounds or (3 if args.quick else 5)
    epochs = args.epochs or (60 if args.quick else 200)
    loads = [loadavg()]
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, {os.cpu_count()} CPUs")
    torch = ref = None
    if not args.no_torch:
        try:
            import _torch_ref as ref
            import torch

            torch.set_num_threads(1)
            print(f"PyTorch {torch.__version__} (1 thread)")
        except ImportError:
            print("PyTorch is not installed: no comparison column")
    print(f"load average at the start: {loads[0]:.2f}")
    cases = [("Playground 2-4-2-1 tanh", (4, 2)), ("2-8×6-1 tanh", (8,) * 6)]
    for title, hidden in cases:
        print(f"\n{title}: one replica against its Trainer alone: {verify(np, hidden)}")
        jobs = {}

        # set-ups are built before each timed run: the figures are training alone
        def one_run(hidden=hidden):
            tr = build(np, hidden, 0, 0.03)
            return lambda: tr.run(epochs)

        jobs["one run"] = one_run
        for R in sizes:

            def stacked(R=R, hidden=hidden):
                rt = ReplicaTrainer(variants(np, hidden, R))
                return lambda: rt.run(epochs)

            jobs[f"R={R}"] = stacked
        if torch is not None:
            t_epochs = max(5, epochs // 20)
            jobs["torch"] = lambda hidden=hidden, n=t_epochs: torch_job(np, torch, ref, hidden, n)
        times: dict[str, list[float]] = {k: [] for k in jobs}
        names = list(jobs)
        for rnd in range(rounds):
            for name in names if rnd % 2 == 0 else names[::-1]:
                run = jobs[name]()
                t0 = time.perf_counter()
                run()
                times[name].append(time.perf_counter() - t0)
            loads.append(loadavg())
        per_epoch = {k: [t / epochs for t in v] for k, v in times.items()}
        if torch is not None:
            per_epoch["torch"] = [t / t_epochs for t in times["torch"]]
        one = statistics.median(per_epoch["one run"])
        lo, hi = min(per_epoch["one run"]), max(per_epoch["one run"])
        print(
            f"  one run: {1 / one:,.0f} epochs/s ({one * 1e3:.3f} ms an epoch, "
            f"spread {lo * 1e3:.3f}–{hi * 1e3:.3f})"
        )
        busy = max(loads) >= BUSY_LOAD
        for R in sizes:
            ratios = [t / o for t, o in zip(per_epoch[f"R={R}"], per_epoch["one run"])]
            ratio = statistics.median(ratios)
            target = 2 if R <= 16 else 6
            if busy:
                verdict = "busy"
            else:
                verdict = "met" if ratio <= target else "NOT met"
            line = (
                f"  R={R:<3} cost {ratio:5.2f}× one run (spread {min(ratios):.2f}–"
                f"{max(ratios):.2f}), aggregate {R / ratio:5.1f}× one run's epochs/s; "
                f"target ≤ {target}×: {verdict}"
            )
            if torch is not None:
                tr_cost = R * statistics.median(per_epoch["torch"]) / one
                line += f" | {R} PyTorch trainings: {tr_cost:,.0f}× one run"
            print(line)
    loads.append(loadavg())
    print(f"\nload average at the end: {loads[-1]:.2f} (highest seen {max(loads):.2f})")
    if max(loads) >= BUSY_LOAD:
        print(f"the machine was busy (load ≥ {BUSY_LOAD}): figures are indicative only")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
