"""Stepping through one training step in the app: the step controller and the formula panel."""

from nnsim.gui.stepping.controller import StepController
from nnsim.gui.stepping.formula import FormulaPanel

__all__ = ["FormulaPanel", "StepController"]
