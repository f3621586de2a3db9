"""`nnsim gui` options: --lang, --view, --presentation, --screenshot, and no display."""

import os
import subprocess
import sys

import pytest

from nnsim.cli import build_parser, main


def _no_display_env(tmp_path) -> dict:
    """This environment without any display: no DISPLAY, no Wayland, no Qt platform."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["NNSIM_DATA_DIR"] = str(tmp_path / "data")
    return env


def _run_python(args, env, timeout=120) -> subprocess.CompletedProcess:
    """``python ARGS`` in a process of its own, as a user starts ``nnsim``; its output kept."""
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def _screenshot_without_display(tmp_path, *gui_args, timeout=120):
    """The picture ``nnsim gui GUI_ARGS --screenshot`` takes with no display at all."""
    from PySide6.QtGui import QImage

    out = tmp_path / "shot.png"
    args = ["-m", "nnsim", "gui", *gui_args, "--screenshot", str(out)]
    r = _run_python(args, _no_display_env(tmp_path), timeout)
    assert r.returncode == 0, r.stderr
    return QImage(str(out))


def test_gui_options_are_parsed_and_handed_to_the_app(monkeypatch):
    import nnsim.gui.app

    args = build_parser().parse_args(
        ["gui", "mnist-cnn", "--lang", "zh", "--view", "rnn", "--presentation"]
    )
    assert (args.file, args.lang, args.view, args.presentation) == ("mnist-cnn", "zh", "rnn", True)
    seen = {}

    def fake_run(file_or_lesson, **kw):
        seen.update(kw, file=file_or_lesson)
        return 0

    monkeypatch.setattr(nnsim.gui.app, "run", fake_run)
    assert main(["gui", "mnist-cnn", "--lang", "zh", "--view", "rnn", "--presentation"]) == 0
    assert seen == {
        "file": "mnist-cnn",
        "screenshot": None,
        "language": "zh_CN",
        "view": "rnn",
        "presentation": True,
    }
    seen.clear()
    assert main(["gui"]) == 0
    assert seen["language"] is None and seen["view"] is None and seen["presentation"] is None


@pytest.mark.parametrize("bad", [["--lang", "fr"], ["--view", "canvas"]])
def test_unknown_language_or_view_is_refused_by_name(bad, capsys):
    with pytest.raises(SystemExit) as e:
        build_parser().parse_args(["gui", *bad])
    assert e.value.code == 2
    assert bad[0] in capsys.readouterr().err


def test_options_set_the_window_up(qtbot, tmp_path, monkeypatch, built_window):
    """``build_window`` (what `nnsim gui` runs) with the options applied."""
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    from nnsim.gui import prefs

    prefs.settings().setValue("presentation", False)
    with built_window("xor-two-layer", language="zh_CN", view="rnn", presentation=True) as win:
        assert win.languages.language == "zh_CN"
        assert win.file_menu.title().startswith("文件")
        assert win.views.currentWidget() is win.view_widget("rnn")
        assert win.presentation and win.act_presentation.isChecked()
        # for this run only: the next plain start keeps the saved look
        assert prefs.settings().value("presentation", False) in (False, "false")
    with built_window("bp-worked-example", language="en", view="exercise") as win:
        assert win.file_menu.title().replace("&", "") == "File"
        assert win.views.currentWidget() is win.view_widget("exercise")
        # the exercise is made from the open network: its first question is about it
        assert win.demo_views.exercise._document is win.document
        with built_window("rnn-shapes", view="activations") as win2:
            assert win2.views.currentWidget() is win2.view_widget("activations")


def test_view_compare_opens_a_network_on_its_variants(qtbot, tmp_path, monkeypatch, built_window):
    """`nnsim gui xor-two-layer --view compare`: the open network's variants, set up."""
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    assert build_parser().parse_args(["gui", "x", "--view", "compare"]).view == "compare"
    with built_window("xor-two-layer", language="en", view="compare") as win:
        assert win.views.currentWidget() is win.view_widget("compare")
        qtbot.waitUntil(lambda: win.compare.comparison is not None)
        # no comparison of its own: the seed varies by default, 0 to 3
        assert win.compare.labels == ["seed 0", "seed 1", "seed 2", "seed 3"]


_SHOOT = """
import sys
from nnsim.gui.app import SCREENSHOT_SIZE, application, build_window, save_screenshot
from nnsim.model.training_process import shared_process
app = application()
win = build_window("xor-two-layer", restore=False)
proc = shared_process()
proc.start()  # as the window's warm-up would, while the picture is being taken
assert proc.alive
code = save_screenshot(app, win, sys.argv[1])
print(code, int(proc.alive), win.view.width(), win.view.height())
"""


def test_screenshot_waits_for_the_layout_and_ends_the_training_process(tmp_path):
    # Its own process, as `nnsim gui X --screenshot` is: taking the picture quits the
    # application (aboutToQuit ends every window's workers), which must not reach the
    # windows later tests open in this process.
    from PySide6.QtGui import QImage

    from nnsim.gui.app import SCREENSHOT_SIZE

    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NNSIM_DATA_DIR=str(tmp_path / "data"))
    r = _run_python(["-c", _SHOOT, str(out)], env)
    assert r.returncode == 0, r.stderr
    code, alive, width, height = map(int, r.stdout.split()[-4:])
    assert code == 0
    assert alive == 0  # ended and waited for: no process left behind
    img = QImage(str(out))
    assert (img.width(), img.height()) == SCREENSHOT_SIZE
    # laid out: the canvas has its size, not the few pixels of a window not yet arranged
    assert width > 600 and height > 300


@pytest.mark.parametrize("argv", [[], ["gui", "xor-two-layer"]])
def test_no_display_is_one_line_and_exit_status_2(argv, tmp_path):
    r = _run_python(["-m", "nnsim", *argv], _no_display_env(tmp_path))
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("nnsim: no display to open a window on: neither DISPLAY nor")
    assert "--screenshot" in lines[0]
    assert "xcb" not in r.stderr


def test_screenshot_needs_no_display_fast(tmp_path):
    """The same with no display at all on a small lesson, in presentation mode (CI runs
    this one): the picture at its own size, in Chinese, of a drawn window."""
    img = _screenshot_without_display(
        tmp_path, "bp-worked-example", "--lang", "zh", "--presentation"
    )
    assert (img.width(), img.height()) == (1440, 900)  # not the screen's (full screen)
    seen = {img.pixel(x, y) for x in range(0, 1440, 4) for y in range(100, 800, 50)}
    assert len(seen) > 20


@pytest.mark.slow  # ~10 s: the MNIST network's window
def test_screenshot_needs_no_display(tmp_path):
    img = _screenshot_without_display(
        tmp_path, "mnist-cnn", "--lang", "zh", "--view", "network", timeout=180
    )
    assert (img.width(), img.height()) == (1440, 900)
    assert len({img.pixel(x, 300) for x in range(0, 1440, 4)}) > 20


def test_doctor_says_whether_a_display_can_be_opened(capsys, monkeypatch):
    from nnsim.cli.doctor import _check, _doctor_display

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert _check("display", _doctor_display)
    assert capsys.readouterr().out == (
        "ok   display: the window can open on the offscreen platform (QT_QPA_PLATFORM): "
        "windows are drawn in memory, not shown\n"
    )
    for var in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert not _check("display", _doctor_display)
    out = capsys.readouterr().out
    assert out.startswith(
        "FAIL display: no display to open a window on: neither DISPLAY nor WAYLAND_DISPLAY "
        "is set; the window cannot open here"
    )
    assert out.count("\n") == 1
