"""Tools for sequence networks: gradient-norm clipping, sampling a class, one-to-many generation.

``clip_grad_norm`` caps the length of the network's flat gradient (exploding gradients
through time), ``sample_onehot`` draws the next character from the output's softmax and
``generate`` runs a network one step at a time, feeding each output back as the next input.
The per-step losses are in nnsim.engine.sequence_losses.
"""

from __future__ import annotations

import numpy as np

from nnsim.engine.errors import NetworkError, ShapeError
from nnsim.engine.layers.base import Input
from nnsim.engine.losses import softmax


def clip_grad_norm(grad, max_norm: float) -> float:
    """Scale ``grad`` in place so its Euclidean norm is at most ``max_norm``.

    Meant for the network's flat gradient (``clip_grad_norm(net.grad, 5.0)``): one
    norm over all parameters, so the update keeps its direction and only its length
    is capped, which tames exploding gradients through time.

    Parameters
    ----------
    grad : ndarray or sequence of ndarray
        Modified in place.
    max_norm : float
        Positive.

    Returns
    -------
    float
        The norm before clipping (to plot next to the loss).
    """
    max_norm = float(max_norm)
    if not max_norm > 0:
        raise NetworkError(f"the clipping norm must be positive, got {max_norm}")
    arrays = [grad] if isinstance(grad, np.ndarray) else list(grad)
    norm = float(np.sqrt(sum(float(np.vdot(g, g)) for g in arrays)))
    if norm > max_norm:
        scale = max_norm / (norm + 1e-12)
        for g in arrays:
            g *= scale
    return norm


def sample_onehot(rng, temperature: float = 1.0):
    """A feedback for ``generate``: sample a class from softmax(logits / temperature)
    and return it one-hot. Small temperatures approach the most likely class."""
    temperature = float(temperature)
    if not temperature > 0:
        raise NetworkError(f"the temperature must be positive, got {temperature}")

    def feedback(logits):
        p = softmax(np.asarray(logits, float) / temperature, axis=-1)
        u = rng.random((p.shape[0], 1))
        idx = (p.cumsum(axis=1) < u).sum(axis=1)
        idx = np.minimum(idx, p.shape[1] - 1)  # guard against round-off at the top
        onehot = np.zeros_like(p)
        onehot[np.arange(p.shape[0]), idx] = 1
        return onehot

    return feedback


def generate(net, first, steps: int, feedback=None):
    """One-to-many: run ``net`` one step at a time, feeding each output back as input.

    The network is a chain from one ``Input`` of per-sample shape (T, d) through RNN
    layers (return_sequences=True) and per-step layers such as TimeDense to an output
    of d values per step. Each RNN layer carries its state from step to step, so the
    generated sequence can be any length, whatever T the network was trained with.

    Parameters
    ----------
    net : Network
    first : ndarray (d,) or (B, d)
        The first input, e.g. the one-hot seed character.
    steps : int
        How many outputs to generate.
    feedback : callable, optional
        Maps the step's output (B, d) to the next input (B, d), e.g.
        ``sample_onehot(rng)``; default: feed the output back as it is.

    Returns
    -------
    inputs : ndarray (B, steps + 1, d)
        The seed followed by every fed-back input (the generated sequence).
    outputs : ndarray (B, steps, d)
        The raw outputs (e.g. logits) of every step.
    """
    # Imported here: layers/rnn.py re-exports this module's names, so a top-level import
    # of the layer would be circular.
    from nnsim.engine.layers.rnn import RNN

    (in_name,) = net.input_names
    d = net.layers[in_name].shape[-1]
    x = np.asarray(first, net.dtype)
    if x.ndim == 1:
        x = x[None]
    if x.ndim != 2 or x.shape[1] != d:
        raise ShapeError(f"generate: the first input must have {d} values, got shape {x.shape}")
    steps = int(steps)
    states: dict[str, np.ndarray | None] = {}
    for name in net.order:
        layer = net.layers[name]
        if isinstance(layer, RNN):
            if not layer.return_sequences:
                raise NetworkError(
                    f"generate: RNN layer {name!r} must return sequences to generate step by step"
                )
            states[name] = None  # the first step starts from the layer's own h0
    inputs = [x]
    outputs = []
    values: dict[str, np.ndarray] = {}
    for _ in range(steps):
        for name in net.order:
            layer = net.layers[name]
            if isinstance(layer, Input):
                values[name] = x[:, None, :]
                continue
            ins = [values[s] for s in layer.inputs]
            if isinstance(layer, RNN):
                values[name] = layer.forward(ins, h0=states[name])
                states[name] = layer.last_state.copy()
            else:
                values[name] = layer.forward(ins)
        y = values[net.output_names[0]]
        if y.ndim != 3 or y.shape[1:] != (1, d):
            raise ShapeError(
                f"generate: the network must output {d} values per step to feed back, "
                f"got {y.shape[1:]} per sample"
            )
        y = y[:, 0, :]
        outputs.append(y.copy())
        x = np.asarray(y if feedback is None else feedback(y), net.dtype)
        inputs.append(x)
    return np.stack(inputs, axis=1), np.stack(outputs, axis=1)
