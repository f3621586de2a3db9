"""Where the canvas draws the columns: presentation mode's tidy layout and spread, room for captions."""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

from nnsim.gui.canvas.label_placement import label_size
from nnsim.gui.canvas.layer_geometry import drawn_as_box
from nnsim.gui.fonts import canvas_font

#: Breakpoints (document x, offset added there) of the piecewise linear column spread.
Breaks = tuple[tuple[float, float], ...]
#: Clear margin (scene units) between a link's caption and the frames on either side.
CAPTION_PAD = 8.0


def wanted_tidy(doc, theme) -> dict[str, tuple[float, float]]:
    """Positions to draw instead of the document's, or none.

    Presentation mode (``Theme.column_stretch`` > 1) draws a layout written for the normal
    canvas in tidy columns when it is much taller than those: its large layers became
    boxes, and the gaps left would not fit a projector at 24 px. The document keeps its
    own positions; moving a layer by hand ends this.
    """
    from nnsim.gui.canvas.layout import footprint, tidy_positions  # layout needs the scene

    if theme.column_stretch <= 1.0 or len(doc.layers) < 2 or not doc.links:
        return {}
    tidy = tidy_positions(doc, theme)

    def height(pos):
        tops, bottoms = [], []
        for lid, spec in doc.layers.items():
            _, up, down = footprint(spec, theme, doc)
            tops.append(pos(lid)[1] - up)
            bottoms.append(pos(lid)[1] + down)
        return max(bottoms) - min(tops)

    own = height(lambda lid: doc.layers[lid].position)
    return tidy if own > 1.15 * height(lambda lid: tidy[lid]) else {}


def map_x(x: float, breaks: Breaks) -> float:
    """``x`` plus the offset interpolated between the breakpoints around it."""
    if not breaks:
        return x
    if x <= breaks[0][0]:
        return x + breaks[0][1]
    for (x0, o0), (x1, o1) in zip(breaks, breaks[1:]):
        if x <= x1:
            return x + o0 + (o1 - o0) * (x - x0) / (x1 - x0)
    return x + breaks[-1][1]


def inverse(breaks: Breaks) -> Breaks:
    """The breakpoints that map a drawn x back to the document's (``map_x`` inverted)."""
    return tuple((x + off, -off) for x, off in breaks)


def _offset_at(extra: dict, x: float) -> float:
    return max((off for cx, off in extra.items() if cx <= x), default=0.0)


def label_room(theme, link) -> float:
    """The gap between two frames a link drawn edge by edge needs for its numbers.

    A little more than one number as wide as they get (−0.0000) for two edges that do not
    cross, a quarter more for each further edge meeting at one neuron (4 → 1), and about
    1.7 more per crossing of a full link ((m − 1)(n − 1) of them: the 2 × 2 link of the
    worked example has one, where the crossing edges' numbers stand side by side).
    Measured by placing the numbers at presentation size.
    """
    m, n = link.weights.shape[:2]
    edges = int(link.mask.sum()) if link.mask is not None else m * n
    crossings = max(0, edges - m - n + 1)
    fan = max(0, max(m, n) - 2)
    return label_size(theme, "−0.0000")[0] * (1.2 + 0.25 * fan + 1.7 * crossings)


def wanted_stretch(doc, theme, base_pos) -> Breaks:
    """Room between the columns: (document x, added offset) breakpoints.

    Where both layers of a link are drawn neuron by neuron (weights printed), presentation
    mode (``Theme.column_stretch`` > 1) grows the gap to ``column_stretch`` × its document
    width, or wider where the link's numbers need it (``label_room``: the worked example's
    crossing first-layer weights, 0.0991 and 0.7976 after an update, side by side) and can
    have it at all (at most three numbers' width: a 2 × 4 link's eight numbers never fit
    between the frames, its gap stays and the view prints what it can). In both modes a gap
    beside a box grows to what the "W 8×1×3×3" caption needs to stand clear of both frames
    (``caption_room``): the lessons' columns, one ``LAYER_DX`` apart, leave two boxes 90
    apart, less than the caption is wide. Only there, so that a wide CNN still fits the
    view. ``base_pos(layer id)`` is the layer's position before the spread.
    """
    from nnsim.gui.canvas.layout import footprint

    stretch = theme.column_stretch > 1.0
    xs = sorted({float(base_pos(lid)[0]) for lid in doc.layers})
    extra = dict.fromkeys(xs, 0.0)  # offset added to the column at x and right of it
    most = 3 * label_size(theme, "−0.0000")[0]
    needs = []
    for link in doc.links.values():
        src, dst = doc.layers.get(link.src), doc.layers.get(link.dst)
        if src is None or dst is None:
            continue
        x0, x1 = float(base_pos(link.src)[0]), float(base_pos(link.dst)[0])
        if x1 <= x0:
            continue
        if not drawn_as_box(src, theme) and not drawn_as_box(dst, theme):
            if not stretch:
                continue
            half = (footprint(src, theme, doc)[0] + footprint(dst, theme, doc)[0]) / 2
            need = (x1 - x0) * theme.column_stretch
            room = label_room(theme, link) if link.weights.ndim >= 2 else 0.0
            if room <= most:
                need = max(need, half + room)
            needs.append((x0, x1, need))
        elif link.weights.size:
            # from the source's frame's right side to the target's left one
            sides = _frame_sides(src, theme, doc)[1] - _frame_sides(dst, theme, doc)[0]
            needs.append((x0, x1, caption_room(theme, link) + sides))
    for x0, x1, need in sorted(needs, key=lambda n: n[1] - n[0]):
        have = x1 - x0 + _offset_at(extra, x1) - _offset_at(extra, x0)
        if have < need:  # widen the gap just left of the target's column
            for x in xs:
                if x >= x1:
                    extra[x] += need - have
    if not stretch and not any(extra.values()):
        return ()  # the normal canvas draws the document's own positions
    return tuple((x, extra[x]) for x in xs)


def caption_text(link) -> str:
    """The caption of a link beside a box: "W " and its weights' shape ("W 8×1×3×3")."""
    return "W " + "×".join(str(n) for n in link.weights.shape)


def caption_room(theme, link) -> float:
    """The gap between two frames a link's caption needs: its width and a clear margin on
    either side (``CAPTION_PAD``, or more for a caption the view enlarged: at least 4 px on
    screen however far it zooms out)."""
    font = canvas_font(theme.caption_size, bold=True)
    width = QFontMetricsF(font).horizontalAdvance(caption_text(link)) + 2
    return width + 2 * max(CAPTION_PAD, 0.45 * theme.caption_size)


def _frame_sides(spec, theme, doc) -> tuple[float, float]:
    """The left and right sides of a layer's frame, from its position (scene units)."""
    from nnsim.gui.canvas.layout import centre_shift, footprint

    half = footprint(spec, theme, doc)[0] / 2
    shift = centre_shift(spec, theme, doc)
    return shift - half, shift + half
