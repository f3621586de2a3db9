"""Plays a ``Comparison`` on the UI thread in time-bounded chunks, so the window never stalls.

Every tick of a timer trains whole epochs (all variants together) until a time budget is
spent or the pace's share of epochs is done; ``frame`` follows in a turn of the event loop
of its own, so that input and other timers wait for the training or the drawing, not both. The variants of a
lesson are tiny networks: an epoch of 16 of them takes a millisecond or two, so chunks of
at most ``BUDGET_S`` keep the event loop free without a thread (a worker thread would
fight the UI thread for the GIL on such small NumPy calls and make no run faster).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal

#: Longest time one tick may train, in seconds (the rest of a frame is drawing).
BUDGET_S = 0.012
#: Time between ticks in ms: ~33 redraws a second when drawing keeps up.
TICK_MS = 30
#: Shortest wait in ms from the end of one tick to the next: the frame's painting and the
#: other timers run in between (a tick due at once would start before they get a turn).
MIN_GAP_MS = 8
#: Epochs a second of each pace (None: as fast as the budget allows).
PACES = (5, 20, 60, 200, None)
DEFAULT_PACE = 20


class CompareRunner(QObject):
    """Owns the comparison being played and its run.

    Signals
    -------
    frame()
        New epochs were trained (draw the variants).
    state_changed(bool)
        Playing (True) or not.
    finished()
        The run trained all its epochs (or every variant ended).
    """

    frame = Signal()
    state_changed = Signal(bool)
    finished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.comparison = None
        self.epochs = 0
        self.pace: int | None = DEFAULT_PACE
        self.epoch = 0  # epochs trained in this comparison
        self.ended: set[int] = set()
        self._gen = None
        self._owed = 0.0  # epochs the pace allows but not yet trained
        self._last = 0.0
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        # the frame is drawn in a turn of the event loop of its own, after the training:
        # a key press or another timer waits for one of the two, never for both
        self._draw_timer = QTimer(self)
        self._draw_timer.setSingleShot(True)
        self._draw_timer.setInterval(0)
        self._draw_timer.timeout.connect(self._draw)
        self._tick_began = 0.0
        #: seconds spent training, epochs trained (for the benchmark)
        self.train_time = 0.0
        self.trained = 0

    @property
    def playing(self) -> bool:
        return self.timer.isActive()

    def set_comparison(self, comparison, epochs: int) -> None:
        """Play ``comparison`` from now on (``epochs`` per Play)."""
        self.pause()
        self.comparison = comparison
        self.epochs = int(epochs)
        self.epoch = 0
        self.ended = set()
        self._gen = None
        self.frame.emit()

    def set_pace(self, pace: int | None) -> None:
        """Epochs a second (None: as fast as possible)."""
        self.pace = pace

    def play(self) -> None:
        """Train on (a finished run starts ``epochs`` more)."""
        if self.comparison is None or self.playing:
            return
        if self._gen is None:
            self._gen = self.comparison.iter_epochs(self.epochs)
        self._owed = 1.0
        self._last = time.perf_counter()
        self.timer.start()
        self.state_changed.emit(True)

    def pause(self) -> None:
        """Stop after the current epoch (the run can go on with ``play``)."""
        if self.timer.isActive():
            self.timer.stop()
            self.state_changed.emit(False)

    def toggle(self) -> None:
        (self.pause if self.playing else self.play)()

    def tick(self) -> None:
        """Train one chunk (bounded by ``BUDGET_S`` and the pace), then ``frame``."""
        if self._gen is None:
            self.pause()
            return
        now = time.perf_counter()
        if self.pace is not None:
            self._owed = min(self._owed + (now - self._last) * self.pace, self.pace)
        self._last = now
        start, done, over = now, 0, False
        while self.pace is None or self._owed >= 1.0:
            try:
                step = next(self._gen)
            except StopIteration:
                over = True
                break
            self.ended.update(step.ended)
            if step.kind == "epoch":
                self.epoch += 1
                done += 1
                self._owed -= 1.0
            if time.perf_counter() - start >= BUDGET_S:
                break
        self.train_time += time.perf_counter() - start
        self.trained += done
        if over:
            self._gen = None
            self.pause()
            self.frame.emit()
            self.finished.emit()
            return
        self._tick_began = now
        if done:
            if self.timer.isActive():
                self.timer.start(TICK_MS)  # re-armed once the frame is drawn (``_draw``)
            self._draw_timer.start()
        else:
            self._rearm()

    def _draw(self) -> None:
        self.frame.emit()
        self._rearm()

    def _rearm(self) -> None:
        if self.timer.isActive():
            # the next tick TICK_MS after this one began, but never at once: a tick that
            # ran long (training and drawing) leaves the event loop a gap to paint in
            spent = 1e3 * (time.perf_counter() - self._tick_began)
            self.timer.start(max(MIN_GAP_MS, int(TICK_MS - spent)))
