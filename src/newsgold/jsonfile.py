"""Reading a user's JSON with one clear error for each way it can be wrong.

Every JSON and JSONL reader in newsgold parses through :func:`parse_json`, which bounds
what hostile input can do: integers longer than :data:`MAX_INT_DIGITS` digits are
refused (offsets and counts never need more; Python itself refuses 4,300+ digits with a
bare ``ValueError``), nesting deeper than the parser's recursion limit is refused, and
every failure is an :class:`~newsgold.errors.InputError` naming the file and line.

The ``*_field`` helpers check a field's type before it is used: an integer must be a
JSON integer (never a float, never a bool, never a string of digits), so a float offset
is an error instead of being truncated.
"""

from __future__ import annotations

import json
import reprlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from newsgold.errors import InputError

MAX_INT_DIGITS = 30  # an offset, count or id; anything longer is corrupt or hostile
_MISSING: Any = object()
_short = reprlib.Repr()
_short.maxstring = 60
_short.maxother = 60
_short.maxlist = _short.maxdict = 4
_short.maxlevel = 2


def short_repr(value: Any) -> str:
    """``repr`` cut to a readable length and depth, for error messages about user data."""
    return _short.repr(value)


class _NumberTooLong(ValueError):
    pass


def _parse_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise _NumberTooLong(f"an integer with {digits} digits; expected at most {MAX_INT_DIGITS}")
    return int(text)


def _parse_constant(name: str) -> float:
    raise _NumberTooLong(f"{name} is not a JSON number; expected a finite number")


def parse_json(
    data: str | bytes, *, path: str | Path | None = None, line: int | None = None
) -> Any:
    """Parse one JSON value with bounded integers and nesting.

    Args:
        data: the JSON text (bytes must be UTF-8).
        path, line: where it came from, for the error message.

    Raises:
        InputError: not UTF-8, not JSON, an integer with more than
            :data:`MAX_INT_DIGITS` digits, ``NaN``/``Infinity``, or nesting deeper than
            the parser allows.

    Example:
        >>> parse_json('{"start": 3}')
        {'start': 3}
    """
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        return json.loads(text, parse_int=_parse_int, parse_constant=_parse_constant)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (invalid byte at position {exc.start}); expected UTF-8 JSON",
            path=path,
            line=line,
        ) from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}" if line is None else f"column {exc.colno}"
        raise InputError(f"not valid JSON: {exc.msg} ({where})", path=path, line=line) from None
    except RecursionError:
        raise InputError(
            "JSON nested too deeply (more levels than the parser allows); expected at most "
            "a few levels of objects and lists",
            path=path,
            line=line,
        ) from None
    except ValueError as exc:  # _NumberTooLong, or Python's own int-from-str limit
        raise InputError(f"not valid JSON: {exc}", path=path, line=line) from None


def read_json(path: str | Path, *, what: str) -> Any:
    """Read a whole file as one JSON value (see :func:`parse_json`).

    Raises:
        InputError: naming the file, when it is missing, a folder, empty or not JSON.
    """
    source = Path(path)
    if not source.is_file():
        kind = "is a folder" if source.is_dir() else "not found"
        raise InputError(f"{what} {kind}; expected a JSON file", path=source)
    data = source.read_bytes()
    if not data.strip():
        raise InputError(f"{what} is empty; expected JSON", path=source)
    return parse_json(data, path=source)


def read_json_object(path: str | Path, *, what: str) -> dict[str, Any]:
    """Read a JSON file that must hold one object.

    Args:
        path: the file.
        what: what the file is, for the error messages ("stance-target file", say).

    Raises:
        InputError: naming the file, when it is missing, not UTF-8 JSON, or not an object.

    Example:
        >>> import tempfile
        >>> tmp = tempfile.TemporaryDirectory()
        >>> path = Path(tmp.name, "targets.json")
        >>> _ = path.write_text('{"targets": []}')
        >>> read_json_object(path, what="stance-target file")
        {'targets': []}
        >>> _ = path.write_text("[1, 2]")
        >>> read_json_object(path, what="stance-target file")
        Traceback (most recent call last):
            ...
        newsgold.errors.InputError: .../targets.json: expected a JSON object, got list
        (a stance-target file is one object)
        >>> tmp.cleanup()
    """
    data = read_json(path, what=what)
    if not isinstance(data, dict):
        raise InputError(
            f"expected a JSON object, got {type(data).__name__} (a {what} is one object)",
            path=path,
        )
    return data


def read_json_lines(path: str | Path, *, what: str) -> Iterator[tuple[int, Any]]:
    """Yield ``(line number, value)`` for each non-blank line of a JSONL file.

    Raises:
        InputError: naming the file and line: missing file, not UTF-8, a line that is not
            JSON (see :func:`parse_json`).
    """
    source = Path(path)
    if not source.is_file():
        kind = "is a folder" if source.is_dir() else "not found"
        raise InputError(f"{what} {kind}; expected a JSONL file", path=source)
    with source.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield number, parse_json(raw, path=source, line=number)


def with_location(exc: InputError, *, path: str | Path | None, line: int | None) -> InputError:
    """The same error with ``path`` and ``line`` filled in where it had none."""
    return InputError(
        exc.message,
        path=exc.path if exc.path is not None else path,
        line=exc.line if exc.line is not None else line,
        field=exc.field,
    )


def require_object(value: Any, *, field: str | None = None) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an :class:`InputError`."""
    if not isinstance(value, dict):
        raise InputError(f"expected an object, got {_kind(value)}", field=field)
    return value


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    name = names.get(type(value))
    if value is None:
        return "null"
    if name is None:
        name = "an integer" if isinstance(value, int) else "a number"
    return f"{name} {short_repr(value)}" if not isinstance(value, dict | list) else name


def _get(data: Mapping[str, Any], key: str, default: Any, field: str) -> Any:
    if key in data:
        return data[key]
    if default is _MISSING:
        raise InputError("missing required field", field=field)
    return default


def int_field(
    data: Mapping[str, Any],
    key: str,
    *,
    minimum: int | None = 0,
    default: Any = _MISSING,
    prefix: str = "",
) -> int:
    """``data[key]`` as an integer: a JSON integer (not a float, bool or string).

    Raises:
        InputError: missing (without ``default``), of another type, or below ``minimum``.
    """
    value = _get(data, key, default, prefix + key)
    if value is default and default is not _MISSING:
        return value
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputError(f"expected an integer, got {_kind(value)}", field=prefix + key)
    if minimum is not None and value < minimum:
        raise InputError(f"expected an integer >= {minimum}, got {value}", field=prefix + key)
    return value


def str_field(
    data: Mapping[str, Any], key: str, *, default: Any = _MISSING, prefix: str = ""
) -> str:
    """``data[key]`` as a string (``default`` when absent, if given).

    Raises:
        InputError: missing (without ``default``) or not a string.
    """
    value = _get(data, key, default, prefix + key)
    if value is default and default is not _MISSING:
        return value
    if not isinstance(value, str):
        raise InputError(f"expected a string, got {_kind(value)}", field=prefix + key)
    return value


def optional_str_field(data: Mapping[str, Any], key: str, *, prefix: str = "") -> str | None:
    """``data[key]`` as a string or None (absent or null)."""
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(f"expected a string or null, got {_kind(value)}", field=prefix + key)
    return value


def list_field(
    data: Mapping[str, Any], key: str, *, default: Any = _MISSING, prefix: str = ""
) -> list[Any]:
    """``data[key]`` as a list (``default`` when absent, if given).

    Raises:
        InputError: missing (without ``default``) or not a list.
    """
    value = _get(data, key, default, prefix + key)
    if value is default and default is not _MISSING:
        return value
    if not isinstance(value, list):
        raise InputError(f"expected a list, got {_kind(value)}", field=prefix + key)
    return value


def span_pair(value: Any, *, field: str) -> tuple[int, int]:
    """A ``[start, end]`` JSON pair of non-negative integers with ``start <= end``.

    Raises:
        InputError: not a two-item list of integers, negative, or reversed.
    """
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise InputError(
            f"expected a [start, end] pair of integers, got {_kind(value)}", field=field
        )
    start, end = value
    if not 0 <= start <= end:
        raise InputError(f"expected 0 <= start <= end, got [{start}, {end}]", field=field)
    return start, end
