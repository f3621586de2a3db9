"""The main window: canvas, palette, inspector, the central views, the plug-ins' context.

Its menus are built in ``window_menus.py``, files and lessons in ``window_files.py``,
presentation mode and language in ``window_look.py`` (mixins of ``MainWindow``).

Tools plug in with ``install(window.context)`` (``context.py``); the context offers:
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

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nnsim.gui import prefs
from nnsim.gui.autosave import Autosaver
from nnsim.gui.canvas import NetworkScene, NetworkView
from nnsim.gui.context import AppContext
from nnsim.gui.editor import DocumentEditor
from nnsim.gui.inspectors import Inspector, parameter_count
from nnsim.gui.live import LivePreview
from nnsim.gui.palette import Palette
from nnsim.gui.presentation import PresentationLayout, PresentationStrip
from nnsim.gui.style import apply_to_application, theme_for
from nnsim.gui.window_files import WindowFiles
from nnsim.gui.window_look import WindowLook
from nnsim.gui.window_menus import WindowMenus
from nnsim.model import LAYER_KINDS, NetworkDocument

if TYPE_CHECKING:
    from nnsim.gui.compare.view import CompareView
    from nnsim.gui.demos import DemoViews
    from nnsim.gui.stepping.controller import StepController
    from nnsim.gui.training.controller import TrainingController
    from nnsim.gui.training.install import TrainingUI


class MainWindow(WindowFiles, WindowMenus, WindowLook, QMainWindow):
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
