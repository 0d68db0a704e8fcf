"""Errors: one root, messages that name the place, and they survive pickling."""

from __future__ import annotations

import pickle

import pytest

from corpuskit import (
    ArticleNotFoundError,
    ArticlePositionError,
    CorpusKitError,
    DecodeError,
    DuplicateIdError,
    InvalidArticleError,
    OffsetError,
    ReadError,
    SpanError,
)

ERRORS: list[CorpusKitError] = [
    DecodeError("bad byte", path="a/b.txt", byte_offset=7, line=2, column=3),
    DecodeError("bad byte", path=None, byte_offset=0, line=1, column=1),
    ReadError("cannot read article file: No such file", path="x.txt", errno=2),
    ReadError("cannot read", path="x.txt"),
    DuplicateIdError("abc", ["1_abc.txt", "2_abc.txt"]),
    ArticleNotFoundError("abd", ["abc"], "seeds"),
    ArticlePositionError(7, 2, "seeds"),
    InvalidArticleError("empty id"),
    SpanError("reversed"),
    OffsetError("inside a character"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_errors_survive_pickling(error: CorpusKitError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.args == error.args
    assert vars(copy) == vars(error)


def test_errors_read_error_is_an_oserror_with_its_fields() -> None:
    error = ReadError("cannot read article file: No such file", path="x.txt", errno=2)
    assert (error.errno, error.strerror, error.filename) == (
        2,
        "cannot read article file: No such file",
        "x.txt",
    )
    assert str(error) == "x.txt: cannot read article file: No such file"
    assert pickle.loads(pickle.dumps(error)).filename == "x.txt"


def test_errors_decode_error_reads_like_a_compiler_message() -> None:
    error = ERRORS[0]
    assert str(error) == "a/b.txt:2:3: bad byte"
    assert str(ERRORS[1]) == "<bytes>:1:1: bad byte"


def test_errors_not_found_message_is_not_quoted_like_a_key_error() -> None:
    assert str(ERRORS[5]) == "no article with id 'abd' in seeds; did you mean 'abc'?"


def test_errors_name_their_public_module() -> None:
    for error in ERRORS:
        assert type(error).__module__ == "corpuskit"


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def _every_kind() -> list[CorpusKitError]:
    from corpuskit import (
        Anchor,
        AnchorError,
        AnchorStatus,
        InvalidDocumentError,
        SchemaVersionError,
        TooLargeError,
    )

    anchor = Anchor(status=AnchorStatus.ORPHAN, span=None, score=0.25)
    return [
        *ERRORS,
        CorpusKitError("root"),
        TooLargeError(
            "line", size=9, limit=4, parameter="max_line_bytes", path="c.jsonl", line=3, grew=True
        ),
        InvalidDocumentError([("$.id", "bad"), ("$.text", "worse")], path="c.jsonl", line=2),
        SchemaVersionError(9, 3, path="c.jsonl", line=1),
        AnchorError("a quote", anchor),
    ]


@pytest.mark.parametrize("error", _every_kind(), ids=lambda e: type(e).__name__)
def test_errors_every_kind_round_trips_through_pickle(error: CorpusKitError) -> None:
    # Errors cross process boundaries (worker processes send them to the caller).
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        copy = pickle.loads(pickle.dumps(error, protocol=protocol))
        assert type(copy) is type(error)
        assert (str(copy), repr(copy), copy.args) == (str(error), repr(error), error.args)
        assert vars(copy) == vars(error)
        if isinstance(error, OSError):
            assert isinstance(copy, OSError)
            assert (copy.errno, copy.strerror, copy.filename) == (
                error.errno,
                error.strerror,
                error.filename,
            )


def test_errors_every_kind_is_checked_for_pickling() -> None:
    checked = {type(e) for e in _every_kind()}
    assert _subclasses(CorpusKitError) | {CorpusKitError} <= checked
