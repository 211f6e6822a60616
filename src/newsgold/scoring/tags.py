"""Score tag sequences: ``score_tags`` on lists (seqeval-style), ``score_tag_file`` on columns
read from a file (:func:`newsgold.pipeline.score_conll` reads and calls it).

Both give the same :class:`Report` as ``score`` (all four SemEval-2013 modes, bootstrap
intervals, a signature), with sentences as units and token indices as offsets
(end-exclusive). Labels are checked against a label set (by default the newsgold entity
scheme for files, any label for lists), after an optional label map renames or drops
them, so a foreign label such as spaCy's ``PERSON`` never scores silently.

Example:
    >>> report = score_tags([["B-PER", "I-PER", "O"]], [["B-PER", "I-PER", "O"]])
    >>> report.entities["strict"].micro.f1
    1.0
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsgold.errors import InputError
from newsgold.scoring.bootstrap import CONFIDENCE_DEFAULT, RESAMPLES_DEFAULT, SEED_DEFAULT
from newsgold.scoring.conll import (
    ConllFile,
    DecodedTags,
    Reading,
    _flat_lines,
    _vocabulary_codes,
    decode_tag_codes,
    get_scheme,
    split_lengths,
)
from newsgold.scoring.entities import EntityCounts, entity_counts
from newsgold.scoring.layers import LayerCounts, build_report
from newsgold.scoring.matching import SpanTable
from newsgold.scoring.prf import ZERO_DIVISION_DEFAULT, check_zero_division
from newsgold.scoring.report import Report
from newsgold.tagging import entity_layer_hash_of_runs

LabelMap = Mapping[str, str | None]


def map_labels(
    sentences: Sequence[Sequence[str]],
    *,
    label_map: LabelMap | None = None,
    labels: Collection[str] | None = None,
    column: str = "tags",
    lines: Sequence[Sequence[int]] | None = None,
    path: str | Path | None = None,
) -> list[list[str]]:
    """Rename (or drop) the labels of tags, then check every label is allowed.

    Args:
        sentences: one list of tags per sentence (``O`` or ``PREFIX-LABEL``).
        label_map: label -> new label, or ``None`` to drop the chunk (its tags become ``O``).
        labels: the allowed labels after mapping; ``None`` allows any.
        column, lines, path: where the tags came from, for the error message.

    Raises:
        InputError: a label that is neither allowed nor mapped, naming the first line
            (or sentence and token) where it occurs.
    """
    vocabulary, codes, lengths = _vocabulary_codes(sentences)
    new_vocabulary, new_codes = map_label_codes(
        codes,
        vocabulary,
        label_map=label_map,
        labels=labels,
        column=column,
        lines=_flat_lines(lines) if lines else None,
        path=path,
    )
    return split_lengths([new_vocabulary[c] for c in new_codes.tolist()], lengths)


def map_label_codes(
    codes: NDArray[np.int64],
    vocabulary: Sequence[str],
    *,
    label_map: LabelMap | None = None,
    labels: Collection[str] | None = None,
    column: str = "tags",
    lines: NDArray[np.int64] | None = None,
    path: str | Path | None = None,
) -> tuple[tuple[str, ...], NDArray[np.int64]]:
    """:func:`map_labels` on tag codes into a sorted ``vocabulary``: the mapped vocabulary
    (sorted) and the codes into it. Every tag is looked at once, not once per token.

    Raises:
        InputError: as :func:`map_labels`; ``lines`` gives each token's line.
    """
    mapping = dict(label_map or {})
    renamed = list(vocabulary)
    for code in np.flatnonzero(np.bincount(codes, minlength=len(vocabulary))).tolist():
        tag = vocabulary[code]
        prefix, sep, label = tag.partition("-")
        if not sep or label not in mapping:
            new = tag
        else:
            target = mapping[label]
            new = "O" if target is None else f"{prefix}-{target}"
        if labels is not None and new != "O":
            new_label = new.partition("-")[2]
            if new_label and new_label not in labels:
                first = int(np.flatnonzero(codes == code)[0])
                raise InputError(
                    f"{column} label {new_label!r} (tag {tag!r}) is not in the label set "
                    f"({', '.join(sorted(labels))}); map it with --label-map FILE "
                    '(a JSON object such as {"PERSON": "PER", "MISC": null}) or accept any '
                    "label with --any-labels",
                    path=path,
                    line=None if lines is None else int(lines[first]),
                    field=column,
                )
        renamed[code] = new
    if renamed == list(vocabulary):
        return tuple(vocabulary), codes
    new_vocabulary = tuple(sorted(set(renamed)))
    index = {tag: i for i, tag in enumerate(new_vocabulary)}
    remap = np.asarray([index[tag] for tag in renamed], dtype=np.int64)
    return new_vocabulary, remap[codes]


def score_tags(
    y_true: Sequence[Sequence[str]],
    y_pred: Sequence[Sequence[str]],
    *,
    scheme: str = "IOB2",
    reading: Reading = "conlleval",
    tokens: Sequence[Sequence[str]] | None = None,
    label_map: LabelMap | None = None,
    labels: Collection[str] | None = None,
    n_resamples: int = RESAMPLES_DEFAULT,
    seed: int = SEED_DEFAULT,
    confidence: float = CONFIDENCE_DEFAULT,
    zero_division: float = ZERO_DIVISION_DEFAULT,
    with_errors: bool = False,
) -> Report:
    """Score predicted tag sequences against gold ones, as ``seqeval.metrics`` takes them.

    Args:
        y_true: gold tags, one list per sentence.
        y_pred: predicted tags, parallel to ``y_true``.
        scheme: IOB1, IOB2, IOBES or BILOU.
        reading: ``"conlleval"`` (seqeval's default mode) or ``"strict"`` (seqeval's
            ``mode="strict"``); see :mod:`newsgold.scoring.conll`.
        tokens: the words, parallel to the tags (used in error rows and the gold id).
        label_map: rename labels (``{"PERSON": "PER"}``) or drop them (``{"MISC": None}``).
        labels: allowed labels after mapping (``newsgold.scheme.ENTITY_LABELS`` to hold
            the input to the newsgold scheme); ``None`` allows any.
        n_resamples, seed, confidence, zero_division, with_errors: as in :func:`score`.

    Returns:
        A :class:`Report`: ``report.entities[mode]`` for strict, exact, partial and type,
        with intervals in ``report.ci["entities"]``; units are the sentences.

    Raises:
        InputError: sequences of different lengths, a tag invalid in the scheme, or a
            label outside ``labels``.

    Example:
        >>> r = score_tags([["B-PER", "O"]], [["B-ORG", "O"]], n_resamples=0)
        >>> r.entities["strict"].micro.f1, r.entities["exact"].micro.f1
        (0.0, 1.0)
    """
    gold = [list(s) for s in y_true]
    pred = [list(s) for s in y_pred]
    if len(gold) != len(pred):
        raise InputError(
            f"y_true has {len(gold)} sentences but y_pred has {len(pred)}", field="y_pred"
        )
    for i, (g, p) in enumerate(zip(gold, pred, strict=True)):
        if len(g) != len(p):
            raise InputError(
                f"sentence {i}: y_true has {len(g)} tags but y_pred has {len(p)}", field="y_pred"
            )
    words = [list(s) for s in tokens] if tokens is not None else [[""] * len(s) for s in gold]
    if [len(s) for s in words] != [len(s) for s in gold]:
        raise InputError("tokens must be parallel to y_true", field="tokens")
    conll = ConllFile.from_sentences("<tags>", words, gold, pred)
    return score_tag_file(
        conll,
        scheme=scheme,
        reading=reading,
        label_map=label_map,
        labels=labels,
        n_resamples=n_resamples,
        seed=seed,
        confidence=confidence,
        zero_division=zero_division,
        with_errors=with_errors,
        source_format="tags",
    )


def score_tag_file(
    conll: ConllFile,
    *,
    scheme: str,
    reading: Reading,
    label_map: LabelMap | None,
    labels: Collection[str] | None,
    n_resamples: int,
    seed: int,
    confidence: float,
    zero_division: float,
    with_errors: bool,
    source_format: str = "conll",
) -> Report:
    """Score tag columns already in memory (what :func:`newsgold.pipeline.score_conll` and
    :func:`score_tags` share)."""
    zero_division = check_zero_division(zero_division)
    if n_resamples < 0:
        raise InputError(f"resamples must be >= 0, got {n_resamples}", field="resamples")
    declared = get_scheme(scheme)
    lines = conll.token_lines
    where = conll.path if lines is not None else None
    decoded = {}
    for column, codes in (("gold", conll.gold_codes), ("pred", conll.pred_codes)):
        vocabulary, mapped = map_label_codes(
            codes,
            conll.vocabulary,
            label_map=label_map,
            labels=labels,
            column=column,
            lines=lines,
            path=where,
        )
        decoded[column] = decode_tag_codes(
            mapped,
            vocabulary,
            conll.lengths,
            declared,
            reading=reading,
            column=column,
            lines=lines,
            path=where,
        )
    names = tuple(sorted(set(decoded["gold"].labels) | set(decoded["pred"].labels)))
    index = {label: i for i, label in enumerate(names)}
    tables = {}
    for column, d in decoded.items():
        remap = np.asarray([index[label] for label in d.labels], dtype=np.int64)
        tables[column] = SpanTable(
            d.sentence, d.start, d.end, remap[d.label] if len(d.label) else d.label
        )
    n_units = max(1, conll.n_sentences)
    counts = LayerCounts("sentences", n_units)
    counts.entities = entity_counts(tables["gold"], tables["pred"], n_units, names)
    if with_errors:
        counts.errors = _conll_errors(conll, counts.entities, names)
    gold_id = _gold_id(conll, decoded["gold"])
    settings = {
        "seed": seed,
        "resamples": n_resamples,
        "confidence": confidence,
        "zero_division": zero_division,
        "units": "sentences",
        "matching": "optimal",
        "scheme": declared.name,
        "reading": reading,
    }
    info = {
        "source": conll.path,
        "format": source_format,
        "layers": ["entities"],
        "gold_documents": 1,
        "predicted_documents": 1,
        "documents_without_prediction": [],
        "issue_count": 0,
        "issues": [],
        "ignored": {"-DOCSTART- lines": len(conll.skipped_lines)} if conll.skipped_lines else {},
        "unplaced_stances": 0,
        "tokens": conll.n_tokens,
        "sentences": conll.n_sentences,
        "token_accuracy": conll.token_accuracy(),
        "ill_formed": [c.to_dict() for d in decoded.values() for c in d.ill_formed],
    }
    if label_map:
        info["label_map"] = dict(sorted(label_map.items()))
    report = build_report(counts, settings, info, {"entities": gold_id}, zero_division)
    report.errors_collected = with_errors
    return report


def _gold_id(conll: ConllFile, gold: DecodedTags) -> str:
    """The entity gold id (:func:`newsgold.tagging.entity_layer_hash`) of the gold column."""
    entities, entity_offsets = _chunks_json_runs(gold, conll.n_sentences)
    tokens, token_offsets = conll.tokens_json_runs()
    return entity_layer_hash_of_runs(entities, entity_offsets, tokens, token_offsets)


def _digits(values: NDArray[np.int64], width: int) -> tuple[NDArray[np.uint8], NDArray[np.int64]]:
    """Decimal digits of non-negative integers, right-aligned in ``width`` columns with
    NUL bytes before them, and how many each has."""
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    digits = ((values[:, None] // powers) % 10 + ord("0")).astype(np.uint8)
    size = np.sum(values[:, None] >= powers[:-1], axis=1) + 1
    digits[np.arange(width) < width - size[:, None]] = 0
    return digits, size


def _chunks_json_runs(decoded: DecodedTags, n_sentences: int) -> tuple[bytes, list[int]]:
    """Every sentence's chunks as the contents of ``json.dumps([[start, end, label], ...])``
    (no outer brackets), concatenated, and the offset where each sentence's start.

    Chunks come sorted by sentence and start, as the hash wants them. Each is laid out in
    one row of fixed-width columns, NUL bytes where a column is wider than its text (JSON
    text holds none: ``json.dumps`` escapes it), and ``bytes.translate`` drops the NULs:
    no Python loop per chunk.
    """
    n = len(decoded.start)
    if n == 0:
        return b"", [0] * (n_sentences + 1)
    labels = [json.dumps(label, ensure_ascii=False).encode("utf-8") for label in decoded.labels]
    label_width = max(map(len, labels))
    label_bytes = np.zeros((len(labels), label_width), dtype=np.uint8)
    for i, label in enumerate(labels):
        label_bytes[i, : len(label)] = np.frombuffer(label, dtype=np.uint8)
    label_size = np.asarray([len(label) for label in labels], dtype=np.int64)
    width = len(str(int(max(decoded.start.max(), decoded.end.max()))))
    start_digits, start_size = _digits(decoded.start, width)
    end_digits, end_size = _digits(decoded.end, width)
    last = np.ones(n, dtype=bool)
    last[:-1] = decoded.sentence[1:] != decoded.sentence[:-1]
    # [start, end, "label"], : 1 + width + 2 + width + 2 + label_width + 3 columns
    rows = np.zeros((n, 2 * width + label_width + 8), dtype=np.uint8)
    rows[:, 0] = ord("[")
    rows[:, 1 : 1 + width] = start_digits
    rows[:, 1 + width : 3 + width] = np.frombuffer(b", ", dtype=np.uint8)
    rows[:, 3 + width : 3 + 2 * width] = end_digits
    rows[:, 3 + 2 * width : 5 + 2 * width] = np.frombuffer(b", ", dtype=np.uint8)
    rows[:, 5 + 2 * width : 5 + 2 * width + label_width] = label_bytes[decoded.label]
    rows[:, -3:] = np.frombuffer(b"], ", dtype=np.uint8)
    rows[last, -2:] = 0  # the sentence's last chunk: no separator after it
    size = 5 + start_size + end_size + label_size[decoded.label] + np.where(last, 1, 3)
    chunk_end = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(size, out=chunk_end[1:])
    first_chunk = np.searchsorted(decoded.sentence, np.arange(n_sentences + 1))
    return rows.tobytes().translate(None, b"\x00"), chunk_end[first_chunk].tolist()


def _conll_errors(
    conll: ConllFile, counts: EntityCounts, labels: tuple[str, ...]
) -> list[dict[str, Any]]:
    m = counts.matching
    assert m is not None
    rows: list[dict[str, Any]] = []

    def item(table: SpanTable, i: int) -> dict[str, Any]:
        s, st, en = int(table.unit[i]), int(table.start[i]), int(table.end[i])
        return {
            "sentence": s,
            "start": st,
            "end": en,
            "label": labels[table.label[i]],
            "text": " ".join(conll.tokens[s][st:en]),
            "line": conll.lines[s][st] if conll.lines else None,
        }

    for i in range(len(m.gold)):
        if m.correct["strict"][i]:
            continue
        g = item(m.gold, i)
        j = int(m.gold_match["strict"][i])
        p = item(m.pred, j) if j >= 0 else None
        if p is None:
            category = "missed"
        elif (g["start"], g["end"]) == (p["start"], p["end"]):
            category = "type"
        else:
            category = "boundary" if g["label"] == p["label"] else "boundary_type"
        rows.append(
            {
                "layer": "entities",
                "category": category,
                "doc_id": conll.path,
                "gold": g,
                "pred": p,
                "context": " ".join(conll.tokens[g["sentence"]]),
            }
        )
    for j in np.flatnonzero(m.pred_match["strict"] < 0):
        p = item(m.pred, int(j))
        rows.append(
            {
                "layer": "entities",
                "category": "spurious",
                "doc_id": conll.path,
                "gold": None,
                "pred": p,
                "context": " ".join(conll.tokens[p["sentence"]]),
            }
        )
    return rows
