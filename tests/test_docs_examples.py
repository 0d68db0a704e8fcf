"""Run the ```pycon examples of README.md and docs/**/*.md as doctests.

Each Markdown file is one test.  Its ```pycon blocks run in order in one
namespace, so a later block may use names an earlier block of the same page
defined, with the repository root as the working directory (examples name
paths such as ``seeds/``).  A file without examples still gets a test, which
passes, so a page that loses its examples shows up as a passing test rather than
vanishing from the report.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# A fenced block opened by ```pycon (three or more backticks, possibly indented
# inside a list item, possibly with attributes after the language as MkDocs
# allows) and closed by a fence of at least as many backticks.
_PYCON = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,})[ \t]*pycon\b[^`\n]*\n"
    r"(?P<body>.*?)^(?P=indent)(?P=fence)`*[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _markdown_files() -> list[Path]:
    files = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return [f for f in files if f.is_file()]


def _pycon_blocks(text: str) -> list[tuple[int, str]]:
    """Return ``(line number of the block's first line, 0-based; body)`` for each block."""
    blocks = []
    for m in _PYCON.finditer(text):
        indent = len(m.group("indent"))
        body = "".join(line[indent:] for line in m.group("body").splitlines(keepends=True))
        first_line = text.count("\n", 0, m.start("body"))
        blocks.append((first_line, body))
    return blocks


def test_pycon_blocks_found_with_their_line_numbers() -> None:
    text = (
        "# Page\n\n```pycon\n>>> 1 + 1\n2\n```\n\n- item\n\n  ````pycon\n  >>> 'a'\n  'a'\n  ````\n"
        '\n```pycon title="x"\n>>> 3\n3\n```\n\n```python\n>>> 4\n```\n\n```pyconsole\n>>> 5\n```\n'
    )
    assert _pycon_blocks(text) == [
        (3, ">>> 1 + 1\n2\n"),
        (10, ">>> 'a'\n'a'\n"),
        (15, ">>> 3\n3\n"),
    ]


@pytest.mark.parametrize("path", _markdown_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_docs_examples_run(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    name = path.relative_to(ROOT).as_posix()
    text = path.read_text(encoding="utf-8")
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=_OPTIONS, verbose=False)
    report: list[str] = []
    globs: dict[str, object] = {"__name__": name}
    for lineno, body in _pycon_blocks(text):
        test = parser.get_doctest(body, globs, name, str(path), lineno)
        runner.run(test, out=report.append, clear_globs=False)
        globs = test.globs  # the DocTest ran on a copy; carry its names to the next block
    if runner.failures:
        pytest.fail(
            f"{runner.failures} of {runner.tries} examples in {name} failed:\n" + "".join(report),
            pytrace=False,
        )
