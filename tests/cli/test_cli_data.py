"""The command line with your own data: nnsim new, nnsim train --data, the table kept in the file."""

import json
import shutil

import numpy as np
import pytest

from nnsim.cli import main
from nnsim.model.fileformat import load
from nnsim.model.session import Session
from nnsim.paths import resource

ALPHA = resource("datasets", "watermelon", "watermelon3.0alpha.csv")
MELON3 = resource("datasets", "watermelon", "watermelon3.0.csv")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(ALPHA, tmp_path / "alpha.csv")
    shutil.copy(MELON3, tmp_path / "melon3.csv")
    # a 40-row table with three numeric inputs and two text classes
    rng = np.random.default_rng(4)
    x = rng.normal(size=(40, 3))
    rows = [f"{a:.3f},{b:.3f},{c:.3f},{'good' if a + b > 0 else 'bad'}" for a, b, c in x]
    (tmp_path / "survey.csv").write_text("a,b,c,kind\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


def test_new_writes_a_network_of_the_given_sizes(folder, capsys):
    assert main(["new", "--layers", "3,3,2", "--activation", "tanh", "--out", "net.nnsim"]) == 0
    assert "wrote net.nnsim: layers 3-3-2, tanh" in capsys.readouterr().out
    doc = load(folder / "net.nnsim")
    layers = [doc.layers[k] for k in doc.topological_order()]
    assert [v.size for v in layers] == [3, 3, 2]
    assert layers[1].activations == ["tanh"] * 3 and layers[2].activations == ["tanh"] * 2
    w = doc.links[doc.incoming(layers[1].id)[0]].weights
    assert w.shape == (3, 3) and 0 < w.min() and w.max() < 1  # uniform in (0, 1), as the book


def test_two_classes_on_two_outputs_get_a_hint_then_fit_trains(folder, capsys):
    main(["new", "--layers", "3,3,2", "--activation", "tanh", "--out", "net.nnsim"])
    capsys.readouterr()
    code = main(["train", "net.nnsim", "--data", "survey.csv", "--epochs", "5"])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        "has 1 target value(s) per sample but the output layer has 2 neuron(s): two classes "
        "take one sigmoid output neuron" in err
    )
    assert "or pass --fit to set the input and output layers to the table" in err
    code = main(
        ["train", "net.nnsim", "--data", "survey.csv", "--fit", "--epochs", "200",
         "--lr", "0.5", "--train-share", "0.75", "--save", "trained.nnsim"]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "data: survey.csv, 30 training rows, 10 test rows, 3 inputs" in err
    assert "target: kind → two classes (one sigmoid output)" in err
    acc = float(out.split("validation loss:")[1].split("accuracy:")[1].split("%")[0])
    assert acc >= 80.0  # a + b > 0 is learnable: the test part is mostly right
    saved = json.loads((folder / "trained.nnsim").read_text(encoding="utf-8"))
    assert saved["settings"]["dataset"] == "csv" and len(saved["data"]["rows"]) == 40
    assert saved["settings"]["dataset_params"] == {"train_fraction": 0.75, "seed": 0}
    # reopened on its own, without --data: the same data, the same split
    (folder / "survey.csv").unlink()
    s = Session(load(folder / "trained.nnsim"))
    assert s.data.x.shape == (30, 3) and s.data.x_val.shape == (10, 3)
    assert main(["train", "trained.nnsim", "--epochs", "3"]) == 0


def test_target_features_and_categories(folder, capsys):
    code = main(
        ["new", "--layers", "2,3,1", "--out", "m.nnsim", "--data", "melon3.csv",
         "--target", "好瓜", "--features", "色泽,密度,含糖率"]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 0
    assert "色泽: category → 色泽=青绿, 色泽=乌黑, 色泽=浅白 (one-hot)" in err
    doc = load(folder / "m.nnsim")
    x = doc.input_layers()[0]
    assert doc.layers[x].size == 5
    assert doc.layers[x].neuron_labels == ["色泽=青绿", "色泽=乌黑", "色泽=浅白", "密度", "含糖率"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--layers", "3,x"], "layer sizes are whole numbers separated by commas"),
        (["--layers", "3"], "a network needs at least two layers"),
        (["--layers", "2,0"], "layer 2 must have at least 1 neuron"),
        (["--layers", "2,1", "--activation", "foo"], "unknown activation 'foo'"),
        (["--layers", "2,1", "--data", "nope.csv"], "nope.csv: file not found"),
        (["--layers", "2,1", "--data", "alpha.csv", "--target", "x"], "no column named 'x'"),
        (["--layers", "2,1", "--data", "alpha.csv", "--train-share", "2"], "--train-share"),
    ],
)
def test_new_errors_are_one_line(folder, capsys, args, message):
    assert main(["new", *args, "--out", "n.nnsim"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("nnsim: error:") and message in err[-1]
    assert not (folder / "n.nnsim").exists()


def test_bad_csv_names_line_and_column_and_leaves_the_network(folder, capsys):
    main(["new", "--layers", "2,1", "--out", "net.nnsim"])
    before = (folder / "net.nnsim").read_bytes()
    (folder / "bad.csv").write_text("a,b,y\n1,2,0\n3,x,1\n4,5,0\n", encoding="utf-8")
    assert main(["train", "net.nnsim", "--data", "bad.csv", "--save", "net.nnsim"]) == 1
    assert "bad.csv, line 3, column 2 ('b'): 'x' is not a number" in capsys.readouterr().err
    assert (folder / "net.nnsim").read_bytes() == before
