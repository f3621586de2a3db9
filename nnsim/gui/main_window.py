"""The main window: canvas, palette, inspector, menus, files, lessons, language, presentation.

Hooks for other tools (stepping, plots, CNN/RNN views) — keep them stable:
- ``add_dock(widget, area, title, name)`` adds a dock and its toggle to View ▸ Panels;
- ``add_menu(title)`` adds a menu before Help (title may be a callable: retranslated);
- ``add_view(name, widget, title)`` / ``show_view(name)`` add and show a central view
  beside the "network" canvas (tabs, hidden while there is only one);
- ``document_replaced(doc)`` is emitted after New/Open/lesson/restore;
- ``scene`` (NetworkScene) has ``set_neuron_values``, ``highlight_neuron``,
  ``highlight_edge``, ``highlight_layer``, ``clear_highlights``, ``clear_values``;
- ``live_preview.set_enabled(False)`` stops the built-in forward preview.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QStyle,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from nnsim import __version__
from nnsim.gui import prefs
from nnsim.gui.autosave import Autosaver
from nnsim.gui.canvas import NetworkScene, NetworkView
from nnsim.gui.context import AppContext
from nnsim.gui.editor import DocumentEditor
from nnsim.gui.i18n import LANGUAGES
from nnsim.gui.inspectors import Inspector, parameter_count
from nnsim.gui.live import LivePreview
from nnsim.gui.palette import Palette
from nnsim.gui.presentation import PresentationLayout, PresentationStrip
from nnsim.gui.style import apply_to_application, refresh_relative_fonts, theme_for
from nnsim.model import LAYER_KINDS, NetworkDocument
from nnsim.paths import resource

if TYPE_CHECKING:
    from nnsim.gui.compare.view import CompareView
    from nnsim.gui.demos import DemoViews
    from nnsim.gui.stepping.controller import StepController
    from nnsim.gui.training.controller import TrainingController
    from nnsim.gui.training.install import TrainingUI

FILE_FILTER = "nnsim (*.nnsim);;JSON (*.json);;* (*)"
# Least height, in screen pixels, of neuron names and printed numbers in presentation mode.
PRESENTATION_TEXT_PX = 24


_LESSON_CACHE: list[dict] | None = None


def lesson_entries(refresh: bool = False) -> list[dict]:
    """Lessons for the Lessons menu, in lecture order: [{"name", "path", "title_en",
    "title_zh", "section"}].

    Uses the lesson registry (nnsim.lessons.LESSONS, lessons this build can run), else lists
    the bundled resources/lessons/*.nnsim files. Titles are read once per process.
    """
    global _LESSON_CACHE
    if _LESSON_CACHE is not None and not refresh:
        return [dict(e) for e in _LESSON_CACHE]
    entries: list[dict] = []
    try:
        from nnsim.lessons import LESSONS

        for lesson in LESSONS:
            if not lesson.available:
                continue
            try:
                t = lesson.titles()
            except Exception:  # noqa: BLE001 - list it; opening shows the loader's error
                t = {}
            entries.append(
                {
                    "name": lesson.name,
                    "path": str(lesson.path),
                    "section": lesson.section,
                    "title_en": t.get("title_en") or lesson.name,
                    "title_zh": t.get("title_zh") or t.get("title_en") or lesson.name,
                }
            )
    except Exception:  # noqa: BLE001 - a broken registry must not stop the app
        entries = []
    if not entries:
        folder = resource("lessons")
        if folder.is_dir():
            from nnsim.model import fileformat

            for path in sorted(folder.glob("*.nnsim")):
                title_en = title_zh = path.stem
                try:
                    meta = fileformat.load(path).meta
                    title_en = meta.title_en or path.stem
                    title_zh = meta.title_zh or title_en
                except Exception:  # noqa: BLE001 - list it anyway; opening shows the error
                    pass
                entries.append(
                    {
                        "name": path.stem,
                        "path": str(path),
                        "section": "",
                        "title_en": title_en,
                        "title_zh": title_zh,
                    }
                )
    _LESSON_CACHE = entries
    return [dict(e) for e in entries]


DEFAULT_LESSON = "bp-worked-example"


class MainWindow(QMainWindow):
    """The nnsim window.

    Parameters
    ----------
    languages : LanguageManager, optional
        Switches translators; without one the Language menu only records the choice.

    Signals
    -------
    document_replaced(object)
        A different NetworkDocument is now shown (New, Open, lesson, restore).
    presentation_changed(bool)
        Presentation mode switched.
    """

    document_replaced = Signal(object)
    presentation_changed = Signal(bool)

    def __init__(self, languages=None, parent=None):
        super().__init__(parent)
        self.languages = languages
        self.file_path: Path | None = None
        self.lesson_name: str | None = None
        self.presentation = False
        self._base_font = QApplication.instance().font()
        # The normal theme already uses a font readable from the back of a room.
        apply_to_application(QApplication.instance(), theme_for(False), self._base_font)
        self._dock_titles: list[tuple[QDockWidget, Callable[[], str] | str]] = []
        self._menu_titles: list[tuple[QMenu, Callable[[], str] | str]] = []

        self.document = NetworkDocument()
        self.undo_stack = QUndoStack(self)
        self.editor = DocumentEditor(self.document, self.undo_stack, self)
        self.scene = NetworkScene(self.document, parent=self)
        self.view = NetworkView(self.scene, self.editor)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.live_preview = LivePreview(self.scene, self)
        self.live_preview.set_document(self.document)

        self.views = QTabWidget(self)
        self.views.setTabBarAutoHide(True)
        self.views.setDocumentMode(True)
        self._view_names: dict[str, QWidget] = {}
        self._view_titles: dict[str, Callable[[], str] | str] = {}
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.views, 1)
        self.setCentralWidget(central)
        self.add_view("network", self.view, lambda: self.tr("Network"))

        self.palette = Palette(available_kinds=LAYER_KINDS)
        self.palette.activated.connect(self._palette_clicked)
        self.inspector = Inspector(self.editor, self.scene, self._language)
        self._build_actions()
        self._build_menus()
        self.panels_menu = QMenu(self)
        self.view_menu.addMenu(self.panels_menu)
        # Scrolled: the palette's full height would otherwise be the left column's minimum
        # and squeeze the bottom docks (plots) under it.
        palette_scroll = QScrollArea()
        palette_scroll.setObjectName("palette_scroll")
        palette_scroll.setWidget(self.palette)
        palette_scroll.setWidgetResizable(True)
        palette_scroll.setFrameShape(QFrame.Shape.NoFrame)
        palette_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.palette_dock = self.add_dock(
            palette_scroll,
            Qt.DockWidgetArea.LeftDockWidgetArea,
            lambda: self.tr("Palette"),
            "palette",
        )
        self.inspector_dock = self.add_dock(
            self.inspector,
            Qt.DockWidgetArea.RightDockWidgetArea,
            lambda: self.tr("Inspector"),
            "inspector",
        )
        # The canvas is what the class looks at: keep the side panels narrow.
        self.resizeDocks(
            [self.palette_dock, self.inspector_dock], [200, 300], Qt.Orientation.Horizontal
        )
        self._build_toolbar()
        # Presentation mode: the formula strip under the views, and the saved layout.
        self.presentation_strip = PresentationStrip(self.act_panels, self.act_leave, central)
        column.addWidget(self.presentation_strip)
        self.views.currentChanged.connect(self._strip_follows_view)
        self._presentation_layout = PresentationLayout(self)
        self.status_info = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_info)
        self.editor.message.connect(lambda m: self.statusBar().showMessage(m, 10000))
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.scene.selectionChanged.connect(self._update_actions)
        self.document.changed.connect(self._document_changed)

        self.context = self._make_context()
        self.autosaver = Autosaver(
            lambda: self.document,
            lambda: not self.undo_stack.isClean(),
            lambda: str(self.file_path or ""),
            parent=self,
        )
        self.autosaver.start()
        # 1440×900, but never larger than the screen: a 1280×800 projector shows the whole
        # window even where it is not maximised (no window manager, restored size).
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None and screen.width() > 0:
            self.resize(min(1440, screen.width()), min(900, screen.height()))
        else:
            self.resize(1440, 900)
        self.retranslate_ui()
        self._update_actions()
        # Weights printed on the edges unless the user turned them off: in a lecture the
        # numbers are the point.
        self.act_weights.setChecked(prefs.settings().value("show_weights", True) in (True, "true"))

    # ------------------------------------------------------------------ plug-ins
    def _make_context(self) -> AppContext:
        # Callables for what changes (the document, the mode, the file): the context reads
        # the window's state as it is now, it never holds a copy.
        return AppContext(
            host=self,
            editor=self.editor,
            scene=self.scene,
            view=self.view,
            undo_stack=self.undo_stack,
            live_preview=self.live_preview,
            views=self.views,
            view_menu=self.view_menu,
            help_menu=self.help_menu,
            document_replaced=self.document_replaced,
            presentation_changed=self.presentation_changed,
            get_document=lambda: self.document,
            get_presentation=lambda: self.presentation,
            get_file_path=lambda: self.file_path,
            get_lesson_name=lambda: self.lesson_name,
            add_dock=self.add_dock,
            add_menu=self.add_menu,
            add_view=self.add_view,
            show_view=self.show_view,
            show_status=lambda text, msecs=10000: self.statusBar().showMessage(text, msecs),
            open_lesson=self.open_lesson,
            maybe_save=self.maybe_save,
            languages=self.languages,
            palette_dock=self.palette_dock,
            inspector_dock=self.inspector_dock,
            presentation_strip=self.presentation_strip,
            inspector_width=self.inspector_width,
        )

    @property
    def training(self) -> TrainingController | None:
        """The training controller (``nnsim.gui.training.install``), or None."""
        return self.context.training

    @property
    def stepping(self) -> StepController | None:
        """The step-through controller (``nnsim.gui.training.install``), or None."""
        return self.context.stepping

    @property
    def training_ui(self) -> TrainingUI | None:
        """Everything the training install added (panels, actions, docks), or None."""
        return self.context.training_ui

    @property
    def demo_views(self) -> DemoViews | None:
        """The CNN, RNN and exercise views (``nnsim.gui.demos.install``), or None."""
        return self.context.demo_views

    @property
    def compare(self) -> CompareView | None:
        """The Compare view (``nnsim.gui.compare.install``), or None."""
        return self.context.compare

    # ------------------------------------------------------------------ hooks
    def add_dock(
        self,
        widget: QWidget,
        area=Qt.DockWidgetArea.RightDockWidgetArea,
        title: str | Callable[[], str] = "",
        name: str | None = None,
    ) -> QDockWidget:
        """Add ``widget`` in a dock; ``title`` may be a callable re-read on language change.

        The dock's show/hide toggle goes into View ▸ Panels. Returns the QDockWidget.
        """
        dock = QDockWidget(self)
        dock.setObjectName(f"dock_{name or widget.objectName() or id(widget)}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self._dock_titles.append((dock, title))
        dock.setWindowTitle(title() if callable(title) else title)
        self.panels_menu.addAction(dock.toggleViewAction())
        return dock

    def add_menu(self, title: str | Callable[[], str]) -> QMenu:
        """Add a menu to the menu bar before Help; ``title`` may be a callable re-read on a
        language change. Returns the QMenu to fill."""
        menu = QMenu(self)
        self.menuBar().insertMenu(self.help_menu.menuAction(), menu)
        self._menu_titles.append((menu, title))
        menu.setTitle(title() if callable(title) else title)
        return menu

    def add_view(self, name: str, widget: QWidget, title: str | Callable[[], str] = "") -> int:
        """Add a central view (a tab; tabs show once there are two). Returns its index."""
        if name in self._view_names:
            raise ValueError(f"there is already a view called {name!r}")
        self._view_names[name] = widget
        self._view_titles[name] = title
        return self.views.addTab(widget, title() if callable(title) else title)

    def show_view(self, name: str) -> None:
        """Bring the view called ``name`` ("network", "cnn", "rnn"...) to the front."""
        widget = self._view_names.get(name)
        if widget is not None:
            self.views.setCurrentWidget(widget)

    def view_widget(self, name: str) -> QWidget | None:
        """The widget of a central view, or None."""
        return self._view_names.get(name)

    # ------------------------------------------------------------------ actions
    def _act(self, slot=None, shortcut=None, checkable=False, icon=None) -> QAction:
        a = QAction(self)
        if shortcut is not None:
            a.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        a.setCheckable(checkable)
        if icon is not None:
            a.setIcon(self.style().standardIcon(icon))
        if slot is not None:
            (a.toggled if checkable else a.triggered).connect(slot)
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        SP = QStyle.StandardPixmap
        K = QKeySequence.StandardKey
        self.act_new = self._act(self.new_document, K.New, icon=SP.SP_FileIcon)
        self.act_open = self._act(self.open_dialog, K.Open, icon=SP.SP_DialogOpenButton)
        self.act_save = self._act(self.save, K.Save, icon=SP.SP_DialogSaveButton)
        self.act_save_as = self._act(self.save_as_dialog, K.SaveAs)
        self.act_quit = self._act(self.close, K.Quit)
        self.act_undo = self.undo_stack.createUndoAction(self)
        self.act_undo.setShortcuts(QKeySequence.keyBindings(K.Undo))
        self.act_undo.setIcon(self.style().standardIcon(SP.SP_ArrowBack))
        self.act_redo = self.undo_stack.createRedoAction(self)
        self.act_redo.setShortcuts(QKeySequence.keyBindings(K.Redo))
        self.act_redo.setIcon(self.style().standardIcon(SP.SP_ArrowForward))
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_delete = self._act(
            self.delete_selection,
            [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")],
        )
        self.act_select_all = self._act(self.select_all, K.SelectAll)
        # Ctrl+L is Help ▸ Lessons…
        self.act_tidy = self._act(lambda: self.editor.tidy_layout(self.scene.theme), "Ctrl+Shift+L")
        self.act_zoom_in = self._act(
            lambda: self.view.zoom_in(),
            [*QKeySequence.keyBindings(K.ZoomIn), QKeySequence("Ctrl+=")],
        )
        self.act_zoom_out = self._act(lambda: self.view.zoom_out(), K.ZoomOut)
        self.act_fit = self._act(lambda: self.view.fit(), "Ctrl+0")
        self.act_weights = self._act(self._set_show_weights, "Ctrl+Shift+W", checkable=True)
        self.act_threshold = self._act(self._set_threshold, "Ctrl+Shift+T", checkable=True)
        self.act_presentation = self._act(self.set_presentation, "F5", checkable=True)
        self.act_leave = self._act(lambda: self.set_presentation(False))
        self.act_panels = self._act(self.toggle_panels, "F6")
        self.act_panels.setEnabled(False)
        self.act_about = self._act(self.about)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, native in LANGUAGES.items():
            a = QAction(native, self)
            a.setCheckable(True)
            a.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_group.addAction(a)
            self.language_actions[code] = a
        current = self._language()
        if current in self.language_actions:
            self.language_actions[current].setChecked(True)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.file_menu = mb.addMenu("")
        self.recent_menu = QMenu(self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        for a in (self.act_new, self.act_open):
            self.file_menu.addAction(a)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_save)
        self.file_menu.addAction(self.act_save_as)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_quit)
        self.edit_menu = mb.addMenu("")
        for a in (self.act_undo, self.act_redo):
            self.edit_menu.addAction(a)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.act_delete)
        self.edit_menu.addAction(self.act_select_all)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.act_tidy)
        self.view_menu = mb.addMenu("")
        for a in (self.act_zoom_in, self.act_zoom_out, self.act_fit):
            self.view_menu.addAction(a)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.act_weights)
        self.view_menu.addAction(self.act_threshold)
        self.view_menu.addAction(self.act_presentation)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        for a in self.language_actions.values():
            self.language_menu.addAction(a)
        self.lessons_menu = mb.addMenu("")
        self.lessons_menu.aboutToShow.connect(self._fill_lessons)
        self.help_menu = mb.addMenu("")
        self.help_menu.addAction(self.act_about)
        # Help stays last even when a tool adds its menu with menuBar().addMenu().
        mb.installEventFilter(self)

    def _build_toolbar(self) -> None:
        tb = QToolBar(self)
        tb.setObjectName("main_toolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.setMovable(False)
        for a in (self.act_new, self.act_open, self.act_save):
            tb.addAction(a)
        tb.addSeparator()
        tb.addAction(self.act_undo)
        tb.addAction(self.act_redo)
        tb.addSeparator()
        for a in (self.act_fit, self.act_weights, self.act_presentation):
            tb.addAction(a)
        self.toolbar = tb
        self.addToolBar(tb)

    def retranslate_ui(self) -> None:
        """Set every text of the window in the current language."""
        self.file_menu.setTitle(self.tr("&File"))
        self.recent_menu.setTitle(self.tr("Open &recent"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.panels_menu.setTitle(self.tr("&Panels"))
        # Someone who cannot read the current language still finds the menu: the English
        # title carries the Chinese word too.
        lang_title = self.tr("&Language")
        if not self._language().startswith("zh"):
            lang_title += " / 语言"
        self.language_menu.setTitle(lang_title)
        self.lessons_menu.setTitle(self.tr("&Lessons"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.act_new.setText(self.tr("&New"))
        self.act_open.setText(self.tr("&Open…"))
        self.act_save.setText(self.tr("&Save"))
        self.act_save_as.setText(self.tr("Save &as…"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_delete.setText(self.tr("&Delete"))
        self.act_select_all.setText(self.tr("Select &all"))
        self.act_tidy.setText(self.tr("&Tidy layout"))
        self.act_zoom_in.setText(self.tr("Zoom &in"))
        self.act_zoom_out.setText(self.tr("Zoom &out"))
        self.act_fit.setText(self.tr("&Fit to window"))
        self.act_weights.setText(self.tr("Show &weights"))
        self.act_threshold.setText(self.tr("Show &thresholds θ instead of biases b"))
        self.act_presentation.setText(self.tr("&Presentation mode"))
        self.act_leave.setText(self.tr("Leave (F5)"))
        self.act_panels.setText(
            self.tr("Hide panels (F6)")
            if self._presentation_layout.panels_shown
            else self.tr("Panels (F6)")
        )
        self.act_about.setText(self.tr("&About nnsim"))
        self._retranslate_undo_actions()
        for dock, title in self._dock_titles:
            dock.setWindowTitle(title() if callable(title) else title)
        for menu, title in self._menu_titles:
            menu.setTitle(title() if callable(title) else title)
        for name, widget in self._view_names.items():
            t = self._view_titles[name]
            self.views.setTabText(self.views.indexOf(widget), t() if callable(t) else t)
        self._update_title()
        self._update_status()
        self.scene.update()
        for item in self.scene.layer_items.values():
            for n in item.neurons:
                n.update_tooltip()

    def _retranslate_undo_actions(self) -> None:
        for k in range(self.undo_stack.count()):
            cmd = self.undo_stack.command(k)
            if hasattr(cmd, "retranslate"):
                cmd.retranslate()
        # QUndoStack's actions prefix the command text ("Undo Change weight"); give them
        # a translated prefix and keep it when the top command changes.
        undo_prefix, redo_prefix = self.tr("Undo"), self.tr("Redo")

        def upd(*_):
            try:
                u, r = self.undo_stack.undoText(), self.undo_stack.redoText()
            except RuntimeError:  # the window is being destroyed
                return
            self.act_undo.setText(f"{undo_prefix} {u}".strip())
            self.act_redo.setText(f"{redo_prefix} {r}".strip())

        old = getattr(self, "_undo_text_slot", None)
        for sig in (
            self.undo_stack.indexChanged,
            self.undo_stack.undoTextChanged,
            self.undo_stack.redoTextChanged,
        ):
            if old is not None:
                try:
                    sig.disconnect(old)
                except (RuntimeError, TypeError):
                    pass
            # Connected after QUndoStack's own handler, so this text wins.
            sig.connect(upd)
        self._undo_text_slot = upd
        upd()

    def changeEvent(self, event):
        if event.type() == event.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def eventFilter(self, obj, event):
        if (
            event.type() == QEvent.Type.ActionAdded
            and obj is self.menuBar()
            and event.action() is not self.help_menu.menuAction()
            and obj.actions()[-1] is not self.help_menu.menuAction()
        ):
            obj.removeAction(self.help_menu.menuAction())
            obj.addAction(self.help_menu.menuAction())
        return super().eventFilter(obj, event)

    # ------------------------------------------------------------------ state
    def _language(self) -> str:
        return self.languages.language if self.languages is not None else "en"

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _document_changed(self) -> None:
        self._update_status()
        self._update_actions()

    def _update_title(self) -> None:
        doc = self.document
        zh = self._language().startswith("zh")
        if self.file_path is not None:
            name = self.file_path.name
        else:
            name = (doc.meta.title_zh if zh else doc.meta.title_en) or doc.meta.title_en
            name = name or self.tr("Untitled network")
        self.setWindowTitle(f"{name}[*] — nnsim")

    def _update_status(self) -> None:
        doc = self.document
        ok, _ = doc.is_standard_mlp()
        text = self.tr("{0} layers · {1} parameters").format(len(doc.layers), parameter_count(doc))
        if doc.layers and not ok:
            text += " · " + self.tr("not a standard MLP")
        self.status_info.setText(text)

    def _update_actions(self) -> None:
        try:
            has_sel = bool(self.scene.selectedItems())
        except RuntimeError:
            return
        self.act_delete.setEnabled(has_sel)

    def is_modified(self) -> bool:
        """True when there are changes the user has not saved."""
        return not self.undo_stack.isClean()

    # ------------------------------------------------------------------ documents
    def set_document(
        self,
        document: NetworkDocument,
        path=None,
        lesson: str | None = None,
        modified: bool = False,
    ) -> None:
        """Show ``document`` (replacing the current one) on the view its ``meta.view`` names
        ("network", "cnn", "rnn"); clears the undo history."""
        # A network whose layers would overlap on this canvas (positions written for
        # other sizes) is laid out before it is shown; nothing to undo, it is new.
        from nnsim.gui.canvas.layout import overlapping, tidy_positions

        if overlapping(document, self.scene.theme):
            for lid, pos in tidy_positions(document, self.scene.theme).items():
                document.move_layer(lid, pos)
        old = self.document
        try:
            old.changed.disconnect(self._document_changed)
        except (ValueError, RuntimeError):
            pass
        self.document = document
        self.editor.document = document
        self.undo_stack.clear()
        self.scene.clearSelection()
        self.scene.set_document(document)
        self.inspector.set_document(document)
        self.live_preview.set_document(document)
        document.changed.connect(self._document_changed)
        self.file_path = Path(path) if path else None
        self.lesson_name = lesson
        if modified:
            self.undo_stack.resetClean()
        self.setWindowModified(modified)
        self._update_title()
        self._update_status()
        self.view.fit()
        self.document_replaced.emit(document)
        # Every way of opening (command line, Lessons menu, browser, File ▸ Open, first
        # start, restore) comes through here: the document names the view it is made for.
        self.show_view(getattr(document.meta, "view", None) or "network")

    def new_document(self) -> bool:
        """Start an empty network (asks to save changes first)."""
        if not self.maybe_save():
            return False
        self.set_document(NetworkDocument())
        return True

    def open_dialog(self) -> bool:
        """Ask for a file and open it."""
        if not self.maybe_save():
            return False
        start = str(self.file_path.parent) if self.file_path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open network"), start, FILE_FILTER)
        return bool(path) and self.open_file(path, ask=False)

    def _load(self, path) -> NetworkDocument | None:
        from nnsim.model import fileformat

        try:
            return fileformat.load(path)
        except (ValueError, OSError) as e:  # LoadError and DocumentError are ValueErrors
            QMessageBox.critical(
                self,
                self.tr("Could not open the file"),
                self.tr(
                    "{0} could not be opened:\n\n{1}\n\nThe current network is unchanged."
                ).format(Path(path).name, str(e)),
            )
            return None

    def open_file(self, path, ask: bool = True) -> bool:
        """Open a .nnsim file; on failure show the loader's message and keep the network."""
        if ask and not self.maybe_save():
            return False
        doc = self._load(path)
        if doc is None:
            return False
        self.set_document(doc, path=path)
        prefs.add_recent_file(str(Path(path).resolve()))
        return True

    def open_lesson(self, name_or_path) -> bool:
        """Open a lesson by name (or lesson file path); it is not tied to a file for saving."""
        entry = None
        for e in lesson_entries():
            if name_or_path in (e["name"], e["path"]):
                entry = e
                break
        if entry is None:
            if name_or_path == DEFAULT_LESSON:
                from nnsim.gui.starter import worked_example_document

                self.set_document(worked_example_document(), lesson=DEFAULT_LESSON)
                return True
            self.statusBar().showMessage(
                self.tr("There is no lesson {0}").format(name_or_path), 10000
            )
            return False
        doc = self._load(entry["path"])
        if doc is None:
            return False
        self.set_document(doc, lesson=entry["name"])
        return True

    def save(self) -> bool:
        """Save to the current file (or ask for one)."""
        if self.file_path is None:
            return self.save_as_dialog()
        return self.save_to(self.file_path)

    def save_as_dialog(self) -> bool:
        """Ask for a file name and save there."""
        start = str(self.file_path) if self.file_path else str(Path.home() / "network.nnsim")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save network"), start, FILE_FILTER)
        if not path:
            return False
        if not Path(path).suffix:
            path += ".nnsim"
        return self.save_to(path)

    def save_to(self, path) -> bool:
        """Save the document to ``path``; errors are shown, not raised."""
        from nnsim.model import fileformat

        try:
            fileformat.save(self.document, path)
        except (OSError, ValueError) as e:
            QMessageBox.critical(
                self,
                self.tr("Could not save"),
                self.tr("The network was not saved:\n\n{0}").format(e),
            )
            return False
        self.file_path = Path(path)
        self.undo_stack.setClean()
        self.autosaver.discard()
        prefs.add_recent_file(str(Path(path).resolve()))
        self._update_title()
        self.statusBar().showMessage(self.tr("Saved {0}").format(Path(path).name), 5000)
        return True

    def maybe_save(self) -> bool:
        """If modified, ask Save / Discard / Cancel; True when it is fine to go on."""
        if not self.is_modified():
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("The network has changes that are not saved. Save them?"))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event):
        if not self.maybe_save():
            event.ignore()
            return
        self.autosaver.stop()
        self.autosaver.discard()
        self.scene.detach()
        self.inspector.detach()
        self.live_preview.detach()
        event.accept()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = [f for f in prefs.recent_files() if Path(f).exists()]
        if not files:
            a = self.recent_menu.addAction(self.tr("(none)"))
            a.setEnabled(False)
            return
        for f in files:
            a = self.recent_menu.addAction(Path(f).name)
            a.setToolTip(f)
            a.triggered.connect(lambda _=False, p=f: self.open_file(p))

    def _fill_lessons(self) -> None:
        self.lessons_menu.clear()
        zh = self._language().startswith("zh")
        entries = lesson_entries()
        if not any(e["name"] == DEFAULT_LESSON for e in entries):
            entries.insert(
                0,
                {
                    "name": DEFAULT_LESSON,
                    "path": "",
                    "title_en": "Back-propagation, worked example",
                    "title_zh": "BP 算法手算示例",
                },
            )
        for e in entries:
            title = e["title_zh"] if zh else e["title_en"]
            if e.get("section"):
                title = f"§{e['section']}  {title}"
            a = self.lessons_menu.addAction(title)
            target = e["path"] or e["name"]
            a.triggered.connect(lambda _=False, t=target: self._open_lesson_menu(t))

    def _open_lesson_menu(self, target) -> None:
        if self.maybe_save():
            self.open_lesson(target)

    # ------------------------------------------------------------------ editing
    def delete_selection(self) -> None:
        """Delete the selected layers, neurons and edges (one undo step)."""
        self.editor.delete(self.scene.selected_keys())

    def select_all(self) -> None:
        """Select every layer (and so everything)."""
        for item in self.scene.layer_items.values():
            item.setSelected(True)

    def _palette_clicked(self, item: str) -> None:
        # A click (no drag) adds the item at the middle of the visible canvas.
        center = self.view.mapToScene(self.view.viewport().rect().center())
        target = self.scene.layer_at(center)
        self.editor.drop_palette_item(
            item, self.scene.doc_pos(center), target.layer_id if target else None
        )

    def _set_show_weights(self, on: bool) -> None:
        self.scene.set_show_weights(on)
        prefs.settings().setValue("show_weights", bool(on))

    def _set_threshold(self, on: bool) -> None:
        self.scene.set_show_threshold(on)
        self.inspector.refresh()

    # ------------------------------------------------------------------ look and language
    def set_presentation(self, on: bool) -> None:
        """Presentation mode (F5): the current view gets the screen, fonts and lines grow.

        The docks collapse (F6 or the strip's button brings them back), the tool bar and
        status bar go, and a strip under the views keeps the current step's formula large.
        Leaving restores the layout as it was (docks, sizes, bars, window geometry).
        """
        on = bool(on)
        if self.act_presentation.isChecked() != on:
            self.act_presentation.blockSignals(True)
            self.act_presentation.setChecked(on)
            self.act_presentation.blockSignals(False)
        if on == self.presentation:
            return
        self.presentation = on
        theme = theme_for(on)
        apply_to_application(QApplication.instance(), theme, self._base_font)
        refresh_relative_fonts(self)
        self.scene.set_theme(theme)
        self.view.max_fit_zoom = 4.0 if on else 2.0
        self.view.min_text_px = PRESENTATION_TEXT_PX if on else 0
        if on:
            self._presentation_layout.enter()
        # the tools restyle their panels (and may lay their docks out for the new size)
        self.presentation_changed.emit(on)
        if on:
            self._presentation_layout.collapse()
            self.presentation_strip.sync()
        else:
            # after the tools' own layout, and once the smaller fonts have reached every
            # widget (posted events; the docks' least sizes follow them): exactly the
            # layout before presentation mode
            QCoreApplication.sendPostedEvents()
            # views that hide docks while they are in front look again at what is shown
            self._presentation_layout.leave(
                after=lambda: self.views.currentChanged.emit(self.views.currentIndex())
            )
        self._strip_follows_view()
        self.presentation_strip.setVisible(on)
        self.act_panels.setEnabled(on)
        self.retranslate_ui()
        self.view.fit()
        prefs.settings().setValue("presentation", on)

    def _strip_follows_view(self, *_) -> None:
        # the step's formula belongs to the network canvas; elsewhere just the buttons
        self.presentation_strip.set_compact(self.views.currentWidget() is not self.view)

    def toggle_panels(self) -> None:
        """In presentation mode, bring the collapsed panels back or collapse them (F6)."""
        if not self.presentation:
            return
        self._presentation_layout.toggle_panels()
        self.retranslate_ui()
        self.view.fit()

    def inspector_width(self) -> int:
        """The inspector's width to ask for: wider in presentation mode, but at most a
        quarter of the window, so that on a 1280 px projector the canvas keeps the middle."""
        return min(400 if self.presentation else 300, max(self.width() // 4, 200))

    def set_language(self, code: str) -> None:
        """Switch the interface language live ("en" or "zh_CN")."""
        if self.languages is not None:
            self.languages.set_language(code)
        else:
            prefs.settings().setValue("language", code)
        if code in self.language_actions:
            self.language_actions[code].setChecked(True)
        # Translators post LanguageChange to every widget; deliver them now so that the
        # whole window is in the new language when this returns (and in tests).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        # The canvas is not a tree of widgets: redraw its texts here.
        self.retranslate_ui()
        self.inspector.network_panel.refresh()

    def about(self) -> None:
        """Show the About box."""
        QMessageBox.about(
            self,
            self.tr("About nnsim"),
            self.tr(
                "<h3>nnsim {0}</h3><p>A neural-network simulator for teaching: build a "
                "network, then step it through forward and backward passes number by number.</p>"
                "<p>Chinese font: WenQuanYi Micro Hei (Apache-2.0).</p>"
            ).format(__version__),
        )
