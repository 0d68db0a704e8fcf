"""The name corpuskit is installed by: one name, the same wherever an install line gives it.

The import package is ``corpuskit``; the distribution on the package index is
``corpuskit-news``, since ``corpuskit`` there belongs to another project.  Every
``pip install`` line of the README, the docs and the package's own messages that
names corpuskit must name the distribution `pyproject.toml` declares, or a user
following it would install someone else's package.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from corpuskit.version import DISTRIBUTION, __version__

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Where install lines are written for users to follow.
SOURCES = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").rglob("*.md")),
    *sorted((ROOT / "corpuskit").rglob("*.py")),
]
# "pip install" and what follows it on the line, up to a backtick.
_INSTALL = re.compile(r"pip install ([^`\n]*)")
# A requirement's name, before its extras and version: "corpuskit-news[dask]>=0.1".
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _corpuskit_names(line: str) -> list[str]:
    """The names of corpuskit distributions the install commands of ``line`` name."""
    names = []
    for match in _INSTALL.finditer(line):
        for word in match.group(1).replace("'", " ").replace('"', " ").split():
            name = _NAME.match(word)
            if name and _normalized(name.group()).startswith("corpuskit"):
                names.append(name.group())
    return names


def _install_lines() -> list[tuple[str, str]]:
    """Every (place, name) of an install line, in the sources, that names corpuskit."""
    return [
        (f"{path.relative_to(ROOT)}:{number}", name)
        for path in SOURCES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for name in _corpuskit_names(line)
    ]


def test_the_distribution_name_is_declared_once() -> None:
    assert PROJECT["name"] == DISTRIBUTION == "corpuskit-news"
    assert PROJECT["version"] == __version__
    # The import package and the command keep the short name.
    assert (ROOT / "corpuskit" / "__init__.py").is_file()
    assert "corpuskit" in PROJECT["scripts"]


def test_the_extras_that_pull_in_other_extras_name_this_distribution() -> None:
    for extra, requirements in PROJECT["optional-dependencies"].items():
        for requirement in requirements:
            name = _NAME.match(requirement)
            assert name is not None
            if _normalized(name.group()).startswith("corpuskit"):
                assert _normalized(name.group()) == _normalized(DISTRIBUTION), (extra, requirement)


def test_every_install_line_names_the_distribution() -> None:
    lines = _install_lines()
    places = {place.split(":")[0] for place, _ in lines}
    # The README, the docs and the package's messages all have some.
    assert "README.md" in places
    assert any(p.startswith("docs/") for p in places)
    assert any(p.startswith("corpuskit/") for p in places)
    wrong = [(place, name) for place, name in lines if _normalized(name) != DISTRIBUTION]
    assert wrong == []


@pytest.mark.parametrize(
    "line",
    [
        "pip install corpuskit",
        "python -m pip install 'corpuskit[parquet]'",
        'run `pip install "corpuskit[dask]>=0.1"` first',
        "pip install -e . corpuskit",
    ],
)
def test_a_line_naming_the_other_project_is_found(line: str) -> None:
    assert [_normalized(n) for n in _corpuskit_names(line)] == ["corpuskit"]


def test_lines_installing_the_checkout_or_other_packages_name_no_distribution() -> None:
    for line in ("pip install .", "pip install -e '.[docs]'", "pip install s3fs", "pip install x"):
        assert _corpuskit_names(line) == []
