"""The training panel's message strip: what the controller says (errors red, warnings amber)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

#: Text colour of each kind of message (anything else: information, green).
COLORS = {"error": "#b03a2e", "warning": "#9a6700"}
INFO_COLOR = "#1f6f43"


class MessageStrip(QLabel):
    """A bold, wrapping, selectable line of text, hidden until there is something to say."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setVisible(False)

    def show_message(self, kind: str, text: str) -> None:
        """Show ``text`` in the colour of ``kind`` ("error", "warning" or "info")."""
        color = COLORS.get(kind, INFO_COLOR)
        self.setStyleSheet(f"color: {color}; font-weight: bold;")
        self.setText(text)
        self.setVisible(True)
