"""Tests of the TensorFlow Playground 2-D sets: geometry, balance, noise, seeds, errors."""

import math

import numpy as np
import pytest

from nnsim.data import (
    FEATURES,
    DataError,
    circle,
    featurize,
    featurize_dataset,
    gauss,
    reg_gauss,
    reg_plane,
    spiral,
    xor2d,
)
from nnsim.data.toy2d import GAUSS_BUMPS, reg_gauss_target

ALL = [circle, xor2d, gauss, spiral, reg_plane, reg_gauss]


def both(d):
    """Training and test parts together."""
    return np.concatenate([d.x, d.x_test]), np.concatenate([d.y, d.y_test])[:, 0]


@pytest.mark.parametrize("make", ALL)
def test_default_size_and_half_split(make):
    d = make()
    assert d.x.shape == (250, 2) and d.x_test.shape == (250, 2)
    assert d.y.shape == (250, 1) and d.feature_names == ["x1", "x2"]
    assert d.x.dtype == np.float64


@pytest.mark.parametrize("make", ALL)
def test_train_fraction_floors_like_playground(make):
    d = make(n_points=101, train_fraction=0.3)
    assert (len(d.x), len(d.x_test)) == (30, 71)


@pytest.mark.parametrize("make", ALL)
def test_deterministic_from_seed(make):
    a, b, c = make(seed=4), make(seed=4), make(seed=5)
    assert np.array_equal(a.x, b.x) and np.array_equal(a.y_test, b.y_test)
    assert not np.array_equal(a.x, c.x)


@pytest.mark.parametrize("make", [circle, gauss, spiral])
def test_classes_are_balanced(make):
    # half the points are made in each class (circle: at noise 0)
    _, y = both(make(n_points=500))
    assert set(np.unique(y)) == {0.0, 1.0}
    assert y.sum() == 250
    _, y = both(make(n_points=51))
    assert y.sum() == 26  # the odd point goes to class 1


def test_circle_radii_at_noise_0():
    x, y = both(circle(seed=2))
    r = np.hypot(x[:, 0], x[:, 1])
    inner, outer = r[y == 1], r[y == 0]
    assert inner.max() < 2.5 and outer.min() >= 3.5 and outer.max() <= 5.0
    # uniform radii: means 1.25 and 4.25, standard errors about 0.05 and 0.03
    assert abs(inner.mean() - 1.25) < 0.2 and abs(outer.mean() - 4.25) < 0.15
    # angles cover the circle evenly: the mean direction is near the centre
    assert np.hypot(*x[y == 1].mean(axis=0)) < 0.3


def test_circle_noise_changes_labels_near_the_boundary_only():
    clean, noisy = circle(seed=1), circle(seed=1, noise=30)
    assert np.array_equal(clean.x, noisy.x)  # Playground keeps the points
    x, y0 = both(clean)
    _, y1 = both(noisy)
    flipped = y0 != y1
    assert 0 < flipped.sum() < 250
    # a jitter of at most 5·0.3 per axis cannot flip a point farther than 1.5·√2 from r = 2.5
    r = np.hypot(x[flipped, 0], x[flipped, 1])
    assert np.all(np.abs(r - 2.5) <= 1.5 * math.sqrt(2))


def test_xor_quadrants_at_noise_0():
    x, y = both(xor2d(seed=3))
    assert np.array_equal(y, (x[:, 0] * x[:, 1] >= 0).astype(float))
    assert np.abs(x).min() >= 0.3 and np.abs(x).max() <= 5.3  # Playground's padding
    # the four quadrants each get about a quarter of the points
    quadrant = (x[:, 0] > 0) * 2 + (x[:, 1] > 0)
    assert np.all(np.abs(np.bincount(quadrant) - 125) < 40)


def test_xor_classes_are_roughly_balanced():
    # uniform points: the class count is binomial(500, 1/2), standard deviation about 11
    for seed in range(5):
        assert abs(both(xor2d(seed=seed))[1].sum() - 250) < 50


def test_xor_noise_flips_some_labels():
    clean, noisy = xor2d(seed=3), xor2d(seed=3, noise=50)
    assert np.array_equal(clean.x, noisy.x)
    assert 0.05 < np.mean(both(clean)[1] != both(noisy)[1]) < 0.5


def test_gauss_centres_and_variance():
    x, y = both(gauss(n_points=2000, seed=0))
    np.testing.assert_allclose(x[y == 1].mean(axis=0), [2, 2], atol=0.1)
    np.testing.assert_allclose(x[y == 0].mean(axis=0), [-2, -2], atol=0.1)
    np.testing.assert_allclose(x[y == 1].var(axis=0), [0.5, 0.5], atol=0.08)
    # noise 50 % gives variance 4 (Playground's scale 0.5 → 4)
    x, y = both(gauss(n_points=2000, noise=50, seed=0))
    np.testing.assert_allclose(x[y == 0].var(axis=0), [4, 4], rtol=0.15)


def test_gauss_noise_moves_points():
    assert not np.array_equal(gauss(seed=1).x, gauss(seed=1, noise=20).x)


def test_spiral_arms_at_noise_0():
    x, y = both(spiral(seed=0))
    pos, neg = x[y == 1], x[y == 0]
    # radii along each arm are exactly 5·i/250, i = 0..249
    for arm in (pos, neg):
        np.testing.assert_allclose(np.sort(np.hypot(*arm.T)), 5 * np.arange(250) / 250, atol=1e-12)
    # the second arm is the first turned by π: the point set is mirrored through the origin
    key = lambda a: a[np.lexsort(np.round(a, 9).T)]  # noqa: E731
    np.testing.assert_allclose(key(-pos), key(neg), atol=1e-12)
    # angle turns 1.75 full turns: the last point of arm 1 is at t = 1.75·2π·249/250
    last = pos[np.argmax(np.hypot(*pos.T))]
    t = 1.75 * 2 * np.pi * 249 / 250
    np.testing.assert_allclose(last, [4.98 * np.sin(t), 4.98 * np.cos(t)], atol=1e-12)


def test_spiral_noise_moves_points_by_at_most_noise():
    clean, noisy = both(spiral(seed=0))[0], both(spiral(seed=0, noise=40))[0]
    shift = np.abs(noisy - clean)
    assert shift.max() <= 0.4 and shift.max() > 0.3


def test_reg_plane_target():
    d = reg_plane(seed=0)
    x, y = both(d)
    np.testing.assert_allclose(y, (x[:, 0] + x[:, 1]) / 10, atol=1e-15)
    assert np.abs(x).max() <= 6 and d.kind == "regression" and d.class_names is None
    noisy = both(reg_plane(seed=0, noise=20))[1]
    assert not np.allclose(noisy, y)
    assert np.abs(noisy - y).max() <= 2 * 6 * 0.2 / 10 + 1e-12


def reference_bumps(px, py):
    # Playground's loop written out: start at 0, keep the value of largest magnitude.
    label = 0.0
    for cx, cy, sign in GAUSS_BUMPS:
        v = sign * min(1.0, max(0.0, 1 - math.hypot(px - cx, py - cy) / 2))
        if abs(v) > abs(label):
            label = v
    return label


def test_reg_gauss_target_matches_a_reference_loop():
    x, y = both(reg_gauss(seed=0))
    ref = np.array([reference_bumps(a, b) for a, b in x])
    np.testing.assert_allclose(y, ref, atol=1e-15)
    assert y.min() >= -1 and y.max() <= 1
    assert reg_gauss_target([[-4, 2.5], [0, 2.5], [1, 2.5], [0, 0]]).tolist() == [1, -1, -0.5, 0]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(noise=51), "noise is a percentage from 0 to 50"),
        (dict(noise=-1), "noise is a percentage"),
        (dict(train_fraction=0.95), "train_fraction must lie between 0.1 and 0.9"),
        (dict(train_fraction=0.05), "train_fraction"),
        (dict(n_points=5), "n_points must lie between 10"),
        (dict(n_points=20.5), "n_points must be a whole number"),
        (dict(seed=-3), "seed"),
        (dict(noise="lots"), "must be numbers"),
    ],
)
@pytest.mark.parametrize("make", [circle, spiral, reg_gauss])
def test_bad_parameters(make, kwargs, message):
    with pytest.raises(DataError, match=message):
        make(**kwargs)


def test_featurize_values():
    x = np.array([[1.0, 2.0], [-0.5, 3.0]])
    f = featurize(x, FEATURES)
    expected = [
        [1, 2, 1, 4, 2, math.sin(1), math.sin(2)],
        [-0.5, 3, 0.25, 9, -1.5, math.sin(-0.5), math.sin(3)],
    ]
    np.testing.assert_allclose(f, expected, atol=1e-15)
    assert featurize(x, ["x1*x2"]).shape == (2, 1)


def test_featurize_errors():
    with pytest.raises(DataError, match="unknown input feature 'cos\\(x1\\)'"):
        featurize(np.zeros((3, 2)), ["x1", "cos(x1)"])
    with pytest.raises(DataError, match="at least one"):
        featurize(np.zeros((3, 2)), [])
    with pytest.raises(DataError, match="shape"):
        featurize(np.zeros((3, 3)), ["x1"])


def test_featurize_dataset_keeps_targets():
    d = circle(seed=0)
    f = featurize_dataset(d, ["x1^2", "x2^2"])
    assert f.feature_names == ["x1^2", "x2^2"]
    np.testing.assert_allclose(f.x_test, d.x_test**2)
    assert np.array_equal(f.y, d.y)
