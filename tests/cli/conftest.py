"""Reuse the model tests' random-document strategy (importlib mode puts no test folder on sys.path)."""

import sys
from pathlib import Path

_MODEL_TESTS = str(Path(__file__).resolve().parent.parent / "model")
if _MODEL_TESTS not in sys.path:
    sys.path.insert(0, _MODEL_TESTS)
