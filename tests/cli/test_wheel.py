"""An installed wheel (not the editable checkout) finds its lessons and data from any folder."""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
ENV.update(PYTHONIOENCODING="utf-8", LANG="C.UTF-8")


def _run(args, cwd, timeout=600):
    r = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=ENV, timeout=timeout
    )
    assert r.returncode == 0, f"{args}\n{r.stdout}\n{r.stderr}"
    return r


def test_installed_wheel_runs_a_lesson_from_another_folder(tmp_path):
    """Build the wheel from a copy of the sources, install it into a fresh venv, run a lesson.

    Takes about 10 s (wheel build, venv), so CI runs it on every change. The fresh venv
    sees the current environment's packages (NumPy, psygnal) through a .pth file but not
    the editable checkout.
    """
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    for name in ("nnsim", "resources"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE", "setup.py", "MANIFEST.in"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    dist = tmp_path / "dist"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(src),
        ],
        tmp_path,
    )
    (wheel,) = dist.glob("nnsim-*.whl")

    venv = tmp_path / "fresh"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        tmp_path,
    )
    fresh_site = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            tmp_path,
        ).stdout.strip()
    )
    # The current environment's packages, appended after the fresh site-packages: the
    # wheel's nnsim comes first, and the checkout's editable hook (a .pth in that folder)
    # is not run because the folder is not a site directory of the fresh venv.
    (fresh_site / "current_env.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run(
        [
            str(python),
            "-c",
            "import nnsim, nnsim.paths; print(nnsim.__file__); print(nnsim.paths.resources_dir())",
        ],
        elsewhere,
    ).stdout.splitlines()
    assert all(Path(p).resolve().is_relative_to(venv.resolve()) for p in where), where
    resources = Path(where[1])
    assert (resources / "lessons" / "bp-worked-example.nnsim").is_file(), (
        f"the wheel has no lesson files under {resources}: resources/ was not packaged as nnsim.resources"
    )
    assert (resources / "schema" / "nnsim.schema.json").is_file()

    nnsim_exe = bindir / ("nnsim.exe" if os.name == "nt" else "nnsim")
    out = _run([str(nnsim_exe), "lesson", "run", "bp-worked-example"], elsewhere).stdout
    assert "0.680267" in out and "0.182019" in out
    assert out.rstrip().endswith("Outcome as stated.")
    listing = _run([str(nnsim_exe), "lesson", "list"], elsewhere).stdout
    from nnsim.lessons import LESSONS

    assert len(listing.splitlines()) == len(LESSONS)
