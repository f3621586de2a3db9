"""The lesson browser: every lesson in lecture order, with both titles and its goal; open one.

Shown from Help ▸ Lessons… and on the first start. Opening a lesson loads its document
(network, weights, data set and training settings) through ``MainWindow.open_lesson``
and brings the view it asks for (``meta.view``: the network canvas, the CNN or the RNN
view) to the front; the views set themselves up from the document they are handed.
Texts are translated in ``demos_zh_CN.ts`` through ``_t`` (context "demos.lessons").
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from nnsim.gui import prefs
from nnsim.gui.demos.widgets import tint
from nnsim.gui.i18n import translator

#: Settings keys: the browser was shown once; show it at every start.
SEEN_KEY = "lessons/browser_seen"
AT_START_KEY = "lessons/show_at_start"
#: The lesson that is done as an exercise (COURSE.md §13c).
HOMEWORK = "relu-homework"


_CONTEXT = "demos.lessons"


_t = translator(_CONTEXT)


@dataclass(frozen=True)
class LessonInfo:
    """What the browser shows of one lesson."""

    number: int
    name: str
    section: str
    title_en: str
    title_zh: str
    goal_en: str
    goal_zh: str
    view: str
    available: bool

    def title(self, lang: str) -> str:
        return self.title_zh if lang.startswith("zh") else self.title_en

    def other_title(self, lang: str) -> str:
        return self.title_en if lang.startswith("zh") else self.title_zh

    def goal(self, lang: str) -> str:
        return (self.goal_zh if lang.startswith("zh") else self.goal_en) or self.goal_en


_CACHE: list[LessonInfo] | None = None


def lessons(refresh: bool = False) -> list[LessonInfo]:
    """Every lesson of the registry in lecture order, with titles, goal and view."""
    global _CACHE
    if _CACHE is not None and not refresh:
        return list(_CACHE)
    from nnsim.lessons import LESSONS

    out = []
    for i, lesson in enumerate(LESSONS, start=1):
        try:
            meta = lesson.load().meta
            info = LessonInfo(
                i,
                lesson.name,
                lesson.section,
                meta.title_en or lesson.name,
                meta.title_zh or meta.title_en or lesson.name,
                meta.goal_en,
                meta.goal_zh,
                meta.view or "network",
                lesson.available,
            )
        except Exception:  # noqa: BLE001 - list it, greyed; opening shows the loader's error
            info = LessonInfo(
                i, lesson.name, lesson.section, lesson.name, lesson.name, "", "", "network", False
            )
        out.append(info)
    _CACHE = out
    return list(out)


def open_lesson(window, name: str) -> bool:
    """Open lesson ``name`` in ``window`` and show the view it needs; False if it failed."""
    if hasattr(window, "maybe_save") and not window.maybe_save():
        return False
    # The window brings the lesson's view (meta.view) to the front, as for every entry point.
    return bool(window.open_lesson(name))


class LessonBrowser(QDialog):
    """The list of lessons (lecture order, both titles) and the selected lesson's goal.

    Parameters
    ----------
    window : MainWindow, optional
        Where lessons open. Without one, ``lesson_opened`` is emitted only.
    language : callable, optional
        Returns the interface language ("en" / "zh_CN"); by default the translator decides.

    Signals
    -------
    lesson_opened(str)
        A lesson was opened (its name).
    exercise_requested()
        "Do it as an exercise" was pressed (the homework lesson).
    """

    lesson_opened = Signal(str)
    exercise_requested = Signal()

    def __init__(self, window=None, parent=None, language=None):
        super().__init__(parent if parent is not None else window)
        self.window_ = window
        self._language = language
        self.setModal(False)
        self.resize(980, 620)
        self.list = QListWidget(self)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.other_title = QLabel(self)
        tint(self.other_title, "#5b6470")
        self.other_title.setWordWrap(True)
        self.section = QLabel(self)
        tint(self.section, "#5b6470")
        self.goal = QLabel(self)
        self.goal.setWordWrap(True)
        self.goal.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.goal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view_note = QLabel(self)
        self.view_note.setWordWrap(True)
        self.btn_open = QPushButton(self)
        self.btn_open.setDefault(True)
        self.btn_exercise = QPushButton(self)
        self.btn_close = QPushButton(self)
        self.at_start = QCheckBox(self)
        self.at_start.setChecked(prefs.settings().value(AT_START_KEY, False) in (True, "true"))

        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.addWidget(self.title)
        rl.addWidget(self.other_title)
        rl.addWidget(self.section)
        rl.addSpacing(8)
        rl.addWidget(self.goal, 1)
        rl.addWidget(self.view_note)
        row = QHBoxLayout()
        row.addWidget(self.btn_open)
        row.addWidget(self.btn_exercise)
        row.addStretch(1)
        rl.addLayout(row)
        split = QSplitter(self)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 4)
        bottom = QHBoxLayout()
        bottom.addWidget(self.at_start)
        bottom.addStretch(1)
        bottom.addWidget(self.btn_close)
        lay = QVBoxLayout(self)
        lay.addWidget(split, 1)
        lay.addLayout(bottom)

        self.list.currentRowChanged.connect(self._show)
        self.list.itemActivated.connect(lambda *_: self.open_selected())
        self.btn_open.clicked.connect(self.open_selected)
        self.btn_exercise.clicked.connect(self._exercise)
        self.btn_close.clicked.connect(self.close)
        self.at_start.toggled.connect(lambda on: prefs.settings().setValue(AT_START_KEY, bool(on)))
        self._fonts()
        self.infos = lessons()
        self._fill()
        self.retranslate_ui()
        current = getattr(window, "lesson_name", None)
        names = [i.name for i in self.infos]
        self.list.setCurrentRow(names.index(current) if current in names else 0)

    # ------------------------------------------------------------------ language
    def lang(self) -> str:
        if self._language is not None:
            return str(self._language())
        return "zh_CN" if _t("Open lesson") != "Open lesson" else "en"

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_t("Lessons"))
        self.btn_open.setText(_t("Open lesson"))
        self.btn_exercise.setText(_t("Do it as an exercise"))
        self.btn_close.setText(_t("Close"))
        self.at_start.setText(_t("Show this list every time nnsim starts"))
        self._fill()
        self._show(self.list.currentRow())

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.FontChange:
            self._fonts()
        super().changeEvent(event)

    def _fonts(self) -> None:
        """Sizes relative to the application font (presentation mode makes them grow)."""
        for label, factor, bold in (
            (self.title, 1.5, True),
            (self.other_title, 1.2, False),
            (self.goal, 1.15, False),
        ):
            f = QFont(self.font())
            f.setBold(bold)
            f.setPointSizeF(max(f.pointSizeF(), 6) * factor)
            label.setFont(f)

    # ------------------------------------------------------------------ content
    def _fill(self) -> None:
        lang = self.lang()
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for info in self.infos:
            text = f"{info.number}.  {info.title(lang)}\n      {info.other_title(lang)}"
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            if not info.available:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        self.list.blockSignals(False)
        if row >= 0:
            self.list.setCurrentRow(row)

    def names(self) -> list[str]:
        """Lesson names in the order listed."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def selected(self) -> LessonInfo | None:
        """The lesson selected in the list."""
        row = self.list.currentRow()
        return self.infos[row] if 0 <= row < len(self.infos) else None

    def select(self, name: str) -> None:
        """Select lesson ``name``."""
        self.list.setCurrentRow(self.names().index(name))

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.infos):
            return
        info = self.infos[row]
        lang = self.lang()
        self.title.setText(info.title(lang))
        self.other_title.setText(info.other_title(lang))
        self.section.setText(_t("Lecture topic {0}").format(info.section))
        self.goal.setText(info.goal(lang))
        views = {
            "network": _t("Opens on the network canvas: step it, train it, change its weights."),
            "cnn": _t(
                "Opens the CNN view: kernels, the sliding window, pooling and MNIST training."
            ),
            "rnn": _t(
                "Opens the RNN view: the network unrolled over time, hidden states and BPTT."
            ),
        }
        self.view_note.setText(views.get(info.view, ""))
        self.btn_exercise.setVisible(info.name == HOMEWORK)
        self.btn_open.setEnabled(info.available)

    # ------------------------------------------------------------------ opening
    def open_selected(self) -> bool:
        """Open the selected lesson (and close the browser)."""
        info = self.selected()
        if info is None or not info.available:
            return False
        if self.window_ is not None and not open_lesson(self.window_, info.name):
            return False
        self.lesson_opened.emit(info.name)
        self.close()
        return True

    def _exercise(self) -> None:
        if self.open_selected():
            self.exercise_requested.emit()


def show_at_start(window, opened: str | None = None) -> LessonBrowser | None:
    """Show the browser on the very first start (or every start when the user asked).

    Parameters
    ----------
    window : MainWindow
        The window the browser opens lessons in.
    opened : str or None
        The lesson or file the user named on the command line (or opened by double-click).
        A start on a named lesson shows that lesson, not the browser over it, and does
        not count as the first start: the browser still greets the first bare ``nnsim``.
    """
    if opened is not None:
        return None
    s = prefs.settings()
    seen = s.value(SEEN_KEY, False) in (True, "true")
    every = s.value(AT_START_KEY, False) in (True, "true")
    if seen and not every:
        return None
    s.setValue(SEEN_KEY, True)
    browser = LessonBrowser(window)
    browser.show()
    browser.raise_()
    return browser
