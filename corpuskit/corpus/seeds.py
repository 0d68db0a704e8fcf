"""The two seed articles that ship with corpuskit, for examples and a first run."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from corpuskit.corpus.corpus import Corpus
from corpuskit.model.errors import ReadError

__all__ = ["load_seeds", "seeds_path"]


def seeds_path() -> Path:
    """Return the folder that holds the seed article files.

    An installed wheel carries them as ``corpuskit/seeds/``; a checkout of the
    repository (and an editable install of it) keeps them in ``seeds/`` beside
    the package.  Raises `ReadError` when neither folder exists.
    """
    packaged = importlib.resources.files("corpuskit") / "seeds"
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "seeds"
    if checkout.is_dir():
        return checkout
    raise ReadError(
        "the seed articles are missing from this installation: reinstall corpuskit",
        path=str(packaged),
    )


def load_seeds() -> Corpus:
    """Return the seed articles as a `Corpus` (``Corpus.from_dir(seeds_path())``)."""
    return Corpus.from_dir(seeds_path())
