"""OffsetIndex: exact error messages and edge cases that mutation testing found unchecked."""

from __future__ import annotations

import pytest

from corpuskit import OffsetError, OffsetIndex


class MyInt(int):
    """An int subclass: it skips the fast path and goes through the full checks."""


def message(call: object, *args: object) -> str:
    assert callable(call)
    with pytest.raises(OffsetError) as info:
        call(*args)
    return str(info.value)


def test_repr_without_byte_base_has_no_byte_base_part() -> None:
    assert repr(OffsetIndex("é😀")) == (
        "<OffsetIndex of 2 code points, 6 UTF-8 bytes, 3 UTF-16 units>"
    )


@pytest.mark.parametrize("method", ["to_utf8", "to_utf16", "to_line_col"])
def test_code_point_offset_of_wrong_type_names_its_type(method: str) -> None:
    index = OffsetIndex("aé😀")
    assert message(getattr(index, method), 1.0) == (
        "code-point offset must be an int, got float 1.0"
    )


@pytest.mark.parametrize(("method", "unit"), [("from_utf8", "UTF-8"), ("from_utf16", "UTF-16")])
def test_unit_offset_of_wrong_type_names_its_type(method: str, unit: str) -> None:
    index = OffsetIndex("aé😀")
    assert message(getattr(index, method), "1") == f"{unit} offset must be an int, got str '1'"


def test_line_and_column_of_wrong_type_name_their_type() -> None:
    index = OffsetIndex("ab\ncd")
    assert message(index.from_line_col, None, 1) == "line must be an int, got NoneType None"
    assert message(index.from_line_col, "2", 1) == "line must be an int, got str '2'"
    assert message(index.from_line_col, 1, 2.5) == "column must be an int, got float 2.5"


@pytest.mark.parametrize("text", ["abc", "aé😀"])
def test_int_subclass_at_both_ends_of_the_code_point_range(text: str) -> None:
    index = OffsetIndex(text)
    n = len(text)
    assert index.to_utf8(MyInt(0)) == 0
    assert index.to_utf16(MyInt(0)) == 0
    assert index.to_line_col(MyInt(0)) == (1, 1)
    assert index.to_utf8(MyInt(n)) == len(text.encode("utf-8"))
    assert index.to_utf16(MyInt(n)) == len(text.encode("utf-16-le")) // 2
    assert index.to_line_col(MyInt(n)) == (1, n + 1)


@pytest.mark.parametrize("base", [0, 3])
def test_int_subclass_at_both_ends_of_the_unit_ranges(base: int) -> None:
    text = "aé😀"
    index = OffsetIndex(text, byte_base=base)
    top8 = base + len(text.encode("utf-8"))
    top16 = len(text.encode("utf-16-le")) // 2
    assert index.from_utf8(MyInt(base)) == 0
    assert index.from_utf8(MyInt(top8)) == len(text)
    assert index.from_utf16(MyInt(0)) == 0
    assert index.from_utf16(MyInt(top16)) == len(text)


def test_utf8_out_of_range_past_the_end_has_no_bom_note() -> None:
    index = OffsetIndex("aé")
    assert message(index.from_utf8, 4) == (
        "UTF-8 offset 4 is out of range; valid offsets are character boundaries in 0..3"
    )
    assert message(index.from_utf8, -1) == (
        "UTF-8 offset -1 is out of range; valid offsets are character boundaries in 0..3"
    )


def test_utf8_offset_before_the_text_names_the_bom_bytes() -> None:
    index = OffsetIndex("aé", byte_base=3)
    for offset in (0, 2):
        assert message(index.from_utf8, offset) == (
            f"UTF-8 offset {offset} is out of range (bytes 0..3 come before the text); "
            "valid offsets are character boundaries in 3..6"
        )
    assert message(index.from_utf8, 7) == (
        "UTF-8 offset 7 is out of range; valid offsets are character boundaries in 3..6"
    )


def test_utf16_out_of_range_has_no_bom_note() -> None:
    index = OffsetIndex("a😀", byte_base=3)
    assert message(index.from_utf16, 4) == (
        "UTF-16 offset 4 is out of range; valid offsets are character boundaries in 0..3"
    )
    assert message(index.from_utf16, -1) == (
        "UTF-16 offset -1 is out of range; valid offsets are character boundaries in 0..3"
    )


def test_utf16_inside_a_surrogate_pair_names_the_full_range() -> None:
    index = OffsetIndex("a😀b")
    assert message(index.from_utf16, 2) == (
        "UTF-16 offset 2 falls inside the surrogate pair of U+1F600 at units 1..3; "
        "valid offsets are character boundaries in 0..4"
    )


@pytest.mark.parametrize(
    ("method", "unit"),
    [
        ("span_to_utf8", "code-point"),
        ("span_to_utf16", "code-point"),
        ("span_from_utf8", "UTF-8"),
        ("span_from_utf16", "UTF-16"),
    ],
)
def test_reversed_span_names_the_unit_it_was_given_in(method: str, unit: str) -> None:
    index = OffsetIndex("abcdef")
    assert message(getattr(index, method), 4, 2) == (
        f"{unit} span [4, 2) is reversed; a span needs start <= end"
    )


def test_line_out_of_range_message_says_both_are_one_based() -> None:
    index = OffsetIndex("ab\ncd")
    assert message(index.from_line_col, 3, 1) == (
        "line 3 is out of range; valid lines are 1..2 (both line and column are 1-based)"
    )
    assert message(index.from_line_col, 1, 5) == (
        "column 5 is out of range for line 1; valid columns are 1..4 "
        "(1-based, counted in code points)"
    )


def test_bad_constructor_arguments_are_named_with_their_type() -> None:
    with pytest.raises(TypeError) as info:
        OffsetIndex(b"abc")  # type: ignore[arg-type]
    assert str(info.value) == "OffsetIndex takes a str, got bytes"
    for bad, shown in ((-1, "int -1"), (True, "bool True"), (3.0, "float 3.0")):
        with pytest.raises(OffsetError) as error:
            OffsetIndex("abc", byte_base=bad)  # type: ignore[arg-type]
        assert str(error.value) == (
            "byte_base must be a non-negative int (0, or 3 after a UTF-8 byte-order mark), "
            f"got {shown}"
        )
