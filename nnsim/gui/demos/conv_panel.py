"""The convolution demo: an input, a kernel editor, the output-size formula and the sliding window.

Every number comes from the engine: the panel builds an ``Input → Conv2D`` network with
the kernel, stride, padding and mode chosen, runs it forward and asks the layer for the
products under the window (``Conv2D.products``); the output size and its formula are
``nnsim.engine.convshape``'s, and a size that does not fit is the engine's error,
explained with a picture of where the windows land. The sections are widgets of their
own: ``conv_input.InputBox``, ``conv_kernel.KernelBox``, ``conv_fit.SizeBox`` and
``FitBox``, ``conv_window.SlidingWindow``; this panel lays them out and computes.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from nnsim.gui.demos.conv_fit import FitBox, SizeBox
from nnsim.gui.demos.conv_input import GRID, InputBox
from nnsim.gui.demos.conv_kernel import KernelBox
from nnsim.gui.demos.conv_window import SlidingWindow
from nnsim.gui.i18n import translator
from nnsim.recipes.conv import feature_map, lecture_seven

_CONTEXT = "demos.conv"

_t = translator(_CONTEXT)


class ConvPanel(QWidget):
    """Input, kernel editor, output size and the window sliding over the input.

    Sections: ``input_box`` (InputBox), ``kernel_box`` (KernelBox), ``size_box``
    (SizeBox), ``fit_box`` (FitBox), ``sliding`` (SlidingWindow).

    Signals
    -------
    output_changed(object)
        The feature map (2-D array) after any change, or None when the window does not fit.
    input_changed()
        The input image changed (another digit, an edit, a stroke).
    """

    output_changed = Signal(object)
    input_changed = Signal()

    def __init__(self, mnist_images=None, parent=None):
        super().__init__(parent)
        self._image = lecture_seven()
        self._out: np.ndarray | None = None

        self.input_box = InputBox(mnist_images, self)
        self.kernel_box = KernelBox(self)
        self.size_box = SizeBox(self)
        self.fit_box = FitBox(self)
        self.sliding = SlidingWindow(self)
        # presentation mode hides the settings' column (the grids get its width and grow
        # to numbers the back row reads); this button brings it back
        self.btn_settings = QPushButton(self)
        self.btn_settings.setCheckable(True)
        self.btn_settings.toggled.connect(self._show_settings)
        self.btn_settings.hide()
        self.sliding.controls.addWidget(self.btn_settings)
        self.presentation = False

        right = QVBoxLayout()
        right.addWidget(self.fit_box)
        right.addWidget(self.sliding, 1)
        left = QVBoxLayout()
        left.addWidget(self.input_box)
        left.addWidget(self.kernel_box)
        left.addWidget(self.size_box)
        left.addStretch(1)
        left_w = QWidget(self)
        left_w.setLayout(left)
        self.left_column = left_w
        self._column_width()
        outer = QHBoxLayout(self)
        outer.addWidget(left_w)
        outer.addLayout(right, 1)

        self.input_box.source_changed.connect(
            lambda index: self.sliding.set_input_editable(index == GRID)
        )
        self.input_box.image_chosen.connect(self.set_image)
        self.kernel_box.changed.connect(self.rebuild)
        self.sliding.input_view.edited.connect(self._input_edited)
        self.retranslate_ui()
        self.rebuild()

    # ------------------------------------------------------------------ texts
    def retranslate_ui(self) -> None:
        """Set every text in the current language (each section sets its own too)."""
        for section in (self.input_box, self.kernel_box, self.size_box, self.fit_box):
            section.retranslate_ui()
        self.sliding.retranslate_ui()
        self.btn_settings.setText(_t("Settings"))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.btn_settings.setText(_t("Settings"))  # the sections retranslate themselves
        elif event.type() == QEvent.Type.FontChange:
            self._column_width()
        super().changeEvent(event)

    def set_presentation(self, on: bool) -> None:
        """Presentation mode: the settings' column folds away (a button brings it back),
        so that the input, kernel, products and feature map fill the width."""
        self.presentation = bool(on)
        self.btn_settings.setVisible(self.presentation)
        self.btn_settings.setChecked(False)
        self._show_settings(False)

    def _show_settings(self, on: bool) -> None:
        self.left_column.setVisible(bool(on) or not self.presentation)

    def _column_width(self) -> None:
        # The controls' column: about 24 lines of text wide, so it grows with the font.
        self.left_column.setMaximumWidth(int(self.fontMetrics().height() * 24))

    # ------------------------------------------------------------------ state
    @property
    def convolution(self) -> bool:
        """True for a true convolution (flipped kernel), False for cross-correlation."""
        return self.kernel_box.convolution

    def image(self) -> np.ndarray:
        """The input image."""
        return self._image.copy()

    def kernel(self) -> np.ndarray:
        """The stored kernel K (as typed; not flipped)."""
        return self.kernel_box.kernel()

    def output(self) -> np.ndarray | None:
        """The feature map, or None when the window does not fit."""
        return None if self._out is None else self._out.copy()

    @property
    def fits(self) -> bool:
        """False when (N − F + 2P)/S + 1 is not a whole number ≥ 1 along some axis."""
        return self._out is not None

    @property
    def n_positions(self) -> int:
        """Number of output positions (0 when the window does not fit)."""
        return self.sliding.n_positions

    @property
    def position(self) -> int:
        """Index of the current output position (row-major)."""
        return self.sliding.position

    def set_position(self, k: int) -> None:
        """Move the window to output position ``k`` (row-major); the map shows 0..k."""
        self.sliding.set_position(k)

    def products(self):
        """The engine's ConvProducts at the current position (None if it does not fit)."""
        return self.sliding.products()

    def play(self, on: bool) -> None:
        """Start or stop the window sliding on its own."""
        self.sliding.play(on)

    def set_source(self, index: int) -> None:
        """0: the 7×7 grid, 1: an MNIST test digit, 2: a drawn digit."""
        self.input_box.source.setCurrentIndex(int(index))

    def set_image(self, image) -> None:
        """Show ``image`` (2-D) as the input and recompute."""
        self._image = np.array(image, float)
        self.rebuild()
        self.input_changed.emit()

    def set_kernel(self, kernel) -> None:
        """Put ``kernel`` (F×F) into the editor and recompute."""
        self.kernel_box.set_kernel(kernel)

    def configure(self, kernel_size=None, stride=None, padding=None, convolution=None) -> None:
        """Set several controls at once with one recomputation (lessons use this)."""
        self.kernel_box.configure(kernel_size, stride, padding, convolution)

    def _input_edited(self, r: int, c: int, v: float) -> None:
        self._image[r, c] = v
        self.rebuild(keep_position=True)
        self.input_changed.emit()

    # ------------------------------------------------------------------ computing
    def rebuild(self, keep_position: bool = False) -> None:
        """Recompute the feature map with the engine and refresh every section."""
        img = self._image
        k = self.kernel()
        s, p = self.kernel_box.stride.value(), self.kernel_box.padding.value()
        mode = "convolution" if self.convolution else "cross-correlation"
        net, self._out = feature_map(img, k, s, p, mode)
        self.sliding.show_result(img, k, s, p, self.convolution, net, self._out, keep_position)
        sizes = self.size_box.show_sizes(img.shape, k.shape[0], s, p)
        if net is not None:
            self.fit_box.hide()
        else:
            bad = 0 if sizes[0] is None else 1
            self.fit_box.explain(img.shape[bad], k.shape[0], s, p)
        self.output_changed.emit(self.output())
