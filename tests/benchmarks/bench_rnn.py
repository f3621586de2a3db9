"""Benchmark: one RNN training batch (forward, full BPTT, update) in the engine vs PyTorch CPU.

Run ``.venv/bin/python tests/benchmarks/bench_rnn.py`` (not collected by pytest). The
problem: input 8, hidden 64 (tanh), T = 50, batch 32, a linear head on every step,
mean squared error, plain SGD. Both run with the same number of threads, in float64
(the engine's default) and float32. The target is the engine at least 3× faster than
PyTorch, whose autograd records and replays every time step separately.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from nnsim.engine import RNN, Input, Network, SquaredError, TimeDense, sequence_loss  # noqa: E402

D_IN, HIDDEN, T, BATCH, LR = 8, 64, 50, 32, 0.01


def numpy_threads() -> int:
    """The BLAS threads NumPy uses: the usual environment variables, else every core."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        if os.environ.get(var, "").isdigit():
            return int(os.environ[var])
    return os.cpu_count() or 1


def best_times(steps, n_batches: int, repeats: int) -> list[float]:
    """Seconds per batch of each step function: the best of ``repeats`` runs of
    ``n_batches`` batches, after a warm-up. The runs alternate between the functions so
    that a busy machine slows them alike and the ratio stays fair."""
    for step in steps:
        for _ in range(5):
            step()
    best = [float("inf")] * len(steps)
    for _ in range(repeats):
        for i, step in enumerate(steps):
            t0 = time.perf_counter()
            for _ in range(n_batches):
                step()
            best[i] = min(best[i], (time.perf_counter() - t0) / n_batches)
    return best


def engine_step_fn(x, y, dtype):
    net = Network(
        [Input("x", (T, D_IN)), RNN("rnn", HIDDEN, ["x"]), TimeDense("y", 1, ["rnn"])],
        dtype=dtype,
    )
    net.init_weights("xavier", seed=0)
    loss = SquaredError()
    x, y = x.astype(dtype), y.astype(dtype)

    def step():
        out = net.forward(x)
        _, g = sequence_loss(loss, out, y)
        net.backward(g)
        net.sgd_step(LR)

    return step


def torch_step_fn(x, y, dtype):
    import torch

    torch.manual_seed(0)
    tdtype = torch.float64 if dtype == np.float64 else torch.float32
    rnn = torch.nn.RNN(D_IN, HIDDEN, nonlinearity="tanh", batch_first=True).to(tdtype)
    head = torch.nn.Linear(HIDDEN, 1).to(tdtype)
    params = list(rnn.parameters()) + list(head.parameters())
    opt = torch.optim.SGD(params, lr=LR)
    lossf = torch.nn.MSELoss()
    xt, yt = torch.tensor(x, dtype=tdtype), torch.tensor(y, dtype=tdtype)

    def step():
        opt.zero_grad(set_to_none=True)
        h, _ = rnn(xt)
        out = head(h)
        lossf(out, yt).backward()
        opt.step()

    return step


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batches", type=int, default=20, help="batches per timed run")
    ap.add_argument("--repeats", type=int, default=10, help="timed runs; the best counts")
    args = ap.parse_args(argv)
    threads = numpy_threads()
    import torch

    torch.set_num_threads(threads)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(BATCH, T, D_IN))
    y = rng.normal(size=(BATCH, T, 1))
    print(
        f"RNN training batch: input {D_IN}, hidden {HIDDEN} tanh, T = {T}, batch {BATCH}, "
        f"linear head, MSE, SGD; {threads} thread(s); numpy {np.__version__}, "
        f"torch {torch.__version__}; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores"
    )
    for dtype in (np.float64, np.float32):
        te, tt = best_times(
            [engine_step_fn(x, y, dtype), torch_step_fn(x, y, dtype)], args.batches, args.repeats
        )
        print(
            f"{np.dtype(dtype).name}: engine {te * 1e3:.3f} ms/batch, PyTorch {tt * 1e3:.3f} "
            f"ms/batch, engine is {tt / te:.2f}x faster"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
