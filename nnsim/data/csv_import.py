"""Import a data set from a CSV file (header line, numeric columns, one label column)."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np

from nnsim.data.dataset import DataError, Dataset

_FORCE_KINDS = ("binary", "multiclass", "regression")


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    # Excel on a Chinese Windows saves CSV in GBK, elsewhere in UTF-8 (often with a BOM);
    # GB 18030 is a superset of GBK, so trying these two reads both.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(f"{path}: the file is not text (neither UTF-8 nor GBK)")


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def load_csv(
    path: str | Path,
    label_column: str | int | None = None,
    kind: str | None = None,
    delimiter: str | None = None,
) -> Dataset:
    """Read a data set from a CSV file.

    The first non-blank line names the columns; every other non-blank line holds one sample.
    All columns except the label column must be numbers. The label column may hold numbers
    or class names (text).

    Parameters
    ----------
    path : str or pathlib.Path
        The file (UTF-8, with or without a BOM, or GBK as Excel writes it in China).
    label_column : str, int or None
        Name or 0-based position of the column with the targets; None means the last column.
    kind : {"binary", "multiclass", "regression"} or None
        None guesses: text labels give "binary" (two classes) or "multiclass" (more);
        numbers that are all 0 or 1 give "binary"; other numbers give "regression".
        Pass "multiclass" for integer class numbers 0, 1, 2, ….
    delimiter : str or None
        Column separator; None detects ",", ";" or tab from the header line.

    Returns
    -------
    Dataset
        Text classes are numbered in sorted order and named in ``class_names``
        (so "no"/"yes" and 否/是 become 0/1).

    Raises
    ------
    DataError
        Naming the file, the line number and the problem, e.g.
        "data.csv, line 7: column 'sugar' is 'abc', not a number".
    """
    path = Path(path)
    where = path.name
    if kind is not None and kind not in _FORCE_KINDS:
        raise DataError(f"kind must be one of {', '.join(_FORCE_KINDS)} or None, not {kind!r}")
    text = _read_text(path)
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise DataError(f"{where}: the file is empty")
    if delimiter is None:
        header_line = lines[first]
        counts = {d: header_line.count(d) for d in (",", ";", "\t")}
        delimiter = max(counts, key=counts.get) if max(counts.values()) else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, [cell.strip() for cell in row]))
    except csv.Error as exc:
        raise DataError(f"{where}, line {reader.line_num}: {exc}") from None

    header_no, header = rows[0]
    if all(_is_number(cell) for cell in header if cell):
        raise DataError(
            f"{where}, line {header_no}: the first line must name the columns "
            f"(a header such as 'density,sugar,label'), but it holds numbers"
        )
    for i, name in enumerate(header):
        if not name:
            raise DataError(f"{where}, line {header_no}: column {i + 1} has no name")
    dupes = sorted({n for n in header if header.count(n) > 1})
    if dupes:
        raise DataError(f"{where}, line {header_no}: the column name {dupes[0]!r} appears twice")
    if len(header) < 2:
        raise DataError(
            f"{where}, line {header_no}: need at least one input column and one label column"
        )
    if len(rows) < 2:
        raise DataError(f"{where}: the file has a header but no data lines")

    if label_column is None:
        label_idx = len(header) - 1
    elif isinstance(label_column, (int, np.integer)) and not isinstance(label_column, bool):
        if not -len(header) <= label_column < len(header):
            raise DataError(
                f"{where}: label column {label_column} does not exist; "
                f"the file has {len(header)} columns"
            )
        label_idx = int(label_column) % len(header)
    else:
        if label_column not in header:
            raise DataError(
                f"{where}: no column named {label_column!r}; the columns are "
                + ", ".join(repr(h) for h in header)
            )
        label_idx = header.index(label_column)
    feature_idx = [i for i in range(len(header)) if i != label_idx]

    x = np.empty((len(rows) - 1, len(feature_idx)), dtype=np.float64)
    raw_labels: list[str] = []
    for r, (line_no, row) in enumerate(rows[1:]):
        if len(row) != len(header):
            raise DataError(
                f"{where}, line {line_no}: {len(row)} values, but the header has "
                f"{len(header)} columns"
            )
        for c, i in enumerate(feature_idx):
            x[r, c] = _cell(row[i], header[i], where, line_no)
        if not row[label_idx]:
            raise DataError(f"{where}, line {line_no}: column {header[label_idx]!r} is empty")
        raw_labels.append(row[label_idx])

    label_name = header[label_idx]
    is_num = [_is_number(v) for v in raw_labels]
    numeric = all(is_num)
    if kind is None and not numeric and sum(is_num) * 2 > len(is_num):
        # Mostly numbers with a few words is far more often a typo than a class name.
        k = is_num.index(False)
        raise DataError(
            f"{where}, line {rows[k + 1][0]}: column {label_name!r} is {raw_labels[k]!r}, "
            f"but most labels are numbers (pass kind='multiclass' if it is a class name)"
        )
    class_names = None
    if numeric:
        values = np.array(
            [_cell(v, label_name, where, rows[k + 1][0]) for k, v in enumerate(raw_labels)]
        )
        if kind is None:
            kind = "binary" if np.isin(values, (0.0, 1.0)).all() else "regression"
        if kind == "binary":
            bad = np.flatnonzero(~np.isin(values, (0.0, 1.0)))
            if bad.size:
                k = int(bad[0])
                raise DataError(
                    f"{where}, line {rows[k + 1][0]}: a binary label must be 0 or 1, "
                    f"not {raw_labels[k]!r}"
                )
            y = values.reshape(-1, 1)
            class_names = ["0", "1"]
        elif kind == "multiclass":
            bad = np.flatnonzero((values != np.round(values)) | (values < 0))
            if bad.size:
                k = int(bad[0])
                raise DataError(
                    f"{where}, line {rows[k + 1][0]}: a class number must be a whole number "
                    f"≥ 0, not {raw_labels[k]!r}"
                )
            y = values.astype(np.int64)
            class_names = [str(c) for c in range(int(y.max()) + 1)]
        else:
            y = values.reshape(-1, 1)
    else:
        if kind == "regression":
            k = next(k for k, v in enumerate(raw_labels) if not _is_number(v))
            raise DataError(
                f"{where}, line {rows[k + 1][0]}: column {label_name!r} is "
                f"{raw_labels[k]!r}, not a number (needed for regression)"
            )
        class_names = sorted(set(raw_labels))
        if kind is None:
            kind = "binary" if len(class_names) == 2 else "multiclass"
        if kind == "binary" and len(class_names) != 2:
            raise DataError(
                f"{where}: a binary label column needs exactly two classes, "
                f"column {label_name!r} has {len(class_names)}: " + ", ".join(class_names[:10])
            )
        index = {c: i for i, c in enumerate(class_names)}
        y = np.array([index[v] for v in raw_labels], dtype=np.int64)
        if kind == "binary":
            y = y.astype(np.float64).reshape(-1, 1)

    return Dataset(
        x=x,
        y=y,
        kind=kind,
        feature_names=[header[i] for i in feature_idx],
        class_names=class_names,
        target_name=label_name,
        target_name_zh=label_name,
        name=path.stem,
        title_zh=path.stem,
        title_en=path.stem,
        notes=f"Imported from {path.name}.",
    )


def _cell(cell: str, column: str, where: str, line_no: int) -> float:
    if not cell:
        raise DataError(f"{where}, line {line_no}: column {column!r} is empty")
    try:
        value = float(cell)
    except ValueError:
        raise DataError(
            f"{where}, line {line_no}: column {column!r} is {cell!r}, not a number"
        ) from None
    if not math.isfinite(value):
        raise DataError(
            f"{where}, line {line_no}: column {column!r} is {cell!r}, not a finite number"
        )
    return value
