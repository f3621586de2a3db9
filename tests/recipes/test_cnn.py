"""The lecture's small MNIST CNN trained headless: accuracy, confusion matrix, misclassified images."""

import time

import numpy as np
import pytest

from nnsim.data import load_mnist
from nnsim.engine import ShapeError
from nnsim.recipes.cnn import as_images, build_mnist_cnn, predict_classes, train_mnist_cnn


def check_result(res, test):
    """What the API returns is consistent with the test set, number by number."""
    n = len(test.y)
    assert res.confusion.shape == (10, 10)
    assert res.confusion.sum() == n
    np.testing.assert_array_equal(res.confusion.sum(axis=1), np.bincount(test.y, minlength=10))
    correct = int(np.trace(res.confusion))
    assert res.accuracy == pytest.approx(correct / n)
    assert len(res.misclassified) == n - correct
    assert res.images.shape == (n - correct, 28, 28)
    np.testing.assert_array_equal(res.images, test.x[res.misclassified].reshape(-1, 28, 28))
    np.testing.assert_array_equal(res.true_labels, test.y[res.misclassified])
    assert np.all(res.predicted != res.true_labels)
    assert res.probabilities.shape == (n - correct, 10)
    np.testing.assert_allclose(res.probabilities.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_array_equal(res.probabilities.argmax(axis=1), res.predicted)
    # the confusion matrix counts exactly those errors
    off = res.confusion.copy()
    np.fill_diagonal(off, 0)
    np.testing.assert_array_equal(
        off, np.bincount(res.true_labels * 10 + res.predicted, minlength=100).reshape(10, 10)
    )
    pred = predict_classes(res.network, as_images(test.x))
    np.testing.assert_array_equal(np.flatnonzero(pred != test.y), res.misclassified)


def test_the_network_has_the_lecture_shapes():
    net = build_mnist_cnn()
    assert [net.layers[n].out_shape for n in net.order] == [
        (1, 28, 28),
        (8, 26, 26),
        (8, 13, 13),
        (1352,),
        (10,),
    ]
    assert net.n_params == 8 * 9 + 8 + 1352 * 10 + 10
    assert net.layers["conv"].mode == "cross-correlation"
    assert build_mnist_cnn(mode="convolution").layers["conv"].mode == "convolution"


def test_images_in_any_layout_and_uint8_are_scaled():
    rows = np.arange(2 * 784).reshape(2, 784) % 256
    a = as_images(rows.astype(np.uint8))
    assert a.shape == (2, 1, 28, 28) and a.dtype == np.float64
    assert a.max() == 1.0
    np.testing.assert_array_equal(as_images(rows.reshape(2, 28, 28) / 255.0), a)
    with pytest.raises(ShapeError, match="784"):
        as_images(np.zeros((2, 27, 27)))


def test_training_makes_exactly_the_updates_of_a_hand_loop():
    """The recipe trains through the engine's Trainer; this hand loop (engine Adam on
    mini-batches, the order a permutation per epoch from the trainer's generator
    default_rng([seed, 1]), the rate × lr_decay after each epoch) must give the same
    weights and the same per-epoch running loss and test accuracy."""
    from nnsim.engine.losses import SoftmaxCrossEntropy
    from nnsim.engine.optim import Adam

    rng = np.random.default_rng(5)
    x, y = rng.random((150, 784)), rng.integers(0, 10, 150)
    xt, yt = rng.random((40, 784)), rng.integers(0, 10, 40)
    res = train_mnist_cnn(
        x,
        y,
        xt,
        yt,
        epochs=2,
        batch_size=32,
        lr=4e-3,
        lr_decay=0.5,
        seed=3,
        net=build_mnist_cnn(channels=2, seed=3),
    )
    net = build_mnist_cnn(channels=2, seed=3)
    xi = as_images(x)
    opt, loss, order_rng = Adam(lr=4e-3), SoftmaxCrossEntropy(), np.random.default_rng([3, 1])
    for epoch in range(2):
        total = 0.0
        for idx in np.array_split(order_rng.permutation(150), range(32, 150, 32)):
            total += net.loss_and_grad(xi[idx], y[idx], loss, input_grad=False) * len(idx)
            opt.step(net.theta, net.grad)
        opt.lr *= 0.5
        acc = float(np.mean(predict_classes(net, as_images(xt)) == yt))
        assert res.epochs[epoch]["loss"] == pytest.approx(total / 150, rel=1e-12)
        assert res.epochs[epoch]["accuracy"] == acc
    np.testing.assert_allclose(res.network.theta, net.theta, rtol=0, atol=1e-12)


def test_subset_training_fast():
    """CI variant: a stratified subset of 3,000 training and 1,000 test images, 3 epochs of
    Adam (batch 32, η = 0.005 decaying ×0.6 per epoch); bar ≥ 90 % test accuracy
    (measured 90.7 %, 93.7 % and 94.0 % with seeds 0, 1, 2 since it trains through the
    Trainer, whose shuffling order differs; 91.8 %, 93.6 %, 94.3 % with the recipe's own
    loop before). A few seconds on an idle machine."""
    t0 = time.perf_counter()
    train, test = load_mnist(subset=(3000, 1000), seed=0)
    res = train_mnist_cnn(
        train.x, train.y, test.x, test.y, epochs=3, batch_size=32, lr=5e-3, lr_decay=0.6, seed=0
    )
    assert res.accuracy >= 0.90
    assert len(res.epochs) == 3
    assert res.epochs[0]["loss"] > res.epochs[-1]["loss"]
    assert res.epochs[-1]["accuracy"] == res.accuracy
    check_result(res, test)
    print(f"subset CNN: {res.accuracy:.1%} in {time.perf_counter() - t0:.1f} s")


@pytest.mark.slow
def test_full_mnist_reaches_98_percent():
    """Full MNIST (60,000 / 10,000), conv 8@3×3 → ReLU → max-pool 2 → dense 10, softmax CE,
    Adam with the demo's defaults (10 epochs of batch 32, η = 0.003 × 0.75 per epoch):
    bar ≥ 98 % test accuracy (measured 98.22 % through the Trainer; 98.18 %, 98.06 % and
    98.21 % for seeds 0, 1, 2 with the recipe's former loop).
    About 10 minutes on a busy 2-core machine."""
    train, test = load_mnist()
    res = train_mnist_cnn(train.x, train.y, test.x, test.y, seed=0)
    print(f"full MNIST CNN: {res.accuracy:.2%}, training {res.seconds:.0f} s")
    assert res.accuracy >= 0.98
    check_result(res, test)
