"""A column registered with ``register_plot_column`` gets its own plot in the error panel,
drawn from the training's plot data and titled in the interface's language."""

import numpy as np

from nnsim.recipes.plot_columns import register_plot_column, unregister_plot_column


def test_a_registered_column_is_plotted_under_the_error(qtbot, training_window):
    win = training_window
    register_plot_column(
        "test_weight_norm",
        lambda snap: np.linalg.norm(snap.weights),
        title={"en": "weight norm", "zh_CN": "权重范数"},
        color="#aa00aa",
    )
    try:
        assert win.open_lesson("playground-circle")
        ui = win.training_ui
        ui.show_plot("error")
        c = win.training
        assert c.start(5)
        qtbot.waitUntil(lambda: not c.running, timeout=60_000)
        qtbot.wait(80)  # the frame after the run
        e = ui.error
        assert list(e.extra_plots) == ["test_weight_norm"]
        col, plot, curve = e.extra_plots["test_weight_norm"]
        # one click away, as the accuracy: a checkbox with its title
        box = e.extra_boxes["test_weight_norm"]
        assert box.text() == "weight norm" and not box.isChecked() and not plot.isVisible()
        box.setChecked(True)
        assert plot.isVisible()
        x, y = curve.getData()
        d = c.data
        np.testing.assert_array_equal(x, d.column("epoch"))
        # an independent computation from the weights the plot data kept
        np.testing.assert_allclose(y, np.linalg.norm(d.weights, axis=1), rtol=1e-12)
        assert x[-1] == 5 and y[0] != y[-1]
        assert plot.titleLabel.text == "weight norm"
        assert plot in e.graphics.ci.items  # shown in the panel's layout
        win.set_language("zh_CN")
        assert plot.titleLabel.text == "权重范数" and box.text() == "权重范数"
        win.set_language("en")
    finally:
        unregister_plot_column("test_weight_norm")
    # the next frame drops it
    assert c.start(1)
    qtbot.waitUntil(lambda: not c.running, timeout=60_000)
    qtbot.wait(80)
    assert e.extra_plots == {} and e.extra_boxes == {} and plot not in e.graphics.ci.items
