"""The training panel's initial-weights section: the initialisation scheme and its seed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QSpinBox, QVBoxLayout

from nnsim.engine.layers.base import INIT_SCHEMES
from nnsim.gui.training.sections.common import PanelHost, SettingsSection, limits


def init_name(scheme: str) -> str:
    """An initialisation scheme's name in the UI language."""
    return {
        "uniform01": QCoreApplication.translate("TrainingPanel", "uniform in (0, 1), as the book"),
        "playground": QCoreApplication.translate(
            "TrainingPanel", "uniform in (−0.5, 0.5), as Playground"
        ),
        "xavier": QCoreApplication.translate("TrainingPanel", "Xavier (Glorot)"),
        "he": QCoreApplication.translate("TrainingPanel", "He"),
        "zeros": QCoreApplication.translate("TrainingPanel", "all zero"),
    }.get(scheme, scheme)


class WeightsSection(SettingsSection):
    """Initialisation scheme and seed of the initial weights (changing them resets them)."""

    def __init__(self, host: PanelHost, parent=None):
        super().__init__(host, parent)
        self._text(
            self.setTitle, lambda: QCoreApplication.translate("TrainingPanel", "Initial weights")
        )
        il = QVBoxLayout(self)
        self._note(
            il,
            lambda: QCoreApplication.translate(
                "TrainingPanel", "Changing these resets the weights."
            ),
        )
        iform = QFormLayout()
        il.addLayout(iform)
        self.init = QComboBox(self)
        self.init.activated.connect(lambda i: self._set(init=INIT_SCHEMES[i]))
        self._row(
            iform, lambda: QCoreApplication.translate("TrainingPanel", "Initialisation"), self.init
        )
        self.seed = QSpinBox(self)
        self.seed.setRange(*limits("seed"))
        self.seed.editingFinished.connect(lambda: self._set(seed=self.seed.value()))
        self._row(iform, lambda: QCoreApplication.translate("TrainingPanel", "Seed"), self.seed)

    def refresh(self, doc) -> None:
        """Show ``doc``'s scheme and seed (no commands while doing so)."""
        self._updating += 1
        try:
            self.init.clear()
            for scheme in INIT_SCHEMES:
                self.init.addItem(init_name(scheme))
            s = doc.settings
            self.init.setCurrentIndex(INIT_SCHEMES.index(s.init) if s.init in INIT_SCHEMES else 0)
            self.seed.setValue(int(s.seed))
        finally:
            self._updating -= 1
