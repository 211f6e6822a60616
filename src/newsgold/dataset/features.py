"""The ``datasets`` features of each dataset config, built from ``newsgold.scheme``.

Every label column is a ``ClassLabel`` whose names are the scheme's codes, in the
scheme's order, so ``load_dataset`` users get the label names without importing
newsgold. Offsets are character offsets into the document's ``text``, end-exclusive,
in every config (sentence rows carry ``sentence_start``: subtract it for offsets
relative to the sentence).

Example:
    >>> config_features("entities")["ner_tags"].feature.names[:3]
    ['O', 'B-PER', 'I-PER']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from datasets import ClassLabel, Features, List, Value

from newsgold.scheme import (
    CAMEO_ROOTS,
    ENTITY_LABELS,
    EVENT_TYPES,
    REALIS_LABELS,
    ROLE_LABELS,
    STANCE_LABELS,
)

CONFIG_NAMES: tuple[str, ...] = ("documents", "entities", "events", "stance")

# BIO tags: "O" first, then B-/I- per entity type in the scheme's order.
NER_TAGS: tuple[str, ...] = (
    "O",
    *(f"{prefix}-{label}" for label in ENTITY_LABELS for prefix in ("B", "I")),
)

# Event types as readable ClassLabel names: the CAMEO root code, a space, its name
# ("04 Consult"); the code is everything before the first space.
EVENT_TYPE_NAMES: tuple[str, ...] = tuple(f"{root.code} {root.name}" for root in CAMEO_ROOTS)
assert tuple(name.split(" ", 1)[0] for name in EVENT_TYPE_NAMES) == EVENT_TYPES

# Trigger BIO tags of the events config: "O", then B-/I- per CAMEO root code.
TRIGGER_TAGS: tuple[str, ...] = (
    "O",
    *(f"{prefix}-{code}" for code in EVENT_TYPES for prefix in ("B", "I")),
)


def event_code(name: str) -> str:
    """The CAMEO root code of an event type name (``"04 Consult"`` -> ``"04"``); a bare
    code (datasets built before readable names) is returned as it is."""
    return name.split(" ", 1)[0]


def _offset() -> Value:
    return Value("int32")


def _span() -> dict[str, Value]:
    return {"start": _offset(), "end": _offset()}


def entity_label() -> ClassLabel:
    """Entity type: names are ``scheme.ENTITY_LABELS``."""
    return ClassLabel(names=list(ENTITY_LABELS))


def event_type() -> ClassLabel:
    """CAMEO root: names are :data:`EVENT_TYPE_NAMES` ('01 Make public statement', ...)."""
    return ClassLabel(names=list(EVENT_TYPE_NAMES))


def realis_label() -> ClassLabel:
    """Event realis: names are ``scheme.REALIS_LABELS``."""
    return ClassLabel(names=list(REALIS_LABELS))


def role_label() -> ClassLabel:
    """Event argument role: names are ``scheme.ROLE_LABELS``."""
    return ClassLabel(names=list(ROLE_LABELS))


def stance_label() -> ClassLabel:
    """Stance polarity: names are ``scheme.STANCE_LABELS`` (FAVOR, AGAINST, NONE)."""
    return ClassLabel(names=list(STANCE_LABELS))


def ner_tag() -> ClassLabel:
    """BIO tag: names are :data:`NER_TAGS`."""
    return ClassLabel(names=list(NER_TAGS))


def trigger_tag() -> ClassLabel:
    """Trigger BIO tag: names are :data:`TRIGGER_TAGS`."""
    return ClassLabel(names=list(TRIGGER_TAGS))


def _entity_mention() -> dict[str, object]:
    return {
        "id": Value("string"),
        "start": _offset(),
        "end": _offset(),
        "text": Value("string"),
        "label": entity_label(),
        "key": Value("string"),  # entity key (e.g. a Wikidata QID), null when none
    }


def _sentence_columns() -> dict[str, object]:
    return {
        "doc_id": Value("string"),
        "sentence_index": Value("int32"),  # index into the document's sentences
        "sentence_start": _offset(),
        "sentence_end": _offset(),
        "text": Value("string"),  # the sentence: document text[sentence_start:sentence_end]
    }


def documents_features() -> Features:
    """One row per document: text, metadata, segmentation, excluded regions, all layers."""
    return Features(
        {
            "id": Value("string"),
            "annotator": Value("string"),  # "gold" for the adjudicated gold
            "text": Value("string"),  # null when left out of a redistributable build
            "text_sha256": Value("string"),
            "metadata": {
                "title": Value("string"),
                "source": Value("string"),
                "url": Value("string"),
                "date": Value("string"),
                "language": Value("string"),
                "license": Value("string"),
                "attribution": Value("string"),
            },
            "paragraphs": List(_span()),
            "sentences": List(_span()),
            "tokens": List(_span()),
            "excluded": List({"start": _offset(), "end": _offset(), "reason": Value("string")}),
            "stance_targets": List(
                {"id": Value("string"), "name": Value("string"), "description": Value("string")}
            ),
            "entities": List(_entity_mention()),
            "events": List(
                {
                    "id": Value("string"),
                    "start": _offset(),
                    "end": _offset(),
                    "text": Value("string"),
                    "type": event_type(),
                    "realis": realis_label(),
                    "arguments": List({"role": role_label(), "entity_id": Value("string")}),
                }
            ),
            "stances": List(
                {
                    "id": Value("string"),
                    "start": _offset(),
                    "end": _offset(),
                    "text": Value("string"),
                    "target": Value("string"),
                    "label": stance_label(),
                    "holder_id": Value("string"),  # entity mention id, or "AUTHOR"
                }
            ),
        }
    )


def entities_features() -> Features:
    """One row per annotatable sentence: tokens, BIO tags and the entity spans."""
    return Features(
        {
            **_sentence_columns(),
            "tokens": List(Value("string")),
            "token_offsets": List(_span()),
            "ner_tags": List(ner_tag()),
            "entities": List(_entity_mention()),
        }
    )


def events_features() -> Features:
    """One row per annotatable sentence: tokens, trigger BIO tags and the event mentions
    whose trigger starts in it."""
    return Features(
        {
            **_sentence_columns(),
            "tokens": List(Value("string")),
            "token_offsets": List(_span()),
            "trigger_tags": List(trigger_tag()),
            "events": List(
                {
                    "id": Value("string"),
                    "start": _offset(),
                    "end": _offset(),
                    "text": Value("string"),
                    "type": event_type(),
                    "realis": realis_label(),
                    "arguments": List(
                        {
                            "role": role_label(),
                            "entity_id": Value("string"),
                            "entity_label": entity_label(),
                            "start": _offset(),
                            "end": _offset(),
                            "text": Value("string"),
                        }
                    ),
                }
            ),
        }
    )


def stance_features() -> Features:
    """One row per annotatable sentence x declared stance target."""
    return Features(
        {
            **_sentence_columns(),
            "target": Value("string"),
            "target_name": Value("string"),
            "target_description": Value("string"),
            "label": stance_label(),
            # The deciding annotation (null when the sentence has none for the target).
            "holder_id": Value("string"),  # entity mention id, or "AUTHOR"
            "holder_text": Value("string"),
            "holder_start": _offset(),  # null for the author
            "holder_end": _offset(),
            "evidence_start": _offset(),
            "evidence_end": _offset(),
            "evidence_text": Value("string"),
            # Every stance annotation for this target whose evidence starts in the sentence.
            "annotations": List(
                {
                    "id": Value("string"),
                    "start": _offset(),
                    "end": _offset(),
                    "text": Value("string"),
                    "label": stance_label(),
                    "holder_id": Value("string"),
                    "holder_text": Value("string"),
                    "holder_start": _offset(),
                    "holder_end": _offset(),
                }
            ),
        }
    )


_BUILDERS: dict[str, Callable[[], Features]] = {
    "documents": documents_features,
    "entities": entities_features,
    "events": events_features,
    "stance": stance_features,
}


def config_features(config: str) -> Features:
    """The features of one config.

    Args:
        config: one of :data:`CONFIG_NAMES`.

    Raises:
        ValueError: for an unknown config name.
    """
    try:
        return _BUILDERS[config]()
    except KeyError:
        raise ValueError(
            f"unknown dataset config {config!r}; expected one of {', '.join(CONFIG_NAMES)}"
        ) from None


def label_decoder(features: Features | dict[str, Any] | Any) -> Any:
    """A function turning stored values (ClassLabel indices) back into label names,
    or None when ``features`` hold no ``ClassLabel``."""
    if isinstance(features, ClassLabel):
        names = features.names
        return lambda value: names[value] if value is not None else None
    if isinstance(features, List):
        inner = label_decoder(features.feature)
        if inner is None:
            return None
        return lambda values: [inner(v) for v in values] if values is not None else None
    if isinstance(features, dict):
        decoders = {name: label_decoder(feature) for name, feature in features.items()}
        decoders = {name: fn for name, fn in decoders.items() if fn is not None}
        if not decoders:
            return None

        def decode(row: dict[str, Any] | None) -> dict[str, Any] | None:
            if row is None:
                return None
            return {
                name: decoders[name](value) if name in decoders else value
                for name, value in row.items()
            }

        return decode
    return None
