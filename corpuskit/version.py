"""The installed version of corpuskit, kept where every module can import it."""

__all__ = ["__version__"]

__version__ = "0.1.0"
