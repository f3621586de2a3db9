"""The RNN view on a projector (presentation mode, 1280×800 and 1920×1080): titles, step
line and plots apart and whole, tick numbers at their own scale, and the W_h tag under the
recurrent arrow it names."""

import pytest
from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionGroupBox


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
    # the step line lies inside the diagram's box, the plots below it, side by side
    dia = view.diagram_box.geometry()
    assert dia.contains(in_view(view, details, details.rect()))
    for box in boxes[1:]:
        assert box.geometry().top() > dia.bottom(), box.title()
    assert view.heat_box.geometry().right() < view.grad_box.geometry().left()
    assert view.loss_box.geometry().bottom() < win.demo_views.rnn.height()
    # the plots tall enough for their tick numbers: 64 units' ticks ≥ 1.5 lines apart
    line = view.heat_plot.fontMetrics().height()
    assert view.heat_plot.height() >= 8 * line


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


@pytest.mark.parametrize("selected", [0, 3, 12, 19])
def test_w_h_sits_under_its_own_arrow(qtbot, selected):
    from nnsim.gui.demos.rnn_view import RnnView

    view = RnnView()
    qtbot.addWidget(view)
    view.resize(1280, 900)
    view.show()
    pick(view, "sine")  # T = 20: presentation shows 10 steps around the selected one
    view.set_presentation(True)
    view.select_step(selected)
    unrolled = view.unrolled
    unrolled.grab()  # paints, recording where things went
    first = unrolled._columns()[3]
    tag = unrolled.drawn["tags"]["W_h"]
    arrows = unrolled.drawn["arrows"]
    own = [(a, b) for kind, t, a, b in arrows if kind == "h" and t == first + 1]
    assert len(own) == 1
    a, b = own[0]
    centre = tag.center()
    # between the two boxes the arrow joins, both in view, and just under the arrow
    assert a.x() >= 0 and a.x() < centre.x() < b.x()
    assert a.y() < tag.top() < a.y() + tag.height()
    # on no other arrow
    for kind, t, p, q in arrows:
        if (p, q) == (a, b):
            continue
        seg = QRectF(p, q).normalized().adjusted(-2, -2, 2, 2)
        assert not tag.intersects(seg), (kind, t)
    assert unrolled.rect().toRectF().contains(tag)
    # and W_x, W_y on theirs
    for name, kind in (("W_x", "x"), ("W_y", "y")):
        r = unrolled.drawn["tags"][name]
        xs = [p.x() for k, t, p, q in arrows if k == kind]
        assert any(abs(r.center().x() - x) < 1 for x in xs), name
    assert isinstance(centre, QPointF)
    view.shutdown()
