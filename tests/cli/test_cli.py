"""The nnsim command line: subcommands, the worked example in book notation, errors, Ctrl+C, no Qt."""

import json
import os
import signal
import subprocess
import sys
import time
from io import StringIO

import numpy as np
import pytest

from nnsim import __version__
from nnsim.cli import main
from nnsim.cli.common import Progress
from nnsim.model.fileformat import load

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}
QT_MODULES = ("PySide6", "pyqtgraph", "shiboken6")


def nnsim(*args, cwd=None, timeout=120):
    """Run ``python -m nnsim ARGS`` in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "nnsim", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=ENV,
        cwd=cwd,
        timeout=timeout,
    )


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"nnsim {__version__}"


def test_headless_commands_never_import_qt():
    code = (
        "import sys\n"
        "import nnsim.api, nnsim.cli, nnsim.lessons, nnsim.model\n"
        "from nnsim.cli import main\n"
        "main(['lesson', 'list'])\n"
        "main(['step', 'bp-worked-example'])\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}]\n"
        "assert not bad, bad\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=ENV, timeout=120
    )
    assert r.returncode == 0, r.stderr


WORKED_LINES = [
    "β_1 = 0.35×0.1 + 0.9×0.8 = 0.755,  b_1 = σ(0.755) = 0.680267",
    "β_2 = 0.35×0.4 + 0.9×0.6 = 0.68,  b_2 = σ(0.68) = 0.663739",
    "ŷ_1 = σ(0.801445) = 0.690283",
    "g_1 = ŷ_1(1−ŷ_1)(y_1−ŷ_1) = 0.690283×(1−0.690283)×(0.5−0.690283) = −0.0406811",
    "e_1 = b_1(1−b_1) Σ_j w_1j g_j = 0.680267×(1−0.680267)×(0.3×(−0.0406811)) = −0.00265449",
    "= −0.00817165",
    "w_11 ← 0.3 + (−0.027674) = 0.272326",
    "w_21 ← 0.9 + (−0.0270016) = 0.872998",
    "v_11 ← 0.1 + (−0.000929071) = 0.0990709",
    "v_21 ← 0.8 + (−0.00238904) = 0.797611",
    "v_12 ← 0.4 + (−0.00286008) = 0.39714",
    "v_22 ← 0.6 + (−0.00735448) = 0.592646",
]


def test_step_prints_the_worked_example_in_book_notation(capsys):
    assert main(["step", "bp-worked-example", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    for line in WORKED_LINES:
        assert line in out, line
    assert "weight A → b_1" in out  # the input neurons are labelled A and B
    assert out.index("0.680267") < out.index("−0.0406811") < out.index("0.272326")


def test_step_in_chinese_and_from_a_file(tmp_path, capsys):
    from nnsim.lessons import load_lesson
    from nnsim.model.fileformat import save

    path = tmp_path / "例子.nnsim"
    save(load_lesson("bp-worked-example"), path)
    out_path = tmp_path / "after.nnsim"
    assert main(["step", str(path), "--lang", "zh", "--save", str(out_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("误差逆传播算例 (例子.nnsim)")
    assert "隐层神经元 1：β_1 = 0.35×0.1 + 0.9×0.8 = 0.755" in out
    assert "-- 反向" in out
    after = load(out_path)
    assert after.links["L2-L3"].weights[:, 0] == pytest.approx([0.272326, 0.872998], abs=1e-6)


def test_step_another_sample(capsys):
    assert main(["step", "xor-two-layer", "--sample", "3"]) == 0
    out = capsys.readouterr().out
    # x = (1, 1): the slide's ReLU net gives h = (2, 1) and y = −0.5
    assert "b_2 = ReLU(β_2 − γ_2) = ReLU(2 − 1) = 1" in out
    assert "ŷ_1 = α_1 − θ_1 = 0 − 0.5 = −0.5" in out


def test_train_prints_progress_and_summary_and_saves(tmp_path, capsys):
    out = tmp_path / "trained.nnsim"
    rc = main(["train", "playground-circle", "--epochs", "40", "--lr", "0.1", "--save", str(out)])
    assert rc == 0
    captured = capsys.readouterr()
    assert "[##############################] 40/40" in captured.err
    assert captured.err.count("\n") <= 14  # not a line per epoch when not on a terminal
    summary = captured.out
    assert "epochs: 40" in summary and "time:" in summary
    assert "training loss:" in summary and "accuracy:" in summary and "validation loss:" in summary
    doc = load(out)
    assert doc.settings.lr == 0.1
    from nnsim.lessons import load_lesson

    assert not np.array_equal(
        doc.links["L1-L2"].weights, load_lesson("playground-circle").links["L1-L2"].weights
    )


def test_train_perceptron_xor_says_not_linearly_separable(capsys):
    assert main(["train", "perceptron-xor"]) == 0
    assert "not linearly separable" in capsys.readouterr().out


@pytest.mark.skipif(os.name == "nt", reason="sending SIGINT to a child needs POSIX signals")
def test_ctrl_c_stops_cleanly_and_still_saves(tmp_path):
    out = tmp_path / "stopped.nnsim"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nnsim",
            "train",
            "playground-circle",
            "--epochs",
            "1000000",
            "--save",
            str(out),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=ENV,
    )
    try:
        # Wait for the first progress line: training is running.
        deadline = time.monotonic() + 60
        line = ""
        while "[" not in line and time.monotonic() < deadline:
            line = proc.stderr.readline()
        assert "[" in line, "no progress output"
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert "stopped by Ctrl+C" in stdout
    assert "Traceback" not in stderr
    assert f"saved {out}" in stdout
    assert load(out).layers  # a complete, valid file


def test_lesson_list_and_run(capsys):
    assert main(["lesson", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[1] == "mp-neuron" and lines[-1].split()[1] == "relu-homework"
    assert main(["lesson", "run", "bp-worked-example", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "0.182019" in out and out.rstrip().endswith("Outcome as stated.")
    assert main(["lesson", "list", "--lang", "zh"]) == 0
    assert "误差逆传播算例" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, message",
    [
        (["train", "missing.nnsim"], "missing.nnsim: no such file"),
        (["step", "no-such-lesson"], "no such file (and no lesson of that name"),
        (["lesson", "run", "nope"], "there is no lesson 'nope'"),
        (["export", "xor-two-layer", "--to", "tensorflow"], "cannot export to 'tensorflow'"),
        (["step", "mnist-cnn"], "the step-through shows dense"),
    ],
)
def test_errors_are_one_line_without_traceback(args, message, capsys):
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("nnsim: error: ") and message in err, err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_bad_file_error_names_line_and_column(tmp_path):
    bad = tmp_path / "bad.nnsim"
    bad.write_text('{"format": "nnsim",\n "version": 1,\n "layers": [}\n', encoding="utf-8")
    r = nnsim("train", str(bad))
    assert r.returncode == 1
    assert (
        r.stderr == "nnsim: error: bad.nnsim: line 3, column 13: malformed JSON (Expecting value)\n"
    )
    newer = tmp_path / "newer.nnsim"
    newer.write_text(json.dumps({"format": "nnsim", "version": 7, "layers": []}), encoding="utf-8")
    r = nnsim("step", str(newer))
    assert r.returncode == 1 and "made by a newer nnsim" in r.stderr and "Traceback" not in r.stderr


def test_export_writes_python(tmp_path, capsys):
    out = tmp_path / "net.py"
    assert main(["export", "bp-worked-example", "--to", "pytorch", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    compile(text, str(out), "exec")
    assert "class Net(nn.Module)" in text and "[[0.1, 0.8], [0.4, 0.6]]" in text  # W.T of nn.Linear
    assert main(["export", "xor-two-layer", "--to", "pytorch"]) == 0
    assert "torch.relu" in capsys.readouterr().out


def test_progress_bar_on_a_terminal_redraws_one_line():
    class Tty(StringIO):
        def isatty(self):
            return True

    s = Tty()
    bar = Progress(4, stream=s, width=4)
    for k in range(1, 5):
        bar._last_draw = 0  # no rate limit in the test
        bar.update(k, "loss 1")
    bar.close()
    text = s.getvalue()
    assert text.count("\n") == 1 and text.count("\r") == 4
    assert "\r[####] 4/4 loss 1" in text


def test_doctor_checks_the_installation(capsys):
    """``nnsim doctor``: the worked example's ŷ, the training process (same numbers as at
    home), the data folder, Qt with the Chinese font and the display, one line each."""
    assert main(["doctor"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"nnsim {__version__}, Python ")
    assert [ln.split(":")[0] for ln in lines[1:]] == [
        "ok   engine",
        "ok   training process",
        "ok   data folder",
        "ok   Qt",
        "ok   display",
    ]
    assert "ŷ = 0.690283" in lines[1]
    assert "the same numbers in both" in lines[2]


def test_doctor_says_what_is_missing(capsys, monkeypatch, tmp_path):
    import nnsim.paths

    monkeypatch.setattr(nnsim.paths, "resource", lambda *parts: tmp_path.joinpath(*parts))
    monkeypatch.setattr("nnsim.cli.doctor._doctor_process", lambda: "skipped")
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "FAIL Qt: FileNotFoundError: the Chinese font wqy-microhei.ttc is missing" in out


def test_numbers_read_as_typed_in_the_app(capsys):
    # --lr goes through the app's one number parser: a decimal comma and a fraction are read.
    assert main(["train", "bp-worked-example", "--epochs", "1", "--lr", "0,5"]) == 0
    assert "η = 0.5, 1 epochs" in capsys.readouterr().err
    assert main(["train", "bp-worked-example", "--epochs", "1", "--lr", "1/8"]) == 0
    assert "η = 0.125, 1 epochs" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["train", "bp-worked-example", "--lr", "nan"])
    assert info.value.code == 2
    assert "argument --lr: 'nan' is not a number" in capsys.readouterr().err
