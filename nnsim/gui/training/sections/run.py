"""The training panel's run controls: play, one epoch, reset, and the speed slider."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnsim.gui.style import ButtonGrid

#: Speeds of the speed slider in epochs per second; 0 = as fast as possible.
SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 0)


class RunControls(QWidget):
    """The "play", "epoch" and "reset" actions as buttons, and the speed in epochs a second.

    Parameters
    ----------
    actions : dict of str to QAction
        "play", "epoch", "reset" at least.
    set_speed : callable
        ``set_speed(epochs_per_second)`` (0: as fast as possible), the controller's.
    """

    def __init__(self, actions: dict, set_speed: Callable[[int], None], parent=None):
        super().__init__(parent)
        self._set_speed = set_speed
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        # One row where it fits; in a narrow dock at presentation size "Reset weights"
        # goes under "Play", so the panel needs no horizontal scrolling.
        buttons = ButtonGrid((3, 2), self)
        self.buttons: dict[str, QToolButton] = {}
        for name in ("play", "epoch", "reset"):
            b = QToolButton(self)
            b.setDefaultAction(actions[name])
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            # filling their cells: two rows then read as a grid, not as ragged buttons
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.add(b)
            self.buttons[name] = b
        lay.addWidget(buttons)
        speed = QHBoxLayout()
        self.speed_label = QLabel(self)
        self.speed = QSlider(Qt.Orientation.Horizontal, self)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(len(SPEEDS) - 1)
        self.speed.setPageStep(1)
        self.speed.valueChanged.connect(self._speed_changed)
        self.speed_value = QLabel(self)
        self.speed_value.setMinimumWidth(110)
        speed.addWidget(self.speed_label)
        speed.addWidget(self.speed, 1)
        speed.addWidget(self.speed_value)
        lay.addLayout(speed)
        self.retranslate_ui()

    @property
    def rate(self) -> int:
        """The speed chosen, in epochs per second (0: as fast as possible)."""
        return SPEEDS[self.speed.value()]

    def _speed_changed(self, i: int) -> None:
        rate = SPEEDS[i]
        self._set_speed(rate)
        if rate == 0:
            text = QCoreApplication.translate("TrainingPanel", "as fast as possible")
        else:
            text = QCoreApplication.translate("TrainingPanel", "{0} epochs/s").format(rate)
        self.speed_value.setText(text)

    def change_speed(self, step: int) -> None:
        """One notch faster (+1) or slower (−1)."""
        self.speed.setValue(self.speed.value() + step)

    def retranslate_ui(self) -> None:
        """The speed's label and value in the current language (and the controller told)."""
        self.speed_label.setText(QCoreApplication.translate("TrainingPanel", "Speed"))
        self._speed_changed(self.speed.value())

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
