"""The frame of every plot panel: a row of options, the pyqtgraph plots, export, presentation size."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nnsim.gui.plots.axes import nice_steps
from nnsim.gui.plots.export import ExportError, ask_path, export_graphics

#: Tick label point size and line width factor, normal and in presentation mode.
TICK_PT = {False: 10.0, True: 16.0}
PEN_SCALE = {False: 1.0, True: 1.7}


def pen(color, width: float = 2.0, dash: bool = False, scale: float = 1.0):
    """A cosmetic pen (its width in screen pixels whatever the zoom)."""
    from PySide6.QtCore import Qt

    p = pg.mkPen(color, width=width * scale)
    if dash:
        p.setStyle(Qt.PenStyle.DashLine)
    return p


def downsample(curve: pg.PlotDataItem) -> None:
    """Draw a long curve through its lowest and highest point per pixel column, within view.

    pyqtgraph's default keeps ~5 samples a pixel (2 000 points for 2 000 epochs in a
    400-pixel plot); its "peak" method keeps each pixel column's extremes, so one bin a
    pixel looks the same and draws in a third of the time.
    """
    curve.setDownsampling(auto=True, method="peak")
    curve.setClipToView(True)
    curve.opts["autoDownsampleFactor"] = 1.0  # no setter; read at each redraw


class PlotPanel(QWidget):
    """Base of the plot panels: options on top, a GraphicsLayoutWidget, an Export button.

    Subclasses add plots to ``self.graphics`` and options with ``add_option``; they
    re-style their items in ``restyle`` (called on presentation changes).
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.presentation = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.setSpacing(2)
        self.options = QHBoxLayout()
        self.options.setSpacing(10)
        outer.addLayout(self.options)
        self.graphics = pg.GraphicsLayoutWidget(self)
        self.graphics.setBackground("w")
        self.graphics.setMinimumSize(220, 160)
        # our own short menu, in the UI's language, instead of pyqtgraph's (English only,
        # and full of options a lecture does not need: FFT, dy/dx, max traces...)
        self.graphics.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.graphics.customContextMenuRequested.connect(self._show_menu)
        outer.addWidget(self.graphics, 1)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.export_dialog)
        self._option_texts: list = []
        self._notes: list[QLabel] = []
        self.options.addStretch(1)
        self.options.addWidget(self.export_button)

    # -- building ----------------------------------------------------------------------
    def add_option(self, text_fn, checked: bool = False, slot=None) -> QCheckBox:
        """A checkbox in the options row; ``text_fn()`` gives its (translated) text."""
        box = QCheckBox(self)
        box.setChecked(checked)
        if slot is not None:
            box.toggled.connect(slot)
        self.options.insertWidget(self.options.count() - 2, box)
        self._option_texts.append((box, text_fn))
        box.setText(text_fn())
        return box

    def style_plot(self, plot: pg.PlotItem) -> None:
        """Black axes, a light grid and tick labels sized for the room."""
        pt = TICK_PT[self.presentation]
        font = QFont()
        font.setPointSizeF(pt)
        for name in ("left", "bottom"):
            ax = plot.getAxis(name)
            ax.setPen(pg.mkPen("#222222", width=1.5 * PEN_SCALE[self.presentation]))
            ax.setTextPen(pg.mkPen("#111111"))
            ax.setTickFont(font)
            # major ticks only, well apart: fewer, larger numbers read better from afar
            ax.setStyle(tickTextOffset=6, maxTickLevel=0, textFillLimits=[(0, 0.5)])
            ax.label.setFont(font)
            # "0.001" on the axis, never "1" with "(x0.001)" (pyqtgraph 0.14 ignores
            # enableAutoSIPrefix(False) when it rescales, so allow no range at all)
            ax.setSIPrefixEnableRanges(((float("inf"), float("inf")),))
            ax.enableAutoSIPrefix(False)
            # a curve's edge (its pen's padding) reaches into the axis every frame: copy the
            # axis from a cache then, not replay all its ticks and labels. The cache is cut
            # at the item's bounds, which a horizontal axis draws its line's end 1 px past;
            # 2 px of room (labels may then overhang 2 px before they are hidden) keep it.
            if name == "bottom":
                ax.setStyle(hideOverlappingLabels=2)
            ax.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # No grid: pyqtgraph draws it with the axes, which then repaint with every curve.
        plot.showGrid(x=False, y=False)

    def axis_label(self, plot: pg.PlotItem, side: str, text: str) -> None:
        """Label an axis in the current size."""
        size = f"{TICK_PT[self.presentation] + 1:g}pt"
        plot.setLabel(side, text, **{"font-size": size, "color": "#111111"})

    def tick_pt(self) -> float:
        """Point size of tick labels (larger in presentation mode)."""
        return TICK_PT[self.presentation]

    @property
    def scale(self) -> float:
        """Line width factor (1.7 in presentation mode)."""
        return PEN_SCALE[self.presentation]

    # -- behaviour ---------------------------------------------------------------------
    def shown(self) -> bool:
        """True when the panel can be seen (a panel behind another tab skips its frames)."""
        # a dock behind another dock's tab stays "visible" but has nothing on screen
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def showEvent(self, event):
        super().showEvent(event)
        for plot in self.plots():
            plot.setMenuEnabled(False)  # the ViewBox's menu too ("same")
        self.catch_up()

    def plots(self) -> list:
        """The pyqtgraph PlotItems of the panel."""
        return [it for it in self.graphics.ci.items if isinstance(it, pg.PlotItem)]

    def context_menu(self) -> QMenu:
        """The right-click menu: view all, copy the picture, export."""
        menu = QMenu(self)
        menu.addAction(self.tr("View all"), self.view_all)
        menu.addAction(self.tr("Copy picture"), self.copy_picture)
        menu.addAction(self.tr("Export…"), self.export_dialog)
        return menu

    def _show_menu(self, pos) -> None:
        self.popup(self.context_menu(), self.graphics.mapToGlobal(pos))

    def popup(self, menu: QMenu, where) -> None:
        """Show ``menu`` at the global point ``where`` and run the chosen action."""
        menu.exec(where)

    def view_all(self) -> None:
        """Show all the data again (after zooming or panning with the mouse)."""
        for plot in self.plots():
            plot.autoRange()

    def copy_picture(self) -> None:
        """Put the plot on the clipboard as a picture (to paste into slides or notes)."""
        QApplication.clipboard().setImage(self.graphics.grab().toImage())

    def catch_up(self, visible: bool = True) -> None:
        """Draw the newest frame now (the panel was hidden, e.g. behind another dock tab)."""
        frame = getattr(self, "_last_frame", None)
        if visible and frame is not None:
            self.update_frame(frame, force=True)

    def update_frame(self, frame, force: bool = False) -> None:
        """Draw a frame (subclasses)."""

    def set_presentation(self, on: bool) -> None:
        """Presentation mode: bigger ticks, labels and lines."""
        self.presentation = bool(on)
        for note in self._notes:
            self._size_note(note)
        self.restyle()

    def add_note(self) -> QLabel:
        """A wrapped sentence about the plot (why it is empty), sized like the axis titles.

        The caller places it in ``self.layout()``; a label wraps to any dock width, where a
        text drawn in the plot is cut at its edges.
        """
        note = QLabel(self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #30363d;")
        self._notes.append(note)
        self._size_note(note)
        return note

    def _size_note(self, note: QLabel) -> None:
        f = QFont(note.font())
        f.setPointSizeF(TICK_PT[self.presentation] + 1)
        note.setFont(f)

    def restyle(self) -> None:
        """Re-apply sizes and pens (subclasses extend)."""

    def retranslate_ui(self) -> None:
        """Re-set texts (subclasses extend)."""
        self.export_button.setText(self.tr("Export…"))
        for box, fn in self._option_texts:
            box.setText(fn())

    def changeEvent(self, event):
        if event.type() == event.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def export_item(self):
        """The pyqtgraph item exported (the whole layout by default)."""
        return self.graphics.ci

    def export_name(self) -> str:
        """The default file name of an export."""
        return "plot.png"

    def export(self, path) -> None:
        """Write the plot to ``path`` (.png or .svg)."""
        export_graphics(self.export_item(), path)

    def export_dialog(self) -> None:
        """Ask for a file and export the plot there."""
        path = ask_path(self, self.tr("Export plot"), self.export_name())
        if path:
            try:
                self.export(path)
            except (ExportError, OSError) as e:
                QMessageBox.warning(self, self.tr("Could not export"), str(e))


def nice_ceiling(v: float) -> float:
    """The smallest of 1, 2, 5 × 10^k that is ≥ ``v`` (axis ends that change rarely)."""
    import math

    if not math.isfinite(v) or v <= 0:
        return 1.0
    return next(nice_steps(v))


class StableRange:
    """An axis range that moves only in steps, so the axis (costly to redraw) rarely changes.

    ``fit(lo, hi)`` returns a new (lo, hi) when the data left the range or shrank to less
    than a quarter of it, else None.
    """

    def __init__(self):
        self.range: tuple[float, float] | None = None

    def reset(self) -> None:
        """Forget the range (new data)."""
        self.range = None

    def fit(self, lo: float, hi: float) -> tuple[float, float] | None:
        import math

        if not (math.isfinite(lo) and math.isfinite(hi)):
            return None
        if hi <= lo:
            hi = lo + 1e-9
        cur = self.range
        if cur is not None:
            span = cur[1] - cur[0]
            if cur[0] <= lo and hi <= cur[1] and (hi - lo) >= span / 4:
                return None
        span = hi - lo
        pad = nice_ceiling(span) / 10
        new = (math.floor((lo - pad) / pad) * pad, math.ceil((hi + pad) / pad) * pad)
        self.range = new
        return new
