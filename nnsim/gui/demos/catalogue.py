"""The Chinese catalogue of the demo views: collect their strings, keep demos_zh_CN.ts current.

Run ``python -m nnsim.gui.demos.catalogue`` after adding or changing a text in
nnsim/gui/demos/, nnsim/gui/lesson_browser.py or nnsim/gui/exercise.py: it adds the new
strings to resources/translations/demos_zh_CN.ts (unfinished), keeps every existing
translation, lists what still needs translating and compiles the .qm with
pyside6-lrelease. The app loads every ``*_zh_CN.qm`` of that folder (nnsim/gui/i18n.py).

Each module calls ``_t("…")`` (or ``tr = _t`` then ``tr("…")``), which is
``QCoreApplication.translate(_CONTEXT, "…")`` with the module's ``_CONTEXT``. Not
``self.tr``: the GUI shell's lupdate run (resources/translations/update.sh) scans all of
nnsim/gui and would copy ``tr()`` strings into nnsim_zh_CN.ts with guessed "unfinished"
translations, which lrelease keeps and which would shadow the ones here. ``_t`` calls are
invisible to lupdate; this module finds them with ``ast`` instead. ``self.tr("…")`` in a
class (context: the class name) and ``QCoreApplication.translate("Ctx", "…")`` are found
too.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SOURCES = (
    *sorted((ROOT / "nnsim" / "gui" / "demos").glob("*.py")),
    ROOT / "nnsim" / "gui" / "lesson_browser.py",
    ROOT / "nnsim" / "gui" / "exercise.py",
)
TS = ROOT / "resources" / "translations" / "demos_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _literal(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def extract(path: Path) -> list[tuple[str, str]]:
    """(context, source text) of every translatable string in one file, in order."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_ctx = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "_CONTEXT" for t in node.targets
        ):
            module_ctx = _literal(node.value)
    found: list[tuple[str, str]] = []

    def visit(node, cls: str | None):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call) and child.args:
                fn = child.func
                text = _literal(child.args[0])
                ctx = None
                if isinstance(fn, ast.Attribute) and fn.attr == "tr" and cls:
                    ctx = cls
                elif isinstance(fn, ast.Name) and fn.id == "tr":
                    ctx = module_ctx or cls
                elif isinstance(fn, ast.Name) and fn.id == "_t":
                    ctx = module_ctx
                elif (
                    isinstance(fn, ast.Attribute)
                    and fn.attr == "translate"
                    and len(child.args) >= 2
                ):
                    ctx, text = _literal(child.args[0]), _literal(child.args[1])
                if ctx and text is not None:
                    found.append((ctx, text))
            visit(child, cls)

    visit(tree, None)
    return found


def all_strings() -> list[tuple[str, str]]:
    """Every (context, source) of the demo views, each once, in source order."""
    seen: dict[tuple[str, str], None] = {}
    for path in SOURCES:
        for key in extract(path):
            seen.setdefault(key, None)
    return list(seen)


def read_ts(path: Path = TS) -> dict[tuple[str, str], str]:
    """(context, source) → translation ("" when unfinished) of a .ts file."""
    if not path.is_file():
        return {}
    out = {}
    for ctx in ET.parse(path).getroot().findall("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.findall("message"):
            tr = m.find("translation")
            done = tr is not None and tr.get("type") != "unfinished"
            out[(name, m.findtext("source") or "")] = (tr.text or "") if done else ""
    return out


def write_ts(entries: dict[tuple[str, str], str], path: Path = TS) -> None:
    """Write the catalogue, contexts and messages sorted, unfinished where empty."""
    root = ET.Element("TS", version="2.1", language="zh_CN")
    by_ctx: dict[str, list[tuple[str, str]]] = {}
    for (ctx, src), zh in entries.items():
        by_ctx.setdefault(ctx, []).append((src, zh))
    for ctx in sorted(by_ctx):
        c = ET.SubElement(root, "context")
        ET.SubElement(c, "name").text = ctx
        for src, zh in sorted(by_ctx[ctx]):
            m = ET.SubElement(c, "message")
            ET.SubElement(m, "source").text = src
            t = ET.SubElement(m, "translation")
            if zh:
                t.text = zh
            else:
                t.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", "utf-8"
    )


def update(translations: dict[tuple[str, str], str] | None = None) -> list[tuple[str, str]]:
    """Bring the .ts in line with the sources (plus ``translations``), compile the .qm.

    Returns the strings still untranslated.
    """
    old = read_ts()
    if translations:
        old.update({k: v for k, v in translations.items() if v})
    entries = {key: old.get(key, "") for key in all_strings()}
    write_ts(entries)
    compile_qm()
    return [k for k, v in entries.items() if not v]


def compile_qm() -> None:
    """pyside6-lrelease demos_zh_CN.ts → demos_zh_CN.qm."""
    exe = Path(sys.executable).with_name("pyside6-lrelease")
    cmd = str(exe) if exe.exists() else shutil.which("pyside6-lrelease")
    if cmd is None:
        raise RuntimeError("pyside6-lrelease not found: install PySide6")
    subprocess.run([cmd, str(TS), "-qm", str(QM)], check=True, capture_output=True)


def main() -> int:
    missing = update()
    for ctx, src in missing:
        print(f"untranslated [{ctx}] {src}")
    print(f"{TS.name}: {len(all_strings())} strings, {len(missing)} untranslated")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
