"""Benchmark: R variants of a network trained together (the replica axis) against one run.

Run by hand (pytest does not collect it)::

    .venv/bin/python tests/benchmarks/bench_replicas.py [--quick] [--rounds N] [--sessions N]

Cases: TensorFlow Playground's default (2 inputs, hidden 4-2 tanh, tanh output, ½-squared
error, mini-batch SGD η = 0.03, batch 10, the 250 training points of the circle set,
float64) and the Playground's largest network (2-8×6-1: six hidden layers of 8, tanh).

"One run" is one ``Trainer.run`` of that network with its history (a row per epoch: the
loss and accuracy on the training and test sets, the weights). "R variants" is a
``ReplicaTrainer`` over R trainers that differ in η (0.003, 0.01, 0.03, 0.1) and seed
(⌈R / 4⌉ seeds: each its own initial weights and shuffling), with the same history for
every replica; R = 1 is the stack's own overhead. The cost of R variants is printed as a
multiple of one run's time and as the aggregate rate (R × epochs per second, over one
run's). Targets (issue 17): R = 16 at most 2× one run (aggregate ≥ 8×), R = 64 at most 6×.

The comparison column is the same work done as R separate PyTorch trainings: the same
network and initial weights, the same epochs in the same batch order (the Trainer's own
shuffling, drawn before timing), the usual loop (index, forward, loss, ``zero_grad``,
``backward``, ``step``) plus a no-grad evaluation of the training and test sets per epoch;
one training is timed (fewer epochs: it is slow) and multiplied by R. PyTorch is optional.

Checked before anything is timed, for each network: every replica of a stack of 8 is bit
for bit its Trainer run alone (weights and history), and PyTorch's weights after the same
epochs agree with the Trainer's to 1e-6 (float64: they differ only in the order of sums).

Noise (the machine is shared): a session runs ``--rounds`` rounds that interleave every
side (one run, each R, PyTorch), and each ratio is the median over the rounds with the
spread (lowest–highest) beside it. ``--sessions`` repeats that; every session is printed
with the load average during it, and the summary takes the quietest session (lowest
load). When the load average is above the number of cores the verdict is "busy" instead
of met / NOT met: the figures then say more about the other jobs than about the code.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import statistics
import sys
import time
from pathlib import Path

LRS = (0.003, 0.01, 0.03, 0.1)
TARGETS = {16: 2.0, 64: 6.0}
CASES = (("Playground 2-4-2-1 tanh", (4, 2)), ("2-8×6-1 tanh", (8,) * 6))


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer epochs, rounds and sessions")
    p.add_argument("--rounds", type=int, default=None, help="rounds a session (default 5)")
    p.add_argument("--sessions", type=int, default=None, help="sessions (default 3)")
    p.add_argument("--epochs", type=int, default=None, help="epochs per timed run (200)")
    p.add_argument("--no-torch", action="store_true", help="leave PyTorch out")
    p.add_argument("--sizes", default="1,16,64", help="numbers of variants, e.g. 1,16,64")
    p.add_argument("--cases", default="all", help="'all', 'playground' or 'deep'")
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
    seeds = -(-R // len(LRS))
    return [build(np, hidden, seed, lr) for seed in range(seeds) for lr in LRS][:R]


def verify_stack(np, hidden, R=8, epochs=20) -> str:
    """Every replica of a stack of R against its Trainer alone, bit for bit."""
    from nnsim.engine.replicas import ReplicaTrainer

    rt = ReplicaTrainer(variants(np, hidden, R))
    rt.run(epochs)
    for r, alone in enumerate(variants(np, hidden, R)):
        alone.run(epochs)
        mine = rt.trainer(r)
        same = np.array_equal(alone.network.theta, mine.network.theta)
        same = same and np.array_equal(alone.history.weights, mine.history.weights)
        for col in ("train_loss", "train_acc", "val_loss", "val_acc"):
            same = same and np.array_equal(getattr(alone.history, col), getattr(mine.history, col))
        if not same:
            return f"replica {r} DIFFERS from its Trainer run (a bug)"
    return f"all {R} replicas bit for bit their Trainer runs ({epochs} epochs)"


def torch_job(np, torch, ref, hidden, epochs):
    """One PyTorch training of the network of seed 0, η = 0.03: the Trainer's initial
    weights and batch orders, plus an evaluation of both sets per epoch. Returns (the
    timed function, a function giving the weights afterwards, the Trainer's own run)."""
    tr = build(np, hidden, 0, 0.03)
    rng = copy.deepcopy(tr._rng)  # the orders the Trainer will draw, drawn here first
    orders = [torch.from_numpy(rng.permutation(tr.n_train)) for _ in range(epochs)]
    model = ref.twin(tr.network, torch.float64)
    opt = torch.optim.SGD(model.parameters(), lr=0.03)
    tx, ty = torch.from_numpy(tr.x_train), torch.from_numpy(tr.y_train.reshape(-1, 1))
    vx, vy = torch.from_numpy(tr.x_val), torch.from_numpy(tr.y_val.reshape(-1, 1))

    def run():
        for order in orders:
            ref.train_epoch(model, opt, ref.half_squared_error, tx, ty, 10, order)
            with torch.no_grad():
                for xs, ys in ((tx, ty), (vx, vy)):
                    out = model(xs)
                    ref.half_squared_error(out, ys).item()
                    ((out >= 0) == (ys > 0)).double().mean().item()

    return run, lambda: ref.theta_of(model), tr


def verify_torch(np, torch, ref, hidden, epochs=5) -> tuple[float, str]:
    run, weights, tr = torch_job(np, torch, ref, hidden, epochs)
    run()
    tr.run(epochs)
    diff = float(np.max(np.abs(weights() - tr.network.theta)))
    ok = "agree" if diff <= 1e-6 else "DISAGREE (not the same work)"
    return diff, f"PyTorch against the Trainer after {epochs} epochs: max |Δw| {diff:.1e}, {ok}"


def session(np, hidden, sizes, epochs, rounds, torch, ref, t_epochs):
    """One session of interleaved rounds: per-epoch times per side, and the loads."""
    from nnsim.engine.replicas import ReplicaTrainer

    def one_run():
        tr = build(np, hidden, 0, 0.03)
        return lambda: tr.run(epochs)

    jobs = {"one run": one_run}
    for R in sizes:

        def stacked(R=R):
            rt = ReplicaTrainer(variants(np, hidden, R))
            return lambda: rt.run(epochs)

        jobs[f"R={R}"] = stacked
    if torch is not None:
        jobs["torch"] = lambda: torch_job(np, torch, ref, hidden, t_epochs)[0]
    times: dict[str, list[float]] = {k: [] for k in jobs}
    cpu: dict[str, list[float]] = {k: [] for k in jobs}
    names = list(jobs)
    loads = [loadavg()]
    for rnd in range(rounds):
        for name in names if rnd % 2 == 0 else names[::-1]:
            run = jobs[name]()  # set-ups are built outside the timing
            t0, c0 = time.perf_counter(), time.process_time()
            run()
            n = t_epochs if name == "torch" else epochs
            times[name].append((time.perf_counter() - t0) / n)
            cpu[name].append((time.process_time() - c0) / n)
        loads.append(loadavg())
    return times, cpu, loads


def report(times, cpu, loads, sizes, cores, torch_on) -> dict:
    """The session's lines and its figures: {R: median ratio}. Beside each wall-clock
    ratio, the ratio of processor times: on a loaded machine waiting for a core inflates
    the first, not the second."""
    one = statistics.median(times["one run"])
    lo, hi = min(times["one run"]), max(times["one run"])
    busy = max(loads) > cores
    print(
        f"  one run: {1 / one:,.0f} epochs/s ({one * 1e3:.3f} ms an epoch, spread "
        f"{lo * 1e3:.3f}–{hi * 1e3:.3f}); load average {min(loads):.2f}–{max(loads):.2f}"
    )
    figures = {}
    for R in sizes:
        ratios = [t / o for t, o in zip(times[f"R={R}"], times["one run"])]
        ratio = figures[R] = statistics.median(ratios)
        c_ratio = statistics.median(t / o for t, o in zip(cpu[f"R={R}"], cpu["one run"]))
        line = (
            f"  R={R:<3} cost {ratio:5.2f}× one run (spread {min(ratios):.2f}–"
            f"{max(ratios):.2f}; processor time {c_ratio:.2f}×), aggregate "
            f"{R / ratio:5.1f}× one run's epochs/s"
        )
        if R in TARGETS:
            verdict = "busy" if busy else ("met" if ratio <= TARGETS[R] else "NOT met")
            line += f"; target ≤ {TARGETS[R]:g}×: {verdict}"
        if torch_on:
            cost = R * statistics.median(times["torch"]) / one
            line += f" | {R} PyTorch trainings: {cost:,.0f}× one run"
        print(line)
    return figures


def main(argv=None) -> int:
    args = parse_args(argv)
    here = Path(__file__).resolve()
    sys.path.insert(0, str(here.parents[2]))
    sys.path.insert(0, str(here.parent))
    import numpy as np

    sizes = [int(s) for s in args.sizes.split(",")]
    rounds = args.rounds or (3 if args.quick else 5)
    sessions = args.sessions or (1 if args.quick else 3)
    epochs = args.epochs or (60 if args.quick else 200)
    t_epochs = max(5, epochs // 20)
    cores = os.cpu_count() or 1
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, {cores} CPUs")
    torch = ref = None
    if not args.no_torch:
        try:
            import _torch_ref as ref
            import torch

            torch.set_num_threads(1)
            print(f"PyTorch {torch.__version__} (1 thread)")
        except ImportError:
            print("PyTorch is not installed: no comparison column")
    print(f"load average at the start: {loadavg():.2f} ({cores} cores: above that, 'busy')")
    cases = {"all": CASES, "playground": CASES[:1], "deep": CASES[1:]}[args.cases]
    for title, hidden in cases:
        print(f"\n{title}")
        print(f"  checked: {verify_stack(np, hidden)}")
        if torch is not None:
            diff, line = verify_torch(np, torch, ref, hidden)
            print(f"  checked: {line}")
        results = []
        for s in range(sessions):
            print(f" session {s + 1}/{sessions}:")
            times, cpu, loads = session(np, hidden, sizes, epochs, rounds, torch, ref, t_epochs)
            figures = report(times, cpu, loads, sizes, cores, torch is not None)
            results.append((max(loads), figures))
        load, figures = min(results, key=lambda lf: lf[0])
        summary = ", ".join(f"R={R} {figures[R]:.2f}×" for R in sizes)
        state = "busy" if load > cores else "quiet enough"
        print(f" quietest session (load average up to {load:.2f}, {state}): {summary}")
    print(f"\nload average at the end: {loadavg():.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
