"""The headless packages import without Qt: no PySide6, no pyqtgraph in sys.modules."""

import importlib.util
import json
import subprocess
import sys

import pytest

HEADLESS = ["nnsim.engine", "nnsim.data", "nnsim.model", "nnsim.cli", "nnsim.api"]
QT = ("PySide6", "pyqtgraph", "shiboken6")


def _exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_import_leaves_qt_out(module):
    if not _exists(module):
        pytest.skip(f"{module} does not exist yet")
    code = (
        "import importlib, json, sys\n"
        f"importlib.import_module({module!r})\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {QT!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == [], f"importing {module} loaded {', '.join(loaded)}"


def test_all_headless_packages_together():
    present = [m for m in HEADLESS if _exists(m)]
    code = (
        "import importlib, sys\n"
        f"for m in {present!r}: importlib.import_module(m)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {QT!r}]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
