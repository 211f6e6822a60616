"""Build the Hugging Face dataset: streaming Parquet files plus a README.md dataset card.

Layout of the output folder (every offset is a character offset into the document's
``text``, end-exclusive)::

    README.md                        dataset card; its YAML declares the four configs
    documents/<split>.parquet        one row per document, every layer nested
    entities/<split>.parquet         one row per annotatable sentence, BIO tags + spans
    events/<split>.parquet           one row per annotatable sentence, event mentions
    stance/<split>.parquet           one row per annotatable sentence x declared target

Records are streamed: at most one row group per file is held in memory, so memory stays
bounded however many documents there are. Each file embeds the ``datasets`` features in
its Arrow schema metadata (key ``huggingface``), so ``datasets.load_dataset`` restores
the ``ClassLabel`` names without newsgold. Two builds from equal input are
byte-identical: rows follow document-id order, row groups have a fixed size, and nothing
time-dependent is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import Features

from newsgold.atomic import atomic_write_text
from newsgold.corpus.document import Document
from newsgold.corpus.splits import SplitPolicy, load_split_policy
from newsgold.dataset.card import CardInputs, render_card
from newsgold.dataset.card_sections import render_license
from newsgold.dataset.features import CONFIG_NAMES, NER_TAGS, TRIGGER_TAGS, config_features
from newsgold.dataset.manifest import LICENSE_FILE, MANIFEST_FILE, write_manifest
from newsgold.dataset.statistics import (
    LISTED_DOCUMENTS,
    DatasetStatistics,
    DocumentSummary,
    SplitStatistics,
    WithheldText,
)
from newsgold.errors import InputError
from newsgold.guard import check_output_folder, mark_output_folder
from newsgold.licenses import is_redistributable
from newsgold.problems import Problem
from newsgold.records import (
    DocumentAnnotations,
    GoldDocument,
    StanceAnnotation,
    StanceTarget,
    read_annotations_jsonl,
)
from newsgold.scheme import (
    AUTHOR_HOLDER,
    ENTITY_LABELS,
    EVENT_TYPES,
    REALIS_LABELS,
    ROLE_LABELS,
    STANCE_LABELS,
)
from newsgold.stance_targets import cell_decider
from newsgold.tagging import bio_tags, span_chunks
from newsgold.validation import annotation_problems, raise_for_problems

# Rows per Parquet row group: fixed, so files are byte-identical whatever the input size.
ROW_GROUP_SIZES: dict[str, int] = {
    "documents": 64,
    "entities": 1024,
    "events": 1024,
    "stance": 1024,
}
PARQUET_COMPRESSION = "zstd"
# Problems kept for the error message; the rest are only counted.
_KEPT_PROBLEMS = 200

_ENTITY_INDEX = {code: index for index, code in enumerate(ENTITY_LABELS)}
_EVENT_INDEX = {code: index for index, code in enumerate(EVENT_TYPES)}
_REALIS_INDEX = {code: index for index, code in enumerate(REALIS_LABELS)}
_ROLE_INDEX = {code: index for index, code in enumerate(ROLE_LABELS)}
_STANCE_INDEX = {code: index for index, code in enumerate(STANCE_LABELS)}
_TAG_INDEX = {tag: index for index, tag in enumerate(NER_TAGS)}
_TRIGGER_INDEX = {tag: index for index, tag in enumerate(TRIGGER_TAGS)}


@dataclass(frozen=True)
class DataFile:
    """One written Parquet file."""

    config: str
    split: str
    path: str  # relative to the dataset folder, '/'-separated
    rows: int
    arrow_bytes: int  # Arrow size when loaded (the `num_bytes` of the split)
    sha256: str


@dataclass
class BuildResult:
    """What :func:`build_dataset` wrote."""

    out_dir: Path
    files: list[DataFile] = field(default_factory=list)
    statistics: DatasetStatistics = field(default_factory=DatasetStatistics)
    redistributable: bool = False  # built with text left out where its licence says so
    # One row per config for the card, labels as names (the first row with text that
    # shows something: a sentence with entities, with events, a stance row not NONE).
    examples: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def splits(self) -> list[str]:
        return sorted({data_file.split for data_file in self.files})

    def summary_lines(self) -> list[str]:
        """Human-readable lines: one per file, then the totals."""
        lines = [
            f"{data_file.path:<28} {data_file.rows:>8} rows  sha256 {data_file.sha256[:12]}"
            for data_file in self.files
        ]
        total = self.statistics.total()
        lines.append(
            f"{self.statistics.documents} document(s), {total.sentences} sentences, "
            f"{sum(total.entities.values())} entities, {sum(total.events.values())} events, "
            f"{sum(total.stances.values())} stance annotations -> {self.out_dir / 'README.md'}"
        )
        for withheld in self.statistics.withheld:
            lines.append(
                f"text withheld: {withheld.id} ({withheld.license or 'unknown licence'}); "
                f"sha256 {withheld.sha256[:12]}, restore with `newsgold dataset hydrate`"
            )
        return lines


# ---------------------------------------------------------------- rows


def _holder_columns(holder_id: str | None, entities: dict[str, Any]) -> dict[str, Any]:
    if holder_id is None:
        return {
            "holder_id": AUTHOR_HOLDER,
            "holder_text": None,
            "holder_start": None,
            "holder_end": None,
        }
    mention = entities[holder_id]
    return {
        "holder_id": holder_id,
        "holder_text": mention.text,
        "holder_start": mention.start,
        "holder_end": mention.end,
    }


def _entity_dict(mention: Any) -> dict[str, Any]:
    return {
        "id": mention.id,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "label": _ENTITY_INDEX[mention.label],
        "key": mention.key,
    }


def text_sha256(text: str) -> str:
    """Hex SHA-256 of a document's normalized text, UTF-8: what hydration checks."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Columns that hold text copied from the document; a redistributable build nulls them.
_TEXT_COLUMNS = frozenset({"text", "holder_text", "evidence_text"})


def withhold_text(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of one document with every text-derived column set to null.

    ``text``, ``holder_text`` and ``evidence_text`` (at any depth) become null and the
    sentence configs' token strings become null tokens of the same count; offsets,
    labels, ids and ``text_sha256`` stay, so the annotations remain usable and
    :func:`newsgold.dataset.hydrate.hydrate_dataset` can restore the text exactly.
    """

    def strip(value: Any, top: bool) -> Any:
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for key, item in value.items():
                if key in _TEXT_COLUMNS:
                    out[key] = None
                elif top and key == "tokens" and item and isinstance(item[0], str):
                    out[key] = [None] * len(item)
                else:
                    out[key] = strip(item, False)
            return out
        if isinstance(value, list):
            return [strip(item, False) for item in value]
        return value

    return [strip(row, True) for row in rows]


def document_row(record: GoldDocument) -> dict[str, Any]:
    """The ``documents`` row of one record (labels as ``ClassLabel`` indices)."""
    document, annotations, targets = record
    canonical = annotations.sorted()
    return {
        "id": document.id,
        "annotator": annotations.annotator,
        "text": document.text,
        "text_sha256": text_sha256(document.text),
        "metadata": {
            "title": document.title,
            "source": document.source,
            "url": document.url,
            "date": document.date,
            "language": document.language,
            "license": document.license,
            "attribution": document.attribution,
        },
        "paragraphs": [{"start": s, "end": e} for s, e in document.paragraphs],
        "sentences": [{"start": s, "end": e} for s, e in document.sentences],
        "tokens": [{"start": s, "end": e} for s, e in document.tokens],
        "excluded": [
            {"start": r.start, "end": r.end, "reason": r.reason} for r in document.excluded
        ],
        "stance_targets": [t.to_dict() for t in targets],
        "entities": [_entity_dict(m) for m in canonical.entities],
        "events": [
            {
                "id": event.id,
                "start": event.start,
                "end": event.end,
                "text": event.text,
                "type": _EVENT_INDEX[event.type],
                "realis": _REALIS_INDEX[event.realis],
                "arguments": [
                    {"role": _ROLE_INDEX[a.role], "entity_id": a.entity_id}
                    for a in sorted(event.arguments)
                ],
            }
            for event in canonical.events
        ],
        "stances": [
            {
                "id": stance.id,
                "start": stance.start,
                "end": stance.end,
                "text": stance.text,
                "target": stance.target,
                "label": _STANCE_INDEX[stance.polarity],
                "holder_id": stance.holder_id if stance.holder_id is not None else AUTHOR_HOLDER,
            }
            for stance in canonical.stances
        ],
    }


def stance_label_of(
    annotations: Sequence[StanceAnnotation],
) -> tuple[str, StanceAnnotation | None]:
    """The label of one sentence x target and the annotation that decides it.

    The rule of annotations/GUIDELINES.md §5.5: ignore NONE annotations; none left ->
    ``NONE``; otherwise the majority of FAVOR vs AGAINST; a tie goes to the polarity of
    the annotation with the smallest start. The deciding annotation is the first by
    offset with the winning polarity (None when the label is NONE).

    Args:
        annotations: the stance annotations of one target whose evidence starts in the
            sentence, in any order.

    Example:
        >>> stance_label_of([])
        ('NONE', None)
    """
    ordered = sorted(annotations)  # full record order: the decider never depends on input order
    decider = cell_decider([(a.start, a.end, a.polarity) for a in ordered])
    if decider is None:
        return "NONE", None
    return ordered[decider].polarity, ordered[decider]


class _SentenceRows(NamedTuple):
    entities: list[dict[str, Any]]
    events: list[dict[str, Any]]
    stance: list[dict[str, Any]]


def sentence_rows(record: GoldDocument, stats: SplitStatistics | None = None) -> _SentenceRows:
    """The ``entities``, ``events`` and ``stance`` rows of one record.

    Only annotatable sentences (outside every excluded region) become rows. An annotation
    belongs to the sentence its start offset lies in. BIO tags ("expand" alignment): a
    token gets a tag when it overlaps an entity span, ``B-`` for the first such token of
    the span in the sentence; the exact spans are in ``entities``.

    Args:
        record: a validated record.
        stats: counters to update, if any.
    """
    document, annotations, targets = record
    canonical = annotations.sorted()
    entities_by_id = canonical.entity_by_id()
    sentence_starts = [s for s, _ in document.sentences]
    token_starts = [s for s, _ in document.tokens]
    token_ends = [e for _, e in document.tokens]

    def sentence_of(offset: int) -> int:
        return bisect_right(sentence_starts, offset) - 1

    grouped_entities: dict[int, list[Any]] = {}
    for mention in canonical.entities:
        grouped_entities.setdefault(sentence_of(mention.start), []).append(mention)
    grouped_events: dict[int, list[Any]] = {}
    for event in canonical.events:
        grouped_events.setdefault(sentence_of(event.start), []).append(event)
    grouped_stances: dict[tuple[int, str], list[StanceAnnotation]] = {}
    for stance in canonical.stances:
        grouped_stances.setdefault((sentence_of(stance.start), stance.target), []).append(stance)

    rows = _SentenceRows([], [], [])
    for index in document.annotatable_sentences():
        s_start, s_end = document.sentences[index]
        common = {
            "doc_id": document.id,
            "sentence_index": index,
            "sentence_start": s_start,
            "sentence_end": s_end,
            "text": document.text[s_start:s_end],
        }
        first = bisect_left(token_starts, s_start)
        last = bisect_left(token_starts, s_end)
        mentions = grouped_entities.get(index, [])
        chunks = span_chunks(
            document.tokens[first:last], [(m.start, m.end, m.label) for m in mentions]
        )
        if stats is not None:
            stats.unaligned_entities += sum(not c.aligned for c in chunks)
            stats.unaligned_entities += len(mentions) - len(chunks)  # overlaps no token
        tags = [_TAG_INDEX[tag] for tag in bio_tags(last - first, chunks)]
        token_columns = {
            "tokens": [document.text[token_starts[t] : token_ends[t]] for t in range(first, last)],
            "token_offsets": [
                {"start": token_starts[t], "end": token_ends[t]} for t in range(first, last)
            ],
        }
        rows.entities.append(
            {
                **common,
                **token_columns,
                "ner_tags": tags,
                "entities": [_entity_dict(m) for m in mentions],
            }
        )
        events_here = grouped_events.get(index, [])
        trigger_chunks = span_chunks(
            document.tokens[first:last], [(e.start, e.end, e.type) for e in events_here]
        )
        rows.events.append(
            {
                **common,
                **token_columns,
                "trigger_tags": [
                    _TRIGGER_INDEX[tag] for tag in bio_tags(last - first, trigger_chunks)
                ],
                "events": [
                    {
                        "id": event.id,
                        "start": event.start,
                        "end": event.end,
                        "text": event.text,
                        "type": _EVENT_INDEX[event.type],
                        "realis": _REALIS_INDEX[event.realis],
                        "arguments": [
                            {
                                "role": _ROLE_INDEX[argument.role],
                                "entity_id": argument.entity_id,
                                "entity_label": _ENTITY_INDEX[
                                    entities_by_id[argument.entity_id].label
                                ],
                                "start": entities_by_id[argument.entity_id].start,
                                "end": entities_by_id[argument.entity_id].end,
                                "text": entities_by_id[argument.entity_id].text,
                            }
                            for argument in sorted(event.arguments)
                        ],
                    }
                    for event in events_here
                ],
            }
        )
        for target in targets:
            evidence = grouped_stances.get((index, target.id), [])
            label, decider = stance_label_of(evidence)
            if decider is None:
                deciding: dict[str, Any] = {
                    "holder_id": None,
                    "holder_text": None,
                    "holder_start": None,
                    "holder_end": None,
                    "evidence_start": None,
                    "evidence_end": None,
                    "evidence_text": None,
                }
            else:
                deciding = {
                    **_holder_columns(decider.holder_id, entities_by_id),
                    "evidence_start": decider.start,
                    "evidence_end": decider.end,
                    "evidence_text": decider.text,
                }
            rows.stance.append(
                {
                    **common,
                    "target": target.id,
                    "target_name": target.name,
                    "target_description": target.description,
                    "label": _STANCE_INDEX[label],
                    **deciding,
                    "annotations": [
                        {
                            "id": stance.id,
                            "start": stance.start,
                            "end": stance.end,
                            "text": stance.text,
                            "label": _STANCE_INDEX[stance.polarity],
                            **_holder_columns(stance.holder_id, entities_by_id),
                        }
                        for stance in evidence
                    ],
                }
            )
            if stats is not None:
                stats.stance_rows[label] += 1
        if stats is not None:
            stats.sentences += 1
            stats.tokens += last - first
    return rows


def _count_record(record: GoldDocument, stats: SplitStatistics) -> None:
    document, annotations, targets = record
    stats.documents += 1
    stats.excluded_regions += len(document.excluded)
    stats.excluded_sentences += len(document.sentences) - len(document.annotatable_sentences())
    stats.declared_targets += len(targets)
    for mention in annotations.entities:
        stats.entities[mention.label] += 1
        if mention.key is not None:
            stats.entity_keys += 1
    for event in annotations.events:
        stats.events[event.type] += 1
        stats.realis[event.realis] += 1
        for argument in event.arguments:
            stats.arguments[argument.role] += 1
    for stance in annotations.stances:
        stats.stances[stance.polarity] += 1


# ---------------------------------------------------------------- writing


class _ParquetSink:
    """One Parquet file written row group by row group (at most one group in memory)."""

    def __init__(self, path: Path, features: Features, row_group_size: int) -> None:
        self.path = path
        self.schema = features.arrow_schema  # carries the `huggingface` features metadata
        self.row_group_size = row_group_size
        self.rows = 0
        self._buffer: list[dict[str, Any]] = []
        self._writer: pq.ParquetWriter | None = None

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self._buffer.append(row)
            if len(self._buffer) >= self.row_group_size:
                self._flush()

    def _flush(self) -> None:
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(
                self.path,
                self.schema,
                compression=PARQUET_COMPRESSION,
                use_dictionary=True,
                write_statistics=True,
            )
        if self._buffer:
            table = pa.Table.from_pylist(self._buffer, schema=self.schema)
            self._writer.write_table(table, row_group_size=self.row_group_size)
            self.rows += len(self._buffer)
            self._buffer = []

    def close(self) -> None:
        self._flush()
        assert self._writer is not None
        self._writer.close()


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _arrow_bytes(path: Path) -> int:
    """Arrow size of the file's data as read back, one row group at a time: the
    ``num_bytes`` that ``datasets`` records for the split."""
    parquet = pq.ParquetFile(path)
    return sum(parquet.read_row_group(i).nbytes for i in range(parquet.num_row_groups))


def _replace_dir(staging: Path, target: Path) -> None:
    """Put ``staging`` in place of ``target``; readers never see a half-written dataset."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    if old.exists():
        shutil.rmtree(old)


BUILD_COMMAND = "dataset build"  # named in the marker that lets a rebuild replace the folder


def _remove_stale_staging(target: Path) -> None:
    """Remove staging and old folders that a killed build of ``target`` left behind."""
    for leftover in target.parent.glob(f".{target.name}.*-*"):
        kind, _, pid = leftover.name.rpartition("-")
        if not kind.endswith((".building", ".old")) or not pid.isdigit() or not leftover.is_dir():
            continue
        if int(pid) != os.getpid() and not _process_alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def build_dataset(
    records: Iterable[GoldDocument | tuple[Document, DocumentAnnotations, Sequence[StanceTarget]]],
    out_dir: str | Path,
    *,
    split_policy: SplitPolicy | None = None,
    card_inputs: CardInputs | None = None,
    redistributable: bool = False,
) -> BuildResult:
    """Validate gold records and write the dataset (Parquet per config and split + card).

    Records are consumed once, as a stream, and must come in strictly increasing
    document-id order (as ``load_corpus`` and ``read_annotations_jsonl`` give them), so
    the output does not depend on how they were produced. Nothing is written to
    ``out_dir`` unless every record is valid; ``out_dir`` is then replaced as a whole.

    Args:
        records: ``(document, gold annotations, declared stance targets)`` per document.
        out_dir: the dataset folder to (re)create, e.g. ``build/dataset``.
        split_policy: how documents go to splits (default: the packaged ``splits.json``,
            which pins the seed article to ``test``).
        card_inputs: agreement figures and provenance for the card; default: none, and
            the card says so.
        redistributable: leave out the text of every document whose licence does not
            allow republishing it (:func:`newsgold.licenses.is_redistributable`): its
            text columns are null, its offsets, labels and ``text_sha256`` stay, and
            ``newsgold dataset hydrate`` restores it from the user's own copy.

    Returns:
        The files written and the statistics counted from them.

    Raises:
        ValidationError: some record fails :func:`newsgold.validation.annotation_problems`;
            the message lists the problems. Nothing is written.
        InputError: records are not in strictly increasing document-id order, or there
            are none.

    Example:
        >>> result = build_dataset(records, "build/dataset")  # doctest: +SKIP
        >>> result.files[0].path
        'documents/test.parquet'
    """
    policy = split_policy if split_policy is not None else load_split_policy()
    inputs = card_inputs if card_inputs is not None else CardInputs()
    target = Path(out_dir)
    check_output_folder(target, command=BUILD_COMMAND)
    _remove_stale_staging(target)
    # Folders made here are removed again if the build fails, so a refused build leaves
    # no trace.
    made = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.building-{os.getpid()}")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    features = {config: config_features(config) for config in CONFIG_NAMES}
    sinks: dict[tuple[str, str], _ParquetSink] = {}
    statistics = DatasetStatistics()
    examples: dict[str, dict[str, Any]] = {}
    withheld_examples: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    problem_count = 0
    previous_id: str | None = None
    try:
        for item in records:
            record = GoldDocument(*item)
            doc_id = record.document.id
            if previous_id is not None and doc_id <= previous_id:
                raise InputError(
                    f"records must come in strictly increasing document-id order, got "
                    f"{doc_id!r} after {previous_id!r}",
                    field="records",
                )
            previous_id = doc_id
            found = annotation_problems(record.document, record.annotations, record.targets)
            if found or problem_count:
                problem_count += len(found)
                problems.extend(found[: max(0, _KEPT_PROBLEMS - len(problems))])
                continue  # keep checking, stop writing
            split = policy.split_of(doc_id)
            stats = statistics.split(split)
            _count_record(record, stats)
            withhold = redistributable and not is_redistributable(record.document.license)
            _note_provenance(statistics, record.document, split, withhold)
            rows = {"documents": [document_row(record)]}
            rows.update(sentence_rows(record, stats)._asdict())
            if withhold:
                rows = {config: withhold_text(config_rows) for config, config_rows in rows.items()}
            # Examples show text where any document has it, else a withheld row.
            _pick_examples(withheld_examples if withhold else examples, rows, features)
            for config in CONFIG_NAMES:
                key = (config, split)
                if key not in sinks:
                    sinks[key] = _ParquetSink(
                        staging / config / f"{split}.parquet",
                        features[config],
                        ROW_GROUP_SIZES[config],
                    )
                sinks[key].add(rows[config])
                stats.rows[config] += len(rows[config])
        if problem_count:
            raise_for_problems(problems, what="gold")
        if previous_id is None:
            raise InputError("no gold records to build a dataset from", field="records")
        result = BuildResult(
            out_dir=target, statistics=statistics, examples={**withheld_examples, **examples}
        )
        for (config, split), sink in sorted(
            sinks.items(),
            key=lambda kv: (CONFIG_NAMES.index(kv[0][0]), _split_order(policy, kv[0][1])),
        ):
            sink.close()
            result.files.append(
                DataFile(
                    config=config,
                    split=split,
                    path=f"{config}/{split}.parquet",
                    rows=sink.rows,
                    arrow_bytes=_arrow_bytes(sink.path),
                    sha256=file_sha256(sink.path),
                )
            )
        result.redistributable = redistributable
        atomic_write_text(staging / "README.md", render_card(result, policy, inputs))
        atomic_write_text(staging / LICENSE_FILE, render_license(result, inputs))
        write_manifest(staging / MANIFEST_FILE, result, policy, inputs)
        mark_output_folder(staging, BUILD_COMMAND)
        _replace_dir(staging, target)
        return result
    finally:
        for sink in sinks.values():
            if sink._writer is not None:
                # Already closed or broken: the staging folder is removed anyway.
                with contextlib.suppress(Exception):
                    sink._writer.close()
        if staging.exists():
            shutil.rmtree(staging)
        if not target.exists():
            for folder in made:  # deepest first
                with contextlib.suppress(OSError):
                    folder.rmdir()


_SHOWS_SOMETHING = {
    "documents": lambda row: True,
    "entities": lambda row: bool(row["entities"]),
    "events": lambda row: bool(row["events"]),
    "stance": lambda row: row["label"] != _STANCE_INDEX["NONE"],
}


def _pick_examples(
    examples: dict[str, dict[str, Any]],
    rows: Mapping[str, list[dict[str, Any]]],
    features: Mapping[str, Features],
) -> None:
    from newsgold.dataset.features import label_decoder

    for config, config_rows in rows.items():
        if config in examples:
            continue
        for row in config_rows:
            if _SHOWS_SOMETHING[config](row):
                decode = label_decoder(features[config])
                examples[config] = decode(row) if decode is not None else row
                break


def _split_order(policy: SplitPolicy, split: str) -> int:
    names = policy.split_names
    return names.index(split) if split in names else len(names)


def _note_provenance(
    statistics: DatasetStatistics, document: Document, split: str, withheld: bool
) -> None:
    statistics.sources[document.source or "(unknown)"] += 1
    statistics.languages[document.language or "(unknown)"] += 1
    statistics.licenses[document.license or "(unknown)"] += 1
    if withheld:
        statistics.withheld.append(
            WithheldText(
                id=document.id,
                split=split,
                sha256=text_sha256(document.text),
                license=document.license,
                attribution=document.attribution,
                title=document.title,
                source=document.source,
                url=document.url,
            )
        )
    if len(statistics.listed_documents) < LISTED_DOCUMENTS:
        statistics.listed_documents.append(
            DocumentSummary(
                id=document.id,
                split=split,
                title=document.title,
                source=document.source,
                url=document.url,
                date=document.date,
                language=document.language,
                license=document.license,
                attribution=document.attribution,
                text_withheld=withheld,
            )
        )


def gold_records(
    documents: Mapping[str, Document],
    gold: Mapping[str, DocumentAnnotations],
    stance_targets: Mapping[str, Sequence[StanceTarget]],
) -> Iterator[GoldDocument]:
    """Join the corpus, the gold and the declared targets into records, in doc-id order.

    Only documents with gold become records.

    Raises:
        InputError: a gold document is not in the corpus.
    """
    for doc_id in sorted(gold):
        document = documents.get(doc_id)
        if document is None:
            raise InputError(
                f"the gold annotates document {doc_id!r}, which is not in the corpus; "
                "add it with `newsgold corpus add` or remove its annotations",
                field="doc_id",
            )
        yield GoldDocument(document, gold[doc_id], tuple(stance_targets.get(doc_id, ())))


def read_gold_jsonl(path: str | Path) -> dict[str, DocumentAnnotations]:
    """Read gold annotation sets written by ``newsgold.records.write_annotations_jsonl``.

    Raises:
        InputError: the file is missing, a line is malformed, or a document appears twice.
    """
    source = Path(path)
    if not source.exists():
        raise InputError("gold file not found", path=source)
    gold: dict[str, DocumentAnnotations] = {}
    for number, record in enumerate(read_annotations_jsonl(source), start=1):
        if record.doc_id in gold:
            raise InputError(
                f"document {record.doc_id} has a second annotation set; the gold holds "
                "one per document",
                path=source,
                line=number,
            )
        gold[record.doc_id] = record
    return gold


def build_project_dataset(
    root: str | Path = ".",
    *,
    out_dir: str | Path | None = None,
    gold_path: str | Path | None = None,
    splits_path: str | Path | None = None,
    redistributable: bool = False,
) -> BuildResult:
    """Build the dataset of the project in ``root`` (what ``newsgold dataset build`` runs).

    Reads the corpus (``corpus/``), the declared stance targets
    (``annotations/stance_targets.json``, if present), the gold (``gold_path`` as JSONL,
    else the Label Studio exports in ``annotations/gold/`` via ``newsgold.gold.load_gold``)
    and the card inputs (``annotations/agreement.json``, ``annotations/provenance.json``).

    Args:
        root: the project folder.
        out_dir: where to write (default ``<root>/build/dataset``).
        gold_path: a JSONL file of gold ``DocumentAnnotations`` instead of the exports.
        splits_path: a split declaration (default: the packaged ``splits.json``).
        redistributable: leave out texts whose licence forbids republishing them.

    Raises:
        InputError: no gold is found, or an input file is malformed.
        ValidationError: the gold fails validation (nothing is written).

    Example:
        >>> build_project_dataset(".").files[0].path  # doctest: +SKIP
        'documents/test.parquet'
    """
    from newsgold.corpus import load_corpus
    from newsgold.paths import ProjectPaths
    from newsgold.stance_targets import load_stance_targets

    paths = ProjectPaths(Path(root))
    target = out_dir if out_dir is not None else paths.dataset
    check_output_folder(
        target,
        command=BUILD_COMMAND,
        inputs=[
            ("corpus", paths.corpus),
            ("--gold", gold_path if gold_path is not None else paths.gold),
            ("--splits", splits_path),
        ],
        roots=[paths.root],
    )
    if gold_path is not None:
        gold = read_gold_jsonl(gold_path)
    elif paths.gold.is_dir() and any(paths.gold.glob("*.json")):
        from newsgold.gold import load_gold

        gold = load_gold(paths.root)
    else:
        raise InputError(
            f"no gold found: {paths.gold} holds no Label Studio exports; export the "
            "adjudicated gold there, or pass --gold FILE.jsonl",
            path=paths.gold,
        )
    targets = load_stance_targets(paths.stance_targets) if paths.stance_targets.exists() else {}
    return build_dataset(
        gold_records(load_corpus(paths.corpus), gold, targets),
        target,
        split_policy=load_split_policy(splits_path),
        card_inputs=CardInputs.from_project(paths),
        redistributable=redistributable,
    )
