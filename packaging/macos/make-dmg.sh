#!/usr/bin/env bash
# Wraps dist/nnsim.app (built by PyInstaller from packaging/nnsim.spec on macOS) into
# dist/nnsim-<version>-macos-<arch>.dmg: the app beside a link to /Applications, so
# installing is one drag. Run from anywhere on a Mac: packaging/macos/make-dmg.sh
# (PYTHON names the interpreter that reads the version; default .venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/../.."
py=${PYTHON:-.venv/bin/python}
version=$("$py" packaging/bundle_config.py version)
arch=$(uname -m)
app=dist/nnsim.app
out="dist/nnsim-$version-macos-$arch.dmg"
[ -d "$app" ] || { echo "error: no $app; run PyInstaller on packaging/nnsim.spec first" >&2; exit 1; }

stage=build/dmg
rm -rf "$stage"
mkdir -p "$stage"
ditto "$app" "$stage/nnsim.app"   # keeps symlinks, permissions and the code signature
ln -s /Applications "$stage/Applications"
# hdiutil now and then fails with "Resource busy" on CI machines; try again.
for attempt in 1 2 3; do
  if hdiutil create -volname "nnsim $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$out"; then
    break
  fi
  [ "$attempt" = 3 ] && exit 1
  sleep 5
done
du -sh "$app" "$out"
