"""Train many variants of one network together: a replica axis over the ``Trainer``.

``ReplicaTrainer`` takes R trainers whose networks are the same chain of Dense layers
(sizes, biases, masks) on the same batch schedule (rule, batch size, number of samples)
and trains them as one computation: their weights are the rows of one (R, P) array, each
matrix product is one ``np.matmul`` over the stack, each update one operation per group
of replicas that share an optimiser kind. Each replica keeps its own seed and initial
weights, learning rate, momentum or Adam setting, L1/L2 rate, activation per layer,
shuffling, validation split, early stopping, accuracy target, epoch cap and divergence
handling (the detector the Trainer uses, ``divergence.snapshot_notes`` and ``update_notes``
run once over all replicas: NaN/inf, |w| > 10⁶, a loss grown 10⁴-fold);
a replica that explodes is stopped and restored to its last sound weights while the others
go on. Histories are kept in one stacked store, bounded and thinned as ``History`` is.

Each replica's numbers are bit for bit those of its ``Trainer`` run alone: the weights,
every history row and the final ``TrainResult`` (tests/engine/test_replicas.py). The
Trainer's own choices are kept — plain SGD without a penalty takes the fused loop's
arithmetic (the error scaled by −η/B, one addition per update, the last batch of an epoch
the ordinary way) and divergence is checked at the end of the epoch; every other set-up
is checked after every update. Rules that change the batch schedule cannot share a
stack; ``replica_groups.stack_groups`` sorts trainers into groups that can.

The loop is the Trainer's (``_iterate``) with each step done for all replicas at once;
a replica that diverges is handed back to its own trainer's ``_diverged``. Stop requests
are honoured between epochs.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from nnsim.engine.history import COLUMNS, SNAPSHOT_KINDS, History, row_limit, thin_rows
from nnsim.engine.loss_kernels import target_matrix
from nnsim.engine.replica_groups import batch_size_of, stack_key, stack_reason
from nnsim.engine.replica_pack import Pack
from nnsim.engine.replica_stack import ChainShape, stacked_grid
from nnsim.engine.training import TrainingError, TrainResult

_KIND = {k: i for i, k in enumerate(SNAPSHOT_KINDS)}


@dataclass(frozen=True)
class ReplicaEpoch:
    """What one step of ``ReplicaTrainer.iter_epochs`` did: every replica in ``replicas``
    appended one history row (kind "init" or "epoch"); ``ended`` lists the replicas whose
    run ended here (their ``result`` says why).

    Attributes
    ----------
    kind : str
        "init" (the initial weights evaluated) or "epoch".
    replicas : ndarray of int
        The replicas that recorded a row, ascending.
    epoch, train_loss, train_acc, val_loss, val_acc, penalty : ndarray
        Their row's values, in the order of ``replicas``.
    weights : ndarray
        (len(replicas), P) their weights at that row (a copy).
    ended : tuple of int
        Replicas whose run ended at this step (diverged, early stopping, ...).
    """

    kind: str
    replicas: np.ndarray
    epoch: np.ndarray
    train_loss: np.ndarray
    train_acc: np.ndarray
    val_loss: np.ndarray
    val_acc: np.ndarray
    penalty: np.ndarray
    weights: np.ndarray
    ended: tuple = ()


class ReplicaTrainer:
    """R trainers of one stackable set-up, trained together.

    Parameters
    ----------
    trainers : sequence of Trainer
        Built as usual (each with its own network, seed, settings); they must share a
        ``stack_key`` (see ``replica_groups.stack_groups``). Their current state (weights, history,
        optimiser moments, counters) is where the replicas start. The ReplicaTrainer
        owns the replicas from then on: ``trainer(r)`` brings replica r's trainer up to
        date and returns it (train it on alone from there if you like, bit for bit).

    Raises
    ------
    TrainingError
        When a trainer cannot be stacked or the trainers do not share a set-up.
    """

    def __init__(self, trainers):
        self.trainers = list(trainers)
        if not self.trainers:
            raise TrainingError("a ReplicaTrainer needs at least one trainer")
        for tr in self.trainers:
            why = stack_reason(tr)
            if why is not None:
                raise TrainingError(f"this trainer cannot be stacked: {why}")
        key = stack_key(self.trainers[0])
        if any(stack_key(tr) != key for tr in self.trainers[1:]):
            raise TrainingError("the trainers differ in structure, loss or batch schedule")
        t0 = self.trainers[0]
        self.shape = ChainShape(t0.network)
        self.loss = t0.loss
        self.R = R = len(self.trainers)
        P, dt = self.shape.n_params, self.shape.dtype
        self.n = t0.n_train
        self.batch_size = batch_size_of(t0)
        #: which replicas draw a new order of the samples every epoch
        self.shuffle = np.array([tr.shuffle and tr.rule != "accumulated" for tr in self.trainers])
        self.has_val = t0.x_val is not None
        self.acts = [[st.act for st in tr.network.chain.steps] for tr in self.trainers]
        # --- data, stacked (each replica may have its own validation split) -------
        d, n_out = self.shape.n_in, self.shape.n_out

        def xs_of(x):
            a = np.empty((R, len(x[0]), d + 1), dt)
            a[:, :, d] = 1
            for r, xr in enumerate(x):
                a[r, :, :d] = xr
            return a

        self.x = xs_of([tr.x_train for tr in self.trainers])
        self.t = np.stack(
            [target_matrix(self.loss, tr.y_train, self.n, n_out, dt) for tr in self.trainers]
        )
        self.y = np.stack([np.asarray(tr.y_train) for tr in self.trainers])
        self.classes = self._stack_opt([tr._train_classes for tr in self.trainers])
        if self.has_val:
            self.xv = xs_of([tr.x_val for tr in self.trainers])
            self.yv = np.stack([np.asarray(tr.y_val) for tr in self.trainers])
            self.classes_v = self._stack_opt([tr._val_classes for tr in self.trainers])
        self.thresholds = np.array([[tr.threshold] for tr in self.trainers])
        # --- state, taken over from the trainers ----------------------------------
        self.theta = np.empty((R, P), dt)
        self.epoch = np.zeros(R, np.int64)
        self.step = np.zeros(R, np.int64)
        self.cursor = np.full(R, -1, np.int64)
        self.best_index = np.full(R, -1, np.int64)
        self.best_epoch = np.full(R, -1, np.int64)
        self.results: list[TrainResult | None] = [None] * R
        self.opt_t = np.zeros(R, np.int64)
        self.opt_m = np.zeros((R, P), dt)
        self.opt_v = np.zeros((R, P), dt)
        self.n_rows = np.zeros(R, np.int64)
        #: History's bound and each replica's thinning span (``nnsim.engine.history``)
        self.row_limit = row_limit(P, np.dtype(dt).itemsize)
        self.recent = np.full(R, self.row_limit // 2, np.int64)
        self._w = np.empty((R, 16, P), dt)
        self._c = np.empty((R, 16, len(COLUMNS)), np.float64)
        self._stop = np.zeros(R, bool)
        self._pack = None
        self.early = np.array([tr.early_stopping for tr in self.trainers])
        self.patience = np.array([tr.patience for tr in self.trainers])
        self.target = np.array(
            [np.nan if tr.target_accuracy is None else tr.target_accuracy for tr in self.trainers]
        )
        self._any_target = bool(np.isfinite(self.target).any())
        for r, tr in enumerate(self.trainers):
            self._take_over(r, tr)

    @staticmethod
    def _stack_opt(arrays):
        return None if any(a is None for a in arrays) else np.stack(arrays)

    # --- state in and out ----------------------------------------------------------------
    def _take_over(self, r: int, tr) -> None:
        """Copy trainer ``tr``'s state into row ``r`` of the store."""
        self.theta[r] = tr.network.theta
        self.epoch[r], self.step[r], self.cursor[r] = tr.epoch, tr.step, tr.cursor
        self.results[r] = tr.result
        h = tr.history
        self._ensure_rows(len(h))
        self.n_rows[r] = len(h)
        self.recent[r] = h.recent
        if len(h):
            self._w[r, : len(h)] = h.weights
            for j, k in enumerate(COLUMNS):
                self._c[r, : len(h), j] = h._c[k][: len(h)]
        opt = tr.optimizer
        self.opt_t[r] = opt.t
        m = getattr(opt, "m", None) if opt.name == "adam" else None
        v = getattr(opt, "v", None)
        self.opt_m[r] = 0 if m is None else m
        self.opt_v[r] = 0 if v is None else v

    def _ensure_rows(self, n: int) -> None:
        cap = self._w.shape[1]
        if n <= cap:
            return
        new = max(n, 2 * cap)
        w = np.empty((self.R, new, self._w.shape[2]), self._w.dtype)
        c = np.empty((self.R, new, len(COLUMNS)), np.float64)
        w[:, :cap], c[:, :cap] = self._w, self._c
        self._w, self._c = w, c

    def history(self, r: int) -> History:
        """Replica ``r``'s history as a ``History`` (a copy)."""
        n = int(self.n_rows[r])
        h = History(self.shape.n_params, self.shape.dtype, capacity=max(n, 1))
        h._w[:n] = self._w[r, :n]
        for j, k in enumerate(COLUMNS):
            h._c[k][:n] = self._c[r, :n, j]
        h._n, h.recent = n, int(self.recent[r])
        return h

    def _append_rows(self, ids, theta, cols) -> np.ndarray:
        """``History.append`` for replicas ``ids`` at once: a full history thins its old
        rows first (keeping the best epoch), then each gets its row; returns the rows."""
        n = self.n_rows[ids]
        full = np.flatnonzero(n >= self.row_limit) if n.max() >= self.row_limit else ()
        for k in full:
            r = int(ids[k])
            b = int(self.best_index[r])
            rows, self.recent[r] = thin_rows(
                self._c[r, : n[k], 9].astype(np.int64),
                self.row_limit,
                self.recent[r],
                None if b < 0 else b,
            )
            self._w[r, : rows.size] = self._w[r, rows]
            self._c[r, : rows.size] = self._c[r, rows]
            if b >= 0:
                moved = np.full(int(n[k]), -1, np.int64)
                moved[rows] = np.arange(rows.size)
                self.best_index[r] = moved[b]
            self.n_rows[r] = n[k] = rows.size
        self._ensure_rows(int(n.max()) + 1)
        # the row counter: one past the previous row's (a first row's previous slot is
        # uninitialised memory, not read)
        has = n > 0
        cols[:, 9] = 0
        cols[has, 9] = self._c[ids[has], n[has] - 1, 9] + 1
        self._w[ids, n] = theta
        self._c[ids, n] = cols
        self.cursor[ids] = n
        self.n_rows[ids] = n + 1
        return n

    def column(self, r: int, name: str) -> np.ndarray:
        """One history column of replica ``r`` (e.g. "train_loss"), a read-only view."""
        v = self._c[r, : self.n_rows[r], COLUMNS.index(name)]
        v.flags.writeable = False
        return v

    def trainer(self, r: int):
        """Replica ``r``'s own Trainer brought up to date (weights, history, optimiser
        moments, counters, result): it trains on alone as if it had never been stacked."""
        if self._pack is not None:
            self._pack.release()
        tr = self.trainers[r]
        opt = copy.deepcopy(tr.optimizer)
        opt.reset()
        t = int(self.opt_t[r])
        opt.t = t
        if t and opt.name == "momentum":
            opt.v = self.opt_v[r].copy()
        elif t and opt.name == "adam":
            opt.m, opt.v = self.opt_m[r].copy(), self.opt_v[r].copy()
            opt._tmp = np.empty_like(opt.m)
        bi = int(self.best_index[r])
        tr.set_state(
            {
                "epoch": int(self.epoch[r]),
                "step": int(self.step[r]),
                "cursor": int(self.cursor[r]),
                "result": self.results[r],
                "best_epoch": None if bi < 0 else int(self.best_epoch[r]),
                "_best_index": None if bi < 0 else bi,
                "lr": tr.lr,
                "batch_size": tr.batch_size,
                "theta": self.theta[r],
                "history": self.history(r),
                "optimizer": opt,
                "rng": tr._rng.bit_generator.state,
            }
        )
        return tr

    def grid(self, points, dtype=np.float32) -> np.ndarray:
        """Every replica's output on ``points`` (N, inputs) as it is now: (R, N, outputs),
        one batched pass over the stack (``replica_stack.stacked_grid``)."""
        return stacked_grid(self.shape, self.acts, self.theta, points, dtype)

    def weights(self, r: int) -> np.ndarray:
        """Replica ``r``'s current flat weights (a copy)."""
        return self.theta[r].copy()

    def stop(self, r: int | None = None) -> None:
        """Ask replica ``r`` (default: all) to stop before its next epoch."""
        if r is None:
            self._stop[:] = True
        else:
            self._stop[r] = True

    def run(self, epochs: int = 1) -> list[TrainResult]:
        """Train ``epochs`` more epochs (each replica until its own stop condition)."""
        for _ in self.iter_epochs(epochs):
            pass
        return list(self.results)

    # --- ends of a replica's run --------------------------------------------------------
    def _finish(self, r: int, status: str, message: str) -> None:
        be = None if self.best_index[r] < 0 else int(self.best_epoch[r])
        self.results[r] = TrainResult(status, message, int(self.epoch[r]), be, None)

    def _diverged(self, r: int, note: str, epoch: int) -> None:
        """The trainer's own ``_diverged`` on replica ``r``, then its state back here."""
        tr = self.trainer(r)
        tr._diverged(note, epoch)
        self.theta[r] = tr.network.theta
        self.epoch[r], self.step[r], self.cursor[r] = tr.epoch, tr.step, tr.cursor
        self.results[r] = tr.result
        self.opt_t[r], self.opt_m[r], self.opt_v[r] = tr.optimizer.t, 0, 0

    def _restore_best(self, r: int) -> None:
        """Early stopping: back to the best validation row (as ``Trainer._iterate``)."""
        b = int(self.best_index[r])
        row = self._c[r, b]
        self.theta[r] = self._w[r, b]
        self.cursor[r], self.epoch[r], self.step[r] = b, int(row[0]), int(row[1])
        self.opt_t[r], self.opt_m[r], self.opt_v[r] = 0, 0, 0
        tr = self.trainers[r]
        self._finish(
            r,
            "early_stopping",
            f"early stopping: the validation loss has not improved for {tr.patience} "
            f"epochs since epoch {int(row[0])} (loss {row[5]:.4g}); "
            f"the weights of epoch {int(row[0])} were restored",
        )

    # --- the loop ---------------------------------------------------------------------
    def _begin(self, r: int) -> None:
        """``Trainer._begin`` for replica ``r``."""
        self.results[r] = None
        self._stop[r] = False
        self.trainers[r]._stop_requested = False
        if self.cursor[r] < self.n_rows[r] - 1:
            self.n_rows[r] = self.cursor[r] + 1
        self.best_index[r] = self.best_epoch[r] = -1
        n = int(self.n_rows[r])
        if self.has_val and n:
            c = self._c[r, :n]
            rows = np.flatnonzero(c[:, 2] != _KIND["step"])
            if rows.size:
                j = int(rows[int(np.argmin(c[rows, 5]))])
                self.best_index[r], self.best_epoch[r] = j, int(c[j, 0])

    def iter_epochs(self, epochs: int = 1):
        """Train every replica ``epochs`` more epochs, yielding a ``ReplicaEpoch`` after the
        initial evaluation (fresh replicas) and after every epoch."""
        epochs = int(epochs)
        if epochs < 0:
            raise TrainingError(f"the number of epochs must be 0 or more, got {epochs}")
        for r in range(self.R):
            self._begin(r)
        live = list(range(self.R))
        fresh = np.flatnonzero(self.n_rows == 0)
        if fresh.size:
            pack = Pack(self, fresh)
            ok, ended = pack.record("init", np.arange(pack.A))
            for r in ok:
                if self.has_val:  # Trainer._check_best on the initial snapshot
                    self.best_index[r], self.best_epoch[r] = self.cursor[r], 0
            live = [r for r in live if r not in ended]
            yield self._report("init", ok, ended)
        start = self.epoch.copy()
        # room for the rows this run will add (up to the bound), made once: growing the
        # (R, rows, P) store by doubling on the way copies it several times
        self._ensure_rows(min(self.row_limit, int(self.n_rows.max()) + min(epochs, 4096) + 1))
        cap = np.array([np.inf if tr.max_epochs is None else tr.max_epochs for tr in self.trainers])
        self._pack = None
        lv = None
        try:
            while True:
                # the head of Trainer._iterate's loop, for every live replica at once (the
                # live ones advance together: only the first and the capped need a look)
                if not live:
                    return
                if lv is None:  # (remade only when the live set changes)
                    lv = np.array(live, np.int64)
                    live_trs = [self.trainers[r] for r in live]
                    capped_any = bool(np.isfinite(cap[lv]).any())
                k = int(self.epoch[lv[0]] - start[lv[0]])
                asked = self._stop[lv].any() or any(tr._stop_requested for tr in live_trs)
                if k >= epochs or asked or (capped_any and (self.epoch[lv] >= cap[lv]).any()):
                    stop = self._stop[lv] | np.array([tr._stop_requested for tr in live_trs])
                    done = self.epoch[lv] >= start[lv] + epochs
                    capped = ~done & (self.epoch[lv] >= cap[lv])
                    stop &= ~done & ~capped
                    self._drop_pack()
                    for r in lv[done]:
                        self._finish(r, "finished", f"trained to epoch {int(self.epoch[r])}")
                    for r in lv[capped]:
                        m = self.trainers[r].max_epochs
                        self._finish(r, "max_epochs", f"reached the cap of {m} epochs")
                    for r in lv[stop]:
                        self._finish(
                            r, "stopped", f"stopped at epoch {int(self.epoch[r])} by request"
                        )
                    live, lv = [int(r) for r in lv[~(done | capped | stop)]], None
                if not live:
                    return
                if self._pack is None:
                    self._pack = Pack(self, np.array(live))
                ok, ended = self._pack.epoch(ahead=epochs - k)
                self._pack.store(exclude=set(ended))  # the diverged are back at their last row
                ended += self._after_epoch(ok)
                if ended:
                    self._drop_pack()
                    live, lv = [r for r in live if r not in ended], None
                yield self._report("epoch", ok, ended)
        finally:
            self._drop_pack()

    def _drop_pack(self) -> None:
        if self._pack is not None:
            self._pack.release()
            self._pack = None

    def _after_epoch(self, ok) -> list[int]:
        """Best validation loss, early stopping and the accuracy target for the replicas
        that recorded an epoch (``Trainer._check_best`` and the end of its loop); returns
        those whose run ends here."""
        ok = np.asarray(ok, np.int64)
        ended = []
        if not ok.size or not (self.has_val or self._any_target):
            return ended
        c = self._c[ok, self.cursor[ok]]
        if self.has_val:
            b = self.best_index[ok]
            better = (b < 0) | (c[:, 5] < self._c[ok, np.maximum(b, 0), 5])
            self.best_index[ok[better]] = self.cursor[ok[better]]
            self.best_epoch[ok[better]] = c[better, 0]
            stale = c[:, 0] - self.best_epoch[ok] >= self.patience[ok]
            for k in np.flatnonzero(~better & self.early[ok] & stale):
                self._restore_best(int(ok[k]))
                ended.append(int(ok[k]))
        if not self._any_target:
            return ended
        solved = c[:, 4] >= self.target[ok]  # NaN target: never
        for k in np.flatnonzero(solved):
            r = int(ok[k])
            if r not in ended:
                msg = f"reached {100 * c[k, 4]:.4g} % training accuracy at epoch {int(c[k, 0])}"
                self._finish(r, "solved", msg)
                ended.append(r)
        return ended

    def _report(self, kind, ok, ended) -> ReplicaEpoch:
        ok = np.sort(np.asarray(ok, np.int64))
        rows = self.cursor[ok]
        c = self._c[ok, rows]
        return ReplicaEpoch(
            kind,
            ok,
            c[:, 0].astype(np.int64),
            c[:, 3],
            c[:, 4],
            c[:, 5],
            c[:, 6],
            c[:, 7],
            self._w[ok, rows],
            tuple(sorted(int(r) for r in ended)),
        )


__all__ = ["ReplicaEpoch", "ReplicaTrainer"]
