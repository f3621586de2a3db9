"""Frozen entry point of ``nnsim-gui``: the app, opening the file it is given (double-click, Open with).

``NNSIM_SCREENSHOT=out.png nnsim-gui [FILE]`` saves the main window as a picture once it
has been drawn and quits: the bundle's smoke test uses it to see the frozen app render
(Qt plugins, fonts, Chinese text) on a machine without a display (QT_QPA_PLATFORM=offscreen).
"""

import multiprocessing
import os
import sys
import time

SCREENSHOT_ENV = "NNSIM_SCREENSHOT"
# Let the window lay out, fit the network and paint before it is photographed.
SCREENSHOT_DELAY_MS = 1500
# A dialog in front of the window (or no window at all) must not hang the smoke test.
SCREENSHOT_GIVE_UP_S = 60


def _give_streams_a_home() -> None:
    # A windowed program on Windows has no console, so sys.stdout and sys.stderr are None
    # and the first print or traceback would crash the app; keep them in a log file in the
    # user's nnsim folder instead, where a lecturer can find it.
    if sys.stdout is not None and sys.stderr is not None:
        return
    from nnsim.paths import user_data_dir

    log = open(user_data_dir() / "nnsim-gui.log", "w", encoding="utf-8", buffering=1)  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = log
    if sys.stderr is None:
        sys.stderr = log


def gui_argv(argv: list[str]) -> list[str]:
    """The ``nnsim`` arguments that start the app with ``argv`` (the file to open, options)."""
    # Older macOS Finder adds a process serial number argument ("-psn_0_1234") to apps it starts.
    return ["gui", *[a for a in argv if not a.startswith("-psn_")]]


def _arm_screenshot(path: str) -> None:
    """Save the main window to ``path`` once it is shown and painted, then end the app.

    Exit code 0 when the picture was written, 3 when saving failed, 4 when no main window
    appeared in time (the topmost window is saved instead, to show what was in the way).
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    # nnsim.gui.app.application() reuses this instance, so the timer lives in the app's loop.
    app = QApplication.instance() or QApplication(sys.argv[:1])
    deadline = time.monotonic() + SCREENSHOT_GIVE_UP_S

    def shoot():
        shown = [w for w in app.topLevelWidgets() if w.isVisible()]
        mains = [w for w in shown if isinstance(w, QMainWindow)]
        if not mains and time.monotonic() < deadline:
            QTimer.singleShot(250, shoot)
            return
        target = mains[0] if mains else (app.activeModalWidget() or (shown or [None])[0])
        ok = target is not None and target.grab().save(path)
        code = 0 if (ok and mains) else (4 if ok else 3)
        # This may run inside a dialog's own event loop (the lesson chooser at start), and
        # app.exit() ends only the loops running now: keep asking until the app's main
        # loop has ended too. Closing the windows lets their handlers tidy the autosave;
        # the last one must not quit with code 0 before ours is set.
        app.setQuitOnLastWindowClosed(False)
        quitter = QTimer(app)
        quitter.timeout.connect(lambda: app.exit(code))
        quitter.start(100)
        for w in shown:
            w.close()
        app.exit(code)

    QTimer.singleShot(SCREENSHOT_DELAY_MS, shoot)


if __name__ == "__main__":
    multiprocessing.freeze_support()
    _give_streams_a_home()
    if os.environ.get(SCREENSHOT_ENV):
        _arm_screenshot(os.environ[SCREENSHOT_ENV])
    from nnsim.cli import main

    sys.exit(main(gui_argv(sys.argv[1:])))
