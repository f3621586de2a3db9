"""The numbers the plots draw: per-epoch curves and weights, and one frame handed to the plots."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnsim.engine.history import thin_rows
from nnsim.recipes.plot_columns import BUILT_IN, plot_columns

#: Rows the plots keep at most: every epoch up to here, then older epochs thinned
#: geometrically (as the trainer's history is), so a frame's work stays the same however
#: long the run.
MAX_ROWS = 2048

_COLUMNS = BUILT_IN


class PlotData:
    """Per-epoch loss, accuracy and weights, growing by doubling (appends are cheap).

    Only the initial and end-of-epoch snapshots are kept (the curves are per epoch);
    ``index`` is each row's position in the trainer's history, for the time slider.
    At most ``limit`` rows: a full table thins its older epochs (``thin_rows``).
    Every column registered with ``nnsim.recipes.plot_columns.register_plot_column`` is
    computed for each row too (NaN in rows kept before it was registered).
    """

    def __init__(self, n_params: int = 0, limit: int = MAX_ROWS):
        self.limit = max(8, int(limit))
        self._recent = self.limit // 2
        self.clear(n_params)

    def clear(self, n_params: int | None = None) -> None:
        """Forget every row (and set the number of parameters)."""
        if n_params is not None:
            self.n_params = int(n_params)
        self._n = 0
        self._cap = 64
        self._recent = self.limit // 2
        self._cols = {k: np.empty(self._cap) for k in _COLUMNS}
        self._w = np.empty((self._cap, self.n_params))
        self._extra = {}
        self._sync_columns()

    def _sync_columns(self) -> None:
        """Follow the registry: a column for every registered one, none for the removed."""
        registered = {c.name: c for c in plot_columns()}
        for name in [n for n in self._extra if n not in registered]:
            del self._extra[name], self._cols[name]
        for name, col in registered.items():
            if name not in self._cols:
                self._cols[name] = np.full(self._cap, np.nan)
            self._extra[name] = col

    @property
    def extra_columns(self) -> tuple:
        """The registered ``PlotColumn``s this table holds, in registration order."""
        return tuple(self._extra.values())

    def __len__(self) -> int:
        return self._n

    def _grow(self) -> None:
        if self._cap >= self.limit:
            self._thin()
            return
        self._cap = min(2 * self._cap, self.limit)
        for k, v in self._cols.items():
            new = np.empty(self._cap)
            new[: self._n] = v[: self._n]
            self._cols[k] = new
        w = np.empty((self._cap, self.n_params))
        w[: self._n] = self._w[: self._n]
        self._w = w

    def _thin(self) -> None:
        """Drop older epochs geometrically (in place) to make room."""
        epochs = self._cols["epoch"][: self._n].astype(np.int64)
        rows, self._recent = thin_rows(epochs - epochs[0], self.limit, self._recent)
        n = rows.size
        for v in self._cols.values():
            v[:n] = v[rows]
        self._w[:n] = self._w[rows]
        self._n = n

    def append(self, snap) -> bool:
        """Add a ``Snapshot`` if it ends an epoch (or is the initial one); True if added."""
        if snap.kind == "step":
            return False
        self._sync_columns()
        if self._n and snap.epoch <= self._cols["epoch"][self._n - 1]:
            # a new branch of time started earlier in the history: drop what it replaces
            # (told by the epoch: a thinned history renumbers positions, not epochs)
            keep = int(np.searchsorted(self._cols["epoch"][: self._n], snap.epoch))
            self._n = keep
        if self._n == self._cap:
            self._grow()
        i = self._n
        c = self._cols
        c["epoch"][i] = snap.epoch
        c["index"][i] = snap.index
        c["train_loss"][i] = snap.train_loss
        c["val_loss"][i] = snap.val_loss
        c["train_acc"][i] = snap.train_acc
        c["val_acc"][i] = snap.val_acc
        for name, col in self._extra.items():
            c[name][i] = col.value(snap)
        w = np.asarray(snap.weights)
        if w.size == self.n_params:
            self._w[i] = w
        else:
            self._w[i] = np.nan
        self._n += 1
        return True

    def load_history(self, history) -> None:
        """Replace the rows by the epoch rows of a trainer's ``History``."""
        rows = history.epoch_rows()
        self.clear(history.n_params)
        if rows.size > self.limit:
            ep = history.epoch[rows].astype(np.int64)
            rows = rows[thin_rows(ep - ep[0], self.limit, self._recent)[0]]
        n = rows.size
        while self._cap < n:
            self._cap *= 2
        self._cols = {k: np.empty(self._cap) for k in self._cols}
        self._w = np.empty((self._cap, self.n_params))
        for name, col in self._extra.items():
            self._cols[name][:n] = [col.value(history[int(r)]) for r in rows]
        self._cols["epoch"][:n] = history.epoch[rows]
        self._cols["index"][:n] = rows
        self._cols["train_loss"][:n] = history.train_loss[rows]
        self._cols["val_loss"][:n] = history.val_loss[rows]
        self._cols["train_acc"][:n] = history.train_acc[rows]
        self._cols["val_acc"][:n] = history.val_acc[rows]
        self._w[:n] = history.weights[rows]
        self._n = n

    def column(self, name: str) -> np.ndarray:
        """One column (epoch, index, train_loss, val_loss, train_acc, val_acc, or a
        registered one) as a view."""
        return self._cols[name][: self._n]

    @property
    def weights(self) -> np.ndarray:
        """(rows × parameters) weights, a view."""
        return self._w[: self._n]

    def row_of_index(self, index: int) -> int | None:
        """The row holding history snapshot ``index`` (or the last one before it)."""
        idx = self.column("index")
        if not idx.size:
            return None
        return max(int(np.searchsorted(idx, index, side="right")) - 1, 0)


@dataclass
class Frame:
    """What the plots draw in one redraw.

    Attributes
    ----------
    data : PlotData
        The curves so far.
    theta : ndarray or None
        The weights shown (the newest snapshot while training, else the document's).
    grid : dict or None
        Every layer's output on the boundary grid (layer id → (points, units) float32),
        when the network has a 2-D input plane to draw.
    running : bool
        True while the worker trains.
    epoch : int
        The epoch the shown weights belong to.
    cursor_epoch : float or None
        The epoch the time slider points at when it is not at the end.
    new_rows : bool
        True when curves got new points since the last frame.
    """

    data: PlotData
    theta: np.ndarray | None
    grid: dict | None = None
    running: bool = False
    epoch: int = 0
    cursor_epoch: float | None = None
    new_rows: bool = True
    extra: dict = field(default_factory=dict)
