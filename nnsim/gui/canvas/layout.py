"""Layer footprints on the canvas, overlap detection and a tidy column layout."""

from __future__ import annotations

from nnsim.gui.canvas.layer_geometry import (
    box_size,
    drawn_as_box,
    frame_rect,
    neuron_columns,
)
from nnsim.gui.canvas.scene import snap

COLUMN_GAP = 150.0  # free space between two columns of layers (room for the weights)
ROW_GAP = 60.0


def footprint(spec, theme, doc=None) -> tuple[float, float, float]:
    """(width, height above the centre, height below the centre) a layer occupies,
    its caption included; the same geometry as LayerItem draws (a tall column of ``doc``
    between boxes in its sub-columns)."""
    if drawn_as_box(spec, theme):
        w, h = box_size(spec, theme)
        return w, h / 2 + theme.caption_size + 14, h / 2
    rect = frame_rect(spec, theme, neuron_columns(doc, spec, theme))
    return rect.width(), -rect.top() + theme.caption_size + 14, rect.bottom()


def centre_shift(spec, theme, doc=None) -> float:
    """How far right of its position a layer's frame is centred: half its further
    sub-columns, which grow rightwards (``layer_geometry.neuron_grid``); else 0."""
    if drawn_as_box(spec, theme):
        return 0.0
    return frame_rect(spec, theme, neuron_columns(doc, spec, theme)).center().x()


def overlapping(doc, theme) -> bool:
    """True when two layers' footprints intersect at their document positions."""
    boxes = []
    for spec in doc.layers.values():
        w, up, down = footprint(spec, theme, doc)
        x, y = spec.position
        x += centre_shift(spec, theme, doc)
        boxes.append((x - w / 2, y - up, x + w / 2, y + down))
    for a in range(len(boxes)):
        for b in range(a + 1, len(boxes)):
            l1, t1, r1, b1 = boxes[a]
            l2, t2, r2, b2 = boxes[b]
            if l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1:
                return True
    return False


def tidy_positions(doc, theme) -> dict[str, tuple[float, float]]:
    """Positions that put each layer in the column of its depth (inputs left), stacked
    without overlap, keeping the current top-to-bottom order within a column."""
    depth: dict[str, int] = {}
    for lid in doc.topological_order():
        srcs = [doc.links[k].src for k in doc.incoming(lid)]
        depth[lid] = 1 + max((depth[s] for s in srcs), default=-1)
    columns: dict[int, list[str]] = {}
    for lid, d in depth.items():
        columns.setdefault(d, []).append(lid)
    widths = {
        d: max(footprint(doc.layers[k], theme, doc)[0] for k in ids) for d, ids in columns.items()
    }
    out: dict[str, tuple[float, float]] = {}
    x = 0.0
    for d in sorted(columns):
        ids = sorted(columns[d], key=lambda k: doc.layers[k].position[1])
        sizes = [footprint(doc.layers[k], theme, doc) for k in ids]
        total = sum(up + down for _, up, down in sizes) + ROW_GAP * (len(ids) - 1)
        top = -total / 2
        cx = x + widths[d] / 2
        for k, (_, up, down) in zip(ids, sizes):
            out[k] = snap((cx - centre_shift(doc.layers[k], theme, doc), top + up))
            top += up + down + ROW_GAP
        x += widths[d] + COLUMN_GAP
    return out
