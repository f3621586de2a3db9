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
