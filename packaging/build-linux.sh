#!/usr/bin/env bash
# Builds the Linux packages of nnsim from a checkout: the PyInstaller folder dist/nnsim
# (two programs, nnsim-gui and nnsim, sharing one set of libraries), then
# dist/nnsim_<version>_<arch>.deb and dist/nnsim-<version>-linux-<machine>.tar.gz,
# and prints their sizes. Needs ./.venv (scripts/install.sh) and dpkg-deb.
#   NNSIM_CLEAN=1 packaging/build-linux.sh   rebuilds from scratch (ignores PyInstaller's cache)
#   NNSIM_XZ_LEVEL=1 packaging/build-linux.sh  compresses the .deb faster (bigger; default 6)
#   NNSIM_DIST_DIR, NNSIM_WORK_DIR             other output / work folders (default dist, build)
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python

if [ ! -x "$py" ]; then
  echo "error: no .venv here; run scripts/install.sh first" >&2
  exit 1
fi
command -v dpkg-deb >/dev/null || { echo "error: dpkg-deb is needed to build the .deb" >&2; exit 1; }
if ! "$py" -c "import PyInstaller" 2>/dev/null; then
  echo "installing PyInstaller into .venv"
  "$py" -m pip install -q "pyinstaller>=6.10,<7"
fi

version=$("$py" packaging/bundle_config.py version)
echo "building nnsim $version with PyInstaller $("$py" -m PyInstaller --version)"
dist=${NNSIM_DIST_DIR:-dist}
work=${NNSIM_WORK_DIR:-build}
clean=()
# PyInstaller warns that libgtk-3 cannot be found for Qt's GTK theme plugin: the spec leaves
# that plugin out (see packaging/bundle_config.py), so the warning does no harm.
[ "${NNSIM_CLEAN:-0}" = "1" ] && clean=(--clean)
"$py" -m PyInstaller --noconfirm "${clean[@]}" --log-level WARN \
  --distpath "$dist" --workpath "$work/pyinstaller" packaging/nnsim.spec

"$py" packaging/linux/make_packages.py --bundle "$dist/nnsim" --out "$dist" --work "$work/linux" \
  --xz-level "${NNSIM_XZ_LEVEL:-6}"
