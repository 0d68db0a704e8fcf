"""Command line: ``python -m corpuskit zones DIR`` reports what each article holds."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from ._article import Article
from ._claims import ClaimKind
from ._corpus import Corpus
from ._errors import CorpusKitError

__all__ = ["main"]

_EXAMPLE = """\
example:
  python -m corpuskit zones seeds          one summary per article
  python -m corpuskit zones seeds --spans  every zone and claim with its offsets
"""


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _count(n: int, noun: str) -> str:
    """Return "1 article", "2 articles"; mass nouns ("boilerplate") stay as they are."""
    if n == 1 and noun.endswith("s"):
        noun = noun[:-1]
    return f"{n} {noun}"


def _report(article: Article, out: TextIO, *, spans: bool) -> None:
    title = article.title
    print(f"{article.source or article.id}  id={article.id}  {len(article.text):,} chars", file=out)
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
        name = f" (name: {b.name.text})" if b.name else ""
        print(f"    {b.kind.value}: {_short(b.text, 50)}{name}", file=out)
    if spans:
        width = len(str(len(article.text))) * 2 + 3
        rows = [(z.start, z.end, z.kind.value, z.text, "") for z in article.zones]
        if article.claims:
            rows.append((-1, -1, "claims:", "", ""))
        for c in article.claims:
            said = f"  ({c.source.text} / {c.cue.text if c.cue else '-'})" if c.source else ""
            rows.append((c.start, c.end, "+".join(k.value for k in c.kinds), c.text, said))
        label = max((len(r[2]) for r in rows), default=0)
        for start, end, kind, text, said in rows:
            where = f"[{start}:{end}]" if start >= 0 else ""
            print(
                f"    {where:<{width}} {kind:<{label}} {_short(text, 50)}{said}".rstrip(), file=out
            )


def _zones(args: argparse.Namespace, out: TextIO) -> int:
    corpus = Corpus.from_dir(args.dir, on_error="skip")
    totals = {"articles": 0, "paragraphs": 0, "images": 0, "claims": 0, "boilerplate": 0}
    for article in corpus:
        _report(article, out, spans=args.spans)
        totals["articles"] += 1
        totals["paragraphs"] += len(article.paragraphs)
        totals["images"] += len(article.images)
        totals["claims"] += len(article.claims)
        totals["boilerplate"] += len(article.boilerplate)
    for error in corpus.skipped:
        print(f"skipped: {error}", file=sys.stderr)
    summary = ", ".join(_count(n, k) for k, n in totals.items())
    print(f"{summary}, {len(corpus.skipped)} skipped", file=out)
    return 1 if corpus.skipped else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corpuskit",
        description="Parse raw news-article files into exact, offset-preserving zones.",
        epilog=_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    zones = commands.add_parser(
        "zones",
        help="report the title, paragraphs, images, claims and boilerplate of each article",
        description="Report the zones of every *.txt file in DIR, in ordinal order.",
        epilog=_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    zones.add_argument("dir", metavar="DIR", help="folder of NNN_<id>.txt article files")
    zones.add_argument(
        "--spans", action="store_true", help="list every zone and claim with its offsets"
    )
    zones.set_defaults(run=_zones)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 problems in the data, 2 misuse)."""
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args, sys.stdout)
    except CorpusKitError as error:
        print(f"corpuskit: error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader (``| head``) went away: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
