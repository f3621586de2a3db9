"""The main window's files and lessons: New, Open, Save, recent files, the Lessons menu.

Every way of opening a network ends in ``set_document``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from nnsim.gui import prefs
from nnsim.gui.compat import disconnect_quietly
from nnsim.model import NetworkDocument
from nnsim.paths import resource

FILE_FILTER = "nnsim (*.nnsim);;JSON (*.json);;* (*)"


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


class WindowFiles:
    """Opening and saving; mixed into ``MainWindow``, which owns the document and the file.

    Its texts keep the window's translation context ("MainWindow").
    """

    def is_modified(self) -> bool:
        """True when there are changes the user has not saved."""
        return not self.undo_stack.isClean()

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
        disconnect_quietly(old.changed, self._document_changed)
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
        path, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("MainWindow", "Open network"), start, FILE_FILTER
        )
        return bool(path) and self.open_file(path, ask=False)

    def _load(self, path) -> NetworkDocument | None:
        from nnsim.model import fileformat

        try:
            return fileformat.load(path)
        except (ValueError, OSError) as e:  # LoadError and DocumentError are ValueErrors
            QMessageBox.critical(
                self,
                QCoreApplication.translate("MainWindow", "Could not open the file"),
                QCoreApplication.translate(
                    "MainWindow",
                    "{0} could not be opened:\n\n{1}\n\nThe current network is unchanged.",
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
                QCoreApplication.translate("MainWindow", "There is no lesson {0}").format(
                    name_or_path
                ),
                10000,
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
        path, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("MainWindow", "Save network"), start, FILE_FILTER
        )
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
                QCoreApplication.translate("MainWindow", "Could not save"),
                QCoreApplication.translate(
                    "MainWindow", "The network was not saved:\n\n{0}"
                ).format(e),
            )
            return False
        self.file_path = Path(path)
        self.undo_stack.setClean()
        self.autosaver.discard()
        prefs.add_recent_file(str(Path(path).resolve()))
        self._update_title()
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Saved {0}").format(Path(path).name), 5000
        )
        return True

    def maybe_save(self) -> bool:
        """If modified, ask Save / Discard / Cancel; True when it is fine to go on."""
        if not self.is_modified():
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("MainWindow", "Unsaved changes"))
        box.setText(
            QCoreApplication.translate(
                "MainWindow", "The network has changes that are not saved. Save them?"
            )
        )
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

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = [f for f in prefs.recent_files() if Path(f).exists()]
        if not files:
            a = self.recent_menu.addAction(QCoreApplication.translate("MainWindow", "(none)"))
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
