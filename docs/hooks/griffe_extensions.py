"""Griffe extensions that adapt corpuskit's source to the API reference pages.

The docstrings and the source stay as they are; these extensions only change
what mkdocstrings renders from them:

- `DoctestFences`: docstrings hold bare doctest examples (``>>>`` lines,
  ``...`` continuations and the expected output, up to a blank line).
  Markdown would read the ``>`` marks as nested block quotes, so each such
  run is wrapped in a fenced ``pycon`` block.
- `AttributeValues`: an attrs field is declared as
  ``name: type = attrs.field(default=..., validator=...)``; the reference shows
  ``name: type = default`` (or ``name: type`` when there is no default) rather
  than the whole ``attrs.field(...)`` call.  An attribute set in ``__init__``
  (``self.path = os.fspath(path)``) shows no value: the expression that
  computes it says nothing to a reader of the reference.
"""

from __future__ import annotations

from typing import Any

import griffe

_ATTRS_FIELD_CALLS = frozenset({"attrs.field", "attr.field", "attr.ib", "field"})


def fence_doctests(text: str) -> str:
    """Return ``text`` with each run of doctest lines wrapped in a pycon fence."""
    out: list[str] = []
    indent: str | None = None  # the indentation of the open example, if any
    in_fence = False
    for line in text.splitlines():
        stripped = line.lstrip()
        if indent is None and stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
        if indent is None and not in_fence and stripped.startswith(">>>"):
            indent = line[: len(line) - len(stripped)]
            out.append(indent + "```pycon")
        elif indent is not None and not stripped:
            out.append(indent + "```")
            indent = None
        out.append(line)
    if indent is not None:
        out.append(indent + "```")
    return "\n".join(out)


class DoctestFences(griffe.Extension):
    """Fence the doctest examples of every docstring griffe loads."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite ``obj``'s docstring, if it holds doctest examples."""
        if obj.docstring is not None and ">>>" in obj.docstring.value:
            obj.docstring.value = fence_doctests(obj.docstring.value)


class AttributeValues(griffe.Extension):
    """Show attrs fields' defaults, and no value for attributes set in ``__init__``."""

    def on_attribute_instance(self, *, attr: griffe.Attribute, **kwargs: Any) -> None:
        """Replace ``attr``'s value by the field's default, or by nothing."""
        value = attr.value
        if "instance-attribute" in attr.labels and "class-attribute" not in attr.labels:
            attr.value = None
        elif isinstance(value, griffe.ExprCall) and str(value.function) in _ATTRS_FIELD_CALLS:
            defaults = [
                arg.value
                for arg in value.arguments
                if isinstance(arg, griffe.ExprKeyword) and arg.name == "default"
            ]
            attr.value = defaults[0] if defaults else None
