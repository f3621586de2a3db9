"""The RNN view's plots and labels: made once, then fed each frame (hidden states, BPTT norms, loss, prediction, step details).

``RnnDisplay`` is mixed into ``RnnView`` (``nnsim.gui.demos.rnn_view``), which owns the
run, the controls and the training job; this part only draws what a ``RnnFrame``
(``nnsim.recipes.rnn_runs``) holds.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QGroupBox, QLabel, QVBoxLayout

from nnsim.engine.notation import fmt
from nnsim.gui.demos.widgets import BLUE, GREEN, ORANGE, pen, plot_widget, style_plot
from nnsim.gui.fonts import font_families
from nnsim.gui.i18n import translator
from nnsim.gui.plots.axes import nice_steps

_CONTEXT = "demos.rnn"

_t = translator(_CONTEXT)

#: pyqtgraph's share of an axis its tick numbers may fill: its own, and presentation's.
_DEFAULT_TICKS = [(0, 0.8), (2, 0.6), (4, 0.4), (6, 0.2)]
_SPARSE_TICKS = [(0, 0.45), (2, 0.3)]
#: Characters of the generated text shown in presentation mode (the rest: in the window).
PRESENTATION_GENERATED = 60


class RnnDisplay:
    """The plots, the text box and the step line of ``RnnView`` (a mixin)."""

    # ------------------------------------------------------------------ making
    def _make_plots(self) -> QGridLayout:
        """Make the four plots and their boxes once; returns the grid that holds them."""
        self.loss_plot = plot_widget(self)
        self.loss_curve = self.loss_plot.plot([], [], pen=pen(BLUE))
        self.heat_plot = plot_widget(self)
        self.heat_plot.invertY(True)
        self.heat_image = pg.ImageItem(axisOrder="row-major")
        lut = pg.colormap.get("CET-D1A").getLookupTable(0.0, 1.0, 256)
        self.heat_image.setLookupTable(lut)
        self.heat_plot.addItem(self.heat_image)
        self.heat_cursor = pg.InfiniteLine(angle=90, pen=pen("#d6336c", width=2))
        self.heat_plot.addItem(self.heat_cursor)
        self.grad_plot = plot_widget(self)
        # One step-shaped curve filled to zero draws the bars as one path: a BarGraphItem
        # replays a QPicture per repaint, many times slower.
        self.grad_bars = pg.PlotDataItem(
            [0, 1], [0], stepMode="center", fillLevel=0, brush=ORANGE, pen=pen("#b35300", width=1)
        )
        self.grad_plot.addItem(self.grad_bars)
        self.grad_cursor = pg.InfiniteLine(angle=90, pen=pen("#d6336c", width=2))
        self.grad_plot.addItem(self.grad_cursor)
        self.pred_plot = plot_widget(self)
        # The curves' key is a line of the text box below the plot (``_curve_key``), in
        # the UI's font: pyqtgraph's legend is small, and it lies over the curves.
        self.x_curve = self.pred_plot.plot(
            [],
            [],
            pen=pen("#8a94a3", width=1.5),
            symbol="o",
            symbolSize=5,
            symbolBrush="#8a94a3",
        )
        self.target_curve = self.pred_plot.plot([], [], pen=pen(GREEN))
        self.pred_curve = self.pred_plot.plot([], [], pen=pen(BLUE, width=2.5))
        self.pred_cursor = pg.InfiniteLine(angle=90, pen=pen("#d6336c", width=2))
        self.pred_plot.addItem(self.pred_cursor)
        self.text_box = QLabel(self)
        self.text_box.setWordWrap(True)
        self.text_box.setTextFormat(Qt.TextFormat.RichText)
        self.text_box.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_box.setMinimumWidth(160)
        self._mono_font()

        self.loss_box = QGroupBox(self)
        QVBoxLayout(self.loss_box).addWidget(self.loss_plot)
        self.heat_box = QGroupBox(self)
        QVBoxLayout(self.heat_box).addWidget(self.heat_plot)
        self.grad_box = QGroupBox(self)
        QVBoxLayout(self.grad_box).addWidget(self.grad_plot)
        self.pred_box = QGroupBox(self)
        # the text beside the plot on the normal page (it fits 1280×800 unscrolled), under
        # it in presentation mode's narrow column (``RnnView._arrange``)
        self.pred_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.pred_box)
        self.pred_layout.addWidget(self.pred_plot, 3)
        self.pred_layout.addWidget(self.text_box, 2)
        grid = QGridLayout()
        grid.addWidget(self.heat_box, 0, 0)
        grid.addWidget(self.grad_box, 0, 1)
        grid.addWidget(self.loss_box, 1, 0)
        grid.addWidget(self.pred_box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _mono_font(self) -> None:
        f = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        # the bundled faces after the system's monospace one: ⏎, ␣, Greek and Chinese
        f.setFamilies([f.family(), *font_families()])
        f.setPointSizeF(max(self.font().pointSizeF(), 6) * 1.1)
        self.text_box.setFont(f)
        big = QFont(self.font())
        big.setPointSizeF(max(self.font().pointSizeF(), 6) * 1.1)
        self.step_details.setFont(big)

    def _present_plots(self, on: bool) -> None:
        """Presentation mode's plots: thicker curves, axis text at the UI's size, and tall
        enough that the tick numbers (64 hidden units) stay apart."""
        for plot in (self.loss_plot, self.heat_plot, self.grad_plot, self.pred_plot):
            style_plot(plot.getPlotItem(), on)
            for name in ("left", "bottom"):
                ax = plot.getAxis(name)
                # In the column beside the diagram the box's title says what the axes
                # hold; their labels would take a plot's height. Few tick numbers, none
                # over another on a short axis.
                ax.showLabel(not on)
                ax.setStyle(textFillLimits=_SPARSE_TICKS if on else _DEFAULT_TICKS)
            # room above the top tick's number (it reaches half a line above the axis)
            top = plot.fontMetrics().height() // 2 if on else 1
            plot.getPlotItem().layout.setContentsMargins(1, top, 1, 1)
            # beside the diagram a column of four: each as tall as the page leaves
            plot.setMinimumHeight(int(2.5 * plot.fontMetrics().height()) if on else 110)
        self.loss_curve.setPen(pen(BLUE, on))
        self.target_curve.setPen(pen(GREEN, on))
        self.pred_curve.setPen(pen(BLUE, on, width=2.5))

    # ------------------------------------------------------------------ showing
    def apply_frame(self, frame) -> None:
        """Feed a frame to every plot (the items are updated in place)."""
        self.frame = frame
        if frame is None:
            return
        T = frame.steps
        losses = frame.losses  # bounded: older updates thinned (rnn_runs.LOSS_LIMIT)
        at = frame.loss_updates if frame.loss_updates is not None else range(1, len(losses) + 1)
        self.loss_curve.setData(np.asarray(at, float), np.asarray(losses, float))
        h = np.asarray(frame.h, float).T  # (H, T): one row per hidden unit
        lim = max(float(np.abs(h).max()), 1e-9)
        lim = 1.0 if lim <= 1.0 else lim
        self.heat_image.setImage(h, levels=(-lim, lim), autoLevels=False)
        self.heat_image.setRect(0.5, -0.5, T, h.shape[0])
        self.heat_plot.setXRange(0.5, T + 0.5, padding=0)
        self.heat_plot.setYRange(-0.5, h.shape[0] - 0.5, padding=0)
        g = np.asarray(frame.grad_norms, float)
        self.grad_bars.setData(np.arange(0.5, T + 1.0), g)
        self.grad_plot.setXRange(0.5, T + 0.5, padding=0)
        if g.size and np.isfinite(g).all():
            self.grad_plot.setYRange(0, max(float(g.max()), 1e-12) * 1.08, padding=0)
        if frame.series is not None:
            t = np.arange(1, T + 1)
            s = frame.series
            self.x_curve.setData(t, s["x"])
            self.target_curve.setData(t, s["target"] if s.get("target") is not None else [])
            if s.get("target") is None:
                self.target_curve.setData([], [])
            pred = s.get("prediction")
            self.pred_curve.setData(t if pred is not None else [], pred if pred is not None else [])
        self.unrolled.set_frame(self._translated(frame))
        metric = "–" if frame.metric is None else fmt(frame.metric, 3)
        loss = fmt(losses[-1], 4) if losses else "–"
        self.status.setText(
            _t("{0} updates · loss {1} · {2}: {3}").format(
                frame.iteration, loss, self._metric_name(frame.metric_name), metric
            )
        )
        self._show_text()
        self._show_step()

    def _translated(self, frame):
        """The frame with the words of the parity answer in the interface language."""
        if frame.shape != "many-to-one" or self.kind != "parity":
            return frame
        words = {"odd": _t("odd"), "even": _t("even")}

        def tr_label(label: str) -> str:
            head, _, rest = label.partition(" ")
            return " ".join(p for p in (words.get(head, head), rest) if p)

        return dataclasses.replace(
            frame,
            y_labels=[tr_label(s) for s in frame.y_labels],
            target_labels=[tr_label(s) for s in frame.target_labels],
        )

    def _metric_name(self, name: str) -> str:
        tr = _t
        return {
            "held-out MSE": tr("held-out MSE"),
            "held-out accuracy": tr("held-out accuracy"),
            "generated bigrams found in the corpus": tr(
                "generated letter pairs found in the fables"
            ),
            "validation loss": tr("validation loss"),
        }.get(name, name)

    def _show_frame(self) -> None:
        if self.frame is not None:
            self.apply_frame(self.frame)

    def _show_text(self) -> None:
        f = self.frame
        tr = _t
        if f is None:
            self.text_box.setText("")
            return

        def esc(s: str) -> str:
            s = str(s).replace("\n", "⏎")
            return (
                s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace(" ", "&nbsp;")
            )

        rows = []
        txt = f.text
        if self.kind == "chars":
            rows.append((tr("input"), esc(txt.get("input", "")), "#30363d"))
            rows.append((tr("target"), esc(txt.get("target", "")), GREEN))
            rows.append((tr("predicted"), esc(txt.get("prediction", "")), BLUE))
            # Normal spaces here: the long generated text may wrap between words.
            gen = txt.get("generated", "")
            if self._presentation and len(gen) > PRESENTATION_GENERATED:
                gen = gen[:PRESENTATION_GENERATED] + "…"  # two lines beside the diagram
            gen = esc(gen).replace("&nbsp;", " ")
            rows.append((tr("generated"), gen, ORANGE))
        elif self.kind == "parity":
            words = {"odd": tr("odd"), "even": tr("even")}
            rows.append((tr("bits"), esc(txt.get("input", "")), "#30363d"))
            rows.append((tr("target"), words.get(txt.get("target"), ""), GREEN))
            rows.append(
                (
                    tr("predicted"),
                    f"{words.get(txt.get('prediction'), '')} (p = {fmt(txt.get('probability', 0), 2)})",
                    BLUE,
                )
            )
        elif self.kind == "document":
            rows.append((tr("target"), esc(txt.get("target", "")), GREEN))
            rows.append((tr("predicted"), esc(txt.get("prediction", "")), BLUE))
        # The sine demo's prediction and target are the curves above: no rows.
        key = self._curve_key(f)
        html = key + (
            "<table cellspacing='4'>"
            + "".join(
                f"<tr><td style='white-space:nowrap'><b>{name}</b></td>"
                f"<td style='color:{color}'>{value}</td></tr>"
                for name, value, color in rows
            )
            + "</table>"
        )
        self.text_box.setText(html)
        self._fit_text()

    def _fit_text(self) -> None:
        """Presentation mode: hold the text box's least height at its text's height for
        its width (the column beside the diagram would cut the generated text off)."""
        box = self.text_box
        if not self._presentation:
            box.setMinimumHeight(0)  # the window's own layout: the box may scroll
        elif box.width() > 0:
            box.setMinimumHeight(max(box.heightForWidth(box.width()), 0))

    def _sparse_ticks(self) -> None:
        """Presentation mode: tick numbers on the value axes at least two lines apart
        (the plots beside the diagram are short); pyqtgraph's own spacing otherwise."""
        for plot in (self.loss_plot, self.heat_plot, self.grad_plot, self.pred_plot):
            ax = plot.getAxis("left")
            lo, hi = plot.getViewBox().viewRange()[1]
            pixels = plot.getViewBox().height()
            if not self._presentation or pixels <= 0 or not hi > lo:
                ax.setTickSpacing()
                continue
            want = (hi - lo) * 1.6 * plot.fontMetrics().height() / pixels
            major = next(nice_steps(want))
            ax.setTickSpacing(major, major)

    def _curve_key(self, f) -> str:
        """The key of the curves drawn in the prediction plot (none when it is hidden)."""
        series = f.series or {}
        if self.pred_plot.isHidden() or not series:
            return ""
        parts = []
        for name, label, color in (
            ("x", "x<sub>t</sub>", "#8a94a3"),
            ("target", _t("target"), GREEN),
            ("prediction", "y<sub>t</sub>", BLUE),
        ):
            if series.get(name) is not None:
                parts.append(f"<span style='color:{color}'><b>━━</b></span>&nbsp;{label}")
        return "<p>" + " &nbsp; ".join(parts) + "</p>" if parts else ""

    def select_step(self, t: int) -> None:
        """Show step ``t`` (0-based) in the diagram, the cursors and the details."""
        if self.frame is None:
            return
        t = int(min(max(t, 0), self.frame.steps - 1))
        if self.time_slider.value() != t:
            self.time_slider.blockSignals(True)
            self.time_slider.setValue(t)
            self.time_slider.blockSignals(False)
        self.unrolled.set_selected(t)
        for cursor in (self.heat_cursor, self.grad_cursor, self.pred_cursor):
            cursor.setValue(t + 1)
        self._show_step()

    def _show_step(self) -> None:
        f = None if self.frame is None else self._translated(self.frame)
        if f is None:
            return
        t = self.time_slider.value()
        t = min(t, f.steps - 1)
        self.time_label.setText(f"t = {t + 1} / {f.steps}")
        h = np.asarray(f.h)[t]
        k = f"<sub>{t + 1}</sub>"
        parts = []
        if f.x_labels[t]:
            parts.append(f"x{k} = {_html(f.x_labels[t])}")
        shown = ", ".join(fmt(v, 2) for v in h[:4]) + (", …" if len(h) > 4 else "")
        parts.append(f"h{k} = ({shown})&nbsp; ‖h{k}‖ = {fmt(np.linalg.norm(h), 3)}")
        if f.y_labels[t]:
            parts.append(f"y{k} = {_html(f.y_labels[t])}")
        if t < len(f.target_labels) and f.target_labels[t]:
            parts.append(_t("target {0}").format(_html(f.target_labels[t])))
        parts.append(f"‖∂E/∂h{k}‖ = {fmt(f.grad_norms[t], 3)}")
        self.step_details.setText(" &nbsp;·&nbsp; ".join(parts))


def _html(text: str) -> str:
    """Text for a rich-text label: escaped, invisible characters shown."""
    text = {" ": "␣", "\n": "⏎"}.get(str(text), str(text))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
