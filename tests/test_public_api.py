"""The public face: `corpuskit.__all__` lists exactly what users may import."""

import importlib.resources
import os
import re
import tomllib
import types
from pathlib import Path

import pytest

import corpuskit

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "data" / "public_api.txt"
CHANGELOG = ROOT / "CHANGELOG.md"

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def read_snapshot() -> list[str]:
    return [line.strip() for line in SNAPSHOT.read_text("utf-8").splitlines() if line.strip()]


EXPECTED = set(read_snapshot())


def names_in_backticks(markdown: str) -> set[str]:
    """Every identifier inside a code span: `Article.from_json(x)` names Article and from_json."""
    return {name for _, code in _CODE_SPAN.findall(markdown) for name in _NAME.findall(code)}


def section(markdown: str, heading: str) -> str | None:
    """The text under the first heading line equal to ``heading``, up to the next heading.

    The next heading is the next one of the same or a higher level (fewer ``#``);
    ``None`` when there is no such heading.
    """
    level = len(heading) - len(heading.lstrip("#"))
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        if line.strip() != heading:
            continue
        body: list[str] = []
        for following in lines[i + 1 :]:
            hashes = len(following) - len(following.lstrip("#"))
            if 0 < hashes <= level and following[hashes : hashes + 1] == " ":
                break
            body.append(following)
        return "\n".join(body)
    return None


def removed_in_unreleased(markdown: str) -> set[str]:
    """The names in backticks under ``### Removed`` in the ``## [Unreleased]`` section."""
    unreleased = section(markdown, "## [Unreleased]")
    if unreleased is None:
        return set()
    removed = section(unreleased, "### Removed")
    return set() if removed is None else names_in_backticks(removed)


def test_public_api_all_lists_exactly_the_public_names() -> None:
    assert len(corpuskit.__all__) == len(set(corpuskit.__all__))
    # Submodules imported by name (`corpuskit.dask`) are attributes, not names of the API.
    public = {
        n
        for n, v in vars(corpuskit).items()
        if not n.startswith("_") and not isinstance(v, types.ModuleType)
    } | {"__version__"}
    assert public == set(corpuskit.__all__), "a name is public but not in __all__, or the reverse"


def test_public_api_snapshot_is_sorted_and_unique() -> None:
    names = read_snapshot()
    assert names == sorted(set(names)), f"keep {SNAPSHOT.name} sorted, one name a line"


def test_public_api_matches_the_snapshot() -> None:
    current = set(corpuskit.__all__)
    added = sorted(current - EXPECTED)
    removed = sorted(EXPECTED - current)
    assert current == EXPECTED, (
        f"corpuskit.__all__ changed: added {added}, removed {removed}. A change to the public "
        f"API needs both: update the snapshot {SNAPSHOT.relative_to(ROOT)} (one name a line, "
        f"sorted) AND record the change in CHANGELOG.md under ## [Unreleased] "
        f"(### Added for a new name, ### Removed for a removed one)."
    )


def test_public_api_every_public_name_is_in_the_changelog() -> None:
    mentioned = names_in_backticks(CHANGELOG.read_text("utf-8"))
    missing = sorted(set(corpuskit.__all__) - mentioned)
    assert not missing, (
        f"public names with no CHANGELOG.md entry: {missing}. Name each in backticks in an "
        f"entry of CHANGELOG.md (under ## [Unreleased] ### Added for a new one)."
    )


def test_public_api_names_removed_from_all_are_in_the_changelog() -> None:
    removed = EXPECTED - set(corpuskit.__all__)
    listed = removed_in_unreleased(CHANGELOG.read_text("utf-8"))
    missing = sorted(removed - listed)
    assert not missing, (
        f"names removed from corpuskit.__all__ but not under ### Removed in the "
        f"## [Unreleased] section of CHANGELOG.md: {missing}. Add an entry naming each in "
        f"backticks there, then update {SNAPSHOT.relative_to(ROOT)}."
    )


def test_public_api_changelog_helpers_read_sections() -> None:
    markdown = (
        "# Changelog\n\n## [Unreleased]\n\n### Added\n\n- `Kept.method(x)` and `New`.\n\n"
        "### Removed\n\n- `Gone`, use `New`; ``Old``.\n\n## [0.1.0]\n\n### Removed\n\n"
        "- `Earlier`.\n"
    )
    assert names_in_backticks(markdown) >= {"Kept", "method", "x", "New", "Gone", "Old"}
    assert removed_in_unreleased(markdown) == {"Gone", "New", "Old"}
    assert removed_in_unreleased("## [Unreleased]\n\n### Added\n\n- `Gone`\n") == set()
    assert removed_in_unreleased("## [0.1.0]\n\n### Removed\n\n- `Gone`\n") == set()


def test_public_api_names_come_from_private_modules() -> None:
    for name in corpuskit.__all__:
        obj = getattr(corpuskit, name)
        module = getattr(obj, "__module__", "corpuskit")
        assert module == "corpuskit" or module.startswith("corpuskit._"), (name, module)


def test_public_api_version_matches_the_package_metadata() -> None:
    pyproject = ROOT / "pyproject.toml"
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
