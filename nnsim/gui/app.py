"""Start the GUI: fonts, language, the main window on a lesson, crash recovery."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from nnsim.gui import prefs
from nnsim.gui.autosave import discard_autosave, pending_autosave, remove_stale_saves
from nnsim.gui.demos import install as install_demos
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


def build_window(file_or_lesson: str | None = None, restore: bool = True) -> MainWindow:
    """Create the application (if needed) and a ready main window, not yet shown."""
    app = application()
    languages = language_manager(app)
    languages.set_language(saved_language(), remember=False)
    window = MainWindow(languages)
    from nnsim.gui.training import install

    install(window)  # training, stepping and plots: docks, views, the Training menu
    install_demos(window)  # CNN, RNN and exercise views, lesson browser (nnsim.gui.demos)
    # Temp files of saves killed midway (a crash, a power cut) go before anything is saved.
    remove_stale_saves(Path(f).parent for f in prefs.recent_files())
    if not (restore and offer_restore(window)):
        open_initial(window, file_or_lesson)
    if prefs.settings().value("presentation", False) in (True, "true"):
        window.set_presentation(True)
    return window


def run(file_or_lesson: str | None = None, screenshot: str | None = None) -> int:
    """Start nnsim on ``file_or_lesson`` (a .nnsim path or lesson name); return the exit code.

    Without an argument the app opens on the worked back-propagation example. With
    ``screenshot`` the window is saved to that PNG once drawn and the app quits (exit code
    0, or 3 when the picture could not be written): for user guides and smoke tests on a
    machine without a display.
    """
    app = application()
    window = build_window(file_or_lesson, restore=screenshot is None)
    # Maximised: the canvas gets the whole projector, and a window wider than the
    # screen (many docks) never hides the inspector off its edge.
    if screenshot is None:
        window.showMaximized()
    else:
        # A picture at a projector's common size, whatever the (virtual) screen is.
        window.resize(1440, 900)
        window.show()
    app.processEvents()
    window.view.fit()
    if screenshot is not None:
        _save_and_quit(app, window, screenshot)
    else:
        show_lessons_at_start(window)
    return int(app.exec())


def _save_and_quit(app: QApplication, window: MainWindow, path: str) -> None:
    """Photograph ``window`` after it has laid out and painted, then end the event loop."""

    def shoot():
        window.view.fit()
        ok = window.grab().save(path)
        window.undo_stack.setClean()  # nothing to ask about on the way out
        window.close()
        app.exit(0 if ok else 3)

    # Let the docks settle and the plots draw before the picture is taken.
    QTimer.singleShot(1500, shoot)
