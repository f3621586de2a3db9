"""``AppContext``: what the window hands its plug-ins (training, stepping, demos, compare).

The plug-ins read the open document, the editor, the canvas, the language, presentation
mode... through this one typed object instead of looking for attributes on the window. The
window owns the state; the context reads it live (the document after File ▸ New, the
presentation flag after F5), so a plug-in never keeps a stale copy. A context can be built
from parts without a ``MainWindow`` (tests do): any ``QMainWindow`` can be the host.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QTabWidget

    from nnsim.gui.canvas import NetworkScene, NetworkView
    from nnsim.gui.compare.view import CompareView
    from nnsim.gui.demos import DemoViews
    from nnsim.gui.editor import DocumentEditor
    from nnsim.gui.i18n import LanguageManager
    from nnsim.gui.live import LivePreview
    from nnsim.gui.presentation import PresentationStrip
    from nnsim.gui.stepping.controller import StepController
    from nnsim.gui.training.controller import TrainingController
    from nnsim.gui.training.install import TrainingUI
    from nnsim.model import NetworkDocument


@dataclass(eq=False)
class AppContext:
    """The window's objects and live state, as the plug-ins need them.

    Parameters
    ----------
    host : QMainWindow
        Parent of the plug-ins' actions, dialogs and docks; its events (close, language
        change) are the application's.
    editor : DocumentEditor
        Pushes changes of the document as undo steps.
    scene : NetworkScene
        The network canvas (values, highlights, theme).
    view : NetworkView
        The view of ``scene``.
    undo_stack : QUndoStack
        The window's undo history.
    live_preview : LivePreview
        The forward preview on the canvas (switched off while a tool draws values).
    views : QTabWidget
        The central views (tabs).
    view_menu, help_menu : QMenu
        Where plug-ins put their entries (View ▸ …, Help ▸ …).
    document_replaced : SignalInstance
        Emitted with the new NetworkDocument after New, Open, a lesson, a restore.
    presentation_changed : SignalInstance
        Emitted with the new presentation flag.
    get_document, get_presentation, get_file_path, get_lesson_name : callable
        Read the window's current state (see the properties of the same names).
    add_dock, add_menu, add_view, show_view : callable
        The window's hooks (``MainWindow.add_dock``...).
    show_status : callable
        ``show_status(text, msecs)``: a message in the status bar.
    open_lesson, maybe_save : callable
        Open a lesson by name; ask to save changes (True when it is fine to go on).
    languages : LanguageManager, optional
        The interface language; None means English.
    palette_dock, inspector_dock : QDockWidget, optional
        The window's own docks (the training panel shares the palette's place).
    presentation_strip : PresentationStrip, optional
        The formula strip of presentation mode.
    inspector_width : callable, optional
        The width the inspector dock should have now.

    Attributes
    ----------
    training, stepping, training_ui, demo_views, compare : object or None
        The installed plug-ins, set by their ``install``.
    """

    host: QMainWindow
    editor: DocumentEditor
    scene: NetworkScene
    view: NetworkView
    undo_stack: QUndoStack
    live_preview: LivePreview
    views: QTabWidget
    view_menu: QMenu
    help_menu: QMenu
    document_replaced: SignalInstance
    presentation_changed: SignalInstance
    get_document: Callable[[], NetworkDocument]
    get_presentation: Callable[[], bool]
    get_file_path: Callable[[], Path | None]
    get_lesson_name: Callable[[], str | None]
    add_dock: Callable[..., QDockWidget]
    add_menu: Callable[..., QMenu]
    add_view: Callable[..., int]
    show_view: Callable[[str], None]
    show_status: Callable[[str, int], None]
    open_lesson: Callable[[Any], bool]
    maybe_save: Callable[[], bool]
    languages: LanguageManager | None = None
    palette_dock: QDockWidget | None = None
    inspector_dock: QDockWidget | None = None
    presentation_strip: PresentationStrip | None = None
    inspector_width: Callable[[], int] | None = None
    # the plug-ins, filled in by their install()
    training: TrainingController | None = None
    stepping: StepController | None = None
    training_ui: TrainingUI | None = None
    demo_views: DemoViews | None = None
    compare: CompareView | None = None

    @property
    def document(self) -> NetworkDocument:
        """The document shown now (a new one after New, Open, a lesson)."""
        return self.get_document()

    @property
    def presentation(self) -> bool:
        """True while presentation mode (F5) is on."""
        return bool(self.get_presentation())

    @property
    def file_path(self) -> Path | None:
        """The file the document was opened from or saved to, or None."""
        return self.get_file_path()

    @property
    def lesson_name(self) -> str | None:
        """The name of the lesson open now, or None."""
        return self.get_lesson_name()

    @property
    def language(self) -> str:
        """The interface language ("en", "zh_CN")."""
        return self.languages.language if self.languages is not None else "en"
