"""Printed numbers never hide each other: on every bundled lesson, at 1280×800 and 1920×1080,
normal and in presentation mode, with every neuron's output (and a backward step's note)
printed, no two texts of the canvas cover each other, no weight covers a neuron or another
edge, and each weight sits on its own edge."""

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QApplication

from nnsim.gui.presentation import projector_figures
from nnsim.gui.window_look import PRESENTATION_TEXT_PX
from nnsim.lessons import LESSONS


# The one-by-one geometry tests: the reference that label_placement.free_spots (all spots
# at once) is checked against, and what the checks below use.
def segment_hits_rect(p1: QPointF, p2: QPointF, rect: QRectF, pad: float = 0.0) -> bool:
    """Whether the segment p1–p2 passes through ``rect`` grown by ``pad`` on each side
    (Liang–Barsky clipping)."""
    x0, y0, x1, y1 = p1.x(), p1.y(), p2.x(), p2.y()
    left, right = rect.left() - pad, rect.right() + pad
    top, bottom = rect.top() - pad, rect.bottom() + pad
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo > hi:
            return False
    return True


def circle_hits_rect(center: QPointF, radius: float, rect: QRectF) -> bool:
    """Whether a disc and a rectangle overlap."""
    x = min(max(center.x(), rect.left()), rect.right())
    y = min(max(center.y(), rect.top()), rect.bottom())
    return (x - center.x()) ** 2 + (y - center.y()) ** 2 < radius * radius


SIZES = [(1280, 800), (1920, 1080)]
LESSON_NAMES = [lesson.name for lesson in LESSONS if lesson.available]


def fill_values(scene):
    """Print an output under every neuron (and a note under the computing ones), the
    widest the canvas prints (−0.0407, g1 = −0.0407): the state of a step-through."""
    doc = scene.document
    for lid, spec in doc.layers.items():
        item = scene.layer_items[lid]
        if item.collapsed:
            continue
        scene.set_neuron_values(lid, np.full(spec.size, -0.0407), np.full(spec.size, 0.5))
        if spec.kind != "input":
            scene.set_neuron_notes(lid, [f"g{j + 1} = −0.0407" for j in range(spec.size)])


def distance_to_line(p, line) -> float:
    dx, dy = line.dx(), line.dy()
    n = math.hypot(dx, dy)
    return abs(dy * (p.x() - line.x1()) - dx * (p.y() - line.y1())) / n


def problems(scene) -> list[str]:
    """Every place where a printed text covers another, a neuron, or a foreign edge."""
    out = []
    texts = scene.printed_texts()
    # texts of different owners (or any weight) are pairwise disjoint
    for a in range(len(texts)):
        ka, ta, ra, _, oa = texts[a]
        for b in range(a + 1, len(texts)):
            kb, tb, rb, _, ob = texts[b]
            if oa == ob and "weight" not in (ka, kb):
                continue  # a neuron's own name and symbol share its circle by design
            if ra.intersects(rb):
                out.append(f"{ka} {ta!r} of {oa} covers {kb} {tb!r} of {ob}")
    circles = []
    for layer in scene.layer_items.values():
        circles.append((layer.port.scenePos(), layer.port.radius(), layer.key))
        for n in layer.neurons:
            circles.append((n.scenePos(), n.radius(), n.key))
            circles.append((n.port.scenePos(), n.port.radius(), n.key))
    edges = [e for link in scene.link_items.values() for e in link.edges.values()]
    drawn = [e for e in edges if not e.link_item.collapsed]
    for kind, text, rect, _, owner in texts:
        for c, r, key in circles:
            if key != owner and circle_hits_rect(c, r, rect):
                out.append(f"{kind} {text!r} of {owner} lies on neuron {key}")
        if kind != "weight":
            continue
        edge = scene.edge_item(*owner[1:])
        centre = rect.center()
        if distance_to_line(centre, edge._line) > 0.5:
            out.append(f"weight {text!r} of {owner} is not on its edge")
        for other in drawn:
            if other.link_item.is_dimmed(other):
                continue  # faded behind a selected neuron's number (checked below)
            if other is not edge and segment_hits_rect(other._line.p1(), other._line.p2(), rect):
                out.append(f"weight {text!r} of {owner} lies on edge {other.key}")
    return out


@pytest.mark.parametrize("lesson", LESSON_NAMES)
def test_no_printed_number_hides_another(weights_window, settle, lesson, open_on_canvas):
    win = weights_window
    open_on_canvas(win, lesson)
    scene = win.scene
    for presentation in (False, True):
        for size in SIZES:
            settle(win, size, presentation)
            for filled in (False, True):
                if filled:
                    fill_values(scene)
                    QApplication.processEvents()
                where = (lesson, size, "presentation" if presentation else "normal", filled)
                assert problems(scene) == [], where
                # every weight the link prints is within the view (nothing cut at the edge)
                seen = win.view.mapToScene(win.view.viewport().rect()).boundingRect()
                for kind, text, rect, _, owner in scene.printed_texts():
                    if kind == "weight":
                        assert seen.contains(rect), (where, text, owner)
            scene.clear_values()
            scene.clear_notes()
    win.set_presentation(False)


def test_weights_that_find_no_room_show_for_the_selected_neuron(
    weights_window, settle, open_on_canvas
):
    """A link whose numbers cannot all be printed says so in the view; clicking a neuron
    prints every weight of its edges (they choose their spots first; where the other
    edges leave them no room, those fade), without covering anything."""
    win = weights_window
    open_on_canvas(win, "playground-circle")
    settle(win, (1280, 800), True)
    scene = win.scene
    missing = sum(link.missing_labels for link in scene.link_items.values())
    assert missing > 0
    assert win.view.hint.isVisible() and "point at an edge" in win.view.hint.text()
    before = {
        (lid, k)
        for lid, link in scene.link_items.items()
        for k, e in link.edges.items()
        if e.label_printed()
    }
    gained = total = printed = 0
    for lid in ("L2", "L3"):  # each neuron of the hidden layers, selected in turn
        for j in range(win.document.layers[lid].size):
            scene.select_keys([("neuron", lid, j)])
            QApplication.processEvents()
            for kid, link in scene.link_items.items():
                spec = win.document.links[kid]
                mine = {
                    k
                    for k in link.edges
                    if (spec.src == lid and k[0] == j) or (spec.dst == lid and k[1] == j)
                }
                now = {k for k in mine if link.edges[k].label_printed()}
                was = {k for k in mine if (kid, k) in before}
                assert len(now) >= len(was), (lid, j, kid)  # its weights go first
                total += len(mine)
                printed += len(now)
                gained += len(now) - len(was)
                for k, e in link.edges.items():  # the others faded where they gave way
                    if link.is_dimmed(e):
                        assert k not in mine and not e.label_printed()
                        assert e.drawn_color().alpha() < 60
                    else:
                        assert e.drawn_color().alpha() == 255
            assert problems(scene) == [], (lid, j)
    assert gained > 0
    # where they find no room the other edges fade: nearly every weight of the neuron
    # clicked is printed (two meet the room kept for the step-through notes of h²)
    assert printed >= total - 2, (printed, total)
    scene.clearSelection()
    QApplication.processEvents()
    assert not any(
        link.is_dimmed(e) for link in scene.link_items.values() for e in link.edges.values()
    )
    win.set_presentation(False)


def test_a_dense_link_prints_the_selected_neurons_weights(weights_window, settle, open_on_canvas):
    win = weights_window
    open_on_canvas(win, "overfitting")
    settle(win, (1920, 1080), False)
    scene = win.scene
    big = scene.link_items[win.document.link_between("L2", "L3")]
    assert big.dense
    assert not any(e.label_printed() for e in big.edges.values())
    assert win.view.hint.isVisible()
    scene.select_keys([("neuron", "L3", 0)])
    QApplication.processEvents()
    printed = {k for k, e in big.edges.items() if e.label_printed()}
    assert printed and all(j == 0 for _, j in printed)
    assert problems(scene) == []
    scene.clearSelection()
    QApplication.processEvents()
    assert not any(e.label_printed() for e in big.edges.values())


def test_the_checks_see_a_covered_number():
    """The geometry helpers catch what they should (so the tests above can fail)."""
    from PySide6.QtCore import QPointF

    rect = QRectF(0, 0, 40, 20)
    assert segment_hits_rect(QPointF(-10, 10), QPointF(50, 10), rect)
    assert segment_hits_rect(QPointF(-10, -10), QPointF(50, 30), rect)
    assert not segment_hits_rect(QPointF(-10, -5), QPointF(50, -5), rect)
    assert not segment_hits_rect(QPointF(60, 0), QPointF(80, 20), rect)
    assert circle_hits_rect(QPointF(50, 10), 11, rect)
    assert not circle_hits_rect(QPointF(50, 10), 9, rect)


def test_a_long_input_name_is_printed_whole(weights_window, settle, open_on_canvas):
    """An input called "ripeness" does not fit its circle at full size: it is printed
    whole, at the names' size, beside the circle, and the view keeps it in sight."""
    from PySide6.QtGui import QFontMetricsF

    from nnsim.gui.fonts import canvas_font

    win = weights_window
    open_on_canvas(win, "bp-worked-example")
    win.document.set_neuron_labels("L1", ["ripeness", "sweetness"])
    for presentation in (False, True):
        settle(win, (1280, 800), presentation)
        scene = win.scene
        names = {t[1]: t for t in scene.printed_texts() if t[0] == "name"}
        _, text, rect, px, _ = names["sweetness"]
        assert px == scene.theme.label_px  # not shrunk
        full = QFontMetricsF(canvas_font(scene.theme.label_px, bold=True))
        assert rect.width() >= full.horizontalAdvance("sweetness")  # not clipped
        seen = win.view.mapToScene(win.view.viewport().rect()).boundingRect()
        assert seen.contains(rect)
        assert problems(scene) == []
    win.set_presentation(False)
    win.undo_stack.setClean()


@pytest.mark.parametrize("presentation", [False, True])
def test_a_whole_step_of_the_worked_example_keeps_every_text_clear(
    weights_window, settle, presentation, open_on_canvas
):
    """The canvas notes the step-through prints (e₁ = −0.00265 under h1, g₁ under y1) and
    the weights it updates (0.8 → 0.7976, wider) never cover one another, at 1280×800 and
    1920×1080: checked at every record of one step, forward, backward and update; the
    weight being updated is printed."""
    win = weights_window
    for size in SIZES:
        open_on_canvas(win, "bp-worked-example")
        settle(win, size, presentation)
        scene = win.scene
        seen_notes, updated = set(), 0
        for _ in range(40):
            if not win.stepping.forward():
                break
            QApplication.processEvents()
            where = (size, presentation, win.training_ui.formula.formula_plain[:60])
            assert problems(scene) == [], where
            notes = {t[1] for t in scene.printed_texts() if t[0] == "note"}
            seen_notes |= notes
            current = [
                e
                for link in scene.link_items.values()
                for e in link.edges.values()
                if e.isSelected()
            ]
            for e in current:  # the update step's weight: printed, on a spot of its own
                assert e.placed and e.label_printed(), where
                updated += 1
        assert {"e₁ = −0.00265", "e₂ = −0.00817", "g₁ = −0.0407"} <= seen_notes
        assert updated >= 6  # every weight of the network was updated, one by one
    win.set_presentation(False)
    win.undo_stack.setClean()


@pytest.mark.parametrize("size", SIZES)
def test_every_weight_of_the_worked_example_is_printed_after_its_update(
    weights_window, settle, size
):
    """After one whole step (forward, backward, update) in presentation mode the six
    updated weights (0.0991, 0.3971, 0.7976, 0.5926 into the hidden layer; 0.2723, 0.873
    out of it) are all printed, each on its own edge, clear of every other text and
    neuron: the first gap is widened for the crossing numbers to stand beside each other,
    and the network still fits the projector with every text at least 24 px tall."""
    win = weights_window
    win.undo_stack.setClean()
    assert win.open_lesson("bp-worked-example")
    win.show_view("network")
    settle(win, size, True)
    scene = win.scene
    for _ in range(40):
        assert win.stepping.forward()
        if win.stepping.stepper.done:
            break
    QApplication.processEvents()
    assert win.stepping.stepper.done
    weights = {
        e.key[1:]: e._text for link in scene.link_items.values() for e in link.edges.values()
    }
    assert sorted(weights.values()) == sorted(
        ["0.0991", "0.3971", "0.7976", "0.5926", "0.2723", "0.873"]
    )
    printed = [t for t in scene.printed_texts() if t[0] == "weight"]
    assert sorted(t[1] for t in printed) == sorted(weights.values())
    assert all(link.missing_labels == 0 for link in scene.link_items.values())
    assert problems(scene) == [], size
    boxes = [t[2] for t in printed]
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert not win.view.hint.isVisible()
    # the first gap is the wider one; the class still reads every text whole
    x = {lid: item.x() for lid, item in scene.layer_items.items()}
    assert x["L2"] - x["L1"] > x["L3"] - x["L2"] + 100
    _, smallest, whole = projector_figures(win)
    assert smallest >= PRESENTATION_TEXT_PX - 0.01 and whole, (smallest, whole)
    win.set_presentation(False)
    win.undo_stack.setClean()


@pytest.mark.parametrize("lesson", ["mnist-cnn", "mnist-mlp"])
def test_boxes_beside_ten_outputs_are_legible(app_window, settle, lesson, open_on_canvas):
    """MNIST's layer boxes next to its ten outputs, at 1440×900 in normal mode: the ten
    stand in two sub-columns, so the fit is not set by one tall column, and each box's
    kind, shape and activation print at least 12 px high on screen (5 to 7 px when the
    ten stood in one column), "Max pooling" on two lines rather than smaller."""
    win = app_window
    open_on_canvas(win, lesson)
    settle(win, (1440, 900), presentation=False)
    scene = win.view.network_scene
    zoom = win.view.zoom()
    boxed = [t for t in scene.printed_texts() if t[0] in ("kind", "shape", "activation")]
    assert len([t for t in boxed if t[0] == "shape"]) == len(scene.layer_items) - 1
    for kind, text, _, px, _ in boxed:
        assert px * zoom >= 12, (kind, text, px * zoom)
    out = next(i for i in scene.layer_items.values() if i.is_output)
    xs = sorted({round(n.pos().x()) for n in out.neurons})
    assert len(xs) == 2 and [n.pos().x() for n in out.neurons].count(xs[0]) == 5


def test_only_a_tall_column_between_boxes_stands_in_two():
    """Ten outputs after a box: two sub-columns; ten hidden neurons with edges to each
    neuron of their neighbours, or four outputs after a box: one column, as drawn before."""
    from nnsim.gui.canvas.layer_geometry import neuron_columns
    from nnsim.gui.style import NORMAL
    from nnsim.lessons.building import chain, layer, new_doc

    def columns(*sizes):
        doc = new_doc("t")
        ids = chain(doc, *(layer("input" if k == 0 else "dense", n) for k, n in enumerate(sizes)))
        return [neuron_columns(doc, doc.layers[i], NORMAL) for i in ids]

    assert columns(784, 10) == [1, 2]
    assert columns(2, 10, 1) == [1, 1, 1]
    assert columns(784, 4) == [1, 1]
    assert columns(784, 32, 10) == [1, 1, 2]


def test_tidy_layout_leaves_the_two_sub_columns_their_gap(app_window, settle, open_on_canvas):
    """Edit ▸ Tidy layout on MNIST's CNN: the ten outputs' frame, which grows rightwards
    from its position, starts one column gap (150) right of the flatten box."""
    from nnsim.gui.canvas.layout import COLUMN_GAP, overlapping

    win = app_window
    open_on_canvas(win, "mnist-cnn")
    settle(win, (1440, 900), presentation=False)
    win.act_tidy.trigger()
    scene = win.view.network_scene
    assert not overlapping(scene.document, scene.theme)
    frames = sorted(
        (i.mapRectToScene(i.frame_rect()) for i in scene.layer_items.values()),
        key=lambda r: r.left(),
    )
    assert frames[-1].left() - frames[-2].right() == pytest.approx(COLUMN_GAP, abs=12)
    win.undo_stack.undo()


def test_free_spots_agree_with_the_one_by_one_tests():
    """The spots tested all at once are those the scalar tests pass, one by one, over
    random edges, boxes, discs and lines (many of them touching the candidates)."""
    import numpy as np
    from PySide6.QtCore import QLineF, QPointF

    from nnsim.gui.canvas.label_placement import LABEL_MARGIN, free_spots

    rng = np.random.default_rng(7)
    for _ in range(200):
        a, b = rng.uniform(0, 200, 2), rng.uniform(0, 200, 2)
        line = QLineF(QPointF(*a), QPointF(*b))
        if rng.random() < 0.2:  # horizontal and vertical edges: Liang–Barsky's p = 0 case
            line = QLineF(QPointF(a[0], a[1]), QPointF(b[0], a[1] if rng.random() < 0.5 else b[1]))
            if rng.random() < 0.5:
                line = QLineF(QPointF(a[0], a[1]), QPointF(a[0], b[1]))
        ts = rng.uniform(0, 1, 30)
        w, lh = rng.uniform(10, 60), rng.uniform(8, 20)
        boxes = [QRectF(*rng.uniform(0, 200, 2), *rng.uniform(5, 40, 2)) for _ in range(4)]
        circles = [(QPointF(*rng.uniform(0, 200, 2)), rng.uniform(3, 20)) for _ in range(6)]
        lines = [
            (QPointF(*rng.uniform(0, 200, 2)), QPointF(*rng.uniform(0, 200, 2)), rng.uniform(1, 4))
            for _ in range(5)
        ]
        got = free_spots(
            line,
            ts,
            w,
            lh,
            np.array([(r.left(), r.top(), r.right(), r.bottom()) for r in boxes]),
            np.array([(p.x(), p.y(), r) for p, r in circles]),
            np.array([(p.x(), p.y(), q.x(), q.y(), pad) for p, q, pad in lines]),
        )
        want = []
        for t in ts:
            c = line.pointAt(t)
            rect = QRectF(c.x() - w / 2, c.y() - lh / 2, w, lh)
            room = rect.adjusted(-LABEL_MARGIN, -LABEL_MARGIN, LABEL_MARGIN, LABEL_MARGIN)
            if any(rect.intersects(r) for r in boxes):
                continue
            if any(circle_hits_rect(p, r, rect) for p, r in circles):
                continue
            if any(segment_hits_rect(p, q, room, pad) for p, q, pad in lines):
                continue
            want.append(t)
        assert [t for t, _r, _room in got] == want
        for t, rect, room in got:
            c = line.pointAt(t)
            assert rect.center().x() == pytest.approx(c.x()) and rect.width() == pytest.approx(w)
            assert room.contains(rect) and room.width() == pytest.approx(w + 2 * LABEL_MARGIN)
