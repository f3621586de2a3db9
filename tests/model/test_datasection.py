"""A network keeps its data: inline tables, tables by relative path + checksum, clear refusals."""

import json
import shutil

import numpy as np
import pytest
from model_schema_check import errors

from nnsim.data import read_table
from nnsim.model import datasection
from nnsim.model.datasection import CSV_DATASET, data_from_dict, make_section
from nnsim.model.document import DocumentError
from nnsim.model.fileformat import LoadError, dumps, load, loads, save
from nnsim.model.mlp import fit_to_data, mlp_document, output_plan
from nnsim.model.session import Session, SessionError
from nnsim.paths import resource

MELON3 = resource("datasets", "watermelon", "watermelon3.0.csv")
SCHEMA = json.loads(resource("schema", "nnsim.schema.json").read_text(encoding="utf-8"))


def melon_doc(csv=MELON3, **params):
    doc = mlp_document([2, 4, 1], "sigmoid", seed=3)
    section = make_section(read_table(csv), target="好瓜")
    doc.set_data(section)
    doc.update_settings(dataset=CSV_DATASET, dataset_params=params)
    fit_to_data(doc, section.encode().dataset)
    return doc


def test_inline_table_round_trip_trains_the_same(tmp_path):
    doc = melon_doc(train_fraction=0.7, seed=2)
    assert doc.layers[doc.input_layers()[0]].size == 19
    first = Session(doc)
    first.train_epochs(20)
    path = save(doc, tmp_path / "melon.nnsim")
    text = path.read_text(encoding="utf-8")
    saved = json.loads(text)
    assert saved["data"]["rows"][1][1] == "乌黑" and saved["data"]["source"] is None
    assert saved["data"]["features"][0] == "色泽" and "编号" not in saved["data"]["features"]
    assert list(errors(saved, SCHEMA)) == []
    back = load(path)
    assert back == doc and back.data.table.rows == doc.data.table.rows
    again = Session(back)
    np.testing.assert_array_equal(again.data.x, first.data.x)
    np.testing.assert_array_equal(again.data.x_val, first.data.x_val)  # the same split
    np.testing.assert_array_equal(again.network.theta, first.network.theta)
    # the table alone, without the CSV, brings the data back
    assert loads(text).data.table.columns[1] == "色泽"


def test_large_table_kept_by_relative_path_and_checksum(tmp_path, monkeypatch):
    monkeypatch.setattr(datasection, "INLINE_LIMIT", 100)
    folder = tmp_path / "course"
    (folder / "data").mkdir(parents=True)
    csv = folder / "data" / "melons.csv"
    shutil.copy(MELON3, csv)
    doc = melon_doc(csv)
    save(doc, folder / "net.nnsim")
    saved = json.loads((folder / "net.nnsim").read_text(encoding="utf-8"))["data"]
    assert saved["source"] == "data/melons.csv" and saved["rows"] is None
    assert saved["sha256"] == read_table(csv).sha256
    assert (
        list(errors({"format": "nnsim", "version": 1, "layers": [], "data": saved}, SCHEMA)) == []
    )
    # the course folder moved somewhere else: the relative path still finds the table
    moved = shutil.copytree(folder, tmp_path / "elsewhere")
    back = load(moved / "net.nnsim")
    assert back.data.table.rows == doc.data.table.rows
    assert Session(back).data.x.shape == (17, 19)
    # missing
    (moved / "data" / "melons.csv").unlink()
    gone = load(moved / "net.nnsim")
    assert gone.layers.keys() == doc.layers.keys()  # the network still opens
    with pytest.raises(SessionError, match=r"the data file data/melons.csv is missing .*put"):
        _ = Session(gone).data
    # changed
    (moved / "data" / "melons.csv").write_text(
        MELON3.read_text(encoding="utf-8").replace("0.697", "0.698"), encoding="utf-8"
    )
    with pytest.raises(SessionError, match=r"has changed since the network was saved"):
        _ = Session(load(moved / "net.nnsim")).data


def test_old_files_open_and_have_no_data():
    doc = load(resource("lessons", "xor-two-layer.nnsim"))
    assert doc.data is None and "data" not in json.loads(dumps(doc))


def test_undo_snapshot_and_copy_keep_the_data():
    doc = melon_doc()
    snap = doc.snapshot()
    other = doc.copy()
    assert other.data is doc.data
    doc.set_data(None)
    assert doc.data is None
    doc.restore(snap)
    assert doc.data is other.data


def test_csv_setting_without_a_table_says_what_to_do():
    doc = mlp_document("2,1")
    doc.update_settings(dataset=CSV_DATASET)
    with pytest.raises(SessionError, match="none is kept with it: choose one"):
        _ = Session(doc).data


def _good() -> dict:
    return {
        "name": "t.csv",
        "columns": ["a", "b", "c"],
        "rows": [["1", "x", "0"], ["2", "y", "1"]],
        "target": "c",
        "features": ["a", "b"],
        "task": None,
        "standardize": False,
    }


@pytest.mark.parametrize(
    "change, message",
    [
        ({"rows": [["1", "x"]]}, r"data.rows\[0\]: 2 cells for 3 columns"),
        ({"rows": [["1", 2, "0"]]}, r"data.rows\[0\]\[1\]: expected text"),
        ({"columns": ["a", "a", "c"]}, r"data.columns\[1\]: an empty or repeated column name"),
        ({"target": "z"}, r"data.target: there is no column 'z'"),
        ({"features": ["a", "c"]}, r"data.features: the target 'c' cannot also be an input"),
        ({"features": []}, r"data.features: choose at least one input column"),
        ({"task": "cluster"}, r"data.task: one of binary, multiclass, regression or null"),
        ({"standardize": "yes"}, r"data.standardize: expected true or false"),
        ({"rows": None}, r"data.rows: the table is neither in the file"),
        ({"rows": None, "source": "t.csv"}, r"data.sha256: a table kept by path needs"),
        ({"sha256": "abc"}, r"data.sha256: expected 64 hexadecimal digits"),
        ({"colour": 1}, r"data.colour: unknown field"),
        ({"rows": [["1", "x", "0"], ["2", "x", "0"]]}, r"data: t.csv: the target 'c' has only one"),
        (
            {"rows": [["1", "x", "0"], ["2", "y", "1"], ["a", "y", "1"]]},
            r"data: t.csv, row 3, column 1 \('a'\): 'a' is not a number",
        ),
    ],
)
def test_bad_data_sections_name_the_field(change, message):
    with pytest.raises(DocumentError, match=message):
        data_from_dict({**_good(), **change})


def test_bad_data_section_in_a_file_is_a_load_error():
    doc = json.loads(dumps(mlp_document("2,1")))
    doc["data"] = {**_good(), "target": "z"}
    with pytest.raises(LoadError, match="data.target: there is no column 'z'"):
        loads(json.dumps(doc))


def test_output_plans_and_the_hint():
    doc = mlp_document("3,3,2", "tanh")
    section = make_section(read_table(b"a,b,c,k\n1,2,3,yes\n2,3,4,no\n"), target="k")
    doc.set_data(section)
    doc.update_settings(dataset=CSV_DATASET)
    with pytest.raises(
        SessionError,
        match=r"has 1 target value\(s\) per sample but the output "
        r"layer has 2 neuron\(s\): two classes take one sigmoid output neuron",
    ):
        _ = Session(doc).data
    assert output_plan(doc, "binary", 2) == {
        "size": 1,
        "activation": "sigmoid",
        "loss": "squared_error",
    }
    assert output_plan(doc, "multiclass", 3)["loss"] == "softmax_cross_entropy"
    changed = fit_to_data(doc, section.encode().dataset)
    assert changed == ["output layer: 1 sigmoid neuron(s), loss squared_error"]
    Session(doc).train_epochs(2)
