"""Look of the canvas and the window: the normal theme and presentation mode (projector)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

# TensorFlow Playground's convention, which students may have met: blue for positive
# weights, orange for negative ones.
POSITIVE = "#0877bd"
NEGATIVE = "#e8710a"


@dataclass(frozen=True)
class Theme:
    """Sizes (scene units or points) and colours used by the canvas and the window.

    Parameters
    ----------
    name : str
        ``"normal"`` or ``"presentation"``.
    ui_point_size : float
        Point size of the application font (menus, docks, inspectors).
    neuron_radius : float
        Radius of a neuron circle in scene units.
    neuron_spacing : float
        Distance between the centres of two neurons of one layer.
    label_px, value_px, small_px : int
        Pixel sizes (scene units) of neuron labels, printed values and captions.
    edge_min, edge_max : float
        Pen widths of an edge with weight 0 and of the heaviest edge.
    outline : float
        Pen width of neuron and layer outlines.
    """

    name: str
    ui_point_size: float
    neuron_radius: float
    neuron_spacing: float
    label_px: int
    value_px: int
    small_px: int
    edge_min: float
    edge_max: float
    outline: float
    positive: str = POSITIVE
    negative: str = NEGATIVE
    background: str = "#fbfcfe"
    grid: str = "#e6ebf2"
    text: str = "#1a1a1a"
    muted: str = "#5b6470"
    neuron_fill: str = "#ffffff"
    input_fill: str = "#eef5ea"
    output_fill: str = "#fff4e8"
    neuron_border: str = "#2b2f36"
    layer_fill: str = "#f1f4f9"
    layer_border: str = "#b8c2d0"
    selection: str = "#d6336c"
    highlight: str = "#ffd43b"
    port: str = "#7a8594"

    def color(self, name: str) -> QColor:
        """The colour called ``name`` as a QColor."""
        return QColor(getattr(self, name))

    def edge_color(self, weight: float) -> QColor:
        """Colour of an edge: blue for a positive weight, orange for a negative one."""
        return QColor(self.negative if weight < 0 else self.positive)

    def edge_width(self, weight: float, scale: float = 1.0) -> float:
        """Pen width for ``|weight|``; ``scale`` is the weight that gets the widest pen."""
        frac = min(abs(float(weight)) / max(scale, 1e-12), 1.0)
        return self.edge_min + (self.edge_max - self.edge_min) * frac


NORMAL = Theme(
    name="normal",
    ui_point_size=11,
    neuron_radius=30,
    neuron_spacing=110,
    label_px=22,
    value_px=17,
    small_px=15,
    edge_min=1.2,
    edge_max=7.0,
    outline=2.5,
)

PRESENTATION = Theme(
    name="presentation",
    ui_point_size=16,
    neuron_radius=36,
    neuron_spacing=124,
    label_px=28,
    value_px=22,
    small_px=19,
    edge_min=2.0,
    edge_max=11.0,
    outline=4.0,
    background="#ffffff",
    grid="#eef1f5",
    text="#000000",
    muted="#30363d",
    neuron_border="#000000",
    layer_border="#8a96a8",
    positive="#005b9f",
    negative="#d35400",
    port="#4a5360",
)


def theme_for(presentation: bool) -> Theme:
    """The theme for presentation mode on or off."""
    return PRESENTATION if presentation else NORMAL


def apply_to_application(app: QApplication, theme: Theme, base_font: QFont | None = None) -> None:
    """Set the application font size and a high-contrast palette for ``theme``.

    Every widget that did not set its own font follows the application font, so menus,
    docks and inspectors all grow together in presentation mode.
    """
    font = QFont(base_font) if base_font is not None else QFont(app.font())
    font.setPointSizeF(theme.ui_point_size)
    app.setFont(font)
    pal = app.style().standardPalette()
    if theme.name == "presentation":
        pal.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))
        pal.setColor(QPalette.ColorRole.Text, QColor("#000000"))
        pal.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
        pal.setColor(QPalette.ColorRole.Window, QColor("#f4f4f4"))
        pal.setColor(QPalette.ColorRole.Highlight, QColor("#003d80"))
        pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    app.setPalette(pal)


_FACTOR = "nnsim_font_factor"
_BOLD = "nnsim_font_bold"


def relative_font(widget: QWidget, factor: float = 1.0, bold: bool = False) -> None:
    """Give ``widget`` a font ``factor`` × the application font (kept on font changes).

    A size set with setFont no longer follows the application font; widgets marked here
    are re-sized by ``refresh_relative_fonts`` when presentation mode changes the font.
    """
    widget.setProperty(_FACTOR, float(factor))
    widget.setProperty(_BOLD, bool(bold))
    _apply_relative(widget)


def _apply_relative(widget: QWidget) -> None:
    base = QApplication.font()
    f = QFont(widget.font())
    f.setPointSizeF(base.pointSizeF() * float(widget.property(_FACTOR)))
    f.setBold(bool(widget.property(_BOLD)))
    widget.setFont(f)


def refresh_relative_fonts(root: QWidget) -> None:
    """Re-size the widgets under ``root`` marked by ``relative_font`` (after the app font
    changed).

    Walks one window's children, not QApplication.allWidgets(): wrapping every widget of
    the process can touch one that another window is destroying, and crash.
    """
    for w in [root, *root.findChildren(QWidget)]:
        if w.property(_FACTOR) is not None:
            _apply_relative(w)


def muted(widget: QWidget) -> None:
    """Grey secondary text, through the palette (a style sheet would freeze the font)."""
    pal = widget.palette()
    pal.setColor(QPalette.ColorRole.WindowText, QColor("#5b6470"))
    widget.setPalette(pal)
