"""Plot data: bounded however long the run (older epochs thinned, the first and last kept),
a new branch of time replaces what it starts before."""

import numpy as np

from nnsim.engine.history import History, Snapshot
from nnsim.recipes.plot_data import PlotData


def snap(epoch, index=None, kind="epoch"):
    return Snapshot(
        index=epoch if index is None else index,
        epoch=epoch,
        step=epoch,
        kind=kind if epoch else "init",
        train_loss=1.0 / (1 + epoch),
        train_acc=0.5,
        val_loss=2.0 / (1 + epoch),
        val_acc=0.5,
        penalty=0.0,
        weights=np.array([float(epoch), -float(epoch)]),
    )


def test_100000_epochs_keep_at_most_the_limit_with_the_start_and_the_end():
    d = PlotData(2, limit=512)
    for e in range(100_000):
        d.append(snap(e))
        assert len(d) <= 512
    ep = d.column("epoch")
    assert ep[0] == 0 and ep[-1] == 99_999
    np.testing.assert_array_equal(d.weights[:, 0], ep)  # rows stayed whole
    np.testing.assert_array_equal(d.column("train_loss"), 1.0 / (1 + ep))
    gaps = np.diff(ep)
    assert np.all(np.diff(gaps) <= 0)  # older rows never denser than newer ones
    assert np.array_equal(ep[-20:], np.arange(99_980, 100_000))


def test_a_new_branch_replaces_the_epochs_it_starts_before_even_after_thinning():
    d = PlotData(2, limit=64)
    for e in range(1000):
        d.append(snap(e))
    # time travel to epoch 900 (its position in a thinned history is smaller) and train on
    d.append(snap(901, index=10))
    ep = d.column("epoch")
    assert ep[-1] == 901 and ep[-2] <= 900 and np.all(np.diff(ep) > 0)


def test_loading_a_long_history_thins_it():
    h = History(2, limit=4096)
    for e in range(3000):
        s = snap(e)
        h.append(
            s.weights,
            epoch=e,
            step=e,
            kind=s.kind,
            train_loss=s.train_loss,
            train_acc=0.5,
            val_loss=s.val_loss,
            val_acc=0.5,
            penalty=0.0,
            errors=None,
        )
    d = PlotData(2, limit=1000)
    d.load_history(h)
    ep = d.column("epoch")
    assert len(d) <= 1000 and ep[0] == 0 and ep[-1] == 2999
    np.testing.assert_array_equal(d.column("index"), ep)  # positions in the history
