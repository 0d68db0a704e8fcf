"""The audit of every regular expression in the package, checked without timing.

A backtracking engine takes more than linear time when a pattern can match the
same text in many ways: an unbounded repetition inside another (``(a+)+``) is
the shape of exponential time.  These tests keep the audit complete:

- every place in the package that compiles or runs a pattern is known: patterns
  held by modules are collected by `benchmarks/bench_regex.py` (which times
  each of them on input built to trip it up), and the few compiled inside
  functions are listed below with the reason they are safe;
- no pattern nests an unbounded repetition inside another unless it is
  possessive or atomic (they never give back what they matched), or is listed
  in `NESTED_BY_DESIGN` with the argument for why it stays linear;
- no pattern of the standard engine loops greedily over a group without bound (see
  `stages.zones._BLOCK`): that engine keeps a frame for every iteration of such a loop,
  which measured more than linear on a million iterations; a possessive loop
  (``*+``) gives its frames up;
- no `regex` pattern tries a lookaround right after an unbounded greedy loop unless
  `LOOKAROUNDS_AFTER_LOOPS` says why the loop stays short: that engine pays for such
  a lookaround in proportion to what the loop holds, which made one sentence opening
  with a million-letter word take quadratic time (`stages.quotes._PLURAL_SUBJECT`, and the
  hostile case ``1mb-long-word-then-pronoun-quote``).

The time itself is measured by `benchmarks/bench_regex.py` (per pattern) and
`benchmarks/bench_adversarial.py` (the whole pipeline), never asserted here.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
import regex

import corpuskit

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
if not (BENCHMARKS / "bench_regex.py").is_file():  # a source tree without benchmarks
    pytest.skip("benchmarks/ is not in this source tree", allow_module_level=True)
sys.path.insert(0, str(BENCHMARKS))

import bench_regex  # noqa: E402

PACKAGE = Path(corpuskit.__file__).resolve().parent
PATTERNS = bench_regex.package_patterns()
_RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn"}
_RE_FUNCTIONS |= {"split"}

# Patterns compiled or run inside functions, where the module walk cannot see them:
# (module, function) -> why the pattern is linear.
IN_FUNCTIONS = {
    ("io.cite", "__init__"): "the literal '\\r\\n': no repetition",
    ("align.normalize", "_translate"): "one character class built from a table: no repetition",
    ("stages.zones", "_compose"): (
        "'<[A-Z_]+>' runs on the package's own templates, once at import; the patterns"
        " it composes are module patterns, collected and checked like the others"
    ),
    ("stages.quantities", "_backward"): "compiles module patterns, collected and checked",
    ("stages.zones", "_not_names"): "compiles a part of a module pattern, once at import",
}

# Unbounded repetitions inside others, each with the reason it stays linear.
NESTED_BY_DESIGN: dict[str, str] = {}

# `regex` patterns that try a lookaround after an unbounded greedy loop, each with the
# reason the loop cannot hold much when the lookaround is tried.
_SPACES = (
    "the loops are runs of spaces ([ ]+) or a possessive word; matched after runs of"
    " 10,000 and 40,000 spaces, the time grew linearly"
)
LOOKAROUNDS_AFTER_LOOPS: dict[str, str] = {}


def _calls() -> list[tuple[str, str | None, str, int]]:
    """Every ``re.*``/``regex.*`` call: (module, enclosing function, target, line)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in ("re", "regex")
                and node.func.attr in _RE_FUNCTIONS
            ):
                continue
            function = None
            target = ""
            up: ast.AST = node
            while up in parents:
                up = parents[up]
                if isinstance(up, (ast.FunctionDef, ast.AsyncFunctionDef)) and function is None:
                    function = up.name
                if isinstance(up, ast.Assign) and function is None and not target:
                    names = [t.id for t in up.targets if isinstance(t, ast.Name)]
                    target = names[0] if names else ""
            found.append((module, function, target, node.lineno))
    return found


def test_the_lexicon_holds_no_pattern() -> None:
    # The word lists of `corpuskit.lexicon` are data: the stages build their patterns
    # from them, and the lexicon's modules import neither engine.
    inside = list((PACKAGE / "lexicon").glob("*.py"))
    assert inside, "the lexicon's modules were not found"
    for path in inside:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not {m.split(".")[0] for m in imported} & {"re", "regex"}, path


def test_the_walk_finds_the_patterns_of_every_module_that_uses_them() -> None:
    modules = {name.rsplit(".", 1)[0] for name in PATTERNS}
    uses = {module for module, function, _, _ in _calls() if function is None}
    assert uses <= modules
    assert len(PATTERNS) >= 70


def test_every_module_level_pattern_is_collected() -> None:
    for module, function, target, line in _calls():
        if function is None:
            assert f"{module}.{target}" in PATTERNS, f"{module}.py:{line}"


def test_every_pattern_inside_a_function_is_audited() -> None:
    seen = {(module, function) for module, function, _, _ in _calls() if function is not None}
    assert seen == set(IN_FUNCTIONS), (
        "audit the new pattern in IN_FUNCTIONS, or remove the stale entry"
    )


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_structure_can_be_read(name: str) -> None:
    tree = bench_regex.structure(PATTERNS[name])
    assert len(tree.data) > 0


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_no_unbounded_repetition_inside_another(name: str) -> None:
    nested = bench_regex.nested_repeats(PATTERNS[name])
    if name in NESTED_BY_DESIGN:
        assert nested, f"{name} no longer nests repetitions: drop it from NESTED_BY_DESIGN"
    else:
        assert nested == [], f"{name}: {nested}; make the inner or outer one possessive"


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_no_greedy_loop_over_a_group_in_the_standard_engine(name: str) -> None:
    loops = bench_regex.greedy_group_loops(PATTERNS[name])
    assert loops == [], f"{name}: {loops}; make the loop possessive (*+) if nothing after it"


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_no_lookaround_after_a_greedy_loop_in_the_regex_module(name: str) -> None:
    count = bench_regex.lookarounds_after_loops(PATTERNS[name])
    if name in LOOKAROUNDS_AFTER_LOOPS:
        assert count, f"{name} no longer has one: drop it from LOOKAROUNDS_AFTER_LOOPS"
    else:
        assert count == 0, f"{name}: match what the lookaround looks for, or audit it"


@pytest.mark.parametrize("name", sorted(bench_regex.BOUNDED))
def test_bounded_patterns_name_the_constant_that_bounds_them(name: str) -> None:
    assert name in PATTERNS
    limit = bench_regex.bound(name)
    assert isinstance(limit, int)
    assert 0 < limit <= 1000


# Each check on patterns of the shape it looks for, and on the safe forms beside them.
_EXAMPLES = [
    ("nested_repeats", re.compile(r"(a+)+b"), True),
    ("nested_repeats", re.compile(r"(?:\s*x)*"), True),
    ("nested_repeats", regex.compile(r"(?:\p{L}+,)*"), True),
    ("nested_repeats", re.compile(r"(?:a++)*"), False),
    ("nested_repeats", re.compile(r"(?>(?:a+)*)"), False),
    ("nested_repeats", re.compile(r"(?:a+){0,3}|b*c*"), False),
    ("greedy_group_loops", re.compile(r"(?:x\n)*"), True),
    ("greedy_group_loops", re.compile(r"a(?:[^'\\]|\\.)*?b"), True),
    ("greedy_group_loops", re.compile(r"(?:x\n)*+|[^\n]*|(?>(?:ab)*)"), False),
    ("greedy_group_loops", re.compile(r"(?:ab){0,9}"), False),
    ("greedy_group_loops", regex.compile(r"(?:x\n)*"), False),
    ("lookarounds_after_loops", regex.compile(r"^\p{L}+s(?= )"), True),
    ("lookarounds_after_loops", regex.compile(r"(?:a|b+)c(?!d)"), True),
    ("lookarounds_after_loops", regex.compile(r"^\p{L}++s(?= )"), False),
    ("lookarounds_after_loops", regex.compile(r"(?= )\p{L}+s"), False),
    ("lookarounds_after_loops", re.compile(r"^\w+s(?= )"), False),
]


@pytest.mark.parametrize(("check", "pattern", "flagged"), _EXAMPLES)
def test_the_checks_tell_the_shapes_apart(
    check: str, pattern: re.Pattern[str] | regex.Pattern[str], flagged: bool
) -> None:
    assert bool(getattr(bench_regex, check)(pattern)) is flagged


def test_the_inputs_for_a_pattern_draw_on_its_own_text() -> None:
    units = bench_regex.units(re.compile(r"(?:according to|said)\s+[A-Z]\d"))
    assert "according to" in units.values()
    assert "said " in units.values()
    assert {"A", "Z", "7", " "} <= set(units.values())
    assert "quotes" in " ".join(units)  # the whole-pipeline families
