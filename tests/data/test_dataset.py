"""Tests of the Dataset container: validation, split, subset."""

import numpy as np
import pytest

from nnsim.data import DataError, Dataset, as_rng


def three_classes():
    # 50 of class 0, 30 of class 1, 20 of class 2; the input is the row number.
    y = np.repeat([0, 1, 2], [50, 30, 20])
    return Dataset(
        x=np.arange(100, dtype=float)[:, None],
        y=y,
        kind="multiclass",
        feature_names=["row"],
        class_names=["a", "b", "c"],
        class_names_zh=["甲", "乙", "丙"],
        name="three",
    )


def test_binary_target_is_stored_as_float_column():
    d = Dataset(
        x=[[0, 1], [1, 0]],
        y=[1, 0],
        kind="binary",
        feature_names=["a", "b"],
        class_names=["no", "yes"],
    )
    assert d.x.dtype == np.float64 and d.y.dtype == np.float64
    assert d.y.shape == (2, 1)
    assert d.labels().tolist() == [1, 0]
    assert (d.n_samples, d.n_features, d.n_classes, len(d)) == (2, 2, 2, 2)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(kind="nope"), "kind must be one of"),
        (dict(y=[0, 2]), "only 0 and 1"),
        (dict(y=[0, 1, 1]), "x has 2 samples"),
        (dict(feature_names=["a"]), "1 feature names for 2 input features"),
        (dict(class_names=["only"]), "exactly two class names"),
        (dict(class_names=None), "needs class names"),
        (dict(kind="sequence", x=np.zeros((2, 3, 2)), y=[0, 1], class_names=None), "class names"),
        (dict(x=[[0, np.nan], [1, 0]]), "NaN or infinite"),
        (dict(x=[0, 1]), "must have 2 axes"),
        (dict(x_test=[[0, 0]]), "given together"),
        (dict(x=np.zeros((0, 2)), y=np.zeros(0)), "holds no samples"),
    ],
)
def test_bad_construction_raises_dataerror(kwargs, message):
    args = dict(
        x=[[0, 1], [1, 0]],
        y=[1, 0],
        kind="binary",
        feature_names=["a", "b"],
        class_names=["no", "yes"],
    )
    args.update(kwargs)
    with pytest.raises(DataError, match=message):
        Dataset(**args)


def test_dataerror_is_a_valueerror():
    assert issubclass(DataError, ValueError)


def test_multiclass_labels_out_of_range():
    with pytest.raises(DataError, match=r"0\.\.1, found 0\.\.2"):
        Dataset(
            x=[[0], [1], [2]],
            y=[0, 1, 2],
            kind="multiclass",
            feature_names=["a"],
            class_names=["p", "q"],
        )


def test_split_is_a_shuffled_partition():
    d = three_classes()
    train, test = d.split(0.7, rng=3)
    assert (len(train), len(test)) == (70, 30)
    rows = np.concatenate([train.x[:, 0], test.x[:, 0]])
    assert sorted(rows.tolist()) == list(range(100))
    # every row keeps its own label
    for part in (train, test):
        assert np.array_equal(part.y, d.y[part.x[:, 0].astype(int)])
    assert train.x_test is None and test.class_names == ["a", "b", "c"]
    assert not np.array_equal(train.x[:, 0], np.sort(train.x[:, 0]))  # shuffled


def test_split_is_deterministic_from_the_seed():
    d = three_classes()
    a, _ = d.split(0.5, rng=7)
    b, _ = d.split(0.5, rng=7)
    c, _ = d.split(0.5, rng=8)
    assert np.array_equal(a.x, b.x)
    assert not np.array_equal(a.x, c.x)


def test_stratified_split_keeps_class_shares():
    train, test = three_classes().split(0.5, rng=0, stratified=True)
    assert np.bincount(train.y).tolist() == [25, 15, 10]
    assert np.bincount(test.y).tolist() == [25, 15, 10]


@pytest.mark.parametrize("fraction", [0.0, 1.0, 0.001, 1.5])
def test_split_rejects_empty_parts(fraction):
    with pytest.raises(DataError):
        three_classes().split(fraction)


def test_stratified_subset_uses_largest_remainders():
    d = three_classes()
    s = d.subset(10, rng=1)
    assert np.bincount(s.y).tolist() == [5, 3, 2]
    # shares 3.5, 2.1, 1.4: floors 3, 2, 1, the leftover one goes to class 0 (0.5) ...
    assert np.bincount(d.subset(7, rng=1).y).tolist() == [4, 2, 1]
    # ... and for 9: 4.5, 2.7, 1.8 → floors 4, 2, 1 and the two left go to classes 2 and 1
    assert np.bincount(d.subset(9, rng=1).y).tolist() == [4, 3, 2]
    # rows stay in their original order and keep their labels
    assert np.all(np.diff(s.x[:, 0]) > 0)
    assert np.array_equal(s.y, d.y[s.x[:, 0].astype(int)])


def test_subset_determinism_and_unstratified_draw():
    d = three_classes()
    assert np.array_equal(d.subset(20, rng=5).x, d.subset(20, rng=5).x)
    assert not np.array_equal(d.subset(20, rng=5).x, d.subset(20, rng=6).x)
    assert len(d.subset(20, rng=5, stratified=False)) == 20


@pytest.mark.parametrize("n", [0, 101, 2.5, True])
def test_subset_size_checked(n):
    with pytest.raises(DataError, match="subset size"):
        three_classes().subset(n)


def test_subset_keeps_test_part():
    d = three_classes()
    d.x_test, d.y_test = d.x[:5], d.y[:5]
    s = d.subset(10)
    assert s.x_test is d.x_test
    assert np.array_equal(s.test_set().x, d.x[:5])


def test_regression_subset_and_labels():
    d = Dataset(
        x=np.arange(10.0)[:, None], y=np.arange(10.0), kind="regression", feature_names=["t"]
    )
    assert d.y.shape == (10, 1) and d.labels() is None and d.n_classes is None
    assert len(d.subset(4, rng=0)) == 4


def test_names_and_titles_in_both_languages():
    d = three_classes()
    assert d.names("zh") == (["row"], ["甲", "乙", "丙"])
    assert d.names("en") == (["row"], ["a", "b", "c"])
    assert d.title("en") == "three"


def test_as_rng():
    g = np.random.default_rng(1)
    assert as_rng(g) is g
    assert as_rng(None).random() == np.random.default_rng(0).random()
    with pytest.raises(DataError, match="seed"):
        as_rng(-1)
    with pytest.raises(DataError, match="seed"):
        as_rng(1.5)
