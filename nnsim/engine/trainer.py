"""The trainer: one network, one data set, a rule, a history to replay (see ``nnsim.engine.training``)."""

from __future__ import annotations

import inspect

import numpy as np

from nnsim.engine.divergence import DivergenceGuard
from nnsim.engine.history import History, Snapshot
from nnsim.engine.layers.base import INIT_SCHEMES
from nnsim.engine.losses import Loss, SigmoidBinaryCrossEntropy, get_loss
from nnsim.engine.metrics import output_threshold, target_threshold
from nnsim.engine.optim import get_optimizer, get_regularizer
from nnsim.engine.perceptron import PerceptronRule, perceptron_targets
from nnsim.engine.trainer_data import training_sets
from nnsim.engine.trainer_state import TrainerState
from nnsim.engine.training_rules import (
    RULES,
    Evaluation,
    RuleEpochs,
    TrainingError,
    TrainResult,
    _n_rows,
    _take,
)


def history_rows(network, max_bytes: int, min_rows: int = 8) -> int:
    """Snapshots of ``network``'s weights that fit in ``max_bytes`` (at least ``min_rows``).

    The ``history_limit`` of a trainer given a byte budget rather than a row count.
    """
    theta = network.theta
    per_row = max(1, int(network.n_params) * theta.dtype.itemsize)
    return max(int(min_rows), 4, int(max_bytes) // per_row)


class Trainer(Evaluation, RuleEpochs, TrainerState):
    """Train a network by one of the course's rules and keep a history to replay.

    Parameters
    ----------
    network : Network
        The engine network; trained in place.
    loss : str or Loss
        ``"squared_error"``, ``"softmax_cross_entropy"`` or
        ``"sigmoid_binary_cross_entropy"`` (None: squared error). For the perceptron rule
        the loss is only reported.
    train : (x, y)
        Training inputs (an array with one row per sample, or a dict from input-layer
        name to rows) and targets.
    val : (x, y), optional
        Validation set for the validation curve and early stopping.
    rule : str
        ``"perceptron"``, ``"standard"`` (batch size 1), ``"accumulated"`` (the whole
        set) or ``"minibatch"`` (``batch_size``).
    lr : float
        Learning rate η.
    batch_size : int
        Samples per update for ``"minibatch"``.
    drop_last : bool
        ``"minibatch"``: skip the last batch of an epoch when it is shorter than
        ``batch_size`` (those samples come first in another epoch's order). Adam takes
        as long a step on a few samples as on a full batch; the RNN parity demo learns
        its rule more often without such steps.
    optimizer : str or Optimizer
        ``"sgd"``, ``"momentum"`` or ``"adam"`` (BP rules only).
    momentum, beta1, beta2, eps : float
        Options of momentum and Adam.
    reg : str
        ``"none"``, ``"l1"`` or ``"l2"``: penalty over all weights and biases.
    reg_lambda : float
        Its rate λ.
    early_stopping : bool
        Stop when the validation loss has not improved for ``patience`` epochs, and go
        back to the weights of the best epoch. Needs ``val`` or ``val_fraction``.
    patience : int
        Epochs without improvement that early stopping tolerates.
    val_fraction : float
        When ``val`` is None: the share of ``train`` held out (at random, by the seed)
        as the validation set.
    seed : int
        Fixes the initial weights (when ``init`` is a scheme), the validation split and
        the shuffling.
    init : str or None
        An initialisation scheme (``INIT_SCHEMES``: "uniform01" — the book's (0, 1) —,
        "playground", "xavier", "he", "zeros") drawn from ``seed`` now, or None to keep
        the network's current weights (hand-set weights, a loaded document).
    shuffle : bool
        Present the samples in a new random order each epoch (standard and mini-batch
        BP). The perceptron rule always keeps the data's order, as the book does, which
        is what makes its cycles on XOR repeat exactly.
    max_epochs : int, optional
        Cap on the total number of epochs; default 1000 for the perceptron rule and no
        cap for BP.
    target_accuracy : float, optional
        Stop ("solved") once the training accuracy reaches this value (e.g. 1.0).
    threshold : float, optional
        Decision threshold of a single output unit for accuracy. By default 0.5 for
        sigmoid/step outputs and 0 for tanh/sign/identity outputs and for logits (see
        ``nnsim.engine.metrics``). Several outputs are read by argmax.
    eval_batch : int
        Rows per forward pass when evaluating big sets (memory, not results).
    eval_sample : int, optional
        Evaluate each snapshot's training loss and accuracy (and the divergence checks
        that read them) on a fixed random sample of this many training rows, drawn from
        ``seed``, instead of on all of them: for big sets such as MNIST, where a pass
        over every image after each epoch costs as much as a third of the epoch. None
        (the default) evaluates every row. Validation is always evaluated in full.
    fast : bool
        Let whole epochs of plain SGD run in the network's fused loop when it has one
        (``Network.train_epoch_sgd``); False forces the update-by-update loop.
    clip_norm : float, optional
        Scale each update's gradient (penalty included) down to this Euclidean norm
        over all parameters when it is longer (``nnsim.engine.layers.rnn.
        clip_grad_norm``): the recurrent demos' guard against gradients that explode
        through time. None: no clipping.
    on_batch : callable, optional
        Called after every BP update (not for the perceptron rule) as
        ``on_batch(epoch, batch, n_batches, loss)``: the epoch in progress (1-based), the
        updates made in it so far (1 … ``n_batches``), the updates of a whole epoch, and
        the mean loss of the batch just used, before its update (the running training
        loss that progress plots draw). A true return value asks training to stop, as
        ``stop()`` does: the run ends before the next update with status "stopped". It
        runs in the training thread: it may read the network and copy ``theta``, not
        change them. Set it to track progress batch by batch (the CNN and RNN views);
        while it is set, whole epochs do not take the fused SGD loop. None (the default)
        costs nothing. May also be assigned after construction (``trainer.on_batch``).
    rng : numpy.random.Generator, optional
        The generator that shuffles (and feeds ``row_source``); None: its own, from
        ``seed``. A demo that drew its data and weights from one passes it on.
    row_source : callable, optional
        ``row_source(rng, n) -> (x, y)``: ``n`` fresh rows for each update (a stream,
        e.g. random windows of a corpus); ``train`` then serves evaluation and checks
        only, and an epoch is ``len(train) // batch_size`` updates.
    resume : bool
        A run stopped mid-epoch (``stop``, ``on_batch``) goes on with the rest of that
        epoch's batches, so training in slices makes the updates of one long run.
    history_limit : int, optional
        Snapshots the history keeps at most (4 or more): past it, older rows are thinned
        geometrically (``nnsim.engine.history.thin_mask``); the first and the latest stay.
        None: ``nnsim.engine.history.row_limit`` of the network (up to 4096 rows within
        64 MB of weights). A view that trains in slices for hours and draws its curves
        from elsewhere keeps a few (see ``history_rows`` for a byte budget).
    """

    def __init__(
        self,
        network,
        loss="squared_error",
        train=None,
        val=None,
        *,
        rule: str = "standard",
        lr: float = 0.1,
        batch_size: int = 32,
        optimizer="sgd",
        momentum: float = 0.9,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
        reg: str | None = "none",
        reg_lambda: float = 0.0,
        early_stopping: bool = False,
        patience: int = 10,
        val_fraction: float = 0.0,
        seed: int = 0,
        init: str | None = "uniform01",
        shuffle: bool = True,
        max_epochs: int | None = None,
        target_accuracy: float | None = None,
        threshold: float | None = None,
        eval_batch: int = 8192,
        eval_sample: int | None = None,
        fast: bool = True,
        clip_norm: float | None = None,
        drop_last: bool = False,
        on_batch=None,
        rng: np.random.Generator | None = None,
        row_source=None,
        resume: bool = False,
        history_limit: int | None = None,
    ):
        self.network = network
        self.loss: Loss = get_loss("squared_error" if loss is None else loss)
        self.rule = str(rule).lower()
        if self.rule not in RULES:
            raise TrainingError(f"unknown training rule {rule!r}; choose one of {', '.join(RULES)}")
        try:
            self.seed = int(seed)
        except (TypeError, ValueError):
            raise TrainingError(f"the seed must be a whole number, got {seed!r}") from None
        if self.seed < 0:
            raise TrainingError(f"the seed must be 0 or more, got {self.seed}")
        self.optimizer = get_optimizer(
            optimizer, lr, momentum=momentum, beta1=beta1, beta2=beta2, eps=eps
        )
        self.lr = self.optimizer.lr
        self.regularizer = get_regularizer(reg, reg_lambda)
        #: Use the network's fast epoch loop (``train_epoch_sgd``) when it has one and
        #: the run allows it (plain SGD, no penalty, epoch snapshots).
        self.fast = bool(fast)
        self.clip_norm = None if clip_norm is None else float(clip_norm)
        if self.clip_norm is not None and not self.clip_norm > 0:
            raise TrainingError(f"clip_norm must be positive, got {clip_norm}")
        #: Per-batch progress callback (see the class docstring); None on the fast path.
        self.on_batch = on_batch
        self.batch_loss = float("nan")  # loss of the last batch, before its update
        self.row_source = row_source
        self.resume = bool(resume)
        self._pending = None  # (epoch, step, next batch, batches) of a stopped epoch
        if row_source is not None and self.rule == "perceptron":
            raise TrainingError("the perceptron rule trains on its set, not on a row source")
        self._fast_epoch = getattr(network, "train_epoch_sgd", None)
        # Gradient checks need ∂E/∂input; training does not, and skipping it is cheaper.
        try:
            params = inspect.signature(network.loss_and_grad).parameters
        except (TypeError, ValueError):
            params = {}
        self._lg_kwargs = {"input_grad": False} if "input_grad" in params else {}
        self.batch_size = int(batch_size)
        self.drop_last = bool(drop_last)
        if self.batch_size < 1:
            raise TrainingError(f"the batch size must be at least 1, got {batch_size}")
        self.early_stopping = bool(early_stopping)
        self.patience = int(patience)
        if self.patience < 1:
            raise TrainingError(f"the patience must be at least 1 epoch, got {patience}")
        self.shuffle = bool(shuffle)
        if max_epochs is None and self.rule == "perceptron":
            max_epochs = 1000
        self.max_epochs = None if max_epochs is None else int(max_epochs)
        if self.max_epochs is not None and self.max_epochs < 1:
            raise TrainingError(f"max_epochs must be at least 1, got {max_epochs}")
        self.target_accuracy = None if target_accuracy is None else float(target_accuracy)
        self.eval_batch = max(1, int(eval_batch))

        # --- data -------------------------------------------------------------------
        (
            self.x_train,
            self.y_train,
            self.x_val,
            self.y_val,
            self.train_index,
            self.val_index,
        ) = training_sets(train, val, val_fraction, self.seed)
        if self.early_stopping and self.x_val is None:
            raise TrainingError(
                "early stopping needs a validation set: pass val=(x, y) or a val_fraction"
            )
        self.n_train = _n_rows(self.x_train)

        # --- weights ----------------------------------------------------------------
        if init is not None:
            if init not in INIT_SCHEMES:
                raise TrainingError(
                    f"unknown initialisation {init!r}; choose one of {', '.join(INIT_SCHEMES)}"
                )
            network.init_weights(init, seed=self.seed)
        self.init = init

        # --- the perceptron rule ---------------------------------------------------
        self._perceptron: PerceptronRule | None = None
        if self.rule == "perceptron":
            self._perceptron = PerceptronRule(network, self.x_train, self.y_train, self.lr)
            self.y_train = self._perceptron.t  # the units' own coding (sign: ±1)
            if self.y_val is not None:
                self.y_val = perceptron_targets(self._perceptron.layer, self.y_val)

        # --- how outputs become classes --------------------------------------------
        out_layer = network.layers[network.output_names[0]]
        self.n_outputs = int(np.prod(out_layer.out_shape))
        act = getattr(out_layer, "activation_names", ["identity"])[0]
        self.task = self._task()
        logits = isinstance(self.loss, SigmoidBinaryCrossEntropy)
        self.threshold = output_threshold(act, logits) if threshold is None else float(threshold)
        self.target_threshold = (
            target_threshold(self.y_train)
            if self.n_outputs == 1 and self.task == "classification"
            else None
        )
        self._train_classes = self._classes_of(self.y_train)
        self._eval_set = (self.x_train, self.y_train, self._train_classes)
        if eval_sample is not None and int(eval_sample) < self.n_train:
            if int(eval_sample) < 1:
                raise TrainingError(f"eval_sample must be at least 1, got {eval_sample}")
            rows = np.random.default_rng([self.seed, 3]).choice(
                self.n_train, int(eval_sample), replace=False
            )
            rows.sort()
            c = self._train_classes
            self._eval_set = (
                _take(self.x_train, rows),
                self.y_train[rows],
                None if c is None else c[rows],
            )
        self._val_classes = None if self.y_val is None else self._classes_of(self.y_val)

        # Fail now, with the loss's own message, if the targets do not fit the network:
        # all of them checked once here, so no batch can stop training later.
        if self._perceptron is None:  # the perceptron rule only reports the loss
            units = int(out_layer.out_shape[-1])
            self.loss.check_targets(self.y_train, units)
            if self.y_val is not None:
                self.loss.check_targets(self.y_val, units)
        probe = min(self.n_train, 2)
        with np.errstate(all="ignore"):  # absurd weights or inputs are divergence, later
            out = network.forward(_take(self.x_train, slice(0, probe)))
            self.loss.value(out, self.y_train[:probe])

        # --- state ------------------------------------------------------------------
        self._guard = DivergenceGuard(
            network, self.x_train, self.y_train, limits=self._perceptron is None
        )
        self._rng = np.random.default_rng([self.seed, 1]) if rng is None else rng
        if history_limit is not None and int(history_limit) < 4:
            raise TrainingError(f"history_limit must be at least 4, got {history_limit}")
        self.history = History(network.n_params, network.theta.dtype, limit=history_limit)
        self.epoch = 0  # completed epochs of the current branch
        self.step = 0  # updates made
        self.cursor = -1  # history row the network's weights equal
        self.result: TrainResult | None = None
        self.best_epoch: int | None = None
        self._best_index: int | None = None
        self._stop_requested = False

    # --- public helpers -------------------------------------------------------------
    @property
    def stop_reason(self) -> str | None:
        """The sentence saying why the last run ended (None before any run)."""
        return None if self.result is None else self.result.message

    def stop(self) -> None:
        """Ask a running ``run`` / ``iter_*`` to stop after the current update (thread-safe)."""
        self._stop_requested = True

    def _record(self, kind: str, errors: int | None = None) -> tuple[Snapshot, str | None]:
        """Evaluate, append a history row and return the snapshot and a divergence note."""
        theta = self.network.theta
        tl, ta = self._evaluate(*self._eval_set)
        if self.x_val is not None:
            vl, va = self._evaluate(self.x_val, self.y_val, self._val_classes)
        else:
            vl = va = float("nan")
        with np.errstate(all="ignore"):
            pen = self.regularizer.penalty(theta)
        reference = float(self.history._c["train_loss"][0]) if len(self.history) else None
        vl_checked = vl if self.x_val is not None else None
        bad = self._guard.snapshot(theta, tl, reference, vl_checked, pen)
        if bad is not None:
            return None, bad
        i = self.history.append(
            theta,
            keep=self._best_index,  # a long run's thinning keeps the best epoch
            epoch=self.epoch if kind != "step" else self.epoch + 1,
            step=self.step,
            kind=kind,
            train_loss=tl,
            train_acc=ta,
            val_loss=vl,
            val_acc=va,
            penalty=pen,
            errors=errors,
        )
        if self.history.moved is not None and self._best_index is not None:
            self._best_index = int(self.history.moved[self._best_index])
        self.cursor = i
        return self.history[i], None

    # --- the loop ---------------------------------------------------------------------
    def iter_epochs(self, epochs: int = 1):
        """Train ``epochs`` more epochs, yielding a ``Snapshot`` after each.

        Before the first epoch of a fresh trainer the initial weights are yielded too
        (kind "init", epoch 0). When the generator ends, ``result`` says why.
        """
        yield from self._iterate(epochs, per_step=False)

    def iter_steps(self, epochs: int = 1):
        """Train ``epochs`` more epochs, yielding a ``Snapshot`` after every update.

        The last update of an epoch yields the epoch's snapshot (kind "epoch"); the
        others are kind "step". Every snapshot is evaluated on the full training (and
        validation) set, so this is meant for the small teaching sets.
        """
        yield from self._iterate(epochs, per_step=True)

    def run(self, epochs: int = 1) -> TrainResult:
        """Train ``epochs`` more epochs (or until a stop condition) and return the result."""
        for _ in self.iter_epochs(epochs):
            pass
        return self.result

    def _finish(self, status: str, message: str, perceptron=None) -> None:
        self.result = TrainResult(status, message, self.epoch, self.best_epoch, perceptron)

    def _diverged(self, note: str, epoch: int) -> None:
        """Restore the last recorded (sound) weights and say what happened and why."""
        start = self.history.weights[0] if len(self.history) else self.network.theta
        cause = self._guard.cause(start, self.rule, self.lr)
        if self.cursor >= 0:
            snap = self.history[self.cursor]
            self.network.set_weights(snap.weights)
            self.epoch = snap.epoch if snap.kind != "step" else snap.epoch - 1
            self.step = snap.step
            where = (
                "the initial weights" if snap.epoch == 0 else f"the weights of epoch {snap.epoch}"
            )
            back = f" {where[0].upper()}{where[1:]} were restored."
        else:
            back = " Training did not start."
        self.optimizer.reset()
        self._finish("diverged", f"{note} at epoch {epoch}: {cause}.{back}")

    def _begin(self) -> None:
        self.result = None
        self._stop_requested = False
        if self.cursor < len(self.history) - 1:
            self.history.truncate(self.cursor + 1)  # a new branch starts at the cursor
        # Best validation epoch so far on this branch (for early stopping).
        self.best_epoch = self._best_index = None
        if self.x_val is not None and len(self.history):
            rows = self.history.epoch_rows()
            if rows.size:
                vl = self.history.val_loss[rows]
                j = int(rows[int(np.argmin(vl))])
                self._best_index, self.best_epoch = j, int(self.history.epoch[j])
        if self._perceptron is not None:
            self._perceptron.remember(self.epoch)

    def _check_best(self, snap: Snapshot) -> bool:
        """Track the best validation loss; True when early stopping should fire."""
        if self.x_val is None:
            return False
        if self._best_index is None or snap.val_loss < self.history.val_loss[self._best_index]:
            self._best_index, self.best_epoch = snap.index, snap.epoch
            return False
        return self.early_stopping and snap.epoch - self.best_epoch >= self.patience

    def _iterate(self, epochs: int, per_step: bool):
        epochs = int(epochs)
        if epochs < 0:
            raise TrainingError(f"the number of epochs must be 0 or more, got {epochs}")
        self._begin()
        if len(self.history) == 0:
            snap, bad = self._record("init")
            if bad is not None:
                self._diverged(bad, 0)
                return
            self._check_best(snap)
            yield snap
        start = self.epoch
        while self.epoch < start + epochs:
            if self.max_epochs is not None and self.epoch >= self.max_epochs:
                if self._perceptron is not None:
                    pr = PerceptronRule.cap_result(self.epoch, self.network.theta)
                    pr.errors = self._perceptron_errors()
                    self._finish("max_epochs", pr.message, pr)
                else:
                    self._finish("max_epochs", f"reached the cap of {self.max_epochs} epochs")
                return
            epoch = self.epoch + 1
            if self._perceptron is not None:
                outcome = yield from self._perceptron_epoch(epoch, per_step)
            else:
                outcome = yield from self._bp_epoch(epoch, per_step)
            if outcome == "stop":
                return
            snap = outcome
            if not per_step:
                yield snap
            if self.result is not None:  # the perceptron converged or cycled
                return
            if self._check_best(snap):
                best = self.history[self._best_index]
                self.network.set_weights(best.weights)
                self.cursor, self.epoch, self.step = best.index, best.epoch, best.step
                self.optimizer.reset()
                self._finish(
                    "early_stopping",
                    f"early stopping: the validation loss has not improved for {self.patience} "
                    f"epochs since epoch {best.epoch} (loss {best.val_loss:.4g}); "
                    f"the weights of epoch {best.epoch} were restored",
                )
                return
            if self.target_accuracy is not None and snap.train_acc >= self.target_accuracy:
                self._finish(
                    "solved",
                    f"reached {100 * snap.train_acc:.4g} % training accuracy at epoch {snap.epoch}",
                )
                return
        self._finish("finished", f"trained to epoch {self.epoch}")
