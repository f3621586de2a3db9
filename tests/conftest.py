"""Test-wide set-up: Qt renders offscreen and user data goes to a throw-away folder."""

import os
import tempfile

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
