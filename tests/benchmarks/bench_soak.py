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
    return p.parse_args(argv)


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
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import numpy as np
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from nnsim.gui.app import build_window

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
    c = window.training
    assert c.problem.plane, "the lesson must have a 2-D input plane"

    minute = args.minute_seconds
    rows: list[dict] = []
    state = {"gap": 0.0, "gap_cpu": 0.0, "cpu_gap": 0.0, "snaps": 0, "frames": 0}
    state["last"], state["last_cpu"] = time.perf_counter(), time.thread_time()

    def tick():
        # the wall time between two ticks, and the UI thread's processor time in it: a
        # long gap with little processor time is the machine's load (the thread waited
        # for a core), a long one with much is work of the window's own
        now, cpu = time.perf_counter(), time.thread_time()
        gap, gap_cpu = now - state["last"], cpu - state["last_cpu"]
        if gap > state["gap"]:
            state["gap"], state["gap_cpu"] = gap, gap_cpu
        state["cpu_gap"] = max(state["cpu_gap"], gap_cpu)
        state["last"], state["last_cpu"] = now, cpu

    probe = QTimer()
    probe.setInterval(5)
    probe.timeout.connect(tick)

    def child_pid():
        p = getattr(proc, "_proc", None) if proc is not None else None
        return getattr(p, "pid", None)

    def sample():
        now = time.perf_counter()
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
                "load": os.getloadavg()[0],
                "epochs": snaps,
            }
        )
        r = rows[-1]
        print(
            f"minute {r['minute']:2d}: {r['epochs_s']:8.1f} epochs/s  {r['frames_s']:5.1f} frames/s "
            f"({r['frame_ms']:.1f} ms processor each)  "
            f"window {r['rss_window']:6.1f} MB  training process {r['rss_training']:6.1f} MB  "
            f"longest stall {r['stall_ms']:6.1f} ms ({r['stall_cpu_ms']:.1f} ms processor; "
            f"most processor in one gap {r['cpu_stall_ms']:.1f} ms)  (load {r['load']:.2f}, "
            f"{r['epochs']} epochs)",
            flush=True,
        )
        state.update(t=now, snaps=snaps, frames=frames, gap=0.0, gap_cpu=0.0, cpu_gap=0.0)
        c.frame_cpu.clear()
        if len(rows) >= args.minutes:
            probe.stop()
            c.stop_and_wait()
            # trained weights make the document modified: quit without asking to save
            window.undo_stack.setClean()
            app.quit()

    def begin():
        c.mailbox.snapshots = 0
        state.update(t=time.perf_counter(), snaps=0, frames=c.frames_drawn, gap=0.0)
        state["last"], state["last_cpu"] = time.perf_counter(), time.thread_time()
        probe.start()
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
    QTimer.singleShot(500, begin)
    app.exec()

    print(
        f"trained in the {c._worker.last_place}; {len(c.data)} rows of plot data, "
        f"{len(c.session.trainer.history)} rows of history"
    )
    if len(rows) >= 2:
        base, last = rows[1], rows[-1]
        speed = last["epochs_s"] / base["epochs_s"] if base["epochs_s"] else float("nan")
        grow_w = last["rss_window"] / base["rss_window"] - 1
        grow_t = last["rss_training"] / base["rss_training"] - 1
        stall = max(r["stall_ms"] for r in rows)
        stall_cpu = max(r["cpu_stall_ms"] for r in rows)
        ok_speed = abs(speed - 1) <= 0.2
        ok_mem = grow_w < 0.1 and (grow_t < 0.1 or grow_t != grow_t)
        print(
            f"speed: last minute {last['epochs_s']:.0f} epochs/s = {100 * speed:.0f} % of "
            f"minute 2's {base['epochs_s']:.0f}: {'PASS' if ok_speed else 'FAIL'} (within 20 %)"
        )
        print(
            f"memory after minute 2: window {100 * grow_w:+.1f} %, training process "
            f"{100 * grow_t:+.1f} %: {'PASS' if ok_mem else 'FAIL'} (under 10 %)"
        )
        print(
            f"longest stall: {stall:.1f} ms: {'PASS' if stall <= 50 else 'FAIL'} (at most 50 ms); "
            f"the most processor time the UI thread spent in one gap: {stall_cpu:.1f} ms"
        )
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    window.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
