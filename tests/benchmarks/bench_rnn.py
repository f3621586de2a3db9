"""Benchmark: one RNN training batch (forward, full BPTT, update) in the engine vs PyTorch CPU.

    .venv/bin/python tests/benchmarks/bench_rnn.py [--threads N] [--batches B] [--repeats R]

Not collected by pytest. The problem: input 8, hidden 64 (tanh), T = 50, batch 32, a
linear head on every step, squared error averaged over batch and steps, plain SGD.
PyTorch runs ``nn.RNN`` + ``nn.Linear`` with the same initial weights; before timing,
one step on both sides must give the same weights to a stated tolerance (1e-12 in
float64, 1e-5 in float32) or the script stops; both then take the same steps, so their
weights are compared again after timing. Both run with the same number of threads
(NumPy's OpenBLAS threads, or ``--threads``), in float64 (the engine's default) and
float32. Rounds of ``--batches`` steps interleave the two sides; the figures are the
median round with the spread, beside the load average. The target is the engine at least
3× faster than PyTorch, whose autograd records and replays every time step separately;
when the load average exceeded the cores the verdict is "busy".
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batches", type=int, default=20, help="batches per timed run")
    ap.add_argument("--repeats", type=int, default=9, help="interleaved rounds per side")
    ap.add_argument(
        "--threads", type=int, default=None, help="BLAS/torch threads (default: NumPy's)"
    )
    return ap.parse_args(argv)


ARGS = parse_args()
if ARGS.threads is not None and os.environ.get("OPENBLAS_NUM_THREADS") != str(ARGS.threads):
    # OpenBLAS reads its thread count when it loads, i.e. before NumPy is imported.
    os.environ["OPENBLAS_NUM_THREADS"] = str(ARGS.threads)
    os.execv(sys.executable, [sys.executable, *sys.argv])

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from _common import (  # noqa: E402
    Load,
    Spread,
    check_agreement,
    interleaved,
    numpy_threads,
    ratios,
    verdict,
)

from nnsim.engine import RNN, Input, Network, SquaredError, TimeDense, sequence_loss  # noqa: E402

D_IN, HIDDEN, T, BATCH, LR = 8, 64, 50, 32, 0.01


def engine_side(x, y, dtype):
    """(step function, network) for the engine."""
    net = Network(
        [Input("x", (T, D_IN)), RNN("rnn", HIDDEN, ["x"]), TimeDense("y", 1, ["rnn"])],
        dtype=dtype,
    )
    net.init_weights("xavier", seed=0)
    loss = SquaredError()
    x, y = x.astype(dtype), y.astype(dtype)

    def step():
        out = net.forward(x)
        _, g = sequence_loss(loss, out, y)  # ½ (ŷ − y)² averaged over batch and steps
        net.backward(g)
        net.sgd_step(LR)

    return step, net


def torch_side(x, y, net):
    """(step function, parameter getter) for PyTorch with the engine network's weights."""
    import torch

    tdtype = torch.float64 if net.dtype == np.float64 else torch.float32
    rnn = torch.nn.RNN(D_IN, HIDDEN, nonlinearity="tanh", batch_first=True).to(tdtype)
    head = torch.nn.Linear(HIDDEN, 1).to(tdtype)

    def t(a):
        return torch.from_numpy(np.ascontiguousarray(a))

    with torch.no_grad():  # PyTorch keeps W transposed and two biases (b_ih + b_hh = b)
        rnn.weight_ih_l0.copy_(t(net.param("rnn", "Wx").T))
        rnn.weight_hh_l0.copy_(t(net.param("rnn", "Wh").T))
        rnn.bias_ih_l0.copy_(t(net.param("rnn", "b")))
        rnn.bias_hh_l0.zero_()
        head.weight.copy_(t(net.param("y", "W0").T))
        head.bias.copy_(t(net.param("y", "b")))
    # b_hh stays 0: trained too, the two biases would move by twice the engine's step.
    rnn.bias_hh_l0.requires_grad_(False)
    params = [p for p in list(rnn.parameters()) + list(head.parameters()) if p.requires_grad]
    opt = torch.optim.SGD(params, lr=LR)
    xt = torch.from_numpy(x.astype(net.dtype))
    yt = torch.from_numpy(y.astype(net.dtype))

    def step():
        opt.zero_grad(set_to_none=True)
        h, _ = rnn(xt)
        loss = 0.5 * torch.mean((head(h) - yt) ** 2)
        loss.backward()
        opt.step()

    def weights():
        return {
            "Wx": rnn.weight_ih_l0.detach().numpy().T,
            "Wh": rnn.weight_hh_l0.detach().numpy().T,
            "b": (rnn.bias_ih_l0 + rnn.bias_hh_l0).detach().numpy(),
            "W0": head.weight.detach().numpy().T,
        }

    return step, weights


def weight_difference(net, weights) -> float:
    """Largest difference between the engine's weights and PyTorch's."""
    w = weights()
    return max(
        float(np.abs(net.param("rnn", "Wx") - w["Wx"]).max()),
        float(np.abs(net.param("rnn", "Wh") - w["Wh"]).max()),
        float(np.abs(net.param("rnn", "b") - w["b"]).max()),
        float(np.abs(net.param("y", "W0") - w["W0"]).max()),
    )


def main() -> int:
    import torch

    threads = ARGS.threads if ARGS.threads is not None else numpy_threads()
    torch.set_num_threads(threads)
    load = Load()
    rng = np.random.default_rng(0)
    x = rng.normal(size=(BATCH, T, D_IN))
    y = rng.normal(size=(BATCH, T, 1))
    print(
        f"RNN training batch: input {D_IN}, hidden {HIDDEN} tanh, T = {T}, batch {BATCH}, "
        f"linear head, squared error, SGD; {threads} thread(s) each; numpy {np.__version__}, "
        f"torch {torch.__version__}; {load.span()}"
    )
    print(
        f"{ARGS.repeats} interleaved rounds of {ARGS.batches} batches; median round "
        "(spread in brackets)"
    )
    for dtype, tol in ((np.float64, 1e-12), (np.float32, 1e-5)):
        name = np.dtype(dtype).name
        e_step, net = engine_side(x, y, dtype)
        t_step, t_weights = torch_side(x, y, net)
        # One step each from the same weights: the updated weights must agree.
        e_step()
        t_step()
        print("  " + check_agreement(f"{name}, one step", weight_difference(net, t_weights), tol))

        def rounds_of(step):
            return lambda: lambda: [step() for _ in range(ARGS.batches)]

        res = interleaved(
            [("nnsim", rounds_of(e_step)), ("torch", rounds_of(t_step))], ARGS.repeats, load
        )
        ms = {k: Spread.of(1e3 * t / ARGS.batches for t in res[k].wall) for k in ("nnsim", "torch")}
        ratio = ratios(res["nnsim"], res["torch"])
        print(
            f"{name}: engine {ms['nnsim'].text('.2f', 'ms/batch')}, "
            f"PyTorch {ms['torch'].text('.2f', 'ms/batch')}: "
            f"engine {ratio.text('.2f')}× faster; target ≥ 3×: "
            f"{verdict(ratio.median >= 3, load)}; {load.span()}"
        )
        print(
            f"  after the same {1 + ARGS.batches * (ARGS.repeats + 1)} steps on each side the "
            f"weights differ by {weight_difference(net, t_weights):.1e}"
        )
    load.see()
    print(f'{load.span()} over the run ("busy" above {load.cores}: no verdict)')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
