"""Trained work is never lost: a run is one undo step that marks the document modified, an
undo of a run in progress goes back to the weights before it, an edit during a run pauses
it and comes after its step, undo/redo of earlier edits keep the trained weights, and
a killed app's autosave holds the trained network — in the training process and in the
worker thread alike."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

CIRCLE = "playground-circle"


@pytest.fixture(params=["process", "thread"])
def window(request, qtbot, monkeypatch, tmp_path, make_window):
    """The main window with training installed, training in the process or the thread."""
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    if request.param == "thread":
        monkeypatch.setenv("NNSIM_TRAINING_PROCESS", "0")
    from nnsim.gui.training import install

    win = make_window()
    install(win.context)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_lesson(CIRCLE)
    win.place = request.param
    yield win
    win.undo_stack.setClean()
    win.close()
    win.deleteLater()


def theta(window) -> np.ndarray:
    """The document's weights as one flat vector (a fresh compile of the document)."""
    from nnsim.model.compile import compile_document

    return compile_document(window.document).network.theta.copy()


def train(qtbot, window, epochs):
    c = window.training
    assert c.start(epochs)
    qtbot.waitUntil(lambda: not c.running, timeout=60_000)
    assert c._worker.last_place == window.place
    return c


def texts(stack) -> list[str]:
    return [stack.command(i).text() for i in range(stack.count())]


def test_a_run_marks_the_document_modified_and_is_one_undo_step(qtbot, window):
    stack = window.undo_stack
    assert stack.isClean() and not window.isWindowModified()
    before = theta(window)
    c = train(qtbot, window, 20)
    after = theta(window)
    assert not np.array_equal(after, before)
    # the document holds exactly the run's last snapshot, and is modified
    tr = c.session.trainer
    assert tr.history[-1].epoch == 20
    np.testing.assert_array_equal(after, tr.history[-1].weights)
    assert window.is_modified() and window.isWindowModified()
    assert texts(stack) == ["Train 20 epochs"] and stack.undoText() == "Train 20 epochs"
    stack.undo()
    np.testing.assert_array_equal(theta(window), before)
    assert stack.isClean()
    stack.redo()
    np.testing.assert_array_equal(theta(window), after)
    # the session follows: the next run starts from the trained weights
    np.testing.assert_array_equal(c.session.network.theta, after)


def test_undo_and_redo_of_an_earlier_edit_keep_the_trained_weights(qtbot, window):
    stack, doc = window.undo_stack, window.document
    assert window.editor.set_weight("L1-L2", 0, 0, 0.75)
    edited = theta(window)
    train(qtbot, window, 20)
    trained = theta(window)
    w_trained = doc.links["L1-L2"].weights[0, 0]
    assert w_trained != 0.75
    assert texts(stack) == ["Change weight", "Train 20 epochs"]
    stack.undo()  # the run
    np.testing.assert_array_equal(theta(window), edited)
    stack.undo()  # the edit
    assert doc.links["L1-L2"].weights[0, 0] != 0.75
    stack.redo()
    np.testing.assert_array_equal(theta(window), edited)
    stack.redo()
    np.testing.assert_array_equal(theta(window), trained)
    assert doc.links["L1-L2"].weights[0, 0] == w_trained


def test_undo_of_a_run_in_progress_stops_it_and_goes_back(qtbot, window):
    stack, c = window.undo_stack, window.training
    before = theta(window)
    assert c.start(10**7)
    assert window.is_modified()  # modified (and autosaved) while it trains
    qtbot.waitUntil(lambda: len(c.data) > 30, timeout=30_000)
    stack.undo()
    assert not c.running
    np.testing.assert_array_equal(theta(window), before)
    assert stack.redoText().startswith("Train ") and stack.redoText() != "Train 0 epochs"
    stack.redo()
    trained = theta(window)
    assert not np.array_equal(trained, before)
    np.testing.assert_array_equal(trained, c.session.trainer.network.theta)
    np.testing.assert_array_equal(trained, c.session.trainer.history[-1].weights)


def test_an_edit_during_a_run_pauses_it_and_comes_after_its_step(qtbot, window):
    stack, c, doc = window.undo_stack, window.training, window.document
    shown = []
    c.message.connect(lambda kind, text: shown.append(text))
    assert c.start(10**7)
    qtbot.waitUntil(lambda: len(c.data) > 30, timeout=30_000)
    assert window.editor.set_weight("L1-L2", 0, 0, 0.5)
    assert not c.running
    assert any("paused" in t for t in shown)
    assert [t.split()[0] for t in texts(stack)] == ["Train", "Change"]
    assert doc.links["L1-L2"].weights[0, 0] == 0.5  # not overwritten by a later snapshot
    qtbot.wait(300)
    assert doc.links["L1-L2"].weights[0, 0] == 0.5
    trained = c.session.trainer.history[-1].weights.copy()
    stack.undo()  # the edit: back to the trained weights, not the ones before the run
    np.testing.assert_array_equal(theta(window), trained)
    # moving a layer does not stop a run
    assert c.start(10**7)
    qtbot.waitUntil(lambda: len(c.data) > 30, timeout=30_000)
    window.editor.move_layers({"L2": (10.0, 20.0)})
    assert c.running
    c.stop_and_wait()


def test_reset_and_time_travel_are_undo_steps(qtbot, window):
    stack, c = window.undo_stack, window.training
    train(qtbot, window, 20)
    trained = theta(window)
    c.restore(5)
    c.restore(3)  # a slider drag: one step
    assert texts(stack)[-1] == "Go back to epoch 3" and stack.count() == 2
    np.testing.assert_array_equal(theta(window), c.session.trainer.history[3].weights)
    stack.undo()
    np.testing.assert_array_equal(theta(window), trained)
    assert c.history_info()[1] == len(c.session.trainer.history) - 1  # the slider follows
    c.reset_weights()
    assert texts(stack)[-1] == "Reset weights"
    stack.undo()
    np.testing.assert_array_equal(theta(window), trained)


_CHILD = textwrap.dedent(
    """
    import json, sys, time
    from PySide6.QtWidgets import QApplication
    from nnsim.gui.app import build_window
    from nnsim.model.compile import compile_document

    w = build_window(None, restore=False)
    w.show()
    app = QApplication.instance()
    assert w.open_lesson("playground-circle")
    c = w.training

    def wait(cond):
        t0 = time.time()
        while not cond():
            app.processEvents()
            time.sleep(0.002)
            assert time.time() - t0 < 60

    assert c.start(20)
    wait(lambda: not c.running)
    wait(lambda: w.autosaver._last_revision == w.document.revision)
    theta = compile_document(w.document).network.theta
    print(json.dumps({"theta": theta.tolist(), "place": c._worker.last_place}), flush=True)
    while True:
        app.processEvents()
        time.sleep(0.01)
    """
)


@pytest.mark.parametrize("place", ["process", "thread"])
def test_the_trained_network_survives_a_kill_through_autosave(tmp_path, place):
    from nnsim.gui.autosave import AUTOSAVE_NAME, pending_autosave
    from nnsim.model import fileformat
    from nnsim.model.compile import compile_document

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NNSIM_DATA_DIR=str(tmp_path))
    env["NNSIM_AUTOSAVE_SECONDS"] = "0.2"
    if place == "thread":
        env["NNSIM_TRAINING_PROCESS"] = "0"
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        line = proc.stdout.readline()
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the window and its training process
        proc.wait(10)
    got = json.loads(line)
    assert got["place"] == place
    folder = Path(tmp_path) / "autosave"
    pending = pending_autosave(folder)
    assert pending is not None and pending[0].name == AUTOSAVE_NAME
    restored = fileformat.load(pending[0])
    np.testing.assert_array_equal(compile_document(restored).network.theta, got["theta"])
    # and that is the trained network, not the lesson's untrained one
    from nnsim.lessons import get_lesson

    untrained = compile_document(get_lesson(CIRCLE).load()).network.theta
    assert not np.allclose(untrained, got["theta"])
    time.sleep(0)


def test_the_steps_speak_the_ui_language(qtbot, window):
    if window.place == "thread":
        pytest.skip("the language of a step does not depend on where it trained")
    train(qtbot, window, 20)
    window.training.restore(4)
    try:
        window.set_language("zh_CN")
        assert texts(window.undo_stack) == ["训练 20 轮", "回到第 4 轮"]
    finally:
        window.set_language("en")
    assert texts(window.undo_stack) == ["Train 20 epochs", "Go back to epoch 4"]


def test_a_new_seed_during_a_run_resets_inside_its_own_step_and_undo_brings_the_run_back(
    qtbot, window
):
    from nnsim.gui.commands import UpdateSettingsCommand

    stack, c, doc = window.undo_stack, window.training, window.document
    assert c.start(10**7)
    qtbot.waitUntil(lambda: len(c.data) > 30, timeout=30_000)
    assert window.editor.push(UpdateSettingsCommand(doc, "Change seed", seed=doc.settings.seed + 1))
    assert not c.running  # new initial weights now, not when the run is over
    assert [t.split()[0] for t in texts(stack)] == ["Train", "Change"]
    reset = theta(window)
    # the new seed's initial weights, drawn independently from a copy of the document
    from nnsim.model.session import Session

    other = Session(doc.copy())
    other.reset_weights()
    np.testing.assert_array_equal(reset, other.network.theta)
    stack.undo()  # the seed and the weights before it: where the run got
    stack.redo()
    np.testing.assert_array_equal(theta(window), reset)
    stack.undo()
    run_end = theta(window)
    stack.undo()  # the run
    assert not np.array_equal(theta(window), run_end)
    stack.redo()
    np.testing.assert_array_equal(theta(window), run_end)


def test_opening_another_network_during_a_run(qtbot, window):
    c = window.training
    assert c.start(10**7)
    qtbot.waitUntil(lambda: len(c.data) > 10, timeout=30_000)
    window.undo_stack.setClean()
    assert window.open_lesson("bp-worked-example")
    assert not c.running and window.undo_stack.count() == 0
    assert c.start(3)
    qtbot.waitUntil(lambda: not c.running, timeout=30_000)
    assert texts(window.undo_stack) == ["Train 3 epochs"]
