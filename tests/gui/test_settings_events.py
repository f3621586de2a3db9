"""Undo and redo of every settings-changing step tell the settings' per-field events, and the
training controller follows them: new settings take effect, an undone snapshot's settings
come back with their weights (no reset)."""

import numpy as np

from nnsim.gui import commands as C

CIRCLE = "playground-circle"


def listen(doc):
    heard = []
    doc.settings_events.subscribe(lambda c: heard.append((c.field, c.old, c.new)))
    return heard


def theta(doc) -> np.ndarray:
    from nnsim.model.compile import compile_document

    return compile_document(doc, cache=False).network.theta.copy()


def test_undo_redo_of_a_settings_change_fire_the_field_events(training_window):
    win = training_window
    assert win.open_lesson(CIRCLE)
    doc = win.document
    heard = listen(doc)
    assert win.editor.push(C.UpdateSettingsCommand(doc, lr=0.3, batch_size=20))
    assert heard == [("lr", 0.03, 0.3), ("batch_size", 10, 20)]
    assert win.training.session.trainer.lr == 0.3
    heard.clear()
    win.undo_stack.undo()
    assert heard == [("lr", 0.3, 0.03), ("batch_size", 20, 10)]
    assert win.training.session.trainer.lr == 0.03
    heard.clear()
    win.undo_stack.redo()
    assert heard == [("lr", 0.03, 0.3), ("batch_size", 10, 20)]
    assert win.training.session.trainer.lr == 0.3


def test_undo_redo_of_a_snapshot_that_changed_settings_fire_them_and_keep_the_weights(
    training_window,
):
    win = training_window
    assert win.open_lesson(CIRCLE)
    doc = win.document
    circle_xy = win.training.problem.train_xy.copy()
    before = theta(doc)

    def act(d):
        d.update_settings(dataset="xor")
        d.add_neuron("L2")

    heard = listen(doc)
    win.editor.structural("New data", act)
    changed = [h[0] for h in heard]
    assert changed[0] == "dataset" and heard[0][1:] == ("circle", "xor")
    assert not np.allclose(win.training.problem.train_xy[:4], circle_xy[:4])
    heard.clear()
    win.undo_stack.undo()
    assert heard[0] == ("dataset", "xor", "circle")
    assert set(h[0] for h in heard) == set(changed)  # each field once, back
    assert len(heard) == len(changed)
    # the controller took the settings back as they are: the circle data, the weights
    # from before the step (not new initial weights)
    np.testing.assert_array_equal(win.training.problem.train_xy, circle_xy)
    np.testing.assert_array_equal(theta(doc), before)
    heard.clear()
    win.undo_stack.redo()
    assert heard[0] == ("dataset", "circle", "xor") and len(heard) == len(changed)
    assert win.training.problem.train_xy.shape[0] == 4
