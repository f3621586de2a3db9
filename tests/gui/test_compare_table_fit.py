"""At 1280×800 in presentation mode the Compare table shows every column whole: no header
and no number elided or cut, text at least 24 px, in English and in Chinese."""

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle

from nnsim.lessons import load_lesson
from nnsim.model.compare import grid

#: The longest labels a lecture meets: 8 rates × 2 seeds.
LRS = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_column_of_the_table_is_elided_at_1280x800_in_presentation(qtbot, demo_window, language):
    win = demo_window
    win.set_language(language)
    win.show_view("compare")
    view = win.compare
    win.resize(1280, 800)
    cmp = view.set_comparison(
        load_lesson("playground-circle"), grid({"lr": LRS, "seed": [0, 1]}), epochs=123456
    )
    cmp.run(40)
    view.runner.epoch = 40
    win.set_presentation(True)
    try:
        view.redraw()
        qtbot.wait(100)
        assert (win.width(), win.height()) == (1280, 800)
        table, head, model = view.table, view.table.horizontalHeader(), view.model
        assert table.font().pixelSize() >= 24 and head.font().pixelSize() >= 24
        fm, hfm = QFontMetrics(table.font()), QFontMetrics(head.font())
        margin = table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, head)
        shown = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
        assert len(shown) == 8  # a classification: accuracies too
        texts = [[model.data(model.index(r, c)) for c in shown] for r in range(16)]
        assert texts[0][1] == "40" and "%" in texts[0][4]
        for c in shown:
            width = table.columnWidth(c)
            # the header: each of its lines, with the header's margins (and the sort arrow)
            lines = model.headerData(c, head.orientation()).split("\n")
            need = max(hfm.horizontalAdvance(line) for line in lines) + 2 * margin
            assert need <= width, (c, lines, need, width)
            assert head.sectionSizeHint(c) <= width, (c, lines)
            # every cell, as its delegate measures it, and the text itself
            for r in range(16):
                ix = view.proxy.index(r, c)
                assert table.sizeHintForIndex(ix).width() <= width, (r, c, ix.data())
                assert fm.horizontalAdvance(ix.data()) + 4 <= width, (r, c, ix.data())
        # all of it in view: nothing to scroll sideways, nothing past the window's edge
        assert sum(table.columnWidth(c) for c in shown) <= table.viewport().width()
        assert table.horizontalScrollBar().maximum() == 0
        right = table.mapTo(win, table.rect().topRight()).x()
        assert right <= win.width()
        # the header's two lines and three whole rows are in view, each line tall enough
        assert (
            head.height() >= len(model.headerData(2, head.orientation()).split("\n")) * hfm.height()
        )
        assert table.rowHeight(0) >= fm.height() >= 24
        assert table.viewport().height() >= 3 * table.rowHeight(0)
    finally:
        win.set_presentation(False)
        win.set_language("en")
    # back at the desk: the table is under the curves again, at the normal size
    assert view.table.parent() is view.right and view.table.font().pixelSize() < 24
