"""The examples in the package's docstrings run, as the documentation's examples do.

`doctest` looks for a module's examples in what the module defines; a class that
`corpuskit` exports names ``corpuskit`` as its module, so its examples are
looked for in the module that defines it explicitly.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import types

import pytest

import corpuskit

MODULES = [
    "corpuskit",
    *sorted(
        info.name
        for info in pkgutil.walk_packages(corpuskit.__path__, "corpuskit.")
        if info.name != "corpuskit.dask"  # an optional extra, with no examples
    ),
]


def _defined_here(cls: type, module: types.ModuleType) -> bool:
    functions = (getattr(v, "__func__", v) for v in vars(cls).values())
    return any(getattr(f, "__globals__", None) is vars(module) for f in functions)


def _tests(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder()
    tests = finder.find(module)
    for value in vars(module).values():
        if (
            isinstance(value, type)
            and value.__module__ != module.__name__
            and _defined_here(value, module)
        ):
            tests += finder.find(
                value, f"{name}.{value.__name__}", module=False, globs=vars(module)
            )
    return [t for t in tests if t.examples]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in _tests(name):
        runner.run(test)
    assert runner.failures == 0


def test_docstring_examples_are_found() -> None:
    found = {t.name for name in MODULES for t in _tests(name)}
    assert {"corpuskit", "corpuskit.article.Article.from_bytes"} <= found
    assert len(found) >= 13
