"""The Chinese catalogue of the Compare view: collect its texts, keep compare_zh_CN.ts current.

Run ``python -m nnsim.gui.compare.catalogue`` after adding or changing a text in
nnsim/gui/compare/: new texts are added to resources/translations/compare_zh_CN.ts
(unfinished), existing translations are kept, the untranslated ones are listed and the
.qm is compiled. The view's texts are ``_t("…")`` (shown translated) or ``_n("…")``
(marked, translated where shown), all in the context "compare"; ``_t`` calls are
invisible to the GUI shell's lupdate run, so that its catalogue never shadows this one.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from nnsim.gui.demos.catalogue import read_ts, write_ts

CONTEXT = "compare"
ROOT = Path(__file__).resolve().parents[3]
SOURCES = tuple(sorted((ROOT / "nnsim" / "gui" / "compare").glob("*.py")))
TS = ROOT / "resources" / "translations" / "compare_zh_CN.ts"
QM = TS.with_suffix(".qm")


def extract(path: Path) -> list[str]:
    """The texts of ``_t("…")`` and ``_n("…")`` calls in one file, in order."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("_t", "_n")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            out.append(node.args[0].value)
    return out


def all_strings() -> list[tuple[str, str]]:
    """Every (context, text) of the view, each once."""
    seen: dict[tuple[str, str], None] = {}
    for path in SOURCES:
        for text in extract(path):
            seen.setdefault((CONTEXT, text), None)
    return list(seen)


def update(translations: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Bring the .ts in line with the sources (plus ``translations``: text → Chinese) and
    compile the .qm; returns the texts still untranslated."""
    old = read_ts(TS)
    for text, zh in (translations or {}).items():
        if zh:
            old[(CONTEXT, text)] = zh
    entries = {key: old.get(key, "") for key in all_strings()}
    write_ts(entries, TS)
    exe = Path(sys.executable).with_name("pyside6-lrelease")
    cmd = str(exe) if exe.exists() else shutil.which("pyside6-lrelease")
    if cmd is None:
        raise RuntimeError("pyside6-lrelease not found: install PySide6")
    subprocess.run([cmd, str(TS), "-qm", str(QM)], check=True, capture_output=True)
    return [k for k, v in entries.items() if not v]


def main() -> int:
    missing = update()
    for _ctx, text in missing:
        print(f"untranslated: {text}")
    print(f"{TS.name}: {len(all_strings())} texts, {len(missing)} untranslated")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
