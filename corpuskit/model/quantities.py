"""Quantities: numbers stated in the text, with their exact values."""

from __future__ import annotations

import decimal
import enum

import attrs

from corpuskit.model.errors import SpanError
from corpuskit.model.spans import Span, clipped

__all__ = ["Quantity", "QuantityKind"]


class QuantityKind(enum.StrEnum):
    """What a quantity measures; the value is the name used in data files."""

    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    DURATION = "duration"
    YEAR = "year"
    DATE = "date"
    NUMBER = "number"


@attrs.frozen
class Quantity(Span):
    """A number stated in the text, with its exact value.

    ``low`` and ``high`` are exact (``high == low`` for a single value; for a
    ``date`` they are the day of the month).  ``unit`` is a currency code,
    ``"percent"`` or ``None``; ``hedge`` the normalised hedge word and
    ``hedge_span`` where it stands (before the quantity); ``counted`` the noun
    the number counts (after it).  Construction checks that ``low <= high``,
    that ``hedge`` and ``hedge_span`` come together, and that the hedge ends
    before the quantity and the counted noun starts after it.
    """

    kind: QuantityKind
    low: decimal.Decimal
    high: decimal.Decimal
    unit: str | None
    hedge: str | None
    hedge_span: Span | None
    counted: Span | None

    def __repr__(self) -> str:
        """One line: the offsets, the text, and what was read: kind, hedge, value, unit.

        >>> import decimal
        >>> Quantity(0, 8, "10 to 12", QuantityKind.PERCENT, decimal.Decimal(10),
        ...          decimal.Decimal(12), "percent", None, None, None)
        Quantity(0, 8, '10 to 12': percent 10–12 percent)
        """
        value = f"{self.low:f}" if self.low == self.high else f"{self.low:f}–{self.high:f}"
        read = " ".join(
            part
            for part in (
                self.kind.value,
                self.hedge,
                value,
                self.unit,
                None if self.counted is None else self.counted.text,
            )
            if part
        )
        return f"Quantity({self.start}, {self.end}, {clipped(self.text)}: {read})"

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if not isinstance(self.kind, QuantityKind):
            raise SpanError(f"quantity kind must be a QuantityKind, got {self.kind!r}")
        for name, value in (("low", self.low), ("high", self.high)):
            if not isinstance(value, decimal.Decimal) or not value.is_finite():
                raise SpanError(f"quantity {name} must be a finite Decimal, got {value!r}")
        if self.low > self.high:
            raise SpanError(f"quantity low {self.low} is greater than high {self.high}")
        if (self.hedge is None) != (self.hedge_span is None):
            raise SpanError("a quantity's hedge and hedge_span must both be given or both None")
        if self.hedge_span is not None and self.hedge_span.end > self.start:
            raise SpanError(f"hedge {self.hedge_span} does not end before the quantity")
        if self.counted is not None and self.counted.start < self.end:
            raise SpanError(f"counted noun {self.counted} does not start after the quantity")
