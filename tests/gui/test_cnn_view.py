"""CNN view: output size and its formula, the sliding window, the flip, pooling, training."""

import numpy as np
import pytest

from nnsim.gui.demos.conv_fit import fit_explanation
from nnsim.recipes.conv import lecture_seven, preset_kernel


def reference_xcorr(img, k, stride=1, pad=0):
    """Cross-correlation written out with loops: the independent reference."""
    img = np.pad(img, pad)
    f = k.shape[0]
    n = (img.shape[0] - f) // stride + 1
    m = (img.shape[1] - f) // stride + 1
    out = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            out[i, j] = np.sum(img[i * stride : i * stride + f, j * stride : j * stride + f] * k)
    return out


@pytest.fixture
def view(qtbot):
    from nnsim.gui.demos.cnn_view import CnnView

    v = CnnView(digits=lambda: (np.zeros((3, 28, 28)), np.array([7, 2, 1])))
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    return v


def test_stride_change_updates_output_size_label(view):
    conv = view.conv
    assert conv.image().shape == (7, 7) and conv.kernel().shape == (3, 3)
    assert "(7 − 3 + 2·0)/1 + 1 = 5" in conv.size_box.label.text()
    assert "5×5" in conv.size_box.label.text()
    conv.kernel_box.stride.setValue(2)
    assert "(7 − 3 + 2·0)/2 + 1 = 3" in conv.size_box.label.text()
    assert "3×3" in conv.size_box.label.text()
    assert conv.output().shape == (3, 3)
    assert not conv.fit_box.isVisibleTo(conv)
    conv.kernel_box.stride.setValue(3)
    assert "(7 − 3 + 2·0)/3 + 1 = 2.33" in conv.size_box.label.text()
    assert not conv.fits and conv.output() is None
    assert conv.fit_box.isVisibleTo(conv)
    text = conv.fit_box.text.text()
    assert "2.33" in text and "columns 1, 4" in text and "column 7" in text
    assert "stride 1 or 2" in text and "padding 1" in text
    # The strip draws the two windows that fit and the one that would hang over the edge.
    assert conv.fit_box.strip.positions() == ([0, 3], 6)
    assert not conv.sliding.btn_play.isEnabled()
    conv.kernel_box.padding.setValue(1)  # (7 − 3 + 2)/3 + 1 = 3: fits again
    assert conv.fits and conv.output().shape == (3, 3)
    assert "(7 − 3 + 2·1)/3 + 1 = 3" in conv.size_box.label.text()


def test_does_not_fit_explanation_numbers():
    text = fit_explanation(7, 3, 3, 0)
    assert "(7 − 3 + 2·0)/3 + 1 = 2.33" in text
    assert "The last 1 column(s)" in text
    big = fit_explanation(3, 5, 1, 0)
    assert "larger than the input" in big


def test_feature_map_and_products_match_a_loop_reference(view):
    conv = view.conv
    k = conv.kernel()
    for stride, pad in ((1, 0), (2, 0), (2, 1)):
        conv.configure(stride=stride, padding=pad)
        ref = reference_xcorr(lecture_seven(), k, stride, pad)
        np.testing.assert_allclose(conv.output(), ref)
        assert conv.sliding.output_view.matrix().shape == ref.shape
    conv.configure(stride=1, padding=0)
    conv.set_position(8)  # row 2, column 4 (1-based) of the 5×5 map
    pr = conv.products()
    window = lecture_seven()[1:4, 3:6]
    np.testing.assert_allclose(conv.sliding.products_view.matrix(), window * k)
    assert pr.total == pytest.approx(np.sum(window * k))
    assert conv.sliding.sum_label.text().startswith("<i>S</i>(2,4) = ")  # set like the slides
    assert conv.sliding.sum_label.text().endswith(f"= {int(np.sum(window * k))}".replace("-", "−"))
    # The map is filled up to the current position, the rest is blank.
    assert (
        conv.sliding.output_view.cell_text(1, 3) != ""
        and conv.sliding.output_view.cell_text(1, 4) == ""
    )
    assert conv.sliding.input_view.highlights()[0][:4] == (1, 3, 3, 3)


def test_convolution_flips_the_kernel(view):
    conv = view.conv
    conv.set_kernel(preset_kernel("vertical", 3))
    k = conv.kernel()
    xcorr = conv.output()
    conv.kernel_box.mode_conv.setChecked(True)
    np.testing.assert_allclose(conv.sliding.applied_view.matrix(), k[::-1, ::-1])
    np.testing.assert_allclose(conv.sliding.stored_view.matrix(), k)
    assert conv.sliding.stored_view.isVisibleTo(conv)
    np.testing.assert_allclose(conv.output(), reference_xcorr(lecture_seven(), k[::-1, ::-1]))
    assert not np.allclose(conv.output(), xcorr)  # Sobel is not symmetric: the flip shows
    # the slide's formula, set with real subscripts: Σ_m Σ_n I(i − m, j − n) K(m, n)
    minus = "<i>I</i>(<i>i</i> − <i>m</i>, <i>j</i> − <i>n</i>)"
    assert "Σ<sub><i>m</i></sub> Σ<sub><i>n</i></sub> " + minus in conv.sliding.formula_label.text()
    conv.kernel_box.mode_xcorr.setChecked(True)
    assert "<i>I</i>(<i>i</i> + <i>m</i>, <i>j</i> + <i>n</i>)" in conv.sliding.formula_label.text()
    assert not conv.sliding.stored_view.isVisibleTo(conv)


def test_animation_steps_through_every_position(view, qtbot):
    conv = view.conv
    conv.sliding.speed.setValue(10)
    conv.play(True)
    qtbot.waitUntil(lambda: not conv.sliding.timer.isActive(), timeout=5000)
    assert conv.position == conv.n_positions - 1 == 24
    assert all(t != "" for row in conv.sliding.output_view.texts() for t in row)


def test_pooling_lecture_example(view):
    pool = view.pooling
    assert pool.max_view.texts() == [["6", "8"], ["3", "4"]]
    assert pool.avg_view.texts() == [["3.25", "5.25"], ["2", "2"]]
    np.testing.assert_allclose(pool.max_output(), [[6, 8], [3, 4]])
    np.testing.assert_allclose(pool.avg_output(), [[3.25, 5.25], [2, 2]])
    assert "max(1, 1, 5, 6) = 6" in pool.explain.text()
    assert "(1 + 1 + 5 + 6)/4 = 3.25" in pool.explain.text()
    pool.set_window(3)
    assert "max(1, 0, 3, 4) = 4" in pool.explain.text() and "= 2" in pool.explain.text()
    assert pool.input_view.highlights()[0][:4] == (2, 2, 2, 2)
    pool.stride.setValue(3)  # (4 − 2)/3 + 1 = 1.67: does not fit
    assert "1.67" in pool.size_label.text() and pool.max_output() is None
    pool.reset_example()
    assert pool.max_view.texts() == [["6", "8"], ["3", "4"]]


def test_pooling_of_the_real_feature_map(view):
    conv, pool = view.conv, view.pooling
    conv.configure(padding=1)  # 7×7 map: 2×2 stride 2 does not fit on it
    assert "does not fit" in pool.real_note.text()
    conv.configure(padding=0, stride=1)
    conv.set_image(np.arange(36.0).reshape(6, 6) / 36)  # 4×4 map → 2×2
    fmap = conv.output()
    assert fmap.shape == (4, 4)
    expect = fmap.reshape(2, 2, 2, 2).max(axis=(1, 3))
    np.testing.assert_allclose(pool.map_max.matrix(), expect)
    np.testing.assert_allclose(pool.map_avg.matrix(), fmap.reshape(2, 2, 2, 2).mean(axis=(1, 3)))


def synthetic_digits(n, seed):
    """Digits 0/1 drawn as a vertical bar or a ring: learnable in a few batches."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    x = np.zeros((n, 28, 28))
    x[y == 0, 6:22, 12:16] = 1.0
    yy, xx = np.mgrid[0:28, 0:28]
    ring = np.abs(np.hypot(yy - 14, xx - 14) - 8) < 2
    x[y == 1] = ring
    x += 0.1 * rng.random(x.shape)
    return x.reshape(n, 784), y


def test_training_runs_in_the_background_and_fills_the_views(view, qtbot):
    from nnsim.recipes.mnist_training import TrainConfig

    tp = view.training
    xtr, ytr = synthetic_digits(256, 0)
    xte, yte = synthetic_digits(64, 1)
    cfg = TrainConfig(model="cnn", epochs=1, batch_size=32, report_every=0.0)
    job = tp.start(cfg, data=(xtr, ytr, xte, yte))
    assert tp.running and not tp.btn_train.isEnabled() and tp.btn_cancel.isEnabled()
    qtbot.waitUntil(lambda: not tp.running, timeout=30000)
    result = tp.results["cnn"]
    assert job is not None and not result.cancelled
    xs, ys = tp.loss_curves["cnn"].getData()
    np.testing.assert_allclose(ys, result.losses)
    np.testing.assert_allclose(xs, np.arange(1, 9) * 32)
    assert result.losses[-1] < result.losses[0]
    assert tp.confusion.matrix().sum() == 64
    np.testing.assert_array_equal(tp.confusion.matrix(), result.confusion)
    assert result.accuracy == pytest.approx(np.trace(result.confusion) / 64)
    assert tp.gallery.count() == len(result.wrong) == 64 - np.trace(result.confusion)
    # Feature maps of the current digit with the trained kernels, made once, updated.
    kernels = tp.maps_box.maps.images[0][0].image
    np.testing.assert_allclose(kernels, result.theta[:9].reshape(3, 3))
    assert tp.btn_train.isEnabled() and not tp.btn_cancel.isEnabled()


def test_cancel_stops_training(view, qtbot):
    from nnsim.recipes.mnist_training import TrainConfig

    tp = view.training
    xtr, ytr = synthetic_digits(4000, 0)
    xte, yte = synthetic_digits(50, 1)
    tp.start(TrainConfig(model="mlp", epochs=20, batch_size=8), data=(xtr, ytr, xte, yte))
    tp.cancel()
    qtbot.waitUntil(lambda: not tp.running, timeout=30000)
    result = tp.results["mlp"]
    assert result.cancelled and result.images_seen < 20 * 4000
    assert "Cancelled" in tp.status.text()
    assert tp.btn_train.isEnabled()


def test_drawn_digit_becomes_the_input(view):
    from PySide6.QtCore import QPointF

    conv = view.conv
    conv.set_source(2)
    conv.input_box.canvas.stroke(QPointF(14, 4), QPointF(14, 24))
    img = conv.image()
    assert img.shape == (28, 28) and img[:, 13:15].sum() > 15 and img[:, :8].sum() == 0
    assert conv.output().shape == (26, 26)


def test_lesson_sets_up_the_cnn_view(demo_window):
    from nnsim.gui.lesson_browser import open_lesson

    window = demo_window
    assert open_lesson(window.context, "convolution-pooling")
    views = window.demo_views
    assert window.views.currentWidget() is views.pages["cnn"]
    conv = views.cnn.conv
    assert conv.kernel_box.stride.value() == 2 and conv.kernel().shape == (3, 3)
    np.testing.assert_allclose(conv.image(), lecture_seven())
    assert "3×3" in conv.size_box.label.text()


def test_presentation_mode_makes_the_demo_views_bigger(demo_window):
    from PySide6.QtWidgets import QApplication

    v = demo_window.demo_views
    conv, rnn, ex = v.cnn.conv, v.rnn, v.exercise
    sizes = lambda: (  # noqa: E731
        conv.sliding.sum_label.font().pointSizeF(),
        conv.sliding.flip_label.font().pointSizeF(),  # coloured without a style sheet: it follows
        conv.sliding.input_view.font().pointSizeF(),
        ex.title.font().pointSizeF(),
        rnn.loss_curve.opts["pen"].widthF(),
        v.cnn.training.loss_curves["cnn"].opts["pen"].widthF(),
    )
    before = sizes()
    demo_window.set_presentation(True)
    QApplication.processEvents()  # the new application font reaches widgets by events
    try:
        after = sizes()
        assert all(a > 1.3 * b for a, b in zip(after, before)), (before, after)
        assert conv.left_column.maximumWidth() > 1.3 * 24 * 11  # the controls widen too
    finally:
        demo_window.set_presentation(False)
        QApplication.processEvents()
    assert sizes() == before


@pytest.mark.parametrize("presentation", [False, True])
def test_the_answer_plot_has_room_for_its_ten_digits(demo_window, presentation):
    """The network's answer sits under the feature maps, as wide as the box: each of the
    ten digits of its axis has room for twice its own width, nothing over the maps, at
    1280×800 and 1920×1080; its sentence follows the language."""
    from PySide6.QtGui import QFontMetricsF
    from PySide6.QtWidgets import QApplication

    win = demo_window
    training = win.demo_views.cnn.training
    win.show_view("cnn")
    win.demo_views.cnn.tabs.setCurrentIndex(2)
    win.set_presentation(presentation)
    for size in ((1280, 800), (1920, 1080)):
        QApplication.processEvents()
        win.resize(*size)
        for _ in range(4):
            QApplication.processEvents()
        plot = training.maps_box.answer_plot
        axis = plot.getAxis("bottom")
        font = axis.style["tickFont"] or plot.font()
        digit = QFontMetricsF(font).horizontalAdvance("0")
        inner = plot.getPlotItem().getViewBox().width()
        assert inner / 10 >= 2 * digit, (size, inner, digit)
        assert training.maps_box.maps.geometry().bottom() < plot.geometry().top()
        assert (
            training.maps_box.maps.geometry().bottom()
            < training.maps_box.digit_view.geometry().top()
        )
    training.maps_box._answer = (9, 0.87)
    win.set_language("zh_CN")
    try:
        assert training.maps_box.answer_label.text() == "回答：9（概率 87%）"
    finally:
        win.set_language("en")
    assert training.maps_box.answer_label.text() == "Answer: 9 (probability 87%)"
    win.set_presentation(False)


def test_the_convolution_grids_are_whole_on_the_projector(demo_window):
    """In presentation mode at 1280×800 the convolution tab shows its input and feature
    map whole: the training tab's taller page scrolls on its own, and does not make the
    convolution's page taller than the window (grids pushed down, cut at the foot)."""
    from PySide6.QtWidgets import QApplication

    win = demo_window
    cnn = win.demo_views.cnn
    win.show_view("cnn")
    cnn.tabs.setCurrentIndex(0)
    win.set_presentation(True)
    try:
        QApplication.processEvents()
        win.resize(1280, 800)
        for _ in range(6):
            QApplication.processEvents()
        for grid in (cnn.conv.sliding.input_view, cnn.conv.sliding.output_view):
            seen = grid.visibleRegion().boundingRect()
            assert seen.size() == grid.size(), (seen, grid.size())
    finally:
        win.set_presentation(False)
