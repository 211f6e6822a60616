"""The dataset card (``README.md``): Hugging Face YAML metadata plus the documentation.

Everything factual in the card comes from data: statistics from the rows written,
label definitions from ``newsgold.scheme``, the schema from the features, agreement
figures from ``annotations/agreement.json`` and the annotation process from
``annotations/provenance.json`` (:class:`~newsgold.dataset.card_inputs.CardInputs`).
No figure is typed by hand.

:func:`render_card` puts the sections in order and writes the overview and the short
sections about this build (loading, splits, limitations, files); the others come from
``card_metadata`` (YAML header), ``card_schema`` (configs, fields, labels),
``card_statistics`` (counts, agreement) and ``card_sections`` (provenance, licences,
people, citation, examples, and the offline check).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from huggingface_hub import DatasetCardData

from newsgold.corpus.splits import SplitPolicy
from newsgold.dataset.card_inputs import CardInputs
from newsgold.dataset.card_markdown import markdown_table
from newsgold.dataset.card_metadata import PRETTY_NAME, card_metadata
from newsgold.dataset.card_schema import CONFIG_SUMMARIES, labels_section, schema_section
from newsgold.dataset.card_sections import (
    citation_section,
    curators_section,
    examples_section,
    personal_information_section,
    provenance_section,
    validate_card,
)
from newsgold.dataset.card_statistics import annotation_section, statistics_section
from newsgold.dataset.features import CONFIG_NAMES

if TYPE_CHECKING:
    from newsgold.dataset.build import BuildResult


def render_card(result: BuildResult, policy: SplitPolicy, inputs: CardInputs) -> str:
    """The full ``README.md`` text: YAML metadata, then the documentation sections.

    Args:
        result: the files written and their statistics.
        policy: the split policy used.
        inputs: agreement figures and provenance (may be empty).

    Returns:
        The card; equal input gives equal text.
    """
    header = DatasetCardData(**card_metadata(result, policy, inputs)).to_yaml()
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
        *(f"- `{config}` — {CONFIG_SUMMARIES[config]}" for config in CONFIG_NAMES),
        "",
    ]
    lines += _loading_section()
    lines += schema_section()
    lines += examples_section(result.examples, CONFIG_NAMES)
    lines += labels_section()
    lines += _splits_section(result, policy)
    lines += statistics_section(result, policy)
    lines += annotation_section(inputs)
    lines += provenance_section(result, inputs)
    lines += personal_information_section()
    lines += _limitations_section(result)
    lines += curators_section(inputs)
    lines += citation_section(inputs)
    lines += _files_section(result)
    text = "\n".join(lines).rstrip("\n") + "\n"
    validate_card(text)
    return text


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
    lines += markdown_table(
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
        *markdown_table(
            ["file", "rows", "sha256"],
            [[f"`{f.path}`", f.rows, f"`{f.sha256}`"] for f in result.files],
        ),
        "",
    ]


__all__ = ["render_card"]
