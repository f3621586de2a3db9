"""Write the lesson files in resources/lessons/ from code, so they stay consistent.

Run ``python -m nnsim.lessons.build`` after changing a lesson and commit the files it
writes. Each lesson's builder (named by its record in ``nnsim.lessons.LESSONS``) lives in
the module of its topic; initial weights are drawn from the lesson's seed and rounded to 4
decimals so the files stay readable (the rounded numbers are the lesson's weights).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nnsim.lessons import LessonError, get_lesson, lesson_names
from nnsim.model.document import NetworkDocument
from nnsim.model.fileformat import dumps


def build(name: str) -> NetworkDocument:
    """The document of lesson ``name``, built from code."""
    return get_lesson(name).build()


def main(argv=None) -> int:
    """Write every lesson file (or the named ones) into ``--out`` (resources/lessons)."""
    here = Path(__file__).resolve().parents[2] / "resources" / "lessons"
    p = argparse.ArgumentParser(description="Write the lesson files")
    p.add_argument("names", nargs="*", help="lessons to build (default: all)")
    p.add_argument("--out", default=str(here), help="folder to write into")
    p.add_argument("--check", action="store_true", help="only report files that differ")
    args = p.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    differ = []
    for name in args.names or lesson_names():
        try:
            name = get_lesson(name).name
        except LessonError as e:
            print(e, file=sys.stderr)
            return 2
        text = dumps(build(name))
        path = out / f"{name}.nnsim"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                differ.append(name)
            continue
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {path}")
    if args.check and differ:
        print("out of date: " + ", ".join(differ), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
