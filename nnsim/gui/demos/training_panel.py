"""Train the small CNN (or an MLP to compare) on MNIST in the background, and watch it learn.

Live loss and accuracy curves (one per model, so the CNN and the MLP can be compared),
the kernels and feature maps of one digit while the weights change, the network's
answer for that digit, and after the run the confusion matrix and the misclassified
test digits. Training runs in a ``BackgroundJob``; Cancel stops it after the batch.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nnsim.engine.notation import fmt
from nnsim.gui.demos.feature_maps import DigitMapsBox
from nnsim.gui.demos.gallery import MisclassifiedGallery
from nnsim.gui.demos.matrix import MatrixView
from nnsim.gui.demos.widgets import BLUE, ORANGE, pen, plot_widget, style_plot
from nnsim.gui.demos.worker import BackgroundJob
from nnsim.gui.i18n import translator
from nnsim.recipes.mnist_training import MODELS, ModelProbe, TrainConfig, train

_CONTEXT = "demos.training"

_t = translator(_CONTEXT)


#: Colour of each model's curves.
MODEL_COLORS = {"cnn": BLUE, "mlp": ORANGE}


class TrainingPanel(QWidget):
    """MNIST training of the CNN or the MLP with live plots, maps, confusion and errors.

    Parameters
    ----------
    current_digit : callable
        Returns the 28×28 image whose feature maps to show (the Convolution tab's input
        when it is a digit).

    Signals
    -------
    digit_chosen(object)
        A misclassified digit was clicked (its 28×28 image).
    """

    digit_chosen = Signal(object)

    def __init__(self, current_digit=None, parent=None):
        super().__init__(parent)
        self._current_digit = current_digit
        self.job: BackgroundJob | None = None
        self.results: dict = {}
        self._probes = {m: ModelProbe(m) for m in MODELS}
        self._shown_model = "cnn"
        self._theta: dict = {}
        self._presentation = False
        self._fallback_digit: np.ndarray | None = None
        self._status_fn = None

        self.model = QComboBox(self)
        self.model.addItems(["", ""])
        self.n_train = QSpinBox(self)
        self.n_train.setRange(100, 60000)
        self.n_train.setSingleStep(500)
        self.n_train.setValue(2000)
        self.n_test = QSpinBox(self)
        self.n_test.setRange(100, 10000)
        self.n_test.setSingleStep(100)
        self.n_test.setValue(500)
        self.full = QCheckBox(self)
        self.epochs = QSpinBox(self)
        self.epochs.setRange(1, 20)
        self.btn_train = QPushButton(self)
        self.btn_cancel = QPushButton(self)
        self.btn_cancel.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.status = QLabel(self)
        self.lbl_model = QLabel(self)
        self.lbl_train = QLabel(self)
        self.lbl_test = QLabel(self)
        self.lbl_epochs = QLabel(self)
        top = QHBoxLayout()
        for w in (
            self.lbl_model,
            self.model,
            self.lbl_epochs,
            self.epochs,
            self.btn_train,
            self.btn_cancel,
        ):
            top.addWidget(w)
        top.addStretch(1)
        data_row = QHBoxLayout()
        for w in (self.lbl_train, self.n_train, self.lbl_test, self.n_test, self.full):
            data_row.addWidget(w)
        data_row.addStretch(1)
        # as wide as its longest model, "CNN: conv 8@3×3 → max-pool 2×2 → dense 10", whole
        self.model.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        status_row = QHBoxLayout()
        status_row.addWidget(self.progress, 1)
        status_row.addWidget(self.status, 2)
        self.status.setWordWrap(True)

        # plots: created once, fed with setData
        self.loss_plot = plot_widget(self)
        self.acc_plot = plot_widget(self)
        self.acc_plot.setYRange(0, 1)
        self.loss_legend = self.loss_plot.addLegend(offset=(-10, 10))
        self.loss_curves = {}
        self.acc_curves = {}
        for m in MODELS:
            self.loss_curves[m] = self.loss_plot.plot(
                [], [], pen=pen(MODEL_COLORS[m]), name=m.upper()
            )
            self.acc_curves[m] = self.acc_plot.plot(
                [],
                [],
                pen=pen(MODEL_COLORS[m]),
                symbol="o",
                symbolSize=7,
                symbolBrush=MODEL_COLORS[m],
                name=m.upper(),
            )
        self.maps_box = DigitMapsBox(self)
        self.confusion = MatrixView(10, 10, "heat", digits=4, parent=self)
        self.confusion.row_labels = [str(i) for i in range(10)]
        self.confusion.col_labels = [str(i) for i in range(10)]
        self.confusion.set_matrix(np.zeros((10, 10)), blank=np.ones((10, 10), bool))
        self.confusion.set_readable()  # its counts at the text's size, not ~8 px
        self.confusion_note = QLabel(self)
        self.confusion_note.setWordWrap(True)
        self.gallery = MisclassifiedGallery(self)

        self.curves_box = QGroupBox(self)
        cb = QVBoxLayout(self.curves_box)
        cb.addWidget(self.loss_plot)
        cb.addWidget(self.acc_plot)
        self.confusion_box = QGroupBox(self)
        xb = QVBoxLayout(self.confusion_box)
        xb.addWidget(self.confusion, 1)
        xb.addWidget(self.confusion_note)
        self.gallery_box = QGroupBox(self)
        gb = QVBoxLayout(self.gallery_box)
        gb.addWidget(self.gallery)

        grid = QGridLayout()
        grid.addWidget(self.curves_box, 0, 0)
        grid.addWidget(self.maps_box, 0, 1)
        grid.addWidget(self.confusion_box, 1, 0)
        grid.addWidget(self.gallery_box, 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addLayout(data_row)
        outer.addLayout(status_row)
        outer.addLayout(grid, 1)

        self.full.toggled.connect(self._full_toggled)
        self.btn_train.clicked.connect(self.start)
        self.btn_cancel.clicked.connect(self.cancel)
        self.model.currentIndexChanged.connect(self._model_changed)
        self.gallery.grid.clicked.connect(self._gallery_clicked)
        self.retranslate_ui()
        self.refresh_digit()
        self._hold_confusion()

    # ------------------------------------------------------------------ texts
    def _set_status(self, text_fn) -> None:
        """Show a status line, and show it again in the new language after a switch."""
        self._status_fn = text_fn
        self.status.setText(text_fn())

    def retranslate_ui(self) -> None:
        tr = _t
        self.model.setItemText(0, tr("CNN: conv 8@3×3 → max-pool 2×2 → dense 10"))
        self.model.setItemText(1, tr("MLP: 784 → 32 ReLU → 10"))
        self.lbl_model.setText(tr("Model"))
        self.lbl_train.setText(tr("Training images"))
        self.lbl_test.setText(tr("Test images"))
        self.lbl_epochs.setText(tr("Epochs"))
        self.full.setText(tr("All of MNIST (60,000 + 10,000)"))
        self.btn_train.setText(tr("Train"))
        self.btn_cancel.setText(tr("Cancel"))
        self.curves_box.setTitle(tr("Loss and test accuracy (blue: CNN, orange: MLP)"))
        self.loss_plot.setLabel("left", tr("loss"))
        self.loss_plot.setLabel("bottom", tr("training images seen"))
        self.acc_plot.setLabel("left", tr("test accuracy"))
        self.acc_plot.setLabel("bottom", tr("training images seen"))
        self.confusion_box.setTitle(tr("Confusion matrix (rows: true digit, columns: predicted)"))
        self.gallery_box.setTitle(tr("Misclassified test digits (click one to look at it)"))
        self.gallery.set_words(tr("predicted"), tr("true"))
        if self._status_fn is not None:
            self.status.setText(self._status_fn())
        else:
            self._set_status(lambda: _t("Press Train: a small subset trains in seconds."))
        shown = self.results.get(self._shown_model)
        if shown is not None:
            self._show_result(shown)
        else:
            self.confusion_note.setText(tr("Appears when a training run ends."))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.FontChange:
            self._hold_confusion()
        super().changeEvent(event)

    def _hold_confusion(self) -> None:
        # The confusion matrix's counts print at the text's size (MatrixView.set_readable);
        # its box holds the room they need, the page scrolls rather than squeeze them.
        box = self.confusion_box
        need = self.confusion.minimumSizeHint().height() + box.layout().spacing()
        need += self.confusion_note.sizeHint().height() * 2 + box.fontMetrics().height() * 2
        box.setMinimumHeight(int(need))

    def set_presentation(self, on: bool) -> None:
        """Thicker curves and larger axis text for the projector."""
        self._presentation = bool(on)
        self.maps_box.set_presentation(on)
        for plot in (self.loss_plot, self.acc_plot):
            style_plot(plot.getPlotItem(), on)
        size = "15pt" if on else "9pt"
        self.loss_legend.setLabelTextSize(size)
        for _, label in self.loss_legend.items:  # setLabelTextSize does not redraw them
            label.setText(label.text, size=size)
        for m in MODELS:
            self.loss_curves[m].setPen(pen(MODEL_COLORS[m], on))
            self.acc_curves[m].setPen(pen(MODEL_COLORS[m], on))
            self.acc_curves[m].setSymbolSize(11 if on else 7)

    # ------------------------------------------------------------------ config
    def config(self) -> TrainConfig:
        """The run the controls describe."""
        return TrainConfig(
            model=MODELS[self.model.currentIndex()],
            n_train=self.n_train.value(),
            n_test=self.n_test.value(),
            full=self.full.isChecked(),
            epochs=self.epochs.value(),
        )

    def _full_toggled(self, on: bool) -> None:
        self.n_train.setEnabled(not on)
        self.n_test.setEnabled(not on)

    def _model_changed(self, idx: int) -> None:
        self._shown_model = MODELS[idx]
        self.maps_box.set_model(self._shown_model)
        self.refresh_digit()
        result = self.results.get(self._shown_model)
        if result is not None:
            self._show_result(result)

    # ------------------------------------------------------------------ running
    def start(self, cfg: TrainConfig | None = None, data=None) -> BackgroundJob:
        """Start training in the background (``data`` replaces MNIST, for tests)."""
        if self.job is not None:
            return self.job
        cfg = cfg if isinstance(cfg, TrainConfig) else self.config()
        if cfg.model != MODELS[self.model.currentIndex()]:
            self.model.setCurrentIndex(MODELS.index(cfg.model))
        self._run_cfg = cfg
        self.loss_curves[cfg.model].setData([], [])
        self.acc_curves[cfg.model].setData([], [])
        self.job = BackgroundJob(lambda ctx: train(cfg, ctx, data), parent=self)
        self.job.progress.connect(self._progress)
        self.job.finished.connect(self._finished)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(self._ended)
        self.btn_train.setEnabled(False)
        self.btn_cancel.setEnabled(True)
        self.model.setEnabled(False)
        self.progress.setValue(0)
        n_tr, n_te = cfg.sizes()
        self._set_status(
            lambda: _t("Loading MNIST and training on {0} images…").format(f"{n_tr:,}")
        )
        self.job.start()
        return self.job

    def cancel(self) -> None:
        """Stop the run after the current batch."""
        if self.job is not None:
            self.job.cancel()
            self._set_status(lambda: _t("Cancelling…"))

    @property
    def running(self) -> bool:
        """True while a training run is going on."""
        return self.job is not None

    def _progress(self, snap: dict) -> None:
        m = snap["model"]
        self.loss_curves[m].setData(snap["seen"], snap["losses"])
        pts = snap["accuracy_points"]
        if pts:
            xs, ys = zip(*pts)
            self.acc_curves[m].setData(list(xs), list(ys))
        self.progress.setValue(int(1000 * snap["fraction"]))
        loss = snap["losses"][-1] if snap["losses"] else float("nan")
        acc = f"{pts[-1][1]:.0%}" if pts else "–"
        self._set_status(
            lambda: _t(
                "{0}: epoch {1}/{2} · batch {3}/{4} · loss {5} · accuracy {6} · {7} s"
            ).format(
                m.upper(),
                snap["epoch"] + 1,
                snap["epochs"],
                snap["batch"],
                snap["batches"],
                fmt(loss, 3),
                acc,
                f"{snap['elapsed']:.1f}",
            )
        )
        self._theta[m] = snap["theta"]
        if m == self._shown_model:
            self.refresh_digit()

    def _finished(self, result) -> None:
        self.results[result.model] = result
        if len(result.images):
            self._fallback_digit = np.asarray(result.images[0], float).reshape(28, 28)
        self._theta[result.model] = result.theta
        self.loss_curves[result.model].setData(result.seen, result.losses)
        if result.accuracy_points:
            xs, ys = zip(*result.accuracy_points)
            self.acc_curves[result.model].setData(list(xs), list(ys))
        if result.cancelled and result.accuracy is None:
            self._set_status(
                lambda: _t("Cancelled after {0} images.").format(f"{result.images_seen:,}")
            )
        elif result.cancelled:
            self._set_status(
                lambda: _t("Cancelled after {0} images; test accuracy {1}.").format(
                    f"{result.images_seen:,}", f"{result.accuracy:.1%}"
                )
            )
        else:
            self._set_status(
                lambda: _t("{0} done in {1} s: test accuracy {2}.").format(
                    result.model.upper(), f"{result.seconds:.1f}", f"{result.accuracy:.1%}"
                )
            )
        self.progress.setValue(1000 if not result.cancelled else self.progress.value())
        self._show_result(result)
        self.refresh_digit()
        self._ended()

    def _failed(self, message: str) -> None:
        self._set_status(lambda: _t("Training stopped with an error: {0}").format(message))
        self._ended()

    def _ended(self) -> None:
        self.job = None
        self.btn_train.setEnabled(True)
        self.btn_cancel.setEnabled(False)
        self.model.setEnabled(True)

    def _show_result(self, result) -> None:
        if result.confusion is None:
            return
        self.confusion.set_matrix(result.confusion)
        c = result.confusion
        worst = np.argmax(c - np.diag(np.diag(c)))
        t, p = divmod(int(worst), 10)
        self.confusion_note.setText(
            _t("{0}: {1} of {2} right. Most frequent mistake: {3} read as {4} ({5} times).").format(
                result.model.upper(), int(np.trace(c)), int(c.sum()), t, p, int(c[t, p])
            )
        )
        n_test = int(c.sum())
        self.gallery.set_digits(
            result.images,
            result.predicted,
            result.true_labels,
            n_test,
            _t("{0} of {1} test digits misclassified ({2}).").format(
                len(result.wrong), n_test, f"{len(result.wrong) / max(n_test, 1):.1%}"
            ),
        )

    # ------------------------------------------------------------------ one digit
    def refresh_digit(self) -> None:
        """Show the kernels, maps and answer of the current digit with the newest weights."""
        m = self._shown_model
        img = self._current_digit() if self._current_digit is not None else None
        if img is None or np.shape(img) != (28, 28):
            # No digit in the Convolution tab: the first test digit of the last run.
            img = self._fallback_digit if self._fallback_digit is not None else np.zeros((28, 28))
        theta = self._theta.get(m)
        if theta is None:
            self.maps_box.show_digit(img, None)
            return
        probe = self._probes[m]
        probe.set_theta(theta)
        self.maps_box.show_digit(img, probe.run(img))

    def _gallery_clicked(self, k: int) -> None:
        self.digit_chosen.emit(self.gallery.grid.images[k].copy())

    def shutdown(self) -> None:
        """Cancel a running job and wait briefly (the window is closing)."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait(2.0)
