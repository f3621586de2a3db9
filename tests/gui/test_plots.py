"""The plots: activation explorer against the engine, naive vs stable softmax, perceptron
decision line and weight vector, log scale, discretised output, early-stopping mark,
presentation sizes, export of every plot and the canvas to PNG and SVG, and the neurons'
pictures (one colour conversion a frame, unchanged pictures kept, the ring and label overlay)."""

import dataclasses

import numpy as np
import pytest

from nnsim.engine import get_activation, softmax
from nnsim.engine.activations import ACTIVATION_NAMES
from nnsim.gui.commands import UpdateSettingsCommand
from nnsim.gui.plots.activation_explorer import BASE_LOGITS, X
from nnsim.gui.plots.boundary_plot import decision_line


@pytest.fixture
def window(training_window):
    """The main window with training installed (``training_window`` in conftest.py)."""
    return training_window


def train(qtbot, window, epochs=None):
    c = window.training
    assert c.start(epochs)
    qtbot.waitUntil(lambda: not c.running, timeout=60_000)
    qtbot.wait(80)  # the frame after the run
    return c


def test_activation_explorer_draws_f_and_its_derivative(window):
    ex = window.training_ui.explorer
    for k, name in enumerate(ACTIVATION_NAMES):
        ex.combo.setCurrentIndex(k)
        act = get_activation(ex.activation())
        x, y = ex.f_curve.getData()
        _, dy = ex.df_curve.getData()
        np.testing.assert_array_equal(x, X)
        np.testing.assert_allclose(y, act(X), err_msg=name)
        np.testing.assert_allclose(dy, act.derivative(X), err_msg=name)
    # the slides' values at a few points
    ex.combo.setCurrentIndex(ACTIVATION_NAMES.index("sigmoid"))
    x, y = ex.f_curve.getData()
    _, dy = ex.df_curve.getData()
    mid = int(np.argmin(np.abs(x)))
    assert y[mid] == pytest.approx(0.5) and dy[mid] == pytest.approx(0.25)
    ex.combo.setCurrentIndex(ACTIVATION_NAMES.index("leaky_relu"))
    assert ex.param.isVisible() or not ex.isVisible()
    ex.param.setValue(0.2)
    _, y = ex.f_curve.getData()
    assert y[0] == pytest.approx(0.2 * X[0])


def test_naive_softmax_overflows_where_the_stable_one_does_not(window):
    ex = window.training_ui.explorer
    ex.scale_spin.setValue(1000)
    naive, stable, lse_naive, lse = ex.softmax_rows()
    assert "nan" in naive
    assert lse_naive == "inf"
    want = softmax(1000 * BASE_LOGITS)
    assert [float(v.replace("−", "-")) for v in stable.split(", ")] == pytest.approx(want, rel=1e-4)
    assert float(lse) == pytest.approx(1000.0, abs=1e-6)  # max x + log(1 + e^−200 + e^−500)
    ex.scale_spin.setValue(1)
    naive, stable, *_ = ex.softmax_rows()
    assert naive == stable  # small logits: both forms agree


def test_perceptron_lesson_draws_the_line_and_the_weight_vector(qtbot, window):
    assert window.open_lesson("perceptron-and-or-not")
    c = window.training
    b = window.training_ui.boundary
    assert c.problem.perceptron
    train(qtbot, window)
    assert c.last_result.status == "converged"
    assert not b.image.isVisible() and b.line.isVisible() and b.arrow.isVisible()
    idx = c.problem.param_of_key[("neuron", c.problem.output_layer, 0)]
    theta = c.session.network.theta
    w1, w2, bias = (float(theta[i]) for i in idx)
    xs, ys = b.line.getData()
    np.testing.assert_allclose(w1 * xs + w2 * ys + bias, 0.0, atol=1e-9)
    # the weight vector stands at right angles on the line and points to class 1
    vx, vy = b.vector.getData()
    d = np.array([vx[1] - vx[0], vy[1] - vy[0]])
    assert np.dot(d, [xs[1] - xs[0], ys[1] - ys[0]]) == pytest.approx(0.0, abs=1e-9)
    assert np.dot(d, [w1, w2]) > 0
    # AND: (1, 1) on the positive side, the others on the negative one
    for (p, q), t in (((0, 0), 0), ((0, 1), 0), ((1, 0), 0), ((1, 1), 1)):
        assert (w1 * p + w2 * q + bias >= 0) == bool(t)


def test_decision_line_ends_inside_the_domain():
    ends = decision_line(1.0, 1.0, -1.0, (-2, 2, -2, 2))
    np.testing.assert_allclose(ends.sum(axis=1), 1.0)
    assert np.all(np.abs(ends) <= 2)
    assert decision_line(0.0, 0.0, 1.0, (-1, 1, -1, 1)) is None


def test_boundary_options_and_log_scale(qtbot, window):
    assert window.open_lesson("playground-circle")
    train(qtbot, window, 60)
    ui = window.training_ui
    b = ui.boundary
    assert len(np.unique(b.values)) > 2
    b.discrete_box.setChecked(True)
    assert set(np.unique(b.values)) <= {0.0, 1.0}
    assert not b.test_points.isVisible()
    b.test_box.setChecked(True)
    assert b.test_points.isVisible()
    assert len(b.test_points.data) == len(window.training.problem.test_xy) == 250
    ui.error.log_box.setChecked(True)
    assert ui.error.loss.ctrl.logYCheck.isChecked()


def test_early_stopping_is_marked(qtbot, window):
    assert window.open_lesson("overfitting")
    window.editor.push(
        UpdateSettingsCommand(window.document, "early stopping", early_stopping=True, patience=15)
    )
    c = train(qtbot, window, 600)
    assert c.last_result.status == "early_stopping"
    e = window.training_ui.error
    assert e.stop_line.isVisible()
    assert e.stop_line.value() == c.last_result.best_epoch
    vl = c.data.column("val_loss")
    assert c.data.column("epoch")[int(np.argmin(vl))] == c.last_result.best_epoch
    assert "early stop" in e.stop_label.textItem.toPlainText()


def test_weight_plot_follows_the_selection(qtbot, window):
    assert window.open_lesson("playground-circle")
    window.training_ui.show_plot("weights")
    train(qtbot, window, 5)
    w = window.training_ui.weights
    assert len(w.curves) == 25
    doc = window.document
    kid = doc.link_between("L3", "L4")
    window.scene.select_keys([("edge", kid, 1, 0)])
    assert len(w.curves) == 1
    name = w.legend.items[0][1].text
    assert name == f"{doc.neuron_label('L3', 1)}→{doc.neuron_label('L4', 0)}"
    x, y = w.curves[0].getData()
    np.testing.assert_array_equal(x, np.arange(6))
    assert y[-1] == pytest.approx(doc.links[kid].weights[1, 0])


def test_presentation_mode_makes_the_panels_bigger(window):
    ui = window.training_ui
    small = ui.formula.formula.font().pointSizeF()
    tick = ui.error.loss.getAxis("bottom").style["tickFont"].pointSizeF()
    width = ui.error.train_curve.opts["pen"].widthF()
    window.set_presentation(True)
    try:
        assert ui.formula.formula.font().pointSizeF() > 1.3 * small
        assert ui.error.loss.getAxis("bottom").style["tickFont"].pointSizeF() > 1.4 * tick
        assert ui.error.train_curve.opts["pen"].widthF() > 1.4 * width
    finally:
        window.set_presentation(False)
    assert ui.formula.formula.font().pointSizeF() == small


def test_every_plot_and_the_canvas_export_to_png_and_svg(qtbot, window, tmp_path):
    assert window.open_lesson("playground-circle")
    train(qtbot, window, 3)
    ui = window.training_ui
    targets = [(p, p.export_name().split(".")[0]) for p in ui.plots]
    for suffix in ("png", "svg"):
        for plot, name in targets:
            path = tmp_path / f"{name}.{suffix}"
            plot.export(path)
            data = path.read_bytes()
            assert len(data) > 500, path
            if suffix == "png":
                assert data[:8] == b"\x89PNG\r\n\x1a\n"
            else:
                assert b"<svg" in data[:2000]
        canvas = tmp_path / f"network.{suffix}"
        ui.export_canvas(canvas)
        data = canvas.read_bytes()
        assert (data[:4] == b"\x89PNG") if suffix == "png" else (b"<svg" in data[:2000])
    from PySide6.QtGui import QImage

    img = QImage(str(tmp_path / "network.png"))
    assert img.width() > 800  # drawn at twice the scene's size for projectors
    with pytest.raises(ValueError):
        ui.error.export(tmp_path / "plot.jpg")


def test_neuron_pictures_come_from_one_conversion_per_frame(qtbot):
    from nnsim.gui.plots.colors import ARGB_LUT, disc_words, rgba_image, to_rgba, words_image
    from nnsim.recipes.problem import activation_levels

    rng = np.random.default_rng(3)
    v = (2 * rng.normal(size=(3, 50, 50))).astype(np.float32)
    v[0, 10, 10], v[1, 20, 20], v[2, 25, 25] = np.nan, np.inf, -np.inf
    acts = ["tanh", "sigmoid", "relu"]
    levels = [activation_levels(a, v[j]) for j, a in enumerate(acts)]
    lo, hi = np.array(levels).T
    words = disc_words(v, lo, hi)
    for j in range(3):
        # the same pixels as converting each neuron's picture on its own
        assert words_image(words[j]) == rgba_image(to_rgba(v[j], levels[j]), round_=True)
    assert words[0, 0, 0] == 0  # a corner lies outside the disc: transparent
    assert words[0, 25, 25] >> 24 == 255  # the middle is opaque
    assert words[0, 10, 10] == ARGB_LUT[127]  # NaN (a diverged network): the middle colour
    mid = disc_words(np.zeros((1, 50, 50), np.float32), -1.0, 1.0)[0, 25, 25]
    assert mid == ARGB_LUT[127] and all((int(mid) >> b) & 255 >= 250 for b in (0, 8, 16))  # white


def test_thumbnails_show_the_grid_and_keep_unchanged_pictures(qtbot, window):
    from nnsim.gui.plots.colors import ARGB_LUT
    from nnsim.recipes.problem import activation_levels

    assert window.open_lesson("playground-circle")
    c = train(qtbot, window, 3)
    thumbs, scene = window.training_ui.thumbnails, window.scene
    c.request_frame()
    frames = []
    c.frame.connect(frames.append)
    qtbot.waitUntil(lambda: bool(frames), timeout=2000)
    frame = frames[-1]
    before = {
        (lid, j): scene.neuron_image(lid, j) for lid, n in (("L2", 4), ("L4", 1)) for j in range(n)
    }
    # a picture's pixel (row 0 at the top) is the grid's value there through the colour map
    g = c.problem.grid_size
    out = np.asarray(frame.grid["L4"])[:, 0].reshape(g, g)
    value = out[g - 1 - 2 * 20, 2 * 30]  # picture row 20, column 30
    lo, hi = activation_levels(window.document.layers["L4"].activations[0])
    k = int(np.float32(value - np.float32(lo)) * np.float32(255 / (hi - lo)))
    assert before[("L4", 0)].pixel(30, 20) == int(ARGB_LUT[k])
    # the same frame again: every neuron keeps its very image object (nothing repaints)
    thumbs.update_frame(frame)
    for (lid, j), img in before.items():
        assert scene.neuron_image(lid, j) is img
    # one neuron's picture changes: only that one gets a new image
    grid = dict(frame.grid)
    grid["L2"] = np.array(grid["L2"])
    grid["L2"][:, 1] = -grid["L2"][:, 1]
    thumbs.update_frame(dataclasses.replace(frame, grid=grid))
    assert scene.neuron_image("L2", 1) is not before[("L2", 1)]
    assert scene.neuron_image("L2", 0) is before[("L2", 0)]
    assert scene.neuron_image("L4", 0) is before[("L4", 0)]


def test_a_thumbnail_ring_and_label_look_as_if_drawn_directly(qtbot, window, monkeypatch):
    from PySide6.QtGui import QImage, QPainter

    from nnsim.gui.canvas import neuron_item

    assert window.open_lesson("playground-circle")
    train(qtbot, window, 3)
    neuron = window.scene.neuron_item("L2", 1)
    neuron.setSelected(True)
    thumb = neuron.thumb
    assert thumb is not None and thumb.image is not None

    def render():
        img = QImage(150, 150, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(0xFFFFFFFF)
        p = QPainter(img)
        p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        p.translate(75.3, 74.6)  # a fractional place and zoom, as on screen
        p.scale(1.7, 1.7)
        thumb.paint(p, None, None)
        p.end()
        return np.frombuffer(img.constBits(), np.uint8).reshape(150, 150, 4).astype(int)

    overlay = render()
    assert thumb._overlay is not None  # drawn through the cached overlay
    monkeypatch.setattr(neuron_item, "_SCALED", ())  # force drawing the ring and label
    direct = render()
    diff = np.abs(overlay - direct).max(axis=2)
    assert diff.max() <= 4  # antialiasing rounding only
    # the selected ring is there: the selection colour on the circle's left edge
    r = neuron.radius() * 1.7
    px = overlay[int(round(74.6)), int(round(75.3 - r))]
    assert px[2] > 150 and px[0] < 150  # BGRA: red high, blue low (#d6336c)


def test_hidden_accuracy_curves_are_filled_when_shown_or_when_training_stops(qtbot, window):
    assert window.open_lesson("playground-circle")
    c = train(qtbot, window, 4)
    e = window.training_ui.error
    d = c.data
    # after the run the hidden curves hold it all (the run's last frame is not "running")
    assert not e.acc.isVisible()
    np.testing.assert_array_equal(e.test_acc.getData()[1], d.column("val_acc"))
    frame = e._last_frame
    e.reset()
    # while training, a frame fills the loss curves only
    e.update_frame(dataclasses.replace(frame, running=True, new_rows=True))
    np.testing.assert_array_equal(e.train_curve.getData()[1], d.column("train_loss"))
    assert e.train_acc.getData()[0] is None and e.test_acc.getData()[0] is None
    # ticking "Accuracy" fills them at once, with the newest frame's rows
    e.acc_box.setChecked(True)
    np.testing.assert_array_equal(e.train_acc.getData()[0], d.column("epoch"))
    np.testing.assert_array_equal(e.train_acc.getData()[1], d.column("train_acc"))
    np.testing.assert_array_equal(e.test_acc.getData()[1], d.column("val_acc"))
    assert d.column("val_acc")[-1] > 0.4  # real accuracies, not zeros
    # shown, they follow every frame while training
    e.reset()
    e.update_frame(dataclasses.replace(frame, running=True, new_rows=True))
    np.testing.assert_array_equal(e.test_acc.getData()[1], d.column("val_acc"))
    e.acc_box.setChecked(False)


def test_long_curves_are_drawn_through_their_extremes_per_pixel(qtbot, window):
    e = window.training_ui.error
    assert e.train_curve.opts["autoDownsampleFactor"] == 1.0
    x = np.arange(20_000, dtype=float)
    y = np.where(x == 12_345, 5.0, np.sin(x / 500))
    e.loss.setXRange(0, 20_000, padding=0)
    e.loss.setYRange(-1, 5, padding=0)
    e.train_curve.setData(x, y)
    qtbot.wait(20)
    sx, sy = e.train_curve.getData()
    width = e.loss.getViewBox().width()
    assert len(sx) <= 2 * width + 4  # about two points (low, high) per pixel column
    assert sy.max() == 5.0 and sy.min() == pytest.approx(-1.0, abs=1e-3)  # no peak lost


def test_plots_have_a_short_menu_in_the_ui_language(qtbot, window, monkeypatch):
    """Right-click gives nnsim's own menu (view all, copy, export) in the UI's language;
    pyqtgraph's English-only menus are switched off."""
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    assert window.open_lesson("playground-circle")
    train(qtbot, window, 30)
    ui = window.training_ui
    panels = (ui.error, ui.boundary)
    for panel in panels:
        assert panel.plots() and not any(p.vb.menuEnabled() for p in panel.plots())
        texts = [a.text() for a in panel.context_menu().actions()]
        assert texts == ["View all", "Copy picture", "Export…"]
    # a right-click opens it (the popup stubbed: it would wait for a choice)
    shown = []
    monkeypatch.setattr(
        ui.error, "popup", lambda menu, where: shown.append(menu.actions()[0].text())
    )
    view = ui.error.graphics
    QApplication.sendEvent(
        view.viewport(),
        QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse,
            view.rect().center(),
            view.mapToGlobal(view.rect().center()),
        ),
    )
    assert shown == ["View all"]
    window.set_language("zh_CN")
    try:
        texts = [a.text() for a in ui.error.context_menu().actions()]
        assert texts == ["显示全部", "复制图片", "导出…"]
    finally:
        window.set_language("en")
    # copy: the plot as it is on the screen, on the clipboard
    ui.boundary.copy_picture()
    img = QApplication.clipboard().image()
    assert img.width() == ui.boundary.graphics.width() and img.height() > 100
    # view all: a zoomed boundary plot goes back to the data's plane
    vb = ui.boundary.plot.vb
    vb.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    ui.boundary.view_all()
    x0, x1, y0, y1 = window.training.problem.domain
    (a, b), (c, d) = vb.viewRange()
    assert a < x0 + 0.5 and b > x1 - 0.5 and c < y0 + 0.5 and d > y1 - 0.5
    # and the error plot back to its own choice: epochs 0..nice(31.5), the loss from 0
    ui.error.loss.vb.setRange(xRange=(10, 12), yRange=(5, 6), padding=0)
    ui.error.view_all()
    (a, b), (c, d) = ui.error.loss.vb.viewRange()
    assert (a, c) == (0, 0) and b >= 30 and 0 < d < 1


def test_the_error_legend_is_never_cut(qtbot, window):
    """Wide: "error (loss): ━ training - - test / validation"; narrower: the legend alone;
    narrowest: the legend in two lines. The title's text always fits the plot."""
    from PySide6.QtWidgets import QApplication, QWidget

    ui = window.training_ui
    err = ui.error
    host = QWidget()
    qtbot.addWidget(host)
    err.setParent(host)
    err.show()
    host.show()
    forms = []
    for width in (900, 330, 200):
        err.resize(width, 400)
        QApplication.processEvents()
        text = err.loss.titleLabel.text
        forms.append(("error (loss)" in text, "<br>" in text))
        assert "training" in text and "test / validation" in text
        label = err.loss.titleLabel.item  # the QGraphicsTextItem pyqtgraph draws
        assert label.boundingRect().width() <= err.graphics.width()
    assert forms == [(True, False), (False, False), (False, True)]


def test_the_error_axes_start_afresh_with_another_network(qtbot, window):
    """After a run, another lesson's error plot does not keep the old run's axes."""
    from PySide6.QtWidgets import QApplication

    assert window.open_lesson("playground-circle")
    train(qtbot, window, 60)
    loss = window.training_ui.error.loss
    (_, x1), (_, y1) = loss.vb.viewRange()
    assert x1 >= 60 and y1 < 0.5  # the circle's run: 60 epochs, a loss below 0.15
    window.undo_stack.setClean()
    assert window.open_lesson("bp-worked-example")
    QApplication.processEvents()
    (x0, x1), (y0, y1) = loss.vb.viewRange()
    assert x1 <= 2 and y1 >= 0.9  # nothing trained yet: not the old run's 60 epochs and 0.15


def test_softmax_rows_are_named_with_real_subscripts(window):
    ex = window.training_ui.explorer
    heads = [ex.table.verticalHeaderItem(r).text() for r in range(4)]
    assert heads[0] == "naive exp(xᵢ) / Σ exp(xⱼ)"
    assert heads[3] == "stable: max x + log Σ exp(xⱼ − max x)"
