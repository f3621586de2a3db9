"""Divergence through the session, the training process and the command line; float32 overflow."""

import numpy as np
import pytest

from nnsim.cli import main
from nnsim.engine.divergence import WEIGHT_LIMIT
from nnsim.lessons import load_lesson
from nnsim.model.compile import CompileError, compile_document
from nnsim.model.session import Session
from nnsim.model.training_process import TrainingProcess


def exploding_xor() -> Session:
    """The issue's reproduction: xor-two-layer, BCE, η = 10⁶, mini-batch, L2 λ = 0.01."""
    doc = load_lesson("xor-two-layer")
    doc.update_settings(
        loss="sigmoid_binary_cross_entropy",
        lr=1e6,
        rule="minibatch",
        regularization="l2",
        reg_lambda=0.01,
    )
    return Session(doc)


def doc_weights(doc) -> np.ndarray:
    parts = [link.weights.ravel() for link in doc.links.values()]
    parts += [layer.biases.ravel() for layer in doc.layers.values() if layer.biases is not None]
    return np.concatenate(parts)


def test_the_reproduction_stops_and_the_document_keeps_its_weights():
    s = exploding_xor()
    before = doc_weights(s.document)
    result = s.train_epochs(30)  # never raises
    print(result.message)
    assert result.status == "diverged" and result.epoch == 0
    assert "learning rate too high? Lower η (now 1e+06)" in result.message
    np.testing.assert_array_equal(doc_weights(s.document), before)
    assert np.abs(s.network.theta).max() <= WEIGHT_LIMIT  # not 3.9e152


def test_a_loaded_absurd_weight_is_named_and_nothing_raises():
    doc = load_lesson("xor-two-layer")
    w = doc.links["L1-L2"].weights.copy()
    w[1, 0] = 1.7e308  # near float64's largest, 1.8e308
    doc.set_weights("L1-L2", w)
    s = Session(doc)
    result = s.train_epochs(5)  # never raises, although the weight overflows at once
    print(result.message)
    assert result.status == "diverged"
    assert "a loaded weight is 1.7e+308 (W0[1, 0] of layer 'L2')" in result.message
    assert "learning rate" not in result.message
    assert doc.links["L1-L2"].weights[1, 0] == 1.7e308  # the document is as it was


def test_huge_inputs_through_the_session_name_the_inputs():
    doc = load_lesson("xor-two-layer")
    doc.update_settings(
        targets=[{"x": [1e300 * a, 1e300 * b], "y": [a ^ b]} for a in (0, 1) for b in (0, 1)],
        lr=0.1,
    )
    result = Session(doc).train_epochs(5)
    print(result.message)
    assert result.status == "diverged"
    assert "the inputs reach 1e+300" in result.message


def test_float32_refuses_a_weight_it_cannot_hold_naming_it():
    doc = load_lesson("xor-two-layer")
    doc.update_settings(dtype="float32")
    w = doc.links["L2-L3"].weights.copy()
    w[1, 0] = 1e300
    doc.set_weights("L2-L3", w)
    with pytest.raises(CompileError) as info:
        compile_document(doc)
    msg = str(info.value)
    assert msg == (
        "link L2-L3's weight [1, 0] = 1e+300 does not fit in float32 (largest 3.4e+38): "
        "set it to a usual value or compute in float64"
    )
    assert info.value.layer == "L3"
    # float64 holds it (and training then names it as the cause)
    doc.update_settings(dtype="float64")
    assert compile_document(doc).network.param("L3", "W0")[1, 0] == 1e300


def test_float32_refuses_a_bias_too_and_takes_one_that_fits():
    doc = load_lesson("xor-two-layer")
    doc.update_settings(dtype="float32")
    b = doc.layers["L2"].biases.copy()
    b[0] = -5e38
    doc.set_biases("L2", b)
    with pytest.raises(CompileError, match=r"layer L2.*: bias \[0\] = -5e\+38 does not fit"):
        compile_document(doc)
    b[0] = -3e38
    doc.set_biases("L2", b)
    assert compile_document(doc).network.param("L2", "b")[0] == np.float32(-3e38)


@pytest.fixture(scope="module")
def proc():
    p = TrainingProcess()
    yield p
    p.close()


def test_the_training_process_stops_and_restores_the_same_way(proc):
    here, there = exploding_xor(), exploding_xor()
    before = there.network.theta.copy()
    list(proc.train(there, 30))
    here.train_epochs(30)
    assert there.result.status == "diverged"
    assert there.result.message == here.result.message
    np.testing.assert_array_equal(there.network.theta, before)


def test_the_cli_exits_non_zero_with_the_message(tmp_path, capsys):
    out = tmp_path / "kept.nnsim"
    rc = main(["train", "xor-two-layer", "--lr", "1e6", "--epochs", "30", "--save", str(out)])
    captured = capsys.readouterr()
    assert rc == 1
    assert "nnsim: training diverged: " in captured.err
    assert "learning rate too high? Lower η (now 1e+06)" in captured.err
    assert "The initial weights were restored." in captured.out
    from nnsim.model.fileformat import load

    saved = load(out)  # the sound weights were saved
    np.testing.assert_array_equal(doc_weights(saved), doc_weights(load_lesson("xor-two-layer")))
