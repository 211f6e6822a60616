"""Token-level CoNLL/BIO input: tagging schemes, two documented readings, conlleval files.

Tagging schemes are declared, not coded as if-chains: each :class:`TaggingScheme` names
its allowed prefixes and borrows its transition patterns from seqeval's scheme classes.
A tag is ``O`` or ``<PREFIX>-<TYPE>`` (split at the first hyphen, as conlleval does).

Two readings turn a tag sequence into entity spans ``[start, end)`` (token indices,
end-exclusive). They differ only on ill-formed sequences:

``conlleval`` (default)
    conlleval's and seqeval's default reading: an ``I-X`` after ``O`` or after another
    type starts a new entity; a type change ends one. BILOU's ``U``/``L`` are read as
    ``S``/``E``. Strict-mode numbers on this reading equal conlleval's and seqeval's
    default mode.
``strict``
    seqeval's ``mode='strict'`` with the declared scheme: a chunk that does not start and
    end as the scheme prescribes is discarded. Numbers equal
    ``seqeval.metrics.*(mode='strict', scheme=...)``.

Either way every chunk the two readings disagree on is listed in an
:class:`IllFormedChunk` report, with how it was read, so nothing changes silently.
Decoding is vectorized with numpy: a transition table lookup per token pair.

Example:
    >>> spans, _ = decode_tags([["B-PER", "I-PER", "O", "I-LOC"]], "IOB2")
    >>> spans
    [(0, 0, 2, 'PER'), (0, 3, 4, 'LOC')]
    >>> spans, report = decode_tags([["B-PER", "I-PER", "O", "I-LOC"]], "IOB2", reading="strict")
    >>> spans, report[0].read_as
    ([(0, 0, 2, 'PER')], 'discarded')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from seqeval.metrics.sequence_labeling import end_of_chunk, start_of_chunk
from seqeval.scheme import BILOU, IOB1, IOB2, IOBES, Prefix, Tag, Token

from newsgold.errors import InputError

Reading = Literal["conlleval", "strict"]
READINGS: tuple[str, ...] = ("conlleval", "strict")
_PREFIXES = "OBIESLU"  # code = index; O is 0
_SEQEVAL_PREFIX = {p: getattr(Prefix, p) for p in _PREFIXES}


@dataclass(frozen=True, eq=False)
class TaggingScheme:
    """A declared tagging scheme.

    Attributes:
        name: IOB1, IOB2, IOBES or BILOU.
        prefixes: the allowed chunk prefixes (``O`` stands alone).
        seqeval_class: seqeval's token class whose patterns define the strict reading.
        conlleval_prefix: how prefixes are renamed for the conlleval reading.
    """

    name: str
    prefixes: str
    seqeval_class: type[Token]
    conlleval_prefix: dict[str, str] = field(default_factory=dict)


SCHEMES: dict[str, TaggingScheme] = {
    "IOB1": TaggingScheme("IOB1", "IBO", IOB1),
    "IOB2": TaggingScheme("IOB2", "IBO", IOB2),
    "IOBES": TaggingScheme("IOBES", "IBOES", IOBES),
    "BILOU": TaggingScheme("BILOU", "BILOU", BILOU, {"U": "S", "L": "E"}),
}


def get_scheme(name: str) -> TaggingScheme:
    """Look a scheme up by name (case-insensitive).

    Raises:
        InputError: an unsupported scheme, naming the supported ones.
    """
    scheme = SCHEMES.get(name.upper())
    if scheme is None:
        raise InputError(
            f"unsupported tagging scheme {name!r}; expected one of {', '.join(SCHEMES)}",
            field="scheme",
        )
    return scheme


@dataclass(frozen=True)
class IllFormedChunk:
    """A chunk the two readings disagree on.

    Attributes:
        sentence: sentence index (0-based).
        start, end: token span of the chunk in the reading that found it (end-exclusive).
        label: its type.
        tags: the tags of those tokens.
        read_as: what the chosen reading did: ``"entity"`` (kept) or ``"discarded"``.
        column: ``"gold"`` or ``"pred"`` (filled in by :func:`read_conll`).
        line: 1-based line of the chunk's first token in the file, when read from a file.
    """

    sentence: int
    start: int
    end: int
    label: str
    tags: tuple[str, ...]
    read_as: str
    column: str = ""
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "line": self.line,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "tags": list(self.tags),
            "read_as": self.read_as,
        }


def _table(rule: Any) -> NDArray[np.bool_]:
    # table[prev_prefix, prefix, same_type] for every prefix pair.
    table = np.zeros((len(_PREFIXES), len(_PREFIXES), 2), dtype=bool)
    for a, pa in enumerate(_PREFIXES):
        for b, pb in enumerate(_PREFIXES):
            for same in (0, 1):
                table[a, b, same] = bool(rule(pa, pb, bool(same)))
    return table


@cache
def _conlleval_tables(scheme: TaggingScheme) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    rename = scheme.conlleval_prefix

    def types(pa: str, pb: str, same: bool) -> tuple[str, str, str, str]:
        a, b = rename.get(pa, pa), rename.get(pb, pb)
        prev_type = "_" if a == "O" else "X"
        cur_type = "_" if b == "O" else ("X" if same else "Y")
        return a, b, prev_type, cur_type

    start = _table(lambda pa, pb, same: start_of_chunk(*types(pa, pb, same)))
    end = _table(lambda pa, pb, same: end_of_chunk(*types(pa, pb, same)))
    return start, end


@cache
def _strict_tables(
    scheme: TaggingScheme,
) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.bool_]]:
    cls = scheme.seqeval_class

    def check(patterns: Any) -> Any:
        def rule(pa: str, pb: str, same: bool) -> bool:
            prev, cur = _SEQEVAL_PREFIX[pa], _SEQEVAL_PREFIX[pb]
            cond = Tag.SAME if same else Tag.DIFF
            return any(
                prev in p_prev and cur in p_cur and (t == Tag.ANY or t == cond)
                for p_prev, p_cur, t in patterns
            )

        return rule

    return (
        _table(check(cls.start_patterns)),
        _table(check(cls.inside_patterns)),
        _table(check(cls.end_patterns)),
    )


@dataclass
class _Encoded:
    prefix: NDArray[np.int64]  # per token
    type_id: NDArray[np.int64]  # per token, -1 for O
    sentence: NDArray[np.int64]
    position: NDArray[np.int64]  # index within the sentence
    sentence_start: NDArray[np.bool_]
    types: list[str]
    pairs: tuple[NDArray[np.intp], NDArray[np.intp]] | None = None


def _encode(
    sentences: Sequence[Sequence[str]],
    scheme: TaggingScheme,
    lines: Sequence[Sequence[int]] | None,
    path: str | Path | None,
    column: str,
) -> _Encoded:
    lengths = np.fromiter(map(len, sentences), dtype=np.int64, count=len(sentences))
    flat = list(chain.from_iterable(sentences))
    # Sorted vocabulary: codes (and so type ids) do not depend on the order tags appear in.
    vocabulary = {tag: code for code, tag in enumerate(sorted(set(flat)))}
    codes = np.fromiter(map(vocabulary.__getitem__, flat), dtype=np.int64, count=len(flat))
    types: list[str] = []
    type_index: dict[str, int] = {}
    vocab_prefix = np.zeros(len(vocabulary), dtype=np.int64)
    vocab_type = np.full(len(vocabulary), -1, dtype=np.int64)
    for tag, code in vocabulary.items():
        if tag == "O":
            continue
        prefix, sep, label = tag.partition("-")
        if not sep or not label or prefix not in scheme.prefixes or prefix == "O":
            where = int(np.flatnonzero(codes == code)[0])
            line = None
            if lines is not None:
                s = int(np.searchsorted(np.cumsum(lengths), where, side="right"))
                line = lines[s][where - int(lengths[:s].sum())]
            raise InputError(
                f"{column} tag {tag!r} is not valid in the {scheme.name} scheme: expected 'O' "
                f"or one of {', '.join(p + '-TYPE' for p in scheme.prefixes if p != 'O')} "
                "(declare the scheme with --scheme IOB1|IOB2|IOBES|BILOU)",
                path=path,
                line=line,
                field=column,
            )
        vocab_prefix[code] = _PREFIXES.index(prefix)
        vocab_type[code] = type_index.setdefault(label, len(type_index))
        if len(types) < len(type_index):
            types.append(label)
    sentence = np.repeat(np.arange(len(sentences), dtype=np.int64), lengths)
    offsets = (
        np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(lengths) else np.zeros(0, np.int64)
    )
    position = np.arange(len(flat), dtype=np.int64) - np.repeat(offsets, lengths)
    return _Encoded(
        vocab_prefix[codes] if len(flat) else np.zeros(0, np.int64),
        vocab_type[codes] if len(flat) else np.zeros(0, np.int64),
        sentence,
        position,
        position == 0,
        types,
    )


def _pair_codes(enc: _Encoded) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Transition codes ``(prev_prefix * 7 + prefix) * 2 + same_type`` per token and boundary.

    Token ``i`` is read against the tag before it (a sentinel ``O`` at a sentence start);
    boundary ``i`` (between tokens ``i - 1`` and ``i``, ``i = 0..n``) against an ``O`` at a
    sentence start and at the end. One flat code lets every table lookup be a single take.
    """
    if enc.pairs is not None:
        return enc.pairs
    n = len(enc.prefix)
    k = len(_PREFIXES)
    prefix = enc.prefix.astype(np.intp)
    # Boundary view: index 0..n, with O at sentence starts and at n.
    last_prefix = np.empty(n + 1, dtype=np.intp)
    last_prefix[0] = 0
    last_prefix[1:] = prefix
    last_type = np.empty(n + 1, dtype=np.int64)
    last_type[0] = -1
    last_type[1:] = enc.type_id
    next_prefix = np.zeros(n + 1, dtype=np.intp)
    next_prefix[:n] = np.where(enc.sentence_start, 0, prefix)
    next_type = np.full(n + 1, -1, dtype=np.int64)
    next_type[:n] = np.where(enc.sentence_start, -1, enc.type_id)
    boundary = (last_prefix * k + next_prefix) * 2 + (last_type == next_type)
    # Token view: previous tag is O at a sentence start.
    prev_prefix = np.where(enc.sentence_start, 0, last_prefix[:n])
    prev_type = np.where(enc.sentence_start, -1, last_type[:n])
    token = (prev_prefix * k + prefix) * 2 + (prev_type == enc.type_id)
    enc.pairs = (token, boundary)
    return enc.pairs


def _decode(enc: _Encoded, scheme: TaggingScheme, reading: str) -> NDArray[np.int64]:
    """Chunks as rows ``(first_token, end_token_exclusive, type_id)`` in flat indices."""
    n = len(enc.prefix)
    if n == 0:
        return np.zeros((0, 3), dtype=np.int64)
    token, boundary = _pair_codes(enc)
    if reading == "conlleval":
        start_t, end_t = _conlleval_tables(scheme)
        starts = np.flatnonzero(start_t.ravel()[token] & (enc.prefix != 0))
        ends_at = np.flatnonzero(end_t.ravel()[boundary])
        chunk_end = ends_at[np.searchsorted(ends_at, starts, side="right")]
        return np.stack([starts, chunk_end, enc.type_id[starts]], axis=1)
    start_t, inside_t, end_t = _strict_tables(scheme)
    # Runs: a token that does not continue the previous one heads a run. A chunk starts at
    # the first start-capable token of a run and extends to the run's end (seqeval's scan).
    run_heads = np.flatnonzero(~(inside_t.ravel()[token] & ~enc.sentence_start))
    candidates = np.flatnonzero(start_t.ravel()[token])
    run_of_candidate = np.searchsorted(run_heads, candidates, side="right") - 1
    first_in_run = np.ones(len(candidates), dtype=bool)
    first_in_run[1:] = run_of_candidate[1:] != run_of_candidate[:-1]
    starts = candidates[first_in_run]
    run_end = np.append(run_heads[1:], n)
    ends = run_end[run_of_candidate[first_in_run]]
    valid = end_t.ravel()[boundary[ends]]
    starts, ends = starts[valid], ends[valid]
    return np.stack([starts, ends, enc.type_id[starts]], axis=1)


def _chunks_to_spans(enc: _Encoded, chunks: NDArray[np.int64]) -> list[tuple[int, int, int, str]]:
    return [
        (
            int(enc.sentence[s]),
            int(enc.position[s]),
            int(enc.position[s]) + int(e - s),
            enc.types[t],
        )
        for s, e, t in chunks.tolist()
    ]


@dataclass(frozen=True)
class DecodedTags:
    """Chunks of one tag column as arrays (``sentence``, ``start``, ``end``, ``label`` index)."""

    sentence: NDArray[np.int64]
    start: NDArray[np.int64]
    end: NDArray[np.int64]
    label: NDArray[np.int64]
    labels: tuple[str, ...]
    ill_formed: tuple[IllFormedChunk, ...]


def decode_tag_arrays(
    sentences: Sequence[Sequence[str]],
    scheme: str | TaggingScheme = "IOB2",
    *,
    reading: Reading = "conlleval",
    column: str = "tags",
    lines: Sequence[Sequence[int]] | None = None,
    path: str | Path | None = None,
) -> DecodedTags:
    """Decode tag sequences into chunk arrays (the fast path; see :func:`decode_tags`).

    Raises:
        InputError: a tag not valid in the scheme, or an unknown reading.
    """
    declared = scheme if isinstance(scheme, TaggingScheme) else get_scheme(scheme)
    if reading not in READINGS:
        raise InputError(
            f"unknown reading {reading!r}; expected one of {', '.join(READINGS)}", field="reading"
        )
    enc = _encode(sentences, declared, lines, path, column)
    chosen = _decode(enc, declared, reading)
    other = _decode(enc, declared, "strict" if reading == "conlleval" else "conlleval")
    # Chunks as single integers, so the two readings are compared with array set operations.
    scale = len(enc.prefix) + 1
    n_types = max(1, len(enc.types))

    def keys(rows: NDArray[np.int64]) -> NDArray[np.int64]:
        return (rows[:, 0] * scale + rows[:, 1]) * n_types + rows[:, 2]

    ill: list[IllFormedChunk] = []
    flat: list[str] | None = None
    for rows, against, read_as in ((chosen, other, "entity"), (other, chosen, "discarded")):
        differing = rows[~np.isin(keys(rows), keys(against))]
        if len(differing) and flat is None:
            flat = list(chain.from_iterable(sentences))
        for s, e, t in differing.tolist():
            sentence_index = int(enc.sentence[s])
            line = lines[sentence_index][int(enc.position[s])] if lines is not None else None
            ill.append(
                IllFormedChunk(
                    sentence_index,
                    int(enc.position[s]),
                    int(enc.position[s]) + (e - s),
                    enc.types[t],
                    tuple((flat or [])[s:e]),
                    read_as,
                    column,
                    line,
                )
            )
    ill.sort(key=lambda c: (c.sentence, c.start, c.end, c.read_as))
    return DecodedTags(
        enc.sentence[chosen[:, 0]] if len(chosen) else np.zeros(0, np.int64),
        enc.position[chosen[:, 0]] if len(chosen) else np.zeros(0, np.int64),
        (enc.position[chosen[:, 0]] + chosen[:, 1] - chosen[:, 0])
        if len(chosen)
        else np.zeros(0, np.int64),
        chosen[:, 2] if len(chosen) else np.zeros(0, np.int64),
        tuple(enc.types),
        tuple(ill),
    )


def decode_tags(
    sentences: Sequence[Sequence[str]],
    scheme: str | TaggingScheme = "IOB2",
    *,
    reading: Reading = "conlleval",
) -> tuple[list[tuple[int, int, int, str]], list[IllFormedChunk]]:
    """Decode tag sequences into entity spans.

    Args:
        sentences: one list of tags per sentence.
        scheme: the declared tagging scheme (IOB1, IOB2, IOBES, BILOU).
        reading: ``"conlleval"`` (default) or ``"strict"``; see the module docstring.

    Returns:
        ``(spans, ill_formed)``: spans as ``(sentence, start, end, label)`` with token
        offsets, end-exclusive; and every chunk the two readings disagree on.

    Raises:
        InputError: a tag that is not valid in the declared scheme.

    Example:
        >>> decode_tags([["S-PER", "B-ORG", "E-ORG"]], "IOBES")[0]
        [(0, 0, 1, 'PER'), (0, 1, 3, 'ORG')]
    """
    decoded = decode_tag_arrays(sentences, scheme, reading=reading)
    spans = [
        (int(u), int(s), int(e), decoded.labels[int(t)])
        for u, s, e, t in zip(
            decoded.sentence, decoded.start, decoded.end, decoded.label, strict=True
        )
    ]
    return spans, list(decoded.ill_formed)


@dataclass(frozen=True)
class ConllFile:
    """A conlleval-style file: per sentence, tokens, gold tags, predicted tags, line numbers."""

    path: str
    tokens: list[list[str]]
    gold: list[list[str]]
    pred: list[list[str]]
    lines: list[list[int]]
    skipped_lines: tuple[int, ...]  # -DOCSTART- lines

    @property
    def n_tokens(self) -> int:
        return sum(len(s) for s in self.gold)

    def token_accuracy(self) -> float:
        """conlleval's ``accuracy``: tokens whose predicted tag equals the gold tag."""
        total = self.n_tokens
        same = sum(
            g == p
            for gs, ps in zip(self.gold, self.pred, strict=True)
            for g, p in zip(gs, ps, strict=True)
        )
        return same / total if total else 0.0


def read_conll(path: str | Path) -> ConllFile:
    """Read a conlleval-style file.

    One token per line, whitespace-separated columns, the gold tag and the predicted tag
    as the last two columns, a blank line between sentences. ``-DOCSTART-`` lines are
    document separators (skipped and listed).

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
    tokens: list[list[str]] = []
    gold: list[list[str]] = []
    pred: list[list[str]] = []
    lines: list[list[int]] = []
    skipped: list[int] = []
    width = -1
    current: tuple[list[str], list[str], list[str], list[int]] = ([], [], [], [])
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text: {exc}", path=source) from None

    def flush() -> None:
        nonlocal current
        if current[1]:
            tokens.append(current[0])
            gold.append(current[1])
            pred.append(current[2])
            lines.append(current[3])
        current = ([], [], [], [])

    for number, line in enumerate(text.split("\n"), start=1):
        fields = line.split()
        if not fields:
            flush()
            continue
        if fields[0] == "-DOCSTART-":
            flush()
            skipped.append(number)
            continue
        if len(fields) < 2:
            raise InputError(
                f"expected at least two columns (gold tag, predicted tag), "
                f"got {len(fields)}: {line!r}",
                path=source,
                line=number,
            )
        if width < 0:
            width = len(fields)
        elif len(fields) != width:
            raise InputError(
                f"expected {width} columns like the first token line, got {len(fields)}: {line!r}",
                path=source,
                line=number,
            )
        current[0].append(fields[0] if len(fields) > 2 else "")
        current[1].append(fields[-2])
        current[2].append(fields[-1])
        current[3].append(number)
    flush()
    return ConllFile(str(source), tokens, gold, pred, lines, tuple(skipped))


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
