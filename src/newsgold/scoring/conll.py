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

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import chain, pairwise
from pathlib import Path
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
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


# conlleval's chunk rules as seqeval writes them (``seqeval.metrics.sequence_labeling``'s
# start_of_chunk / end_of_chunk), restated here because importing that module loads
# scikit-learn. tests/scoring/test_conll.py checks the tables equal seqeval's own.
def _start_of_chunk(prev_tag: str, tag: str, prev_type: str, type_: str) -> bool:
    if tag in ("B", "S"):
        return True
    if prev_tag in ("E", "S", "O") and tag in ("E", "I"):
        return True
    return tag not in ("O", ".") and prev_type != type_


def _end_of_chunk(prev_tag: str, tag: str, prev_type: str, type_: str) -> bool:
    if prev_tag in ("E", "S"):
        return True
    if prev_tag in ("B", "I") and tag in ("B", "S", "O"):
        return True
    return prev_tag not in ("O", ".") and prev_type != type_


@cache
def _conlleval_tables(scheme: TaggingScheme) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    rename = scheme.conlleval_prefix

    def types(pa: str, pb: str, same: bool) -> tuple[str, str, str, str]:
        a, b = rename.get(pa, pa), rename.get(pb, pb)
        prev_type = "_" if a == "O" else "X"
        cur_type = "_" if b == "O" else ("X" if same else "Y")
        return a, b, prev_type, cur_type

    start = _table(lambda pa, pb, same: _start_of_chunk(*types(pa, pb, same)))
    end = _table(lambda pa, pb, same: _end_of_chunk(*types(pa, pb, same)))
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
    """The tokens whose tag is not ``O``, in order: a chunk holds no other token, so the
    readings look at these alone (a quarter of a typical file's tokens)."""

    index: NDArray[np.int64]  # flat index of each such token
    type_id: NDArray[np.int64]  # its type (index into ``types``)
    token: NDArray[np.intp]  # transition code against the tag before it
    boundary: NDArray[np.intp]  # transition code against the tag after it
    offsets: NDArray[np.int64]  # flat index of each sentence's first token
    types: list[str]

    def sentence_position(
        self, flat: NDArray[np.int64]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Sentence and index within it of flat token indices."""
        sentence = np.searchsorted(self.offsets, flat, side="right") - 1
        return sentence, flat - self.offsets[sentence]


def _vocabulary_codes(
    sentences: Sequence[Sequence[str]],
) -> tuple[tuple[str, ...], NDArray[np.int64], NDArray[np.int64]]:
    """Sorted vocabulary, one code per tag, and the sentence lengths."""
    lengths = np.fromiter(map(len, sentences), dtype=np.int64, count=len(sentences))
    flat = list(chain.from_iterable(sentences))
    vocabulary = sorted(set(flat))
    index = {tag: code for code, tag in enumerate(vocabulary)}
    codes = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))
    return tuple(vocabulary), codes, lengths


def split_lengths(flat: list[Any], lengths: NDArray[np.int64]) -> list[list[Any]]:
    """Cut a flat list into consecutive pieces of the given lengths."""
    ends = np.cumsum(lengths).tolist()
    return [flat[a:b] for a, b in zip([0, *ends[:-1]] if ends else [], ends, strict=True)]


def _flat_lines(lines: Sequence[Sequence[int]] | None) -> NDArray[np.int64] | None:
    if lines is None:
        return None
    return np.fromiter(chain.from_iterable(lines), dtype=np.int64)


def _encode(
    codes: NDArray[np.int64],
    vocabulary: Sequence[str],
    lengths: NDArray[np.int64],
    scheme: TaggingScheme,
    lines: NDArray[np.int64] | None,
    path: str | Path | None,
    column: str,
) -> _Encoded:
    """The tokens that are not O, with their types and transition codes, from the tags'
    codes into a sorted ``vocabulary``."""
    present = np.flatnonzero(np.bincount(codes, minlength=len(vocabulary)))
    types: list[str] = []
    type_index: dict[str, int] = {}
    vocab_prefix = np.zeros(len(vocabulary), dtype=np.intp)
    vocab_type = np.full(len(vocabulary), -1, dtype=np.int64)
    for code in present.tolist():
        tag = vocabulary[code]
        if tag == "O":
            continue
        prefix, sep, label = tag.partition("-")
        if not sep or not label or prefix not in scheme.prefixes or prefix == "O":
            where = int(np.flatnonzero(codes == code)[0])
            raise InputError(
                f"{column} tag {tag!r} is not valid in the {scheme.name} scheme: expected 'O' "
                f"or one of {', '.join(p + '-TYPE' for p in scheme.prefixes if p != 'O')} "
                "(declare the scheme with --scheme IOB1|IOB2|IOBES|BILOU)",
                path=path,
                line=None if lines is None else int(lines[where]),
                field=column,
            )
        vocab_prefix[code] = _PREFIXES.index(prefix)
        vocab_type[code] = type_index.setdefault(label, len(type_index))
        if len(types) < len(type_index):
            types.append(label)
    offsets = np.zeros(len(lengths), dtype=np.int64)
    if len(lengths):
        np.cumsum(lengths[:-1], out=offsets[1:])
    is_o = np.flatnonzero(vocab_prefix == 0)
    if len(is_o) == 1:  # the common case: only the tag O (one compare, no gather)
        index = np.flatnonzero(codes != is_o[0])
    else:
        index = np.flatnonzero(vocab_prefix[codes])
    active = codes[index]
    prefix, type_id = vocab_prefix[active], vocab_type[active]
    # Whether the token before each one is a tag of the same sentence (else the tag
    # before it is O: a sentence start reads as one).
    sentence_start = np.zeros(len(codes) + 1, dtype=bool)
    sentence_start[offsets] = True
    after_tag = np.zeros(len(index), dtype=bool)
    after_tag[1:] = (index[1:] == index[:-1] + 1) & ~sentence_start[index[1:]]
    k = len(_PREFIXES)
    prev_prefix = np.zeros(len(index), dtype=np.intp)
    prev_prefix[1:] = prefix[:-1]
    prev_prefix *= after_tag
    prev_type = np.full(len(index), -1, dtype=np.int64)
    prev_type[1:] = np.where(after_tag[1:], type_id[:-1], -1)
    token = (prev_prefix * k + prefix) * 2 + (prev_type == type_id)
    next_prefix = np.zeros(len(index), dtype=np.intp)
    next_prefix[:-1] = prefix[1:] * after_tag[1:]
    next_type = np.full(len(index), -1, dtype=np.int64)
    next_type[:-1] = np.where(after_tag[1:], type_id[1:], -1)
    boundary = (prefix * k + next_prefix) * 2 + (next_type == type_id)
    return _Encoded(index, type_id, token, boundary, offsets, types)


def _decode(enc: _Encoded, scheme: TaggingScheme, reading: str) -> NDArray[np.int64]:
    """Chunks as rows ``(first_token, end_token_exclusive, type_id)`` in flat indices.

    Indices below are into ``enc``'s tokens (those that are not O). Every table keeps O
    out of a chunk (tests/scoring/test_conll.py checks it): O never starts or continues
    one, and a tag followed by O always ends one.
    """
    if not len(enc.index):
        return np.zeros((0, 3), dtype=np.int64)
    if reading == "conlleval":
        start_t, end_t = _conlleval_tables(scheme)
        first = np.flatnonzero(start_t.ravel()[enc.token])
        ends_after = np.flatnonzero(end_t.ravel()[enc.boundary])
        last = ends_after[np.searchsorted(ends_after, first)]
    else:
        start_t, inside_t, end_t = _strict_tables(scheme)
        # Runs: a token that does not continue the one before heads a run. A chunk starts
        # at the first start-capable token of a run and extends to the run's end
        # (seqeval's scan); it is kept only if the scheme lets it end there.
        heads = ~inside_t.ravel()[enc.token]
        run_heads = np.flatnonzero(heads)
        candidates = np.flatnonzero(start_t.ravel()[enc.token])
        run_of_candidate = (np.cumsum(heads) - 1)[candidates]
        first_in_run = np.ones(len(candidates), dtype=bool)
        first_in_run[1:] = run_of_candidate[1:] != run_of_candidate[:-1]
        first = candidates[first_in_run]
        run_last = np.append(run_heads[1:], len(enc.index)) - 1
        last = run_last[run_of_candidate[first_in_run]]
        valid = end_t.ravel()[enc.boundary[last]]
        first, last = first[valid], last[valid]
    return np.stack([enc.index[first], enc.index[last] + 1, enc.type_id[first]], axis=1)


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
    vocabulary, codes, lengths = _vocabulary_codes(sentences)
    return decode_tag_codes(
        codes,
        vocabulary,
        lengths,
        scheme,
        reading=reading,
        column=column,
        lines=_flat_lines(lines),
        path=path,
    )


def decode_tag_codes(
    codes: NDArray[np.int64],
    vocabulary: Sequence[str],
    lengths: NDArray[np.int64],
    scheme: str | TaggingScheme = "IOB2",
    *,
    reading: Reading = "conlleval",
    column: str = "tags",
    lines: NDArray[np.int64] | None = None,
    path: str | Path | None = None,
) -> DecodedTags:
    """Decode tags given as codes into ``vocabulary`` (sorted), ``lengths`` per sentence.

    ``lines`` gives each token's 1-based line in ``path``, for error messages.

    Raises:
        InputError: a tag not valid in the scheme, or an unknown reading.
    """
    declared = scheme if isinstance(scheme, TaggingScheme) else get_scheme(scheme)
    if reading not in READINGS:
        raise InputError(
            f"unknown reading {reading!r}; expected one of {', '.join(READINGS)}", field="reading"
        )
    enc = _encode(codes, vocabulary, lengths, declared, lines, path, column)
    chosen = _decode(enc, declared, reading)
    other = _decode(enc, declared, "strict" if reading == "conlleval" else "conlleval")
    # Chunks as single integers, increasing (each reading's chunks are disjoint, in
    # order), so the two readings are compared with binary searches.
    scale = len(codes) + 1
    n_types = max(1, len(enc.types))

    def keys(rows: NDArray[np.int64]) -> NDArray[np.int64]:
        return (rows[:, 0] * scale + rows[:, 1]) * n_types + rows[:, 2]

    ill: list[IllFormedChunk] = []
    agree = np.array_equal(chosen, other)  # the common case: nothing to compare
    for rows, against, read_as in ((chosen, other, "entity"), (other, chosen, "discarded")):
        if agree:
            break
        mine, theirs = keys(rows), keys(against)
        where = np.minimum(np.searchsorted(theirs, mine), max(0, len(theirs) - 1))
        found = theirs[where] == mine if len(theirs) else np.zeros(len(mine), dtype=bool)
        differing = rows[~found]
        sentence, position = enc.sentence_position(differing[:, 0])
        for (s, e, t), u, p in zip(
            differing.tolist(), sentence.tolist(), position.tolist(), strict=True
        ):
            ill.append(
                IllFormedChunk(
                    u,
                    p,
                    p + (e - s),
                    enc.types[t],
                    tuple(vocabulary[c] for c in codes[s:e].tolist()),
                    read_as,
                    column,
                    None if lines is None else int(lines[s]),
                )
            )
    ill.sort(key=lambda c: (c.sentence, c.start, c.end, c.read_as))
    sentence, position = enc.sentence_position(chosen[:, 0])
    return DecodedTags(
        sentence,
        position,
        position + chosen[:, 1] - chosen[:, 0],
        chosen[:, 2],
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


@dataclass(frozen=True, eq=False)
class ConllFile:
    """A conlleval-style file: per sentence, tokens, gold tags, predicted tags, line numbers.

    Tags are kept as codes into one sorted ``vocabulary`` shared by both columns (so the
    scorer never builds a Python string per token); ``tokens``, ``gold``, ``pred`` and
    ``lines`` give them back as lists of lists on demand.

    Attributes:
        path: the file (or ``"<tags>"`` for tags given in memory).
        vocabulary: every tag of either column, sorted.
        gold_codes, pred_codes: per token, its tag's index into ``vocabulary``.
        lengths: tokens per sentence.
        token_lines: per token, its 1-based line in the file (``None`` in memory).
        skipped_lines: ``-DOCSTART-`` lines.
    """

    path: str
    vocabulary: tuple[str, ...]
    gold_codes: NDArray[np.int64]
    pred_codes: NDArray[np.int64]
    lengths: NDArray[np.int64]
    token_lines: NDArray[np.int64] | None
    skipped_lines: tuple[int, ...]
    _source: bytes = field(default=b"", repr=False)  # the file's bytes (tokens come from it)
    _token_bounds: NDArray[np.integer[Any]] | None = field(default=None, repr=False)  # (n, 2)
    _token_lists: list[list[str]] | None = field(default=None, repr=False)
    _json_safe: bool = field(default=False, repr=False)  # no byte json.dumps would escape

    @classmethod
    def from_sentences(
        cls,
        path: str,
        tokens: Sequence[Sequence[str]],
        gold: Sequence[Sequence[str]],
        pred: Sequence[Sequence[str]],
    ) -> ConllFile:
        """Tag columns held in memory (one list per sentence, all three parallel)."""
        vocabulary, codes, lengths = _vocabulary_codes([*gold, *pred])
        n = int(lengths[: len(gold)].sum())
        return cls(
            path,
            vocabulary,
            codes[:n],
            codes[n:],
            lengths[: len(gold)],
            None,
            (),
            _token_lists=[list(s) for s in tokens],
        )

    @property
    def n_tokens(self) -> int:
        return len(self.gold_codes)

    @property
    def n_sentences(self) -> int:
        return len(self.lengths)

    def _split(self, flat: list[Any]) -> list[list[Any]]:
        return split_lengths(flat, self.lengths)

    @cached_property
    def tokens(self) -> list[list[str]]:
        if self._token_lists is not None:
            return self._token_lists
        assert self._token_bounds is not None
        source = self._source
        return self._split([source[a:b].decode("utf-8") for a, b in self._token_bounds.tolist()])

    @cached_property
    def gold(self) -> list[list[str]]:
        return self._split(np.asarray(self.vocabulary, dtype=object)[self.gold_codes].tolist())

    @cached_property
    def pred(self) -> list[list[str]]:
        return self._split(np.asarray(self.vocabulary, dtype=object)[self.pred_codes].tolist())

    @cached_property
    def lines(self) -> list[list[int]]:
        """Per sentence, the 1-based line of each token (empty for tags in memory)."""
        return [] if self.token_lines is None else self._split(self.token_lines.tolist())

    def token_accuracy(self) -> float:
        """conlleval's ``accuracy``: tokens whose predicted tag equals the gold tag."""
        total = self.n_tokens
        return int(np.count_nonzero(self.gold_codes == self.pred_codes)) / total if total else 0.0

    def tokens_json(self) -> list[bytes]:
        """Per sentence, its tokens as a JSON array (``json.dumps(tokens, ensure_ascii=False)``)."""
        data, offsets = self.tokens_json_runs()
        return [b"[" + data[a:b] + b"]" for a, b in pairwise(offsets)]

    def tokens_json_runs(self) -> tuple[bytes, list[int]]:
        """Every sentence's token JSON array without its brackets, concatenated, and the
        offset where each sentence's starts (``n_sentences + 1`` offsets).

        From a file whose every token line has a token column and no byte JSON escapes,
        the arrays are cut out of the file's bytes with array operations.
        """
        bounds = self._token_bounds
        if (
            bounds is None
            or not len(bounds)
            or not bool((bounds[:, 1] > bounds[:, 0]).all())
            or not self._json_safe
        ):
            rows = [json.dumps(t, ensure_ascii=False).encode("utf-8")[1:-1] for t in self.tokens]
            offsets = np.zeros(len(rows) + 1, dtype=np.int64)
            np.cumsum([len(r) for r in rows], out=offsets[1:])
            return b"".join(rows), offsets.tolist()
        size = bounds[:, 1] - bounds[:, 0]
        if int(size.max()) <= _SHORT_TOKEN:
            return _short_tokens_json_runs(self._source, bounds[:, 0], size, self.lengths)
        return _tokens_json_runs(self._source, bounds.astype(np.int64), self.lengths)


_SHORT_TOKEN = 16  # tokens up to this many bytes are laid out in fixed-width rows
_LOW_BYTES = np.asarray([(1 << 8 * n) - 1 for n in range(9)], dtype=np.uint64)


def _short_tokens_json_runs(
    source: bytes,
    start: NDArray[np.integer[Any]],
    size: NDArray[np.integer[Any]],
    lengths: NDArray[np.int64],
) -> tuple[bytes, list[int]]:
    """:func:`_tokens_json_runs` for tokens of at most 16 bytes: one fixed-width row per
    token, ``"``, the token's bytes read as little-endian words, NUL padding (the file
    holds no NUL), ``", `` (``"`` alone after a sentence's last token); ``bytes.translate``
    drops the NULs."""
    n_words = (int(size.max()) + 7) // 8
    padded = np.zeros(len(source) + 8 * n_words, dtype=np.uint8)
    padded[: len(source)] = np.frombuffer(source, dtype=np.uint8)
    words: NDArray[np.uint64] = np.ndarray(
        (len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,)
    )
    rows = np.zeros((len(start), 8 * n_words + 4), dtype=np.uint8)
    rows[:, 0] = ord('"')
    body = rows[:, 1 : 1 + 8 * n_words].view("<u8")
    for w in range(n_words):
        body[:, w] = words[start + 8 * w] & _LOW_BYTES[np.clip(size - 8 * w, 0, 8)]
    del padded, words
    rows[:, -3:] = np.frombuffer(b'", ', dtype=np.uint8)
    token_end = np.cumsum(lengths)
    last = token_end[lengths > 0] - 1
    rows[last, -2:] = 0
    row_size = size.astype(np.int64) + 4
    row_size[last] -= 2
    run_end = np.zeros(len(start) + 1, dtype=np.int64)
    np.cumsum(row_size, out=run_end[1:])
    text = rows.tobytes().translate(None, b"\x00")
    return text, run_end[np.concatenate([[0], token_end])].tolist()


def _tokens_json_runs(
    source: bytes, bounds: NDArray[np.int64], lengths: NDArray[np.int64]
) -> tuple[bytes, list[int]]:
    """Write ``"tok", `` over each token line of a copy of the file, then keep those bytes.

    A token line holds the token, a space, the gold tag, a space and the predicted tag,
    so the four bytes after the token are free for ``", `` and the byte before it (the
    previous newline, or a space) for the opening quote. The file is copied once, with one
    leading byte; the bytes between the kept runs are zeroed (the file holds no NUL) and
    deleted by ``bytes.translate``, with no per-byte index array.
    """
    token_end = np.cumsum(lengths)
    last = np.zeros(len(bounds), dtype=bool)
    last[token_end[lengths > 0] - 1] = True
    start, end = bounds[:, 0], bounds[:, 1] + 1  # +1: the copy's leading byte
    text = np.empty(len(source) + 1, dtype=np.uint8)
    text[0] = ord(" ")
    text[1:] = np.frombuffer(source, dtype=np.uint8)
    text[start] = ord('"')
    text[end] = ord('"')
    text[end[~last] + 1] = ord(",")
    text[end[~last] + 2] = ord(" ")
    stop = end + 1 + 2 * ~last  # exclusive end of each kept run
    # Runs of bytes to drop and to keep, alternating: drop, keep, drop, ..., keep, drop.
    runs = np.empty(2 * len(start) + 1, dtype=np.int64)
    runs[0] = start[0]
    runs[1::2] = stop - start
    runs[2:-1:2] = start[1:] - stop[:-1]
    runs[-1] = len(text) - stop[-1]
    kept = np.zeros(len(runs), dtype=np.uint8)
    kept[1::2] = 1
    text *= np.repeat(kept, runs)
    run_end = np.zeros(len(bounds) + 1, dtype=np.int64)
    np.cumsum(runs[1::2], out=run_end[1:])
    return text.tobytes().translate(None, b"\x00"), run_end[
        np.concatenate([[0], token_end])
    ].tolist()


def __getattr__(name: str) -> Any:
    # read_conll, read_label_map moved to newsgold.io.conll; the old import path keeps working.
    if name in ("read_conll", "read_label_map"):
        import importlib

        return getattr(importlib.import_module("newsgold.io.conll"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
