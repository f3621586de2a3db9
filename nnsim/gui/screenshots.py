"""Render the main window on the worked BP example to PNG files (docs/screenshots).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m nnsim.gui.screenshots [OUT_DIR] [--shell]

Writes main-en.png, main-zh_CN.png (normal look, hidden neuron h1 selected, weights shown)
and presentation-en.png, presentation-zh_CN.png (presentation mode at a 1280×800
projector, stepped to the hidden neuron h1's output).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m nnsim.gui.screenshots [OUT_DIR] --training

Writes training-en.png, training-zh_CN.png: the Playground default photographed while it
trains at full speed (boundary, neuron pictures, error curve live), and
training-stepping-en.png, training-stepping-zh_CN.png: the BP worked example stepped to the
output neuron's g_1 in the backward pass, and presentation-playground-en.png,
presentation-playground-zh_CN.png: the Playground network trained, in presentation mode at
1280×800.
"""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

SIZE = (1440, 900)
#: Window size of the presentation-mode pictures: the common small projector.
PRESENTATION_SIZE = (1280, 800)


def _shell_window():
    from nnsim.gui.app import application, open_initial
    from nnsim.gui.i18n import language_manager
    from nnsim.gui.main_window import MainWindow

    win = MainWindow(language_manager(application()))
    open_initial(win, None)
    return win


@contextmanager
def _language_kept():
    """Put the interface language back after the pictures: the translators are the
    application's, so a zh picture would otherwise leave later windows (tests) in zh."""
    from PySide6.QtWidgets import QApplication

    from nnsim.gui.i18n import current_language, language_manager

    before = current_language()
    try:
        yield
    finally:
        app = QApplication.instance()
        if app is not None:
            language_manager(app).set_language(before, remember=False)


def _shot_folder(out_dir) -> Path:
    """``out_dir``, made; before any window, a throw-away data folder (unless one is set),
    so the user's settings and autosave are untouched by the pictures."""
    os.environ.setdefault("NNSIM_DATA_DIR", tempfile.mkdtemp(prefix="nnsim-shots-"))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return out


def _discard(win) -> None:
    """Close a photographed window without asking to save, and let Qt delete it."""
    from PySide6.QtWidgets import QApplication

    win.undo_stack.setClean()
    win.close()
    win.deleteLater()
    QApplication.processEvents()


def render(
    out_dir, languages=("en", "zh_CN"), presentation=(False, True), plugins=True
) -> list[Path]:
    """Render one PNG per language and look; return their paths.

    ``plugins=False`` shows the GUI shell alone (no stepping/training/demo docks).
    Uses a throw-away data folder so the user's settings and autosave are untouched.
    """
    out = _shot_folder(out_dir)
    from PySide6.QtWidgets import QApplication

    from nnsim.gui.app import build_window

    written = []
    with _language_kept():
        for pres in presentation:
            for lang in languages:
                win = build_window(None, restore=False) if plugins else _shell_window()
                win.resize(*(PRESENTATION_SIZE if pres else SIZE))
                win.set_language(lang)
                win.set_presentation(pres)
                win.act_weights.setChecked(True)
                win.show()
                QApplication.processEvents()
                if pres and win.stepping is not None:
                    win.stepping.forward()  # h1 computed: its formula in the strip
                for _ in range(3):
                    QApplication.processEvents()
                win.view.fit()
                h1 = win.scene.neuron_item("L2", 0)
                if h1 is not None and not pres:
                    h1.setSelected(True)
                QApplication.processEvents()
                name = f"{'presentation' if pres else 'main'}-{lang}.png"
                path = out / name
                win.grab().save(str(path))
                written.append(path)
                win.set_presentation(False)
                _discard(win)
    return written


def render_training(
    out_dir, languages=("en", "zh_CN"), lesson="playground-circle", epochs=300
) -> list[Path]:
    """Photograph the window while ``lesson`` trains, once ``epochs`` epochs are done.

    The picture is taken mid-run, as a lecturer sees it, and the run is then stopped.
    """
    import time

    out = _shot_folder(out_dir)
    from PySide6.QtWidgets import QApplication

    from nnsim.gui.app import build_window

    written = []
    with _language_kept():
        for lang in languages:
            win = build_window(None, restore=False)
            win.resize(*SIZE)
            win.set_language(lang)
            win.show()
            if not win.open_lesson(lesson):
                raise ValueError(f"no lesson {lesson!r}")
            QApplication.processEvents()
            c = win.training
            c.start(100_000)
            deadline = time.monotonic() + 60
            while len(c.data) <= epochs and c.running and time.monotonic() < deadline:
                QApplication.processEvents()
                time.sleep(0.005)
            for _ in range(3):  # one more frame with the newest snapshots
                c.tick()
                QApplication.processEvents()
            path = out / f"training-{lang}.png"
            win.grab().save(str(path))
            written.append(path)
            c.stop_and_wait()
            # the same, trained, on a projector in presentation mode
            win.act_weights.setChecked(True)
            win.set_presentation(True)
            QApplication.processEvents()  # full screen first, then the projector's size
            win.resize(*PRESENTATION_SIZE)
            for _ in range(4):
                QApplication.processEvents()
            win.view.fit()
            QApplication.processEvents()
            path = out / f"presentation-playground-{lang}.png"
            win.grab().save(str(path))
            written.append(path)
            win.set_presentation(False)
            win.resize(*SIZE)
            QApplication.processEvents()
            # the step-through: the worked example at the output's error term g_1
            if win.open_lesson("bp-worked-example"):
                QApplication.processEvents()
                for _ in range(5):
                    win.stepping.forward()
                win.view.fit()
                QApplication.processEvents()
                path = out / f"training-stepping-{lang}.png"
                win.grab().save(str(path))
                written.append(path)
            _discard(win)
    return written


def main(argv=None) -> int:
    """Command-line entry: render into OUT_DIR (default docs/screenshots).

    ``--shell`` leaves out the other tools' docks (the canvas, palette and inspector only);
    ``--training`` photographs the Playground default while it trains instead.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    shell = "--shell" in argv
    rest = [a for a in argv if a not in ("--shell", "--training")]
    out = rest[0] if rest else "docs/screenshots"
    paths = render_training(out) if "--training" in argv else render(out, plugins=not shell)
    for p in paths:
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
