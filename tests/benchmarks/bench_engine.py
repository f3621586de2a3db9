"""Benchmark: the engine's fast paths against PyTorch CPU doing identical work.

Run by hand (pytest does not collect it)::

    .venv/bin/python tests/benchmarks/bench_engine.py [--quick] [--threads N]

It prints the machine, which BLAS NumPy and PyTorch use, checks that both sides compute
the same numbers (same weights, same batches), then a table:

(a) TensorFlow Playground's default: 2 inputs, hidden 4-2 tanh, tanh output,
    ½-squared error, plain SGD η = 0.03, batch 10, 250 training points (the circle set),
    reshuffled every epoch; float64. Epochs per second (the engine runs 1000 epochs a
    round, PyTorch ``--torch-epochs``). Target: ≥ 8× PyTorch.
(b) That network's every neuron over a 100 × 100 grid (the decision-boundary
    heatmaps), in float32. Grids per second. Target: no slower than PyTorch.
(c) A 784-128-10 ReLU / softmax cross-entropy MLP, batch 64, plain SGD, on
    MNIST-shaped random data, in float64 (the engine's default) and float32. Samples
    per second. Target: ≥ 1.5× PyTorch.

Fairness: PyTorch gets as many threads as NumPy's BLAS uses (``torch.set_num_threads``),
the same dtype, the same initial weights, and the usual PyTorch training loop
(``randperm``, indexing, ``zero_grad``/``backward``/``step`` with ``torch.optim.SGD``).
The rounds alternate between the two so that a busy machine slows both alike; each
side's best round is reported. If the environment sets ``OPENBLAS_CORETYPE`` or
``OPENBLAS_L2_SIZE`` (both slow OpenBLAS down on this kind of machine) the benchmark
re-runs itself without them; nothing outside this process is changed.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import platform
import sys
import time
from pathlib import Path

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
    p.add_argument("--rounds", type=int, default=None, help="rounds per case (default 5)")
    p.add_argument(
        "--threads", type=int, default=None, help="BLAS/torch threads (default: NumPy's)"
    )
    p.add_argument("--torch-epochs", type=int, default=100, help="PyTorch epochs per round in (a)")
    p.add_argument("--mlp-samples", type=int, default=6400, help="samples per epoch in (c)")
    p.add_argument("--only", default="abc", help="which cases, e.g. 'ac'")
    p.add_argument("--no-torch", action="store_true", help="time the engine only")
    return p.parse_args(argv)


# --- environment -------------------------------------------------------------------------


def openblas_runtime():
    """(core name, threads) of the OpenBLAS NumPy loaded, or None if not found."""
    try:
        maps = Path("/proc/self/maps").read_text().splitlines()
    except OSError:
        return None
    libs = sorted({ln.split()[-1] for ln in maps if "openblas" in ln.lower() and ".so" in ln})
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in ("scipy_openblas_", "openblas_"):
            for suffix in ("64_", ""):
                core = getattr(lib, f"{prefix}get_corename{suffix}", None)
                threads = getattr(lib, f"{prefix}get_num_threads{suffix}", None)
                if core is not None and threads is not None:
                    core.restype = ctypes.c_char_p
                    return core().decode(), int(threads())
    return None


def numpy_blas(np) -> str:
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except Exception:  # older NumPy: no dict mode
        return "unknown"


def numpy_threads(rt) -> int:
    if rt is not None:
        return rt[1]
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        if os.environ.get(var, "").isdigit():
            return int(os.environ[var])
    return os.cpu_count() or 1


def load() -> str:
    try:
        return "load average " + " ".join(f"{v:.1f}" for v in os.getloadavg())
    except OSError:
        return "load average unknown"


# --- timing ------------------------------------------------------------------------------------


def best_rates(jobs, rounds: int):
    """Run each (name, fn, units) once per round, alternating who goes first; return the
    best units/second of each (wall clock) and the CPU-time rate of that round."""
    best = {name: (0.0, 0.0) for name, _, _ in jobs}
    for r in range(rounds):
        order = jobs if r % 2 == 0 else jobs[::-1]
        for name, fn, units in order:
            w0, c0 = time.perf_counter(), time.process_time()
            fn()
            wall, cpu = time.perf_counter() - w0, time.process_time() - c0
            rate = units / wall
            if rate > best[name][0]:
                best[name] = (rate, units / cpu if cpu > 0 else float("nan"))
    return best


def row(case, unit, target, ours, theirs, threads):
    if theirs is None:
        return f"{case:<44} {ours[0]:>12,.0f}  {'—':>12}  {'—':>7}  {unit}"
    ratio = ours[0] / theirs[0]
    verdict = "met" if ratio >= target else f"NOT met ({ratio / target:.0%} of target)"
    line = (
        f"{case:<44} {ours[0]:>12,.0f}  {theirs[0]:>12,.0f}  {ratio:>6.1f}×  {unit}; "
        f"target ≥ {target:g}×: {verdict}"
    )
    if threads == 1:  # CPU time is only comparable with one thread on each side
        line += f"  [CPU time: {ours[1]:,.0f} vs {theirs[1]:,.0f}, {ours[1] / theirs[1]:.1f}×]"
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


def verify(np, torch, ref, args) -> list[str]:
    """Same weights and batches on both sides give the same numbers."""
    from nnsim.engine import SoftmaxCrossEntropy, SquaredError

    lines = []
    x, y = playground_data(np)
    net = playground_net(np, np.float64)
    model = ref.twin(net, torch.float64)
    perm = np.random.default_rng(1).permutation(len(x))
    net.train_epoch_sgd(x[perm], y[perm], SquaredError(), 0.03, 10, shuffle=False)
    opt = torch.optim.SGD(model.parameters(), lr=0.03)
    ref.train_epoch(
        model,
        opt,
        ref.half_squared_error,
        torch.from_numpy(x),
        torch.from_numpy(y),
        10,
        torch.from_numpy(perm),
    )
    lines.append(
        f"(a) one epoch, same batches: max |Δθ| = {np.abs(net.theta - ref.theta_of(model)).max():.1e}"
    )
    pts = grid_points(np, np.float32)
    mine = net.forward_grid(pts)
    theirs = ref.every_output(ref.twin(net, torch.float32), torch.from_numpy(pts))
    diff = max(np.abs(a - b.numpy()).max() for a, b in zip(mine.values(), theirs))
    lines.append(f"(b) every neuron on the grid, float32: max |Δ| = {diff:.1e}")
    rng = np.random.default_rng(2)
    xm = rng.random((256, 784))
    ym = rng.integers(0, 10, 256)
    mlp = mlp_net(np, np.float64)
    model = ref.twin(mlp, torch.float64)
    mlp.train_epoch_sgd(xm, ym, SoftmaxCrossEntropy(), 0.1, 64, shuffle=False)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    ref.train_epoch(
        model,
        opt,
        torch.nn.CrossEntropyLoss(),
        torch.from_numpy(xm),
        torch.from_numpy(ym),
        64,
        torch.arange(256),
    )
    lines.append(
        f"(c) one epoch, same batches: max |Δθ| = {np.abs(mlp.theta - ref.theta_of(model)).max():.1e}"
    )
    return lines


def main(argv=None) -> int:
    _restart_without_slow_openblas_settings()
    args = parse_args(argv)
    if args.threads is not None:
        # read when OpenBLAS loads: set before NumPy is imported
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.path.insert(0, str(Path(__file__).resolve().parent))

    import numpy as np

    from nnsim.engine import SoftmaxCrossEntropy, SquaredError

    rounds = args.rounds or (2 if args.quick else 5)
    rt = openblas_runtime()
    threads = numpy_threads(rt)
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, {load()}"
    )
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
        for line in verify(np, torch, ref, args):
            print("  " + line)
    print(f"{rounds} rounds per case, best round of each side\n")
    print(f"{'case':<44} {'nnsim':>12}  {'PyTorch':>12}  {'ratio':>7}")
    results = {}

    if "a" in args.only:
        x, y = playground_data(np)
        net = playground_net(np, np.float64)
        loss = SquaredError()
        rng = np.random.default_rng(0)
        epochs = 200 if args.quick else 1000

        def ours_a():
            for _ in range(epochs):
                net.train_epoch_sgd(x, y, loss, 0.03, 10, rng)

        jobs = [("nnsim", ours_a, epochs)]
        if torch is not None:
            model = ref.twin(net, torch.float64)
            opt = torch.optim.SGD(model.parameters(), lr=0.03)
            tx, ty = torch.from_numpy(x), torch.from_numpy(y)
            t_epochs = max(10, args.torch_epochs // (5 if args.quick else 1))

            def theirs_a():
                for _ in range(t_epochs):
                    ref.train_epoch(
                        model, opt, ref.half_squared_error, tx, ty, 10, torch.randperm(len(x))
                    )

            jobs.append(("torch", theirs_a, t_epochs))
        best = best_rates(jobs, rounds)
        results["a"] = best
        print(
            row(
                "(a) Playground 2-4-2-1 tanh, SGD, float64",
                "epochs/s",
                8,
                best["nnsim"],
                best.get("torch"),
                threads,
            )
        )

    if "b" in args.only:
        net = playground_net(np, np.float64)
        pts = grid_points(np, np.float32)
        reps = 20 if args.quick else 100

        def ours_b():
            for _ in range(reps):
                net.forward_grid(pts, np.float32)

        jobs = [("nnsim", ours_b, reps)]
        if torch is not None:
            model = ref.twin(net, torch.float32)
            tp = torch.from_numpy(pts)

            def theirs_b():
                for _ in range(reps):
                    ref.every_output(model, tp)

            jobs.append(("torch", theirs_b, reps))
        best = best_rates(jobs, rounds)
        results["b"] = best
        print(
            row(
                "(b) every neuron on a 100×100 grid, float32",
                "grids/s",
                1,
                best["nnsim"],
                best.get("torch"),
                threads,
            )
        )

    if "c" in args.only:
        n = args.mlp_samples
        for dtype, tdt in ((np.float64, "float64"), (np.float32, "float32")):
            rng = np.random.default_rng(0)
            xm = rng.random((n, 784)).astype(dtype)
            ym = rng.integers(0, 10, n)
            net = mlp_net(np, dtype)
            loss = SoftmaxCrossEntropy()

            def ours_c(net=net, xm=xm, ym=ym, loss=loss, rng=rng):
                net.train_epoch_sgd(xm, ym, loss, 0.1, 64, rng)

            jobs = [("nnsim", ours_c, n)]
            if torch is not None:
                model = ref.twin(net, getattr(torch, tdt))
                opt = torch.optim.SGD(model.parameters(), lr=0.1)
                tx, ty = torch.from_numpy(xm), torch.from_numpy(ym)
                ce = torch.nn.CrossEntropyLoss()

                def theirs_c(model=model, opt=opt, tx=tx, ty=ty, ce=ce):
                    ref.train_epoch(model, opt, ce, tx, ty, 64, torch.randperm(n))

                jobs.append(("torch", theirs_c, n))
            best = best_rates(jobs, max(2, rounds - 2) if args.quick else rounds)
            results["c" + tdt] = best
            print(
                row(
                    f"(c) MLP 784-128-10, batch 64, SGD, {tdt}",
                    "samples/s",
                    1.5,
                    best["nnsim"],
                    best.get("torch"),
                    threads,
                )
            )
    print(f"\n{load()} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
