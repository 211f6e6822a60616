"""The card's description of the data format: every config's fields, and the label codes.

``## Configs and schema`` documents every field the features declare, by dotted path
(``[]`` marks list items), with its type and a description written here; rendering fails
if a field has none, so the card cannot fall behind the features. ``## Label definitions``
tabulates the codes of ``newsgold.scheme``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datasets import ClassLabel, Features, List, Value

from newsgold.dataset.card_markdown import markdown_table
from newsgold.dataset.features import CONFIG_NAMES, NER_TAGS, config_features
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

# One line per config: the card's overview and the schema section open with it.
CONFIG_SUMMARIES: dict[str, str] = {
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


def schema_section() -> list[str]:
    """``## Configs and schema``: the offset convention, then every config's field table."""
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
        summary = CONFIG_SUMMARIES[config]
        lines += [f"### `{config}`", "", summary[0].upper() + summary[1:], ""]
        lines += markdown_table(
            ["field", "type", "description"], [list(r) for r in field_documentation(config)]
        )
        lines.append("")
    return lines


def labels_section() -> list[str]:
    """``## Label definitions``: every code of the scheme, and the stance row rule."""
    lines = [
        "## Label definitions",
        "",
        f"From `newsgold.scheme` (scheme version {SCHEME_VERSION}).",
        "",
    ]
    lines += ["### Entity types (`entities[].label`)", ""]
    lines += markdown_table(
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
    lines += markdown_table(
        ["code", "name", "definition", "QuadClass"],
        [[r.code, r.name, r.definition, quad_class(r.code)] for r in CAMEO_ROOTS],
    )
    lines += ["", "### Realis (`events[].realis`)", ""]
    lines += markdown_table(
        ["code", "name", "definition"], [[r.code, r.name, r.definition] for r in REALIS]
    )
    lines += ["", "### Argument roles (`events[].arguments[].role`)", ""]
    lines += markdown_table(
        ["code", "name", "definition", "entity types allowed"],
        [
            [r.code, r.name, r.definition, ", ".join(sorted(ROLE_ENTITY_TYPES[r.code]))]
            for r in ARGUMENT_ROLES
        ],
    )
    lines += ["", "### Stance labels (`label`, `stances[].label`, `annotations[].label`)", ""]
    lines += markdown_table(
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


__all__ = ["CONFIG_SUMMARIES", "field_documentation", "labels_section", "schema_section"]
