"""Training in the app: the Playground default learns the circle off the UI thread, the
plots follow, pause is immediate, divergence is reported with finite weights restored,
settings take effect as the panel says, and the time slider goes back in the history."""

import math

import numpy as np
import pytest
from PySide6.QtCore import QThread

CIRCLE = "playground-circle"


@pytest.fixture
def window(training_window):
    """The main window with training installed (``training_window`` in conftest.py)."""
    return training_window


def train(qtbot, window, epochs=None, timeout=60_000):
    """Start a run and wait for its end; returns the controller."""
    c = window.training
    assert c.start(epochs)
    qtbot.waitUntil(lambda: not c.running, timeout=timeout)
    return c


def doc_theta(window) -> np.ndarray:
    """The document's weights as the flat vector of a fresh compile."""
    from nnsim.model.compile import compile_document

    return compile_document(window.document, cache=False).network.theta.copy()


def test_playground_default_learns_the_circle(qtbot, window):
    """Circle, 2-4-2-1 tanh, η 0.03, batch 10: test loss < 0.05 within the lesson's 200 epochs."""
    assert window.open_lesson(CIRCLE)
    c = window.training
    assert c.problem.ok and c.problem.plane
    main = QThread.currentThread()
    seen = []
    c.frame.connect(lambda f: seen.append(QThread.currentThread() is main))
    window.training_ui.actions["play"].trigger()
    assert c.running
    qtbot.waitUntil(lambda: not c.running, timeout=60_000)
    assert c.last_result.status == "finished" and c.last_result.epoch == 200
    assert c._worker.last_place == "process"  # the epochs ran on a core of their own
    d = c.data
    assert len(d) == 201  # the initial weights and every epoch
    assert d.column("val_loss")[-1] < 0.05
    assert d.column("val_acc")[-1] > 0.95
    # frames reach the plots on the UI thread only
    assert seen and all(seen)
    qtbot.wait(100)  # a last frame after the run
    ui = window.training_ui
    x, y = ui.error.train_curve.getData()
    np.testing.assert_array_equal(x, d.column("epoch"))
    np.testing.assert_array_equal(y, d.column("train_loss"))
    x, y = ui.error.test_curve.getData()
    np.testing.assert_array_equal(y, d.column("val_loss"))
    _, acc = ui.error.test_acc.getData()
    assert acc[-1] == pytest.approx(d.column("val_acc")[-1])
    # the boundary: class 1 (σ > 0.5) in the middle of the disc, class 0 in the ring
    v = ui.boundary.values
    assert v.shape == (100, 100)
    assert v[50, 50] > 0.8 and v[50, 3] < 0.2 and v[3, 50] < 0.2
    # thumbnails in every hidden neuron and the output
    for lid, n in (("L2", 4), ("L3", 2), ("L4", 1)):
        for j in range(n):
            img = window.scene.neuron_image(lid, j)
            assert img is not None and img.width() == 50 and img.height() == 50
    # weight trajectories: all 25 parameters of this small net, ending at the document's;
    # drawn when their dock comes to the front (hidden plots skip frames)
    assert ui.weights.curves[0].getData()[0] is None
    ui.show_plot("weights")
    qtbot.waitUntil(lambda: ui.weights.curves[0].getData()[0] is not None, timeout=2000)
    assert len(ui.weights.curves) == 25
    theta = doc_theta(window)
    for curve, i in zip(ui.weights.curves, ui.weights.indices):
        assert curve.yData[-1] == pytest.approx(
            theta[i]
        )  # the data, not the drawn (per-pixel) points
    # the document holds the trained weights (the session's network)
    np.testing.assert_allclose(theta, c.session.network.theta, atol=1e-12)
    # the numbers of the run in the panel
    assert ui.panel.numbers.labels["epoch"][1].text() == "200"


def test_the_canvas_follows_the_weights_while_training(qtbot, window):
    """The document (and with it every edge's number on the canvas) takes the newest
    drawn weights a few times a second during a run, not only at its end."""
    assert window.open_lesson(CIRCLE)
    c = window.training
    start = doc_theta(window)
    c.set_speed(100)
    assert c.start(100_000)
    qtbot.waitUntil(lambda: not np.array_equal(doc_theta(window), start), timeout=5000)
    assert c.running  # still training: the canvas was updated on the way
    theta = doc_theta(window)
    # the weights of a snapshot the worker sent (the drawn one or a later sync)
    rows = c.data.weights
    assert any(np.array_equal(theta, w) for w in rows[-40:])
    c.stop_and_wait()


def test_pause_is_immediate_and_resume_goes_on(qtbot, window):
    assert window.open_lesson(CIRCLE)
    c = window.training
    ui = window.training_ui
    c.set_speed(40)  # slow enough to pause in the middle
    assert c.start(100_000)
    qtbot.waitUntil(lambda: len(c.data) > 5, timeout=20_000)
    ui.actions["play"].trigger()  # pause
    assert not ui.actions["play"].isChecked()  # the button says so at once
    qtbot.waitUntil(lambda: not c.running, timeout=1000)
    assert c.last_result.status == "stopped"
    epochs = c.last_result.epoch
    n = len(c.data)
    qtbot.wait(300)
    assert len(c.data) == n  # nothing trains while paused
    np.testing.assert_allclose(doc_theta(window), c.session.network.theta, atol=1e-12)
    ui.actions["play"].trigger()  # resume from where it stopped
    qtbot.waitUntil(lambda: len(c.data) > n + 3, timeout=20_000)
    c.stop_and_wait()
    assert c.last_result.epoch > epochs
    ep = c.data.column("epoch")
    np.testing.assert_array_equal(ep, np.arange(ep.size))  # one history, no gap


def test_the_worker_thread_trains_the_same_numbers_as_the_process(qtbot, window):
    """Without a training process (switched off, or none could start) the worker thread
    trains, and the numbers are the same to the last bit."""
    assert window.open_lesson(CIRCLE)
    c = window.training
    start = doc_theta(window)
    train(qtbot, window, 40)
    assert c._worker.last_place == "process"
    by_process, curve = doc_theta(window), c.data.column("val_loss").copy()
    window.undo_stack.setClean()
    assert window.open_lesson(CIRCLE)  # the same start again
    np.testing.assert_array_equal(doc_theta(window), start)
    proc, c._worker.process = c._worker.process, None
    try:
        train(qtbot, window, 40)
    finally:
        c._worker.process = proc
    assert c._worker.last_place == "thread"
    np.testing.assert_array_equal(doc_theta(window), by_process)
    np.testing.assert_array_equal(c.data.column("val_loss"), curve)
    assert len(curve) == 41


def test_no_training_process_falls_back_to_the_thread(qtbot, window, monkeypatch, capfd):
    """A machine where no process can start (a locked-down laptop): the run trains in the
    worker thread instead, says so on stderr, and later runs go straight there."""
    from nnsim.model.training_process import TrainingProcess, TrainingProcessError

    def refuse(self):
        raise TrainingProcessError("cannot start a training process: not allowed here")

    monkeypatch.setattr(TrainingProcess, "start", refuse)
    assert window.open_lesson(CIRCLE)
    c = window.training
    proc = c._worker.process
    try:
        train(qtbot, window, 10)
        assert c.last_result.status == "finished" and c.last_result.epoch == 10
        assert c._worker.last_place == "thread" and c._worker.process is None
        assert "nnsim: training in a thread: cannot start a training process" in (
            capfd.readouterr().err
        )
        train(qtbot, window, 5)
        assert c.last_result.epoch == 15 and len(c.data) == 16
    finally:
        c._worker.process = proc


def test_divergence_is_reported_and_weights_stay_finite(qtbot, window):
    assert window.open_lesson(CIRCLE)
    panel = window.training_ui.panel
    # a regression with a linear output explodes at η = 10⁶
    window.editor.set_activation("L4", "identity")
    panel.data._dataset_chosen(panel.data.dataset.findData("reg_plane"))
    assert window.document.settings.dataset == "reg_plane"
    panel.rules.lr.setEditText("1000000")
    panel.rules.lr.lineEdit().editingFinished.emit()
    assert window.document.settings.lr == 1e6
    before = doc_theta(window)
    c = train(qtbot, window)
    assert c.last_result.status == "diverged"
    assert panel.message.isVisible()
    text = panel.message.text()
    assert "diverged" in text and "learning rate too high" in text  # ours and the engine's
    theta = doc_theta(window)
    assert np.all(np.isfinite(theta))
    np.testing.assert_array_equal(theta, before)  # the initial weights were restored
    assert np.all(np.isfinite(c.session.network.theta))


def test_settings_take_effect_as_the_panel_says(qtbot, window):
    assert window.open_lesson(CIRCLE)
    c = window.training
    panel = window.training_ui.panel
    doc = window.document
    train(qtbot, window, 5)
    n = len(c.session.history)
    trained = doc_theta(window)
    # η: at once, same history, same weights
    panel.rules.lr.setEditText("0.1")
    panel.rules.lr.lineEdit().editingFinished.emit()
    assert doc.settings.lr == 0.1
    assert len(c.session.history) == n and c.session.trainer.lr == 0.1
    np.testing.assert_array_equal(doc_theta(window), trained)
    # the rule: a new history from the same weights
    panel.rules.rule.activated.emit(2)  # accumulated BP
    assert doc.settings.rule == "accumulated"
    assert len(c.session.history) == 0
    np.testing.assert_array_equal(doc_theta(window), trained)
    # the seed: new initial weights
    panel.weights.seed.setValue(7)
    panel.weights.seed.editingFinished.emit()
    assert doc.settings.seed == 7
    assert not np.allclose(doc_theta(window), trained)
    # the data (noise): new points, weights reset to the seed's
    reset = doc_theta(window)
    train(qtbot, window, 2)
    panel.data._param("noise", 20.0)
    assert doc.settings.dataset_params["noise"] == 20.0
    np.testing.assert_array_equal(doc_theta(window), reset)
    # every change is one undo step
    window.undo_stack.undo()
    assert doc.settings.dataset_params["noise"] == 0


def test_changing_eta_while_training_continues_the_run(qtbot, window):
    assert window.open_lesson(CIRCLE)
    c = window.training
    c.set_speed(50)
    assert c.start(100_000)
    qtbot.waitUntil(lambda: len(c.data) > 3, timeout=20_000)
    window.training_ui.panel.rules.lr.setEditText("0.1")
    window.training_ui.panel.rules.lr.lineEdit().editingFinished.emit()
    qtbot.waitUntil(lambda: c.running and not c.stopping and len(c.data) > 8, timeout=20_000)
    assert c.session.trainer.lr == 0.1
    c.stop_and_wait()
    ep = c.data.column("epoch")
    np.testing.assert_array_equal(ep, np.arange(ep.size))  # the history went on


def test_time_slider_goes_back(qtbot, window):
    assert window.open_lesson(CIRCLE)
    c = train(qtbot, window, 20)
    panel = window.training_ui.panel
    assert panel.time.slider.maximum() == 20 and panel.time.slider.value() == 20
    panel.time.slider.setValue(5)
    qtbot.waitUntil(lambda: c.cursor_epoch == 5, timeout=3000)
    hist = c.session.history
    np.testing.assert_allclose(doc_theta(window), hist[5].weights, atol=1e-12)
    qtbot.waitUntil(lambda: window.training_ui.error.cursor_line.isVisible(), timeout=2000)
    assert window.training_ui.error.cursor_line.value() == 5
    # training goes on from there, on a new branch of time
    train(qtbot, window, 3)
    np.testing.assert_array_equal(c.data.column("epoch"), np.arange(9))


def test_input_features(qtbot, window):
    assert window.open_lesson(CIRCLE)
    panel = window.training_ui.panel
    panel.data.features["x1^2"].setChecked(True)
    doc = window.document
    inp = doc.input_layers()[0]
    assert doc.layers[inp].size == 3
    assert doc.layers[inp].neuron_labels == ["x1", "x2", "x1^2"]
    c = window.training
    assert c.problem.ok and c.problem.features == ["x1", "x2", "x1^2"]
    x = c.session.trainer.x_train
    assert x.shape[1] == 3
    np.testing.assert_allclose(x[:, 2], x[:, 0] ** 2)
    train(qtbot, window, 3)
    assert math.isfinite(c.data.column("val_loss")[-1])
    qtbot.wait(100)
    assert window.training_ui.boundary.values.shape == (100, 100)


def test_reset_and_one_epoch(qtbot, window):
    assert window.open_lesson(CIRCLE)
    c = window.training
    ui = window.training_ui
    first = doc_theta(window)
    ui.actions["epoch"].trigger()
    qtbot.waitUntil(lambda: not c.running, timeout=20_000)
    assert c.last_result.epoch == 1
    assert not np.allclose(doc_theta(window), first)
    ui.actions["reset"].trigger()
    reset = doc_theta(window)
    np.testing.assert_allclose(reset, c.session.network.theta)
    assert len(c.data) == 0
    ui.actions["epoch"].trigger()
    qtbot.waitUntil(lambda: not c.running, timeout=20_000)
    ui.actions["reset"].trigger()  # the seed fixes the initial weights
    np.testing.assert_array_equal(doc_theta(window), reset)


def test_training_ui_in_chinese(window):
    ui = window.training_ui
    window.set_language("zh_CN")
    try:
        assert ui.actions["epoch"].text() == "一轮"
        assert ui.actions["play"].text() == "开始"
        assert ui.panel.numbers.labels["epoch"][0].text() == "轮数"
        assert ui.panel.rules.lr.toolTip() == "" and "学习率 η" in [
            lab.text() for lab in ui.panel.findChildren(type(ui.panel.run.speed_label))
        ]
        assert "训练集" in ui.error.loss.titleLabel.text  # the legend (the title when wide)
        assert ui.plot_tabs.tabText(1) == "权重"
    finally:
        window.set_language("en")
    assert ui.actions["epoch"].text() == "One epoch"
    assert "training" in ui.error.loss.titleLabel.text


def test_the_chinese_catalogue_is_complete():
    """Every text of training, stepping and the plots has its Chinese translation, compiled."""
    import xml.etree.ElementTree as ET

    from nnsim.paths import resource

    ts = resource("translations", "training_zh_CN.ts")
    qm = resource("translations", "training_zh_CN.qm")
    messages = list(ET.parse(ts).getroot().iter("message"))
    assert len(messages) > 100
    unfinished = [
        m.find("source").text
        for m in messages
        if m.find("translation").get("type") == "unfinished" or not m.find("translation").text
    ]
    assert unfinished == []
    assert qm.is_file() and qm.stat().st_size > 1000


def test_the_data_fields_describe_the_lessons_own_samples(qtbot, window):
    """After a data set, a lesson with its own samples shows their number (not the last
    data set's points), no noise and no split, greyed out."""
    assert window.open_lesson(CIRCLE)
    panel = window.training_ui.panel
    assert panel.data.n_points.value() == 500 and panel.data.n_points.isEnabled()
    window.undo_stack.setClean()
    assert window.open_lesson("bp-worked-example")
    n = len(window.document.settings.targets)
    assert panel.data.dataset.currentData() == "__targets__"
    assert panel.data.n_points.value() == n and not panel.data.n_points.isEnabled()
    assert panel.data.noise_value.text() == "0" and panel.data.split_value.text() == "—"
    window.undo_stack.setClean()
    assert window.open_lesson(CIRCLE)  # and back: the data set's own numbers
    assert panel.data.n_points.value() == 500 and panel.data.n_points.isEnabled()
    assert panel.data.split_value.text() == "50"


def test_an_empty_network_is_a_start_not_an_error(qtbot, window):
    """File ▸ New: the panel says what to add, in the UI language; the status bar stays
    clear (it used to print the compiler's English error after every start)."""
    window.statusBar().clearMessage()
    window.undo_stack.setClean()
    assert window.new_document()
    panel = window.training_ui.panel
    assert panel.message.text() == "Add an input layer and a layer of neurons to train the network."
    assert "b03a2e" not in panel.message.styleSheet()  # not in the error red
    assert window.statusBar().currentMessage() == ""
    window.set_language("zh_CN")
    try:
        panel.show_message("error", "the network is empty: add an input layer")
        assert panel.message.text() == "添加一个输入层和一层神经元，就可以训练网络。"
    finally:
        window.set_language("en")


def test_a_sequence_set_shows_its_own_noise(qtbot, window):
    """rise_fall's noise is a standard deviation 0.1 (not Playground's percentage, which
    printed "Noise (%) 0"): the row says σ and its value, and moving it sets σ."""
    assert window.open_lesson("rnn-shapes")
    window.show_view("network")
    panel = window.training_ui.panel
    label = panel.data.data_rows["noise"]
    assert label.isVisibleTo(window) and label.text() == "Noise σ"
    assert panel.data.noise_value.text() == "0.10" and panel.data.noise.value() == 10
    assert not panel.data.data_rows["n_points"].isVisibleTo(window)  # it has no "Points"
    panel.data.noise.setValue(25)
    assert window.document.settings.dataset_params["noise"] == pytest.approx(0.25)
    assert panel.data.noise_value.text() == "0.25"
    window.undo_stack.setClean()
    assert window.open_lesson(CIRCLE)  # Playground's percentage again
    assert label.text() == "Noise (%)" and panel.data.noise.maximum() == 50
    assert panel.data.noise_value.text() == str(panel.data.noise.value())


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_long_data_set_name_is_cut_with_its_whole_name_at_hand(qtbot, window, language):
    """The data-set box of a narrow dock shows "Sequence class: rising or fa…" with the
    whole name as its tooltip, and its open list is wide enough for every name."""
    window.set_language(language)
    try:
        assert window.open_lesson("rnn-shapes")
        window.show_view("network")
        window.training_ui.docks["training"].raise_()
        combo = window.training_ui.panel.data.dataset
        combo.setFixedWidth(150)  # a narrow dock at projector size
        qtbot.wait(10)
        whole = combo.currentText()
        fm = combo.fontMetrics()
        assert fm.horizontalAdvance(whole) > 150
        shown = combo.displayed_text()
        assert shown.endswith("…") and whole.startswith(shown[:-1])
        assert combo.toolTip() == whole
        widest = max(fm.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        combo.showPopup()
        try:
            assert combo.view().width() >= widest
        finally:
            combo.hidePopup()
        combo.setFixedWidth(fm.horizontalAdvance(whole) + 80)  # room: no cut, no tooltip
        qtbot.wait(10)
        assert combo.displayed_text() == whole and combo.toolTip() == ""
    finally:
        combo.setMinimumWidth(0)
        combo.setMaximumWidth(16777215)
        window.set_language("en")


def test_an_old_error_leaves_the_status_bar(window):
    """The empty start's "the network is empty" does not stay under the lesson opened."""
    window.training_ui.panel.show_message("error", "the network is empty: add an input layer")
    assert window.statusBar().currentMessage() == "the network is empty: add an input layer"
    window.undo_stack.setClean()
    assert window.open_lesson(CIRCLE)
    assert window.statusBar().currentMessage() == ""
