"""Features per config: label columns are ClassLabels named from the scheme."""

from __future__ import annotations

import pytest
from datasets import ClassLabel, List

from newsgold.dataset.features import (
    CONFIG_NAMES,
    EVENT_TYPE_NAMES,
    NER_TAGS,
    TRIGGER_TAGS,
    config_features,
)
from newsgold.scheme import ENTITY_LABELS, REALIS_LABELS, ROLE_LABELS, STANCE_LABELS


def _at(config: str, path: str) -> ClassLabel:
    feature: object = config_features(config)
    for part in path.split("."):
        while isinstance(feature, List):
            feature = feature.feature
        feature = feature[part]  # type: ignore[index]
    while isinstance(feature, List):
        feature = feature.feature
    assert isinstance(feature, ClassLabel)
    return feature


LABEL_COLUMNS = [
    ("documents", "entities.label", ENTITY_LABELS),
    ("documents", "events.type", EVENT_TYPE_NAMES),
    ("documents", "events.realis", REALIS_LABELS),
    ("documents", "events.arguments.role", ROLE_LABELS),
    ("documents", "stances.label", STANCE_LABELS),
    ("entities", "entities.label", ENTITY_LABELS),
    ("events", "events.type", EVENT_TYPE_NAMES),
    ("events", "trigger_tags", TRIGGER_TAGS),
    ("events", "events.realis", REALIS_LABELS),
    ("events", "events.arguments.role", ROLE_LABELS),
    ("events", "events.arguments.entity_label", ENTITY_LABELS),
    ("stance", "label", STANCE_LABELS),
    ("stance", "annotations.label", STANCE_LABELS),
]


@pytest.mark.parametrize(("config", "path", "names"), LABEL_COLUMNS)
def test_label_columns_carry_the_scheme_names(
    config: str, path: str, names: tuple[str, ...]
) -> None:
    assert _at(config, path).names == list(names)


def test_ner_tags_are_bio_in_scheme_order() -> None:
    expected = ["O"]
    for label in ENTITY_LABELS:
        expected += [f"B-{label}", f"I-{label}"]
    assert list(NER_TAGS) == expected
    assert _at("entities", "ner_tags").names == expected


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_arrow_schema_embeds_the_features(config: str) -> None:
    from datasets import Features

    features = config_features(config)
    assert Features.from_arrow_schema(features.arrow_schema) == features


def test_unknown_config_names_the_known_ones() -> None:
    with pytest.raises(
        ValueError, match=r"unknown dataset config 'ner'; expected one of documents"
    ):
        config_features("ner")
