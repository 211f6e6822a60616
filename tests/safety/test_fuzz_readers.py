"""Property-based fuzzing of every file reader: whatever the bytes, the reader returns a
result or raises a one-line NewsgoldError, never another exception.

Three kinds of input per reader: arbitrary bytes, arbitrary JSON, and the reader's own
valid sample with one value somewhere replaced by arbitrary JSON (the mutations that
find wrongly typed fields)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgold.errors import NewsgoldError
from tests.safety.readers import READERS, Reader

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _read(reader: Reader, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / reader.filename
        path.write_bytes(data)
        try:
            reader.read(path)
        except NewsgoldError as exc:
            assert "\n" not in str(exc), str(exc)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every position in a JSON value (the root too)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = json.loads(json.dumps(value))
    holder = copy
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = new
    return copy


def _documents(sample: bytes) -> tuple[bool, list[Any]]:
    """The sample as JSON values: (is JSONL, one value per line or the whole file)."""
    try:
        return False, [json.loads(sample)]
    except ValueError:
        pass
    try:
        return True, [json.loads(line) for line in sample.splitlines() if line.strip()]
    except ValueError:
        return False, []


JSON_READERS = sorted(name for name, r in READERS.items() if _documents(r.sample())[1])


@pytest.mark.parametrize("name", sorted(READERS))
@FUZZ
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes(name: str, data: bytes) -> None:
    _read(READERS[name], data)


@pytest.mark.parametrize("name", JSON_READERS)
@FUZZ
@given(value=JSON_VALUES)
def test_arbitrary_json(name: str, value: Any) -> None:
    _read(READERS[name], json.dumps(value).encode())


@pytest.mark.parametrize("name", JSON_READERS)
@FUZZ
@given(data=st.data())
def test_valid_sample_with_one_value_replaced(name: str, data: st.DataObject) -> None:
    reader = READERS[name]
    jsonl, values = _documents(reader.sample())
    line = data.draw(st.integers(0, len(values) - 1), label="line")
    path = data.draw(st.sampled_from(_paths(values[line])), label="path")
    new = data.draw(JSON_VALUES, label="new value")
    values[line] = _replaced(values[line], path, new)
    if jsonl:
        text = "".join(json.dumps(v, ensure_ascii=False) + "\n" for v in values)
    else:
        text = json.dumps(values[0], ensure_ascii=False)
    _read(reader, text.encode())
