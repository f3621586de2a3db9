"""The in-place editor a double-click on an edge opens over its printed weight."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import QLineEdit


def parse_number(text: str) -> float:
    """Parse a typed number, accepting the true minus sign and a decimal comma."""
    t = text.strip().replace("−", "-").replace("–", "-").replace(",", ".")
    return float(t)


class WeightEditor(QLineEdit):
    """The in-place editor a double-click on an edge opens over its label."""

    committed = Signal(float)
    cancelled = Signal()

    def __init__(self, parent):
        super().__init__(parent)
        self.setValidator(QDoubleValidator(-1e6, 1e6, 8, self))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.returnPressed.connect(self._commit)
        self._done = False

    def _commit(self):
        if self._done:
            return
        try:
            value = parse_number(self.text())
        except ValueError:
            self.selectAll()
            return
        self._done = True
        self.committed.emit(value)

    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_Escape:
            self._done = True
            self.cancelled.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event):
        super().focusOutEvent(event)
        if not self._done:
            self._done = True
            self.cancelled.emit()
