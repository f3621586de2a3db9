"""The CNN view: convolution (input, kernel, sliding window), pooling, and MNIST training.

Three tabs, in the order the lecture goes: the convolution of one image by one kernel
with the output-size formula, max and average pooling on the lecture's 4×4 example,
and a small CNN (or an MLP) trained on MNIST. Opening the convolution-pooling or the
mnist-cnn lesson sets the view up for it (``apply_document``).
"""

from __future__ import annotations

import functools

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from nnsim.gui.demos.conv_panel import ConvPanel
from nnsim.gui.demos.pooling import PoolingPanel
from nnsim.gui.demos.training_panel import TrainingPanel
from nnsim.gui.i18n import translator

_CONTEXT = "demos.cnn"

_t = translator(_CONTEXT)


@functools.lru_cache(maxsize=1)
def test_digits() -> tuple[np.ndarray, np.ndarray]:
    """MNIST's 10,000 test digits as (10000, 28, 28) floats in [0, 1] and their labels
    (loaded once through ``nnsim.data.load_mnist``, which caches the parsed files)."""
    from nnsim.data import load_mnist

    _, test = load_mnist()
    return test.x.reshape(-1, 28, 28), test.y


class CnnView(QWidget):
    """Convolution, pooling and training tabs (the central "cnn" view)."""

    def __init__(self, parent=None, digits=test_digits):
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.conv = ConvPanel(mnist_images=digits, parent=self)
        self.pooling = PoolingPanel(self)
        self.training = TrainingPanel(current_digit=self._digit_for_training, parent=self)
        from nnsim.gui.demos import FitScrollArea  # (the package imports this module)

        # the training page scrolls on its own: its many plots would otherwise make every
        # tab as tall as they need (the convolution's grids pushed down, cut at the foot)
        self.training_page = FitScrollArea(self)
        self.training_page.setWidget(self.training)
        self.tabs.addTab(self.conv, "")
        self.tabs.addTab(self.pooling, "")
        self.tabs.addTab(self.training_page, "")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.tabs)
        self.conv.output_changed.connect(self.pooling.set_feature_map)
        self.conv.input_changed.connect(self.training.refresh_digit)
        self.training.digit_chosen.connect(self._look_at_digit)
        self.pooling.set_feature_map(self.conv.output())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, _t("Convolution"))
        self.tabs.setTabText(1, _t("Pooling"))
        self.tabs.setTabText(2, _t("Training on MNIST"))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _digit_for_training(self):
        img = self.conv.image()
        return img if img.shape == (28, 28) else None

    def _look_at_digit(self, image) -> None:
        # A misclassified digit goes to the drawing page: its maps show on both tabs.
        self.conv.set_source(2)
        self.conv.input_box.canvas.set_image(image)

    def set_presentation(self, on: bool) -> None:
        """Presentation mode (fonts follow the application; plots get thicker lines; the
        convolution's settings fold away so that its grids fill the width)."""
        self.training.set_presentation(on)
        self.conv.set_presentation(on)

    def apply_document(self, doc) -> None:
        """Set the view up for a lesson: input, kernel, stride and padding of its conv layer.

        The convolution-pooling lesson (7×7 input) opens on the grid with its 7 and its
        stride; an MNIST lesson opens on a test digit and the Training tab with the
        lesson's subset and epochs.
        """
        conv = next((layer for layer in doc.layers.values() if layer.kind == "conv2d"), None)
        inp = next((layer for layer in doc.layers.values() if layer.kind == "input"), None)
        shape = tuple(getattr(inp, "shape", ()) or ()) if inp is not None else ()
        is_mnist = doc.settings.dataset == "mnist"
        if conv is None and not is_mnist:
            return
        if is_mnist:
            subset = (doc.settings.dataset_params or {}).get("subset")
            if isinstance(subset, (list, tuple)) and len(subset) == 2:
                self.training.n_train.setValue(int(subset[0]))
                self.training.n_test.setValue(int(subset[1]))
            self.training.epochs.setValue(max(int(doc.settings.epochs), 1))
            self.training.model.setCurrentIndex(0 if conv is not None else 1)
            if doc.meta.view == "cnn":  # loading the test digits takes a moment: only here
                self.conv.set_source(1)
                self.tabs.setCurrentWidget(self.training_page)
        elif shape[-2:] == (7, 7):
            self.conv.set_source(0)
            targets = doc.settings.targets or []
            if targets and len(targets[0].get("x", [])) == 49:
                self.conv.set_image(np.reshape(targets[0]["x"], (7, 7)))
            self.tabs.setCurrentWidget(self.conv)
        if conv is not None:
            p = conv.params
            kernel = p.get("kernel")
            self.conv.configure(
                kernel_size=kernel[0] if isinstance(kernel, (list, tuple)) else kernel,
                stride=p.get("stride"),
                padding=p.get("padding"),
                convolution=bool(p.get("convolution", False)),
            )

    def shutdown(self) -> None:
        """Stop background work (the window is closing)."""
        self.conv.play(False)
        self.training.shutdown()
