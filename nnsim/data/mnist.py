"""MNIST handwritten digits: a checked reader of IDX files and a cached loader."""

from __future__ import annotations

import gzip
import hashlib
import struct
import threading
import zlib
from pathlib import Path

import numpy as np

from nnsim.data.dataset import DataError, Dataset, as_rng
from nnsim.paths import resource as bundled

IMAGES_MAGIC = 2051
"""Magic number of an IDX file of unsigned-byte images (0x00000803: ubyte, 3 axes)."""
LABELS_MAGIC = 2049
"""Magic number of an IDX file of unsigned-byte labels (0x00000801: ubyte, 1 axis)."""

_WHAT = {IMAGES_MAGIC: "an image file", LABELS_MAGIC: "a label file"}

# Each part with the names it is found under: LeCun's original names, the dotted
# variant some mirrors use, each raw or gzip-compressed.
_PARTS = {
    "train_images": ("train-images-idx3-ubyte", "train-images.idx3-ubyte"),
    "train_labels": ("train-labels-idx1-ubyte", "train-labels.idx1-ubyte"),
    "test_images": ("t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte"),
    "test_labels": ("t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte"),
}

ATTRIBUTION = (
    'MNIST: Yann LeCun, Corinna Cortes and Christopher J.C. Burges, "The MNIST database of '
    'handwritten digits"; licensed under Creative Commons Attribution-Share Alike 3.0 '
    "(CC BY-SA 3.0)."
)

_cache: dict[tuple, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}
_cache_lock = threading.Lock()


def default_folder() -> Path:
    """The folder of the MNIST files that ship with nnsim."""
    return bundled("datasets", "mnist")


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, gunzipped when the file starts with the gzip signature."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        return gzip.decompress(raw)
    except EOFError:
        raise DataError(f"{path}: the gzip data ends early (the file is truncated)") from None
    except (OSError, zlib.error) as exc:
        raise DataError(f"{path}: not a valid gzip file ({exc})") from None


def read_idx(path: str | Path, expected_magic: int | None = None) -> np.ndarray:
    """Read one IDX file of unsigned bytes (raw or gzip-compressed).

    Parameters
    ----------
    path : str or pathlib.Path
        The file.
    expected_magic : int or None
        2051 for images, 2049 for labels; None accepts any unsigned-byte IDX file.

    Returns
    -------
    numpy.ndarray
        uint8 array with the shape given in the header (read-only).

    Raises
    ------
    DataError
        The file is missing, is not gzip/IDX, has the wrong magic number, or holds fewer
        or more data bytes than its header promises. The message names the file.
    """
    path = Path(path)
    raw = _read_bytes(path)
    if len(raw) < 4:
        raise DataError(f"{path}: only {len(raw)} bytes, too short to be an IDX file")
    magic = int.from_bytes(raw[:4], "big")
    if expected_magic is not None and magic != expected_magic:
        found = _WHAT.get(magic, "not an MNIST IDX file")
        raise DataError(
            f"{path}: wrong magic number {magic} ({found}); expected {expected_magic} "
            f"({_WHAT.get(expected_magic, 'IDX')})"
        )
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08 or raw[3] == 0:
        raise DataError(f"{path}: magic number {magic} is not that of an unsigned-byte IDX file")
    ndim = raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise DataError(f"{path}: the header is cut short ({len(raw)} of {header} bytes)")
    dims = struct.unpack(f">{ndim}I", raw[4:header])
    expected = int(np.prod(dims, dtype=np.int64))
    have = len(raw) - header
    shape = " × ".join(map(str, dims))
    if have < expected:
        raise DataError(
            f"{path}: truncated: the header promises {shape} = {expected} bytes of data, "
            f"the file holds {have}"
        )
    if have > expected:
        raise DataError(
            f"{path}: {have - expected} bytes more than the header's {shape} = {expected}"
        )
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(dims)


def find_files(folder: str | Path | None = None) -> dict[str, Path]:
    """Locate the four MNIST files in a folder.

    Returns
    -------
    dict
        "train_images", "train_labels", "test_images", "test_labels" → path.
    """
    folder = default_folder() if folder is None else Path(folder)
    if not folder.is_dir():
        raise DataError(f"{folder}: no such folder")
    found = {}
    for part, stems in _PARTS.items():
        names = [s + ext for s in stems for ext in (".gz", "")]
        for name in names:
            if (folder / name).is_file():
                found[part] = folder / name
                break
        else:
            raise DataError(f"{folder}: no MNIST file {names[0]} (or {names[1]}, {names[3]})")
    return found


def _read_folder(folder: Path):
    files = find_files(folder)
    # Key on size and modification time too, so files replaced on disk are read again.
    key = (folder.resolve(),) + tuple(
        (p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files.values()
    )
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            return hit
        arrays = []
        for split in ("train", "test"):
            img_path, lab_path = files[f"{split}_images"], files[f"{split}_labels"]
            images = read_idx(img_path, IMAGES_MAGIC)
            labels = read_idx(lab_path, LABELS_MAGIC)
            if images.shape[0] != labels.shape[0]:
                raise DataError(
                    f"{img_path} holds {images.shape[0]} images but {lab_path} "
                    f"holds {labels.shape[0]} labels"
                )
            if labels.size and labels.max() > 9:
                raise DataError(f"{lab_path}: label {labels.max()} is not a digit 0–9")
            arrays += [images, labels]
        for old in [k for k in _cache if k[0] == key[0]]:
            del _cache[old]
        _cache[key] = tuple(arrays)
        return _cache[key]


def clear_cache() -> None:
    """Forget the parsed MNIST arrays (the next load reads the files again)."""
    with _cache_lock:
        _cache.clear()


def _make(images, labels, normalize: bool, dtype, part: str) -> Dataset:
    rows, cols = images.shape[1:]
    x = images.reshape(len(images), rows * cols)
    if normalize:
        x = x.astype(dtype)
        x /= 255.0
    else:
        x = x.copy()  # the cached arrays are read-only and shared
    digits = [str(d) for d in range(10)]
    return Dataset(
        x=x,
        y=labels.astype(np.int64),
        kind="multiclass",
        feature_names=[f"pixel({r},{c})" for r in range(rows) for c in range(cols)],
        class_names=digits,
        class_names_zh=list(digits),
        target_name="digit",
        target_name_zh="数字",
        name="mnist" if part == "train" else "mnist_test",
        title_zh="MNIST 手写数字" + ("" if part == "train" else "（测试集）"),
        title_en="MNIST handwritten digits" + ("" if part == "train" else " (test set)"),
        image_shape=(int(rows), int(cols)),
        notes=ATTRIBUTION,
    )


def load_mnist(
    folder: str | Path | None = None,
    normalize: bool = True,
    subset: int | tuple[int, int] | None = None,
    seed=0,
    dtype=np.float64,
) -> tuple[Dataset, Dataset]:
    """Load the MNIST training and test sets.

    Parameters
    ----------
    folder : str, pathlib.Path or None
        Folder with the four IDX files (raw or .gz); None means the copy bundled with nnsim.
    normalize : bool
        True: pixels as floats in [0, 1] (grey level / 255). False: the raw uint8 grey levels.
    subset : int, (int, int) or None
        None: all 60,000 + 10,000 images. An int n: n training images and n // 6 test
        images (MNIST's 6 : 1 ratio, at least 1). A pair: (training, test) counts.
        Subsets are stratified: each digit keeps its share.
    seed : int or numpy.random.Generator
        Seed of the subset draw.
    dtype : numpy dtype
        Float type of normalised pixels (float64 by default; float32 halves the memory).

    Returns
    -------
    (Dataset, Dataset)
        Training and test sets: ``x`` (n, 784) row-major 28 × 28 images, ``y`` digit labels
        (n,) int64, ``image_shape`` (28, 28).

    Notes
    -----
    The parsed files are cached in memory per folder, so loading again is quick.
    """
    folder = default_folder() if folder is None else Path(folder)
    tr_img, tr_lab, te_img, te_lab = _read_folder(folder)
    if subset is None:
        counts = None
    elif isinstance(subset, (tuple, list)) and len(subset) == 2:
        counts = (subset[0], subset[1])
    elif isinstance(subset, (int, np.integer)) and not isinstance(subset, bool):
        counts = (int(subset), max(1, int(subset) // 6))
    else:
        raise DataError(f"subset must be a number of images or a pair of them, not {subset!r}")
    rng = as_rng(seed)
    parts = []
    for part, images, labels, limit in (
        ("train", tr_img, tr_lab, 0),
        ("test", te_img, te_lab, 1),
    ):
        if counts is not None:
            n = counts[limit]
            if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
                raise DataError(f"the {part} subset size must be a whole number, not {n!r}")
            if not 1 <= n <= len(labels):
                raise DataError(f"the {part} subset size must lie in 1..{len(labels)}, not {n}")
            # Pick the rows on the labels first so only the chosen images are converted.
            idx = _label_only(labels).subset(int(n), rng).x[:, 0].astype(np.int64)
            images, labels = images[idx], labels[idx]
        parts.append(_make(images, labels, normalize, dtype, part))
    return parts[0], parts[1]


def _label_only(labels: np.ndarray) -> Dataset:
    # A tiny stand-in whose only input is the row number, so Dataset.subset's stratified
    # draw can choose rows without copying 784 pixels per image.
    return Dataset(
        x=np.arange(len(labels), dtype=np.float64)[:, None],
        y=labels.astype(np.int64),
        kind="multiclass",
        feature_names=["row"],
        class_names=[str(d) for d in range(10)],
    )


def mnist_dataset(
    folder: str | Path | None = None,
    normalize: bool = True,
    subset: int | tuple[int, int] | None = None,
    seed=0,
    dtype=np.float64,
) -> Dataset:
    """MNIST as one data set: the training images with the test images attached.

    Same parameters as :func:`load_mnist`; the test part is in ``x_test``/``y_test``.
    """
    train, test = load_mnist(folder, normalize=normalize, subset=subset, seed=seed, dtype=dtype)
    train.x_test, train.y_test = test.x, test.y
    return train


def verify_checksums(folder: str | Path | None = None) -> list[str]:
    """Check the files of a folder against the SHA-256 sums in its ``SHA256SUMS`` file.

    Returns
    -------
    list of str
        The names of the files checked.

    Raises
    ------
    DataError
        SHA256SUMS is missing or unreadable, a listed file is missing, or a checksum differs.
    """
    folder = default_folder() if folder is None else Path(folder)
    sums_path = folder / "SHA256SUMS"
    try:
        lines = sums_path.read_text(encoding="utf-8").splitlines()
    except OSError:
        raise DataError(f"{sums_path}: file not found") from None
    checked = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        fields = line.split(maxsplit=1)
        if len(fields) != 2 or len(fields[0]) != 64:
            raise DataError(f"{sums_path}, line {number}: expected '<sha256>  <file name>'")
        want, name = fields[0].lower(), fields[1].strip().lstrip("*")
        path = folder / name
        if not path.is_file():
            raise DataError(f"{path}: listed in SHA256SUMS but missing")
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != want:
            raise DataError(f"{path}: SHA-256 checksum differs from SHA256SUMS (file damaged?)")
        checked.append(name)
    if not checked:
        raise DataError(f"{sums_path}: lists no files")
    return checked
