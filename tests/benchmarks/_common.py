"""Shared pieces of the benchmark scripts: interleaved timing rounds, load, verdicts, tables.

Every script times its sides in rounds that interleave them (the order alternates, so a
burst of load from another job slows both alike), reports the **median** of the rounds
with the spread (lowest–highest) beside it, prints the load average beside every figure
and gives the verdict "busy" instead of "met" / "NOT met" when the load average was above
the number of cores at any point of the measurement: a shared machine then decides the
figure more than the code does. Only the benchmark scripts import this module.
"""

from __future__ import annotations

import ctypes
import os
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

CORES = os.cpu_count() or 1


def loadavg() -> float:
    """The one-minute load average (NaN where the system does not report it)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


class Load:
    """Load averages seen during a measurement: call :meth:`see` now and then.

    ``busy`` is true when any sample exceeded the number of cores (runnable jobs had to
    wait for a processor, so wall-clock figures say more about the machine than about
    the code).
    """

    def __init__(self, cores: int = CORES):
        self.cores = cores
        self.seen: list[float] = []
        self.see()

    def see(self) -> float:
        v = loadavg()
        self.seen.append(v)
        return v

    @property
    def busy(self) -> bool:
        return any(v > self.cores for v in self.seen)

    def span(self) -> str:
        """``load 0.4–1.3 on 2 cores`` (lowest–highest seen)."""
        vals = [v for v in self.seen if v == v]
        if not vals:
            return "load unknown"
        lo, hi = min(vals), max(vals)
        rng = f"{lo:.1f}" if abs(hi - lo) < 0.05 else f"{lo:.1f}–{hi:.1f}"
        return f"load {rng} on {self.cores} cores"


@dataclass
class Rounds:
    """Wall-clock and processor seconds of each round of one side."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def median(self) -> float:
        return statistics.median(self.wall)

    def rate(self, units: float) -> Spread:
        """Units per second: the median round and the spread over the rounds."""
        return Spread.of([units / t for t in self.wall])

    def cpu_rate(self, units: float) -> float:
        """Units per processor second (median round); only meaningful with one thread."""
        return statistics.median(units / c if c > 0 else float("nan") for c in self.cpu)


@dataclass(frozen=True)
class Spread:
    """A median with the lowest and highest value it was taken over."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Iterable[float]) -> Spread:
        vals = list(values)
        return cls(statistics.median(vals), min(vals), max(vals))

    def text(self, fmt: str = ",.0f", unit: str = "") -> str:
        """``1,234 (1,100–1,300)``: the median and, in brackets, the spread."""
        u = f" {unit}" if unit else ""
        return f"{self.median:{fmt}}{u} ({self.low:{fmt}}–{self.high:{fmt}})"


def interleaved(
    jobs: Sequence[tuple[str, Callable[[], Callable[[], object]]]],
    rounds: int,
    load: Load | None = None,
    warmup: bool = True,
) -> dict[str, Rounds]:
    """Time every job once per round, alternating the order from round to round.

    Each job is ``(name, setup)``: ``setup()`` builds the work outside the timing (fresh
    weights, the round's batches) and returns the callable that is timed. With
    ``warmup`` every job runs once untimed first. ``load`` (if given) samples the load
    average after every round.
    """
    if warmup:
        for _, setup in jobs:
            setup()()
    out = {name: Rounds() for name, _ in jobs}
    for r in range(rounds):
        for name, setup in jobs if r % 2 == 0 else jobs[::-1]:
            work = setup()
            w0, c0 = time.perf_counter(), time.process_time()
            work()
            out[name].wall.append(time.perf_counter() - w0)
            out[name].cpu.append(time.process_time() - c0)
        if load is not None:
            load.see()
    return out


def ratios(a: Rounds, b: Rounds, units_a: float = 1.0, units_b: float = 1.0) -> Spread:
    """How many times faster side ``a`` is than side ``b``, round by round (b's time per
    unit over a's), as a median with its spread."""
    return Spread.of((tb / units_b) / (ta / units_a) for ta, tb in zip(a.wall, b.wall))


def verdict(ok: bool, load: Load) -> str:
    """ "met" / "NOT met", or "busy" when the load average exceeded the cores."""
    if load.busy:
        return "busy"
    return "met" if ok else "NOT met"


def check_agreement(what: str, diff: float, tol: float) -> str:
    """Stop the benchmark unless the two sides agree to ``tol``; the line to print."""
    if not diff <= tol:  # NaN fails too
        raise SystemExit(f"{what}: the two sides differ by {diff:.2e} > {tol:.0e}; not timing")
    return f"{what}: max |Δ| = {diff:.1e} (≤ {tol:.0e}: agree)"


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A plain-text table with columns padded to their widest cell."""
    rows = [[str(c) for c in r] for r in rows]
    cells = [list(header), *rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def openblas_runtime():
    """(core name, threads) of the OpenBLAS NumPy loaded, or None if not found."""
    try:
        maps = Path("/proc/self/maps").read_text().splitlines()
    except OSError:
        return None
    libs = sorted({ln.split()[-1] for ln in maps if "openblas" in ln.lower() and ".so" in ln})
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in ("scipy_openblas_", "openblas_"):
            for suffix in ("64_", ""):
                core = getattr(lib, f"{prefix}get_corename{suffix}", None)
                threads = getattr(lib, f"{prefix}get_num_threads{suffix}", None)
                if core is not None and threads is not None:
                    core.restype = ctypes.c_char_p
                    return core().decode(), int(threads())
    return None


def numpy_blas(np) -> str:
    """The BLAS NumPy was built with, e.g. ``scipy-openblas 0.3.31``."""
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except Exception:  # older NumPy: no dict mode
        return "unknown"


def numpy_threads(rt=None) -> int:
    """Threads NumPy's BLAS uses: asked from OpenBLAS (``rt``, else loaded now), else
    the environment's setting, else the number of processors."""
    rt = rt if rt is not None else openblas_runtime()
    if rt is not None:
        return rt[1]
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        if os.environ.get(var, "").isdigit():
            return int(os.environ[var])
    return os.cpu_count() or 1


def set_blas_threads(n: int | None) -> None:
    """Ask every BLAS for ``n`` threads; OpenBLAS reads this when it loads, so call it
    before NumPy is imported."""
    if n is not None:
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(n)
