"""The ``nnsim`` command line: headless subcommands; the GUI is imported only when started."""

from __future__ import annotations

import argparse
import importlib
import sys

from nnsim import __version__


def _gui(args) -> int:
    # Imported by name at run time so that the headless commands never load Qt.
    app = importlib.import_module("nnsim.gui.app")
    return app.run(args.file)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    p = argparse.ArgumentParser(prog="nnsim", description="Neural-network simulator for teaching")
    p.add_argument("--version", action="version", version=f"nnsim {__version__}")
    sub = p.add_subparsers(dest="command")
    g = sub.add_parser("gui", help="start the app (the default)")
    g.add_argument("file", nargs="?", help="a .nnsim file or a lesson name to open")
    g.set_defaults(func=_gui)
    return p


def main(argv=None) -> int:
    """Run the command line; with no arguments start the app on a lesson."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser()
    args = parser.parse_args(argv or ["gui"])
    return int(args.func(args) or 0)
