"""Data sets of the course (logic gates, watermelon, Playground 2-D sets, MNIST, sequences).

Every data set is a :class:`Dataset`; every bad input raises :class:`DataError`.
``DATASETS`` maps a registry name to an entry that is called with keyword parameters;
``load_dataset(name, **params)`` does the same with a clear error for unknown names
and parameters. Random data sets are reproducible from their ``seed``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

from nnsim.data.csv_import import CsvError, Table, load_csv, read_table
from nnsim.data.dataset import KINDS, DataError, Dataset, as_rng
from nnsim.data.logic import GATE_NAMES, logic_gate
from nnsim.data.mnist import (
    IMAGES_MAGIC,
    LABELS_MAGIC,
    load_mnist,
    mnist_dataset,
    read_idx,
    verify_checksums,
)
from nnsim.data.sequences import (
    CORPORA,
    char_sequences,
    char_vocab,
    decode,
    encode,
    load_corpus,
    one_hot,
    parity,
    rise_fall,
    sine_waves,
)
from nnsim.data.table import EncodedTable, encode_table, propose_task
from nnsim.data.toy2d import (
    DOMAIN,
    FEATURES,
    circle,
    featurize,
    featurize_dataset,
    gauss,
    reg_gauss,
    reg_plane,
    spiral,
    xor2d,
)
from nnsim.data.watermelon import WATERMELON_3_0_ALPHA, load_watermelon


@dataclass(frozen=True)
class DatasetEntry:
    """One registry entry: the factory plus what a menu shows before anything is built.

    Calling the entry calls the factory: ``DATASETS["circle"](noise=10)``.
    """

    name: str
    factory: Callable[..., Dataset]
    title_zh: str
    title_en: str
    kind: str
    group: str

    def __call__(self, **params) -> Dataset:
        return self.factory(**params)

    def parameters(self) -> dict[str, object]:
        """The factory's keyword parameters and their defaults."""
        return {
            p.name: p.default
            for p in inspect.signature(self.factory).parameters.values()
            if p.default is not inspect.Parameter.empty
        }


def _gate(name: str) -> Callable[[], Dataset]:
    def factory() -> Dataset:
        return logic_gate(name)

    factory.__name__ = f"{name}_gate"
    factory.__doc__ = f"The {name.upper()} truth table."
    return factory


_ENTRIES = [
    DatasetEntry("and", _gate("and"), "逻辑与 (AND)", "AND gate", "binary", "logic"),
    DatasetEntry("or", _gate("or"), "逻辑或 (OR)", "OR gate", "binary", "logic"),
    DatasetEntry("not", _gate("not"), "逻辑非 (NOT)", "NOT gate", "binary", "logic"),
    DatasetEntry("xor", _gate("xor"), "异或 (XOR)", "XOR gate", "binary", "logic"),
    DatasetEntry(
        "watermelon",
        load_watermelon,
        "西瓜数据集 3.0α",
        "Watermelon data set 3.0α",
        "binary",
        "watermelon",
    ),
    DatasetEntry("circle", circle, "圆形", "Circle", "binary", "playground"),
    DatasetEntry("xor2d", xor2d, "异或（象限）", "XOR quadrants", "binary", "playground"),
    DatasetEntry("gauss", gauss, "两个高斯簇", "Two Gaussians", "binary", "playground"),
    DatasetEntry("spiral", spiral, "螺旋", "Spiral", "binary", "playground"),
    DatasetEntry(
        "reg_plane", reg_plane, "回归：平面", "Regression: plane", "regression", "playground"
    ),
    DatasetEntry(
        "reg_gauss",
        reg_gauss,
        "回归：多个高斯",
        "Regression: multi-Gaussian",
        "regression",
        "playground",
    ),
    DatasetEntry(
        "sine",
        sine_waves,
        "正弦波：预测下一个值",
        "Sine wave: predict the next value",
        "sequence",
        "sequence",
    ),
    DatasetEntry(
        "rise_fall",
        rise_fall,
        "序列分类：上升还是下降",
        "Sequence class: rising or falling",
        "sequence",
        "sequence",
    ),
    DatasetEntry("parity", parity, "奇偶校验", "Bit parity", "sequence", "sequence"),
    DatasetEntry(
        "chars",
        char_sequences,
        "字符序列：预测下一个字符",
        "Characters: predict the next one",
        "sequence",
        "sequence",
    ),
    DatasetEntry(
        "mnist", mnist_dataset, "MNIST 手写数字", "MNIST handwritten digits", "multiclass", "mnist"
    ),
]

DATASETS: dict[str, DatasetEntry] = {entry.name: entry for entry in _ENTRIES}
"""Registry: name → entry (callable with keyword parameters, returns a :class:`Dataset`)."""


def load_dataset(name: str, **params) -> Dataset:
    """Build a registered data set by name.

    Parameters
    ----------
    name : str
        A key of :data:`DATASETS`, e.g. "watermelon", "spiral", "mnist" (any case).
    **params
        Keyword parameters of that data set's factory (e.g. ``noise=20, seed=3``).

    Returns
    -------
    Dataset
    """
    key = str(name).strip().lower()
    entry = DATASETS.get(key)
    if entry is None:
        raise DataError(f"unknown data set {name!r}; the data sets are {', '.join(DATASETS)}")
    known = entry.parameters()
    for p in params:
        if p not in known:
            choices = ", ".join(known) if known else "none"
            raise DataError(
                f"the data set {key!r} has no parameter {p!r} (its parameters: {choices})"
            )
    return entry(**params)


__all__ = [
    "CORPORA",
    "DATASETS",
    "DOMAIN",
    "FEATURES",
    "GATE_NAMES",
    "IMAGES_MAGIC",
    "KINDS",
    "LABELS_MAGIC",
    "WATERMELON_3_0_ALPHA",
    "CsvError",
    "DataError",
    "Dataset",
    "DatasetEntry",
    "EncodedTable",
    "Table",
    "as_rng",
    "char_sequences",
    "char_vocab",
    "circle",
    "decode",
    "encode",
    "encode_table",
    "featurize",
    "featurize_dataset",
    "gauss",
    "load_corpus",
    "load_csv",
    "load_dataset",
    "load_mnist",
    "logic_gate",
    "mnist_dataset",
    "one_hot",
    "parity",
    "propose_task",
    "read_table",
    "read_idx",
    "reg_gauss",
    "reg_plane",
    "rise_fall",
    "sine_waves",
    "spiral",
    "verify_checksums",
    "load_watermelon",
    "xor2d",
]
