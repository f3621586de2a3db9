"""Presentation mode per lesson: the canvas's share of the window and the smallest name or
number on screen, as the back row sees them.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_presentation.py
    ... bench_presentation.py --size 1920x1080 --lang zh_CN

Opens every bundled lesson on the network view, weights shown, in presentation mode (F5)
at the window size given (1280×800: the common small projector), and prints one row per
lesson: canvas share, smallest text in screen px (the target is ≥ 24 px), whether the
whole network is in view, and how many weights are not printed for want of room (the view
says how to see them). Target: share ≥ 70 %, smallest ≥ 24 px, whole network in view.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1280x800", help="window size, WxH")
    parser.add_argument("--lang", default="en", help="en or zh_CN")
    args = parser.parse_args(argv)
    size = tuple(int(n) for n in args.size.lower().split("x"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("NNSIM_DATA_DIR", tempfile.mkdtemp(prefix="nnsim-bench-"))
    from PySide6.QtWidgets import QApplication

    from nnsim.gui.app import application, build_window
    from nnsim.gui.presentation import projector_figures
    from nnsim.gui.window_look import PRESENTATION_TEXT_PX
    from nnsim.lessons import LESSONS

    app = application()
    win = build_window(None, restore=False)
    win.resize(*size)
    win.show()
    win.set_language(args.lang)
    win.act_weights.setChecked(True)
    print(
        f"presentation mode at {size[0]}×{size[1]} ({os.environ['QT_QPA_PLATFORM']}, {args.lang})"
    )
    print(f"  {'lesson':24s} {'canvas':>7s} {'smallest':>9s}  network   unprinted weights")
    ok = True
    for lesson in LESSONS:
        if not lesson.available:
            continue
        win.undo_stack.setClean()
        win.open_lesson(lesson.name)
        win.show_view("network")
        win.set_presentation(True)
        QApplication.processEvents()  # full screen first, then the size asked for
        win.resize(*size)
        for _ in range(4):
            app.processEvents()
        win.view.fit()
        app.processEvents()
        share, smallest, whole = projector_figures(win)
        missing = sum(link.missing_labels for link in win.scene.link_items.values())
        total = sum(len(link.edges) for link in win.scene.link_items.values())
        good = share >= 0.70 and smallest >= PRESENTATION_TEXT_PX - 0.01 and whole
        ok &= good
        print(
            f"  {lesson.name:24s} {share:7.1%} {smallest:6.1f} px  "
            f"{'whole' if whole else 'CUT  '}     {missing} of {total}{'' if good else '  <-- below target'}"
        )
        win.set_presentation(False)
    win.undo_stack.setClean()
    win.demo_views.shutdown()
    win.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
