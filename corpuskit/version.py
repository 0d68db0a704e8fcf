"""The installed version of corpuskit, kept where every module can import it."""

__all__ = ["DISTRIBUTION", "__version__"]

__version__ = "0.1.0"
#: The name corpuskit is installed by from the package index (``pip install
#: corpuskit-news``); the import package is ``corpuskit``, as scikit-learn's is
#: ``sklearn``.  The name ``corpuskit`` on the index belongs to another project.
DISTRIBUTION = "corpuskit-news"
