"""The demo views' background job: progress reaches the UI thread, cancel stops it, and the
job waits at ``check()`` while the UI thread draws a snapshot."""

import threading
import time

import pytest

from nnsim.gui.demos.worker import BackgroundJob, JobCancelled, JobContext


def test_check_waits_while_a_snapshot_is_drawn():
    ctx = JobContext()
    passed = threading.Event()

    def job():
        ctx.check()
        passed.set()

    with ctx.frame_lock:  # the UI thread drawing
        t = threading.Thread(target=job)
        t.start()
        assert not passed.wait(0.1)  # parked until the frame is done
    assert passed.wait(2.0)
    t.join()


def test_progress_cancel_and_the_result(qtbot):
    seen = []

    def count(ctx):
        for i in range(1_000_000):
            ctx.check()
            ctx.report(i)
            time.sleep(0.001)
        return "never"

    job = BackgroundJob(count, interval_ms=10)
    job.progress.connect(seen.append)
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        job.start()
        qtbot.waitUntil(lambda: len(seen) >= 3, timeout=5000)
        job.cancel()
    assert seen == sorted(seen) and seen[-1] > 0  # the newest snapshot each time
    assert job.wait(1.0)

    job = BackgroundJob(lambda ctx: 42, interval_ms=10)
    with qtbot.waitSignal(job.finished, timeout=5000) as done:
        job.start()
    assert done.args == [42]


def test_a_cancelled_check_raises():
    ctx = JobContext()
    ctx._cancel.set()
    with pytest.raises(JobCancelled):
        ctx.check()
