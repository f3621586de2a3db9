"""Inspector panel shown when nothing (or several things) is selected: the network at a glance."""

from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel

from nnsim.gui.i18n import kind_name
from nnsim.gui.inspectors.base import InspectorPanel
from nnsim.gui.mathtext import math_html
from nnsim.gui.style import muted

#: NetworkDocument.is_standard_mlp's English reasons → their text to translate ({0}, {1}:
#: the layer or link ids, counts and kinds the reason names); the model layer has no Qt.
_REASONS = (
    (r"the network is empty", QT_TRANSLATE_NOOP("NetworkPanel", "the network is empty")),
    (
        r"a standard network has one input layer, this one has (\d+)",
        QT_TRANSLATE_NOOP(
            "NetworkPanel", "a standard network has one input layer, this one has {0}"
        ),
    ),
    (
        r"layer (.+) is a (\w+) layer, not a layer of neurons",
        QT_TRANSLATE_NOOP("NetworkPanel", "layer {0} is a {1} layer, not a layer of neurons"),
    ),
    (
        r"layer (.+) feeds several layers \((.+)\): a link skips a layer",
        QT_TRANSLATE_NOOP(
            "NetworkPanel", "layer {0} feeds several layers ({1}): a link skips a layer"
        ),
    ),
    (
        r"link (.+) is not a full connection",
        QT_TRANSLATE_NOOP("NetworkPanel", "link {0} is not a full connection"),
    ),
    (
        r"layer (.+) has several incoming links: a link skips a layer",
        QT_TRANSLATE_NOOP(
            "NetworkPanel", "layer {0} has several incoming links: a link skips a layer"
        ),
    ),
    (
        r"layer (.+) is not on the path from input to output",
        QT_TRANSLATE_NOOP("NetworkPanel", "layer {0} is not on the path from input to output"),
    ),
    (
        r"the network has no output layer",
        QT_TRANSLATE_NOOP("NetworkPanel", "the network has no output layer"),
    ),
)


def translated_reason(reason: str) -> str:
    """``NetworkDocument.is_standard_mlp``'s reason in the interface's language (a layer's
    kind by its palette name: "Recurrent (RNN)"); an unknown reason as it is."""
    for pattern, text in _REASONS:
        m = re.fullmatch(pattern, reason)
        if m is None:
            continue
        args = list(m.groups())
        if "{1} layer" in text:
            args[1] = kind_name(args[1])
        return QCoreApplication.translate("NetworkPanel", text).format(*args)
    return reason


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
            else self.tr("not a standard multi-layer feedforward network: {0}").format(
                translated_reason(reason)
            )
        )
        self.hint.setText(
            self.tr(
                "Click a neuron, an edge or a layer to inspect and edit it. "
                "Double-click an edge to type its weight."
            )
        )
