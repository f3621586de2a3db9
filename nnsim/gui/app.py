"""Start the GUI: fonts, language, the main window on a lesson, crash recovery."""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox

from nnsim.cli import GUI_VIEWS
from nnsim.gui import prefs
from nnsim.gui.autosave import discard_autosave, pending_autosave, remove_stale_saves
from nnsim.gui.demos import install as install_demos
from nnsim.gui.display import display_problem
from nnsim.gui.fonts import register_fonts, ui_font
from nnsim.gui.i18n import language_manager, saved_language
from nnsim.gui.lesson_browser import show_at_start as show_lessons_at_start
from nnsim.gui.main_window import DEFAULT_LESSON, MainWindow
from nnsim.paths import resource


def application() -> QApplication:
    """The QApplication (created once), with nnsim's fonts, name and icon."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName("nnsim")
    # Wayland finds the window icon through the desktop entry of this name.
    app.setDesktopFileName("nnsim")
    app.setOrganizationName("nnsim")
    register_fonts()
    app.setFont(ui_font(app.font()))
    icon = resource("icons", "nnsim.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def offer_restore(window: MainWindow) -> bool:
    """After a crash, offer to bring back the autosaved network; True if restored."""
    pending = pending_autosave()
    if pending is None:
        return False
    path, info = pending
    when = info.get("time")
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(when)) if when else ""
    answer = QMessageBox.question(
        window,
        QCoreApplication.translate("MainWindow", "Restore the autosaved network?"),
        QCoreApplication.translate(
            "MainWindow",
            "nnsim did not close properly last time. A network autosaved at {0} can be "
            "restored. Restore it?",
        ).format(stamp),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        discard_autosave()
        return False
    from nnsim.model import fileformat

    try:
        doc = fileformat.load(path)
    except (ValueError, OSError) as e:
        QMessageBox.warning(
            window, QCoreApplication.translate("MainWindow", "Could not restore"), str(e)
        )
        discard_autosave()
        return False
    source = info.get("source") or None
    window.set_document(
        doc, path=source if source and Path(source).exists() else None, modified=True
    )
    return True


def open_initial(window: MainWindow, file_or_lesson: str | None) -> None:
    """Open a file or a lesson; whatever fails, end on the worked example, never empty."""
    if file_or_lesson:
        p = Path(file_or_lesson)
        if p.is_file() and window.open_file(p, ask=False):
            return
        if not p.is_file() and window.open_lesson(file_or_lesson):
            return
    window.open_lesson(DEFAULT_LESSON)


#: Views ``--view`` can bring to the front (the exercise is made from the open network).
VIEWS = GUI_VIEWS


def build_window(
    file_or_lesson: str | None = None,
    restore: bool = True,
    language: str | None = None,
    view: str | None = None,
    presentation: bool | None = None,
) -> MainWindow:
    """Create the application (if needed) and a ready main window, not yet shown.

    Parameters
    ----------
    file_or_lesson : str, optional
        A .nnsim path or a lesson name; it opens on the view its document names.
    restore : bool
        Offer the autosaved network after a crash.
    language : {"en", "zh_CN"}, optional
        The interface language for this run (the saved choice is left as it is).
    view : str, optional
        One of ``VIEWS``, shown instead of the document's own view.
    presentation : bool, optional
        Presentation mode for this run; None keeps the saved choice.
    """
    app = application()
    languages = language_manager(app)
    languages.set_language(language or saved_language(), remember=False)
    window = MainWindow(languages)
    from nnsim.gui.training import install

    install(window)  # training, stepping and plots: docks, views, the Training menu
    install_demos(window)  # CNN, RNN and exercise views, lesson browser (nnsim.gui.demos)
    from nnsim.gui.compare import install as install_compare

    install_compare(window)  # variants side by side (nnsim.gui.compare)
    # Temp files of saves killed midway (a crash, a power cut) go before anything is saved.
    remove_stale_saves(Path(f).parent for f in prefs.recent_files())
    if not (restore and offer_restore(window)):
        open_initial(window, file_or_lesson)
    saved = prefs.settings().value("presentation", False) in (True, "true")
    if presentation is None:
        presentation = saved
    if presentation:
        window.set_presentation(True)
        # An option is for this run: the next plain start keeps the user's own choice.
        prefs.settings().setValue("presentation", saved)
    if view == "exercise":
        window.demo_views.show_exercise()
    elif view is not None:
        if window.view_widget(view) is None:
            raise ValueError(f"there is no view {view!r}; choose one of {', '.join(VIEWS)}")
        window.show_view(view)
    return window


def freeze_startup_objects() -> None:
    """Move everything built so far out of the garbage collector's sight.

    The Qt bindings, the plots, the window and the first document live as long as the
    app; a full collection walked them all (~40 ms of processor, 200 ms on a loaded
    machine) in the middle of a frame. Called once by ``run`` after the window is built
    (not by ``build_window``: tests build many windows in one process, and each must stay
    collectable).
    """
    gc.collect()
    gc.freeze()


def run(
    file_or_lesson: str | None = None,
    screenshot: str | None = None,
    language: str | None = None,
    view: str | None = None,
    presentation: bool | None = None,
) -> int:
    """Start nnsim on ``file_or_lesson`` (a .nnsim path or lesson name); return the exit code.

    Without an argument the app opens on the worked back-propagation example. With
    ``screenshot`` the window is saved to that PNG once laid out and the app quits (exit
    code 0, or 3 when the picture could not be written); it needs no display (Qt's
    offscreen platform is used where none can be reached). Without a display and without
    ``screenshot``: one line on stderr and exit code 2 (Qt would abort the process).
    ``language``, ``view`` and ``presentation`` are as for ``build_window``.
    """
    problem = display_problem()
    if problem is not None and QApplication.instance() is None:
        if screenshot is None:
            print(
                f"nnsim: {problem}. Start it on a desktop, or use "
                "`nnsim gui --screenshot OUT.png` or the command line (`nnsim --help`).",
                file=sys.stderr,
            )
            return EXIT_NO_DISPLAY
        # Set before the QApplication exists: Qt picks its platform plugin once.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = application()
    window = build_window(
        file_or_lesson,
        restore=screenshot is None,
        language=language,
        view=view,
        presentation=presentation,
    )
    if screenshot is not None:
        return save_screenshot(app, window, screenshot)
    # Maximised: the canvas gets the whole projector, and a window wider than the
    # screen (many docks) never hides the inspector off its edge. Presentation mode from
    # the start: full screen, and leaving it (F5) gives the maximised window.
    if window.presentation:
        window._presentation_layout.leave_to(Qt.WindowState.WindowMaximized)
        window.showFullScreen()
    else:
        window.showMaximized()
    app.processEvents()
    window.view.fit()
    show_lessons_at_start(window, opened=file_or_lesson)
    freeze_startup_objects()
    return int(app.exec())


#: Exit code of ``run`` when there is no display to open the window on.
EXIT_NO_DISPLAY = 2
#: The size of ``--screenshot`` pictures: a projector's common size, whatever the screen.
SCREENSHOT_SIZE = (1440, 900)


def wait_until_laid_out(app: QApplication, window: MainWindow, timeout: float = 10.0) -> bool:
    """Process events until ``window`` is exposed and its layout has settled.

    Settled: two passes in a row leave the current view and every dock where they were
    (docks and plots size themselves over a few event-loop turns). Returns False if that
    did not happen within ``timeout`` seconds (the picture is taken anyway).
    """
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + timeout
    last, still = None, 0
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            time.sleep(0.01)
            continue
        widgets = [window.views.currentWidget(), *window.findChildren(QDockWidget)]
        now = tuple((w.isVisible(), w.geometry().getRect()) for w in widgets if w is not None)
        still = still + 1 if now == last else 0
        if still >= 2:
            return True
        last = now
        time.sleep(0.01)
    return False


def save_screenshot(app: QApplication, window: MainWindow, path: str) -> int:
    """Show ``window`` at ``SCREENSHOT_SIZE``, save it to ``path`` once laid out, quit.

    Runs the event loop until the picture is taken, so that its end (aboutToQuit) stops
    the training threads and the demo views' workers as a normal quit does; the shared
    training process is ended too, so nothing is left running. Returns 0, or 3 if the PNG
    was not written.
    """
    window.resize(*SCREENSHOT_SIZE)
    window.show()

    def shoot():
        wait_until_laid_out(app, window)
        window.view.fit()
        app.processEvents()
        ok = window.grab().save(path)
        window.undo_stack.setClean()  # nothing to ask about on the way out
        window.close()
        app.exit(0 if ok else 3)

    QTimer.singleShot(0, shoot)
    code = int(app.exec())
    # It may have started while the window was drawn (the first Play's warm-up).
    from nnsim.model.training_process import shared_process

    shared_process().close()
    return code
