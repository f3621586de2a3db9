"""ReadableAxis: tick labels a label's size apart, on linear and log axes, at the desk's
font size and the projector's."""

import math

import pytest
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter

from nnsim.gui.plots.axes import ReadableAxis


def _axis(orientation: str, pt: float, log: bool = False) -> ReadableAxis:
    axis = ReadableAxis(orientation)
    font = QFont()
    font.setPointSizeF(pt)
    axis.setTickFont(font)
    axis.setLogMode(False, log) if orientation == "left" else axis.setLogMode(log, False)
    return axis


def _labelled(axis, lo, hi, size):
    """(value, text) of every label the axis draws over lo … hi (log10 in log mode)."""
    out = []
    for i, (spacing, values) in enumerate(axis.tickValues(lo, hi, size)):
        if i > axis.style["maxTextLevel"]:
            break
        out += zip(values, axis.tickStrings(values, 1.0, spacing))
    return sorted(out)


@pytest.mark.parametrize("pt", [10.0, 16.0])
@pytest.mark.parametrize("size", [60, 120, 300, 700, 2000])
@pytest.mark.parametrize("span", [(0.0005, 0.35), (0.02, 0.9), (0.118, 0.131)])
def test_log_labels_are_a_label_height_apart(qtbot, pt, size, span):
    axis = _axis("left", pt, log=True)
    lo, hi = math.log10(span[0]), math.log10(span[1])
    labels = _labelled(axis, lo, hi, size)
    height = QFontMetricsF(axis.style["tickFont"]).height()
    px = [size * (v - lo) / (hi - lo) for v, _t in labels]
    assert all(b - a >= height for a, b in zip(px, px[1:])), labels
    texts = [t for _v, t in labels]
    assert len(set(texts)) == len(texts)  # no two read the same (0.12 and 0.13: not "0.1")
    if span[0] < 0.01 and size >= 120:
        assert {"0.001", "0.01", "0.1"} <= set(texts)  # every decade in view
    if size >= 120:
        assert len(labels) >= 2


def test_a_tall_log_axis_labels_every_value_a_short_one_the_decades(qtbot):
    axis = _axis("left", 10.0, log=True)
    texts = lambda size: [t for _v, t in _labelled(axis, -3.0, -1.0, size)]  # noqa: E731
    every = [f"{m * 10.0**k:g}" for k in (-3, -2) for m in range(1, 10)] + ["0.1"]
    assert texts(2000) == every  # 0.001, 0.002, ..., 0.009, 0.01, ..., 0.09, 0.1
    assert texts(300) == ["0.001", "0.002", "0.003", "0.005", "0.01", "0.02", "0.03", "0.05", "0.1"]
    assert texts(60) == ["0.001", "0.01", "0.1"]


def _drawn(qtbot, pt, last, width):
    """(text, centre x, width) of the epoch labels a plot ``width`` px wide draws."""
    import pyqtgraph as pg

    w = pg.PlotWidget(axisItems={"bottom": ReadableAxis("bottom")})
    qtbot.addWidget(w)
    axis = w.getPlotItem().getAxis("bottom")
    font = QFont()
    font.setPointSizeF(pt)
    axis.setTickFont(font)
    w.resize(width, 200)
    w.show()
    qtbot.waitExposed(w)
    w.getPlotItem().setXRange(0, last, padding=0)
    qtbot.wait(10)
    img = QImage(4, 4, QImage.Format.Format_ARGB32)
    p = QPainter(img)
    p.setFont(font)
    _a, _t, texts = axis.generateDrawSpecs(p)
    p.end()
    fm = QFontMetricsF(font, w)
    return [(t, r.center().x(), fm.horizontalAdvance(t)) for r, _f, t in texts]


@pytest.mark.parametrize("pt", [10.0, 16.0])
@pytest.mark.parametrize("last", [2, 30, 200, 123456, 2_000_000])
@pytest.mark.parametrize("width", [250, 500, 1100])
def test_epoch_labels_never_touch(qtbot, pt, last, width):
    drawn = sorted(_drawn(qtbot, pt, last, width), key=lambda d: d[1])
    assert len(drawn) >= (2 if width >= 500 else 1), drawn
    # every label reads its tick's value (a step of 0.25 printed 0.75 as "0.8")
    axis_values = [float(t.replace("k", "e3").replace("M", "e6")) for t, _c, _w in drawn]
    assert axis_values == sorted(axis_values) and len(set(axis_values)) == len(axis_values)
    steps = {round(b - a, 9) for a, b in zip(axis_values, axis_values[1:])}
    assert len(steps) <= 1, (drawn, steps)  # evenly spaced, as their ticks are
    for (t1, c1, w1), (t2, c2, w2) in zip(drawn, drawn[1:]):
        assert c2 - c1 >= (w1 + w2) / 2 + 2, (t1, t2, c2 - c1, w1, w2)
