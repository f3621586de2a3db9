"""The training panel's time slider: back to any recorded snapshot once training pauses."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QSlider, QVBoxLayout, QWidget


class TimeSection(QWidget):
    """The history's slider and what it points at ("snapshot 3 of 20 (epoch 40)").

    Parameters
    ----------
    controller : TrainingController
        Its history (``history_info``, ``epoch_at``, ``restore``) and run state.
    """

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self._updating = 0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        slider_row = QHBoxLayout()
        self.label = QLabel(self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, 0)
        self.slider.valueChanged.connect(self._moved)
        slider_row.addWidget(self.slider, 1)
        lay.addLayout(slider_row)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # fixed height (no re-layout at every new text), room for two lines in a narrow dock
        self.label.setWordWrap(True)
        self.fit_label()
        lay.addWidget(self.label)
        # restoring a snapshot rebuilds the network: once the slider rests, not per step
        self._restore_timer = QTimer(self)
        self._restore_timer.setSingleShot(True)
        self._restore_timer.setInterval(60)
        self._restore_timer.timeout.connect(self._restore_now)

    def fit_label(self) -> None:
        """Two lines of the current font high."""
        self.label.setFixedHeight(2 * self.label.fontMetrics().lineSpacing() + 4)

    def set_running(self, running: bool) -> None:
        """While training the slider is off and the label says the run is being recorded."""
        self.slider.setEnabled(not running)
        if running:
            self.label.setText(
                QCoreApplication.translate(
                    "TrainingPanel", "Time: recording (pause to go back in time)"
                )
            )

    def set_history(self, n: int, cursor: int) -> None:
        """Range and position of the time slider (set when training stops)."""
        if self.controller.running and not self.controller.stopping:
            return  # the slider is disabled while training
        self._updating += 1
        try:
            self.slider.setRange(0, max(n - 1, 0))
            self.slider.setValue(max(cursor, 0))
        finally:
            self._updating -= 1
        self._show_text(n, cursor)

    def _show_text(self, n: int, cursor: int) -> None:
        if n <= 0:
            self.label.setText(
                QCoreApplication.translate(
                    "TrainingPanel", "Time: no snapshots yet (train to record some)"
                )
            )
            return
        epoch = self.controller.epoch_at(cursor)
        self.label.setText(
            QCoreApplication.translate(
                "TrainingPanel", "Time: snapshot {0} of {1} (epoch {2})"
            ).format(cursor + 1, n, epoch)
        )

    def _moved(self, value: int) -> None:
        if self._updating:
            return
        self._restore_timer.start()

    def _restore_now(self) -> None:
        self.controller.restore(self.slider.value())

    def retranslate_ui(self) -> None:
        """The label in the current language."""
        self._show_text(*self.controller.history_info())

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
