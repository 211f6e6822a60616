"""One catalogue of newsgold errors.

Every error names what it was given and what was expected, and where the input came
from (file and line) when it came from a file. Specific errors also inherit the
built-in they resemble, as Hugging Face ``datasets`` does.
"""

from __future__ import annotations

from pathlib import Path


class NewsgoldError(Exception):
    """Base class of every error newsgold raises on purpose."""


class InputError(NewsgoldError, ValueError):
    """A user-supplied file or value is not what newsgold expects.

    Args:
        message: what is wrong and what was expected.
        path: the file the bad input came from, if any.
        line: the 1-based line number inside ``path``, if it applies.
        field: the field or option name, if it applies.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        super().__init__(self.format())

    def format(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        field = f"field {self.field!r}: " if self.field else ""
        return f"{where}{field}{self.message}"


class ConflictError(NewsgoldError):
    """An operation would overwrite different data already stored under the same key."""


class ValidationError(NewsgoldError, ValueError):
    """A set of records failed validation; ``problems`` lists every item with its reason."""

    def __init__(self, message: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(message)


class ModelError(NewsgoldError):
    """A model (a baseline or a user's plug-in) failed while loading or predicting.

    The message names the model, the document when there is one, and the exception the
    model raised.
    """

    def __init__(self, model: str, exc: BaseException, *, document: str | None = None) -> None:
        self.model = model
        self.document = document
        where = f"model {model!r}" + (f" failed on document {document}" if document else " failed")
        detail = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
        super().__init__(f"{where}: {type(exc).__name__}{': ' + detail if detail else ''}")
