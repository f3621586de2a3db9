"""The .nnsim file: UTF-8 JSON with a format version, saved atomically, loaded with full validation."""

from __future__ import annotations

import json
import math
import re
import stat
from pathlib import Path

from nnsim import __version__
from nnsim.model.atomic_file import SaveError, remove_stale_temp_files, write_atomic
from nnsim.model.document import DocumentError, NetworkDocument
from nnsim.model.serialize import document_from_dict, document_to_dict

#: The version this nnsim writes; it reads every version up to this one.
FORMAT_VERSION = 1
#: The ``format`` field every .nnsim file carries.
FORMAT_NAME = "nnsim"
#: The file suffix.
SUFFIX = ".nnsim"
#: Files larger than this are refused before parsing (10^7 weights as text fit well below).
MAX_FILE_BYTES = 512 * 1024 * 1024
#: The deepest nesting of lists and objects a file may have (a conv layer's weights,
#: four deep inside a link inside the list of links, are the deepest nnsim writes: 7).
MAX_DEPTH = 20
#: The longest number a file may spell (a saved float takes at most 24 characters);
#: longer ones are refused before Python's own, field-less, integer limit is reached.
MAX_NUMBER_CHARS = 100


class LoadError(ValueError):
    """A file that cannot be opened as a document; the message names the file and the place.

    Attributes
    ----------
    path : str or None
        The file.
    field : str or None
        The field path inside the document, e.g. ``layers[1].bias``.
    line, column : int or None
        Where a JSON syntax error is.
    """

    def __init__(self, message: str, *, path=None, field=None, line=None, column=None):
        super().__init__(message)
        self.path = None if path is None else str(path)
        self.field = field
        self.line = line
        self.column = column


# --------------------------------------------------------------------------- writing
def to_json_dict(doc: NetworkDocument, base_dir=None) -> dict:
    """The document with the format envelope (what a .nnsim file holds).

    ``base_dir`` is the folder the file goes to: a data table kept by path is named
    relative to it (see ``nnsim.model.datasection``).
    """
    out = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "generator": f"nnsim {__version__}",
        **document_to_dict(doc),
    }
    if getattr(doc, "data", None) is not None:
        from nnsim.model.datasection import data_to_dict

        out["data"] = data_to_dict(doc.data, base_dir)
    return out


def _scalar(v) -> str:
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"cannot save the non-finite number {v}")
        return repr(v)
    return json.dumps(v, ensure_ascii=False)


def _dump(obj, indent: int, out: list) -> None:
    """Pretty JSON where a list of plain numbers stays on one line (a row of weights)."""
    pad = "  " * indent
    if isinstance(obj, dict):
        if not obj:
            out.append("{}")
            return
        out.append("{\n")
        items = list(obj.items())
        for n, (k, v) in enumerate(items):
            out.append(f"{pad}  {json.dumps(str(k), ensure_ascii=False)}: ")
            _dump(v, indent + 1, out)
            out.append(",\n" if n < len(items) - 1 else "\n")
        out.append(pad + "}")
    elif isinstance(obj, (list, tuple)):
        if not obj:
            out.append("[]")
        elif all(not isinstance(v, (list, tuple, dict)) for v in obj):
            out.append("[" + ", ".join(_scalar(v) for v in obj) + "]")
        else:
            out.append("[\n")
            for n, v in enumerate(obj):
                out.append(pad + "  ")
                _dump(v, indent + 1, out)
                out.append(",\n" if n < len(obj) - 1 else "\n")
            out.append(pad + "]")
    else:
        out.append(_scalar(obj))


def dumps(doc: NetworkDocument, base_dir=None) -> str:
    """The text of a .nnsim file (Chinese kept as is, weights as readable nested lists)."""
    out: list[str] = []
    _dump(to_json_dict(doc, base_dir), 0, out)
    out.append("\n")
    return "".join(out)


def save(doc: NetworkDocument, path) -> Path:
    """Write ``doc`` to ``path`` atomically and keep the previous file as ``path.bak``.

    The text goes to a temporary file in the same folder, is flushed to disk (fsync) and
    then renamed over the target, so a crash leaves either the old or the new file, never
    half of one. Before that, the old file is copied (also atomically) to ``FILE.bak``.
    A file keeps its permission bits, a new one gets the user's default (the umask) and a
    new ``.bak`` those of the file it copies. Temp files that killed saves left in the
    folder are removed first.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    SaveError
        An ``OSError`` whose message names ``path`` (a missing folder, no permission...).
    ValueError
        The document holds a number JSON cannot write (inf, NaN).
    """
    path = Path(path)
    text = dumps(doc, path.resolve().parent).encode("utf-8")
    remove_stale_temp_files(path.parent if str(path.parent) else Path("."))
    try:
        old = path.read_bytes() if path.exists() else None
        bits = stat.S_IMODE(path.stat().st_mode) if old is not None else None
    except OSError as e:
        raise SaveError(f"{path}: cannot save there ({e.strerror or e})") from None
    if old is not None:
        write_atomic(path.with_name(path.name + ".bak"), old, mode=bits)
    write_atomic(path, text)
    return path


# --------------------------------------------------------------------------- reading
def _reject_constant(name):
    # json accepts NaN / Infinity by default; a weight must be a finite number.
    raise ValueError(f"{name} is not a finite number")


# A JSON string (quotes and escapes included), a bracket, a number longer than allowed.
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")
_LONG_NUMBER = re.compile(r"(?<![-+.eE0-9])[-+.eE0-9]{" + str(MAX_NUMBER_CHARS + 1) + ",}")


def _parse_int(digits: str) -> int:
    # Python refuses > 4300 digits with its own message; _check_shape names the place.
    return 0 if len(digits) > MAX_NUMBER_CHARS else int(digits)


def _where(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _check_shape(text: str, source: str) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH`` and numbers longer than ``MAX_NUMBER_CHARS``.

    Such a file is no nnsim file, and both would otherwise fail far from the parser (a
    RecursionError when saving, Python's integer limit) without saying where.
    """
    # Strings become placeholders of the same length, so positions (and lines) stay.
    bare = _STRING.sub(lambda m: '"' + "_" * (len(m.group()) - 2) + '"', text)
    m = _LONG_NUMBER.search(bare)
    if m is not None:
        line, col = _where(text, m.start())
        raise LoadError(
            f"{source}: line {line}, column {col}: a number of {len(m.group())} characters; "
            f"an nnsim file has numbers of at most {MAX_NUMBER_CHARS}",
            line=line,
            column=col,
        )
    depth = 0
    for m in _BRACKET.finditer(bare):
        depth += 1 if m.group() in "[{" else -1
        if depth > MAX_DEPTH:
            line, col = _where(text, m.start())
            raise LoadError(
                f"{source}: line {line}, column {col}: lists and objects nested more than "
                f"{MAX_DEPTH} deep; an nnsim file nests at most {MAX_DEPTH}",
                line=line,
                column=col,
            )


def loads(text, source: str = "the file") -> NetworkDocument:
    """Parse and validate the text of a .nnsim file (``str`` or UTF-8 ``bytes``).

    Raises
    ------
    LoadError
        With one clear message: the JSON line and column, the field path, a newer format
        version...; nothing else escapes.
    """
    try:
        return _loads(text, source)
    except LoadError:
        raise
    except (DocumentError, ValueError, TypeError, KeyError, IndexError, OverflowError) as e:
        # Anything the validators missed still becomes one clear message.
        raise LoadError(f"{source}: {e}", path=None) from None
    except RecursionError:
        # The JSON parser recurses per nesting level; no nnsim file nests that deep.
        raise LoadError(
            f"{source}: lists and objects nested more than {MAX_DEPTH} deep; "
            "the file is nested too deeply to be an nnsim file"
        ) from None
    except MemoryError:
        raise LoadError(f"{source}: the file is too large to open") from None


def _loads(text, source: str) -> NetworkDocument:
    if isinstance(text, (bytes, bytearray)):
        if len(text) > MAX_FILE_BYTES:
            raise LoadError(f"{source}: the file is larger than {MAX_FILE_BYTES // 2**20} MB")
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise LoadError(
                f"{source}: not UTF-8 text (bad byte at position {e.start}); "
                "is this really an .nnsim file?"
            ) from None
    if not text.strip():
        raise LoadError(f"{source}: the file is empty")
    if text.lstrip()[:1] not in ("{", "["):
        raise LoadError(
            f"{source}: not an nnsim file (it does not start with '{{')", line=1, column=1
        )
    try:
        obj = json.loads(text, parse_constant=_reject_constant, parse_int=_parse_int)
    except json.JSONDecodeError as e:
        raise LoadError(
            f"{source}: line {e.lineno}, column {e.colno}: malformed JSON ({e.msg})",
            line=e.lineno,
            column=e.colno,
        ) from None
    except ValueError as e:
        raise LoadError(f"{source}: {e}") from None
    except RecursionError:
        _check_shape(text, source)  # says where the nesting goes too deep
        raise
    _check_shape(text, source)
    if not isinstance(obj, dict):
        raise LoadError(f"{source}: not an nnsim file (the top level must be an object {{...}})")
    if obj.get("format") != FORMAT_NAME:
        if "format" not in obj:
            raise LoadError(
                f"{source}: not an nnsim file (the field 'format' is missing)", field="format"
            )
        raise LoadError(
            f"{source}: format: not an nnsim file (format is {obj['format']!r}, expected 'nnsim')",
            field="format",
        )
    version = obj.get("version")
    if "version" not in obj:
        raise LoadError(f"{source}: version: the field 'version' is missing", field="version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise LoadError(
            f"{source}: version: must be a whole number ≥ 1, got {version!r}", field="version"
        )
    if version > FORMAT_VERSION:
        raise LoadError(
            f"{source}: version: the file was made by a newer nnsim (format version {version}; "
            f"this nnsim {__version__} reads up to version {FORMAT_VERSION}). Update nnsim to open it.",
            field="version",
        )
    body = {k: v for k, v in obj.items() if k not in ("format", "version", "generator")}
    if "generator" in obj and not isinstance(obj["generator"], str):
        raise LoadError(f"{source}: generator: expected text", field="generator")
    try:
        return document_from_dict(body)
    except DocumentError as e:
        msg = str(e)
        field = msg.split(":", 1)[0] if ":" in msg else None
        raise LoadError(f"{source}: {msg}", field=field) from None


def load(path) -> NetworkDocument:
    """Read a .nnsim file and return a new document (the caller's current one is untouched).

    Raises
    ------
    LoadError
        For a missing or unreadable file and for every kind of bad content.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                f"{path.name}: the file is larger than {MAX_FILE_BYTES // 2**20} MB", path=path
            )
        data = path.read_bytes()
    except LoadError:
        raise
    except FileNotFoundError:
        raise LoadError(f"{path}: no such file", path=path) from None
    except IsADirectoryError:
        raise LoadError(f"{path}: is a folder, not a file", path=path) from None
    except PermissionError:
        raise LoadError(f"{path}: permission denied", path=path) from None
    except OSError as e:
        raise LoadError(f"{path}: cannot be read ({e.strerror or e})", path=path) from None
    try:
        doc = loads(data, source=path.name)
    except LoadError as e:
        e.path = str(path)
        raise
    if doc.data is not None:
        from nnsim.model.datasection import read_external

        doc.data = read_external(doc.data, path.resolve().parent)
    return doc
