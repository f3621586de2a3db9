"""How a layer is measured on the canvas: neuron spacing, frames, boxes, and number format."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from nnsim.gui.fonts import canvas_font
from nnsim.gui.i18n import activation_name, kind_name
from nnsim.model.layer_kinds import NEURON_KINDS, PARAM_ACTIVATION_KINDS

# Layers with more neurons than the theme's max_drawn_neurons (16 on the normal canvas)
# collapse to a box showing their shape.
COLLAPSED_W = 130.0
COLLAPSED_H = 190.0
#: Width a box's texts wrap (its kind, at a space: "Max / pooling") or shrink to.
BOX_TEXT_W = COLLAPSED_W - 8
BOX_TEXT_FLAGS = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)

#: A column of at least this many neurons whose neighbours are all boxes is drawn in two
#: sub-columns (MNIST's ten outputs after a flattened image): one tall column would set the
#: view's fit, and the boxes beside it would print their texts a few pixels high.
WRAP_NEURONS = 8


def fmt_value(v: float, digits: int = 4) -> str:
    """A number as the canvas prints it: up to 4 decimals, no trailing zeros, a true minus.

    0.35 → "0.35", 1.0 → "1", 0.680267 → "0.6803", −0.0406811 → "−0.0407"; tiny or huge use
    three significant digits (−0.00265449 → "−0.00265").
    """
    v = float(v)
    if not math.isfinite(v):
        return str(v)
    if v != 0 and (abs(v) >= 1000 or abs(v) < 0.01):
        s = f"{v:.3g}"
    else:
        s = f"{v:.{digits}f}".rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    return s.replace("-", "−")


def fitted_font(text: str, pixel_size: int, width: float, minimum: int = 9):
    """Bold canvas font for ``text``, shrunk until it fits ``width`` (long labels such as
    "leaky_relu" inside a neuron circle)."""
    size = int(pixel_size)
    font = canvas_font(size, bold=True)
    while size > minimum and QFontMetricsF(font).horizontalAdvance(text) > width:
        size -= 1
        font = canvas_font(size, bold=True)
    return font


def drawn_as_box(spec, theme) -> bool:
    """Whether a layer is drawn as one box (its shape) rather than neuron by neuron."""
    if spec.kind not in NEURON_KINDS:
        return True
    if spec.shape is not None and len(spec.shape) > 1:
        return True
    return spec.size > theme.max_drawn_neurons


def neuron_columns(doc, spec, theme) -> int:
    """How many sub-columns a layer drawn neuron by neuron stands in: 2 for a tall column
    (``WRAP_NEURONS``) linked only to layers drawn as boxes (no edge goes to one of its
    neurons, so their order on the canvas is free), else 1."""
    if doc is None or spec.size < WRAP_NEURONS or drawn_as_box(spec, theme):
        return 1
    linked = [
        link.dst if link.src == spec.id else link.src
        for link in doc.links.values()
        if spec.id in (link.src, link.dst)
    ]
    if not linked or any(k not in doc.layers for k in linked):
        return 1
    return 2 if all(drawn_as_box(doc.layers[k], theme) for k in linked) else 1


def neuron_grid(spec, theme, index: int, columns: int = 1, size: int | None = None):
    """(x, y) of neuron ``index``'s centre around its layer's position: down the first
    sub-column (at the position), then the next (``columns``) one frame width right."""
    n = size if size is not None else spec.size
    rows = math.ceil(n / max(columns, 1))
    col, row = divmod(index, rows)
    x = col * sub_column_pitch(theme)  # growing rightwards: the link from the left keeps its gap
    return x, (row - (rows - 1) / 2.0) * neuron_spacing(spec, theme, rows)


def _under_circle(spec, theme) -> float:
    """Room under a neuron's circle: its output, and for a computing neuron the note a
    backward step prints under it (its gradient term, g1 = −0.0407)."""
    h = QFontMetricsF(canvas_font(theme.value_px, True)).height() + 6
    return 2 * h if spec.kind != "input" and theme.note_line else h


def _over_circle(spec, theme) -> float:
    """Room over a neuron's circle: its bias (b=0.1), when the layer has biases."""
    if spec.kind == "input" or not spec.use_bias:
        return 4.0
    return QFontMetricsF(canvas_font(theme.small_px)).height() + 6


def neuron_spacing(spec, theme, size: int | None = None) -> float:
    """Distance between the centres of two neurons of a layer: roomy up to five neurons,
    and never less than the circle with the texts printed under it and over the next."""
    n = size if size is not None else spec.size
    need = 2 * theme.neuron_radius + _under_circle(spec, theme) + _over_circle(spec, theme)
    return max(theme.neuron_spacing, need) if n <= 5 else need


def frame_rect(spec, theme, columns: int = 1) -> QRectF:
    """The frame of a layer drawn neuron by neuron, around its centre: its neurons (in
    ``columns`` sub-columns) with their texts, and room for the caption above it (the
    caption itself is outside)."""
    r = theme.neuron_radius
    rows = math.ceil(spec.size / max(columns, 1))
    half = (rows - 1) / 2.0 * neuron_spacing(spec, theme, rows)
    top = -half - r - _over_circle(spec, theme) - 12
    bottom = half + r + _under_circle(spec, theme) + 18  # the frame's port below the texts
    side = frame_side(theme)
    extra = sub_column_pitch(theme) * (max(columns, 1) - 1)  # sub-columns right of the first
    return QRectF(-side, top, 2 * side + extra, bottom - top)


def box_texts(spec, theme) -> list[tuple[str, str, QFont]]:
    """The rows a layer drawn as a box prints: (kind, text, font) for its kind, its shape
    and its activation (when it has one)."""
    shape = spec.shape if spec.shape else (spec.size,)
    shape_text = "×".join(str(int(s)) for s in shape) if spec.size else "?"
    act = spec.params.get("activation") if spec.kind in PARAM_ACTIVATION_KINDS else None
    if spec.kind in ("dense", "maxout") and spec.activations:
        act = spec.activations[0]
    kind = kind_name(spec.kind)
    longest = max(kind.split(" "), key=len)
    # All at the neurons' name size: a box stands beside neuron columns and beside the
    # others, and its kind and shape are what a lecturer points at (MNIST's 8×26×26).
    rows = [
        # (a long kind name on two lines, or a long word a little smaller, not the box
        # wider: the gap between two boxes keeps room for the link's "W 8×1×3×3")
        ("kind", kind, fitted_font(longest, theme.label_px, BOX_TEXT_W, theme.small_px)),
        ("shape", shape_text, canvas_font(theme.label_px, bold=True)),
    ]
    if act and act != "identity":
        rows.append(("activation", activation_name(act), canvas_font(theme.label_px)))
    return rows


def box_text_size(text: str, font: QFont) -> tuple[float, float]:
    """Width and height of one of a box's texts, wrapped at ``BOX_TEXT_W``."""
    r = QFontMetricsF(font).boundingRect(QRectF(0, 0, BOX_TEXT_W, 1e4), BOX_TEXT_FLAGS, text)
    return r.width() + 2, r.height()


def box_size(spec, theme) -> tuple[float, float]:
    """Width and height of a layer drawn as a box: wide enough for its texts whole."""
    sizes = [box_text_size(t, f) for _, t, f in box_texts(spec, theme)]
    widest = max(w for w, _ in sizes)
    tall = sum(h for _, h in sizes) + 8 * (len(sizes) + 1)
    return max(COLLAPSED_W, widest + 6), max(COLLAPSED_H, 4.6 * theme.label_px, tall)


def frame_side(theme) -> float:
    """Half the width of a layer's frame: just past the neurons' ports, or wider where the
    numbers printed under and above the circles are (presentation mode's large ones)."""
    widest = max(
        QFontMetricsF(canvas_font(theme.value_px, bold=True)).horizontalAdvance("−0.0000") + 10,
        QFontMetricsF(canvas_font(theme.small_px)).horizontalAdvance("b=−0.0000"),
    )
    return max(theme.neuron_radius + 18, widest / 2 + 6)


def sub_column_pitch(theme) -> float:
    """Distance between two sub-columns of neurons: a frame's width, or the widest note a
    backward step prints under a neuron (g10 = −0.0407) with a gap."""
    note = QFontMetricsF(canvas_font(theme.value_px, bold=True)).horizontalAdvance("g10 = −0.0000")
    return max(2 * frame_side(theme), note + 16)


def activation_symbol(name: str) -> str:
    """Short symbol of an activation for inside a neuron circle (σ, tanh, ReLU...)."""
    try:
        from nnsim.engine import get_activation

        return get_activation(name).symbol
    except Exception:  # noqa: BLE001 - an unknown name just shows as written
        return name


def port_radius(theme, layer: bool) -> float:
    """Drawn radius of a neuron's port (circle) or a layer's (diamond, ``layer``)."""
    base = 7.0 if theme is None or theme.name == "normal" else 9.0
    return base * 1.3 if layer else base
