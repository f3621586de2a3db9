"""Layer types of the engine."""

from nnsim.engine.layers.base import INIT_SCHEMES, Input, Layer, init_array
from nnsim.engine.layers.conv import CONV_MODES, Conv1D, Conv2D
from nnsim.engine.layers.dense import Dense
from nnsim.engine.layers.flatten import Flatten
from nnsim.engine.layers.maxout import Maxout
from nnsim.engine.layers.pool import AvgPool2D, MaxPool2D
from nnsim.engine.layers.rnn import RNN, TimeDense

__all__ = [
    "CONV_MODES",
    "INIT_SCHEMES",
    "RNN",
    "AvgPool2D",
    "Conv1D",
    "Conv2D",
    "Dense",
    "Flatten",
    "Input",
    "Layer",
    "MaxPool2D",
    "Maxout",
    "TimeDense",
    "init_array",
]
