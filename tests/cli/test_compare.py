"""``nnsim compare`` and ``nnsim.api.compare``: the table, CSV, the lessons' own comparisons."""

import csv
import io

import pytest

import nnsim.api as nn
from nnsim.cli import main


def test_compare_prints_one_row_per_variant(capsys):
    code = main(
        [
            "compare",
            "playground-circle",
            "--vary",
            "lr=0.03,0.3",
            "--vary",
            "seed=0-1",
            "--epochs",
            "8",
            "--target-loss",
            "0.2",
        ]
    )
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0].split()[:2] == ["setting", "epochs"]
    assert [line.split("  ")[0] for line in out[2:]] == [
        "lr=0.03, seed=0",
        "lr=0.03, seed=1",
        "lr=0.3, seed=0",
        "lr=0.3, seed=1",
    ]
    assert all(" 8 " in line and "finished" in line for line in out[2:])


def test_compare_csv_matches_the_api(capsys):
    assert main(["compare", "learning-rate", "--vary", "lr=0.1,10", "--epochs", "20", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    cmp = nn.compare("learning-rate", {"lr": [0.1, 10.0]}, epochs=20)
    assert [r["setting"] for r in rows] == ["lr=0.1", "lr=10"]
    assert [r["diverged"] for r in rows] == ["0", "1"]
    assert float(rows[0]["train_loss"]) == cmp.rows()[0].train_loss
    assert len(cmp.histories) == 2
    assert list(cmp.histories[0].epoch) == list(range(21))


def test_a_lesson_without_vary_uses_its_own_comparison(capsys):
    assert main(["compare", "bp-variants", "--epochs", "30"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()[2:]] == [
        "standard",
        "accumulated",
        "minibatch",
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--vary", "colour=red"], "cannot vary 'colour'"),
        (["--vary", "lr"], "write NAME=VALUES"),
        (["--vary", "lr=fast"], "'fast' is not a valid value"),
        ([], "give the settings to vary"),
    ],
)
def test_compare_errors_are_one_line(capsys, args, message):
    assert main(["compare", "playground-circle", *args]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0], err
