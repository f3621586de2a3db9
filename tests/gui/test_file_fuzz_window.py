"""Mutated lesson files that load open in the main window (every dock, the demo views)
without an exception, and the window shows the settings they hold."""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "model"))

from file_fuzz import check_text, mutations  # noqa: E402


def test_fifty_loaded_mutations_open_in_the_window(qtbot, demo_window):
    win = demo_window
    panel = win.training_ui.panel
    counts, opened = Counter(), 0
    with qtbot.capture_exceptions() as errors:
        for _name, text in mutations(2000, seed=1850):
            doc = check_text(text, counts, train=False)
            if doc is None:
                continue
            win.set_document(doc)
            qtbot.wait(1)
            opened += 1
            # the panel shows the file's settings, not the previous document's
            assert panel.epochs.value() == doc.settings.epochs
            assert panel.seed.value() == doc.settings.seed
            if opened % 10 == 0:
                win.grab()  # paint every view once in a while
            if opened == 50:
                break
    assert errors == []
    assert opened == 50
