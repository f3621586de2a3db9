"""The training controller's frames: a cadence of their own, and one ``Frame`` per tick for the plots."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QGraphicsItem

from nnsim.recipes.plot_data import Frame


class FramePacing:
    """Frame timing and drawing; mixed into ``TrainingController``, which owns the state."""

    def _canvas_cache(self, on: bool) -> None:
        """Cache the canvas items' pictures while training (or stop caching).

        Every frame repaints the neurons' pictures, and with them whatever they overlap;
        cached items are then copied instead of drawn again, which more than halves the
        canvas's share of a frame. Only while training: some display changes (language,
        θ instead of b) redraw the scene without telling each item.
        """
        scene = self.context.scene
        from nnsim.gui.canvas import EdgeItem, LayerItem, NeuronItem, PortItem

        mode = (
            QGraphicsItem.CacheMode.DeviceCoordinateCache if on else QGraphicsItem.CacheMode.NoCache
        )
        kinds = (EdgeItem, LayerItem, NeuronItem, PortItem)
        for item in scene.items():
            if isinstance(item, kinds):
                item.setCacheMode(mode)

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
            QTimer.singleShot(0, self, self._sync_tick)

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
