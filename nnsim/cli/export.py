"""``nnsim export``: write a network as code for another framework (PyTorch)."""

from __future__ import annotations

import sys
from pathlib import Path

from nnsim.cli.common import CliError, open_document


def add_parser(sub) -> None:
    """Register the ``export`` subcommand on the CLI's subparsers."""
    e = sub.add_parser("export", help="write the network as code for another framework")
    e.add_argument("file", help="a .nnsim file or a lesson name")
    e.add_argument("--to", required=True, help="target framework: pytorch")
    e.add_argument("-o", "--output", help="output file (default: standard output)")
    e.set_defaults(func=run)


def run(args) -> int:
    """The command: the PyTorch source on stdout, or in ``--output``."""
    from nnsim.model.export_pytorch import to_pytorch_source

    if args.to != "pytorch":
        raise CliError(f"cannot export to {args.to!r}; the only target is pytorch")
    doc, name = open_document(args.file)
    text = to_pytorch_source(doc, source=name)
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        out = Path(args.output)
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    return 0
