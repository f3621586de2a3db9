#!/usr/bin/env bash
# Installs what nnsim needs on this machine: the system libraries Qt loads (xcb, EGL,
# fontconfig) and a CJK font where the package manager allows it, then nnsim itself in
# ./.venv. `scripts/install.sh test` also installs the test extras.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
extras=""
[ "${1:-}" = "test" ] && extras="[test]"

need_apt=()
if command -v apt-get >/dev/null 2>&1; then
  for pkg in libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 \
             libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 \
             libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 fonts-wqy-microhei; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
  done
  if [ ${#need_apt[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
    if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
      echo "installing system packages: ${need_apt[*]}"
      $sudo apt-get update -qq || true
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null \
        || echo "warning: could not install ${need_apt[*]}; nnsim ships its own CJK font" >&2
    else
      echo "note: missing system packages (${need_apt[*]}); ask an administrator to install them" >&2
    fi
  fi
fi

py=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$py" -m venv .venv
# setuptools too: a venv's bundled one is older than pyproject's licence field needs.
.venv/bin/python -m pip install -q --upgrade pip "setuptools>=77" wheel >/dev/null
.venv/bin/python -m pip install -q -e ".${extras}"
