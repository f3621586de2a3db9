"""A lesson's outcome run headless (``LessonResult``) and the helpers the outcome checks share."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from nnsim.model.compile import compile_document
from nnsim.model.document import NetworkDocument


@dataclass
class LessonResult:
    """The outcome of running a lesson headless.

    Attributes
    ----------
    name : str
        The lesson.
    ok : bool
        True when the outcome the lesson states came out.
    lines_en, lines_zh : list of str
        What happened, with the numbers.
    values : dict
        The key numbers by name (for tests and scripts).
    title_en, title_zh : str
    """

    name: str
    ok: bool
    lines_en: list = field(default_factory=list)
    lines_zh: list = field(default_factory=list)
    values: dict = field(default_factory=dict)
    title_en: str = ""
    title_zh: str = ""

    def summary(self, lang: str = "en") -> str:
        """A printable summary: title, the lines, and whether the outcome came out."""
        zh = lang == "zh"
        title = self.title_zh if zh else self.title_en
        lines = self.lines_zh if zh else self.lines_en
        if zh:
            verdict = "结果与课程一致。" if self.ok else "结果与课程说的不一致！"
        else:
            verdict = "Outcome as stated." if self.ok else "Outcome NOT as stated!"
        return "\n".join([f"{title} ({self.name})", *(f"  {s}" for s in lines), verdict])

    def add(self, en: str, zh: str) -> None:
        """Add one line in both languages."""
        self.lines_en.append(en)
        self.lines_zh.append(zh)


def fmt(v, digits: int = 6) -> str:
    """A number as the step-through prints it (6 significant digits, a real minus)."""
    if isinstance(v, (list, tuple, np.ndarray)):
        return "[" + ", ".join(fmt(x, digits) for x in np.ravel(v)) + "]"
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "−inf"
    s = f"{v:.{digits}g}"
    return s.replace("-", "−")


def new_result(doc: NetworkDocument, name: str) -> LessonResult:
    """An empty result titled from the lesson's meta, ``ok`` until a check fails."""
    return LessonResult(name, True, title_en=doc.meta.title_en, title_zh=doc.meta.title_zh)


def forward(doc: NetworkDocument, x) -> np.ndarray:
    """The network's outputs for the inputs ``x`` (a fresh compile, the document untouched)."""
    return compile_document(doc, cache=False).network.forward(np.asarray(x, dtype=float))
