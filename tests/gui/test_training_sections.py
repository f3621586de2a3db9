"""The training panel's sections: what a section's widgets say goes into the document's
settings (and the session trains with it), and what the settings say shows in the section."""

import numpy as np
import pytest

from nnsim.engine.layers.base import INIT_SCHEMES
from nnsim.engine.training import RULES

CIRCLE = "playground-circle"


@pytest.fixture
def window(training_window):
    """The main window with training installed, on the Playground circle lesson."""
    assert training_window.open_lesson(CIRCLE)
    return training_window


def settings(window):
    return window.document.settings


def type_number(combo, text: str) -> None:
    """Type ``text`` into a number combo and leave it, as a user does."""
    combo.setEditText(text)
    combo.lineEdit().editingFinished.emit()


def enter(spin, value: int) -> None:
    """Type ``value`` into a spin box and leave it."""
    spin.setValue(value)
    spin.editingFinished.emit()


def n_points(window) -> int:
    """How many points the session trains and validates on (its data, loaded)."""
    data = window.training.session.data
    return len(data.x) + (0 if data.x_val is None else len(data.x_val))


def test_rule_section_settings_round_trip(window):
    rules = window.training_ui.panel.rules
    type_number(rules.lr, "0.003")
    assert settings(window).lr == 0.003
    assert window.training.session.trainer.lr == pytest.approx(0.003)  # what trains
    type_number(rules.lr, "0")  # not a learning rate: the setting shows again
    assert settings(window).lr == 0.003 and rules.lr.currentText() == "0.003"
    rules.optimizer.activated.emit(2)
    assert settings(window).optimizer == "adam" and rules.optimizer.currentText() == "Adam"
    assert not rules.reg_lambda.isEnabled()
    rules.reg.activated.emit(2)
    assert settings(window).regularization == "l2" and rules.reg_lambda.isEnabled()
    type_number(rules.reg_lambda, "0.01")
    assert settings(window).reg_lambda == 0.01
    rules.rule.activated.emit(RULES.index("minibatch"))
    assert settings(window).rule == "minibatch" and rules.batch.isEnabled()
    enter(rules.batch, 16)
    assert settings(window).batch_size == 16
    rules.early.setChecked(True)
    assert settings(window).early_stopping is True and rules.patience.isEnabled()
    enter(rules.patience, 7)
    enter(rules.val_share, 20)
    enter(rules.epochs, 123)
    s = settings(window)
    assert (s.patience, s.validation_fraction, s.epochs) == (7, 0.2, 123)
    # the section follows the document: undo puts the previous numbers back in it
    window.undo_stack.undo()
    assert settings(window).epochs != 123
    assert rules.epochs.value() == settings(window).epochs
    window.undo_stack.undo()
    assert rules.val_share.value() == round(100 * settings(window).validation_fraction) != 20


def test_data_section_settings_round_trip(window):
    data = window.training_ui.panel.data
    data.dataset.activated.emit(data.dataset.findData("gauss"))
    assert settings(window).dataset == "gauss" and data.dataset.currentData() == "gauss"
    # the section shows the number of points the session loaded
    assert data.n_points.value() == n_points(window)
    enter(data.n_points, 300)
    assert settings(window).dataset_params["n_points"] == 300
    assert n_points(window) == 300
    data.split.setValue(60)  # a click on the slider's groove (not a drag): one step
    assert settings(window).dataset_params["train_fraction"] == 0.6
    assert data.split_value.text() == "60"
    assert len(window.training.session.data.x) == 180  # 60 % of 300 train
    data.noise.setValue(25)
    assert settings(window).dataset_params["noise"] == 25.0 and data.noise_value.text() == "25"
    enter(data.data_seed, 5)
    assert settings(window).dataset_params["seed"] == 5
    first = window.training.session.data.x.copy()
    enter(data.data_seed, 6)
    assert not np.allclose(window.training.session.data.x, first)  # another draw
    # a feature box changes the input layer (one input per feature)
    data.features["x1^2"].setChecked(True)
    doc = window.document
    (lid,) = doc.input_layers()
    assert doc.layers[lid].size == 3
    assert window.training.session.data.x.shape[1] == 3
    np.testing.assert_allclose(
        window.training.session.data.x[:, 2], window.training.session.data.x[:, 0] ** 2
    )
    # undo the features (and the weights they reset), then the seed: the section shows 5
    for _ in range(3):  # (bounded: a stack that would not undo fails below, not hangs)
        if doc.layers[lid].size == 2:
            break
        window.undo_stack.undo()
    assert not data.features["x1^2"].isChecked()
    window.undo_stack.undo()
    assert data.data_seed.value() == settings(window).dataset_params["seed"] == 5


def test_weights_section_settings_round_trip(window):
    weights = window.training_ui.panel.weights
    weights.init.activated.emit(INIT_SCHEMES.index("xavier"))
    assert settings(window).init == "xavier"
    assert weights.init.currentText() == "Xavier (Glorot)"
    enter(weights.seed, 42)
    assert settings(window).seed == 42
    theta = window.training.session.network.theta.copy()
    enter(weights.seed, 43)  # another seed: other initial weights
    assert not np.allclose(window.training.session.network.theta, theta)
    window.undo_stack.undo()
    assert weights.seed.value() == settings(window).seed == 42
    np.testing.assert_allclose(window.training.session.network.theta, theta)


def test_run_sections_show_the_run(qtbot, window):
    panel, c = window.training_ui.panel, window.training
    assert c.start(12)
    qtbot.waitUntil(lambda: not c.running, timeout=60_000)
    d = c.data
    i = len(d) - 1
    labels = panel.numbers.labels
    qtbot.waitUntil(lambda: labels["epoch"][1].text() == str(int(d.column("epoch")[i])))
    assert labels["epoch"][1].text() == "12"
    assert labels["train"][1].text() == f"{d.column('train_loss')[i]:.4g}"
    assert labels["test"][1].text() == f"{d.column('val_loss')[i]:.4g}"
    assert labels["acc"][1].text() == f"{100 * d.column('val_acc')[i]:.1f} %"
    # the time slider spans the snapshots; going back restores one
    n, cursor = c.history_info()
    assert n > 1 and panel.time.slider.maximum() == n - 1 and panel.time.slider.value() == cursor
    panel.time.slider.setValue(0)
    qtbot.waitUntil(lambda: c.history_info()[1] == 0, timeout=5000)
    assert panel.time.label.text() == f"Time: snapshot 1 of {n} (epoch {c.epoch_at(0)})"
    # the speed: one notch slower than "as fast as possible" is 500 epochs a second
    panel.change_speed(-1)
    assert panel.run.rate == 500 and panel.run.speed_value.text() == "500 epochs/s"
    assert c.mailbox.max_rate == 500
    panel.change_speed(+1)
    assert panel.run.speed_value.text() == "as fast as possible" and c.mailbox.max_rate == 0
    panel.show_message("warning", "The loss rose.")
    assert panel.message.isVisible() and panel.message.text() == "The loss rose."
    assert "#9a6700" in panel.message.styleSheet()


def test_sections_speak_chinese(window):
    panel = window.training_ui.panel
    window.set_language("zh_CN")
    try:
        titles = (panel.run_box, panel.data, panel.rules, panel.weights)
        assert [b.title() for b in titles] == ["运行", "数据", "训练", "初始权重"]
        assert panel.numbers.labels["epoch"][0].text() == "轮数"
        assert panel.run.speed_label.text() == "速度"
        assert panel.data.data_rows["n_points"].text() == "样本点数"
    finally:
        window.set_language("en")
    assert panel.data.title() == "Data" and panel.data.data_rows["n_points"].text() == "Points"


def test_tab_goes_through_the_sections_top_to_bottom(window):
    """The keyboard focus chain runs through the sections in the order they are shown."""
    from PySide6.QtCore import Qt

    panel = window.training_ui.panel
    chain, w = [], panel
    for _ in range(500):
        w = w.nextInFocusChain()
        if w is panel:
            break
        if panel.isAncestorOf(w) and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(w)
    wanted = [
        panel.run.buttons["play"],
        panel.run.buttons["reset"],
        panel.run.speed,
        panel.time.slider,
        panel.data.dataset,
        panel.data.n_points,
        panel.data.noise,
        panel.data.split,
        panel.data.data_seed,
        panel.data.features["x1"],
        panel.rules.rule,
        panel.rules.batch,
        panel.rules.lr,
        panel.rules.epochs,
        panel.weights.init,
        panel.weights.seed,
    ]
    positions = [chain.index(w) for w in wanted]
    assert positions == sorted(positions)
