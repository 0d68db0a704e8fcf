"""Article: exact text, identity from the file name, and the inputs real corpora bring."""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

import pytest

from corpuskit import Article, DecodeError, InvalidArticleError, ReadError, ZoneKind

SEED = "000_dd2c270fb12b86b0.txt"


def kinds(article: Article) -> list[tuple[str, str]]:
    return [(z.kind.value, z.text) for z in article.zones]


def test_article_from_path_reads_identity_from_the_name(seeds_dir: Path) -> None:
    a = Article.from_path(seeds_dir / SEED)
    assert (a.id, a.ordinal, a.source, a.bom) == ("dd2c270fb12b86b0", 0, SEED, False)
    raw = (seeds_dir / SEED).read_bytes()
    assert a.to_bytes() == raw
    assert a.sha256 == hashlib.sha256(raw).hexdigest()
    assert a.text == raw.decode("utf-8")


def test_article_other_names_give_the_stem_and_no_ordinal(tmp_path: Path) -> None:
    p = tmp_path / "notes.v2.txt"
    p.write_bytes(b"Hello.")
    a = Article.from_path(p)
    assert (a.id, a.ordinal, a.source) == ("notes.v2", None, "notes.v2.txt")


def test_article_from_text_equals_from_bytes() -> None:
    text = "\ufeffTitle\r\n\r\nBody.\u00a0"
    assert Article.from_text(text, id="x") == Article.from_bytes(text.encode(), id="x")


def test_article_keeps_crlf_and_offsets_count_it() -> None:
    raw = b"First para line one\r\nline two.\r\n\r\nSecond para.\r\n"
    a = Article.from_bytes(raw, id="x")
    assert a.text == raw.decode()
    assert [z.text for z in a.zones] == ["First para line one\r\nline two.", "Second para."]
    second = a.zones[1]
    assert a.text[second.start : second.end] == "Second para."
    assert raw[slice(*a.offsets.span_to_utf8(second.start, second.end))] == b"Second para."
    assert a.offsets.to_line_col(second.start) == (4, 1)


def test_article_lone_cr_line_ends_separate_paragraphs() -> None:
    a = Article.from_text("One paragraph here.\r\rAnother one.\rStill it.", id="x")
    assert [z.text for z in a.zones] == ["One paragraph here.", "Another one.\rStill it."]
    assert a.offsets.to_line_col(a.zones[1].start) == (3, 1)


def test_article_bom_is_recorded_not_kept_in_text() -> None:
    raw = b"\xef\xbb\xbfHeadline Here\n\nBody text \xe2\x80\x99s here."
    a = Article.from_bytes(raw, id="x")
    assert a.bom is True
    assert a.text.startswith("Headline")
    assert a.to_bytes() == raw
    assert a.offsets.to_utf8(0) == 3, "byte offsets are into the raw file"
    body = a.paragraphs[0]
    s, e = a.offsets.span_to_utf8(body.start, body.end)
    assert raw[s:e].decode() == body.text


def test_article_double_bom_keeps_the_second() -> None:
    raw = b"\xef\xbb\xbf\xef\xbb\xbfText."
    a = Article.from_bytes(raw, id="x")
    assert a.text == "\ufeffText."
    assert a.to_bytes() == raw
    # The second U+FEFF stays in the text; a zone does not start on it, as it shows nothing.
    assert kinds(a) == [("paragraph", "Text.")]


def test_article_rejects_unmarked_leading_bom_in_constructor() -> None:
    with pytest.raises(InvalidArticleError, match="byte-order mark"):
        Article("x", "\ufeffText.")


def test_article_trims_unicode_spaces_and_tabs() -> None:
    text = "\u00a0\tFirst paragraph.\u00a0 \u2003\n\u3000\n\u2009Second\u00a0paragraph.\t"
    assert kinds(Article.from_text(text, id="x")) == [
        ("paragraph", "First paragraph."),
        ("paragraph", "Second\u00a0paragraph."),
    ]


def test_article_astral_and_combining_characters_keep_offsets_exact() -> None:
    text = "Emoji 😀 and 𝔘 here.\n\nCafe\u0301 naïve 👍🏽 end."
    a = Article.from_text(text, id="x")
    for z in a.zones:
        assert text[z.start : z.end] == z.text
        u0, u1 = a.offsets.span_to_utf16(z.start, z.end)
        assert text.encode("utf-16-le")[2 * u0 : 2 * u1].decode("utf-16-le") == z.text
    assert a.zones[1].text == "Cafe\u0301 naïve 👍🏽 end."


def test_article_nul_bytes_are_content() -> None:
    a = Article.from_bytes(b"Before\x00after.\n\n\x00", id="x")
    assert kinds(a) == [("paragraph", "Before\x00after."), ("paragraph", "\x00")]


@pytest.mark.parametrize("raw", [b"", b" ", b"\n\n", b"\r\n\t \xc2\xa0\r", b"\xef\xbb\xbf"])
def test_article_empty_and_whitespace_only_files_have_no_zones(raw: bytes) -> None:
    a = Article.from_bytes(raw, id="x")
    assert a.zones == ()
    assert a.title is None
    assert a.paragraphs == ()
    assert a.images == ()
    assert a.to_bytes() == raw


def test_article_no_final_newline_is_kept() -> None:
    a = Article.from_text("Para one.\n\nPara two.", id="x")
    assert a.text.endswith("two.")
    assert a.zones[-1].end == len(a.text)


def test_article_20_mb_without_a_newline() -> None:
    text = ("word " * 4_000_000).strip() + "."
    a = Article.from_text(text, id="big")
    assert len(a.zones) == 1
    z = a.zones[0]
    assert (z.start, z.end, z.kind) == (0, len(text), ZoneKind.PARAGRAPH)
    assert a.offsets.to_utf8(len(text)) == len(text)


def test_article_invalid_utf8_names_file_line_column_and_byte(tmp_path: Path) -> None:
    p = tmp_path / "007_0123456789abcdef.txt"
    p.write_bytes(
        "Line one\r\nLine two caf\u00e9 \xff".encode("utf-8", "surrogateescape")[:-2] + b"\xff!"
    )
    with pytest.raises(DecodeError) as info:
        Article.from_path(p)
    err = info.value
    assert err.path == str(p)
    assert (err.line, err.column) == (2, 15)
    assert err.byte_offset == p.read_bytes().index(b"\xff")
    assert str(err).startswith(f"{p}:2:15: invalid UTF-8 at byte offset {err.byte_offset}")
    assert isinstance(err, ValueError)


def test_article_invalid_utf8_after_a_bom_counts_the_bom() -> None:
    with pytest.raises(DecodeError) as info:
        Article.from_bytes(b"\xef\xbb\xbfab\x80", id="x")
    assert (info.value.byte_offset, info.value.line, info.value.column) == (5, 1, 3)


def test_article_truncated_multibyte_sequence_at_the_end() -> None:
    with pytest.raises(DecodeError, match="byte offset 3"):
        Article.from_bytes(b"abc\xe2\x80", id="x")


def test_article_lone_surrogate_is_invalid_text() -> None:
    with pytest.raises(InvalidArticleError, match="U\\+D800 at code point 2"):
        Article.from_text("ab\ud800", id="x")


def test_article_unreadable_path_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        Article.from_path(tmp_path / "missing.txt")
    assert str(info.value).startswith(f"{tmp_path / 'missing.txt'}: cannot read article file")
    assert isinstance(info.value, OSError)
    assert info.value.errno == errno.ENOENT
    assert info.value.filename == str(tmp_path / "missing.txt")


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"id": ""}, InvalidArticleError),
        ({"id": "x", "ordinal": -1}, InvalidArticleError),
        ({"id": 3}, TypeError),
        ({"id": "x", "ordinal": "1"}, TypeError),
        ({"id": "x", "ordinal": True}, TypeError),
    ],
)
def test_article_constructor_checks_values(kwargs: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        Article(text="x", **kwargs)  # type: ignore[arg-type]


def test_article_misuse_is_a_type_error_that_names_the_right_call() -> None:
    with pytest.raises(TypeError, match=r"use Article\.from_bytes"):
        Article.from_text(b"bytes", id="x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"use Article\.from_text"):
        Article.from_bytes("text", id="x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a str"):
        Article("x", b"bytes")  # type: ignore[arg-type]


def test_article_from_bytes_accepts_any_bytes_like() -> None:
    raw = b"Body text."
    expected = Article.from_bytes(raw, id="x")
    assert Article.from_bytes(bytearray(raw), id="x") == expected
    assert Article.from_bytes(memoryview(raw), id="x") == expected


def test_article_repr_does_not_print_the_text() -> None:
    assert "code points" in repr(Article.from_text("x" * 10_000, id="x"))


@pytest.mark.parametrize("data", [5, [104, 105], None])
def test_article_from_bytes_rejects_what_is_not_bytes(data: object) -> None:
    with pytest.raises(TypeError, match="takes bytes, bytearray or memoryview"):
        Article.from_bytes(data, id="x")  # type: ignore[arg-type]
