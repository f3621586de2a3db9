"""The loss curves draw only the points that show: each pixel column's extremes, the ends,
the breaks; the thinned curve covers the same pixels as the full one."""

import numpy as np

from nnsim.gui.compare.curves import thin


def _columns(x, y, x0, dx):
    """Per pixel column, the lowest and highest finite y (a plain loop)."""
    out = {}
    for xi, yi in zip(x, y):
        if np.isfinite(yi):
            c = int(np.floor((xi - x0) / dx))
            lo, hi = out.get(c, (np.inf, -np.inf))
            out[c] = (min(lo, yi), max(hi, yi))
    return out


def test_a_long_noisy_curve_keeps_each_columns_extremes_and_little_else():
    rng = np.random.default_rng(3)
    x = np.arange(20_000, dtype=float)
    y = np.log10(np.exp(-x / 3000) + 0.05 * rng.random(x.size) + 1e-3)
    x0, dx = 0.0, 30_000 / 400  # 400 pixel columns over 0..30 000 epochs
    k = thin(x, y, x0, dx, -3.0, 3.5 / 300)
    assert k[0] == 0 and k[-1] == x.size - 1 and np.all(np.diff(k) > 0)
    cols = _columns(x, y, x0, dx)
    assert len(cols) == 267 and k.size <= 2 * len(cols) + 2
    kept = _columns(x[k], y[k], x0, dx)
    assert kept == cols  # every column's lowest and highest point is drawn


def test_a_flat_stretch_on_one_pixel_row_keeps_only_its_ends():
    x = np.arange(1000, dtype=float)
    y = np.r_[np.linspace(0, -2, 100), np.full(900, -2.0)]
    k = thin(x, y, 0.0, 1.0, -2.5, 0.01)  # one point a column: only rows can merge
    assert k.tolist() == list(range(100)) + [999]


def test_a_gap_breaks_the_line_and_a_short_curve_is_kept_whole():
    x = np.arange(10, dtype=float)
    y = np.array([1.0, 0.9, np.nan, np.nan, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0])
    k = thin(x, y, 0.0, 1.0, 0.0, 0.001)
    assert 2 in k and 3 not in k  # the first NaN of the run: the line stops there
    assert set(k) == {0, 1, 2, 4, 5, 6, 7, 8, 9}
    assert thin(x[:2], y[:2], 0.0, 1.0, 0.0, 1.0).tolist() == [0, 1]
