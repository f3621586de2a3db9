"""Trainer in slices: ``resume`` goes on with a stopped epoch, ``rng`` is the caller's
generator, ``row_source`` streams fresh rows (what the RNN view's demos train with)."""

import numpy as np
import pytest

from nnsim.engine import Dense, Input, Network
from nnsim.engine.training import Trainer, TrainingError


def make_data(seed=3, n=60):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(float)
    return x, y


def make_net():
    return Network([Input("x", 2), Dense("h", 4, ["x"], "tanh"), Dense("y", 1, ["h"], "sigmoid")])


def trainer(**options):
    options.setdefault("rule", "minibatch")
    options.setdefault("batch_size", 7)
    options.setdefault("optimizer", "adam")
    options.setdefault("lr", 0.02)
    return Trainer(make_net(), "squared_error", make_data(), seed=5, init="xavier", **options)


def in_slices(tr, n, k):
    """``n`` updates in slices of ``k``, each ended by ``on_batch``; their losses."""
    losses = []
    while len(losses) < n:
        want = min(k, n - len(losses))
        got = []

        def on_batch(e, b, nb, value, got=got, want=want):
            got.append(value)
            return len(got) >= want

        tr.on_batch = on_batch
        tr.run(want + 1)
        losses += got
    return losses


def test_slices_with_resume_make_the_updates_of_one_run():
    # 60 rows in batches of 7 with drop_last: 8 updates an epoch; slices of 3 stop in
    # the middle of epochs and at their ends
    one = trainer(drop_last=True)
    whole = []
    one.on_batch = lambda e, b, nb, v: whole.append(v)
    one.run(5)
    assert len(whole) == 40
    sliced = trainer(drop_last=True, resume=True)
    parts = in_slices(sliced, 40, 3)
    assert parts == whole
    np.testing.assert_array_equal(sliced.network.theta, one.network.theta)
    assert sliced.step == one.step == 40 and sliced.epoch == one.epoch == 5


def test_without_resume_a_stopped_epoch_starts_afresh():
    one = trainer(drop_last=True)
    one.run(2)
    sliced = trainer(drop_last=True)
    in_slices(sliced, 16, 3)
    assert not np.array_equal(sliced.network.theta, one.network.theta)


def test_time_travel_drops_the_rest_of_a_stopped_epoch():
    tr = trainer(drop_last=True, resume=True)
    in_slices(tr, 3, 3)
    assert tr._pending is not None and tr._pending[2] == 3  # batch 4 of epoch 1 is next
    tr.restore(0)
    assert tr._pending is None
    # a fresh trainer from the same initial weights, first epoch order drawn anew
    calls = []
    tr.on_batch = lambda e, b, nb, v: calls.append((e, b, nb))
    tr.run(1)
    assert calls == [(1, b, 8) for b in range(1, 9)]


def test_the_rest_of_a_stopped_epoch_travels_with_the_state():
    a = trainer(drop_last=True, resume=True)
    in_slices(a, 5, 5)
    b = trainer(drop_last=True, resume=True)
    b.set_state(a.get_state())
    in_slices(a, 11, 4)
    in_slices(b, 11, 4)
    np.testing.assert_array_equal(a.network.theta, b.network.theta)


def test_the_callers_generator_shuffles():
    x, y = make_data()
    gen = np.random.default_rng(42)
    tr = trainer(batch_size=60, rng=gen, shuffle=True)
    assert tr._rng is gen
    before = gen.bit_generator.state
    tr.run(1)
    assert gen.bit_generator.state != before  # the epoch's permutation came from it
    # the same updates as a trainer whose own generator is in the same state
    twin = trainer(batch_size=60, rng=np.random.default_rng(42))
    twin.run(1)
    np.testing.assert_array_equal(tr.network.theta, twin.network.theta)


def test_a_row_source_feeds_every_update_with_fresh_rows():
    x, y = make_data()
    stream = make_data(seed=9, n=500)
    drawn = []

    def rows(rng, n):
        idx = rng.integers(0, 500, n)
        drawn.append(idx)
        return stream[0][idx], stream[1][idx]

    gen = np.random.default_rng(1)
    tr = Trainer(
        make_net(),
        "squared_error",
        (x, y),
        rule="minibatch",
        batch_size=16,
        lr=0.5,
        seed=5,
        init="xavier",
        row_source=rows,
        rng=gen,
        on_batch=lambda *a: None,
    )
    start = tr.network.theta.copy()
    tr.run(2)
    # an epoch is len(train) // batch_size = 3 updates, each on 16 drawn rows
    assert len(drawn) == 6 and all(len(i) == 16 for i in drawn)
    assert tr.step == 6
    # the same updates by hand: plain SGD on the drawn rows
    net = make_net()
    net.set_weights(start)
    for idx in drawn:
        net.loss_and_grad(stream[0][idx], stream[1][idx], tr.loss)
        net.theta -= 0.5 * net.grad
    np.testing.assert_allclose(tr.network.theta, net.theta, rtol=0, atol=1e-12)
    # and the generator was the caller's: the next draw continues its stream
    check = np.random.default_rng(1)
    for _ in range(6):
        check.integers(0, 500, 16)
    assert gen.bit_generator.state == check.bit_generator.state


def test_the_perceptron_rule_takes_no_row_source():
    x = np.array([[0.0, 0], [0, 1], [1, 0], [1, 1]])
    y = np.array([[0.0], [0], [0], [1]])
    net = Network([Input("x", 2), Dense("y", 1, ["x"], "step")])
    with pytest.raises(TrainingError, match="row source"):
        Trainer(net, "squared_error", (x, y), rule="perceptron", row_source=lambda r, n: (x, y))


def test_history_limit_bounds_the_snapshots_and_keeps_the_first_and_latest():
    # 60 rows in batches of 7 with drop_last: 8 updates an epoch; one snapshot per epoch
    tr = trainer(drop_last=True, history_limit=6)
    assert tr.history.limit == 6
    for _ in range(40):
        tr.run(1)
    h = tr.history
    assert len(h) <= 6 and h._w.shape[0] <= 6  # storage, not only the rows in use
    # the initial weights (serial 0, epoch 0) and the newest epoch both stay
    assert h.serial[0] == 0 and h.epoch[0] == 0 and h.epoch[-1] == 40 == tr.epoch
    np.testing.assert_array_equal(h.weights[-1], tr.network.theta)
    assert list(h.epoch) == sorted(set(h.epoch))  # thinned, in order, no repeats
    # without the option the engine's default keeps every one of the 41
    free = trainer(drop_last=True)
    free.run(40)
    assert len(free.history) == 41


def test_history_rows_turns_a_byte_budget_into_a_limit():
    from nnsim.engine.trainer import history_rows

    net = make_net()  # 2·4 + 4 + 4 + 1 = 17 float64 weights: 136 bytes a snapshot
    assert net.n_params == 17
    assert history_rows(net, 136 * 50) == 50
    assert history_rows(net, 1000, min_rows=8) == 8  # 7 would fit: the floor wins
    tr = trainer(history_limit=history_rows(net, 136 * 10))
    tr.run(30)
    assert len(tr.history) <= 10 and tr.history._w.nbytes <= 136 * 10


def test_history_limit_below_four_is_refused():
    with pytest.raises(TrainingError, match="history_limit"):
        trainer(history_limit=3)
