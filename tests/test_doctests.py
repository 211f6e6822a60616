"""Every docstring example (``>>>``) in newsgold runs, and none is skipped.

Each docstring with examples is one test case, named ``module.object (N examples)``, so
``pytest tests/test_doctests.py -v`` shows what runs where. Examples run with their
module's globals (as ``python -m doctest`` would) and ``ELLIPSIS | NORMALIZE_WHITESPACE``;
they must be deterministic and offline. One module alone:
``pytest tests/test_doctests.py -k newsgold.validation``.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from typing import Any

import pytest

import newsgold

OPTIONFLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

# Modules whose examples other work in flight is converting: they neither run here nor
# count against the +SKIP check. Shrink this list, never grow it; a module comes off as
# soon as its examples run (test_allow_list_is_not_stale says when).
NOT_YET_CONVERTED: frozenset[str] = frozenset()

_PROMPT = re.compile(r"^\s*>>>", re.MULTILINE)


class _Finder(doctest.DocTestFinder):
    """The standard finder, but a decorated function's line is its own, not the decorator's
    wrapper's (``@contextmanager`` would otherwise point into contextlib)."""

    def _find_lineno(self, obj: Any, source_lines: list[str] | None) -> int | None:
        if inspect.isfunction(obj):
            obj = inspect.unwrap(obj)
        lineno: int | None = super()._find_lineno(obj, source_lines)  # type: ignore[misc]
        return lineno


def _module_names() -> list[str]:
    names = [newsgold.__name__]
    for info in pkgutil.walk_packages(newsgold.__path__, prefix=f"{newsgold.__name__}."):
        # Importing a __main__ module runs the command it starts.
        if not info.name.endswith(".__main__"):
            names.append(info.name)
    return sorted(names)


def _doctests(name: str) -> list[doctest.DocTest]:
    # The finder also returns docstrings without examples: those are no cases.
    found = _Finder(exclude_empty=True).find(importlib.import_module(name))
    return sorted((test for test in found if test.examples), key=lambda test: test.name)


def _run(test: doctest.DocTest) -> tuple[doctest.TestResults, str]:
    # Each DocTest holds its own copy of the module's globals: no names leak between cases.
    report: list[str] = []
    results = doctest.DocTestRunner(optionflags=OPTIONFLAGS).run(test, out=report.append)
    return results, "".join(report)


def _skipped(tests: list[doctest.DocTest]) -> list[str]:
    return [
        f"{test.filename}:{(test.lineno or 0) + example.lineno + 1}: {example.source.strip()}"
        for test in tests
        for example in test.examples
        if example.options.get(doctest.SKIP)
    ]


MODULES = _module_names()
CONVERTED = [name for name in MODULES if name not in NOT_YET_CONVERTED]
CASES = [test for name in CONVERTED for test in _doctests(name)]


def _case_id(test: doctest.DocTest) -> str:
    count = len(test.examples)
    return f"{test.name} ({count} example{'' if count == 1 else 's'})"


@pytest.mark.parametrize("test", CASES, ids=_case_id)
def test_docstring_examples_run(
    test: doctest.DocTest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In an empty folder: an example may not lean on (or litter) the checkout.
    monkeypatch.chdir(tmp_path)
    results, report = _run(test)
    assert results.failed == 0, f"{test.name} ({test.filename}:{test.lineno}):\n{report}"


def test_no_example_is_skipped() -> None:
    skipped = _skipped(CASES)
    assert not skipped, "examples marked +SKIP (make them run or remove them):\n" + "\n".join(
        skipped
    )


@pytest.mark.parametrize("name", CONVERTED)
def test_every_example_in_the_source_is_collected(name: str) -> None:
    # A `>>>` the finder does not reach (in the docstring of a nested function, or in a
    # string that is no docstring) would never run: every prompt line must be collected.
    path = importlib.import_module(name).__file__
    assert path is not None
    prompts = len(_PROMPT.findall(Path(path).read_text(encoding="utf-8")))
    collected = sum(len(test.examples) for test in _doctests(name))
    assert collected == prompts, (
        f"{name}: {prompts} '>>>' lines in {path}, {collected} examples collected; "
        "put examples in docstrings of objects the module itself defines"
    )


def test_allow_list_is_not_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    unknown = sorted(NOT_YET_CONVERTED - set(MODULES))
    converted = [
        name
        for name in sorted(NOT_YET_CONVERTED - set(unknown))
        if not _skipped(tests := _doctests(name))
        and all(_run(test)[0].failed == 0 for test in tests)
    ]
    assert (unknown, converted) == ([], []), (
        f"take these off NOT_YET_CONVERTED: not newsgold modules (moved?) {unknown}; "
        f"examples all run {converted}"
    )
