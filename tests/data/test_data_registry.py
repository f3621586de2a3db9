"""Tests of the data-set registry and of the package's import boundaries."""

import subprocess
import sys

import numpy as np
import pytest

from nnsim.data import DATASETS, DataError, Dataset, load_dataset

CHEAP = [name for name in DATASETS if name != "mnist"]


def test_registry_names():
    for name in [
        "and",
        "or",
        "not",
        "xor",
        "watermelon",
        "circle",
        "gauss",
        "spiral",
        "xor2d",
        "reg_plane",
        "reg_gauss",
        "sine",
        "parity",
        "rise_fall",
        "mnist",
    ]:
        assert name in DATASETS


@pytest.mark.parametrize("name", CHEAP)
def test_every_entry_builds_and_matches_its_menu_text(name):
    entry = DATASETS[name]
    d = load_dataset(name)
    assert isinstance(d, Dataset)
    assert (d.name, d.kind) == (name, entry.kind)
    assert (d.title_zh, d.title_en) == (entry.title_zh, entry.title_en)


@pytest.mark.parametrize("name", [n for n in CHEAP if "seed" in DATASETS[n].parameters()])
def test_seeded_entries_are_reproducible(name):
    a, b = load_dataset(name, seed=11), load_dataset(name, seed=11)
    assert np.array_equal(a.x, b.x) and np.array_equal(a.y, b.y)


def test_parameters_are_passed_through():
    d = load_dataset("Spiral", noise=10, n_points=100, train_fraction=0.2, seed=1)
    assert (len(d.x), len(d.x_test)) == (20, 80)
    assert DATASETS["circle"].parameters() == {
        "n_points": 500,
        "noise": 0.0,
        "train_fraction": 0.5,
        "seed": 0,
    }
    assert DATASETS["mnist"](subset=(20, 10)).x.shape == (20, 784)


def test_unknown_names_and_parameters():
    with pytest.raises(DataError, match="unknown data set 'iris'; the data sets are and, or"):
        load_dataset("iris")
    with pytest.raises(DataError, match="'circle' has no parameter 'nois'"):
        load_dataset("circle", nois=10)
    with pytest.raises(DataError, match="'watermelon' has no parameter 'seed' .*none"):
        load_dataset("watermelon", seed=1)


def test_data_package_imports_neither_qt_nor_the_engine():
    code = (
        "import sys, nnsim.data; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')"
        " or m.startswith('nnsim.engine') or m.startswith('nnsim.model')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
