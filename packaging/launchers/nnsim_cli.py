"""Frozen entry point of the ``nnsim`` command: the command line (with no arguments it starts the app)."""

import multiprocessing
import sys

from nnsim.cli import main

if __name__ == "__main__":
    # A frozen program that ever starts worker processes must call this first, or on
    # Windows each worker would start the whole program again.
    multiprocessing.freeze_support()
    sys.exit(main())
