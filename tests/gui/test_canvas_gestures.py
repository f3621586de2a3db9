"""Real gestures on the canvas: drop from the palette, connect by dragging, edit, undo, redo.

Mouse gestures go through QTest on the view's viewport. A palette drag starts a QDrag
whose event loop tests cannot drive, so the drop is tested with synthesised
QDragEnterEvent/QDropEvent carrying the palette button's own mime data, sent to the
viewport exactly as Qt would deliver them.
"""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

# QDragEnterEvent has only the QPoint constructor that PySide marks deprecated.
pytestmark = pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent:DeprecationWarning")

HIDDEN, INPUT, OUTPUT = "L2", "L1", "L3"


def vp(win, scene_point) -> QPoint:
    """Viewport point of a scene point."""
    return win.view.mapFromScene(scene_point)


def neuron_center(win, layer_id, i) -> QPointF:
    return win.scene.neuron_item(layer_id, i).scenePos()


def drop_palette(win, item, scene_point):
    view = win.view
    md = win.palette.buttons[item].mime_data()
    pos = QPointF(vp(win, scene_point))
    enter = QDragEnterEvent(
        pos.toPoint(),
        Qt.DropAction.CopyAction,
        md,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        pos, Qt.DropAction.CopyAction, md, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(view.viewport(), drop)


def drag(win, start: QPoint, end: QPoint, steps=6):
    viewport = win.view.viewport()
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for k in range(1, steps + 1):
        p = start + (end - start) * (k / steps)
        QTest.mouseMove(viewport, p)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def click(win, p: QPoint):
    QTest.mouseClick(
        win.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p
    )


def test_opens_on_the_living_worked_example(window):
    doc = window.document
    assert [doc.layers[k].size for k in doc.layers] == [2, 2, 1]
    # The canvas shows the forward values of COURSE §6.
    assert window.scene.neuron_values(HIDDEN, 0)[1] == pytest.approx(0.680267, abs=1e-6)
    assert window.scene.neuron_values(HIDDEN, 1)[1] == pytest.approx(0.663739, abs=1e-6)
    net, out = window.scene.neuron_values(OUTPUT, 0)
    # COURSE §6 prints 0.801331, computed from the rounded 0.68 and 0.6637; exact value:
    assert net == pytest.approx(0.3 * 0.6802671967 + 0.9 * 0.6637386974, abs=1e-9)
    assert out == pytest.approx(0.690283, abs=1e-6)
    assert window.undo_stack.isClean() and not window.isWindowModified()


def test_drop_neuron_into_a_layer_and_on_empty_canvas(window):
    doc = window.document
    drop_palette(window, "neuron", window.scene.layer_items[HIDDEN].scenePos())
    assert doc.layers[HIDDEN].size == 3
    assert window.scene.neuron_item(HIDDEN, 2) is not None
    n_layers = len(doc.layers)
    drop_palette(window, "output_neuron", QPointF(300, -260))
    assert len(doc.layers) == n_layers + 1
    new = list(doc.layers)[-1]
    assert doc.layers[new].size == 1 and doc.layers[new].kind == "dense"
    assert doc.layers[new].position == (300.0, -260.0)  # on the grid
    assert window.undo_stack.count() == 2
    assert window.isWindowModified()


def test_connect_neurons_by_dragging_from_a_port(window):
    doc = window.document
    drop_palette(window, "output_neuron", QPointF(320, -240))
    new = list(doc.layers)[-1]
    port = window.scene.neuron_item(HIDDEN, 0).port
    start = vp(window, port.scenePos())
    end = vp(window, neuron_center(window, new, 0))
    drag(window, start, end)
    lid = doc.link_between(HIDDEN, new)
    assert lid is not None
    assert doc.edge_list(lid) == [(0, 0)]
    assert window.scene.edge_item(lid, 0, 0) is not None
    assert window.undo_stack.count() == 2


def test_connect_layers_by_dragging_the_layer_port(window):
    doc = window.document
    drop_palette(window, "dense", QPointF(320, 300))
    new = list(doc.layers)[-1]
    start = vp(window, window.scene.layer_items[HIDDEN].port.scenePos())
    end = vp(window, window.scene.layer_items[new].scenePos())
    drag(window, start, end)
    lid = doc.link_between(HIDDEN, new)
    assert lid is not None and doc.links[lid].mask is None
    assert len(window.scene.link_items[lid].edges) == 2 * 3


def test_drag_moves_a_layer_in_one_undo_step(window):
    doc = window.document
    before = doc.layers[OUTPUT].position
    start = vp(window, neuron_center(window, OUTPUT, 0))
    end = start + QPoint(90, 60)
    drag(window, start, end, steps=10)
    after = doc.layers[OUTPUT].position
    assert after != before
    assert after[0] % 20 == 0 and after[1] % 20 == 0  # snapped to the grid
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert doc.layers[OUTPUT].position == before
    assert window.scene.layer_items[OUTPUT].pos() == QPointF(*before)


def test_rubber_band_selects_layers(window):
    scene = window.scene
    r = scene.network_rect()
    a = vp(window, r.topLeft() - QPointF(30, 30))
    b = vp(window, r.bottomRight() + QPointF(30, 30))
    drag(window, a, b)
    keys = scene.selected_keys()
    assert {k[1] for k in keys if k[0] == "layer"} == {INPUT, HIDDEN, OUTPUT}


def test_inspector_edits_weight_and_everything_undoes_and_redoes(window, qtbot):
    doc = window.document
    start = doc.copy()
    # 1. drop a neuron into the hidden layer
    drop_palette(window, "neuron", window.scene.layer_items[HIDDEN].scenePos())
    # 2. connect the new hidden neuron h3 to the output by dragging from its port
    port = window.scene.neuron_item(HIDDEN, 2).port
    drag(window, vp(window, port.scenePos()), vp(window, neuron_center(window, OUTPUT, 0)))
    link = doc.link_between(HIDDEN, OUTPUT)
    # the output link was full, so h3→y1 is already there (weight 0); the drag is a no-op
    # step only if it changed something
    # 3. select the edge A→h1 and change its weight in the inspector
    lid = doc.link_between(INPUT, HIDDEN)
    edge = window.scene.edge_item(lid, 0, 0)
    window.scene.clearSelection()
    edge.setSelected(True)
    panel = window.inspector.current
    assert panel is window.inspector.edge_panel
    assert panel.value.spin.value() == pytest.approx(0.1)
    panel.value.spin.setValue(0.25)
    assert doc.links[lid].weights[0, 0] == pytest.approx(0.25)
    # the live preview follows: net h1 = 0.25·0.35 + 0.8·0.9
    net = window.scene.neuron_values(HIDDEN, 0)[0]
    qtbot.waitUntil(lambda: window.scene.neuron_values(HIDDEN, 0)[0] == pytest.approx(0.8075))
    assert net is not None
    # 4. set h3→y1 in the inspector too
    e2 = window.scene.edge_item(link, 2, 0)
    window.scene.clearSelection()
    e2.setSelected(True)
    window.inspector.current.value.spin.setValue(-0.5)
    assert doc.links[link].weights[2, 0] == pytest.approx(-0.5)
    final = doc.copy()
    n = window.undo_stack.count()
    assert n >= 3
    for _ in range(n):
        window.undo_stack.undo()
    assert doc == start
    assert window.undo_stack.isClean() and not window.isWindowModified()
    qtbot.waitUntil(lambda: window.scene.neuron_values(HIDDEN, 0) is not None)
    assert window.scene.neuron_values(HIDDEN, 0)[0] == pytest.approx(0.755)
    for _ in range(n):
        window.undo_stack.redo()
    assert doc == final
    assert window.scene.edge_item(link, 2, 0) is not None


def test_slider_drag_is_one_undo_step(window):
    doc = window.document
    lid = doc.link_between(HIDDEN, OUTPUT)
    window.scene.edge_item(lid, 1, 0).setSelected(True)
    ve = window.inspector.edge_panel.value
    ve.slider.setSliderDown(True)
    ve._begin()
    for v in (100, 150, 200):
        ve.slider.setValue(v)
    ve.slider.setSliderDown(False)
    ve._end()
    assert doc.links[lid].weights[1, 0] == pytest.approx(2.0)
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert doc.links[lid].weights[1, 0] == pytest.approx(0.9)


def test_double_click_edge_edits_weight_in_place(window):
    doc = window.document
    window.scene.set_show_weights(True)
    lid = doc.link_between(INPUT, HIDDEN)
    edge = window.scene.edge_item(lid, 1, 0)
    p = vp(window, edge.label_pos())
    QTest.mouseDClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p
    )
    ed = window.view.weight_editor
    assert ed is not None and ed.isVisible()
    ed.selectAll()
    QTest.keyClicks(ed, "-1.5")
    QTest.keyClick(ed, Qt.Key.Key_Return)
    assert doc.links[lid].weights[1, 0] == pytest.approx(-1.5)
    assert window.view.weight_editor is None
    window.undo_stack.undo()
    assert doc.links[lid].weights[1, 0] == pytest.approx(0.8)


def test_neuron_inspector_threshold_is_minus_bias(window):
    doc = window.document
    window.scene.neuron_item(HIDDEN, 0).setSelected(True)
    panel = window.inspector.current
    assert panel is window.inspector.neuron_panel
    assert panel.out.text() == "0.6803"
    panel.use_bias.setChecked(True)
    assert doc.layers[HIDDEN].use_bias
    panel.as_threshold.setChecked(True)
    assert window.scene.show_threshold
    panel.value.spin.setValue(0.2)  # θ = 0.2 → b = −0.2
    assert doc.layers[HIDDEN].biases[0] == pytest.approx(-0.2)
    # net input now includes the bias: 0.755 − 0.2
    window.live_preview.update_now()
    assert window.scene.neuron_values(HIDDEN, 0)[0] == pytest.approx(0.555)


def test_layer_inspector_size_activation_randomise(window):
    doc = window.document
    window.scene.layer_items[HIDDEN].setSelected(True)
    panel = window.inspector.current
    assert type(panel).__name__ == "NeuronLayerPanel"
    panel.size.setValue(4)
    assert doc.layers[HIDDEN].size == 4
    idx = panel.activation.findData("relu")
    panel.activation.setCurrentIndex(idx)
    assert doc.layers[HIDDEN].activations == ["relu"] * 4
    before = doc.links[doc.link_between(INPUT, HIDDEN)].weights.copy()
    panel.randomise.click()
    after = doc.links[doc.link_between(INPUT, HIDDEN)].weights
    assert not np.array_equal(before, after)
    assert np.all((after >= 0) & (after < 1))  # the book's uniform (0, 1)
    assert window.undo_stack.count() == 3


def test_delete_selection_is_one_step(window):
    doc = window.document
    start = doc.copy()
    window.scene.layer_items[OUTPUT].setSelected(True)
    window.scene.neuron_item(HIDDEN, 1).setSelected(True)
    window.act_delete.trigger()
    assert OUTPUT not in doc.layers and doc.layers[HIDDEN].size == 1
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert doc == start
    assert set(window.scene.layer_items) == {INPUT, HIDDEN, OUTPUT}


def test_refused_edit_leaves_no_undo_step(window):
    doc = window.document
    # input neurons never join a dense layer
    drop_palette(window, "input_neuron", window.scene.layer_items[HIDDEN].scenePos())
    assert doc.layers[HIDDEN].size == 2
    # connecting output back to input would be a cycle / into an input: refused
    start = vp(window, window.scene.layer_items[OUTPUT].port.scenePos())
    drag(window, start, vp(window, neuron_center(window, INPUT, 0)))
    assert window.undo_stack.count() == 0
    assert "input" in window.statusBar().currentMessage()


def test_zoom_and_fit(window):
    z = window.view.zoom()
    window.act_zoom_in.trigger()
    assert window.view.zoom() == pytest.approx(z * 1.25)
    window.act_zoom_out.trigger()
    assert window.view.zoom() == pytest.approx(z)
    window.act_fit.trigger()
    view_rect = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert view_rect.contains(window.scene.network_rect())


def test_the_network_stays_fitted_until_the_user_zooms(window, qtbot):
    """A fitted network follows the view's size (docks settling, a projector's window);
    once the user zooms, their choice stays."""
    view = window.view
    window.act_fit.trigger()
    small = view.zoom()
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: view.zoom() > small * 1.05, timeout=2000)
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(window.scene.network_rect())
    window.act_zoom_in.trigger()
    zoomed = view.zoom()
    window.resize(1280, 800)
    QApplication.processEvents()
    QApplication.processEvents()
    assert view.zoom() == pytest.approx(zoomed)  # the user's zoom is kept
    window.act_fit.trigger()  # and Fit to window fits again
    assert view.auto_fit


def test_palette_click_adds_at_the_centre_of_the_view(window):
    doc = window.document
    n = len(doc.layers)
    window.palette.buttons["dense"].click()
    assert len(doc.layers) == n + 1
    new = doc.layers[list(doc.layers)[-1]]
    assert new.kind == "dense" and new.size == 3
    center = window.view.mapToScene(window.view.viewport().rect().center())
    assert abs(new.position[0] - center.x()) <= 20 and abs(new.position[1] - center.y()) <= 20


def test_big_layers_collapse_to_a_box_with_their_shape(window):
    assert window.open_lesson("mnist-mlp")
    scene = window.scene
    first = list(window.document.layers)[0]
    item = scene.layer_items[first]
    assert item.collapsed and item.neurons == []
    # ≤ 16 neurons are drawn one by one (the 10 outputs), with their edges
    last = list(window.document.layers)[-1]
    assert len(scene.layer_items[last].neurons) == 10
    big_link = window.document.incoming(list(window.document.layers)[1])[0]
    assert scene.link_items[big_link].collapsed and scene.link_items[big_link].edges == {}


def test_overlapping_lesson_is_tidied_and_tidy_is_one_undo_step(window):
    from nnsim.gui.canvas.layout import overlapping

    assert window.open_lesson("activation-gallery")
    assert not overlapping(window.document, window.scene.theme)
    assert not window.isWindowModified()
    doc = window.document
    doc_before = doc.copy()
    window.editor.move_layers({lid: (0.0, 0.0) for lid in doc.layers})
    assert overlapping(doc, window.scene.theme)
    window.act_tidy.trigger()
    assert not overlapping(doc, window.scene.theme)
    assert window.undo_stack.count() == 2
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert doc == doc_before


def test_weights_are_printed_by_default_and_the_choice_is_remembered(window):
    from nnsim.gui.prefs import settings

    assert window.act_weights.isChecked() and window.scene.show_weights
    window.act_weights.trigger()
    assert not window.scene.show_weights
    assert settings().value("show_weights") in (False, "false")


def test_escape_cancels_a_connection_drag_and_clears_the_selection(window):
    viewport = window.view.viewport()
    port = window.scene.neuron_item(HIDDEN, 0).port
    start = vp(window, port.scenePos())
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, start + QPoint(40, 10))
    assert window.view._wire is not None
    QTest.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.view._wire is None
    end = vp(window, neuron_center(window, OUTPUT, 0))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert window.undo_stack.count() == 0
    window.scene.neuron_item(HIDDEN, 1).setSelected(True)
    QTest.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.scene.selectedItems() == []


def test_keyboard_zoom_shortcuts(window):
    keys = [s.toString() for s in window.act_zoom_in.shortcuts()]
    assert "Ctrl+=" in keys and "Ctrl++" in keys
    assert "Ctrl+-" in [s.toString() for s in window.act_zoom_out.shortcuts()]


def test_hooks_for_other_tools(window, qtbot):
    from PySide6.QtCore import Qt as _Qt
    from PySide6.QtWidgets import QLabel

    titles = iter(["Tools", "工具"])
    current = {"t": next(titles)}
    menu = window.add_menu(lambda: current["t"])
    bar = [a.text() for a in window.menuBar().actions()]
    assert bar.index("Tools") == bar.index(window.help_menu.title()) - 1
    dock = window.add_dock(
        QLabel("x"), _Qt.DockWidgetArea.BottomDockWidgetArea, lambda: "Plots", "plots"
    )
    assert dock.toggleViewAction() in window.panels_menu.actions()
    w = QLabel("cnn")
    window.add_view("cnn", w, "CNN")
    window.show_view("cnn")
    assert window.views.currentWidget() is w and window.view_widget("cnn") is w
    window.show_view("network")
    current["t"] = next(titles)
    window.retranslate_ui()
    assert menu.title() == "工具"
    # stepping hooks on the scene
    window.scene.highlight_neuron("L2", 0)
    assert window.scene.neuron_item("L2", 0).highlight is not None
    window.scene.highlight_edge("L1-L2", 1, 0)
    assert window.scene.edge_item("L1-L2", 1, 0).highlight is not None
    window.scene.clear_highlights()
    assert window.scene.neuron_item("L2", 0).highlight is None
    window.live_preview.set_enabled(False)
    window.scene.set_neuron_values("L3", [0.25], [0.5])
    assert window.scene.neuron_values("L3", 0) == (0.5, 0.25)


def test_help_menu_stays_last(window):
    window.menuBar().addMenu("Later")
    assert window.menuBar().actions()[-1] is window.help_menu.menuAction()


def test_big_links_draw_in_one_batch_and_show_weights_on_hover(window):
    assert window.open_lesson("overfitting")
    scene = window.scene
    doc = window.document
    big = doc.link_between("L2", "L3")
    link = scene.link_items[big]
    assert link.dense and len(link.edges) == 256
    e = link.edges[(3, 4)]
    assert not e.labels_shown()
    assert e.flags() & e.GraphicsItemFlag.ItemHasNoContents
    scene.highlight_edge(big, 3, 4)
    assert not (e.flags() & e.GraphicsItemFlag.ItemHasNoContents)
    scene.clear_highlights()
    assert e.flags() & e.GraphicsItemFlag.ItemHasNoContents
    small = scene.link_items[doc.link_between("L1", "L2")]
    assert not small.dense and small.edges[(0, 0)].labels_shown()
    # a bulk update (training) restyles every edge from the document
    W = doc.links[big].weights.copy()
    W[3, 4] = -3.0
    doc.set_all_weights({big: W}, {})
    assert e._text == "−3" and e._color.name() == scene.theme.negative


def test_middle_button_drag_pans_without_editing(window):
    view = window.view
    view.zoom_in()
    view.zoom_in()
    before = view.mapToScene(view.viewport().rect().center())
    viewport = view.viewport()
    start = viewport.rect().center()
    end = start + QPoint(-120, -80)
    QTest.mousePress(viewport, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, start)
    for k in range(1, 6):
        QTest.mouseMove(viewport, start + (end - start) * (k / 5))
    QTest.mouseRelease(viewport, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, end)
    after = view.mapToScene(view.viewport().rect().center())
    assert after.x() > before.x() + 40 and after.y() > before.y() + 20
    assert window.undo_stack.count() == 0


def test_a_training_write_back_repaints_the_biases(window):
    """Training writes every weight back at once (weights_changed("")); the neurons print
    their biases, so their pictures must be redrawn even while the canvas caches them."""
    from PySide6.QtWidgets import QGraphicsItem

    assert window.open_lesson("playground-circle")  # biases on every hidden neuron
    window.act_weights.setChecked(True)
    QApplication.processEvents()
    h1 = window.scene.neuron_item(HIDDEN, 0)
    items = window.scene.items()
    for item in items:  # as during a run (TrainingController._canvas_cache)
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    area = window.view.mapFromScene(h1.sceneBoundingRect()).boundingRect()

    def picture():
        QApplication.processEvents()
        return window.view.viewport().grab(area).toImage()

    before = picture()
    doc = window.document
    doc.set_all_weights({}, {HIDDEN: doc.layers[HIDDEN].biases + 0.5})
    after = picture()
    assert after != before  # "b=0.0436" became "b=0.5436"
    for item in items:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)


def test_every_printed_weight_can_be_read(window):
    """Edges fanning out of two neurons into four meet near the source: each weight is
    printed where no other number covers it (before, two of the eight first-layer weights
    of the Playground network were hidden under others)."""
    window.act_weights.setChecked(True)
    for lesson in ("playground-circle", "xor-two-layer", "bp-worked-example"):
        window.undo_stack.setClean()
        assert window.open_lesson(lesson)
        QApplication.processEvents()
        for link in window.scene.link_items.values():
            # the numbers printed (one with no room of its own shows on hover)
            rects = [e._label_rect for e in link.edges.values() if e.label_printed()]
            for k, a in enumerate(rects):
                for b in rects[k + 1 :]:
                    both = a & b
                    cover = both.width() * both.height() if a.intersects(b) else 0.0
                    smaller = min(a.width() * a.height(), b.width() * b.height())
                    assert cover < 0.2 * smaller, (lesson, link.link_id, a, b)
