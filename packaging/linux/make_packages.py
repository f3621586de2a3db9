"""Turn the PyInstaller folder dist/nnsim into the Linux packages: a .deb and a .tar.gz.

The .deb installs the folder to /opt/nnsim with /usr/bin links, a desktop entry, hicolor
icons and the .nnsim MIME type; its Depends line lists the packages that own the system
libraries the bundle links against but does not carry (found with ldd and dpkg -S, as
dpkg-shlibdeps would). Run by packaging/build-linux.sh; by hand:

    .venv/bin/python packaging/linux/make_packages.py [--bundle dist/nnsim] [--out dist]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import bundle_config as cfg  # noqa: E402

INSTALL_DIR = "/opt/nnsim"
# A placeholder until the project has a contact address; override when publishing.
DEFAULT_MAINTAINER = "nnsim developers <nnsim@example.org>"


class PackagingError(RuntimeError):
    """The bundle cannot be packaged as it stands (the message says what to fix)."""


def is_elf(path: Path) -> bool:
    """Whether ``path`` is a real (not symlinked) ELF file."""
    if path.is_symlink() or not path.is_file():
        return False
    with open(path, "rb") as f:
        return f.read(4) == b"\x7fELF"


def elf_files(root: Path) -> list[Path]:
    """Every ELF executable and shared library in the folder ``root``."""
    return sorted(p for p in root.rglob("*") if is_elf(p))


def tree_size(root: Path) -> int:
    """Bytes the folder takes once unpacked (files and links, not counting directories)."""
    return sum(p.lstat().st_size for p in root.rglob("*") if p.is_file() or p.is_symlink())


_LDD_LINE = re.compile(r"^\s*(\S+)\s+=>\s+(not found|\S+)")


def external_libraries(root: Path) -> dict[str, str | None]:
    """System libraries the bundle links against but does not carry: name → path (None = missing)."""
    carried = {p.name for p in root.rglob("*")}
    found: dict[str, str | None] = {}
    for f in elf_files(root):
        out = subprocess.run(["ldd", str(f)], capture_output=True, text=True).stdout
        for line in out.splitlines():
            m = _LDD_LINE.match(line)
            if not m or m.group(1) in carried:
                continue
            path = None if m.group(2) == "not found" else m.group(2)
            if found.get(m.group(1)) is None:
                found[m.group(1)] = path
    return found


def owning_package(path: str) -> str | None:
    """The Debian package that installed ``path`` (tries the merged-/usr spellings too)."""
    real = os.path.realpath(path)
    tries = [path, real]
    for p in (path, real):
        tries.append(p[4:] if p.startswith("/usr/") else "/usr" + p)
    for p in dict.fromkeys(tries):
        r = subprocess.run(["dpkg", "-S", p], capture_output=True, text=True)
        for line in r.stdout.splitlines():
            if line.startswith("diversion ") or ": " not in line:
                continue
            return line.split(": ", 1)[0].split(",")[0].split(":")[0].strip()
    return None


def glibc_needed(files: list[Path]) -> str | None:
    """Highest GLIBC symbol version any of ``files`` needs, e.g. ``"2.34"`` (None if unknown)."""
    if not shutil.which("objdump"):
        return None
    best: tuple[int, ...] = ()
    for f in files:
        out = subprocess.run(["objdump", "-p", str(f)], capture_output=True, text=True).stdout
        for v in re.findall(r"\bGLIBC_(\d+(?:\.\d+)+)\b", out):
            best = max(best, tuple(int(x) for x in v.split(".")))
    return ".".join(map(str, best)) or None


def depends(root: Path) -> list[str]:
    """The Depends entries of the .deb for the bundle in ``root``."""
    libs = external_libraries(root)
    missing = sorted(n for n, p in libs.items() if p is None)
    if missing:
        raise PackagingError(
            "the bundle links against libraries this machine lacks: "
            + ", ".join(missing)
            + " (install the packages that provide them, e.g. apt-get install"
            " libwayland-egl1, and build again)"
        )
    packages, unowned = set(), []
    for name, path in sorted(libs.items()):
        pkg = owning_package(path)
        if pkg is None:
            unowned.append(f"{name} ({path})")
        else:
            packages.add(pkg)
    if unowned:
        raise PackagingError("no Debian package owns " + ", ".join(unowned))
    glibc = glibc_needed(elf_files(root))
    out = []
    for pkg in sorted(packages):
        out.append(f"{pkg} (>= {glibc})" if pkg == "libc6" and glibc else pkg)
    return out


def deb_architecture() -> str:
    """The Debian architecture name of this machine (amd64, arm64 …)."""
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def _install(src: Path, dest: Path, mode: int = 0o644) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    dest.chmod(mode)


def stage_deb(bundle: Path, icons: dict[str, Path], stage: Path, version: str) -> Path:
    """Lay out the .deb's file tree in ``stage`` and write its control file; return ``stage``."""
    if stage.exists():
        shutil.rmtree(stage)
    opt = stage / INSTALL_DIR.lstrip("/")
    shutil.copytree(bundle, opt, symlinks=True)
    for p in [opt, *opt.rglob("*")]:
        if p.is_symlink():
            continue
        p.chmod(0o755 if p.is_dir() or os.access(p, os.X_OK) else 0o644)
    bin_dir = stage / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for exe in (cfg.CLI_NAME, cfg.GUI_NAME):
        (bin_dir / exe).symlink_to(f"{INSTALL_DIR}/{exe}")
    share = stage / "usr" / "share"
    _install(HERE / "nnsim.desktop", share / "applications" / "nnsim.desktop")
    _install(HERE / "nnsim-mime.xml", share / "mime" / "packages" / "nnsim.xml")
    hicolor = share / "icons" / "hicolor"
    svg = cfg.RESOURCES / "icons" / "nnsim.svg"
    for key, png in icons.items():
        if key.startswith("png"):
            size = key[3:]
            _install(png, hicolor / f"{size}x{size}" / "apps" / "nnsim.png")
            _install(png, hicolor / f"{size}x{size}" / "mimetypes" / f"{cfg.MIME_ICON}.png")
    _install(svg, hicolor / "scalable" / "apps" / "nnsim.svg")
    _install(svg, hicolor / "scalable" / "mimetypes" / f"{cfg.MIME_ICON}.svg")
    _install(HERE / "copyright", share / "doc" / "nnsim" / "copyright")
    for d in [stage / "usr", *(stage / "usr").rglob("*")]:
        if d.is_dir() and not d.is_symlink():
            d.chmod(0o755)

    control = (HERE / "control.in").read_text(encoding="utf-8")
    fields = {
        "VERSION": version,
        "ARCH": deb_architecture(),
        "MAINTAINER": os.environ.get("NNSIM_DEB_MAINTAINER", DEFAULT_MAINTAINER),
        "INSTALLED_SIZE": str((tree_size(stage) + 1023) // 1024),
        "DEPENDS": ", ".join(depends(opt)),
    }
    for k, v in fields.items():
        control = control.replace(f"@{k}@", v)
    if re.search(r"@[A-Z_]+@", control):
        raise PackagingError("control.in has a field make_packages.py does not fill")
    debian = stage / "DEBIAN"
    debian.mkdir(mode=0o755)
    (debian / "control").write_text(control, encoding="utf-8")
    return stage


def build_deb(stage: Path, out_dir: Path, version: str, xz_level: int = 6) -> Path:
    """``dpkg-deb --build`` the staged tree into ``out_dir``.

    xz (which every dpkg reads) at level 6 makes the smallest download (about 66 MB for
    216 MB unpacked) but takes minutes; level 1 is ~5× faster and ~18 % bigger, which
    the tests use.
    """
    out = out_dir / f"nnsim_{version}_{deb_architecture()}.deb"
    subprocess.run(
        [
            "dpkg-deb",
            "--root-owner-group",
            "-Zxz",
            f"-z{xz_level}",
            "--build",
            str(stage),
            str(out),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


def build_tar(bundle: Path, out_dir: Path, version: str) -> Path:
    """The folder as ``nnsim-<version>-linux-<machine>.tar.gz`` (top folder ``nnsim-<version>``)."""
    top = f"nnsim-{version}"
    out = out_dir / f"{top}-linux-{platform.machine()}.tar.gz"

    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=top, filter=owned_by_root)
    return out


def human(n: int) -> str:
    """Bytes as MB with one decimal (1 MB = 10^6 bytes, as file managers show)."""
    return f"{n / 1e6:.1f} MB"


def main(argv=None) -> int:
    """Build the .deb and the .tar.gz from the PyInstaller folder and print their sizes."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bundle", type=Path, default=cfg.ROOT / "dist" / cfg.DIST_NAME)
    p.add_argument("--out", type=Path, default=cfg.ROOT / "dist")
    p.add_argument("--work", type=Path, default=cfg.ROOT / "build" / "linux")
    p.add_argument("--xz-level", type=int, default=6, choices=range(10), metavar="0-9")
    args = p.parse_args(argv)
    if not (args.bundle / cfg.CLI_NAME).is_file():
        raise SystemExit(
            f"no bundle in {args.bundle}: run PyInstaller on packaging/nnsim.spec first"
        )
    from make_icons import make_icons

    version = cfg.version()
    icons = make_icons(cfg.RESOURCES / "icons" / "nnsim.svg", args.work / "icons")
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        stage = stage_deb(args.bundle, icons, args.work / "deb", version)
    except PackagingError as e:
        raise SystemExit(f"error: {e}") from None
    deb = build_deb(stage, args.out, version, args.xz_level)
    tgz = build_tar(args.bundle, args.out, version)
    print(f"unpacked  {human(tree_size(args.bundle)):>10}  {args.bundle}")
    print(f"deb       {human(deb.stat().st_size):>10}  {deb}")
    print(f"tar.gz    {human(tgz.stat().st_size):>10}  {tgz}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
