"""Files, lessons, unsaved changes, autosave and crash recovery, presentation mode."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from nnsim.gui import autosave
from nnsim.model import fileformat


@pytest.fixture
def boxes(monkeypatch):
    """Record message boxes instead of showing them; answers can be queued."""
    shown = []
    answers = []

    def fake(kind):
        def show(parent, title, text, *a, **k):
            shown.append((kind, title, text))
            return answers.pop(0) if answers else QMessageBox.StandardButton.Ok

        return show

    for kind in ("critical", "warning", "question", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(fake(kind)))
    return shown, answers


def test_corrupt_file_leaves_window_and_network_unchanged(window, boxes, tmp_path):
    shown, _ = boxes
    bad = tmp_path / "broken.nnsim"
    bad.write_text('{"format": "nnsim", "version": 1, "layers": [ {"id": "L1", ', encoding="utf-8")
    doc_before = window.document
    copy_before = window.document.copy()
    title = window.windowTitle()
    assert window.open_file(bad) is False
    assert len(shown) == 1 and shown[0][0] == "critical"
    assert "broken.nnsim" in shown[0][2]
    assert "unchanged" in shown[0][2]
    assert window.document is doc_before and window.document == copy_before
    assert window.windowTitle() == title
    assert window.scene.document is doc_before and len(window.scene.layer_items) == 3


def test_wrong_content_shows_the_loaders_message(window, boxes, tmp_path):
    shown, _ = boxes
    bad = tmp_path / "wrong.nnsim"
    d = json.loads(fileformat.dumps(window.document))
    d["layers"][1]["size"] = -3
    bad.write_text(json.dumps(d), encoding="utf-8")
    assert window.open_file(bad) is False
    try:
        fileformat.load(bad)
    except ValueError as e:
        expected = str(e)
    assert expected in shown[0][2]


def test_save_open_round_trip_and_modified_flag(window, tmp_path, boxes):
    path = tmp_path / "net.nnsim"
    window.editor.set_weight("L1-L2", 0, 0, 0.123)
    assert window.isWindowModified()
    assert window.save_to(path)
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("net.nnsim")
    saved = window.document.copy()
    window.editor.set_weight("L1-L2", 0, 0, 0.5)
    assert window.isWindowModified()
    window.undo_stack.setClean()
    assert window.open_file(path)
    assert window.document == saved
    assert window.undo_stack.count() == 0 and not window.isWindowModified()
    from nnsim.gui.prefs import recent_files

    assert recent_files()[0] == str(path.resolve())


def test_closing_with_unsaved_changes_asks(window, monkeypatch):
    asked = []

    def fake_exec(box):
        asked.append(box.text())
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    window.editor.set_weight("L1-L2", 0, 0, 0.7)
    assert window.close() is False  # cancelled
    assert asked and window.isVisible()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard)
    assert window.maybe_save() is True


def test_lessons_menu_lists_the_registry_and_opens_a_lesson(window):
    window._fill_lessons()
    titles = [a.text() for a in window.lessons_menu.actions()]
    assert any("worked example" in t for t in titles)
    assert window.open_lesson("xor-two-layer")
    assert window.lesson_name == "xor-two-layer"
    assert window.file_path is None  # saving a lesson asks for a new file
    assert window.open_lesson("bp-worked-example")
    assert window.scene.neuron_values("L3", 0)[1] == pytest.approx(0.690283, abs=1e-6)


def test_autosave_writes_only_when_modified_and_clean_exit_removes_it(window):
    saver = window.autosaver
    assert saver.save_now() is False  # nothing to save
    assert not saver.path.exists()
    window.editor.set_weight("L1-L2", 1, 1, 0.42)
    assert saver.save_now() is True
    assert fileformat.load(saver.path) == window.document
    assert saver.save_now() is False  # unchanged since
    info = json.loads((saver.folder / autosave.INFO_NAME).read_text())
    assert info["pid"] == os.getpid()
    window.undo_stack.setClean()
    window.close()
    assert not saver.path.exists()


def test_after_a_crash_the_next_start_offers_the_autosave(
    tmp_path, monkeypatch, boxes, make_window
):
    """A real process is killed after autosaving; the next start restores its network."""
    shown, answers = boxes
    data = tmp_path / "data"
    monkeypatch.setenv("NNSIM_DATA_DIR", str(data))
    script = (
        "import os, signal\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from conftest import shell_window\n"
        "w = shell_window()\n"
        "w.editor.set_weight('L1-L2', 0, 1, -0.777)\n"
        "assert w.autosaver.save_now()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    env = dict(os.environ, NNSIM_DATA_DIR=str(data))
    proc = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, timeout=60)
    assert proc.returncode != 0  # killed
    assert autosave.pending_autosave() is not None
    answers.append(QMessageBox.StandardButton.Yes)
    from nnsim.gui.app import offer_restore

    win = make_window()
    assert offer_restore(win)
    try:
        assert shown and shown[0][0] == "question"
        assert win.document.links["L1-L2"].weights[0, 1] == pytest.approx(-0.777)
        assert win.isWindowModified()
    finally:
        win.undo_stack.setClean()
        win.close()
    assert autosave.pending_autosave() is None


def test_declining_the_restore_discards_it(tmp_path, monkeypatch, boxes, make_window):
    shown, answers = boxes
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "d2"))
    folder = autosave.autosave_folder()
    from nnsim.gui.starter import worked_example_document

    fileformat.save(worked_example_document(), folder / autosave.AUTOSAVE_NAME)
    (folder / autosave.INFO_NAME).write_text(json.dumps({"pid": 999999999, "time": 0}))
    answers.append(QMessageBox.StandardButton.No)
    from nnsim.gui.app import offer_restore

    win = make_window()
    assert not offer_restore(win)
    try:
        assert shown[0][0] == "question"
        assert autosave.pending_autosave() is None
        assert not win.isWindowModified()
    finally:
        win.close()


def test_presentation_mode_grows_fonts_and_lines(window):
    app = QApplication.instance()
    normal_pt = app.font().pointSizeF()
    r = window.scene.theme.neuron_radius
    title_pt = window.inspector.network_panel.title.font().pointSizeF()
    window.act_presentation.trigger()
    assert window.presentation
    assert app.font().pointSizeF() > normal_pt * 1.3
    assert window.scene.theme.neuron_radius > r
    assert window.scene.theme.edge_max > 7
    assert window.inspector.network_panel.title.font().pointSizeF() > title_pt * 1.3
    item = window.scene.neuron_item("L2", 0)
    assert item.boundingRect().width() >= 2 * window.scene.theme.neuron_radius
    window.act_presentation.trigger()
    assert app.font().pointSizeF() == pytest.approx(normal_pt)


def test_open_recent_lists_saved_files(window, tmp_path, boxes):
    path = tmp_path / "recent.nnsim"
    assert window.save_to(path)
    window._fill_recent()
    actions = window.recent_menu.actions()
    assert [a.text() for a in actions][0] == "recent.nnsim"
    window.editor.set_weight("L1-L2", 0, 0, 0.9)
    window.undo_stack.setClean()
    actions[0].trigger()
    assert window.document.links["L1-L2"].weights[0, 0] == pytest.approx(0.1)


def test_autosave_interval_comes_from_the_environment(qtbot, monkeypatch, tmp_path, make_window):
    """NNSIM_AUTOSAVE_SECONDS=0.2: an edit is autosaved within a second, not a minute."""
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NNSIM_AUTOSAVE_SECONDS", "0.2")
    win = make_window()
    try:
        assert win.autosaver.timer.interval() == 200
        win.editor.set_weight("L1-L2", 0, 0, 0.123)
        qtbot.waitUntil(win.autosaver.path.exists, timeout=3000)
        assert fileformat.load(win.autosaver.path).links["L1-L2"].weights[0, 0] == 0.123
    finally:
        win.undo_stack.setClean()
        win.close()


@pytest.mark.parametrize("text", ["abc", "0", "-5", "inf", "nan", "1e9"])
def test_a_bad_autosave_interval_falls_back_to_a_minute(monkeypatch, capsys, text):
    monkeypatch.setenv("NNSIM_AUTOSAVE_SECONDS", text)
    assert autosave.autosave_interval_ms() == 60_000
    assert "NNSIM_AUTOSAVE_SECONDS" in capsys.readouterr().err
    monkeypatch.delenv("NNSIM_AUTOSAVE_SECONDS")
    assert autosave.autosave_interval_ms() == 60_000


def test_the_start_removes_temp_files_of_killed_saves(monkeypatch, tmp_path, built_window):
    """Temp files whose writer is gone, in the autosave folder and next to recent files."""
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    from nnsim.gui import prefs

    course = tmp_path / "course"
    course.mkdir()
    prefs.add_recent_file(str(course / "net.nnsim"))
    dead = 999_999_999  # no such process
    stale = [
        autosave.autosave_folder() / f".autosave.nnsim.{dead}-abcdefgh.tmp",
        course / f".net.nnsim.bak.{dead}-abcdefgh.tmp",
    ]
    alive = course / f".net.nnsim.{os.getppid()}-abcdefgh.tmp"
    for p in (*stale, alive):
        p.write_text("{")
    with built_window():
        assert [p.exists() for p in stale] == [False, False]
        assert alive.exists()
