"""Build the Linux packages and run what they hold: frozen CLI and GUI, the .deb, the tar.gz.

Slow (``@pytest.mark.slow``): the build takes minutes (PyInstaller two to three, the .deb
about one more at xz level 1). Run by hand with

    .venv/bin/python -m pytest -m slow tests/packaging -q

and in .github/workflows/installers.yml. The bar:

- the bundled ``nnsim lesson run bp-worked-example`` prints the worked example's numbers
  (0.690283, 0.682019) and ``nnsim --version`` the package version;
- the bundled GUI opens the lesson offscreen, in English and in Chinese, and saves
  pictures that are not blank, the Chinese one differing from the English one;
- the folder is at most 250 MB unpacked and holds none of the excluded modules;
- the .deb installs with dpkg (as root, or with password-less sudo), puts ``nnsim`` on
  PATH printing the package version, and ``dpkg -r`` / ``dpkg -P`` leave nothing in
  /opt/nnsim; the tar.gz unpacks to a folder whose ``nnsim`` runs from anywhere.

``NNSIM_TEST_DIST=dist`` tests the packages packaging/build-linux.sh already built there
instead of building again (the workflow does this); otherwise they are built into
build/test-bundle/dist. Screenshots are kept in build/test-screenshots/ to look at.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SHOTS = ROOT / "build" / "test-screenshots"
# Scratch space of these tests. Not pytest's tmp_path: on a shared machine other pytest
# runs prune /tmp/pytest-of-<user> while this module's minutes-long build is still in use.
SCRATCH = ROOT / "build" / "test-bundle"
WORKED_EXAMPLE_NUMBERS = ("0.690283", "0.682019")
MAX_UNPACKED_BYTES = 250_000_000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux packages"),
]


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cfg = _load("nnsim_bundle_config_slow", PACKAGING / "bundle_config.py")
VERSION = cfg.version()


def _env(data_dir: Path, **extra) -> dict[str, str]:
    """A bare environment: nothing of the developer's Python or display leaks in."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(data_dir),
        "LANG": "C.UTF-8",
        "NNSIM_DATA_DIR": str(data_dir),
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.update(extra)
    return env


def _run(cmd, tmp: Path, timeout=300, **extra) -> subprocess.CompletedProcess:
    data = tmp / "data"
    data.mkdir(exist_ok=True)
    return subprocess.run(
        [str(c) for c in cmd],
        cwd=tmp,  # not the checkout: the bundle must not find nnsim's sources
        env=_env(data, **extra),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def tmp_path(request):
    """A fresh scratch folder per test under build/test-bundle (see SCRATCH)."""
    path = SCRATCH / "tests" / request.node.name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


@pytest.fixture(scope="module")
def packages():
    """The built folder, .deb and .tar.gz (built now unless NNSIM_TEST_DIST names them)."""
    given = os.environ.get("NNSIM_TEST_DIST")
    if given:
        dist = Path(given).resolve()
    else:
        if not shutil.which("dpkg-deb"):
            pytest.skip("dpkg-deb is needed to build the .deb")
        dist = SCRATCH / "dist"
        shutil.rmtree(dist, ignore_errors=True)
        env = dict(os.environ, NNSIM_DIST_DIR=str(dist), NNSIM_XZ_LEVEL="1")
        r = subprocess.run(
            [str(PACKAGING / "build-linux.sh")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=3600,
        )
        assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-4000:]
        print(r.stdout)
    debs = sorted(dist.glob(f"nnsim_{VERSION}_*.deb"))
    tars = sorted(dist.glob(f"nnsim-{VERSION}-linux-*.tar.gz"))
    assert debs and tars, f"no packages of version {VERSION} in {dist}"
    return SimpleNamespace(bundle=dist / cfg.DIST_NAME, deb=debs[-1], tar=tars[-1])


# --- the frozen command line --------------------------------------------------------------


def test_frozen_cli_prints_its_version(packages, tmp_path):
    r = _run([packages.bundle / cfg.CLI_NAME, "--version"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"nnsim {VERSION}"


def test_frozen_cli_runs_the_worked_example(packages, tmp_path):
    r = _run([packages.bundle / cfg.CLI_NAME, "lesson", "run", "bp-worked-example"], tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    for number in WORKED_EXAMPLE_NUMBERS:
        assert number in r.stdout, f"{number} missing from:\n{r.stdout}"


def test_frozen_doctor_trains_in_a_second_process(packages, tmp_path):
    """The frozen program starts its training process (multiprocessing in a bundle needs
    freeze_support) and gets the same numbers there."""
    r = _run([packages.bundle / cfg.CLI_NAME, "doctor"], tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "ok   training process: started in" in r.stdout
    assert "the same numbers in both" in r.stdout
    assert "ok   Qt: PySide6" in r.stdout


def test_frozen_cli_prints_chinese_whatever_the_locale(packages, tmp_path):
    # LANG=C: without the bundle's UTF-8 mode, Chinese output could fail to encode.
    cmd = [packages.bundle / cfg.CLI_NAME, "lesson", "run", "bp-worked-example", "--lang", "zh"]
    r = _run(cmd, tmp_path, LANG="C", LC_ALL="C")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "隐层" in r.stdout and WORKED_EXAMPLE_NUMBERS[0] in r.stdout


# --- the frozen GUI -------------------------------------------------------------------------


def _gui_has_screenshot_option(bundle: Path, tmp: Path) -> bool:
    r = _run([bundle / cfg.CLI_NAME, "gui", "--help"], tmp)
    return "--screenshot" in r.stdout


def _no_system_fonts(work: Path) -> Path:
    """A fontconfig file that hides every font of the machine (an empty font folder)."""
    (work / "fonts").mkdir()
    conf = work / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{work / 'fonts'}</dir><cachedir>{work / 'fc-cache'}</cachedir>"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def _screenshot(bundle: Path, tmp: Path, language: str, system_fonts: bool = True) -> Path:
    """Start nnsim-gui offscreen on the worked example in ``language``; return its picture.

    Without ``system_fonts`` the machine's fonts are hidden, so every character on the
    picture comes from the font inside the bundle.
    """
    work = tmp / language
    data = work / "data"  # _run's NNSIM_DATA_DIR
    data.mkdir(parents=True)
    # The language a user picked is kept in settings.ini (nnsim.gui.prefs, QSettings INI).
    (data / "settings.ini").write_text(f"[General]\nlanguage={language}\n", encoding="utf-8")
    out = work / f"nnsim-gui-{language}.png"
    cmd = [bundle / cfg.GUI_NAME]
    extra = {}
    if not system_fonts:
        extra["FONTCONFIG_FILE"] = str(_no_system_fonts(work))
    if _gui_has_screenshot_option(bundle, work):
        cmd += ["--screenshot", out]
    else:
        extra["NNSIM_SCREENSHOT"] = str(out)  # handled by packaging/launchers/nnsim_gui.py
    r = _run([*cmd, "bp-worked-example"], work, timeout=180, **extra)
    assert r.returncode == 0, f"exit {r.returncode}\n{r.stdout}\n{r.stderr}"
    assert out.is_file(), r.stderr
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(out, SHOTS / out.name)
    return out


def _image(path: Path):
    from PySide6.QtGui import QImage

    img = QImage(str(path))
    assert not img.isNull(), f"{path} is not a picture"
    return img


def _assert_not_trivial(path: Path):
    assert path.stat().st_size > 20_000
    img = _image(path)
    assert img.width() >= 640 and img.height() >= 400
    samples = [img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)]
    assert len(set(samples)) >= 50, "the window is (almost) one colour"
    most = max(samples.count(c) for c in set(samples))
    assert most / len(samples) < 0.9


def _differing_fraction(a: Path, b: Path, height: int) -> float:
    ia, ib = _image(a), _image(b)
    w = min(ia.width(), ib.width())
    pts = [(x, y) for x in range(0, w, 2) for y in range(0, height, 2)]
    return sum(ia.pixel(x, y) != ib.pixel(x, y) for x, y in pts) / len(pts)


def test_frozen_gui_renders_in_english_and_chinese(packages, tmp_path):
    qm = packages.bundle / "_internal" / cfg.RESOURCES_DEST / "translations" / "nnsim_zh_CN.qm"
    assert qm.is_file(), "the Chinese translation is not in the bundle"
    en = _screenshot(packages.bundle, tmp_path, "en")
    # Students' laptops may have no Chinese font: the bundled one must do.
    zh = _screenshot(packages.bundle, tmp_path, "zh_CN", system_fonts=False)
    _assert_not_trivial(en)
    _assert_not_trivial(zh)
    # The menu bar and toolbar (top 60 px) read differently once Chinese is on.
    assert _differing_fraction(en, zh, 60) > 0.01


# --- what the folder holds ---------------------------------------------------------------------


def test_bundle_size(packages):
    mk = _load("nnsim_make_packages_slow", PACKAGING / "linux" / "make_packages.py")
    size = mk.tree_size(packages.bundle)
    print(
        f"unpacked {size / 1e6:.1f} MB, .deb {packages.deb.stat().st_size / 1e6:.1f} MB, "
        f".tar.gz {packages.tar.stat().st_size / 1e6:.1f} MB"
    )
    assert size <= MAX_UNPACKED_BYTES


def test_bundle_contents(packages):
    internal = packages.bundle / "_internal"
    names = [str(p.relative_to(packages.bundle)) for p in packages.bundle.rglob("*")]
    for bad in ("Qt6WebEngine", "Qt6Quick", "Qt6Qml", "Qt6Multimedia", "Qt63D", "Qt6Pdf"):
        assert not [n for n in names if bad in n], f"{bad} is in the bundle"
    for bad in ("torch", "_tkinter", "matplotlib", "tkinter"):
        assert not [n for n in names if f"/{bad}" in f"/{n}"], f"{bad} is in the bundle"
    res = internal / cfg.RESOURCES_DEST
    wanted = {*cfg.REQUIRED_RESOURCES, "lessons/bp-worked-example.nnsim"}
    wanted |= {p.as_posix() for p in cfg.resource_files()}  # everything, e.g. every .qm
    missing = sorted(rel for rel in wanted if not (res / rel).is_file())
    assert missing == [], f"not in the bundle: {missing}"
    assert (internal / "THIRD-PARTY-NOTICES.txt").is_file()
    for exe in (cfg.CLI_NAME, cfg.GUI_NAME):
        assert os.access(packages.bundle / exe, os.X_OK)


def test_tarball_runs_from_anywhere(packages, tmp_path):
    with tarfile.open(packages.tar) as tar:
        tops = {m.name.split("/")[0] for m in tar.getmembers()}
        assert tops == {f"nnsim-{VERSION}"}
        tar.extractall(tmp_path, filter="tar")
    moved = tmp_path / "elsewhere"
    (tmp_path / f"nnsim-{VERSION}").rename(moved)
    r = _run([moved / cfg.CLI_NAME, "--version"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"nnsim {VERSION}"


# --- the Debian package ---------------------------------------------------------------------------


def _as_root() -> list[str] | None:
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"]).returncode == 0:
        return ["sudo", "-n"]
    return None


def _installed(package: str) -> bool:
    r = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
    )
    return r.returncode == 0 and "installed" in r.stdout.split()


def test_deb_installs_runs_and_uninstalls_cleanly(packages, tmp_path):
    root = _as_root()
    if root is None:
        pytest.skip("installing a .deb needs root or password-less sudo")
    if _installed("nnsim"):
        pytest.skip("nnsim is installed on this machine already; not touching it")
    opt = Path("/opt/nnsim")
    try:
        r = subprocess.run([*root, "dpkg", "-i", str(packages.deb)], capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        r = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "nnsim"], capture_output=True, text=True
        )
        assert r.stdout == VERSION
        # From PATH, as a student would type it.
        r = _run(["nnsim", "--version"], tmp_path)
        assert r.returncode == 0, r.stderr
        assert r.stdout.strip() == f"nnsim {VERSION}"
        r = _run(["nnsim", "lesson", "run", "bp-worked-example"], tmp_path)
        assert all(n in r.stdout for n in WORKED_EXAMPLE_NUMBERS), r.stdout + r.stderr
        assert os.readlink("/usr/bin/nnsim-gui") == "/opt/nnsim/nnsim-gui"
        for f in (
            "/usr/share/applications/nnsim.desktop",
            "/usr/share/mime/packages/nnsim.xml",
            "/usr/share/icons/hicolor/256x256/apps/nnsim.png",
            "/usr/share/icons/hicolor/scalable/apps/nnsim.svg",
            f"/usr/share/icons/hicolor/48x48/mimetypes/{cfg.MIME_ICON}.png",
            "/usr/share/doc/nnsim/copyright",
        ):
            assert Path(f).is_file(), f"{f} not installed"
        r = subprocess.run([*root, "dpkg", "-r", "nnsim"], capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        assert not opt.exists(), sorted(str(p) for p in opt.rglob("*"))[:20]
        assert not os.path.lexists("/usr/bin/nnsim")
        assert not Path("/usr/share/applications/nnsim.desktop").exists()
    finally:
        subprocess.run([*root, "dpkg", "-P", "nnsim"], capture_output=True)
    assert not _installed("nnsim")
    assert not opt.exists()
