"""Pictures of the Compare view for the user guides (docs/screenshots/compare-*.png).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m nnsim.gui.compare.screenshots [OUT_DIR]
        [--size 1280x800] [--presentation]

The learning-rate lesson opens on its comparison, trains all its epochs, η = 0.1 is
selected; the window is saved as compare-en.png and compare-zh.png (with
``--presentation``: compare-en-presentation.png and compare-zh-presentation.png).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path


def shoot(out: Path, size=(1280, 800), presentation: bool = False) -> list[Path]:
    """Write compare-en.png and compare-zh.png (``-presentation`` before the suffix in
    presentation mode) into ``out``; returns their paths."""
    from nnsim.gui.app import application, build_window, wait_until_laid_out

    app = application()
    written = []
    for lang, suffix in (("en", "en"), ("zh_CN", "zh")):
        win = build_window("learning-rate", restore=False, language=lang, presentation=presentation)
        win.resize(*size)
        win.show()
        wait_until_laid_out(app, win)
        view = win.compare
        view.ensure_set_up()
        view.strip.pace.setCurrentIndex(view.strip.pace.count() - 1)  # fastest
        view.play()
        deadline = time.monotonic() + 120
        while view.runner.playing and time.monotonic() < deadline:
            app.processEvents()
        view.select(4)  # η = 0.1
        wait_until_laid_out(app, win)
        mode = "-presentation" if presentation else ""
        path = out / f"compare-{suffix}{mode}.png"
        win.grab().save(str(path))
        written.append(path)
        win.set_presentation(False)
        win.undo_stack.setClean()
        win.close()
    return written


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", nargs="?", default="docs/screenshots")
    p.add_argument("--size", default="1280x800")
    p.add_argument("--presentation", action="store_true")
    args = p.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    w, h = (int(v) for v in args.size.lower().split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for path in shoot(out, (w, h), args.presentation):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
