"""The installer recipes agree with the code: version, resources, names, excluded modules.

Fast (no build): reads packaging/ and the workflow. The slow build-and-run test is
tests/packaging/test_bundle.py.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import plistlib
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import nnsim
from nnsim import paths

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
WORKFLOW = ROOT / ".github" / "workflows" / "installers.yml"
ISS = PACKAGING / "windows" / "nnsim.iss"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cfg = _load("nnsim_bundle_config", PACKAGING / "bundle_config.py")


# --- version: one home (nnsim/__init__.py) ---------------------------------------------


def test_version_is_read_from_the_package():
    assert cfg.version() == nnsim.__version__


def test_no_recipe_spells_out_the_version():
    v = re.escape(nnsim.__version__)
    pattern = re.compile(rf"(?<![\d.]){v}(?![\d.])")
    recipes = [p for p in PACKAGING.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    offenders = [
        str(p.relative_to(ROOT))
        for p in [*recipes, WORKFLOW]
        if pattern.search(p.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == [], f"version {nnsim.__version__} hard-coded in {offenders}"


def test_inno_setup_takes_the_version_from_the_command_line():
    iss = ISS.read_text(encoding="utf-8")
    assert "#ifndef AppVersion" in iss and "#error" in iss
    assert "AppVersion={#AppVersion}" in iss
    wf = WORKFLOW.read_text(encoding="utf-8")
    assert "/DAppVersion=" in wf
    assert "packaging/bundle_config.py version" in wf


def test_spec_takes_the_version_from_bundle_config():
    spec = (PACKAGING / "nnsim.spec").read_text(encoding="utf-8")
    assert "VERSION = cfg.version()" in spec
    assert "info_plist=cfg.info_plist(VERSION)" in spec


def test_frozen_programs_run_in_utf8_mode():
    # PyInstaller's bootloader knows "X utf8" (or "X utf8=1"); "X utf8_mode=1" is passed
    # to Python, which ignores it, and a Windows console would then fail on β, σ, ×.
    spec = (PACKAGING / "nnsim.spec").read_text(encoding="utf-8")
    assert '("X utf8", None, "OPTION")' in spec
    assert spec.count("PYTHON_OPTIONS,") == 2


# --- resources ---------------------------------------------------------------------------


def test_bundle_path_is_where_nnsim_looks(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / Path(cfg.RESOURCES_DEST)


def test_every_resource_the_app_reads_is_bundled():
    shipped = {Path(dest) / Path(src).name for src, dest in cfg.resource_datas()}
    expected = set()
    for p in cfg.RESOURCES.rglob("*"):
        rel = p.relative_to(cfg.RESOURCES)
        if p.is_file() and "__pycache__" not in rel.parts and p.suffix not in (".py", ".pyc"):
            if p.suffix in (".ts", ".sh"):  # maintainers' sources, see SKIP_RESOURCE_SUFFIXES
                continue
            expected.add(Path(cfg.RESOURCES_DEST) / rel)
    assert shipped == expected
    for src, _ in cfg.resource_datas():
        assert Path(src).is_file()


def test_required_resources_ship():
    files = {str(p.as_posix()) for p in cfg.resource_files()}
    for required in cfg.REQUIRED_RESOURCES:
        assert required in files, f"{required} is not bundled"
    top = {p.parts[0] for p in cfg.resource_files() if len(p.parts) > 1}
    present = {d.name for d in cfg.RESOURCES.iterdir() if d.is_dir() and any(d.rglob("*.*"))}
    assert present - {"__pycache__"} <= top


def test_mnist_notice_travels_with_the_data():
    files = {str(p.as_posix()) for p in cfg.resource_files()}
    mnist = [f for f in files if f.startswith("datasets/mnist/") and f.endswith(".gz")]
    assert mnist, "no MNIST files bundled"
    assert "datasets/mnist/NOTICE" in files


def test_third_party_notice_is_bundled():
    spec = (PACKAGING / "nnsim.spec").read_text(encoding="utf-8")
    assert "THIRD-PARTY-NOTICES.txt" in spec
    assert (PACKAGING / "THIRD-PARTY-NOTICES.txt").is_file()


# --- excluded modules ------------------------------------------------------------------------


def test_the_brief_exclusions_are_listed():
    for mod in (
        "PySide6.QtWebEngineCore",
        "PySide6.QtWebEngineWidgets",
        "PySide6.Qt3DCore",
        "PySide6.QtQuick",
        "PySide6.QtQml",
        "PySide6.QtMultimedia",
        "pyqtgraph.opengl",
        "pyqtgraph.jupyter",
        "torch",
        "tkinter",
        "matplotlib",
    ):
        assert mod in cfg.EXCLUDES


_FROM = re.compile(r"^\s*from\s+([A-Za-z_][\w.]*)\s+import\s+(?:\(([^)]*)\)|([^\n#]*))", re.M)
_IMPORT = re.compile(r"^\s*import\s+([\w.]+(?:\s*,\s*[\w.]+)*)", re.M)
_BY_NAME = re.compile(r"import_module\(\s*[\"']([\w.]+)[\"']")


def _imported_modules(path: Path) -> set[str]:
    """Modules a source file imports (plain, from-imports and import_module by name)."""
    text = path.read_text(encoding="utf-8")
    out = set()
    for mod, in_parens, on_line in _FROM.findall(text):
        out.add(mod)
        for name in (in_parens or on_line).split(","):
            words = name.split()
            if words and not words[0].startswith("#"):
                out.add(f"{mod}.{words[0]}")
    for group in _IMPORT.findall(text):
        out.update(m.strip() for m in group.split(","))
    out.update(_BY_NAME.findall(text))
    return out


def test_nnsim_imports_no_excluded_module():
    """An excluded module would be missing from the bundle and crash the app there."""
    excluded = set(cfg.EXCLUDES)
    bad = []
    for py in sorted((ROOT / "nnsim").rglob("*.py")):
        for mod in _imported_modules(py):
            parts = mod.split(".")
            if any(".".join(parts[:i]) in excluded for i in range(1, len(parts) + 1)):
                bad.append(f"{py.relative_to(ROOT)} imports {mod}")
    assert bad == [], "\n".join(bad)


_BLOCKED_IMPORT_RUN = """
import importlib, importlib.abc, os, pkgutil, sys
blocked = set(sys.argv[1].split(","))

class Blocker(importlib.abc.MetaPathFinder):
    # Behaves as the bundle does: an excluded module is simply not there.
    def find_spec(self, name, path=None, target=None):
        parts = name.split(".")
        if any(".".join(parts[:i]) in blocked for i in range(1, len(parts) + 1)):
            raise ModuleNotFoundError(f"No module named {name!r} (excluded from the bundle)")
        return None

sys.meta_path.insert(0, Blocker())
import nnsim
failed = []
for info in pkgutil.walk_packages(nnsim.__path__, "nnsim."):
    if info.name.startswith("nnsim.resources"):
        continue
    try:
        importlib.import_module(info.name)
    except Exception as e:
        failed.append(f"{info.name}: {type(e).__name__}: {e}")
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


def test_every_nnsim_module_imports_without_the_excluded_modules():
    """Catches an excluded module that nnsim or a dependency (pyqtgraph) imports unguarded."""
    r = subprocess.run(
        [sys.executable, "-c", _BLOCKED_IMPORT_RUN, ",".join(cfg.EXCLUDES)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert r.returncode == 0, r.stdout + r.stderr[-3000:]


def test_qt_file_filter():
    keep = cfg.keep_qt_file
    assert keep("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert keep("PySide6/Qt/plugins/platforms/libqoffscreen.so")  # the smoke test needs it
    assert keep("PySide6/Qt/plugins/platforms/libqwayland.so")
    assert keep("PySide6/Qt/plugins/iconengines/libqsvgicon.so")
    assert keep("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert keep("PySide6/translations/qt_zh_CN.qm")
    assert not keep("PySide6/Qt/translations/qtbase_de.qm")
    assert not keep("PySide6/Qt/translations/qt_help_zh_CN.qm")
    assert keep("nnsim/resources/translations/nnsim_zh_CN.qm")  # ours, whatever the name
    assert keep("nnsim/resources/translations/demos_zh_CN.qm")
    assert keep("nnsim/resources/translations/nnsim_de.qm")
    assert not keep("PySide6/Qt/plugins/imageformats/libqpdf.so")
    assert not keep("PySide6\\Qt\\plugins\\imageformats\\qpdf.dll")
    assert not keep("PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert not keep("PySide6/Qt/plugins/generic/libqtuiotouchplugin.so")


def test_prune_orphans_keeps_what_others_still_need():
    links = {
        "/s/gtk3.so": {"libgtk.so", "libglib.so"},
        "/s/libgtk.so": {"libcairo.so", "libglib.so", "libdbus-1.so.3"},
        "/s/libcairo.so": set(),
        "/s/libglib.so": set(),
        "/s/libdbus-1.so.3": set(),
        "/s/core.so": {"libglib.so"},
    }
    toc = [
        ("libgtk.so", "/s/libgtk.so", "BINARY"),
        ("libcairo.so", "/s/libcairo.so", "BINARY"),
        ("libglib.so", "/s/libglib.so", "BINARY"),
        ("libdbus-1.so.3", "/s/libdbus-1.so.3", "BINARY"),
        ("core.so", "/s/core.so", "EXTENSION"),
        ("lib/libcairo.so", "libcairo.so", "SYMLINK"),
    ]
    dropped = [("plugins/gtk3.so", "/s/gtk3.so", "BINARY")]
    kept, orphans = cfg.prune_orphans(toc, dropped, lambda src: links.get(src, set()))
    assert orphans == ["libcairo.so", "libgtk.so"]  # glib: core needs it; dbus: dlopened
    assert {e[0] for e in kept} == {"libglib.so", "libdbus-1.so.3", "core.so"}


def test_dangling_symlinks_are_dropped():
    binaries = [("PySide6/Qt/lib/libA.so", "/x/libA.so", "BINARY")]
    datas = [
        ("libA.so", "PySide6/Qt/lib/libA.so", "SYMLINK"),
        ("libB.so", "PySide6/Qt/lib/libB.so", "SYMLINK"),
        ("x.txt", "/x/x.txt", "DATA"),
    ]
    b, d = cfg.drop_dangling_symlinks(binaries, datas)
    assert b == binaries
    assert [e[0] for e in d] == ["libA.so", "x.txt"]


# --- the document type and the entries on each system -----------------------------------------


def test_desktop_entry():
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    parser.read(PACKAGING / "linux" / "nnsim.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == cfg.GUI_NAME and "%f" in entry["Exec"]
    assert entry["Icon"] == "nnsim"
    assert cfg.MIME_TYPE in entry["MimeType"].split(";")
    assert entry["Terminal"] == "false"
    assert {"Education", "Science"} & set(entry["Categories"].split(";"))
    assert "GenericName[zh_CN]" in entry


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils absent")
def test_desktop_entry_validates():
    r = subprocess.run(
        ["desktop-file-validate", str(PACKAGING / "linux" / "nnsim.desktop")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_mime_type():
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(PACKAGING / "linux" / "nnsim-mime.xml").getroot()
    (mt,) = root.findall("m:mime-type", ns)
    assert mt.get("type") == cfg.MIME_TYPE
    assert [g.get("pattern") for g in mt.findall("m:glob", ns)] == [f"*.{cfg.FILE_EXTENSION}"]
    assert mt.find("m:icon", ns).get("name") == cfg.MIME_ICON


def test_deb_control_template_has_the_fields_the_script_fills():
    control = (PACKAGING / "linux" / "control.in").read_text(encoding="utf-8")
    assert control.startswith("Package: nnsim\n")
    placeholders = set(re.findall(r"@([A-Z_]+)@", control))
    assert placeholders == {"VERSION", "ARCH", "MAINTAINER", "INSTALLED_SIZE", "DEPENDS"}
    script = (PACKAGING / "linux" / "make_packages.py").read_text(encoding="utf-8")
    for name in placeholders:
        assert f'"{name}"' in script


def test_inno_setup_script():
    iss = ISS.read_text(encoding="utf-8")
    assert f"{cfg.GUI_NAME}.exe" in iss
    assert "{autoprograms}" in iss  # the Start-menu entry
    assert "ChangesAssociations=yes" in iss
    assert f'Subkey: "Software\\Classes\\.{cfg.FILE_EXTENSION}' in iss
    assert '""%1""' in iss  # the file is handed to the app
    assert "dist\\nnsim" in iss  # the folder the spec builds


def test_macos_document_type():
    plist = cfg.info_plist(nnsim.__version__)
    plistlib.dumps(plist)  # only plist types
    assert plist["CFBundleShortVersionString"] == nnsim.__version__
    (doc,) = plist["CFBundleDocumentTypes"]
    assert doc["CFBundleTypeExtensions"] == [cfg.FILE_EXTENSION]
    assert doc["LSItemContentTypes"] == [cfg.UTI]
    (uti,) = plist["UTExportedTypeDeclarations"]
    assert uti["UTTypeIdentifier"] == cfg.UTI
    assert uti["UTTypeTagSpecification"]["public.filename-extension"] == [cfg.FILE_EXTENSION]


def test_workflow_builds_all_three_systems_from_the_one_spec():
    wf = WORKFLOW.read_text(encoding="utf-8")
    for os_name in ("ubuntu-", "windows-", "macos-"):
        assert os_name in wf
    assert wf.count("packaging/nnsim.spec") >= 2  # Windows and macOS (Linux via build-linux.sh)
    assert "packaging/build-linux.sh" in wf
    assert "iscc" in wf.lower() and "packaging/macos/make-dmg.sh" in wf
    assert "hdiutil create" in (PACKAGING / "macos" / "make-dmg.sh").read_text(encoding="utf-8")
    assert "tests/packaging" in wf and "-m slow" in wf


# --- launchers and icons ----------------------------------------------------------------------


def test_gui_launcher_passes_the_file_on():
    launcher = _load("nnsim_gui_launcher", PACKAGING / "launchers" / "nnsim_gui.py")
    assert launcher.gui_argv([]) == ["gui"]
    assert launcher.gui_argv(["net.nnsim"]) == ["gui", "net.nnsim"]
    assert launcher.gui_argv(["-psn_0_12345", "x.nnsim"]) == ["gui", "x.nnsim"]


def test_icon_containers():
    icons = _load("nnsim_make_icons", PACKAGING / "make_icons.py")
    fake = {s: b"\x89PNG" + bytes([s % 256]) * 10 for s in icons.ICO_SIZES}
    ico = icons.ico_bytes(fake)
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, len(icons.ICO_SIZES))
    first = struct.unpack("<BBBBHHII", ico[6:22])
    assert first[0] == 16 and first[6] == 14 and first[7] == 6 + 16 * len(icons.ICO_SIZES)
    last = struct.unpack("<BBBBHHII", ico[6 + 16 * (len(fake) - 1) : 6 + 16 * len(fake)])
    assert last[0] == 0  # 256 px is written as 0
    fake_icns = {s: b"\x89PNG" + b"x" * s for s in icons.ICNS_TYPES}
    icns = icons.icns_bytes(fake_icns)
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert icns[8:12] == b"icp4"


def test_icon_renders(tmp_path):
    icons = _load("nnsim_make_icons2", PACKAGING / "make_icons.py")
    png = icons.render_png(cfg.RESOURCES / "icons" / "nnsim.svg", 48)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    img = QImage.fromData(png)
    assert (img.width(), img.height()) == (48, 48)
    colours = {img.pixel(x, y) for x in range(0, 48, 3) for y in range(0, 48, 3)}
    assert len(colours) > 5
