"""The comparison's table as a Qt model: one row per variant, sortable, refreshed live."""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from nnsim.gui.compare.labels import _n, _t

#: Column headers (translated when shown).
COLUMNS = (
    _n("setting"),
    _n("epochs"),
    _n("epochs to target"),
    _n("train loss"),
    _n("train acc."),
    _n("test loss"),
    _n("test acc."),
    _n("status"),
)
#: What a run's status reads as (nnsim.engine.training.STATUSES, plus the view's own).
STATUS_WORDS = {
    "not trained": _n("not started"),
    "training": _n("training"),
    "finished": _n("finished"),
    "stopped": _n("paused"),
    "early_stopping": _n("stopped early"),
    "target_reached": _n("target reached"),
    "diverged": _n("DIVERGED"),
}
#: The role the proxy sorts by: numbers as numbers, "never" after every epoch.
SORT_ROLE = Qt.ItemDataRole.UserRole
DIVERGED_BG = QColor("#fbe3e1")
DIVERGED_FG = QColor("#a4161a")


class CompareTableModel(QAbstractTableModel):
    """Rows of ``Comparison.rows()`` with the variants' UI labels; ``set_rows`` refreshes.

    Row ``i`` is variant ``i`` whatever the sorting (the proxy maps it).
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.labels: list[str] = []
        self.rows: list = []
        self.running = False
        self._text: list[tuple] = []
        self._key: list[tuple] = []
        self.two_line = False

    def set_variants(self, labels: list[str]) -> None:
        """A new comparison: its variants' labels, no numbers yet."""
        self.beginResetModel()
        self.labels = list(labels)
        self.rows = []
        self._cells()
        self.endResetModel()

    def set_rows(self, rows: list, running: bool = False) -> None:
        """New numbers for every variant (same count as the labels); the views hear only
        of the cells whose text changed (one ``dataChanged`` over their range)."""
        old_text, old_key = self._text, self._key
        old_div = [r.diverged for r in self.rows]
        self.rows = list(rows)
        self.running = running
        self._cells()
        changed = [
            (i, j)
            for i, (a, b) in enumerate(zip(self._text, old_text))
            for j in range(len(COLUMNS))
            if a[j] != b[j] or self._key[i][j] != old_key[i][j]
        ]
        div = [r.diverged for r in self.rows]
        # a row that diverged changes colour in every cell
        changed += [
            (i, j)
            for i in range(len(div))
            if div[i] != (i < len(old_div) and old_div[i])
            for j in (0, len(COLUMNS) - 1)
        ]
        if len(old_text) != len(self._text):
            changed = [(0, 0), (len(self.labels) - 1, len(COLUMNS) - 1)] if self.labels else []
        if changed:
            rs, cs = [c[0] for c in changed], [c[1] for c in changed]
            self.dataChanged.emit(self.index(min(rs), min(cs)), self.index(max(rs), max(cs)))

    def set_two_line(self, on: bool) -> None:
        """Headers on two lines (presentation mode: narrower columns at a big font)."""
        if self.two_line != bool(on):
            self.two_line = bool(on)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def _cells(self) -> None:
        # texts and sort keys made once per refresh: a view asks for them many times
        self._text, self._key = [], []
        for i, label in enumerate(self.labels):
            row = self.rows[i] if i < len(self.rows) else None
            st = self.status(i)
            status_key = f"{int(not (row is not None and row.diverged))}{st}"
            if row is None:
                self._text.append((label, *("—",) * 6, _t(STATUS_WORDS.get(st, st))))
                self._key.append((i, *(math.inf,) * 6, status_key))
                continue
            self._text.append(row.cells(label, _t(STATUS_WORDS.get(st, st))))
            nums = (
                row.epochs,
                math.inf if row.epochs_to_target is None else row.epochs_to_target,
                row.train_loss,
                row.train_acc,
                row.test_loss,
                row.test_acc,
            )
            self._key.append(
                (i, *(math.inf if math.isnan(v) else float(v) for v in nums), status_key)
            )

    def retranslate(self) -> None:
        self._cells()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.labels:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.labels) - 1, len(COLUMNS) - 1)
            )

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.labels)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                text = _t(COLUMNS[section])
                return _two_lines(text) if self.two_line else text
            return str(section + 1)
        return None

    def cell_texts(self) -> list[tuple[str, ...]]:
        """The text of every cell, as the view shows it.

        Returns
        -------
        list of tuple of str
            One tuple per variant (in the variants' order, not the view's sorting), one
            text per column of ``COLUMNS``. Made once per refresh: reading it costs
            nothing, unlike asking ``data`` cell by cell (``sizing.fit_columns`` measures
            every cell at each refresh).
        """
        return self._text

    def status(self, i: int) -> str:
        """Variant ``i``'s status word (engine spelling, "training" while it runs)."""
        if i >= len(self.rows):
            return "not trained"
        row = self.rows[i]
        if row.status == "not trained" and row.epochs > 0:
            return "training" if self.running else "stopped"
        return row.status

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        i, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text[i][col]
        if role == SORT_ROLE:
            return self._key[i][col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col not in (0, 7):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        diverged = i < len(self.rows) and self.rows[i].diverged
        if diverged and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(DIVERGED_BG)
        if diverged and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(DIVERGED_FG)
        if diverged and role == Qt.ItemDataRole.FontRole and col in (0, 7):
            return _BOLD
        return None


def _two_lines(text: str) -> str:
    """``text`` broken at the space that makes its longer line shortest (none: as is)."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text
    k = min(spaces, key=lambda i: max(i, len(text) - i - 1))
    return f"{text[:k]}\n{text[k + 1 :]}"


_BOLD = QFont()
_BOLD.setBold(True)


class CompareSortProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE`` and re-sorts as the numbers change."""

    def __init__(self, source: CompareTableModel, parent=None):
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def variant_at(self, proxy_row: int) -> int:
        """The variant shown in row ``proxy_row`` of the view."""
        return self.mapToSource(self.index(proxy_row, 0)).row()
