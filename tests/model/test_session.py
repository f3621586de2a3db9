"""Session: data fitted to the network, training that writes back, time travel, the stepper."""

import numpy as np
import pytest

from nnsim.model import NetworkDocument
from nnsim.model.session import Session, SessionError


def xor_doc(hidden=3) -> NetworkDocument:
    doc = NetworkDocument()
    a = doc.add_layer("input", 2)
    h = doc.add_layer("dense", hidden, activation="tanh")
    o = doc.add_layer("dense", 1, activation="sigmoid")
    doc.connect(a, h)
    doc.connect(h, o)
    doc.update_settings(dataset="xor", rule="accumulated", lr=2.0, seed=3, init="xavier")
    return doc


def test_training_lowers_the_loss_and_writes_weights_back():
    doc = xor_doc()
    s = Session(doc)
    s.reset_weights()
    before = s.evaluate()["loss"]
    events = []
    doc.weights_changed.connect(events.append)
    result = s.train_epochs(300)
    assert result.status == "finished"
    after = s.evaluate()
    assert after["loss"] < before / 10
    assert after["accuracy"] == 1.0
    assert events == [""]
    np.testing.assert_array_equal(
        doc.links["L2-L3"].weights, s.network.param("L3", "W0")
    )  # the document holds the trained weights
    assert len(s.history) == 301  # the initial weights and one row per epoch


def test_same_seed_same_history():
    runs = []
    for _ in range(2):
        s = Session(xor_doc())
        s.reset_weights()
        s.train_epochs(20)
        runs.append(s.history.train_loss.copy())
    np.testing.assert_array_equal(runs[0], runs[1])


def test_time_travel_restores_document_weights():
    doc = xor_doc()
    s = Session(doc)
    s.reset_weights()
    w0 = doc.links["L1-L2"].weights.copy()
    s.train_epochs(5)
    assert not np.array_equal(doc.links["L1-L2"].weights, w0)
    snap = s.restore_snapshot(0)
    assert snap.epoch == 0
    np.testing.assert_array_equal(doc.links["L1-L2"].weights, w0)


def test_settings_change_rebuilds_the_trainer_structure_change_recompiles():
    doc = xor_doc()
    s = Session(doc)
    t1, c1 = s.trainer, s.compiled
    assert s.trainer is t1
    doc.update_settings(lr=0.5, batch_size=3)  # live settings: same trainer, history kept
    assert s.trainer is t1 and t1.lr == 0.5 and t1.optimizer.lr == 0.5 and t1.batch_size == 3
    doc.update_settings(optimizer="adam")
    assert s.trainer is not t1 and s.trainer.lr == 0.5
    t1 = s.trainer
    doc.add_neuron("L2")
    assert s.compiled is not c1
    assert s.network.layers["L2"].size == 4


def test_edited_weight_reaches_the_network():
    doc = xor_doc()
    s = Session(doc)
    s.trainer  # noqa: B018 - build it
    doc.set_weight("L2-L3", 1, 0, 7.0)
    assert s.network.param("L3", "W0")[1, 0] == 7.0


def test_data_that_does_not_fit_the_input_says_so():
    doc = xor_doc()
    doc.update_settings(dataset="watermelon")
    doc.add_neuron("L1")
    with pytest.raises(SessionError, match="2 input feature.*takes 3"):
        Session(doc).trainer  # noqa: B018


def test_multiclass_targets_become_one_hot_for_squared_error():
    from nnsim.model.session import _fit_y

    np.testing.assert_array_equal(
        _fit_y(np.array([2, 0]), 3, "squared_error", "d"), [[0, 0, 1], [1, 0, 0]]
    )
    np.testing.assert_array_equal(_fit_y(np.array([2, 0]), 3, "softmax_cross_entropy", "d"), [2, 0])
    with pytest.raises(SessionError, match="3 classes but the output layer has 2"):
        _fit_y(np.array([2, 0]), 2, "squared_error", "d")


def test_interrupt_still_writes_back():
    doc = xor_doc()
    s = Session(doc)
    s.reset_weights()
    w0 = doc.links["L1-L2"].weights.copy()
    calls = []

    def cb(snap):
        calls.append(snap.epoch)
        if len(calls) == 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        s.train_epochs(100, callback=cb)
    assert not np.array_equal(doc.links["L1-L2"].weights, w0)
    np.testing.assert_array_equal(doc.links["L1-L2"].weights, s.network.param("L2", "W0"))


def test_stepper_of_the_worked_example_matches_training():
    doc = NetworkDocument()
    a = doc.add_layer("input", 2, neuron_labels=["A", "B"])
    h = doc.add_layer("dense", 2, use_bias=False)
    o = doc.add_layer("dense", 1, use_bias=False)
    doc.connect(a, h, weights=[[0.1, 0.4], [0.8, 0.6]])
    doc.connect(h, o, weights=[[0.3], [0.9]])
    doc.update_settings(targets=[{"x": [0.35, 0.9], "y": [0.5]}], lr=1.0, rule="standard")
    s = Session(doc)
    st = s.stepper()
    texts = [r.text("en") for r in st.run_to_end()]
    assert texts[0].endswith("b_1 = σ(0.755) = 0.680267")
    assert any("g_1" in t and t.endswith("−0.0406811") for t in texts)
    s.sync_document()
    stepped = {k: v.weights.copy() for k, v in doc.links.items()}
    # One epoch of standard BP on the one sample gives bit for bit the same weights.
    doc3 = NetworkDocument()
    doc3.restore(doc.snapshot())
    doc3.set_weights("L1-L2", [[0.1, 0.4], [0.8, 0.6]])
    doc3.set_weights("L2-L3", [[0.3], [0.9]])
    s3 = Session(doc3)
    s3.train_epochs(1)
    for k in stepped:
        np.testing.assert_array_equal(doc3.links[k].weights, stepped[k])
