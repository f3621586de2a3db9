"""The Compare view: variants of one network trained side by side, live (issue 17).

``install(window)`` adds the central view "compare" (View ▸ Compare variants), keeps it
in step with the open document (a lesson with a comparison brings its own) and with
presentation mode. Modules: ``view`` (the view), ``setup_strip`` (its controls),
``runner`` (training in time-bounded chunks), ``multiples`` (decision boundaries),
``curves`` (loss curves), ``table_model`` (the sortable table), ``commands`` (opening a
variant as one undo step), ``labels`` (what varies, in the UI language), ``catalogue``
(the Chinese texts). Texts use the context "compare" (compare_zh_CN.ts).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from nnsim.gui.compare.labels import _t
from nnsim.gui.compare.view import CompareView

__all__ = ["CompareView", "install"]


def install(window) -> CompareView:
    """Add the Compare view to ``window`` (a MainWindow); returns it (also ``window.compare``)."""
    existing = getattr(window, "compare", None)
    if existing is not None:
        return existing
    from nnsim.gui.demos import FitScrollArea

    view = CompareView(window)
    window.compare = view
    page = FitScrollArea(window)
    page.setObjectName("compare_scroll")
    page.setWidget(view)
    window.add_view("compare", page, lambda: _t("Compare"))
    demos = getattr(window, "demo_views", None)
    if demos is not None:  # the canvas' docks step aside while it is in front
        demos.pages["compare"] = page

    action = QAction(window)
    action.triggered.connect(lambda: window.show_view("compare"))
    window.view_menu.addAction(action)
    view.menu_action = action
    view.retranslate_ui()

    def shown_now():
        if window.views.currentWidget() is page:
            view.ensure_set_up()

    def view_changed(_index):
        if window.views.currentWidget() is page:
            view.ensure_set_up()
        else:
            view.pause()

    def document_replaced(doc):
        view.document_replaced(doc, getattr(window, "lesson_name", None))
        # set_document shows the document's view right after this signal
        QTimer.singleShot(0, view, shown_now)

    window.views.currentChanged.connect(view_changed)
    window.document_replaced.connect(document_replaced)
    window.presentation_changed.connect(view.set_presentation)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(view.pause)
    view.document_replaced(window.document, getattr(window, "lesson_name", None))
    if getattr(window, "presentation", False):
        view.set_presentation(True)
    return view
