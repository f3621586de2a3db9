"""The Compare view: variants of one network trained side by side, live (issue 17).

``install(context)`` adds the central view "compare" (View ▸ Compare variants), keeps it
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
from nnsim.gui.context import AppContext

__all__ = ["CompareView", "install"]


def install(context: AppContext) -> CompareView:
    """Add the Compare view to the window of ``context``; returns it (also ``context.compare``).

    A second call returns the same view.
    """
    if context.compare is not None:
        return context.compare
    from nnsim.gui.demos import FitScrollArea

    view = CompareView(context)
    context.compare = view
    page = FitScrollArea(context.host)
    page.setObjectName("compare_scroll")
    page.setWidget(view)
    context.add_view("compare", page, lambda: _t("Compare"))
    if context.demo_views is not None:  # the canvas' docks step aside while it is in front
        context.demo_views.pages["compare"] = page

    action = QAction(context.host)
    action.triggered.connect(lambda: context.show_view("compare"))
    context.view_menu.addAction(action)
    view.menu_action = action
    view.retranslate_ui()

    def shown_now():
        if context.views.currentWidget() is page:
            view.ensure_set_up()

    def view_changed(_index):
        if context.views.currentWidget() is page:
            view.ensure_set_up()
        else:
            view.pause()

    def document_replaced(doc):
        view.document_replaced(doc, context.lesson_name)
        # set_document shows the document's view right after this signal
        QTimer.singleShot(0, view, shown_now)

    context.views.currentChanged.connect(view_changed)
    context.document_replaced.connect(document_replaced)
    context.presentation_changed.connect(view.set_presentation)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(view.pause)
    view.document_replaced(context.document, context.lesson_name)
    if context.presentation:
        view.set_presentation(True)
    return view
