"""Markdown tables for the dataset card and ``LICENSE.md``: one row per list, cells escaped."""

from __future__ import annotations

from typing import Any


def markdown_table(header: list[str], rows: list[list[Any]]) -> list[str]:
    """The lines of a Markdown table; a ``|`` in a cell is escaped, a newline becomes a space.

    Example:
        >>> print("\\n".join(markdown_table(["a", "b"], [[1, "x|y"], [2, "two\\nlines"]])))
        | a | b |
        |---|---|
        | 1 | x\\|y |
        | 2 | two lines |
    """
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


__all__ = ["markdown_table"]
