"""``nnsim gui``: its options (--screenshot, --lang, --view, --presentation) and the start of the app."""

from __future__ import annotations

import importlib
import os
import sys

#: ``nnsim gui --lang`` codes and the interface languages they name.
GUI_LANGUAGES = {"en": "en", "zh": "zh_CN"}
#: ``nnsim gui --view`` choices: the central views of the window (nnsim.gui.app.VIEWS).
GUI_VIEWS = ("network", "activations", "cnn", "rnn", "compare", "exercise")


def add_parser(sub) -> None:
    """Register the ``gui`` subcommand on the CLI's subparsers."""
    g = sub.add_parser("gui", help="start the app (the default)")
    g.add_argument("file", nargs="?", help="a .nnsim file or a lesson name to open")
    g.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="save the window (1440×900) as a picture once laid out, then quit; needs no display",
    )
    g.add_argument(
        "--lang", choices=tuple(GUI_LANGUAGES), help="the interface language for this run"
    )
    g.add_argument(
        "--view", choices=GUI_VIEWS, help="show this view first (default: the lesson's own)"
    )
    g.add_argument("--presentation", action="store_true", help="start in presentation mode (F5)")
    g.set_defaults(func=run)


def leave_a_core_to_the_ui() -> None:
    """Cap NumPy's BLAS threads at one fewer than the cores, before NumPy loads.

    Training runs in a worker thread; a BLAS that spreads over every core starves the UI
    thread (a text RNN demo took 30 s instead of 3 s on two busy cores, and the window
    froze). A value the user set in the environment wins.
    """
    if "numpy" in sys.modules:
        return
    n = str(max(1, (os.cpu_count() or 2) - 1))
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, n)


def run(args) -> int:
    """The command: start the window (or take its screenshot) with the options given."""
    leave_a_core_to_the_ui()
    # Imported by name at run time so that the headless commands never load Qt.
    app = importlib.import_module("nnsim.gui.app")
    return app.run(
        args.file,
        screenshot=args.screenshot,
        language=GUI_LANGUAGES[args.lang] if args.lang else None,
        view=args.view,
        presentation=True if args.presentation else None,
    )
