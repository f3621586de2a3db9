"""The formula panel: the current step's computation with its numbers, large, in the chosen language.

The top line says where the pass is (forward pass, error, backward pass, update; which
sample; step n of N). Below it the current record's formula as the slides write it
(β₁ = 0.35×0.1 + 0.9×0.8 = 0.755, b₁ = σ(0.755) = 0.680267: real subscripts, italic
variables, through nnsim.gui.mathtext), and under that the steps done so far in this
pass, newest last, so the class can look back.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnsim.gui.mathtext import RichTextDelegate, math_html, record_html
from nnsim.gui.style import ButtonGrid

#: Point sizes of the current formula and of the list, normal and in presentation mode.
SIZES = {False: (16.0, 12.0), True: (22.0, 15.0)}


#: A zero-width space: where a line may break without showing anything.
_BREAK = "\u200b"


def wrappable(text: str) -> str:
    """``text`` with a break opportunity after every ×: the slides write a product without
    spaces (0.690283×(1−0.690283)×(0.5−0.690283)), which would otherwise be one word too
    wide for a narrow panel at projector size. Works on plain and on rich text."""
    return text.replace("×", "×" + _BREAK)


def record_rich(record, lang: str) -> str:
    """A step record as the panel shows it: rich text, breakable after every ×."""
    return wrappable(record_html(record, lang))


class FormulaPanel(QWidget):
    """Shows the step controller's current record and the pass so far.

    Parameters
    ----------
    controller : StepController
    actions : dict of str to QAction, optional
        Stepping actions shown as buttons above the formula (name → action).
    """

    def __init__(self, controller, actions=None, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("formula_panel")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        self.buttons: dict[str, QToolButton] = {}
        if actions:
            # Two rows of four where there is room; four rows of two in a 1280 px projector
            # window at presentation size (then the error and boundary plots beside this
            # panel keep their width). Given in pairs, so "back"/"next" stay side by side.
            half = (len(actions) + 1) // 2
            grid = ButtonGrid((half, 2), self)
            for name, action in actions.items():
                b = QToolButton(self)
                b.setDefaultAction(action)
                b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                grid.add(b)
                self.buttons[name] = b
            self.button_grid = grid
            outer.addWidget(grid)
        self.where = QLabel(self)
        self.where.setStyleSheet("color: #30363d;")
        self.where.setWordWrap(True)
        self.formula = QLabel(self)
        self.formula.setTextFormat(Qt.TextFormat.RichText)
        #: the shown formula in the engine's plain notation (what the command line prints)
        self.formula_plain = ""
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.formula.linkActivated.connect(self._link)
        self.formula.setStyleSheet(
            "QLabel { background: #fffbea; border: 1px solid #e0c97a; border-radius: 6px;"
            " padding: 8px; color: #000000; }"
        )
        self.log = QListWidget(self)
        self.log.setWordWrap(True)
        self.log.setItemDelegate(RichTextDelegate(self.log))
        self.log.setAlternatingRowColors(True)
        self.log.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # the list is the history: it gives up its room first, the current formula never
        self.log.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        # the formula wraps over several lines at projector sizes: give it the room
        self.formula.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.formula.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        outer.addWidget(self.where)
        # The box scrolls a formula longer than the room it has (a gradient term in a narrow
        # dock at presentation size): the dock keeps its height and the canvas above it its
        # room, rather than every long step pushing the layout about. A product written
        # without spaces, 0.690283×(1−0.690283)×(0.5−0.690283), is one unbreakable word
        # ~720 px wide at presentation size: it scrolls sideways instead of widening the
        # window past a 1280 px projector.
        self.formula_box = QScrollArea(self)
        self.formula_box.setObjectName("formula_box")
        self.formula_box.setWidget(self.formula)
        self.formula_box.setWidgetResizable(True)
        self.formula_box.setFrameShape(QFrame.Shape.NoFrame)
        self.formula_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        outer.addWidget(self.formula_box, 3)
        outer.addWidget(self.log, 1)
        self.presentation = False
        self._wrap_extra = 0
        self._apply_sizes()
        controller.changed.connect(self.refresh)
        controller.message.connect(self.show_message)
        self.refresh()

    def _apply_sizes(self) -> None:
        big, small = SIZES[self.presentation]
        f = QFont(self.font())
        f.setPointSizeF(big)
        self.formula.setFont(f)
        # the longest texts (start hint, error line) and the box's padding always fit: two
        # lines, three at presentation size (larger letters wrap sooner)
        lines = 3 if self.presentation else 2
        self.formula_box.setMinimumHeight(lines * QFontMetrics(f).lineSpacing() + 24)
        f2 = QFont(self.font())
        f2.setPointSizeF(small)
        self.log.setFont(f2)
        self.log.setMinimumHeight(QFontMetrics(f2).lineSpacing() + 8)
        self.where.setFont(f2)

    def set_presentation(self, on: bool) -> None:
        """Presentation mode: larger formula and list."""
        self.presentation = bool(on)
        self._apply_sizes()
        self._follow_texts()

    # -- size: the texts wrap, and docks do not ask for height-for-width ----------------------
    def _wrap_height(self) -> int:
        """Height the wrapped line above the formula needs at the panel's width beyond its
        minimum (the formula itself scrolls in its box)."""
        m = self.layout().contentsMargins()
        width = self.contentsRect().width() - m.left() - m.right()
        if width <= 0:
            return 0
        label = self.where
        if label.isHidden() or not label.text():
            return 0
        return max(0, label.heightForWidth(width) - label.minimumSizeHint().height())

    def _follow_texts(self) -> None:
        """Ask the dock for the wrapped line's height: the layout gives it that height in any
        case, and without it takes the room from the buttons (cutting their labels)."""
        extra = self._wrap_height()
        if extra != self._wrap_extra:
            self._wrap_extra = extra
            self.updateGeometry()

    def minimumSizeHint(self):
        s = super().minimumSizeHint()
        s.setHeight(s.height() + self._wrap_extra)
        return s

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._follow_texts()

    def _phase_name(self, phase: str) -> str:
        return {
            "forward": self.tr("Forward pass"),
            "loss": self.tr("Error"),
            "backward": self.tr("Backward pass (error back-propagation)"),
            "update": self.tr("Weight update"),
        }.get(phase, phase)

    def _start_text(self) -> str:
        """What pressing → does next, shown before the first step of a pass.

        Short: two lines of the large formula font, also at presentation size.
        """
        c = self.controller
        if c.stepper is not None and c.pass_rows:
            return self.tr("Press → for the first neuron of this pass.")
        if c.next_sample == 0 and c.next_batch == 0:
            settings = c.context.document.settings
            if getattr(settings, "rule", "standard") not in ("accumulated", "minibatch"):
                return self.tr(
                    "Press → to start the forward pass of sample {0} at the first neuron."
                ).format(1)
        return self.tr("Press → to start the forward pass at the first neuron.")

    def _set_formula(self, plain: str, html: str | None = None) -> None:
        """Show ``plain`` (engine notation or words) set like the slides."""
        self.formula_plain = plain
        self.formula.setText(html if html is not None else wrappable(math_html(plain, prose=True)))

    def show_message(self, text: str) -> None:
        """Say why stepping cannot go on (shown in place of the formula)."""
        self._set_formula(text)
        self._follow_texts()

    def refresh(self) -> None:
        """Re-read the controller (current record, pass so far)."""
        c = self.controller
        lang = c.language()
        st = c.stepper
        cur = c.current
        if st is None:
            blocked = c.unavailable()
            self._enable_steps(blocked is None)
            if blocked is not None:
                # no invitation to press → where nothing would step: why, and what shows it
                self.where.setText(self.tr("This network cannot be stepped."))
                self._show_unavailable(*blocked)
                self.log.clear()
                self._after_refresh()
                return
            # the keys in the small line above; the large box says what → will do
            self.where.setText(
                self.tr("Step through one training step with the buttons above.")
                + "  "
                + self.tr(
                    "→ next neuron · Shift+→ next layer · ← / Shift+← back · U apply the update"
                )
            )
            self._set_formula(self._start_text())
            self.log.clear()
            self._after_refresh()
            return
        total = len(st)
        if cur is None:
            where = self.tr("Start of a pass")
        else:
            where = self._phase_name(cur.phase)
        sample = ""
        if c.pass_rows:
            if c.pass_kind == "sample" or len(c.pass_rows) == 1:
                sample = self.tr("sample {0}").format(c.pass_rows[0] + 1)
            else:
                sample = self.tr("batch of samples {0}–{1}").format(
                    c.pass_rows[0] + 1, c.pass_rows[-1] + 1
                )
        line = f"{where} · {sample} · " + self.tr("step {0} of {1}").format(st.position, total)
        self.where.setText(line)
        if cur is not None:
            self._set_formula(cur.text(lang), record_rich(cur, lang))
        else:
            self._set_formula(self._start_text())
        stepped = c.stepped()
        # keep the list in step cheaply: only rows at the end change
        while self.log.count() > len(stepped):
            self.log.takeItem(self.log.count() - 1)
        for i in range(self.log.count(), len(stepped)):
            self.log.addItem(QListWidgetItem(record_rich(stepped[i], lang)))
        for i in range(min(self.log.count(), len(stepped))):
            item = self.log.item(i)
            text = record_rich(stepped[i], lang)
            if item.text() != text:
                item.setText(text)
        if self.log.count():
            self.log.setCurrentRow(self.log.count() - 1)
            self.log.scrollToBottom()
        self._after_refresh()

    #: Buttons that step a pass (One epoch trains, and stays).
    STEP_ONLY = ("back_layer", "back", "next", "next_layer", "update", "sample", "batch")

    def _enable_steps(self, on: bool) -> None:
        for name in self.STEP_ONLY:
            button = self.buttons.get(name)
            if button is not None and button.defaultAction() is not None:
                button.defaultAction().setEnabled(on)

    def _show_unavailable(self, sentence: str, view: str | None) -> None:
        """Say why nothing steps here, with a link to the view that shows this network."""
        html = escape(sentence)
        if view is not None:
            link = {
                "cnn": self.tr("Open the CNN view"),
                "rnn": self.tr("Open the RNN view"),
                "activations": self.tr("Open the Activation functions view"),
            }.get(view, view)
            html += f' <a href="view:{view}">{escape(link)}</a>'
        self._set_formula(sentence, html)

    def _link(self, href: str) -> None:
        if href.startswith("view:"):
            self.controller.context.show_view(href[len("view:") :])

    def _after_refresh(self) -> None:
        # An empty history takes no room: before the first step the line above the formula
        # (the keys) is longest and wraps most in a narrow dock.
        self.log.setVisible(self.log.count() > 0)
        self._follow_texts()

    def changeEvent(self, event):
        if event.type() == event.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)
