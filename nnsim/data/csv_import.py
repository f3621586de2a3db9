"""Read a CSV file into a table of text cells: encodings, separators, quoting, one error type.

``read_table`` turns the bytes of a spreadsheet export into a :class:`Table` (column
names and cells as text, each row with its line in the file); ``nnsim.data.table`` turns
a table into a data set (numbers, one-hot categories, the task). ``load_csv`` does both.

What is read: UTF-8 with or without a BOM, GBK / GB 18030 (Excel on a Chinese system);
comma, semicolon or tab separators (sniffed from the first lines); a decimal comma
("0,697") in a file separated by semicolons or tabs; quoted fields (with separators,
quotes and line breaks inside); a header row or none (guessed: see ``_looks_like_header``);
blank lines anywhere. Every problem is one :class:`CsvError` naming the line and column.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from nnsim.data.dataset import DataError

#: Default limits; a teaching network with more inputs than this is a mistake.
MAX_COLUMNS = 5_000
MAX_ROWS = 200_000
#: Cells in all (rows × columns): keeps a file that would take minutes out.
MAX_CELLS = 20_000_000
#: Files larger than this are refused before reading.
MAX_FILE_BYTES = 256 * 1024 * 1024
#: Separators tried, in the order that breaks a tie.
SEPARATORS = (",", ";", "\t")
#: Encodings tried, in order (GB 18030 is a superset of GBK and GB 2312).
ENCODINGS = ("utf-8-sig", "gb18030")

_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+([eE][+-]?\d+)?")
_NONFINITE = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "-infinity", "+infinity"}


class CsvError(DataError):
    """A CSV file that cannot be read as a table; one message with the place.

    Attributes
    ----------
    line : int or None
        Line in the file (1-based), when the problem is on one line.
    column : int or None
        Column (1-based), when the problem is in one column.
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass(frozen=True, eq=False)
class Table:
    """A CSV file's content: column names and rows of text cells (all rows equally long).

    Attributes
    ----------
    columns : tuple of str
        Column names (from the header, or "column 1", "column 2", … without one).
    rows : tuple of tuple of str
        The cells, stripped of surrounding blanks; numbers written with a decimal comma
        are stored with a point, so every numeric cell is one ``float()`` away.
    name : str
        The file name, used in messages ("data.csv").
    lines : tuple of int or None
        The line in the file where each row starts (None for a table read back from a
        .nnsim file: messages then name the row).
    has_header, delimiter, encoding, decimal_comma
        How the file was read (shown in the import dialog).
    sha256 : str
        Checksum of the file's bytes ("" when not read from bytes).
    source : str or None
        The file's absolute path when it was read from disk.
    """

    columns: tuple
    rows: tuple
    name: str = "data.csv"
    lines: tuple | None = None
    has_header: bool = True
    delimiter: str = ","
    encoding: str = "utf-8"
    decimal_comma: bool = False
    sha256: str = ""
    source: str | None = None

    @property
    def n_rows(self) -> int:
        """Number of data rows."""
        return len(self.rows)

    @property
    def stem(self) -> str:
        """The file name without its suffix ("watermelon3")."""
        return Path(self.name).stem or self.name

    def where(self, row: int, column: int | None = None) -> str:
        """ "data.csv, line 7, column 2 ('sugar')" for data row ``row`` (0-based)."""
        place = f"line {self.lines[row]}" if self.lines is not None else f"row {row + 1}"
        text = f"{self.name}, {place}"
        if column is not None:
            text += f", column {column + 1} ({self.columns[column]!r})"
        return text

    def line_of(self, row: int) -> int | None:
        """The file line of data row ``row`` (None when unknown)."""
        return None if self.lines is None else self.lines[row]

    def column_index(self, name_or_index) -> int:
        """The 0-based index of a column given by name or (0-based, negative ok) index."""
        n = len(self.columns)
        if isinstance(name_or_index, bool):
            raise DataError(f"{self.name}: a column is a name or a number, not {name_or_index!r}")
        if isinstance(name_or_index, int):
            if not -n <= name_or_index < n:
                raise DataError(
                    f"{self.name}: column {name_or_index} does not exist; the file has {n} columns"
                )
            return name_or_index % n
        name = str(name_or_index)
        try:
            return self.columns.index(name)
        except ValueError:
            shown = ", ".join(repr(c) for c in self.columns[:20])
            more = f" … ({n} in all)" if n > 20 else ""
            raise DataError(
                f"{self.name}: no column named {name!r}; the columns are {shown}{more}"
            ) from None

    def column(self, index: int) -> list[str]:
        """The cells of one column, top to bottom."""
        return [r[index] for r in self.rows]

    def text_size(self) -> int:
        """Characters of all cells (what keeping the table inline in a file costs)."""
        return sum(len(c) + 3 for r in self.rows for c in r) + sum(len(c) + 3 for c in self.columns)


# --------------------------------------------------------------------------- reading
def _decode(raw: bytes, name: str) -> tuple[str, str]:
    first_error = None
    for encoding in ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as e:
            first_error = first_error or e
            continue
        if encoding == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        return text, encoding
    pos = first_error.start
    line = raw.count(b"\n", 0, pos) + 1
    raise CsvError(
        f"{name}, line {line}: the file is not text (neither UTF-8 nor GBK / GB 18030; "
        f"byte 0x{raw[pos]:02x} at position {pos})",
        line,
    )


def _sniff(text: str) -> str:
    """The separator whose count is the same (and largest) on the first lines.

    Counted outside quotes, line by line, over at most 20 non-blank lines: linear in the
    size of those lines.
    """
    lines = [ln for ln in text.splitlines()[:200] if ln.strip()][:20]
    if not lines:
        return ","
    best, best_score = ",", (-1, -1)
    for sep in SEPARATORS:
        counts = [_count_unquoted(ln, sep) for ln in lines]
        if not counts[0]:
            continue
        agree = sum(c == counts[0] for c in counts)
        score = (agree, counts[0])
        if score > best_score:
            best, best_score = sep, score
    return best


def _count_unquoted(line: str, sep: str) -> int:
    if '"' not in line:
        return line.count(sep)
    # split on quotes: the even parts are outside quoted fields
    return sum(part.count(sep) for part in line.split('"')[::2])


def is_number(cell: str) -> bool:
    """True for a plain decimal number such as "0.697", "-2e-1", "3." (not "nan", "1_0")."""
    return _NUMBER.fullmatch(cell) is not None


def read_table(
    source,
    *,
    name: str | None = None,
    delimiter: str | None = None,
    header: bool | None = None,
    max_columns: int = MAX_COLUMNS,
    max_rows: int = MAX_ROWS,
) -> Table:
    """Read a CSV file (a path or its bytes) into a :class:`Table`.

    Parameters
    ----------
    source : str, pathlib.Path or bytes
        The file, or its content.
    name : str, optional
        The name messages use (default: the file name, or "data.csv" for bytes).
    delimiter : str, optional
        "," ";" or tab; None sniffs it from the first lines.
    header : bool, optional
        Whether the first non-blank line names the columns; None guesses.
    max_columns, max_rows : int
        Limits (default :data:`MAX_COLUMNS`, :data:`MAX_ROWS`); a bigger file is refused.

    Returns
    -------
    Table

    Raises
    ------
    CsvError
        Naming the file, the line and the column: not text, a quote left open, a row with
        more or fewer cells than the header, no rows, too many columns or rows, a header
        with an empty or repeated name.
    """
    path = None
    if isinstance(source, (bytes, bytearray, memoryview)):
        raw = bytes(source)
        name = name or "data.csv"
    else:
        path = Path(source)
        name = name or path.name
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise CsvError(f"{name}: the file is larger than {MAX_FILE_BYTES // 2**20} MB")
            raw = path.read_bytes()
        except FileNotFoundError:
            raise CsvError(f"{path}: file not found") from None
        except IsADirectoryError:
            raise CsvError(f"{path}: is a folder, not a file") from None
        except OSError as exc:
            raise CsvError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if delimiter is not None and delimiter not in SEPARATORS:
        raise CsvError(f"the separator must be ',', ';' or a tab, not {delimiter!r}")
    digest = hashlib.sha256(raw).hexdigest()
    text, encoding = _decode(raw, name)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise CsvError(
            f"{name}, line {line}: the file holds a NUL byte; it is not a CSV file", line
        )
    sep = delimiter or _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    cells: list[list[str]] = []
    lines: list[int] = []
    width = None
    try:
        end = 0
        for row in reader:
            start, end = end + 1, reader.line_num
            if not any(c.strip() for c in row):
                continue  # a blank line (or one of only separators)
            if width is None:
                width = len(row)
                if width > max_columns:
                    raise CsvError(
                        f"{name}, line {start}: {width} columns, more than the limit of "
                        f"{max_columns:,}",
                        start,
                    )
            elif len(row) != width:
                raise CsvError(
                    f"{name}, line {start}: {len(row)} values, but the first line has {width} "
                    f"columns",
                    start,
                    min(len(row), width) + 1,
                )
            if len(cells) > max_rows:  # the header may be one of them
                raise CsvError(
                    f"{name}, line {start}: more than {max_rows:,} rows, the limit", start
                )
            cells.append([c.strip() for c in row])
            lines.append(start)
            if len(cells) * width > MAX_CELLS:
                raise CsvError(
                    f"{name}, line {start}: more than {MAX_CELLS:,} cells in all, the limit", start
                )
    except csv.Error as exc:
        line = reader.line_num or 1
        msg = str(exc)
        if "eof" in msg.lower() or "end of data" in msg.lower():
            msg = 'a quote (") is opened and never closed'
        elif "expected" in msg and "after" in msg:
            msg = f'text after a closing quote ("): {msg}'
        raise CsvError(f"{name}, line {line}: {msg}", line) from None
    if not cells:
        raise CsvError(f"{name}: the file is empty (no line holds a value)")
    decimal_comma = sep != "," and _has_decimal_comma(cells)
    if decimal_comma:
        cells = [[_point(c) for c in row] for row in cells]
    if header is None:
        header = _looks_like_header(cells)
    if header:
        columns = cells[0]
        _check_header(columns, name, lines[0])
        cells, lines = cells[1:], lines[1:]
        if not cells:
            raise CsvError(f"{name}: the file has a header line but no data lines")
    else:
        columns = [f"column {k + 1}" for k in range(width)]
    return Table(
        columns=tuple(columns),
        rows=tuple(tuple(r) for r in cells),
        name=name,
        lines=tuple(lines),
        has_header=bool(header),
        delimiter=sep,
        encoding=encoding,
        decimal_comma=decimal_comma,
        sha256=digest,
        source=None if path is None else str(path.resolve()),
    )


def _has_decimal_comma(cells: list[list[str]]) -> bool:
    for row in cells[:200]:
        for c in row:
            if "," in c and _DECIMAL_COMMA.fullmatch(c):
                return True
    return False


def _point(cell: str) -> str:
    return cell.replace(",", ".") if _DECIMAL_COMMA.fullmatch(cell) else cell


def _looks_like_header(cells: list[list[str]]) -> bool:
    """Guess whether the first row names the columns.

    Yes when some column holds numbers below a first cell that is not one ("density"
    over 0.697, 0.774, …); no when the first row is all numbers; otherwise yes when the
    first row's cells are distinct and none of them appears again below in its column
    (a header of text over text, as in 色泽 over 青绿, 乌黑, …).
    """
    first = cells[0]
    if len(cells) == 1:
        return not all(is_number(c) for c in first if c)
    if all(is_number(c) for c in first):
        return False
    rest = cells[1 : 1 + 50]
    for j, head in enumerate(first):
        if not is_number(head) and all(is_number(r[j]) for r in rest if r[j]):
            if any(r[j] for r in rest):
                return True
    if len(set(first)) != len(first) or not all(first):
        return False
    for j, head in enumerate(first):
        if any(r[j] == head for r in cells[1:]):
            return False
    return True


def _check_header(columns: list[str], name: str, line: int) -> None:
    for j, col in enumerate(columns):
        if not col:
            raise CsvError(f"{name}, line {line}: column {j + 1} has no name", line, j + 1)
    counts = Counter(columns)  # one pass: linear in the number of columns
    if len(counts) != len(columns):
        seen = set()
        for j, col in enumerate(columns):
            if col in seen:  # name the second one: the first is where it belongs
                raise CsvError(
                    f"{name}, line {line}, column {j + 1}: the column name {col!r} appears "
                    f"{counts[col]} times",
                    line,
                    j + 1,
                )
            seen.add(col)


def load_csv(
    path,
    target=None,
    kind: str | None = None,
    delimiter: str | None = None,
    *,
    features=None,
    standardize: bool = False,
    header: bool | None = None,
    train_fraction: float = 1.0,
    seed: int = 0,
    max_columns: int = MAX_COLUMNS,
    max_rows: int = MAX_ROWS,
):
    """Read a data set from a CSV file (read the table, then encode it).

    Parameters
    ----------
    path : str, pathlib.Path or bytes
        The file (see :func:`read_table` for what is read).
    target : str or int, optional
        Name or 0-based position of the target column; default the last column.
    kind : {"binary", "multiclass", "regression"}, optional
        The task; default proposed from the target column (text with two values or
        numbers that are all 0/1: two classes; more text values: k classes; other
        numbers: regression).
    delimiter : str, optional
        "," ";" or tab; default sniffed.
    features : list of str or int, optional
        The input columns; default every other column except an index column (1, 2, …, n).
    standardize : bool
        Scale numeric input columns to mean 0 and standard deviation 1 (off by default;
        mean and deviation from the training part).
    header : bool, optional
        Whether the first line names the columns; default guessed.
    train_fraction : float
        Share of rows for training, in (0, 1]; below 1 the rest becomes the test part
        (stratified by class, shuffled with ``seed``).
    seed : int
        Seed of the split.
    max_columns, max_rows : int
        Limits of the file's size.

    Returns
    -------
    Dataset
        Text classes are numbered in sorted order and named in ``class_names``
        (so "no"/"yes" and 否/是 become 0/1); categorical inputs are one-hot encoded
        ("色泽=青绿", …); ``notes`` describes the encoding.

    Raises
    ------
    DataError
        One message naming the file, line and column (a :class:`CsvError` for the file's
        layout).
    """
    from nnsim.data.table import encode_table

    table = read_table(
        path, delimiter=delimiter, header=header, max_columns=max_columns, max_rows=max_rows
    )
    return encode_table(
        table,
        target=target,
        features=features,
        task=kind,
        standardize=standardize,
        train_fraction=train_fraction,
        seed=seed,
    ).dataset
