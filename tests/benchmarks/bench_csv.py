"""CSV import time against the number of columns (should grow linearly) and rows.

Run from the repository root: ``.venv/bin/python tests/benchmarks/bench_csv.py``.
Prints seconds for a header plus 3 rows of 12,500 … 100,000 numeric columns (read and
encoded into a data set), the time per column, and 100,000 rows of 10 columns. Before
the linear rewrite, 100,000 columns took 98 s (one ``header.count`` per column).
"""

from __future__ import annotations

import time

import numpy as np

from nnsim.data import encode_table, read_table


def wide(columns: int, rows: int = 3) -> bytes:
    rng = np.random.default_rng(0)
    head = ",".join(f"c{k}" for k in range(columns - 1)) + ",label"
    body = [
        ",".join(f"{v:.3f}" for v in rng.random(columns - 1)) + f",{r % 2}" for r in range(rows)
    ]
    return ("\n".join([head, *body]) + "\n").encode()


def timed(data: bytes, **limits) -> float:
    t0 = time.perf_counter()
    table = read_table(data, name="bench.csv", **limits)
    encode_table(table)
    return time.perf_counter() - t0


def main() -> None:
    print("columns   seconds   µs per column")
    for columns in (12_500, 25_000, 50_000, 100_000):
        data = wide(columns)
        s = min(timed(data, max_columns=columns) for _ in range(3))
        print(f"{columns:7d}   {s:7.3f}   {1e6 * s / columns:8.2f}")
    rng = np.random.default_rng(1)
    rows = 100_000
    lines = ["a,b,c,d,e,f,g,h,i,label"] + [
        ",".join(f"{v:.4f}" for v in r) + f",{k % 3}" for k, r in enumerate(rng.random((rows, 9)))
    ]
    data = ("\n".join(lines) + "\n").encode()
    s = min(timed(data) for _ in range(3))
    print(f"{rows:,} rows × 10 columns: {s:.3f} s ({len(data) / 2**20:.1f} MB)")


if __name__ == "__main__":
    main()
