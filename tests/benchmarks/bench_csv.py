"""CSV import time against the number of columns (should grow linearly) and rows.

Run from the repository root: ``.venv/bin/python tests/benchmarks/bench_csv.py``.
Prints seconds for a header plus 3 rows of 12,500 … 100,000 numeric columns (read and
encoded into a data set), the time per column, and 100,000 rows of 10 columns. Before
timing, each file's encoded inputs and labels must equal the numbers it was written from
(to the 3–4 decimals written), or the script stops. Each figure is the median of
``--rounds`` (3) with the spread, beside the load average. Before the linear rewrite,
100,000 columns took 98 s (one ``header.count`` per column).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Load, Spread, check_agreement  # noqa: E402

from nnsim.data import encode_table, read_table  # noqa: E402


def wide(columns: int, rows: int = 3) -> tuple[bytes, np.ndarray]:
    """The file's bytes and the numbers written into it (rows × columns - 1, then labels)."""
    rng = np.random.default_rng(0)
    head = ",".join(f"c{k}" for k in range(columns - 1)) + ",label"
    values = np.round(rng.random((rows, columns - 1)), 3)
    body = [",".join(f"{v:.3f}" for v in row) + f",{r % 2}" for r, row in enumerate(values)]
    return ("\n".join([head, *body]) + "\n").encode(), values


def encoded(data: bytes, **limits):
    return encode_table(read_table(data, name="bench.csv", **limits)).dataset


def timed(data: bytes, **limits) -> float:
    t0 = time.perf_counter()
    encoded(data, **limits)
    return time.perf_counter() - t0


def check(data: bytes, values: np.ndarray, labels: np.ndarray, what: str, **limits) -> str:
    ds = encoded(data, **limits)
    diff = max(float(np.abs(ds.x - values).max()), float(np.abs(ds.y.ravel() - labels).max()))
    return check_agreement(what, diff, 1e-12)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args(argv)
    load = Load()
    print(f"{args.rounds} rounds each, median (spread); {load.span()}")
    print("columns   seconds                 µs per column")
    for columns in (12_500, 25_000, 50_000, 100_000):
        data, values = wide(columns)
        labels = np.arange(len(values)) % 2
        if columns == 12_500:
            print(
                "  " + check(data, values, labels, "12,500 columns read back", max_columns=columns)
            )
        s = Spread.of(timed(data, max_columns=columns) for _ in range(args.rounds))
        load.see()
        print(f"{columns:7d}   {s.text('.3f'):<26}{1e6 * s.median / columns:8.2f}")
    rng = np.random.default_rng(1)
    rows = 100_000
    values = np.round(rng.random((rows, 9)), 4)
    lines = ["a,b,c,d,e,f,g,h,i,label"] + [
        ",".join(f"{v:.4f}" for v in r) + f",{k % 3}" for k, r in enumerate(values)
    ]
    data = ("\n".join(lines) + "\n").encode()
    ds = encoded(data)
    # three classes: the labels are one-hot columns, in the order the classes appear
    classes = np.argmax(ds.y, axis=1) if ds.y.ndim == 2 and ds.y.shape[1] > 1 else ds.y.ravel()
    diff = max(
        float(np.abs(ds.x - values).max()), float(np.abs(classes - np.arange(rows) % 3).max())
    )
    print("  " + check_agreement(f"{rows:,} rows read back", diff, 1e-12))
    s = Spread.of(timed(data) for _ in range(args.rounds))
    load.see()
    print(f"{rows:,} rows × 10 columns: {s.text('.3f', 's')} ({len(data) / 2**20:.1f} MB)")
    print(f"{load.span()} over the run")


if __name__ == "__main__":
    main()
