"""RNN view: the demos train in the background and every plot follows the engine's numbers."""

import numpy as np
import pytest


@pytest.fixture
def view(qtbot):
    from nnsim.gui.demos.rnn_view import RnnView

    v = RnnView()
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    yield v
    v.shutdown()


def pick(view, kind):
    from nnsim.gui.demos.rnn_view import DEMOS

    view.demo.setCurrentIndex([k for k, _ in DEMOS].index(kind))
    assert view.kind == kind


def reference_states(rnn, x):
    """h_t = tanh(x_t W_x + h_{t−1} W_h + b), written out step by step."""
    h = rnn.params["h0"].copy() if "h0" in rnn.params else np.zeros(rnn.size)
    out = []
    for xt in x:
        h = np.tanh(xt @ rnn.params["Wx"] + h @ rnn.params["Wh"] + rnn.params["b"])
        out.append(h)
    return np.array(out)


def test_rnn_demo_trains_a_few_steps_and_its_plots_update(view, qtbot):
    pick(view, "sine")
    assert view.loss_curve.getData()[1] is None or len(view.loss_curve.getData()[1]) == 0
    before = view.heat_image.image.copy()
    view.start(6)
    assert view.running and not view.btn_train.isEnabled()
    qtbot.waitUntil(lambda: not view.running, timeout=30000)
    frame, run = view.frame, view.run
    assert run.iteration == 6 and len(frame.losses) == 6
    xs, ys = view.loss_curve.getData()
    np.testing.assert_allclose(xs, np.arange(1, 7))
    np.testing.assert_allclose(ys, run.losses)
    # The heatmap is h_t of the display sequence, one row per unit, one column per step.
    np.testing.assert_allclose(view.heat_image.image, frame.h.T)
    assert not np.allclose(view.heat_image.image, before)  # the weights changed
    x = run.xte[0, :, :]
    np.testing.assert_allclose(frame.h, reference_states(run.rnn, x), atol=1e-12)
    edges, heights = view.grad_bars.getData()
    np.testing.assert_allclose(heights, frame.grad_norms)
    np.testing.assert_allclose(edges, np.arange(0.5, 21))  # bar t spans t ± 0.5
    np.testing.assert_allclose(view.pred_curve.getData()[1], frame.series["prediction"])
    np.testing.assert_allclose(view.target_curve.getData()[1], run.yte[0, :, 0])
    assert "6 updates" in view.status.text()
    assert view.btn_train.isEnabled()


def test_bptt_norms_are_the_gradient_reaching_each_state(view):
    """‖∂E/∂h_t‖ of the last step against a finite-difference derivative of E by h_T."""
    from nnsim.engine.sequence_losses import sequence_loss

    pick(view, "sine")
    run = view.run
    frame = run.frame()
    x, y = run.xte[:1], run.yte[:1]
    net, rnn = run.net, run.rnn
    head = net.layers["y"]
    hT = rnn.h[-1, 0].copy()
    eps = 1e-6

    def loss_with_last_state(h_last):
        out = net.forward(x).copy()
        out[0, -1] = h_last @ head.params["W0"] + head.params["b"]
        return sequence_loss(run.loss, out, y)[0]

    grad = np.array(
        [
            (loss_with_last_state(hT + eps * e) - loss_with_last_state(hT - eps * e)) / (2 * eps)
            for e in np.eye(len(hT))
        ]
    )
    assert frame.grad_norms[-1] == pytest.approx(np.linalg.norm(grad), rel=1e-6)


def test_steps_t_rebuilds_the_unrolled_network(view):
    pick(view, "sine")
    view.steps.setValue(7)
    assert view.run.steps == 7 and view.frame.steps == 7
    assert view.heat_image.image.shape == (16, 7)
    assert view.time_slider.maximum() == 6
    assert len(view.grad_bars.getData()[1]) == 7
    view.time_slider.setValue(4)
    assert view.unrolled.selected == 4
    assert view.heat_cursor.value() == 5
    assert "t = 5 / 7" in view.time_label.text()
    assert "‖∂E/∂h<sub>5</sub>‖" in view.step_details.text()


def test_a_long_runs_thinned_loss_curve_still_spans_the_whole_run(view):
    # After 100 000 updates the run keeps at most LOSS_LIMIT losses; the plot draws them
    # at their own update numbers: from update 1 to the newest, not 1..len(losses).
    from nnsim.recipes.rnn_runs import LOSS_LIMIT

    pick(view, "sine")
    run = view.run
    run.train(3)
    first = run.losses[0]
    for _ in range(1000):
        run._keep_losses(list(np.linspace(0.5, 0.1, 100)))
    view.apply_frame(run.frame())
    xs, ys = view.loss_curve.getData()
    assert len(xs) == len(run.losses) <= LOSS_LIMIT
    assert xs[0] == 1 and ys[0] == first  # the curve's start
    assert xs[-1] == run.iteration == 100_003 and ys[-1] == 0.1  # and its end
    np.testing.assert_allclose(xs, run.loss_updates)
    np.testing.assert_allclose(ys, run.losses)
    assert view.status.text().startswith("100003 updates · loss 0.1 ")


def test_many_to_one_has_one_output(view, qtbot):
    pick(view, "parity")
    f = view.frame
    assert f.shape == "many-to-one" and f.steps == 8
    assert [bool(s) for s in f.y_labels] == [False] * 7 + [True]
    assert all(s in ("0", "1", "·") for s in f.x_labels)
    assert view.time_slider.value() == 7  # the step with the answer
    view.start(3)
    qtbot.waitUntil(lambda: not view.running, timeout=30000)
    np.testing.assert_allclose(view.loss_curve.getData()[1], view.run.losses)
    assert "target" in view.text_box.text() and "bits" in view.text_box.text()


def test_one_to_many_feeds_its_output_back(view):
    pick(view, "chars")
    f = view.frame
    assert f.shape == "one-to-many" and f.feedback
    assert f.x_labels[0] == "T" and not any(f.x_labels[1:])
    assert all(len(s) == 1 for s in f.y_labels)
    # The states shown are those of running the RNN over the generated characters.
    assert f.text["generated"].startswith("T")
    assert "".join(f.y_labels) == f.text["generated"][1 : f.steps + 1]
    assert f.h.shape == (16, 64)


def test_stop_ends_training(view, qtbot):
    pick(view, "sine")
    view.start(100000)
    view.stop()
    qtbot.waitUntil(lambda: not view.running, timeout=30000)
    assert view.run.iteration < 100000
    assert view.btn_train.isEnabled()


def test_lesson_network_as_a_demo(view):
    from nnsim.lessons import load_lesson

    view.set_document(load_lesson("rnn-shapes"))
    view.show_document_demo()
    assert view.kind == "document"
    f = view.frame
    assert f.shape == "many-to-one" and f.steps == 10
    assert f.h.shape == (10, 8)
    view.set_document(load_lesson("xor-two-layer"))
    assert view.kind == "parity"  # no RNN any more: back to a demo


def test_demo_plots_have_nnsims_menu_not_pyqtgraphs(view):
    """The demo plots' right-click menu is nnsim's (view all, copy), not pyqtgraph's
    English-only one; "View all" brings a zoomed plot back to its data."""
    from nnsim.gui.demos.widgets import plot_menu

    w = view.loss_plot
    assert not w.getPlotItem().vb.menuEnabled()
    menu = plot_menu(w)
    assert [a.text() for a in menu.actions()] == ["View all", "Copy picture"]
    w.getPlotItem().plot([0, 10], [0, 5])
    w.getPlotItem().vb.setRange(xRange=(100, 101), yRange=(100, 101), padding=0)
    menu.actions()[0].trigger()
    (a, b), (c, d) = w.getPlotItem().vb.viewRange()
    assert a <= 0 and b >= 10 and c <= 0 and d >= 5


def test_formulas_are_set_like_the_slides(view):
    """h_{t−1} shows as h with subscript t−1: rich text in labels, Unicode subscripts in
    the group-box titles (which show plain text only)."""
    pick(view, "sine")
    assert "hₜ₋₁" in view.diagram_box.title() and "h_{" not in view.diagram_box.title()
    assert view.heat_box.title().startswith("Hidden state hₜ over time")
    note = view.shape_note.text()
    assert "<i>x</i><sub><i>t</i>+1</sub>" in note and "x_{t+1}" not in note
