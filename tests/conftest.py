"""Test-wide set-up: Qt renders offscreen and user data goes to a throw-away folder."""

import os
import tempfile

# Set before any test imports Qt: CI has no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Autosaves, recent files and settings of the tests never touch the real user folder.
os.environ.setdefault("NNSIM_DATA_DIR", tempfile.mkdtemp(prefix="nnsim-test-data-"))
