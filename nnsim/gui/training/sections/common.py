"""What the training panel's sections share: the settings' ranges, number combos, form rows.

The sections' texts keep the context of the panel they came from, "TrainingPanel"
(``QCoreApplication.translate("TrainingPanel", …)``), so training_zh_CN.ts translates
them as before.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QWidget,
)

from nnsim.model.settings_rules import PLAYGROUND_PARAMS, SETTINGS_RULES


class PanelHost(Protocol):
    """What a section asks of the panel that holds it (the panel reaches the window)."""

    @property
    def document(self):
        """The document shown."""

    def set_settings(self, **fields) -> bool:
        """Change settings through the undo stack (one step); True when something changed."""

    def edit_structure(self, text: str, act: Callable) -> bool:
        """Run ``act(document)`` as one undoable change of the network named ``text``."""

    def open_csv(self) -> None:
        """Open the "CSV file…" dialog."""

    def reset_weights(self) -> None:
        """New initial weights (the training controller's reset)."""

    def chinese(self) -> bool:
        """True when the interface speaks Chinese."""


def limits(name: str, scale: float = 1) -> tuple[int, int]:
    """A control's range: the bounds of the setting's rule (× ``scale`` for percentages)."""
    rule = PLAYGROUND_PARAMS.get(name) or SETTINGS_RULES[name]
    return int(round(rule.lo * scale)), int(round(rule.hi * scale))


def fmt_number(v: float) -> str:
    """A setting's number as the combos show it (6 significant digits)."""
    return f"{v:.6g}"


class NumberCombo(QComboBox):
    """An editable combo of numbers: pick one from the list or type any (≥ ``minimum``)."""

    def __init__(self, values, minimum: float = 0.0, parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.addItems(list(values))
        v = QDoubleValidator(self)
        v.setBottom(minimum)
        v.setNotation(QDoubleValidator.Notation.ScientificNotation)
        self.lineEdit().setValidator(v)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

    def value(self) -> float | None:
        """The number shown, or None when the text is not one."""
        try:
            v = float(self.currentText().replace(",", "."))
        except ValueError:
            return None
        return v if math.isfinite(v) else None

    def set_value(self, v: float) -> None:
        """Show ``v`` without emitting."""
        self.blockSignals(True)
        self.setEditText(fmt_number(v))
        self.blockSignals(False)


class SettingsSection(QGroupBox):
    """A titled group of settings: texts that follow the language, form rows, a guard.

    Parameters
    ----------
    host : PanelHost
        The panel: the document, and the way to change its settings.
    parent : QWidget, optional

    While ``refresh`` shows the document's settings (``updating``), no change is sent back.
    """

    def __init__(self, host: PanelHost, parent=None):
        super().__init__(parent)
        self.host = host
        self._texts: list = []  # (setter, text function)
        self._updating = 0

    @property
    def updating(self) -> bool:
        """True while the section shows the settings (its widgets' signals are not edits)."""
        return self._updating > 0

    def _set(self, **fields) -> bool:
        """Change settings through the undo stack (nothing while refreshing)."""
        if self._updating:
            return False
        return self.host.set_settings(**fields)

    # -- builders -------------------------------------------------------------------------------
    def _text(self, setter, fn) -> None:
        self._texts.append((setter, fn))
        setter(fn())

    def _note(self, layout, fn) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setStyleSheet("color: #5b6470;")
        self._text(label.setText, fn)
        layout.addWidget(label)
        return label

    def _row(self, form: QFormLayout, fn, widget) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        form.addRow(label, widget)
        self._text(label.setText, fn)
        return label

    def _pair(self, a, b) -> QWidget:
        w = QWidget(self)
        lay = QHBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(a, 1)
        lay.addWidget(b)
        return w

    def _slider(self, lo, hi, commit):
        s = QSlider(Qt.Orientation.Horizontal, self)
        s.setRange(lo, hi)
        value = QLabel(self)
        value.setMinimumWidth(36)
        s.valueChanged.connect(lambda v: value.setText(str(v)))
        # one undo step (and one new data set) per drag, not per pixel
        s.sliderReleased.connect(lambda: commit(s.value()))
        s.valueChanged.connect(lambda v: None if s.isSliderDown() or self._updating else commit(v))
        return s, value

    def refresh(self, doc) -> None:
        """Show ``doc``'s settings in the widgets (each section shows its own)."""
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        """Re-set every text in the current language (the lists' entries with ``refresh``)."""
        for setter, fn in self._texts:
            setter(fn())
        self.refresh(self.host.document)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
