"""Small shared pieces of the demo views: headings, captions, pyqtgraph styling, language."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QMenu, QWidget

from nnsim.gui.i18n import translator

_CONTEXT = "demos.widgets"
_t = translator(_CONTEXT)

# Colours of the two models and of the plots (the canvas' blue and orange).
BLUE = "#0877bd"
ORANGE = "#e8710a"
GREEN = "#2b8a3e"
RED = "#c92a2a"
GREY = "#5b6470"
HIGHLIGHT = "#d6336c"


def heading(parent: QWidget | None = None, scale: float = 1.25) -> QLabel:
    """A bold label, ``scale`` times the application font (grows in presentation mode)."""
    label = QLabel(parent)
    label.setProperty("heading_scale", scale)
    label.setWordWrap(True)
    restyle_heading(label)
    return label


def restyle_heading(label: QLabel) -> None:
    """Re-apply a heading's size after the application font changed."""
    scale = float(label.property("heading_scale") or 1.25)
    f = QFont(label.parentWidget().font() if label.parentWidget() else label.font())
    f.setBold(True)
    f.setPointSizeF(max(f.pointSizeF(), 6.0) * scale)
    label.setFont(f)


def tint(widget: QWidget, color: str | None = None, bold: bool | None = None) -> None:
    """Colour a widget's text (and make it bold or not) without a style sheet.

    A style sheet would freeze the widget's font at its size when styled, so it would
    not grow with the application font in presentation mode; a palette colour and a
    font that sets only the weight keep following it.
    """
    pal = widget.palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        if color is None:
            pal.setColor(role, QApplication.palette().color(role))
        else:
            pal.setColor(role, QColor(color))
    widget.setPalette(pal)
    if bold is not None:
        f = QFont()
        f.setBold(bold)
        widget.setFont(f)  # only the weight is set: the size is still inherited


class OutlineFrame(QFrame):
    """A frame drawn with a coloured border and a light fill (the "does not fit" box)."""

    def __init__(self, border: str, fill: str, parent=None):
        super().__init__(parent)
        self.border, self.fill = QColor(border), QColor(fill)

    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(self.border, 3))
        p.setBrush(self.fill)
        p.drawRoundedRect(self.rect().adjusted(2, 2, -2, -2), 6, 6)
        p.end()


def caption(parent: QWidget | None = None) -> QLabel:
    """A muted, wrapping label for explanations under a widget."""
    label = QLabel(parent)
    label.setWordWrap(True)
    tint(label, GREY)
    return label


def style_plot(plot: pg.PlotItem, presentation: bool = False) -> None:
    """Readable axes for a projector: larger tick labels and thicker axis lines."""
    base = QApplication.instance().font()
    size = base.pointSizeF() if base.pointSizeF() > 0 else 11
    font = QFont(base)
    font.setPointSizeF(size * (1.0 if presentation else 0.95))
    for name in ("left", "bottom"):
        ax = plot.getAxis(name)
        ax.setTickFont(font)
        ax.setPen(pg.mkPen("#30363d", width=2 if presentation else 1))
        ax.setTextPen(pg.mkPen("#111111"))
        ax.label.setFont(font)
        # "(×0.001)" after a label hides it on a narrow plot; plain tick numbers read better.
        # pyqtgraph still works a scale out when the prefix is switched off (a loss of 0.7
        # would read 700): no range may take a prefix.
        ax.setSIPrefixEnableRanges(((0.0, 0.0),))
        ax.enableAutoSIPrefix(False)
    plot.titleLabel.item.setFont(font)
    # No grid: pyqtgraph draws grid lines through the axes' cached picture, which makes
    # every repaint of a plot ~10 times slower (25 ms instead of 2.5 ms per plot).
    plot.showGrid(x=False, y=False)


def pen(color: str, presentation: bool = False, width: float = 2.0, **kw):
    """A plot pen, thicker in presentation mode."""
    return pg.mkPen(color, width=width * (1.8 if presentation else 1.0), **kw)


def plot_widget(parent=None) -> pg.PlotWidget:
    """A white plot widget with nnsim's look and a short menu in the UI's language."""
    w = pg.PlotWidget(parent=parent, background="w")
    w.setMinimumHeight(110)
    w.setMinimumWidth(160)
    style_plot(w.getPlotItem())
    # pyqtgraph's own menu is English only and offers FFT, dy/dx...: ours instead
    w.getPlotItem().setMenuEnabled(False)
    w.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    w.customContextMenuRequested.connect(lambda pos: plot_menu(w).exec(w.mapToGlobal(pos)))
    return w


def plot_menu(w: pg.PlotWidget) -> QMenu:
    """The right-click menu of a demo plot: view all, copy the picture."""
    menu = QMenu(w)
    menu.addAction(_t("View all"), w.getPlotItem().autoRange)
    menu.addAction(
        _t("Copy picture"), lambda: QApplication.clipboard().setImage(w.grab().toImage())
    )
    return menu
