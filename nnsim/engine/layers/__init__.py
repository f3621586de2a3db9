"""Layer types of the engine."""

from nnsim.engine.layers.base import INIT_SCHEMES, Input, Layer, init_array
from nnsim.engine.layers.dense import Dense
from nnsim.engine.layers.maxout import Maxout
from nnsim.engine.layers.rnn import RNN, TimeDense

__all__ = ["INIT_SCHEMES", "Dense", "Input", "Layer", "Maxout", "RNN", "TimeDense", "init_array"]
