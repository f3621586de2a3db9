"""The lesson registry: one lesson per topic of the course, in lecture order.

Lesson files live in resources/lessons/ (built by ``nnsim.lessons.build``); each is a
normal .nnsim document whose meta holds its bilingual title, goal and notes. ``run(name)``
executes the lesson's stated outcome headless and returns a ``LessonResult``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from nnsim.lessons.outcomes import OUTCOMES, LessonResult
from nnsim.model.document import NetworkDocument
from nnsim.model.fileformat import load
from nnsim.paths import resource


class LessonError(ValueError):
    """An unknown lesson, or one this build of nnsim cannot run; the message says which."""


@dataclass(frozen=True)
class Lesson:
    """One entry of the registry.

    Attributes
    ----------
    name : str
        E.g. ``"bp-worked-example"``; also the file name without ``.nnsim``.
    section : str
        The topic of COURSE.md it follows (e.g. ``"6"``, ``"13c"``).
    needs : tuple of str
        Engine layer modules it needs (``"conv"``, ``"pool"``, ``"rnn"``).
    """

    name: str
    section: str
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
    Lesson("mp-neuron", "1"),
    Lesson("perceptron-and-or-not", "2"),
    Lesson("perceptron-xor", "2"),
    Lesson("xor-two-layer", "3"),
    Lesson("bp-worked-example", "6"),
    Lesson("bp-variants", "7"),
    Lesson("watermelon-3.0", "5, 7"),
    Lesson("watermelon-alpha-csv", "7"),
    Lesson("overfitting", "8"),
    Lesson("activation-gallery", "9"),
    Lesson("softmax-overflow", "10, 13a–b"),
    Lesson("playground-circle", "4, 7"),
    Lesson("convolution-pooling", "11", ("conv", "pool", "flatten")),
    Lesson("mnist-mlp", "11"),
    Lesson("mnist-cnn", "11", ("conv", "pool", "flatten")),
    Lesson("rnn-shapes", "12", ("rnn",)),
    Lesson("relu-homework", "13c"),
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
    return OUTCOMES[lesson.name](lesson.load(), **options)


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
