"""Long work off the UI thread: a job with coalesced progress, cancel, and results in the UI thread.

The work runs in a Python thread (NumPy releases the GIL in its heavy calls, so the
window stays responsive). It reports progress by handing over a snapshot; a QTimer in
the UI thread picks up the newest snapshot at most ~30 times a second and emits it, so
plots are redrawn at a steady rate however fast the training goes (DESIGN.md: plots
from a timer, the UI never blocks).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal


class JobCancelled(Exception):
    """Raised inside a job's function by ``check()`` when the user pressed Cancel."""


class JobContext:
    """What a job's function receives: ``report(snapshot)`` and ``check()``/``cancelled``."""

    def __init__(self):
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._snapshot = None
        self._dirty = False
        #: Held by the UI thread while it draws a snapshot; ``check()`` waits for it, so
        #: the job's many small NumPy calls do not fight the drawing for the interpreter
        #: lock (each would make the UI thread wait for it again: frames of 100+ ms).
        self.frame_lock = threading.Lock()

    def report(self, snapshot) -> None:
        """Hand over the newest progress snapshot (older unread ones are dropped)."""
        with self._lock:
            self._snapshot = snapshot
            self._dirty = True

    @property
    def cancelled(self) -> bool:
        """True once Cancel was pressed."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise JobCancelled when Cancel was pressed (call it between batches).

        Waits while the UI thread draws a snapshot (a few milliseconds).
        """
        if self._cancel.is_set():
            raise JobCancelled
        with self.frame_lock:
            pass

    def take(self):
        """The snapshot not yet taken, or None."""
        with self._lock:
            if not self._dirty:
                return None
            self._dirty = False
            return self._snapshot


class BackgroundJob(QObject):
    """Run ``fn(ctx)`` in a thread; signals arrive in the UI thread.

    Parameters
    ----------
    fn : callable
        ``fn(ctx: JobContext) -> result``. It calls ``ctx.report(snapshot)`` for progress
        and ``ctx.check()`` (or reads ``ctx.cancelled``) to stop early.
    interval_ms : int
        How often the UI thread looks for progress (33 ms ≈ 30 times a second).

    Signals
    -------
    progress(object)
        The newest snapshot.
    finished(object)
        The function's return value (after the last progress).
    cancelled()
        The function stopped because of ``cancel()`` (by raising JobCancelled).
    failed(str)
        The function raised; the message (the traceback goes to stderr).
    """

    progress = Signal(object)
    finished = Signal(object)
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, fn: Callable, interval_ms: int = 33, parent=None):
        super().__init__(parent)
        self._fn = fn
        self.ctx = JobContext()
        self._done = threading.Event()
        self._outcome: tuple | None = None
        self._thread: threading.Thread | None = None
        self._in_poll = False
        self._timer = QTimer(self)
        self._timer.setInterval(int(interval_ms))
        self._timer.timeout.connect(self._poll)

    def start(self) -> None:
        """Start the thread (once)."""
        if self._thread is not None:
            raise RuntimeError("a job runs only once")
        self._thread = threading.Thread(target=self._run, name="nnsim-job", daemon=True)
        self._thread.start()
        self._timer.start()

    def cancel(self) -> None:
        """Ask the function to stop at its next check."""
        self.ctx._cancel.set()

    @property
    def running(self) -> bool:
        """True from ``start`` until the result has been delivered."""
        return self._thread is not None and self._timer.isActive()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the thread ends (tests, shutdown); True if it ended."""
        return self._done.wait(timeout)

    def _run(self) -> None:
        try:
            self._outcome = ("ok", self._fn(self.ctx))
        except JobCancelled:
            self._outcome = ("cancelled", None)
        except Exception as exc:  # noqa: BLE001 - reported to the UI, not lost in a thread
            traceback.print_exc()
            self._outcome = ("failed", f"{type(exc).__name__}: {exc}")
        finally:
            self._done.set()

    def _poll(self) -> None:
        if self._in_poll:
            return  # the timer fired inside the paint below
        snap = self.ctx.take()
        if snap is not None:
            self._in_poll = True
            try:
                with self.ctx.frame_lock:
                    self.progress.emit(snap)
                    # paint what the snapshot changed while the job waits in check()
                    app = QCoreApplication.instance()
                    if app is not None:
                        app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            finally:
                self._in_poll = False
        if not self._done.is_set():
            return
        self._timer.stop()
        snap = self.ctx.take()  # progress reported just before the end
        if snap is not None:
            self.progress.emit(snap)
        kind, value = self._outcome or ("failed", "the job ended without a result")
        if kind == "ok":
            self.finished.emit(value)
        elif kind == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(value)
