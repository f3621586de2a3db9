"""The convolution demo's kernel editor: the kernel K, its size and preset, stride, padding, mode."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
)

from nnsim.gui.demos.matrix import MatrixView
from nnsim.gui.demos.widgets import caption
from nnsim.gui.i18n import translator
from nnsim.gui.mathtext import math_html
from nnsim.recipes.conv import PRESETS, preset_kernel

# the strings keep the convolution demo's context: demos_zh_CN.ts translates them there
_CONTEXT = "demos.conv"

_t = translator(_CONTEXT)


class KernelBox(QGroupBox):
    """The kernel K (editable numbers), its size F and preset, stride S, padding P and mode.

    Signals
    -------
    changed()
        Any of them changed (once for a ``configure`` call).
    """

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._building = False
        self.kernel_view = MatrixView(3, 3, "signed", digits=3, editable=True, parent=self)
        self.kernel_view.setMinimumSize(120, 120)
        self.kernel_view.setMaximumSize(240, 240)
        self.kernel_size = QSpinBox(self)
        self.kernel_size.setRange(1, 7)
        self.kernel_size.setValue(3)
        self.preset = QComboBox(self)
        self.preset.addItems([""] * len(PRESETS))
        self.stride = QSpinBox(self)
        self.stride.setRange(1, 5)
        self.padding = QSpinBox(self)
        self.padding.setRange(0, 3)
        self.mode_xcorr = QRadioButton(self)
        self.mode_conv = QRadioButton(self)
        self.mode_xcorr.setChecked(True)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.mode_xcorr)
        self.mode_group.addButton(self.mode_conv)
        self.kernel_hint = caption(self)
        form = QFormLayout()
        self.lbl_size = QLabel(self)
        self.lbl_preset = QLabel(self)
        self.lbl_stride = QLabel(self)
        self.lbl_padding = QLabel(self)
        form.addRow(self.lbl_size, self.kernel_size)
        form.addRow(self.lbl_preset, self.preset)
        form.addRow(self.lbl_stride, self.stride)
        form.addRow(self.lbl_padding, self.padding)
        kb = QVBoxLayout(self)
        kb.addWidget(self.kernel_view, 1, Qt.AlignmentFlag.AlignHCenter)
        kb.addWidget(self.kernel_hint)
        kb.addLayout(form)
        kb.addWidget(self.mode_xcorr)
        kb.addWidget(self.mode_conv)

        self.kernel_size.valueChanged.connect(self._kernel_size_changed)
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.kernel_view.edited.connect(lambda *_: self._changed())
        for w in (self.stride, self.padding):
            w.valueChanged.connect(lambda *_: self._changed())
        self.mode_xcorr.toggled.connect(lambda *_: self._changed())

        self.kernel_view.set_matrix(preset_kernel("edge", 3))
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(PRESETS.index("edge"))
        self.preset.blockSignals(False)
        self.retranslate_ui()

    # ------------------------------------------------------------------ state
    @property
    def convolution(self) -> bool:
        """True for a true convolution (flipped kernel), False for cross-correlation."""
        return self.mode_conv.isChecked()

    def kernel(self) -> np.ndarray:
        """The stored kernel K (as typed; not flipped)."""
        return self.kernel_view.matrix()

    def set_kernel(self, kernel) -> None:
        """Put ``kernel`` (F×F) into the editor."""
        k = np.array(kernel, float)
        self.kernel_size.blockSignals(True)
        self.kernel_size.setValue(k.shape[0])
        self.kernel_size.blockSignals(False)
        self.kernel_view.set_matrix(k)
        self._changed()

    def configure(self, kernel_size=None, stride=None, padding=None, convolution=None) -> None:
        """Set several controls at once; ``changed`` is emitted once, at the end."""
        self._building = True
        try:
            if kernel_size is not None and int(kernel_size) != self.kernel_size.value():
                self.kernel_size.setValue(int(kernel_size))
            if stride is not None:
                self.stride.setValue(int(stride))
            if padding is not None:
                self.padding.setValue(int(padding))
            if convolution is not None:
                (self.mode_conv if convolution else self.mode_xcorr).setChecked(True)
        finally:
            self._building = False
        self.changed.emit()

    def _changed(self) -> None:
        if not self._building:
            self.changed.emit()

    def _kernel_size_changed(self, f: int) -> None:
        idx = self.preset.currentIndex()
        self.kernel_view.set_matrix(preset_kernel(PRESETS[max(idx, 0)], f))
        self._changed()

    def _apply_preset(self, idx: int) -> None:
        if idx < 0:
            return
        self.kernel_view.set_matrix(preset_kernel(PRESETS[idx], self.kernel_size.value()))
        self._changed()

    # ------------------------------------------------------------------ texts
    def retranslate_ui(self) -> None:
        """Set every text in the current language."""
        tr = _t
        self.setTitle(tr("Kernel K"))
        self.kernel_hint.setText(tr("Double-click a weight to type a new value."))
        self.lbl_size.setText(math_html(tr("Kernel size F"), prose=True))
        self.lbl_preset.setText(tr("Preset"))
        self.lbl_stride.setText(math_html(tr("Stride S"), prose=True))
        self.lbl_padding.setText(math_html(tr("Padding P"), prose=True))
        names = {
            "identity": tr("identity"),
            "edge": tr("edge (Laplacian)"),
            "vertical": tr("vertical edge (Sobel)"),
            "horizontal": tr("horizontal edge (Sobel)"),
            "blur": tr("blur (average)"),
            "sharpen": tr("sharpen"),
        }
        for i, key in enumerate(PRESETS):
            self.preset.setItemText(i, names[key])
        self.mode_xcorr.setText(tr("Cross-correlation (what CNN layers compute)"))
        self.mode_conv.setText(tr("Convolution (the kernel is flipped)"))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
