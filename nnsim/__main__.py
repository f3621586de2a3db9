"""Entry point for ``python -m nnsim``."""

from nnsim.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
