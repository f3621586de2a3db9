"""The training panel's sections, each a small widget: run controls, numbers, message, time, settings."""

from nnsim.gui.training.sections.data import DataSection
from nnsim.gui.training.sections.history import TimeSection
from nnsim.gui.training.sections.message import MessageStrip
from nnsim.gui.training.sections.numbers import NumbersSection
from nnsim.gui.training.sections.rules import RuleSection
from nnsim.gui.training.sections.run import RunControls
from nnsim.gui.training.sections.weights import WeightsSection

__all__ = [
    "DataSection",
    "MessageStrip",
    "NumbersSection",
    "RuleSection",
    "RunControls",
    "TimeSection",
    "WeightsSection",
]
