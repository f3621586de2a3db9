"""The training worker: a QObject in its own QThread that runs ``Session.iter_train``.

Where it can, the worker does not train itself: it hands the run to a training process
(``nnsim.model.training_process``) and passes on the snapshots that come back, so the
epochs run on a processor core of their own and the window keeps the interpreter. What
follows is about runs the worker trains itself (big data sets, the perceptron rule, or
no process available).

Snapshots go to the UI thread through a ``Mailbox`` (a list under a lock) that a QTimer
empties at most ~26 times a second, so the UI draws at a steady rate however fast the
network trains. Two things keep the window responsive on a two-core laptop, where the
worker and the UI share one interpreter lock:

* between epochs the worker passes through ``Mailbox.frame_lock``; the UI holds that lock
  while it draws a frame, so drawing is never slowed down by the worker grabbing the
  interpreter lock back after every Qt call;
* the worker checks ``Mailbox.stop`` after every epoch and tells the session to stop, so
  pause takes effect within one epoch (a few milliseconds on the teaching sets).
"""

from __future__ import annotations

import sys
import threading
import time
import traceback

from PySide6.QtCore import QObject, Signal, Slot

from nnsim.model.training_process import TrainingProcessError, TrainingRunError, suitable


class _NothingReceived(Exception):
    """The training process failed before it sent anything."""


class Mailbox:
    """What the worker hands to the UI thread, and the switches the UI thread sets.

    Attributes
    ----------
    frame_lock : threading.Lock
        Held by the UI thread while it draws; the worker waits for it between epochs.
    stop : threading.Event
        Set by the UI thread to pause (the worker stops after the current epoch).
    done : threading.Event
        Set by the worker when its run is over (the UI thread may wait for it).
    max_rate : float
        Epochs per second the worker may run; 0 means as fast as it can.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._items: list = []
        self.frame_lock = threading.Lock()
        self.stop = threading.Event()
        self.done = threading.Event()
        self.done.set()
        self.max_rate = 0.0
        self.outcome = None
        #: Processor time the worker spent training, and the snapshots it handed over.
        self.worker_cpu = 0.0
        self.snapshots = 0

    def put(self, snapshot) -> None:
        """Hand over one snapshot (worker thread)."""
        with self._lock:
            self._items.append(snapshot)

    def take(self) -> list:
        """All snapshots handed over since the last call, oldest first (UI thread)."""
        with self._lock:
            items, self._items = self._items, []
        return items


class TrainWorker(QObject):
    """Runs one training run at a time; lives in its own QThread.

    Signals
    -------
    finished(object)
        ``(run_id, result, error)`` when a run is over: the session's ``TrainResult``
        and an error text when the engine raised (None otherwise).
    """

    finished = Signal(object)

    def __init__(self, mailbox: Mailbox, process=None):
        super().__init__()
        self.mailbox = mailbox
        #: The ``TrainingProcess`` to train in, or None to train in this thread only.
        self.process = process
        #: Where the last run trained: "process" or "thread".
        self.last_place = None

    def use_thread(self, reason: str) -> None:
        """Train every run in this thread from now on (no training process can serve)."""
        print(f"nnsim: training in a thread: {reason}", file=sys.stderr)
        self.process = None

    @Slot(object)
    def run(self, job) -> None:
        """Train ``job = (run_id, session, epochs)``; the UI thread prepared the session."""
        run_id, session, epochs = job
        box = self.mailbox
        error = None
        if self.process is not None and suitable(session):
            self.last_place = "process"
            try:
                error = self._run_in_process(session, epochs)
            except _NothingReceived as e:
                self.use_thread(str(e))  # no process here (or it died at once)
            else:
                self._finish(run_id, session, error)
                return
        self.last_place = "thread"
        try:
            rate_used, t0, k = -1.0, 0.0, 0
            cpu = time.thread_time()
            for snap in session.iter_train(epochs):
                box.worker_cpu += time.thread_time() - cpu
                box.snapshots += 1
                box.put(snap)
                rate = box.max_rate
                if rate > 0 and not box.stop.is_set():
                    now = time.perf_counter()
                    if rate != rate_used or now - t0 - k / rate > 0.5:
                        rate_used, t0, k = rate, now, 0  # new speed, or far behind: restart
                    k += 1
                    wait = t0 + k / rate - now
                    if wait > 0:
                        box.stop.wait(wait)  # wakes at once on pause
                if box.stop.is_set():
                    session.stop()  # the generator ends after this epoch
                else:
                    # Wait here while the UI thread draws a frame (see the module docstring);
                    # a pause asked for meanwhile ends the wait (the UI may be waiting too).
                    while not box.frame_lock.acquire(timeout=0.005):
                        if box.stop.is_set():
                            break
                    else:
                        box.frame_lock.release()
                cpu = time.thread_time()
        except Exception as exc:  # noqa: BLE001 - shown to the user, never lost in a thread
            traceback.print_exc()
            error = f"{type(exc).__name__}: {exc}"
        self._finish(run_id, session, error)

    def _finish(self, run_id, session, error) -> None:
        box = self.mailbox
        box.outcome = (run_id, getattr(session, "result", None), error)
        box.done.set()
        self.finished.emit(box.outcome)

    def _run_in_process(self, session, epochs) -> str | None:
        """Train in the training process; returns an error text or None.

        Raises ``_NothingReceived`` when the process failed before the first snapshot
        (the session is untouched then, and the run can go to a thread).
        """
        box = self.mailbox
        received = False
        try:
            # snapshots wake the wait at once; the 25 ms only bound how late a pause or
            # a new speed is passed on (fewer wake-ups: fewer turns of the UI thread's
            # interpreter lock, each of which can stall it on a loaded machine)
            for snaps in self.process.train(
                session, epochs, stop=box.stop, rate=lambda: box.max_rate, poll=0.025
            ):
                received = True
                box.snapshots += len(snaps)
                for snap in snaps:
                    box.put(snap)
        except TrainingRunError as e:
            return str(e)
        except TrainingProcessError as e:
            if not received:
                raise _NothingReceived(str(e)) from e
            return str(e)
        return None
