"""One stretch of epochs of a ``ReplicaTrainer``: the live replicas packed into one stack.

The replicas are sorted so that those updated alike are neighbouring rows — the fused-SGD
ones first, then one block per optimiser set-up (kind, β₁, β₂, ε, step count, penalty) —
and each block's update is the ``Optimizer``'s own ``step`` on its rows, with the learning
rate, momentum and penalty rate as columns (one value per row).
"""

from __future__ import annotations

import copy

import numpy as np

from nnsim.engine.divergence import snapshot_notes, update_notes
from nnsim.engine.history import SNAPSHOT_KINDS
from nnsim.engine.replica_stack import (
    ROW_KERNELS,
    SquaredErrorEval,
    Stack,
    loss_values,
    predicted_classes,
    se_rows,
)

_KIND = {k: i for i, k in enumerate(SNAPSHOT_KINDS)}


def _sgd_step(theta, grad, lr) -> None:
    theta -= lr * grad


class Pack:
    """The replicas of one stretch of epochs, sorted so that replicas updated alike are
    neighbouring rows: the fused-SGD ones first, then one block per optimiser set-up."""

    def __init__(self, rt, ids):
        self.rt = rt
        trs = rt.trainers
        self.net = trs[ids[0]].network  # names a parameter in a note (one layout for all)
        dt = rt.shape.dtype

        def key(r):
            tr = trs[r]
            acts = tuple(a.name for a in rt.acts[r])
            if tr._can_fast():
                return (0, "", 0.0, 0.0, 0.0, 0, "", False, acts)
            o, reg = tr.optimizer, tr.regularizer
            return (
                1,
                o.name,
                getattr(o, "beta1", 0.0),
                getattr(o, "beta2", 0.0),
                getattr(o, "eps", 0.0),
                int(rt.opt_t[r]),
                reg.name,
                bool(reg.lam),
                acts,
            )

        keys = {int(r): key(int(r)) for r in ids}
        self.ids = ids = np.array(sorted(keys, key=lambda r: (keys[r], r)), np.int64)
        self.A = A = len(ids)
        self.all_rows = np.arange(A)
        self.stack = Stack(
            rt.shape,
            [[rt.acts[r][i] for r in ids] for i in range(len(rt.shape.layers))],
            rt.theta[ids],
        )
        self.F = F = sum(1 for r in ids if keys[r][0] == 0)
        lr = np.array([trs[r].lr for r in ids], np.float64)
        bs, n = rt.batch_size, rt.n
        self.starts = list(range(0, n, bs))
        last_b = n - self.starts[-1]
        s_mid = np.where(np.arange(A) < F, -lr / bs, 1.0 / bs)
        self.s_mid = s_mid.astype(dt).reshape(A, 1, 1)
        self.s_last = np.full((A, 1, 1), 1.0 / last_b, dt)
        self.lr_fast = lr[:F].astype(dt).reshape(F, 1)
        self.m = rt.opt_m[ids]
        self.v = rt.opt_v[ids]
        self.groups = []  # (rows, optimizer, regularizer or None, λ column)
        i = F
        while i < A:
            j = i
            while j < A and keys[ids[j]][:8] == keys[ids[i]][:8]:
                j += 1
            rows = slice(i, j)
            tr = trs[ids[i]]
            opt = copy.copy(tr.optimizer)
            lr_g = np.array([[trs[r].optimizer.lr] for r in ids[rows]])
            opt.lr = lr_g if opt.name == "adam" else lr_g.astype(dt)
            if opt.name == "momentum":
                opt.momentum = np.array([[trs[r].optimizer.momentum] for r in ids[rows]], dt)
                opt.v = self.v[rows]
            elif opt.name == "adam":
                opt.m, opt.v = self.m[rows], self.v[rows]
                opt._tmp = np.empty_like(opt.m)
            opt.t = int(rt.opt_t[ids[i]])
            reg = tr.regularizer if keys[ids[i]][7] else None
            lam = np.array([[trs[r].regularizer.lam] for r in ids[rows]], dt)
            self.groups.append((rows, opt, reg, lam))
            i = j
        d = rt.shape.n_in
        self.bias0 = rt.shape.layers[0][2]
        self.d = d
        self.x = rt.x[ids]
        self.t = rt.t[ids]
        self.y = rt.y[ids]
        self.classes = None if rt.classes is None else rt.classes[ids]
        if rt.has_val:
            self.xv, self.yv = rt.xv[ids], rt.yv[ids]
            self.classes_v = None if rt.classes_v is None else rt.classes_v[ids]
        self.thresholds = rt.thresholds[ids]
        self.shuffle = rt.shuffle[ids]
        self.kernel = ROW_KERNELS[type(rt.loss)]
        # Replicas whose generators are in the same state (the same seed, so far) draw the
        # same orders: one draw serves them all, and ``release`` syncs the others.
        first: dict = {}
        self.leaders = []
        for r in ids:
            st = trs[r]._rng.bit_generator.state
            k = (repr(st), bool(self.shuffle[len(self.leaders)]))
            self.leaders.append(first.setdefault(k, int(r)))
        self.draw = sorted({ld for ld, s in zip(self.leaders, self.shuffle) if s})
        # Orders are drawn a chunk of epochs at a time (see ``_orders``): row k of the
        # draws is replica k's leader's, the last row the unshuffled order.
        where = {ld: i for i, ld in enumerate(self.draw)}
        self.lead_row = np.array(
            [where[ld] if sh else len(self.draw) for ld, sh in zip(self.leaders, self.shuffle)],
            np.intp,
        )
        self._chunk = np.empty((0, 0, n), np.int64)  # (leaders + 1, epochs, n)
        self._pos = 0
        self._flat = np.empty((A, n), np.int64)
        self._states = {}  # leader: (state before the chunk, state after it)
        self._rewound = False
        self.penalties = []  # (regulariser, rows, λ) per kind of penalty
        kinds: dict = {}
        for k, r in enumerate(ids):
            kinds.setdefault(type(trs[r].regularizer), []).append(k)
        for ks in kinds.values():
            reg = trs[ids[ks[0]]].regularizer
            self.penalties.append((reg, ks, np.array([trs[ids[k]].regularizer.lam for k in ks])))
        # The epoch's samples in each replica's order, and its batches as views of them
        # (bound once: an update is then only the passes).
        self.xs = self.x.copy() if self.shuffle.any() else self.x
        self.ts = self.t.copy() if self.shuffle.any() else self.t
        self.offsets = (np.arange(A) * n)[:, None]
        self._x2, self._xs2 = self.x.reshape(A * n, -1), self.xs.reshape(A * n, -1)
        self._t2, self._ts2 = self.t.reshape(A * n, -1), self.ts.reshape(A * n, -1)
        self.totals = np.empty((len(self.starts), A, 1, 1), dt)
        # With bounded outputs (tanh, sigmoid), squared error and moderate targets, a batch
        # loss can only be non-finite when the output is NaN, and then the weights become
        # NaN too: for plain-SGD stacks the end-of-epoch weight check then says all the
        # loss check could, so the batch losses need not be summed.
        bounded = set(self.stack.acts[-1]) <= {"tanh", "sigmoid"}
        self.skip_totals = (
            F == A
            and bounded
            and self.kernel is se_rows
            and float(np.max(np.abs(self.t), initial=0.0)) <= 1e100
        )
        self.totals[...] = 0
        # The history's evaluation of each set, prepared once when it can be.
        self.evals = [self._eval_of(self.x, self.y, self.classes)]
        if rt.has_val:
            self.evals.append(self._eval_of(self.xv, self.yv, self.classes_v))
        self.plan = []
        for k, i in enumerate(self.starts):
            last = k == len(self.starts) - 1
            b = min(bs, n - i)
            w = self.stack.work(b)
            x = self._operand(self.xs[:, i : i + b])
            tb = self.ts[:, i : i + b].transpose(0, 2, 1)
            # the error's scale as a full array: a contiguous multiply, not a broadcast
            s_ = np.ascontiguousarray(
                np.broadcast_to(self.s_last if last else self.s_mid, (A, rt.shape.n_out, b))
            )
            calls = w.calls(x, backward=True)
            k_f = w.n_forward
            ops = calls[:k_f]
            if self.skip_totals:  # se_grad_rows, inline
                ops += [(np.subtract, (w.o[-1], tb, w.e)), (np.multiply, (w.e, s_, w.g[-1]))]
            else:
                ops.append((self.kernel, (w.o[-1], tb, w, s_, self.totals[k])))
            ops += calls[k_f:]
            if F:
                th, gr = self.stack.theta[:F], self.stack.grad[:F]
                if last:  # Network.sgd_step: θ ← θ − η ∇E
                    ops.append((_sgd_step, (th, gr, self.lr_fast)))
                else:  # the step is already in the gradient (error scaled by −η/B)
                    ops.append((np.add, (th, gr, th)))
            self.plan.append((ops, w.b, self.totals[k]))

    def _eval_of(self, xs, y, classes):
        """A prepared ``SquaredErrorEval`` of one set, or None (then ``_evaluate`` runs)."""
        rt = self.rt
        m = xs.shape[1]
        if not SquaredErrorEval.fits(
            rt.loss, rt.shape.n_out, m, rt.trainers[0].eval_batch, classes
        ):
            return None
        # (the work of size m is shared by the sets of that size, used one after the other)
        return SquaredErrorEval(
            self.stack, self.stack.work(m), self._operand(xs), y, classes, self.thresholds
        )

    def _operand(self, xs):
        return (xs if self.bias0 else xs[:, :, : self.d]).transpose(0, 2, 1)

    def store(self, exclude=()) -> None:
        """Write the rows back into the trainer's store (all but ``exclude``, whose
        state the end of their run has set already)."""
        rt = self.rt
        keep = ~np.isin(self.ids, list(exclude)) if exclude else np.ones(self.A, bool)
        ids = self.ids[keep]
        rt.theta[ids] = self.stack.theta[keep]
        if self.groups:
            rt.opt_m[ids], rt.opt_v[ids] = self.m[keep], self.v[keep]
            for rows, opt, _reg, _lam in self.groups:
                rt.opt_t[self.ids[rows][keep[rows]]] = opt.t

    def release(self) -> None:
        """Hand each replica's shuffling generator its state: a leader's is put where the
        epochs trained so far left it (the chunk drawn ahead is rewound and only the used
        orders drawn again), and followers of a shared one take their leader's (the same
        state draws the same orders)."""
        trs = self.rt.trainers
        n = self.rt.n
        for lead, (before, after) in self._states.items():
            g = trs[lead]._rng
            if self._pos == self._chunk.shape[1]:
                g.bit_generator.state = after
            else:
                g.bit_generator.state = before
                for _ in range(self._pos):
                    g.permutation(n)
                self._rewound = True
        for r, lead in zip(self.ids, self.leaders):
            if lead != r:
                trs[r]._rng.bit_generator.state = trs[lead]._rng.bit_generator.state

    # --- one epoch -------------------------------------------------------------------------
    def _orders(self, ahead: int) -> np.ndarray:
        """This epoch's order of the samples of every replica, as indices into the flat
        (A·n, …) data. Each leader's generator draws up to ``ahead`` epochs of orders in
        one ``permuted`` call (the same numbers as that many ``permutation`` calls, which
        is what the trainer draws: tests/engine/test_replicas.py checks it)."""
        if self._pos == self._chunk.shape[1]:
            trs, n, A = self.rt.trainers, self.rt.n, self.A
            C = max(1, min(int(ahead), 32, (1 << 22) // (A * n)))
            drawn = np.empty((len(self.draw) + 1, C, n), np.int64)
            drawn[-1] = np.arange(n)
            base = np.broadcast_to(np.arange(n), (C, n))
            for i, lead in enumerate(self.draw):
                g = trs[lead]._rng
                if self._rewound:  # a release drew the used orders again: go on after them
                    g.bit_generator.state = self._states[lead][1]
                before = g.bit_generator.state
                drawn[i] = g.permuted(base, axis=1)
                self._states[lead] = (before, g.bit_generator.state)
            self._rewound = False
            self._chunk, self._pos = drawn, 0
        flat = self._flat
        np.take(self._chunk[:, self._pos], self.lead_row, axis=0, out=flat)
        np.add(flat, self.offsets, flat)
        self._pos += 1
        return flat.reshape(-1)

    def epoch(self, ahead: int = 1):
        """One epoch for every row (``ahead``: how many more epochs are expected, at
        least this one); returns (replicas that recorded, replicas that ended)."""
        rt, st, A, F = self.rt, self.stack, self.A, self.F
        theta = st.theta
        n = rt.n
        if self.shuffle.any():
            flat = self._orders(ahead)
            # (mode "clip": the indices are valid, and "raise" would buffer the output)
            np.take(self._x2, flat, axis=0, out=self._xs2, mode="clip")
            np.take(self._t2, flat, axis=0, out=self._ts2, mode="clip")
        notes: dict[int, str] = {}
        slow = F < A
        with np.errstate(all="ignore"):
            for ops, b, out in self.plan:
                for f, args in ops:
                    f(*args)
                if slow:
                    self._slow_update(out[:, 0, 0], b, notes)
            epoch = rt.epoch[self.ids] + 1
            value = np.add.reduce(self.totals[:, :, 0, 0], axis=0)
            if F:  # Trainer._fast_bp_epoch's checks
                notes.update(
                    update_notes(theta[:F], value[:F] / n, loss_first=False, network=self.net)
                )
        if not notes:  # (the usual case, without masks)
            rt.epoch[self.ids] = epoch
            rt.step[self.ids] += len(self.starts)
            return self.record("epoch", self.all_rows)
        ok = np.ones(A, bool)
        ok[list(notes)] = False
        rt.epoch[self.ids[ok]] = epoch[ok]
        rt.step[self.ids[ok]] += len(self.starts)
        ended = []
        for k, note in notes.items():
            rt._diverged(int(self.ids[k]), note, int(epoch[k]))
            ended.append(int(self.ids[k]))
        good, bad = self.record("epoch", np.flatnonzero(ok))
        return good, ended + bad

    def _slow_update(self, totals, b: int, notes) -> None:
        """Penalty gradient, optimiser step and the per-update checks of the slow rows."""
        st = self.stack
        theta, grad = st.theta, st.grad
        F = self.F
        for rows, opt, reg, lam in self.groups:
            if reg is not None:
                reg.add_grad_at(theta[rows], grad[rows], lam)
            opt.step(theta[rows], grad[rows])
        # Trainer._bp_update's checks (a row whose loss is not finite is stepped all the
        # same: it is restored to its last row at the end of the epoch, its first note kept)
        found = update_notes(theta[F:], totals[F:] / b, grad[F:], network=self.net)
        for k, note in found.items():
            notes.setdefault(k + F, note)

    # --- evaluation and the history row ----------------------------------------------------
    def _evaluate(self, xs, y, classes):
        """(loss, accuracy) of every row, as ``Trainer._evaluate`` row by row."""
        rt, st = self.rt, self.stack
        m = xs.shape[1]
        eb = rt.trainers[0].eval_batch
        total = np.zeros(self.A)
        hits = np.zeros(self.A, np.int64)
        for i in range(0, m, eb):
            c = min(eb, m - i)
            w = st.work(c)
            st.forward(w, self._operand(xs[:, i : i + c]))
            out = w.o[-1]
            total = total + loss_values(rt.loss, out, y[:, i : i + c]) * c
            if classes is not None:
                pred = predicted_classes(out, self.thresholds)
                hits += np.count_nonzero(pred == classes[:, i : i + c], axis=1)
        loss = total / m if m else np.full(self.A, np.nan)
        acc = hits / m if classes is not None else np.full(self.A, np.nan)
        return loss, acc

    def record(self, kind, rows):
        """Evaluate, check and append a history row for the pack's ``rows``; returns
        (replicas that recorded, replicas that diverged)."""
        rt = self.rt
        every = rows is self.all_rows
        rows = np.asarray(rows, np.int64)
        ids = self.ids if every else self.ids[rows]
        if len(ids) == 0:
            return ids, []
        theta = self.stack.theta if every else self.stack.theta[rows]
        with np.errstate(all="ignore"):
            ev = self.evals
            tl, ta = ev[0]() if ev[0] else self._evaluate(self.x, self.y, self.classes)
            if rt.has_val:
                vl, va = ev[1]() if ev[1] else self._evaluate(self.xv, self.yv, self.classes_v)
            else:
                vl = va = np.full(self.A, np.nan)
            pen = np.zeros(self.A)
            for reg, ks, lam in self.penalties:
                if reg.name != "none":
                    pen[ks] = reg.penalty_rows(self.stack.theta[ks], lam)
            if not every:
                tl, ta, vl, va, pen = tl[rows], ta[rows], vl[rows], va[rows], pen[rows]
            # Trainer._record's checks, for all rows at once
            first = rt._c[ids, 0, 3]
            ref = np.where(rt.n_rows[ids] > 0, first, np.nan)
            found = snapshot_notes(
                theta, tl, ref, vl if rt.has_val else None, pen, network=self.net
            )
        good, bad = [k for k in range(len(ids)) if k not in found], []
        for k, note in found.items():
            r = int(ids[k])
            rt._diverged(r, note, int(rt.epoch[r]))
            bad.append(r)
        good = self.all_rows if every and not found else np.array(good, np.int64)
        if good.size:
            gi = ids if good is self.all_rows else ids[good]
            ep = rt.epoch[gi] if kind != "step" else rt.epoch[gi] + 1
            cols = np.empty((len(gi), 10))  # history.COLUMNS; the serial is set by _append_rows
            cols[:, 0], cols[:, 1], cols[:, 2] = ep, rt.step[gi], _KIND[kind]
            pick = (lambda a: a) if good is self.all_rows else (lambda a: a[good])
            cols[:, 3], cols[:, 4], cols[:, 5] = pick(tl), pick(ta), pick(vl)
            cols[:, 6], cols[:, 7], cols[:, 8] = pick(va), pick(pen), -1
            rt._append_rows(gi, pick(theta), cols)
            return gi, bad
        return np.array([], np.int64), bad
