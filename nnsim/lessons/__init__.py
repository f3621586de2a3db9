"""The lesson registry: one record per lesson (name, builder, outcome, view, comparison), in lecture order.

Each lesson's builder and outcome check live in a module of its topic (``neurons``,
``backprop``, ``training``, ``convolution``, ``recurrent``, ``watermelon_csv``); the files
in resources/lessons/ are written from the builders by ``python -m nnsim.lessons.build``.
Each is a normal .nnsim document whose meta holds its bilingual title, goal and notes.
``run(name)`` executes the lesson's stated outcome headless and returns a ``LessonResult``.
Adding a lesson is one ``Lesson(...)`` entry in ``LESSONS`` (CONTRIBUTING.md).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from nnsim.lessons import backprop, comparisons, convolution, neurons, recurrent, training
from nnsim.lessons import watermelon_csv as melons
from nnsim.lessons.comparisons import CompareSpec
from nnsim.lessons.result import LessonResult
from nnsim.model.document import NetworkDocument
from nnsim.model.fileformat import load
from nnsim.paths import resource


class LessonError(ValueError):
    """An unknown lesson, or one this build of nnsim cannot run; the message says which."""


@dataclass(frozen=True)
class Lesson:
    """One entry of the registry: everything nnsim knows about a lesson.

    Attributes
    ----------
    name : str
        E.g. ``"bp-worked-example"``; also the file name without ``.nnsim``.
    section : str
        The topic of COURSE.md it follows (e.g. ``"6"``, ``"13c"``).
    builder : callable
        ``builder()`` returns the lesson's document (``nnsim.lessons.build`` writes its file).
    outcome : callable
        ``outcome(doc, **options)`` runs the lesson headless and returns a ``LessonResult``.
    view : str
        The view the lesson opens on (written into the file's ``meta.view``).
    comparison : CompareSpec or None
        The variants the lesson trains side by side.
    needs : tuple of str
        Engine layer modules it needs (``"conv"``, ``"pool"``, ``"rnn"``).
    """

    name: str
    section: str
    builder: Callable
    outcome: Callable
    view: str = "network"
    comparison: CompareSpec | None = None
    needs: tuple = ()

    @property
    def path(self) -> Path:
        """The lesson file."""
        return resource("lessons", f"{self.name}.nnsim")

    @property
    def available(self) -> bool:
        """True when this build has the engine layers the lesson needs."""
        for module in self.needs:
            try:
                importlib.import_module(f"nnsim.engine.layers.{module}")
            except ImportError:
                return False
        return self.path.exists()

    def load(self) -> NetworkDocument:
        """A new document with the lesson's content."""
        return load(self.path)

    def build(self) -> NetworkDocument:
        """The lesson's document built from code, opening on the record's view."""
        doc = self.builder()
        doc.update_meta(lesson=self.name, view=self.view)
        return doc

    def titles(self) -> dict:
        """Title and goal in both languages, read from the file's meta."""
        m = self.load().meta
        return {
            "title_zh": m.title_zh,
            "title_en": m.title_en,
            "goal_zh": m.goal_zh,
            "goal_en": m.goal_en,
        }


#: The lessons in lecture order (COURSE.md's topics).
LESSONS: tuple[Lesson, ...] = (
    Lesson("mp-neuron", "1", neurons.mp_neuron, neurons.mp_neuron_outcome),
    Lesson(
        "perceptron-and-or-not",
        "2",
        neurons.perceptron_and_or_not,
        neurons.perceptron_and_or_not_outcome,
    ),
    Lesson("perceptron-xor", "2", neurons.perceptron_xor, neurons.perceptron_xor_outcome),
    Lesson("xor-two-layer", "3", neurons.xor_two_layer, neurons.xor_two_layer_outcome),
    Lesson(
        "bp-worked-example", "6", backprop.bp_worked_example, backprop.bp_worked_example_outcome
    ),
    Lesson(
        "bp-variants",
        "7",
        training.bp_variants,
        training.bp_variants_outcome,
        comparison=comparisons.BP_VARIANTS,
    ),
    Lesson(
        "learning-rate",
        "7",
        training.learning_rate,
        training.learning_rate_outcome,
        comparison=comparisons.LEARNING_RATE,
    ),
    Lesson("watermelon-3.0", "5, 7", melons.watermelon_3_0, melons.outcome_3_0),
    Lesson("watermelon-alpha-csv", "7", melons.watermelon_alpha_csv, melons.outcome_alpha),
    Lesson(
        "overfitting",
        "8",
        training.overfitting,
        training.overfitting_outcome,
        comparison=comparisons.OVERFITTING,
    ),
    Lesson(
        "activation-gallery",
        "9",
        training.activation_gallery,
        training.activation_gallery_outcome,
        comparison=comparisons.ACTIVATIONS,
    ),
    Lesson(
        "softmax-overflow",
        "10, 13a–b",
        backprop.softmax_overflow,
        backprop.softmax_overflow_outcome,
    ),
    Lesson(
        "playground-circle", "4, 7", training.playground_circle, training.playground_circle_outcome
    ),
    Lesson(
        "convolution-pooling",
        "11",
        convolution.convolution_pooling,
        convolution.convolution_pooling_outcome,
        view="cnn",
        needs=("conv", "pool", "flatten"),
    ),
    Lesson("mnist-mlp", "11", convolution.mnist_mlp, convolution.mnist_mlp_outcome),
    Lesson(
        "mnist-cnn",
        "11",
        convolution.mnist_cnn,
        convolution.mnist_cnn_outcome,
        view="cnn",
        needs=("conv", "pool", "flatten"),
    ),
    Lesson(
        "rnn-shapes",
        "12",
        recurrent.rnn_shapes,
        recurrent.rnn_shapes_outcome,
        view="rnn",
        needs=("rnn",),
    ),
    Lesson("relu-homework", "13c", backprop.relu_homework, backprop.relu_homework_outcome),
)

_BY_NAME = {lesson.name: lesson for lesson in LESSONS}


def lesson_names() -> list[str]:
    """Lesson names in lecture order."""
    return [lesson.name for lesson in LESSONS]


def get_lesson(name: str) -> Lesson:
    """The registry entry of ``name``.

    Raises
    ------
    LessonError
        For an unknown name, listing the known ones.
    """
    try:
        return _BY_NAME[str(name).strip().lower().removesuffix(".nnsim")]
    except KeyError:
        raise LessonError(
            f"there is no lesson {name!r}; the lessons are: {', '.join(lesson_names())}"
        ) from None


def load_lesson(name: str) -> NetworkDocument:
    """A new document with lesson ``name``'s content."""
    return get_lesson(name).load()


def list_lessons(lang: str = "en") -> list[tuple[str, str, str]]:
    """(name, section, title) for every lesson, in lecture order."""
    out = []
    for lesson in LESSONS:
        t = lesson.titles()
        out.append((lesson.name, lesson.section, t["title_zh"] if lang == "zh" else t["title_en"]))
    return out


def run(name: str, **options) -> LessonResult:
    """Run lesson ``name`` headless and check its stated outcome.

    ``options`` go to the lesson's outcome function (e.g. ``epochs=``, or ``subset=`` for
    the MNIST lessons) to run a shorter version.

    Returns
    -------
    LessonResult
        ``ok``, the numbers, and ``summary(lang)`` to print.
    """
    lesson = get_lesson(name)
    if not lesson.path.exists():
        raise LessonError(
            f"the lesson file {lesson.path} is missing: this nnsim installation is incomplete"
        )
    if not lesson.available:
        raise LessonError(f"lesson {lesson.name!r} needs engine layers this nnsim does not have")
    return lesson.outcome(lesson.load(), **options)


__all__ = [
    "LESSONS",
    "Lesson",
    "LessonError",
    "LessonResult",
    "get_lesson",
    "lesson_names",
    "list_lessons",
    "load_lesson",
    "run",
]
