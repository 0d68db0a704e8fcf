"""The public face: `corpuskit.__all__` lists exactly what users may import."""

import importlib.resources
import os
import re
import tomllib
from pathlib import Path

import pytest

import corpuskit

EXPECTED = {
    "Anchor",
    "AnchorError",
    "AnchorStatus",
    "Article",
    "ArticleNotFoundError",
    "Attribution",
    "Boilerplate",
    "Claim",
    "ClaimKind",
    "Corpus",
    "CorpusFile",
    "CorpusKitError",
    "DecodeError",
    "DuplicateIdError",
    "Image",
    "InvalidArticleError",
    "InvalidDocumentError",
    "LineCol",
    "NormalizeStep",
    "Normalized",
    "OffsetError",
    "OffsetIndex",
    "OffsetMap",
    "Quantity",
    "QuantityKind",
    "Quote",
    "ReadError",
    "SchemaVersionError",
    "Span",
    "SpanError",
    "Zone",
    "ZoneKind",
    "__version__",
    "normalize",
}


def test_public_api_all_lists_exactly_the_public_names() -> None:
    assert set(corpuskit.__all__) == EXPECTED
    assert len(corpuskit.__all__) == len(set(corpuskit.__all__))
    public = {n for n in vars(corpuskit) if not n.startswith("_")} | {"__version__"}
    assert public == EXPECTED, "a name is public but not in __all__, or the reverse"


def test_public_api_names_come_from_private_modules() -> None:
    for name in corpuskit.__all__:
        obj = getattr(corpuskit, name)
        module = getattr(obj, "__module__", "corpuskit")
        assert module == "corpuskit" or module.startswith("corpuskit._"), (name, module)


def test_public_api_version_matches_the_package_metadata() -> None:
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    version = tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"]
    assert corpuskit.__version__ == version
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?", version)


def test_public_api_ships_py_typed() -> None:
    assert importlib.resources.files("corpuskit").joinpath("py.typed").is_file()


def test_public_api_errors_share_one_root() -> None:
    errors = [getattr(corpuskit, n) for n in corpuskit.__all__ if n.endswith("Error")]
    assert errors
    for error in errors:
        assert issubclass(error, corpuskit.CorpusKitError)
    assert issubclass(corpuskit.DecodeError, ValueError)
    assert issubclass(corpuskit.ArticleNotFoundError, KeyError)
    assert issubclass(corpuskit.ReadError, OSError)


@pytest.mark.skipif(not os.environ.get("CI"), reason="CI tests the installed package")
def test_public_api_ci_tests_the_installed_package_not_the_working_tree() -> None:
    assert "site-packages" in Path(corpuskit.__file__).parts
