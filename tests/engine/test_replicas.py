"""The replica axis: every replica's numbers are bit for bit those of its Trainer run alone."""

import numpy as np
import pytest

from nnsim.engine import Dense, Input, Network
from nnsim.engine.replica_groups import stack_groups
from nnsim.engine.replicas import ReplicaTrainer
from nnsim.engine.training import Trainer, TrainingError


def make_net(sizes, acts, bias=True, dtype=np.float64, mask=None):
    layers = [Input("x", sizes[0])]
    prev = "x"
    for i, (n, a) in enumerate(zip(sizes[1:], acts)):
        m = [mask] if (mask is not None and i == 0) else None
        layers.append(Dense(f"l{i}", n, [prev], a, masks=m, use_bias=bias))
        prev = f"l{i}"
    return Network(layers, dtype=dtype)


def make_data(n=40, d=2, n_out=1, seed=0, kind="binary"):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d))
    if kind == "classes":
        y = rng.integers(0, n_out, n)
    elif kind == "binary":
        y = (x[:, :1] * x[:, 1:2] > 0).astype(float)
    else:
        y = rng.normal(size=(n, n_out))
    return x, y


def pair(sizes, acts, data, loss="squared_error", net_options=None, **options):
    """(alone, for the stack): two trainers built alike."""
    net_options = net_options or {}
    a = Trainer(make_net(sizes, acts, **net_options), loss, *data, **options)
    b = Trainer(make_net(sizes, acts, **net_options), loss, *data, **options)
    return a, b


def assert_same(alone, stacked_trainer):
    a, b = alone, stacked_trainer
    np.testing.assert_array_equal(a.network.theta, b.network.theta)
    assert len(a.history) == len(b.history)
    np.testing.assert_array_equal(a.history.weights, b.history.weights)
    for col in ("epoch", "step", "train_loss", "train_acc", "val_loss", "val_acc", "penalty"):
        np.testing.assert_array_equal(getattr(a.history, col), getattr(b.history, col), col)
    assert a.history.kind == b.history.kind
    assert (a.epoch, a.step, a.cursor, a.best_epoch) == (b.epoch, b.step, b.cursor, b.best_epoch)
    assert a.result == b.result


def run_both(pairs, epochs):
    rt = ReplicaTrainer([b for _, b in pairs])
    rt.run(epochs)
    for r, (a, _) in enumerate(pairs):
        a.run(epochs)
        assert_same(a, rt.trainer(r))
    return rt


def test_playground_lr_and_seed_variants_bit_for_bit():
    data = (make_data(50),)
    pairs = [
        pair(
            [2, 4, 2, 1],
            ["tanh"] * 3,
            data,
            rule="minibatch",
            batch_size=10,
            lr=lr,
            seed=seed,
            init="playground",
        )
        for lr in (0.003, 0.03, 0.3)
        for seed in (0, 1)
    ]
    run_both(pairs, 12)


@pytest.mark.parametrize("rule,bs", [("standard", 1), ("accumulated", 1), ("minibatch", 7)])
def test_rules_optimisers_penalties_activations_mixed(rule, bs):
    x, y = make_data(33, seed=2)
    setups = [
        dict(lr=0.1),
        dict(lr=0.05, optimizer="momentum", momentum=0.8),
        dict(lr=0.2, optimizer="momentum", momentum=0.5, reg="l2", reg_lambda=1e-3),
        dict(lr=0.01, optimizer="adam"),
        dict(lr=0.02, optimizer="adam", reg="l1", reg_lambda=1e-3),
        dict(lr=0.1, reg="l2", reg_lambda=0.0),
        dict(lr=0.3, fast=False),
    ]
    acts = [
        ["tanh", "sigmoid"],
        ["relu", "sigmoid"],
        ["leaky_relu:0.2", "identity"],
        ["sigmoid", "tanh"],
        ["elu", "sigmoid"],
        ["tanh", "identity"],
        ["softplus", "tanh"],
    ]
    pairs = [
        pair([2, 5, 1], a, ((x, y),), rule=rule, batch_size=bs, seed=s, init="xavier", **o)
        for s, (o, a) in enumerate(zip(setups, acts))
    ]
    run_both(pairs, 6)


def test_one_replica_explodes_and_is_restored_the_others_go_on():
    data = (make_data(40, seed=4),)
    pairs = [
        pair(
            [2, 4, 1],
            ["tanh", "identity"],
            data,
            rule="minibatch",
            batch_size=8,
            lr=lr,
            seed=1,
            init="xavier",
            **o,
        )
        for lr, o in [(0.05, {}), (1e6, {}), (1e6, dict(optimizer="momentum")), (0.1, {})]
    ]
    rt = run_both(pairs, 15)
    res = [rt.results[r].status for r in range(4)]
    assert res == ["finished", "diverged", "diverged", "finished"]
    assert "restored" in rt.results[1].message
    # the diverged replica holds its last finite weights, the others trained all epochs
    assert np.isfinite(rt.weights(1)).all() and rt.trainer(3).epoch == 15


def test_bounded_outputs_hit_the_weight_limit_or_turn_nan_as_alone():
    # tanh outputs and plain SGD: the stack skips the batch losses (Pack.skip_totals)
    x, y = make_data(40, seed=4)
    pairs = [
        pair(
            [2, 4, 1],
            ["relu", "tanh"],
            ((x, y),),
            rule="minibatch",
            batch_size=8,
            lr=lr,
            seed=2,
            init="xavier",
        )
        for lr in (0.1, 1e305, 1.0)
    ]
    rt = run_both(pairs, 6)
    assert [rt.results[r].status for r in range(3)] == ["finished", "diverged", "finished"]
    assert rt.results[1].message.startswith("a weight reached")  # the |w| ≤ 10⁶ limit
    x[7, 1] = np.nan  # one bad sample: every replica stops at once, as alone
    pairs = [
        pair(
            [2, 4, 1],
            ["tanh", "sigmoid"],
            ((x, y),),
            rule="minibatch",
            batch_size=8,
            lr=lr,
            seed=2,
            init="xavier",
        )
        for lr in (0.1, 1.0)
    ]
    rt = run_both(pairs, 3)
    assert [rt.results[r].message.split(":")[0] for r in range(2)] == [
        "the loss became nan at epoch 0"
    ] * 2
    assert "the inputs reach nan" in rt.results[0].message  # the trainer's own cause


def test_early_stopping_validation_splits_and_targets_per_replica():
    x, y = make_data(60, seed=5)
    pairs = [
        pair(
            [2, 6, 1],
            ["tanh", "sigmoid"],
            ((x, y),),
            rule="minibatch",
            batch_size=6,
            lr=lr,
            seed=seed,
            init="xavier",
            val_fraction=0.25,
            early_stopping=es,
            patience=3,
            **o,
        )
        for lr, seed, es, o in [
            (2.0, 0, True, {}),
            (0.5, 1, True, dict(optimizer="adam")),
            (0.5, 2, False, dict(target_accuracy=0.8)),
            (0.3, 3, False, dict(max_epochs=7)),
            (3.0, 4, True, dict(reg="l2", reg_lambda=0.01)),
        ]
    ]
    rt = run_both(pairs, 40)
    statuses = {rt.results[r].status for r in range(5)}
    assert "max_epochs" in statuses and len(statuses) >= 2
    # a second run goes on from where each replica stopped, still bit for bit
    for a, _ in pairs:
        a.run(5)
    rt.run(5)
    for r, (a, _) in enumerate(pairs):
        assert_same(a, rt.trainer(r))


def test_outputs_losses_masks_biases_and_float32():
    rng = np.random.default_rng(0)
    mask = rng.random((3, 4)) < 0.6
    xc, yc = make_data(30, d=3, n_out=3, seed=6, kind="classes")
    for loss, sizes, acts, data, extra in [
        ("softmax_cross_entropy", [3, 4, 3], ["relu", "identity"], (xc, yc), {}),
        (
            "squared_error",
            [3, 4, 3],
            ["tanh", "sigmoid"],
            (xc, np.eye(3)[yc]),
            dict(net_options=dict(mask=mask)),
        ),
        ("sigmoid_binary_cross_entropy", [2, 3, 1], ["tanh", "identity"], make_data(30), {}),
        (
            "squared_error",
            [2, 3, 2, 1],
            ["sigmoid", "tanh", "sigmoid"],
            make_data(30),
            dict(net_options=dict(bias=False)),
        ),
        (
            "squared_error",
            [2, 4, 1],
            ["tanh", "tanh"],
            make_data(30),
            dict(net_options=dict(dtype=np.float32)),
        ),
    ]:
        pairs = [
            pair(
                sizes,
                acts,
                (data,),
                loss,
                rule="minibatch",
                batch_size=4,
                lr=lr,
                seed=s,
                init="xavier",
                optimizer=opt,
                **extra,
            )
            for s, (lr, opt) in enumerate([(0.1, "sgd"), (0.01, "adam"), (0.05, "momentum")])
        ]
        run_both(pairs, 5)


def test_random_networks_rules_and_optimisers():
    rng = np.random.default_rng(11)
    acts = ["tanh", "sigmoid", "relu", "identity", "leaky_relu:0.2", "elu", "softplus"]
    for trial in range(12):
        depth = int(rng.integers(1, 4))
        sizes = [int(rng.integers(1, 4))] + [int(rng.integers(1, 6)) for _ in range(depth)]
        sizes[-1] = 1
        n = int(rng.integers(5, 40))
        x = rng.normal(size=(n, sizes[0]))
        y = rng.normal(size=(n, 1))
        rule = ["standard", "accumulated", "minibatch"][trial % 3]
        bs = int(rng.integers(1, n + 3))
        pairs = []
        for _ in range(int(rng.integers(2, 7))):
            a = [str(rng.choice(acts)) for _ in sizes[1:]]
            opt = str(rng.choice(["sgd", "momentum", "adam"]))
            reg = str(rng.choice(["none", "l1", "l2"]))
            pairs.append(
                pair(
                    sizes,
                    a,
                    ((x, y),),
                    rule=rule,
                    batch_size=bs,
                    seed=int(rng.integers(100)),
                    init="xavier",
                    lr=float(10 ** rng.uniform(-3, 1.5)),
                    optimizer=opt,
                    reg=reg,
                    reg_lambda=float(rng.choice([0.0, 1e-3])),
                    shuffle=bool(rng.random() < 0.8),
                )
            )
        run_both(pairs, int(rng.integers(1, 8)))


def test_groups_and_refusals():
    data = (make_data(20),)
    ts = [
        pair([2, 3, 1], ["tanh"] * 2, data, rule="minibatch", batch_size=5)[0],
        pair([2, 3, 1], ["relu", "tanh"], data, rule="minibatch", batch_size=5)[0],
        pair([2, 3, 1], ["tanh"] * 2, data, rule="minibatch", batch_size=4)[0],
        pair([2, 4, 1], ["tanh"] * 2, data, rule="minibatch", batch_size=5)[0],
        pair([2, 1], ["sign"], data, rule="perceptron")[0],
    ]
    assert stack_groups(ts) == [[0, 1], [2], [3], [4]]
    with pytest.raises(TrainingError, match="batch schedule"):
        ReplicaTrainer(ts[:3])
    with pytest.raises(TrainingError, match="perceptron"):
        ReplicaTrainer([ts[4]])
    clipped = pair([2, 3, 1], ["tanh"] * 2, data, rule="minibatch", batch_size=5, clip_norm=1.0)
    with pytest.raises(TrainingError, match="clipping"):
        ReplicaTrainer([clipped[0]])
    watched = pair([2, 3, 1], ["tanh"] * 2, data, rule="minibatch", on_batch=lambda *a: None)
    with pytest.raises(TrainingError, match="per-batch callback"):
        ReplicaTrainer([watched[0]])


def test_epochs_yield_rows_and_stop():
    data = (make_data(30),)
    pairs = [
        pair(
            [2, 3, 1],
            ["tanh"] * 2,
            data,
            rule="minibatch",
            batch_size=5,
            lr=0.1,
            seed=s,
            init="xavier",
        )
        for s in range(3)
    ]
    rt = ReplicaTrainer([b for _, b in pairs])
    seen = []
    for ep in rt.iter_epochs(10):
        seen.append((ep.kind, list(ep.replicas), list(ep.epoch)))
        np.testing.assert_array_equal(
            ep.train_loss, [rt.column(r, "train_loss")[-1] for r in ep.replicas]
        )
        if ep.kind == "epoch" and ep.epoch[0] == 3:
            rt.stop(1)
        if ep.kind == "epoch" and ep.epoch[0] == 5:
            rt.stop()
    assert seen[0] == ("init", [0, 1, 2], [0, 0, 0])
    assert seen[4] == ("epoch", [0, 1, 2], [4, 4, 4]) or seen[4][1] == [0, 2]
    assert [rt.results[r].status for r in range(3)] == ["stopped"] * 3
    assert rt.trainer(1).epoch == 3 and rt.trainer(0).epoch == 5
    for s, (a, _) in enumerate(pairs):
        a.run(3 if s == 1 else 5)
        np.testing.assert_array_equal(a.network.theta, rt.weights(s))


@pytest.mark.slow
def test_long_runs_thin_their_history_as_alone():
    # past History's bound (4096 rows) old rows are thinned, the best epoch kept
    x, y = make_data(8, seed=9)
    xv, yv = make_data(6, seed=10)
    pairs = [
        pair(
            [2, 2, 1],
            ["tanh", "sigmoid"],
            ((x, y), (xv, yv)),
            rule="accumulated",
            lr=lr,
            seed=3,
            init="xavier",
        )
        for lr in (0.05, 0.5)
    ]
    rt = run_both(pairs, 4300)
    h = rt.history(0)
    assert len(h) < 4096 and h.serial[-1] == 4300


def test_stacked_products_equal_the_single_ones_on_this_blas():
    # what the stack relies on: np.matmul over (R, …) calls the same BLAS product per
    # slice as np.dot on the single (transposed) matrices of the fused path
    rng = np.random.default_rng(5)
    for n, k, b in [(4, 3, 10), (1, 3, 1), (2, 5, 1), (8, 9, 10), (1, 7, 250), (6, 2, 3)]:
        R = 7
        both = rng.normal(size=(R, k, n))  # [W; b] of each replica, as theta lays it out
        xs = rng.normal(size=(R, b, k))  # a batch of the data, rows per sample
        z = np.empty((R, n, b))
        np.matmul(both.transpose(0, 2, 1), xs.transpose(0, 2, 1), out=z)
        d = rng.normal(size=(R, n, b))
        gw = np.empty((R, k, n))
        np.matmul(xs.transpose(0, 2, 1), d.transpose(0, 2, 1), out=gw)
        for r in range(R):
            np.testing.assert_array_equal(z[r], np.dot(both[r].T, xs[r].T))
            np.testing.assert_array_equal(gw[r], np.dot(xs[r].T, d[r].T))


def test_unit_major_hidden_arrays_give_the_single_products_on_this_blas():
    # hidden layers between layers of several units store (n, A, b): their gemm products
    # see a longer leading dimension, which must not change a bit (gemv paths keep (A, n, b))
    rng = np.random.default_rng(6)
    for n, k, b in [(4, 3, 10), (2, 5, 10), (8, 9, 10), (6, 7, 6), (4, 5, 250)]:
        R = 5
        both = rng.normal(size=(R, k, n))
        a = np.empty((k, R, b)).transpose(1, 0, 2)  # an operand stored unit by unit
        a[...] = rng.normal(size=(R, k, b))
        z = np.empty((n, R, b)).transpose(1, 0, 2)
        np.matmul(both.transpose(0, 2, 1), a, out=z)
        d = np.empty((n, R, b)).transpose(1, 0, 2)
        d[...] = rng.normal(size=(R, n, b))
        gw = np.empty((R, k, n))
        np.matmul(a, d.transpose(0, 2, 1), out=gw)
        dx = np.empty((k, R, b)).transpose(1, 0, 2)
        np.matmul(both, d, out=dx)
        for r in range(R):
            ar, dr = np.ascontiguousarray(a[r]), np.ascontiguousarray(d[r])
            np.testing.assert_array_equal(z[r], np.dot(both[r].T, ar))
            np.testing.assert_array_equal(gw[r], np.dot(ar, dr.T))
            np.testing.assert_array_equal(dx[r], np.dot(both[r], dr))


def test_orders_drawn_ahead_are_rewound_when_a_trainer_is_read_mid_run():
    # the stack draws a chunk of epochs' orders at once; reading a replica's trainer in
    # the middle hands back its generator where the epochs so far left it
    data = (make_data(30, seed=3),)
    pairs = [
        pair([2, 3, 1], ["tanh"] * 2, data, rule="minibatch", batch_size=4, lr=0.1, seed=s)
        for s in (0, 0, 1)
    ]
    rt = ReplicaTrainer([b for _, b in pairs])
    for ep in rt.iter_epochs(9):
        if ep.kind == "epoch" and ep.epoch[0] in (2, 5):
            mid = rt.trainer(2)
            state = mid._rng.bit_generator.state
            ref = Trainer(
                make_net([2, 3, 1], ["tanh"] * 2),
                "squared_error",
                *data,
                seed=1,
                rule="minibatch",
                batch_size=4,
                lr=0.1,
            )
            ref.run(int(ep.epoch[0]))
            assert state == ref._rng.bit_generator.state
    rt.run(4)
    for r, (a, _) in enumerate(pairs):
        a.run(13)
        assert a.network.theta.tolist() == rt.weights(r).tolist()
        assert a._rng.bit_generator.state == rt.trainer(r)._rng.bit_generator.state
