"""Training the lecture's small CNN (or an MLP to compare) on MNIST, batch by batch, Qt-free.

The CNN is the engine's ``build_mnist_cnn`` (conv 8@3×3 → ReLU → max-pool 2×2 → dense 10);
the MLP is 784-32-10 with ReLU. Both train through ``nnsim.engine.training.Trainer``
(mini-batch Adam on softmax cross-entropy, as ``nnsim.recipes.cnn.train_mnist_cnn``);
its per-batch callback gives the CNN view the loss after every batch, stops when the
user presses Cancel, and hands over weights to show feature maps while the network learns. Runs inside a
``BackgroundJob``; everything handed to the UI is a copy.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from nnsim.data import load_mnist
from nnsim.engine.layers.base import Input
from nnsim.engine.layers.dense import Dense
from nnsim.engine.metrics import confusion_matrix, misclassified
from nnsim.engine.network import Network
from nnsim.engine.training import Trainer
from nnsim.recipes.cnn import as_images, build_mnist_cnn, predict_classes

#: The two models the CNN view trains.
MODELS = ("cnn", "mlp")
#: MNIST's full sizes.
FULL_TRAIN, FULL_TEST = 60000, 10000
#: Test images used for the accuracy shown while training (the full test set at the end).
LIVE_EVAL = 300


def build_model(kind: str, seed: int = 0) -> Network:
    """The network of ``kind`` ("cnn" or "mlp"), initialised from ``seed`` (He)."""
    if kind == "cnn":
        return build_mnist_cnn(seed=seed)
    if kind == "mlp":
        net = Network(
            [
                Input("x", (784,)),
                Dense("hidden", 32, ["x"], activation="relu"),
                Dense("out", 10, ["hidden"], activation="identity"),
            ]
        )
        net.init_weights("he", seed=seed)
        return net
    raise ValueError(f"unknown model {kind!r}; choose one of {', '.join(MODELS)}")


def model_inputs(kind: str, x_rows: np.ndarray) -> np.ndarray:
    """MNIST rows (n, 784) as the model takes them: images (n, 1, 28, 28) or the rows."""
    x = np.asarray(x_rows, np.float64)
    return as_images(x) if kind == "cnn" else x.reshape(len(x), 784)


@dataclass
class TrainConfig:
    """What to train and on how much data.

    ``full`` uses all 60,000 training and 10,000 test images; otherwise a stratified
    subset of ``n_train`` / ``n_test`` (small by default, so the demo is live in seconds).
    """

    model: str = "cnn"
    n_train: int = 2000
    n_test: int = 500
    full: bool = False
    epochs: int = 1
    batch_size: int = 32
    lr: float = 2e-3
    seed: int = 0
    report_every: float = 0.25  # seconds between progress snapshots

    def sizes(self) -> tuple[int, int]:
        """(training images, test images) actually used."""
        return (FULL_TRAIN, FULL_TEST) if self.full else (int(self.n_train), int(self.n_test))


@dataclass
class TrainResult:
    """The end of a run: the weights, the test numbers and the wrongly classified digits."""

    model: str
    theta: np.ndarray
    losses: list
    seen: list
    accuracy_points: list
    accuracy: float | None
    confusion: np.ndarray | None
    wrong: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    images: np.ndarray = field(default_factory=lambda: np.zeros((0, 28, 28)))
    true_labels: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    predicted: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    seconds: float = 0.0
    cancelled: bool = False
    images_seen: int = 0


def load_data(cfg: TrainConfig):
    """(x_train, y_train, x_test, y_test) as float rows in [0, 1] (cached by the loader)."""
    n_train, n_test = cfg.sizes()
    subset = None if cfg.full else (n_train, n_test)
    train, test = load_mnist(subset=subset, seed=cfg.seed)
    return train.x, train.y, test.x, test.y


def train(cfg: TrainConfig, ctx=None, data=None) -> TrainResult:
    """Train ``cfg.model`` batch by batch; report progress to ``ctx`` (a JobContext).

    Parameters
    ----------
    cfg : TrainConfig
    ctx : JobContext, optional
        Receives snapshots (dicts with ``losses``, ``seen``, ``accuracy_points``,
        ``epoch``, ``batch``, ``batches``, ``fraction``, ``theta``...); Cancel stops the
        loop after the current batch and the result says ``cancelled``.
    data : tuple, optional
        (x_train, y_train, x_test, y_test) instead of loading MNIST.

    Returns
    -------
    TrainResult
    """
    t_start = time.perf_counter()
    xtr_rows, ytr, xte_rows, yte = data if data is not None else load_data(cfg)
    net = build_model(cfg.model, cfg.seed)
    xtr, xte = model_inputs(cfg.model, xtr_rows), model_inputs(cfg.model, xte_rows)
    ytr, yte = np.asarray(ytr, np.int64), np.asarray(yte, np.int64)
    bs = max(int(cfg.batch_size), 1)
    batches = -(-len(xtr) // bs)
    total = batches * cfg.epochs
    losses: list[float] = []
    seen: list[int] = []
    acc_points: list[tuple[int, float]] = []
    live_x, live_y = xte[:LIVE_EVAL], yte[:LIVE_EVAL]
    progress = {"seen": 0, "last_report": 0.0}

    def snapshot(epoch, b, with_eval):
        if with_eval:
            acc = float(np.mean(predict_classes(net, live_x) == live_y))
            acc_points.append((progress["seen"], acc))
        return {
            "model": cfg.model,
            "epoch": epoch,
            "epochs": cfg.epochs,
            "batch": b,
            "batches": batches,
            "fraction": (epoch * batches + b) / max(total, 1),
            "losses": list(losses),
            "seen": list(seen),
            "accuracy_points": list(acc_points),
            "theta": net.theta.copy(),
            "elapsed": time.perf_counter() - t_start,
        }

    def on_batch(epoch, b, n_batches, value):
        """The trainer's per-batch callback: the curves, a snapshot now and then, Cancel."""
        time.sleep(0.001)  # hand the GIL to the UI thread between batches
        progress["seen"] += min(bs, len(xtr) - (b - 1) * bs)
        n_seen = progress["seen"]
        losses.append(float(value))
        seen.append(n_seen)
        now = time.perf_counter()
        if ctx is not None and now - progress["last_report"] >= cfg.report_every:
            # The accuracy on a few test images every second or so: cheap, and the
            # curve shows the network learning while it learns.
            with_eval = not acc_points or n_seen - acc_points[-1][0] >= 8 * bs
            ctx.report(snapshot(epoch - 1, b, with_eval))
            progress["last_report"] = time.perf_counter()
        return ctx is not None and ctx.cancelled

    trainer = Trainer(
        net,
        "softmax_cross_entropy",
        (xtr, ytr),
        rule="minibatch",
        optimizer="adam",
        lr=cfg.lr,
        batch_size=bs,
        seed=cfg.seed,
        init=None,  # build_model drew the He weights from the seed
        eval_batch=500,
        eval_sample=1000,  # the curve is the batches' losses; a sample guards divergence
        on_batch=on_batch,
    )
    cancelled = ctx is not None and ctx.cancelled
    if not cancelled:
        cancelled = trainer.run(cfg.epochs).status == "stopped"
    n_seen = progress["seen"]
    seconds = time.perf_counter() - t_start
    result = TrainResult(
        model=cfg.model,
        theta=net.theta.copy(),
        losses=losses,
        seen=seen,
        accuracy_points=acc_points,
        accuracy=None,
        confusion=None,
        seconds=seconds,
        cancelled=cancelled,
        images_seen=n_seen,
    )
    if cancelled and len(xte) > 2000:
        return result  # a cancelled full run: do not make the user wait for 10,000 tests
    pred = predict_classes(net, xte)
    wrong = misclassified(yte, pred)
    result.accuracy = float(np.mean(pred == yte))
    result.accuracy_points = acc_points + [(n_seen, result.accuracy)]
    result.confusion = confusion_matrix(yte, pred, 10)
    result.wrong = wrong
    result.images = np.asarray(xte_rows)[wrong].reshape(-1, 28, 28)
    result.true_labels = yte[wrong]
    result.predicted = pred[wrong]
    if ctx is not None:
        snap = snapshot(max(cfg.epochs - 1, 0), batches, False)
        snap["accuracy_points"] = list(result.accuracy_points)
        snap["fraction"] = 1.0
        ctx.report(snap)
    return result


class ModelProbe:
    """A private copy of a model for showing feature maps and answers of one digit.

    The training thread owns its network; the UI never runs it (layer caches would be
    overwritten mid-batch). It copies the weights of a snapshot into this probe instead.
    """

    def __init__(self, kind: str):
        self.kind = kind
        self.net = build_model(kind, 0)

    def set_theta(self, theta) -> None:
        """Load weights (a flat copy from a snapshot or a result)."""
        self.net.set_weights(np.asarray(theta))

    def run(self, image28) -> dict:
        """Forward one 28×28 image; the pieces the view shows.

        Returns
        -------
        dict
            ``probs`` (10,), ``digit``; CNN: ``kernels`` (8, 3, 3), ``maps`` (8, 26, 26),
            ``pooled`` (8, 13, 13); MLP: ``kernels`` = the first hidden units' incoming
            weights as 28×28 images (8, 28, 28), ``maps`` = hidden activations (1, 32).
        """
        from nnsim.engine.losses import softmax

        img = np.asarray(image28, np.float64).reshape(1, 784)
        logits = self.net.forward(model_inputs(self.kind, img))
        probs = softmax(logits, axis=-1)[0]
        out = {"probs": probs, "digit": int(np.argmax(probs))}
        if self.kind == "cnn":
            out["kernels"] = np.array(self.net.param("conv", "W")[:, 0])
            out["maps"] = np.array(self.net.layers["conv"].out[0])
            out["pooled"] = np.array(self.net.layers["pool"].out[0])
        else:
            w = self.net.param("hidden", "W0")  # (784, 32)
            out["kernels"] = np.array(w[:, :8].T.reshape(8, 28, 28))
            out["maps"] = np.array(self.net.values["hidden"]).reshape(1, -1)
        return out
