"""The lessons' comparisons: the outcome each states, checked headless."""

import pytest

from nnsim.lessons import LESSONS, get_lesson
from nnsim.lessons.comparisons import comparison_spec, run_comparison

COMPARED = [lesson.name for lesson in LESSONS if lesson.comparison is not None]


def test_the_four_comparison_lessons_have_their_spec_in_their_record():
    assert COMPARED == ["bp-variants", "learning-rate", "overfitting", "activation-gallery"]
    for name in COMPARED:
        assert comparison_spec(name) is get_lesson(name).comparison
        assert get_lesson(name).comparison.lesson == name
    assert comparison_spec("mp-neuron") is None
    assert comparison_spec("nope") is None


@pytest.mark.parametrize("name", COMPARED)
def test_comparison_outcome_as_stated(name):
    r = run_comparison(name)
    assert r.ok, r.summary() + "\n" + r.values["table"]
    assert r.summary("en").endswith("Outcome as stated.")
    assert r.summary("zh").endswith("结果与课程一致。")


def test_minibatch_reaches_the_target_in_fewer_epochs_than_accumulated_bp():
    v = run_comparison("bp-variants").values
    mb, acc = v["minibatch"]["epochs_to_target"], v["accumulated"]["epochs_to_target"]
    assert mb is not None and (acc is None or mb < acc)
    # the same 200 epochs: 17 updates a pass, 5 (batches of 4), 1
    assert [v[k]["updates"] for k in ("standard", "minibatch", "accumulated")] == [3400, 1000, 200]


def test_the_large_learning_rates_are_marked_diverged():
    r = run_comparison("learning-rate")
    assert r.values["diverged"] == [1.0, 3.0, 10.0]
    assert 0.001 < r.values["best_lr"] < 1.0
    table = r.values["table"].splitlines()
    assert [line.split()[0] for line in table if "DIVERGED" in line] == ["η=1", "η=3", "η=10"]
    assert "DIVERGED" in r.summary("en") and "发散" in r.summary("zh")


def test_overfitting_cures_lower_the_test_error():
    v = run_comparison("overfitting").values
    assert v["early stopping"]["status"] == "early_stopping"
    assert v["L2"]["test_loss"] < v["none"]["test_loss"]
    assert v["early stopping"]["test_loss"] < v["none"]["test_loss"]


def test_a_linear_network_cannot_learn_the_circle():
    v = run_comparison("activation-gallery").values
    assert v["identity"]["test_acc"] <= 0.7
    assert v["tanh"]["test_acc"] >= 0.95 and v["relu"]["test_acc"] >= 0.95
