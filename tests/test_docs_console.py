"""Run the ```console examples of README.md and docs/**/*.md as shell sessions.

A ```console block is a transcript: a line starting with ``$ `` is a command,
and the lines after it, up to the next command, are what it prints (standard
output and standard error together).  Each block is one test, named by its page
and the line of its opening fence, and runs in one ``bash`` process, so ``echo
$?`` gives the exit code of the command before it.

The commands run in a temporary folder per page that holds a copy of what they
read (``seeds/`` and ``docs/examples/``), never in the repository, and the
blocks of a page run there in order: a block may read the files an earlier block
of the same page wrote.  ``corpuskit`` is the one installed beside the Python
running the tests, with ``NO_COLOR=1`` and ``COLUMNS=100`` set.

Outputs are compared as doctest compares them with ``ELLIPSIS``: ``...`` stands
for any text, across lines; whitespace at the ends of lines and blank lines at
the end are ignored.

A block that must not run (one that installs packages, say) is skipped by a
comment on the line before its fence, which names the reason::

    <!-- console: skip (installs packages) -->

A block that installs packages and has no such comment fails instead of
running.
"""

from __future__ import annotations

import doctest
import os
import re
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What the commands may read, copied into each page's folder.
_FIXTURES = ("seeds", "docs/examples")

# A fenced block opened by ```console (three or more backticks, possibly
# indented inside a list item, possibly with attributes after the language) and
# closed by a fence of at least as many backticks.
_CONSOLE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,})[ \t]*console\b[^`\n]*\n"
    r"(?P<body>.*?)^(?P=indent)(?P=fence)`*[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_SKIP = re.compile(r"^[ \t]*<!--\s*console:\s*skip\s*\((?P<reason>[^)]+)\)\s*-->[ \t]*$")
_INSTALLS = re.compile(r"\bpip\s+install\b|-m\s+venv\b|\bvirtualenv\b")
_PROMPT = "$ "
_TIMEOUT = 120  # seconds for one block


@dataclass(frozen=True)
class Command:
    """One ``$ `` line of a block and the output shown after it."""

    line: int  # 1-based line of the command in its page
    command: str
    want: str


@dataclass(frozen=True)
class Block:
    """One ```console block of a page."""

    page: str  # path relative to the repository root
    line: int  # 1-based line of the opening fence
    commands: tuple[Command, ...]
    skip: str | None  # the reason given by a skip comment, or None

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"


def _markdown_files() -> list[Path]:
    files = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return [f for f in files if f.is_file()]


def _console_blocks(page: str, text: str) -> list[Block]:
    """Return the ```console blocks of ``text``, the Markdown of ``page``, in order."""
    lines = text.splitlines()
    blocks = []
    for m in _CONSOLE.finditer(text):
        fence = text.count("\n", 0, m.start())  # 0-based line of the opening fence
        before = [line for line in lines[:fence] if line.strip()]
        skip = _SKIP.match(before[-1]) if before else None
        indent = len(m.group("indent"))
        body = [line[indent:] for line in m.group("body").splitlines()]
        commands: list[Command] = []
        for offset, line in enumerate(body):
            lineno = fence + 2 + offset
            if line.startswith(_PROMPT) or line.rstrip() == _PROMPT.rstrip():
                commands.append(Command(lineno, line[len(_PROMPT) :], ""))
            elif commands:
                last = commands[-1]
                commands[-1] = Command(last.line, last.command, last.want + line + "\n")
            elif line.strip():
                raise ValueError(f"{page}:{lineno}: a console block must start with a `$ ` line")
        blocks.append(
            Block(page, fence + 1, tuple(commands), skip.group("reason").strip() if skip else None)
        )
    return blocks


def _all_blocks() -> list[Block]:
    blocks = []
    for path in _markdown_files():
        page = path.relative_to(ROOT).as_posix()
        blocks.extend(_console_blocks(page, path.read_text(encoding="utf-8")))
    return blocks


def _normalised(output: str) -> str:
    lines = [line.rstrip() for line in output.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "".join(line + "\n" for line in lines)


def _matches(want: str, got: str) -> bool:
    checker = doctest.OutputChecker()
    return checker.check_output(_normalised(want), _normalised(got), doctest.ELLIPSIS)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    env.pop("PYTHONWARNINGS", None)
    return env


def _run(commands: tuple[Command, ...], cwd: Path) -> list[str]:
    """Run ``commands`` in one bash process in ``cwd``; return what each one printed."""
    token = secrets.token_hex(8)
    mark = f"\x1e{token}\x1e"
    printf_mark = f"printf '\\036%s\\036' {token}"
    script = [
        "exec 2>&1",
        "__docs_status() { return $1; }",
        printf_mark,
    ]
    for command in commands:
        script += [
            command.command,
            f"__docs_rc=$?; {printf_mark}; __docs_status $__docs_rc",
        ]
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", "\n".join(script) + "\n"],
        cwd=cwd,
        env=_environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=_TIMEOUT,
        check=False,
    )
    before, *outputs = done.stdout.decode("utf-8", errors="backslashreplace").split(mark)
    outputs = outputs[: len(commands)]
    if len(outputs) < len(commands):  # a command ended the shell
        outputs.append(f"[the shell ended with exit code {done.returncode}]")
        outputs += [""] * (len(commands) - len(outputs))
    outputs[0] = before + outputs[0]  # nothing, unless bash complained before the first command
    return outputs


def _failures(block: Block, outputs: list[str]) -> list[str]:
    report = []
    for command, got in zip(block.commands, outputs, strict=True):
        if not _matches(command.want, got):
            report.append(
                f"{block.page}:{command.line}: $ {command.command}\n"
                f"Expected:\n{_indented(command.want)}"
                f"Got:\n{_indented(got)}"
            )
    return report


def _indented(text: str) -> str:
    text = _normalised(text)
    return "".join(f"    {line}\n" for line in text.splitlines()) if text else "    (nothing)\n"


# The folder of each page and how many of its blocks ran there, in order.
_PAGES: dict[str, tuple[Path, int]] = {}


def _page_folder(block: Block, index: int, factory: pytest.TempPathFactory) -> Path:
    """Return the page's folder with the blocks before ``index`` run in it, in order.

    In a run of the whole file the blocks come in order and each finds the
    folder its predecessor left.  A block run on its own, or again, gets a
    fresh folder in which the blocks before it are replayed first.
    """
    folder, ran = _PAGES.get(block.page, (None, 0))
    if folder is None or ran > index:
        folder = factory.mktemp(re.sub(r"\W+", "_", block.page))
        for fixture in _FIXTURES:
            shutil.copytree(ROOT / fixture, folder / fixture)
        ran = 0
    for earlier in _PAGE_BLOCKS[block.page][ran:index]:
        if _runnable(earlier):
            _run(earlier.commands, folder)
    _PAGES[block.page] = (folder, index)
    return folder


_BLOCKS = _all_blocks()
_PAGE_BLOCKS: dict[str, list[Block]] = {}
for _block in _BLOCKS:
    _PAGE_BLOCKS.setdefault(_block.page, []).append(_block)


def _installs(block: Block) -> bool:
    return any(_INSTALLS.search(c.command) for c in block.commands)


def _runnable(block: Block) -> bool:
    return block.skip is None and not _installs(block)


@pytest.mark.parametrize("block", _BLOCKS, ids=lambda b: b.id)
def test_docs_console_block(block: Block, tmp_path_factory: pytest.TempPathFactory) -> None:
    if block.skip is not None:
        pytest.skip(f"{block.id}: {block.skip}")
    if _installs(block):
        pytest.fail(
            f"{block.id} installs packages: put `<!-- console: skip (installs packages) -->` "
            "on the line before its fence",
            pytrace=False,
        )
    index = _PAGE_BLOCKS[block.page].index(block)
    folder = _page_folder(block, index, tmp_path_factory)
    outputs = _run(block.commands, folder)
    _PAGES[block.page] = (folder, index + 1)
    report = _failures(block, outputs)
    if report:
        pytest.fail(
            f"{len(report)} of {len(block.commands)} commands in {block.id} printed "
            "something else:\n\n" + "\n".join(report),
            pytrace=False,
        )


def test_console_blocks_found_with_their_line_numbers() -> None:
    text = (
        "# Page\n\n```console\n$ echo a\na\n$ true\n```\n\n- item\n\n  ````console\n"
        "  $ printf 'x\\n\\ny '\n  x\n\n  y\n  ````\n\n<!-- console: skip (installs packages) -->\n"
        '```console title="x"\n$ pip install x\n```\n\n```text\n$ echo no\n```\n'
    )
    blocks = _console_blocks("p.md", text)
    assert [(b.line, b.skip) for b in blocks] == [(3, None), (11, None), (19, "installs packages")]
    assert blocks[0].commands == (Command(4, "echo a", "a\n"), Command(6, "true", ""))
    assert blocks[1].commands == (Command(12, "printf 'x\\n\\ny '", "x\n\ny\n"),)
    assert blocks[2].commands == (Command(20, "pip install x", ""),)


def test_console_commands_share_one_shell(tmp_path: Path) -> None:
    block = _console_blocks(
        "p.md",
        "```console\n$ false\n$ echo $?\n1\n$ printf 'no newline'\nno newline\n"
        "$ echo err >&2; echo out\nerr\nout\n$ seq 1 5\n1\n...\n5\n```\n",
    )[0]
    outputs = _run(block.commands, tmp_path)
    assert outputs[:2] == ["", "1\n"]
    assert _failures(block, outputs) == []


def test_console_mismatch_names_command_expected_and_actual(tmp_path: Path) -> None:
    block = _console_blocks("p.md", "```console\n$ echo b\na\n```\n")[0]
    assert _failures(block, _run(block.commands, tmp_path)) == [
        "p.md:2: $ echo b\nExpected:\n    a\nGot:\n    b\n"
    ]
