"""The Trainer: BP rules, optimisers, penalties, early stopping, divergence, history, seeds.

Measured (2-2-1 sigmoid network, squared error, weights uniform (0, 1) from seed 4,
η = 4, stop at 100 % training accuracy): standard BP needs 270 epochs, accumulated BP
338 and mini-batch BP (batches of 2) 181. The test asserts that each solves XOR within
1000 epochs and prints the epochs.
"""

import math
import re

import numpy as np
import pytest

from nnsim.data.logic import logic_gate
from nnsim.engine import Dense, Input, Network, get_loss
from nnsim.engine.errors import EngineError, ShapeError
from nnsim.engine.training import History, Trainer, TrainingError


def xor_net():
    return Network(
        [Input("x", 2), Dense("h", 2, ["x"], "sigmoid"), Dense("y", 1, ["h"], "sigmoid")]
    )


def noisy_sets(seed=7):
    """A line with 20 % flipped labels: 30 training points an MLP can overfit, 300 to validate."""
    rng = np.random.default_rng(seed)

    def make(n):
        x = rng.normal(size=(n, 2))
        y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(float)
        flip = rng.random(n) < 0.2
        y[flip] = 1 - y[flip]
        return x, y[:, None]

    return make(30), make(300)


def deep_net():
    return Network(
        [
            Input("x", 2),
            Dense("h1", 32, ["x"], "tanh"),
            Dense("h2", 32, ["h1"], "tanh"),
            Dense("y", 1, ["h2"], "identity"),
        ]
    )


# --- the three BP rules on XOR ----------------------------------------------------------


@pytest.mark.parametrize("rule, batch", [("standard", 1), ("accumulated", 4), ("minibatch", 2)])
def test_bp_rules_solve_xor_from_a_fixed_seed(rule, batch):
    xor = logic_gate("XOR")
    net = xor_net()
    tr = Trainer(
        net,
        "squared_error",
        (xor.x, xor.y),
        rule=rule,
        lr=4.0,
        batch_size=batch,
        seed=4,
        init="uniform01",
        target_accuracy=1.0,
    )
    start = tr.network.get_weights()
    same_start = xor_net()
    same_start.init_weights("uniform01", seed=4)
    assert np.array_equal(start, same_start.theta)
    result = tr.run(1000)
    print(f"XOR by {rule} BP: solved at epoch {result.epoch} ({result.message})")
    assert result.status == "solved"
    assert result.epoch <= 1000
    assert tr.history.train_acc[-1] == 1.0
    assert np.array_equal(tr.predict_classes(xor.x), [0, 1, 1, 0])
    assert tr.history.train_loss[-1] < tr.history.train_loss[0]
    # Updates per epoch: 4 samples, 1 pass, 2 batches.
    per_epoch = {"standard": 4, "accumulated": 1, "minibatch": 2}[rule]
    assert tr.step == per_epoch * result.epoch


def test_standard_bp_reproduces_the_worked_example():
    """COURSE.md §6: one update with η = 1 gives the slide's weights and error 0.182019."""
    net = Network(
        [
            Input("x", 2),
            Dense("h", 2, ["x"], "sigmoid", use_bias=False),
            Dense("o", 1, ["h"], "sigmoid", use_bias=False),
        ]
    )
    net.param("h", "W0")[...] = [[0.1, 0.4], [0.8, 0.6]]
    net.param("o", "W0")[...] = [[0.3], [0.9]]
    x, t = np.array([[0.35, 0.9]]), np.array([[0.5]])
    tr = Trainer(net, "squared_error", (x, t), rule="standard", lr=1.0, init=None)
    snaps = list(tr.iter_epochs(1))
    assert snaps[0].train_loss == pytest.approx(0.5 * 0.190283**2, abs=1e-7)
    assert net.param("o", "W0").ravel() == pytest.approx([0.272326, 0.872998], abs=1e-6)
    assert net.param("h", "W0")[:, 0] == pytest.approx([0.0990709, 0.797611], abs=1e-6)
    assert net.param("h", "W0")[:, 1] == pytest.approx([0.397140, 0.592646], abs=1e-6)
    assert math.sqrt(2 * snaps[1].train_loss) == pytest.approx(0.182019, abs=1e-6)


def test_each_rule_makes_exactly_the_updates_of_a_hand_loop():
    xor = logic_gate("XOR")
    loss = get_loss("squared_error")
    for rule, batches in [
        ("standard", [[0], [1], [2], [3]]),
        ("accumulated", [[0, 1, 2, 3]]),
        ("minibatch", [[0, 1, 2], [3]]),
    ]:
        net = xor_net()
        tr = Trainer(net, loss, (xor.x, xor.y), rule=rule, lr=0.7, batch_size=3, shuffle=False)
        ref = xor_net()
        ref.set_weights(net.theta)
        tr.run(3)
        for _ in range(3):
            for b in batches:
                ref.loss_and_grad(xor.x[b], xor.y[b], loss)
                ref.sgd_step(0.7)
        assert np.allclose(net.theta, ref.theta, rtol=0, atol=1e-15), rule


def test_adam_with_l2_in_the_trainer_matches_a_hand_loop():
    xor = logic_gate("XOR")
    loss = get_loss("squared_error")
    net = xor_net()
    lam, lr, b1, b2, eps = 0.01, 0.05, 0.9, 0.999, 1e-8
    tr = Trainer(
        net,
        loss,
        (xor.x, xor.y),
        rule="accumulated",
        optimizer="adam",
        lr=lr,
        reg="l2",
        reg_lambda=lam,
        seed=1,
    )
    ref = xor_net()
    ref.set_weights(net.theta)
    snaps = list(tr.iter_epochs(5))
    m = np.zeros(ref.n_params)
    v = np.zeros(ref.n_params)
    for t in range(1, 6):
        ref.loss_and_grad(xor.x, xor.y, loss)
        g = ref.grad + 2 * lam * ref.theta
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        ref.theta[...] -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
    assert np.allclose(net.theta, ref.theta, rtol=0, atol=1e-14)
    # The penalty is reported apart from the data loss: λ Σ θ² of the snapshot's weights.
    for s in snaps:
        assert s.penalty == pytest.approx(lam * float(s.weights @ s.weights), rel=1e-12)
        assert s.objective == s.train_loss + s.penalty


def test_momentum_and_l1_in_the_trainer_match_a_hand_loop():
    xor = logic_gate("XOR")
    loss = get_loss("squared_error")
    net = xor_net()
    lam, lr, mu = 0.003, 0.5, 0.8
    tr = Trainer(
        net,
        loss,
        (xor.x, xor.y),
        rule="standard",
        optimizer="momentum",
        momentum=mu,
        lr=lr,
        reg="l1",
        reg_lambda=lam,
        shuffle=False,
    )
    ref = xor_net()
    ref.set_weights(net.theta)
    tr.run(4)
    vel = np.zeros(ref.n_params)
    for _ in range(4):
        for k in range(4):
            ref.loss_and_grad(xor.x[k : k + 1], xor.y[k : k + 1], loss)
            vel = mu * vel - lr * (ref.grad + lam * np.sign(ref.theta))
            ref.theta[...] += vel
    assert np.allclose(net.theta, ref.theta, rtol=0, atol=1e-14)
    assert tr.history.penalty[-1] == pytest.approx(lam * np.abs(net.theta).sum())


def test_l2_keeps_the_weights_smaller():
    (x, y), _ = noisy_sets()
    norms = {}
    for reg, lam in [("none", 0.0), ("l2", 0.01)]:
        tr = Trainer(
            deep_net(),
            "sigmoid_binary_cross_entropy",
            (x, y),
            rule="accumulated",
            optimizer="adam",
            lr=0.01,
            reg=reg,
            reg_lambda=lam,
            init="xavier",
            seed=0,
        )
        tr.run(100)
        norms[reg] = float(np.linalg.norm(tr.network.theta))
        if reg == "none":
            assert np.all(tr.history.penalty == 0)
    assert norms["l2"] < 0.8 * norms["none"]


# --- early stopping ----------------------------------------------------------------------


def test_early_stopping_restores_the_best_validation_epoch_exactly():
    train, val = noisy_sets()
    net = deep_net()
    tr = Trainer(
        net,
        "sigmoid_binary_cross_entropy",
        train,
        val,
        rule="minibatch",
        batch_size=10,
        optimizer="adam",
        lr=0.003,
        init="xavier",
        seed=0,
        early_stopping=True,
        patience=10,
    )
    result = tr.run(500)
    h = tr.history
    print(f"early stopping: {result.message}; val loss per epoch {np.round(h.val_loss, 3)}")
    assert result.status == "early_stopping"
    best = int(np.argmin(h.val_loss))
    assert result.best_epoch == h.epoch[best] == tr.epoch
    assert 0 < result.best_epoch < h.epoch[-1]
    assert h.epoch[-1] - result.best_epoch == 10  # exactly the patience
    # The validation loss rose while the training loss kept falling.
    assert h.val_loss[-1] > h.val_loss[best]
    assert h.train_loss[-1] < h.train_loss[best]
    assert np.array_equal(net.theta, h.weights[best])
    assert tr.evaluate(*val)[0] == h.val_loss[best]
    assert f"epoch {result.best_epoch} were restored" in tr.stop_reason
    # Training on continues from the best epoch: the later snapshots are dropped.
    tr.run(1)
    assert tr.epoch == result.best_epoch + 1 and len(tr.history) == best + 2


def test_early_stopping_needs_validation_data_or_a_share():
    train, _ = noisy_sets()
    with pytest.raises(TrainingError, match="validation set"):
        Trainer(deep_net(), "sigmoid_binary_cross_entropy", train, early_stopping=True)
    tr = Trainer(
        deep_net(),
        "sigmoid_binary_cross_entropy",
        train,
        early_stopping=True,
        val_fraction=0.2,
        seed=3,
    )
    assert len(tr.val_index) == 6 and len(tr.train_index) == 24
    assert set(tr.val_index).isdisjoint(tr.train_index)
    again = Trainer(deep_net(), "sigmoid_binary_cross_entropy", train, val_fraction=0.2, seed=3)
    assert np.array_equal(again.val_index, tr.val_index)


# --- divergence ------------------------------------------------------------------------


def linear_regression():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(20, 2))
    y = x @ np.array([[1.5], [-2.0]]) + 0.3
    net = Network([Input("x", 2), Dense("y", 1, ["x"], "identity")])
    return net, x, y


@pytest.mark.parametrize("fast", [True, False])
def test_a_huge_learning_rate_ends_in_the_divergence_message_with_finite_weights(fast):
    net, x, y = linear_regression()
    tr = Trainer(net, "squared_error", (x, y), rule="standard", lr=1e6, seed=0, fast=fast)
    result = tr.run(10)  # must not raise
    print(result.message)
    assert result.status == "diverged"
    assert re.fullmatch(
        r"(the (loss|weights) became (-?inf|nan)|a weight reached -?[0-9.e+]+ \(.*\)) "
        r"at epoch \d+: learning rate too high\? Lower η \(now 1e\+06\), e\.g\. 10× smaller\. "
        r"The (initial weights|weights of epoch \d+) were restored\.",
        result.message,
    )
    assert np.all(np.isfinite(net.theta))
    assert np.array_equal(net.theta, tr.history.weights[-1])
    assert tr.epoch == tr.history.epoch[-1] == result.epoch
    assert f"at epoch {result.epoch + 1}:" in result.message
    # Standard BP with η = 1e6: the first epoch's 20 updates already multiply the
    # weights by about 1e6 each, the second overflows.
    assert result.epoch <= 2


@pytest.mark.parametrize("optimizer", ["sgd", "momentum"])
def test_divergence_in_a_later_epoch_restores_the_last_sound_epoch(optimizer):
    # η = 4 is a little beyond what this regression tolerates: the loss grows by a few
    # times per epoch, finite all along, until it passes 10⁴ × the initial loss.
    net, x, y = linear_regression()
    tr = Trainer(
        net, "squared_error", (x, y), rule="accumulated", lr=4.0, optimizer=optimizer, seed=0
    )
    result = tr.run(1000)
    print(result.message)
    assert result.status == "diverged" and result.epoch > 3
    assert result.message.startswith("the loss grew to ")
    assert f"at epoch {result.epoch + 1}: learning rate too high?" in result.message
    assert tr.history.train_loss.max() <= 1e4 * tr.history.train_loss[0]
    assert np.all(np.isfinite(net.theta))
    assert np.array_equal(net.theta, tr.history.weights[-1])
    assert tr.history.epoch[-1] == result.epoch
    assert np.all(np.isfinite(tr.history.train_loss))


# --- seeds and history ---------------------------------------------------------------------


def histories(seed):
    train, val = noisy_sets()
    tr = Trainer(
        deep_net(),
        "sigmoid_binary_cross_entropy",
        train,
        val,
        rule="minibatch",
        batch_size=7,
        optimizer="momentum",
        lr=0.05,
        init="playground",
        seed=seed,
    )
    tr.run(5)
    return tr.history


def test_same_seed_same_history_bit_for_bit_and_different_seeds_differ():
    a, b, c = histories(11), histories(11), histories(12)
    assert np.array_equal(a.train_loss, b.train_loss)
    assert np.array_equal(a.val_loss, b.val_loss)
    assert np.array_equal(a.weights, b.weights)
    assert not np.array_equal(a.weights[0], c.weights[0])
    assert not np.any(a.train_loss == c.train_loss)


def test_shuffling_depends_on_the_seed_alone():
    xor = logic_gate("XOR")
    runs = []
    for init_seed in (0, 0, 5):
        net = xor_net()
        net.init_weights("uniform01", seed=0)
        tr = Trainer(
            net, "squared_error", (xor.x, xor.y), rule="standard", lr=0.5, seed=init_seed, init=None
        )
        tr.run(3)
        runs.append(net.get_weights())
    assert np.array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])


def test_history_grows_by_doubling_and_hands_out_read_only_weights():
    h = History(3, capacity=2)
    for i in range(9):
        h.append(
            np.full(3, i),
            epoch=i,
            step=i,
            kind="epoch",
            train_loss=i,
            train_acc=1.0,
            val_loss=np.nan,
            val_acc=np.nan,
            penalty=0.0,
            errors=None,
        )
    assert len(h) == 9 and h._w.shape == (16, 3)
    assert h.weights.shape == (9, 3) and h.weights[:, 0].tolist() == list(range(9))
    s = h[4]
    assert s.epoch == 4 and s.errors is None and s.kind == "epoch"
    with pytest.raises(ValueError):
        s.weights[0] = 1.0
    h.truncate(5)
    h.append(
        np.full(3, 99),
        epoch=5,
        step=5,
        kind="step",
        train_loss=0,
        train_acc=0,
        val_loss=0,
        val_acc=0,
        penalty=0,
        errors=3,
    )
    assert s.weights.tolist() == [4, 4, 4]
    assert h[5].weights.tolist() == [99, 99, 99] and h[5].errors == 3
    assert h.epoch_rows().tolist() == [0, 1, 2, 3, 4]
    with pytest.raises(IndexError):
        h[6]


def test_restore_goes_back_in_time_and_training_branches_from_there():
    xor = logic_gate("XOR")
    net = xor_net()
    tr = Trainer(net, "squared_error", (xor.x, xor.y), rule="standard", lr=2.0, seed=1)
    snaps = list(tr.iter_epochs(6))
    assert [s.epoch for s in snaps] == list(range(7))
    assert [s.kind for s in snaps] == ["init"] + ["epoch"] * 6
    kept = snaps[5].weights.copy()
    back = tr.restore(2)
    assert back.epoch == 2 and np.array_equal(net.theta, snaps[2].weights)
    assert tr.evaluate(xor.x, xor.y)[0] == snaps[2].train_loss
    assert len(tr.history) == 7  # looking back loses nothing ...
    tr.restore(-1)
    assert np.array_equal(net.theta, snaps[6].weights)
    tr.restore(2)
    tr.run(1)  # ... training on from epoch 2 starts a new branch
    assert len(tr.history) == 4 and tr.history.epoch.tolist() == [0, 1, 2, 3]
    assert np.array_equal(snaps[5].weights, kept)


def test_iter_steps_yields_every_update_and_stop_ends_cleanly():
    xor = logic_gate("XOR")
    tr = Trainer(xor_net(), "squared_error", (xor.x, xor.y), rule="standard", lr=0.5)
    snaps = list(tr.iter_steps(2))
    assert [s.kind for s in snaps] == ["init"] + ["step"] * 3 + ["epoch"] + ["step"] * 3 + ["epoch"]
    assert [s.step for s in snaps] == list(range(9))
    assert [s.epoch for s in snaps] == [0, 1, 1, 1, 1, 2, 2, 2, 2]
    assert tr.history.epoch_rows().tolist() == [0, 4, 8]
    assert tr.result.status == "finished"
    seen = []
    for s in tr.iter_steps(5):
        seen.append(s)
        if len(seen) == 2:
            tr.stop()
    assert tr.result.status == "stopped" and len(seen) == 2
    assert np.array_equal(tr.network.theta, seen[-1].weights)


def test_accuracy_thresholds_follow_the_output_unit():
    xor = logic_gate("XOR")
    sig = Trainer(xor_net(), "squared_error", (xor.x, xor.y))
    assert sig.threshold == 0.5 and sig.task == "classification"
    tanh = Network([Input("x", 2), Dense("h", 3, ["x"], "tanh"), Dense("y", 1, ["h"], "tanh")])
    pm = Trainer(tanh, "squared_error", (xor.x, 2 * xor.y - 1))
    assert pm.threshold == 0.0 and pm.target_threshold == 0.0
    logit = Network([Input("x", 2), Dense("y", 1, ["x"], "identity")])
    bce = Trainer(logit, "sigmoid_binary_cross_entropy", (xor.x, xor.y))
    assert bce.threshold == 0.0
    net, x, y = linear_regression()
    reg = Trainer(net, "squared_error", (x, y))
    assert reg.task == "regression" and np.isnan(
        reg.history[0].train_acc if len(reg.history) else reg.evaluate(x, y)[1]
    )
    # Multi-class: argmax, confusion matrix.
    softmax = Network([Input("x", 2), Dense("y", 3, ["x"], "identity")])
    labels = np.array([0, 1, 2, 1])
    mc = Trainer(softmax, "softmax_cross_entropy", (xor.x, labels), init="xavier")
    c = mc.confusion(xor.x, labels)
    assert c.shape == (3, 3) and c.sum() == 4
    assert np.trace(c) / 4 == mc.evaluate(xor.x, labels)[1]


def test_bad_settings_raise_one_clear_error():
    xor = logic_gate("XOR")
    with pytest.raises(TrainingError, match="unknown training rule"):
        Trainer(xor_net(), "squared_error", (xor.x, xor.y), rule="newton")
    with pytest.raises(ShapeError):
        Trainer(xor_net(), "squared_error", (xor.x, xor.y[:3]))
    with pytest.raises(ShapeError):
        Trainer(xor_net(), "squared_error", (xor.x, np.zeros((4, 2))))
    with pytest.raises(TrainingError, match="batch size"):
        Trainer(xor_net(), "squared_error", (xor.x, xor.y), batch_size=0)
    with pytest.raises(TrainingError, match="initialisation"):
        Trainer(xor_net(), "squared_error", (xor.x, xor.y), init="gaussian")
    with pytest.raises(EngineError, match="learning rate"):
        Trainer(xor_net(), "squared_error", (xor.x, xor.y), lr=-1)
    with pytest.raises(TrainingError, match="seed"):
        Trainer(xor_net(), "squared_error", (xor.x, xor.y), seed=-3)
    assert issubclass(TrainingError, ValueError)


def test_the_fast_epoch_loop_gives_the_same_history_as_update_by_update():
    """When the network has ``train_epoch_sgd`` (plain SGD), the trainer uses it; the numbers
    must not change."""
    train, val = noisy_sets()
    hist = {}
    for fast in (True, False):
        for rule in ("standard", "accumulated", "minibatch"):
            tr = Trainer(
                deep_net(),
                "sigmoid_binary_cross_entropy",
                train,
                val,
                rule=rule,
                batch_size=8,
                lr=0.1,
                init="xavier",
                seed=2,
                fast=fast,
            )
            tr.run(3)
            hist[fast, rule] = tr.history
    for rule in ("standard", "accumulated", "minibatch"):
        a, b = hist[True, rule], hist[False, rule]
        assert np.allclose(a.weights, b.weights, rtol=0, atol=1e-12), rule
        assert np.allclose(a.val_loss, b.val_loss, rtol=0, atol=1e-12), rule


def test_on_batch_reports_every_update_with_the_loss_before_it():
    """Accumulated BP makes one update an epoch on the whole set, so the loss the callback
    gets for epoch k is the training loss the history evaluated (another code path) for
    the weights of epoch k − 1."""
    train, _ = noisy_sets()
    calls = []
    tr = Trainer(
        deep_net(),
        "sigmoid_binary_cross_entropy",
        train,
        rule="accumulated",
        lr=0.1,
        init="xavier",
        seed=2,
        on_batch=lambda *a: calls.append(a),
    )
    tr.run(4)
    assert [c[:3] for c in calls] == [(k, 1, 1) for k in range(1, 5)]
    reported = np.array([c[3] for c in calls])
    np.testing.assert_allclose(reported, tr.history.train_loss[:4], rtol=1e-12)


def test_on_batch_counts_the_batches_and_a_true_return_stops_the_run():
    train, _ = noisy_sets()  # 30 samples: 4 batches of 8 an epoch
    seen = []

    def on_batch(epoch, batch, n_batches, loss):
        seen.append((epoch, batch, n_batches))
        return len(seen) == 6  # stop in the middle of epoch 2

    kw = dict(rule="minibatch", batch_size=8, lr=0.1, init="xavier", seed=2)
    tr = Trainer(deep_net(), "sigmoid_binary_cross_entropy", train, on_batch=on_batch, **kw)
    result = tr.run(5)
    assert seen == [(1, b, 4) for b in range(1, 5)] + [(2, 1, 4), (2, 2, 4)]
    assert result.status == "stopped" and tr.step == 6
    # The callback changes nothing else: the same updates as a run without it (the
    # fused SGD loop), compared after one epoch.
    a = Trainer(deep_net(), "sigmoid_binary_cross_entropy", train, on_batch=lambda *a: None, **kw)
    b = Trainer(deep_net(), "sigmoid_binary_cross_entropy", train, **kw)
    a.run(1)
    b.run(1)
    np.testing.assert_allclose(a.network.theta, b.network.theta, rtol=0, atol=1e-12)


def test_clip_norm_caps_the_length_of_each_update():
    """One accumulated SGD update with the gradient clipped to norm c moves θ by exactly η·c
    (the gradient there is far longer than c), along the unclipped gradient."""
    train, _ = noisy_sets()
    kw = dict(rule="accumulated", lr=0.1, init="xavier", seed=2)
    ref = Trainer(deep_net(), "sigmoid_binary_cross_entropy", train, **kw)
    theta0 = ref.network.theta.copy()
    ref.run(1)
    step = ref.network.theta - theta0
    tr = Trainer(deep_net(), "sigmoid_binary_cross_entropy", train, clip_norm=1e-3, **kw)
    tr.run(1)
    moved = tr.network.theta - theta0
    assert np.linalg.norm(step) > 0.1 * 1e-2
    assert np.linalg.norm(moved) == pytest.approx(0.1 * 1e-3, rel=1e-9)
    np.testing.assert_allclose(moved / np.linalg.norm(moved), step / np.linalg.norm(step))
    with pytest.raises(TrainingError, match="clip_norm"):
        Trainer(deep_net(), "sigmoid_binary_cross_entropy", train, clip_norm=0, **kw)


def test_drop_last_skips_the_short_batch_of_each_epoch():
    train, _ = noisy_sets()  # 30 samples, batches of 8: 3 full ones and 6 left over
    sizes = []

    kw = dict(rule="minibatch", batch_size=8, lr=0.1, init="xavier", seed=2)
    tr = Trainer(
        deep_net(),
        "sigmoid_binary_cross_entropy",
        train,
        drop_last=True,
        on_batch=lambda e, b, n, v: sizes.append((e, b, n)),
        **kw,
    )
    tr.run(2)
    assert sizes == [(e, b, 3) for e in (1, 2) for b in (1, 2, 3)] and tr.step == 6
    assert [len(i) for i in tr._batches()] == [8, 8, 8]
    # the same order as without drop_last, minus the short batch
    a = Trainer(deep_net(), "sigmoid_binary_cross_entropy", train, drop_last=True, **kw)
    b = Trainer(deep_net(), "sigmoid_binary_cross_entropy", train, **kw)
    full = b._batches()
    np.testing.assert_array_equal(np.concatenate(a._batches()), np.concatenate(full[:3]))


def test_eval_sample_scores_a_fixed_sample_and_changes_no_update():
    train, _ = noisy_sets()  # 30 rows
    kw = dict(rule="minibatch", batch_size=8, lr=0.1, init="xavier", seed=2)
    full = Trainer(deep_net(), "sigmoid_binary_cross_entropy", train, **kw)
    part = Trainer(deep_net(), "sigmoid_binary_cross_entropy", train, eval_sample=10, **kw)
    same = Trainer(deep_net(), "sigmoid_binary_cross_entropy", train, eval_sample=30, **kw)
    for tr in (full, part, same):
        tr.run(3)
    np.testing.assert_array_equal(part.network.theta, full.network.theta)
    np.testing.assert_array_equal(same.history.train_loss, full.history.train_loss)
    # the documented sample: 10 rows drawn without replacement from the seed
    rows = np.sort(np.random.default_rng([2, 3]).choice(30, 10, replace=False))
    x, y = train
    part.restore(0)
    loss0, _ = part.evaluate(x[rows], y[rows])
    assert part.history.train_loss[0] == pytest.approx(loss0, rel=1e-12)
    assert part.history.train_loss[0] != pytest.approx(full.history.train_loss[0], rel=1e-6)
    with pytest.raises(TrainingError, match="eval_sample"):
        Trainer(deep_net(), "sigmoid_binary_cross_entropy", train, eval_sample=0, **kw)


# --- targets the loss cannot train: refused when the trainer is set up ----------------------


def test_the_trainer_refuses_softmax_on_one_output():
    from nnsim.engine.losses import TargetError

    net = Network([Input("x", 2), Dense("y", 1, ["x"], "identity")])
    xor = logic_gate("XOR")
    with pytest.raises(TargetError, match="needs at least 2 output neurons"):
        Trainer(net, "softmax_cross_entropy", (xor.x, xor.y))


def test_a_label_beyond_the_outputs_late_in_the_data_is_refused_before_any_batch():
    from nnsim.engine.losses import TargetError

    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 2))
    y = np.zeros(60, np.int64)
    y[50] = 3  # sample 50: class 3 of a 3-output network (classes 0…2)
    net = Network([Input("x", 2), Dense("y", 3, ["x"], "identity")])
    with pytest.raises(TargetError, match="run from 0 to 3 but the output layer has 3 neurons"):
        Trainer(net, "softmax_cross_entropy", (x, y), rule="minibatch", batch_size=10)
    y[50] = 2
    val_y = y.copy()
    val_y[7] = 5
    with pytest.raises(TargetError, match="run from 0 to 5"):
        Trainer(net, "softmax_cross_entropy", (x, y), (x, val_y))


def test_the_perceptron_rule_only_reports_its_loss_and_is_not_refused():
    net = Network([Input("x", 2), Dense("y", 1, ["x"], "sign")])
    and_ = logic_gate("AND")
    tr = Trainer(net, "sigmoid_binary_cross_entropy", (and_.x, and_.y), rule="perceptron")
    assert tr.run(20).status == "converged"
