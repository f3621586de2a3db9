"""The CNN and RNN demo views, the exercise view and the lesson browser, put into the window.

``install(context)`` adds the central views "cnn", "rnn" and "exercise", the menu entries
Help ▸ Lessons… / Exercise and View ▸ CNN / RNN, keeps the views in step with the open
document (a lesson sets them up) and with presentation mode. Texts of these views are
translated in resources/translations/demos_zh_CN.ts (context "demos" here).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QFrame, QScrollArea

from nnsim.gui.context import AppContext
from nnsim.gui.i18n import translator

_CONTEXT = "demos"

_t = translator(_CONTEXT)


class FitScrollArea(QScrollArea):
    """A scroll area whose widget fills the viewport and scrolls only below its minimum size.

    (``setWidgetResizable`` sizes widgets with word-wrapped labels by their preferred
    height-for-width, which scrolls long before the view stops fitting.)
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)

    def _fit(self) -> None:
        w = self.widget()
        if w is None:
            return
        vp, m = self.maximumViewportSize(), w.minimumSizeHint()
        width = max(vp.width(), m.width())
        height = max(vp.height(), m.height())
        # A scroll bar in one direction takes room from the other.
        if width > vp.width():
            height = max(vp.height() - self.horizontalScrollBar().sizeHint().height(), m.height())
        if height > vp.height():
            width = max(vp.width() - self.verticalScrollBar().sizeHint().width(), m.width())
        w.resize(width, height)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event):
        super().showEvent(event)
        self._fit()

    def setWidget(self, widget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        # the page's least size changed (presentation mode's larger fonts and grids):
        # fit again, or its parts would be squeezed over each other
        if obj is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return False


class DemoViews(QObject):
    """What ``install`` adds to a window; kept as ``context.demo_views``.

    Parameters
    ----------
    context : AppContext
        The window's views, menus, document and presentation mode.

    Attributes
    ----------
    cnn, rnn, exercise : QWidget
        The three central views.
    act_lessons, act_exercise, act_cnn, act_rnn : QAction
        Their menu entries.
    browser : LessonBrowser or None
        The lesson browser, once opened.
    """

    def __init__(self, context: AppContext):
        super().__init__(context.host)
        from nnsim.gui.demos.cnn_view import CnnView
        from nnsim.gui.demos.rnn_view import RnnView
        from nnsim.gui.exercise import ExerciseView

        self.context = context
        window = context.host
        self.browser = None
        self.cnn = CnnView(window)
        self.rnn = RnnView(window)
        self.exercise = ExerciseView(window, language=self._language)
        # In scroll areas: a small window scrolls instead of growing to fit every view.
        self.pages = {}
        for name, view, title in (
            ("cnn", self.cnn, lambda: _t("CNN")),
            ("rnn", self.rnn, lambda: _t("RNN")),
            ("exercise", self.exercise, lambda: _t("Exercise")),
        ):
            area = FitScrollArea(window)
            area.setWidget(view)
            context.add_view(name, area, title)
            self.pages[name] = area
        self._hidden_docks: dict = {}
        context.views.currentChanged.connect(self._view_changed)

        self.act_lessons = QAction(window)
        self.act_lessons.setShortcut(QKeySequence("Ctrl+L"))
        self.act_lessons.triggered.connect(self.show_lessons)
        self.act_exercise = QAction(window)
        self.act_exercise.triggered.connect(self.show_exercise)
        self.act_cnn = QAction(window)
        self.act_cnn.triggered.connect(lambda: context.show_view("cnn"))
        self.act_rnn = QAction(window)
        self.act_rnn.triggered.connect(lambda: context.show_view("rnn"))
        help_menu = context.help_menu
        first = help_menu.actions()[0] if help_menu.actions() else None
        help_menu.insertAction(first, self.act_lessons)
        help_menu.insertAction(first, self.act_exercise)
        if first is not None:
            help_menu.insertSeparator(first)
        context.view_menu.addSeparator()
        context.view_menu.addAction(self.act_cnn)
        context.view_menu.addAction(self.act_rnn)

        context.document_replaced.connect(self.document_replaced)
        context.presentation_changed.connect(self.set_presentation)
        self.exercise.open_homework.connect(self.open_homework)
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.retranslate_ui()
        self.document_replaced(context.document, show=False)
        if context.presentation:
            self.set_presentation(True)

    def _language(self) -> str:
        return self.context.language

    def retranslate_ui(self) -> None:
        self.act_lessons.setText(_t("&Lessons…"))
        self.act_exercise.setText(_t("&Exercise: one BP step by hand"))
        self.act_cnn.setText(_t("&CNN view"))
        self.act_rnn.setText(_t("&RNN view"))

    def eventFilter(self, obj, event):
        if obj is self.context.host and event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False

    # ------------------------------------------------------------------ documents
    def document_replaced(self, doc, show: bool = True) -> None:
        """Set the views up for a new document (a lesson brings its view's panels)."""
        if doc is None:
            return
        view = getattr(doc.meta, "view", "network")
        self.cnn.apply_document(doc)
        self.rnn.set_document(doc)
        if view == "rnn":
            self.rnn.show_document_demo()
        self.exercise.set_document_later(doc)

    def _view_changed(self, index: int) -> None:
        # The docks (palette, inspector, step-through, training...) work on the network
        # canvas. While a demo view is in front they only take room from it, and the
        # step-through would give the exercise's answers away: hide them, and bring back
        # exactly those that were shown when the canvas returns.
        if self.context.presentation:
            return  # presentation mode keeps every panel collapsed; it re-asks on leaving
        current = self.context.views.widget(index)
        if current in self.pages.values():
            if not self._hidden_docks:
                host = self.context.host
                docks = host.findChildren(QDockWidget)
                # isVisibleTo, not isVisible: a lesson can open before the window is shown.
                self._hidden_docks = {d: d.isVisibleTo(host) for d in docks if d.parent() is host}
                for d in self._hidden_docks:
                    d.hide()
        elif self._hidden_docks:
            for d, was_visible in self._hidden_docks.items():
                d.setVisible(was_visible)
            self._hidden_docks = {}

    def set_presentation(self, on: bool) -> None:
        for v in (self.cnn, self.rnn):
            v.set_presentation(on)

    # ------------------------------------------------------------------ actions
    def show_lessons(self):
        """Open the lesson browser (Help ▸ Lessons…)."""
        from nnsim.gui.lesson_browser import LessonBrowser

        if self.browser is None:
            self.browser = LessonBrowser(self.context, language=self._language)
            self.browser.exercise_requested.connect(self.show_exercise)
        self.browser.show()
        self.browser.raise_()
        self.browser.activateWindow()
        return self.browser

    def show_exercise(self) -> None:
        """Bring the exercise view to the front, made from the open network."""
        self.context.show_view("exercise")
        self.exercise.set_document(self.context.document)

    def open_homework(self) -> None:
        """Open the ReLU homework lesson and its exercise."""
        from nnsim.gui.lesson_browser import HOMEWORK

        if self.context.maybe_save() and self.context.open_lesson(HOMEWORK):
            self.show_exercise()

    def shutdown(self) -> None:
        """Stop background training (the application is quitting)."""
        for v in (self.cnn, self.rnn):
            try:
                v.shutdown()
            except RuntimeError:  # already deleted with the window
                pass


def install(context: AppContext) -> DemoViews:
    """Add the CNN, RNN and exercise views, the lesson browser and their menu entries.

    Returns them (also ``context.demo_views``); a second call returns the same.
    """
    if context.demo_views is not None:
        return context.demo_views
    context.demo_views = DemoViews(context)
    return context.demo_views
