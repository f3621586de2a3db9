"""Inspector panel shown when nothing (or several things) is selected: the network at a glance."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from nnsim.gui.inspectors.base import InspectorPanel
from nnsim.gui.mathtext import math_html
from nnsim.gui.style import muted


def parameter_count(doc) -> int:
    """Number of trainable numbers: connected weights plus biases of layers that use them."""
    n = 0
    for link in doc.links.values():
        if link.mask is not None:
            n += int(np.count_nonzero(link.mask)) * (
                link.weights.shape[2] if link.weights.ndim == 3 else 1
            )
        else:
            n += int(link.weights.size)
    for layer in doc.layers.values():
        if layer.use_bias:
            n += int(layer.biases.size)
        n += sum(int(a.size) for a in layer.arrays.values())
    return n


class NetworkPanel(InspectorPanel):
    """Title, goal, size and whether the network is a standard multi-layer feedforward net."""

    def __init__(self, editor, scene, language=lambda: "en", parent=None):
        super().__init__(editor, scene, parent)
        self._language = language
        self.goal = QLabel(self)
        self.goal.setTextFormat(Qt.TextFormat.RichText)
        self.goal.setWordWrap(True)
        self.body.insertWidget(2, self.goal)
        self.layers = QLabel(self)
        self.params = QLabel(self)
        self.mlp = QLabel(self)
        self.mlp.setWordWrap(True)
        self.add_row(lambda: self.tr("Layers"), self.layers)
        self.add_row(lambda: self.tr("Parameters"), self.params)
        self.add_row(lambda: self.tr("Structure"), self.mlp)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        muted(self.hint)
        self.body.addSpacing(12)
        self.body.addWidget(self.hint)
        self.body.addStretch(1)
        self.count = 0
        self.retranslate_ui()

    def set_selection_count(self, n: int) -> None:
        """Several items are selected: say how many."""
        self.count = n
        self.refresh()

    def refresh(self) -> None:
        doc = self.document
        zh = self._language().startswith("zh")
        title = (doc.meta.title_zh if zh else doc.meta.title_en) or (
            doc.meta.title_en or doc.meta.title_zh
        )
        goal = (doc.meta.goal_zh if zh else doc.meta.goal_en) or ""
        self.title.setText(title or self.tr("Network"))
        self.subtitle.setText(
            self.tr("{0} items selected").format(self.count) if self.count > 1 else ""
        )
        self.subtitle.setVisible(self.count > 1)
        # lesson goals quote the slides' formulas (h_t = f_W(h_{t−1}, x_t)): set like them
        self.goal.setText(math_html(goal, prose=True))
        self.goal.setVisible(bool(goal))
        self.layers.setText(str(len(doc.layers)))
        self.params.setText(str(parameter_count(doc)))
        ok, reason = doc.is_standard_mlp()
        self.mlp.setText(
            self.tr("a standard multi-layer feedforward network")
            if ok
            else self.tr("not a standard multi-layer feedforward network: {0}").format(reason)
        )
        self.hint.setText(
            self.tr(
                "Click a neuron, an edge or a layer to inspect and edit it. "
                "Double-click an edge to type its weight."
            )
        )
