"""Language: shipped catalogue complete, live switch English ⇄ Chinese, bundled CJK font."""

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from nnsim.paths import resource

# The GUI shell's modules; other tools in nnsim/gui (stepping, training, plots, demos...)
# check their own strings.
SHELL = (
    "app.py",
    "autosave.py",
    "canvas/",
    "commands.py",
    "editor.py",
    "fonts.py",
    "i18n.py",
    "inspectors/",
    "live.py",
    "main_window.py",
    "palette.py",
    "prefs.py",
    "starter.py",
    "style.py",
    "window_files.py",
    "window_look.py",
    "window_menus.py",
)


def in_shell(path: str) -> bool:
    rel = path.replace("\\", "/").split("nnsim/gui/", 1)[-1]
    return any(rel == s or (s.endswith("/") and rel.startswith(s)) for s in SHELL)


TS = resource("translations", "nnsim_zh_CN.ts")
QM = resource("translations", "nnsim_zh_CN.qm")


def shell_messages():
    root = ET.parse(TS).getroot()
    for ctx in root.findall("context"):
        for m in ctx.findall("message"):
            locs = [loc.get("filename") or "" for loc in m.findall("location")]
            if not any(in_shell(f) for f in locs):
                continue
            yield ctx.findtext("name"), m.findtext("source"), m.find("translation")


def test_every_string_of_the_gui_shell_is_translated():
    msgs = list(shell_messages())
    assert len(msgs) > 120
    unfinished = [(c, s) for c, s, t in msgs if t.get("type") == "unfinished" or not t.text]
    assert unfinished == []


def test_catalogue_covers_the_sources():
    """Every tr() string in the sources is in the .ts (run update.sh after adding one)."""
    lupdate = Path(".venv/bin/pyside6-lupdate")
    if not lupdate.exists() and shutil.which("pyside6-lupdate") is None:
        pytest.skip("pyside6-lupdate not installed")
    exe = str(lupdate) if lupdate.exists() else "pyside6-lupdate"
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "x.ts"
        files = sorted(str(p) for p in Path("nnsim/gui").rglob("*.py") if in_shell(p.as_posix()))
        subprocess.run([exe, *files, "-ts", str(out)], check=True, capture_output=True)
        fresh = {
            (c.findtext("name") or "", m.findtext("source"))
            for c in ET.parse(out).getroot().findall("context")
            for m in c.findall("message")
        }
    shipped = {(c or "", s) for c, s, _ in shell_messages()}
    assert fresh - shipped == set()


def test_compiled_catalogue_is_shipped():
    assert QM.is_file() and QM.stat().st_size > 1000


def test_bundled_cjk_font_renders_chinese(qapp):
    from nnsim.gui.fonts import CJK_FAMILY, register_fonts, ui_font

    fams = register_fonts()
    assert CJK_FAMILY in fams
    assert CJK_FAMILY in QFontDatabase.families()
    raw = QRawFont.fromFont(QFont(CJK_FAMILY, 12))
    assert all(raw.supportsCharacter(ord(ch)) for ch in "神经网络隐层阈值")
    assert CJK_FAMILY in ui_font().families()
    assert resource("fonts", "wqy-microhei-LICENSE.txt").is_file()


def test_switch_language_live(window):
    window.set_language("zh_CN")
    assert window.file_menu.title() == "文件(&F)"
    assert window.palette.buttons["neuron"].text() == "神经元"
    assert window.palette_dock.windowTitle() == "组件"
    assert window.windowTitle().startswith(window.document.meta.title_zh)
    window.scene.neuron_item("L2", 0).setSelected(True)
    assert window.inspector.neuron_panel.net_label.text() == "净输入"
    from nnsim.gui.i18n import layer_label

    assert layer_label("hidden") == "隐层"
    assert layer_label("隐层 1 hidden 1") == "隐层 1"
    assert layer_label("密度, 含糖率 density, sugar") == "密度, 含糖率"
    window.editor.set_weight("L1-L2", 0, 0, 0.5)
    assert window.act_undo.text() == "撤销 修改权重"
    window.set_language("en")
    assert window.file_menu.title() == "&File"
    assert window.palette.buttons["neuron"].text() == "Neuron"
    assert window.inspector.neuron_panel.net_label.text() == "Net input"
    assert window.act_undo.text() == "Undo Change weight"
    assert layer_label("hidden") == "hidden"
    assert layer_label("隐层 1 hidden 1") == "hidden 1"
    assert layer_label("上升? rising?") == "rising?"
    assert layer_label("卷积 conv 3×3") == "conv 3×3"
    assert layer_label("x1, x2") == "x1, x2"


def test_language_choice_is_remembered(window):
    from nnsim.gui.i18n import saved_language

    window.set_language("zh_CN")
    assert saved_language() == "zh_CN"
    window.set_language("en")
    assert saved_language() == "en"


def test_language_menu_is_findable_in_both_languages(window):
    assert window.language_menu.title() == "&Language / 语言"
    window.set_language("zh_CN")
    assert window.language_menu.title() == "语言(&L)"
    window.set_language("en")


def test_one_language_manager_per_application(window, make_window):
    from PySide6.QtWidgets import QApplication

    from nnsim.gui.i18n import language_manager

    assert language_manager(QApplication.instance()) is window.languages
    window.set_language("zh_CN")
    other = make_window()
    try:
        other.set_language("en")
        assert other.file_menu.title() == "&File"
        assert window.file_menu.title() == "&File"  # the language is the application's
    finally:
        other.close()
