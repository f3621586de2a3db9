"""The training controller: one session per document, the worker thread, and the frame timer.

The controller lives in the UI thread. It owns the ``Session`` of the document shown, starts
and pauses the worker, and ~26 times a second turns the snapshots the worker handed over
into a ``Frame`` for the plots (and, while training, into the document's weights so the
canvas follows). Settings changes take effect as Playground users expect (the document
side, ``document_link.py``):

* the learning rate and the batch size apply at once; the history goes on;
* the rule, optimiser, regularisation, early stopping, loss: a new history starts from the
  current weights;
* the data set (and its parameters, and the input features), the seed and the
  initialisation reset the weights.

While the worker trains, the UI thread never touches the session's network (the session
holds it for the run, ``Session.begin_run``): it draws from a display copy and writes
snapshots into the document.

Trained work reaches the document as undo steps (``WeightsStepCommand``): a run is one step
("Train 200 epochs"), pushed when it starts, so the document is marked modified and
autosaved while it trains; Ctrl+Z ends a run in progress and goes back to the weights
before it. Reset, time travel and the step-through's updates are undo steps too. An edit
of the network while it trains pauses the run first (the run's step comes before the
edit's, and the status bar says so); the learning rate and the batch size go into the
running training, other settings pause it, apply and go on.
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque

from PySide6.QtCore import QEvent, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication

from nnsim.gui import commands as C
from nnsim.gui.context import AppContext
from nnsim.gui.training.document_link import DATA_FIELDS, RESET_FIELDS, DocumentLink
from nnsim.gui.training.frames import FramePacing
from nnsim.gui.training.run_steps import RunSteps
from nnsim.gui.training.worker import Mailbox, TrainWorker
from nnsim.model.training_process import TrainingProcessError, shared_process, suitable
from nnsim.recipes.plot_data import PlotData
from nnsim.recipes.problem import DisplayNet, Problem

#: Redraws per second at most while the worker thread trains: just over the 25 a lecture
#: needs, so that a late tick still keeps the plots at 25; every frame fewer is processor
#: time the worker trains with (the two share one interpreter).
FPS = 26
#: Redraws per second at most while the training process trains: the plots' own limit,
#: since frames then cost the training nothing (it has a core of its own) and the
#: headroom keeps the plots above 25 a second when a frame comes late.
FPS_PROCESS = 30
#: The interpreter's thread switch interval while the worker trains (seconds).
SWITCH_INTERVAL = 0.001


def training_process():
    """The training process the window's runs go to, or None when switched off.

    ``NNSIM_TRAINING_PROCESS=0`` keeps every run in the worker thread.
    """
    if os.environ.get("NNSIM_TRAINING_PROCESS", "1").strip().lower() in ("0", "no", "off", "false"):
        return None
    return shared_process()


class TrainingController(DocumentLink, RunSteps, FramePacing, QObject):
    """Drives training of the window's document off the UI thread.

    Parameters
    ----------
    context : AppContext
        Gives the document (``document_replaced``), the editor, the undo stack, the canvas
        and the live preview to pause.

    Signals
    -------
    state_changed(bool)
        Training started (True) or the worker stopped (False).
    problem_changed(object)
        A new ``Problem`` (new session, data or structure): plots rebuild their items.
    frame(object)
        A ``Frame`` to draw (at most ``FPS`` times a second).
    message(str, str)
        ``(kind, text)`` for the user; kind is "info", "warning" or "error".
    history_changed(int, int)
        The number of recorded snapshots and the one the network is at.
    """

    state_changed = Signal(bool)
    problem_changed = Signal(object)
    frame = Signal(object)
    message = Signal(str, str)
    history_changed = Signal(int, int)
    _start = Signal(object)

    def __init__(self, context: AppContext):
        super().__init__(context.host)
        self.context = context
        self.document = None
        self.session = None
        self.raw = None
        self.display: DisplayNet | None = None
        self.problem = Problem()
        self.data = PlotData()
        self.mailbox = Mailbox()
        self.running = False
        self.stopping = False
        self.last_result = None
        self.last_error: str | None = None
        self.cursor_epoch: float | None = None
        #: Frames drawn so far (the benchmark counts redraws with it).
        self.frames_drawn = 0
        #: Processor time of the UI thread for each of the last frames, in seconds.
        self.frame_cpu: deque = deque(maxlen=1000)
        #: Write the weights into the document every this many frames while training (the
        #: canvas's edges follow ~7 times a second; the plots and neuron pictures every
        #: frame). Redrawing every edge is the costliest part of a frame.
        self.sync_every = 4
        self._run_id = 0
        self._in_tick = False
        self._switch: float | None = None
        self._run_structure = None
        #: The undo step of the run in progress (None between runs).
        self._run_command: C.WeightsStepCommand | None = None
        self._run_epoch0 = 0
        self._after_stop: list = []
        #: Train on once the run has stopped and ``_after_stop`` ran (a settings change).
        self._resume = False
        self._writing = 0
        self._dirty = True
        self._since_sync = 0
        self._sync_due = False
        self._beat_pending = False
        #: Settings fields (and "data") the document said changed and nothing took up yet.
        self._pending: set = set()
        self._features = None
        self._thread = QThread(self)
        self._thread.setObjectName("nnsim-training")
        self._worker = TrainWorker(self.mailbox, training_process())
        self._worker.moveToThread(self._thread)
        self._start.connect(self._worker.run)
        self._worker.finished.connect(self._worker_finished)
        # the thread starts with the first run (and stops when the window closes)
        # Frames keep a cadence of their own: a single-shot timer armed for the next due
        # time. A repeating QTimer that fires late by more than its interval (a frame and
        # a document sync back to back) skips a beat; this one draws the late frame at
        # once and keeps counting from the schedule, so the plots stay at their rate.
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        # precise: a coarse timer may fire up to 5 % late, which would drop below 25/s
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._beat)
        self._period = 1.0 / FPS
        self._due = time.perf_counter()
        self._arm()
        if self._worker.process is not None:
            # started early, after the window is up, so the first Play trains at once
            QTimer.singleShot(1500, self, self._start_process)
        context.document_replaced.connect(self.set_document)
        context.editor.about_to_push.connect(self._before_edit)
        context.host.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.set_document(context.document)

    def _start_process(self) -> None:
        proc = self._worker.process
        if proc is not None and not self.running:
            try:
                proc.start()
            except TrainingProcessError as e:
                self._worker.use_thread(str(e))

    # ------------------------------------------------------------------ running
    def start(self, epochs: int | None = None) -> bool:
        """Train ``epochs`` more epochs (default: the settings' epochs) off the UI thread.

        Returns False (and says why) when the session cannot train.
        """
        if self.running or self.session is None:
            return False
        if not self.problem.ok:
            self.message.emit("error", self.problem.message or self.tr("Nothing to train."))
            return False
        doc = self.document
        n = int(doc.settings.epochs if epochs is None else epochs)
        try:
            # built here, on the UI thread, with its errors; the network is the run's now
            tr = self.session.begin_run()
        except ValueError as e:
            self.message.emit("error", str(e))
            return False
        self._run_epoch0 = tr.epoch
        self._push_run_step()
        if not self._thread.isRunning():
            self._thread.start()
        in_process = self._worker.process is not None and suitable(self.session)
        self._period = 1.0 / (FPS_PROCESS if in_process else FPS)
        self._run_structure = doc.structure_revision
        self.running = True
        self.stopping = False
        self.cursor_epoch = None
        self.last_result = None
        self.last_error = None
        self.context.live_preview.set_enabled(False)
        # Hand the interpreter lock over every millisecond instead of every 5: the UI
        # thread's timer and input events then wait at most ~1 ms for the worker. Not
        # when the epochs run in the training process: the worker then only relays, and
        # each forced hand-over can leave the UI thread waiting until the worker gets a
        # core, which on a loaded machine blocked frames for tens of milliseconds.
        if self._switch is None and not in_process:
            self._switch = sys.getswitchinterval()
            sys.setswitchinterval(min(self._switch, SWITCH_INTERVAL))
        self.mailbox.stop.clear()
        self.mailbox.done.clear()
        self.mailbox.take()
        self._canvas_cache(True)
        self._run_id += 1
        self._since_sync = 0
        self.state_changed.emit(True)
        self._start.emit((self._run_id, self.session, n))
        return True

    # ------------------------------------------------------------------ undo steps
    def _before_edit(self, command) -> None:
        """An edit of the document is about to be applied: a running training pauses first.

        Moving or renaming layers and settings changes (see ``_settings_changed``) do not
        stop it. The run's undo step is complete before the edit's, which comes after it.
        """
        if not self.running:
            return
        fields = (
            set(getattr(command, "new", {}))
            if isinstance(command, C.UpdateSettingsCommand)
            else set()
        )
        if not getattr(command, "pauses_training", True) and not fields & (
            DATA_FIELDS | RESET_FIELDS
        ):
            return
        # (new data or a new seed reset the weights inside the settings' own undo step:
        # the run stops first so that it happens now, not when the run is over)
        self._stop_without_resume()
        if fields:
            return
        self.message.emit(
            "info",
            self.tr(
                "Training paused: you changed the network. The epochs trained so far are "
                "one undo step; press Play to go on from your change."
            ),
        )

    def pause(self) -> None:
        """Stop training after the current epoch; the buttons say so at once."""
        if not self.running or self.stopping:
            return
        self.stopping = True
        self.mailbox.stop.set()
        if self.session is not None:
            self.session.stop()
        self.state_changed.emit(False)

    def toggle(self) -> None:
        """Play or pause."""
        if self.running and not self.stopping:
            self.pause()
        elif not self.running:
            self.start()

    def stop_and_wait(self, timeout: float = 5.0) -> None:
        """Pause and wait until the worker has stopped (the session is free afterwards)."""
        if not self.running:
            return
        self.pause()
        if self.mailbox.done.wait(timeout) and self.mailbox.outcome is not None:
            self._worker_finished(self.mailbox.outcome)

    def set_speed(self, epochs_per_second: float) -> None:
        """Limit training to this many epochs per second (0: as fast as possible)."""
        self.mailbox.max_rate = max(0.0, float(epochs_per_second))

    def _worker_finished(self, outcome) -> None:
        run_id, result, error = outcome
        if run_id != self._run_id or not self.running:
            return  # handled already (stop_and_wait) or an old run
        self.running = False
        self.stopping = False
        if self._switch is not None:
            sys.setswitchinterval(self._switch)
            self._switch = None
        self._canvas_cache(False)
        doc = self.document
        for snap in self.mailbox.take():
            self.data.append(snap)
        self.last_result, self.last_error = result, error
        if self.session is not None:
            self.session.end_run()
        if doc.structure_revision == self._run_structure:
            self.sync_document()
            self._finish_run_step()
            tr = self.trainer_or_none()
            if tr is not None:
                self.data.load_history(tr.history)
        else:
            self._finish_run_step(fits=False)
        self._dirty = True
        self.state_changed.emit(False)
        self._report(result, error)
        self._emit_history()
        pending, self._after_stop = self._after_stop, []
        for fn in pending:
            fn()
        if self._resume:
            self._resume = False
            self.start()
        if not self.running:
            stepping = self.context.stepping
            if not (stepping is not None and stepping.active):
                self.context.live_preview.set_enabled(True)

    def _report(self, result, error) -> None:
        if error:
            self.message.emit("error", self.tr("Training stopped with an error: {0}").format(error))
            return
        if result is None:
            return
        status = result.status
        if status == "diverged":
            text = self.tr(
                "Training diverged: the numbers became too large (inf or NaN), the learning "
                "rate is probably too high. The last finite weights were restored."
            )
            self.message.emit("error", f"{text}\n({result.message})")
        elif status == "early_stopping":
            text = self.tr(
                "Early stopping: the validation error stopped improving; the weights of "
                "epoch {0} were restored."
            ).format(result.best_epoch)
            self.message.emit("info", text)
        elif status == "converged":
            self.message.emit(
                "info",
                self.tr("The perceptron converged: every sample is classified correctly.")
                + f"\n({result.message})",
            )
        elif status == "cycle":
            self.message.emit(
                "warning",
                self.tr(
                    "The weights repeat: the perceptron rule cycles for ever because the "
                    "data are not linearly separable."
                )
                + f"\n({result.message})",
            )
        elif status in ("max_epochs", "solved"):
            self.message.emit("info", result.message)
        else:
            self.message.emit("info", self.tr("Trained to epoch {0}.").format(result.epoch))

    # ------------------------------------------------------------------ shutdown
    def eventFilter(self, obj, event):
        if obj is self.context.host and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def shutdown(self) -> None:
        """Stop training and the worker thread (window closing, application quitting)."""
        try:
            self.stop_and_wait(2.0)
            if self._thread.isRunning():
                self._thread.quit()
                self._thread.wait(3000)
        except RuntimeError:  # already deleted
            pass
