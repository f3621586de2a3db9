"""Your own data in the app: choose a CSV, map its columns, fix the output layer (one undo
step), train, save, reopen — the same data and the same weights; bad files say where."""

import numpy as np
import pytest
from PySide6.QtWidgets import QDialog


@pytest.fixture
def window(training_window):
    """The main window with training installed (``training_window`` in conftest.py)."""
    return training_window


@pytest.fixture
def survey(tmp_path):
    """40 rows: three numeric inputs (semicolons, decimal commas) and two text classes."""
    rng = np.random.default_rng(4)
    x = rng.normal(size=(40, 3))
    rows = [
        f"{i + 1};{a:.3f};{b:.3f};{c:.3f};{'good' if a + b > 0 else 'bad'}".replace(".", ",")
        for i, (a, b, c) in enumerate(x)
    ]
    path = tmp_path / "survey.csv"
    path.write_bytes(("id;a;b;c;kind\n" + "\n".join(rows) + "\n").encode("utf-8-sig"))
    return path


def doc_theta(doc) -> np.ndarray:
    from nnsim.model.compile import compile_document

    return compile_document(doc, cache=False).network.theta.copy()


def sizes(doc) -> list[int]:
    return [doc.layers[k].size for k in doc.topological_order()]


def test_choose_map_fix_train_save_reopen(qtbot, window, survey, tmp_path, monkeypatch):
    from nnsim.gui.training.csv_dialog import CsvDialog
    from nnsim.model.mlp import mlp_document

    window.set_document(mlp_document("3,3,2", "tanh"))
    seen = {}

    def drive(dialog):
        """What a user does in the dialog: open the file, map the columns, accept."""
        assert dialog.open_file(survey)
        seen["info"] = dialog.read_info.text()
        assert dialog.target.currentText() == "kind"
        assert dialog.chosen_features() == ["a", "b", "c"]  # the id column is left out
        assert dialog.task.currentText() == "two classes (proposed)"
        assert not dialog.standardize.isChecked()
        dialog.share.setValue(75)
        dialog.seed.setValue(3)
        seen["encoding"] = dialog.encoding.toPlainText()
        seen["fit"] = (dialog.fit_text.text(), dialog.fit_output.text())
        assert dialog.fit_output.isChecked()
        dialog.use_button.click()
        return dialog.result()

    monkeypatch.setattr(CsvDialog, "exec", drive)
    panel = window.training_ui.panel
    steps = window.undo_stack.count()
    panel.data._dataset_chosen(panel.data.dataset.findData("__csv_file__"))

    assert seen["info"] == (
        "UTF-8 with BOM · separated by semicolon · decimal comma · header row · 40 rows × 5 columns"
    )
    assert "Classes: bad, good" in seen["encoding"] and "a: number, as it is" in seen["encoding"]
    assert "3 inputs; 30 training rows, 10 test rows" in seen["encoding"]
    assert seen["fit"][0] == (
        "The input layer takes 3 inputs: it fits. The output layer has 2 neuron(s) and does "
        "not fit the task."
    )
    assert seen["fit"][1].startswith("Set the output layer to one sigmoid output (two classes)")
    doc = window.document
    assert doc.settings.dataset == "csv" and doc.data.features == ("a", "b", "c")
    assert doc.settings.dataset_params == {"train_fraction": 0.75, "seed": 3}
    assert sizes(doc) == [3, 3, 1] and doc.layers[doc.output_layers()[0]].activations == ["sigmoid"]
    assert panel.data.dataset.currentText() == "Table survey.csv"
    assert panel.data.split.value() == 75 and panel.data.data_seed.value() == 3
    # one undo step puts back the data and the output layer together
    assert window.undo_stack.count() == steps + 1
    assert window.undo_stack.undoText() == "Use CSV data"
    window.undo_stack.undo()
    assert doc.data is None and sizes(doc) == [3, 3, 2] and doc.settings.dataset != "csv"
    assert panel.data.dataset.findData("csv") == -1 and panel.data.dataset.currentData() != "csv"
    window.undo_stack.redo()
    assert doc.data is not None and sizes(doc) == [3, 3, 1]
    assert panel.data.dataset.currentText() == "Table survey.csv"
    theta = doc_theta(doc)
    panel.set_settings(lr=0.3)  # after the undo and redo, a change of η keeps the weights
    np.testing.assert_array_equal(doc_theta(doc), theta)

    c = window.training
    assert c.problem.ok, c.problem.message
    assert c.start(60)
    qtbot.waitUntil(lambda: not c.running, timeout=60_000)
    assert c.last_result.status == "finished" and c.last_result.epoch == 60
    trained = doc_theta(doc)
    x_train = c.session.data.x.copy()
    assert x_train.shape == (30, 3)

    path = tmp_path / "net.nnsim"
    assert window.save_to(path)
    survey.unlink()  # the table travels in the file
    assert window.open_file(path, ask=False)
    again = window.document
    assert again is not doc
    np.testing.assert_array_equal(doc_theta(again), trained)
    np.testing.assert_array_equal(window.training.session.data.x, x_train)
    assert again.data == doc.data and panel.data.dataset.currentText() == "Table survey.csv"


def test_a_bad_file_is_named_and_changes_nothing(qtbot, window, tmp_path):
    from nnsim.gui.training.csv_dialog import CsvDialog

    before = window.document.snapshot()
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,y\n1,2,0\n3,x,1\n4,5,0\n", encoding="utf-8")
    dialog = CsvDialog(window.context)
    qtbot.addWidget(dialog)
    assert not dialog.open_file(tmp_path / "nothing.csv")
    assert "nothing.csv: file not found" in dialog.error.text()
    assert dialog.open_file(bad)
    assert not dialog.error.isHidden() and not dialog.use_button.isEnabled()
    assert dialog.error.text() == (
        "bad.csv, line 3, column 2 ('b'): 'x' is not a number, but the other cells of this "
        "column are numbers"
    )
    dialog.set_features(["a"])  # leave the bad column out: fine
    assert "\n" not in dialog.read_info.text()  # small: kept inside the network file
    assert dialog.error.isHidden() and dialog.use_button.isEnabled()
    dialog.reject()
    assert window.document.snapshot()["settings"] == before["settings"]
    assert window.document.data is None


def test_categories_standardising_and_k_classes(qtbot, window, tmp_path):
    from nnsim.data import load_watermelon
    from nnsim.gui.training.csv_dialog import CsvDialog
    from nnsim.paths import resource

    dialog = CsvDialog(window.context)
    qtbot.addWidget(dialog)
    assert dialog.open_file(resource("datasets", "watermelon", "watermelon3.0.csv"))
    assert dialog.preview.horizontalHeaderItem(1).text() == "色泽\ncategory (3)"
    assert (
        "色泽: category → 色泽=青绿, 色泽=乌黑, 色泽=浅白 (one-hot)"
        in dialog.encoding.toPlainText()
    )
    dialog.standardize.setChecked(True)
    density = load_watermelon().x[:, 0]  # population deviation, as NumPy computes it
    want = f"密度: number, standardised (x − {density.mean():.4g}) / {density.std():.4g}"
    assert want in dialog.encoding.toPlainText() and want.endswith("(x − 0.5326) / 0.1619")
    dialog.set_target("纹理")  # three classes: k softmax outputs offered
    assert dialog.task.currentData() == "multiclass"
    assert dialog.fit_output.text().startswith("Set the output layer to 3 softmax outputs")
    dialog.use_button.click()
    doc = window.document
    out = doc.layers[doc.output_layers()[0]]
    assert out.size == 3 and doc.settings.loss == "softmax_cross_entropy"
    assert window.training.problem.ok, window.training.problem.message


def test_a_large_table_is_said_to_be_kept_by_path(qtbot, window, tmp_path, monkeypatch):
    from nnsim.gui.training import csv_dialog

    monkeypatch.setattr(csv_dialog, "INLINE_LIMIT", 100)
    path = tmp_path / "big.csv"
    path.write_text("x,y\n" + "".join(f"{k},{k % 2}\n" for k in range(40)), encoding="utf-8")
    dialog = csv_dialog.CsvDialog(window.context)
    qtbot.addWidget(dialog)
    assert dialog.open_file(path)
    assert dialog.read_info.text().endswith(
        "Larger than 0 KB: the network file keeps the CSV's path and checksum, not the table. "
        "Keep the CSV with the .nnsim file."
    )


def test_two_numeric_inputs_get_the_decision_boundary(qtbot, window):
    assert window.open_lesson("watermelon-alpha-csv")
    p = window.training.problem
    assert p.ok and p.plane and p.train_xy.shape == (17, 2)
    assert p.domain[0] < 0.243 and p.domain[1] > 0.774  # around the melons' densities
    plot = window.training_ui.boundary.plot
    assert plot.getAxis("bottom").labelText == "密度"  # the table's own column names
    assert plot.getAxis("left").labelText == "含糖率"


def test_chinese_dialog(qtbot, window):
    from nnsim.gui.training.csv_dialog import CsvDialog
    from nnsim.paths import resource

    window.languages.set_language("zh_CN", remember=False)
    try:
        dialog = CsvDialog(window.context)
        qtbot.addWidget(dialog)
        dialog.open_file(resource("datasets", "watermelon", "watermelon3.0alpha.csv"))
        assert dialog.windowTitle() == "来自 CSV 文件的数据"
        assert dialog.use_button.text() == "使用这些数据"
        assert dialog.read_info.text() == "UTF-8 · 以逗号分隔 · 有表头行 · 17 行 × 4 列"
        assert dialog.fit_text.text() == "输入层有 2 个输入：正好匹配。输出层与任务匹配。"
        assert dialog.result() == QDialog.DialogCode.Rejected
    finally:
        window.languages.set_language("en", remember=False)


def test_every_string_of_the_dialog_has_its_chinese():
    """Each tr() text of the dialog is translated in its catalogue (update.sh refreshes it)."""
    import ast
    import html
    import re
    from pathlib import Path

    from nnsim.paths import resource

    source = Path(__file__).resolve().parents[2] / "nnsim" / "gui" / "training" / "csv_dialog.py"
    texts = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        args = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if name == "tr" and args:
            texts.add(args[0])
        elif name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2:
            texts.add(args[1])
    ts = resource("translations", "csvdata_zh_CN.ts").read_text(encoding="utf-8")
    sources = {html.unescape(s) for s in re.findall(r"<source>([^<]*)</source>", ts)}
    assert 'type="unfinished"' not in ts
    assert len(texts) > 40 and texts == sources, texts ^ sources


def test_a_missing_csv_kept_by_path_is_said_in_the_app(qtbot, window, tmp_path, monkeypatch):
    import nnsim.api as nn
    from nnsim.model import datasection

    monkeypatch.setattr(datasection, "INLINE_LIMIT", 100)
    csv = tmp_path / "big.csv"
    csv.write_text("x,y\n" + "".join(f"{k},{k % 2}\n" for k in range(40)), encoding="utf-8")
    net = nn.network([1, 2, 1])
    nn.use_csv(net, csv)
    nn.save(net, tmp_path / "net.nnsim")
    csv.unlink()
    assert window.open_file(tmp_path / "net.nnsim", ask=False)  # the network opens
    panel = window.training_ui.panel
    assert not panel.message.isHidden()
    assert panel.message.text().startswith("the data file big.csv is missing (looked for ")
    assert "put the file back, or choose the data again" in panel.message.text()
