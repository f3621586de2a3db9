"""Mutated lesson files that load open in the main window (every dock, the demo views)
without an exception, and the window shows the settings they hold."""

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "model"))

from file_fuzz import check_text, mutations  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def _open_mutations(qtbot, win, n: int, seed: int) -> Counter:
    panel = win.training_ui.panel
    counts = Counter()
    with qtbot.capture_exceptions() as errors:
        for _name, text in mutations(20 * n, seed=seed):
            doc = check_text(text, counts, train=False)
            if doc is None or doc.settings.dataset == "mnist":
                continue  # all of MNIST takes seconds to read; tests/gui/test_cnn_view reads it
            win.set_document(doc)
            QApplication.processEvents()
            counts["opened"] += 1
            # the panel shows the file's settings, not the previous document's
            assert panel.rules.epochs.value() == doc.settings.epochs
            assert panel.weights.seed.value() == doc.settings.seed
            if counts["opened"] % 10 == 0:
                win.grab()  # paint every view once in a while
            if counts["opened"] == n:
                break
    assert errors == []
    assert counts["opened"] == n
    return counts


def test_loaded_mutations_open_in_the_window(qtbot, demo_window):
    """25 here (~0.15 s each); 300 in the slow run below."""
    _open_mutations(qtbot, demo_window, 25, seed=1850)


@pytest.mark.slow
def test_many_loaded_mutations_open_in_the_window(qtbot, demo_window):
    _open_mutations(qtbot, demo_window, 300, seed=1851)
