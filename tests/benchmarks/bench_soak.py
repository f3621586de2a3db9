"""Soak benchmark: the Playground lesson left training in the app for minutes, offscreen.

Run ``QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_soak.py`` (not
collected by pytest). It builds the window as ``nnsim`` does, opens the playground-circle
lesson with the decision boundary, the neuron pictures, the error plot and the canvas
live, presses Play (an endless run) and leaves it for ``--minutes`` (10). A QTimer ticking
every 5 ms in the UI thread measures the event loop's gaps. For every minute it prints

* epochs per second (snapshots the window received),
* the resident memory (RSS) of the window's process and of the training process,
* the longest event-loop stall (and the UI thread's processor time in it: a long stall
  with little processor time is the machine's load, not the window's work), the frames
  drawn per second and the median processor time of a frame,

and at the end three verdicts (issue 15): the last minute within 20 % of minute 2's
epochs/s; memory growth under 10 % after minute 2 (each process); no stall over 50 ms.
``--minute-seconds 20`` shortens the "minute" for a quick look; ``--thread`` trains in
the worker thread instead of the training process. The machine's load average is
printed beside the figures: on a shared machine, compare runs made under similar load.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--minutes", type=int, default=10, help="training time in the app")
    p.add_argument("--minute-seconds", type=float, default=60.0, help="length of a 'minute'")
    p.add_argument("--lesson", default="playground-circle")
    p.add_argument("--size", type=int, nargs=2, default=(1600, 1000), metavar=("W", "H"))
    p.add_argument("--thread", action="store_true", help="train in the worker thread")
    p.add_argument(
        "--idle-seconds",
        type=float,
        default=20.0,
        help="the probe timer in the idle window before Play (the machine's reference)",
    )
    p.add_argument("--stalls", type=int, default=8, help="longest stalls explained at the end")
    return p.parse_args(argv)


class ThreadSched:
    """The calling thread's time spent waiting for a processor (Linux schedstat), in
    seconds since it started; 0 where the system does not say."""

    def __init__(self):
        try:
            self._fd = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
        except OSError:
            self._fd = None

    def runq(self) -> float:
        if self._fd is None:
            return 0.0
        try:
            return int(os.pread(self._fd, 100, 0).split()[1]) / 1e9
        except (OSError, ValueError, IndexError):
            return 0.0


def trace(tracer, window) -> None:
    """Time the window's handlers that run in the UI thread while training (and the
    worker's pipe reads): a frame (its drawing and each plot's part of it), the document
    sync, the history signal, the autosave."""
    c, ui = window.training, window.training_ui
    tracer.wrap(c, "tick", "frame")
    tracer.wrap(c, "_draw", "frame: plots")
    tracer.wrap(c, "_sync_tick", "document sync")
    tracer.wrap(c, "_emit_history", "history signal")
    for obj, attr, label in (
        (ui.error, "update_frame", "error plot"),
        (ui.boundary, "update_frame", "boundary"),
        (ui.weights, "update_frame", "weight plot"),
        (ui.thumbnails, "update_frame", "neuron pictures"),
        (ui.panel.numbers, "update_numbers", "panel numbers"),
    ):
        c.frame.disconnect(getattr(obj, attr))
        tracer.wrap(obj, attr, label)
        c.frame.connect(getattr(obj, attr))
    saver = getattr(window, "autosaver", None)
    if saver is not None:
        saver.timer.timeout.disconnect(saver.save_now)
        tracer.wrap(saver, "save_now", "autosave")
        saver.timer.timeout.connect(saver.save_now)


def rss_mb(pid: int | None) -> float:
    """Resident memory of process ``pid`` in MB (Linux /proc), NaN when unknown."""
    if pid is None:
        return float("nan")
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def main(argv=None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.thread:
        os.environ["NNSIM_TRAINING_PROCESS"] = "0"
    os.environ.setdefault("NNSIM_DATA_DIR", str(Path.home() / ".cache" / "nnsim-bench"))
    here = Path(__file__).resolve()
    sys.path.insert(0, str(here.parents[2]))
    sys.path.insert(0, str(here.parent))
    import numpy as np
    from _common import Load, verdict
    from _stalls import StallTracer
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from nnsim.gui.app import build_window, freeze_startup_objects

    load = Load()
    window = build_window(None, restore=False)
    window.resize(*args.size)
    window.show()
    app = QApplication.instance()
    proc = window.training._worker.process
    if proc is not None:
        proc.start()
    if not window.open_lesson(args.lesson):
        print(f"no lesson {args.lesson}", file=sys.stderr)
        return 1
    for _ in range(10):
        app.processEvents()
    freeze_startup_objects()  # as ``nnsim gui`` does once its window is up
    c = window.training
    assert c.problem.plane, "the lesson must have a 2-D input plane"
    tracer = StallTracer()
    trace(tracer, window)
    if proc is not None:
        tracer.wrap_pipe(proc)
    tracer.start()

    minute = args.minute_seconds
    rows: list[dict] = []
    # (start, end, UI processor seconds, seconds the UI thread waited for a core)
    stalls: list[tuple[float, float, float, float]] = []
    sched = ThreadSched()
    state = {"gap": 0.0, "gap_cpu": 0.0, "cpu_gap": 0.0, "snaps": 0, "frames": 0}
    state["last"], state["last_cpu"] = time.monotonic(), time.thread_time()

    def tick():
        # the wall time between two ticks, and the UI thread's processor time in it: a
        # long gap with little processor time is the machine's load (the thread waited
        # for a core), a long one with much is work of the window's own
        now, cpu, runq = time.monotonic(), time.thread_time(), sched.runq()
        gap, gap_cpu = now - state["last"], cpu - state["last_cpu"]
        gap_runq, state["last_runq"] = runq - state.get("last_runq", runq), runq
        if gap > state["gap"]:
            state["gap"], state["gap_cpu"] = gap, gap_cpu
        state["cpu_gap"] = max(state["cpu_gap"], gap_cpu)
        if gap > 0.03:
            stalls.append((state["last"], now, gap_cpu, gap_runq))
        state["last"], state["last_cpu"] = now, cpu

    probe = QTimer()
    probe.setInterval(5)
    probe.timeout.connect(tick)

    def child_pid():
        p = getattr(proc, "_proc", None) if proc is not None else None
        return getattr(p, "pid", None)

    def sample():
        now = time.monotonic()
        snaps, frames = c.mailbox.snapshots, c.frames_drawn
        dt = now - state["t"]
        rows.append(
            {
                "minute": len(rows) + 1,
                "epochs_s": (snaps - state["snaps"]) / dt,
                "frames_s": (frames - state["frames"]) / dt,
                "rss_window": rss_mb(os.getpid()),
                "rss_training": rss_mb(child_pid()),
                "frame_ms": 1000 * float(np.median(c.frame_cpu)) if c.frame_cpu else 0.0,
                "stall_ms": 1000 * state["gap"],
                "stall_cpu_ms": 1000 * state["gap_cpu"],
                "cpu_stall_ms": 1000 * state["cpu_gap"],
                "ref_ms": tracer.reference_worst(state["t"], now),
                "load": load.see(),
                "epochs": snaps,
            }
        )
        r = rows[-1]
        print(
            f"minute {r['minute']:2d}: {r['epochs_s']:8.1f} epochs/s  {r['frames_s']:5.1f} frames/s "
            f"({r['frame_ms']:.1f} ms processor each)  "
            f"window {r['rss_window']:6.1f} MB  training process {r['rss_training']:6.1f} MB  "
            f"longest stall {r['stall_ms']:6.1f} ms ({r['stall_cpu_ms']:.1f} ms processor; "
            f"most processor in one gap {r['cpu_stall_ms']:.1f} ms); reference loop's longest "
            f"gap {r['ref_ms']:.0f} ms  (load {r['load']:.2f}, {r['epochs']} epochs)",
            flush=True,
        )
        print(f"    longest handler calls: {tracer.handler_summary(state['t'], now)}", flush=True)
        state.update(t=now, snaps=snaps, frames=frames, gap=0.0, gap_cpu=0.0, cpu_gap=0.0)
        c.frame_cpu.clear()
        # keep what the longest stalls need, drop the rest (the tracer stays small)
        stalls.sort(key=lambda g: g[0] - g[1])
        keep = stalls[: args.stalls]
        stalls[:] = keep
        tracer.keep_only([(g[0], g[1]) for g in keep])
        if len(rows) >= args.minutes:
            probe.stop()
            c.stop_and_wait()
            # trained weights make the document modified: quit without asking to save
            window.undo_stack.setClean()
            app.quit()

    def idle_done():
        # the probe in the idle window: what the machine's load alone does to this loop
        state["idle_ms"] = 1000 * state["gap"]
        state["idle_ref_ms"] = tracer.reference_worst(state["idle_t0"], time.monotonic())
        print(
            f"idle window, {args.idle_seconds:g} s before Play: longest gap of the probe "
            f"{state['idle_ms']:.1f} ms, of the reference loop {state['idle_ref_ms']:.0f} ms "
            f"(load {load.see():.2f})",
            flush=True,
        )
        stalls.clear()
        begin()

    def idle():
        state["idle_t0"] = state["last"] = time.monotonic()
        state["last_cpu"] = time.thread_time()
        state["gap"] = 0.0
        probe.start()
        QTimer.singleShot(int(1000 * args.idle_seconds), idle_done)

    def begin():
        c.mailbox.snapshots = 0
        state.update(t=time.monotonic(), snaps=0, frames=c.frames_drawn, gap=0.0)
        state["gap_cpu"] = state["cpu_gap"] = 0.0
        c.start(10**9)
        minutes = QTimer(app)
        minutes.setInterval(int(1000 * minute))
        minutes.timeout.connect(sample)
        minutes.start()
        state["timer"] = minutes

    print(
        f"lesson {args.lesson}, window {args.size[0]}×{args.size[1]}, "
        f"{args.minutes} × {minute:g} s, training in the "
        f"{'thread' if proc is None else 'process'}; {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.2f} at the start",
        flush=True,
    )
    QTimer.singleShot(500, idle)
    app.exec()
    load.see()

    print(
        f"trained in the {c._worker.last_place}; {len(c.data)} rows of plot data, "
        f"{len(c.session.trainer.history)} rows of history"
    )
    print(f"the {len(stalls)} longest stalls (gaps of the 5 ms probe), explained:")
    print(
        "  (the gap = UI processor + waiting for a core (the machine's load) + blocked: "
        "waiting for the interpreter lock or another lock, i.e. the app's own doing)"
    )
    for t0, t1, cpu, runq in sorted(stalls, key=lambda g: g[0] - g[1]):
        blocked = max(0.0, t1 - t0 - cpu - runq)
        print(
            f"  {tracer.explain(t0, t1, cpu)}; waited for a core {1000 * runq:.0f} ms, "
            f"blocked {1000 * blocked:.0f} ms"
        )
    tracer.stop()
    if len(rows) >= 2:
        base, last = rows[1], rows[-1]
        speed = last["epochs_s"] / base["epochs_s"] if base["epochs_s"] else float("nan")
        grow_w = last["rss_window"] / base["rss_window"] - 1
        grow_t = last["rss_training"] / base["rss_training"] - 1
        stall = max(r["stall_ms"] for r in rows)
        stall_cpu = max(r["cpu_stall_ms"] for r in rows)
        ref = max(r["ref_ms"] for r in rows)
        ok_speed = abs(speed - 1) <= 0.2
        ok_mem = grow_w < 0.1 and (grow_t < 0.1 or grow_t != grow_t)
        print(
            f"speed: last minute {last['epochs_s']:.0f} epochs/s = {100 * speed:.0f} % of "
            f"minute 2's {base['epochs_s']:.0f}: {verdict(ok_speed, load)} (within 20 %)"
        )
        print(
            f"memory after minute 2: window {100 * grow_w:+.1f} %, training process "
            f"{100 * grow_t:+.1f} %: {verdict(ok_mem, load)} (under 10 %)"
        )
        print(
            f"longest stall: {stall:.1f} ms: {verdict(stall <= 50, load)} (at most 50 ms); "
            f"the most processor time the UI thread spent in one gap: {stall_cpu:.1f} ms; "
            f"the reference loop's longest gap: {ref:.0f} ms (idle window before Play: "
            f"{state.get('idle_ms', float('nan')):.0f} ms)"
        )
    print(f'{load.span()} over the run ("busy" above {load.cores}: no verdict)')
    window.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
