"""The ``nnsim`` command line: the parser and ``main``; each subcommand lives in a module of its own.

Headless subcommands import only NumPy-side packages; ``nnsim gui`` loads the GUI (and Qt)
by name at run time (nnsim.cli.app), so nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import os
import sys

from nnsim import __version__
from nnsim.cli import app, compare, doctor, export, lesson, step, train
from nnsim.cli.common import EXIT_ERROR, EXIT_INTERRUPTED

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    p = argparse.ArgumentParser(prog="nnsim", description="Neural-network simulator for teaching")
    p.add_argument("--version", action="version", version=f"nnsim {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    app.add_parser(sub)
    train.add_parsers(sub)  # train and new
    step.add_parser(sub)
    lesson.add_parser(sub)
    export.add_parser(sub)
    doctor.add_parser(sub)
    compare.add_parser(sub)
    return p


def _safe_streams() -> None:
    # Book notation (σ, β, Δ, ←) and Chinese must not crash a console whose encoding
    # cannot show them: replace what cannot be encoded instead of raising.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass


def main(argv=None) -> int:
    """Run the command line; with no arguments start the app.

    Errors the user can fix are printed as one line on stderr with a non-zero exit code;
    no traceback (set ``NNSIM_DEBUG=1`` to see one).
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    _safe_streams()
    parser = build_parser()
    args = parser.parse_args(argv or ["gui"])
    debug = bool(os.environ.get("NNSIM_DEBUG"))
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("nnsim: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `nnsim step ... | head`: the reader left; stop quietly, as Unix tools do.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except (ValueError, OSError) as e:
        # Every nnsim error (DocumentError, LoadError, CompileError, SessionError, ...) is a
        # ValueError with a message meant for the user.
        if debug:
            raise
        msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        print(f"nnsim: error: {msg}", file=sys.stderr)
        return EXIT_ERROR
    except ImportError as e:
        if debug:
            raise
        print(f"nnsim: error: a component is missing: {e}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as e:  # a bug: still one line, with a way to see more
        if debug:
            raise
        print(
            f"nnsim: internal error: {type(e).__name__}: {e} (set NNSIM_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return EXIT_ERROR
