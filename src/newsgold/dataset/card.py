"""The dataset card (``README.md``): Hugging Face YAML metadata plus the documentation.

Everything factual in the card comes from data: statistics from the rows written,
label definitions from ``newsgold.scheme``, the schema from the features, agreement
figures from ``annotations/agreement.json`` and the annotation process from
``annotations/provenance.json`` (both read if present; the card says "not yet
measured" / "not yet recorded" otherwise). No figure is typed by hand.

``annotations/provenance.json`` (optional) may hold::

    {"annotations_creators": ["expert-generated"],   # Hugging Face tag values
     "annotation_process": "Markdown: who annotated, in how many passes, adjudication",
     "annotation_license": "CC-BY-4.0",               # licence of the annotation layer
     "citation": "@misc{...}"}                        # BibTeX of the dataset
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datasets import ClassLabel, Features, List, Value
from huggingface_hub import DatasetCardData

from newsgold.corpus.splits import SplitPolicy
from newsgold.dataset.card_sections import (
    LICENSE_LINK,
    citation_section,
    curators_section,
    examples_section,
    licence_section,
    personal_information_section,
    validate_card,
)
from newsgold.dataset.features import CONFIG_NAMES, NER_TAGS, config_features
from newsgold.dataset.statistics import LISTED_DOCUMENTS, SplitStatistics
from newsgold.jsonfile import read_json_object
from newsgold.paths import ProjectPaths
from newsgold.scheme import (
    ARGUMENT_ROLES,
    CAMEO_ROOTS,
    ENTITY_TYPES,
    REALIS,
    ROLE_ENTITY_TYPES,
    SCHEME_VERSION,
    STANCE_LABELS_DEF,
    quad_class,
)

if TYPE_CHECKING:
    from newsgold.dataset.build import BuildResult

PRETTY_NAME = "newsgold"
AGREEMENT_FILE = "agreement.json"
PROVENANCE_FILE = "provenance.json"
GUIDELINES_FILE = "GUIDELINES.md"


@dataclass(frozen=True)
class CardInputs:
    """What the card says beyond the data itself; every part optional.

    Attributes:
        agreement: the agreement report (``annotations/agreement.json``), or None.
        agreement_path: where it was read from, shown in the card.
        provenance: ``annotations/provenance.json``, or None.
        guidelines_path: the annotation guidelines, if they exist, shown in the card.
    """

    agreement: dict[str, Any] | None = None
    agreement_path: str | None = None
    provenance: dict[str, Any] | None = None
    guidelines_path: str | None = None

    @classmethod
    def from_project(cls, paths: ProjectPaths) -> CardInputs:
        """Read the optional inputs from a project's ``annotations/`` folder.

        Raises:
            InputError: a file exists but is not a JSON object.
        """
        agreement_file = paths.annotations / AGREEMENT_FILE
        provenance_file = paths.annotations / PROVENANCE_FILE
        guidelines_file = paths.annotations / GUIDELINES_FILE
        return cls(
            agreement=_read_json_object(agreement_file),
            agreement_path=f"annotations/{AGREEMENT_FILE}" if agreement_file.exists() else None,
            provenance=_read_json_object(provenance_file),
            guidelines_path=f"annotations/{GUIDELINES_FILE}" if guidelines_file.exists() else None,
        )


def _read_json_object(path: Path) -> dict[str, Any] | None:
    return read_json_object(path, what=path.name) if path.exists() else None


# ---------------------------------------------------------------- schema documentation

# Field descriptions by dotted path ("[]" marks list items). Per-config entries win over
# the common ones. Rendering fails if a field has no description, so the card documents
# every field the features declare.
_COMMON_FIELDS: dict[str, str] = {
    "doc_id": "Id of the document the sentence belongs to (the `id` of the `documents` row).",
    "sentence_index": "Index of the sentence in the document's `sentences` list.",
    "sentence_start": (
        "Start of the sentence in the document text; subtract it from any offset to make it "
        "sentence-relative."
    ),
    "sentence_end": "End of the sentence (exclusive).",
    "text": "The sentence: `document.text[sentence_start:sentence_end]`.",
    "entities": "Entity mentions whose span starts in this row's sentence, in offset order.",
    "entities[].id": "Mention id, unique within the document; events and stances refer to it.",
    "entities[].start": "Start of the mention in the document text.",
    "entities[].end": "End of the mention in the document text (exclusive).",
    "entities[].text": "The mention: `document.text[start:end]`.",
    "entities[].label": "Entity type (see the entity label table).",
    "entities[].key": "Entity key grouping mentions of one entity (a Wikidata QID), or null.",
    "events[].id": "Event mention id, unique within the document.",
    "events[].start": "Start of the trigger in the document text.",
    "events[].end": "End of the trigger (exclusive).",
    "events[].text": "The trigger: `document.text[start:end]`.",
    "events[].type": "CAMEO root code of the event (see the event label table).",
    "events[].realis": "Realis of the event (see the realis table).",
    "events[].arguments": "Roles filled by entity mentions, sorted by role then entity id.",
    "events[].arguments[].role": "Argument role (see the role table).",
    "events[].arguments[].entity_id": "Id of the entity mention filling the role.",
}
_CONFIG_FIELDS: dict[str, dict[str, str]] = {
    "documents": {
        "id": "Document id (derived from the normalized text).",
        "annotator": "Whose annotation set this is: `gold` for the adjudicated gold.",
        "text": (
            "The normalized document text (NFC, `\\n` line endings). Every offset points into "
            "it. Null where a redistributable build withholds it (see *Withheld text*)."
        ),
        "text_sha256": (
            "SHA-256 (hex) of `text` as UTF-8; kept when the text is withheld, so "
            "`newsgold dataset hydrate` can check a copy."
        ),
        "metadata": "Publication metadata; null where unknown.",
        "metadata.title": "Article title.",
        "metadata.source": "Publisher.",
        "metadata.url": "Article URL.",
        "metadata.date": "Publication date (YYYY-MM-DD).",
        "metadata.language": "Language code.",
        "metadata.license": (
            "Licence of the text (SPDX id, or `LicenseRef-All-Rights-Reserved` for text that "
            "may not be republished); null where unknown."
        ),
        "metadata.attribution": "The credit the text's licence requires.",
        "paragraphs": "Paragraph spans, in order.",
        "paragraphs[].start": "Start of the paragraph.",
        "paragraphs[].end": "End of the paragraph (exclusive).",
        "sentences": "Sentence spans, in order (including those in excluded regions).",
        "sentences[].start": "Start of the sentence.",
        "sentences[].end": "End of the sentence (exclusive).",
        "tokens": "Token spans, in order.",
        "tokens[].start": "Start of the token.",
        "tokens[].end": "End of the token (exclusive).",
        "excluded": "Regions no layer annotates and no score counts (publisher boilerplate).",
        "excluded[].start": "Start of the region.",
        "excluded[].end": "End of the region (exclusive).",
        "excluded[].reason": "Why the region is excluded.",
        "stance_targets": "The stance targets declared for this document.",
        "stance_targets[].id": "Target id (a snake_case slug).",
        "stance_targets[].name": "Short target name.",
        "stance_targets[].description": "What FAVOR and AGAINST mean for this target.",
        "entities": "All entity mentions, in offset order.",
        "events": "All event mentions, in offset order.",
        "stances": "All stance annotations, in offset order.",
        "stances[].id": "Stance annotation id, unique within the document.",
        "stances[].start": "Start of the evidence span.",
        "stances[].end": "End of the evidence span (exclusive).",
        "stances[].text": "The evidence: `text[start:end]`.",
        "stances[].target": "Id of one of `stance_targets`.",
        "stances[].label": "Stance label (see the stance table).",
        "stances[].holder_id": (
            "Id of the entity mention holding the stance, or `AUTHOR` for the article's author."
        ),
    },
    "entities": {
        "tokens": "The sentence's tokens as strings.",
        "token_offsets": "Offsets of each token in the document text (parallel to `tokens`).",
        "token_offsets[].start": "Start of the token.",
        "token_offsets[].end": "End of the token (exclusive).",
        "ner_tags": (
            "BIO tag per token (parallel to `tokens`); a token overlapping a span is tagged "
            "(`expand` alignment)."
        ),
    },
    "events": {
        "tokens": "The sentence's tokens as strings (as in the `entities` config).",
        "token_offsets": "Offsets of each token in the document text (parallel to `tokens`).",
        "token_offsets[].start": "Start of the token.",
        "token_offsets[].end": "End of the token (exclusive).",
        "trigger_tags": (
            "BIO tag per token for event triggers, typed by CAMEO root code (`B-04`, `I-04`; "
            "`expand` alignment; a token two triggers share keeps the first)."
        ),
        "events": "Event mentions whose trigger starts in this sentence, in offset order.",
        "events[].arguments[].entity_label": "Entity type of the argument's mention.",
        "events[].arguments[].start": (
            "Start of the argument's mention (it may lie in another sentence)."
        ),
        "events[].arguments[].end": "End of the argument's mention (exclusive).",
        "events[].arguments[].text": "The argument's mention text.",
    },
    "stance": {
        "target": "Id of the declared target this row is about (a `stance_targets[].id`).",
        "target_name": "Short target name.",
        "target_description": "What FAVOR and AGAINST mean for the target.",
        "label": "Stance of the sentence towards the target (rule in *Stance labels*).",
        "holder_id": (
            "Holder of the deciding annotation: an entity mention id or `AUTHOR`; null when the "
            "label is NONE."
        ),
        "holder_text": (
            "The holder mention's text; null for the author or when there is no deciding "
            "annotation."
        ),
        "holder_start": "Start of the holder mention; null for the author.",
        "holder_end": "End of the holder mention (exclusive); null for the author.",
        "evidence_start": (
            "Start of the deciding annotation's evidence; null when the label is NONE."
        ),
        "evidence_end": "End of the deciding evidence (exclusive).",
        "evidence_text": "The deciding evidence text.",
        "annotations": (
            "Every stance annotation for this target whose evidence starts in the sentence (NONE "
            "ones too), in offset order."
        ),
        "annotations[].id": "Stance annotation id.",
        "annotations[].start": "Start of the evidence.",
        "annotations[].end": "End of the evidence (exclusive).",
        "annotations[].text": "The evidence text.",
        "annotations[].label": "Stance label of this annotation.",
        "annotations[].holder_id": "Entity mention id of the holder, or `AUTHOR`.",
        "annotations[].holder_text": "The holder mention's text; null for the author.",
        "annotations[].holder_start": "Start of the holder mention; null for the author.",
        "annotations[].holder_end": "End of the holder mention (exclusive); null for the author.",
    },
}

_CONFIG_SUMMARIES: dict[str, str] = {
    "documents": (
        "one row per document: text, metadata, segmentation, excluded regions and every layer "
        "nested (entities, events with arguments, stances, declared stance targets)."
    ),
    "entities": (
        "one row per annotatable sentence: `tokens`, `ner_tags` (BIO `ClassLabel`) and the entity"
        " spans with offsets, types and entity keys."
    ),
    "events": (
        "one row per annotatable sentence: event mentions with trigger offsets, CAMEO root "
        "(`ClassLabel`), realis and arguments (role, entity reference, offsets)."
    ),
    "stance": (
        "one row per annotatable sentence × declared stance target: text, target, `label` "
        "(`ClassLabel` FAVOR / AGAINST / NONE), holder and evidence offsets."
    ),
}


def _type_name(feature: Any) -> str:
    if isinstance(feature, ClassLabel):
        return f"ClassLabel ({feature.num_classes} names)"
    if isinstance(feature, Value):
        return feature.dtype
    if isinstance(feature, dict):
        return "struct"
    if isinstance(feature, List):
        return f"list of {_type_name(feature.feature)}"
    return type(feature).__name__


def _walk(features: Features | dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for name, feature in features.items():
        path = f"{prefix}{name}"
        yield path, feature
        inner = feature.feature if isinstance(feature, List) else feature
        if isinstance(inner, dict):
            yield from _walk(inner, f"{path}[]." if isinstance(feature, List) else f"{path}.")


def field_documentation(config: str) -> list[tuple[str, str, str]]:
    """``(path, type, description)`` for every field of a config, in schema order.

    Raises:
        KeyError: a field has no description (the card must document every field).
    """
    own = _CONFIG_FIELDS[config]
    rows = []
    for path, feature in _walk(config_features(config)):
        description = own.get(path, _COMMON_FIELDS.get(path))
        if description is None:
            raise KeyError(f"config {config!r}: field {path!r} has no description in the card")
        rows.append((path, _type_name(feature), description))
    return rows


# ---------------------------------------------------------------- YAML header


def _size_category(rows: int) -> str:
    for limit, name in (
        (1_000, "n<1K"),
        (10_000, "1K<n<10K"),
        (100_000, "10K<n<100K"),
        (1_000_000, "100K<n<1M"),
        (10_000_000, "1M<n<10M"),
    ):
        if rows < limit:
            return name
    return "10M<n<100M"


def _metadata(result: BuildResult, policy: SplitPolicy, inputs: CardInputs) -> dict[str, Any]:
    stats = result.statistics
    provenance = inputs.provenance or {}
    languages = sorted(lang for lang in stats.languages if lang != "(unknown)")
    largest = max((f.rows for f in result.files), default=0)
    configs = []
    infos = []
    for config in CONFIG_NAMES:
        files = [f for f in result.files if f.config == config]
        entry: dict[str, Any] = {"config_name": config}
        if config == "documents":
            entry["default"] = True
        entry["data_files"] = [{"split": f.split, "path": f.path} for f in files]
        configs.append(entry)
        infos.append(
            {
                "config_name": config,
                "features": config_features(config)._to_yaml_list(),
                "splits": [
                    {"name": f.split, "num_bytes": f.arrow_bytes, "num_examples": f.rows}
                    for f in files
                ],
            }
        )
    return {
        "pretty_name": PRETTY_NAME,
        "license": "other",
        "license_name": "newsgold-per-document",
        "license_link": LICENSE_LINK,
        "language": languages,
        "multilinguality": "monolingual" if len(languages) <= 1 else "multilingual",
        "size_categories": [_size_category(largest)],
        "task_categories": ["token-classification", "text-classification"],
        "task_ids": ["named-entity-recognition", "multi-class-classification"],
        "annotations_creators": list(provenance.get("annotations_creators", ["other"])),
        "language_creators": ["found"],
        "source_datasets": ["original"],
        "tags": ["news", "stance-detection", "event-extraction", "cameo", "entity-linking"],
        "configs": configs,
        "dataset_info": infos,
    }


# ---------------------------------------------------------------- body


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    def cell(value: Any) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def _statistics_section(result: BuildResult, policy: SplitPolicy) -> list[str]:
    stats = result.statistics
    order = [s for s in policy.split_names if s in stats.splits] + sorted(
        s for s in stats.splits if s not in policy.split_names
    )
    columns: list[SplitStatistics] = [stats.splits[s] for s in order]
    total = stats.total()
    header = ["count", *order, "total"]
    rows: list[list[Any]] = []

    def add(label: str, getter: Any) -> None:
        rows.append([label, *(getter(c) for c in columns), getter(total)])

    add("documents", lambda c: c.documents)
    add("annotatable sentences", lambda c: c.sentences)
    add("tokens in annotatable sentences", lambda c: c.tokens)
    add("excluded regions (not counted above)", lambda c: c.excluded_regions)
    add("sentences in excluded regions (no rows)", lambda c: c.excluded_sentences)
    add("declared stance targets", lambda c: c.declared_targets)
    for config in CONFIG_NAMES:
        add(f"rows: {config}", lambda c, config=config: c.rows[config])
    add("entity mentions", lambda c: sum(c.entities.values()))
    for label in ENTITY_TYPES:
        add(f"entity mentions: {label.code}", lambda c, code=label.code: c.entities[code])
    add("entity mentions with a key", lambda c: c.entity_keys)
    add("entity spans not on token boundaries", lambda c: c.unaligned_entities)
    add("event mentions", lambda c: sum(c.events.values()))
    for root in CAMEO_ROOTS:
        add(f"event mentions: {root.code} {root.name}", lambda c, code=root.code: c.events[code])
    for label in REALIS:
        add(f"realis: {label.code}", lambda c, code=label.code: c.realis[code])
    for role in ARGUMENT_ROLES:
        add(f"arguments: {role.code}", lambda c, code=role.code: c.arguments[code])
    add("stance annotations", lambda c: sum(c.stances.values()))
    for label in STANCE_LABELS_DEF:
        add(f"stance annotations: {label.code}", lambda c, code=label.code: c.stances[code])
    for label in STANCE_LABELS_DEF:
        add(f"stance rows labelled {label.code}", lambda c, code=label.code: c.stance_rows[code])
    return [
        "## Statistics",
        "",
        "Counted from the rows while they were written (never typed by hand). Sentences and "
        "tokens inside excluded regions are not counted.",
        "",
        *_table(header, rows),
        "",
    ]


def _labels_section() -> list[str]:
    lines = [
        "## Label definitions",
        "",
        f"From `newsgold.scheme` (scheme version {SCHEME_VERSION}).",
        "",
    ]
    lines += ["### Entity types (`entities[].label`)", ""]
    lines += _table(
        ["code", "name", "definition"], [[lb.code, lb.name, lb.definition] for lb in ENTITY_TYPES]
    )
    lines += [
        "",
        "`ner_tags` names: "
        + ", ".join(f"`{tag}`" for tag in NER_TAGS)
        + " (BIO; `O` outside any span).",
        "",
        "### CAMEO event roots (`events[].type`)",
        "",
    ]
    lines += _table(
        ["code", "name", "definition", "QuadClass"],
        [[r.code, r.name, r.definition, quad_class(r.code)] for r in CAMEO_ROOTS],
    )
    lines += ["", "### Realis (`events[].realis`)", ""]
    lines += _table(
        ["code", "name", "definition"], [[r.code, r.name, r.definition] for r in REALIS]
    )
    lines += ["", "### Argument roles (`events[].arguments[].role`)", ""]
    lines += _table(
        ["code", "name", "definition", "entity types allowed"],
        [
            [r.code, r.name, r.definition, ", ".join(sorted(ROLE_ENTITY_TYPES[r.code]))]
            for r in ARGUMENT_ROLES
        ],
    )
    lines += ["", "### Stance labels (`label`, `stances[].label`, `annotations[].label`)", ""]
    lines += _table(
        ["code", "name", "definition"], [[s.code, s.name, s.definition] for s in STANCE_LABELS_DEF]
    )
    lines += [
        "",
        "A `stance` row's `label` takes every annotation for its target whose evidence starts "
        "in the sentence, ignoring NONE ones: none left gives `NONE`; otherwise the majority of "
        "FAVOR vs AGAINST; a tie goes to the polarity of the annotation with the smallest start. "
        "The holder and evidence columns describe that deciding annotation (the first by offset "
        "with the winning polarity). The holder `AUTHOR` is the article's author.",
        "",
    ]
    return lines


def _schema_section() -> list[str]:
    lines = [
        "## Configs and schema",
        "",
        "Every offset is a character offset (Python `str` index, Unicode code points) into the "
        "document's `text`, with an exclusive end: a span covers `text[start:end]`. Offsets are "
        "document-level in every config; sentence rows carry `sentence_start` to make them "
        "sentence-relative. Sentences that touch an excluded region are not rows of the "
        "`entities`, `events` or `stance` configs. An annotation belongs to the sentence its "
        "start lies in.",
        "",
    ]
    for config in CONFIG_NAMES:
        summary = _CONFIG_SUMMARIES[config]
        lines += [f"### `{config}`", "", summary[0].upper() + summary[1:], ""]
        lines += _table(
            ["field", "type", "description"], [list(r) for r in field_documentation(config)]
        )
        lines.append("")
    return lines


def _flatten(data: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(data, dict):
        for key in data:
            yield from _flatten(data[key], f"{prefix}{key}.")
    else:
        yield prefix.rstrip("."), data


def _figure(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)  # as read from the file, shown to 4 decimals
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _annotation_section(inputs: CardInputs) -> list[str]:
    provenance = inputs.provenance or {}
    lines = ["## Annotation", "", "### How the annotations were made", ""]
    process = provenance.get("annotation_process")
    if process:
        lines += [str(process).strip(), ""]
    else:
        lines += [
            "Not yet recorded (no `annotations/provenance.json` when this card was built).",
            "",
        ]
    if inputs.guidelines_path:
        lines += [
            f"Annotators followed the guidelines in `{inputs.guidelines_path}` of the newsgold "
            "repository, which use the codes of `newsgold.scheme`.",
            "",
        ]
    lines += ["### Agreement", ""]
    if inputs.agreement:
        lines += _agreement_tables(inputs.agreement, inputs.agreement_path)
    else:
        lines += [
            "Not yet measured (no `annotations/agreement.json` when this card was built).",
            "",
        ]
    return lines


def _agreement_tables(agreement: dict[str, Any], source: str | None) -> list[str]:
    from newsgold.agreement import headline_figures

    lines = [
        f"Measured by `newsgold agreement` between the two passes; every figure is in "
        f"`{source}`, and re-running the command on `annotations/passes/` reproduces it.",
        "",
    ]
    try:
        headline = headline_figures(agreement)
    except (KeyError, TypeError):  # not a measure_agreement result: show what it holds
        lines += _table(
            ["measure", "value"],
            [[key, _figure(value)] for key, value in _flatten(agreement)],
        )
        return [*lines, ""]
    splits = sorted((agreement.get("per_split") or {}).items())
    split_figures = [headline_figures(part) for _, part in splits]
    lines += _table(
        [
            "measure",
            f"all ({len(agreement.get('documents', []))} docs)",
            *[f"{name} ({len(part.get('documents', []))} docs)" for name, part in splits],
        ],
        [
            [name, _figure(value), *[_figure(figures[row][1]) for figures in split_figures]]
            for row, (name, value) in enumerate(headline)
        ],
    )
    if splits:
        lines += [
            "",
            "Per document: `newsgold agreement annotations/passes/annotator_a "
            "annotations/passes/annotator_b` prints a table; `per_document` in the JSON.",
        ]
    per_type = agreement["entities"]["strict"]["per_type"]
    lines += ["", "Entity span F1 (strict) per type:", ""]
    lines += _table(
        ["type", "precision", "recall", "F1"],
        [
            [label, _figure(f["precision"]), _figure(f["recall"]), _figure(f["f1"])]
            for label, f in sorted(per_type.items())
        ],
    )
    counts = agreement.get("counts") or {}
    if counts:
        lines += ["", "Items per pass:", ""]
        lines += _table(
            ["pass", "entities", "events", "stances"],
            [
                [name, c["entities"], c["events"], c["stances"]]
                for name, c in sorted(counts.items())
            ],
        )
    if agreement.get("signature"):
        lines += ["", f"Signature: `{agreement['signature']}`"]
    return [*lines, ""]


def _provenance_section(result: BuildResult, inputs: CardInputs) -> list[str]:
    stats = result.statistics
    lines = ["## Source data and licence", "", "### Provenance", ""]
    listed = stats.listed_documents
    lines += _table(
        ["document", "split", "publisher", "title", "date", "url"],
        [
            [
                d.id,
                d.split,
                d.source or "unknown",
                d.title or "unknown",
                d.date or "unknown",
                d.url or "unknown",
            ]
            for d in listed
        ],
    )
    if stats.documents > LISTED_DOCUMENTS:
        lines += ["", f"... and {stats.documents - len(listed)} more documents."]
    lines += ["", "Documents per publisher:", ""]
    lines += _table(["publisher", "documents"], [[s, n] for s, n in sorted(stats.sources.items())])
    lines += ["", *licence_section(result, inputs)]
    return lines


def _limitations_section(result: BuildResult) -> list[str]:
    stats = result.statistics
    total = stats.total()
    publishers = len(stats.sources)
    return [
        "## Limitations and biases",
        "",
        f"- Size: {stats.documents} document(s) from {publishers} publisher(s), "
        f"{total.sentences} annotatable sentences. Figures computed on it have wide "
        "confidence intervals and say little about other outlets, topics or periods.",
        "- Topic and framing: the documents' choice of sources, quotes and words shapes "
        "which stances and events appear; stance targets are declared per document by the "
        "project, so they reflect the project's reading of what the article is about.",
        "- Segmentation is automatic: sentences and tokens come from rule-based segmenters, "
        "and BIO tags expand to whole tokens when a span does not fall on token boundaries "
        f"({total.unaligned_entities} span(s) here); the character spans are exact.",
        "- Events use CAMEO root codes only (no sub-codes); arguments are limited to "
        "SOURCE, TARGET, TIME and PLACE filled by named mentions, so pronouns and nominals "
        "never fill a role.",
        '- Stance holders without a name ("analysts", "officials") are not annotated, '
        "so their stances are missing from the data.",
        "- Publisher boilerplate is kept in `text` but excluded from every layer and count.",
        "",
    ]


def _loading_section() -> list[str]:
    return [
        "## Loading",
        "",
        "With only `datasets` (4 or later) installed; no loading script, no newsgold import:",
        "",
        "```python",
        "from datasets import load_dataset",
        "",
        'entities = load_dataset("path/to/dataset", "entities")',
        'names = entities["test"].features["ner_tags"].feature.names',
        'documents = load_dataset("path/to/dataset", "documents")  # also: "events", "stance"',
        "```",
        "",
        "Back into newsgold records, without loss:",
        "",
        "```python",
        "from newsgold.dataset import read_dataset",
        "",
        'for document, annotations, targets in read_dataset("path/to/dataset"):',
        "    ...",
        "```",
        "",
    ]


def _splits_section(result: BuildResult, policy: SplitPolicy) -> list[str]:
    ratios = ", ".join(f"{name} {share:g}" for name, share in policy.ratios)
    lines = [
        "## Splits",
        "",
        f"Document-level: a document is never split. Declared ratios: {ratios}. A document's "
        f"split is fixed by its id alone: SHA-256 of `{policy.salt}:<doc id>`, the first 8 "
        "bytes read as a fraction of 2^64, cut at the cumulative ratios in the order above. "
        "Pinned documents override the hash:",
        "",
    ]
    lines += _table(
        ["document", "split", "reason"],
        [[doc_id, pin.split, pin.reason] for doc_id, pin in sorted(policy.pinned.items())],
    )
    lines += ["", "Splits present: " + ", ".join(f"`{s}`" for s in result.splits) + ".", ""]
    return lines


def _files_section(result: BuildResult) -> list[str]:
    return [
        "## Files",
        "",
        "Parquet with the `datasets` features in the Arrow schema metadata; identical input "
        "gives byte-identical files. Hashes identify the gold in score signatures.",
        "",
        *_table(
            ["file", "rows", "sha256"],
            [[f"`{f.path}`", f.rows, f"`{f.sha256}`"] for f in result.files],
        ),
        "",
    ]


def render_card(result: BuildResult, policy: SplitPolicy, inputs: CardInputs) -> str:
    """The full ``README.md`` text: YAML metadata, then the documentation sections.

    Args:
        result: the files written and their statistics.
        policy: the split policy used.
        inputs: agreement figures and provenance (may be empty).

    Returns:
        The card; equal input gives equal text.
    """
    header = DatasetCardData(**_metadata(result, policy, inputs)).to_yaml()
    stats = result.statistics
    total = stats.total()
    lines = [
        "---",
        header.rstrip("\n"),
        "---",
        "",
        f"# {PRETTY_NAME}",
        "",
        "News articles annotated with three layers: named entities (with entity keys), "
        "CAMEO events with their arguments, and stance towards declared targets, with exact "
        f"character offsets. This build holds {stats.documents} document(s), "
        f"{total.sentences} annotatable sentences, {sum(total.entities.values())} entity "
        f"mentions, {sum(total.events.values())} event mentions and "
        f"{sum(total.stances.values())} stance annotations, from the adjudicated gold.",
        "",
        "Configs:",
        "",
        *(f"- `{config}` — {_CONFIG_SUMMARIES[config]}" for config in CONFIG_NAMES),
        "",
    ]
    lines += _loading_section()
    lines += _schema_section()
    lines += examples_section(result.examples, CONFIG_NAMES)
    lines += _labels_section()
    lines += _splits_section(result, policy)
    lines += _statistics_section(result, policy)
    lines += _annotation_section(inputs)
    lines += _provenance_section(result, inputs)
    lines += personal_information_section()
    lines += _limitations_section(result)
    lines += curators_section(inputs)
    lines += citation_section(inputs)
    lines += _files_section(result)
    text = "\n".join(lines).rstrip("\n") + "\n"
    validate_card(text)
    return text
