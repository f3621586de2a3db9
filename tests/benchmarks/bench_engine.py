"""Benchmark: the engine's fast paths against PyTorch CPU doing identical work.

Run by hand (pytest does not collect it)::

    .venv/bin/python tests/benchmarks/bench_engine.py [--quick] [--threads N]

It prints the machine, which BLAS NumPy and PyTorch use, checks that both sides compute
the same numbers (same weights, same batches), then a table:

(a) TensorFlow Playground's default: 2 inputs, hidden 4-2 tanh, tanh output,
    ½-squared error, plain SGD η = 0.03, batch 10, 250 training points (the circle set),
    reshuffled every epoch; float64. Epochs per second; both sides run the same
    ``--epochs`` (200) a round from the same initial weights with the same batches
    (one permutation per epoch, drawn once), so after every round their weights agree.
    Target: ≥ 8× PyTorch.
(b) That network's every neuron over a 100 × 100 grid (the decision-boundary
    heatmaps), in float32. Grids per second. Target: no slower than PyTorch.
(c) A 784-128-10 ReLU / softmax cross-entropy MLP, batch 64, plain SGD, on
    MNIST-shaped random data, in float64 (the engine's default) and float32. Samples
    per second. Target: ≥ 1.5× PyTorch.

Fairness: PyTorch gets as many threads as NumPy's BLAS uses (``torch.set_num_threads``),
the same dtype, the same initial weights and batches, and the usual PyTorch training loop
(indexing, ``zero_grad``/``backward``/``step`` with ``torch.optim.SGD``). Before timing,
a short run on both sides must agree to a stated tolerance, or the script stops. The
rounds alternate between the two so that a burst of load slows both alike; each figure
is the median round with the spread beside it, and the load average. When the load
average exceeded the number of cores the verdict is "busy", not "met" / "NOT met". If the environment sets ``OPENBLAS_CORETYPE`` or
``OPENBLAS_L2_SIZE`` (both slow OpenBLAS down on this kind of machine) the benchmark
re-runs itself without them; nothing outside this process is changed.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    Load,
    check_agreement,
    interleaved,
    numpy_blas,
    numpy_threads,
    openblas_runtime,
    ratios,
    set_blas_threads,
    verdict,
)

_SLOW_OPENBLAS_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
_UNSET_NOTE = "NNSIM_BENCH_UNSET"


def _restart_without_slow_openblas_settings() -> None:
    """Re-exec this script without OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE (they are read
    when OpenBLAS loads, so they must be gone before NumPy is imported)."""
    found = [v for v in _SLOW_OPENBLAS_VARS if v in os.environ]
    if not found:
        return
    env = {k: v for k, v in os.environ.items() if k not in _SLOW_OPENBLAS_VARS}
    env[_UNSET_NOTE] = ", ".join(f"{v}={os.environ[v]}" for v in found)
    os.execve(sys.executable, [sys.executable, *sys.argv], env)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer and shorter rounds")
    p.add_argument("--rounds", type=int, default=None, help="rounds per case (default 5, quick 3)")
    p.add_argument(
        "--threads", type=int, default=None, help="BLAS/torch threads (default: NumPy's)"
    )
    p.add_argument("--epochs", type=int, default=None, help="epochs per round in (a), each side")
    p.add_argument("--mlp-samples", type=int, default=6400, help="samples per epoch in (c)")
    p.add_argument("--only", default="abc", help="which cases, e.g. 'ac'")
    p.add_argument("--no-torch", action="store_true", help="time the engine only")
    return p.parse_args(argv)


# --- reporting ---------------------------------------------------------------------------------


def row(case, unit, target, res, load, threads):
    """One case's line: both sides' median rates with their spread, the median ratio
    with its spread, the target, the verdict ("busy" on a loaded machine) and the load."""
    ours = res["nnsim"].rate(res["units"])
    if "torch" not in res:
        return f"{case}: nnsim {ours.text()} {unit}; {load.span()}"
    theirs = res["torch"].rate(res["units"])
    ratio = ratios(res["nnsim"], res["torch"])
    line = (
        f"{case}\n    nnsim {ours.text()} {unit}, PyTorch {theirs.text()} {unit}; "
        f"nnsim {ratio.text('.1f')}× PyTorch; target ≥ {target:g}×: "
        f"{verdict(ratio.median >= target, load)}; {load.span()}"
    )
    if threads == 1:  # processor time is only comparable with one thread on each side
        c_ours, c_theirs = (res[k].cpu_rate(res["units"]) for k in ("nnsim", "torch"))
        line += f"\n    processor time: {c_ours:,.0f} vs {c_theirs:,.0f} {unit}, {c_ours / c_theirs:.1f}×"
    return line


# --- the cases -----------------------------------------------------------------------------------


def playground_net(np, dtype):
    from nnsim.engine import Dense, Input, Network

    net = Network(
        [
            Input("x", 2),
            Dense("h1", 4, ["x"], "tanh"),
            Dense("h2", 2, ["h1"], "tanh"),
            Dense("out", 1, ["h2"], "tanh"),
        ],
        dtype=dtype,
    )
    net.init_weights("playground", seed=0)
    assert net.fused
    return net


def mlp_net(np, dtype):
    from nnsim.engine import Dense, Input, Network

    net = Network(
        [Input("x", 784), Dense("h", 128, ["x"], "relu"), Dense("out", 10, ["h"], "identity")],
        dtype=dtype,
    )
    net.init_weights("he", seed=0)
    assert net.fused
    return net


def playground_data(np):
    from nnsim.data.toy2d import circle

    ds = circle(500, noise=0.0, train_fraction=0.5, seed=0)
    x = np.ascontiguousarray(ds.x, dtype=np.float64)
    y = np.where(ds.y > 0.5, 1.0, -1.0)  # the Playground's labels for a tanh output
    return x, y


def grid_points(np, dtype):
    g = np.linspace(-6.0, 6.0, 100)
    xx, yy = np.meshgrid(g, g)
    return np.column_stack([xx.ravel(), yy.ravel()]).astype(dtype)


class Case:
    """One case's identical work on both sides: the data, the initial weights and the batch
    schedule (one permutation per epoch, drawn once), replayed from the start every round."""

    def __init__(self, np, net, x, y, loss, lr, batch, epochs, seed=0):
        self.np, self.net, self.x, self.y = np, net, x, y
        self.loss, self.lr, self.batch = loss, lr, batch
        self.theta0 = net.theta.copy()
        rng = np.random.default_rng(seed)
        self.perms = [rng.permutation(len(x)) for _ in range(epochs)]

    def engine(self, epochs=None):
        """The timed engine work: reset the weights, then the epochs of the schedule."""
        net, x, y, loss = self.net, self.x, self.y, self.loss
        net.theta[:] = self.theta0
        perms = self.perms[:epochs]

        def run():
            for p in perms:
                net.train_epoch_sgd(x[p], y[p], loss, self.lr, self.batch, shuffle=False)

        return run

    def torch(self, torch, ref, tdtype, loss_fn, epochs=None):
        """The timed PyTorch work: the engine's initial weights, the same schedule."""
        now = self.net.theta.copy()  # the engine's weights stay as its last round left them
        self.net.theta[:] = self.theta0
        model = ref.twin(self.net, tdtype)
        self.net.theta[:] = now
        opt = torch.optim.SGD(model.parameters(), lr=self.lr)
        tx, ty = torch.from_numpy(self.x), torch.from_numpy(self.y)
        perms = [torch.from_numpy(p) for p in self.perms[:epochs]]
        self.model = model

        def run():
            for p in perms:
                ref.train_epoch(model, opt, loss_fn, tx, ty, self.batch, p)

        return run

    def difference(self, ref) -> float:
        """Largest weight difference between the engine and the last PyTorch model."""
        return float(self.np.abs(self.net.theta - ref.theta_of(self.model)).max())


def agree(case, torch, ref, tdtype, loss_fn, epochs, what, tol) -> str:
    """Run ``epochs`` of the schedule on both sides; stop unless the weights agree."""
    case.engine(epochs)()
    case.torch(torch, ref, tdtype, loss_fn, epochs)()
    return check_agreement(what, case.difference(ref), tol)


def main(argv=None) -> int:
    _restart_without_slow_openblas_settings()
    args = parse_args(argv)
    set_blas_threads(args.threads)  # read when OpenBLAS loads: before NumPy is imported
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

    import numpy as np

    from nnsim.engine import SoftmaxCrossEntropy, SquaredError

    rounds = args.rounds or (3 if args.quick else 5)
    rt = openblas_runtime()
    threads = numpy_threads(rt)
    load = Load()
    print(f"Python {platform.python_version()} on {platform.machine()}, {load.span()}")
    core = f", OpenBLAS core {rt[0]}" if rt else ""
    print(f"NumPy {np.__version__}: BLAS {numpy_blas(np)}{core}, {threads} thread(s)")
    if os.environ.get(_UNSET_NOTE):
        print(f"(re-ran without {os.environ[_UNSET_NOTE]}: they slow OpenBLAS down)")
    torch = ref = None
    if not args.no_torch:
        try:
            import _torch_ref as ref
            import torch
        except ImportError:
            print("PyTorch is not installed: timing the engine only")
            torch = None
    if torch is not None:
        torch.set_num_threads(threads)
        print(
            f"PyTorch {torch.__version__}: BLAS {ref.blas_info()}, "
            f"torch.set_num_threads({threads}) to match NumPy"
        )
    print(
        f"{rounds} interleaved rounds per case; each figure is the median round with the "
        "spread (lowest–highest) in brackets\n"
    )

    if "a" in args.only:
        x, y = playground_data(np)
        epochs = args.epochs or (40 if args.quick else 200)
        case = Case(np, playground_net(np, np.float64), x, y, SquaredError(), 0.03, 10, epochs)
        jobs = [("nnsim", case.engine)]
        if torch is not None:
            print(
                "  "
                + agree(
                    case,
                    torch,
                    ref,
                    torch.float64,
                    ref.half_squared_error,
                    5,
                    "(a) 5 epochs, same weights and batches",
                    1e-12,
                )
            )
            jobs.append(
                ("torch", lambda: case.torch(torch, ref, torch.float64, ref.half_squared_error))
            )
        res = interleaved(jobs, rounds, load)
        res["units"] = epochs
        title = f"(a) Playground 2-4-2-1 tanh, SGD, float64, {epochs} epochs a round on each side"
        print(row(title, "epochs/s", 8, res, load, threads))
        if torch is not None:  # the timed rounds themselves did the same work
            print(f"    weights after the last round: max |Δ| = {case.difference(ref):.1e}")

    if "b" in args.only:
        net = playground_net(np, np.float64)
        pts = grid_points(np, np.float32)
        reps = 20 if args.quick else 100
        jobs = [("nnsim", lambda: lambda: [net.forward_grid(pts, np.float32) for _ in range(reps)])]
        if torch is not None:
            model = ref.twin(net, torch.float32)
            tp = torch.from_numpy(pts)
            mine = net.forward_grid(pts, np.float32)
            theirs = ref.every_output(model, tp)
            diff = max(np.abs(a - b.numpy()).max() for a, b in zip(mine.values(), theirs))
            print("  " + check_agreement("(b) every neuron on the grid, float32", diff, 1e-5))
            jobs.append(
                ("torch", lambda: lambda: [ref.every_output(model, tp) for _ in range(reps)])
            )
        res = interleaved(jobs, rounds, load)
        res["units"] = reps
        print(row("(b) every neuron on a 100×100 grid, float32", "grids/s", 1, res, load, threads))

    if "c" in args.only:
        n = args.mlp_samples
        for dtype, tdt, tol in ((np.float64, "float64", 1e-12), (np.float32, "float32", 1e-4)):
            rng = np.random.default_rng(0)
            xm = rng.random((n, 784)).astype(dtype)
            ym = rng.integers(0, 10, n)
            case = Case(np, mlp_net(np, dtype), xm, ym, SoftmaxCrossEntropy(), 0.1, 64, 1)
            jobs = [("nnsim", case.engine)]
            if torch is not None:
                tdtype, ce = getattr(torch, tdt), torch.nn.CrossEntropyLoss()
                print(
                    "  "
                    + agree(
                        case,
                        torch,
                        ref,
                        tdtype,
                        ce,
                        1,
                        f"(c) one epoch, {tdt}, same weights and batches",
                        tol,
                    )
                )
                jobs.append(
                    (
                        "torch",
                        lambda case=case, tdtype=tdtype, ce=ce: case.torch(torch, ref, tdtype, ce),
                    )
                )
            res = interleaved(jobs, max(2, rounds - 2) if args.quick else rounds, load)
            res["units"] = n
            title = f"(c) MLP 784-128-10, batch 64, SGD, {tdt}, one epoch of {n} samples a round"
            print(row(title, "samples/s", 1.5, res, load, threads))
    load.see()
    print(f'\n{load.span()} over the run ("busy" above {load.cores}: no verdict)')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
