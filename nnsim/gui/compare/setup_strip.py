"""The Compare view's controls: what varies and its values, the target loss, Play/Reset, pace.

``SetupStrip.request()`` reads the fields into what a ``Comparison`` needs; the view
builds it. A lesson with a comparison (nnsim.lessons.comparisons) offers it first.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from nnsim.engine.notation import parse_number
from nnsim.gui.compare.labels import CHOICE_NAMES, CHOICES, DEFAULT_VALUES, _t
from nnsim.gui.compare.runner import DEFAULT_PACE, PACES
from nnsim.model.compare import CompareError, parse_values

#: The first entry of "Vary" when the open lesson has its own comparison.
LESSON = "lesson"
#: The second "and" entry that varies nothing more.
NOTHING = ""


class SetupStrip(QWidget):
    """Two rows: the set-up (vary … and … target, Set up), the run (Play, Reset, epochs, pace).

    Signals
    -------
    set_up_requested()
        "Set up" pressed (or Enter in a values field).
    """

    set_up_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 2)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.vary_label = QLabel(self)
        self.vary = QComboBox(self)
        self.values = QLineEdit(self)
        self.and_label = QLabel(self)
        self.vary2 = QComboBox(self)
        self.values2 = QLineEdit(self)
        self.target_label = QLabel(self)
        self.target = QLineEdit(self)
        self.target.setMaximumWidth(110)
        self.set_up_button = QPushButton(self)
        top = QHBoxLayout()
        for w, stretch in (
            (self.vary_label, 0),
            (self.vary, 0),
            (self.values, 2),
            (self.and_label, 0),
            (self.vary2, 0),
            (self.values2, 1),
            (self.target_label, 0),
            (self.target, 0),
            (self.set_up_button, 0),
        ):
            top.addWidget(w, stretch)
        grid.addLayout(top, 0, 0)

        self.play_button = QPushButton(self)
        self.play_button.setCheckable(True)
        self.reset_button = QPushButton(self)
        self.epochs_label = QLabel(self)
        self.epochs = QSpinBox(self)
        self.epochs.setRange(1, 100_000)
        self.pace_label = QLabel(self)
        self.pace = QComboBox(self)
        for p in PACES:
            self.pace.addItem("", p)
        self.pace.setCurrentIndex(PACES.index(DEFAULT_PACE))
        self.progress = QLabel(self)
        self.open_button = QPushButton(self)
        self.export_button = QPushButton(self)
        bottom = QHBoxLayout()
        for w in (
            self.play_button,
            self.reset_button,
            self.epochs_label,
            self.epochs,
            self.pace_label,
            self.pace,
        ):
            bottom.addWidget(w)
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.export_button)
        grid.addLayout(bottom, 1, 0)
        #: one line saying what went wrong in the set-up (or what is not drawn)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a4161a;")
        self.message.hide()
        grid.addWidget(self.message, 2, 0)

        self.has_lesson = False
        self._edited: dict[str, str] = {}
        self._fill_choices()
        self.vary.currentIndexChanged.connect(
            lambda _i: self._choice_changed(self.vary, self.values)
        )
        self.vary2.currentIndexChanged.connect(
            lambda _i: self._choice_changed(self.vary2, self.values2)
        )
        self.set_up_button.clicked.connect(self.set_up_requested)
        self.values.returnPressed.connect(self.set_up_requested)
        self.values2.returnPressed.connect(self.set_up_requested)
        self.target.returnPressed.connect(self.set_up_requested)
        self.retranslate_ui()

    # -- choices -----------------------------------------------------------------------
    def _fill_choices(self) -> None:
        for combo, first in (
            (self.vary, LESSON if self.has_lesson else None),
            (self.vary2, NOTHING),
        ):
            combo.blockSignals(True)
            keep = combo.currentData()
            combo.clear()
            if first is not None:
                combo.addItem("", first)
            for name in CHOICES:
                combo.addItem("", name)
            i = combo.findData(keep)
            combo.setCurrentIndex(max(i, 0))
            combo.blockSignals(False)
        self._texts()

    def set_lesson(self, available: bool, labels: list[str] | None = None) -> None:
        """Offer the lesson's comparison first (and choose it) or not."""
        self.has_lesson = bool(available)
        self._fill_choices()
        self.vary.setCurrentIndex(0)
        self.vary2.setCurrentIndex(0)
        self._lesson_labels = labels or []
        self._choice_changed(self.vary, self.values)
        self._choice_changed(self.vary2, self.values2)

    def set_lesson_labels(self, labels: list[str]) -> None:
        """The lesson's variants as the values field shows them (after a change of
        language).

        Parameters
        ----------
        labels : list of str
            One label per variant of the lesson's comparison, in the UI language.
        """
        self._lesson_labels = list(labels)
        if self.lesson_chosen():
            self.values.setText(", ".join(self._lesson_labels))
            self.values.setCursorPosition(0)

    def choose(self, vary: dict) -> None:
        """Fill the fields with ``vary`` ({name: values text}, at most two names)."""
        items = list(vary.items())
        for k, (combo, field) in enumerate(((self.vary, self.values), (self.vary2, self.values2))):
            if k < len(items):
                combo.setCurrentIndex(combo.findData(items[k][0]))
                field.setText(str(items[k][1]))
            else:
                combo.setCurrentIndex(combo.findData(NOTHING) if combo is self.vary2 else 0)

    def _choice_changed(self, combo: QComboBox, field: QLineEdit) -> None:
        name = combo.currentData()
        if name == LESSON:
            field.setText(", ".join(getattr(self, "_lesson_labels", [])))
            field.setCursorPosition(0)
            field.setEnabled(False)
        elif not name:
            field.clear()
            field.setEnabled(False)
        else:
            field.setEnabled(True)
            field.setText(DEFAULT_VALUES.get(name, ""))
        lesson = self.vary.currentData() == LESSON
        self.vary2.setEnabled(not lesson)
        self.values2.setEnabled(not lesson and bool(self.vary2.currentData()))
        self.target.setEnabled(not lesson)

    # -- reading -----------------------------------------------------------------------
    def lesson_chosen(self) -> bool:
        return self.vary.currentData() == LESSON

    def request(self) -> tuple[dict, float | None]:
        """({name: [values]}, target loss or None) from the fields.

        Raises
        ------
        CompareError
            Naming the field that does not read.
        """
        vary: dict = {}
        for combo, field in ((self.vary, self.values), (self.vary2, self.values2)):
            name = combo.currentData()
            if not name or name == LESSON:
                continue
            if name in vary:
                raise CompareError(_t("{0} is chosen twice").format(_t(CHOICE_NAMES[name])))
            try:
                vary[name] = parse_values(name, field.text())
            except CompareError:
                raise CompareError(
                    _t(
                        "{0}: “{1}” does not read as values (a comma list, or a range such as 0-3)"
                    ).format(_t(CHOICE_NAMES[name]), field.text().strip())
                ) from None
        text = self.target.text().strip()
        target = None
        if text:
            try:
                target = parse_number(text)
            except ValueError:
                raise CompareError(_t("target loss: {0!r} is not a number").format(text)) from None
            if not target > 0:
                raise CompareError(_t("target loss: it must be above 0"))
        return vary, target

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- texts -------------------------------------------------------------------------
    def _texts(self) -> None:
        for combo in (self.vary, self.vary2):
            for k in range(combo.count()):
                name = combo.itemData(k)
                if name == LESSON:
                    text = _t("the lesson's comparison")
                elif not name:
                    text = _t("(nothing else)")
                else:
                    text = _t(CHOICE_NAMES[name])
                combo.setItemText(k, text)
        for k in range(self.pace.count()):
            p = self.pace.itemData(k)
            self.pace.setItemText(k, _t("fastest") if p is None else _t("{0} epochs/s").format(p))

    def set_playing(self, on: bool) -> None:
        self.play_button.setChecked(on)
        self.play_button.setText(_t("Pause") if on else _t("Play"))

    def retranslate_ui(self) -> None:
        self._texts()
        self.vary_label.setText(_t("Vary"))
        self.and_label.setText(_t("and"))
        self.target_label.setText(_t("target loss"))
        self.target.setPlaceholderText(_t("auto"))
        self.target.setToolTip(
            _t(
                "Epochs to target: the first epoch whose training loss is at most this "
                "(empty: a tenth of the first variant's initial loss)"
            )
        )
        self.values.setToolTip(_t("Values separated by commas; whole numbers also as ranges (0-3)"))
        self.values2.setToolTip(self.values.toolTip())
        self.set_up_button.setText(_t("Set up"))
        self.set_up_button.setToolTip(
            _t("Make the variants from the open network (or the lesson's comparison)")
        )
        self.set_playing(self.play_button.isChecked())
        self.reset_button.setText(_t("Reset"))
        self.reset_button.setToolTip(_t("Every variant back to its initial weights"))
        self.epochs_label.setText(_t("epochs"))
        self.epochs.setToolTip(_t("Epochs each Play trains (a finished run trains this many more)"))
        self.pace_label.setText(_t("speed"))
        self.open_button.setText(_t("Open in Network view"))
        self.open_button.setToolTip(
            _t("Open the selected variant as the network (one undo step; double-click does it too)")
        )
        self.export_button.setText(_t("Export…"))
        self.export_button.setToolTip(_t("Save the whole comparison as PNG or SVG"))
