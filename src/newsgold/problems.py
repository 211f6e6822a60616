"""One problem type: a thing wrong with one input item, where it is and why.

Every checker reports problems of this one type: the annotation validator
(:func:`newsgold.validation.annotation_problems`: document, layer, item), the Label Studio
export converter (:func:`newsgold.labelstudio.convert.convert_export`: task, annotator,
item) and the prediction reader (:class:`newsgold.scoring.predictions.RowChecker`: file,
line, field). A problem keeps only the coordinates that apply; :meth:`Problem.format`
names them in one line, and :meth:`Problem.to_error` turns a problem into the
:class:`~newsgold.errors.InputError` a command raises.

Example:
    >>> Problem("offsets out of range", path="preds.jsonl", line=3, field="entities[0].end")
    Problem(reason='offsets out of range', path='preds.jsonl', line=3, field='entities[0].end')
    >>> print(Problem("unknown label 'XYZ'", task_id=7, annotator="alice", item="r1"))
    task 7, annotator alice, item r1: unknown label 'XYZ'
    >>> print(Problem("span is empty", doc_id="6ebade2f8e52de11", layer="entities", item="e3"))
    document 6ebade2f8e52de11, entities e3: span is empty
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsgold.errors import InputError

# The coordinates a problem can carry, in the order a message names them.
_LOCATION = ("path", "line", "field", "task_id", "annotator", "doc_id", "layer", "item")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input item.

    Attributes:
        reason: what is wrong and what was expected.
        path: the file the item came from.
        line: 1-based line in ``path`` (JSONL inputs).
        field: the field inside the item (``entities[2].label``).
        task_id: the Label Studio task the item came from.
        annotator: the annotator whose work holds the item.
        doc_id: the document the item belongs to.
        layer: ``document``, ``entities``, ``events``, ``stances`` (or a Label Studio layer).
        item: the item's id (annotation id, Label Studio region id).
    """

    reason: str
    path: str | None = None
    line: int | None = None
    field: str | None = None
    task_id: Any = None
    annotator: str | None = None
    doc_id: str | None = None
    layer: str | None = None
    item: str | None = None

    def __repr__(self) -> str:
        given = [f"reason={self.reason!r}"] + [
            f"{name}={getattr(self, name)!r}"
            for name in _LOCATION
            if getattr(self, name) is not None
        ]
        return f"Problem({', '.join(given)})"

    def format(self) -> str:
        """The problem in one line: where (as far as known), then the reason."""
        if self.path is not None:
            return self.to_error().format()
        parts = []
        if self.task_id is not None:
            parts.append(f"task {self.task_id}")
        if self.annotator is not None:
            parts.append(f"annotator {self.annotator}")
        if self.doc_id is not None:
            parts.append(f"document {self.doc_id}")
        if self.layer is not None:
            parts.append(self.layer if self.item is None else f"{self.layer} {self.item}")
        elif self.item is not None:
            parts.append(f"item {self.item}")
        if self.field is not None:
            parts.append(f"field {self.field!r}")
        where = ", ".join(parts)
        return f"{where}: {self.reason}" if where else self.reason

    __str__ = format

    def sort_key(self) -> tuple[tuple[bool, Any], ...]:
        """A total order over problems, by coordinates (unset first), then reason."""
        key = []
        for name in _LOCATION:
            value = getattr(self, name)
            if name == "line":
                key.append((value is not None, value or 0))
            else:
                key.append((value is not None, "" if value is None else str(value)))
        key.append((True, self.reason))
        return tuple(key)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``path``, ``line``, ``field``, ``reason`` always; other coordinates
        when they are set."""
        row: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "reason": self.reason,
        }
        for name in ("task_id", "annotator", "doc_id", "layer", "item"):
            if getattr(self, name) is not None:
                row[name] = getattr(self, name)
        return row

    def to_error(self) -> InputError:
        """The :class:`~newsgold.errors.InputError` a command raises for this problem."""
        if self.path is not None:
            return InputError(self.reason, path=self.path, line=self.line, field=self.field)
        located = Problem(
            self.reason,
            task_id=self.task_id,
            annotator=self.annotator,
            doc_id=self.doc_id,
            layer=self.layer,
            item=self.item,
        )
        return InputError(located.format(), field=self.field)
