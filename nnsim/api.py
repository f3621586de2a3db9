"""A small headless scripting API: open a lesson or a file, train it, step it, save it.

Example
-------
>>> import nnsim.api as nn
>>> doc = nn.load("bp-worked-example")          # a lesson name or a .nnsim path
>>> for rec in nn.step(doc):                    # one forward + backward + update
...     print(rec.text("en"))                   # doctest: +SKIP
>>> report = nn.train("playground-circle", epochs=50)
>>> report.accuracy > 0.5
True

Your own data, end to end (see docs/MODEL_API.md):

>>> net = nn.network([2, 3, 1], "sigmoid")      # doctest: +SKIP
>>> nn.use_csv(net, "melons.csv", target="好瓜")  # doctest: +SKIP
>>> nn.train(net, epochs=500).accuracy          # doctest: +SKIP
>>> nn.save(net, "melons.nnsim")                # the table goes with it  # doctest: +SKIP

No Qt is imported here; everything runs in a plain Python process or a notebook.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from nnsim.model.document import NetworkDocument
from nnsim.model.fileformat import LoadError
from nnsim.model.fileformat import load as load_file
from nnsim.model.fileformat import save as save_file
from nnsim.model.session import Session

__all__ = [
    "TrainReport",
    "evaluate",
    "export_pytorch",
    "lesson",
    "lessons",
    "load",
    "load_csv",
    "network",
    "run_lesson",
    "save",
    "session",
    "step",
    "train",
    "use_csv",
]


def load(spec) -> NetworkDocument:
    """A new document from a .nnsim file, or from a lesson when ``spec`` names one.

    Raises
    ------
    LoadError
        For a missing or bad file (one clear message).
    """
    from nnsim.lessons import get_lesson, lesson_names

    if isinstance(spec, NetworkDocument):
        return spec
    text = os.fspath(spec)
    path = Path(text)
    looks_like_path = path.suffix == ".nnsim" or os.sep in text or "/" in text
    if not path.exists() and not looks_like_path and text.lower() in lesson_names():
        return get_lesson(text).load()
    if not path.exists() and not looks_like_path:
        raise LoadError(
            f"{text}: no such file (and no lesson of that name; the lessons are "
            f"{', '.join(lesson_names())})",
            path=text,
        )
    return load_file(path)


def lesson(name: str) -> NetworkDocument:
    """A new document with lesson ``name``'s content."""
    from nnsim.lessons import load_lesson

    return load_lesson(name)


def lessons(lang: str = "en") -> list[tuple[str, str, str]]:
    """(name, COURSE section, title) of every lesson, in lecture order."""
    from nnsim.lessons import list_lessons

    return list_lessons(lang)


def run_lesson(name: str, **options):
    """Run a lesson headless; returns a ``LessonResult`` (``.ok``, ``.summary(lang)``)."""
    from nnsim.lessons import run

    return run(name, **options)


def session(target) -> Session:
    """A ``Session`` on a document, a file or a lesson."""
    return target if isinstance(target, Session) else Session(load(target))


@dataclass
class TrainReport:
    """What ``train`` did.

    Attributes
    ----------
    status, message : str
        How training ended (see ``nnsim.engine.training.STATUSES``) and a sentence about it.
    epochs : int
        The epoch the network is at.
    loss, accuracy : float
        On the training data (accuracy NaN for regression).
    val_loss, val_accuracy : float or None
        On the validation / test part, when there is one.
    seconds : float
        Wall time of the training.
    session : Session
        The session (its ``document`` holds the trained weights).
    """

    status: str
    message: str
    epochs: int
    loss: float
    accuracy: float
    val_loss: float | None
    val_accuracy: float | None
    seconds: float
    session: Session

    @property
    def document(self) -> NetworkDocument:
        """The trained document."""
        return self.session.document


def train(target, epochs: int | None = None, *, reset: bool = False, **settings) -> TrainReport:
    """Train a document, file or lesson and return a report.

    Parameters
    ----------
    target : NetworkDocument, Session, path or lesson name
    epochs : int, optional
        Default: the document's ``settings.epochs``.
    reset : bool
        Draw new initial weights (the settings' ``init`` and ``seed``) first.
    **settings
        Settings to change first, e.g. ``lr=0.5, rule="accumulated"``.
    """
    s = session(target)
    if settings:
        s.document.update_settings(**settings)
    if reset:
        s.reset_weights()
    t0 = time.perf_counter()
    result = s.train_epochs(epochs)
    seconds = time.perf_counter() - t0
    ev = s.evaluate()
    return TrainReport(
        result.status,
        result.message,
        result.epoch,
        ev["loss"],
        ev["accuracy"],
        ev.get("val_loss"),
        ev.get("val_accuracy"),
        seconds,
        s,
    )


def step(target, sample: int | None = None, *, write_back: bool = True) -> list:
    """One forward + backward + update of ``target``, as the stepper's records.

    Each record's ``text(lang)`` is the formula with the numbers substituted, e.g.
    ``β_1 = 0.35×0.1 + 0.9×0.8 = 0.755,  b_1 = σ(0.755) = 0.680267``. With
    ``write_back`` the updated weights go into the document.
    """
    s = session(target)
    records = s.stepper(sample=sample).run_to_end()
    if write_back:
        s.sync_document()
    return records


def save(target, path) -> Path:
    """Save a document (or a session's) atomically, keeping the old file as ``path.bak``."""
    doc = target.document if isinstance(target, (Session, TrainReport)) else target
    return save_file(doc, path)


def export_pytorch(target) -> str:
    """Python source of an equivalent ``torch.nn.Module`` with the weights."""
    from nnsim.model.export_pytorch import to_pytorch_source

    doc = target.document if isinstance(target, (Session, TrainReport)) else load(target)
    return to_pytorch_source(doc)


# --------------------------------------------------------------------------- own data
def network(
    sizes,
    activation: str = "sigmoid",
    output_activation: str | None = None,
    *,
    init: str = "uniform01",
    seed: int = 0,
) -> NetworkDocument:
    """A new fully connected network: layer sizes from inputs to outputs, one activation.

    Parameters
    ----------
    sizes : list of int or str
        E.g. ``[3, 3, 2]`` or ``"3,3,2"``.
    activation : str
        Of every layer after the inputs ("sigmoid", "tanh", "relu", "identity", …).
    output_activation : str, optional
        Of the output layer, when it differs.
    init, seed : str, int
        Initial weights ("uniform01" as the book, "xavier", "he", …) and their seed.
    """
    from nnsim.model.mlp import mlp_document

    return mlp_document(sizes, activation, output_activation, init=init, seed=seed)


def load_csv(path, target=None, features=None, task=None, *, standardize=False, **options):
    """A ``Dataset`` from a CSV file (see ``nnsim.data.load_csv`` for every option).

    Categorical columns are one-hot encoded; ``task`` ("binary", "multiclass",
    "regression") defaults to what the target column suggests.
    """
    from nnsim.data import load_csv as _load_csv

    return _load_csv(path, target, task, features=features, standardize=standardize, **options)


def use_csv(
    doc,
    path,
    target=None,
    features=None,
    task=None,
    *,
    standardize: bool = False,
    train_fraction: float = 1.0,
    seed: int = 0,
    fit: bool = True,
):
    """Make a network train on a CSV table, kept with it when it is saved.

    Parameters
    ----------
    doc : NetworkDocument
    path : str or pathlib.Path
        The CSV file.
    target, features, task, standardize
        As for :func:`load_csv`.
    train_fraction, seed : float, int
        The split: ``train_fraction`` of the rows train, the rest test (stratified).
    fit : bool
        Set the input layer to the table's inputs and the output layer to its task
        (one sigmoid output for two classes, k softmax outputs for k classes, one
        linear output for regression); new weights are drawn for resized layers.

    Returns
    -------
    nnsim.data.EncodedTable
        The data set and how each column was encoded (``describe()``).
    """
    from nnsim.data import read_table
    from nnsim.model.datasection import CSV_DATASET, make_section
    from nnsim.model.mlp import fit_to_data

    doc = doc.document if isinstance(doc, (Session, TrainReport)) else doc
    section = make_section(read_table(path), target, features, task, standardize)
    encoded = section.encode(train_fraction, seed)
    doc.set_data(section)
    doc.update_settings(
        dataset=CSV_DATASET,
        dataset_params={"train_fraction": float(train_fraction), "seed": int(seed)},
        targets=None,
    )
    if fit:
        fit_to_data(doc, encoded.dataset, encoded.task)
    return encoded


def evaluate(target) -> dict:
    """Loss and accuracy on the training data (and ``val_loss``, ``val_accuracy`` on the test part)."""
    return session(target).evaluate()
