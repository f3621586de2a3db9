"""Inspectors: one panel per kind of selection; layer kinds register their panel by name."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QLayout, QScrollArea, QStackedWidget

from nnsim.gui.compat import disconnect_quietly
from nnsim.gui.inspectors.base import InspectorPanel
from nnsim.gui.inspectors.edge import EdgePanel
from nnsim.gui.inspectors.layer import (
    InputLayerPanel,
    LayerPanel,
    MaxoutLayerPanel,
    NeuronLayerPanel,
    ShapedLayerPanel,
)
from nnsim.gui.inspectors.network import NetworkPanel, parameter_count
from nnsim.gui.inspectors.neuron import NeuronPanel
from nnsim.gui.style import keep_width_whole

#: Layer kind (nnsim.model.layer_kinds) → panel class, filled by register_layer_panel.
#: A kind without its own panel gets ``ShapedLayerPanel`` (label, shape, parameters).
LAYER_PANELS: dict[str, type[LayerPanel]] = {}


def register_layer_panel(kind: str, panel: type[LayerPanel]) -> None:
    """Show layers of ``kind`` in ``panel`` (the GUI half of registering a layer kind)."""
    LAYER_PANELS[kind] = panel


def layer_panel_class(kind: str) -> type[LayerPanel]:
    """The panel class that shows layers of ``kind``."""
    return LAYER_PANELS.get(kind, ShapedLayerPanel)


register_layer_panel("input", InputLayerPanel)
register_layer_panel("dense", NeuronLayerPanel)
register_layer_panel("maxout", MaxoutLayerPanel)


class Inspector(QScrollArea):
    """Shows the panel for the canvas selection and keeps it in step with the document."""

    def __init__(self, editor, scene, language=lambda: "en", parent=None):
        super().__init__(parent)
        self.editor = editor
        self.scene = scene
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget(self)
        self.setWidget(self.stack)
        self.network_panel = NetworkPanel(editor, scene, language)
        self.neuron_panel = NeuronPanel(editor, scene)
        self.edge_panel = EdgePanel(editor, scene)
        self.layer_panels: dict[type, LayerPanel] = {}
        for panel in (self.network_panel, self.neuron_panel, self.edge_panel):
            self.stack.addWidget(panel)
        # 260 px, wider only when a panel needs it (no horizontal scroll bar: a cut-off
        # right edge would hide the numbers).
        keep_width_whole(self, 260)
        self.current: InspectorPanel = self.network_panel
        self._relayout_pending = False
        self._document = None
        scene.selectionChanged.connect(self.show_selection)
        self.set_document(editor.document)

    # -- a QFormLayout keeps the heights of its wrapped fields from before a font change
    # (presentation mode) or a new width, and then draws two-line values in one line's
    # height, cut off. Lay the panels out afresh once the change has settled.
    def _relayout_soon(self) -> None:
        if not self._relayout_pending:
            self._relayout_pending = True
            QTimer.singleShot(0, self, self._relayout)

    def _relayout(self) -> None:
        self._relayout_pending = False
        for i in range(self.stack.count()):
            panel = self.stack.widget(i)
            for layout in panel.findChildren(QLayout):
                layout.invalidate()
            if panel.layout() is not None:
                panel.layout().invalidate()

    def changeEvent(self, event):
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LanguageChange):
            self._relayout_soon()
        super().changeEvent(event)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._relayout_soon()

    def set_document(self, document) -> None:
        """Follow another document (after Open/New)."""
        if self._document is not None:
            disconnect_quietly(self._document.changed, self.refresh)
        self._document = document
        document.changed.connect(self.refresh)
        self.show_selection()

    def detach(self) -> None:
        """Stop listening to the document."""
        if self._document is not None:
            disconnect_quietly(self._document.changed, self.refresh)

    def panel_for_layer(self, kind: str) -> LayerPanel:
        """The (cached) panel for a layer kind, from ``layer_panel_class``."""
        cls = layer_panel_class(kind)
        panel = self.layer_panels.get(cls)
        if panel is None:
            panel = cls(self.editor, self.scene)
            self.layer_panels[cls] = panel
            self.stack.addWidget(panel)
        return panel

    def show_selection(self) -> None:
        """Pick and fill the panel for the scene's current selection."""
        try:
            keys = self.scene.selected_keys()
        except RuntimeError:  # the scene is being destroyed
            return
        doc = self.editor.document
        panel: InspectorPanel = self.network_panel
        key = None
        if len(keys) == 1:
            key = keys[0]
            if key[0] == "neuron":
                panel = self.neuron_panel
            elif key[0] == "edge":
                panel = self.edge_panel
            elif key[0] == "layer" and key[1] in doc.layers:
                panel = self.panel_for_layer(doc.layers[key[1]].kind)
        if panel is self.network_panel:
            self.network_panel.count = len(keys)
            panel.refresh()
        else:
            panel.set_target(key)
        self.stack.setCurrentWidget(panel)
        self.current = panel

    def refresh(self) -> None:
        """Re-read the document into the visible panel."""
        self.current.refresh()


__all__ = [
    "LAYER_PANELS",
    "EdgePanel",
    "Inspector",
    "InputLayerPanel",
    "LayerPanel",
    "MaxoutLayerPanel",
    "NetworkPanel",
    "NeuronLayerPanel",
    "NeuronPanel",
    "ShapedLayerPanel",
    "layer_panel_class",
    "parameter_count",
    "register_layer_panel",
]
