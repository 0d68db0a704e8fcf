"""Build the documentation site with ``mkdocs build --strict`` and look at the result.

The build needs MkDocs, Material for MkDocs and mkdocstrings' Python handler,
which are not test dependencies: without them the test is skipped.  With them,
any warning (a broken link or anchor, a page missing from the nav, a docstring
the reference cannot render) fails the build and so the test.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The modules the build imports: mkdocs itself, the Material theme, the
# mkdocstrings plugin and its Python handler, and the snippets extension.
_NEEDED = ("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers.python", "pymdownx")


def _missing() -> list[str]:
    missing = []
    for name in _NEEDED:
        try:
            found = importlib.util.find_spec(name) is not None
        except ModuleNotFoundError:  # the parent package of a dotted name is absent
            found = False
        if not found:
            missing.append(name)
    return missing


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    missing = _missing()
    if missing:
        pytest.skip(
            f"the docs toolchain is not installed (missing: {', '.join(missing)}); "
            "install it with: pip install -e '.[docs]'"
        )
    site_dir = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"mkdocs build --strict failed ({result.returncode}):\n{result.stderr}{result.stdout}",
            pytrace=False,
        )
    return site_dir


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "quickstart/index.html",
        "offsets/index.html",
        "versioning/index.html",
        "changelog/index.html",
        "cli/index.html",
        "api/article/index.html",
        "api/reference/index.html",
        "schema/article.schema.json",
    ],
)
def test_page_is_built(site: Path, page: str) -> None:
    assert (site / page).is_file()


def test_reference_documents_every_public_name(site: Path) -> None:
    import corpuskit

    html = (site / "api" / "reference" / "index.html").read_text(encoding="utf-8")
    assert "Article.from_json" in html
    missing = [
        name
        for name in corpuskit.__all__
        if name != "__version__" and f'id="corpuskit.{name}"' not in html
    ]
    assert missing == []
    # Docstring examples render as code, not as nested block quotes.
    assert "<blockquote>" not in html


def test_changelog_is_the_repository_changelog(site: Path) -> None:
    html = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    releases = [
        line[3:].strip()
        for line in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    ]
    assert releases
    assert [r for r in releases if f">{r}" not in html] == []
    assert 'href="docs/' not in html  # repository-root links point at site pages


def test_schema_is_copied_unchanged(site: Path) -> None:
    built = (site / "schema" / "article.schema.json").read_bytes()
    assert built == (ROOT / "docs" / "schema" / "article.schema.json").read_bytes()
