"""Inspector panel of one edge: its weight with a spin box and a slider."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox

from nnsim.gui.inspectors.base import InspectorPanel, ValueEditor


class EdgePanel(InspectorPanel):
    """Edit one weight (selection key ("edge", link id, i, j))."""

    def __init__(self, editor, scene, parent=None):
        super().__init__(editor, scene, parent)
        self.piece = QSpinBox(self)
        self.piece.setMinimum(1)
        self.piece.valueChanged.connect(lambda _v: self.refresh())
        self.piece_label = self.add_row(lambda: self.tr("Maxout piece"), self.piece)
        self.value = ValueEditor(editor, -100.0, 100.0, 5.0, self)
        self.value.edited.connect(self._edited)
        self.add_row(lambda: self.tr("Weight w"), self.value)
        self.body.addStretch(1)
        self.retranslate_ui()

    def _target(self):
        if self.key is None:
            return None
        _, kid, i, j = self.key
        link = self.document.links.get(kid)
        if link is None or i >= link.weights.shape[0] or j >= link.weights.shape[1]:
            return None
        return link

    def _piece(self, link):
        return self.piece.value() - 1 if link.weights.ndim == 3 else None

    def refresh(self) -> None:
        link = self._target()
        if link is None:
            return
        _, kid, i, j = self.key
        doc = self.document
        a, b = doc.neuron_label(link.src, i), doc.neuron_label(link.dst, j)
        self.title.setText(self.tr("Weight {0} → {1}").format(a, b))
        self.subtitle.setText(self.tr("link {0} → {1}").format(link.src, link.dst))
        maxout = link.weights.ndim == 3
        self.piece.setVisible(maxout)
        self.piece_label.setVisible(maxout)
        if maxout:
            self.piece.blockSignals(True)
            self.piece.setMaximum(link.weights.shape[2])
            self.piece.blockSignals(False)
            w = float(link.weights[i, j, self._piece(link)])
        else:
            w = float(link.weights[i, j])
        self.value.set_value(w)

    def _edited(self, v: float, merge_key) -> None:
        link = self._target()
        if link is None:
            return
        _, kid, i, j = self.key
        self.editor.set_weight(kid, i, j, v, piece=self._piece(link), merge_key=merge_key)
