"""The ``nnsim`` command line: headless subcommands; the GUI is imported only when started."""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import time
from pathlib import Path

from nnsim import __version__

#: Exit codes: 0 fine, 1 an error the message explains, 2 bad arguments (argparse) or no
#: display for the window, 130 Ctrl+C.
EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


class CliError(ValueError):
    """A problem with what the user asked for; printed as one line."""


# --------------------------------------------------------------------------- helpers
def _lang(args) -> str:
    if getattr(args, "lang", None):
        return args.lang
    env = os.environ.get("NNSIM_LANG") or os.environ.get("LANG", "")
    return "zh" if env.lower().startswith("zh") else "en"


def _open(spec: str):
    """A document from a file path, or from a lesson name when no such file exists."""
    from nnsim.api import load
    from nnsim.lessons import lesson_names

    path = Path(spec)
    if not path.exists() and spec.lower() in lesson_names():
        return load(spec), f"lesson {spec}"
    return load(spec), path.name


def _save(doc, out: str) -> Path:
    from nnsim.model.fileformat import save

    return save(doc, out)


class Progress:
    """A plain-text progress bar on stderr: redrawn in place on a terminal, a line per step otherwise."""

    def __init__(self, total: int, stream=None, width: int = 30):
        self.total = max(int(total), 1)
        self.stream = sys.stderr if stream is None else stream
        self.width = width
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_line = -1
        self._last_draw = 0.0

    def update(self, done: int, text: str = "") -> None:
        frac = min(max(done / self.total, 0.0), 1.0)
        filled = int(round(frac * self.width))
        bar = "#" * filled + "." * (self.width - filled)
        line = f"[{bar}] {done}/{self.total} {text}"
        if self.tty:
            now = time.monotonic()
            if done < self.total and now - self._last_draw < 0.05:
                return  # at most 20 redraws a second
            self._last_draw = now
            self.stream.write("\r" + line + "\x1b[K")
        else:
            # A log file gets ten lines, not thousands.
            step = int(frac * 10)
            if step == self._last_line and done < self.total:
                return
            self._last_line = step
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def _pct(v) -> str:
    return "n/a" if v != v else f"{v:.1%}"  # NaN: no accuracy for regression


# --------------------------------------------------------------------------- commands
def _leave_a_core_to_the_ui() -> None:
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


#: ``nnsim gui --lang`` codes and the interface languages they name.
GUI_LANGUAGES = {"en": "en", "zh": "zh_CN"}
#: ``nnsim gui --view`` choices: the central views of the window (nnsim.gui.app.VIEWS).
GUI_VIEWS = ("network", "activations", "cnn", "rnn", "compare", "exercise")


def _gui(args) -> int:
    _leave_a_core_to_the_ui()
    # Imported by name at run time so that the headless commands never load Qt.
    app = importlib.import_module("nnsim.gui.app")
    return app.run(
        args.file,
        screenshot=args.screenshot,
        language=GUI_LANGUAGES[args.lang] if args.lang else None,
        view=args.view,
        presentation=True if args.presentation else None,
    )


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
        type=float,
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


def _new(args) -> int:
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
    out = _save(doc, args.out)
    sizes = [doc.layers[k].size for k in doc.topological_order()]
    print(f"wrote {out}: layers {'-'.join(map(str, sizes))}, {args.activation}")
    return 0


def _train(args) -> int:
    from nnsim.model.session import Session, SessionError

    doc, name = _open(args.file)
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
            bar.update(done, f"loss {snap.train_loss:.4g}  acc {_pct(snap.train_acc)}")
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
        f"training loss: {ev['loss']:.6g}   accuracy: {_pct(ev['accuracy'])}",
    ]
    if "val_loss" in ev:
        lines.append(
            f"validation loss: {ev['val_loss']:.6g}   accuracy: {_pct(ev['val_accuracy'])}"
        )
    if args.save:
        lines.append(f"saved {_save(doc, args.save)}")
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


def _step(args) -> int:
    from nnsim.model.session import Session

    doc, name = _open(args.file)
    lang = _lang(args)
    session = Session(doc)
    stepper = session.stepper(sample=args.sample)
    title = doc.meta.title_zh if lang == "zh" else doc.meta.title_en
    head = f"{title} ({name})" if title else name
    print(head)
    phase = None
    words = {
        "en": {"forward": "forward", "loss": "error", "backward": "backward", "update": "update"},
        "zh": {"forward": "前向", "loss": "误差", "backward": "反向", "update": "更新"},
    }[lang]
    if doc.settings.rule == "perceptron":
        words["loss"] = {"en": "compare with the target", "zh": "与目标比较"}[lang]
    for rec in stepper.run_to_end():
        if rec.phase != phase:
            phase = rec.phase
            print(f"-- {words.get(phase, phase)}")
        # an optimiser's update takes several lines: the later ones indented under the first
        print(rec.text(lang, digits=args.digits).replace("\n", "\n    "))
    if args.save:
        session.sync_document()
        print(f"saved {_save(doc, args.save)}")
    return 0


def _lesson_list(args) -> int:
    from nnsim.lessons import list_lessons

    lang = _lang(args)
    rows = list_lessons(lang)
    width = max(len(n) for n, _, _ in rows)
    for k, (name, section, title) in enumerate(rows, start=1):
        print(f"{k:2d}. {name:{width}s}  §{section:<10s} {title}")
    return 0


def _lesson_run(args) -> int:
    from nnsim.lessons import run

    result = run(args.name)
    print(result.summary(_lang(args)))
    return 0 if result.ok else EXIT_ERROR


def _export(args) -> int:
    from nnsim.model.export_pytorch import to_pytorch_source

    if args.to != "pytorch":
        raise CliError(f"cannot export to {args.to!r}; the only target is pytorch")
    doc, name = _open(args.file)
    text = to_pytorch_source(doc, source=name)
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        out = Path(args.output)
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    return 0


class _Finding(RuntimeError):
    """A check of ``nnsim doctor`` found something missing; its message says it all."""


def _check(name: str, fn) -> bool:
    """Run one check of ``nnsim doctor``: print "ok  name: detail" or "FAIL name: why"."""
    try:
        detail = fn()
    except _Finding as e:
        print(f"FAIL {name}: {e}")
        return False
    except Exception as e:  # noqa: BLE001 - every failure is a finding to print
        print(f"FAIL {name}: {type(e).__name__}: {e}")
        return False
    print(f"ok   {name}: {detail}")
    return True


def _doctor_engine() -> str:
    import numpy as np

    from nnsim.model.session import Session

    session = Session(_open("bp-worked-example")[0])
    out = float(session.network.forward(session.data.x[:1])[0, 0])
    if abs(out - 0.690283) > 1e-6:
        raise RuntimeError(f"the worked example gives {out:.6f}, not 0.690283")
    return f"the worked example gives ŷ = {out:.6f} (NumPy {np.__version__})"


def _doctor_process() -> str:
    import numpy as np

    from nnsim.model.session import Session
    from nnsim.model.training_process import TrainingProcess

    here, there = (Session(_open("playground-circle")[0]) for _ in range(2))
    epochs = 300
    t0 = time.perf_counter()
    for _ in here.iter_train(epochs):
        pass
    local = epochs / (time.perf_counter() - t0)
    proc = TrainingProcess()
    try:
        t0 = time.perf_counter()
        proc.start()
        first = None
        for _ in proc.train(there, epochs):
            first = first or time.perf_counter()
        remote = epochs / (time.perf_counter() - first)
    finally:
        proc.close()
    if not np.array_equal(here.network.theta, there.network.theta):
        raise RuntimeError("the process trained other numbers than this one")
    return (
        f"started in {first - t0:.2f} s; {epochs} epochs of the Playground circle, the same "
        f"numbers in both, {local:.0f} epochs/s here and {remote:.0f} epochs/s there"
    )


def _doctor_data() -> str:
    from nnsim.paths import user_data_dir

    folder = user_data_dir()
    probe = folder / ".nnsim-doctor"
    probe.write_text("ok", encoding="utf-8")
    probe.unlink()
    return f"{folder} is writable"


def _doctor_qt() -> str:
    from nnsim.paths import resource

    qt = importlib.import_module("PySide6.QtCore")
    font = resource("fonts", "wqy-microhei.ttc")
    if not font.is_file():
        raise FileNotFoundError(f"the Chinese font {font.name} is missing")
    return f"PySide6 {qt.__version__} (Qt {qt.qVersion()}), Chinese font {font.name}"


def _doctor_display() -> str:
    # No Qt: without a display, starting Qt would end this process.
    display = importlib.import_module("nnsim.gui.display")
    problem = display.display_problem()
    if problem is not None:
        raise _Finding(
            f"{problem}; the window cannot open here (`nnsim gui --screenshot OUT.png` "
            "and the command line work)"
        )
    return f"the window can open on {display.describe_display()}"


def _doctor(args) -> int:
    checks = (
        ("engine", _doctor_engine),
        ("training process", _doctor_process),
        ("data folder", _doctor_data),
        ("Qt", _doctor_qt),
        ("display", _doctor_display),
    )
    print(f"nnsim {__version__}, Python {sys.version.split()[0]} on {sys.platform}")
    failed = [name for name, fn in checks if not _check(name, fn)]
    return EXIT_ERROR if failed else 0


# --------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    p = argparse.ArgumentParser(prog="nnsim", description="Neural-network simulator for teaching")
    p.add_argument("--version", action="version", version=f"nnsim {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

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
    g.set_defaults(func=_gui)

    t = sub.add_parser("train", help="train a network headless and print a summary")
    t.add_argument("file", help="a .nnsim file or a lesson name")
    t.add_argument("--epochs", type=_positive_int, help="epochs to train (default: the file's)")
    t.add_argument("--rule", choices=("perceptron", "standard", "accumulated", "minibatch"))
    t.add_argument("--lr", type=float, help="learning rate η")
    t.add_argument("--batch-size", dest="batch_size", type=_positive_int, help="mini-batch size")
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
    t.set_defaults(func=_train)

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
    n.set_defaults(func=_new)

    s = sub.add_parser("step", help="print one forward + backward + update, number by number")
    s.add_argument("file", help="a .nnsim file or a lesson name")
    s.add_argument("--sample", type=int, help="which training sample (default: what the rule uses)")
    s.add_argument("--lang", choices=("en", "zh"), help="language of the text (default: from LANG)")
    s.add_argument("--digits", type=_positive_int, default=6, help="significant digits (6)")
    s.add_argument("--save", metavar="OUT", help="save the updated network to OUT")
    s.set_defaults(func=_step)

    lesson = sub.add_parser("lesson", help="list or run the course's lessons")
    lsub = lesson.add_subparsers(dest="lesson_command", metavar="ACTION", required=True)
    ll = lsub.add_parser("list", help="the lessons in lecture order")
    ll.add_argument("--lang", choices=("en", "zh"))
    ll.set_defaults(func=_lesson_list)
    lr = lsub.add_parser("run", help="run a lesson headless and check its outcome")
    lr.add_argument("name")
    lr.add_argument("--lang", choices=("en", "zh"))
    lr.set_defaults(func=_lesson_run)

    e = sub.add_parser("export", help="write the network as code for another framework")
    e.add_argument("file", help="a .nnsim file or a lesson name")
    e.add_argument("--to", required=True, help="target framework: pytorch")
    e.add_argument("-o", "--output", help="output file (default: standard output)")
    e.set_defaults(func=_export)

    d = sub.add_parser("doctor", help="check this installation and print what was found")
    d.set_defaults(func=_doctor)

    from nnsim import cli_compare

    cli_compare.add_parser(sub)
    return p


def _positive_int(text: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {v}")
    return v


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
