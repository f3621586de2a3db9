"""How the Compare view shares its space: splitter sizes, column widths, where the table sits."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle, QTableView

from nnsim.gui.compare.multiples import LABEL_PX

#: Rows of the table in view in presentation mode (it scrolls; sorted, the best on top).
TABLE_ROWS_SHOWN = 3


def fit_split(view) -> None:
    """Give a CompareView's pictures the width their grid needs at their height (square
    pictures), between a third and 60 % of the width; the curves 55 % of the right (in
    presentation mode the table below, ``TABLE_ROWS_SHOWN`` rows high).

    Nothing changes once the user dragged a splitter (``view.user_split``).
    """
    if view.user_split:
        return
    w, h = view.content.width(), view.content.height()
    if w < 10 or h < 10:
        return
    table = view.table
    if view.presentation:
        head = table.horizontalHeader().sizeHint().height()
        # whole rows, at most 3 (sorted, the best ones): the pictures keep the height
        rows = min(max(1, view.model.rowCount()), TABLE_ROWS_SHOWN)
        frame = 2 * table.frameWidth()
        table_h = head + rows * table.verticalHeader().defaultSectionSize() + frame
        view.content.setSizes([h - table_h, table_h])
        h -= table_h + view.content.handleWidth()
    multiples = view.multiples
    n = multiples.shown
    cols = max(1, int(np.ceil(np.sqrt(max(n, 1)))))
    rows = max(1, int(np.ceil(max(n, 1) / cols)))
    label = LABEL_PX[view.presentation] * 1.6
    side = max(h / rows - label, 20)
    want = int(cols * (side + 8))
    # never narrower than the grid's labels need (a cut picture is worse than a
    # smaller one)
    need = multiples.ci.effectiveSizeHint(Qt.SizeHint.MinimumSize).width()
    # nor than its widest label needs in every column (labels never widen the grid
    # themselves: see BoundaryMultiples._label)
    need = max(need, cols * (multiples.label_width() + 8))
    need += 2 * multiples.frameWidth() + 2
    left = min(max(want, w // 3, int(need)), int(0.6 * w)) if multiples.isVisible() else 0
    view.top.setSizes([left, w - left])
    if not view.presentation:
        view.right.setSizes([int(0.55 * h), h - int(0.55 * h)])


def fit_columns(table: QTableView, model, grow_only: bool = False) -> None:
    """Each shown column of ``table`` as wide as its header and the widest of ``model``'s
    cached texts (``grow_only`` while playing: columns that jump with every refresh
    cannot be read).

    Qt's ResizeToContents would measure every cell through the model at each refresh:
    milliseconds a refresh, in Python.
    """
    head = table.horizontalHeader()
    fm, bold = QFontMetrics(table.font()), QFont(table.font())
    bold.setBold(True)
    fmb = QFontMetrics(bold)
    style = table.style()
    pad = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    pad += 2 * table.showGrid() + 4  # the grid line, and a little air
    texts = model.cell_texts()
    for col in range(model.columnCount()):
        if table.isColumnHidden(col):
            continue
        m = fmb if col in (0, 7) else fm  # a diverged row says its label and status in bold
        need = max([head.sectionSizeHint(col)] + [m.horizontalAdvance(t[col]) + pad for t in texts])
        if need > head.sectionSize(col) or (not grow_only and need != head.sectionSize(col)):
            head.resizeSection(col, need)
    table.verticalHeader().setDefaultSectionSize(fm.height() + 8)


def place_table(view, on: bool) -> None:
    """A CompareView's table for presentation mode (``on``: text at ≥ 24 px, two-line
    headers, below pictures and curves across the whole width) or for the desk (under
    the curves)."""
    table = view.table
    f = QFont(table.font())
    f.setPixelSize(LABEL_PX[on])
    table.setFont(f)
    table.horizontalHeader().setFont(f)
    view.model.set_two_line(on)
    if on:
        # 8 columns at 24 px need ~1 150 px: more than the right side
        view.content.addWidget(table)
        # a resize of the view goes to the pictures and curves: the table keeps its rows
        view.content.setStretchFactor(0, 1)
        view.content.setStretchFactor(1, 0)
    else:
        view.right.addWidget(table)
    fit_columns(table, view.model)
