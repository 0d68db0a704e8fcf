"""Command line: ``corpuskit`` (or ``python -m corpuskit``) parses, shows and exports articles."""

from __future__ import annotations

import sys

from corpuskit.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
