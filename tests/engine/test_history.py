"""History: bounded for long runs, thinned geometrically, the start and the end always kept."""

import numpy as np

from nnsim.engine.history import History, row_limit, thin_mask


def _row(h, e, loss=None):
    return h.append(
        np.full(h.n_params, float(e)),
        epoch=e,
        step=e,
        kind="epoch" if e else "init",
        train_loss=float(e) if loss is None else loss,
        train_acc=1.0,
        val_loss=float("nan"),
        val_acc=float("nan"),
        penalty=0.0,
        errors=None,
    )


def test_100000_epochs_keep_at_most_the_limit_first_and_last_geometric():
    h = History(3, limit=1000)
    for e in range(100_000):
        _row(h, e)
        assert len(h) <= 1000
    ep = h.epoch
    assert ep[0] == 0 and ep[-1] == 99_999
    # the weights travelled with their rows
    assert np.array_equal(h.weights[:, 0], ep.astype(float))
    assert h[0].epoch == 0 and h[-1].epoch == 99_999
    gaps = np.diff(ep)
    # every gap a power of two, never wider for a newer row than for an older one
    assert np.all(gaps & (gaps - 1) == 0)
    assert np.all(np.diff(gaps) <= 0)
    # geometric: each doubling of age holds about the same number of rows
    age = ep[-1] - ep
    per_octave = [int(((age >= 2**k) & (age < 2 ** (k + 1))).sum()) for k in range(10, 16)]
    assert max(per_octave) <= 2.5 * min(per_octave), per_octave
    # the newest rows are all there
    assert np.array_equal(ep[-100:], np.arange(99_900, 100_000))


def test_a_short_history_is_never_thinned():
    h = History(2, limit=64)
    for e in range(64):
        _row(h, e)
    assert len(h) == 64 and h.moved is None
    assert h.epoch.tolist() == list(range(64))


def test_thinning_says_where_rows_moved_and_keeps_the_row_asked_for():
    h2 = History(2, limit=64)
    for e in range(64):
        _row(h2, e)
    h2.append(
        np.zeros(2),
        keep=5,
        epoch=64,
        step=64,
        kind="epoch",
        train_loss=0.0,
        train_acc=1.0,
        val_loss=np.nan,
        val_acc=np.nan,
        penalty=0.0,
        errors=None,
    )
    assert h2.moved is not None and len(h2) <= 49
    assert h2.moved[5] >= 0 and h2.epoch[h2.moved[5]] == 5  # odd, old, yet kept
    kept = np.flatnonzero(h2.moved >= 0)
    assert np.array_equal(h2.epoch[h2.moved[kept]], kept)


def test_thin_mask_only_drops_more_as_rows_age():
    serial = np.arange(5000)
    before = thin_mask(serial[:3000], 100)
    after = thin_mask(serial, 100)[:3000]
    assert not np.any(after & ~before)
    assert after[0] and thin_mask(serial, 100)[-1]


def test_big_networks_keep_fewer_rows():
    assert row_limit(50) == 4096
    assert 64 <= row_limit(101_770) < 4096
    h = History(101_770)
    assert h.limit == row_limit(101_770)


def test_find_locates_weights_exactly():
    h = History(2)
    for e in range(5):
        _row(h, e)
    assert h.find(np.array([3.0, 3.0])) == 3
    assert h.find(np.array([3.0, 3.5])) is None


def test_early_stopping_finds_its_best_epoch_in_a_thinned_history():
    from nnsim.engine.layers import Dense, Input
    from nnsim.engine.network import Network
    from nnsim.engine.training import Trainer

    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(float)
    net = Network([Input("in", (2,)), Dense("out", 1, ["in"], "sigmoid")])
    tr = Trainer(
        net,
        "squared_error",
        (x[:30], y[:30]),
        (x[30:], y[30:]),
        rule="accumulated",
        lr=0.5,
        early_stopping=True,
        patience=40,
        seed=1,
    )
    # 16 rows for a patience of 40 epochs: the history thins while waiting
    tr.history = History(net.n_params, limit=16)
    ref = Trainer(
        Network([Input("in", (2,)), Dense("out", 1, ["in"], "sigmoid")]),
        "squared_error",
        (x[:30], y[:30]),
        (x[30:], y[30:]),
        rule="accumulated",
        lr=0.5,
        early_stopping=True,
        patience=40,
        seed=1,
    )
    want = ref.run(400)
    got = tr.run(400)
    assert len(tr.history) <= 16
    assert got.status == want.status == "early_stopping"
    assert got.best_epoch == want.best_epoch
    np.testing.assert_array_equal(net.theta, ref.network.theta)
    assert tr.history[tr.cursor].epoch == want.best_epoch


def test_a_tiny_history_always_finds_room():
    # limit 6: the geometric rule with recent = 1 alone keeps serials 0, 16, 24, 28, 30,
    # 31 (all six) and the next append had nowhere to go; every other middle row goes too
    h = History(2, limit=6)
    for i in range(1000):
        h.append(
            np.full(2, i),
            epoch=i,
            step=i,
            kind="epoch",
            train_loss=0.0,
            train_acc=0.0,
            val_loss=0.0,
            val_acc=0.0,
            penalty=0.0,
            errors=None,
        )
        assert len(h) <= 6
    assert h.serial[0] == 0 and h.serial[-1] == 999 and h.weights[-1][0] == 999
    assert np.all(np.diff(h.serial) > 0) and len(h) >= 4
