"""Dataset card sections about rights and people: where each document comes from, licences
per document, withheld text and how to hydrate it, personal information, curators,
citation, example instances, and the ``LICENSE.md`` the card's ``license_link`` points
to; plus the offline card check.

Every statement is derived from the build (documents' ``license`` and ``attribution``,
what was withheld) or from ``annotations/provenance.json``; nothing is typed per build.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from newsgold._version import __version__ as NEWSGOLD_VERSION
from newsgold.dataset.card_markdown import markdown_table
from newsgold.dataset.statistics import LISTED_DOCUMENTS
from newsgold.licenses import is_redistributable, license_url
from newsgold.scheme import SCHEME_VERSION

if TYPE_CHECKING:
    from newsgold.dataset.build import BuildResult
    from newsgold.dataset.card_inputs import CardInputs

LICENSE_LINK = "LICENSE.md"
REQUIRED_SECTIONS = (
    "## Configs and schema",
    "## Example instances",
    "## Source data and licence",
    "## Personal and sensitive information",
    "## Curators",
    "## Citation",
)
_EXAMPLE_STRING = 160  # characters of a string shown in an example
_EXAMPLE_ITEMS = 3  # list items shown in an example


def _annotation_license(inputs: CardInputs) -> str | None:
    value = (inputs.provenance or {}).get("annotation_license")
    return str(value) if value else None


def provenance_section(result: BuildResult, inputs: CardInputs) -> list[str]:
    """``## Source data and licence``: every listed document's origin, then the licences."""
    stats = result.statistics
    lines = ["## Source data and licence", "", "### Provenance", ""]
    listed = stats.listed_documents
    lines += markdown_table(
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
    lines += markdown_table(
        ["publisher", "documents"], [[s, n] for s, n in sorted(stats.sources.items())]
    )
    lines += ["", *licence_section(result, inputs)]
    return lines


def licence_section(result: BuildResult, inputs: CardInputs) -> list[str]:
    """``### Licence``: the annotation licence, then every listed document's licence."""
    stats = result.statistics
    annotation_license = _annotation_license(inputs)
    lines = [
        "### Licence",
        "",
        (
            f"The annotation layer (offsets, labels, entity keys, stance targets) is released "
            f"under {annotation_license}."
            if annotation_license
            else "The licence of the annotation layer (offsets, labels, entity keys, stance "
            "targets) is not yet declared (no `annotation_license` in "
            "`annotations/provenance.json`)."
        ),
        "",
        "Each article's text keeps its own licence, per document below and in "
        f"[`{LICENSE_LINK}`]({LICENSE_LINK}). A text may be republished only as its licence "
        "allows; `redistributable` says whether newsgold considers the licence one that lets "
        "anyone republish the text with attribution (CC0, CC BY, CC BY-SA, PDDL, ODC-By). "
        "Give the attribution shown whenever you use a text.",
        "",
    ]
    lines += markdown_table(
        ["document", "split", "licence", "redistributable", "text in this copy", "attribution"],
        [
            [
                d.id,
                d.split,
                d.license or "unknown",
                "yes" if is_redistributable(d.license) else "no",
                "withheld" if d.text_withheld else "included",
                d.attribution or "—",
            ]
            for d in stats.listed_documents
        ],
    )
    if stats.documents > len(stats.listed_documents):
        lines += [
            "",
            f"... and {stats.documents - len(stats.listed_documents)} more documents "
            f"(all listed in `{LICENSE_LINK}`).",
        ]
    lines += ["", "Documents per text licence:", ""]
    lines += markdown_table(
        ["licence", "documents"], [[k, n] for k, n in sorted(stats.licenses.items())]
    )
    lines += ["", *withheld_section(result), ""]
    return lines


def withheld_section(result: BuildResult) -> list[str]:
    """``### Withheld text and hydration``: what this copy leaves out and how to restore it."""
    withheld = result.statistics.withheld
    not_free = [d for d in result.statistics.listed_documents if not is_redistributable(d.license)]
    lines = ["### Withheld text and hydration", ""]
    if not result.redistributable:
        lines += [
            "This copy was built with every text included. "
            + (
                f"{len(not_free)} listed document(s) have a text licence that does not allow "
                "republishing; publish only a redistributable build "
                "(`newsgold dataset build --redistributable`), which leaves their text out."
                if not_free
                else "Every listed text may be republished under its licence."
            ),
        ]
        return lines
    if not withheld:
        return [*lines, "This redistributable build withholds no text: every licence allows it."]
    lines += [
        f"This is a redistributable build: the text of {len(withheld)} document(s) is left out "
        "because its licence does not allow republishing it. Their annotations are all here "
        "(offsets, labels, ids); every text column of their rows (`text`, `tokens`, "
        "`holder_text`, `evidence_text`) is null, and `text_sha256` is the SHA-256 of the "
        "normalized text (NFC, `\\n` line endings, UTF-8).",
        "",
    ]
    lines += markdown_table(
        ["document", "split", "licence", "source", "title", "url", "text SHA-256"],
        [
            [
                w.id,
                w.split,
                w.license or "unknown",
                w.source or "unknown",
                w.title or "unknown",
                w.url or "unknown",
                f"`{w.sha256}`",
            ]
            for w in withheld
        ],
    )
    lines += [
        "",
        "To restore the text from your own copy of each article (a `.txt` or `.html` file as "
        "you obtained it, or a folder of them):",
        "",
        "```bash",
        "pip install newsgold",
        "newsgold dataset hydrate path/to/dataset --source path/to/your/articles",
        "```",
        "",
        "`hydrate` normalizes each file as `newsgold corpus add` does, keeps the ones whose "
        "text has exactly the SHA-256 above and refuses any other copy, then rewrites the "
        "dataset with the text in place; the result equals a full build byte for byte.",
    ]
    return lines


def personal_information_section() -> list[str]:
    """``## Personal and sensitive information``."""
    return [
        "## Personal and sensitive information",
        "",
        "The texts are published news articles. They name public figures and, occasionally, "
        "private people who appear in the news (victims, witnesses, people quoted), and they "
        "report political opinions, religious beliefs, health matters and crimes as news "
        "does. The annotations add entity keys (Wikidata ids) for some named people and "
        "stance labels attributing positions to named holders, as the articles state them; "
        "they are the annotators' reading of the text, not verified facts about anyone. "
        "Nothing was collected from or about people beyond the published articles, and no "
        "annotator's personal data is included (annotator ids are pseudonyms). Do not use "
        "the data to profile or make decisions about the people named in it.",
        "",
    ]


def curators_section(inputs: CardInputs) -> list[str]:
    """``## Curators``: who curated the dataset, from provenance or the default statement."""
    provenance = inputs.provenance or {}
    curators = provenance.get("curators")
    if isinstance(curators, list) and curators:
        who = ", ".join(str(c) for c in curators)
    else:
        who = (
            "the newsgold project: its lead (an AI agent) chose the articles and the split "
            "rule and ran the annotation campaign; the stance targets, the two annotation "
            "passes and the adjudication were made by separate AI agents, as described "
            "under *Annotation*"
        )
    return [
        "## Curators",
        "",
        f"Curated by {who}. Corrections and questions: the newsgold repository's issue tracker.",
        "",
    ]


def _year(inputs: CardInputs) -> str | None:
    provenance = inputs.provenance or {}
    if provenance.get("year"):
        return str(provenance["year"])
    match = re.search(r"year\s*=\s*[{\"]?(\d{4})", str(provenance.get("citation") or ""))
    return match.group(1) if match else None


def bibtex(inputs: CardInputs) -> str:
    """A complete BibTeX ``@misc`` entry for the dataset (author, title, year, version,
    how published, note), deterministic for equal inputs."""
    provenance = inputs.provenance or {}
    authors = provenance.get("curators") or ["{The newsgold project}"]
    fields = [
        ("author", " and ".join(str(a) for a in authors)),
        (
            "title",
            "{newsgold}: An Annotated News Dataset of Entities, {CAMEO} Events and Stance",
        ),
        ("year", _year(inputs) or "n.d."),
        ("version", f"{NEWSGOLD_VERSION} (annotation scheme {SCHEME_VERSION})"),
        ("howpublished", "Hugging Face dataset built with newsgold"),
        (
            "note",
            "Article texts belong to their publishers; see the per-document licences and "
            "attributions in the dataset card",
        ),
    ]
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name:<{width}} = {{{value}}}" for name, value in fields)
    return "@misc{newsgold_dataset,\n" + body + "\n}"


def citation_section(inputs: CardInputs) -> list[str]:
    """``## Citation``: the dataset's BibTeX, and a reminder to cite the articles."""
    return [
        "## Citation",
        "",
        "Cite the dataset, and the original articles (publisher, title, URL and attribution "
        "in *Source data and licence*):",
        "",
        "```bibtex",
        bibtex(inputs),
        "```",
        "",
    ]


def _shorten(value: Any) -> Any:
    if isinstance(value, str):
        return value if len(value) <= _EXAMPLE_STRING else value[:_EXAMPLE_STRING] + "…"
    if isinstance(value, list):
        shown = [_shorten(v) for v in value[:_EXAMPLE_ITEMS]]
        if len(value) > _EXAMPLE_ITEMS:
            shown.append(f"… {len(value) - _EXAMPLE_ITEMS} more")
        return shown
    if isinstance(value, dict):
        return {k: _shorten(v) for k, v in value.items()}
    return value


def examples_section(examples: dict[str, dict[str, Any]], configs: tuple[str, ...]) -> list[str]:
    """``## Example instances``: one row per config as ``load_dataset`` gives it (labels
    as names here for reading; the files store ``ClassLabel`` indices), long strings and
    lists shortened."""
    lines = [
        "## Example instances",
        "",
        "One row of each config, with `ClassLabel` values shown as their names (the data "
        f"holds their indices), strings cut at {_EXAMPLE_STRING} characters and lists at "
        f"{_EXAMPLE_ITEMS} items. A row of a document whose text is withheld shows its "
        "nulls.",
        "",
    ]
    for config in configs:
        row = examples.get(config)
        lines += [f"### `{config}`", ""]
        if row is None:
            lines += ["This build has no row of this config.", ""]
            continue
        lines += [
            "```json",
            json.dumps(_shorten(row), ensure_ascii=False, indent=2),
            "```",
            "",
        ]
    return lines


def render_license(result: BuildResult, inputs: CardInputs) -> str:
    """``LICENSE.md``: the annotation licence and every document's text licence."""
    annotation_license = _annotation_license(inputs)
    lines = [
        "# Licences of this dataset",
        "",
        "## Annotations",
        "",
        (
            f"The annotation layer (offsets, labels, entity keys, stance targets) is released "
            f"under {annotation_license}."
            if annotation_license
            else "The licence of the annotation layer is not yet declared."
        ),
        "",
        "## Article texts",
        "",
        "Each text keeps its own licence. Republish a text only as its licence allows, with "
        "the attribution given.",
        "",
    ]
    documents = {d.id: d for d in result.statistics.listed_documents}
    withheld = {w.id: w for w in result.statistics.withheld}
    rows = []
    for doc_id in sorted(set(documents) | set(withheld)):
        d = documents.get(doc_id)
        w = withheld.get(doc_id)
        license_id = d.license if d is not None else (w.license if w is not None else None)
        attribution = d.attribution if d is not None else (w.attribution if w else None)
        url = license_url(license_id)
        rows.append(
            [
                doc_id,
                f"[{license_id}]({url})" if url else (license_id or "unknown"),
                "withheld" if doc_id in withheld else "included",
                attribution or "—",
            ]
        )
    lines += markdown_table(["document", "licence", "text in this copy", "attribution"], rows)
    listed = len(rows)
    if result.statistics.documents > listed:
        lines += ["", f"{result.statistics.documents - listed} more documents are not listed."]
    return "\n".join(lines) + "\n"


def validate_card(text: str) -> None:
    """Check a card offline the way the Hub and ``datasets`` read it.

    The YAML must parse into ``huggingface_hub.DatasetCardData``; its ``configs`` and
    ``dataset_info`` must parse with the ``datasets`` readers ``load_dataset`` uses;
    ``license: other`` needs ``license_name`` and ``license_link``; every config needs
    ``data_files`` and features; the required sections must be there.

    Raises:
        ValueError: naming the first problem.
    """
    from datasets.info import DatasetInfosDict
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCard

    card = DatasetCard(text)
    data = card.data.to_dict()
    for key in ("pretty_name", "license", "configs", "dataset_info"):
        if not data.get(key):
            raise ValueError(f"dataset card: YAML metadata has no {key!r}")
    if data["license"] == "other" and not (data.get("license_name") and data.get("license_link")):
        raise ValueError("dataset card: license 'other' needs license_name and license_link")
    configs = MetadataConfigs.from_dataset_card_data(card.data)
    infos = DatasetInfosDict.from_dataset_card_data(card.data)
    for name, config in configs.items():
        if not config.get("data_files"):
            raise ValueError(f"dataset card: config {name!r} lists no data_files")
        if name not in infos or infos[name].features is None:
            raise ValueError(f"dataset card: config {name!r} has no features in dataset_info")
    for section in REQUIRED_SECTIONS:
        if f"\n{section}\n" not in card.text:
            raise ValueError(f"dataset card: missing section {section!r}")
