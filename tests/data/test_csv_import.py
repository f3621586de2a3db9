"""CSV import: real-world files read right, every bad file one message with line and column."""

import numpy as np
import pytest

from nnsim.data import CsvError, DataError, encode_table, load_csv, load_watermelon, read_table
from nnsim.paths import resource

MELON = load_watermelon()
MELON_CSV = "density,sugar,good\n" + "".join(
    f"{d},{s},{'是' if g else '否'}\n" for (d, s), g in zip(MELON.x.tolist(), MELON.y[:, 0])
)


def write(tmp_path, text, name="data.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_watermelon_with_text_labels(tmp_path):
    d = load_csv(write(tmp_path, MELON_CSV))
    assert d.kind == "binary" and d.class_names == ["否", "是"]  # sorted: 否 → 0, 是 → 1
    np.testing.assert_array_equal(d.x, MELON.x)
    np.testing.assert_array_equal(d.y, MELON.y)
    assert d.feature_names == ["density", "sugar"] and d.target_name == "good"
    assert d.name == "data"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_excel_encodings(tmp_path, encoding):
    table = read_table(write(tmp_path, MELON_CSV, encoding=encoding))
    assert table.encoding == {"gbk": "gb18030"}.get(encoding, encoding)
    d = encode_table(table).dataset
    assert d.class_names == ["否", "是"] and d.feature_names[0] == "density"
    np.testing.assert_array_equal(d.x, MELON.x)


@pytest.mark.parametrize("sep", [",", ";", "\t"])
@pytest.mark.parametrize("decimal_comma", [False, True])
def test_separators_and_decimal_comma(tmp_path, sep, decimal_comma):
    if decimal_comma and sep == ",":
        pytest.skip("a comma file writes decimal commas only inside quotes")
    rows = [f"{d}{sep}{s}{sep}{'是' if g else '否'}" for (d, s), g in zip(MELON.x, MELON.y[:, 0])]
    text = "\n".join([f"密度{sep}含糖率{sep}好瓜", *rows]) + "\n\n\n"  # empty trailing lines
    if decimal_comma:
        text = text.replace(".", ",")
    table = read_table(write(tmp_path, text))
    assert table.delimiter == sep and table.decimal_comma == decimal_comma
    assert table.columns == ("密度", "含糖率", "好瓜") and table.n_rows == 17
    np.testing.assert_array_equal(encode_table(table).dataset.x, MELON.x)


def test_quoted_fields_keep_separators_quotes_and_line_breaks(tmp_path):
    text = '"size, cm","note",kind\n"1.5","say ""hi""\nthere",a\n2,plain,b\n3,x,a\n'
    table = read_table(write(tmp_path, text))
    assert table.columns == ("size, cm", "note", "kind")
    assert table.rows[0] == ("1.5", 'say "hi"\nthere', "a")
    assert table.lines == (2, 4, 5)  # the quoted line break makes row 1 two lines long
    d = encode_table(table, features=["size, cm"]).dataset
    assert d.x[:, 0].tolist() == [1.5, 2.0, 3.0]


def test_header_or_none(tmp_path):
    table = read_table(write(tmp_path, "0.1,0.2,1\n0.3,0.4,0\n"))
    assert not table.has_header and table.columns == ("column 1", "column 2", "column 3")
    assert encode_table(table).dataset.y[:, 0].tolist() == [1.0, 0.0]
    # text over text: a header when no name comes back below it
    cats = read_table(write(tmp_path, "颜色,好\n青,是\n黑,否\n青,否\n"))
    assert cats.has_header and cats.columns == ("颜色", "好")
    no_head = read_table(write(tmp_path, "青,是\n黑,否\n青,否\n"))
    assert not no_head.has_header and no_head.n_rows == 3
    forced = read_table(write(tmp_path, "a,b\nc,d\n"), header=False)
    assert forced.n_rows == 2


def test_categorical_one_hot_and_index_column_left_out():
    enc = encode_table(read_table(resource("datasets", "watermelon", "watermelon3.0.csv")))
    d = enc.dataset
    assert enc.task == enc.proposed_task == "binary" and enc.skipped == ["编号"]
    assert d.x.shape == (17, 19)  # 3+3+3+3+3+2 one-hot inputs, density, sugar
    assert d.feature_names[:3] == ["色泽=青绿", "色泽=乌黑", "色泽=浅白"]
    assert d.x[1, :3].tolist() == [0.0, 1.0, 0.0]  # melon 2 is 乌黑
    assert d.x[:, 3:6].sum(axis=1).tolist() == [1.0] * 17  # exactly one 根蒂 each
    np.testing.assert_array_equal(d.x[:, -2:], MELON.x)  # 3.0's density and sugar are 3.0α's
    np.testing.assert_array_equal(d.y, MELON.y)
    assert "色泽: category → 色泽=青绿, 色泽=乌黑, 色泽=浅白 (one-hot)" in enc.describe()
    assert "密度: number, as it is" in enc.describe()


def test_standardise_uses_the_training_part():
    table = read_table(resource("datasets", "watermelon", "watermelon3.0alpha.csv"))
    enc = encode_table(table, standardize=True)
    np.testing.assert_allclose(enc.dataset.x.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(enc.dataset.x.std(axis=0), 1.0)
    assert enc.inputs[0].mean == pytest.approx(MELON.x[:, 0].mean())
    split = encode_table(table, standardize=True, train_fraction=0.7, seed=3)
    assert len(split.dataset) == 11 and len(split.dataset.x_test) == 6
    np.testing.assert_allclose(split.dataset.x.mean(axis=0), 0.0, atol=1e-12)
    assert abs(split.dataset.x_test.mean()) > 1e-6  # the test part is scaled with train's numbers


def test_tasks_proposed_and_chosen(tmp_path):
    binary = encode_table(read_table(write(tmp_path, "x,y\n0.5,1\n0.25,0\n")))
    assert binary.task == "binary" and binary.dataset.y.tolist() == [[1.0], [0.0]]
    reg = encode_table(read_table(write(tmp_path, "x,t\n1,0.5\n2,1.5\n3,-2e-1\n")))
    assert reg.task == "regression" and reg.dataset.y[:, 0].tolist() == [0.5, 1.5, -0.2]
    digits = read_table(write(tmp_path, "x,digit\n1,2\n2,0\n3,1\n4,2.0\n"))
    multi = encode_table(digits, task="multiclass")
    assert multi.proposed_task == "regression" and multi.dataset.y.tolist() == [2, 0, 1, 2]
    assert multi.dataset.class_names == ["0", "1", "2"]  # 2 and 2.0 are one class
    words = encode_table(read_table(write(tmp_path, "a;label;b\n1;x;2\n3;y;4\n5;z;6\n")), target=1)
    assert words.task == "multiclass" and words.dataset.class_names == ["x", "y", "z"]
    assert words.dataset.x.tolist() == [[1, 2], [3, 4], [5, 6]]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", r"^data\.csv: the file is empty"),
        ("\n  \n,,,\n", "the file is empty"),
        ('"', r"line 1: a quote \(\"\) is opened and never closed"),
        ('a,b\n1,"2\n', r"line 2: a quote"),
        ("a,b,label\n", "header line but no data lines"),
        ("a,b,c\n1,2,3\n4,5\n", r"^data\.csv, line 3: 2 values, but the first line has 3"),
        ("a,b,c\n1,2,3\n\n4,5,6,7\n", "line 4: 4 values, but the first line has 3 columns"),
        ("a,,c\nx,2,3\n", "line 1: column 2 has no name"),
        ("a,a,c\nx,2,3\n", "line 1, column 2: the column name 'a' appears 2 times"),
        ("a,b,c\n1,nan,0\n2,3,1\n", r"line 2, column 2 \('b'\): 'nan' is not a finite number"),
        ("a,b,c\n1,2,0\n1,-inf,1\n3,3,1\n", r"line 3, column 2 \('b'\): '-inf' is not a finite"),
        ("a,b,c\n1,,0\n2,3,1\n", r"line 2, column 2 \('b'\): the cell is empty"),
        ("a,b,c\n1,1e999,0\n2,3,1\n", "too large for a number"),
        ("a,b\nx,1\n,0\n", r"line 3, column 1 \('a'\): the cell is empty"),
        ("a\n1\n2\n", "need at least two columns"),
        ("a,b\n1,x\n2,x\n", r"target 'b' has only one value \('x'\)"),
        ("a,b\n1,0\n\x00\n", "line 3: the file holds a NUL byte"),
    ],
)
def test_bad_files(tmp_path, text, message):
    with pytest.raises(CsvError, match=message):
        load_csv(write(tmp_path, text))


def test_text_in_a_numeric_column_names_line_and_column(tmp_path):
    lines = ["density,sugar,good"] + ["0.5,0.2,yes"] * 5 + ["0.6,abc,no"]
    with pytest.raises(CsvError) as info:
        load_csv(write(tmp_path, "\n".join(lines) + "\n"))
    assert str(info.value) == (
        "data.csv, line 7, column 2 ('sugar'): 'abc' is not a number, "
        "but the other cells of this column are numbers"
    )
    assert (info.value.line, info.value.column) == (7, 2)


def test_a_class_with_one_sample_when_splitting(tmp_path):
    path = write(tmp_path, "x,kind\n1,a\n2,a\n3,b\n4,b\n5,c\n")
    assert load_csv(path).class_names == ["a", "b", "c"]  # no split: fine
    with pytest.raises(CsvError, match=r"line 6, column 2 \('kind'\): the class 'c' has only"):
        load_csv(path, train_fraction=0.5)


@pytest.mark.parametrize(
    "text, kwargs, message",
    [
        ("a,b,c\n1,2,3\n", {"max_columns": 2}, "line 1: 3 columns, more than the limit of 2"),
        ("a,b\n1,0\n2,1\n3,0\n", {"max_rows": 2}, "line 4: more than 2 rows, the limit"),
    ],
)
def test_limits(tmp_path, text, kwargs, message):
    with pytest.raises(CsvError, match=message):
        load_csv(write(tmp_path, text), **kwargs)


def test_choices_that_do_not_fit(tmp_path):
    path = write(tmp_path, "a,b\n1,0\n2,1\n")
    with pytest.raises(DataError, match="no column named 'label'; the columns are 'a', 'b'"):
        load_csv(path, target="label")
    with pytest.raises(DataError, match="column 5 does not exist"):
        load_csv(path, target=5)
    with pytest.raises(DataError, match="'b' is the target; it cannot also be an input"):
        load_csv(path, features=["a", "b"])
    with pytest.raises(DataError, match="exactly two values in the target 'b', it has 3"):
        load_csv(write(tmp_path, "a,b\n1,x\n2,y\n3,z\n"), kind="binary")
    with pytest.raises(CsvError, match="cannot be a regression target"):
        load_csv(write(tmp_path, "a,b\n1,x\n2,y\n"), kind="regression")
    with pytest.raises(DataError, match="the task must be one of"):
        load_csv(path, kind="sequence")
    with pytest.raises(DataError, match=r"training share must lie in \(0, 1\]"):
        load_csv(path, train_fraction=0)


def test_missing_folder_and_binary_files(tmp_path):
    with pytest.raises(CsvError, match="nothing.csv: file not found"):
        load_csv(tmp_path / "nothing.csv")
    with pytest.raises(CsvError, match="is a folder"):
        load_csv(tmp_path)
    path = tmp_path / "blob.csv"
    path.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(CsvError, match=r"line 1: the file is not text .*byte 0x80 at position 0"):
        load_csv(path)


def test_checksum_and_source(tmp_path):
    path = write(tmp_path, MELON_CSV)
    table = read_table(path)
    import hashlib

    assert table.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert table.source == str(path.resolve())
    assert read_table(path.read_bytes(), name="m.csv").source is None
