"""The headless NumPy engine: layers, activations, losses, networks (no Qt here)."""

from nnsim.engine.activations import (
    ACTIVATION_NAMES,
    Activation,
    ActivationEntry,
    activation_entry,
    activation_names,
    get_activation,
    register_activation,
    sigmoid,
    unregister_activation,
)
from nnsim.engine.convshape import ConvShapeError, conv_output_formula, conv_output_size
from nnsim.engine.errors import EngineError, NetworkError, ShapeError
from nnsim.engine.gradcheck import (
    GradReport,
    check_activation,
    check_layer,
    check_loss,
    check_network,
    numeric_jacobian,
)
from nnsim.engine.layers import INIT_SCHEMES, Dense, Input, Layer, Maxout
from nnsim.engine.layers.conv import Conv1D, Conv2D
from nnsim.engine.layers.flatten import Flatten
from nnsim.engine.layers.pool import AvgPool2D, MaxPool2D
from nnsim.engine.layers.rnn import RNN, TimeDense
from nnsim.engine.losses import (
    LOSSES,
    Loss,
    SigmoidBinaryCrossEntropy,
    SoftmaxCrossEntropy,
    SquaredError,
    get_loss,
    log_softmax,
    log_softmax_jacobian,
    logsumexp,
    logsumexp_naive,
    softmax,
    softmax_jacobian,
    softmax_naive,
)
from nnsim.engine.metrics import accuracy, classes_from_output, confusion_matrix, misclassified
from nnsim.engine.network import Network, topological_order
from nnsim.engine.optim import (
    L1,
    L2,
    OPTIMIZERS,
    REGULARIZERS,
    SGD,
    Adam,
    Momentum,
    Optimizer,
    OptimizerError,
    Regularizer,
    get_optimizer,
    get_regularizer,
)
from nnsim.engine.perceptron import PerceptronError, PerceptronResult, train_perceptron
from nnsim.engine.sequence_losses import sequence_loss
from nnsim.engine.sequence_tools import clip_grad_norm, generate, sample_onehot
from nnsim.engine.stepper import Stepper, StepRecord
from nnsim.engine.training import RULES, History, Snapshot, Trainer, TrainingError, TrainResult

__all__ = [
    "ACTIVATION_NAMES",
    "INIT_SCHEMES",
    "LOSSES",
    "Activation",
    "ActivationEntry",
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
    "StepRecord",
    "Stepper",
    "TimeDense",
    "clip_grad_norm",
    "activation_entry",
    "activation_names",
    "generate",
    "get_activation",
    "register_activation",
    "unregister_activation",
    "get_loss",
    "log_softmax",
    "log_softmax_jacobian",
    "logsumexp",
    "logsumexp_naive",
    "sample_onehot",
    "sequence_loss",
    "sigmoid",
    "softmax",
    "softmax_jacobian",
    "softmax_naive",
    "topological_order",
    # training rules, optimisers, metrics
    "RULES",
    "OPTIMIZERS",
    "REGULARIZERS",
    "Trainer",
    "TrainResult",
    "TrainingError",
    "Snapshot",
    "History",
    "SGD",
    "Momentum",
    "Adam",
    "L1",
    "L2",
    "Optimizer",
    "Regularizer",
    "OptimizerError",
    "get_optimizer",
    "get_regularizer",
    "PerceptronError",
    "PerceptronResult",
    "train_perceptron",
    "accuracy",
    "classes_from_output",
    "confusion_matrix",
    "misclassified",
    # convolutional networks
    "AvgPool2D",
    "Conv1D",
    "Conv2D",
    "ConvShapeError",
    "Flatten",
    "MaxPool2D",
    "conv_output_formula",
    "conv_output_size",
    # gradient checks
    "GradReport",
    "check_activation",
    "check_layer",
    "check_loss",
    "check_network",
    "numeric_jacobian",
]
