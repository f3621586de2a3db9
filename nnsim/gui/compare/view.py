"""The Compare view: a ``Comparison`` of the open network (or the lesson's) played live.

Set-up strip on top; below, the small multiples of the decision boundary on the left,
the loss curves and the sortable table on the right. A variant opens in the Network view
as one undo step (``OpenVariantCommand``).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nnsim.gui.compare.commands import OpenVariantCommand
from nnsim.gui.compare.curves import LossCurves, variant_colors
from nnsim.gui.compare.labels import _t, short_label, variant_label
from nnsim.gui.compare.multiples import MAX_CELLS, BoundaryMultiples
from nnsim.gui.compare.runner import CompareRunner
from nnsim.gui.compare.setup_strip import SetupStrip
from nnsim.gui.compare.sizing import fit_columns, fit_split, place_table
from nnsim.gui.compare.table_model import CompareSortProxy, CompareTableModel
from nnsim.gui.context import AppContext
from nnsim.gui.plots.colors import LUT, to_rgba
from nnsim.model.compare import CompareError, Comparison, grid

#: Points per side of a small multiple's picture.
PICTURE_GRID = 50
#: Seconds between refreshes of the table while the variants train.
TABLE_EVERY_S = 0.25
#: The most variants one comparison trains (the curves made once).
MAX_VARIANTS = 64


class CompareView(QWidget):
    """The view; ``context`` is the window's AppContext (its document, editor and views).

    Signals
    -------
    comparison_changed()
        A new comparison was set up.
    """

    comparison_changed = Signal()

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.presentation = False
        self.comparison: Comparison | None = None
        self.labels: list[str] = []
        self.short_labels: list[str] = []
        self.variants: list = []
        self.problem = None
        self.selected: int | None = None
        self.stale = True  # a new document: set up again when shown
        self.spec = None
        self.frames = 0  # redraws (for the benchmark)
        self._table_time = 0.0
        #: View ▸ Compare variants (set by ``install``)
        self.menu_action = None

        self.runner = CompareRunner(self)
        self.strip = SetupStrip(self)
        self.multiples = BoundaryMultiples(self)
        self.curves = LossCurves(self)
        self.model = CompareTableModel(self)
        self.proxy = CompareSortProxy(self.model, self)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        # widths set by sizing.fit_columns from the texts (cheaper than ResizeToContents)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        head.setStretchLastSection(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.curves)
        right.addWidget(self.table)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        self.top = QSplitter(Qt.Orientation.Horizontal, self)
        self.top.addWidget(self.multiples)
        self.top.addWidget(right)
        self.top.setStretchFactor(0, 5)
        self.top.setStretchFactor(1, 4)
        # pictures and curves on top; in presentation mode the table below them, across
        # the whole width (sizing.place_table)
        self.content = QSplitter(Qt.Orientation.Vertical, self)
        self.content.addWidget(self.top)
        self.right = right
        self.user_split = False  # the user dragged a splitter: keep their sizes
        for sp in (self.top, self.content, right):
            sp.splitterMoved.connect(self._split_moved)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(self.strip)
        col.addWidget(self.content, 1)

        s = self.strip
        s.set_up_requested.connect(self.set_up)
        s.play_button.clicked.connect(lambda _=False: self.toggle())
        s.reset_button.clicked.connect(self.reset)
        s.epochs.valueChanged.connect(self._epochs_changed)
        s.pace.currentIndexChanged.connect(lambda _i: self.runner.set_pace(s.pace.currentData()))
        s.open_button.clicked.connect(lambda: self.open_variant(self.selected))
        s.export_button.clicked.connect(self.export_dialog)
        self.runner.frame.connect(self.redraw)
        self.runner.state_changed.connect(self._state_changed)
        self.multiples.clicked.connect(self.select)
        self.multiples.activated.connect(self.open_variant)
        self.table.doubleClicked.connect(
            lambda ix: self.open_variant(self.proxy.variant_at(ix.row()))
        )
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: cur.isValid() and self.select(self.proxy.variant_at(cur.row()))
        )
        self._update_buttons()

    # -- set-up ------------------------------------------------------------------------
    def document_replaced(self, doc, lesson: str | None = None) -> None:
        """A new document is open: offer its lesson's comparison; set up when shown."""
        from nnsim.lessons.comparisons import comparison_spec

        self.runner.pause()
        name = lesson or getattr(doc.meta, "lesson", None)
        self.spec = comparison_spec(name) if name else None
        labels = [variant_label(v) for v in self.spec.variants] if self.spec else None
        self.strip.set_lesson(self.spec is not None, labels)
        self.stale = True

    def ensure_set_up(self) -> None:
        """Set up if the document changed since the last set-up."""
        if self.stale:
            self.set_up()

    def set_up(self) -> bool:
        """Build the comparison the strip describes; False (and a message) if it cannot."""
        self.stale = False
        s = self.strip
        try:
            if s.lesson_chosen() and self.spec is not None:
                doc = self.spec.document()
                variants = list(self.spec.variants)
                target = self.spec.target_loss
                epochs = self.spec.epochs or doc.settings.epochs
            else:
                vary, target = s.request()
                doc = self.context.document.copy()
                variants = grid(vary)
                epochs = doc.settings.epochs
            if len(variants) > MAX_VARIANTS:
                raise CompareError(
                    _t("{0} variants: at most {1} can be compared").format(
                        len(variants), MAX_VARIANTS
                    )
                )
            cmp = Comparison(doc, variants, target_loss=target)
        except (CompareError, ValueError) as e:
            s.show_message(str(e))
            return False
        self._install(cmp, variants, epochs, doc)
        more = len(variants) - MAX_CELLS
        s.show_message(
            _t(
                "The pictures show the first {0} variants; the curves and the table all {1}."
            ).format(MAX_CELLS, len(variants))
            if more > 0
            else ""
        )
        return True

    def set_comparison(
        self, document, variants, target_loss: float | None = None, epochs: int | None = None
    ) -> Comparison:
        """Compare ``variants`` of ``document`` (from a script or a test); returns it.

        Raises
        ------
        CompareError
            For a variant that cannot be made.
        """
        self.stale = False
        doc = document.copy()
        cmp = Comparison(doc, variants, target_loss=target_loss)
        self._install(cmp, list(variants), epochs or doc.settings.epochs, doc)
        return cmp

    def _install(self, cmp: Comparison, variants, epochs: int, base) -> None:
        from nnsim.recipes.problem import DisplayNet, describe

        self.comparison = cmp
        self._base_doc = base
        self.variants = list(variants)
        self._make_labels()
        colors = variant_colors(len(self.labels))
        self.selected = None
        self.multiples.set_variants(self._shown_labels(), colors)
        self.curves.set_variants(self._shown_labels(), colors)
        self.model.set_variants(self.labels)
        fit_columns(self.table, self.model)
        try:
            self.problem = describe(
                cmp.documents[0], cmp.sessions[0], None, DisplayNet(cmp.documents[0])
            )
        except ValueError:
            self.problem = None
        self._grid = None
        p = self.problem
        if p is not None and p.plane and p.grid_input is not None:
            k = max(1, p.grid_size // PICTURE_GRID)
            g = p.grid_input.reshape(p.grid_size, p.grid_size, -1)[::k, ::k]
            self._grid = np.ascontiguousarray(g.reshape(-1, g.shape[-1]))
            self._side = g.shape[0]
            self.multiples.set_problem(p)
        self.multiples.setVisible(self._grid is not None)
        self.curves.set_keyed(self.multiples.shown if self._grid is not None else 0)
        s = self.strip
        s.epochs.blockSignals(True)
        s.epochs.setValue(int(epochs))
        s.epochs.blockSignals(False)
        self.runner.set_comparison(cmp, int(epochs))
        self.curves.set_epochs(int(epochs))
        fit_split(self)
        self._update_buttons()
        self.comparison_changed.emit()

    def _make_labels(self) -> None:
        self.labels = [variant_label(v) for v in self.variants]
        self.short_labels = [short_label(v) for v in self.variants]

    def _shown_labels(self) -> list[str]:
        """The pictures' and legend's labels: in presentation mode the short ones (four
        pictures to a row at 24 px on a 1280 px projector); the table keeps the long."""
        return self.short_labels if self.presentation else self.labels

    def _split_moved(self, *_):
        self.user_split = True

    def resizeEvent(self, event):
        super().resizeEvent(event)
        fit_split(self)

    def _epochs_changed(self, n: int) -> None:
        self.runner.epochs = int(n)
        self.curves.set_epochs(self.runner.epoch + int(n))

    # -- running -----------------------------------------------------------------------
    def toggle(self) -> None:
        """Play or pause (a view shown for the first time sets up first)."""
        self.ensure_set_up()
        self.runner.toggle()
        self.strip.set_playing(self.runner.playing)

    def play(self) -> None:
        self.ensure_set_up()
        self.runner.play()

    def pause(self) -> None:
        self.runner.pause()

    def reset(self) -> None:
        """Every variant back to its initial weights: the same comparison made again."""
        if self.comparison is None:
            self.set_up()
            return
        playing = self.runner.playing
        self.runner.pause()
        try:
            base = self._base_doc.copy()
            cmp = Comparison(base, self.variants, target_loss=self.comparison.target_loss)
        except (CompareError, ValueError) as e:
            self.strip.show_message(str(e))
            return
        self._install(cmp, self.variants, self.strip.epochs.value(), base)
        if playing:
            self.runner.play()

    def _state_changed(self, on: bool) -> None:
        if not on:
            self.redraw()  # the table's last numbers, the status "paused"/"finished"
        self.strip.set_playing(on)
        self._update_buttons()

    def _update_buttons(self) -> None:
        s = self.strip
        has = self.comparison is not None
        s.play_button.setEnabled(has or self.stale)
        s.reset_button.setEnabled(has)
        s.open_button.setEnabled(has and self.selected is not None)
        s.export_button.setEnabled(has)

    # -- drawing -----------------------------------------------------------------------
    def redraw(self) -> None:
        """Draw every variant as it is now: pictures, curves, table."""
        cmp = self.comparison
        if cmp is None:
            return
        self.frames += 1
        if self._grid is not None:
            self._draw_pictures(cmp)
        self.curves.set_curves(
            (i, cmp.column(i, "epoch"), cmp.column(i, "train_loss")) for i in range(len(cmp))
        )
        for i, res in enumerate(cmp.results):
            diverged = res is not None and res.status == "diverged"
            self.multiples.set_diverged(i, diverged)
            self.curves.set_diverged(i, diverged)
        # the table at most a few times a second while playing: numbers that change 30
        # times a second cannot be read, and a sorted table re-sorts at every refresh
        now = time.perf_counter()
        if not self.runner.playing or now - self._table_time >= TABLE_EVERY_S:
            self._table_time = now
            rows = cmp.rows()
            self.model.set_rows(rows, running=self.runner.playing)
            # no accuracy where the task is regression: the columns would only say "—"
            no_acc = bool(rows) and all(np.isnan(r.train_acc) for r in rows)
            for col in (4, 6):
                if self.table.isColumnHidden(col) != no_acc:
                    self.table.setColumnHidden(col, no_acc)
            fit_columns(self.table, self.model, grow_only=self.runner.playing)
        n = self.strip.epochs.value()
        text = _t("epoch {0} of {1}").format(self.runner.epoch, n)
        if self.strip.progress.text() != text:
            self.strip.progress.setText(text)

    def _draw_pictures(self, cmp) -> None:
        """The decision boundaries of the first ``MAX_CELLS`` variants: one batched engine
        pass per replica stack, one colour mapping for all, each picture re-uploaded only
        when its colours changed."""
        p, g = self.problem, self._side
        try:
            with np.errstate(all="ignore"):
                outs = cmp.outputs(self._grid, MAX_CELLS)
        except (ValueError, ArithmeticError, KeyError):
            return
        out = np.stack(outs)  # (n, G², outputs)
        if out.shape[2] > 1:
            levels = (0.0, float(out.shape[2] - 1))
            values = np.argmax(out, axis=2).astype(np.float32).reshape(-1, g, g)
        else:
            levels = p.levels
            values = out.reshape(-1, g, g)
        rgba = to_rgba(values, levels, LUT)
        for i in range(values.shape[0]):
            self.multiples.set_image(i, values[i], levels, rgba[i])

    # -- selecting and opening -----------------------------------------------------------
    def select(self, i: int | None) -> None:
        """Make variant ``i`` the selected one (picture framed, curve thick, row chosen)."""
        if i is None or self.comparison is None or not 0 <= i < len(self.comparison):
            return
        self.selected = i
        self.multiples.set_selected(i)
        self.curves.set_selected(i)
        src = self.model.index(i, 0)
        row = self.proxy.mapFromSource(src).row()
        sel = self.table.selectionModel()
        if self.table.currentIndex().row() != row:
            sel.setCurrentIndex(
                self.proxy.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update_buttons()

    def open_variant(self, i: int | None) -> bool:
        """Open variant ``i`` as the network in the Network view (one undo step)."""
        cmp = self.comparison
        if cmp is None or i is None or not 0 <= i < len(cmp):
            return False
        self.runner.pause()
        doc = cmp.document(i)
        snap = doc.snapshot()
        snap["meta"].view = "network"  # saved and opened again, it is a network
        label = self.labels[i]
        cmd = OpenVariantCommand(
            self.context.document, lambda: _t("Open variant {0}").format(label), snap
        )
        if not self.context.editor.push(cmd):
            return False
        self.context.show_view("network")
        return True

    # -- export --------------------------------------------------------------------------
    def export(self, path, scale: float = 2.0) -> Path:
        """Save the pictures, curves and table as they are shown, to PNG (``scale`` × the
        size on screen) or SVG (``export.render_to``)."""
        from nnsim.gui.compare.export import render_to

        return render_to(self.content, path, scale)

    def export_dialog(self) -> None:
        from nnsim.gui.compare.export import ask_and_export

        ask_and_export(self)

    # -- look and language -------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        """Presentation mode: labels, legend and table at ≥ 24 px."""
        self.presentation = bool(on)
        self.multiples.set_presentation(on)
        self.curves.set_presentation(on)
        self.multiples.retranslate(self._shown_labels())
        self.curves.retranslate(self._shown_labels())
        place_table(self, on)
        # the lecture uses the lesson's comparison: the second choice waits for the desk
        for w in (self.strip.and_label, self.strip.vary2, self.strip.values2):
            w.setVisible(not on)
        fit_split(self)
        QTimer.singleShot(0, self, lambda: fit_split(self))  # once the window has its new layout

    def retranslate_ui(self) -> None:
        self.strip.retranslate_ui()
        if self.menu_action is not None:
            self.menu_action.setText(_t("Co&mpare variants"))
        if self.spec is not None:
            self.strip.set_lesson_labels([variant_label(v) for v in self.spec.variants])
        self._make_labels()
        self.multiples.retranslate(self._shown_labels())
        self.curves.retranslate(self._shown_labels())
        self.model.labels = list(self.labels)
        self.model.retranslate()
        fit_columns(self.table, self.model)
        if self.comparison is not None:
            self.redraw()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
