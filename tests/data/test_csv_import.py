"""Tests of CSV import: good files and bad files with line-numbered messages."""

import numpy as np
import pytest

from nnsim.data import DataError, load_csv, load_watermelon

MELON_CSV = "density,sugar,good\n" + "".join(
    f"{d},{s},{'是' if g else '否'}\n"
    for (d, s), g in zip(load_watermelon().x.tolist(), load_watermelon().y[:, 0])
)


def write(tmp_path, text, name="data.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_watermelon_with_text_labels(tmp_path):
    d = load_csv(write(tmp_path, MELON_CSV))
    assert d.kind == "binary" and d.class_names == ["否", "是"]  # sorted: 否 → 0, 是 → 1
    np.testing.assert_array_equal(d.x, load_watermelon().x)
    np.testing.assert_array_equal(d.y, load_watermelon().y)
    assert d.feature_names == ["density", "sugar"] and d.target_name == "good"
    assert d.name == "data"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_excel_encodings(tmp_path, encoding):
    d = load_csv(write(tmp_path, MELON_CSV, encoding=encoding))
    assert d.class_names == ["否", "是"] and d.feature_names[0] == "density"


def test_semicolons_blank_lines_and_label_by_name(tmp_path):
    text = "a;label;b\n\n1;x;2\n3;y;4\n\n5;z;6\n"
    d = load_csv(write(tmp_path, text), label_column="label")
    assert d.kind == "multiclass" and d.class_names == ["x", "y", "z"]
    assert d.x.tolist() == [[1, 2], [3, 4], [5, 6]] and d.y.tolist() == [0, 1, 2]
    assert load_csv(write(tmp_path, text), label_column=1).feature_names == ["a", "b"]


def test_numeric_labels(tmp_path):
    binary = load_csv(write(tmp_path, "x,y\n0.5,1\n0.25,0\n"))
    assert binary.kind == "binary" and binary.y.tolist() == [[1.0], [0.0]]
    reg = load_csv(write(tmp_path, "x,t\n1,0.5\n2,1.5\n3,-2e-1\n"))
    assert reg.kind == "regression" and reg.y[:, 0].tolist() == [0.5, 1.5, -0.2]
    multi = load_csv(write(tmp_path, "x,digit\n1,2\n2,0\n3,1\n"), kind="multiclass")
    assert multi.y.tolist() == [2, 0, 1] and multi.class_names == ["0", "1", "2"]
    quoted = load_csv(write(tmp_path, '"size, cm",kind\n"1.5",a\n2,b\n'))
    assert quoted.feature_names == ["size, cm"] and quoted.x[:, 0].tolist() == [1.5, 2.0]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", r"data\.csv: the file is empty"),
        ("\n  \n", "the file is empty"),
        ("a,b,label\n", "header but no data lines"),
        ("0.1,0.2,1\n0.3,0.4,0\n", "line 1: the first line must name the columns"),
        ("a,b,c\n1,2,3\n4,5\n", "line 3: 2 values, but the header has 3 columns"),
        ("a,b,c\n1,2,3\n\n4,5,6,7\n", "line 4: 4 values, but the header has 3 columns"),
        ("a,,c\n1,2,3\n", "line 1: column 2 has no name"),
        ("a,a,c\n1,2,3\n", "line 1: the column name 'a' appears twice"),
        ("a,b,c\n1,nan,0\n", "line 2: column 'b' is 'nan', not a finite number"),
        ("a,b,c\n1,2,0\n1,-inf,1\n", "line 3: column 'b' is '-inf', not a finite number"),
        ("a,b,c\n1,,0\n", "line 2: column 'b' is empty"),
        ("a,b,c\n1,2,\n", "line 2: column 'c' is empty"),
        ("a\n1\n", "at least one input column"),
    ],
)
def test_bad_files(tmp_path, text, message):
    with pytest.raises(DataError, match=message):
        load_csv(write(tmp_path, text))


def test_non_numeric_cell_names_line_and_column(tmp_path):
    lines = ["density,sugar,good"] + ["0.5,0.2,yes"] * 5 + ["0.6,abc,no"]
    with pytest.raises(DataError) as info:
        load_csv(write(tmp_path, "\n".join(lines) + "\n"))
    assert str(info.value) == "data.csv, line 7: column 'sugar' is 'abc', not a number"


def test_label_column_problems(tmp_path):
    path = write(tmp_path, "a,b\n1,0\n2,1\n")
    with pytest.raises(DataError, match="no column named 'label'; the columns are 'a', 'b'"):
        load_csv(path, label_column="label")
    with pytest.raises(DataError, match="label column 5 does not exist"):
        load_csv(path, label_column=5)
    with pytest.raises(DataError, match="line 3: a binary label must be 0 or 1, not '2'"):
        load_csv(write(tmp_path, "a,b\n1,0\n2,2\n"), kind="binary")
    with pytest.raises(DataError, match="line 2: column 'b' is 'x', not a number"):
        load_csv(write(tmp_path, "a,b\n1,x\n2,y\n"), kind="regression")
    with pytest.raises(DataError, match="exactly two classes, column 'b' has 3"):
        load_csv(write(tmp_path, "a,b\n1,x\n2,y\n3,z\n"), kind="binary")
    with pytest.raises(DataError, match="line 2: a class number must be a whole number"):
        load_csv(write(tmp_path, "a,b\n1,0.5\n2,1\n"), kind="multiclass")
    typo = write(tmp_path, "a,b\n1,0\n2,1\n3,1o\n4,0\n")
    with pytest.raises(DataError, match="line 4: column 'b' is '1o', but most labels are numbers"):
        load_csv(typo)
    assert load_csv(typo, kind="multiclass").class_names == ["0", "1", "1o"]
    with pytest.raises(DataError, match="kind must be one of"):
        load_csv(path, kind="sequence")


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(DataError, match="nothing.csv: file not found"):
        load_csv(tmp_path / "nothing.csv")
    path = tmp_path / "blob.csv"
    path.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(DataError, match="not text"):
        load_csv(path)
