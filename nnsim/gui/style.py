"""Look of the canvas and the window: the normal theme and presentation mode (projector)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGridLayout,
    QLayout,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

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
    column_stretch : float
        Scene x = document x × this: presentation mode spreads the layers so that the
        larger numbers of crossing edges find room between them.
    note_line : bool
        Whether a backward step's note (g1 = −0.0407) gets a line of its own under the
        neuron's output; presentation mode prints it in the output's place instead (the
        formula strip shows the output it uses), so that a column of four neurons fits.
    caption_px : int
        Pixel size (scene units) of the layers' and links' captions ("28×28", "W 8×1×3×3");
        0 means ``small_px``. The canvas view raises it when its fit would print them
        smaller than ``MIN_CAPTION_PX`` on screen (MNIST at 1280×800).
    max_drawn_neurons : int
        Layers with more neurons are drawn as one box showing their shape. Presentation
        mode draws fewer: a column of five neurons, each with its output and bias at
        24 px, is already taller than the canvas of a 1280×800 projector.
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
    max_drawn_neurons: int = 16
    note_line: bool = True
    column_stretch: float = 1.0
    caption_px: int = 0
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

    @property
    def caption_size(self) -> int:
        """Pixel size (scene units) the captions print at: ``caption_px`` or ``small_px``."""
        return self.caption_px or self.small_px

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
    # numbers large beside the circles: the view is fitted at ≥ 24 px on screen for the
    # smallest of them, and the network must still fit a 1280×800 projector
    neuron_radius=32,
    neuron_spacing=118,
    label_px=30,
    value_px=27,
    small_px=26,
    edge_min=2.0,
    edge_max=11.0,
    outline=4.0,
    max_drawn_neurons=4,
    note_line=False,
    column_stretch=1.7,
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


class ButtonGrid(QWidget):
    """Buttons in as many columns as fit: e.g. 4 columns (two rows) on a wide screen, 2
    columns (four rows) in a 1280 px projector window at presentation size.

    The minimum width is that of the fewest columns, so the buttons never decide how
    narrow the window may be; the minimum height is that of the rows shown now. Button
    ``i`` goes to row ``i // columns``, column ``i % columns``: give the buttons in an order
    that reads well in every column count offered (pairs stay pairs in 4 and in 2).

    Parameters
    ----------
    columns : tuple of int
        The column counts allowed, e.g. ``(4, 2)``; the most that fit are used.
    """

    def __init__(self, columns=(4, 2), parent=None):
        super().__init__(parent)
        self._choices = tuple(sorted({int(c) for c in columns if c > 0}, reverse=True))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(4)
        # the least size is minimumSizeHint's (fewest columns), not the current grid's
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._buttons: list[QAbstractButton] = []
        self.columns = self._choices[0]

    def add(self, button: QAbstractButton) -> None:
        """Append ``button`` (after the ones added before)."""
        button.setParent(self)
        self._buttons.append(button)
        self._place(self.columns)

    def width_for(self, columns: int) -> int:
        """The least width that shows every button whole in ``columns`` columns."""
        widths = [0] * columns
        for i, b in enumerate(self._buttons):
            widths[i % columns] = max(widths[i % columns], b.minimumSizeHint().width())
        m = self._grid.contentsMargins()
        used = sum(1 for w in widths if w)
        return (
            sum(widths) + self._grid.horizontalSpacing() * max(used - 1, 0) + m.left() + m.right()
        )

    def _place(self, columns: int) -> None:
        for b in self._buttons:
            self._grid.removeWidget(b)
        for i, b in enumerate(self._buttons):
            self._grid.addWidget(b, i // columns, i % columns)
        for c in range(max(self._choices)):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)
        self.columns = columns
        self.updateGeometry()

    def _choose(self, width: int) -> None:
        fit = [c for c in self._choices if self.width_for(c) <= width]
        columns = fit[0] if fit else self._choices[-1]
        if columns != self.columns:
            self._place(columns)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.width_for(self._choices[-1]), self._grid.minimumSize().height())

    def sizeHint(self) -> QSize:
        return QSize(self.width_for(self._choices[0]), self._grid.sizeHint().height())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._choose(event.size().width())

    def event(self, event):
        # A new text or font (language, presentation mode) changes the buttons' widths.
        if event.type() == QEvent.Type.LayoutRequest:
            self._choose(self.width())
        return super().event(event)


def scroll_min_width(area: QScrollArea, floor: int) -> int:
    """The least width of a vertically scrolled panel that shows its widget's width whole.

    For scroll areas with no horizontal scroll bar: the widget's minimum, the vertical
    scroll bar and the frame, and at least ``floor``. Bigger fonts (presentation mode,
    Chinese) widen the panel instead of cutting its right edge off.
    """
    w = area.widget()
    inner = w.minimumSizeHint().width() if w is not None else 0
    bar = area.verticalScrollBar().sizeHint().width()
    return max(int(floor), inner + bar + 2 * area.frameWidth())


class _WidthFollower(QObject):
    def __init__(self, area: QScrollArea, floor: int):
        super().__init__(area)
        self.area, self.floor = area, floor

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.LayoutRequest:
            self.area.setMinimumWidth(scroll_min_width(self.area, self.floor))
        return False


def keep_width_whole(area: QScrollArea, floor: int) -> None:
    """Keep ``area``'s minimum width at ``scroll_min_width`` as its widget's contents change
    (new texts, a new page, presentation mode)."""
    area.setMinimumWidth(scroll_min_width(area, floor))
    area.widget().installEventFilter(_WidthFollower(area, floor))


class ElidedCombo(QComboBox):
    """A combo box for a narrow dock: a long entry is shown cut with "…" (the whole
    name in its tooltip), and the open list is as wide as its longest entry."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.currentTextChanged.connect(self._follow)

    def _follow(self, text: str) -> None:
        # the tooltip names the entry only when the box cannot show it whole
        self.setToolTip(text if self.displayed_text() != text else "")

    def _field(self) -> tuple[QStyleOptionComboBox, int]:
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        rect = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        return opt, rect.width()

    def displayed_text(self) -> str:
        """The current entry as the closed box draws it (cut with "…" when too long)."""
        _, width = self._field()
        return self.fontMetrics().elidedText(self.currentText(), Qt.TextElideMode.ElideRight, width)

    def popup_width(self) -> int:
        """The open list's least width: its longest entry whole, with the scroll bar."""
        fm = self.view().fontMetrics()
        widest = max(
            (fm.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0
        )
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return widest + bar + 4 * fm.averageCharWidth()

    def showPopup(self) -> None:
        self.view().setMinimumWidth(self.popup_width())
        super().showPopup()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._follow(self.currentText())

    def paintEvent(self, _event) -> None:
        painter = QStylePainter(self)
        opt, _ = self._field()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        opt.currentText = self.displayed_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)
