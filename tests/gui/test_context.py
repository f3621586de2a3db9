"""The plug-ins' AppContext: the window's live objects, and plug-ins that run on a context
built from parts, with no MainWindow at all."""

import math

import numpy as np
import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QTabWidget


def test_context_reads_the_window_live(window, tmp_path):
    ctx = window.context
    assert ctx.host is window
    assert (ctx.editor, ctx.scene, ctx.undo_stack) == (
        window.editor,
        window.scene,
        window.undo_stack,
    )
    assert ctx.live_preview is window.live_preview
    first = window.document
    assert ctx.document is first and len(first.layers) == 3  # the worked example

    window.act_new.trigger()  # File ▸ New: a different document object
    assert window.document is not first
    assert ctx.document is window.document
    assert len(ctx.document.layers) == 0

    assert ctx.presentation is False
    window.act_presentation.trigger()  # F5
    assert ctx.presentation is True
    window.act_presentation.trigger()
    assert ctx.presentation is False

    assert ctx.file_path is None
    path = tmp_path / "empty.nnsim"
    assert window.save_to(path)
    assert ctx.file_path == path

    assert window.open_lesson("xor-two-layer")
    assert ctx.lesson_name == "xor-two-layer"
    assert ctx.file_path is None
    assert len(ctx.document.layers) == len(window.document.layers) > 0

    window.set_language("zh_CN")
    try:
        assert ctx.language == "zh_CN"
    finally:
        window.set_language("en")
    assert ctx.language == "en"

    # the hooks are the window's own
    menu = ctx.add_menu("Tools")
    assert menu.menuAction() in window.menuBar().actions()
    ctx.show_status("hello", 5000)
    assert window.statusBar().currentMessage() == "hello"


def test_installed_plug_ins_are_read_only_window_properties(training_window):
    from nnsim.gui.stepping.controller import StepController
    from nnsim.gui.training.controller import TrainingController

    w = training_window
    assert isinstance(w.training, TrainingController)
    assert isinstance(w.stepping, StepController)
    assert w.training is w.context.training and w.stepping is w.context.stepping
    assert w.training_ui.training is w.training
    # only training was installed on this window
    assert w.demo_views is None and w.compare is None
    for name in ("training", "stepping", "training_ui", "demo_views", "compare"):
        with pytest.raises(AttributeError):
            setattr(w, name, None)


class _Signals(QObject):
    document_replaced = Signal(object)
    presentation_changed = Signal(bool)


def _bare_context(qtbot):
    """A context made of parts: a plain QMainWindow host, no MainWindow."""
    from nnsim.gui.canvas import NetworkScene, NetworkView
    from nnsim.gui.context import AppContext
    from nnsim.gui.editor import DocumentEditor
    from nnsim.gui.live import LivePreview
    from nnsim.gui.starter import worked_example_document

    host = QMainWindow()
    qtbot.addWidget(host)
    doc = worked_example_document()
    stack = QUndoStack(host)
    editor = DocumentEditor(doc, stack, host)
    scene = NetworkScene(doc, parent=host)
    view = NetworkView(scene, editor)
    preview = LivePreview(scene, host)
    preview.set_document(doc)
    views = QTabWidget(host)
    views.addTab(view, "network")
    host.setCentralWidget(views)
    signals = _Signals(host)
    state = {"doc": doc, "presentation": False, "status": []}

    def add_dock(widget, area=None, title="", name=None):
        dock = QDockWidget(host)
        dock.setWidget(widget)
        return dock

    ctx = AppContext(
        host=host,
        editor=editor,
        scene=scene,
        view=view,
        undo_stack=stack,
        live_preview=preview,
        views=views,
        view_menu=QMenu(host),
        help_menu=QMenu(host),
        document_replaced=signals.document_replaced,
        presentation_changed=signals.presentation_changed,
        get_document=lambda: state["doc"],
        get_presentation=lambda: state["presentation"],
        get_file_path=lambda: None,
        get_lesson_name=lambda: None,
        add_dock=add_dock,
        add_menu=lambda title: QMenu(host),
        add_view=lambda name, widget, title="": views.addTab(widget, name),
        show_view=lambda name: None,
        show_status=lambda text, msecs=0: state["status"].append(text),
        open_lesson=lambda name: False,
        maybe_save=lambda: True,
    )
    return ctx, state


def test_training_and_stepping_run_on_a_context_without_a_main_window(qtbot):
    from nnsim.gui.stepping.controller import NEURON, StepController
    from nnsim.gui.training.controller import TrainingController

    ctx, state = _bare_context(qtbot)
    training = TrainingController(ctx)
    stepping = StepController(ctx, training)
    ctx.training, ctx.stepping = training, stepping
    try:
        doc = ctx.document
        assert training.document is doc

        # COURSE §6 by hand: β_1 = 0.35×0.1 + 0.9×0.8, b_1 = σ(β_1)
        stepping.forward(NEURON)
        net, out = ctx.scene.neuron_values("L2", 0)
        assert net == pytest.approx(0.35 * 0.1 + 0.9 * 0.8, abs=1e-9)
        assert out == pytest.approx(1 / (1 + math.exp(-0.755)), abs=1e-9)
        assert not ctx.live_preview.enabled  # the pass owns the canvas values

        # one update on one sample is one step on the context's undo stack
        before = doc.all_weights()[0]  # the links' weights
        stepping.one_sample()
        assert ctx.undo_stack.count() == 1
        after = doc.all_weights()[0]
        assert any(not np.allclose(before[k], after[k]) for k in before)
        ctx.undo_stack.undo()
        assert all(np.array_equal(before[k], doc.all_weights()[0][k]) for k in before)

        # a replaced document reaches both controllers through the context's signal
        from nnsim.model import NetworkDocument

        new = NetworkDocument()
        state["doc"] = new
        ctx.document_replaced.emit(new)
        assert training.document is new and ctx.document is new
        assert not stepping.active
    finally:
        training.shutdown()


def test_compare_installs_on_a_context_without_a_main_window(qtbot):
    from nnsim.gui.compare import install

    ctx, _state = _bare_context(qtbot)
    view = install(ctx)
    assert ctx.compare is view
    assert install(ctx) is view  # once only
    assert [ctx.views.tabText(i) for i in range(ctx.views.count())] == ["network", "compare"]
    assert view.menu_action in ctx.view_menu.actions()


def test_demo_views_install_on_a_context_without_a_main_window(qtbot):
    from nnsim.gui.demos import install
    from nnsim.model import NetworkDocument

    ctx, state = _bare_context(qtbot)
    demos = install(ctx)
    try:
        assert ctx.demo_views is demos and install(ctx) is demos
        tabs = [ctx.views.tabText(i) for i in range(ctx.views.count())]
        assert tabs == ["network", "cnn", "rnn", "exercise"]
        assert demos.act_lessons in ctx.help_menu.actions()
        assert {demos.act_cnn, demos.act_rnn} <= set(ctx.view_menu.actions())
        # the exercise is made from the context's document, read when it is asked for
        demos.show_exercise()
        assert demos.exercise.exercise is not None  # the worked example can be one
        state["doc"] = NetworkDocument()
        demos.show_exercise()
        assert demos.exercise.exercise is None  # an empty network cannot
        assert not demos.exercise.message.isHidden()
    finally:
        demos.shutdown()
