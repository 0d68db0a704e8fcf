"""MkDocs hook: fix links in files included from the repository root.

``docs/changelog.md`` includes ``CHANGELOG.md`` with ``pymdownx.snippets``.
Links in that file are relative to the repository root
(``[JSON format](docs/json.md)``), which is right where it is read on its own
but points nowhere inside the site, whose pages live in ``docs/``.  This hook
adds a Markdown preprocessor, run just after the snippets are included, that
rewrites such link targets to be relative to ``docs/`` (``json.md``), outside
fenced code blocks.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

_ROOT_LINK = re.compile(r"\]\(docs/")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


class _RootLinks(Preprocessor):
    """Rewrite ``](docs/`` link targets to ``](`` outside fenced code."""

    def run(self, lines: list[str]) -> list[str]:
        out = []
        fence: str | None = None
        for line in lines:
            m = _FENCE.match(line)
            if m and (fence is None or m.group(1).startswith(fence)):
                fence = None if fence else m.group(1)
            out.append(line if fence else _ROOT_LINK.sub("](", line))
        return out


class _RootLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After pymdownx.snippets (32), before fenced code blocks (31.05, 25).
        md.preprocessors.register(_RootLinks(md), "corpuskit_root_links", 31.5)


def on_config(config: Any) -> Any:
    """Add the preprocessor to the site's Markdown extensions."""
    config.markdown_extensions.append(_RootLinksExtension())
    return config
