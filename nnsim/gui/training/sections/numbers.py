"""The training panel's numbers: epoch, training and test error, test accuracy of the newest row."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

#: The widest number a value label must hold without changing size.
WIDEST = "0.000000 %"


def fix_size(label: QLabel, widest: str) -> None:
    """Give a label that changes every frame a fixed size.

    A label whose size may change asks its parents to lay out again at every new text,
    and in a dock that repaints the whole window ~30 times a second.
    """
    fm = label.fontMetrics()
    label.setFixedSize(fm.horizontalAdvance(widest) + 8, fm.height() + 4)


def caption_text(key: str) -> str:
    """The caption of one number in the UI language."""
    return {
        "epoch": QCoreApplication.translate("TrainingPanel", "Epoch"),
        "train": QCoreApplication.translate("TrainingPanel", "Training error"),
        "test": QCoreApplication.translate("TrainingPanel", "Test error"),
        "acc": QCoreApplication.translate("TrainingPanel", "Test accuracy"),
    }[key]


class NumbersSection(QWidget):
    """Four captions and values, bold and a quarter larger, updated ~10 times a second.

    ``labels``: key ("epoch", "train", "test", "acc") → (caption, value) labels.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.labels: dict[str, tuple[QLabel, QLabel]] = {}
        for r, key in enumerate(("epoch", "train", "test", "acc")):
            cap = QLabel(self)
            val = QLabel("—", self)
            f = QFont(val.font())
            f.setBold(True)
            f.setPointSizeF(f.pointSizeF() * 1.25)
            val.setFont(f)
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            fix_size(val, WIDEST)
            grid.addWidget(cap, r, 0)
            grid.addWidget(val, r, 1)
            self.labels[key] = (cap, val)
        self._frames = 0
        self.retranslate_ui()

    def update_numbers(self, frame) -> None:
        """Epoch, errors and accuracy of the newest row (10 times a second while training)."""
        self._frames += 1
        if frame.running and self._frames % 3:
            return  # nobody reads numbers faster, and every label repaint costs
        d = frame.data
        if not len(d):
            for key in ("train", "test", "acc"):
                self.labels[key][1].setText("—")
            self.labels["epoch"][1].setText("0")
            return
        i = len(d) - 1

        def num(v, pct=False):
            if not math.isfinite(v):
                return "—"
            return f"{100 * v:.1f} %" if pct else f"{v:.4g}"

        self.labels["epoch"][1].setText(str(int(d.column("epoch")[i])))
        self.labels["train"][1].setText(num(d.column("train_loss")[i]))
        self.labels["test"][1].setText(num(d.column("val_loss")[i]))
        self.labels["acc"][1].setText(num(d.column("val_acc")[i], pct=True))

    def set_presentation(self, on: bool) -> None:
        """The values 1.4× the text in presentation mode (1.25× otherwise), bold."""
        for _cap, val in self.labels.values():
            f = QFont(self.font())
            f.setBold(True)
            f.setPointSizeF(f.pointSizeF() * (1.4 if on else 1.25))
            val.setFont(f)
            fix_size(val, WIDEST)

    def retranslate_ui(self) -> None:
        """The captions in the current language."""
        for key, (cap, _val) in self.labels.items():
            cap.setText(caption_text(key))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
