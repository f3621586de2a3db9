"""16 variants in presentation mode on a projector (1280×800, 1920×1080), in English and in
Chinese: every picture whole in view, its label whole, at 24 px and apart from the others,
and no legend over the loss curves."""

import pytest
from PySide6.QtCore import QRectF

from nnsim.lessons import load_lesson
from nnsim.model.compare import grid

#: The longest labels a lecture meets: 8 rates × 2 seeds.
LRS = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0]


def _in_view(widget, item) -> QRectF:
    """``item``'s rectangle in ``widget``'s pixels."""
    return widget.mapFromScene(item.sceneBoundingRect()).boundingRect().toRectF()


def _text_rect(widget, label) -> QRectF:
    """The rectangle the label's text takes (not the label item's, which its cell sizes)."""
    text = label.item
    return widget.mapFromScene(text.mapRectToScene(text.boundingRect())).boundingRect().toRectF()


@pytest.fixture
def shown(qtbot, demo_window):
    """A function: the window at a size and language, in presentation mode, showing
    ``variants`` of the circle problem after 30 epochs."""
    win = demo_window
    win.show_view("compare")

    def show(size, language, variants):
        win.set_language(language)
        win.resize(*size)
        cmp = win.compare.set_comparison(load_lesson("playground-circle"), variants, epochs=200)
        cmp.run(30)
        win.compare.runner.epoch = 30
        win.set_presentation(True)
        win.compare.redraw()
        qtbot.wait(150)
        assert (win.width(), win.height()) == size
        return win, win.compare

    yield show
    win.set_presentation(False)
    win.set_language("en")


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_sixteen_pictures_are_whole_and_labelled_on_a_projector(shown, size, language):
    win, view = shown(size, language, grid({"lr": LRS, "seed": [0, 1]}))
    mult = view.multiples
    assert mult.shown == 16 and mult.isVisible()
    # the grid's widget lies inside the window
    top_left = mult.mapTo(win, mult.rect().topLeft())
    assert top_left.x() >= 0 and top_left.x() + mult.width() <= win.width()
    assert top_left.y() + mult.height() <= win.height()
    port = QRectF(mult.viewport().rect())
    texts = []
    for i, cell in enumerate(mult.cells[:16]):
        pic = _in_view(mult, cell.view)
        # whole inside the visible viewport, and big enough to see a boundary in
        assert port.contains(pic), (i, pic, port)
        assert min(pic.width(), pic.height()) >= 50, (i, pic)
        text = _text_rect(mult, cell.label)
        assert port.contains(text), (i, text, port)
        # not cut: the text is no wider than its cell (neighbours' labels start there)
        assert text.width() <= _in_view(mult, cell.layout).width() + 1, (i, cell.text)
        assert "font-size:24px" in cell.label.item.toHtml().replace(" ", "")
        # nothing elided, and the short form names only what was varied
        assert "…" not in cell.text and "..." not in cell.text
        texts.append(text)
    assert mult.cells[1].text == "η 0.001 · #1"
    assert mult.cells[15].text == "η 3 · #1"
    for i, a in enumerate(texts):
        for j, b in enumerate(texts[i + 1 :], i + 1):
            assert not a.intersects(b), (i, j, a, b)
    # the pictures' labels are the curves' key: same colour square; no legend on the curves
    curves = view.curves
    assert [c.color for c in mult.cells[:16]] == curves.colors[:16]
    assert not curves.legend.isVisible()
    # the table below keeps the whole label
    assert view.model.data(view.model.index(1, 0)) in ("η = 0.001, seed 1", "η = 0.001, 种子 1")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_legend_lies_below_the_curves_when_the_pictures_cannot_key_them(shown, language):
    # 20 variants: pictures of 16 only; the legend names the 4 others
    win, view = shown((1280, 800), language, grid({"lr": LRS + [0.0003, 0.0001], "seed": [0, 1]}))
    curves = view.curves
    legend = curves.legend
    assert legend.isVisible()
    assert [label.text for _s, label in legend.items] == [
        "η 0.0003 · #0",
        "η 0.0003 · #1",
        "η 0.0001 · #0",
        "η 0.0001 · #1",
    ]
    assert [s.item for s, _label in legend.items] == curves.curves[16:20]
    data = _in_view(curves, curves.plot.vb)
    box = _in_view(curves, legend)
    assert box.height() > 0 and not box.intersects(data), (box, data)
    assert box.top() >= data.bottom()
    # every entry whole inside the plot widget
    port = QRectF(curves.viewport().rect())
    for _sample, label in legend.items:
        r = _in_view(curves, label)
        assert port.contains(r) and not r.intersects(data), (label.text, r)
    assert legend.opts["labelTextSize"] == "24px"


def test_at_the_desk_the_legend_names_the_curves_without_a_picture(qtbot, demo_window):
    win = demo_window
    win.show_view("compare")
    win.resize(1280, 800)
    view = win.compare
    lrs = LRS + [0.0003, 0.0001]
    view.set_comparison(load_lesson("playground-circle"), grid({"lr": lrs, "seed": [0, 1]}))
    qtbot.wait(100)
    curves = view.curves
    legend = curves.legend
    assert legend.isVisible() and len(legend.items) == 4
    assert legend.items[1][1].text == "η = 0.0003, seed 1" == view.labels[17]
    data = _in_view(curves, curves.plot.vb)
    box = _in_view(curves, legend)
    assert box.height() > 0 and box.top() >= data.bottom(), (box, data)
    port = QRectF(curves.viewport().rect())
    for _sample, label in legend.items:
        assert port.contains(_in_view(curves, label)), label.text
    # 16 variants: every curve has its picture, whose label's square is its key
    view.set_comparison(load_lesson("playground-circle"), grid({"lr": LRS, "seed": [0, 1]}))
    qtbot.wait(50)
    assert not legend.isVisible() and legend.items == []
    assert [c.color for c in view.multiples.cells[:16]] == curves.colors


def test_the_projector_layout_exports_whole_to_png_and_svg(shown, tmp_path):
    from PySide6.QtGui import QImage

    win, view = shown((1280, 800), "en", grid({"lr": LRS, "seed": [0, 1]}))
    png, svg = view.export(tmp_path / "c.png"), view.export(tmp_path / "c.svg")
    img = QImage(str(png))
    w, h = view.content.width(), view.content.height()
    assert (img.width(), img.height()) == (2 * w, 2 * h)
    # each picture is in the file where it is on screen: its middle has the picture's
    # colours (blue or orange), not the white of the background
    mult = view.multiples
    for i, cell in enumerate(mult.cells[:16]):
        r = _in_view(mult, cell.view)
        c = mult.mapTo(view.content, r.center().toPoint())
        colour = img.pixelColor(2 * c.x(), 2 * c.y())
        assert colour.name() != "#ffffff" and colour.saturation() > 40, (i, colour.name())
    text = svg.read_text(encoding="utf-8")
    # the pictures' short labels, every one; the table's long ones (Qt writes a text in
    # runs: "η = 0.001, " then "seed 1")
    assert "<svg" in text and "η = 0.001, " in text and "seed 1" in text
    for cell in mult.cells[:16]:
        assert cell.text in text, cell.text
