"""Data a network's output layer cannot learn is refused by the session with what to change."""

import numpy as np
import pytest

from nnsim.data import load_csv
from nnsim.lessons import load_lesson
from nnsim.model.session import Session, SessionError


@pytest.fixture
def three_animals(tmp_path):
    p = tmp_path / "animals.csv"
    p.write_text("a,b,kind\n0,0,cat\n0,1,dog\n1,0,bird\n1,1,cat\n")
    return load_csv(p)


@pytest.mark.parametrize("loss", ["squared_error", "sigmoid_binary_cross_entropy"])
def test_three_text_classes_into_one_output_are_refused(three_animals, loss):
    doc = load_lesson("xor-two-layer")  # one output neuron
    doc.update_settings(loss=loss)
    s = Session(doc, dataset=three_animals)
    with pytest.raises(SessionError) as info:
        s.train_epochs(3)
    assert str(info.value) == (
        "the data set 'animals' has 3 classes but the output layer has 1 neuron(s): give it 3 "
        "output neurons, one per class (softmax + cross-entropy)"
    )


def test_softmax_on_one_output_is_refused_by_the_session(three_animals):
    doc = load_lesson("xor-two-layer")
    doc.update_settings(loss="softmax_cross_entropy")
    with pytest.raises(SessionError, match="Use 2 softmax outputs, or 1 output with sigmoid"):
        _ = Session(doc).trainer


def test_three_classes_train_on_three_softmax_outputs(three_animals):
    doc = load_lesson("xor-two-layer")
    (out,) = doc.output_layers()
    doc.add_neuron(out)
    doc.add_neuron(out)
    doc.update_settings(loss="softmax_cross_entropy")
    s = Session(doc, dataset=three_animals)
    assert s.train_epochs(3).status == "finished"
    np.testing.assert_array_equal(s.trainer.y_train, [1, 2, 0, 1])
