"""The .nnsim file: round trips, atomic save with backup, and a loader that only ever raises LoadError."""

import json
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from model_schema_check import errors
from model_strategies import documents

from nnsim.model.document import NetworkDocument
from nnsim.model.fileformat import FORMAT_VERSION, LoadError, dumps, load, loads, save
from nnsim.paths import resource

SCHEMA = json.loads(resource("schema", "nnsim.schema.json").read_text(encoding="utf-8"))


def small_doc() -> NetworkDocument:
    doc = NetworkDocument()
    a = doc.add_layer("input", 2, neuron_labels=["A", "B"], label="输入层")
    h = doc.add_layer("dense", 2, use_bias=False, label="隐层")
    o = doc.add_layer("dense", 1, use_bias=False)
    doc.connect(a, h, weights=[[0.1, 0.4], [0.8, 0.6]])
    doc.connect(h, o, weights=[[0.3], [0.9]])
    doc.update_meta(title_zh="误差逆传播算例", title_en="The worked BP example")
    return doc


def test_text_is_readable_json_with_chinese_kept():
    text = dumps(small_doc())
    assert "误差逆传播算例" in text  # ensure_ascii=False
    assert "[0.1, 0.4]" in text  # one row of weights per line
    obj = json.loads(text)
    assert obj["format"] == "nnsim" and obj["version"] == FORMAT_VERSION
    assert obj["links"][0]["weights"] == [[0.1, 0.4], [0.8, 0.6]]
    assert list(errors(obj, SCHEMA)) == []


def test_save_is_atomic_and_keeps_a_backup(tmp_path):
    path = tmp_path / "net.nnsim"
    doc = small_doc()
    save(doc, path)
    assert not (tmp_path / "net.nnsim.bak").exists()
    first = path.read_bytes()
    doc.set_weight("L1-L2", 0, 0, 0.25)
    save(doc, path)
    assert (tmp_path / "net.nnsim.bak").read_bytes() == first
    assert load(path) == doc
    assert load(tmp_path / "net.nnsim.bak").links["L1-L2"].weights[0, 0] == 0.1
    # No temporary files are left behind.
    assert sorted(os.listdir(tmp_path)) == ["net.nnsim", "net.nnsim.bak"]


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "net.nnsim"
    save(small_doc(), path)
    before = path.read_bytes()

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        save(NetworkDocument(), path)
    assert path.read_bytes() == before
    assert [p for p in os.listdir(tmp_path) if p.endswith(".tmp")] == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_documents_round_trip_identically(doc):
    text = dumps(doc)
    back = loads(text)
    assert back == doc
    assert dumps(back) == text
    assert list(errors(json.loads(text), SCHEMA)) == []


def test_round_trip_through_disk_preserves_exact_floats(tmp_path):
    doc = small_doc()
    doc.set_weight("L1-L2", 1, 1, 0.1 + 0.2)  # 0.30000000000000004
    doc.set_weight("L2-L3", 0, 0, -1e-300)
    save(doc, tmp_path / "x.nnsim")
    back = load(tmp_path / "x.nnsim")
    assert back.links["L1-L2"].weights[1, 1] == 0.1 + 0.2
    assert back.links["L2-L3"].weights[0, 0] == -1e-300


def _file(**changes) -> str:
    obj = json.loads(dumps(small_doc()))
    for path, value in changes.items():
        node = obj
        keys = [int(k) if k.isdigit() else k for k in path.split("__")]
        for k in keys[:-1]:
            node = node[k]
        if value is KeyError:
            del node[keys[-1]]
        else:
            node[keys[-1]] = value
    return json.dumps(obj, ensure_ascii=False)


@pytest.mark.parametrize(
    "text, expect",
    [
        ('{"format": "nnsim",\n "version": 1,\n "layers": [}', "line 3, column 13"),
        ("", "empty"),
        ("hello", "not an nnsim file"),
        ("[1, 2]", "top level must be an object"),
        ('{"version": 1}', "'format' is missing"),
        (_file(format="other"), "format is 'other'"),
        (_file(version=99), "newer nnsim (format version 99"),
        (_file(version="1"), "version: must be a whole number"),
        (_file(layers=KeyError), "'layers' is missing"),
        (_file(layers__1__kind=KeyError), "layers[1]: the field 'kind' is missing"),
        (_file(layers__1__bias=[0, 0, 0]), "layers[1].bias: expected 2 entries, got 3"),
        (_file(layers__1__activation="swish"), "layers[1].activation: unknown activation 'swish'"),
        (_file(links__0__weights=[[0.1, 0.4], [0.8]]), "links[0].weights[1]: expected 2 entries"),
        (
            _file(links__0__weights=[[0.1, "x"], [0.8, 0.6]]),
            "links[0].weights[0][1]: expected a number",
        ),
        (_file(links__0__dst="L9"), "links[0].dst: there is no layer 'L9'"),
        (_file(links__1__dst="L1"), "links[1].dst: input layer 'L1' cannot take"),
        (_file(layers__1__size=10**8), "layers[1].size: 100000000 is absurdly large"),
        (_file(settings={"lr": -1}), "settings.lr: must be positive, got the number -1"),
        (_file(meta={"title_zh": 3}), "meta.title_zh: title_zh must be text"),
        (_file(layers__0__colour="red"), "layers[0].colour: unknown field"),
    ],
)
def test_bad_files_give_one_clear_message(text, expect):
    with pytest.raises(LoadError) as info:
        loads(text, source="net.nnsim")
    msg = str(info.value)
    assert expect in msg, msg
    assert msg.startswith("net.nnsim: ")
    assert "\n" not in msg


def test_nan_and_infinity_are_refused():
    text = dumps(small_doc()).replace("0.4", "NaN", 1)
    with pytest.raises(LoadError, match="NaN is not a finite number"):
        loads(text)
    text = dumps(small_doc()).replace("0.4", "1e999", 1)
    with pytest.raises(LoadError, match=r"links\[0\]\.weights\[0\]\[1\]: inf is not a finite"):
        loads(text)


def test_absurd_weight_count_is_refused_before_allocating():
    doc = NetworkDocument()
    a = doc.add_layer("input", 4000)
    h = doc.add_layer("dense", 3000)
    obj = json.loads(dumps(doc))
    # The shape alone is refused: the loader never walks (or allocates) 12 million numbers.
    obj["links"] = [{"id": "x", "src": a, "dst": h, "weights": [[0.0]]}]
    with pytest.raises(LoadError, match="more than 10,000,000 numbers"):
        loads(json.dumps(obj))


def test_load_error_for_missing_file_names_it(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        load(tmp_path / "nope.nnsim")
    with pytest.raises(LoadError, match="folder"):
        load(tmp_path)


def test_failed_load_leaves_current_document_untouched(tmp_path):
    current = small_doc()
    before = current.copy()
    bad = tmp_path / "bad.nnsim"
    bad.write_text('{"format": "nnsim", "version": 1, "layers": [{"id": 3}]}', encoding="utf-8")
    with pytest.raises(LoadError, match=r"layers\[0\]\.id: expected text"):
        current = load(bad)  # load returns a new document; on failure nothing is assigned
    assert current == before


def test_deep_nesting_is_a_load_error():
    with pytest.raises(LoadError, match="nested"):
        loads("[" * 100_000 + "]" * 100_000)


def test_not_utf8_is_a_load_error():
    with pytest.raises(LoadError, match="not UTF-8"):
        loads(b'{"format": "nnsim", "title": "\xff\xfe"}')


VALID = dumps(small_doc())


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.integers(0, len(VALID)).map(lambda n: VALID[:n]),
        st.tuples(st.integers(0, len(VALID) - 1), st.characters()).map(
            lambda t: VALID[: t[0]] + t[1] + VALID[t[0] + 1 :]
        ),
        st.tuples(st.integers(0, len(VALID)), st.text(max_size=5)).map(
            lambda t: VALID[: t[0]] + t[1] + VALID[t[0] :]
        ),
        st.binary(max_size=200),
        st.text(max_size=200),
    )
)
def test_mutated_files_raise_only_load_error(data):
    try:
        loads(data)
    except LoadError as e:
        assert str(e)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(obj, list):
        for k, v in enumerate(obj):
            yield from _paths(v, (*prefix, k))


BASE = json.loads(VALID)
ALL_PATHS = [p for p in _paths(BASE) if p]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(ALL_PATHS), json_values, st.booleans())
def test_structurally_mutated_files_raise_only_load_error(path, value, delete):
    obj = json.loads(VALID)
    node = obj
    for k in path[:-1]:
        node = node[k]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    try:
        text = json.dumps(obj, allow_nan=True)
    except (ValueError, OverflowError):
        return
    try:
        doc = loads(text)
    except LoadError as e:
        assert str(e)
        return
    # Whatever loads is a document that saves and loads back identically.
    assert loads(dumps(doc)) == doc
    for link in doc.links.values():
        assert np.all(np.isfinite(link.weights))
