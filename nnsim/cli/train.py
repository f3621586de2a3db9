"""``nnsim train`` and ``nnsim new``: train a network headless, make one from layer sizes, bring a CSV table."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

from nnsim.cli.common import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    CliError,
    Progress,
    number,
    open_document,
    pct,
    positive_int,
    save_document,
)


def add_parsers(sub) -> None:
    """Register the ``train`` and ``new`` subcommands on the CLI's subparsers."""
    t = sub.add_parser("train", help="train a network headless and print a summary")
    t.add_argument("file", help="a .nnsim file or a lesson name")
    t.add_argument("--epochs", type=positive_int, help="epochs to train (default: the file's)")
    t.add_argument("--rule", choices=("perceptron", "standard", "accumulated", "minibatch"))
    t.add_argument("--lr", type=number, help="learning rate η")
    t.add_argument("--batch-size", dest="batch_size", type=positive_int, help="mini-batch size")
    t.add_argument("--seed", type=int, help="random seed (shuffling, and --reset's weights)")
    t.add_argument("--reset", action="store_true", help="draw new initial weights first")
    t.add_argument("--save", metavar="OUT", help="save the trained network to OUT (.nnsim)")
    _csv_options(t)
    t.add_argument(
        "--fit",
        action="store_true",
        help="with --data: set the input layer to the table's inputs and the output layer "
        "to its task (new weights for them)",
    )
    t.set_defaults(func=train)

    n = sub.add_parser("new", help="make a fully connected network from layer sizes")
    n.add_argument("--layers", required=True, help="neurons per layer, inputs first, e.g. 3,3,2")
    n.add_argument("--activation", default="sigmoid", help="of the layers after the inputs")
    n.add_argument(
        "--output-activation", dest="output_activation", help="of the output layer, if other"
    )
    n.add_argument("--init", default="uniform01", help="initial weights (uniform01, xavier, he, …)")
    n.add_argument("--seed", type=int, default=0, help="seed of the initial weights")
    n.add_argument("--out", required=True, metavar="NET.nnsim", help="the file to write")
    _csv_options(n)
    n.set_defaults(func=new)


def _csv_options(p) -> None:
    """The options that bring a CSV table to a network (``train`` and ``new``)."""
    p.add_argument(
        "--data", metavar="TABLE.csv", help="train on this CSV file (kept with the network)"
    )
    p.add_argument("--target", metavar="COLUMN", help="the target column (default: the last)")
    p.add_argument(
        "--features", metavar="A,B", help="input columns, comma-separated (default: all others)"
    )
    p.add_argument(
        "--task",
        choices=("binary", "multiclass", "regression"),
        help="default: proposed from the target column",
    )
    p.add_argument(
        "--standardize", action="store_true", help="scale numeric inputs to mean 0, sd 1 (off)"
    )
    p.add_argument(
        "--train-share",
        dest="train_share",
        type=number,
        default=1.0,
        help="share of rows for training, the rest is the test part (default 1: all)",
    )
    p.add_argument("--data-seed", dest="data_seed", type=int, default=0, help="seed of the split")


def _use_csv(doc, args, fit: bool) -> None:
    """Attach ``--data`` to ``doc`` and print how its columns were encoded (on stderr)."""
    from nnsim.api import use_csv

    features = None
    if args.features:
        features = [f.strip() for f in args.features.split(",") if f.strip()]
    if not 0.1 <= args.train_share <= 1:
        raise CliError(f"--train-share must lie in [0.1, 1], not {args.train_share:g}")
    encoded = use_csv(
        doc,
        args.data,
        target=args.target,
        features=features,
        task=args.task,
        standardize=args.standardize,
        train_fraction=args.train_share,
        seed=args.data_seed,
        fit=fit,
    )
    ds = encoded.dataset
    print(
        f"data: {Path(args.data).name}, {len(ds)} training rows"
        + (f", {len(ds.x_test)} test rows" if ds.has_test else "")
        + f", {ds.n_features} inputs",
        file=sys.stderr,
    )
    for line in encoded.describe().splitlines():
        print(f"  {line}", file=sys.stderr)


def _fit_hint(error: Exception) -> CliError:
    return CliError(f"{error}; or pass --fit to set the input and output layers to the table")


def new(args) -> int:
    """``nnsim new``: write a fully connected network (fitted to ``--data`` if given)."""
    from nnsim.api import network

    doc = network(
        args.layers,
        args.activation,
        args.output_activation,
        init=args.init,
        seed=args.seed,
    )
    if args.data:
        _use_csv(doc, args, fit=True)
    out = save_document(doc, args.out)
    sizes = [doc.layers[k].size for k in doc.topological_order()]
    print(f"wrote {out}: layers {'-'.join(map(str, sizes))}, {args.activation}")
    return 0


def train(args) -> int:
    """``nnsim train``: train with a progress bar on stderr, print the losses, save if asked."""
    from nnsim.model.session import Session, SessionError

    doc, name = open_document(args.file)
    if args.data:
        _use_csv(doc, args, fit=args.fit)
    elif args.fit:
        raise CliError("--fit fits the layers to a table: give it with --data TABLE.csv")
    changes = {}
    for key in ("rule", "lr", "seed", "batch_size"):
        value = getattr(args, key)
        if value is not None:
            changes[key] = value
    if changes:
        doc.update_settings(**changes)
    session = Session(doc)
    if args.reset:
        session.reset_weights()
    epochs = doc.settings.epochs if args.epochs is None else args.epochs
    try:
        trainer = session.trainer
    except SessionError as e:
        if args.data and not args.fit:
            raise _fit_hint(e) from None
        raise
    print(
        f"training {name}: {doc.settings.rule} rule, η = {doc.settings.lr:g}, {epochs} epochs, "
        f"{trainer.n_train} samples",
        file=sys.stderr,
    )
    bar = Progress(epochs)
    interrupted = False
    previous = None

    def on_sigint(signum, frame):
        # First Ctrl+C: finish the current update and stop; a second one aborts at once.
        nonlocal interrupted
        if interrupted:
            raise KeyboardInterrupt
        interrupted = True
        session.stop()

    if _on_main_thread():
        previous = signal.signal(signal.SIGINT, on_sigint)
    start = time.perf_counter()
    done = 0
    try:
        for snap in session.iter_train(epochs):
            if snap.kind == "init":
                continue
            done = snap.epoch
            bar.update(done, f"loss {snap.train_loss:.4g}  acc {pct(snap.train_acc)}")
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        bar.close()
    elapsed = time.perf_counter() - start
    session.sync_document()
    ev = session.evaluate()
    result = session.result
    status = "stopped by Ctrl+C" if interrupted else (result.message if result else "")
    lines = [
        f"epochs: {done}   time: {elapsed:.2f} s   ({status})",
        f"training loss: {ev['loss']:.6g}   accuracy: {pct(ev['accuracy'])}",
    ]
    if "val_loss" in ev:
        lines.append(f"validation loss: {ev['val_loss']:.6g}   accuracy: {pct(ev['val_accuracy'])}")
    if args.save:
        lines.append(f"saved {save_document(doc, args.save)}")
    print("\n".join(lines))
    if interrupted:
        return EXIT_INTERRUPTED
    if result is not None and result.status == "diverged":
        # the sound weights are back (and saved), but the run did not do what was asked
        print(f"nnsim: training diverged: {result.message}", file=sys.stderr)
        return EXIT_ERROR
    return 0


def _on_main_thread() -> bool:
    """True on the main thread (only there may a signal handler be installed)."""
    import threading

    return threading.current_thread() is threading.main_thread()
