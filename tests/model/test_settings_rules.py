"""Settings are checked on load by one table of rules: the file's bad values, the data
functions' own bounds, the schema file, nesting depth and number length."""

import json
import math

import pytest
from model_schema_check import errors

from nnsim.data import DATASETS, DataError
from nnsim.model.datasection import CSV_DATASET
from nnsim.model.document import DocumentError, NetworkDocument
from nnsim.model.fileformat import MAX_DEPTH, MAX_NUMBER_CHARS, LoadError, dumps, loads
from nnsim.model.session import Session
from nnsim.model.settings_rules import (
    DATASET_PARAM_RULES,
    MAX_SEED,
    SAMPLE_DATASETS,
    SETTINGS_RULES,
    carry_params,
    settings_schema,
)
from nnsim.paths import resource

LESSON = resource("lessons", "overfitting.nnsim").read_text(encoding="utf-8")
SCHEMA = json.loads(resource("schema", "nnsim.schema.json").read_text(encoding="utf-8"))


def _with(old: str, new: str) -> str:
    assert LESSON.count(old) == 1, old
    return LESSON.replace(old, new)


@pytest.mark.parametrize(
    "old, new, expect",
    [
        # the reproductions of the issue, each as the text of a file
        (
            '"n_points": 60',
            '"n_points": 1e309',
            "dataset_params.n_points: expected a whole number, got the number inf",
        ),
        (
            '"n_points": 60',
            '"n_points": -1e309',
            "dataset_params.n_points: expected a whole number, got the number -inf",
        ),
        (
            '"n_points": 60',
            '"n_points": 1e300',
            "dataset_params.n_points: expected a whole number, got the number 1e+300",
        ),
        (
            '"n_points": 60',
            f'"n_points": {2**40}',
            "dataset_params.n_points: must be a whole number from 10 to 100000, got 1099511627776",
        ),
        (
            '"noise": 50',
            '"noise": "abc"',
            "dataset_params.noise: expected a number, got the text 'abc'",
        ),
        (
            '"noise": 50',
            '"noise": 1e309',
            "dataset_params.noise: the number inf is not a finite number",
        ),
        (
            '"noise": 50',
            '"noise": 51',
            "dataset_params.noise: must be from 0 to 50, got the number 51",
        ),
        (
            '"train_fraction": 0.5',
            '"train_fraction": null',
            "dataset_params.train_fraction: expected a number, got null",
        ),
        (
            '"seed": 2',
            '"seed": 1e300',
            "dataset_params.seed: expected a whole number, got the number 1e+300",
        ),
        (
            '"seed": 2',
            f'"seed": {MAX_SEED + 1}',
            f"dataset_params.seed: must be a whole number from 0 to {MAX_SEED}",
        ),
        (
            '"seed": 2',
            '"n_sequences": 2',
            "dataset_params.n_sequences: the data set 'gauss' has no parameter 'n_sequences'",
        ),
        (
            '"dataset": "gauss"',
            '"dataset": "iris"',
            "settings.dataset: unknown data set 'iris'; the data sets are and, or",
        ),
        (
            '"batch_size": 10',
            '"batch_size": 100001',
            "settings.batch_size: must be a whole number from 1 to 100000",
        ),
        (
            '"batch_size": 10',
            '"batch_size": 10.0',
            "settings.batch_size: expected a whole number, got the number 10",
        ),
        (
            '"epochs": 600',
            '"epochs": 0',
            "settings.epochs: must be a whole number from 1 to 10000000, got 0",
        ),
        ('"seed": 4', '"seed": -1', "settings.seed: must be a whole number from 0 to"),
        ('"lr": 0.3', '"lr": 0', "settings.lr: must be positive, got the number 0"),
        ('"lr": 0.3', '"lr": true', "settings.lr: expected a number, got true/false"),
        (
            '"momentum": 0.9',
            '"momentum": 1',
            "settings.momentum: must be in [0, 1), got the number 1",
        ),
        (
            '"validation_fraction": 0.0',
            '"validation_fraction": 0.95',
            "settings.validation_fraction: must be from 0 to 0.9",
        ),
        (
            '"rule": "minibatch"',
            '"rule": "magic"',
            "settings.rule: the text 'magic' is not allowed; choose one of perceptron",
        ),
        (
            '"early_stopping": false',
            '"early_stopping": 0',
            "settings.early_stopping: expected true or false, got the number 0",
        ),
        ('"epochs": 600', '"epochs": 600, "colour": 1', "settings.colour: unknown setting"),
    ],
)
def test_bad_settings_are_refused_naming_the_field(old, new, expect):
    with pytest.raises(LoadError) as info:
        loads(_with(old, new), source="net.nnsim")
    msg = str(info.value)
    assert msg.startswith("net.nnsim: settings.") and expect in msg, msg
    assert info.value.field == msg.split(": ")[1]


def test_targets_are_checked_sample_by_sample():
    doc = NetworkDocument()
    with pytest.raises(
        DocumentError, match=r"targets\[1\]\.x: 2 numbers, but the first sample has 1"
    ):
        doc.update_settings(targets=[{"x": [1], "y": [0]}, {"x": [1, 2], "y": [1]}])
    with pytest.raises(DocumentError, match=r"targets\[0\]\.y: expected a non-empty list"):
        doc.update_settings(targets=[{"x": [1], "y": []}])
    with pytest.raises(DocumentError, match=r"targets\[0\]\.x\[0\]: the number inf is not"):
        doc.update_settings(targets=[{"x": [math.inf], "y": [1]}])


def test_nesting_500_deep_is_refused_with_its_line():
    deep = "{}"
    for _ in range(500):
        deep = '{"a": ' + deep + "}"
    text = _with('"seed": 2', '"seed": 2, "deep":\n' + deep)
    with pytest.raises(LoadError) as info:
        loads(text, source="net.nnsim")
    msg = str(info.value)
    assert f"nested more than {MAX_DEPTH} deep" in msg, msg
    line = LESSON[: LESSON.index('"seed": 2')].count("\n") + 2
    assert info.value.line == line and f"line {line}, column" in msg
    # Anywhere in the file, not only in the settings.
    with pytest.raises(LoadError, match="nested more than"):
        loads(_with('"title_en": ', '"title_x": ' + "[" * 30 + "]" * 30 + ', "title_en": '))


def test_a_5000_digit_number_gets_its_line_not_pythons_int_limit():
    text = _with('"n_points": 60', '"n_points": 1' + "0" * 4999)
    with pytest.raises(LoadError) as info:
        loads(text, source="net.nnsim")
    msg = str(info.value)
    line = LESSON[: LESSON.index('"n_points": 60')].count("\n") + 1
    assert msg.startswith(f"net.nnsim: line {line}, column ")
    assert (
        f"a number of 5000 characters; an nnsim file has numbers of at most {MAX_NUMBER_CHARS}"
        in msg
    )
    assert "4300" not in msg and "int_max_str_digits" not in msg
    # A long number in a text is no number.
    doc = loads(_with('"title_en": "', '"title_en": "' + "9" * 500))
    assert doc.meta.title_en.startswith("9" * 500)


def test_every_limit_value_loads_saves_and_trains(tmp_path):
    """The extreme values the rules allow load, save, reload identically and train one epoch."""
    text = LESSON
    for old, new in [
        ('"n_points": 60', '"n_points": 10'),
        ('"noise": 50', '"noise": 50.0'),
        ('"train_fraction": 0.5', '"train_fraction": 0.9'),
        ('"seed": 2', f'"seed": {MAX_SEED}'),
        ('"seed": 4', f'"seed": {MAX_SEED}'),
        ('"epochs": 600', '"epochs": 10000000'),
        ('"batch_size": 10', '"batch_size": 100000'),
        ('"validation_fraction": 0.0', '"validation_fraction": 0.9'),
    ]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    doc = loads(text)
    assert loads(dumps(doc)) == doc
    session = Session(doc)
    session.train_epochs(1)
    assert session.data.x.shape == (9, 2)  # 10 points, 90 % for training
    assert all(math.isfinite(w) for w in session.network.theta)


def test_the_rules_are_the_data_functions_bounds():
    """Each limit of a data set's parameter is accepted by its function, one step out refused."""
    for name, rules in DATASET_PARAM_RULES.items():
        if name in SAMPLE_DATASETS or name == CSV_DATASET:
            continue  # no data function: the listed samples, or the document's own table
        entry = DATASETS[name]
        assert set(rules) <= set(entry.parameters()), name
        if name == "mnist":
            continue  # reads files; its bounds are tested in tests/data
        base = {"n_sequences": 10} if name == "parity" else {}
        for key, rule in rules.items():
            if rule.kind not in ("int", "number"):
                continue
            step = 1 if rule.kind == "int" else 1e-6
            for limit, outside in ((rule.lo, rule.lo - step), (rule.hi, rule.hi + step)):
                if limit is None:
                    continue
                value = int(limit) if rule.kind == "int" else limit
                cheap = key not in ("n_sequences", "n_points") or limit == rule.lo
                if cheap:
                    entry(**{**base, key: value})
                if key == "seed" and limit == rule.hi:
                    continue  # any seed works there; MAX_SEED is what the app's spin box shows
                with pytest.raises(DataError):
                    entry(**{**base, key: int(outside) if rule.kind == "int" else outside})


def test_the_schema_file_holds_the_rules():
    props = SCHEMA["$defs"]["settings"]["properties"]
    for name, fragment in settings_schema().items():
        assert props[name] == fragment, name
    assert set(props) == {*SETTINGS_RULES, "dataset_params", "targets"}
    # and a file at the limits passes the schema
    assert list(errors(json.loads(dumps(loads(LESSON))), SCHEMA)) == []


def test_a_new_data_set_keeps_the_parameters_that_fit():
    doc = loads(LESSON)
    assert doc.settings.dataset_params == {
        "n_points": 60,
        "noise": 50,
        "train_fraction": 0.5,
        "seed": 2,
    }
    doc.update_settings(dataset="circle")
    assert doc.settings.dataset_params == {
        "n_points": 60,
        "noise": 50,
        "train_fraction": 0.5,
        "seed": 2,
    }
    doc.update_settings(dataset="rise_fall")  # noise is a standard deviation there, ≤ 1
    assert doc.settings.dataset_params == {"seed": 2}
    doc.update_settings(dataset="xor")
    assert doc.settings.dataset_params == {}
    assert carry_params("sine", {"noise": 0.5, "n_points": 60}) == {"noise": 0.5}
    with pytest.raises(
        DocumentError, match="dataset_params.noise: must be from 0 to 1, got the number 50"
    ):
        doc.update_settings(dataset="sine", dataset_params={"noise": 50})
    assert doc.settings.dataset == "xor"
