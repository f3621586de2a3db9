"""The plot registry: a registered column is computed for every epoch the plot data keep,
from live snapshots and from a trainer's history alike, and goes when unregistered."""

import numpy as np
import pytest

from nnsim.engine import Dense, Input, Network
from nnsim.engine.training import Trainer
from nnsim.recipes.plot_columns import plot_columns, register_plot_column, unregister_plot_column
from nnsim.recipes.plot_data import PlotData


@pytest.fixture
def biggest_weight():
    """A test-only column: the largest |w| of each epoch."""
    col = register_plot_column(
        "test_biggest_weight",
        lambda snap: np.abs(snap.weights).max(),
        title={"en": "largest |w|", "zh_CN": "最大 |w|"},
        color="#aa00aa",
    )
    yield col
    unregister_plot_column("test_biggest_weight")


def trained(epochs=6):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 2))
    y = (x[:, :1] > 0).astype(float)
    net = Network([Input("x", 2), Dense("h", 3, ["x"], "tanh"), Dense("y", 1, ["h"], "sigmoid")])
    tr = Trainer(net, "squared_error", (x, y), lr=0.5, seed=1, init="xavier")
    return tr, list(tr.iter_epochs(epochs))


def test_a_registered_column_is_computed_for_every_epoch(biggest_weight):
    assert biggest_weight in plot_columns()
    tr, snaps = trained()
    d = PlotData(tr.network.n_params)
    for s in snaps:
        d.append(s)
    assert [c.name for c in d.extra_columns] == ["test_biggest_weight"]
    got = d.column("test_biggest_weight")
    np.testing.assert_allclose(got, [np.abs(s.weights).max() for s in snaps], rtol=0, atol=0)
    assert len(set(np.round(got, 9))) > 1  # the weights grew: not a constant
    # from the trainer's history (the GUI after time travel or a reload): the same
    h = PlotData()
    h.load_history(tr.history)
    np.testing.assert_array_equal(h.column("test_biggest_weight"), got)
    assert biggest_weight.title_in("zh_CN") == "最大 |w|"
    assert biggest_weight.title_in("fr") == "largest |w|"


def test_a_column_registered_during_a_run_starts_then_and_goes_when_removed():
    tr, snaps = trained(4)
    d = PlotData(tr.network.n_params)
    d.append(snaps[0])
    d.append(snaps[1])
    register_plot_column("test_epoch_twice", lambda s: 2 * s.epoch, title="2 × epoch")
    try:
        for s in snaps[2:]:
            d.append(s)
        col = d.column("test_epoch_twice")
        assert np.isnan(col[:2]).all()
        np.testing.assert_array_equal(col[2:], [4.0, 6.0, 8.0])
    finally:
        unregister_plot_column("test_epoch_twice")
    d.append(snaps[-1])  # (the same epoch again: replaces the row)
    assert d.extra_columns == ()
    with pytest.raises(KeyError):
        d.column("test_epoch_twice")


def test_a_failing_column_gives_nan_and_built_in_names_are_refused():
    register_plot_column("test_broken", lambda s: 1 / 0, title="broken")
    try:
        tr, snaps = trained(1)
        d = PlotData(tr.network.n_params)
        d.append(snaps[0])
        assert np.isnan(d.column("test_broken")).all()
    finally:
        unregister_plot_column("test_broken")
    with pytest.raises(ValueError):
        register_plot_column("train_loss", lambda s: 0.0, title="no")
    with pytest.raises(TypeError):
        register_plot_column("test_not_callable", 3.0, title="no")
