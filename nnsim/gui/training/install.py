"""``install(context)``: add training, stepping and the plots to the main window.

One call from the application start puts in: the training controller and the step
controller (``context.training``, ``context.stepping``), the Training menu with every control
and its shortcut, the docks (training settings, step-through formulas, error, decision
boundary, weights), the activation explorer as a view beside the canvas, the thumbnail
pictures inside the neurons, presentation mode for all of them, and live language changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QGraphicsView, QMessageBox, QTabWidget

from nnsim.gui.context import AppContext
from nnsim.gui.demos import FitScrollArea
from nnsim.gui.plots.activation_explorer import ActivationExplorer
from nnsim.gui.plots.boundary_plot import BoundaryPlot
from nnsim.gui.plots.error_plot import ErrorPlot
from nnsim.gui.plots.export import ExportError, ask_path, export_canvas
from nnsim.gui.plots.thumbnails import NeuronThumbnails
from nnsim.gui.plots.weight_plot import WeightPlot
from nnsim.gui.stepping.controller import LAYER, NEURON, StepController
from nnsim.gui.stepping.formula import FormulaPanel
from nnsim.gui.training.controller import TrainingController
from nnsim.gui.training.panel import TrainingPanel


def tr(text: str) -> str:
    """Translate a text of the training UI (context "TrainingUI")."""
    return QCoreApplication.translate("TrainingUI", text)


#: name → (text, shortcut); texts are translated when shown.
ACTIONS = {
    "play": (QT_TRANSLATE_NOOP("TrainingUI", "Play / pause"), "P"),
    "epoch": (QT_TRANSLATE_NOOP("TrainingUI", "One epoch"), "E"),
    "reset": (QT_TRANSLATE_NOOP("TrainingUI", "Reset weights"), "R"),
    "faster": (QT_TRANSLATE_NOOP("TrainingUI", "Faster"), "]"),
    "slower": (QT_TRANSLATE_NOOP("TrainingUI", "Slower"), "["),
    "next": (QT_TRANSLATE_NOOP("TrainingUI", "Next neuron →"), "Right"),
    "next_layer": (QT_TRANSLATE_NOOP("TrainingUI", "Next layer ⇒"), "Shift+Right"),
    "back": (QT_TRANSLATE_NOOP("TrainingUI", "← Back one neuron"), "Left"),
    "back_layer": (QT_TRANSLATE_NOOP("TrainingUI", "⇐ Back one layer"), "Shift+Left"),
    "update": (QT_TRANSLATE_NOOP("TrainingUI", "Apply the update"), "U"),
    "sample": (QT_TRANSLATE_NOOP("TrainingUI", "One sample"), "S"),
    "batch": (QT_TRANSLATE_NOOP("TrainingUI", "One batch"), "B"),
    "thumbnails": (QT_TRANSLATE_NOOP("TrainingUI", "Pictures inside the neurons"), None),
    "export_canvas": (
        QT_TRANSLATE_NOOP("TrainingUI", "Export the network as PNG/SVG…"),
        "Ctrl+Shift+E",
    ),
}
#: Buttons of the step-through panel, in order.
STEP_BUTTONS = ("back_layer", "back", "next", "next_layer", "update", "sample", "batch", "epoch")


@dataclass
class TrainingUI:
    """Everything ``install`` added (for tests, screenshots and the benchmark)."""

    context: AppContext
    training: TrainingController
    stepping: StepController
    panel: TrainingPanel
    formula: FormulaPanel
    error: ErrorPlot
    boundary: BoundaryPlot
    weights: WeightPlot
    explorer: ActivationExplorer
    thumbnails: NeuronThumbnails
    actions: dict = field(default_factory=dict)
    docks: dict = field(default_factory=dict)
    menu: object = None
    plot_tabs: object = None

    @property
    def plots(self) -> list:
        """The plot panels (each exports to PNG and SVG)."""
        return [self.error, self.boundary, self.weights, self.explorer]

    def set_presentation(self, on: bool) -> None:
        """Presentation mode for every panel added."""
        for p in self.plots:
            p.set_presentation(on)
        self.formula.set_presentation(on)
        self.panel.set_presentation(on)
        self.layout_docks(on)

    def layout_docks(self, presentation: bool = False) -> None:
        """Sizes of the docks: the canvas keeps most of the room, the plots stay readable."""
        c, w, d = self.context, self.context.host, self.docks
        k = 1.3 if presentation else 1.0
        # side panels: at most ~a quarter of the window each (a 1280 px projector keeps
        # ~half its width for the canvas); asked again here because sizes set before the
        # window is first shown are mostly ignored
        side, widths = [d["training"]], [min(int(340 * k), int(0.27 * w.width()))]
        if c.inspector_dock is not None and c.inspector_width is not None:
            side.append(c.inspector_dock)
            widths.append(c.inspector_width())
        w.resizeDocks(side, widths, Qt.Orientation.Horizontal)
        w.resizeDocks(
            [d["formula"], d["boundary"], d["plots"]],
            [int(640 * k), int(300 * k), int(380 * k)],
            Qt.Orientation.Horizontal,
        )
        # the plots need ~300 px to read; the canvas keeps at least ~55 % of the window
        bottom = min(int(320 * k), int(0.34 * w.height())) if w.isVisible() else int(320 * k)
        w.resizeDocks([d["formula"]], [bottom], Qt.Orientation.Vertical)

    def show_plot(self, name: str) -> None:
        """Bring the "error" or "weights" tab to the front."""
        self.plot_tabs.setCurrentWidget(self.error if name == "error" else self.weights)

    def retranslate(self) -> None:
        """Re-set the action and menu texts."""
        if self.plot_tabs is not None:
            self.plot_tabs.setTabText(0, QCoreApplication.translate("TrainingUI", "Error"))
            self.plot_tabs.setTabText(1, QCoreApplication.translate("TrainingUI", "Weights"))
        for name, action in self.actions.items():
            text, _ = ACTIONS[name]
            action.setText(tr(text))
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tr(text)} ({keys})" if keys else tr(text))
        self.update_play()
        if self.menu is not None:
            self.menu.setTitle(QCoreApplication.translate("TrainingUI", "&Training"))

    def update_play(self) -> None:
        """The play action says what pressing it does."""
        a = self.actions["play"]
        running = self.training.running and not self.training.stopping
        a.setText(
            QCoreApplication.translate("TrainingUI", "Pause")
            if running
            else QCoreApplication.translate("TrainingUI", "Play")
        )
        a.setChecked(running)

    def export_canvas(self, path=None) -> None:
        """Export the network canvas (asks for a file when ``path`` is None)."""
        path = path or ask_path(
            self.context.host,
            QCoreApplication.translate("TrainingUI", "Export the network"),
            "network.png",
        )
        if not path:
            return
        try:
            export_canvas(self.context.scene, path)
        except (ExportError, OSError) as e:
            QMessageBox.warning(
                self.context.host,
                QCoreApplication.translate("TrainingUI", "Could not export"),
                str(e),
            )


class _Retranslator(QObject):
    """Re-sets action texts on a language change and follows presentation mode."""

    def __init__(self, ui: TrainingUI):
        super().__init__(ui.context.host)
        self.ui = ui

        self._shown = False

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslate()
        elif event.type() == QEvent.Type.Show and not self._shown:
            # dock sizes set before the first show are largely ignored: set them again
            self._shown = True
            context = self.ui.context
            QTimer.singleShot(  # with self as context: no call after the window is gone
                0, self, lambda: self.ui.layout_docks(context.presentation)
            )
        return False


def _actions(window) -> dict:
    out = {}
    for name, (text, key) in ACTIONS.items():
        a = QAction(text, window)
        if key:
            a.setShortcut(QKeySequence(key))
            # the whole window, unless a text field or spin box wants the key
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(a)
        out[name] = a
    out["play"].setCheckable(True)
    out["thumbnails"].setCheckable(True)
    out["thumbnails"].setChecked(True)
    return out


def install(context: AppContext) -> TrainingUI:
    """Add training, stepping and the plots to the window of ``context``; returns them.

    The controllers and the result are also ``context.training``, ``context.stepping`` and
    ``context.training_ui`` (and so ``MainWindow.training``...).
    """
    window = context.host
    training = TrainingController(context)
    context.training = training
    stepping = StepController(context, training)
    context.stepping = stepping
    actions = _actions(window)

    panel = TrainingPanel(context, training, actions)
    formula = FormulaPanel(stepping, {k: actions[k] for k in STEP_BUTTONS})
    error = ErrorPlot(training)
    boundary = BoundaryPlot(training)
    weights = WeightPlot(training, context.scene)
    explorer = ActivationExplorer()
    thumbnails = NeuronThumbnails(training, context.scene, window)
    ui = TrainingUI(
        context,
        training,
        stepping,
        panel,
        formula,
        error,
        boundary,
        weights,
        explorer,
        thumbnails,
        actions,
    )
    context.training_ui = ui

    a = actions
    a["play"].triggered.connect(lambda _=False: training.toggle())
    a["epoch"].triggered.connect(lambda: stepping.one_epoch())
    a["reset"].triggered.connect(lambda: (stepping.discard(), training.reset_weights()))
    a["faster"].triggered.connect(lambda: panel.change_speed(+1))
    a["slower"].triggered.connect(lambda: panel.change_speed(-1))
    a["next"].triggered.connect(lambda: stepping.forward(NEURON))
    a["next_layer"].triggered.connect(lambda: stepping.forward(LAYER))
    a["back"].triggered.connect(lambda: stepping.backward(NEURON))
    a["back_layer"].triggered.connect(lambda: stepping.backward(LAYER))
    a["update"].triggered.connect(lambda: stepping.apply_update())
    a["sample"].triggered.connect(lambda: stepping.one_sample())
    a["batch"].triggered.connect(lambda: stepping.one_batch())
    a["thumbnails"].toggled.connect(thumbnails.set_enabled)
    a["export_canvas"].triggered.connect(lambda: ui.export_canvas())
    training.state_changed.connect(lambda _r: ui.update_play())
    stepping.message.connect(lambda m: context.show_status(m, 10000))

    title = lambda: QCoreApplication.translate("TrainingUI", "&Training")  # noqa: E731
    menu = context.add_menu(title)  # before Help, retranslated by the window
    for names in (
        ("play", "epoch", "reset", "faster", "slower"),
        ("next", "next_layer", "back", "back_layer", "update", "sample", "batch"),
        ("thumbnails", "export_canvas"),
    ):
        for n in names:
            menu.addAction(a[n])
        menu.addSeparator()
    ui.menu = menu

    B = Qt.DockWidgetArea.BottomDockWidgetArea
    L = Qt.DockWidgetArea.LeftDockWidgetArea
    ui.docks["training"] = context.add_dock(
        panel, L, lambda: QCoreApplication.translate("TrainingUI", "Training"), "training"
    )
    if context.palette_dock is not None:
        # building uses the palette, teaching with a lesson the training settings
        window.tabifyDockWidget(context.palette_dock, ui.docks["training"])
        ui.docks["training"].raise_()
    ui.docks["formula"] = context.add_dock(
        formula, B, lambda: QCoreApplication.translate("TrainingUI", "Step-through"), "formula"
    )
    ui.docks["boundary"] = context.add_dock(
        boundary,
        B,
        lambda: QCoreApplication.translate("TrainingUI", "Decision boundary"),
        "boundary",
    )
    # The error and the weights share one dock as two tabs (the error in front).
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    tabs.addTab(error, "")
    tabs.addTab(weights, "")
    ui.plot_tabs = tabs
    tabs.currentChanged.connect(lambda i: tabs.widget(i).catch_up())
    ui.docks["plots"] = context.add_dock(
        tabs, B, lambda: QCoreApplication.translate("TrainingUI", "Error and weights"), "plots"
    )
    ui.docks["boundary"].visibilityChanged.connect(boundary.catch_up)
    ui.docks["plots"].visibilityChanged.connect(lambda on: tabs.currentWidget().catch_up(on))
    # Scrolled below its minimum: the explorer's plots and controls would otherwise set
    # the height of every central view, the canvas's too, and with it the window's least
    # height (taller than a 1280×800 projector at presentation size).
    explorer_scroll = FitScrollArea()
    explorer_scroll.setObjectName("activations_scroll")
    explorer_scroll.setWidget(explorer)
    context.add_view(
        "activations",
        explorer_scroll,
        lambda: QCoreApplication.translate("TrainingUI", "Activation functions"),
    )
    ui.layout_docks()

    # The canvas grid never changes: paint it once, not under every neuron picture.
    context.view.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
    context.presentation_changed.connect(ui.set_presentation)
    strip = context.presentation_strip
    if strip is not None:  # presentation mode keeps the current step's formula in view
        strip.follow(formula.formula, stepping.changed, stepping.message)
    if context.presentation:
        ui.set_presentation(True)
    window.installEventFilter(_Retranslator(ui))
    ui.retranslate()
    return ui
