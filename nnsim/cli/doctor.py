"""``nnsim doctor``: check this installation (engine, training process, data folder, Qt, display)."""

from __future__ import annotations

import importlib
import sys
import time

from nnsim import __version__
from nnsim.cli.common import EXIT_ERROR, open_document


def add_parser(sub) -> None:
    """Register the ``doctor`` subcommand on the CLI's subparsers."""
    d = sub.add_parser("doctor", help="check this installation and print what was found")
    d.set_defaults(func=run)


class _Finding(RuntimeError):
    """A check of ``nnsim doctor`` found something missing; its message says it all."""


def _check(name: str, fn) -> bool:
    """Run one check of ``nnsim doctor``: print "ok  name: detail" or "FAIL name: why"."""
    try:
        detail = fn()
    except _Finding as e:
        print(f"FAIL {name}: {e}")
        return False
    except Exception as e:  # noqa: BLE001 - every failure is a finding to print
        print(f"FAIL {name}: {type(e).__name__}: {e}")
        return False
    print(f"ok   {name}: {detail}")
    return True


def _doctor_engine() -> str:
    import numpy as np

    from nnsim.model.session import Session

    session = Session(open_document("bp-worked-example")[0])
    out = float(session.network.forward(session.data.x[:1])[0, 0])
    if abs(out - 0.690283) > 1e-6:
        raise RuntimeError(f"the worked example gives {out:.6f}, not 0.690283")
    return f"the worked example gives ŷ = {out:.6f} (NumPy {np.__version__})"


def _doctor_process() -> str:
    import numpy as np

    from nnsim.model.session import Session
    from nnsim.model.training_process import TrainingProcess

    here, there = (Session(open_document("playground-circle")[0]) for _ in range(2))
    epochs = 300
    t0 = time.perf_counter()
    for _ in here.iter_train(epochs):
        pass
    local = epochs / (time.perf_counter() - t0)
    proc = TrainingProcess()
    try:
        t0 = time.perf_counter()
        proc.start()
        first = None
        for _ in proc.train(there, epochs):
            first = first or time.perf_counter()
        remote = epochs / (time.perf_counter() - first)
    finally:
        proc.close()
    if not np.array_equal(here.network.theta, there.network.theta):
        raise RuntimeError("the process trained other numbers than this one")
    return (
        f"started in {first - t0:.2f} s; {epochs} epochs of the Playground circle, the same "
        f"numbers in both, {local:.0f} epochs/s here and {remote:.0f} epochs/s there"
    )


def _doctor_data() -> str:
    from nnsim.paths import user_data_dir

    folder = user_data_dir()
    probe = folder / ".nnsim-doctor"
    probe.write_text("ok", encoding="utf-8")
    probe.unlink()
    return f"{folder} is writable"


def _doctor_qt() -> str:
    from nnsim.paths import resource

    qt = importlib.import_module("PySide6.QtCore")
    font = resource("fonts", "wqy-microhei.ttc")
    if not font.is_file():
        raise FileNotFoundError(f"the Chinese font {font.name} is missing")
    return f"PySide6 {qt.__version__} (Qt {qt.qVersion()}), Chinese font {font.name}"


def _doctor_display() -> str:
    # No Qt: without a display, starting Qt would end this process.
    display = importlib.import_module("nnsim.gui.display")
    problem = display.display_problem()
    if problem is not None:
        raise _Finding(
            f"{problem}; the window cannot open here (`nnsim gui --screenshot OUT.png` "
            "and the command line work)"
        )
    return f"the window can open on {display.describe_display()}"


def run(args) -> int:
    """The command: run every check, print a line each; exit 1 if any failed."""
    checks = (
        ("engine", _doctor_engine),
        ("training process", _doctor_process),
        ("data folder", _doctor_data),
        ("Qt", _doctor_qt),
        ("display", _doctor_display),
    )
    print(f"nnsim {__version__}, Python {sys.version.split()[0]} on {sys.platform}")
    failed = [name for name, fn in checks if not _check(name, fn)]
    return EXIT_ERROR if failed else 0
