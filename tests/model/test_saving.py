"""Saving: temp files of killed saves are removed by the next save, a missing folder is
named as the user wrote it, and files keep (or get the user's default) permission bits."""

import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from nnsim.cli import main
from nnsim.lessons import load_lesson
from nnsim.model.atomic_file import OLD_TEMP_SECONDS, SaveError, remove_stale_temp_files
from nnsim.model.fileformat import load, save

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def _temps(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_save_killed_midway_leaves_a_temp_file_the_next_save_removes(tmp_path):
    path = tmp_path / "net.nnsim"
    save(load_lesson("xor-two-layer"), path)
    before = path.read_bytes()
    # A real process is killed while its temp file is written (before the rename).
    script = (
        "import os, signal, sys\n"
        "from nnsim.lessons import load_lesson\n"
        "from nnsim.model.fileformat import save\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"
        f"save(load_lesson('overfitting'), {str(path)!r})\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    left = _temps(tmp_path)
    assert len(left) == 1 and left[0].startswith(".net.nnsim.")  # the .bak's temp file
    assert path.read_bytes() == before  # the file itself is untouched
    # A temp file of a running save (here: this process's parent) and an unrelated
    # hidden .tmp file stay; an old-style one (no process id) goes once it is old.
    running = tmp_path / f".other.nnsim.{os.getppid()}-abcdefgh.tmp"
    unrelated = tmp_path / ".editor-swap.tmp"
    old_style = tmp_path / ".old.nnsim.x1y2z3w4.tmp"
    fresh_old_style = tmp_path / ".new.nnsim.q1w2e3r4.tmp"
    for p in (running, unrelated, old_style, fresh_old_style):
        p.write_text("{")
    long_ago = time.time() - OLD_TEMP_SECONDS - 5
    os.utime(old_style, (long_ago, long_ago))
    save(load_lesson("xor-two-layer"), path)
    assert _temps(tmp_path) == sorted(p.name for p in (running, unrelated, fresh_old_style))
    assert load(path) == load_lesson("xor-two-layer")


def test_removing_temp_files_never_raises(tmp_path):
    assert remove_stale_temp_files(tmp_path / "missing") == []
    dead = tmp_path / ".a.nnsim.999999999-abcdefgh.tmp"
    dead.mkdir()  # a folder of that name is not ours to remove
    assert remove_stale_temp_files(tmp_path) == []


def test_saving_into_a_missing_folder_names_the_users_path(tmp_path, capsys):
    target = tmp_path / "no such folder" / "net.nnsim"
    with pytest.raises(SaveError) as info:
        save(load_lesson("xor-two-layer"), target)
    assert str(info.value) == (
        f"{target}: cannot save there, the folder {target.parent} does not exist"
    )
    assert isinstance(info.value, OSError)
    code = main(["train", "xor-two-layer", "--epochs", "1", "--save", str(target)])
    err = capsys.readouterr().err
    assert code != 0
    assert f"nnsim: error: {target}: cannot save there, the folder" in err
    assert ".tmp" not in err and "Errno" not in err
    file_as_folder = tmp_path / "a file"
    file_as_folder.write_text("")
    with pytest.raises(SaveError, match="is not a folder"):
        save(load_lesson("xor-two-layer"), file_as_folder / "net.nnsim")


@posix_only
def test_a_new_file_gets_the_users_default_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        path = save(load_lesson("xor-two-layer"), tmp_path / "new.nnsim")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # students can read it
        os.umask(0o077)
        private = save(load_lesson("xor-two-layer"), tmp_path / "private.nnsim")
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
    finally:
        os.umask(old)


@posix_only
def test_saving_keeps_the_permissions_of_the_file_and_its_backup(tmp_path):
    old = os.umask(0o077)  # the lecturer's own default is private...
    try:
        path = tmp_path / "course.nnsim"
        save(load_lesson("xor-two-layer"), path)
        os.chmod(path, 0o644)  # ...but the course file is shared
        save(load_lesson("overfitting"), path)
        bak = tmp_path / "course.nnsim.bak"
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        assert stat.S_IMODE(bak.stat().st_mode) == 0o644  # a new .bak: as the file it copies
        os.chmod(path, 0o640)
        os.chmod(bak, 0o604)
        save(load_lesson("xor-two-layer"), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
        assert stat.S_IMODE(bak.stat().st_mode) == 0o604  # an existing .bak keeps its own
    finally:
        os.umask(old)
