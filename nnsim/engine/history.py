"""A training's history: snapshots, and the bounded table of loss curves and weights behind them.

A run may last for hours (a lecturer leaves Playground training during a question), so the
history keeps a bounded number of rows: every row while there are few, then the older
rows thinned geometrically — the newest ones all kept, spacing doubling with age — so the
time slider still reaches the first snapshot and memory stays flat. ``thin_mask`` is the
one rule; the GUI's plot data thins with it too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: What a snapshot was taken after.
SNAPSHOT_KINDS = ("init", "step", "epoch")

#: Rows a history keeps at most (weights and curves), unless its byte budget says fewer.
MAX_ROWS = 4096
#: Bytes the weight trajectory may take at most (a big network keeps fewer rows).
MAX_WEIGHT_BYTES = 64 << 20
#: Rows kept whatever the byte budget (the time slider needs some).
MIN_ROWS = 64


@dataclass(frozen=True)
class Snapshot:
    """The state after one update or one epoch, as the GUI draws it.

    Attributes
    ----------
    index : int
        Position in the trainer's history when the snapshot was taken (for
        ``Trainer.restore``). Thinning of old rows moves later rows forward; ``epoch``
        and ``step`` name a snapshot for good.
    epoch : int
        The epoch this snapshot belongs to (0 = the initial weights).
    step : int
        Updates made since the start (all epochs).
    kind : str
        ``"init"``, ``"step"`` (inside an epoch) or ``"epoch"`` (end of an epoch).
    train_loss, train_acc, val_loss, val_acc : float
        Mean data loss and accuracy on the training / validation set with these weights
        (NaN where there is no validation set, or no accuracy for regression).
    penalty : float
        The regularisation term Ω(θ), reported apart from the data loss.
    weights : ndarray
        The flat parameter vector (read-only).
    errors : int or None
        Perceptron rule: misclassified samples in this epoch so far.
    """

    index: int
    epoch: int
    step: int
    kind: str
    train_loss: float
    train_acc: float
    val_loss: float
    val_acc: float
    penalty: float
    weights: np.ndarray
    errors: int | None = None

    @property
    def objective(self) -> float:
        """Training loss plus the penalty: what the updates minimise."""
        return self.train_loss + self.penalty


def thin_mask(serial: np.ndarray, recent: int) -> np.ndarray:
    """Which rows to keep: all of the newest ``recent``, older ones ever more sparsely.

    ``serial`` numbers the rows in time (0, 1, 2, ... when nothing was dropped yet;
    ascending). A row ``a`` serials older than the newest is kept when its serial is a
    multiple of 2^k, k = 0 for a < ``recent``, k = 1 for a < 2·``recent``, k = 2 for
    a < 4·``recent``, ...: each doubling of age keeps about ``recent``/2 rows, so n rows
    of history need about ``recent`` · (1 + log2(n / recent) / 2). The rule only ever
    drops more as rows age, so thinning again never brings a row back; serial 0 (the
    start) and the newest row are always kept.

    Returns
    -------
    ndarray of bool
    """
    serial = np.asarray(serial, dtype=np.int64)
    if not serial.size:
        return np.zeros(0, bool)
    recent = max(int(recent), 1)
    age = serial[-1] - serial
    level = np.zeros(age.shape, np.int64)
    old = age >= recent
    level[old] = np.floor(np.log2(age[old] / recent)).astype(np.int64) + 1
    return (serial & ((np.int64(1) << np.minimum(level, 62)) - 1)) == 0


def thin_rows(serial: np.ndarray, limit: int, recent: int, keep=None) -> tuple[np.ndarray, int]:
    """Row positions to keep so that at most ~3/4 of ``limit`` remain, and the ``recent`` used.

    ``recent`` is halved until the rule of ``thin_mask`` frees a quarter of ``limit``
    (it never grows again, so rows once dropped stay dropped). Position ``keep`` (e.g.
    the best validation epoch) is kept whatever its age.

    A small ``limit`` (a few snapshots, for hours of slices) can be full of rows that
    ``recent`` = 1 keeps (serials 0, 16, 24, 28, 30, 31): then every other row between
    the first and the newest goes too, so an append always finds room.
    """
    target = max(1, (3 * int(limit)) // 4)
    while True:
        mask = thin_mask(serial, recent)
        if keep is not None and 0 <= keep < mask.size:
            mask[keep] = True
        if int(mask.sum()) <= target or recent <= 1:
            break
        recent = max(1, recent // 2)
    rows = np.flatnonzero(mask)
    while rows.size > max(target, 2):
        middle = rows[1:-1]
        drop = middle[::2]
        drop = drop[drop != keep] if keep is not None else drop
        if not drop.size:
            break
        rows = np.setdiff1d(rows, drop)
    return rows, recent


#: The history table's columns, in the order a row stores them (the replica stack too).
COLUMNS = (
    "epoch",
    "step",
    "kind",
    "train_loss",
    "train_acc",
    "val_loss",
    "val_acc",
    "penalty",
    "errors",
    "serial",
)
_INT_COLUMNS = ("epoch", "step", "kind", "errors", "serial")


def row_limit(n_params: int, itemsize: int = 8) -> int:
    """Rows a history of ``n_params`` weights keeps: ``MAX_ROWS``, fewer for big networks."""
    by_bytes = MAX_WEIGHT_BYTES // max(1, int(n_params) * int(itemsize))
    return int(max(MIN_ROWS, min(MAX_ROWS, by_bytes)))


class History:
    """Loss curves and the weight trajectory of a training, one row per snapshot.

    Columns are arrays (``epoch``, ``step``, ``train_loss``, ``val_loss``...) and
    ``weights`` is an (n_snapshots × n_params) array. The storage grows by doubling up
    to ``limit`` rows; a full history thins its older rows (``thin_rows``) before it
    takes a new one, so appending stays amortised O(n_params) and memory is bounded.

    Parameters
    ----------
    n_params : int
        Length of the flat parameter vector.
    dtype : numpy dtype
        Of the weights (the network's).
    capacity : int
        Rows allocated at first.
    limit : int, optional
        Rows kept at most (default ``row_limit(n_params)``).
    """

    def __init__(self, n_params: int, dtype=np.float64, capacity: int = 16, limit=None):
        self.n_params = int(n_params)
        self.dtype = np.dtype(dtype)
        self.limit = max(
            4, int(limit if limit is not None else row_limit(n_params, self.dtype.itemsize))
        )
        #: The thinning rule's "recent" span (halved when a thinning frees too little).
        self.recent = self.limit // 2
        #: Old position → new position (−1: dropped) of the last thinning, or None when
        #: the last ``append`` thinned nothing.
        self.moved: np.ndarray | None = None
        self._n = 0
        self._alloc(min(max(int(capacity), 1), self.limit))

    def _alloc(self, cap: int, keep=0) -> None:
        """New storage of ``cap`` rows holding the old rows ``keep`` (a count or positions)."""
        old_w = getattr(self, "_w", None)
        old_c = getattr(self, "_c", None)
        self._w = np.empty((cap, self.n_params), self.dtype)
        self._c = {k: np.empty(cap, np.int64 if k in _INT_COLUMNS else np.float64) for k in COLUMNS}
        if old_w is None:
            return
        rows = np.arange(keep) if np.isscalar(keep) else np.asarray(keep)
        n = rows.size
        if n:
            self._w[:n] = old_w[rows]
            for k in COLUMNS:
                self._c[k][:n] = old_c[k][rows]

    def __len__(self) -> int:
        return self._n

    def __setstate__(self, state):  # histories pickled before the bound existed
        self.__dict__.update(state)
        if "serial" not in self._c:
            self._c["serial"] = np.arange(self._w.shape[0], dtype=np.int64)
        self.__dict__.setdefault("limit", max(self._w.shape[0], row_limit(self.n_params)))
        self.__dict__.setdefault("recent", self.limit // 2)
        self.__dict__.setdefault("moved", None)

    def _thin(self, keep=None) -> None:
        rows, self.recent = thin_rows(self._c["serial"][: self._n], self.limit, self.recent, keep)
        moved = np.full(self._n, -1, np.int64)
        moved[rows] = np.arange(rows.size)
        self._alloc(self._w.shape[0], keep=rows)
        self._n = rows.size
        self.moved = moved

    def append(self, weights, keep=None, **values) -> int:
        """Add a row: ``weights`` and one value per column. Returns its position.

        A full history thins its older rows first (``moved`` then maps old positions to
        new ones); position ``keep`` survives the thinning.
        """
        self.moved = None
        if self._n == self._w.shape[0]:
            if self._n >= self.limit:
                self._thin(keep)
            else:
                self._alloc(min(2 * self._w.shape[0], self.limit), keep=self._n)
        i = self._n
        self._w[i] = weights
        serial = int(self._c["serial"][i - 1]) + 1 if i else 0
        for k in COLUMNS:
            if k == "serial":
                v = serial
            else:
                v = values[k]
                if k == "kind":
                    v = SNAPSHOT_KINDS.index(v)
                elif k == "errors" and v is None:
                    v = -1
            self._c[k][i] = v
        self._n += 1
        return i

    def truncate(self, n: int) -> None:
        """Keep the first ``n`` rows (a new branch of time starts after them).

        The kept rows move to fresh storage, so snapshots handed out earlier keep
        their weights when later rows are overwritten.
        """
        n = max(0, min(int(n), self._n))
        if n == self._n:
            return
        self._alloc(min(max(16, self._w.shape[0]), self.limit), keep=n)
        self._n = n

    def weights_at(self, i: int) -> np.ndarray:
        """The weights of snapshot ``i`` (a read-only view)."""
        i = self._index(i)
        w = self._w[i]
        w.flags.writeable = False
        return w

    def _index(self, i: int) -> int:
        i = int(i)
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(f"snapshot {i} does not exist; the history has {self._n}")
        return i

    def __getitem__(self, i: int) -> Snapshot:
        i = self._index(i)
        c = self._c
        errors = int(c["errors"][i])
        return Snapshot(
            index=i,
            epoch=int(c["epoch"][i]),
            step=int(c["step"][i]),
            kind=SNAPSHOT_KINDS[int(c["kind"][i])],
            train_loss=float(c["train_loss"][i]),
            train_acc=float(c["train_acc"][i]),
            val_loss=float(c["val_loss"][i]),
            val_acc=float(c["val_acc"][i]),
            penalty=float(c["penalty"][i]),
            weights=self.weights_at(i),
            errors=None if errors < 0 else errors,
        )

    def __iter__(self):
        for i in range(self._n):
            yield self[i]

    def find(self, theta) -> int | None:
        """The newest position whose weights equal ``theta`` exactly, or None."""
        theta = np.asarray(theta)
        if theta.shape != (self.n_params,) or not self._n:
            return None
        hits = np.flatnonzero((self._w[: self._n] == theta).all(axis=1))
        return int(hits[-1]) if hits.size else None

    # Columns as read-only views of the first len(self) rows.
    def _col(self, k):
        v = self._c[k][: self._n]
        v.flags.writeable = False
        return v

    @property
    def weights(self) -> np.ndarray:
        """The weight trajectory, (n_snapshots × n_params), read-only."""
        v = self._w[: self._n]
        v.flags.writeable = False
        return v

    @property
    def epoch(self) -> np.ndarray:
        return self._col("epoch")

    @property
    def step(self) -> np.ndarray:
        return self._col("step")

    @property
    def serial(self) -> np.ndarray:
        """Each row's number in time (0, 1, 2, ... with gaps where rows were thinned)."""
        return self._col("serial")

    @property
    def kind(self) -> list[str]:
        return [SNAPSHOT_KINDS[k] for k in self._c["kind"][: self._n]]

    @property
    def train_loss(self) -> np.ndarray:
        return self._col("train_loss")

    @property
    def train_acc(self) -> np.ndarray:
        return self._col("train_acc")

    @property
    def val_loss(self) -> np.ndarray:
        return self._col("val_loss")

    @property
    def val_acc(self) -> np.ndarray:
        return self._col("val_acc")

    @property
    def penalty(self) -> np.ndarray:
        return self._col("penalty")

    def epoch_rows(self) -> np.ndarray:
        """Indices of the initial and end-of-epoch snapshots (the per-epoch curve)."""
        k = self._c["kind"][: self._n]
        return np.flatnonzero(k != SNAPSHOT_KINDS.index("step"))
