"""The training controller: one session per document, the worker thread, and the frame timer.

The controller lives in the UI thread. It owns the ``Session`` of the document shown, starts
and pauses the worker, and ~26 times a second turns the snapshots the worker handed over
into a ``Frame`` for the plots (and, while training, into the document's weights so the
canvas follows). Settings changes take effect as Playground users expect:

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

import copy
import os
import sys
import time
from collections import deque
from dataclasses import fields

import numpy as np
from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QGraphicsItem

from nnsim.gui import commands as C
from nnsim.gui.training.plot_data import Frame, PlotData
from nnsim.gui.training.problem import (
    DisplayNet,
    Problem,
    active_features,
    describe,
    make_session,
)
from nnsim.gui.training.worker import Mailbox, TrainWorker
from nnsim.model.compile import pull_weights
from nnsim.model.document import Settings
from nnsim.model.training_process import TrainingProcessError, shared_process, suitable

#: Settings whose change means new data: the weights are reset.
DATA_FIELDS = frozenset({"dataset", "dataset_params", "targets"})
#: Settings whose change resets the weights (new initial weights from the seed).
RESET_FIELDS = frozenset({"seed", "init"})
#: Settings a running training takes over in place (the history goes on).
LIVE_FIELDS = frozenset({"lr", "batch_size"})
#: Settings that do not concern the trainer at all.
QUIET_FIELDS = frozenset({"epochs"})

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


class TrainingController(QObject):
    """Drives training of the window's document off the UI thread.

    Parameters
    ----------
    window : MainWindow
        Gives the document (``document_replaced``), the live preview to pause and the
        status bar.

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

    def __init__(self, window):
        super().__init__(window)
        self.window = window
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
        self._settings_seen: Settings | None = None
        self._data_seen = None
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
            QTimer.singleShot(1500, self._start_process)
        window.document_replaced.connect(self.set_document)
        editor = getattr(window, "editor", None)
        if editor is not None and hasattr(editor, "about_to_push"):
            editor.about_to_push.connect(self._before_edit)
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.set_document(window.document)

    def _start_process(self) -> None:
        proc = self._worker.process
        if proc is not None and not self.running:
            try:
                proc.start()
            except TrainingProcessError as e:
                self._worker.use_thread(str(e))

    # ------------------------------------------------------------------ documents
    def set_document(self, document) -> None:
        """Follow another document (New, Open, lesson): a new session, history and plots."""
        self.stop_and_wait()
        if self.document is not None:
            for sig, slot in self._signals():
                try:
                    sig.disconnect(slot)
                except (ValueError, RuntimeError, TypeError):
                    pass
        self.document = document
        for sig, slot in self._signals():
            sig.connect(slot)
        self._settings_seen = copy.deepcopy(document.settings)
        self._data_seen = document.data
        self.last_result = None
        self.rebuild_session()

    def _signals(self):
        d = self.document
        return ((d.changed, self._document_changed), (d.settings_changed, self._settings_changed))

    def rebuild_session(self) -> None:
        """Make a new session for the document as it is now (nothing training)."""
        doc = self.document
        self._features = active_features(doc)
        self.session, self.raw = make_session(doc)
        self.display = DisplayNet(doc)
        self.refresh_problem()

    def refresh_problem(self) -> None:
        """Re-describe the session for the plots (after settings changed)."""
        self.problem = describe(self.document, self.session, self.raw, self.display)
        self.cursor_epoch = None
        self.data.clear(self.problem.n_params)
        tr = self.trainer_or_none()
        if tr is not None and len(tr.history):
            self.data.load_history(tr.history)
        self.problem_changed.emit(self.problem)
        if not self.problem.ok and self.problem.message:
            self.message.emit("error", self.problem.message)
        self._emit_history()
        self._dirty = True

    def trainer_or_none(self):
        """The session's trainer, or None when the session cannot train (or is training)."""
        if self.session is None or not self.problem.ok:
            return None
        try:
            return self.session.trainer
        except ValueError:
            return None

    def _document_changed(self) -> None:
        if self._writing:
            return
        doc = self.document
        if self.running:
            if doc.structure_revision != self._run_structure:
                # the network the worker trains no longer matches the document
                self._after_stop.append(self.rebuild_session)
                self.pause()
            return
        if doc.settings != self._settings_seen or doc.data is not self._data_seen:
            # an undo or redo put settings or data back together with their weights
            # (no settings signal): take them as they are, without new weights
            self._settings_seen = copy.deepcopy(doc.settings)
            self._data_seen = doc.data
            self.rebuild_session()
        elif (
            self.display is None
            or doc.structure_revision != self.display.structure
            or active_features(doc) != self._features
        ):
            self.rebuild_session()
        else:
            self._dirty = True

    def _settings_changed(self) -> None:
        if self._writing:
            return
        old, new = self._settings_seen, self.document.settings
        self._settings_seen = copy.deepcopy(new)
        changed = {f.name for f in fields(Settings) if getattr(old, f.name) != getattr(new, f.name)}
        if self.document.data is not self._data_seen:  # a new table kept with the network
            self._data_seen = self.document.data
            changed.add("dataset")
        if not changed or changed <= QUIET_FIELDS:
            return

        def apply():
            # the new weights belong to the settings' own undo step (UpdateSettingsCommand
            # keeps them), not to a step of their own
            if changed & DATA_FIELDS:
                self.rebuild_session()
                self.reset_weights(undo_step=False)
            elif changed & RESET_FIELDS:
                self.reset_weights(undo_step=False)
            else:
                # LIVE_FIELDS go into the trainer in place; the others rebuild it
                self.refresh_problem()

        if self.running:
            self._resume = self._resume or not self.stopping
            self._after_stop.append(apply)
            self.pause()
        else:
            apply()

    # ------------------------------------------------------------------ writing weights
    def write(self, fn, *args):
        """Run ``fn(*args)`` as a write of the controller's own (no reaction to its signals)."""
        self._writing += 1
        try:
            return fn(*args)
        finally:
            self._writing -= 1

    def sync_document(self) -> None:
        """Write the session network's weights into the document (nothing training)."""
        if self.session is not None and not self.running:
            try:
                self.write(self.session.sync_document)
            except ValueError as e:
                self.message.emit("error", str(e))
            self._dirty = True

    def _sync_tick(self) -> None:
        """Write the newest drawn weights into the document and paint the canvas's edges."""
        if not self.running or self._in_tick:
            return
        self._in_tick = True
        try:
            with self.mailbox.frame_lock:
                self._write_snapshot()
                app = QApplication.instance()
                for _ in range(2):
                    app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        finally:
            self._turn_over()

    def _write_snapshot(self) -> None:
        """Write the display network's weights (a snapshot's) into the document."""
        comp = self.display.comp if self.display is not None else None
        if comp is None:
            return
        self.write(pull_weights, self.document, comp)

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
        preview = getattr(self.window, "live_preview", None)
        if preview is not None:
            preview.set_enabled(False)
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
    def _stack(self):
        return getattr(self.window, "undo_stack", None)

    def _push_run_step(self) -> None:
        """Put the run on the undo stack now: the document is modified while it trains."""
        stack = self._stack()
        if stack is None:
            return
        cmd = C.WeightsStepCommand(
            self.document,
            lambda: self.tr("Train"),
            self.document.all_weights(),
            stop_run=self._stop_for_undo,
        )
        self.write(C.push, stack, cmd)
        self._run_command = cmd

    def _finish_run_step(self, fits: bool = True) -> None:
        """The run is over: its step holds the weights it reached (or leaves the stack).

        ``fits`` is False when the document's structure changed meanwhile: the weights
        before the run no longer fit it, and the step goes.
        """
        cmd, self._run_command = self._run_command, None
        if cmd is None:
            return
        after = self.document.all_weights()
        same = fits and all(
            all(np.array_equal(a[k], b[k]) for k in a) for a, b in zip(after, cmd.before)
        )
        res = self.last_result
        n = max(0, (res.epoch if res is not None else 0) - self._run_epoch0)
        if n == 1:
            cmd.finish(after, lambda: self.tr("Train 1 epoch"))
        else:
            cmd.finish(after, lambda: self.tr("Train {0} epochs").format(n))
        stack = self._stack()
        try:
            if fits and not same:
                # the menu shows the text the step has now (Qt reads it on index changes)
                stack.undoTextChanged.emit(stack.undoText())
                return
            # nothing changed (stopped at once, an error): no empty step in the history
            cmd.setObsolete(True)
            if stack.index() > 0 and stack.command(stack.index() - 1) is cmd:
                self.write(stack.undo)
        except (RuntimeError, AttributeError):  # no stack, or it was cleared (new document)
            pass

    def _stop_for_undo(self) -> None:
        """Ctrl+Z on a run in progress: end the run first (its step gets its weights)."""
        self._stop_without_resume()

    def _stop_without_resume(self) -> None:
        """End the run now, for an edit or an undo that comes next: no new run and no undo
        step may start before it (what waited for the run to stop runs afterwards)."""
        pending, self._after_stop = self._after_stop, []
        self._resume = False
        self.stop_and_wait()
        if pending:
            QTimer.singleShot(0, self, lambda: [fn() for fn in pending])

    def commit_weights(self, text, fn, *args, merge_id: int = -1):
        """Run ``fn(*args)`` (which writes weights into the document) as one undo step.

        ``text`` is a callable giving the step's menu text. Returns what ``fn`` returns.
        """
        doc = self.document
        before, rev = doc.all_weights(), doc.revision
        result = self.write(fn, *args)
        stack = self._stack()
        if stack is not None and doc.revision != rev:
            cmd = C.WeightsStepCommand(
                doc, text, before, doc.all_weights(), merge_id=merge_id, applied=True
            )
            self.write(C.push, stack, cmd)
        return result

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
            preview = getattr(self.window, "live_preview", None)
            stepping = getattr(self.window, "stepping", None)
            if preview is not None and not (stepping is not None and stepping.active):
                preview.set_enabled(True)

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

    def _canvas_cache(self, on: bool) -> None:
        """Cache the canvas items' pictures while training (or stop caching).

        Every frame repaints the neurons' pictures, and with them whatever they overlap;
        cached items are then copied instead of drawn again, which more than halves the
        canvas's share of a frame. Only while training: some display changes (language,
        θ instead of b) redraw the scene without telling each item.
        """
        scene = getattr(self.window, "scene", None)
        if scene is None:
            return
        from nnsim.gui.canvas import EdgeItem, LayerItem, NeuronItem, PortItem

        mode = (
            QGraphicsItem.CacheMode.DeviceCoordinateCache if on else QGraphicsItem.CacheMode.NoCache
        )
        kinds = (EdgeItem, LayerItem, NeuronItem, PortItem)
        for item in scene.items():
            if isinstance(item, kinds):
                item.setCacheMode(mode)

    # ------------------------------------------------------------------ weights and time
    def reset_weights(self, undo_step: bool = True) -> None:
        """New initial weights from the settings' scheme and seed; the history starts again.

        ``undo_step`` makes it a step of its own ("Reset weights"); False when a settings
        change resets the weights as part of its step.
        """
        if self.running:
            self._after_stop.append(lambda: self.reset_weights(undo_step))
            self.pause()
            return
        if self.session is None:
            return
        try:
            if undo_step:
                self.commit_weights(lambda: self.tr("Reset weights"), self.session.reset_weights)
            else:
                self.write(self.session.reset_weights)
        except ValueError as e:
            self.message.emit("error", str(e))
            return
        self.last_result = None
        self.refresh_problem()

    def history_info(self) -> tuple[int, int]:
        """(number of snapshots, the one the network is at); (0, −1) without a history."""
        tr = self.trainer_or_none() if not self.running else None
        if tr is None:
            return (len(self.data), len(self.data) - 1)
        return (len(tr.history), tr.cursor)

    def epoch_at(self, index: int) -> int:
        """The epoch of history snapshot ``index`` (of the plot data's row while training)."""
        tr = self.trainer_or_none() if not self.running else None
        if tr is not None and 0 <= index < len(tr.history):
            return int(tr.history.epoch[index])
        d = self.data
        row = d.row_of_index(index)
        return int(d.column("epoch")[row]) if row is not None else 0

    def _emit_history(self) -> None:
        n, cur = self.history_info()
        self.history_changed.emit(n, cur)

    def restore(self, index: int) -> None:
        """Time travel: put the network back to snapshot ``index`` of the history."""
        self.stop_and_wait()
        tr = self.trainer_or_none()
        if tr is None or not len(tr.history):
            return
        index = max(0, min(int(index), len(tr.history) - 1))
        epoch = int(tr.history.epoch[index])
        snap = self.commit_weights(
            lambda: self.tr("Go back to epoch {0}").format(epoch),
            self.session.restore_snapshot,
            index,
            merge_id=C.ID_TIME_TRAVEL,
        )
        self.cursor_epoch = None if index == len(tr.history) - 1 else float(snap.epoch)
        self._dirty = True
        self._emit_history()

    # ------------------------------------------------------------------ frames
    def request_frame(self) -> None:
        """Redraw at the next tick (e.g. a plot option changed)."""
        self._dirty = True

    def _beat(self) -> None:
        if self._in_tick:
            # due while a frame or a document sync paints (their processEvents let the
            # timer in): drawn as soon as that turn is over, not skipped
            self._beat_pending = True
            return
        try:
            self.tick()
        finally:
            self._arm()

    def _turn_over(self) -> None:
        """End of a frame's or a sync's turn: draw a frame that fell due meanwhile."""
        self._in_tick = False
        if self._beat_pending:
            self._beat_pending = False
            self.timer.start(0)

    def _arm(self) -> None:
        """Arm the timer for the next frame on the schedule."""
        now = time.perf_counter()
        self._due += self._period
        if self._due < now - self._period:  # far behind (a long pause): a new schedule
            self._due = now
        self.timer.start(max(0, round((self._due - now) * 1000)))

    def tick(self) -> None:
        """Build and hand out one frame if anything changed (called by the timer).

        The frame is drawn and painted while the worker waits at ``frame_lock``: items
        are updated in place, then the pending paint events are processed at once, so
        Qt repaints only what changed and never has to win the interpreter lock back
        from the worker call by call.
        """
        if self._in_tick:
            return
        snaps = self.mailbox.take() if self.running else []
        if not snaps and not self._dirty:
            return
        self._dirty = False
        self._in_tick = True
        cpu = time.thread_time()
        try:
            with self.mailbox.frame_lock:
                self._draw(snaps)
                if self.running:
                    app = QApplication.instance()
                    for _ in range(2):  # scene updates post the paint requests they cause
                        app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        finally:
            self._turn_over()
        self.frame_cpu.append(time.thread_time() - cpu)
        self.frames_drawn += 1
        if self._sync_due:
            self._sync_due = False
            # in a turn of the event loop of its own (scheduled once this frame is over:
            # inside it the sync would find the frame still running): a frame and a
            # document sync together would hold the loop twice as long
            QTimer.singleShot(0, self._sync_tick)

    def _draw(self, snaps) -> None:
        new_rows = False
        for snap in snaps:
            new_rows = self.data.append(snap) or new_rows
        display = self.display
        theta, epoch = None, 0
        if display is not None and display.comp is not None:
            if snaps:
                theta = np.asarray(snaps[-1].weights)
                epoch = snaps[-1].epoch
                if not display.set_theta(theta):
                    theta = None
            elif not self.running:
                theta = display.from_document(self.document)
                ep = self.data.column("epoch")
                epoch = int(ep[-1]) if ep.size else 0
        grid = None
        p = self.problem
        if theta is not None and p.plane and p.grid_input is not None:
            grid = display.grid(p.grid_input)
        frame = Frame(
            data=self.data,
            theta=theta,
            grid=grid,
            running=self.running and not self.stopping,
            epoch=epoch,
            cursor_epoch=self.cursor_epoch,
            new_rows=new_rows or not snaps,
        )
        self.frame.emit(frame)
        if snaps and self.running and theta is not None:
            self._since_sync += 1
            if self._since_sync >= self.sync_every:
                self._since_sync = 0
                self._sync_due = True
        if new_rows:
            self._emit_history()

    # ------------------------------------------------------------------ shutdown
    def eventFilter(self, obj, event):
        if obj is self.window and event.type() == QEvent.Type.Close:
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
