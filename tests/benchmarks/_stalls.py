"""Where the app's event-loop stalls come from: handler timings, GC pauses and a reference.

Used by ``bench_soak.py`` (only the benchmarks import this). A :class:`StallTracer`

* wraps the window's timer and slot handlers (a frame, the document sync, the history
  signal, the autosave, the training process's pipe reads in the worker thread) and
  records when each call started and how long it took;
* records the garbage collector's pauses (``gc.callbacks``);
* runs a **reference**: a separate bare Qt process whose only work is a 5 ms QTimer; its
  lateness at the same moments is what the machine's load alone does to an event loop.

:meth:`StallTracer.explain` then tells, for a gap of the app's probe timer, which
handlers and GC pauses overlapped it, how much processor time the UI thread used in it
and how late the reference was meanwhile: a stall with little UI processor time and a
late reference is the machine's load; one filled by a handler is the app's.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict

# The reference: a bare event loop ticking every 5 ms, writing each gap over 15 ms as
# "<monotonic end> <gap ms>" (time.monotonic is system-wide, so it lines up with ours).
_REFERENCE = r"""
import sys, time
from PySide6.QtCore import QCoreApplication, QTimer, Qt
app = QCoreApplication([])
out = open(sys.argv[1], "a", buffering=1)
last = [time.monotonic()]
def tick():
    now = time.monotonic()
    gap, last[0] = now - last[0], now
    if gap > 0.015:
        out.write(f"{now:.4f} {1000 * gap:.1f}\n")
t = QTimer()
t.setTimerType(Qt.TimerType.PreciseTimer)
t.setInterval(5)
t.timeout.connect(tick)
t.start()
app.exec()
"""


def _runq() -> float:
    """Seconds the calling thread has waited for a processor (Linux schedstat), or 0."""
    try:
        with open("/proc/thread-self/schedstat", "rb") as fh:
            return int(fh.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


class StallTracer:
    """Handler timings, GC pauses and a reference event loop (see the module docstring)."""

    def __init__(self):
        self.calls: list[tuple[float, float, str]] = []  # (start, seconds, name)
        self.gc_pauses: list[tuple[float, float, int]] = []  # (start, seconds, generation)
        self._gc_t0 = 0.0
        self._lock = threading.Lock()
        fd, self._ref_path = tempfile.mkstemp(prefix="nnsim-ref-", suffix=".txt")
        os.close(fd)
        self._ref = None

    # -- recording -----------------------------------------------------------------------
    def wrap(self, obj, attr: str, name: str | None = None) -> None:
        """Replace ``obj.attr`` (a bound method) by a timed one, on the instance."""
        fn = getattr(obj, attr)
        label = name or attr
        tracer = self

        def timed(*args, **kwargs):
            t0 = time.monotonic()
            try:
                return fn(*args, **kwargs)
            finally:
                with tracer._lock:
                    tracer.calls.append((t0, time.monotonic() - t0, label))

        setattr(obj, attr, timed)

    def wrap_pipe(self, process) -> None:
        """Time the worker thread's reads of the training process's snapshots (unpickling
        holds the interpreter lock the UI thread needs)."""
        conn = getattr(process, "_conn", None)
        if conn is None:
            return
        tracer = self

        class TimedConn:
            def __getattr__(self, name):
                return getattr(conn, name)

            def recv(self):
                t0, q0 = time.monotonic(), _runq()
                try:
                    return conn.recv()
                finally:
                    t1, q1 = time.monotonic(), _runq()
                    with tracer._lock:
                        tracer.calls.append((t0, t1 - t0, "pipe read (worker)"))
                        if q1 - q0 > 0.001:  # the worker waited for a core mid-read
                            tracer.calls.append((t0, q1 - q0, "worker waiting for a core"))

        process._conn = TimedConn()

    def _gc(self, phase, info) -> None:
        if phase == "start":
            self._gc_t0 = time.monotonic()
        else:
            t0 = self._gc_t0
            self.gc_pauses.append((t0, time.monotonic() - t0, info.get("generation", -1)))

    def start(self) -> None:
        """Start the GC callback and the reference process."""
        gc.callbacks.append(self._gc)
        self._ref = subprocess.Popen(
            [sys.executable, "-c", _REFERENCE, self._ref_path],
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )

    def stop(self) -> None:
        """Remove the GC callback and end the reference process (ours: by its handle)."""
        if self._gc in gc.callbacks:
            gc.callbacks.remove(self._gc)
        if self._ref is not None:
            self._ref.terminate()
            self._ref.wait(5)
            self._ref = None
        try:
            os.unlink(self._ref_path)
        except OSError:
            pass

    # -- reading ---------------------------------------------------------------------------
    def reference_gaps(self, t0: float, t1: float) -> list[tuple[float, float]]:
        """The reference's gaps (end, ms) over 15 ms that ended in [t0, t1 + 0.05]."""
        out = []
        try:
            with open(self._ref_path) as fh:
                for line in fh:
                    end, ms = (float(v) for v in line.split())
                    if t0 <= end <= t1 + 0.05:
                        out.append((end, ms))
        except (OSError, ValueError):
            pass
        return out

    def reference_worst(self, t0: float, t1: float) -> float:
        """The reference's longest gap (ms) in [t0, t1]; 15 or less shows as 0."""
        return max((ms for _, ms in self.reference_gaps(t0, t1)), default=0.0)

    def overlapping(self, t0: float, t1: float) -> dict[str, float]:
        """Seconds of each handler (and of GC) inside the interval [t0, t1]."""
        out: dict[str, float] = defaultdict(float)
        with self._lock:
            calls = list(self.calls)
        for s, d, name in calls:
            inside = min(s + d, t1) - max(s, t0)
            if inside > 0:
                out[name] += inside
        for s, d, gen in self.gc_pauses:
            inside = min(s + d, t1) - max(s, t0)
            if inside > 0:
                out[f"GC gen {gen}"] += inside
        return dict(out)

    def explain(self, t0: float, t1: float, ui_cpu: float) -> str:
        """One line on the gap [t0, t1] of the app's probe timer."""
        parts = sorted(self.overlapping(t0, t1).items(), key=lambda kv: -kv[1])
        what = ", ".join(f"{name} {1000 * s:.0f}" for name, s in parts[:4]) or "no handler"
        ref = self.reference_worst(t0, t1)
        return (
            f"{1000 * (t1 - t0):.0f} ms: UI processor {1000 * ui_cpu:.0f} ms; in it (ms): {what}; "
            f"reference loop late by {ref:.0f} ms"
        )

    def handler_summary(self, t0: float, t1: float) -> str:
        """The longest call and the call count of each handler that started in [t0, t1]."""
        worst: dict[str, float] = defaultdict(float)
        count: dict[str, int] = defaultdict(int)
        with self._lock:
            calls = list(self.calls)
        for s, d, name in calls:
            if t0 <= s <= t1:
                worst[name] = max(worst[name], d)
                count[name] += 1
        for s, d, gen in self.gc_pauses:
            if t0 <= s <= t1:
                key = f"GC gen {gen}"
                worst[key] = max(worst[key], d)
                count[key] += 1
        items = sorted(worst.items(), key=lambda kv: -kv[1])
        return ", ".join(f"{k} {1000 * v:.1f} ms (×{count[k]})" for k, v in items)

    def keep_only(self, intervals) -> None:
        """Drop every record that overlaps none of ``intervals`` ((start, end) pairs): what
        explains the stalls kept stays, the rest goes (the tracer's memory stays flat)."""

        def wanted(s, d):
            return any(s < t1 and s + d > t0 for t0, t1 in intervals)

        with self._lock:
            self.calls[:] = [c for c in self.calls if wanted(c[0], c[1])]
        self.gc_pauses[:] = [g for g in self.gc_pauses if wanted(g[0], g[1])]
