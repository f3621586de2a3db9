"""The network canvas: a scene mirroring the document, its items, and the editing view."""

from nnsim.gui.canvas.edge_item import EdgeItem
from nnsim.gui.canvas.layer_item import LayerItem
from nnsim.gui.canvas.link_item import LinkItem
from nnsim.gui.canvas.neuron_item import NeuronItem, PortItem
from nnsim.gui.canvas.scene import GRID, NetworkScene, snap
from nnsim.gui.canvas.view import PALETTE_MIME, NetworkView

__all__ = [
    "GRID",
    "PALETTE_MIME",
    "EdgeItem",
    "LayerItem",
    "LinkItem",
    "NetworkScene",
    "NetworkView",
    "NeuronItem",
    "PortItem",
    "snap",
]
