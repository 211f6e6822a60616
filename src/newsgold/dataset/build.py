"""Build the Hugging Face dataset: streaming Parquet files plus a README.md dataset card.

Layout of the output folder (every offset is a character offset into the document's
``text``, end-exclusive)::

    README.md                        dataset card; its YAML declares the four configs
    documents/<split>.parquet        one row per document, every layer nested
    entities/<split>.parquet         one row per annotatable sentence, BIO tags + spans
    events/<split>.parquet           one row per annotatable sentence, event mentions
    stance/<split>.parquet           one row per annotatable sentence x declared target

This module is the build's entry points: :func:`build_dataset` validates a stream of
records and writes the folder, :func:`build_project_dataset` does so for a project
folder. The rows come from :mod:`~newsgold.dataset.rows`, the counts from
:mod:`~newsgold.dataset.statistics`, the files from :mod:`~newsgold.dataset.parquet`
inside a :mod:`~newsgold.dataset.staging` folder, the card from
:mod:`~newsgold.dataset.card`. Records are streamed: at most one row group per file is
held in memory, so memory stays bounded however many documents there are. Two builds
from equal input are byte-identical: rows follow document-id order, row groups have a
fixed size, and nothing time-dependent is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datasets import Features

from newsgold.atomic import atomic_write_text
from newsgold.corpus.document import Document
from newsgold.corpus.splits import SplitPolicy, load_split_policy
from newsgold.dataset.card import render_card
from newsgold.dataset.card_inputs import CardInputs
from newsgold.dataset.card_sections import render_license
from newsgold.dataset.features import CONFIG_NAMES, config_features
from newsgold.dataset.inputs import gold_records, read_gold_jsonl
from newsgold.dataset.manifest import LICENSE_FILE, MANIFEST_FILE, write_manifest
from newsgold.dataset.parquet import ROW_GROUP_SIZES, ParquetSink, arrow_bytes, file_sha256
from newsgold.dataset.rows import document_row, sentence_rows, withhold_text
from newsgold.dataset.staging import replace_folder, staging_folder
from newsgold.dataset.statistics import DatasetStatistics, count_record, note_provenance
from newsgold.errors import InputError
from newsgold.guard import check_output_folder, mark_output_folder
from newsgold.licenses import is_redistributable
from newsgold.problems import Problem
from newsgold.records import DocumentAnnotations, GoldDocument, StanceTarget
from newsgold.scheme import STANCE_LABELS
from newsgold.validation import annotation_problems, raise_for_problems

BUILD_COMMAND = "dataset build"  # named in the marker that lets a rebuild replace the folder
_STANCE_NONE = STANCE_LABELS.index("NONE")
# Problems kept for the error message; the rest are only counted.
_KEPT_PROBLEMS = 200


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
        >>> import tempfile
        >>> from newsgold.dataset.synthetic import synthetic_records
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     result = build_dataset(synthetic_records(2), Path(folder) / "dataset")
        >>> [(f.path, f.rows) for f in result.files if f.config == "documents"]
        [('documents/dev.parquet', 1), ('documents/test.parquet', 1)]
    """
    policy = split_policy if split_policy is not None else load_split_policy()
    inputs = card_inputs if card_inputs is not None else CardInputs()
    target = Path(out_dir)
    check_output_folder(target, command=BUILD_COMMAND)
    # Folders made for the build are removed again if it fails: a refused build leaves
    # no trace.
    with staging_folder(target) as staging:
        features = {config: config_features(config) for config in CONFIG_NAMES}
        sinks: dict[tuple[str, str], ParquetSink] = {}
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
                count_record(record, stats)
                withhold = redistributable and not is_redistributable(record.document.license)
                note_provenance(statistics, record.document, split, withhold)
                rows = {"documents": [document_row(record)]}
                rows.update(sentence_rows(record, stats)._asdict())
                if withhold:
                    rows = {config: withhold_text(part) for config, part in rows.items()}
                # Examples show text where any document has it, else a withheld row.
                _pick_examples(withheld_examples if withhold else examples, rows, features)
                for config in CONFIG_NAMES:
                    key = (config, split)
                    if key not in sinks:
                        sinks[key] = ParquetSink(
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
                        arrow_bytes=arrow_bytes(sink.path),
                        sha256=file_sha256(sink.path),
                    )
                )
            result.redistributable = redistributable
            atomic_write_text(staging / "README.md", render_card(result, policy, inputs))
            atomic_write_text(staging / LICENSE_FILE, render_license(result, inputs))
            write_manifest(staging / MANIFEST_FILE, result, policy, inputs)
            mark_output_folder(staging, BUILD_COMMAND)
            replace_folder(staging, target)
            return result
        finally:
            for sink in sinks.values():
                sink.abort()  # already closed or broken: the staging folder goes anyway


_SHOWS_SOMETHING = {
    "documents": lambda row: True,
    "entities": lambda row: bool(row["entities"]),
    "events": lambda row: bool(row["events"]),
    "stance": lambda row: row["label"] != _STANCE_NONE,
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
