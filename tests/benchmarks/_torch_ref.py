"""PyTorch CPU twins of engine networks, for the benchmarks' side-by-side timings.

Only the benchmarks import this (torch is not a dependency of nnsim). A twin gets the
engine network's weights (``Linear.weight`` is the engine's W transposed), so that the
same data and the same batch order give the same numbers: ``bench_engine.py`` checks
that before it times anything, which shows both sides do identical work.
"""

from __future__ import annotations

import numpy as np
import torch

_ACTS = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU, "sigmoid": torch.nn.Sigmoid}


def twin(net, dtype) -> torch.nn.Sequential:
    """An ``nn.Sequential`` of Linear + activation layers with ``net``'s weights.

    ``net`` must be a chain of Dense layers with one activation per layer (tanh, relu,
    sigmoid or identity).
    """
    mods = []
    for name in net.order[1:]:
        layer = net.layers[name]
        w = net.param(name, "W0")
        lin = torch.nn.Linear(w.shape[0], w.shape[1], bias=True).to(dtype)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(np.ascontiguousarray(w.T)))
            lin.bias.copy_(torch.from_numpy(np.array(net.param(name, "b"))))
        mods.append(lin)
        act = layer.activation_names[0]
        if act != "identity":
            mods.append(_ACTS[act]())
    return torch.nn.Sequential(*mods)


def theta_of(model) -> np.ndarray:
    """The model's parameters flattened in the engine's order (W as (in, out), then b)."""
    parts = []
    for m in model:
        if isinstance(m, torch.nn.Linear):
            parts.append(m.weight.detach().numpy().T.ravel())
            parts.append(m.bias.detach().numpy().ravel())
    return np.concatenate(parts)


def half_squared_error(out, target):
    """E = mean over the batch of ½ Σ_j (out_j − target_j)², as the engine's SquaredError."""
    return 0.5 * ((out - target) ** 2).sum(dim=1).mean()


def train_epoch(model, opt, loss_fn, x, y, batch: int, perm) -> None:
    """One epoch of mini-batch SGD in the usual PyTorch way: index a shuffled batch,
    forward, loss, ``zero_grad``, ``backward``, ``step``."""
    n = x.shape[0]
    for i in range(0, n, batch):
        idx = perm[i : i + batch]
        loss = loss_fn(model(x[idx]), y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()


def every_output(model, points) -> list:
    """The input and every activation layer's output (the heatmaps), without autograd."""
    outs = [points]
    with torch.no_grad():
        h = points
        for m in model:
            h = m(h)
            if not isinstance(m, torch.nn.Linear):
                outs.append(h)
        if isinstance(model[-1], torch.nn.Linear):
            outs.append(h)
    return outs


def blas_info() -> str:
    """The BLAS PyTorch was built with, from its build configuration."""
    name, detail = "unknown", ""
    for line in torch.__config__.show().splitlines():
        for part in line.replace(",", " ").split():
            if part.startswith("BLAS_INFO="):
                name = part.split("=", 1)[1]
        if "Math Kernel Library" in line:
            detail = line.strip(" -").split(" for ")[0]
    return f"{name} ({detail})" if detail else name
