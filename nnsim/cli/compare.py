"""``nnsim compare``: train variants of a lesson or file side by side and print a table."""

from __future__ import annotations

import sys

from nnsim.cli.common import CliError, Progress, number, positive_int


def add_parser(sub) -> None:
    """Register the ``compare`` subcommand on the CLI's subparsers."""
    c = sub.add_parser(
        "compare",
        help="train variants side by side (e.g. --vary lr=0.003,0.03,0.3 --vary seed=0-3)",
    )
    c.add_argument("file", help="a .nnsim file or a lesson name")
    c.add_argument(
        "--vary",
        action="append",
        default=[],
        metavar="NAME=VALUES",
        help="a setting and its values: lr, seed, rule, batch_size, optimizer, momentum, reg, "
        "reg_lambda, early_stopping, patience, init, activation and hidden (the hidden "
        "layers' activation and size); "
        "comma lists, whole-number ranges like 0-3. Several --vary make a grid. "
        "Default: the lesson's own comparison.",
    )
    c.add_argument("--epochs", type=positive_int, help="epochs (default: the file's)")
    c.add_argument("--target-loss", dest="target_loss", type=number, help="for 'epochs to target'")
    c.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    c.set_defaults(func=run)


def run(args) -> int:
    """The command: build the comparison, train with a progress bar, print the table."""
    from nnsim.api import compare
    from nnsim.model.compare import parse_values

    vary = {}
    for item in args.vary:
        name, sep, values = item.partition("=")
        if not sep:
            raise CliError(f"--vary {item!r}: write NAME=VALUES, e.g. lr=0.003,0.03")
        vary[name.strip()] = parse_values(name.strip(), values)
    cmp = compare(args.file, vary=vary or None, target_loss=args.target_loss, train=False)
    epochs = cmp.epochs if args.epochs is None else args.epochs
    print(
        f"comparing {len(cmp)} variants of {args.file} for {epochs} epochs "
        f"({len(cmp.units)} group(s) trained together)",
        file=sys.stderr,
    )
    bar = Progress(epochs)
    try:
        for step in cmp.iter_epochs(epochs):
            bar.update(step.epoch, f"{len(step.variants)} variants training")
    finally:
        bar.close()
    print(cmp.csv() if args.csv else cmp.table(), end="" if args.csv else "\n")
    return 0
