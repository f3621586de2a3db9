"""The demo-view screenshot script ends cleanly: its windows are deleted before the
interpreter shuts down (left to PySide's exit clean-up, a pyqtgraph item crashed it)."""

import os
import subprocess
import sys

import pytest

SCRIPT = """
if __name__ == "__main__":
    import sys
    from nnsim.gui.demos.screenshots import render
    paths = render(sys.argv[1], languages=("en",), train=False)
    print(len(paths))
"""


@pytest.mark.slow  # ~6 s: a real interpreter renders nine views and exits
def test_render_then_exit_without_a_crash(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NNSIM_DATA_DIR=str(tmp_path / "data"))
    script = tmp_path / "shoot.py"
    script.write_text(SCRIPT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "shots")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]  # was -11 (SIGSEGV) at exit
    assert proc.stdout.strip().splitlines()[-1] == "9"
    assert len(list((tmp_path / "shots").glob("*-en.png"))) == 9
