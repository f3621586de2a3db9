"""The Compare view plays variants live: pictures, curves and table follow the run; a variant
opens in the Network view with the engine replica's weights, as one undo step."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from nnsim.lessons import load_lesson
from nnsim.model.compare import grid
from nnsim.model.compile import compile_document

#: 8 rates × 2 seeds: η = 1 with seed 1 diverges after a few epochs, the others learn.
LRS = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.6, 1.0]


def _play_to_end(qtbot, view, timeout=20_000):
    view.strip.pace.setCurrentIndex(view.strip.pace.count() - 1)  # fastest
    view.play()
    qtbot.waitUntil(lambda: not view.runner.playing, timeout=timeout)


def _cells(view, col):
    m = view.model
    return [m.data(m.index(i, col)) for i in range(m.rowCount())]


@pytest.fixture
def compare(demo_window):
    win = demo_window
    win.show_view("compare")
    return win, win.compare


def test_sixteen_variants_play_and_every_picture_curve_and_row_changes(qtbot, compare):
    win, view = compare
    cmp = view.set_comparison(
        load_lesson("learning-rate"), grid({"lr": LRS, "seed": [0, 1]}), epochs=25
    )
    assert len(cmp) == 16 and view.multiples.shown == 16
    view.redraw()
    before_img = [v.copy() for v in view.multiples.values]
    assert all(v is not None and v.shape == (50, 50) for v in before_img)
    before_rows = [_cells(view, c) for c in (1, 3)]  # epochs, train loss
    assert set(before_rows[0]) == {"0"}
    assert all(c.xData is None or len(c.xData) == 0 for c in view.curves.curves[:16])

    _play_to_end(qtbot, view)

    assert view.runner.epoch == 25
    after_img = view.multiples.values
    changed = [not np.array_equal(a, b) for a, b in zip(before_img, after_img)]
    assert all(changed), changed
    for i, curve in enumerate(view.curves.curves[:16]):
        x, y = curve.getData()
        epochs = cmp.column(i, "epoch")
        assert len(x) >= 2 and x[0] == 0 and x[-1] == epochs[-1], i
        assert epochs[-1] == (25 if i != 15 else 6), i  # η = 1, seed 1 diverges
        # the curve is the replica's own history, thinned to what shows at its size
        assert np.isin(x, epochs).all() and np.all(np.diff(x) > 0), i
        shown = np.isin(epochs, x)
        loss = np.asarray(cmp.column(i, "train_loss"))[shown]
        np.testing.assert_array_equal(curve.yData, np.log10(loss))  # a log axis
    for col, old in zip((1, 3), before_rows):
        new = _cells(view, col)
        assert all(a != b for a, b in zip(old, new)), (old, new)
    # the one that diverged is said so in its picture, curve and row
    rows = cmp.rows()
    div = [i for i, r in enumerate(rows) if r.diverged]
    assert div == [15]  # η = 1, seed 1
    cell = view.multiples.cells[15]
    assert cell.diverged and "diverged" in cell.label.text and "#c0392b" in cell.label.text
    assert not any(c.diverged for c in view.multiples.cells[:15])
    assert view.curves.curves[15].opts["pen"].style() == Qt.PenStyle.DashLine
    assert view.model.data(view.model.index(15, 7)) == "DIVERGED"
    assert view.model.data(view.model.index(15, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert view.model.data(view.model.index(3, 0), Qt.ItemDataRole.BackgroundRole) is None


def test_opening_a_variant_gives_the_replica_weights_as_one_undo_step(qtbot, compare):
    win, view = compare
    cmp = view.set_comparison(load_lesson("learning-rate"), grid({"lr": LRS[:4]}), epochs=10)
    _play_to_end(qtbot, view)
    before = win.document.all_weights()
    steps = win.undo_stack.count()
    # a double-click on the table row of variant 2 (its row, whatever the sorting)
    view.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    row = view.proxy.mapFromSource(view.model.index(2, 0)).row()
    rect = view.table.visualRect(view.proxy.index(row, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.selected == 2
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.undo_stack.count() == steps + 1
    assert win.views.currentWidget() is win.view_widget("network")
    theta = compile_document(win.document, cache=False).network.theta
    assert np.array_equal(theta, cmp.network(2).theta)
    assert win.document.settings.lr == LRS[2]
    assert "η = 0.01" in win.undo_stack.undoText()
    win.undo_stack.undo()
    for a, b in zip(win.document.all_weights()[0].values(), before[0].values()):
        assert np.array_equal(a, b)


def test_table_sorts_by_the_numbers(qtbot, compare):
    win, view = compare
    view.set_comparison(load_lesson("learning-rate"), grid({"lr": LRS[:6]}), epochs=8)
    _play_to_end(qtbot, view)
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(3) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    shown = [view.proxy.data(view.proxy.index(r, 3)) for r in range(6)]
    losses = [float(s) for s in shown]
    assert losses == sorted(losses) or losses == sorted(losses, reverse=True)
    assert losses != [float(s) for s in _cells(view, 3)]  # not the set-up's order
    # the largest rate learns fastest here: sorted by loss it comes first
    view.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert view.proxy.data(view.proxy.index(0, 0)) == "η = 0.3"


def test_learning_rate_lesson_opens_on_its_comparison_and_marks_the_big_rates(qtbot, compare):
    win, view = compare
    assert win.open_lesson("learning-rate")
    qtbot.waitUntil(lambda: view.comparison is not None and not view.stale)
    assert win.views.currentWidget() is win.view_widget("compare")
    assert view.strip.lesson_chosen()
    assert view.labels[-1] == "η = 10" and len(view.labels) == 9
    assert view.strip.epochs.value() == 100
    _play_to_end(qtbot, view)
    marked = [c.diverged for c in view.multiples.cells[: view.multiples.shown]]
    assert marked[-3:] == [True, True, True] and not any(marked[:6])
    status = _cells(view, 7)
    assert status[-1] == "DIVERGED" and status[0] == "finished"


@pytest.mark.parametrize("name", ["bp-variants", "overfitting", "activation-gallery"])
def test_lessons_with_a_comparison_open_on_it(qtbot, name, tmp_path, monkeypatch, built_window):
    """`nnsim gui LESSON`: the Compare view in front with the lesson's variants set up."""
    from nnsim.lessons.comparisons import comparison_spec

    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    spec = comparison_spec(name)
    with built_window(name, language="en") as win:
        assert win.views.currentWidget() is win.view_widget("compare")
        view = win.compare
        qtbot.waitUntil(lambda: view.comparison is not None)
        assert view.strip.lesson_chosen()
        assert [v.label for v in view.variants] == [v.label for v in spec.variants]
        assert view.comparison.target_loss == spec.target_loss
        assert view.strip.epochs.value() == (spec.epochs or spec.document().settings.epochs)


def test_the_lessons_variants_in_the_strip_follow_the_language(qtbot, built_window):
    with built_window("bp-variants", language="en") as win:
        view = win.compare
        qtbot.waitUntil(lambda: view.comparison is not None)
        assert view.strip.values.text() == "standard BP, accumulated BP, mini-batch BP"
        win.set_language("zh_CN")
        try:
            assert view.strip.values.text() == "标准 BP, 累积 BP, 小批量 BP"
        finally:
            win.set_language("en")
        assert view.strip.values.text() == "standard BP, accumulated BP, mini-batch BP"


def test_every_text_of_the_view_has_its_chinese():
    """compare_zh_CN.ts holds every _t/_n text of nnsim/gui/compare (the catalogue
    module refreshes it), each translated, and its .qm is shipped."""
    from nnsim.gui.compare.catalogue import QM, TS, all_strings, read_ts

    texts = all_strings()
    shipped = read_ts(TS)
    assert len(texts) > 60
    assert [t for t in texts if not shipped.get(t)] == []
    assert set(shipped) == set(texts)  # nothing left over either
    assert QM.is_file() and QM.stat().st_mtime >= TS.stat().st_mtime - 1


def test_the_view_speaks_chinese_live(qtbot, compare):
    win, view = compare
    view.set_comparison(load_lesson("learning-rate"), grid({"seed": [0, 1]}), epochs=3)
    win.set_language("zh_CN")
    try:
        page = win.view_widget("compare")
        assert win.views.tabText(win.views.indexOf(page)) == "比较"
        assert view.strip.play_button.text() == "播放"
        assert view.strip.open_button.text() == "在网络视图中打开"
        assert view.model.headerData(3, Qt.Orientation.Horizontal) == "训练误差"
        assert view.labels == ["种子 0", "种子 1"]
        assert view.multiples.cells[1].text == "种子 1"
        assert view.curves.labels == ["种子 0", "种子 1"]
        assert view.menu_action.text() == "比较变体(&M)"
        # the cached texts the columns are sized from are the cells' texts
        texts = view.model.cell_texts()
        assert [t[0] for t in texts] == _cells(view, 0) == ["种子 0", "种子 1"]
        assert [len(t) for t in texts] == [8, 8] and texts[1][7] == _cells(view, 7)[1]
    finally:
        win.set_language("en")
    assert view.strip.play_button.text() == "Play" and view.labels == ["seed 0", "seed 1"]


def test_the_whole_comparison_exports_to_png_and_svg(qtbot, compare, tmp_path):
    from PySide6.QtGui import QImage

    from nnsim.gui.plots.export import ExportError

    win, view = compare
    view.set_comparison(load_lesson("learning-rate"), grid({"lr": LRS[:4]}), epochs=5)
    _play_to_end(qtbot, view)
    png, svg = view.export(tmp_path / "c.png"), view.export(tmp_path / "c.svg")
    img = QImage(str(png))
    w, h = view.content.width(), view.content.height()
    assert (img.width(), img.height()) == (2 * w, 2 * h) and w > 600 and h > 400
    # the pictures are in it: the top-left multiple's blue or orange, not only white
    colours = {
        img.pixelColor(x, y).name()
        for x in range(0, img.width() // 2, 7)
        for y in range(0, img.height() // 2, 7)
    }
    assert len(colours) > 20
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text and "η = 0.01" in text
    with pytest.raises(ExportError):
        view.export(tmp_path / "c.jpg")


def test_presentation_mode_makes_the_labels_readable_from_the_back(qtbot, compare):
    from nnsim.gui.compare.multiples import LABEL_PX

    win, view = compare
    win.resize(1280, 800)
    view.set_comparison(load_lesson("learning-rate"), grid({"lr": LRS}), epochs=3)
    win.set_presentation(True)
    try:
        qtbot.wait(50)
        assert LABEL_PX[True] >= 24
        cell = view.multiples.cells[0]
        assert "24px" in cell.label.text or "font-size:24px" in cell.label.item.toHtml()
        assert view.table.font().pixelSize() >= 24
        assert view.curves.legend.opts["labelTextSize"] == "24px"
        # all 8 pictures are on screen, not cut at the view's edge
        right = view.multiples.mapToGlobal(view.multiples.rect().topRight()).x()
        for c in view.multiples.cells[:8]:
            r = c.view.sceneBoundingRect()
            assert r.width() > 60 and r.right() <= view.multiples.width() + 1, r
        assert right <= win.mapToGlobal(win.rect().topRight()).x() + 1
    finally:
        win.set_presentation(False)
    assert view.table.font().pixelSize() < 24


def test_a_set_up_that_does_not_read_says_why_and_keeps_the_comparison(qtbot, compare):
    win, view = compare
    cmp = view.set_comparison(load_lesson("learning-rate"), grid({"seed": [0, 1]}), epochs=3)
    view.strip.choose({"lr": "0.1, abc"})
    assert not view.set_up()
    assert view.strip.message.text() == (
        "learning rate η: “0.1, abc” does not read as values (a comma list, or a range such as 0-3)"
    )
    assert not view.strip.message.isHidden()
    assert view.comparison is cmp  # nothing lost
    view.strip.choose({"hidden": "2,3"})
    assert view.set_up() and view.labels == ["2 hidden", "3 hidden"]
    assert view.strip.message.isHidden()


def test_clicking_a_picture_selects_it_and_a_double_click_opens_it(qtbot, compare):
    win, view = compare
    cmp = view.set_comparison(load_lesson("learning-rate"), grid({"lr": LRS[:4]}), epochs=4)
    _play_to_end(qtbot, view)
    qtbot.waitUntil(lambda: view.multiples.cells[3].view.sceneBoundingRect().width() > 20)
    mv = view.multiples
    centre = mv.mapFromScene(mv.cells[3].view.sceneBoundingRect().center())
    qtbot.mouseClick(mv.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert view.selected == 3 and mv.cells[3].selected
    assert view.proxy.variant_at(view.table.currentIndex().row()) == 3
    qtbot.mouseDClick(mv.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert win.views.currentWidget() is win.view_widget("network")
    theta = compile_document(win.document, cache=False).network.theta
    assert np.array_equal(theta, cmp.network(3).theta)


def test_the_table_hears_only_of_the_cells_that_changed(qtbot, compare):
    from dataclasses import replace

    win, view = compare
    cmp = view.set_comparison(load_lesson("learning-rate"), grid({"lr": LRS[:4]}), epochs=5)
    cmp.run(5)
    rows = cmp.rows()
    view.model.set_rows(rows)
    seen = []
    view.model.dataChanged.connect(
        lambda a, b, *_: seen.append((a.row(), a.column(), b.row(), b.column()))
    )
    view.model.set_rows(rows)
    assert seen == []  # nothing new: no refresh, no re-sort
    rows[2] = replace(rows[2], train_loss=rows[2].train_loss / 2, epochs=6)
    view.model.set_rows(rows)
    assert seen == [(2, 1, 2, 3)]  # epochs and train loss of variant 2
    assert view.model.data(view.model.index(2, 1)) == "6"
    rows[0] = replace(rows[0], status="diverged", diverged=True)
    view.model.set_rows(rows)
    assert seen[-1] == (0, 0, 0, 7)  # a row that diverged turns red as a whole


def test_a_long_tick_leaves_the_event_loop_a_gap_before_the_next(qtbot, compare):
    import time

    from nnsim.gui.compare.runner import MIN_GAP_MS, TICK_MS

    win, view = compare
    view.set_comparison(load_lesson("learning-rate"), grid({"lr": LRS[:4]}), epochs=1000)
    view.runner.set_pace(None)
    view.runner.play()
    try:
        slow = lambda: time.sleep(0.045)  # noqa: E731 — a frame that draws for 45 ms
        view.runner.frame.connect(slow)
        drawn = []
        view.runner.frame.connect(lambda: drawn.append(view.runner.timer.remainingTime()))
        view.runner.tick()
        # the frame is not drawn inside the tick: in a turn of the event loop of its own
        assert drawn == [] and view.runner._draw_timer.isActive()
        qtbot.waitUntil(lambda: bool(drawn), timeout=2000)
        # due again in MIN_GAP_MS, not at once: painting and other timers go first
        assert view.runner.playing and view.runner.timer.interval() == MIN_GAP_MS
        view.runner.frame.disconnect(slow)
        with qtbot.waitSignal(view.runner.frame, timeout=2000):
            view.runner.tick()
        assert MIN_GAP_MS <= view.runner.timer.interval() < TICK_MS
    finally:
        view.runner.pause()
