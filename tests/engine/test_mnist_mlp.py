"""A 784-128-10 ReLU/softmax MLP trained headless on MNIST with the Trainer.

Settings (the defaults of tests/benchmarks/bench_mnist_mlp.py): He initialisation from
seed 0, mini-batches of 32, Adam with η = 0.001, softmax cross-entropy, float64.

* fast (CI): a stratified subset of 5000 training / 1000 test images (subset seed 0),
  2 epochs; the bar is ≥ 88 % test accuracy (measured: 87.8 % after epoch 1, 91.2 % after
  epoch 2; about 2 s of training with one BLAS thread).
* slow: the full 60,000 / 10,000 images, 5 epochs; the bar is ≥ 97 % test accuracy after
  the 5th epoch (measured: 96.2, 97.0, 97.3, 97.8, 97.6 % after epochs 1–5).
"""

import time

import numpy as np
import pytest

from nnsim.data import load_mnist
from nnsim.engine import Dense, Input, Network, Trainer
from nnsim.engine.metrics import confusion_matrix, misclassified


def mnist_trainer(train, test):
    net = Network(
        [
            Input("x", 784),
            Dense("hidden", 128, ["x"], "relu"),
            Dense("out", 10, ["hidden"], "identity"),
        ]
    )
    return Trainer(
        net,
        "softmax_cross_entropy",
        (train.x, train.y),
        (test.x, test.y),
        rule="minibatch",
        batch_size=32,
        optimizer="adam",
        lr=0.001,
        init="he",
        seed=0,
    )


def train_and_report(trainer, epochs):
    t0 = time.perf_counter()
    for snap in trainer.iter_epochs(epochs):
        print(
            f"epoch {snap.epoch}: {time.perf_counter() - t0:6.1f} s  loss {snap.train_loss:.4f}  "
            f"train {100 * snap.train_acc:.2f} %  test {100 * snap.val_acc:.2f} %"
        )
    return trainer.history


def test_mnist_mlp_on_a_stratified_subset():
    """5000 / 1000 stratified images, 2 epochs: test accuracy ≥ 88 %."""
    train, test = load_mnist(subset=(5000, 1000), seed=0)
    assert np.bincount(train.y, minlength=10).min() >= 450  # stratified: every digit ≈ 500
    tr = mnist_trainer(train, test)
    h = train_and_report(tr, 2)
    assert tr.result.status == "finished"
    assert h.epoch.tolist() == [0, 1, 2]
    assert h.val_acc[0] < 0.2  # the untrained network guesses
    assert h.val_acc[-1] >= 0.88
    # The metrics the lecture shows: the confusion matrix and the misclassified digits.
    pred = tr.predict_classes(test.x)
    c = confusion_matrix(test.y, pred, 10)
    wrong = misclassified(test.y, pred)
    assert c.sum() == 1000 and np.trace(c) == 1000 - wrong.size
    assert wrong.size == round(1000 * (1 - h.val_acc[-1]))


@pytest.mark.slow
def test_mnist_mlp_full_reaches_97_percent_in_5_epochs():
    """Full MNIST, 5 epochs: test accuracy ≥ 97 % after the 5th epoch."""
    train, test = load_mnist()
    tr = mnist_trainer(train, test)
    h = train_and_report(tr, 5)
    assert tr.result.status == "finished"
    assert h.val_acc[-1] >= 0.97
