"""Reading conlleval-style files into tag columns (:class:`~newsgold.scoring.conll.ConllFile`).

The file is split with array operations over its bytes, as ``str.split()`` would split
each line, not with a Python loop per line; tags become codes into one sorted vocabulary.
Scoring the columns is :mod:`newsgold.scoring.tags`' job; this module only reads.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsgold.errors import InputError
from newsgold.jsonfile import short_repr
from newsgold.scoring.conll import ConllFile

# Unicode spaces str.split() splits on beyond ASCII; mapped to " " before splitting (only
# in files that contain one).
_UNICODE_SPACE = re.compile("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


# _KEEP_BYTES[n]: a uint64 mask keeping the first n bytes of a big-endian word.
_KEEP_BYTES = np.asarray([(2**64 - 1) ^ (2 ** (64 - 8 * n) - 1) for n in range(9)], dtype=np.uint64)
_KEY_O = np.uint64(ord("O") << 56)  # the tag "O" as a masked big-endian word
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
        >>> read_conll("out.conll").n_tokens  # doctest: +SKIP
        51362
    """
    source = Path(path)
    if not source.is_file():
        raise InputError("CoNLL file not found", path=source)
    data = source.read_bytes()
    buf = np.frombuffer(data, dtype=np.uint8)
    if not data.isascii():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text: {exc}", path=source) from None
        if _UNICODE_SPACE.search(text):
            data = _UNICODE_SPACE.sub(" ", text).encode("utf-8")
            buf = np.frombuffer(data, dtype=np.uint8)
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError("expected text, found a NUL byte", path=source, line=line)
    # The bytes str.split() splits on, in the ASCII range (comparisons, not a table lookup:
    # indexing by 8 M bytes would build an 8 M-entry index array).
    space = (buf == 32) | ((buf >= 9) & (buf <= 13)) | ((buf >= 28) & (buf <= 31))
    # json.dumps escapes quotes, backslashes and control characters; whitespace never
    # reaches a token, so only the other control characters count.
    json_safe = not (b'"' in data or b"\\" in data or bool(((buf < 32) & ~space).any()))
    # Fields: runs of non-space bytes.
    before = np.ones(len(buf), dtype=bool)
    before[1:] = space[:-1]
    offset: type[np.signedinteger[Any]] = np.int32 if len(buf) < 2**31 - 1 else np.int64
    # (int32 halves the field arrays)
    starts: NDArray[np.signedinteger[Any]] = np.flatnonzero(~space & before).astype(offset)
    before[-1:] = True
    before[:-1] = space[1:]
    ends: NDArray[np.signedinteger[Any]] = (np.flatnonzero(~space & before) + 1).astype(offset)
    del space, before
    newlines = np.flatnonzero(buf == 10)
    n_lines = len(newlines) + 1
    # Fields per line: fields before each newline, differenced.
    before_newline = np.searchsorted(starts, newlines)
    width = np.diff(before_newline, prepend=0, append=len(starts))
    first_field = np.zeros(n_lines, dtype=np.int64)
    np.cumsum(width[:-1], out=first_field[1:])
    has_fields = np.flatnonzero(width > 0)
    docstart = np.zeros(n_lines, dtype=bool)
    heads = first_field[has_fields]
    maybe = has_fields[(ends[heads] - starts[heads]) == len(_DOCSTART)]
    if len(maybe):
        head_bytes = buf[starts[first_field[maybe]][:, None] + np.arange(len(_DOCSTART))]
        docstart[maybe[(head_bytes == _DOCSTART).all(axis=1)]] = True
    token_line = (width > 0) & ~docstart
    token_lines = np.flatnonzero(token_line)
    if len(token_lines):
        expected = int(width[token_lines[0]])
        bad = token_lines[(width[token_lines] < 2) | (width[token_lines] != expected)]
        if len(bad):
            number = int(bad[0])
            line_start = int(newlines[number - 1]) + 1 if number else 0
            line_end = int(newlines[number]) if number < len(newlines) else len(data)
            text_line = data[line_start:line_end].decode("utf-8", errors="replace")
            got = int(width[number])
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
    # Sentences: runs of token lines; a blank or -DOCSTART- line ends one.
    breaks = np.cumsum(~token_line)
    sentence_key = breaks[token_lines]
    new_sentence = np.ones(len(token_lines), dtype=bool)
    new_sentence[1:] = sentence_key[1:] != sentence_key[:-1]
    sentence_of = np.cumsum(new_sentence) - 1
    lengths = np.bincount(sentence_of, minlength=int(new_sentence.sum())).astype(np.int64)
    last_field = first_field[token_lines] + width[token_lines] - 1
    gold_field, pred_field = last_field - 1, last_field
    vocabulary, gold_codes, pred_codes = _tag_codes(buf, starts, ends, gold_field, pred_field)
    has_token = width[token_lines] > 2
    token_field = first_field[token_lines]
    bounds = np.stack([starts[token_field], ends[token_field]], axis=1)
    bounds[~has_token] = 0  # no token column: empty tokens
    return ConllFile(
        str(source),
        vocabulary,
        gold_codes,
        pred_codes,
        lengths,
        token_lines + 1,
        tuple((np.flatnonzero(docstart) + 1).tolist()),
        _source=data,
        _token_bounds=bounds,
        _json_safe=json_safe,
    )


def _tag_codes(
    buf: NDArray[np.uint8],
    starts: NDArray[np.integer[Any]],
    ends: NDArray[np.integer[Any]],
    gold_field: NDArray[np.int64],
    pred_field: NDArray[np.int64],
) -> tuple[tuple[str, ...], NDArray[np.int64], NDArray[np.int64]]:
    """The two tag columns as codes into their sorted joint vocabulary."""
    fields = np.concatenate([gold_field, pred_field])
    if not len(fields):
        return (), np.zeros(0, np.int64), np.zeros(0, np.int64)
    first, size = starts[fields], ends[fields] - starts[fields]
    # Each tag as its bytes zero-padded to whole 8-byte words: big-endian words compare
    # like the UTF-8 strings (no tag holds a NUL byte), so they sort like them too.
    span = 8 * ((int(size.max()) + 7) // 8)
    padded = np.concatenate([buf, np.zeros(span, dtype=np.uint8)])
    window = np.lib.stride_tricks.sliding_window_view(padded, span)[first]
    if span == 8:
        # One word per tag; the bytes past its end are masked off. Most tags are "O":
        # only the others are sorted to find the vocabulary.
        keys = window.view(">u8").ravel().astype(np.uint64) & _KEEP_BYTES[size]
        del window
        other = keys != _KEY_O
        rest = keys[other]
        unique = np.unique(rest)
        if not other.all():
            unique = np.unique(np.append(unique, _KEY_O))
        codes = np.full(len(keys), np.searchsorted(unique, _KEY_O), dtype=np.int64)
        codes[other] = np.searchsorted(unique, rest)
        vocabulary = tuple(
            int(key).to_bytes(8, "big").rstrip(b"\x00").decode("utf-8") for key in unique
        )
    else:  # rows of words sort lexicographically, like the strings
        window[np.arange(span) >= size[:, None]] = 0
        words = window.view(">u8").astype(np.uint64)
        del window
        unique, codes = np.unique(words, axis=0, return_inverse=True)
        codes = codes.ravel()
        representative = np.zeros(len(unique), dtype=np.int64)
        representative[codes[::-1]] = np.arange(len(codes))[::-1]
        vocabulary = tuple(
            bytes(buf[first[i] : first[i] + size[i]]).decode("utf-8")
            for i in representative.tolist()
        )
    codes = codes.astype(np.int64).ravel()
    n = len(gold_field)
    return vocabulary, codes[:n], codes[n:]


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
