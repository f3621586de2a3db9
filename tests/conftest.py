"""Test-wide set-up: Qt renders offscreen and user data goes to a throw-away folder."""

import os
import tempfile
from contextlib import contextmanager

# Set before any test imports Qt: CI has no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Autosaves, recent files and settings of the tests never touch the real user folder.
os.environ.setdefault("NNSIM_DATA_DIR", tempfile.mkdtemp(prefix="nnsim-test-data-"))
# One BLAS thread per test process, set before NumPy loads: the tests' matrices are small,
# and on a busy machine OpenBLAS's spinning worker threads made tests 10-15× slower (the
# character RNN demo: 54 s with two threads, 3.6 s with one, at a load of 13 on 2 cores).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


import pytest  # noqa: E402


def _delete_window(win) -> None:
    """Close ``win`` and delete its Qt objects now.

    A closed window is not freed by Python: its actions' lambdas hold it, and Qt holds
    them. Left alive, every later test's language switch, timer and posted event still
    reaches it, half shut down; on CI one such left-over window crashed a later test
    (a segmentation fault in its activation explorer during ``set_language``).
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@contextmanager
def _built_window(file_or_lesson=None, **options):
    """The window ``nnsim gui`` builds (``app.build_window``, no autosave offered), closed
    after: out of presentation mode, the demo views' workers ended, and without
    asking to save what the test left modified."""
    from nnsim.gui.app import build_window

    win = build_window(file_or_lesson, restore=False, **options)
    try:
        yield win
    finally:
        win.set_presentation(False)
        win.demo_views.shutdown()
        win.undo_stack.setClean()
        _delete_window(win)


@pytest.fixture(autouse=True)
def _deferred_deletes_done():
    """Before each test, delete now what earlier tests left to ``deleteLater`` (pytest-qt
    closes the widgets given to ``qtbot.addWidget`` that way, after the fixtures' teardown):
    no widget of another test is deleted in the middle of this one."""
    import sys

    if "PySide6.QtCore" in sys.modules:  # (tests that never touch Qt do not load it)
        from PySide6.QtCore import QCoreApplication, QEvent

        if QCoreApplication.instance() is not None:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    yield


@pytest.fixture(scope="session")
def delete_window():
    """``delete_window(win)``: close a window and delete its Qt objects now (see
    ``_delete_window``)."""
    return _delete_window


@pytest.fixture(scope="session")
def built_window():
    """``with built_window(lesson, **options) as win``: the window as ``nnsim gui`` builds it
    (for the GUI tests and the command line's ``gui`` tests), closed when the block ends."""
    return _built_window


#: The test-only activation's name; the registry tests walk it through every part of nnsim.
TEST_ACTIVATION = "swish_test"


@pytest.fixture
def test_activation():
    """A test-only activation, registered in this one place and unregistered afterwards.

    Swish (SiLU) f(x) = x·σ(x), f′(x) = σ(x)(1 + x − f(x)), with no fused kernel of its
    own (the fused path must fall back to f and df) and a plot range other than the
    default, and a PyTorch expression.
    """
    from nnsim.engine.activations import register_activation, sigmoid, unregister_activation

    entry = register_activation(
        TEST_ACTIVATION,
        lambda x: x * sigmoid(x),
        lambda x, y: sigmoid(x) * (1 + x - y),
        symbol="swish",
        label_en="Swish (test)",
        label_zh="Swish 函数（测试）",
        torch="F.silu({x})",
        plot_range=(-8.0, 8.0),
    )
    yield entry
    unregister_activation(TEST_ACTIVATION)


#: The test-only layer kind's name.
TEST_LAYER_KIND = "double_test"


@pytest.fixture
def test_layer_kind():
    """A test-only layer kind, registered in this one place and unregistered afterwards.

    ``double_test`` doubles its input (y = 2x): its shape follows from its input, it
    has no weights and no biases, and its engine layer and PyTorch line are defined here.
    """
    from nnsim.engine.layers.base import Layer
    from nnsim.model.layer_kinds import LayerKind, register_layer_kind, unregister_layer_kind

    class Double(Layer):
        kind = TEST_LAYER_KIND

        def build(self, in_shapes):
            self.in_shapes = [tuple(int(v) for v in s) for s in in_shapes]
            self.out_shape = self.in_shapes[0]
            return self.out_shape

        def forward(self, xs):
            return 2.0 * xs[0]

        def backward(self, dout):
            return [2.0 * dout]

    kind = register_layer_kind(
        LayerKind(
            TEST_LAYER_KIND,
            "Doubler (test)",
            "加倍层（测试）",
            build=lambda layer, inputs, masks: Double(layer.id, inputs),
            shape_rule=lambda layer, in_shape: tuple(in_shape),
            torch=lambda e: e.fwd.append(f"{e.v} = 2 * {e.srcs[0]}  # doubled"),
        )
    )
    yield kind
    unregister_layer_kind(TEST_LAYER_KIND)
