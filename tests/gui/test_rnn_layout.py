"""The RNN view on a projector (presentation mode, 1280×800 and 1920×1080): the page fits
without scrolling, titles, step line and plots apart and whole, the diagram's labels at
least 24 px and apart, tick numbers at their own scale and apart, and each weight's tag
beside the arrow it names, clear of every line and box."""

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionGroupBox, QWidget


def settle(qtbot, win, size):
    QApplication.processEvents()  # presentation mode's full screen first, then this size
    win.resize(*size)
    for _ in range(4):
        QApplication.processEvents()
        qtbot.wait(20)


def in_view(view, widget, rect: QRect) -> QRect:
    """``rect`` (widget coordinates) in the view's coordinates."""
    return QRect(widget.mapTo(view, rect.topLeft()), rect.size())


def title_rect(box) -> QRect:
    """Where the group box draws its title (box coordinates)."""
    opt = QStyleOptionGroupBox()
    box.initStyleOption(opt)
    return box.style().subControlRect(
        QStyle.ComplexControl.CC_GroupBox, opt, QStyle.SubControl.SC_GroupBoxLabel, box
    )


def pick(view, kind):
    from nnsim.gui.demos.rnn_view import DEMOS

    view.demo.setCurrentIndex([k for k, _ in DEMOS].index(kind))


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_titles_step_line_and_plots_are_apart_and_whole(qtbot, demo_window, language, size):
    win = demo_window
    win.set_language(language)
    win.show_view("rnn")
    view = win.demo_views.rnn
    pick(view, "chars")  # the longest shape note and 64 hidden units
    view.run.train(3)
    view.apply_frame(view.run.frame())
    win.set_presentation(True)
    settle(qtbot, win, size)
    boxes = [view.diagram_box, view.heat_box, view.grad_box, view.loss_box, view.pred_box]
    parts = {}
    for box in boxes:
        r = title_rect(box)
        text = box.title()
        # the whole title is drawn inside its box (its ink: a closing full-width bracket
        # advances past its glyph)
        assert r.width() >= box.fontMetrics().boundingRect(text).width(), text
        assert r.left() >= 0 and r.right() <= box.width(), text
        parts[text] = in_view(view, box, r)
    details = view.step_details
    assert details.text()
    parts["step line"] = in_view(view, details, details.contentsRect())
    names = list(parts)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not parts[a].intersects(parts[b]), (a, parts[a], b, parts[b])
    # the step line lies inside the diagram's box, the plots in a column beside it
    dia = view.diagram_box.geometry()
    assert dia.contains(in_view(view, details, details.rect()))
    for box in boxes[1:]:
        assert box.geometry().left() > dia.right(), box.title()
    column = [view.heat_box, view.grad_box, view.loss_box, view.pred_box]
    for upper, lower in zip(column, column[1:]):
        assert upper.geometry().bottom() < lower.geometry().top()
    assert view.pred_box.geometry().bottom() < view.height()
    # the value axes' tick numbers at least 1.5 lines apart (64 hidden units' ticks
    # would otherwise lie over each other on the short plots)
    for plot in (view.heat_plot, view.grad_plot, view.loss_plot):
        line = plot.fontMetrics().height()
        lo, hi = plot.getViewBox().viewRange()[1]
        pixels = plot.getViewBox().height()
        levels = plot.getAxis("left").tickValues(lo, hi, pixels)
        assert levels, plot
        for spacing, values in levels:
            if len(values) > 1:
                assert spacing * pixels / (hi - lo) >= 1.5 * line, (plot, spacing)


@pytest.mark.parametrize("kind", ["chars", "sine", "parity"])
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_page_fits_a_1280_by_800_projector(qtbot, demo_window, language, kind):
    win = demo_window
    win.set_language(language)
    win.show_view("rnn")
    view = win.demo_views.rnn
    pick(view, kind)
    view.run.train(3)
    view.apply_frame(view.run.frame())
    view.select_step(3)
    win.set_presentation(True)
    settle(qtbot, win, (1280, 800))
    area = win.demo_views.pages["rnn"]
    assert not area.verticalScrollBar().isVisible()
    assert not area.horizontalScrollBar().isVisible()
    viewport = area.viewport()
    seen = QRect(viewport.mapTo(win, QPoint(0, 0)), viewport.size())
    strip = win.findChild(QWidget, "presentation_strip")
    assert strip is not None and strip.isVisible()
    assert seen.bottom() < strip.mapTo(win, QPoint(0, 0)).y()  # nothing under the bar
    # every control and text of the page whole inside the visible part of the page
    parts = [
        view.demo,
        view.steps,
        view.iterations,
        view.btn_train,
        view.btn_reset,
        view.status,
        view.shape_note,
        view.unrolled,
        view.time_label,
        view.time_slider,
        view.step_details,
        view.heat_plot,
        view.grad_plot,
        view.loss_plot,
        view.text_box,
    ]
    for w in parts:
        if w.isVisibleTo(view):
            r = QRect(w.mapTo(win, QPoint(0, 0)), w.size())
            assert seen.contains(r), (w, r, seen)
    # the wrapped texts get the height their lines need
    for label in (view.shape_note, view.step_details, view.text_box):
        if label.text():
            assert label.height() >= label.heightForWidth(label.width()) - 1, label
    # the diagram's texts: inside it, apart, at least 24 px tall
    unrolled = view.unrolled
    unrolled.grab()
    drawn = unrolled.drawn
    texts = list(drawn["texts"]) + list(drawn["tags"].items())
    inside = unrolled.rect().toRectF()
    for name, r in texts:
        assert inside.contains(r), (name, r)
    for i, (a, ra) in enumerate(texts):
        for b, rb in texts[i + 1 :]:
            assert not ra.intersects(rb), (a, ra, b, rb)
    assert drawn["fonts"]["small"] >= 24 and drawn["fonts"]["text"] >= 24
    labels = [r for name, r in drawn["texts"] if name[0] in "xy" or name.startswith("target")]
    assert labels and all(r.height() >= 24 for r in labels)
    if kind == "sine":  # targets above the outputs
        assert any(name.startswith("target") for name, _ in drawn["texts"])


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours."""

    def lum(c):
        def ch(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_labels_and_targets_read_from_the_back_row():
    from nnsim.gui.demos import unrolled

    page = QColor("#f0f0f0")
    selected = QColor(240 - 26, 240 - 25, 240 - 22)  # the pink of the selected column
    for colour in (unrolled._LABEL, unrolled._TARGET):
        assert contrast(colour, page) >= 6.0
        assert contrast(colour, selected) >= 5.0


def test_axis_numbers_are_not_rescaled_in_presentation(qtbot, demo_window):
    # pyqtgraph worked out an SI scale for unlabelled units even with the prefix off:
    # a loss of 0.7 read "700" in presentation mode
    win = demo_window
    win.show_view("rnn")
    view = win.demo_views.rnn
    pick(view, "parity")
    view.run.train(5)
    view.apply_frame(view.run.frame())
    settle(qtbot, win, (1280, 800))  # the axes take the curves' ranges (losses near 0.7)
    assert 0.5 < view.loss_plot.getAxis("left").range[0] < 0.7
    win.set_presentation(True)
    settle(qtbot, win, (1280, 800))
    for plot in (view.loss_plot, view.grad_plot, view.heat_plot):
        ax = plot.getAxis("left")
        assert ax.autoSIPrefixScale == 1.0
        assert ax.tickStrings([0.7], ax.autoSIPrefixScale * ax.scale, 0.1) == ["0.7"]


@pytest.mark.parametrize("kind", ["sine", "chars"])
@pytest.mark.parametrize("selected", [0, 3, 12, 15])
def test_each_tag_sits_beside_its_own_arrow(qtbot, selected, kind):
    from nnsim.gui.demos.rnn_view import RnnView

    view = RnnView()
    qtbot.addWidget(view)
    view.resize(1280, 900)
    view.show()
    pick(view, kind)  # T = 20 or 16: presentation shows a window around the selected one
    view.set_presentation(True)
    view.select_step(selected)
    unrolled = view.unrolled
    unrolled.grab()  # paints, recording where things went
    first = unrolled._columns()[3]
    drawn = unrolled.drawn
    tags, arrows = drawn["tags"], drawn["arrows"]
    # W_h above the arrow into the second box in view, between the two boxes it joins
    tag = tags["W_h"]
    own = [(a, b) for k, t, a, b in arrows if k == "h" and t == first + 1]
    assert len(own) == 1
    a, b = own[0]
    assert 0 <= a.x() < tag.left() and tag.right() < b.x()
    assert a.y() - tag.height() - 8 < tag.top() and tag.bottom() < a.y()
    # W_x and W_y right of their vertical arrows, within the arrow's length
    for name, kind_ in (("W_x", "x"), ("W_y", "y")):
        if name not in tags:
            continue
        r = tags[name]
        mine = [(p, q) for k, t, p, q in arrows if k == kind_ and 0 < r.left() - p.x() < 10]
        assert len(mine) == 1, name
        p, q = mine[0]
        assert min(p.y(), q.y()) <= r.top() and r.bottom() <= max(p.y(), q.y()), name
    # no tag on any line (an arrow's pen is a few px wide) or any box
    for name, r in tags.items():
        for k, t, p, q in arrows:
            line = QRectF(p, q).normalized().adjusted(-2, -2, 2, 2)
            assert not r.intersects(line), (name, k, t)
        for box in drawn["boxes"]:
            assert not r.intersects(box), (name, box)
        assert unrolled.rect().toRectF().contains(r)
    assert "W_x" in tags or kind == "chars"  # chars: x only at step 1
    view.shutdown()


@pytest.mark.parametrize("kind", ["document", "chars", "sine", "parity"])
def test_the_normal_page_fits_1280_by_800_unscrolled(qtbot, built_window, kind):
    """Out of presentation mode, at 1280×800, the rnn-shapes lesson's RNN page needs no
    scroll bar (it needed 113 px more than it had): the prediction's text stands beside
    its plot, the boxes' margins above and below are narrower; every plot whole."""
    with built_window("rnn-shapes", view="rnn") as win:
        win.show()
        qtbot.waitExposed(win)
        view = win.demo_views.rnn
        if kind != "document":
            pick(view, kind)
        assert view.kind == kind
        view.run.train(3)
        view.apply_frame(view.run.frame())
        settle(qtbot, win, (1280, 800))
        area = win.demo_views.pages["rnn"]
        assert not area.verticalScrollBar().isVisible()
        assert not area.horizontalScrollBar().isVisible()
        assert view.minimumSizeHint().height() <= area.viewport().height()
        assert view.height() <= area.viewport().height()
        seen = QRect(QPoint(0, 0), area.viewport().size())
        for w in (view.unrolled, view.heat_plot, view.grad_plot, view.loss_plot, view.text_box):
            if w.isVisibleTo(view):
                r = QRect(w.mapTo(area.viewport(), QPoint(0, 0)), w.size())
                assert seen.contains(r), (w, r, seen)
                assert w.height() >= w.minimumSizeHint().height() - 1, w
        if view.pred_plot.isVisibleTo(view):  # the text beside the plot, not under it
            assert view.text_box.x() > view.pred_plot.geometry().right()
        # presentation mode keeps its column (text under the plot), and back
        win.set_presentation(True)
        settle(qtbot, win, (1280, 800))
        assert not area.verticalScrollBar().isVisible()
        if view.pred_plot.isVisibleTo(view):
            assert view.text_box.y() > view.pred_plot.geometry().bottom()
        win.set_presentation(False)
        settle(qtbot, win, (1280, 800))
        assert not area.verticalScrollBar().isVisible()
