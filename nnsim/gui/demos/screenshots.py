"""Screenshots of the CNN, RNN, exercise and lesson views in English and Chinese (docs/screenshots).

``python -m nnsim.gui.demos.screenshots [folder]`` renders every view offscreen in the
main window as a lecturer would see it, after real training runs (MNIST subset, the three
RNN demos), once per language, plus the convolution tab and the RNN view in presentation
mode at 1280×800. It takes
about a minute (most of it training). The user guides (docs/USER_GUIDE*.md) show them.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

#: Window size of the screenshots (a 1440×900 projector or laptop screen).
SIZE = (1440, 900)
#: Window size of the presentation-mode pictures (a 1280×800 projector).
PRESENTATION_SIZE = (1280, 800)
LANGUAGES = ("en", "zh_CN")


def _wait(app, job_running, timeout: float = 300.0) -> None:
    t0 = time.time()
    while job_running() and time.time() - t0 < timeout:
        app.processEvents()
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()


def _settle(app, n: int = 6) -> None:
    for _ in range(n):
        app.processEvents()
        time.sleep(0.01)


def render(folder, languages=LANGUAGES, train: bool = True) -> list[Path]:
    """Render the demo views into ``folder``; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("NNSIM_DATA_DIR", tempfile.mkdtemp(prefix="nnsim-shots-"))
    from nnsim.gui.app import build_window
    from nnsim.gui.demos.rnn_view import STEP_RANGE
    from nnsim.gui.lesson_browser import LessonBrowser, open_lesson
    from nnsim.gui.prefs import settings

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    settings().setValue("presentation", False)
    win = build_window(None, restore=False)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    win.resize(*SIZE)
    win.show()
    _settle(app)
    views = win.demo_views
    cnn, rnn = views.cnn, views.rnn
    written: list[Path] = []

    # --- prepare every state once (training takes the time), then shoot per language
    open_lesson(win.context, "convolution-pooling")
    _settle(app)
    if train:
        tp = cnn.training
        for model in ("mlp", "cnn"):
            tp.model.setCurrentIndex(0 if model == "cnn" else 1)
            tp.start()
            _wait(app, lambda: tp.running)
        rnn_frames = {}
        for i, kind in enumerate(("chars", "parity", "sine")):
            rnn.demo.setCurrentIndex(i)
            rnn.start()
            _wait(app, lambda: rnn.running)
            rnn_frames[kind] = rnn.run

    def shoot(name: str, lang: str, widget=None, size=SIZE) -> None:
        if widget is None:
            app.processEvents()  # presentation mode's full screen first, then this size
            win.resize(*size)
        _settle(app, 12)  # pages re-fit in a few rounds after a resize or a new font
        path = folder / f"{name}-{lang}.png"
        (widget or win).grab().save(str(path))
        written.append(path)

    def show_trained(i: int) -> None:
        """Put demo ``i``'s finished run back in the RNN view (a lesson opened since
        shows its own untrained network there)."""
        run = rnn_frames[("chars", "parity", "sine")[i]]
        for w in (rnn.demo, rnn.steps, rnn.iterations):
            w.blockSignals(True)
        rnn.demo.setCurrentIndex(i)
        rnn.steps.setRange(*STEP_RANGE[run.name])
        rnn.steps.setValue(run.steps)
        rnn.steps.setEnabled(True)
        rnn.iterations.setValue(run.iteration)
        rnn.progress.setValue(1000)
        for w in (rnn.demo, rnn.steps, rnn.iterations):
            w.blockSignals(False)
        rnn._shape_note()
        rnn.pred_plot.setVisible(i == 2)
        rnn.run = run
        rnn.apply_frame(run.frame())
        rnn.time_slider.setRange(0, run.steps - 1)
        rnn.select_step(run.steps - 1 if i == 1 else 3)

    browsers = []
    for lang in languages:
        win.set_language(lang)
        _settle(app)
        # CNN: convolution on the lecture's 7, the window at row 2
        win.show_view("cnn")
        cnn.tabs.setCurrentIndex(0)
        cnn.conv.set_source(0)
        cnn.conv.configure(kernel_size=3, stride=1, padding=0, convolution=False)
        cnn.conv.kernel_box.preset.setCurrentIndex(1)
        cnn.conv.set_position(7)
        shoot("cnn-convolution", lang)
        cnn.conv.configure(stride=3)
        shoot("cnn-does-not-fit", lang)
        cnn.conv.configure(stride=1, convolution=True)
        cnn.conv.kernel_box.preset.setCurrentIndex(2)  # Sobel: not symmetric, the flip shows
        cnn.conv.set_position(12)
        shoot("cnn-flip", lang)
        cnn.conv.configure(convolution=False)
        cnn.conv.kernel_box.preset.setCurrentIndex(1)
        cnn.conv.set_source(1)  # a test digit: its 26×26 map pools to 13×13
        cnn.tabs.setCurrentIndex(1)
        cnn.pooling.reset_example()
        cnn.pooling.set_window(1)
        shoot("cnn-pooling", lang)
        cnn.conv.set_source(0)
        if train:
            cnn.conv.set_source(2)  # the misclassified digit drawn in: its maps show
            if cnn.training.gallery.count():
                cnn.training._gallery_clicked(0)
            cnn.tabs.setCurrentIndex(2)
            shoot("cnn-training", lang)
            cnn.conv.set_source(0)
        # RNN: the three shapes after training
        win.show_view("rnn")
        if train:
            for i, kind in enumerate(("one-to-many", "many-to-one", "many-to-many")):
                show_trained(i)
                shoot(f"rnn-{kind}", lang)
        # Lessons: the browser, and the RNN lesson opened
        browser = LessonBrowser(win.context, language=lambda: win.languages.language)
        browsers.append(browser)
        browser.resize(1100, 640)
        browser.show()
        browser.select("convolution-pooling")
        shoot("lessons-browser", lang, browser)
        browser.select("rnn-shapes")
        browser.open_selected()
        shoot("lessons-rnn-shapes-opened", lang)
        # A canvas lesson opens on the network with its panels (step-through, training)
        open_lesson(win.context, "bp-worked-example")
        win.view.fit()
        shoot("lessons-bp-worked-example-opened", lang)
        # Exercise: the ReLU homework, some answers right, one wrong
        views.open_homework()
        ex = views.exercise
        answers = {"b_1": "0.32", "b_2": "0.24", "ŷ_1": "0.4", "E": "0.005408", "g_1": "0.104"}
        for key, row in ex.rows.items():
            sym = row.item.symbol
            if row.item.part != "after" and sym in answers:
                ex.enter(key, answers[sym])
        shoot("exercise", lang)
        win.show_view("network")
    # presentation mode: the same convolution, bigger
    for lang in languages:
        win.set_language(lang)
        win.set_presentation(True)
        win.show_view("cnn")
        cnn.tabs.setCurrentIndex(0)
        cnn.conv.configure(stride=1)
        cnn.conv.set_position(7)
        shoot("cnn-presentation", lang, size=PRESENTATION_SIZE)
        if train:  # the many-to-many run, trained, ten steps at a time
            win.show_view("rnn")
            show_trained(2)
            shoot("rnn-presentation", lang, size=PRESENTATION_SIZE)
        win.set_presentation(False)
    win.set_language("en")
    win.demo_views.shutdown()
    win.undo_stack.setClean()
    _dispose(app, win, *browsers)
    return written


def _dispose(app, *widgets) -> None:
    """Delete the windows now, while Python and the QApplication are whole.

    Left alive, they are deleted by PySide's exit clean-up after Python has begun to shut
    down; a pyqtgraph item's Python ``event`` override, called from its C++ destructor,
    then crashes the interpreter (a segmentation fault after the pictures were written).
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    for w in widgets:
        w.close()
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = Path(__file__).resolve().parents[3]
    folder = Path(argv[0]) if argv else root / "docs" / "screenshots"
    for path in render(folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
