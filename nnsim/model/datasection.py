"""The data a document keeps with its network: a CSV table, inline or by relative path + checksum.

A document whose ``settings.dataset`` is :data:`CSV_DATASET` trains on its own table
(``document.data``, a :class:`DataSection`). In the .nnsim file the section is the
top-level ``"data"`` object:

- a table of up to :data:`INLINE_LIMIT` characters of cells is stored inline (``rows``),
  so the file alone brings its data back;
- a larger one is stored as the CSV's path relative to the .nnsim file (``source``) and
  its SHA-256 (``sha256``); opening the file reads the CSV again and refuses, with a
  message saying what to do, a file that is missing or has changed.

The split (``train_fraction``) and its ``seed`` are settings (``dataset_params``), as for
the built-in data sets.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from nnsim.data.csv_import import MAX_COLUMNS, MAX_ROWS, CsvError, Table, read_table
from nnsim.data.dataset import DataError
from nnsim.data.table import TASKS, EncodedTable, encode_table
from nnsim.model.document import DocumentError

#: The ``settings.dataset`` value that means "the document's own table".
CSV_DATASET = "csv"
#: ``dataset_params`` of the table and their defaults (the split, as for the built-in sets).
CSV_PARAMS = {"train_fraction": 1.0, "seed": 0}
#: Tables with at most this many characters of cells are kept inside the .nnsim file.
INLINE_LIMIT = 512 * 1024
_FIELDS = (
    "name",
    "source",
    "sha256",
    "columns",
    "rows",
    "target",
    "features",
    "task",
    "standardize",
)
_SHA = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, eq=False)
class DataSection:
    """A document's own data: the table and how its columns feed the network.

    Attributes
    ----------
    table : Table or None
        The cells; None when the CSV kept by path could not be read (see ``problem``).
    target : str
        The target column.
    features : tuple of str
        The input columns, in order.
    task : str or None
        "binary", "multiclass" or "regression"; None takes the proposed one.
    standardize : bool
        Scale numeric inputs to mean 0, deviation 1 (off by default).
    source : str or None
        Where the CSV was read from (absolute in memory; relative in the file).
    sha256 : str
        The CSV's checksum when it was read.
    problem : str or None
        Why the table is missing (the file gone or changed); training then says it.
    """

    table: Table | None
    target: str
    features: tuple
    task: str | None = None
    standardize: bool = False
    source: str | None = None
    sha256: str = ""
    problem: str | None = None

    @property
    def name(self) -> str:
        """The CSV's file name ("watermelon3.0.csv")."""
        if self.table is not None:
            return self.table.name
        return Path(self.source).name if self.source else "data.csv"

    def __eq__(self, other) -> bool:
        if not isinstance(other, DataSection):
            return NotImplemented
        if self is other:
            return True
        mine = None if self.table is None else (self.table.columns, self.table.rows)
        theirs = None if other.table is None else (other.table.columns, other.table.rows)
        return mine == theirs and (
            self.target,
            tuple(self.features),
            self.task,
            self.standardize,
        ) == (other.target, tuple(other.features), other.task, other.standardize)

    __hash__ = object.__hash__

    def encode(self, train_fraction: float = 1.0, seed: int = 0) -> EncodedTable:
        """The data set (see :func:`nnsim.data.table.encode_table`).

        Raises
        ------
        DataError
            The ``problem`` when the table is missing, or what encoding found.
        """
        if self.table is None:
            raise DataError(self.problem or f"the data file {self.name} was not read")
        return encode_table(
            self.table,
            target=self.target,
            features=list(self.features),
            task=self.task,
            standardize=self.standardize,
            train_fraction=train_fraction,
            seed=seed,
        )


def make_section(
    table: Table, target=None, features=None, task=None, standardize=False
) -> DataSection:
    """A section for ``table`` with the default target (last column) and inputs.

    Raises
    ------
    DataError
        When the table cannot be encoded with these choices (checked here, so that a
        section that exists always trains).
    """
    enc = encode_table(table, target=target, features=features, task=task, standardize=standardize)
    return DataSection(
        table,
        enc.target,
        tuple(enc.features),
        task,
        bool(standardize),
        table.source,
        table.sha256,
    )


def dataset_of(document):
    """The data set of a document that trains on its own table (``settings.dataset == "csv"``).

    Raises
    ------
    DataError
        No table, a missing or changed CSV, or a choice the table cannot satisfy.
    """
    section = getattr(document, "data", None)
    if section is None:
        raise DataError(
            "the network trains on a CSV table, but none is kept with it: choose one "
            "(CSV file… in the data-set list, or --data table.csv)"
        )
    params = {**CSV_PARAMS, **document.settings.dataset_params}
    try:
        fraction = float(params["train_fraction"])
        seed = int(params["seed"])
    except (TypeError, ValueError):
        raise DataError("dataset_params: train_fraction and seed must be numbers") from None
    return section.encode(fraction, seed).dataset


# --------------------------------------------------------------------------- out
def data_to_dict(section: DataSection, base_dir=None) -> dict:
    """The section as the file's ``"data"`` object; ``base_dir`` is the .nnsim file's folder.

    The CSV's path is written relative to ``base_dir`` (absolute when no relative path
    exists, e.g. another drive on Windows).
    """
    table = section.table
    inline = table is not None and table.text_size() <= INLINE_LIMIT
    # an inline table needs no path (and a shared file should not carry one)
    source = None if inline else section.source
    if source is not None and base_dir is not None and os.path.isabs(source):
        try:
            source = Path(os.path.relpath(source, base_dir)).as_posix()
        except ValueError:
            pass
    if table is None and section.source is None:
        raise DocumentError("data: the table is missing and no file is named")
    return {
        "name": section.name,
        "source": source,
        "sha256": section.sha256,
        "columns": list(table.columns) if table is not None else None,
        "rows": [list(r) for r in table.rows] if inline else None,
        "target": section.target,
        "features": list(section.features),
        "task": section.task,
        "standardize": bool(section.standardize),
    }


# --------------------------------------------------------------------------- in
def _fail(path: str, msg: str):
    raise DocumentError(f"{path}: {msg}")


def _text_list(v, path: str, limit: int) -> list:
    if not isinstance(v, list):
        _fail(path, "expected a list of texts")
    if len(v) > limit:
        _fail(path, f"{len(v):,} entries, more than the limit of {limit:,}")
    for k, s in enumerate(v):
        if not isinstance(s, str):
            _fail(f"{path}[{k}]", "expected text")
    return v


def data_from_dict(d, path: str = "data") -> DataSection:
    """Validate the file's ``"data"`` object; every problem names its field.

    A section stored by path comes back with ``table=None`` and a ``problem`` until
    :func:`read_external` reads the CSV.

    Raises
    ------
    DocumentError
    """
    if not isinstance(d, dict):
        _fail(path, "expected an object {...}")
    for k in d:
        if k not in _FIELDS:
            _fail(f"{path}.{k}", "unknown field")
    name = d.get("name", "data.csv")
    if not isinstance(name, str) or not name or len(name) > 255:
        _fail(f"{path}.name", "expected a file name (1–255 characters)")
    source = d.get("source")
    if source is not None and (not isinstance(source, str) or not source):
        _fail(f"{path}.source", "expected a path (text) or null")
    sha = d.get("sha256", "")
    if not isinstance(sha, str) or (sha and not _SHA.fullmatch(sha)):
        _fail(f"{path}.sha256", "expected 64 hexadecimal digits or an empty text")
    columns = d.get("columns")
    rows = d.get("rows")
    table = None
    if columns is not None:
        columns = _text_list(columns, f"{path}.columns", MAX_COLUMNS)
        if not columns:
            _fail(f"{path}.columns", "a table has at least one column")
        seen = set()
        for k, c in enumerate(columns):
            if not c or c in seen:
                _fail(f"{path}.columns[{k}]", f"an empty or repeated column name {c!r}")
            seen.add(c)
    if rows is not None:
        if columns is None:
            _fail(f"{path}.columns", "rows need their column names")
        if not isinstance(rows, list) or not rows:
            _fail(f"{path}.rows", "expected a list of at least one row, or null")
        if len(rows) > MAX_ROWS:
            _fail(f"{path}.rows", f"{len(rows):,} rows, more than the limit of {MAX_ROWS:,}")
        for i, row in enumerate(rows):
            _text_list(row, f"{path}.rows[{i}]", len(columns))
            if len(row) != len(columns):
                _fail(f"{path}.rows[{i}]", f"{len(row)} cells for {len(columns)} columns")
        table = Table(
            columns=tuple(columns),
            rows=tuple(tuple(r) for r in rows),
            name=name,
            sha256=sha,
        )
    elif source is None:
        _fail(f"{path}.rows", "the table is neither in the file (rows) nor named (source)")
    elif not sha:
        _fail(f"{path}.sha256", "a table kept by path needs its checksum")
    target = d.get("target")
    if not isinstance(target, str):
        _fail(f"{path}.target", "expected a column name")
    features = d.get("features")
    features = _text_list(features, f"{path}.features", MAX_COLUMNS)
    if not features:
        _fail(f"{path}.features", "choose at least one input column")
    if len(set(features)) != len(features):
        _fail(f"{path}.features", "a column is named twice")
    if target in features:
        _fail(f"{path}.features", f"the target {target!r} cannot also be an input")
    if columns is not None:
        for key, names in (("target", [target]), ("features", features)):
            for c in names:
                if c not in seen:
                    _fail(f"{path}.{key}", f"there is no column {c!r}")
    task = d.get("task")
    if task is not None and task not in TASKS:
        _fail(f"{path}.task", f"one of {', '.join(TASKS)} or null, not {task!r}")
    standardize = d.get("standardize", False)
    if not isinstance(standardize, bool):
        _fail(f"{path}.standardize", "expected true or false")
    section = DataSection(
        table,
        target,
        tuple(features),
        task,
        standardize,
        source,
        sha,
        None if table is not None else f"the data file {source} has not been read",
    )
    if table is not None:
        try:
            section.encode()
        except DataError as e:
            _fail(path, str(e))
    return section


def read_external(section: DataSection, base_dir) -> DataSection:
    """Read the CSV a section keeps by path, relative to the .nnsim file's folder.

    Returns the section with its table, or with a ``problem`` that says what happened:
    the file is missing, cannot be read, or its checksum differs from the saved one.
    """
    if section.source is None:
        return section
    where = Path(section.source)
    path = (where if where.is_absolute() else Path(base_dir) / where).resolve()
    if section.table is not None:
        # inline: the path only says where the table came from, now from the file's folder
        return replace(section, source=str(path))
    again = "choose the data again (CSV file… in the app, or nnsim train FILE --data TABLE.csv)"
    if not path.is_file():
        return replace(
            section,
            source=str(path),
            problem=(
                f"the data file {section.source} is missing (looked for {path}); the network "
                f"file keeps only its path because the table is larger than "
                f"{INLINE_LIMIT // 1024} KB: put the file back, or {again}"
            ),
        )
    try:
        table = read_table(path, max_columns=MAX_COLUMNS, max_rows=MAX_ROWS)
    except CsvError as e:
        return replace(section, source=str(path), problem=str(e))
    if table.sha256 != section.sha256:
        return replace(
            section,
            source=str(path),
            problem=(
                f"the data file {section.source} has changed since the network was saved "
                f"(its SHA-256 differs): to train on it as it is now, {again}"
            ),
        )
    problem = None
    missing = [c for c in (section.target, *section.features) if c not in table.columns]
    if missing:
        problem = f"the data file {section.source} has no column {missing[0]!r}"
    return replace(section, table=None if problem else table, source=str(path), problem=problem)
