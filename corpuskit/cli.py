"""The ``corpuskit`` command: parse, show, list and check articles, and export them.

Every subcommand reads a folder of article files or a JSON Lines file (the
seed articles when none is named; ``-`` for JSON Lines on standard input),
writes what it was asked for to standard output or to ``-o``, and reports
problems on standard error, one line each.
Exit codes: 0 success, 1 problems in the data (or a file that cannot be read
or written), 2 misuse of the command line.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import csv
import json
import os
import shutil
import signal
import stat
import sys
import textwrap
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any, NoReturn, TextIO, TypeVar

import orjson

from corpuskit.article import Article
from corpuskit.corpus.corpus import Corpus
from corpuskit.corpus.parallel import fork_if_safe, resolve_jobs
from corpuskit.corpus.seeds import seeds_path
from corpuskit.io import cite as _cite
from corpuskit.io.brat import file_stem
from corpuskit.io.files import atomic_writer
from corpuskit.io.jsonl import write_lines
from corpuskit.model.claims import Claim, ClaimKind
from corpuskit.model.errors import CorpusKitError, DuplicateIdError, InvalidDocumentError
from corpuskit.model.spans import Span
from corpuskit.model.units import UNIT_NAMES, UNITS, OffsetUnit
from corpuskit.model.zones import ZoneKind
from corpuskit.version import __version__

__all__ = ["main"]

_T = TypeVar("_T")

OK, PROBLEMS, MISUSE = 0, 1, 2
STDIN = "-"  # as an input: JSON Lines on standard input, read once
_KINDS = tuple(k.value for k in ClaimKind)
_TOP_SOURCES = 10
_NEAR = 8  # sources looked at for one that holds a resolved mention
_TICK = 0.1  # seconds between two redraws of the progress line, and two skip reports
_CLAIM_FIELDS = (
    "article_id",
    "claim_id",
    "kinds",
    "start",
    "end",
    "source",
    "resolved",
    "speaker",
    "cue",
    "text",
    "parts",
)


class _Misuse(Exception):
    """A command line that asks for something impossible: exit code 2."""


class _Failure(Exception):
    """A file that cannot be written, or a similar problem outside the data: exit code 1."""


# -- text for a terminal --------------------------------------------------------------------

# C0 controls (but tab, line feed and carriage return), DEL and C1 controls: shown as
# symbols, so that an escape sequence in a scraped file cannot drive the terminal.
_CONTROLS = {c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\t\n\r"}
_CONTROLS[0x7F] = "\u2421"
_CONTROLS.update(dict.fromkeys(range(0x80, 0xA0), "\ufffd"))
# Bidirectional controls (embeddings, overrides, isolates, marks): a U+202E in a
# scraped file would show the rest of the line reversed. Shown as escapes.
_CONTROLS.update(
    {
        c: f"\\u{c:04x}"
        for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
    }
)


def _printable(text: str) -> str:
    return text.translate(_CONTROLS)


def _short(text: str, width: int = 60) -> str:
    flat = _printable(" ".join(text.split()))
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _short_left(text: str, width: int) -> str:
    """Return ``text`` in ``width`` characters, cut at its start: an id's end tells it apart."""
    flat = _printable(" ".join(text.split()))
    return flat if len(flat) <= width else "…" + flat[len(flat) - width + 1 :]


# The claims table: the columns before the text, and their separators.
_TABLE_FIXED = 28 + 2 + 25 + 2 + 24 + 2 + 14 + 2
_TABLE_TEXT_MIN = 20
_TABLE_TEXT = 60  # away from a terminal


def _table_text_width(out: IO[Any]) -> int:
    """Return how wide the TEXT column of the claims table may be.

    On a terminal, what is left of its width (``COLUMNS`` if set) after the other
    columns, so that a row fits on one line; elsewhere (a file, a pipe) 60
    characters, whatever the terminal the command runs from.
    """
    if not _isatty(out):
        return _TABLE_TEXT
    columns = shutil.get_terminal_size((_TABLE_FIXED + _TABLE_TEXT, 24)).columns
    return max(_TABLE_TEXT_MIN, columns - _TABLE_FIXED)


def _content(claim: Claim) -> str:
    """Return what a claim states: its text, or its parts' texts joined by " … "."""
    return " … ".join(part.text for part in claim.parts) if claim.parts else claim.text


def _speaker(claim: Claim) -> Span | None:
    """Return who makes the claim: the mention its source resolves to, else the source."""
    attribution = claim.attribution
    if attribution is None:
        return None
    return attribution.resolved or attribution.source


def _flat(text: str) -> str:
    """Return ``text`` on one line: its lines, stripped, joined by "; "."""
    return "; ".join(p.strip() for p in text.splitlines() if p.strip())


def _one_line(error: BaseException) -> str:
    """Return an error's message on one line (its type's name when it has none)."""
    return _flat(str(error)) or type(error).__name__


def _count(n: int, noun: str) -> str:
    """Return "1 article", "2 articles"; mass nouns ("boilerplate") stay as they are."""
    if n == 1 and noun.endswith("s"):
        noun = noun[:-1]
    return f"{n:,} {noun}"


def _isatty(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


# -- where articles come from ---------------------------------------------------------------


def _open_corpus(source: str | None, *, jsonl: bool = True, recursive: bool = False) -> Corpus:
    """Open a folder, JSON Lines (when ``jsonl``), or the seeds when ``source`` is None.

    JSON Lines are a ``.jsonl`` file, a stream such as a FIFO or ``<(zcat …)``
    (a stream cannot be a folder, and articles come in streams as JSON Lines
    only), or standard input for ``-``.
    """
    if source is None:
        return Corpus.from_dir(seeds_path(), on_error="skip")
    if source == STDIN:  # never a folder: a folder named - is ./-
        return _open_jsonl(source) if jsonl else _open_folder(source, recursive=recursive)
    if os.path.isdir(source):
        return _open_folder(source, recursive=recursive)
    if jsonl and (source.endswith(".jsonl") or _is_stream(source)):
        return Corpus.from_jsonl(source, on_error="skip")
    if os.path.exists(source):
        wanted = "a folder of .txt files or a .jsonl file" if jsonl else "a folder of .txt files"
        raise _Misuse(f"{source}: not {wanted}")
    return Corpus.from_dir(source, on_error="skip")  # raises ReadError, naming the folder


def _is_stream(path: str) -> bool:
    """Whether ``path`` is there and is neither a file nor a folder: a FIFO, a pipe, a device."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # opening it says why
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _open_jsonl(path: str) -> Corpus:
    """Open a JSON Lines file, stream, or standard input for ``-`` (read once, as a stream)."""
    if path != STDIN:
        return Corpus.from_jsonl(path, on_error="skip")
    # Bytes: a line's UTF-8 is checked by the loader, which names the line.
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise _Failure("-: standard input is closed, or gives text rather than bytes")
    return Corpus.from_jsonl(stream, on_error="skip")


def _open_folder(folder: str, *, recursive: bool) -> Corpus:
    """Open a folder of .txt files; say so when only its subfolders hold any."""
    if folder == STDIN:
        raise _Misuse(
            "-: standard input cannot be a folder of .txt files; it is read as JSON Lines "
            "by show, claims, stats, validate and export (a folder named - is ./-)"
        )
    corpus = Corpus.from_dir(folder, on_error="skip", recursive=recursive)
    if not recursive and not len(corpus) and not corpus.skipped:
        nested = Corpus.from_dir(folder, on_error="skip", recursive=True)
        if len(nested):
            print(
                f"corpuskit: warning: {folder} holds no .txt files of its own, but its "
                f"subfolders hold {_count(len(nested), 'files')}: give --recursive to read them",
                file=sys.stderr,
            )
    return corpus


def _report_skipped(corpus: Corpus, err: TextIO) -> int:
    skipped = corpus.skipped
    for error in skipped:
        print(f"skipped: {_one_line(error)}", file=err)
    return len(skipped)


class _Run:
    """One pass over a corpus: counts, a progress line on a terminal, skips as they come.

    The progress line is drawn on ``err``, redrawn in place after a carriage
    return at most every tenth of a second, and erased before anything else is
    written there and at the end.
    """

    def __init__(self, corpus: Corpus, err: TextIO, *, progress: bool) -> None:
        self.corpus = corpus
        self.err = err
        self.progress = progress
        # The number of files is known without reading for a folder; a JSON Lines
        # file would need a pass of its own to count its lines.
        self.total = len(corpus) if os.path.isdir(corpus.path) else None
        self.articles = 0
        self.claims = 0
        self.bytes = 0
        self.elapsed = 0.0
        self._reported = 0
        self._listed = len(corpus.skipped)  # files passed over when the folder was listed
        self._drawn = 0

    @property
    def failures(self) -> int:
        return len(self.corpus.skipped)

    def __iter__(self) -> Iterator[Article]:
        return self._tracked((a, len(a.claims), len(a.to_bytes())) for a in self.corpus)

    def lines(self, offsets: OffsetUnit, jobs: int) -> Iterator[bytes]:
        """Yield the JSON Lines line of each article, parsed by ``jobs`` processes, in order.

        The command starts no thread, so its workers may be forked: they start
        at once, with corpuskit imported (see `fork_if_safe`).
        """
        return self._tracked(self.corpus._dumped(offsets, None, jobs, fork_if_safe()))

    def _tracked(self, items: Iterable[tuple[_T, int, int]]) -> Iterator[_T]:
        """Yield each item of ``(item, claims, bytes)`` triples, counting and drawing progress."""
        started = time.perf_counter()
        next_tick = started + _TICK
        iterator = iter(items)
        try:
            for item, claims, size in iterator:
                self.articles += 1
                self.claims += claims
                self.bytes += size
                now = time.perf_counter()
                if now >= next_tick:
                    self.elapsed = now - started
                    self._report_new_skips()
                    self._draw()
                    next_tick = now + _TICK
                yield item
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()  # stop any worker processes now, not when collected
            self.elapsed = time.perf_counter() - started
            self._erase()
            self._report_new_skips()

    def _report_new_skips(self) -> None:
        skipped = self.corpus.skipped
        if len(skipped) > self._reported:
            self._erase()
            for error in skipped[self._reported :]:
                print(f"skipped: {_one_line(error)}", file=self.err)
            self._reported = len(skipped)

    def _rate(self) -> float:
        return self.bytes / 1e6 / self.elapsed if self.elapsed > 0 else 0.0

    def _draw(self) -> None:
        if not self.progress:
            return
        done = self.articles + self._reported - self._listed
        if self.total:
            width = 24
            filled = min(width, done * width // self.total)
            bar = "#" * filled + "-" * (width - filled)
            line = f"[{bar}] {done:,}/{self.total:,} files  {self._rate():.1f} MB/s"
        else:
            line = f"{done:,} articles  {self._rate():.1f} MB/s"
        line = line[: max(10, shutil.get_terminal_size((80, 24)).columns - 1)]
        self.err.write("\r" + line.ljust(self._drawn))
        self.err.flush()
        self._drawn = len(line)

    def _erase(self) -> None:
        if self._drawn:
            self.err.write("\r" + " " * self._drawn + "\r")
            self.err.flush()
            self._drawn = 0

    def summary(self) -> str:
        """Return "N articles, N claims, N failures; X MB in T s (R MB/s)"."""
        return (
            f"{_count(self.articles, 'articles')}, {_count(self.claims, 'claims')}, "
            f"{_count(self.failures, 'failures')}; {self.bytes / 1e6:.2f} MB in "
            f"{self.elapsed:.2f} s ({self._rate():.1f} MB/s)"
        )


def _writing(path: str, write: Callable[[], object]) -> None:
    """Run ``write``; turn an error of the file system into one line naming ``path``."""
    try:
        write()
    except CorpusKitError:
        raise
    except OSError as exc:
        raise _Failure(f"cannot write {path}: {exc.strerror or exc}") from exc


def _binary(out: TextIO) -> Callable[[bytes], object]:
    """Return a function writing UTF-8 bytes to ``out``, through its buffer when it has one."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        return lambda data: out.write(data.decode("utf-8"))
    out.flush()
    write: Callable[[bytes], object] = buffer.write
    return write


# -- parse ----------------------------------------------------------------------------------


def _write_corpus(args: argparse.Namespace, corpus: Corpus, out: TextIO) -> int:
    """Write ``corpus`` as JSON Lines to ``args.output`` (stdout for None or "-")."""
    err = sys.stderr
    to_stdout = args.output in (None, "-")
    # Standard input is read through its descriptor, which still reads the old file
    # once the output replaces it: only a named input can be the file written.
    named = getattr(args, "source", None) != STDIN
    if (
        named
        and not to_stdout
        and os.path.exists(args.output)
        and os.path.samefile(args.output, corpus.path)
    ):
        raise _Misuse(
            f"{args.output}: the output is the input file, which writing would replace "
            "while it is read: write to another file, then move it"
        )
    progress = not args.quiet and _isatty(err) and not (to_stdout and _isatty(out))
    run = _Run(corpus, err, progress=progress)
    offsets: OffsetUnit = args.offsets
    jobs = resolve_jobs(args.jobs)
    if to_stdout:
        write = _binary(out)
        for line in run.lines(offsets, jobs):
            write(line)
        getattr(out, "buffer", out).flush()
    else:
        _writing(args.output, lambda: write_lines(run.lines(offsets, jobs), args.output))
    if not args.quiet:
        where = "" if to_stdout else f" -> {args.output}"
        print(run.summary() + where, file=err)
    return PROBLEMS if run.failures else OK


def _parse(args: argparse.Namespace, out: TextIO) -> int:
    return _write_corpus(args, _open_corpus(args.dir, jsonl=False, recursive=args.recursive), out)


# -- show -----------------------------------------------------------------------------------

_PLAIN = {"claim": ("⟦", "⟧"), "said": ("⟨", "⟩")}
_STYLE = {"claim": "1;33", "said": "4;36"}  # bold yellow; underlined cyan
_RESET = "\x1b[0m"


def _use_color(choice: str, out: TextIO) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    return _isatty(out) and not os.environ.get("NO_COLOR")


def _highlight(article: Article, *, color: bool) -> str:
    """Return the text with its claims, and their sources and cues, marked."""
    marks: set[tuple[int, int, str]] = set()
    for claim in article.claims:
        # A claim in parts is marked part by part: its attribution lies between them.
        for piece in claim.contents:
            marks.add((piece.start, piece.end, "claim"))
        for part in (claim.source, claim.cue):
            if part is not None:
                marks.add((part.start, part.end, "said"))
    opens: dict[int, list[tuple[int, int, str]]] = {}
    closes: dict[int, list[tuple[int, int, str]]] = {}
    for mark in marks:
        opens.setdefault(mark[0], []).append(mark)
        closes.setdefault(mark[1], []).append(mark)
    text = article.text
    pieces: list[str] = []
    active: Counter[str] = Counter()
    at = 0
    for point in sorted(opens.keys() | closes.keys()):
        pieces.append(_printable(text[at:point]))
        at = point
        # Inner marks close first and outer ones open first, so markers nest.
        ending = sorted(closes.get(point, ()), key=lambda m: -m[0])
        starting = sorted(opens.get(point, ()), key=lambda m: -m[1])
        for _, _, role in ending:
            active[role] -= 1
            if not color:
                pieces.append(_PLAIN[role][1])
        for _, _, role in starting:
            active[role] += 1
            if not color:
                pieces.append(_PLAIN[role][0])
        if color:
            codes = ";".join(_STYLE[r] for r in ("claim", "said") if active[r] > 0)
            pieces.append(_RESET + (f"\x1b[{codes}m" if codes else ""))
    pieces.append(_printable(text[at:]))
    shown = "".join(pieces)
    return shown if shown.endswith(("\n", "\r")) else shown + "\n"


def _legend(color: bool) -> str:
    if color:
        claim, said = (f"\x1b[{_STYLE[r]}m" for r in ("claim", "said"))
        return f"{claim}claim{_RESET}  {said}source or cue{_RESET}"
    return "⟦claim⟧  ⟨source or cue⟩"


def _show(args: argparse.Namespace, out: TextIO) -> int:
    if args.source is not None and (args.dir is not None or args.jsonl is not None):
        raise _Misuse("give the articles once: DIR|FILE, --dir DIR or --jsonl FILE")
    if args.jsonl is not None:
        corpus = _open_jsonl(args.jsonl)
    elif args.dir is not None:
        corpus = _open_corpus(args.dir, jsonl=False, recursive=args.recursive)
    else:
        corpus = _open_corpus(args.source, recursive=args.recursive)
    article = corpus[args.id]
    color = _use_color(args.color, out)
    rule = "─" * 72
    print(
        f"{_printable(article.source or article.id)}  id={_printable(article.id)}  "
        f"{len(article.text):,} chars, "
        f"{_count(len(article.zones), 'zones')}, {_count(len(article.sentences), 'sentences')}, "
        f"{_count(len(article.claims), 'claims')}",
        file=out,
    )
    print(f"marked: {_legend(color)}", file=out)
    print(rule, file=out)
    out.write(_highlight(article, color=color))
    print(rule, file=out)
    width = len(str(len(article.text))) * 2 + 3
    label = max((len(z.kind.value) for z in article.zones), default=0)
    print("zones", file=out)
    for z in article.zones:
        where = f"[{z.start}:{z.end}]"
        print(f"  {where:<{width}} {z.kind.value:<{label}}  {_short(z.text)}", file=out)
    print("sentences", file=out)
    for s in article.sentences:
        print(f"  {f'[{s.start}:{s.end}]':<{width}} {_short(s.text, 70)}", file=out)
    print("claims", file=out)
    for c in article.claims:
        print(f"  {c.id}  {'+'.join(k.value for k in c.kinds)}", file=out)
        source = _short(c.source.text, 60) if c.source else "-"
        resolved = c.attribution.resolved if c.attribution else None
        if resolved is not None:
            source += f" (= {_short(resolved.text, 60)})"
        cue = _short(c.cue.text, 30) if c.cue else "-"
        print(f"      source: {source}   cue: {cue}", file=out)
        print(f"      {_short(_content(c), 90)}", file=out)
    return OK


# -- claims ---------------------------------------------------------------------------------


def _claim_row(article: Article, claim: Claim) -> dict[str, Any]:
    attribution = claim.attribution
    resolved = attribution.resolved if attribution else None
    speaker = _speaker(claim)
    return {
        "article_id": article.id,
        "claim_id": claim.id,
        "kinds": [k.value for k in claim.kinds],
        "start": claim.start,
        "end": claim.end,
        "source": claim.source.text if claim.source else None,
        "resolved": resolved.text if resolved else None,
        "speaker": speaker.text if speaker else None,
        "cue": claim.cue.text if claim.cue else None,
        "text": claim.text,
        "parts": claim.parts,
    }


def _claims(args: argparse.Namespace, out: TextIO) -> int:
    corpus = _open_corpus(args.source, recursive=args.recursive)
    wanted = set(args.kinds or _KINDS)
    fmt: str = args.format
    writer = None
    if fmt == "csv":
        writer = _claims_csv(out.write)
    elif fmt == "table":
        text_width = _table_text_width(out)
        print(f"{'CLAIM':<28}  {'KINDS':<25}  {'SPEAKER':<24}  {'CUE':<14}  TEXT", file=out)
    articles = claims = 0
    for article in corpus:
        articles += 1
        for claim in article.claims:
            if not wanted.intersection(k.value for k in claim.kinds):
                continue
            claims += 1
            row = _claim_row(article, claim)
            if writer is not None:
                writer.writerow(_csv_row(row))
            elif fmt == "jsonl":
                out.write(_claim_json(article, claim, row))
            else:
                print(
                    f"{_short_left(claim.id, 28):<28}  {'+'.join(row['kinds']):<25}  "
                    f"{_short(row['speaker'] or '-', 24):<24}  "
                    f"{_short(row['cue'] or '-', 14):<14}  "
                    f"{_short(_content(claim), text_width)}",
                    file=out,
                )
    if fmt == "table":
        print(f"{_count(claims, 'claims')} in {_count(articles, 'articles')}", file=out)
    return PROBLEMS if _report_skipped(corpus, sys.stderr) else OK


def _in_units(article: Article, span: Span) -> dict[str, Any]:
    """Return a span's offsets in code points, UTF-16 code units and UTF-8 bytes."""
    start16, end16 = article.offsets.span_to_utf16(span.start, span.end)
    start8, end8 = article.offsets.span_to_utf8(span.start, span.end)
    return {
        "start": span.start,
        "end": span.end,
        "start_utf16": start16,
        "end_utf16": end16,
        "start_utf8": start8,
        "end_utf8": end8,
    }


def _claim_json(article: Article, claim: Claim, row: dict[str, Any]) -> str:
    """Return the JSON Lines line of a claim: its row, and its offsets in UTF-16 and UTF-8."""
    doc = {
        **{k: row[k] for k in ("article_id", "claim_id", "kinds")},
        **_in_units(article, claim),
        **{k: row[k] for k in ("source", "resolved", "speaker", "cue", "text")},
        "parts": [{**_in_units(article, part), "text": part.text} for part in claim.parts],
    }
    return orjson.dumps(doc, option=orjson.OPT_APPEND_NEWLINE).decode("utf-8")


def _claims_csv(write: Callable[[str], object]) -> Any:
    """Return a CSV writer of claim rows that writes through ``write``, its header written."""

    class _Sink:
        def write(self, text: str) -> object:
            return write(text)

    writer = csv.writer(_Sink(), lineterminator="\n")
    writer.writerow(_CLAIM_FIELDS)
    return writer


def _csv_row(row: dict[str, Any]) -> list[object]:
    """Return a claim's row as `corpuskit claims --format csv` writes it."""
    return [_csv_value(row, k) for k in _CLAIM_FIELDS]


def _csv_value(row: dict[str, Any], field: str) -> object:
    value = row[field]
    if field == "kinds":
        return "+".join(value)
    if field == "parts":
        return ";".join(f"{part.start} {part.end}" for part in value)
    return "" if value is None else value


# -- stats ----------------------------------------------------------------------------------


class _Speakers:
    """Who makes each claim of an article, a speaker counted once however it is named.

    A back-reference ("she", "the source") counts as the mention it resolves
    to, and a mention lying inside the source of another claim (the name in
    "Maria Lindqvist, an economist at Nordbank") as that source.
    """

    def __init__(self, claims: Sequence[Claim]) -> None:
        spans = {(c.source.start, c.source.end): c.source for c in claims if c.source is not None}
        self.sources = sorted(spans.values(), key=lambda s: (s.start, -s.end))
        self.starts = [s.start for s in self.sources]

    def of(self, claim: Claim) -> Span | None:
        speaker = _speaker(claim)
        if speaker is None or speaker is claim.source:
            return speaker
        # Sources hardly overlap: the few that start last before the mention are the
        # ones that can hold it; the widest of those that do is the speaker.
        i = bisect.bisect_right(self.starts, speaker.start)
        for source in self.sources[max(0, i - _NEAR) : i]:
            if source.contains(speaker):
                return source
        return speaker


def _stats(args: argparse.Namespace, out: TextIO) -> int:
    corpus = _open_corpus(args.source, recursive=args.recursive)
    zones: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    articles = sentences = claims = 0
    for article in corpus:
        articles += 1
        sentences += len(article.sentences)
        zones.update(z.kind.value for z in article.zones)
        found = article.claims
        speakers = _Speakers(found)
        for claim in found:
            claims += 1
            kinds.update(k.value for k in claim.kinds)
            speaker = speakers.of(claim)
            if speaker is not None:
                sources[" ".join(speaker.text.casefold().split())] += 1
    top = sources.most_common(_TOP_SOURCES)
    if args.format == "json":
        counts = {
            "articles": articles,
            "sentences": sentences,
            "claims": claims,
            "skipped": len(corpus.skipped),
            "zones": {kind.value: zones[kind.value] for kind in ZoneKind},
            "claim_kinds": {kind.value: kinds[kind.value] for kind in ClaimKind},
            "sources": [{"source": name, "claims": n} for name, n in top],
        }
        print(json.dumps(counts, ensure_ascii=False, indent=2), file=out)
        return PROBLEMS if _report_skipped(corpus, sys.stderr) else OK
    print(
        f"{_count(articles, 'articles')}, {_count(sentences, 'sentences')}, "
        f"{_count(claims, 'claims')}, {_count(len(corpus.skipped), 'skipped')}",
        file=out,
    )
    print("zones", file=out)
    for zone_kind in ZoneKind:
        print(f"  {zone_kind.value:<20} {zones[zone_kind.value]:>7,}", file=out)
    print("claims (a claim may be of two kinds)", file=out)
    for claim_kind in ClaimKind:
        print(f"  {claim_kind.value:<20} {kinds[claim_kind.value]:>7,}", file=out)
    print(f"most quoted sources (top {_TOP_SOURCES}, claims per source)", file=out)
    for name, n in top:
        print(f"  {n:>7,}  {_short(name, 60)}", file=out)
    if not top:
        print("  -", file=out)
    return PROBLEMS if _report_skipped(corpus, sys.stderr) else OK


# -- validate -------------------------------------------------------------------------------


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    path: str = args.file
    if path != STDIN and os.path.isdir(path):
        raise _Misuse(f"{path}: a folder; validate checks a .jsonl file")
    corpus = _open_jsonl(path)
    articles = sum(1 for _ in corpus)
    problems = 0
    for error in corpus.skipped:
        if isinstance(error, InvalidDocumentError):
            where = error.path or path
            if error.line is not None:
                where = f"{where}:{error.line}"
            for json_path, message in error.problems:
                found = f"{json_path}: {message}" if json_path else message
                print(f"{where}: {_flat(found)}", file=out)
                problems += 1
        else:
            # A repeated id names the later line as its path, "FILE:LINE".
            place = f"{error.path}: " if isinstance(error, DuplicateIdError) else ""
            print(place + _one_line(error), file=out)
            problems += 1
    if not problems and not articles:
        what = "standard input is" if path == STDIN else "the file is"
        print(
            f"{corpus.path}: no article documents: {what} empty or holds only blank lines",
            file=out,
        )
        return PROBLEMS
    if problems:
        lines = len(corpus.skipped)
        print(
            f"{_count(articles, 'articles')} valid, {_count(lines, 'lines')} with problems "
            f"({_count(problems, 'problems')})",
            file=out,
        )
        return PROBLEMS
    print(f"{_count(articles, 'articles')}, all valid", file=out)
    return OK


# -- export ---------------------------------------------------------------------------------


def _export(args: argparse.Namespace, out: TextIO) -> int:
    fmt: str = args.format
    offsets: OffsetUnit = args.offsets
    _export_misuse(fmt, offsets, args.output)
    corpus = _open_corpus(args.source, recursive=args.recursive)
    if fmt == "jsonl":
        return _write_corpus(args, corpus, out)
    err = sys.stderr
    target: str = args.output
    progress = not args.quiet and _isatty(err) and not (target == "-" and _isatty(out))
    run = _Run(corpus, err, progress=progress)
    if fmt == "brat":
        _export_brat(run, target, offsets, quiet=args.quiet)
    elif fmt == "parquet":
        if os.path.exists(target) and not os.path.isdir(target):
            raise _Misuse(f"{target}: not a folder; parquet writes a folder of tables")
        from corpuskit.io.parquet import write_parquet  # noqa: PLC0415 (pyarrow is optional)

        _writing(target, lambda: write_parquet(run, target))
    elif fmt == "csv" and target == "-":
        _write_claims_csv(run, out.write)
    elif fmt == "csv":

        def claims_csv() -> None:
            with atomic_writer(target) as f:
                _write_claims_csv(run, lambda text: f.write(text.encode("utf-8")))

        _writing(target, claims_csv)
    elif target == "-":
        _write_pages(_annotation_pages(corpus, run), _binary(out))
        getattr(out, "buffer", out).flush()
    else:

        def webanno() -> None:
            with atomic_writer(target) as f:
                _write_pages(_annotation_pages(corpus, run), f.write)

        _writing(target, webanno)
    if not args.quiet:
        where = "" if target == "-" else f" -> {target}"
        print(run.summary() + where, file=err)
    return PROBLEMS if run.failures else OK


def _export_misuse(fmt: str, offsets: OffsetUnit, target: str) -> None:
    """Refuse the offset units and outputs a format cannot take (misuse, exit 2)."""
    if fmt == "brat" and offsets == "utf16":
        raise _Misuse(
            "--offsets utf16 does not apply to brat: brat offsets are code points (the "
            "default, what brat itself reads) or utf8 bytes"
        )
    if fmt == "webanno" and offsets != "codepoint":
        raise _Misuse(
            f"--offsets {offsets} does not apply to webanno: Web Annotation positions are "
            "code points of the text (the model's characters)"
        )
    if fmt == "csv" and offsets != "codepoint":
        raise _Misuse(
            f"--offsets {offsets} does not apply to csv: the CSV gives code points, as "
            "`corpuskit claims --format csv` does (its jsonl format gives every unit)"
        )
    if fmt == "parquet" and offsets != "codepoint":
        raise _Misuse(
            f"--offsets {offsets} does not apply to parquet: the tables give every span in "
            "code points, UTF-16 units and UTF-8 bytes at once"
        )
    if fmt == "parquet" and target == "-":
        raise _Misuse("-o -: parquet writes a folder of tables, not one stream")


def _export_brat(run: _Run, target: str, offsets: OffsetUnit, *, quiet: bool) -> None:
    """Write a .txt and an .ann file per article into the folder ``target``."""
    if target == "-" or (os.path.exists(target) and not os.path.isdir(target)):
        raise _Misuse(f"{target}: not a folder; brat writes a folder of .txt and .ann files")
    renamed: list[str] = []

    def brat() -> None:
        taken: set[str] = set()
        for article in run:
            # Two articles with one stem (a/same.txt, b/same.txt) get two names.
            stem = name = file_stem(article)
            n = 1
            while name.casefold() in taken:
                n += 1
                name = f"{stem}-{n}"
            taken.add(name.casefold())
            if name != stem:
                renamed.append(f"{article.source or article.id} -> {name}")
            article.to_brat(target, offsets=offsets, name=name)

    _writing(target, brat)
    if renamed and not quiet:
        print(
            f"{_count(len(renamed), 'articles')} renamed, their name being taken: "
            + "; ".join(renamed[:5])
            + ("; …" if len(renamed) > 5 else ""),
            file=sys.stderr,
        )


def _write_claims_csv(articles: Iterable[Article], write: Callable[[str], object]) -> None:
    """Write every claim of ``articles`` as CSV through ``write``."""
    writer = _claims_csv(write)
    for article in articles:
        for claim in article.claims:
            writer.writerow(_csv_row(_claim_row(article, claim)))


def _write_pages(pages: Iterator[dict[str, Any]], write: Callable[[bytes], object]) -> None:
    """Write a JSON array of annotation pages, one page a line."""
    write(b"[")
    first = True
    for page in pages:
        write(b"\n" if first else b",\n")
        write(orjson.dumps(page))
        first = False
    write(b"]\n" if first else b"\n]\n")


def _annotation_pages(corpus: Corpus, run: _Run) -> Iterator[dict[str, Any]]:
    """Return `Corpus.web_annotations` of ``corpus``, reading its articles through ``run``."""
    name = os.path.basename(os.path.normpath(corpus.path)) or corpus.path
    return _cite.corpus_annotation_pages(name, run)


# -- zones ----------------------------------------------------------------------------------


def _report(article: Article, out: TextIO, *, spans: bool) -> None:
    title = article.title
    name = _printable(article.source or article.id)
    print(f"{name}  id={_printable(article.id)}  {len(article.text):,} chars", file=out)
    if article.ordinal is None:
        print(
            "  note         name is not NNN_<16 hex>.txt: id is the file stem, no ordinal", file=out
        )
    print(f"  title        {_short(title.text) if title else '-'}", file=out)
    print(f"  paragraphs   {len(article.paragraphs)}", file=out)
    print(f"  images       {len(article.images)}", file=out)
    for image in article.images:
        parts = (image.alt, image.caption, image.credit)
        print("    " + " | ".join(_short(p.text, 40) if p else "-" for p in parts), file=out)
    kinds = Counter(kind.value for claim in article.claims for kind in claim.kinds)
    detail = ", ".join(f"{kinds[k.value]} {k.value}" for k in ClaimKind if kinds[k.value])
    print(f"  sentences    {len(article.sentences)}", file=out)
    print(f"  claims       {len(article.claims)}" + (f" ({detail})" if detail else ""), file=out)
    print(f"  boilerplate  {len(article.boilerplate)}", file=out)
    for b in article.boilerplate:
        name = f" (name: {_printable(b.name.text)})" if b.name else ""
        print(f"    {b.kind.value}: {_short(b.text, 50)}{name}", file=out)
    if spans:
        width = len(str(len(article.text))) * 2 + 3
        rows = [(z.start, z.end, z.kind.value, z.text, "") for z in article.zones]
        if article.claims:
            rows.append((-1, -1, "claims:", "", ""))
        for c in article.claims:
            said = f"  ({c.source.text} / {c.cue.text if c.cue else '-'})" if c.source else ""
            rows.append((c.start, c.end, "+".join(k.value for k in c.kinds), _content(c), said))
        label = max((len(r[2]) for r in rows), default=0)
        for start, end, kind, text, said in rows:
            where = f"[{start}:{end}]" if start >= 0 else ""
            line = f"    {where:<{width}} {kind:<{label}} {_short(text, 50)}{_printable(said)}"
            print(line.rstrip(), file=out)


def _zones(args: argparse.Namespace, out: TextIO) -> int:
    corpus = _open_folder(args.dir, recursive=args.recursive)  # ReadError for no folder
    totals = {"articles": 0, "paragraphs": 0, "images": 0, "claims": 0, "boilerplate": 0}
    for article in corpus:
        _report(article, out, spans=args.spans)
        totals["articles"] += 1
        totals["paragraphs"] += len(article.paragraphs)
        totals["images"] += len(article.images)
        totals["claims"] += len(article.claims)
        totals["boilerplate"] += len(article.boilerplate)
    skipped = _report_skipped(corpus, sys.stderr)
    summary = ", ".join(_count(n, k) for k, n in totals.items())
    print(f"{summary}, {skipped} skipped", file=out)
    return PROBLEMS if skipped else OK


# -- the parser -----------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line: ``corpuskit: error: …``."""

    def error(self, message: str) -> NoReturn:
        """Print the error on one line with a pointer to ``--help``; exit with code 2."""
        self.exit(MISUSE, f"corpuskit: error: {message} (see '{self.prog} --help')\n")


_MAIN_EXAMPLES = """\
examples:
  corpuskit stats                             counts for the bundled seed articles
  corpuskit parse articles/ -o corpus.jsonl   a folder of .txt files to JSON Lines
  corpuskit show dd2c270fb12b86b0             one seed article, its claims marked
  corpuskit claims corpus.jsonl --format csv  every claim, as CSV
  corpuskit validate corpus.jsonl             check every line of a JSON Lines file

exit codes: 0 success, 1 problems in the data, 2 misuse of the command line
"""

_SOURCE_HELP = (
    "a folder of .txt article files, a .jsonl file of article documents, or - for "
    "JSON Lines on standard input (default: the bundled seed articles)"
)
_OFFSETS_HELP = "the unit of every offset written: " + ", ".join(
    f"{name} ({u.describe}{', the default' if u.code_points else ''})" for name, u in UNITS.items()
)


def _jobs(value: str) -> int:
    """Read ``--jobs``: a whole number, 0 or more."""
    try:
        jobs = int(value)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a number of processes: give 1 or more, or 0 for one per core"
        )
    return jobs


def _command(
    commands: Any, name: str, summary: str, description: str, examples: str
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=summary,
        description=textwrap.fill(description, 78),
        epilog="example:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _add_recursive(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-r",
        "--recursive",
        action="store_true",
        help="read the .txt files of the folder's subfolders too (ids must stay unique)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="corpuskit",
        description="Parse raw news-article files into exact, offset-preserving zones and claims.",
        epilog=_MAIN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an error")
    parser.add_argument("--version", action="version", version=f"corpuskit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parse = _command(
        commands,
        "parse",
        "parse a folder of article files to JSON Lines",
        "Parse every *.txt file of DIR and write one JSON document per article, one per "
        "line, to FILE (atomically: FILE is replaced only when all is written) or to "
        "standard output. Files that cannot be read are skipped and reported on standard "
        "error; the exit code is then 1. With --jobs N, N processes parse the files; "
        "the output is the same, in the same order.",
        "  corpuskit parse articles/ -o corpus.jsonl --offsets utf16\n"
        "  corpuskit parse articles/ -o corpus.jsonl -j 0   on every core\n"
        "  corpuskit parse | head -c 300          the seed articles, to standard output\n",
    )
    parse.add_argument(
        "dir", metavar="DIR", nargs="?", help="a folder of .txt files (default: the seeds)"
    )
    _add_recursive(parse)
    parse.add_argument(
        "-o", "--output", metavar="FILE", help="the JSON Lines file to write (default: stdout)"
    )
    parse.add_argument("--offsets", choices=UNIT_NAMES, default="codepoint", help=_OFFSETS_HELP)
    parse.add_argument(
        "-j",
        "--jobs",
        metavar="N",
        type=_jobs,
        default=1,
        help="parse with N processes: 1 (default) in this one, 0 one per core; "
        "the output is the same",
    )
    parse.add_argument("-q", "--quiet", action="store_true", help="no progress line and no summary")
    parse.set_defaults(run=_parse)

    show = _command(
        commands,
        "show",
        "show one article: its text with the claims marked, zones, sentences, claims",
        "Print the text of the article ID with its claims and their sources and cues "
        "marked (in colour on a terminal), then its zones, sentences and claims.",
        "  corpuskit show dd2c270fb12b86b0\n"
        "  corpuskit show 09ca764c561f071a corpus.jsonl --color never\n"
        "  zcat corpus.jsonl.gz | corpuskit show 09ca764c561f071a -\n",
    )
    show.add_argument("id", metavar="ID", help="the article id (from NNN_<id>.txt)")
    show.add_argument("source", metavar="DIR|FILE", nargs="?", help=_SOURCE_HELP)
    where = show.add_mutually_exclusive_group()
    where.add_argument("--dir", metavar="DIR", help="a folder of .txt files (default: the seeds)")
    where.add_argument(
        "--jsonl",
        metavar="FILE",
        help="a JSON Lines file of article documents, whatever its name (- for standard input)",
    )
    _add_recursive(show)
    show.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the marks: auto (default) when stdout is a terminal and NO_COLOR is unset",
    )
    show.set_defaults(run=_show)

    claims = _command(
        commands,
        "claims",
        "list the claims of every article",
        "List every claim (direct quotes, reported speech, statistics) of every article, "
        "as a table, JSON Lines or CSV.",
        "  corpuskit claims --kind direct_quote\n"
        "  corpuskit claims corpus.jsonl --format csv > claims.csv\n",
    )
    claims.add_argument("source", metavar="DIR|FILE", nargs="?", help=_SOURCE_HELP)
    _add_recursive(claims)
    claims.add_argument(
        "--kind",
        dest="kinds",
        action="append",
        choices=_KINDS,
        help="only claims of this kind (repeat for several; default: all)",
    )
    claims.add_argument(
        "--format",
        choices=("table", "jsonl", "csv"),
        default="table",
        help="table (default, for reading), jsonl or csv (for programs)",
    )
    claims.set_defaults(run=_claims)

    stats = _command(
        commands,
        "stats",
        "count zones and claims by kind, and the most quoted sources",
        "Count the zones of each kind, the claims of each kind and the most quoted "
        "sources of a corpus.",
        "  corpuskit stats\n  corpuskit stats corpus.jsonl\n"
        "  corpuskit stats --format json corpus.jsonl\n",
    )
    stats.add_argument("source", metavar="DIR|FILE", nargs="?", help=_SOURCE_HELP)
    stats.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (the default), or one JSON object for programs",
    )
    _add_recursive(stats)
    stats.set_defaults(run=_stats)

    validate = _command(
        commands,
        "validate",
        "check every line of a JSON Lines file",
        "Load every line of FILE as an article document and report every problem as "
        "FILE:LINE: $.json.path: message. The exit code is 1 when there is any.",
        "  corpuskit validate corpus.jsonl\n  zcat corpus.jsonl.gz | corpuskit validate -\n",
    )
    validate.add_argument(
        "file", metavar="FILE", help="a JSON Lines file of article documents (- for standard input)"
    )
    validate.set_defaults(run=_validate)

    export = _command(
        commands,
        "export",
        "export the claims as CSV, Web Annotations or brat files, or the articles as "
        "JSON Lines or Parquet tables",
        "Export a corpus: csv writes every claim, one row each, as `corpuskit claims "
        "--format csv` does; webanno writes one JSON file, an array of W3C Web Annotation "
        "pages (one per article, all part of one collection); brat writes a folder with "
        "a .txt and an .ann file per article; jsonl writes JSON Lines as parse does; "
        "parquet writes a folder of Parquet tables (articles and spans; needs pyarrow).",
        "  corpuskit export --format csv -o claims.csv\n"
        "  corpuskit export --format webanno -o claims.json\n"
        "  corpuskit export articles/ --format brat -o brat/\n"
        "  corpuskit export corpus.jsonl --format jsonl --offsets utf16 -o corpus16.jsonl\n"
        "  corpuskit export corpus.jsonl --format parquet -o tables/\n",
    )
    export.add_argument("source", metavar="DIR|FILE", nargs="?", help=_SOURCE_HELP)
    _add_recursive(export)
    export.add_argument(
        "--format",
        required=True,
        choices=("csv", "webanno", "brat", "jsonl", "parquet"),
        help="what to write",
    )
    export.add_argument(
        "--offsets",
        choices=UNIT_NAMES,
        default="codepoint",
        help=_OFFSETS_HELP + " (brat: codepoint or utf8; webanno: codepoint)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help="the file to write (- for standard output), or for brat the folder",
    )
    export.add_argument(
        "-q", "--quiet", action="store_true", help="no progress line and no summary"
    )
    export.set_defaults(run=_export, jobs=1)

    zones = _command(
        commands,
        "zones",
        "report the title, paragraphs, images, claims and boilerplate of each article",
        "Report the zones of every *.txt file in DIR, in ordinal order.",
        "  corpuskit zones seeds          one summary per article\n"
        "  corpuskit zones seeds --spans  every zone and claim with its offsets\n",
    )
    zones.add_argument("dir", metavar="DIR", help="folder of NNN_<id>.txt article files")
    _add_recursive(zones)
    zones.add_argument(
        "--spans", action="store_true", help="list every zone and claim with its offsets"
    )
    zones.set_defaults(run=_zones)
    return parser


# -- running --------------------------------------------------------------------------------


def _message(error: BaseException) -> tuple[int, str]:
    """Return the exit code and the one-line message for an error that ended a command."""
    if isinstance(error, _Misuse):
        return MISUSE, _one_line(error)
    if isinstance(error, (_Failure, CorpusKitError)):
        return PROBLEMS, _one_line(error)
    if isinstance(error, UnicodeEncodeError):
        return PROBLEMS, (
            f"cannot write a character in the output's encoding ({error.encoding}): "
            "set PYTHONIOENCODING=utf-8"
        )
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return PROBLEMS, f"{where}{error.strerror or error}"
    return PROBLEMS, (
        f"unexpected {type(error).__name__}: {_one_line(error)} "
        "(run with --debug before the command to see the traceback)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 problems in the data, 2 misuse).

    Misuse of the arguments, ``--help`` and ``--version`` end in `SystemExit`,
    as with any `argparse` program.
    """
    args = _parser().parse_args(argv)
    if getattr(args, "output", None) == "":
        print("corpuskit: error: -o needs a file name (- for standard output)", file=sys.stderr)
        return MISUSE
    with _terminated_as_interrupted():
        return _main(args)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, met as Ctrl-C is: temporary files removed, workers stopped, then exit."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


@contextlib.contextmanager
def _terminated_as_interrupted() -> Iterator[None]:
    """Handle SIGTERM as SIGINT is handled, for the time of one command (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _main(args: argparse.Namespace) -> int:
    try:
        code: int = args.run(args, sys.stdout)
    except BrokenPipeError:
        # The reader (``| head``) went away: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return PROBLEMS
    except KeyboardInterrupt as stop:
        if args.debug:
            raise
        if isinstance(stop, _Terminated):
            print("corpuskit: error: terminated", file=sys.stderr)
            return 128 + signal.SIGTERM
        print("corpuskit: error: interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        if args.debug:
            raise
        code, message = _message(error)
        print(f"corpuskit: error: {message}", file=sys.stderr)
    return code
