"""The dataset card's YAML header: ``huggingface_hub.DatasetCardData`` fields from the build.

Configs with their data files, the features and split sizes of ``dataset_info``,
languages, size category, licence (``other`` with a per-document ``license_link``) and
the Hub's task tags; :func:`newsgold.dataset.card_sections.validate_card` checks the
result the way the Hub and ``datasets`` read it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsgold.corpus.splits import SplitPolicy
from newsgold.dataset.card_inputs import CardInputs
from newsgold.dataset.card_sections import LICENSE_LINK
from newsgold.dataset.features import CONFIG_NAMES, config_features

if TYPE_CHECKING:
    from newsgold.dataset.build import BuildResult

PRETTY_NAME = "newsgold"


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


def card_metadata(result: BuildResult, policy: SplitPolicy, inputs: CardInputs) -> dict[str, Any]:
    """The ``DatasetCardData`` fields of a build (equal input, equal fields)."""
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


__all__ = ["PRETTY_NAME", "card_metadata"]
