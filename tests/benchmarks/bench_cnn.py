"""Benchmark the lecture's MNIST CNN: engine vs PyTorch per batch, and a full MNIST training.

Run from the repository root::

    .venv/bin/python tests/benchmarks/bench_cnn.py                 # per-batch timing
    .venv/bin/python tests/benchmarks/bench_cnn.py --threads 2     # BLAS and torch threads
    .venv/bin/python tests/benchmarks/bench_cnn.py --train         # full MNIST to ≥ 98 %

Per batch: 64 images 1×28×28 → conv 8@3×3 → ReLU → max-pool 2 → dense 10 → softmax
cross-entropy, forward + backward + one SGD update, for the engine and for PyTorch on
the CPU in the same run, with the same dtype and the same number of threads. The two
are timed in alternating rounds so a busy machine slows both alike; the report gives
the median time per batch and the median of the per-round ratios (target ≤ 1.3), and
the ratio of the two fastest rounds.
"""

from __future__ import annotations

import argparse
import os
import sys


def _early_threads() -> int | None:
    # BLAS reads its thread count when NumPy is imported, so set it before that.
    for i, a in enumerate(sys.argv):
        if a == "--threads" and i + 1 < len(sys.argv):
            return int(sys.argv[i + 1])
        if a.startswith("--threads="):
            return int(a.split("=", 1)[1])
    return None


_T = _early_threads()
if _T is not None:
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(_T)

import ctypes  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from nnsim.engine.losses import SoftmaxCrossEntropy  # noqa: E402
from nnsim.recipes.cnn import build_mnist_cnn, train_mnist_cnn  # noqa: E402


def numpy_blas_threads() -> int:
    """The number of threads NumPy's OpenBLAS uses (asked from the loaded library)."""
    try:
        with open("/proc/self/maps") as fh:
            libs = {line.split()[-1] for line in fh if "openblas" in line.lower()}
    except OSError:
        libs = set()
    for path in libs:
        lib = ctypes.CDLL(path)
        for sym in (
            "scipy_openblas_get_num_threads64_",
            "openblas_get_num_threads64_",
            "openblas_get_num_threads",
        ):
            fn = getattr(lib, sym, None)
            if fn is not None:
                return int(fn())
    return int(os.environ.get("OPENBLAS_NUM_THREADS", os.cpu_count() or 1))


def engine_step(dtype, batch):
    net = build_mnist_cnn(dtype=dtype, seed=0)
    loss = SoftmaxCrossEntropy()
    rng = np.random.default_rng(0)
    x = rng.random((batch, 1, 28, 28)).astype(dtype)
    y = rng.integers(0, 10, batch)

    def step():
        net.loss_and_grad(x, y, loss, input_grad=False)  # as torch: no ∂E/∂images
        net.sgd_step(0.01)

    return step


def torch_step(torch, dtype, batch):
    tdtype = {np.float64: torch.float64, np.float32: torch.float32}[dtype]
    torch.manual_seed(0)
    nn = torch.nn
    model = nn.Sequential(
        nn.Conv2d(1, 8, 3),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(8 * 13 * 13, 10),
    ).to(tdtype)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    lossf = nn.CrossEntropyLoss()
    rng = np.random.default_rng(0)
    x = torch.from_numpy(rng.random((batch, 1, 28, 28)).astype(dtype))
    y = torch.from_numpy(rng.integers(0, 10, batch))

    def step():
        opt.zero_grad(set_to_none=True)
        lossf(model(x), y).backward()
        opt.step()

    return step


def per_batch(step, n: int) -> float:
    t0 = time.perf_counter()
    for _ in range(n):
        step()
    return (time.perf_counter() - t0) / n


def compare(dtype, batch: int, iters: int, rounds: int, threads: int) -> dict:
    """Alternate engine and PyTorch rounds; medians of the times and of the ratios."""
    import torch

    torch.set_num_threads(threads)
    eng, tor = engine_step(dtype, batch), torch_step(torch, dtype, batch)
    per_batch(eng, 20)
    per_batch(tor, 20)
    te, tt = [], []
    for _ in range(rounds):
        te.append(per_batch(eng, iters))
        tt.append(per_batch(tor, iters))
    ratios = [a / b for a, b in zip(te, tt)]
    return {
        "dtype": np.dtype(dtype).name,
        "engine_ms": 1e3 * statistics.median(te),
        "torch_ms": 1e3 * statistics.median(tt),
        "ratio": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
        # the least disturbed round of each: closest to an idle machine
        "engine_best_ms": 1e3 * min(te),
        "torch_best_ms": 1e3 * min(tt),
    }


def full_training(epochs: int | None, dtype) -> None:
    from nnsim.data import load_mnist

    train, test = load_mnist(dtype=dtype)
    kw = {} if epochs is None else {"epochs": epochs}
    print(f"full MNIST: {len(train.y)} training / {len(test.y)} test images")

    def report(epoch, loss, acc):
        print(f"  epoch {epoch + 1}: training loss {loss:.4f}, test accuracy {acc:.2%}", flush=True)

    res = train_mnist_cnn(train.x, train.y, test.x, test.y, dtype=dtype, callback=report, **kw)
    n = len(res.epochs)
    print(
        f"test accuracy {res.accuracy:.2%}, {len(res.misclassified)} misclassified, "
        f"training time {res.seconds:.1f} s ({res.seconds / n:.1f} s per epoch)"
    )
    print("confusion matrix (rows: true digit, columns: predicted):")
    print(res.confusion)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=None, help="BLAS and torch threads")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--iters", type=int, default=50, help="batches per timing round")
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--dtype", choices=["float64", "float32", "both"], default="both")
    ap.add_argument("--train", action="store_true", help="train on the full MNIST instead")
    ap.add_argument("--epochs", type=int, default=None, help="default: the demo's (10)")
    args = ap.parse_args()
    threads = numpy_blas_threads()
    print(f"NumPy {np.__version__}, BLAS threads {threads}, CPUs {os.cpu_count()}")
    if args.train:
        full_training(args.epochs, np.float64 if args.dtype != "float32" else np.float32)
        return
    dtypes = {"float64": [np.float64], "float32": [np.float32]}.get(
        args.dtype, [np.float64, np.float32]
    )
    print(
        f"batch {args.batch} of 1×28×28, conv 8@3×3 → ReLU → max-pool 2 → dense 10, "
        "softmax CE, forward + backward + SGD update"
    )
    for dt in dtypes:
        r = compare(dt, args.batch, args.iters, args.rounds, threads)
        print(
            f"{r['dtype']}: engine {r['engine_ms']:.2f} ms/batch, PyTorch {r['torch_ms']:.2f} "
            f"ms/batch, ratio {r['ratio']:.2f} (rounds {r['ratio_min']:.2f}–{r['ratio_max']:.2f}); "
            f"best rounds {r['engine_best_ms']:.2f} / {r['torch_best_ms']:.2f} ms = "
            f"{r['engine_best_ms'] / r['torch_best_ms']:.2f}"
        )


if __name__ == "__main__":
    main()
