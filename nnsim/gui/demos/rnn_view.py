"""The RNN view: the network unrolled over T steps, hidden states over time, BPTT gradients.

Pick a shape (one-to-many, many-to-one, many-to-many) and its demo, set T, and train:
the loss, the hidden state as a heatmap over time, the gradient magnitude ‖∂E/∂h_t‖ per
step from back-propagation through time, and the prediction (or generated text) beside
the target update while the network learns. Training runs in a ``BackgroundJob``; the
plots are pyqtgraph items made once and fed with setData/setImage/setOpts.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QMargins, Qt, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nnsim.gui.demos.rnn_display import RnnDisplay
from nnsim.gui.demos.unrolled import UnrolledView
from nnsim.gui.demos.worker import BackgroundJob
from nnsim.gui.i18n import translator
from nnsim.gui.mathtext import math_html, math_unicode
from nnsim.recipes.rnn_runs import make_run

_CONTEXT = "demos.rnn"


_t = translator(_CONTEXT)


#: Pause after every update of a background run (lets the UI thread take the GIL).
YIELD_SECONDS = 0.001
#: The demos in the order the combo box lists them: (run kind, shape).
DEMOS = (("chars", "one-to-many"), ("parity", "many-to-one"), ("sine", "many-to-many"))
#: Default T per demo and the allowed range.
DEFAULT_STEPS = {"chars": 16, "parity": 8, "sine": 20}
STEP_RANGE = {"chars": (2, 40), "parity": (1, 10), "sine": (2, 60)}
#: Least pixel size of the unrolled network's texts in presentation mode (the back row).
PRESENTATION_TEXT_PX = 24


class _HeldBox(QGroupBox):
    """A group box whose height for a width is never below its minimum height.

    The page's layout sizes a box with wrapped text by its height-for-width alone; the
    minimum that ``RnnView._hold_unrolled`` sets would be ignored, the box drawn taller
    than its slot and its last line (the step details) over the plots' titles below.
    """

    def heightForWidth(self, width: int) -> int:
        return max(super().heightForWidth(width), self.minimumHeight())


def train_in_background(run, iterations: int, ctx, every: float = 0.2):
    """Train ``run`` for ``iterations`` updates, reporting (done, frame) every ``every`` s.

    The run trains through its ``Trainer`` in slices that end when a frame is due.
    """
    done = 0
    while done < iterations:
        ctx.check()
        due = time.perf_counter() + every

        def pause(_n, due=due) -> bool:
            # A short sleep hands the GIL to the UI thread: the many small NumPy calls of
            # an RNN update otherwise keep it away from the event loop for hundreds of ms.
            time.sleep(YIELD_SECONDS)
            if ctx.cancelled:
                return True
            ctx.check()  # waits while the UI thread draws a frame
            return time.perf_counter() >= due

        done += len(run.train(iterations - done, hook=pause))
        if ctx.cancelled:
            ctx.check()
        if done < iterations:
            ctx.report((done, iterations, run.frame()))
    frame = run.frame()
    ctx.report((done, iterations, frame))
    return frame


class RnnView(RnnDisplay, QWidget):
    """Unrolled RNN, hidden-state heatmap, BPTT gradient norms, loss and predictions."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.run = None
        self.frame = None
        self.job: BackgroundJob | None = None
        self._document = None
        self._presentation = False

        self.demo = QComboBox(self)
        self.demo.addItems([""] * (len(DEMOS) + 1))
        self.steps = QSpinBox(self)
        self.iterations = QSpinBox(self)
        self.iterations.setRange(1, 20000)
        self.iterations.setSingleStep(100)
        self.iterations.setValue(300)
        self.btn_train = QPushButton(self)
        self.btn_stop = QPushButton(self)
        self.btn_stop.setEnabled(False)
        self.btn_reset = QPushButton(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.lbl_demo = QLabel(self)
        self.lbl_steps = QLabel(self)
        self.lbl_iterations = QLabel(self)
        self.status = QLabel(self)
        top = QHBoxLayout()
        for w in (self.lbl_demo, self.demo, self.lbl_steps, self.steps):
            top.addWidget(w)
        top.addStretch(1)
        for w in (
            self.lbl_iterations,
            self.iterations,
            self.btn_train,
            self.btn_stop,
            self.btn_reset,
        ):
            top.addWidget(w)
        # as wide as its longest demo's name, whole (a projector reads it)
        self.demo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        status_row = QHBoxLayout()
        status_row.addWidget(self.progress, 1)
        self.shape_note = QLabel(self)
        self.shape_note.setTextFormat(Qt.TextFormat.RichText)
        self.shape_note.setWordWrap(True)
        self.shape_note.setMinimumWidth(200)

        self.unrolled = UnrolledView(self)
        self.time_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.time_label = QLabel(self)
        self.step_details = QLabel(self)
        self.step_details.setWordWrap(True)
        self.step_details.setTextFormat(Qt.TextFormat.RichText)
        self.step_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        trow = QHBoxLayout()
        trow.addWidget(self.time_label)
        trow.addWidget(self.time_slider, 1)

        grid = self._make_plots()
        self.diagram_box = _HeldBox(self)
        db = QVBoxLayout(self.diagram_box)
        db.addWidget(self.shape_note)
        db.addWidget(self.unrolled, 1)
        db.addLayout(trow)
        db.addWidget(self.step_details)
        outer = QVBoxLayout(self)
        status_row.addWidget(self.status, 2)
        self.status.setWordWrap(True)
        outer.addLayout(top)
        outer.addLayout(status_row)
        # diagram above the plots; side by side in presentation mode (``_arrange``)
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.body.addWidget(self.diagram_box, 6)
        self.body.addLayout(grid, 5)
        self.plot_grid = grid
        outer.addLayout(self.body, 1)
        boxes = (self.diagram_box, self.heat_box, self.grad_box, self.loss_box, self.pred_box)
        self._style_margins = {w: w.layout().contentsMargins() for w in (self, *boxes)}
        self._arrange(False)

        self.demo.currentIndexChanged.connect(self._demo_changed)
        self.steps.valueChanged.connect(lambda *_: self.reset())
        self.btn_train.clicked.connect(lambda: self.start())
        self.btn_stop.clicked.connect(self.stop)
        self.btn_reset.clicked.connect(self.reset)
        self.time_slider.valueChanged.connect(self.select_step)
        self.unrolled.step_clicked.connect(self.time_slider.setValue)
        self.text_box.installEventFilter(self)
        for plot in (self.loss_plot, self.heat_plot, self.grad_plot, self.pred_plot):
            plot.getViewBox().sigResized.connect(self._sparse_ticks)
            plot.getViewBox().sigYRangeChanged.connect(self._sparse_ticks)
        self.retranslate_ui()
        self._demo_changed(0)

    def eventFilter(self, obj, event):
        if obj is self.text_box and event.type() == QEvent.Type.Resize:
            self._fit_text()
        return False

    # ------------------------------------------------------------------ texts
    def retranslate_ui(self) -> None:
        tr = _t
        names = (
            tr("One-to-many: generate text from one character"),
            tr("Many-to-one: parity of a bit string"),
            tr("Many-to-many: next value of a sine wave"),
            tr("This lesson's network"),
        )
        for i, n in enumerate(names):
            self.demo.setItemText(i, n)
        self.lbl_demo.setText(tr("Demo"))
        self.lbl_steps.setText(tr("Steps T"))
        self.lbl_iterations.setText(tr("Updates"))
        self.btn_train.setText(tr("Train"))
        self.btn_stop.setText(tr("Stop"))
        self.btn_reset.setText(tr("New weights"))
        # group-box titles are plain text: Unicode subscripts (hₜ₋₁) stand in for <sub>
        self.diagram_box.setTitle(
            math_unicode(tr("The network unrolled over time: h_t = f(x_t W_x + h_{t−1} W_h + b)"))
        )
        self.loss_box.setTitle(tr("Training loss"))
        self.heat_box.setTitle(
            math_unicode(tr("Hidden state h_t over time (rows: units, columns: t)"))
        )
        self.grad_box.setTitle(math_unicode(tr("BPTT: gradient magnitude ‖∂E/∂h_t‖ per step")))
        self.pred_box.setTitle(tr("Prediction beside the target"))
        self.loss_plot.setLabel("left", tr("loss"))
        self.loss_plot.setLabel("bottom", tr("update"))
        self.heat_plot.setLabel("left", tr("hidden unit"))
        self.heat_plot.setLabel("bottom", "t")
        self.grad_plot.setLabel("left", "‖∂E/∂h‖")
        self.grad_plot.setLabel("bottom", "t")
        self.pred_plot.setLabel("bottom", "t")
        self.unrolled.words = {
            "same": tr("the same weights W_x, W_h, W_y at every step"),
            "target_note": tr("green: the target"),
        }
        self.unrolled.update()
        self._shape_note()
        self._show_frame()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.FontChange:
            self._mono_font()
            self._refit() if self._presentation else self._hold_unrolled()
        super().changeEvent(event)

    def showEvent(self, event):
        super().showEvent(event)
        self._hold_unrolled()  # its texts were re-measured while it was hidden

    def set_presentation(self, on: bool) -> None:
        """Thicker curves, bigger axis text; the unrolled network shows up to ten steps
        around the selected one, its labels at least 24 px, so that they are read from the
        back row; the plots stand in a column beside it, so the page fits a 1280×800
        projector without scrolling."""
        self._presentation = bool(on)
        self.unrolled.max_columns = 10 if on else 0
        self.unrolled.min_text_px = PRESENTATION_TEXT_PX if on else 0
        self.unrolled.setMinimumHeight(self.unrolled.minimum_rows_height() if on else 200)
        self.unrolled.update()
        self._arrange(on)
        self._show_text()
        self._hold_unrolled()
        self._present_plots(on)
        QTimer.singleShot(0, self, self._refit)  # once the new fonts have arrived

    def _arrange(self, on: bool) -> None:
        """The plots in a 2×2 grid under the diagram, or in one column beside it."""
        boxes = (self.heat_box, self.grad_box, self.loss_box, self.pred_box)
        for i, box in enumerate(boxes):
            self.plot_grid.addWidget(box, i, 0) if on else self.plot_grid.addWidget(
                box, i // 2, i % 2
            )
        for i in range(4):
            self.plot_grid.setRowStretch(i, 0)
        self.plot_grid.setColumnStretch(1, 0 if on else 1)
        self.body.setDirection(
            QBoxLayout.Direction.LeftToRight if on else QBoxLayout.Direction.TopToBottom
        )
        self.body.setStretch(0, 5 if on else 6)
        self.body.setStretch(1, 4 if on else 5)
        self.pred_layout.setDirection(
            QBoxLayout.Direction.TopToBottom if on else QBoxLayout.Direction.LeftToRight
        )
        # the normal page fits 1280×800 unscrolled with the boxes' margins a little
        # narrower above and below; presentation mode keeps the style's
        for widget, m in self._style_margins.items():
            tight = QMargins(m.left(), 6, m.right(), 6) if widget is self else None
            tight = tight or QMargins(m.left(), 2, m.right(), 2)
            widget.layout().setContentsMargins(m if on else tight)

    def _refit(self) -> None:
        self._present_plots(self._presentation)
        self._hold_unrolled()
        self._sparse_ticks()

    def _hold_unrolled(self) -> None:
        # The box around the unrolled network holds its least height firmly: the page's
        # layout otherwise gives it less (its wrapped note asks height-for-width) and the
        # slider below is drawn over the network.
        box = self.unrolled.parentWidget()
        if box is None:
            return
        box.setMinimumHeight(0)
        if self._presentation:
            need = box.minimumSizeHint().height()
            lay = box.layout()
            if lay is not None and lay.hasHeightForWidth() and box.width() > 0:
                need = max(need, lay.totalHeightForWidth(box.width()))
            # and a line for the wrapped step line under the slider, measured narrower
            box.setMinimumHeight(need + box.fontMetrics().height())

    def _shape_note(self) -> None:
        tr = _t
        kind = self.kind
        notes = {
            "chars": tr(
                "One-to-many: one input x₁ (the seed character); each sampled character "
                "y_t is fed back as the next input (dashed). Trained on windows of the "
                "fables, next character at every step."
            ),
            "parity": tr(
                "Many-to-one: a whole bit string goes in, one answer comes out at the last "
                "step: is the number of ones odd? The error enters only at step T, so "
                "BPTT carries it back through every step."
            ),
            "sine": tr(
                "Many-to-many: at every step the network reads x_t and predicts x_{t+1} of a "
                "noisy sine wave; the error enters at every step."
            ),
            "document": tr("The RNN of the open lesson, trained on its data set."),
        }
        self.shape_note.setText(math_html(notes.get(kind, ""), prose=True))

    # ------------------------------------------------------------------ demos
    @property
    def kind(self) -> str:
        """The demo shown: "chars", "parity", "sine" or "document"."""
        i = self.demo.currentIndex()
        return DEMOS[i][0] if 0 <= i < len(DEMOS) else "document"

    def set_document(self, doc) -> None:
        """Offer the document's RNN as the fourth demo (e.g. the rnn-shapes lesson)."""
        has_rnn = doc is not None and any(layer.kind == "rnn" for layer in doc.layers.values())
        self._document = doc if has_rnn else None
        item = self.demo.model().item(len(DEMOS))
        if item is not None:
            item.setEnabled(has_rnn)
        if not has_rnn and self.kind == "document":
            self.demo.setCurrentIndex(1)
        elif has_rnn and self.kind == "document":
            self.reset()

    def show_document_demo(self) -> None:
        """Switch to the document's network (after ``set_document``)."""
        if self._document is not None:
            self.demo.setCurrentIndex(len(DEMOS))

    def _demo_changed(self, idx: int) -> None:
        kind = self.kind
        self.steps.blockSignals(True)
        if kind in STEP_RANGE:
            lo, hi = STEP_RANGE[kind]
            self.steps.setRange(lo, hi)
            self.steps.setValue(DEFAULT_STEPS[kind])
            self.steps.setEnabled(True)
        else:
            self.steps.setEnabled(False)
        self.steps.blockSignals(False)
        self.iterations.setValue({"chars": 300, "parity": 1000, "sine": 300}.get(kind, 200))
        self._shape_note()
        is_sine_like = kind in ("sine", "document")
        self.pred_plot.setVisible(is_sine_like)
        self.reset()

    def reset(self) -> None:
        """New weights (and new T): stop training and show the untrained network."""
        self.stop(wait=True)
        kind = self.kind
        try:
            self.run = make_run(
                kind, self.steps.value() if kind != "document" else None, document=self._document
            )
        except Exception as exc:  # noqa: BLE001 - a lesson network the demo cannot run
            self.run = None
            self.frame = None
            self.status.setText(_t("This network cannot be shown here: {0}").format(exc))
            return
        if kind == "document":
            self.steps.blockSignals(True)
            self.steps.setRange(1, 1000)
            self.steps.setValue(self.run.steps)
            self.steps.blockSignals(False)
        self.loss_curve.setData([], [])
        self.progress.setValue(0)
        self.apply_frame(self.run.frame())
        self.time_slider.blockSignals(True)
        self.time_slider.setRange(0, self.run.steps - 1)
        self.time_slider.blockSignals(False)
        self.select_step(self.run.steps - 1 if self.run.shape == "many-to-one" else 0)

    # ------------------------------------------------------------------ training
    def start(self, iterations: int | None = None) -> BackgroundJob | None:
        """Train the current demo ``iterations`` updates in the background."""
        if self.job is not None or self.run is None:
            return self.job
        n = int(iterations or self.iterations.value())
        run = self.run
        self.job = BackgroundJob(lambda ctx: train_in_background(run, n, ctx), parent=self)
        self.job.progress.connect(self._progress)
        self.job.finished.connect(self._finished)
        self.job.cancelled.connect(self._ended)
        self.job.failed.connect(self._failed)
        for w in (self.btn_train, self.btn_reset, self.demo, self.steps):
            w.setEnabled(False)
        self.btn_stop.setEnabled(True)
        self.job.start()
        return self.job

    def stop(self, wait: bool = False) -> None:
        """Stop training after the current update."""
        if self.job is not None:
            self.job.cancel()
            if wait:
                self.job.wait(5.0)
                self._ended()

    @property
    def running(self) -> bool:
        return self.job is not None

    def _progress(self, item) -> None:
        done, total, frame = item
        self.progress.setValue(int(1000 * done / max(total, 1)))
        self.apply_frame(frame)

    def _finished(self, frame) -> None:
        self.apply_frame(frame)
        self._ended()

    def _failed(self, message: str) -> None:
        self.status.setText(_t("Training stopped with an error: {0}").format(message))
        self._ended()

    def _ended(self) -> None:
        if self.job is None:
            return
        self.job = None
        for w in (self.btn_train, self.btn_reset, self.demo):
            w.setEnabled(True)
        self.steps.setEnabled(self.kind != "document")
        self.btn_stop.setEnabled(False)

    def shutdown(self) -> None:
        """Stop training (the window is closing)."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait(2.0)
