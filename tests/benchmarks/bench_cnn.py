"""Benchmark the lecture's MNIST CNN: engine vs PyTorch per batch, and a full MNIST training.

Run from the repository root::

    .venv/bin/python tests/benchmarks/bench_cnn.py                 # per-batch timing
    .venv/bin/python tests/benchmarks/bench_cnn.py --threads 2     # BLAS and torch threads
    .venv/bin/python tests/benchmarks/bench_cnn.py --train         # full MNIST to ≥ 98 %

Per batch: 64 images 1×28×28 → conv 8@3×3 → ReLU → max-pool 2 → dense 10 → softmax
cross-entropy, forward + backward + one SGD update, for the engine and for PyTorch on
the CPU in the same run, with the same dtype, the same number of threads and the same
initial weights (PyTorch's layers get the engine's He-initialised kernels and weights).
Before timing, three steps on both sides must leave the same weights to a stated
tolerance (1e-12 in float64, 1e-5 in float32) or the script stops; both then take the
same steps, and the weights are compared again after timing. The two are timed in
interleaved rounds so a burst of load slows both alike; the report gives the median time
per batch with the spread, and the median of the per-round ratios engine/PyTorch with
its spread (target ≤ 1.3), beside the load average ("busy" instead of a verdict when it
exceeded the number of cores).
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


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (  # noqa: E402
    Load,
    Spread,
    check_agreement,
    interleaved,
    numpy_threads,
    ratios,
    set_blas_threads,
    verdict,
)

set_blas_threads(_early_threads())  # BLAS reads its thread count when NumPy is imported

from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from nnsim.engine.losses import SoftmaxCrossEntropy  # noqa: E402
from nnsim.recipes.cnn import build_mnist_cnn, train_mnist_cnn  # noqa: E402


def engine_step(dtype, batch):
    """(step function, network): one engine SGD step on a fixed random batch."""
    net = build_mnist_cnn(dtype=dtype, seed=0)
    loss = SoftmaxCrossEntropy()
    rng = np.random.default_rng(0)
    x = rng.random((batch, 1, 28, 28)).astype(dtype)
    y = rng.integers(0, 10, batch)

    def step():
        net.loss_and_grad(x, y, loss, input_grad=False)  # as torch: no ∂E/∂images
        net.sgd_step(0.01)

    return step, net


def torch_step(torch, net, batch):
    """(step function, model): the same network in PyTorch with ``net``'s weights, on the
    same batch (the engine's W0 is (in, out); a Linear keeps it transposed)."""
    dtype = net.dtype.type
    tdtype = {np.float64: torch.float64, np.float32: torch.float32}[dtype]
    nn = torch.nn
    model = nn.Sequential(
        nn.Conv2d(1, 8, 3),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(8 * 13 * 13, 10),
    ).to(tdtype)
    with torch.no_grad():
        model[0].weight.copy_(torch.from_numpy(net.param("conv", "W").copy()))
        model[0].bias.copy_(torch.from_numpy(net.param("conv", "b").copy()))
        model[4].weight.copy_(torch.from_numpy(net.param("out", "W0").T.copy()))
        model[4].bias.copy_(torch.from_numpy(net.param("out", "b").copy()))
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    lossf = nn.CrossEntropyLoss()
    rng = np.random.default_rng(0)
    x = torch.from_numpy(rng.random((batch, 1, 28, 28)).astype(dtype))
    y = torch.from_numpy(rng.integers(0, 10, batch))

    def step():
        opt.zero_grad(set_to_none=True)
        lossf(model(x), y).backward()
        opt.step()

    return step, model


def weight_difference(net, model) -> float:
    """Largest difference between the engine's weights and the PyTorch model's."""
    pairs = [
        (net.param("conv", "W"), model[0].weight),
        (net.param("conv", "b"), model[0].bias),
        (net.param("out", "W0"), model[4].weight.T),
        (net.param("out", "b"), model[4].bias),
    ]
    return max(float(np.abs(a - b.detach().numpy()).max()) for a, b in pairs)


def compare(dtype, batch: int, iters: int, rounds: int, threads: int, load: Load) -> dict:
    """Agreement first, then interleaved rounds; medians with their spread."""
    import torch

    torch.set_num_threads(threads)
    name = np.dtype(dtype).name
    eng, net = engine_step(dtype, batch)
    tor, model = torch_step(torch, net, batch)
    for _ in range(3):
        eng()
        tor()
    tol = 1e-12 if dtype == np.float64 else 1e-5
    print("  " + check_agreement(f"{name}, three steps", weight_difference(net, model), tol))

    def rounds_of(step):
        return lambda: lambda: [step() for _ in range(iters)]

    res = interleaved([("engine", rounds_of(eng)), ("torch", rounds_of(tor))], rounds, load)
    ms = {k: Spread.of(1e3 * t / iters for t in res[k].wall) for k in res}
    return {
        "dtype": name,
        "ms": ms,
        "ratio": ratios(res["torch"], res["engine"]),  # engine time / PyTorch time
        "steps": 3 + iters * (rounds + 1),
        "after": weight_difference(net, model),
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
    threads = numpy_threads()
    load = Load()
    print(f"NumPy {np.__version__}, BLAS threads {threads}, {load.span()}")
    if args.train:
        full_training(args.epochs, np.float64 if args.dtype != "float32" else np.float32)
        return
    dtypes = {"float64": [np.float64], "float32": [np.float32]}.get(
        args.dtype, [np.float64, np.float32]
    )
    print(
        f"batch {args.batch} of 1×28×28, conv 8@3×3 → ReLU → max-pool 2 → dense 10, "
        f"softmax CE, forward + backward + SGD update; {args.rounds} interleaved rounds of "
        f"{args.iters} batches, median round (spread in brackets)"
    )
    for dt in dtypes:
        r = compare(dt, args.batch, args.iters, args.rounds, threads, load)
        print(
            f"{r['dtype']}: engine {r['ms']['engine'].text('.2f', 'ms/batch')}, PyTorch "
            f"{r['ms']['torch'].text('.2f', 'ms/batch')}; engine/PyTorch "
            f"{r['ratio'].text('.2f')}; target ≤ 1.3: {verdict(r['ratio'].median <= 1.3, load)}; "
            f"{load.span()}"
        )
        print(
            f"  after the same {r['steps']} steps on each side the weights differ by {r['after']:.1e}"
        )
    load.see()
    print(f'{load.span()} over the run ("busy" above {load.cores}: no verdict)')


if __name__ == "__main__":
    main()
