"""Tests of the MNIST reader: the bundled files, checksums, and corrupt files."""

import gzip
import shutil
import struct
import time

import numpy as np
import pytest

from nnsim.data import DataError, load_mnist, mnist_dataset, read_idx, verify_checksums
from nnsim.data import mnist as mnist_module
from nnsim.data.mnist import IMAGES_MAGIC, LABELS_MAGIC, default_folder, find_files

TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def idx_bytes(magic, dims, payload):
    return struct.pack(f">I{len(dims)}I", magic, *dims) + bytes(payload)


def test_bundled_checksums():
    assert sorted(verify_checksums()) == [
        "t10k-images.idx3-ubyte.gz",
        "t10k-labels.idx1-ubyte.gz",
        "train-images.idx3-ubyte.gz",
        "train-labels.idx1-ubyte.gz",
    ]


def test_bundled_folder_carries_the_licence_notice():
    notice = (default_folder() / "NOTICE").read_text(encoding="utf-8")
    assert "Yann LeCun, Corinna Cortes and Christopher J.C. Burges" in notice
    assert "Creative Commons Attribution-Share Alike 3.0" in notice


def test_full_mnist_facts():
    # Parses all 70,000 images (about 0.5 s; raw grey levels, so no 400 MB float copy):
    # the course's numbers and the known class counts.
    train, test = load_mnist(normalize=False)
    assert train.x.shape == (60000, 784) and test.x.shape == (10000, 784)
    assert train.x.dtype == np.uint8 and train.image_shape == (28, 28)
    assert train.y[:5].tolist() == [5, 0, 4, 1, 9]
    assert test.y[:5].tolist() == [7, 2, 1, 0, 4]
    assert np.bincount(train.y).tolist() == TRAIN_COUNTS
    assert np.bincount(test.y).tolist() == TEST_COUNTS
    assert train.x.min() == 0 and train.x.max() == 255
    assert train.kind == "multiclass" and train.class_names == [str(d) for d in range(10)]
    assert "CC BY-SA 3.0" in train.notes
    first = train.x[0].reshape(28, 28)
    assert first[14, 13:19].tolist() == [81, 240, 253, 253, 119, 25]  # a stroke of the 5
    assert int(first.sum()) == 27525
    train.x[0, 0] = 7  # the caller's copy, not the cache
    assert load_mnist(normalize=False, subset=(10, 10))[0].x.max() <= 255


def test_normalised_pixels():
    raw, _ = load_mnist(normalize=False, subset=(300, 50), seed=2)
    scaled, _ = load_mnist(subset=(300, 50), seed=2)
    assert scaled.x.dtype == np.float64
    assert scaled.x.min() == 0.0 and scaled.x.max() == 1.0
    np.testing.assert_allclose(scaled.x, raw.x / 255.0, rtol=0, atol=0)
    assert np.array_equal(raw.y, scaled.y)


def test_second_load_comes_from_the_cache():
    load_mnist(subset=10)
    start = time.perf_counter()
    first = mnist_module._read_folder(default_folder())
    assert mnist_module._read_folder(default_folder()) is first
    assert time.perf_counter() - start < 0.1
    assert not first[0].flags.writeable


def test_stratified_subset():
    train, test = load_mnist(subset=1000, seed=0)
    assert train.x.shape == (1000, 784) and test.x.shape == (166, 784)
    # each digit keeps its share of the 60,000 (largest remainders)
    expected = np.array(TRAIN_COUNTS) * 1000 / 60000
    assert np.all(np.abs(np.bincount(train.y, minlength=10) - expected) < 1)
    again, _ = load_mnist(subset=1000, seed=0)
    other, _ = load_mnist(subset=1000, seed=1)
    assert np.array_equal(train.x, again.x) and not np.array_equal(train.x, other.x)
    small_train, small_test = load_mnist(subset=(50, 20), dtype=np.float32)
    assert (len(small_train), len(small_test)) == (50, 20)
    assert small_train.x.dtype == np.float32
    with pytest.raises(DataError, match="train subset size must lie in 1..60000"):
        load_mnist(subset=70000)
    with pytest.raises(DataError, match="subset must be"):
        load_mnist(subset="all")


def test_mnist_entry_attaches_the_test_part():
    d = mnist_dataset(subset=(100, 30))
    assert d.x.shape == (100, 784) and d.x_test.shape == (30, 784) and d.has_test


def make_folder(tmp_path, n_train=12, n_test=6, gz=True):
    rng = np.random.default_rng(0)
    files = {}
    for stem, n in (("train", n_train), ("t10k", n_test)):
        images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
        labels = np.arange(n, dtype=np.uint8) % 10
        for kind, magic, arr in (
            ("images-idx3", IMAGES_MAGIC, images),
            ("labels-idx1", LABELS_MAGIC, labels),
        ):
            data = idx_bytes(magic, arr.shape, arr.tobytes())
            name = f"{stem}-{kind}-ubyte"
            if gz:
                (tmp_path / (name + ".gz")).write_bytes(gzip.compress(data))
            else:
                (tmp_path / name).write_bytes(data)
            files[f"{stem}-{kind}"] = arr
    return files


@pytest.mark.parametrize("gz", [True, False])
def test_loads_a_folder_the_user_names(tmp_path, gz):
    files = make_folder(tmp_path, gz=gz)
    train, test = load_mnist(tmp_path, normalize=False)
    assert np.array_equal(train.x, files["train-images-idx3"].reshape(12, 784))
    assert train.y.tolist() == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]
    assert np.array_equal(test.x.reshape(6, 28, 28), files["t10k-images-idx3"])
    scaled, _ = load_mnist(tmp_path)
    np.testing.assert_allclose(scaled.x * 255, train.x)


def test_truncated_file(tmp_path):
    path = tmp_path / "train-images-idx3-ubyte"
    path.write_bytes(idx_bytes(IMAGES_MAGIC, (10, 28, 28), [0] * 1000))
    with pytest.raises(DataError) as info:
        read_idx(path, IMAGES_MAGIC)
    message = str(info.value)
    assert str(path) in message and "truncated" in message
    assert "10 × 28 × 28 = 7840 bytes" in message and "holds 1000" in message


def test_truncated_gzip_stream(tmp_path):
    source = default_folder() / "t10k-labels.idx1-ubyte.gz"
    path = tmp_path / "t10k-labels-idx1-ubyte.gz"
    path.write_bytes(source.read_bytes()[:2000])
    with pytest.raises(DataError, match="gzip data ends early"):
        read_idx(path, LABELS_MAGIC)


def test_wrong_magic_in_a_folder(tmp_path):
    make_folder(tmp_path)
    # swap in a label file where the training images belong
    labels = (tmp_path / "train-labels-idx1-ubyte.gz").read_bytes()
    (tmp_path / "train-images-idx3-ubyte.gz").write_bytes(labels)
    mnist_module.clear_cache()
    with pytest.raises(DataError) as info:
        load_mnist(tmp_path)
    message = str(info.value)
    assert "train-images-idx3-ubyte.gz" in message
    assert "wrong magic number 2049 (a label file); expected 2051 (an image file)" in message


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "too short"),
        (b"\x00\x00\x08", "too short"),
        (b"\x00\x00\x0d\x01\x00\x00\x00\x01abcd", "not that of an unsigned-byte IDX file"),
        (b"\x00\x00\x08\x03\x00\x00", "header is cut short"),
        (idx_bytes(LABELS_MAGIC, (3,), b"\x01\x02\x03\x04"), "1 bytes more than"),
        (b"\x1f\x8bnot really gzip", "not a valid gzip file"),
    ],
)
def test_corrupt_files(tmp_path, content, message):
    path = tmp_path / "bad-file"
    path.write_bytes(content)
    with pytest.raises(DataError, match=message) as info:
        read_idx(path)
    assert "bad-file" in str(info.value)


def test_folder_problems(tmp_path):
    with pytest.raises(DataError, match="no such folder"):
        load_mnist(tmp_path / "missing")
    with pytest.raises(DataError, match="no MNIST file train-images-idx3-ubyte.gz"):
        find_files(tmp_path)
    make_folder(tmp_path, n_train=12)
    (tmp_path / "train-labels-idx1-ubyte.gz").write_bytes(
        gzip.compress(idx_bytes(LABELS_MAGIC, (11,), [0] * 11))
    )
    with pytest.raises(DataError, match="holds 12 images but .* holds 11 labels"):
        load_mnist(tmp_path)
    (tmp_path / "train-labels-idx1-ubyte.gz").write_bytes(
        gzip.compress(idx_bytes(LABELS_MAGIC, (12,), [0] * 11 + [12]))
    )
    with pytest.raises(DataError, match="label 12 is not a digit"):
        load_mnist(tmp_path)


def test_checksum_mismatch(tmp_path):
    for name in ("t10k-labels.idx1-ubyte.gz", "train-labels.idx1-ubyte.gz"):
        shutil.copy(default_folder() / name, tmp_path / name)
    sums = [
        line
        for line in (default_folder() / "SHA256SUMS").read_text().splitlines()
        if "labels" in line
    ]
    (tmp_path / "SHA256SUMS").write_text("\n".join(sums) + "\n")
    assert len(verify_checksums(tmp_path)) == 2
    with open(tmp_path / "t10k-labels.idx1-ubyte.gz", "r+b") as fh:
        fh.seek(100)
        fh.write(b"\x00\x01")
    with pytest.raises(DataError, match="t10k-labels.idx1-ubyte.gz: SHA-256 checksum differs"):
        verify_checksums(tmp_path)
    (tmp_path / "t10k-labels.idx1-ubyte.gz").unlink()
    with pytest.raises(DataError, match="listed in SHA256SUMS but missing"):
        verify_checksums(tmp_path)
    (tmp_path / "SHA256SUMS").unlink()
    with pytest.raises(DataError, match="SHA256SUMS: file not found"):
        verify_checksums(tmp_path)
