"""The training panel: every setting, the run controls, the numbers of the run, the time slider.

Each setting is edited through the undo stack (one ``UpdateSettingsCommand``); the
controller then applies it as the captions say: the data and the initial weights reset
the weights, the other training settings apply at once. The panel lays out its sections
(``nnsim.gui.training.sections``) and is what they ask for the document and the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QScrollArea, QVBoxLayout, QWidget

from nnsim.gui.commands import UpdateSettingsCommand
from nnsim.gui.compat import disconnect_quietly
from nnsim.gui.context import AppContext
from nnsim.gui.style import keep_width_whole
from nnsim.gui.training.csv_dialog import open_csv_dialog
from nnsim.gui.training.sections import (
    DataSection,
    MessageStrip,
    NumbersSection,
    RuleSection,
    RunControls,
    TimeSection,
    WeightsSection,
)


class TrainingPanel(QScrollArea):
    """Data, training settings, initial weights, run controls and the run's numbers.

    Sections: ``run`` (buttons, speed), ``numbers``, ``message``, ``time`` (the history's
    slider) in the "Run" box, then ``data``, ``rules`` (the training settings) and
    ``weights`` (the initial weights).

    Parameters
    ----------
    context : AppContext
        The window's application context: the document, the editor (undo stack), the
        language and the status bar (its ``host``).
    controller : TrainingController
    actions : dict of str to QAction
        "play", "epoch", "reset", "faster", "slower" shown as buttons.
    """

    def __init__(self, context: AppContext, controller, actions, parent=None):
        super().__init__(parent)
        self.context = context
        self.controller = controller
        self.actions = actions
        self.setWidgetResizable(True)
        self.setObjectName("training_panel")
        body = QWidget(self)
        self.setWidget(body)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(6, 6, 6, 6)

        self.run_box = QGroupBox(body)
        rl = QVBoxLayout(self.run_box)
        self.run = RunControls(actions, controller.set_speed, self.run_box)
        rl.addWidget(self.run)
        self.numbers = NumbersSection(self.run_box)
        rl.addWidget(self.numbers)
        self.message = MessageStrip(self.run_box)
        rl.addWidget(self.message)
        self.time = TimeSection(controller, self.run_box)
        rl.addWidget(self.time)
        outer.addWidget(self.run_box)
        self.data = DataSection(self, body)
        outer.addWidget(self.data)
        self.rules = RuleSection(self, body)
        outer.addWidget(self.rules)
        self.weights = WeightsSection(self, body)
        outer.addWidget(self.weights)
        outer.addStretch(1)
        self._fit_narrow_dock(body)
        # ~330 px, wider only when the contents need it (large fonts, long labels).
        keep_width_whole(self, 330)

        controller.message.connect(self.show_message)
        controller.frame.connect(self.numbers.update_numbers)
        controller.history_changed.connect(self.time.set_history)
        controller.state_changed.connect(self._state_changed)
        controller.problem_changed.connect(self._problem_changed)
        context.document_replaced.connect(self._document_replaced)
        self._document = None
        self._status_error: str | None = None
        self._document_replaced(context.document)
        self.retranslate_ui()

    def _fit_narrow_dock(self, body: QWidget) -> None:
        """Let the panel fit a ~320 px dock: the canvas, not this panel, gets the width.

        Combo boxes elide their longest entries (the open list still shows them whole)
        and a form row whose field does not fit beside its label goes under it, so no
        horizontal scroll bar is needed.
        """
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for combo in body.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
            combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        for form in body.findChildren(QFormLayout):
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

    # -- what the sections ask of the panel (sections.common.PanelHost) ----------------------
    @property
    def document(self):
        """The document shown."""
        return self.context.document

    def set_settings(self, **fields) -> bool:
        """Change settings through the undo stack (nothing if they are unchanged)."""
        s = self.document.settings
        new = {k: v for k, v in fields.items() if getattr(s, k) != v}
        if not new:
            return False
        name = ", ".join(sorted(new))
        cmd = UpdateSettingsCommand(self.document, self.tr("Change {0}").format(name), **new)
        return self.context.editor.push(cmd)

    def edit_structure(self, text: str, act) -> bool:
        """Run ``act(document)`` as one undoable change of the network named ``text``."""
        return bool(self.context.editor.structural(text, act))

    def open_csv(self) -> None:
        """Open the "CSV file…" dialog over the window."""
        open_csv_dialog(self.context)

    def reset_weights(self) -> None:
        """New initial weights."""
        self.controller.reset_weights()

    def chinese(self) -> bool:
        """True when the interface speaks Chinese."""
        return self.context.language.startswith("zh")

    # -- document -------------------------------------------------------------------------------
    def _document_replaced(self, doc) -> None:
        if self._document is not None:
            for sig in (self._document.settings_changed, self._document.reset):
                disconnect_quietly(sig, self.refresh)
        self._document = doc
        doc.settings_changed.connect(self.refresh)
        doc.reset.connect(self.refresh)  # undo/redo of a step that also changed settings
        self.message.setVisible(False)
        problem = getattr(self.controller, "problem", None)
        if problem is not None and problem.message and not problem.ok:
            # what keeps the new document from training (e.g. its CSV is missing), said now
            self.show_message("error", problem.message)
        self.refresh()

    def refresh(self) -> None:
        """Show the document's settings in the sections (no commands while doing so)."""
        doc = self.document
        for section in (self.data, self.rules, self.weights):
            section.refresh(doc)

    # -- run state ------------------------------------------------------------------------------
    def change_speed(self, step: int) -> None:
        """One notch faster (+1) or slower (−1)."""
        self.run.change_speed(step)

    def _state_changed(self, running: bool) -> None:
        self.time.set_running(running)
        if running:
            self.message.setVisible(False)

    def show_message(self, kind: str, text: str) -> None:
        """Show a message of the controller (errors in red, and in the status bar)."""
        doc = self.context.document
        if kind == "error" and doc is not None and not doc.layers:
            # an empty network (File ▸ New, or before a lesson arrives) is a start, not an error
            kind = "info"
            text = self.tr("Add an input layer and a layer of neurons to train the network.")
        self.message.show_message(kind, text)
        if kind == "error":
            self._status_error = text.split("\n")[0]
            self.context.host.statusBar().showMessage(self._status_error, 15000)

    def _problem_changed(self, problem) -> None:
        # a network that trains now: its error of a moment ago ("the network is empty",
        # from the empty start) leaves the status bar
        bar = self.context.host.statusBar()
        if problem.ok and bar.currentMessage() == self._status_error:
            bar.clearMessage()
        self.refresh()

    # -- language and size ----------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        """Re-set every text in the current language (each section also does on its own)."""
        self.run_box.setTitle(self.tr("Run"))
        for section in (self.run, self.numbers, self.time, self.data, self.rules, self.weights):
            section.retranslate_ui()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.run_box.setTitle(self.tr("Run"))  # the sections retranslate themselves
        super().changeEvent(event)

    def set_presentation(self, on: bool) -> None:
        """Presentation mode: the numbers grow with the application font (nothing else to do)."""
        self.numbers.set_presentation(on)
        self.time.fit_label()
