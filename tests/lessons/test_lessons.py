"""Every lesson loads, compiles, trains a few steps and shows the outcome it states."""

import json

import numpy as np
import pytest
from model_schema_check import errors

from nnsim.lessons import LESSONS, LessonError, get_lesson, lesson_names, list_lessons, run
from nnsim.lessons.build import build, main
from nnsim.model import Session, compile_document
from nnsim.model.fileformat import dumps
from nnsim.paths import resource

LECTURE_ORDER = [
    "mp-neuron",
    "perceptron-and-or-not",
    "perceptron-xor",
    "xor-two-layer",
    "bp-worked-example",
    "bp-variants",
    "learning-rate",
    "watermelon-3.0",
    "watermelon-alpha-csv",
    "overfitting",
    "activation-gallery",
    "softmax-overflow",
    "playground-circle",
    "convolution-pooling",
    "mnist-mlp",
    "mnist-cnn",
    "rnn-shapes",
    "relu-homework",
]
SCHEMA = json.loads(resource("schema", "nnsim.schema.json").read_text(encoding="utf-8"))
#: Small runs of the slow lessons for the fast suite.
QUICK = {
    "mnist-mlp": {"epochs": 1, "subset": (600, 200)},
    "mnist-cnn": {"epochs": 1, "subset": (600, 200)},
}


def test_registry_lists_lessons_in_lecture_order_with_both_titles():
    assert lesson_names() == LECTURE_ORDER
    assert [lesson.name for lesson in LESSONS] == LECTURE_ORDER
    for (name, section, title), (_, _, title_zh) in zip(list_lessons("en"), list_lessons("zh")):
        assert title and title_zh and title != title_zh, name
        assert section
    with pytest.raises(LessonError, match="there is no lesson 'nope'; the lessons are: mp-neuron"):
        get_lesson("nope")
    assert get_lesson("BP-Worked-Example.nnsim").name == "bp-worked-example"


def test_a_record_is_the_whole_lesson_build_writes_its_view(tmp_path, monkeypatch):
    """One record holds builder, outcome and view: ``build`` writes the record's view."""
    import dataclasses

    import nnsim.lessons as registry

    lesson = get_lesson("xor-two-layer")
    moved = dataclasses.replace(lesson, view="cnn")
    monkeypatch.setattr(registry, "_BY_NAME", {**registry._BY_NAME, lesson.name: moved})
    assert main(["xor-two-layer", "--out", str(tmp_path)]) == 0
    written = json.loads((tmp_path / "xor-two-layer.nnsim").read_text(encoding="utf-8"))
    assert written["meta"]["view"] == "cnn"
    assert main(["nope", "--out", str(tmp_path)]) == 2
    r = moved.outcome(moved.builder())
    assert r.ok and r.values


@pytest.mark.parametrize("name", LECTURE_ORDER)
def test_lesson_file_is_up_to_date_valid_and_bilingual(name):
    lesson = get_lesson(name)
    text = lesson.path.read_text(encoding="utf-8")
    assert text == dumps(build(name)), "run `python -m nnsim.lessons.build` and commit"
    assert list(errors(json.loads(text), SCHEMA)) == []
    doc = lesson.load()
    m = doc.meta
    assert m.lesson == name
    assert m.view == lesson.view  # the record says which view the file opens on
    for field in ("title_zh", "title_en", "goal_zh", "goal_en", "notes_zh", "notes_en"):
        assert getattr(m, field).strip(), field
    assert any("\u4e00" <= ch <= "\u9fff" for ch in m.title_zh + m.notes_zh)


@pytest.mark.parametrize("name", LECTURE_ORDER)
def test_lesson_compiles_and_trains_a_few_steps(name):
    doc = get_lesson(name).load()
    compile_document(doc)
    if name in QUICK:
        doc.update_settings(dataset_params={**doc.settings.dataset_params, "subset": [200, 50]})
    s = Session(doc)
    s.train_epochs(2)
    for link in doc.links.values():
        assert np.all(np.isfinite(link.weights))
    assert len(s.history) >= 2


@pytest.mark.parametrize("name", [n for n in LECTURE_ORDER if n not in QUICK])
def test_lesson_outcome_as_stated(name):
    result = run(name)
    assert result.ok, result.summary()
    text = result.summary("en")
    assert text.startswith(result.title_en) and text.endswith("Outcome as stated.")
    assert result.summary("zh").endswith("结果与课程一致。")


def test_worked_example_values_are_the_course_numbers():
    v = run("bp-worked-example").values
    assert v["h1"] == pytest.approx(0.680267, abs=1e-6)
    assert v["h2"] == pytest.approx(0.663739, abs=1e-6)
    assert v["out"] == pytest.approx(0.690283, abs=1e-6)
    assert v["g"] == pytest.approx(-0.0406811, abs=1e-7)
    assert v["e1"] == pytest.approx(-0.00265449, abs=1e-8)
    assert v["e2"] == pytest.approx(-0.00817165, abs=1e-8)
    assert v["w_out"] == pytest.approx([0.272326, 0.872998], abs=1e-6)
    assert v["v_h1"] == pytest.approx([0.0990709, 0.797611], abs=1e-6)
    assert v["v_h2"] == pytest.approx([0.397140, 0.592646], abs=1e-6)
    assert v["out_after"] == pytest.approx(0.682019, abs=1e-6)
    assert v["error_after"] == pytest.approx(0.182019, abs=1e-6)


def test_perceptron_xor_reports_not_linearly_separable():
    r = run("perceptron-xor")
    assert r.values["status"] == "cycle"
    assert "not linearly separable" in r.values["message"]
    assert "not linearly separable" in r.summary("en")
    assert "线性不可分" in r.summary("zh")


def test_xor_two_layer_outputs_the_slide_values():
    assert run("xor-two-layer").values["outputs"] == pytest.approx([-0.5, 0.5, 0.5, -0.5])


def test_softmax_overflow_numbers():
    v = run("softmax-overflow").values
    assert all(np.isnan(v["naive"]))
    assert v["stable"] == pytest.approx([0.0900306, 0.244728, 0.665241], abs=1e-6)
    assert v["logsumexp"] == pytest.approx(1002.407606, abs=1e-6)
    assert v["loss"] == pytest.approx(0.407606, abs=1e-6)


def test_convolution_pooling_numbers():
    v = run("convolution-pooling").values
    assert v["shapes"][1] == [5, 5] and v["shapes"][2] == [3, 3]
    assert "2.33" in v["shapes"][3]
    assert v["pooled"] == {"maxpool": [[6, 8], [3, 4]], "avgpool": [[3.25, 5.25], [2, 2]]}


def test_relu_homework_loss_falls():
    v = run("relu-homework").values
    assert v["before"] == pytest.approx(0.396)
    assert v["loss_after"] < v["loss_before"]


@pytest.mark.parametrize("name", list(QUICK))
def test_mnist_lessons_learn_on_a_small_subset(name):
    r = run(name, **QUICK[name])
    assert r.values["end"]["val_accuracy"] > 0.5, r.summary()
    assert r.values["end"]["val_accuracy"] > r.values["start"]["val_accuracy"] + 0.3


@pytest.mark.slow
@pytest.mark.parametrize("name", list(QUICK))
def test_mnist_lessons_full(name):
    """The full lessons: test accuracy ≥ 85 % (about 30 s each on a busy 2-core machine)."""
    r = run(name)
    assert r.ok, r.summary()


def test_every_registered_lesson_is_available():
    assert all(lesson.available for lesson in LESSONS)
