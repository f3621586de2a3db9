"""The error plot: training and test/validation loss per epoch, accuracy below, early-stopping mark.

Below them, one plot per column registered with
``nnsim.recipes.plot_columns.register_plot_column`` (made when a frame first holds it).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetrics

from nnsim.gui.i18n import current_language
from nnsim.gui.plots.axes import ReadableAxis
from nnsim.gui.plots.base import PlotPanel, StableRange, downsample, nice_ceiling, pen
from nnsim.gui.plots.colors import TEST_COLOR, TRAIN_COLOR

_EMPTY = np.zeros(0)
_NO_LIMIT = 16777215.0  # QWIDGETSIZE_MAX: no maximum height


def _finite(a: np.ndarray) -> bool:
    return bool(a.size) and bool(np.isfinite(a).any())


class ErrorPlot(PlotPanel):
    """Loss (top) and accuracy (bottom) against the epoch, updated in place from frames.

    Parameters
    ----------
    controller : TrainingController
        Its ``frame`` signal feeds the curves.
    """

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.log_box = self.add_option(lambda: self.tr("Log scale"), False, self._log_toggled)
        self.acc_box = self.add_option(lambda: self.tr("Accuracy"), False, self._acc_toggled)
        g = self.graphics
        self.loss = g.addPlot(row=0, col=0, axisItems={"left": ReadableAxis("left"), "bottom": ReadableAxis("bottom")})
        self.acc = g.addPlot(row=1, col=0)
        self.acc.setXLink(self.loss)
        self.acc.setYRange(0, 1.02, padding=0)
        self.acc.getAxis("left").setTicks([[(0.0, "0"), (0.5, "0.5"), (1.0, "1")]])
        g.ci.layout.setRowStretchFactor(0, 3)
        self._acc_toggled(False)  # one click away; the error gets the room by default
        self.train_curve = self.loss.plot(name="train")
        self.test_curve = self.loss.plot(name="test")
        self.train_acc = self.acc.plot()
        self.test_acc = self.acc.plot()
        for c in (self.train_curve, self.test_curve, self.train_acc, self.test_acc):
            downsample(c)
        self.stop_line = pg.InfiniteLine(angle=90, movable=False)
        self.stop_label = pg.TextItem(anchor=(0, 0), color="#b03a2e")
        self.loss.addItem(self.stop_line, ignoreBounds=True)
        self.loss.addItem(self.stop_label, ignoreBounds=True)
        self.cursor_line = pg.InfiniteLine(angle=90, movable=False)
        self.loss.addItem(self.cursor_line, ignoreBounds=True)
        self.acc_cursor = pg.InfiniteLine(angle=90, movable=False)
        self.acc.addItem(self.acc_cursor, ignoreBounds=True)
        for item in (self.stop_line, self.stop_label, self.cursor_line, self.acc_cursor):
            item.setVisible(False)
        #: Epoch of the early-stopping mark, or None.
        self.stop_epoch: float | None = None
        # the accuracy curves lag behind while hidden (filled when shown or training stops)
        self._acc_stale = False
        self._last_frame = None
        self._x_end = 0.0
        self._y_range = StableRange()
        #: The registered columns' plots: name → (column, PlotItem, curve).
        self.extra_plots: dict = {}
        self.extra_boxes: dict = {}  # name → its checkbox in the options row
        self._next_row = 2
        self.loss.disableAutoRange()
        self.acc.disableAutoRange()
        #: Says why the plot is empty (no history yet, or an opened file: the format keeps
        #: none); a wrapped line above the plot (not over its title), hidden once there is
        #: a curve to show.
        self.empty_note = self.add_note()
        self.layout().insertWidget(1, self.empty_note)
        self.restyle()
        self.retranslate_ui()
        controller.frame.connect(self.update_frame)
        controller.problem_changed.connect(self.reset)

    # -- looks ---------------------------------------------------------------------------
    def restyle(self) -> None:
        s = self.scale
        self.train_curve.setPen(pen(TRAIN_COLOR, 2.5, scale=s))
        self.test_curve.setPen(pen(TEST_COLOR, 2.5, dash=True, scale=s))
        self.train_acc.setPen(pen(TRAIN_COLOR, 2.0, scale=s))
        self.test_acc.setPen(pen(TEST_COLOR, 2.0, dash=True, scale=s))
        self.stop_line.setPen(pen("#b03a2e", 2.0, dash=True, scale=s))
        self.cursor_line.setPen(pen("#555555", 2.0, scale=s))
        self.acc_cursor.setPen(pen("#555555", 2.0, scale=s))
        for p in (self.loss, self.acc):
            self.style_plot(p)
        for col, plot, curve in self.extra_plots.values():
            curve.setPen(pen(col.color, 2.5, scale=s))
            self.style_plot(plot)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self._update_empty_note()
        # titles, not rotated axis labels: those do not fit a short plot on a projector
        size = f"{self.tick_pt() + 1:g}pt"
        # the title doubles as the legend (a legend box would cover the curves); the
        # dashed mark is plain hyphens: box-drawing dashes are missing from the bundled font
        # (tr() outside the f-string: lupdate does not read calls inside f-strings)
        error, train, test = (
            self.tr("error (loss)"),
            self.tr("training"),
            self.tr("test / validation"),
        )
        legend = (
            f'<span style="color:{TRAIN_COLOR}">━ {train}</span>  '
            f'<span style="color:{TEST_COLOR}"><b>- -</b> {test}</span>'
        )
        # the whole line where it fits; in a narrow panel (a projector's 1280 pixels) the
        # legend alone (the tab already says "Error"), and in two lines if even that is
        # too wide: a cut legend would hide which curve is which
        font = QFont(self.font())
        font.setPointSizeF(self.tick_pt() + 1)
        fm = QFontMetrics(font)
        room = self.graphics.width() - 40
        # (the title is rich text in the plot's own font: measured with some headroom)
        wide = lambda text: 1.15 * fm.horizontalAdvance(text)  # noqa: E731
        if wide(f"{error}:  ━ {train}  - - {test}") <= room:
            title = f"{error}:  {legend}"
        elif wide(f"━ {train}  - - {test}") <= room:
            title = legend
        else:
            title = (
                f'<span style="color:{TRAIN_COLOR}">━ {train}</span><br>'
                f'<span style="color:{TEST_COLOR}"><b>- -</b> {test}</span>'
            )
        self._title_room = room
        self.loss.setTitle(title, size=size, color="#111111")
        self.acc.setTitle(self.tr("accuracy"), size=size, color="#111111")
        for col, plot, _curve in self.extra_plots.values():
            plot.setTitle(col.title_in(current_language()), size=size, color="#111111")
        self.axis_label(self.acc, "bottom", self.tr("epoch"))
        self._set_stop_text()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if abs(self.graphics.width() - 40 - getattr(self, "_title_room", 0)) > 8:
            self.retranslate_ui()  # the title's form depends on the room

    def _set_stop_text(self) -> None:
        if self.stop_epoch is not None:
            self.stop_label.setText(self.tr("early stop: epoch {0}").format(int(self.stop_epoch)))

    def export_name(self) -> str:
        return "error.png"

    # -- options -------------------------------------------------------------------------
    def _log_toggled(self, on: bool) -> None:
        self.loss.setLogMode(y=on)
        self._y_range.reset()
        if self._last_frame is not None:
            self.update_frame(self._last_frame, force=True)

    def _show_row(self, plot, row: int, on: bool) -> None:
        # A hidden item keeps its share of a QGraphicsGridLayout: give it no height as
        # well. (It stays in the layout, so its curves keep a view to clip and sample to.)
        plot.setVisible(on)
        plot.setMaximumHeight(_NO_LIMIT if on else 0)
        self.graphics.ci.layout.setRowStretchFactor(row, 2 if on else 0)

    def _acc_toggled(self, on: bool) -> None:
        self._show_row(self.acc, 1, on)
        if on and self._acc_stale and self._last_frame is not None:
            self._fill_acc(self._last_frame.data)

    # -- data ----------------------------------------------------------------------------
    def _update_empty_note(self) -> None:
        data = getattr(self.controller, "data", None)
        empty = data is None or len(data) == 0
        self.empty_note.setVisible(empty)
        if not empty:
            return
        if self.controller.context.file_path is not None:
            # .nnsim files keep the trained weights, not the history that led to them
            text = self.tr(
                "No history: the file keeps only the weights. Play or One epoch records one."
            )
        else:
            text = self.tr("No training yet: Play or One epoch draws the error here.")
        self.empty_note.setText(text)

    def reset(self, _problem=None) -> None:
        """A new session: empty curves until its first frame."""
        self._update_empty_note()
        for c in (self.train_curve, self.test_curve, self.train_acc, self.test_acc):
            c.setData(_EMPTY, _EMPTY)
        for _col, _plot, curve in self.extra_plots.values():
            curve.setData(_EMPTY, _EMPTY)
        self.stop_epoch = None
        self.stop_line.setVisible(False)
        self.stop_label.setVisible(False)
        self._x_end = 0.0
        self._y_range.reset()
        # no axes left over from the last network until this one's first numbers arrive
        self.loss.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        self.empty_note.setVisible(True)

    def view_all(self) -> None:
        """Back to the ranges the plot chooses itself (after zooming with the mouse)."""
        self._x_end = 0.0
        self._y_range.reset()
        self.acc.setYRange(0, 1.02, padding=0)
        if self._last_frame is not None:
            self.update_frame(self._last_frame, force=True)

    def update_frame(self, frame, force: bool = False) -> None:
        """Put the frame's curves into the existing items (skipped while hidden)."""
        self._last_frame = frame
        if self.empty_note.isHidden() == (len(frame.data) == 0):  # shown ≠ empty
            self._update_empty_note()
        if not (force or self.shown()):
            return
        d = frame.data
        if frame.new_rows or force:
            x = d.column("epoch")
            self.empty_note.setVisible(x.size == 0)
            tl, vl = d.column("train_loss"), d.column("val_loss")
            self.train_curve.setData(x, tl)
            self.test_curve.setData(x, vl) if _finite(vl) else self.test_curve.setData(
                _EMPTY, _EMPTY
            )
            # hidden accuracy curves wait (two of the four curves' work in every frame) until
            # they are shown or the run stops, so that they hold the whole run afterwards
            if force or not frame.running or self.acc.isVisible():
                self._fill_acc(d)
            else:
                self._acc_stale = True
            self._update_stop(x, vl)
            self._fit_ranges(x, tl, vl)
            self._fill_extra(d)
        on = frame.cursor_epoch is not None and not frame.running
        for line in (self.cursor_line, self.acc_cursor):
            line.setVisible(on)
            if on:
                line.setValue(frame.cursor_epoch)

    def _fill_extra(self, d) -> None:
        """The registered columns' curves: a plot for each new one, none for the removed."""
        held = {col.name: col for col in getattr(d, "extra_columns", ())}
        for name in [n for n in self.extra_plots if n not in held]:
            self.graphics.removeItem(self.extra_plots.pop(name)[1])
            box = self.extra_boxes.pop(name)
            self._option_texts = [(b, fn) for b, fn in self._option_texts if b is not box]
            box.deleteLater()
        for name, col in held.items():
            if name not in self.extra_plots:
                row = self._next_row  # (a removed plot's row stays empty)
                self._next_row += 1
                plot = self.graphics.addPlot(row=row, col=0)
                plot.setXLink(self.loss)
                curve = plot.plot()
                downsample(curve)
                self.extra_plots[name] = (col, plot, curve)
                # one click away, as the accuracy: the error keeps the room by default
                self.extra_boxes[name] = self.add_option(
                    lambda col=col: col.title_in(current_language()),
                    False,
                    lambda on, row=row, plot=plot: self._show_row(plot, row, on),
                )
                self._show_row(plot, row, False)
                self.restyle()
            x, y = d.column("epoch"), d.column(name)
            curve = self.extra_plots[name][2]
            curve.setData(x, y) if _finite(y) else curve.setData(_EMPTY, _EMPTY)

    def _fill_acc(self, d) -> None:
        x, ta, va = d.column("epoch"), d.column("train_acc"), d.column("val_acc")
        self.train_acc.setData(x, ta) if _finite(ta) else self.train_acc.setData(_EMPTY, _EMPTY)
        self.test_acc.setData(x, va) if _finite(va) else self.test_acc.setData(_EMPTY, _EMPTY)
        self._acc_stale = False

    def _update_stop(self, x: np.ndarray, vl: np.ndarray) -> None:
        c = self.controller
        res = c.last_result
        doc = c.document
        epoch = None
        if res is not None and res.status == "early_stopping":
            epoch = res.best_epoch
        elif doc is not None and doc.settings.early_stopping and _finite(vl):
            epoch = float(x[int(np.nanargmin(vl))])
        self.stop_epoch = None if epoch is None else float(epoch)
        show = self.stop_epoch is not None
        self.stop_line.setVisible(show)
        self.stop_label.setVisible(show)
        if show:
            self.stop_line.setValue(self.stop_epoch)
            top = np.nanmax(d) if (d := np.asarray(vl)[np.isfinite(vl)]).size else 1.0
            if self.log_box.isChecked():
                top = np.log10(max(top, 1e-12))
            self.stop_label.setPos(self.stop_epoch, top)
            self._set_stop_text()

    def _fit_ranges(self, x, tl, vl) -> None:
        """Move the axes in steps only (redrawing an axis costs more than the curves)."""
        end = nice_ceiling(max(float(x[-1]) if x.size else 1.0, 1.0) * 1.05)
        if end != self._x_end:
            self._x_end = end
            self.loss.setXRange(0, end, padding=0)
        ys = np.concatenate([tl[np.isfinite(tl)], vl[np.isfinite(vl)]])
        if not ys.size:
            return
        if self.log_box.isChecked():
            pos = ys[ys > 0]
            if not pos.size:
                return
            lo, hi = np.log10(pos.min()), np.log10(pos.max())
            r = self._y_range.fit(np.floor(lo), np.ceil(hi))
        else:
            r = self._y_range.fit(0.0, float(ys.max()))
            if r is not None:
                r = (0.0, r[1])
        if r is not None:
            self.loss.setYRange(*r, padding=0)
