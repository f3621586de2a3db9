"""Benchmark: training the Playground default in the app, offscreen, with everything live.

Run ``.venv/bin/python tests/benchmarks/bench_gui_training.py`` (not collected by pytest).
It builds the app's window as ``nnsim`` does (``build_window``), opens the
playground-circle lesson (circle, 2-4-2-1 tanh, η 0.03, batch 10), shows the decision
boundary, the neuron thumbnails, the error plot and the weights, and trains at full speed
off the UI thread for ``--seconds``. Meanwhile a QTimer ticking every 5 ms in the UI thread
measures the gaps between its ticks: the longest gap is the longest event-loop stall a
user would feel. It prints

* epochs per second in the app, next to the same training headless (no window) measured
  just before, so the cost of the UI is visible whatever the machine's load;
* plot redraws per second (frames in which the boundary, the thumbnails, the error and
  weight plots and the canvas were all redrawn);
* the longest stall and the 99th percentile of the gaps.

Targets (issue 8): ≥ 500 epochs/s, ≥ 25 redraws/s, longest stall ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=8.0, help="training time in the app")
    p.add_argument("--lesson", default="playground-circle")
    p.add_argument("--size", type=int, nargs=2, default=(1600, 1000), metavar=("W", "H"))
    p.add_argument("--presentation", action="store_true", help="measure in presentation mode")
    p.add_argument("--sync-every", type=int, default=4, help="frames between document syncs")
    p.add_argument(
        "--thread",
        action="store_true",
        help="train in the worker thread instead of the training process (for comparison)",
    )
    return p.parse_args(argv)


def headless_rate(lesson: str, seconds: float) -> float:
    """Epochs per second of the same training without any window."""
    from nnsim.lessons import get_lesson
    from nnsim.model.session import Session

    session = Session(get_lesson(lesson).load())
    _ = session.trainer
    n, t0 = 0, time.perf_counter()
    for _snap in session.iter_train(10_000_000):
        n += 1
        if time.perf_counter() - t0 > seconds:
            session.stop()
    return (n - 1) / (time.perf_counter() - t0)


def child_cpu(proc) -> float | None:
    """Processor seconds the training process has used so far (Linux), else None."""
    pid = getattr(getattr(proc, "_proc", None), "pid", None)
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def main(argv=None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.thread:
        os.environ["NNSIM_TRAINING_PROCESS"] = "0"
    os.environ.setdefault("NNSIM_DATA_DIR", str(Path.home() / ".cache" / "nnsim-bench"))
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import numpy as np
    from PySide6.QtCore import QTimer

    from nnsim.gui.app import build_window

    base = headless_rate(args.lesson, min(args.seconds, 4.0))

    window = build_window(None, restore=False)
    window.resize(*args.size)
    window.show()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    proc = window.training._worker.process
    if proc is not None:
        proc.start()  # as the app does a moment after its window is up
    if args.presentation:
        window.set_presentation(True)
        app.processEvents()  # full screen first, then the size asked for
        window.resize(*args.size)
    if not window.open_lesson(args.lesson):
        print(f"no lesson {args.lesson}", file=sys.stderr)
        return 1
    for _ in range(10):
        app.processEvents()
    c = window.training
    c.sync_every = max(1, args.sync_every)
    ui = window.training_ui
    assert c.problem.plane, "the lesson must have a 2-D input plane"

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    probe = QTimer()
    probe.setInterval(5)
    probe.timeout.connect(tick)

    state = {}

    def begin():
        state["child0"] = child_cpu(proc)
        state["frames0"] = c.frames_drawn
        c.frame_cpu.clear()
        c.mailbox.worker_cpu, c.mailbox.snapshots = 0.0, 0
        state["t0"] = time.perf_counter()
        state["cpu0"] = time.process_time()
        last[0] = state["t0"]
        probe.start()
        c.start(10_000_000)

    def end():
        state["t1"] = time.perf_counter()
        state["cpu1"] = time.process_time()
        state["child1"] = child_cpu(proc)
        state["frames1"] = c.frames_drawn
        state["epochs"] = len(c.data)
        probe.stop()
        c.stop_and_wait()
        # trained weights make the document modified: quit without asking to save
        window.undo_stack.setClean()
        app.quit()

    QTimer.singleShot(200, begin)
    QTimer.singleShot(int(200 + 1000 * args.seconds), end)
    app.exec()

    dt = state["t1"] - state["t0"]
    epochs = state["epochs"] - 1
    frames = state["frames1"] - state["frames0"]
    g = np.array(gaps[2:]) * 1000 if len(gaps) > 2 else np.zeros(1)
    val = c.data.column("val_loss")
    live = {
        "boundary": ui.boundary.values is not None,
        "thumbnails": window.scene.neuron_image("L2", 0) is not None,
        # the curve's data, not the points drawn (downsampled to the plot's width)
        "loss curve points": np.size(getattr(ui.error.train_curve, "xData", None)),
    }
    print(f"lesson {args.lesson}, window {args.size[0]}×{args.size[1]}, {dt:.1f} s of training")
    print(f"headless (no window):  {base:8.1f} epochs/s")
    print(f"in the app:            {epochs / dt:8.1f} epochs/s  ({epochs} epochs)")
    print(f"plot redraws:          {frames / dt:8.1f} per second")
    print(
        f"longest stall:         {g.max():8.1f} ms   (99th percentile {np.percentile(g, 99):.1f} ms)"
    )
    print(f"test loss at the end:  {val[-1]:.4f}" if val.size else "no epochs")
    print("live: " + ", ".join(f"{k}: {v}" for k, v in live.items()))
    # Processor time (not wall time): what the machine's load cannot change much.
    fc = np.array(c.frame_cpu) * 1000 if c.frame_cpu else np.zeros(1)
    place = c._worker.last_place
    print(f"trained in:            the {place}")
    busy = (state["cpu1"] - state["cpu0"]) / dt
    print(
        f"processor time: {np.median(fc):.1f} ms per frame (UI thread, median; "
        f"max {fc.max():.1f}); the window's process used {busy:.2f} cores"
    )
    if place == "process" and state["child1"] is not None:
        child = state["child1"] - state["child0"]
        print(
            f"the training process used {child / dt:.2f} cores, "
            f"{1000 * child / max(epochs, 1):.2f} ms per epoch"
        )
    elif place == "thread":
        per_epoch = 1000 * c.mailbox.worker_cpu / max(c.mailbox.snapshots, 1)
        ui_share = 25 * np.median(fc) / 1000
        print(
            f"{per_epoch:.2f} ms per epoch (worker); at 25 redraws/s the UI takes "
            f"{100 * ui_share:.0f} % of one core, so one interpreter trains at most "
            f"{(1 - ui_share) / (per_epoch / 1000):.0f} epochs/s beside it"
        )
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    window.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
