"""Shared parts of the inspector panels: the panel base class and a weight/bias editor row."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from nnsim.gui.i18n import activation_name
from nnsim.gui.mathtext import math_html
from nnsim.gui.style import muted, relative_font

SLIDER_STEPS_PER_UNIT = 100  # the slider moves in steps of 0.01


class InspectorPanel(QWidget):
    """Base of every panel: a big title, a subtitle and a form.

    Parameters
    ----------
    editor : DocumentEditor
        Where edits go (as undo commands).
    scene : NetworkScene
        For shown values (net input, output) and display toggles.
    """

    def __init__(self, editor, scene, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.scene = scene
        self.key: tuple | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 10, 10, 10)
        self.title = QLabel(self)
        relative_font(self.title, 1.35, bold=True)
        self.title.setWordWrap(True)
        self.subtitle = QLabel(self)
        self.subtitle.setWordWrap(True)
        muted(self.subtitle)
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        self.body = outer
        self._labels: list[tuple[QLabel, callable]] = []

    @property
    def document(self):
        """The document being edited."""
        return self.editor.document

    def add_row(self, text_fn, widget) -> QLabel:
        """Add a form row whose label text is ``text_fn()`` (re-read on a language change).

        The caption is set like the slides: the symbol it names in italics ("Bias *b*").
        """
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.RichText)
        self.form.addRow(label, widget)
        self._labels.append((label, text_fn))
        set_caption(label, text_fn())
        return label

    def set_target(self, key: tuple) -> None:
        """Show the item named by a selection key."""
        self.key = key
        self.refresh()

    def refresh(self) -> None:
        """Re-read the document (after any change)."""

    def retranslate_ui(self) -> None:
        """Re-set texts in the current language."""
        for label, fn in self._labels:
            set_caption(label, fn())
        self.refresh()

    def changeEvent(self, event):
        if event.type() == event.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def set_caption(label: QLabel, text: str) -> None:
    """Show ``text`` (words naming a symbol, "Threshold θ") with the symbol set like the slides."""
    label.setText(math_html(text, prose=True))


class ActivationCombo(QComboBox):
    """Choose an engine activation by its translated name (item data = engine name)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        # Do not let the longest name set the dock's width.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.fill()

    def fill(self) -> None:
        """(Re)fill with translated names, keeping the current choice."""
        from nnsim.engine import activation_names

        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        for name in activation_names():
            self.addItem(activation_name(name), name)
        if current is not None:
            self.set_name(current)
        self.blockSignals(False)

    def set_name(self, name: str | None) -> None:
        """Select ``name`` without emitting (None or unknown shows nothing)."""
        self.blockSignals(True)
        base = name.partition(":")[0] if name else None
        idx = self.findData(name) if name else -1
        if idx < 0 and base:
            idx = self.findData(base)
        self.setCurrentIndex(idx)
        self.blockSignals(False)


class ValueEditor(QWidget):
    """A spin box and a slider for one number; a slider drag reports one gesture.

    Signals
    -------
    edited(float, object)
        The user set a value; the second argument is a merge key while the slider is
        dragged (all values of one drag share it, so they merge into one undo step) and
        None otherwise.
    """

    edited = Signal(float, object)

    def __init__(self, editor, lo=-10.0, hi=10.0, slider_range=5.0, parent=None):
        super().__init__(parent)
        self._editor = editor
        self._key = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.spin = QDoubleSpinBox(self)
        self.spin.setDecimals(4)
        self.spin.setRange(lo, hi)
        self.spin.setSingleStep(0.05)
        self.spin.setKeyboardTracking(False)
        self.spin.setMinimumWidth(110)
        relative_font(self.spin, 1.2)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        n = int(slider_range * SLIDER_STEPS_PER_UNIT)
        self.slider.setRange(-n, n)
        self.slider.setPageStep(10)
        row = QHBoxLayout()
        row.addWidget(self.spin)
        lay.addLayout(row)
        lay.addWidget(self.slider)
        self.spin.valueChanged.connect(lambda v: self.edited.emit(float(v), None))
        self.slider.sliderPressed.connect(self._begin)
        self.slider.sliderReleased.connect(self._end)
        self.slider.valueChanged.connect(self._slid)

    def _begin(self):
        self._key = self._editor.new_gesture()

    def _end(self):
        self._key = None

    def _slid(self, v: int):
        value = v / SLIDER_STEPS_PER_UNIT
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)
        self.edited.emit(value, self._key)

    def set_value(self, v: float) -> None:
        """Show ``v`` without emitting ``edited``."""
        for w in (self.spin, self.slider):
            w.blockSignals(True)
        self.spin.setValue(v)
        if not self.slider.isSliderDown():
            self.slider.setValue(int(round(v * SLIDER_STEPS_PER_UNIT)))
        for w in (self.spin, self.slider):
            w.blockSignals(False)
