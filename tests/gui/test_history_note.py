"""An opened trained file says that it holds no training history (the file keeps the
weights only) instead of showing an empty error plot that looks broken; training draws the
curve and the note goes."""

import pytest


@pytest.fixture
def window(training_window):
    """The main window with training installed (``training_window`` in conftest.py)."""
    return training_window


def test_opened_trained_file_says_it_has_no_history(qtbot, window, tmp_path):
    from nnsim.api import save, train

    report = train("xor-two-layer", epochs=20)
    assert report.epochs == 20
    path = tmp_path / "trained.nnsim"
    save(report.session.document, path)
    assert window.open_file(path, ask=False)
    plot = window.training_ui.error
    note = plot.empty_note
    assert note.isVisibleTo(plot)
    assert note.text().startswith("No history: the file keeps only the weights.")
    # a line of its own above the plot: not drawn over the plot's title and legend
    assert not note.geometry().intersects(plot.graphics.geometry())
    assert plot.train_curve.getData()[0] is None or len(plot.train_curve.getData()[0]) == 0
    window.set_language("zh_CN")
    try:
        assert note.text().startswith("没有训练历史")
    finally:
        window.set_language("en")
    # training draws the curve from here, and the note goes
    c = window.training
    assert c.start(3)
    qtbot.waitUntil(lambda: not c.running, timeout=60_000)
    plot.update_frame(plot._last_frame, force=True)
    assert len(plot.train_curve.getData()[0]) > 0
    assert not note.isVisibleTo(plot)
