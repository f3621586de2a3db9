"""The training process: a run there gives the session the numbers it would have computed
itself, bit for bit; stop, speed, divergence and a dying process behave."""

import threading
import time

import numpy as np
import pytest

from nnsim.lessons import get_lesson
from nnsim.model import NetworkDocument, training_process
from nnsim.model.session import Session
from nnsim.model.training_process import TrainingProcess, TrainingProcessError, suitable


@pytest.fixture(scope="module")
def proc():
    p = TrainingProcess()
    yield p
    p.close()


def circle() -> Session:
    """The Playground default: circle, 2-4-2-1 tanh, mini-batches of 10, η 0.03."""
    return Session(get_lesson("playground-circle").load())


def test_a_run_in_the_process_is_the_run_at_home(proc):
    here, there = circle(), circle()
    for s in (here, there):
        for _ in s.iter_train(3):  # some history before: it travels too
            pass
    bundles = list(proc.train(there, 150))
    snaps = [s for b in bundles for s in b]
    for _ in here.iter_train(150):
        pass
    assert [s.epoch for s in snaps] == list(range(4, 154))
    np.testing.assert_array_equal(there.network.theta, here.network.theta)
    np.testing.assert_array_equal(there.history.weights, here.history.weights)
    np.testing.assert_array_equal(there.history.val_loss, here.history.val_loss)
    np.testing.assert_array_equal(snaps[-1].weights, here.network.theta)
    assert there.result == here.result and there.result.status == "finished"
    # and the session goes on at home from where the process left it
    for s in (here, there):
        for _ in s.iter_train(2):
            pass
    np.testing.assert_array_equal(there.network.theta, here.network.theta)


def test_stop_ends_the_run_after_the_current_epoch(proc):
    s = circle()
    stop = threading.Event()
    n = 0
    for bundle in proc.train(s, 10_000_000, stop=stop):
        n += len(bundle)
        if n >= 20:
            stop.set()
    assert s.result.status == "stopped"
    assert 20 <= s.trainer.epoch < 20 + 2000  # far from ten million
    assert len(s.history) == s.trainer.epoch + 1 == n  # every epoch came back (and epoch 0)


def test_the_speed_is_kept(proc):
    s = circle()
    t0 = time.perf_counter()
    n = sum(len(b) for b in proc.train(s, 12, rate=lambda: 60.0))
    took = time.perf_counter() - t0
    assert n == 13  # the initial weights and 12 epochs
    assert took >= 11 / 60  # at 60 epochs per second


def test_divergence_restores_the_last_finite_weights(proc):
    doc = NetworkDocument()
    a = doc.add_layer("input", 2)
    h = doc.add_layer("dense", 3, activation="tanh")
    o = doc.add_layer("dense", 1, activation="identity")
    doc.connect(a, h)
    doc.connect(h, o)
    # a linear output on a regression explodes at η = 10⁶
    doc.update_settings(dataset="reg_plane", lr=1e6, seed=2, init="xavier")
    s = Session(doc)
    s.reset_weights()
    before = s.network.theta.copy()
    list(proc.train(s, 50))
    assert s.result.status == "diverged"
    assert "learning rate too high" in s.result.message
    assert np.all(np.isfinite(s.network.theta))
    np.testing.assert_array_equal(s.network.theta, before)


def test_a_dying_process_leaves_the_session_as_it_was():
    p = TrainingProcess()
    try:
        s = circle()
        before = s.network.theta.copy()
        gen = p.train(s, 10_000, rate=lambda: 20.0)
        next(gen)
        p._proc.kill()
        with pytest.raises(TrainingProcessError, match="ended unexpectedly"):
            for _ in gen:
                pass
        np.testing.assert_array_equal(s.network.theta, before)
        assert len(s.history) == 0  # not even the initial row: it was made there
        # the next run starts a new process
        assert sum(len(b) for b in p.train(s, 5)) == 6  # epoch 0 and five more
        assert s.trainer.epoch == 5 and len(s.history) == 6
    finally:
        p.close()
    assert not p.alive


def test_what_goes_to_the_process(monkeypatch):
    s = circle()
    assert suitable(s)
    monkeypatch.setattr(training_process, "MAX_DATA_BYTES", 1000)
    assert not suitable(s)  # a big data set stays where it is
    monkeypatch.undo()
    s.document.update_settings(rule="perceptron")
    assert not suitable(s)
