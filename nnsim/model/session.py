"""A session: the document, the compiled network it owns, the data, the trainer and its history.

The GUI and the command line both drive one. The session owns its engine network: nothing
else trains or reads it (the live preview, the plots and the step-through compile networks
of their own). It never changes the document behind the caller's back while training:
``iter_train`` trains the engine network only, and ``sync_document`` (called by the GUI on
its own thread, by ``train_epochs`` at the end) writes the weights back with one
``weights_changed("")``. Between ``begin_run`` and ``end_run`` the network belongs to the
run: document edits are not pushed into it until the run is over.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from nnsim.model.compile import Compiled, follow, pull_weights
from nnsim.model.document import NetworkDocument


class SessionError(ValueError):
    """The session cannot train or step this document with this data; the message says why."""


@dataclass
class Data:
    """The arrays a session trains on, shaped for the network's input layer.

    ``x_val``/``y_val`` is what the trainer validates on (the data set's test part, or None
    when the settings ask for a validation share of the training set instead).
    """

    x: np.ndarray
    y: np.ndarray
    x_val: np.ndarray | None = None
    y_val: np.ndarray | None = None
    dataset: object = None
    #: The data set's title (or "the document's samples").
    title_en: str = ""
    title_zh: str = ""


def _fit_x(x: np.ndarray, shape: tuple, what: str) -> np.ndarray:
    """Reshape rows of ``x`` to the input layer's per-sample ``shape`` (flat images → (1, 28, 28))."""
    x = np.asarray(x)
    if x.dtype == np.uint8:
        x = x.astype(np.float64) / 255.0
    if tuple(x.shape[1:]) == tuple(shape):
        return x
    if int(np.prod(x.shape[1:])) == int(np.prod(shape)):
        return x.reshape((x.shape[0], *shape))
    feats = x.shape[-1] if x.ndim == 2 else tuple(x.shape[1:])
    raise SessionError(
        f"{what} has {feats} input feature(s) per sample but the input layer takes "
        f"{shape[0] if len(shape) == 1 else tuple(shape)}: change the input layer's size"
    )


def _fit_y(y: np.ndarray, n_out: int, loss: str, what: str) -> np.ndarray:
    """Targets in the layout the loss wants (class indices → one-hot for squared error)."""
    y = np.asarray(y)
    if y.dtype.kind in "iu" and y.ndim == 1:
        if loss == "softmax_cross_entropy":
            return y
        if n_out == 1 and not (y.size and y.max() >= 2):
            return y.astype(np.float64)[:, None]  # two classes: 0/1 on one output
        if y.size and y.max() >= n_out:
            raise SessionError(
                f"{what} has {int(y.max()) + 1} classes but the output layer has {n_out} "
                f"neuron(s): give it {int(y.max()) + 1} output neurons, one per class "
                "(softmax + cross-entropy)"
            )
        onehot = np.zeros((y.shape[0], n_out))
        onehot[np.arange(y.shape[0]), y] = 1.0
        return onehot
    if y.ndim == 1:
        y = y[:, None]
    if y.ndim == 2 and y.shape[1] != n_out and loss != "softmax_cross_entropy":
        raise SessionError(
            f"{what} has {y.shape[1]} target value(s) per sample but the output layer has "
            f"{n_out} neuron(s)" + _output_hint(y, n_out)
        )
    return y.astype(np.float64) if y.dtype.kind != "f" else y


def _output_hint(y: np.ndarray, n_out: int) -> str:
    """What to change when targets and outputs do not fit (the common two-class mistake)."""
    if y.shape[1] == 1 and np.isin(y, (0.0, 1.0)).all():
        return (
            ": two classes take one sigmoid output neuron (targets 0/1); for "
            f"{n_out} outputs use one-hot targets with softmax outputs and the loss "
            "'cross-entropy (softmax)'"
        )
    if y.shape[1] == 1:
        return ": a value to predict (regression) takes one output neuron"
    return f": give the output layer {y.shape[1]} neuron(s)"


class Session:
    """Document + compiled network + data + trainer + history.

    Parameters
    ----------
    document : NetworkDocument
        The document; the session reads its settings and keeps the compiled network in
        step with it (rebuilt when the structure changed, weights pushed when only they
        changed).
    dataset : Dataset, optional
        Use this data instead of the one the settings name.
    """

    def __init__(self, document: NetworkDocument, dataset=None):
        self.document = document
        self._dataset_override = dataset
        self._data: Data | None = None
        self._data_key = None
        self._trainer = None
        self._trainer_key = None
        self._comp: Compiled | None = None
        self._in_run = False
        self.result = None

    # ------------------------------------------------------------------ compiled
    @property
    def compiled(self) -> Compiled:
        """The session's own engine network, kept in step with the document.

        Built on first use and again after a structural edit (the trainer and its history
        then start afresh); a weight edit is pushed into it. During a run
        (``begin_run`` … ``end_run``) it is returned as it is: the run owns it.
        """
        if self._in_run and self._comp is not None:
            return self._comp
        old = self._comp
        pushed = old is not None and old.revision != self.document.revision
        comp = self._comp = follow(self.document, old)
        if comp is not old:
            self._trainer = None
        elif pushed and self._trainer is not None:
            self._find_in_history()
        return comp

    def _find_in_history(self) -> None:
        """After the document's weights came in (an undo, a redo): if the history holds
        exactly these weights, the trainer goes on from that snapshot (the time slider
        follows)."""
        tr = self._trainer
        i = tr.history.find(tr.network.theta)
        if i is not None and i != tr.cursor:
            tr.restore(i)

    def begin_run(self):
        """Build the trainer (its errors raised here) and hand the network to a run.

        Until ``end_run`` the network is not touched from outside the run: document edits
        wait, and ``compiled``/``trainer`` return what the run uses. Returns the trainer.
        """
        tr = self.trainer
        self._in_run = True
        return tr

    def end_run(self) -> None:
        """The run is over: the network follows the document again."""
        self._in_run = False

    @property
    def in_run(self) -> bool:
        """True between ``begin_run`` and ``end_run``."""
        return self._in_run

    @property
    def network(self):
        """The compiled engine ``Network``."""
        return self.compiled.network

    # ------------------------------------------------------------------ data
    def _settings_key(self, names):
        s = self.document.settings
        return tuple((n, repr(getattr(s, n))) for n in names)

    @property
    def data(self) -> Data:
        """Training (and validation) arrays fitted to the network's input and output."""
        key = (
            self._settings_key(("dataset", "dataset_params", "targets", "loss", "dtype")),
            self.document.structure_revision,
            self.document.data,
        )
        if self._data is None or key != self._data_key:
            self._data = self._load_data()
            self._data_key = key
        return self._data

    @property
    def dataset(self):
        """The ``Dataset`` the settings name (None when the document lists its samples)."""
        return self.data.dataset

    def _load_data(self) -> Data:
        s = self.document.settings
        comp = self.compiled
        net = comp.network
        in_shape = net.layers[net.input_names[0]].shape
        out_layer = net.layers[net.output_names[0]]
        n_out = int(np.prod(out_layer.out_shape))
        if s.targets is not None:
            x = np.array([t["x"] for t in s.targets], dtype=np.float64)
            y = np.array([t["y"] for t in s.targets], dtype=np.float64)
            what = "the document's samples"
            x = _fit_x(x, in_shape, what)
            y = _fit_y(y, n_out, s.loss, what)
            return Data(x, y, title_en="the document's samples", title_zh="文档中的样本")
        ds = self._dataset_override
        if ds is None:
            from nnsim.data import DataError, load_dataset
            from nnsim.model.datasection import CSV_DATASET, dataset_of

            try:
                if s.dataset == CSV_DATASET:
                    ds = dataset_of(self.document)
                else:
                    ds = load_dataset(s.dataset, **s.dataset_params)
            except DataError as e:
                raise SessionError(str(e)) from None
        what = f"the data set {ds.name or s.dataset!r}"
        x = _fit_x(ds.x, in_shape, what)
        y = _fit_y(ds.y, n_out, s.loss, what)
        xv = yv = None
        if ds.x_test is not None:
            xv = _fit_x(ds.x_test, in_shape, what)
            yv = _fit_y(ds.y_test, n_out, s.loss, what)
        dt = np.dtype(s.dtype)
        if x.dtype != dt:
            x = x.astype(dt)
            xv = None if xv is None else xv.astype(dt)
        return Data(x, y, xv, yv, ds, ds.title_en, ds.title_zh)

    # ------------------------------------------------------------------ trainer
    _TRAINER_FIELDS = (
        "dataset",
        "dataset_params",
        "targets",
        "rule",
        "lr",
        "batch_size",
        "optimizer",
        "momentum",
        "regularization",
        "reg_lambda",
        "early_stopping",
        "patience",
        "validation_fraction",
        "seed",
        "loss",
        "dtype",
    )

    @property
    def trainer(self):
        """The engine ``Trainer`` for the current settings (rebuilt when they change).

        A rebuilt trainer starts a new history from the network's current weights; a change
        of only the learning rate or the batch size is taken over in place (the history
        continues).
        """
        comp = self.compiled
        if self._in_run and self._trainer is not None:
            return self._trainer
        # the document's own table is data too: a new one needs a new trainer
        key = (*self._settings_key(self._TRAINER_FIELDS), ("data", self.document.data))
        if self._trainer is not None and key != self._trainer_key and self._live_update(key):
            self._trainer_key = key
        if self._trainer is None or key != self._trainer_key:
            self._trainer = self._make_trainer(comp)
            self._trainer_key = key
        return self._trainer

    #: Settings a running trainer takes over in place (its history continues), as
    #: Playground lets one turn the learning rate while training.
    _LIVE_FIELDS = ("lr", "batch_size")

    def _live_update(self, key) -> bool:
        """Apply changed live settings to the trainer; False when it must be rebuilt."""
        old, new = dict(self._trainer_key), dict(key)
        changed = {k for k in new if new[k] != old.get(k)}
        s = self.document.settings
        if not changed <= set(self._LIVE_FIELDS) or s.rule == "perceptron":
            return False
        tr = self._trainer
        tr.optimizer.lr = tr.lr = float(s.lr)
        tr.batch_size = int(s.batch_size)
        return True

    def _make_trainer(self, comp: Compiled):
        from nnsim.engine.errors import EngineError
        from nnsim.engine.training import Trainer

        s = self.document.settings
        d = self.data
        use_split = s.validation_fraction > 0
        val = None if use_split or d.x_val is None else (d.x_val, d.y_val)
        try:
            return Trainer(
                comp.network,
                s.loss,
                (d.x, d.y),
                val,
                rule=s.rule,
                lr=s.lr,
                batch_size=s.batch_size,
                optimizer=s.optimizer,
                momentum=s.momentum,
                reg=s.regularization,
                reg_lambda=s.reg_lambda,
                early_stopping=s.early_stopping,
                patience=s.patience,
                val_fraction=s.validation_fraction if use_split else 0.0,
                seed=s.seed,
                init=None,  # the document's weights are the starting point
            )
        except EngineError as e:
            raise SessionError(str(e)) from None

    @property
    def history(self):
        """The trainer's ``History`` (loss curves, weight trajectory)."""
        return self.trainer.history

    # ------------------------------------------------------------------ training
    def iter_train(self, epochs: int | None = None, per_step: bool = False):
        """Train, yielding a ``Snapshot`` after every epoch (or update with ``per_step``).

        The document is not touched (safe from a worker thread); call ``sync_document``
        on the thread that owns the document to write the weights back.
        """
        tr = self.trainer
        n = self.document.settings.epochs if epochs is None else int(epochs)
        gen = tr.iter_steps(n) if per_step else tr.iter_epochs(n)
        yield from gen
        self.result = tr.result

    def train_epochs(self, n: int | None = None, callback=None):
        """Train ``n`` epochs (default: the settings' ``epochs``) and write the weights back.

        ``callback(snapshot)`` is called after every epoch; returning True stops early.
        A ``KeyboardInterrupt`` stops cleanly too: the weights so far are written back
        and the interrupt is re-raised.

        Returns
        -------
        TrainResult
        """
        tr = self.trainer
        try:
            for snap in self.iter_train(n):
                if callback is not None and callback(snap):
                    tr.stop()
        except KeyboardInterrupt:
            self.sync_document()
            raise
        self.result = tr.result
        self.sync_document()
        return self.result

    def stop(self) -> None:
        """Ask a running ``iter_train`` to stop after the current update."""
        if self._trainer is not None:
            self._trainer.stop()

    def sync_document(self) -> None:
        """Write the network's weights into the document (one ``weights_changed("")``)."""
        comp = self._comp if self._comp is not None else self.compiled
        pull_weights(self.document, comp)

    def reset_weights(self, scheme: str | None = None, seed: int | None = None) -> None:
        """Draw new initial weights (the settings' ``init`` and ``seed`` by default).

        The history starts again.
        """
        s = self.document.settings
        comp = self.compiled
        comp.network.init_weights(scheme or s.init, seed=s.seed if seed is None else seed)
        pull_weights(self.document, comp)
        self._trainer = None

    def snapshot_at(self, i: int):
        """Snapshot ``i`` of the history (negative counts from the end)."""
        return self.history[i]

    def restore_snapshot(self, i: int):
        """Go back to snapshot ``i`` (time travel) and write its weights into the document."""
        snap = self.trainer.restore(i)
        self.sync_document()
        return snap

    # ------------------------------------------------------------------ evaluation
    def evaluate(self) -> dict:
        """Loss and accuracy on the training data (and the validation part when there is one)."""
        tr = self.trainer
        loss, acc = tr.evaluate(tr.x_train, tr.y_train)
        out = {"loss": loss, "accuracy": acc}
        if tr.x_val is not None:
            out["val_loss"], out["val_accuracy"] = tr.evaluate(tr.x_val, tr.y_val)
        return out

    def predict(self, x) -> np.ndarray:
        """The network's answer for inputs ``x`` (probabilities for the cross-entropies)."""
        return self.trainer.predict(x)

    # ------------------------------------------------------------------ step-through
    def sample(self, k: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """Training sample ``k`` as (x, y)."""
        d = self.data
        m = d.x.shape[0]
        if not -m <= k < m:
            raise SessionError(
                f"there is no sample {k}: the training data has {m} samples (0..{m - 1})"
            )
        return d.x[k], d.y[k]

    def stepper(self, sample: int | None = None, notation: str | None = None):
        """A ``Stepper`` for one training step from the current weights.

        ``sample`` picks one training sample; None means what the rule updates on: the
        first sample (standard BP, perceptron), the whole set (accumulated BP) or the
        first batch (mini-batch). The perceptron rule is stepped as the perceptron rule;
        BP's updates are those of the settings' optimiser and penalty, starting from the
        trainer's optimiser state when a trainer has been built (else a fresh one).
        Stepping update records writes into the network; call ``sync_document`` to show
        them in the document.
        """
        from nnsim.engine.errors import EngineError
        from nnsim.engine.optim import get_optimizer, get_regularizer
        from nnsim.engine.stepper import make_stepper

        doc = self.document
        s = doc.settings
        d = self.data
        if sample is not None:
            x, y = self.sample(sample)
        elif s.rule == "accumulated":
            x, y = d.x, d.y
        elif s.rule == "minibatch":
            x, y = d.x[: s.batch_size], d.y[: s.batch_size]
        else:
            x, y = d.x[0], d.y[0]
        labels, doc_notation = doc.step_naming()
        if notation is None:
            notation = doc_notation
        try:
            if self._trainer is not None and s.rule != "perceptron":
                tr = self.trainer  # rebuilt when the settings changed since
                optimizer, regularizer = tr.optimizer, tr.regularizer
            else:
                optimizer = get_optimizer(s.optimizer, s.lr, momentum=s.momentum)
                regularizer = get_regularizer(s.regularization, s.reg_lambda)
            return make_stepper(
                self.network,
                s.loss,
                x,
                y,
                s.lr,
                rule=s.rule,
                optimizer=optimizer,
                regularizer=regularizer,
                notation=notation,
                labels=labels,
            )
        except EngineError as e:
            raise SessionError(str(e)) from None

    def copy_settings(self):
        """A copy of the document's settings (for a run that should not see later edits)."""
        return copy.deepcopy(self.document.settings)
