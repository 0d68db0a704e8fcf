"""Tests for OffsetIndex: code points to and from UTF-8, UTF-16 and line:column."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit import CorpusKitError, LineCol, OffsetError, OffsetIndex

# -- helpers -----------------------------------------------------------------


def utf8_of(text: str, o: int, base: int = 0) -> int:
    return len(text[:o].encode("utf-8")) + base


def utf16_of(text: str, o: int) -> int:
    return len(text[:o].encode("utf-16-le")) // 2


def ref_line_col(text: str, o: int) -> tuple[int, int]:
    """Walk the text one character at a time; the obviously correct way."""
    line, line_start, i = 1, 0, 0
    while i < o:
        ch = text[i]
        if ch == "\r" and text[i + 1 : i + 2] == "\n":
            if i + 1 == o:  # between "\r" and "\n": still on this line
                break
            i += 2
            line, line_start = line + 1, i
            continue
        i += 1
        if ch in "\r\n":
            line, line_start = line + 1, i
    return line, o - line_start + 1


def ref_line_starts(text: str) -> list[int]:
    starts = [0]
    i = 0
    while i < len(text):
        if text[i] == "\r" and text[i + 1 : i + 2] == "\n":
            i += 2
            starts.append(i)
            continue
        i += 1
        if text[i - 1] in "\r\n":
            starts.append(i)
    return starts


class MyInt(int):
    """An int subclass: it skips the fast path and goes through the full checks."""


def error_message(call: Callable[..., object], *args: object) -> str:
    """The message of the OffsetError that ``call(*args)`` raises."""
    with pytest.raises(OffsetError) as info:
        call(*args)
    return str(info.value)


def check_all_offsets(text: str, base: int = 0) -> None:
    index = OffsetIndex(text, byte_base=base)
    for o in range(len(text) + 1):
        b = index.to_utf8(o)
        u = index.to_utf16(o)
        assert b == utf8_of(text, o, base)
        assert u == utf16_of(text, o)
        assert index.from_utf8(b) == o
        assert index.from_utf16(u) == o
        lc = index.to_line_col(o)
        assert tuple(lc) == ref_line_col(text, o)
        assert index.from_line_col(*lc) == o


# -- strategies --------------------------------------------------------------

encodable_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]))

PIECES = ["\r\n", "\r", "\n", "a", " ", "é", "’", "中", "😀", "𝔘", "e\u0301", "\u2028", "\x0c"]
mixed_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(alphabet=st.characters(exclude_categories=["Cs"]))),
    max_size=30,
).map("".join)

any_text = st.one_of(encodable_text, mixed_text)


# -- unit tests: conversions -------------------------------------------------


def test_offsets_ascii_is_identity() -> None:
    text = "North Korea's Kim\nsaid"
    index = OffsetIndex(text)
    for o in range(len(text) + 1):
        assert index.to_utf8(o) == o
        assert index.from_utf8(o) == o
        assert index.to_utf16(o) == o
        assert index.from_utf16(o) == o
    assert index.text is text


def test_offsets_latin1_two_byte() -> None:
    index = OffsetIndex("café au lait")
    assert index.to_utf8(3) == 3
    assert index.to_utf8(4) == 5
    assert index.to_utf8(12) == 13
    assert index.from_utf8(5) == 4
    assert index.to_utf16(4) == 4
    check_all_offsets("café au lait")


def test_offsets_bmp_three_byte() -> None:
    text = "Kim’s 北京 visit"
    index = OffsetIndex(text)
    assert index.to_utf8(3) == 3
    assert index.to_utf8(4) == 6  # after the 3-byte ’
    assert index.to_utf8(7) == 11  # after 北 (3 bytes)
    assert index.to_utf8(8) == 14  # after 京
    assert index.to_utf16(8) == 8
    check_all_offsets(text)


def test_offsets_astral_four_byte_and_two_units() -> None:
    text = "a😀b𝔘𝔘c"
    index = OffsetIndex(text)
    assert [index.to_utf8(o) for o in range(len(text) + 1)] == [0, 1, 5, 6, 10, 14, 15]
    assert [index.to_utf16(o) for o in range(len(text) + 1)] == [0, 1, 3, 4, 6, 8, 9]
    assert index.from_utf16(6) == 4
    assert index.from_utf8(14) == 5
    check_all_offsets(text)


def test_offsets_combining_marks_are_separate_code_points() -> None:
    text = "Cafe\u0301 cre\u0300me"  # e + combining acute (2 bytes each)
    index = OffsetIndex(text)
    assert index.to_utf8(4) == 4
    assert index.to_utf8(5) == 6  # the mark is its own code point
    assert index.from_utf8(6) == 5
    check_all_offsets(text)


def test_offsets_mixed_widths_runs() -> None:
    text = "é’😀é’😀aé" * 3 + "\n" + "中文" * 4
    check_all_offsets(text)
    check_all_offsets(text, base=3)


def test_offsets_byte_base_three() -> None:
    text = "é!"
    index = OffsetIndex(text, byte_base=3)
    assert index.to_utf8(0) == 3
    assert index.to_utf8(1) == 5
    assert index.to_utf8(2) == 6
    assert index.from_utf8(3) == 0
    assert index.from_utf8(6) == 2
    raw = b"\xef\xbb\xbf" + text.encode("utf-8")
    s8, e8 = index.span_to_utf8(1, 2)
    assert raw[s8:e8] == b"!"
    assert index.to_utf16(1) == 1  # UTF-16 offsets are unaffected
    ascii_index = OffsetIndex("abc", byte_base=3)
    assert ascii_index.to_utf8(3) == 6
    assert ascii_index.from_utf8(4) == 1


def test_offsets_byte_base_out_of_range_mentions_bom() -> None:
    index = OffsetIndex("abc", byte_base=3)
    with pytest.raises(
        OffsetError, match=r"UTF-8 offset 1 is out of range.*before the text.*3\.\.6"
    ):
        index.from_utf8(1)
    with pytest.raises(OffsetError, match=r"3\.\.6"):
        index.from_utf8(7)


def test_offsets_utf8_offset_before_the_text_names_the_bom_bytes() -> None:
    index = OffsetIndex("aé", byte_base=3)
    for offset in (0, 2):
        assert error_message(index.from_utf8, offset) == (
            f"UTF-8 offset {offset} is out of range (bytes 0..3 come before the text); "
            "valid offsets are character boundaries in 3..6"
        )
    assert error_message(index.from_utf8, 7) == (
        "UTF-8 offset 7 is out of range; valid offsets are character boundaries in 3..6"
    )


def test_offsets_empty_text() -> None:
    index = OffsetIndex("")
    assert index.to_utf8(0) == 0
    assert index.from_utf8(0) == 0
    assert index.to_utf16(0) == 0
    assert index.from_utf16(0) == 0
    assert index.to_line_col(0) == LineCol(1, 1)
    assert index.from_line_col(1, 1) == 0
    assert index.span_to_utf8(0, 0) == (0, 0)
    with pytest.raises(OffsetError):
        index.to_utf8(1)
    with pytest.raises(OffsetError):
        index.from_line_col(1, 2)
    with pytest.raises(OffsetError):
        index.from_line_col(2, 1)
    assert OffsetIndex("", byte_base=3).to_utf8(0) == 3


def test_offsets_spans() -> None:
    text = "Kim’s 😀 café"
    index = OffsetIndex(text)
    encoded8 = text.encode("utf-8")
    encoded16 = text.encode("utf-16-le")
    s8, e8 = index.span_to_utf8(3, 8)
    assert encoded8[s8:e8].decode("utf-8") == "’s 😀 "
    s16, e16 = index.span_to_utf16(3, 8)
    assert encoded16[2 * s16 : 2 * e16].decode("utf-16-le") == "’s 😀 "
    assert index.span_from_utf8(s8, e8) == (3, 8)
    assert index.span_from_utf16(s16, e16) == (3, 8)


def test_offsets_repr() -> None:
    assert repr(OffsetIndex("é😀", byte_base=3)) == (
        "<OffsetIndex of 2 code points, 6 UTF-8 bytes, 3 UTF-16 units, byte_base=3>"
    )


def test_offsets_repr_without_byte_base_has_no_byte_base_part() -> None:
    assert repr(OffsetIndex("é😀")) == (
        "<OffsetIndex of 2 code points, 6 UTF-8 bytes, 3 UTF-16 units>"
    )


# -- unit tests: lines -------------------------------------------------------


def test_offsets_lf_lines() -> None:
    index = OffsetIndex("ab\ncd\n")
    assert index.to_line_col(0) == LineCol(1, 1)
    assert index.to_line_col(2) == LineCol(1, 3)  # the "\n" itself
    assert index.to_line_col(3) == LineCol(2, 1)
    assert index.to_line_col(6) == LineCol(3, 1)  # empty last line
    assert index.from_line_col(2, 2) == 4
    assert index.from_line_col(3, 1) == 6


def test_offsets_crlf_is_one_break() -> None:
    index = OffsetIndex("ab\r\ncd")
    assert index.to_line_col(2) == LineCol(1, 3)  # "\r"
    assert index.to_line_col(3) == LineCol(1, 4)  # between "\r" and "\n"
    assert index.to_line_col(4) == LineCol(2, 1)
    assert index.to_line_col(6) == LineCol(2, 3)
    assert index.from_line_col(1, 4) == 3
    assert index.from_line_col(2, 1) == 4


def test_offsets_lone_cr_and_lf_cr() -> None:
    text = "a\rb\n\rc\r\r\nd"
    index = OffsetIndex(text)
    lines = [index.to_line_col(o).line for o in range(len(text) + 1)]
    # a \r | b \n | \r | c \r | \r \n | d
    assert lines == [1, 1, 2, 2, 3, 4, 4, 5, 5, 6, 6]
    assert index.to_line_col(8) == LineCol(5, 2)  # between "\r" and "\n"
    check_all_offsets(text)


def test_offsets_other_separators_are_not_line_breaks() -> None:
    text = "a\u2028b\u2029c\x0bd\x0ce\x1cf\x85g"
    index = OffsetIndex(text)
    assert index.to_line_col(len(text)) == LineCol(1, len(text) + 1)


def test_offsets_line_col_counts_code_points() -> None:
    index = OffsetIndex("x\n😀é’z")
    assert index.to_line_col(5) == LineCol(2, 4)
    assert index.from_line_col(2, 4) == 5


def test_offsets_last_column_of_line_is_next_line_start() -> None:
    index = OffsetIndex("ab\r\ncd")
    assert index.from_line_col(1, 5) == 4  # just past "\r\n": same as (2, 1)
    assert index.from_line_col(2, 3) == 6  # end of text
    with pytest.raises(OffsetError, match=r"valid columns are 1\.\.5"):
        index.from_line_col(1, 6)
    with pytest.raises(OffsetError, match=r"valid columns are 1\.\.3"):
        index.from_line_col(2, 4)


def test_offsets_line_index_is_lazy() -> None:
    index = OffsetIndex("a\nb")
    index.to_utf8(1)
    assert index._line_starts is None
    index.to_line_col(2)
    assert index._line_starts == [0, 2]


# -- unit tests: errors ------------------------------------------------------


@pytest.mark.parametrize("text", ["abc", "aé😀"])
@pytest.mark.parametrize("method", ["to_utf8", "to_utf16", "to_line_col"])
@pytest.mark.parametrize("offset", [-1, 4, 10**20])
def test_offsets_code_point_out_of_range(text: str, method: str, offset: int) -> None:
    index = OffsetIndex(text)
    with pytest.raises(OffsetError, match=rf"code-point offset {offset} is out of range.*0\.\.3"):
        getattr(index, method)(offset)


@pytest.mark.parametrize("text", ["abc", "aé😀"])
def test_offsets_utf8_out_of_range(text: str) -> None:
    index = OffsetIndex(text)
    top = len(text.encode("utf-8"))
    for bad in (-1, top + 1):
        with pytest.raises(OffsetError, match=rf"UTF-8 offset {bad} is out of range.*0\.\.{top}"):
            index.from_utf8(bad)


def test_offsets_utf8_out_of_range_past_the_end_has_no_bom_note() -> None:
    index = OffsetIndex("aé")
    assert error_message(index.from_utf8, 4) == (
        "UTF-8 offset 4 is out of range; valid offsets are character boundaries in 0..3"
    )
    assert error_message(index.from_utf8, -1) == (
        "UTF-8 offset -1 is out of range; valid offsets are character boundaries in 0..3"
    )


@pytest.mark.parametrize("text", ["abc", "aé😀"])
def test_offsets_utf16_out_of_range(text: str) -> None:
    index = OffsetIndex(text)
    top = len(text.encode("utf-16-le")) // 2
    for bad in (-1, top + 1):
        with pytest.raises(OffsetError, match=rf"UTF-16 offset {bad} is out of range.*0\.\.{top}"):
            index.from_utf16(bad)


def test_offsets_utf16_out_of_range_has_no_bom_note() -> None:
    index = OffsetIndex("a😀", byte_base=3)
    assert error_message(index.from_utf16, 4) == (
        "UTF-16 offset 4 is out of range; valid offsets are character boundaries in 0..3"
    )
    assert error_message(index.from_utf16, -1) == (
        "UTF-16 offset -1 is out of range; valid offsets are character boundaries in 0..3"
    )


def test_offsets_utf8_inside_character() -> None:
    text = "abcd’" + "x" * 113  # 4 + 3 + 113 = 120 bytes
    index = OffsetIndex(text)
    message = (
        "UTF-8 offset 5 falls inside the 3-byte character U+2019 at bytes 4..7; "
        "valid offsets are character boundaries in 0..120"
    )
    with pytest.raises(OffsetError) as info:
        index.from_utf8(5)
    assert str(info.value) == message
    with pytest.raises(OffsetError, match=r"offset 6 falls inside .* U\+2019 at bytes 4\.\.7"):
        index.from_utf8(6)
    index3 = OffsetIndex("é", byte_base=3)
    with pytest.raises(
        OffsetError, match=r"offset 4 .* 2-byte character U\+00E9 at bytes 3\.\.5.*3\.\.5"
    ):
        index3.from_utf8(4)
    emoji = OffsetIndex("😀😀")
    for b in (1, 2, 3, 5, 6, 7):
        with pytest.raises(OffsetError, match=r"4-byte character U\+1F600"):
            emoji.from_utf8(b)


def test_offsets_utf16_inside_surrogate_pair() -> None:
    index = OffsetIndex("a😀b𝔘")
    with pytest.raises(
        OffsetError, match=r"UTF-16 offset 2 falls inside .*U\+1F600 at units 1\.\.3"
    ):
        index.from_utf16(2)
    with pytest.raises(
        OffsetError, match=r"UTF-16 offset 5 falls inside .*U\+1D518 at units 4\.\.6"
    ):
        index.from_utf16(5)
    assert index.from_utf16(4) == 3
    assert index.from_utf16(6) == 4


def test_offsets_utf16_inside_a_surrogate_pair_names_the_full_range() -> None:
    index = OffsetIndex("a😀b")
    assert error_message(index.from_utf16, 2) == (
        "UTF-16 offset 2 falls inside the surrogate pair of U+1F600 at units 1..3; "
        "valid offsets are character boundaries in 0..4"
    )


@pytest.mark.parametrize("bad", [1.0, "1", None, True, False, 1 + 0j])
def test_offsets_non_int_rejected(bad: Any) -> None:
    index = OffsetIndex("aé😀")
    for method in (
        index.to_utf8,
        index.from_utf8,
        index.to_utf16,
        index.from_utf16,
        index.to_line_col,
    ):
        with pytest.raises(OffsetError, match="must be an int"):
            method(bad)
    for span_method in (
        index.span_to_utf8,
        index.span_from_utf8,
        index.span_to_utf16,
        index.span_from_utf16,
    ):
        with pytest.raises(OffsetError, match="must be an int"):
            span_method(bad, 1)
        with pytest.raises(OffsetError, match="must be an int"):
            span_method(0, bad)
    with pytest.raises(OffsetError, match="line must be an int"):
        index.from_line_col(bad, 1)
    with pytest.raises(OffsetError, match="column must be an int"):
        index.from_line_col(1, bad)


@pytest.mark.parametrize("method", ["to_utf8", "to_utf16", "to_line_col"])
def test_offsets_code_point_offset_of_wrong_type_names_its_type(method: str) -> None:
    index = OffsetIndex("aé😀")
    assert error_message(getattr(index, method), 1.0) == (
        "code-point offset must be an int, got float 1.0"
    )


@pytest.mark.parametrize(("method", "unit"), [("from_utf8", "UTF-8"), ("from_utf16", "UTF-16")])
def test_offsets_unit_offset_of_wrong_type_names_its_type(method: str, unit: str) -> None:
    index = OffsetIndex("aé😀")
    assert error_message(getattr(index, method), "1") == (
        f"{unit} offset must be an int, got str '1'"
    )


def test_offsets_line_and_column_of_wrong_type_name_their_type() -> None:
    index = OffsetIndex("ab\ncd")
    assert error_message(index.from_line_col, None, 1) == ("line must be an int, got NoneType None")
    assert error_message(index.from_line_col, "2", 1) == "line must be an int, got str '2'"
    assert error_message(index.from_line_col, 1, 2.5) == "column must be an int, got float 2.5"


def test_offsets_int_subclass_accepted() -> None:
    index = OffsetIndex("é😀")
    assert index.to_utf8(MyInt(1)) == 2
    assert type(index.to_utf8(MyInt(1))) is int
    assert index.from_utf16(MyInt(3)) == 2


@pytest.mark.parametrize("text", ["abc", "aé😀"])
def test_offsets_int_subclass_at_both_ends_of_the_code_point_range(text: str) -> None:
    index = OffsetIndex(text)
    n = len(text)
    assert index.to_utf8(MyInt(0)) == 0
    assert index.to_utf16(MyInt(0)) == 0
    assert index.to_line_col(MyInt(0)) == (1, 1)
    assert index.to_utf8(MyInt(n)) == len(text.encode("utf-8"))
    assert index.to_utf16(MyInt(n)) == len(text.encode("utf-16-le")) // 2
    assert index.to_line_col(MyInt(n)) == (1, n + 1)


@pytest.mark.parametrize("base", [0, 3])
def test_offsets_int_subclass_at_both_ends_of_the_unit_ranges(base: int) -> None:
    text = "aé😀"
    index = OffsetIndex(text, byte_base=base)
    top8 = base + len(text.encode("utf-8"))
    top16 = len(text.encode("utf-16-le")) // 2
    assert index.from_utf8(MyInt(base)) == 0
    assert index.from_utf8(MyInt(top8)) == len(text)
    assert index.from_utf16(MyInt(0)) == 0
    assert index.from_utf16(MyInt(top16)) == len(text)


@pytest.mark.parametrize(
    ("line", "column", "pattern"),
    [
        (0, 1, r"line 0 is out of range; valid lines are 1\.\.3"),
        (4, 1, r"line 4 is out of range; valid lines are 1\.\.3"),
        (-1, 1, r"line -1 is out of range"),
        (1, 0, r"column 0 is out of range for line 1; valid columns are 1\.\.4"),
        (1, 5, r"column 5 is out of range for line 1; valid columns are 1\.\.4"),
        (2, 3, r"column 3 is out of range for line 2; valid columns are 1\.\.2"),
        (3, 3, r"column 3 is out of range for line 3; valid columns are 1\.\.2"),
    ],
)
def test_offsets_bad_line_column(line: int, column: int, pattern: str) -> None:
    index = OffsetIndex("ab\n\nc")  # lines "ab\n", "\n", "c"
    with pytest.raises(OffsetError, match=pattern):
        index.from_line_col(line, column)


def test_offsets_line_and_column_out_of_range_say_both_are_one_based() -> None:
    index = OffsetIndex("ab\ncd")
    assert error_message(index.from_line_col, 3, 1) == (
        "line 3 is out of range; valid lines are 1..2 (both line and column are 1-based)"
    )
    assert error_message(index.from_line_col, 1, 5) == (
        "column 5 is out of range for line 1; valid columns are 1..4 "
        "(1-based, counted in code points)"
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
def test_offsets_reversed_span_names_the_unit_it_was_given_in(method: str, unit: str) -> None:
    index = OffsetIndex("abcdef")
    assert error_message(getattr(index, method), 4, 2) == (
        f"{unit} span [4, 2) is reversed; a span needs start <= end"
    )


def test_offsets_span_bad_end_inside_character() -> None:
    index = OffsetIndex("a😀")
    with pytest.raises(OffsetError, match="falls inside"):
        index.span_from_utf8(0, 3)
    with pytest.raises(OffsetError, match="falls inside"):
        index.span_from_utf16(0, 2)
    with pytest.raises(OffsetError, match="out of range"):
        index.span_to_utf8(0, 3)


def test_offsets_errors_are_corpuskit_value_errors() -> None:
    index = OffsetIndex("é")
    calls: list[tuple[Callable[[int], object], int]] = [
        (index.to_utf8, 5),
        (index.from_utf8, 1),
        (index.from_utf16, 9),
    ]
    for method, offset in calls:
        with pytest.raises(OffsetError) as info:
            method(offset)
        assert isinstance(info.value, CorpusKitError)
        assert isinstance(info.value, ValueError)
        assert not isinstance(info.value, IndexError)


def test_offsets_bad_constructor_arguments() -> None:
    with pytest.raises(OffsetError, match="lone surrogate U\\+D800 at code-point offset 2"):
        OffsetIndex("ab\ud800c")
    with pytest.raises(TypeError, match="takes a str"):
        OffsetIndex(b"abc")  # type: ignore[arg-type]
    with pytest.raises(OffsetError, match="byte_base"):
        OffsetIndex("abc", byte_base=-1)
    with pytest.raises(OffsetError, match="byte_base"):
        OffsetIndex("abc", byte_base=True)


def test_offsets_bad_constructor_arguments_are_named_with_their_type() -> None:
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


# -- property tests ----------------------------------------------------------


@given(text=any_text, base=st.sampled_from([0, 3]))
def test_offsets_every_offset_matches_encoding(text: str, base: int) -> None:
    check_all_offsets(text, base)


@given(text=mixed_text)
def test_offsets_line_starts_match_reference(text: str) -> None:
    index = OffsetIndex(text)
    starts = ref_line_starts(text)
    for number, start in enumerate(starts, 1):
        assert index.to_line_col(start) == LineCol(number, 1)
        assert index.from_line_col(number, 1) == start
    last = len(starts)
    with pytest.raises(OffsetError):
        index.from_line_col(last + 1, 1)
    for number, start in enumerate(starts, 1):
        stop = starts[number] if number < last else len(text)
        assert index.from_line_col(number, stop - start + 1) == stop
        with pytest.raises(OffsetError):
            index.from_line_col(number, stop - start + 2)
        with pytest.raises(OffsetError):
            index.from_line_col(number, 0)


@given(text=any_text, base=st.sampled_from([0, 3]))
def test_offsets_only_character_boundaries_accepted(text: str, base: int) -> None:
    index = OffsetIndex(text, byte_base=base)
    encoded8 = text.encode("utf-8")
    for b in range(len(encoded8) + 1):
        boundary = b == len(encoded8) or (encoded8[b] & 0xC0) != 0x80
        if boundary:
            assert index.to_utf8(index.from_utf8(b + base)) == b + base
        else:
            with pytest.raises(OffsetError, match="falls inside"):
                index.from_utf8(b + base)
    encoded16 = text.encode("utf-16-le")
    for u in range(len(encoded16) // 2 + 1):
        unit = int.from_bytes(encoded16[2 * u : 2 * u + 2], "little")
        if u == len(encoded16) // 2 or not 0xDC00 <= unit <= 0xDFFF:
            assert index.to_utf16(index.from_utf16(u)) == u
        else:
            with pytest.raises(OffsetError, match="falls inside"):
                index.from_utf16(u)
    for bad in (base - 1, base + len(encoded8) + 1):
        with pytest.raises(OffsetError, match="out of range"):
            index.from_utf8(bad)


@st.composite
def text_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(any_text)
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, start, end


@given(case=text_and_span(), base=st.sampled_from([0, 3]))
def test_offsets_spans_slice_the_same_text(case: tuple[str, int, int], base: int) -> None:
    text, start, end = case
    index = OffsetIndex(text, byte_base=base)
    raw = b"\xef\xbb\xbf"[:base] + text.encode("utf-8")
    s8, e8 = index.span_to_utf8(start, end)
    assert raw[s8:e8].decode("utf-8") == text[start:end]
    assert index.span_from_utf8(s8, e8) == (start, end)
    encoded16 = text.encode("utf-16-le")
    s16, e16 = index.span_to_utf16(start, end)
    assert encoded16[2 * s16 : 2 * e16].decode("utf-16-le") == text[start:end]
    assert index.span_from_utf16(s16, e16) == (start, end)
