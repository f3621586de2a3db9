"""Interface language: load Qt translators for Chinese (zh_CN) or English and switch live."""

from __future__ import annotations

import re

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
)

from nnsim.engine.activations import activation_entry
from nnsim.engine.errors import EngineError
from nnsim.gui.prefs import settings
from nnsim.model.layer_kinds import layer_kind
from nnsim.paths import resource

# Native names: a user who cannot read the current language must still find their own.
LANGUAGES = {"en": "English", "zh_CN": "中文（简体）"}

# Default layer labels that lessons and the palette use; shown translated on the canvas.
_LAYER_WORDS = (
    QT_TRANSLATE_NOOP("LayerLabel", "input"),
    QT_TRANSLATE_NOOP("LayerLabel", "hidden"),
    QT_TRANSLATE_NOOP("LayerLabel", "output"),
    QT_TRANSLATE_NOOP("LayerLabel", "bias"),
)

_current_language = "en"
# "隐层 hidden": a label written in both languages, Chinese first.
# "隐层 1 hidden 1", "密度, 含糖率 density, sugar": the Chinese half runs to its last CJK
# character plus any non-letter tail ("1", "?"); the English half starts with a letter.
_BILINGUAL = re.compile(
    r"^(.*[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef][^A-Za-z]*?)\s+([A-Za-z][^\u2e80-\u9fff]*)$"
)


def translator(context: str):
    """A ``_t(text)`` that looks ``text`` up under one named translation ``context``.

    The demo views, lesson browser and exercise use it instead of ``self.tr()``: the
    shell's lupdate run would copy tr() strings into its own catalogue, whose guesses
    would then shadow the translations in demos_zh_CN.ts (see nnsim.gui.demos.catalogue).
    """

    def _t(text: str) -> str:
        return QCoreApplication.translate(context, text)

    return _t


def current_language() -> str:
    """The interface language now in use ("en" or "zh_CN")."""
    return _current_language


def layer_label(label: str) -> str:
    """A layer label for display.

    Default words ("hidden") are translated; a label written in both languages
    ("隐层 hidden") shows the half of the current language; other text is unchanged.
    """
    if label in _LAYER_WORDS:
        return QCoreApplication.translate("LayerLabel", label)
    m = _BILINGUAL.match(label.strip())
    if m:
        return m.group(1) if _current_language.startswith("zh") else m.group(2)
    return label


def kind_name(kind: str) -> str:
    """Name of a layer kind in the current language, from the layer-kind registry
    (nnsim.model.layer_kinds; like activation names, not from a .ts catalogue)."""
    rec = layer_kind(kind)
    return rec.label(_current_language) if rec is not None else kind


def activation_name(name: str) -> str:
    """Display name of an engine activation in the current language (``leaky_relu:0.2``
    keeps its slope).

    The names come from the activation registry (nnsim.engine.activations), not from a
    .ts catalogue: registering an activation is then the one step that names it in both
    languages, and no name can be left untranslated by a forgotten catalogue update.
    """
    base, _, param = name.partition(":")
    try:
        text = activation_entry(base).label(_current_language)
    except EngineError:
        text = base
    return f"{text} ({param})" if param else text


def system_language() -> str:
    """The language to start in when the user never chose one: Chinese on a zh locale."""
    return "zh_CN" if QLocale.system().name().lower().startswith("zh") else "en"


def saved_language() -> str:
    """The language the user chose last time, else the system's."""
    code = str(settings().value("language", "") or "")
    return code if code in LANGUAGES else system_language()


class LanguageManager(QObject):
    """Owns the installed translators; ``set_language`` switches every open window live.

    Installing or removing a translator makes Qt send a LanguageChange event to every
    widget; widgets re-set their texts in ``changeEvent`` (see ``retranslate_ui``).
    """

    def __init__(self, app: QCoreApplication):
        super().__init__(app)
        self._app = app
        self._translators: list[QTranslator] = []
        self.language = "en"

    def set_language(self, code: str, remember: bool = True) -> bool:
        """Switch to ``code`` ("en" or "zh_CN"); return False if its file is missing."""
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}")
        for t in self._translators:
            self._app.removeTranslator(t)
        self._translators = []
        ok = True
        if code != "en":
            # nnsim_<code>.qm plus one file per part of the app (training_<code>.qm...).
            folder = resource("translations")
            files = sorted(folder.glob(f"*_{code}.qm")) if folder.is_dir() else []
            ok = False
            for path in files:
                ours = QTranslator(self)
                if ours.load(str(path)):
                    self._translators.append(ours)
                    ok = ok or path.name == f"nnsim_{code}.qm"
            # Qt's own strings (standard buttons of message boxes, file dialogs).
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            qt_tr = QTranslator(self)
            if qt_tr.load(f"qtbase_{code}", qt_dir):
                self._translators.append(qt_tr)
            for t in self._translators:
                self._app.installTranslator(t)
        self.language = code
        global _current_language
        _current_language = code
        if remember:
            settings().setValue("language", code)
        return ok


_manager: LanguageManager | None = None


def language_manager(app: QCoreApplication) -> LanguageManager:
    """The application's one LanguageManager (created on first use).

    One per application: two managers would each keep translators installed, and the
    language of a window would depend on which was made last.
    """
    global _manager
    if _manager is None or _manager._app is not app:
        _manager = LanguageManager(app)
    return _manager
