"""The 2-D toy data sets of TensorFlow Playground: circle, XOR, Gaussians, spiral, regressions.

The geometry follows Playground's generators (its ``dataset.ts``): points live in the
square [-6, 6]², classification sets have 500 points by default, and the noise slider
runs from 0 to 50 percent. Two deliberate differences:

* Labels are 0/1, not Playground's −1/+1 (Playground's −1, drawn orange, is our 0; its +1,
  drawn blue, is our 1), because nnsim's binary targets feed a sigmoid output.
* Random numbers come from NumPy's generator seeded by ``seed``, so the same seed always
  gives the same points (Playground draws from the browser's generator).

As in Playground, noise on *circle*, *xor2d* and the two regression sets does not move the
points: the label is computed at a jittered copy of the point, so noise makes labels near
the boundary wrong. For the same seed, changing the noise changes those labels only.
On *gauss* noise widens the clusters and on *spiral* it jitters the points themselves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from nnsim.data.dataset import DataError, Dataset, as_rng

DOMAIN = (-6.0, 6.0)
"""The square Playground draws its heat map on; the toy points lie inside it."""

FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
"""Playground's input features, in its order."""

_FEATURE_FUNCS = {
    "x1": lambda a, b: a,
    "x2": lambda a, b: b,
    "x1^2": lambda a, b: a * a,
    "x2^2": lambda a, b: b * b,
    "x1*x2": lambda a, b: a * b,
    "sin(x1)": lambda a, b: np.sin(a),
    "sin(x2)": lambda a, b: np.sin(b),
}

_NOTE_LABELS = "Labels are 0/1; TensorFlow Playground's −1 (orange) is 0 and its +1 (blue) is 1."

MAX_POINTS = 100_000


def _check(n_points, noise, train_fraction) -> tuple[int, float, float]:
    """Validate the three Playground parameters; return n, noise as a fraction, fraction."""
    if isinstance(n_points, bool) or not isinstance(n_points, (int, np.integer)):
        raise DataError(f"n_points must be a whole number, not {n_points!r}")
    if not 10 <= n_points <= MAX_POINTS:
        raise DataError(f"n_points must lie between 10 and {MAX_POINTS}, not {n_points}")
    try:
        noise = float(noise)
        train_fraction = float(train_fraction)
    except (TypeError, ValueError):
        raise DataError("noise and train_fraction must be numbers") from None
    if not 0.0 <= noise <= 50.0:
        raise DataError(f"noise is a percentage from 0 to 50 (as in Playground), not {noise:g}")
    if not 0.1 - 1e-9 <= train_fraction <= 0.9 + 1e-9:
        raise DataError(f"train_fraction must lie between 0.1 and 0.9, not {train_fraction:g}")
    return int(n_points), noise / 100.0, train_fraction


def _finish(
    points: np.ndarray,
    target: np.ndarray,
    rng: np.random.Generator,
    train_fraction: float,
    *,
    kind: str,
    name: str,
    title_zh: str,
    title_en: str,
    notes: str,
) -> Dataset:
    # Playground shuffles all points, then the first floor(n * fraction) become training data.
    n = points.shape[0]
    order = rng.permutation(n)
    n_train = int(np.floor(n * train_fraction + 1e-9))
    tr, te = order[:n_train], order[n_train:]
    y = target.reshape(-1, 1).astype(np.float64)
    binary = kind == "binary"
    return Dataset(
        x=points[tr],
        y=y[tr],
        x_test=points[te],
        y_test=y[te],
        kind=kind,
        feature_names=["x1", "x2"],
        feature_names_zh=["x1", "x2"],
        class_names=["0", "1"] if binary else None,
        class_names_zh=["0", "1"] if binary else None,
        name=name,
        title_zh=title_zh,
        title_en=title_en,
        notes=notes,
    )


def _polar(r: np.ndarray, angle: np.ndarray) -> np.ndarray:
    # Playground measures the angle from the x2 axis (x = r sin t, y = r cos t).
    return np.column_stack([r * np.sin(angle), r * np.cos(angle)])


def circle(n_points: int = 500, noise: float = 0.0, train_fraction: float = 0.5, seed=0) -> Dataset:
    """A disc of class 1 (radius < 2.5) inside a ring of class 0 (radius 3.5–5).

    Parameters
    ----------
    n_points : int
        Number of points, 10–100000 (Playground: 500); half inside, half in the ring.
    noise : float
        0–50 (percent). A label is decided at the point plus a jitter uniform in
        ±5·noise per axis, so noise mislabels points near the radius 2.5 circle.
    train_fraction : float
        0.1–0.9: share of points in the training part; the rest is ``x_test``.
    seed : int or numpy.random.Generator
        Seed of the generator.

    Returns
    -------
    Dataset
    """
    n, nz, frac = _check(n_points, noise, train_fraction)
    rng = as_rng(seed)
    radius = 5.0
    n_in = (n + 1) // 2
    n_out = n - n_in
    r = np.concatenate(
        [rng.uniform(0.0, 0.5 * radius, n_in), rng.uniform(0.7 * radius, radius, n_out)]
    )
    angle = rng.uniform(0.0, 2.0 * np.pi, n)
    pts = _polar(r, angle)
    jitter = rng.uniform(-radius, radius, (n, 2)) * nz
    label = np.hypot(*(pts + jitter).T) < 0.5 * radius
    return _finish(
        pts,
        label,
        rng,
        frac,
        kind="binary",
        name="circle",
        title_zh="圆形",
        title_en="Circle",
        notes=_NOTE_LABELS,
    )


def xor2d(n_points: int = 500, noise: float = 0.0, train_fraction: float = 0.5, seed=0) -> Dataset:
    """The XOR quadrants: class 1 where x1·x2 ≥ 0 (quadrants I and III), else class 0.

    Points are uniform in [-5, 5]² pushed 0.3 away from both axes (Playground's padding),
    so at noise 0 the classes are separated by a gap. Noise (0–50 %) jitters the point used
    for the label by up to ±5·noise per axis. Parameters as :func:`circle`.
    """
    n, nz, frac = _check(n_points, noise, train_fraction)
    rng = as_rng(seed)
    pts = rng.uniform(-5.0, 5.0, (n, 2))
    pts += np.where(pts > 0, 0.3, -0.3)
    jitter = rng.uniform(-5.0, 5.0, (n, 2)) * nz
    p = pts + jitter
    label = p[:, 0] * p[:, 1] >= 0
    return _finish(
        pts,
        label,
        rng,
        frac,
        kind="binary",
        name="xor2d",
        title_zh="异或（象限）",
        title_en="XOR quadrants",
        notes=_NOTE_LABELS,
    )


def gauss(n_points: int = 500, noise: float = 0.0, train_fraction: float = 0.5, seed=0) -> Dataset:
    """Two Gaussian clusters: class 1 around (2, 2), class 0 around (−2, −2).

    Noise 0–50 % sets each coordinate's variance linearly from 0.5 to 4 (Playground's
    scale), so noise widens the clusters until they overlap. Parameters as :func:`circle`.
    """
    n, nz, frac = _check(n_points, noise, train_fraction)
    rng = as_rng(seed)
    variance = 0.5 + (4.0 - 0.5) * nz / 0.5
    n_pos = (n + 1) // 2
    centre = np.where(np.arange(n)[:, None] < n_pos, 2.0, -2.0)
    pts = centre + np.sqrt(variance) * rng.standard_normal((n, 2))
    label = np.arange(n) < n_pos
    return _finish(
        pts,
        label,
        rng,
        frac,
        kind="binary",
        name="gauss",
        title_zh="两个高斯簇",
        title_en="Two Gaussians",
        notes=_NOTE_LABELS,
    )


def spiral(n_points: int = 500, noise: float = 0.0, train_fraction: float = 0.5, seed=0) -> Dataset:
    """Two interleaved spiral arms: class 1 starts at angle 0, class 0 at angle π.

    Along each arm the radius grows linearly from 0 to 5 while the angle turns 1.75 full
    turns (Playground's spiral). Noise 0–50 % adds a uniform jitter of ±noise to each
    coordinate of the points themselves. Parameters as :func:`circle`.
    """
    n, nz, frac = _check(n_points, noise, train_fraction)
    rng = as_rng(seed)
    arms = []
    for count, delta in (((n + 1) // 2, 0.0), (n // 2, np.pi)):
        i = np.arange(count) / count
        arms.append(_polar(5.0 * i, 1.75 * 2.0 * np.pi * i + delta))
    pts = np.concatenate(arms) + rng.uniform(-1.0, 1.0, (n, 2)) * nz
    label = np.arange(n) < (n + 1) // 2
    return _finish(
        pts,
        label,
        rng,
        frac,
        kind="binary",
        name="spiral",
        title_zh="螺旋",
        title_en="Spiral",
        notes=_NOTE_LABELS,
    )


def reg_plane(
    n_points: int = 500, noise: float = 0.0, train_fraction: float = 0.5, seed=0
) -> Dataset:
    """Regression on a tilted plane: target (x1 + x2) / 10, about −1…1.

    Points are uniform in [-6, 6]²; the target is computed at the point plus a jitter
    uniform in ±6·noise per axis (noise 0–50 %). Parameters as :func:`circle`
    (Playground uses 1200 points for its regression sets).
    """
    n, nz, frac = _check(n_points, noise, train_fraction)
    rng = as_rng(seed)
    pts = rng.uniform(-6.0, 6.0, (n, 2))
    p = pts + rng.uniform(-6.0, 6.0, (n, 2)) * nz
    # Playground maps x1 + x2 from [-10, 10] linearly (unclamped) onto [-1, 1].
    target = (p[:, 0] + p[:, 1]) / 10.0
    return _finish(
        pts,
        target,
        rng,
        frac,
        kind="regression",
        name="reg_plane",
        title_zh="回归：平面",
        title_en="Regression: plane",
        notes="Target (x1 + x2) / 10.",
    )


GAUSS_BUMPS = (
    (-4.0, 2.5, 1.0),
    (0.0, 2.5, -1.0),
    (4.0, 2.5, 1.0),
    (-4.0, -2.5, -1.0),
    (0.0, -2.5, 1.0),
    (4.0, -2.5, -1.0),
)
"""Centres and signs of the six bumps of :func:`reg_gauss` (Playground's layout)."""


def reg_gauss_target(points: np.ndarray) -> np.ndarray:
    """The noise-free target of :func:`reg_gauss` at the given (n, 2) points.

    Each bump contributes sign · max(0, 1 − distance/2); the bump with the largest
    magnitude wins (the first one on a tie).
    """
    p = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    bumps = np.array(GAUSS_BUMPS)
    dist = np.hypot(p[:, 0:1] - bumps[:, 0], p[:, 1:2] - bumps[:, 1])
    vals = bumps[:, 2] * np.clip(1.0 - dist / 2.0, 0.0, 1.0)
    best = np.argmax(np.abs(vals), axis=1)
    return vals[np.arange(len(p)), best] + 0.0  # + 0.0 turns −0.0 into 0.0


def reg_gauss(
    n_points: int = 500, noise: float = 0.0, train_fraction: float = 0.5, seed=0
) -> Dataset:
    """Regression on six bumps of alternating sign (Playground's "multi-Gaussian").

    The target at a point is the strongest of six cones of radius 2 centred on
    (±4 or 0, ±2.5) with signs +,−,+ on the top row and −,+,− below, so it lies in
    [−1, 1] and is 0 far from every centre. Points are uniform in [-6, 6]²; the
    target is computed at the point plus a jitter in ±6·noise per axis.
    Parameters as :func:`circle`.
    """
    n, nz, frac = _check(n_points, noise, train_fraction)
    rng = as_rng(seed)
    pts = rng.uniform(-6.0, 6.0, (n, 2))
    p = pts + rng.uniform(-6.0, 6.0, (n, 2)) * nz
    return _finish(
        pts,
        reg_gauss_target(p),
        rng,
        frac,
        kind="regression",
        name="reg_gauss",
        title_zh="回归：多个高斯",
        title_en="Regression: multi-Gaussian",
        notes="Six cones of radius 2 with signs + − + / − + −.",
    )


PLAYGROUND_SETS = {
    "circle": circle,
    "xor2d": xor2d,
    "gauss": gauss,
    "spiral": spiral,
    "reg_plane": reg_plane,
    "reg_gauss": reg_gauss,
}


def featurize(x: np.ndarray, features: Sequence[str]) -> np.ndarray:
    """Compute Playground's input features from 2-D points.

    Parameters
    ----------
    x : numpy.ndarray
        Points, shape (n, 2) (columns x1, x2).
    features : sequence of str
        Names from :data:`FEATURES`: "x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)",
        "sin(x2)", in the order wanted.

    Returns
    -------
    numpy.ndarray
        float64, shape (n, len(features)).
    """
    if isinstance(features, str):
        features = [features]
    features = list(features)
    if not features:
        raise DataError("choose at least one input feature")
    unknown = [f for f in features if f not in _FEATURE_FUNCS]
    if unknown:
        raise DataError(
            f"unknown input feature {unknown[0]!r}; the features are {', '.join(FEATURES)}"
        )
    p = np.asarray(x, dtype=np.float64)
    if p.ndim != 2 or p.shape[1] != 2:
        raise DataError(f"featurize needs points of shape (n, 2), not {p.shape}")
    a, b = p[:, 0], p[:, 1]
    return np.column_stack([_FEATURE_FUNCS[f](a, b) for f in features])


def featurize_dataset(data: Dataset, features: Sequence[str]) -> Dataset:
    """A copy of a 2-D data set whose inputs are the chosen Playground features."""
    if data.kind == "sequence" or data.n_features != 2:
        raise DataError("input features can only be computed for a 2-D data set")
    names = list([features] if isinstance(features, str) else features)
    return dataclasses.replace(
        data,
        x=featurize(data.x, names),
        x_test=None if data.x_test is None else featurize(data.x_test, names),
        feature_names=names,
        feature_names_zh=list(names),
    )
