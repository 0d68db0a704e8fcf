"""The fields of the model's classes, walked once for every generator that needs them.

Three pieces of code are generated from a model class's attrs fields: the
constructors that skip the checks (`corpuskit.model.spans.unchecked_maker`), the
checks the JSON converter runs on a document, and the JSON Schema.  Each reads
the fields here, with their types resolved, ``X | None`` taken apart into ``X``
and ``optional``, and the slot that stores each one, so they agree on what a
class holds.

>>> from corpuskit.model.quotes import Attribution
>>> [(f.name, f.type.__name__, f.optional) for f in model_fields(Attribution)]
[('source', 'Span', True), ('cue', 'Span', True), ('resolved', 'Span', True)]
"""

from __future__ import annotations

import types
from typing import Any, get_args

import attrs

__all__ = ["Field", "model_fields", "optional_type"]


@attrs.frozen
class Field:
    """One field of a model class.

    ``type`` is the field's type with ``| None`` removed, and ``optional`` says
    whether ``None`` is allowed; ``slot`` is the descriptor that stores the
    field on an instance (found on the class of the hierarchy that declares it).
    """

    name: str
    type: Any
    optional: bool
    slot: Any


def optional_type(tp: Any) -> Any:
    """Return ``X`` for the type ``X | None``, else ``None``."""
    args = get_args(tp)
    if isinstance(tp, types.UnionType) and len(args) == 2 and args[1] is type(None):
        return args[0]
    return None


_FIELDS: dict[type, tuple[Field, ...]] = {}


def model_fields(cls: type) -> tuple[Field, ...]:
    """Return the fields of the attrs class ``cls``, in order, types resolved."""
    known = _FIELDS.get(cls)
    if known is not None:
        return known
    found = []
    for field in attrs.fields(attrs.resolve_types(cls)):
        inner = optional_type(field.type)
        owner = next(k for k in cls.__mro__ if field.name in vars(k))
        found.append(
            Field(
                field.name,
                field.type if inner is None else inner,
                inner is not None,
                vars(owner)[field.name],
            )
        )
    _FIELDS[cls] = fields = tuple(found)
    return fields
