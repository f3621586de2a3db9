"""The main window's actions, menus and tool bar, and the texts they show in the current language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar

from nnsim.gui.compat import disconnect_quietly
from nnsim.gui.i18n import LANGUAGES


class WindowMenus:
    """Actions, menus, tool bar and retranslation; mixed into ``MainWindow``.

    Its texts keep the window's translation context ("MainWindow"), so that the
    shipped catalogue (nnsim_zh_CN.ts) still applies.
    """

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
        self.file_menu.setTitle(QCoreApplication.translate("MainWindow", "&File"))
        self.recent_menu.setTitle(QCoreApplication.translate("MainWindow", "Open &recent"))
        self.edit_menu.setTitle(QCoreApplication.translate("MainWindow", "&Edit"))
        self.view_menu.setTitle(QCoreApplication.translate("MainWindow", "&View"))
        self.panels_menu.setTitle(QCoreApplication.translate("MainWindow", "&Panels"))
        # Someone who cannot read the current language still finds the menu: the English
        # title carries the Chinese word too.
        lang_title = QCoreApplication.translate("MainWindow", "&Language")
        if not self._language().startswith("zh"):
            lang_title += " / 语言"
        self.language_menu.setTitle(lang_title)
        self.lessons_menu.setTitle(QCoreApplication.translate("MainWindow", "&Lessons"))
        self.help_menu.setTitle(QCoreApplication.translate("MainWindow", "&Help"))
        self.act_new.setText(QCoreApplication.translate("MainWindow", "&New"))
        self.act_open.setText(QCoreApplication.translate("MainWindow", "&Open…"))
        self.act_save.setText(QCoreApplication.translate("MainWindow", "&Save"))
        self.act_save_as.setText(QCoreApplication.translate("MainWindow", "Save &as…"))
        self.act_quit.setText(QCoreApplication.translate("MainWindow", "&Quit"))
        self.act_delete.setText(QCoreApplication.translate("MainWindow", "&Delete"))
        self.act_select_all.setText(QCoreApplication.translate("MainWindow", "Select &all"))
        self.act_tidy.setText(QCoreApplication.translate("MainWindow", "&Tidy layout"))
        self.act_zoom_in.setText(QCoreApplication.translate("MainWindow", "Zoom &in"))
        self.act_zoom_out.setText(QCoreApplication.translate("MainWindow", "Zoom &out"))
        self.act_fit.setText(QCoreApplication.translate("MainWindow", "&Fit to window"))
        self.act_weights.setText(QCoreApplication.translate("MainWindow", "Show &weights"))
        self.act_threshold.setText(
            QCoreApplication.translate("MainWindow", "Show &thresholds θ instead of biases b")
        )
        self.act_presentation.setText(
            QCoreApplication.translate("MainWindow", "&Presentation mode")
        )
        self.act_leave.setText(QCoreApplication.translate("MainWindow", "Leave (F5)"))
        self.act_panels.setText(
            QCoreApplication.translate("MainWindow", "Hide panels (F6)")
            if self._presentation_layout.panels_shown
            else QCoreApplication.translate("MainWindow", "Panels (F6)")
        )
        self.act_about.setText(QCoreApplication.translate("MainWindow", "&About nnsim"))
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
        undo_prefix, redo_prefix = (
            QCoreApplication.translate("MainWindow", "Undo"),
            QCoreApplication.translate("MainWindow", "Redo"),
        )

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
                disconnect_quietly(sig, old)
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
