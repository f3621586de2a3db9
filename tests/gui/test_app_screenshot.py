"""`nnsim gui --screenshot OUT.png LESSON` draws the real app and saves it, then quits."""

import os
import subprocess
import sys

from PySide6.QtGui import QImage


def test_gui_screenshot_option_saves_the_window(tmp_path):
    out = tmp_path / "app.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NNSIM_DATA_DIR=str(tmp_path / "data"))
    r = subprocess.run(
        [sys.executable, "-m", "nnsim", "gui", "--screenshot", str(out), "bp-worked-example"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1440, 900)
    # A drawn window, not a blank one: many distinct colours across a row through the canvas.
    row = {img.pixel(x, 300) for x in range(0, 1440, 4)}
    assert len(row) > 20
