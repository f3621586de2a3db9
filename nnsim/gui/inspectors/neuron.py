"""Inspector panel of one neuron: activation, bias or threshold θ = −b, net input and output."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from nnsim.gui.canvas.layer_geometry import fmt_value
from nnsim.gui.i18n import layer_label
from nnsim.gui.inspectors.base import ActivationCombo, InspectorPanel, ValueEditor, set_caption
from nnsim.gui.style import relative_font


class NeuronPanel(InspectorPanel):
    """Edit one neuron (selection key ("neuron", layer id, index))."""

    def __init__(self, editor, scene, parent=None):
        super().__init__(editor, scene, parent)
        self.activation = ActivationCombo(self)
        self.activation.currentIndexChanged.connect(self._activation_chosen)
        self.activation_label = self.add_row(lambda: self.tr("Activation"), self.activation)

        mode = QWidget(self)
        # One above the other: side by side they do not fit a narrow dock in presentation mode.
        ml = QVBoxLayout(mode)
        ml.setContentsMargins(0, 0, 0, 0)
        self.as_bias = QRadioButton(mode)
        self.as_threshold = QRadioButton(mode)
        ml.addWidget(self.as_bias)
        ml.addWidget(self.as_threshold)
        self.as_bias.toggled.connect(self._mode_chosen)
        self.mode_label = self.add_row(lambda: self.tr("Show"), mode)

        self.use_bias = QCheckBox(self)
        self.use_bias.toggled.connect(self._use_bias_toggled)
        self.add_row(lambda: "", self.use_bias)

        self.value = ValueEditor(editor, -100.0, 100.0, 5.0, self)
        self.value.edited.connect(self._value_edited)
        self.value_label = self.add_row(self._value_caption, self.value)

        self.net = QLabel(self)
        self.out = QLabel(self)
        for w in (self.net, self.out):
            relative_font(w, 1.2, bold=True)
        self.net_label = self.add_row(lambda: self.tr("Net input"), self.net)
        self.out_label = self.add_row(lambda: self.tr("Output"), self.out)
        self.body.addStretch(1)
        scene.values_changed.connect(self.refresh)
        self.retranslate_ui()

    def _value_caption(self) -> str:
        if self.scene.show_threshold:
            return self.tr("Threshold θ")
        return self.tr("Bias b")

    def retranslate_ui(self) -> None:
        self.as_bias.setText(self.tr("bias b"))
        self.as_threshold.setText(self.tr("threshold θ = −b"))
        self.use_bias.setText(self.tr("This layer has biases"))
        self.activation.fill()
        super().retranslate_ui()

    def _target(self):
        if self.key is None:
            return None, None, None
        _, lid, i = self.key
        spec = self.document.layers.get(lid)
        if spec is None or i >= spec.size:
            return None, None, None
        return lid, i, spec

    def refresh(self) -> None:
        lid, i, spec = self._target()
        if spec is None:
            return
        doc = self.document
        name = doc.neuron_label(lid, i)
        self.title.setText(self.tr("Neuron {0}").format(name))
        self.subtitle.setText(
            self.tr("in layer “{0}” ({1})").format(layer_label(spec.label) or lid, lid)
        )
        is_input = spec.kind == "input"
        has_act = spec.kind == "dense"
        self.activation.setVisible(has_act)
        self.activation_label.setVisible(has_act)
        if has_act:
            self.activation.set_name(spec.activations[i])
        thr = self.scene.show_threshold
        for w, on in ((self.as_bias, not thr), (self.as_threshold, thr)):
            w.blockSignals(True)
            w.setChecked(on)
            w.blockSignals(False)
        show_b = not is_input and spec.kind in ("dense",)
        for w in (self.as_bias, self.as_threshold, self.mode_label, self.use_bias):
            w.setVisible(show_b)
        self.as_bias.parentWidget().setVisible(show_b)
        self.value.setVisible(show_b)
        self.value_label.setVisible(show_b)
        self.use_bias.blockSignals(True)
        self.use_bias.setChecked(bool(spec.use_bias))
        self.use_bias.blockSignals(False)
        self.value.setEnabled(bool(spec.use_bias))
        set_caption(self.value_label, self._value_caption())
        if show_b:
            b = float(spec.biases[i])
            self.value.set_value(-b if thr else b)
        vals = self.scene.neuron_values(lid, i)
        net, out = (None, None) if vals is None else vals
        self.net.setText("—" if net is None else fmt_value(net))
        self.out.setText("—" if out is None else fmt_value(out))
        self.net.setVisible(not is_input)
        self.net_label.setVisible(not is_input)
        set_caption(self.out_label, self.tr("Input value") if is_input else self.tr("Output"))

    def _activation_chosen(self, _index: int) -> None:
        lid, i, spec = self._target()
        name = self.activation.currentData()
        if spec is not None and name:
            self.editor.set_activation(lid, name, i)

    def _mode_chosen(self, _on: bool) -> None:
        self.scene.set_show_threshold(self.as_threshold.isChecked())
        self.refresh()

    def _use_bias_toggled(self, on: bool) -> None:
        lid, _, spec = self._target()
        if spec is not None:
            self.editor.set_use_bias(lid, on)

    def _value_edited(self, v: float, merge_key) -> None:
        lid, i, spec = self._target()
        if spec is None or not spec.use_bias:
            return
        if self.scene.show_threshold:
            self.editor.set_threshold(lid, i, v, merge_key)
        else:
            self.editor.set_bias(lid, i, v, merge_key)
