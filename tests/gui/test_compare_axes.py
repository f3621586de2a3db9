"""The loss curves' tick labels are whole inside the plot, at the desk and on a projector
(1280×800, 1920×1080): the number at the right end of the epoch axis too."""

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QImage, QPainter

from nnsim.lessons import load_lesson
from nnsim.model.compare import grid

LRS = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0]


def tick_labels(widget, axis):
    """``axis``'s drawn tick labels: (text, its rectangle in ``widget``'s pixels, the
    axis's clip rectangle there). The width is the text's on the screen, measured with
    the widget's font metrics (pyqtgraph measures on its own painter)."""
    img = QImage(4, 4, QImage.Format.Format_ARGB32)
    p = QPainter(img)
    font = axis.style["tickFont"]
    p.setFont(font)
    _axis, _ticks, texts = axis.generateDrawSpecs(p)
    p.end()
    fm = QFontMetricsF(font, widget)

    def to_widget(r):
        return widget.mapFromScene(axis.mapRectToScene(r)).boundingRect().toRectF()

    clip = to_widget(QRectF(axis.boundingRect().toAlignedRect()))
    out = []
    for rect, _flags, text in texts:
        w = fm.horizontalAdvance(text)
        if axis.orientation == "bottom":  # centred on the tick
            r = QRectF(rect.center().x() - w / 2, rect.top(), w, rect.height())
        else:  # right-aligned against the ticks
            r = QRectF(rect.right() - w, rect.top(), w, rect.height())
        out.append((text, to_widget(r), clip))
    return out


@pytest.mark.parametrize(
    ("size", "presentation", "epochs"),
    [
        ((1280, 800), False, 200),
        ((1280, 800), True, 200),
        ((1920, 1080), False, 200),
        ((1920, 1080), True, 200),
        ((1280, 800), True, 123456),
    ],
)
def test_every_tick_label_is_whole_inside_the_loss_plot(
    qtbot, demo_window, size, presentation, epochs
):
    win = demo_window
    win.show_view("compare")
    win.resize(*size)
    view = win.compare
    cmp = view.set_comparison(
        load_lesson("playground-circle"), grid({"lr": LRS, "seed": [0, 1]}), epochs=epochs
    )
    cmp.run(30)
    view.runner.epoch = 30
    win.set_presentation(presentation)
    view.redraw()
    qtbot.wait(150)
    assert (win.width(), win.height()) == size
    curves = view.curves
    port = QRectF(curves.viewport().rect())
    bottom, left = curves.plot.getAxis("bottom"), curves.plot.getAxis("left")
    assert bottom.style["tickFont"].pointSizeF() == (16.0 if presentation else 10.0)
    xs = tick_labels(curves, bottom)
    ys = tick_labels(curves, left)
    assert len(xs) >= 3 and len(ys) >= 2, (xs, ys)
    for text, r, clip in xs + ys:
        # whole inside the widget and inside what the axis paints (it clips to that)
        assert port.contains(r), (text, r, port)
        assert clip.contains(r), (text, r, clip)
    # no two labels of an axis touch (the log axis once printed 0.007, 0.008, 0.009 and
    # 0.01 on top of each other at 1920×1080)
    for labels in (xs, ys):
        rects = [r for _t, r, _c in labels]
        for i, a in enumerate(rects):
            for b in rects[i + 1 :]:
                assert not a.intersects(b), ([t for t, _r, _c in labels], a, b)
    # the right end of the axis is labelled: the last major tick of the range
    (x0, x1), _y = curves.plot.vb.viewRange()
    spacing, values = bottom.tickValues(x0, x1, bottom.width())[0]
    last = max(v for v in values if v <= x1)
    label = bottom.tickStrings([last], 1.0, spacing)[0]
    assert label == {200: "200", 123456: "100k"}[epochs]  # 100k, not 100000 or 1e+05
    assert label in [t for t, _r, _c in xs], (last, [t for t, _r, _c in xs])
    assert last >= 0.75 * epochs  # (the end of the run, not some early tick)
    win.set_presentation(False)
