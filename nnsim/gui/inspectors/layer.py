"""Inspector panels of layers, one per layer kind: size, activation, biases, initialisation."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QSpinBox

from nnsim.gui.i18n import kind_name, layer_label
from nnsim.gui.inspectors.base import ActivationCombo, InspectorPanel

INIT_WORDS = {
    "uniform01": QT_TRANSLATE_NOOP("Init", "uniform in (0, 1) — the book"),
    "playground": QT_TRANSLATE_NOOP("Init", "uniform in (−0.5, 0.5)"),
    "xavier": QT_TRANSLATE_NOOP("Init", "Xavier (Glorot)"),
    "he": QT_TRANSLATE_NOOP("Init", "He"),
    "zeros": QT_TRANSLATE_NOOP("Init", "all zero"),
}

# Layers up to this size are edited neuron by neuron; the spin box allows more.
MAX_SIZE = 4096


class LayerPanel(InspectorPanel):
    """Any layer: its label, kind and shape (read-only parameters).

    Subclasses add the rows their kind can edit; ``LAYER_PANELS`` in
    ``nnsim.gui.inspectors`` picks the subclass by the layer's kind.
    """

    def __init__(self, editor, scene, parent=None):
        super().__init__(editor, scene, parent)
        self.label_edit = QLineEdit(self)
        self.label_edit.editingFinished.connect(self._label_edited)
        self.add_row(lambda: self.tr("Name"), self.label_edit)
        self.shape = QLabel(self)
        self.add_row(lambda: self.tr("Shape"), self.shape)
        self.build_rows()
        self.body.addStretch(1)
        self.retranslate_ui()

    def build_rows(self) -> None:
        """Add kind-specific rows (subclasses)."""

    @property
    def layer_id(self) -> str | None:
        """Id of the layer shown."""
        return None if self.key is None else self.key[1]

    def spec(self):
        """The LayerSpec shown, or None."""
        return self.document.layers.get(self.layer_id) if self.layer_id else None

    def refresh(self) -> None:
        spec = self.spec()
        if spec is None:
            return
        self.title.setText(layer_label(spec.label) or kind_name(spec.kind))
        self.subtitle.setText(f"{kind_name(spec.kind)} · {spec.id}")
        if not self.label_edit.hasFocus():
            self.label_edit.setText(spec.label)
        shape = spec.out_shape
        self.shape.setText("×".join(str(s) for s in shape) if shape else "?")
        self.refresh_rows(spec)

    def refresh_rows(self, spec) -> None:
        """Update the kind-specific rows (subclasses)."""

    def _label_edited(self) -> None:
        spec = self.spec()
        if spec is not None:
            self.editor.set_label(spec.id, self.label_edit.text())


class NeuronLayerPanel(LayerPanel):
    """A layer of neurons (dense): size, activation for all, biases, initialisation."""

    has_activation = True
    has_init = True

    def build_rows(self) -> None:
        self.size = QSpinBox(self)
        self.size.setRange(1, MAX_SIZE)
        self.size.setKeyboardTracking(False)
        self.size.valueChanged.connect(self._size_edited)
        self.add_row(lambda: self.tr("Neurons"), self.size)
        self.extra_rows()
        if self.has_activation:
            self.activation = ActivationCombo(self)
            self.activation.currentIndexChanged.connect(self._activation_chosen)
            self.add_row(lambda: self.tr("Activation (all)"), self.activation)
        if self.has_init:
            self.use_bias = QCheckBox(self)
            self.use_bias.toggled.connect(self._use_bias_toggled)
            self.add_row(lambda: self.tr("Biases"), self.use_bias)
            self.init = QComboBox(self)
            self.init.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            self.init.setMinimumContentsLength(8)
            self.init.currentIndexChanged.connect(self._init_chosen)
            self.add_row(lambda: self.tr("Initialisation"), self.init)
            self.randomise = QPushButton(self)
            self.randomise.clicked.connect(self._randomise)
            self.add_row(lambda: "", self.randomise)

    def extra_rows(self) -> None:
        """Rows between the size and the activation (subclasses)."""

    def retranslate_ui(self) -> None:
        if self.has_activation:
            self.activation.fill()
        if self.has_init:
            self.use_bias.setText(self.tr("use biases (thresholds θ = −b)"))
            self.randomise.setText(self.tr("Randomise incoming weights"))
            from nnsim.engine import INIT_SCHEMES

            self.init.blockSignals(True)
            self.init.clear()
            for s in INIT_SCHEMES:
                self.init.addItem(QCoreApplication.translate("Init", INIT_WORDS.get(s, s)), s)
            self.init.blockSignals(False)
        super().retranslate_ui()

    def refresh_rows(self, spec) -> None:
        self.size.blockSignals(True)
        self.size.setValue(spec.size)
        self.size.blockSignals(False)
        shaped = spec.shape is not None and len(spec.shape) > 1
        self.size.setEnabled(not shaped)
        if self.has_activation:
            acts = set(spec.activations)
            self.activation.set_name(spec.activations[0] if len(acts) == 1 else None)
        if self.has_init:
            self.use_bias.blockSignals(True)
            self.use_bias.setChecked(bool(spec.use_bias))
            self.use_bias.blockSignals(False)
            self.init.blockSignals(True)
            self.init.setCurrentIndex(max(self.init.findData(self.document.settings.init), 0))
            self.init.blockSignals(False)
            self.randomise.setEnabled(bool(self.document.incoming(spec.id)) or spec.use_bias)

    def _size_edited(self, n: int) -> None:
        spec = self.spec()
        if spec is not None:
            self.editor.set_layer_size(spec.id, n)
            self.refresh()

    def _activation_chosen(self, _i: int) -> None:
        spec = self.spec()
        name = self.activation.currentData()
        if spec is not None and name:
            self.editor.set_activation(spec.id, name)

    def _use_bias_toggled(self, on: bool) -> None:
        spec = self.spec()
        if spec is not None:
            self.editor.set_use_bias(spec.id, on)

    def _init_chosen(self, _i: int) -> None:
        scheme = self.init.currentData()
        if scheme:
            self.editor.set_init(scheme)

    def _randomise(self) -> None:
        spec = self.spec()
        if spec is not None:
            self.editor.randomise_layer(spec.id)


class InputLayerPanel(NeuronLayerPanel):
    """An input layer: its size (or image shape); no activation, no weights."""

    has_activation = False
    has_init = False


class MaxoutLayerPanel(NeuronLayerPanel):
    """A Maxout layer: size, number of linear pieces, biases, initialisation."""

    has_activation = False

    def extra_rows(self) -> None:
        self.pieces = QSpinBox(self)
        self.pieces.setRange(2, 16)
        self.pieces.setKeyboardTracking(False)
        self.pieces.valueChanged.connect(self._pieces_edited)
        self.add_row(lambda: self.tr("Linear pieces k"), self.pieces)

    def refresh_rows(self, spec) -> None:
        super().refresh_rows(spec)
        self.pieces.blockSignals(True)
        self.pieces.setValue(int(spec.params.get("pieces", 2)))
        self.pieces.blockSignals(False)

    def _pieces_edited(self, k: int) -> None:
        spec = self.spec()
        if spec is not None and int(spec.params.get("pieces", 2)) != k:
            self.editor.set_layer_params(spec.id, pieces=int(k))


class ShapedLayerPanel(LayerPanel):
    """Conv, pooling, flatten and RNN layers: their parameters, read-only for now."""

    def build_rows(self) -> None:
        self.params = QLabel(self)
        self.params.setWordWrap(True)
        self.add_row(lambda: self.tr("Parameters"), self.params)

    def refresh_rows(self, spec) -> None:
        text = ", ".join(f"{k} = {v}" for k, v in spec.params.items())
        self.params.setText(text or "—")
