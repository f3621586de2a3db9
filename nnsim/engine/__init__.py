"""The headless NumPy engine: layers, activations, losses, networks (no Qt here)."""

from nnsim.engine.activations import ACTIVATION_NAMES, Activation, get_activation, sigmoid
from nnsim.engine.errors import EngineError, NetworkError, ShapeError
from nnsim.engine.layers import INIT_SCHEMES, Dense, Input, Layer, Maxout
from nnsim.engine.layers.rnn import (
    RNN,
    TimeDense,
    clip_grad_norm,
    generate,
    sample_onehot,
    sequence_loss,
)
from nnsim.engine.losses import (
    LOSSES,
    Loss,
    SigmoidBinaryCrossEntropy,
    SoftmaxCrossEntropy,
    SquaredError,
    get_loss,
    log_softmax,
    logsumexp,
    logsumexp_naive,
    softmax,
    softmax_naive,
)
from nnsim.engine.network import Network, topological_order

__all__ = [
    "ACTIVATION_NAMES",
    "INIT_SCHEMES",
    "LOSSES",
    "Activation",
    "Dense",
    "EngineError",
    "Input",
    "Layer",
    "Loss",
    "Maxout",
    "Network",
    "NetworkError",
    "RNN",
    "ShapeError",
    "SigmoidBinaryCrossEntropy",
    "SoftmaxCrossEntropy",
    "SquaredError",
    "TimeDense",
    "clip_grad_norm",
    "generate",
    "get_activation",
    "get_loss",
    "log_softmax",
    "logsumexp",
    "logsumexp_naive",
    "sample_onehot",
    "sequence_loss",
    "sigmoid",
    "softmax",
    "softmax_naive",
    "topological_order",
]
