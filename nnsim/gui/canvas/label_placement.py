"""Where a link prints its weights: each number on a free spot of its own edge."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from nnsim.gui.fonts import canvas_font

if TYPE_CHECKING:
    from nnsim.gui.canvas.edge_item import EdgeItem

# Where along an edge its weight is printed (0 = source, 1 = target). Near the source,
# edges that fan out from one neuron are already apart, while crossing edges of a
# full link meet in the middle.
LABEL_T = 0.27
# Spots tried along an edge for its weight's number, and the clear margin kept around it.
LABEL_SPOTS = 40
LABEL_MARGIN = 3.0

_METRICS: dict[int, QFontMetricsF] = {}


def label_size(theme, text: str) -> tuple[float, float]:
    """Width and height of a printed weight's box (its number in the bold value font)."""
    fm = _METRICS.get(theme.value_px)
    if fm is None:  # asked for every edge at every refresh of a training run: kept
        fm = _METRICS[theme.value_px] = QFontMetricsF(canvas_font(theme.value_px, bold=True))
    return fm.horizontalAdvance(text) + 10, fm.height() + 4


def free_spots(line, ts, w: float, lh: float, boxes, circles, lines) -> list:
    """The spots of ``ts`` along ``line`` where a ``w`` × ``lh`` label is free, in order.

    All spots are tested at once (spot by spot, in Python, took 17 ms for the Playground
    network, once a growing number asked for new places in the middle of a training run;
    tests/gui/test_label_geometry.py keeps the one-by-one tests as the reference). A spot
    is free when its label covers none of
    ``boxes`` ((B, 4): left, top, right, bottom) and none of ``circles`` ((C, 3): x, y,
    radius), and its room (``LABEL_MARGIN`` more on each side) meets none of ``lines``
    ((L, 5): x0, y0, x1, y1 and the line's own pad). Returns (t, rect, room) per free spot.
    """
    t = np.asarray(ts, dtype=float)
    m = LABEL_MARGIN
    p1, p2 = line.p1(), line.p2()
    # as QLineF.pointAt and QRectF(x, y, w, h) compute them
    left = p1.x() + (p2.x() - p1.x()) * t - w / 2
    top = p1.y() + (p2.y() - p1.y()) * t - lh / 2
    right, bottom = left + w, top + lh
    ok = np.ones(t.size, bool)
    if len(boxes):
        b = boxes[:, None, :]
        ok &= ~(
            (left < b[..., 2]) & (b[..., 0] < right) & (top < b[..., 3]) & (b[..., 1] < bottom)
        ).any(0)
    if len(circles):
        c = circles[:, None, :]
        dx = np.minimum(np.maximum(c[..., 0], left), right) - c[..., 0]
        dy = np.minimum(np.maximum(c[..., 1], top), bottom) - c[..., 1]
        ok &= ~(dx * dx + dy * dy < c[..., 2] * c[..., 2]).any(0)
    if len(lines):
        s = lines[:, None, :]
        x0, y0, pad = s[..., 0], s[..., 1], s[..., 4]
        dx, dy = s[..., 2] - x0, s[..., 3] - y0
        # Liang–Barsky clipping against every room at once
        lo, hi = np.zeros((len(lines), t.size)), np.ones((len(lines), t.size))
        out = np.zeros_like(lo, dtype=bool)
        for p, q in (
            (-dx, x0 - (left - m - pad)),
            (dx, (right + m + pad) - x0),
            (-dy, y0 - (top - m - pad)),
            (dy, (bottom + m + pad) - y0),
        ):
            p, q = np.broadcast_arrays(p, q)
            flat = p == 0
            out |= flat & (q < 0)
            with np.errstate(divide="ignore", invalid="ignore"):
                r = np.where(flat, 0.0, q / np.where(flat, 1.0, p))
            lo = np.where(~flat & (p < 0), np.maximum(lo, r), lo)
            hi = np.where(~flat & (p > 0), np.minimum(hi, r), hi)
        ok &= ~(~out & (lo <= hi)).any(0)
    return [
        (
            float(t[k]),
            QRectF(left[k], top[k], w, lh),
            QRectF(left[k] - m, top[k] - m, w + 2 * m, lh + 2 * m),
        )
        for k in np.flatnonzero(ok)
    ]


class LabelPlacement:
    """The placing of a LinkItem's printed weights (a mix-in of LinkItem: it uses the
    link's ``edges``, ``theme``, ``dense``, ``_featured`` and ``_neuron_featured``)."""

    @property
    def missing_labels(self) -> int:
        """How many weights of this link are not printed now for want of room (0 when the
        weights are not printed at all)."""
        if not self.scene_flag("show_weights") or self.collapsed:
            return 0
        if self.dense:
            return len(self.edges) - sum(1 for k in self._featured if self.edges[k].placed)
        return self._unplaced

    def _obstacles(self, gap: tuple[float, float]):
        """Neuron circles and their printed texts near the gap (scene coordinates)."""
        circles, boxes = [], []
        for layer in self._scene_ref.layer_items.values():
            frame = layer.mapRectToScene(layer.frame_rect())
            if frame.right() < gap[0] - 200 or frame.left() > gap[1] + 200:
                continue
            circles.append((layer.port.scenePos(), layer.port.radius() + 4))
            for n in layer.neurons:
                circles.append((n.scenePos(), n.radius() + 3))
                circles.append((n.port.scenePos(), n.port.radius() + 4))
                # the room of the texts, shown or not yet: a step-through prints outputs
                # and notes later, and the numbers stay where they are
                for _, _, rect, _ in n.text_boxes(widest=True):
                    boxes.append(n.mapRectToScene(rect))
        return circles, boxes

    def _place_labels(self) -> None:
        """Give every printed weight a spot of its own on its edge.

        Each number, in turn, takes the free spot nearest to the usual one (``LABEL_T`` of
        the gap between the two layers' frames) along its edge: a spot is free when its box
        covers no other number, no neuron, port or text of a neuron, and no other edge of the
        link (a frame's empty margin may be covered). A number with
        no free spot is not printed (``EdgeItem.placed`` is False; hover and selection still
        show it, and the view says so). Edges of a selected neuron and a selected edge (the
        step-through's current weight) choose first, in every round, then the strongest
        weights. The room
        reserved is that of the widest number of the link, so that places do not jump with
        every change of a weight while a network trains (only when a number grows wider).
        """
        th = self.theme
        self._reserved = max(
            [label_size(th, "0")[0]] + [label_size(th, e._text)[0] for e in self.edges.values()]
        )
        if self.dense:
            todo = [self.edges[k] for k in sorted(self._featured)]
            for k, e in self.edges.items():
                e.placed = k in self._featured
        else:
            # the selected neuron's edges first, then the strongest weights
            first = sorted(self._featured)
            rest = sorted(
                (e for k, e in self.edges.items() if k not in self._featured),
                key=lambda e: (-abs(e._w), e.i, e.j),
            )
            todo = [self.edges[k] for k in first] + rest
        self._unplaced = 0
        was_dimmed, self._dimmed = self._dimmed, False
        if not todo:
            self._repaint_if(was_dimmed)
            return
        lw, lh = self._reserved, label_size(th, "0")[1]
        gap = todo[0]._gap or (0.0, 0.0)
        circles, boxes = self._obstacles(gap)
        lines = [(e, e._line.p1(), e._line.p2(), e._width / 2 + 1) for e in self.edges.values()]
        best = self._choose_places(todo, lines, circles, boxes, lw, lh)
        mine = self._neuron_featured
        if not self.dense and any((e.i, e.j) in mine for e in best[1]):
            # the selected neurons' weights find no room among the other edges: those fade
            # (drawn pale, their numbers not printed) and the selected neurons' weights are
            # printed clear of one another and of the edges left bright
            self._dimmed = True
            keep = [e for e in todo if (e.i, e.j) in self._featured]
            lines = [line for line in lines if (line[0].i, line[0].j) in self._featured]
            # each in the room of its own number (few, and placed again at every change)
            best = self._choose_places(keep, lines, circles, boxes, None, lh)
            best = (best[0], best[1] + [e for e in todo if e not in keep])
        chosen, missed = best
        for e in todo:
            t = chosen.get((e.i, e.j))
            e.placed = t is not None
            if t is not None and t != e._label_t:
                e._label_t = t
                e.refresh()
        self._unplaced = len(missed)
        self._repaint_if(was_dimmed != self._dimmed)
        self.labels.changed()

    def _repaint_if(self, changed: bool) -> None:
        if changed:
            for e in self.edges.values():
                e.update()

    def is_dimmed(self, edge: EdgeItem) -> bool:
        """Whether ``edge`` is drawn faded: it gave way to a selected neuron's weights."""
        return self._dimmed and (edge.i, edge.j) not in self._featured

    def _choose_places(self, todo, lines, circles, boxes, lw, lh):
        """(spot t per edge, edges left without) for ``todo``, clear of ``lines``; each
        label ``lw`` wide, or (None) as wide as its own number."""
        th = self.theme
        # the spots of each edge clear of neurons, their texts and the other edges, best first
        spots: dict[tuple[int, int], list[tuple[float, QRectF, QRectF]]] = {}
        box_array = np.array([(b.left(), b.top(), b.right(), b.bottom()) for b in boxes])
        circle_array = np.array([(p.x(), p.y(), r) for p, r in circles])
        line_array = np.array([(a.x(), a.y(), b.x(), b.y(), w) for _o, a, b, w in lines])
        owners = [o for o, _a, _b, _w in lines]
        grid = [0.06 + 0.88 * k / LABEL_SPOTS for k in range(LABEL_SPOTS + 1)]
        for e in todo:
            w = label_size(th, e._text)[0] if lw is None else lw
            usual = e.t_at(LABEL_T)
            ts = [usual, *sorted(grid, key=lambda t: abs(t - usual))]
            others = line_array[[o is not e for o in owners]] if owners else line_array
            spots[(e.i, e.j)] = free_spots(e._line, ts, w, lh, box_array, circle_array, others)
        # each number takes its best spot not covered by those placed before it; the ones
        # left without go first in the next round (the crossing edges' few spots), and the
        # round that prints the most of the featured ones (the selected neurons' edges, a
        # selected edge), then the most in all, wins. A selected edge's number with no free
        # spot at all is printed where it is all the same (label_printed), so the
        # others keep clear of it, in the room of the widest number (it may grow to that).
        featured = self._featured
        taken = []
        for k in featured:
            if k in self.edges and self.edges[k].isSelected() and not spots.get(k):
                e = self.edges[k]
                c, w = e.label_pos(), label_size(th, e._text)[0] if lw is None else lw
                taken.append(QRectF(c.x() - w / 2, c.y() - lh / 2, w, lh))

        def score(missed):
            return (sum((e.i, e.j) in featured for e in missed), len(missed))

        order, best = list(todo), None
        for _ in range(3):
            chosen, missed = self._choose_spots(order, spots, taken)
            if best is None or score(missed) < score(best[1]):
                best = (chosen, missed)
            if not missed:
                break
            # the missed go first; featured before the others
            first = sorted(missed, key=lambda e: (e.i, e.j) not in featured)
            order = first + [e for e in order if e not in missed]
        return best

    @staticmethod
    def _choose_spots(order, spots, taken=()):
        placed: list[QRectF] = list(taken)
        chosen: dict[tuple[int, int], float] = {}
        missed = []
        for e in order:
            for t, rect, room in spots[(e.i, e.j)]:
                if not any(room.intersects(r) for r in placed):
                    chosen[(e.i, e.j)] = t
                    placed.append(rect)
                    break
            else:
                missed.append(e)
        return chosen, missed
