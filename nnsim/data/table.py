"""Turn a table of text cells into a data set: column kinds, one-hot categories, the task.

A column is *numeric* when most of its cells are numbers (a few words among numbers are
typos and an error naming the cell); otherwise it is *categorical* and becomes one input
per value, in the order the values first appear ("色泽=青绿", "色泽=乌黑", "色泽=浅白"):
the book's k-dimensional vector for an attribute without an order. The target column
proposes the task: two values → two classes (one sigmoid output), more text values →
k classes (k softmax outputs), other numbers → regression.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnsim.data.csv_import import _NONFINITE, CsvError, Table, is_number
from nnsim.data.dataset import DataError, Dataset

TASKS = ("binary", "multiclass", "regression")
#: How a task is called in messages and the import dialog.
TASK_TEXT = {
    "binary": "two classes (one sigmoid output)",
    "multiclass": "k classes (k softmax outputs)",
    "regression": "regression (one linear output)",
}


@dataclass(frozen=True)
class ColumnInfo:
    """What one column of a table holds.

    Attributes
    ----------
    index : int
        0-based position in the table.
    name : str
    kind : str
        "number" or "category".
    values : tuple of str
        The distinct values in order of first appearance (categories only).
    """

    index: int
    name: str
    kind: str
    values: tuple = ()


@dataclass(frozen=True)
class InputEncoding:
    """How one input column became network inputs.

    Attributes
    ----------
    column : str
        The table's column.
    kind : str
        "number" or "category".
    inputs : tuple of str
        The input names it gave ("密度", or "色泽=青绿", "色泽=乌黑", …).
    mean, std : float or None
        The standardisation applied (numbers with ``standardize`` only).
    """

    column: str
    kind: str
    inputs: tuple
    mean: float | None = None
    std: float | None = None

    def describe(self) -> str:
        """One line, e.g. "色泽: category → 色泽=青绿, 色泽=乌黑, 色泽=浅白 (one-hot)"."""
        if self.kind == "category":
            return f"{self.column}: category → {', '.join(self.inputs)} (one-hot)"
        if self.mean is not None:
            return f"{self.column}: number, standardised (x − {self.mean:.4g}) / {self.std:.4g}"
        return f"{self.column}: number, as it is"


@dataclass
class EncodedTable:
    """A table made into a data set, with what was done to it.

    Attributes
    ----------
    dataset : Dataset
    task : str
        "binary", "multiclass" or "regression".
    proposed_task : str
        What the target column suggested (equal to ``task`` unless one was asked for).
    target : str
    features : list of str
        The input columns used.
    inputs : list of InputEncoding
        One per input column, in order.
    skipped : list of str
        Columns left out by default (an index column 1, 2, …, n).
    """

    dataset: Dataset
    task: str
    proposed_task: str
    target: str
    features: list
    inputs: list = field(default_factory=list)
    skipped: list = field(default_factory=list)

    def describe(self) -> str:
        """The encoding as lines of text (shown in the dialog, printed by the CLI)."""
        lines = [f"target: {self.target} → {TASK_TEXT[self.task]}"]
        if self.dataset.class_names is not None:
            lines.append("classes: " + ", ".join(self.dataset.class_names))
        lines += [enc.describe() for enc in self.inputs]
        if self.skipped:
            lines.append("left out (an index 1, 2, …): " + ", ".join(self.skipped))
        return "\n".join(lines)


# --------------------------------------------------------------------------- columns
def column_info(table: Table, j: int) -> ColumnInfo:
    """Numeric or categorical (see the module's rule), with a categorical column's values.

    Raises
    ------
    CsvError
        For a word among mostly numbers, naming its line and column.
    """
    cells = table.column(j)
    flags = [is_number(c) for c in cells]
    # "nan" and "inf" vote as numbers, so that they are reported as what they are
    n_num = sum(ok or c.lower() in _NONFINITE for c, ok in zip(cells, flags))
    if n_num and n_num * 2 > len(cells):
        for i, (c, ok) in enumerate(zip(cells, flags)):
            if not ok:
                _bad_number(table, i, j, c)
        return ColumnInfo(j, table.columns[j], "number")
    for i, c in enumerate(cells):
        if not c:
            raise CsvError(f"{table.where(i, j)}: the cell is empty", table.line_of(i), j + 1)
    return ColumnInfo(j, table.columns[j], "category", tuple(dict.fromkeys(cells)))


def _bad_number(table: Table, i: int, j: int, cell: str):
    where = table.where(i, j)
    line = table.line_of(i)
    if not cell:
        raise CsvError(f"{where}: the cell is empty", line, j + 1)
    if cell.lower() in _NONFINITE:
        raise CsvError(f"{where}: {cell!r} is not a finite number", line, j + 1)
    raise CsvError(
        f"{where}: {cell!r} is not a number, but the other cells of this column are numbers",
        line,
        j + 1,
    )


def numbers(table: Table, j: int) -> np.ndarray:
    """A numeric column as float64 (checked by :func:`column_info` first)."""
    a = np.array(table.column(j), dtype=np.float64)
    bad = np.flatnonzero(~np.isfinite(a))
    if bad.size:  # "1e999" is a plain number that overflows
        i = int(bad[0])
        raise CsvError(
            f"{table.where(i, j)}: {table.rows[i][j]!r} is too large for a number",
            table.line_of(i),
            j + 1,
        )
    return a


def _is_index(table: Table, info: ColumnInfo) -> bool:
    """1, 2, …, n top to bottom: a row number (the book's 编号), not a property."""
    if info.kind != "number" or table.n_rows < 3:
        return False
    a = numbers(table, info.index)
    return bool(np.array_equal(a, np.arange(1, table.n_rows + 1)))


def propose_task(table: Table, target: int) -> str:
    """The task the target column suggests ("binary", "multiclass" or "regression")."""
    info = column_info(table, target)
    if info.kind == "category":
        return "binary" if len(info.values) <= 2 else "multiclass"
    a = numbers(table, target)
    return "binary" if np.isin(a, (0.0, 1.0)).all() else "regression"


def default_features(table: Table, target: int) -> tuple[list[int], list[str]]:
    """Every column but the target and an index column; returns (indices, left out names)."""
    chosen, skipped = [], []
    for j in range(len(table.columns)):
        if j == target:
            continue
        if _is_index(table, column_info(table, j)):
            skipped.append(table.columns[j])
        else:
            chosen.append(j)
    return chosen, skipped


# --------------------------------------------------------------------------- encoding
def encode_table(
    table: Table,
    target=None,
    features=None,
    task: str | None = None,
    standardize: bool = False,
    train_fraction: float = 1.0,
    seed: int = 0,
) -> EncodedTable:
    """Make a data set of a table.

    Parameters
    ----------
    table : Table
    target : str or int, optional
        The target column (name or 0-based index); default the last.
    features : list of str or int, optional
        Input columns; default :func:`default_features`.
    task : {"binary", "multiclass", "regression"}, optional
        Default :func:`propose_task`.
    standardize : bool
        Scale numeric inputs to mean 0, deviation 1 with the training part's statistics.
    train_fraction : float
        In (0, 1]; below 1 a stratified, seeded split gives the test part.
    seed : int
        Seed of the split.

    Returns
    -------
    EncodedTable

    Raises
    ------
    DataError
        A bad choice (unknown column, the target among the inputs, a task the target
        cannot have, a class with one sample when splitting) or a bad cell (CsvError).
    """
    if task is not None and task not in TASKS:
        raise DataError(f"the task must be one of {', '.join(TASKS)} or None, not {task!r}")
    if len(table.columns) < 2:
        raise CsvError(
            f"{table.name}: need at least two columns (an input and the target); "
            f"the file has {len(table.columns)}"
        )
    t = len(table.columns) - 1 if target is None else table.column_index(target)
    skipped: list[str] = []
    if features is None:
        feats, skipped = default_features(table, t)
        if not feats:  # only an index besides the target: better than nothing
            feats, skipped = [j for j in range(len(table.columns)) if j != t], []
    else:
        if isinstance(features, (str, int)):
            features = [features]
        feats = [table.column_index(f) for f in features]
        if not feats:
            raise DataError(f"{table.name}: choose at least one input column")
        seen = set()
        for j in feats:
            if j == t:
                raise DataError(
                    f"{table.name}: the column {table.columns[j]!r} is the target; "
                    f"it cannot also be an input"
                )
            if j in seen:
                raise DataError(
                    f"{table.name}: the input column {table.columns[j]!r} is named twice"
                )
            seen.add(j)
    proposed = propose_task(table, t)
    task = task or proposed
    y, class_names = _targets(table, t, task)

    blocks, names, encodings, numeric_cols = [], [], [], []
    for j in feats:
        info = column_info(table, j)
        if info.kind == "number":
            numeric_cols.append(len(names))
            blocks.append(numbers(table, j)[:, None])
            names.append(info.name)
            encodings.append(InputEncoding(info.name, "number", (info.name,)))
        else:
            idx = {v: k for k, v in enumerate(info.values)}
            codes = np.array([idx[c] for c in table.column(j)], dtype=np.int64)
            block = np.zeros((table.n_rows, len(info.values)))
            block[np.arange(table.n_rows), codes] = 1.0
            blocks.append(block)
            inputs = tuple(f"{info.name}={v}" for v in info.values)
            names += inputs
            encodings.append(InputEncoding(info.name, "category", inputs))
    x = np.hstack(blocks)
    kind = task
    ds = Dataset(
        x=x,
        y=y,
        kind=kind,
        feature_names=names,
        class_names=class_names,
        target_name=table.columns[t],
        target_name_zh=table.columns[t],
        name=table.stem,
        title_zh=table.name,
        title_en=table.name,
        notes=f"Imported from {table.name}.",
    )
    train_fraction = float(train_fraction)
    if not 0.0 < train_fraction <= 1.0:
        raise DataError(f"the training share must lie in (0, 1], not {train_fraction:g}")
    if train_fraction < 1.0:
        if task != "regression":
            _every_class_twice(table, t, ds)
        try:
            train, test = ds.split(train_fraction, rng=seed, stratified=task != "regression")
        except DataError as e:
            raise DataError(f"{table.name}: {e}") from None
        ds = train._with(train.x, train.y, test.x, test.y)
    if standardize and numeric_cols:
        cols = np.array(numeric_cols)
        mean = ds.x[:, cols].mean(axis=0)
        std = ds.x[:, cols].std(axis=0)
        std = np.where(std > 0, std, 1.0)  # a constant column is only centred
        x = ds.x.copy()
        x[:, cols] = (x[:, cols] - mean) / std
        xt = None
        if ds.x_test is not None:
            xt = ds.x_test.copy()
            xt[:, cols] = (xt[:, cols] - mean) / std
        ds = ds._with(x, ds.y, xt, ds.y_test)
        k = 0
        for n, enc in enumerate(encodings):
            if enc.kind == "number":
                encodings[n] = InputEncoding(
                    enc.column, "number", enc.inputs, float(mean[k]), float(std[k])
                )
                k += 1
    result = EncodedTable(
        ds, task, proposed, table.columns[t], [table.columns[j] for j in feats], encodings, skipped
    )
    ds.notes = f"Imported from {table.name}.\n" + result.describe()
    return result


def _targets(table: Table, t: int, task: str) -> tuple[np.ndarray, list | None]:
    info = column_info(table, t)
    cells = table.column(t)
    name = table.columns[t]
    if task == "regression":
        if info.kind != "number":
            raise CsvError(
                f"{table.where(0, t)}: the target {name!r} holds text ({cells[0]!r}, …), "
                f"so it cannot be a regression target; choose two classes or k classes",
                table.line_of(0),
                t + 1,
            )
        return numbers(table, t)[:, None], None
    if info.kind == "number":
        # classes by value, so "1" and "1.0" are one class
        a = numbers(table, t)
        uniq, codes = np.unique(a, return_inverse=True)
        values = [f"{v:g}" for v in uniq]
    else:
        values = sorted(set(cells))
        index = {v: k for k, v in enumerate(values)}
        codes = np.array([index[c] for c in cells], dtype=np.int64)
    if len(values) < 2:
        raise CsvError(
            f"{table.name}: the target {name!r} has only one value ({values[0]!r}); "
            f"a classifier needs at least two classes",
            None,
            t + 1,
        )
    codes = codes.astype(np.int64).reshape(-1)
    if task == "binary":
        if len(values) != 2:
            shown = ", ".join(values[:10]) + (" …" if len(values) > 10 else "")
            raise DataError(
                f"{table.name}: two classes need exactly two values in the target {name!r}, "
                f"it has {len(values)}: {shown}; choose k classes"
            )
        return codes.astype(np.float64)[:, None], values
    return codes, values


def _every_class_twice(table: Table, t: int, ds: Dataset) -> None:
    labels = ds.labels()
    counts = np.bincount(labels, minlength=len(ds.class_names))
    for k, c in enumerate(counts):
        if c == 1:
            i = int(np.flatnonzero(labels == k)[0])
            raise CsvError(
                f"{table.where(i, t)}: the class {ds.class_names[k]!r} has only this one "
                f"sample, so it cannot be in both the training and the test part; add samples "
                f"of it or train on all rows (training share 100 %)",
                table.line_of(i),
                t + 1,
            )
