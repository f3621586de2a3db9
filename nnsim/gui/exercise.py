"""Exercise mode: the student types the numbers of one training step; nnsim checks each one.

The step is the engine's own (``Stepper`` records of the open network: forward neuron by
neuron, the error, the gradient terms, every weight's update), followed by the forward
pass again with the new weights, so the student can see that the error fell (COURSE.md
§13c, the ReLU homework, or any small dense network); a perceptron lesson's step is the
perceptron rule's (ŷ, y − ŷ, the changed weights and threshold). A wrong value is marked
and the right one is shown with its formula, numbers substituted.

``Exercise`` (``nnsim.recipes.exercise``) builds the list of values and judges answers;
``ExerciseView`` is the central "exercise" view. Its texts are translated in ``demos_zh_CN.ts`` through
``_t`` (context "demos.exercise").
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from nnsim.engine.notation import fmt
from nnsim.gui.demos.widgets import tint
from nnsim.gui.i18n import translator
from nnsim.gui.mathtext import math_html
from nnsim.recipes.exercise import Exercise, ExerciseError, Verdict

_GREEN = "#2b8a3e"
_RED = "#c92a2a"


_CONTEXT = "demos.exercise"

_t = translator(_CONTEXT)


def _reason(doc, exc) -> str:
    """Why ``doc`` cannot be an exercise, in the interface's language (the recipe's own
    reason is English): a layer the step-through does not show, a shaped input, its size."""
    from nnsim.gui.i18n import kind_name

    for layer in doc.layers.values():
        if layer.kind not in ("input", "dense"):
            return _t("it has a layer “{0}”; an exercise steps dense layers only.").format(
                kind_name(layer.kind)
            )
    for layer in doc.layers.values():
        shape = tuple(getattr(layer, "shape", None) or ())
        if layer.kind == "input" and len(shape) > 1:
            return _t("its input is {0}; an exercise takes a flat input.").format(
                "×".join(str(n) for n in shape)
            )
    size = re.match(r"one step of this network has about (\d+) values; .* at most (\d+)", str(exc))
    if size is not None:
        return _t(
            "one step of this network has about {0} values; an exercise takes at most {1}."
        ).format(*size.groups())
    return str(exc)


class _Row:
    """The widgets of one value."""

    def __init__(self, item, head, symbol, edit, mark, answer):
        self.item, self.head, self.symbol = item, head, symbol
        self.edit, self.mark, self.answer = edit, mark, answer
        self.state = "empty"


class ExerciseView(QWidget):
    """Type the numbers of one BP step; each is checked against the engine's.

    Signals
    -------
    open_homework()
        The user asked for the ReLU homework lesson.
    """

    open_homework = Signal()

    def __init__(self, parent=None, language=None):
        super().__init__(parent)
        self._language = language  # callable → "en"/"zh_CN"; None reads the translator
        self.exercise: Exercise | None = None
        self.rows: dict[str, _Row] = {}
        self._document = None
        self._revealed = False
        self._stale = False

        self.title = QLabel(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.setup_label = QLabel(self)
        self.setup_label.setWordWrap(True)
        self.setup_label.setTextFormat(Qt.TextFormat.RichText)
        self.btn_check = QPushButton(self)
        self.btn_answers = QPushButton(self)
        self.btn_clear = QPushButton(self)
        self.btn_reload = QPushButton(self)
        self.btn_homework = QPushButton(self)
        self.score = QLabel(self)
        tint(self.score, None, bold=True)
        buttons = QHBoxLayout()
        for b in (
            self.btn_check,
            self.btn_answers,
            self.btn_clear,
            self.btn_reload,
            self.btn_homework,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.score)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        tint(self.message, _RED)
        self.message.hide()
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self._new_sheet()
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.intro)
        lay.addWidget(self.setup_label)
        lay.addLayout(buttons)
        lay.addWidget(self.message)
        lay.addWidget(self.scroll, 1)
        lay.addWidget(self.verdict)

        self.btn_check.clicked.connect(self.check_all)
        self.btn_answers.clicked.connect(self.show_answers)
        self.btn_clear.clicked.connect(self.clear)
        self.btn_reload.clicked.connect(lambda: self.set_document(self._document))
        self.btn_homework.clicked.connect(self.open_homework.emit)
        self._fonts()
        self.retranslate_ui()

    # ------------------------------------------------------------------ language
    def lang(self) -> str:
        """ "zh" or "en": the language of the engine's words in the rows."""
        if self._language is not None:
            return "zh" if str(self._language()).startswith("zh") else "en"
        return "zh" if _t("Check") != "Check" else "en"

    def _perceptron(self) -> bool:
        ex = getattr(self, "exercise", None)
        return ex is not None and ex.rule == "perceptron"

    def _set_title(self) -> None:
        if self._perceptron():
            self.title.setText(_t("Exercise: one step of the perceptron rule by hand"))
            self.intro.setText(
                _t(
                    "Compute every value of one step of the perceptron rule in order: the "
                    "output ŷ, the difference y − ŷ, the new weights and threshold (changed only "
                    "when the sample is misclassified), and the output again with them. Type "
                    "each number (3 significant digits) and press Enter: nnsim checks it against "
                    "its own computation and shows the right value and its formula when it differs."
                )
            )
            return
        self.title.setText(_t("Exercise: one step of back-propagation by hand"))
        self.intro.setText(
            _t(
                "Compute every value of one training step of the network in order: forward, "
                "error, gradient terms, the new weights, and the forward pass again with them. "
                "Type each number (3 significant digits) and press Enter: nnsim checks it against "
                "its own computation and shows the right value and its formula when it differs."
            )
        )

    def retranslate_ui(self) -> None:
        self._set_title()
        self.btn_check.setText(_t("Check all"))
        self.btn_answers.setText(_t("Show the answers"))
        self.btn_clear.setText(_t("Clear"))
        self.btn_reload.setText(_t("Start again from the open network"))
        self.btn_homework.setText(_t("Open the ReLU homework"))
        self._fill_texts()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.FontChange:
            self._fonts()
            for row in self.rows.values():
                self._show(row)  # style sheets keep the font they were set with
        super().changeEvent(event)

    def _scaled(self, factor: float, bold: bool = True) -> QFont:
        f = QFont(self.font())
        f.setBold(bold)
        f.setPointSizeF(max(f.pointSizeF(), 6) * factor)
        return f

    def _fonts(self) -> None:
        """Sizes relative to the application font (presentation mode makes them grow)."""
        self.title.setFont(self._scaled(1.4))
        self.verdict.setFont(self._scaled(1.2))
        for i in range(self.grid.count()):
            w = self.grid.itemAt(i).widget()
            if isinstance(w, QLabel) and w.property("part"):
                w.setFont(self._scaled(1.15))

    def _part_title(self, part: str) -> str:
        if self._perceptron():  # no gradient terms: the parts are numbered without them
            if part == "update":
                return _t("3. New weights and threshold")
            if part == "after":
                return _t("4. Output again with the new weights")
        return {
            "forward": _t("1. Forward pass"),
            "loss": _t("2. Error"),
            "backward": _t("3. Gradient terms (backward)"),
            "update": _t("4. New weights and thresholds"),
            "after": _t("5. Forward pass again with the new weights"),
        }[part]

    # ------------------------------------------------------------------ building
    def set_document_later(self, document) -> None:
        """Remember ``document``; the exercise is made when the view is next shown
        (making it may load a data set: not while the user looks elsewhere)."""
        self._document = document
        self._stale = True
        if self.isVisible():
            self.set_document(document)

    def showEvent(self, event):
        super().showEvent(event)
        if self._stale:
            self.set_document(self._document)

    def set_document(self, document) -> bool:
        """Make the exercise from ``document`` (False, with a message, when it cannot)."""
        self._document = document
        self._stale = False
        self._new_sheet()
        self.rows = {}
        self._revealed = False
        self.exercise = None
        if document is None:
            return False
        try:
            self.exercise = Exercise(document)
        except ExerciseError as exc:
            self.message.setText(
                _t("This network cannot be an exercise: {0}").format(_reason(document, exc))
                + " "
                + _t("Open the ReLU homework or build a small dense network.")
            )
            self.message.show()
            self._fill_texts()
            return False
        self.message.hide()
        part_seen = set()
        r = 0
        for item in self.exercise.items:
            part = "loss" if item.part == "loss" else item.part
            if part not in part_seen:
                part_seen.add(part)
                header = QLabel(self.sheet)
                header.setFont(self._scaled(1.15))
                header.setProperty("part", part)
                self.grid.addWidget(header, r, 0, 1, 5)
                r += 1
            head = QLabel(self.sheet)
            head.setTextFormat(Qt.TextFormat.RichText)
            symbol = QLabel(self.sheet)
            symbol.setTextFormat(Qt.TextFormat.RichText)
            edit = QLineEdit(self.sheet)
            edit.setMaximumWidth(160)
            edit.setMinimumWidth(110)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            mark = QLabel(self.sheet)
            mark.setMinimumWidth(28)
            answer = QLabel(self.sheet)
            answer.setTextFormat(Qt.TextFormat.RichText)
            answer.setWordWrap(True)
            answer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.grid.addWidget(head, r, 0)
            self.grid.addWidget(symbol, r, 1)
            self.grid.addWidget(edit, r, 2)
            self.grid.addWidget(mark, r, 3)
            self.grid.addWidget(answer, r, 4)
            row = _Row(item, head, symbol, edit, mark, answer)
            self.rows[item.key] = row
            edit.editingFinished.connect(lambda key=item.key: self.check(key))
            r += 1
        self.grid.setRowStretch(r, 1)
        self._fill_texts()
        return True

    def _new_sheet(self) -> None:
        """A fresh sheet for the rows (the scroll area deletes the old one at once)."""
        self.sheet = QWidget()
        self.grid = QGridLayout(self.sheet)
        self.grid.setHorizontalSpacing(14)
        self.grid.setColumnStretch(4, 1)
        self.scroll.setWidget(self.sheet)

    def _fill_texts(self) -> None:
        ex = self.exercise
        lang = self.lang()
        self._set_title()
        for i in range(self.grid.count()):
            w = self.grid.itemAt(i).widget()
            if isinstance(w, QLabel) and w.property("part"):
                w.setText(self._part_title(w.property("part")))
        if ex is None:
            self.setup_label.setText("")
            self.score.setText("")
            self.verdict.setText("")
            return
        x = ", ".join(fmt(v, 4) for v in ex.x)
        y = ", ".join(fmt(v, 4) for v in ex.y)
        setup = _t(
            "Input x = ({0}), target y = ({1}), learning rate η = {2}. The formulas use the {3} notation."
        ).format(x, y, fmt(ex.lr, 4), _t("book's") if ex.notation == "book" else _t("generic"))
        self.setup_label.setText(math_html(setup, prose=True))
        for row in self.rows.values():
            row.head.setText(math_html(row.item.head(lang), prose=True))
            row.symbol.setText(math_html(row.item.symbol) + " =")
            self._show(row)
        self._update_score()

    # ------------------------------------------------------------------ checking
    def enter(self, key: str, text: str) -> Verdict:
        """Type ``text`` for item ``key`` and check it (what Enter does)."""
        row = self.rows[key]
        row.edit.setText(text)
        return self.check(key)

    def check(self, key: str) -> Verdict:
        """Check one answer and mark it."""
        row = self.rows[key]
        verdict = self.exercise.check(key, row.edit.text())
        row.state = verdict.state
        self._show(row)
        self._update_score()
        return verdict

    def check_all(self) -> None:
        """Check every answer typed so far."""
        for key in self.rows:
            self.check(key)

    def show_answers(self) -> None:
        """Reveal every right value with its formula."""
        self._revealed = True
        for row in self.rows.values():
            self._show(row)
        self._update_score()

    def clear(self) -> None:
        """Empty every answer."""
        self._revealed = False
        for row in self.rows.values():
            row.edit.clear()
            row.state = "empty"
            self._show(row)
        self._update_score()

    def row_state(self, key: str) -> str:
        """ "empty", "invalid", "right" or "wrong" for item ``key``."""
        return self.rows[key].state

    def _show(self, row: _Row) -> None:
        item = row.item
        style = {
            "right": f"background: #ebfbee; border: 2px solid {_GREEN};",
            "wrong": f"background: #fff5f5; border: 2px solid {_RED};",
            "invalid": f"background: #fff5f5; border: 2px solid {_RED};",
        }.get(row.state, "")
        row.edit.setStyleSheet(f"QLineEdit {{ {style} }}" if style else "")
        if row.state == "right":
            row.mark.setText("✓")
            tint(row.mark, _GREEN, bold=True)
        elif row.state in ("wrong", "invalid"):
            row.mark.setText("✗")
            tint(row.mark, _RED, bold=True)
        else:
            row.mark.setText("")
        if row.state == "wrong" or (self._revealed and row.state != "right"):
            prefix = _t("right value") if row.state == "wrong" else _t("answer")
            row.answer.setText(
                f"{prefix}: {fmt(item.value, 4)}&nbsp;&nbsp; —&nbsp;&nbsp; {math_html(item.formula(4))}"
            )
            tint(row.answer, _RED if row.state == "wrong" else "#30363d")
        elif row.state == "invalid":
            row.answer.setText(_t("not a number"))
            tint(row.answer, _RED)
        elif row.state == "right":
            row.answer.setText(math_html(item.formula(4)))
            tint(row.answer, _GREEN)
        else:
            row.answer.setText("")

    def _update_score(self) -> None:
        ex = self.exercise
        if ex is None:
            return
        states = [r.state for r in self.rows.values()]
        right = states.count("right")
        wrong = states.count("wrong") + states.count("invalid")
        self.score.setText(_t("{0} of {1} right, {2} wrong").format(right, len(states), wrong))
        after = [r for r in self.rows.values() if r.item.part == "after"]
        done = after and (all(r.state == "right" for r in after) or self._revealed)
        if done:
            fell = ex.loss_fell
            self.verdict.setText(
                _t("The error went from {0} to {1}: {2}").format(
                    fmt(ex.loss_before, 4),
                    fmt(ex.loss_after, 4),
                    _t("it fell, the step worked.") if fell else _t("it did not fall."),
                )
            )
            tint(self.verdict, _GREEN if fell else _RED)
        else:
            self.verdict.setText("")
