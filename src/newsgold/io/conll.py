"""Reading conlleval-style files into tag columns (:class:`~newsgold.scoring.conll.ConllFile`).

The file is split with array operations over its bytes, as ``str.split()`` would split
each line, not with a Python loop per line; tags become codes into one sorted vocabulary.
Scoring the columns is :mod:`newsgold.scoring.tags`' job; this module only reads.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

import numpy as np
from numpy.typing import NDArray

from newsgold.errors import InputError
from newsgold.jsonfile import short_repr
from newsgold.scoring.conll import ConllFile

# Unicode spaces str.split() splits on beyond ASCII; mapped to " " before splitting (only
# in files that contain one).
_UNICODE_SPACE = re.compile("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


# _LOW_BYTES[n]: a uint64 mask keeping the first n bytes of a little-endian word.
_LOW_BYTES = np.asarray([(1 << 8 * n) - 1 for n in range(9)], dtype=np.uint64)
_KEY_O = np.uint64(ord("O"))  # the tag "O" as a masked little-endian word
_HASH_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: 2**64 / golden ratio
_HASH_BITS = 16
_DOCSTART = np.frombuffer(b"-DOCSTART-", dtype=np.uint8)


def read_conll(path: str | Path) -> ConllFile:
    """Read a conlleval-style file.

    One token per line, whitespace-separated columns, the gold tag and the predicted tag
    as the last two columns, a blank line between sentences. ``-DOCSTART-`` lines are
    document separators (skipped and listed). The file is split with array operations
    over its bytes (as ``str.split()`` would split each line), not line by line.

    Raises:
        InputError: naming file and line: a missing file, fewer than two columns, or a
            line whose column count differs from the first token line's.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "out.conll").write_text("Kim B-PER B-PER\\nmet O O\\n\\nSeoul B-GPE O\\n")
        >>> conll = read_conll(folder / "out.conll")
        >>> conll.n_tokens, conll.n_sentences, conll.vocabulary
        (3, 2, ('B-GPE', 'B-PER', 'O'))
        >>> conll.gold, conll.pred
        ([['B-PER', 'O'], ['B-GPE']], [['B-PER', 'O'], ['O']])
    """
    source = Path(path)
    if not source.is_file():
        raise InputError("CoNLL file not found", path=source)
    data = source.read_bytes()
    if not data.isascii():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text: {exc}", path=source) from None
        if _UNICODE_SPACE.search(text):
            data = _UNICODE_SPACE.sub(" ", text).encode("utf-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError("expected text, found a NUL byte", path=source, line=line)
    buf = np.frombuffer(data, dtype=np.uint8)
    lines = _split_simple(buf) or _split(buf)
    json_safe = not (b'"' in data or b"\\" in data or lines.odd_controls)
    width = lines.width
    token_lines = np.flatnonzero(width > 0)
    head = lines.first_field[token_lines]
    head_start, head_end = lines.bounds(head)
    maybe = np.flatnonzero(head_end - head_start == len(_DOCSTART))
    docstart = maybe[:0]
    if len(maybe):
        head_bytes = buf[head_start[maybe][:, None] + np.arange(len(_DOCSTART))]
        docstart = maybe[(head_bytes == _DOCSTART).all(axis=1)]
    if len(docstart):
        keep = np.ones(len(token_lines), dtype=bool)
        keep[docstart] = False
        docstart = token_lines[docstart]
        token_lines, head, head_start, head_end = (
            token_lines[keep],
            head[keep],
            head_start[keep],
            head_end[keep],
        )
    token_width = width[token_lines]
    if len(token_lines):
        expected = int(token_width[0])
        bad = token_lines[(token_width < 2) | (token_width != expected)]
        if len(bad):
            _column_error(source, data, int(bad[0]), int(width[bad[0]]), expected)
    # Sentences: runs of token lines; a blank or -DOCSTART- line ends one.
    new_sentence = np.ones(len(token_lines), dtype=bool)
    new_sentence[1:] = token_lines[1:] != token_lines[:-1] + 1
    sentence_first = np.flatnonzero(new_sentence)
    lengths = np.diff(sentence_first, append=len(token_lines)).astype(np.int64)
    last = head + token_width - 1
    (gold_start, gold_end), (pred_start, pred_end) = lines.bounds(last - 1), lines.bounds(last)
    first = np.concatenate([gold_start, pred_start])
    vocabulary, codes = _tag_codes(buf, first, np.concatenate([gold_end, pred_end]) - first)
    del gold_start, gold_end, pred_start, pred_end, first
    bounds = np.stack([head_start, head_end], axis=1)
    bounds[token_width <= 2] = 0  # no token column: empty tokens
    return ConllFile(
        str(source),
        vocabulary,
        codes[: len(token_lines)],
        codes[len(token_lines) :],
        lengths,
        token_lines + 1,
        tuple((docstart + 1).tolist()),
        _source=data,
        _token_bounds=bounds,
        _json_safe=json_safe,
    )


class _Lines(NamedTuple):
    """A file's bytes split into whitespace-separated fields, and those into lines."""

    width: NDArray[np.int64]  # per line, number of fields (str.split() of it)
    first_field: NDArray[np.int64]  # per line, index of its first field
    starts: NDArray[np.integer[Any]]  # per field, offset of its first byte
    ends: NDArray[np.integer[Any]] | None  # per field, offset past its last byte; None:
    # field i ends one byte before field i + 1 starts (one separator between them)
    odd_controls: bool  # a control byte that is not whitespace (JSON would escape it)

    def bounds(
        self, fields: NDArray[np.int64]
    ) -> tuple[NDArray[np.integer[Any]], NDArray[np.integer[Any]]]:
        """Start and end offsets of the given fields."""
        if self.ends is None:
            return self.starts[fields], self.starts[fields + 1] - 1
        return self.starts[fields], self.ends[fields]


def _split_simple(buf: NDArray[np.uint8]) -> _Lines | None:
    """The common layout, from the separators alone: fields separated by one space, lines
    by one newline, no other byte below 33 (no tab, CR or control byte), no space at the
    start or end of a line. ``None`` for any other file (:func:`_split` reads it)."""
    n = len(buf)
    # Separators with one before the file and one after it, as offsets + 1 (so that the
    # one before is at 0): each field is (sep[i] + 1, sep[i + 1]) in file offsets.
    low = np.empty(n + 2, dtype=bool)
    low[0] = low[-1] = True
    np.less_equal(buf, 32, out=low[1:-1])
    sep: NDArray[np.integer[Any]] = np.flatnonzero(low)
    del low
    if n < 2**31 - 2:  # int32 offsets: half the memory of every array below
        sep = sep.astype(np.int32)
    kind = np.empty(len(sep), dtype=np.uint8)
    kind[0] = kind[-1] = 10  # the ends of the file end lines
    np.take(buf, sep[1:-1] - 1, out=kind[1:-1])
    line_end = kind == 10
    if np.count_nonzero(line_end) + np.count_nonzero(kind == 32) != len(kind):
        return None  # a tab, CR or control byte
    # Two separators in a row are only allowed as newlines (blank lines), which also
    # rules out spaces at either end of a line.
    adjacent = np.flatnonzero(np.diff(sep) == 1)
    if not (line_end[adjacent].all() and line_end[adjacent + 1].all()):
        return None
    line_ends = np.flatnonzero(line_end)  # separators ending lines; the first starts line 0
    width = np.diff(line_ends)
    width[sep[line_ends[1:]] - sep[line_ends[:-1]] == 1] = 0  # nothing between: a blank line
    # Field i lies between separators i and i + 1; line k's first field follows the
    # separator that ends line k - 1.
    return _Lines(width, line_ends[:-1], sep, None, False)


def _split(buf: NDArray[np.uint8]) -> _Lines:
    """Fields and lines as ``str.split()`` and ``str.split("\\n")`` would give them, for
    any file.

    One pass over the bytes finds the *events*: a field starts, a field ends, a newline.
    Everything else is computed on those, never again on every byte.
    """
    n = len(buf)
    space = buf <= 32
    # Control bytes str.split() does not split on: 1-8 and 14-27 (NUL was refused).
    odd_controls = bool(((buf - np.uint8(14)) < 14).any() or ((buf - np.uint8(1)) < 8).any())
    if odd_controls:
        space &= ~(((buf - np.uint8(14)) < 14) | ((buf - np.uint8(1)) < 8))
    event = np.empty(n, dtype=bool)
    if n:
        event[0] = not space[0]
        flags = space.view(np.int8)
        np.not_equal(flags[1:], flags[:-1], out=event[1:])
    event |= buf == 10
    at = np.flatnonzero(event)
    del event
    kind = buf[at]
    is_start = ~space[at] if odd_controls else kind > 32
    del space
    start_event = np.flatnonzero(is_start)
    starts = at[start_event]
    # The event after a field's start is its end (the first whitespace byte after it).
    ends = np.empty(len(starts), dtype=np.int64)
    if len(starts):
        ends[:-1] = at[start_event[:-1] + 1]
        ends[-1] = at[start_event[-1] + 1] if start_event[-1] + 1 < len(at) else n
    newline_event = np.flatnonzero(kind == 10)
    del kind
    # Fields that start before each newline, from its place among the events: starts
    # and ends alternate, and the only other events are newlines after whitespace. So
    # before newline event j there are s starts, s ends (s - 1 when the newline itself
    # ends a field) and p such newlines: j = 2 * s - ends_field + p.
    ends_field = np.zeros(len(newline_event), dtype=np.int64)
    ends_field[newline_event > 0] = is_start[newline_event[newline_event > 0] - 1]
    plain_before = np.arange(len(newline_event)) - np.cumsum(ends_field) + ends_field
    first_field = np.zeros(len(newline_event) + 1, dtype=np.int64)
    first_field[1:] = (newline_event - plain_before + ends_field) // 2
    width = np.diff(first_field, append=len(starts))
    return _Lines(width, first_field, starts, ends, odd_controls)


def _column_error(source: Path, data: bytes, number: int, got: int, expected: int) -> NoReturn:
    """Refuse line ``number`` (0-based) for its column count, quoting it short."""
    newlines = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    line_start = int(newlines[number - 1]) + 1 if number else 0
    line_end = int(newlines[number]) if number < len(newlines) else len(data)
    text_line = data[line_start:line_end].decode("utf-8", errors="replace")
    if got < 2:
        message = (
            f"expected at least two columns (gold tag, predicted tag), "
            f"got {got}: {short_repr(text_line)}"
        )
    else:
        message = (
            f"expected {expected} columns like the first token line, got {got}: "
            f"{short_repr(text_line)}"
        )
    raise InputError(message, path=source, line=number + 1)


def _tag_codes(
    buf: NDArray[np.uint8], first: NDArray[np.integer[Any]], size: NDArray[np.integer[Any]]
) -> tuple[tuple[str, ...], NDArray[np.int64]]:
    """Tags (``size`` bytes at ``first``) as codes into their sorted vocabulary."""
    if not len(first):
        return (), np.zeros(0, np.int64)
    # Each tag as its bytes in little-endian 8-byte words, zero past its end: no tag holds
    # a NUL byte, so equal words are equal tags. The words are read where the tags are.
    n_words = (int(size.max()) + 7) // 8
    padded = np.zeros(len(buf) + 8 * n_words, dtype=np.uint8)
    padded[: len(buf)] = buf
    words: NDArray[np.uint64] = np.ndarray(
        (len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,)
    )
    if n_words == 1:
        keys = [words[first]]
        keys[0] &= _LOW_BYTES[size]
    else:
        keys = [
            words[first + 8 * w] & _LOW_BYTES[np.clip(size - 8 * w, 0, 8)] for w in range(n_words)
        ]
    del padded, words
    found = _hashed_tags(keys[0]) if n_words == 1 else None
    return found if found is not None else _sorted_tags(keys)


def _hashed_tags(key: NDArray[np.uint64]) -> tuple[tuple[str, ...], NDArray[np.int64]] | None:
    """Distinct one-word tags and their codes, each word hashed to one of 2**16 slots
    (no sort of the 1-2 M tags); ``None`` when two distinct tags share a slot."""
    slot = key * _HASH_MULTIPLIER
    np.right_shift(slot, np.uint64(64 - _HASH_BITS), out=slot)
    slot = slot.view(np.intp)  # below 2**16: the same numbers, no copy
    table = np.zeros(1 << _HASH_BITS, dtype=np.uint64)
    table[slot] = key
    if not np.array_equal(table[slot], key):
        return None
    used = np.flatnonzero(table)
    vocabulary, rank = _vocabulary(table[used][:, None])
    code_of_slot = np.zeros(1 << _HASH_BITS, dtype=np.int64)
    code_of_slot[used] = rank
    return vocabulary, code_of_slot[slot]


def _sorted_tags(keys: list[NDArray[np.uint64]]) -> tuple[tuple[str, ...], NDArray[np.int64]]:
    """Distinct tags (rows of words) and their codes, by sorting; most tags are O, so
    only the others are sorted."""
    matrix = np.stack(keys, axis=1)
    other = (matrix[:, 0] != _KEY_O) | (matrix[:, 1:] != 0).any(axis=1)
    codes = np.zeros(len(matrix), dtype=np.int64)
    rows, inverse = np.unique(matrix[other], axis=0, return_inverse=True)
    codes[other] = inverse.ravel()
    if not other.all():
        codes[~other] = len(rows)
        o_row = np.zeros((1, matrix.shape[1]), dtype=np.uint64)
        o_row[0, 0] = _KEY_O
        rows = np.concatenate([rows, o_row])
    vocabulary, rank = _vocabulary(rows)
    return vocabulary, rank[codes]


def _vocabulary(rows: NDArray[np.uint64]) -> tuple[tuple[str, ...], NDArray[np.int64]]:
    """The tags of rows of words, sorted as strings (UTF-8 bytes sort like code points),
    and each row's rank among them."""
    tags = [b"".join(int(w).to_bytes(8, "little") for w in row).rstrip(b"\x00") for row in rows]
    order = sorted(range(len(tags)), key=tags.__getitem__)
    rank = np.empty(len(tags), dtype=np.int64)
    rank[order] = np.arange(len(tags))
    return tuple(tags[i].decode("utf-8") for i in order), rank


def read_label_map(path: str | Path) -> dict[str, str | None]:
    """Read a label map: a JSON object of label -> new label, or ``null`` to drop it.

    Example file: ``{"PERSON": "PER", "FAC": "LOC", "MISC": null}``.

    Raises:
        InputError: the file is missing, not a JSON object, or a value is neither a
            non-empty string nor null.
    """
    from newsgold.jsonfile import read_json_object

    source = Path(path)
    data = read_json_object(source, what="label map")
    for key, value in data.items():
        if value is not None and (not isinstance(value, str) or not value or "-" in value):
            raise InputError(
                f"label {key!r} maps to {value!r}; expected a label without '-' or null",
                path=source,
                field=key,
            )
    return dict(data)
