"""Plots (pyqtgraph, created once and updated in place): error, weights, boundary, activations."""

from nnsim.gui.plots.activation_explorer import ActivationExplorer
from nnsim.gui.plots.boundary_plot import BoundaryPlot
from nnsim.gui.plots.error_plot import ErrorPlot
from nnsim.gui.plots.export import export_canvas, export_graphics, export_scene
from nnsim.gui.plots.thumbnails import NeuronThumbnails
from nnsim.gui.plots.weight_plot import WeightPlot

__all__ = [
    "ActivationExplorer",
    "BoundaryPlot",
    "ErrorPlot",
    "NeuronThumbnails",
    "WeightPlot",
    "export_canvas",
    "export_graphics",
    "export_scene",
]
