"""Comparisons: variants of one document trained side by side, one history per variant.

A ``Comparison`` takes a document and a list of variants (each a few settings changed:
learning rate, seed, rule, batch size, optimiser, penalty, activation of the hidden
layers, ...). Every variant becomes a document copy with its own ``Session``; the
variants whose networks and batch schedules match train together in the engine's
``ReplicaTrainer`` (bit for bit as each would alone), the others on their own trainer.
``iter_epochs`` yields a ``CompareStep`` after every epoch, so a view can draw all
variants live; ``document(i)`` is variant i as a standalone network with its weights.

A variant that does not change the seed, the initialisation or the hidden size starts
from the document's own weights, so "the same initial weights" holds across rules, rates
and penalties; a variant that sets ``seed``, ``init`` or ``hidden`` draws new weights.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import re
from dataclasses import dataclass

import numpy as np

from nnsim.model.document import NetworkDocument
from nnsim.model.session import Session, SessionError

#: What a variant may change: name → (settings field or None, parser). "activation" sets
#: every hidden dense layer's activation, "hidden" its number of neurons (variants of
#: different sizes train in separate stacks).
VARY = {
    "lr": ("lr", float),
    "seed": ("seed", int),
    "rule": ("rule", str),
    "batch_size": ("batch_size", int),
    "optimizer": ("optimizer", str),
    "momentum": ("momentum", float),
    "reg": ("regularization", str),
    "regularization": ("regularization", str),
    "reg_lambda": ("reg_lambda", float),
    "early_stopping": ("early_stopping", lambda v: str(v).lower() in ("1", "true", "yes", "on")),
    "patience": ("patience", int),
    "validation_fraction": ("validation_fraction", float),
    "init": ("init", str),
    "activation": (None, str),
    "hidden": (None, int),
}

#: Variations that change the network's weights: such a variant draws new ones (from its
#: settings' init and seed) instead of starting from the document's.
NEW_WEIGHTS = ("seed", "init", "hidden")


_RANGE = re.compile(r"^(-?\d+)-(-?\d+)$")


class CompareError(SessionError):
    """A comparison that cannot be set up; the message names the variant or the value."""


def parse_values(name: str, text: str) -> list:
    """The values of ``--vary name=text``: a comma list ("0.003,0.03,0.3") or, for whole
    numbers, ranges ("0-3" is 0, 1, 2, 3).

    Raises
    ------
    CompareError
        For an unknown name or a value that does not parse, naming both.
    """
    if name not in VARY:
        raise CompareError(f"cannot vary {name!r}; choose from {', '.join(VARY)}")
    conv = VARY[name][1]
    out = []
    for part in (p.strip() for p in str(text).split(",")):
        if not part:
            continue
        try:
            span = _RANGE.match(part) if conv is int else None
            if span:
                lo, hi = int(span[1]), int(span[2])
                if hi < lo or hi - lo > 10_000:
                    raise ValueError
                out.extend(range(lo, hi + 1))
            else:
                out.append(conv(part))
        except ValueError:
            raise CompareError(f"--vary {name}: {part!r} is not a valid value") from None
    if not out:
        raise CompareError(f"--vary {name}: no values given")
    return out


@dataclass(frozen=True)
class Variant:
    """One variant: a label and the changes it makes ({vary name: value})."""

    label: str
    changes: dict


def _fmt(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def grid(vary: dict) -> list[Variant]:
    """Every combination of the values in ``vary`` ({name: [values]}), first name slowest."""
    names = list(vary)
    out = []
    for combo in itertools.product(*(vary[n] for n in names)):
        changes = dict(zip(names, combo))
        label = ", ".join(f"{n}={_fmt(v)}" for n, v in changes.items()) or "as is"
        out.append(Variant(label, changes))
    return out


def hidden_layers(doc: NetworkDocument) -> list[str]:
    """The dense layers that feed another layer (the hidden ones), in document order."""
    feeding = {link.src for link in doc.links.values()}
    return [lid for lid, layer in doc.layers.items() if layer.kind == "dense" and lid in feeding]


def apply(doc: NetworkDocument, variant: Variant) -> NetworkDocument:
    """A copy of ``doc`` with the variant's changes (new weights when it sets a seed)."""
    d = doc.copy()
    fields = {}
    for name, value in variant.changes.items():
        if name not in VARY:
            raise CompareError(f"variant {variant.label!r}: cannot vary {name!r}")
        field, _ = VARY[name]
        if name == "activation":
            for lid in hidden_layers(d):
                d.set_activation(lid, str(value))
        elif name == "hidden":
            if int(value) < 1:
                raise CompareError(f"variant {variant.label!r}: a layer needs at least 1 neuron")
            for lid in hidden_layers(d):
                while d.layers[lid].size < int(value):
                    d.add_neuron(lid)
                while d.layers[lid].size > int(value):
                    d.remove_neuron(lid, d.layers[lid].size - 1)
        else:
            fields[field] = value
    if fields:
        try:
            d.update_settings(**fields)
        except ValueError as e:
            raise CompareError(f"variant {variant.label!r}: {e}") from None
    return d


@dataclass(frozen=True)
class CompareStep:
    """What one step of ``Comparison.iter_epochs`` did.

    Attributes
    ----------
    kind : str
        "init" (the initial weights evaluated) or "epoch".
    epoch : int
        Epochs trained so far in this ``iter_epochs`` call (0 for "init").
    variants : tuple of int
        The variants that recorded a history row (the initial one or an epoch).
    ended : tuple of int
        Variants whose run ended here (``Comparison.results`` says why).
    """

    kind: str
    epoch: int
    variants: tuple
    ended: tuple


@dataclass(frozen=True)
class CompareRow:
    """One line of the comparison table."""

    label: str
    epochs: int
    epochs_to_target: int | None
    train_loss: float
    train_acc: float
    test_loss: float
    test_acc: float
    status: str
    diverged: bool

    def cells(self, label: str | None = None, status: str | None = None) -> tuple:
        """The row as the table's texts (``Comparison.HEADER``'s order): numbers to 4
        significant digits, percentages to 0.1, "—" where there is none. ``label`` and
        ``status`` replace the row's own (a view shows them in its language)."""
        if status is None:
            status = "DIVERGED" if self.diverged else self.status
        return (
            self.label if label is None else label,
            str(self.epochs),
            "—" if self.epochs_to_target is None else str(self.epochs_to_target),
            _num(self.train_loss),
            _pct(self.train_acc),
            _num(self.test_loss),
            _pct(self.test_acc),
            status,
        )


class Comparison:
    """Variants of a document trained side by side.

    Parameters
    ----------
    document : NetworkDocument
        The base document (not changed).
    variants : list of Variant
        What each variant changes (see ``grid`` and ``VARY``).
    target_loss : float, optional
        For "epochs to target": the first epoch whose training loss is at most this.
    """

    def __init__(self, document: NetworkDocument, variants, target_loss: float | None = None):
        from nnsim.engine.errors import EngineError
        from nnsim.engine.replica_groups import stack_groups
        from nnsim.engine.replicas import ReplicaTrainer

        self.variants = list(variants)
        if not self.variants:
            raise CompareError("a comparison needs at least one variant")
        self.target_loss = None if target_loss is None else float(target_loss)
        self.epochs = document.settings.epochs
        self.documents = [apply(document, v) for v in self.variants]
        self.sessions = []
        for v, d in zip(self.variants, self.documents):
            s = Session(d)
            try:
                if any(k in v.changes for k in NEW_WEIGHTS):
                    s.reset_weights()
                s.trainer  # noqa: B018 — build it now, so a bad variant fails here
            except (SessionError, EngineError, ValueError) as e:
                raise CompareError(f"variant {v.label!r}: {e}") from None
            self.sessions.append(s)
        trainers = [s.trainer for s in self.sessions]
        #: (variant indices, ReplicaTrainer or None for a trainer on its own)
        self.units = []
        for g in stack_groups(trainers):
            try:
                rt = ReplicaTrainer([trainers[i] for i in g])
            except EngineError:
                rt = None
            self.units.append((g, rt))

    def __len__(self) -> int:
        return len(self.variants)

    # --- training ---------------------------------------------------------------------
    def iter_epochs(self, epochs: int | None = None):
        """Train every variant ``epochs`` more epochs (default: the document's), yielding
        a ``CompareStep`` after the initial evaluation and after every epoch."""
        n = self.epochs if epochs is None else int(epochs)
        gens = []
        for g, rt in self.units:
            if rt is not None:
                gens.append((g, rt, rt.iter_epochs(n)))
            else:
                gens.append((g, None, self.sessions[g[0]].trainer.iter_epochs(n)))
        done = 0
        while gens:
            rec, ended, alive, kinds = [], [], [], set()
            for g, rt, gen in gens:
                try:
                    step = next(gen)
                except StopIteration:
                    if rt is None:
                        ended.append(g[0])
                    continue
                alive.append((g, rt, gen))
                kinds.add(step.kind)
                if rt is None:
                    rec.append(g[0])
                else:
                    rec.extend(g[int(r)] for r in step.replicas)
                    ended.extend(g[int(r)] for r in step.ended)
            gens = alive
            kind = "init" if kinds == {"init"} else "epoch"
            done += kind == "epoch"
            if rec or ended:
                yield CompareStep(kind, done, tuple(sorted(rec)), tuple(sorted(ended)))
        self.sync()

    def run(self, epochs: int | None = None) -> Comparison:
        """Train every variant ``epochs`` more epochs; returns self."""
        for _ in self.iter_epochs(epochs):
            pass
        return self

    def stop(self) -> None:
        """Ask every variant to stop before its next epoch."""
        for _g, rt in self.units:
            if rt is not None:
                rt.stop()
        for s in self.sessions:
            s.stop()

    def sync(self) -> None:
        """Bring every variant's own trainer up to date with the stacks."""
        for g, rt in self.units:
            if rt is not None:
                for r in range(len(g)):
                    rt.trainer(r)

    # --- reading ----------------------------------------------------------------------
    def _where(self, i: int):
        for g, rt in self.units:
            if i in g:
                return rt, g.index(i)
        raise IndexError(f"there is no variant {i}; the comparison has {len(self)}")

    def history(self, i: int):
        """Variant ``i``'s ``History`` (loss curves, weight trajectory)."""
        rt, r = self._where(i)
        return self.sessions[i].trainer.history if rt is None else rt.history(r)

    def column(self, i: int, name: str) -> np.ndarray:
        """One history column of variant ``i`` ("train_loss", "val_acc", "epoch", ...), a
        read-only view: cheap enough to redraw a live curve from every frame."""
        rt, r = self._where(i)
        if rt is None:
            return getattr(self.sessions[i].trainer.history, name)
        return rt.column(r, name)

    @property
    def histories(self) -> list:
        """One ``History`` per variant."""
        return [self.history(i) for i in range(len(self))]

    def weights(self, i: int) -> np.ndarray:
        """Variant ``i``'s current flat weights (a copy)."""
        rt, r = self._where(i)
        return self.sessions[i].network.theta.copy() if rt is None else rt.weights(r)

    def network(self, i: int):
        """Variant ``i``'s engine network holding its current weights (for its pictures,
        e.g. ``forward_grid``); the stack stays the owner of the weights."""
        rt, r = self._where(i)
        net = self.sessions[i].network
        if rt is not None:
            net.set_weights(rt.theta[r])
        return net

    def outputs(self, points, count: int | None = None, dtype=np.float32) -> list:
        """The output of the first ``count`` variants (default: all) on ``points`` (N,
        inputs), each (N, outputs) in ``dtype``: one batched engine pass per replica
        stack (``ReplicaTrainer.grid``), ``forward_grid`` for a variant on its own.
        Raises what the engine raises for points that do not fit the network."""
        n = len(self) if count is None else min(int(count), len(self))
        out: list = [None] * n
        for g, rt in self.units:
            want = [k for k, i in enumerate(g) if i < n]
            if not want:
                continue
            if rt is None:
                net = self.sessions[g[0]].network
                out[g[0]] = net.forward_grid(points, dtype=dtype)[net.output_names[0]]
                continue
            stacked = rt.grid(points, dtype)
            for k in want:
                out[g[k]] = stacked[k]
        return out

    @property
    def results(self) -> list:
        """How each variant's last run ended (``TrainResult`` or None)."""
        out = []
        for i in range(len(self)):
            rt, r = self._where(i)
            out.append(self.sessions[i].trainer.result if rt is None else rt.results[r])
        return out

    def document(self, i: int) -> NetworkDocument:
        """Variant ``i`` as a standalone document with its current weights (a copy)."""
        rt, r = self._where(i)
        if rt is not None:
            rt.trainer(r)
        self.sessions[i].sync_document()
        return self.documents[i].copy()

    def session(self, i: int) -> Session:
        """Variant ``i``'s session, its trainer brought up to date."""
        rt, r = self._where(i)
        if rt is not None:
            rt.trainer(r)
        return self.sessions[i]

    def default_target(self) -> float | None:
        """The target loss of "epochs to target": the one given, else a tenth of the first
        variant's initial training loss."""
        if self.target_loss is not None:
            return self.target_loss
        loss = self.column(0, "train_loss")
        return float(loss[0]) / 10 if len(loss) else None

    def rows(self, target_loss: float | None = None) -> list[CompareRow]:
        """The table's rows: epochs to the target loss, final losses and accuracies."""
        target = self.default_target() if target_loss is None else float(target_loss)
        out = []
        for i, (v, res) in enumerate(zip(self.variants, self.results)):
            # the columns, not ``history(i)``: a stacked replica's History is a copy of
            # every row's weights, too slow for a live table redrawn many times a second
            col = lambda name, i=i: self.column(i, name)  # noqa: E731
            epoch, loss = col("epoch"), col("train_loss")
            n = len(epoch)
            rows = self._epoch_rows(i)
            k = self._cursor(i)
            reach = None
            if target is not None and rows.size:
                hit = np.flatnonzero(loss[rows] <= target)
                reach = int(epoch[rows][hit[0]]) if hit.size else None
            status = res.status if res is not None else "not trained"
            out.append(
                CompareRow(
                    v.label,
                    int(epoch[k]) if n else 0,
                    reach,
                    float(loss[k]) if n else math.nan,
                    float(col("train_acc")[k]) if n else math.nan,
                    float(col("val_loss")[k]) if n else math.nan,
                    float(col("val_acc")[k]) if n else math.nan,
                    status,
                    status == "diverged",
                )
            )
        return out

    def _epoch_rows(self, i: int) -> np.ndarray:
        """Rows of variant ``i``'s history that are the initial or an end-of-epoch one."""
        from nnsim.engine.history import SNAPSHOT_KINDS

        rt, r = self._where(i)
        if rt is None:
            return self.sessions[i].trainer.history.epoch_rows()
        return np.flatnonzero(rt.column(r, "kind") != SNAPSHOT_KINDS.index("step"))

    def _cursor(self, i: int) -> int:
        rt, r = self._where(i)
        return int(self.sessions[i].trainer.cursor if rt is None else rt.cursor[r])

    HEADER = (
        "setting",
        "epochs",
        "epochs to target",
        "train loss",
        "train acc",
        "test loss",
        "test acc",
        "status",
    )

    def table(self, target_loss: float | None = None) -> str:
        """The rows as an aligned text table (diverged variants say so)."""
        cells = [self.HEADER]
        for row in self.rows(target_loss):
            cells.append(row.cells())
        widths = [max(len(c[j]) for c in cells) for j in range(len(self.HEADER))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(cells[0], widths)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        for c in cells[1:]:
            lines.append("  ".join(x.ljust(w) for x, w in zip(c, widths)).rstrip())
        return "\n".join(lines)

    def csv(self, target_loss: float | None = None) -> str:
        """The rows as CSV (numbers in full, empty where there is none)."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([h.replace(" ", "_") for h in self.HEADER] + ["diverged"])
        for row in self.rows(target_loss):
            w.writerow(
                [
                    row.label,
                    row.epochs,
                    "" if row.epochs_to_target is None else row.epochs_to_target,
                    *(
                        "" if math.isnan(v) else repr(v)
                        for v in (row.train_loss, row.train_acc, row.test_loss, row.test_acc)
                    ),
                    row.status,
                    int(row.diverged),
                ]
            )
        return buf.getvalue()


def _num(v: float) -> str:
    return "—" if math.isnan(v) else f"{v:.4g}"


def _pct(v: float) -> str:
    return "—" if math.isnan(v) else f"{100 * v:.1f} %"
