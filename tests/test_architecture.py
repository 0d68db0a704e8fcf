"""The package's import rules, read from its source (see docs/architecture.md).

- `corpuskit.model` (value types, errors, offsets, units, the packed encoding)
  and `corpuskit.lexicon` (word lists) import nothing else of the package;
- the stages (`corpuskit.stages`) import only the model, the lexicon and each
  other: never input/output, alignment, the corpus or `Article`;
- alignment (`corpuskit.align`) and input/output (`corpuskit.io`) never import the
  corpus, the command line or the Dask integration;
- no module imports another module's private names (a leading underscore);
- every import names the module's full path (ruff's ``ban-relative-imports``).

Imports inside functions count as much as those at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

import attrs
import pytest

import corpuskit
from corpuskit import Boilerplate
from corpuskit.io.parquet import TABULATED
from corpuskit.model.fields import model_fields
from corpuskit.model.layers import LAYERS
from corpuskit.model.packed import PACKED_FIELDS

PACKAGE = Path(corpuskit.__file__).resolve().parent


def _modules() -> dict[str, Path]:
    return {
        ".".join(("corpuskit", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
            ".__init__"
        ): p
        for p in sorted(PACKAGE.rglob("*.py"))
    }


MODULES = _modules()


def _typing_only(tree: ast.AST) -> set[ast.AST]:
    """The statements under ``if TYPE_CHECKING:``, which never run."""
    found: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in (
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        ):
            found.update(n for s in node.body for n in ast.walk(s))
    return found


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """Every import of the package that runs in ``path``: (module, names taken, line)."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _typing_only(tree)
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] == "corpuskit":
                found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            found.extend(
                (a.name, [], node.lineno) for a in node.names if a.name.split(".")[0] == "corpuskit"
            )
    return found


def _targets(module: str, names: list[str]) -> list[str]:
    """The package modules an import reaches: ``from corpuskit.io import json`` → io.json."""
    reached = [module]
    reached += [f"{module}.{n}" for n in names if f"{module}.{n}" in MODULES]
    return reached


FOLDERS = ("model", "lexicon", "stages", "align", "io", "corpus")


def _layer(module: str) -> str:
    """The folder a module lies in (corpuskit.model.spans → model), or the module itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in FOLDERS else module


# What each folder may import from the package, besides itself.
ALLOWED = {
    "model": set(),
    "lexicon": set(),
    "stages": {"model", "lexicon"},
    "align": {"model", "lexicon", "stages"},
    "io": {"model", "lexicon", "stages", "align", "corpuskit.article", "corpuskit.version"},
}


def test_architecture_every_module_is_found() -> None:
    folders = {_layer(m) for m in MODULES}
    assert set(FOLDERS) <= folders
    assert len(MODULES) >= 40


@pytest.mark.parametrize("folder", sorted(ALLOWED))
def test_architecture_each_folder_imports_only_what_it_may(folder: str) -> None:
    broken = []
    for module, path in MODULES.items():
        if _layer(module) != folder:
            continue
        for target, names, line in _imports(path):
            for reached in _targets(target, names):
                layer = _layer(reached)
                if layer != folder and layer not in ALLOWED[folder] and reached != "corpuskit":
                    broken.append(f"{path.relative_to(PACKAGE)}:{line} imports {reached}")
    assert broken == []


def test_architecture_no_module_imports_another_modules_private_names() -> None:
    broken = []
    for path in MODULES.values():
        for target, names, line in _imports(path):
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if private:
                broken.append(f"{path.relative_to(PACKAGE)}:{line}: {target} {private}")
    assert broken == []


def test_architecture_imports_name_the_full_path() -> None:
    relative = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in MODULES.values()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level > 0
    ]
    assert relative == []


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for module, path in MODULES.items():
        for target, names, _ in _imports(path):
            graph[module].update(t for t in _targets(target, names) if t in MODULES)
        graph[module].discard(module)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def test_architecture_the_cycle_finder_finds_cycles() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_architecture_no_import_cycles() -> None:
    # The JSON converter builds an article through the functions `Article` hands it,
    # and imports `Article` for type checking only: nothing imports back.
    assert _cycles(_graph()) == []


def _model_classes() -> set[type]:
    """Every attrs class a layer's objects are made of, found through their fields."""
    found: set[type] = set()
    todo: list[type] = [layer.item for layer in LAYERS] + [Boilerplate]
    while todo:
        cls = todo.pop()
        if cls in found:
            continue
        found.add(cls)
        todo.extend(
            tp
            for field in model_fields(cls)
            for tp in (field.type, *get_args(field.type))
            if isinstance(tp, type) and attrs.has(tp)
        )
    return found


def test_architecture_the_packer_and_parquet_cover_every_model_class() -> None:
    # Each table of fields is checked against the class at import; here, that no
    # class is missing from them.
    classes = _model_classes()
    assert len(classes) == 8
    assert set(PACKED_FIELDS) == classes
    assert set(TABULATED) == classes
