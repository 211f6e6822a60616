"""Records-level validation of annotation sets against their document and the scheme.

One checker for every stage that takes annotations in: the Label Studio converter, the
gold loader, the dataset builder and the scorer. It never stops at the first problem: it
lists every problem, each naming the document, the layer, the annotation id and what was
expected, so a whole export can be fixed in one pass.

All offsets are character offsets into ``Document.text``, end-exclusive.
:func:`annotation_problems` lists the problems; :func:`validate_annotations` raises on
them (examples in each).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from newsgold.corpus.document import Document
from newsgold.errors import ValidationError
from newsgold.problems import Problem
from newsgold.records import DocumentAnnotations, StanceTarget
from newsgold.scheme import (
    AUTHOR_HOLDER,
    ENTITY_LABELS,
    EVENT_TYPES,
    REALIS_LABELS,
    ROLE_ENTITY_TYPES,
    ROLE_LABELS,
    STANCE_LABELS,
)

# How many problems an error message spells out before it says "and N more".
_MESSAGE_LIMIT = 5


def _span_problems(document: Document, start: int, end: int, text: str, *, what: str) -> list[str]:
    """In range and non-empty, text matches, not excluded, starts in an annotatable sentence."""
    length = len(document.text)
    if not (0 <= start < end <= length):
        return [
            f"{what} offsets [{start}, {end}) are not a non-empty span inside the text "
            f"(0..{length} characters)"
        ]
    problems: list[str] = []
    actual = document.text[start:end]
    if actual != text:
        problems.append(
            f"{what} text {text!r} differs from the document text {actual!r} at [{start}, {end})"
        )
    region = document.overlaps_excluded(start, end)
    if region is not None:
        problems.append(
            f"{what} [{start}, {end}) touches the excluded region [{region.start}, {region.end}) "
            f"({region.reason}); nothing there may be annotated"
        )
        return problems
    sentence = document.sentence_index(start)
    if sentence is None:
        problems.append(
            f"{what} starts at {start}, between sentences; start it on the first character "
            "of a word"
        )
    else:
        s_start, s_end = document.sentences[sentence]
        excluded = document.overlaps_excluded(s_start, s_end)
        if excluded is not None:
            problems.append(
                f"{what} starts in sentence {sentence} [{s_start}, {s_end}), which overlaps the "
                f"excluded region [{excluded.start}, {excluded.end}) and is not annotatable"
            )
    return problems


def annotation_problems(
    document: Document,
    annotations: DocumentAnnotations,
    targets: Sequence[StanceTarget] = (),
) -> list[Problem]:
    """List every problem of one annotation set on its document (empty list: valid).

    Checks: the set belongs to the document; ids are unique across layers and none is
    ``"AUTHOR"``; every span (entity, event trigger, stance evidence) is non-empty,
    inside the text, equal to the document text at its offsets, outside every excluded
    region and starts inside an annotatable sentence; entity spans do not overlap; every
    label is in the scheme (entity type, CAMEO root, realis, role, polarity); event
    arguments refer to existing entity mentions whose type the role allows
    (``scheme.ROLE_ENTITY_TYPES``); stance targets are declared for the document and
    stance holders are existing entity mentions (or None, the author).

    Args:
        document: the document the annotations are on.
        annotations: one annotation set (an annotator's, or the gold).
        targets: the stance targets declared for this document.

    Returns:
        The problems, sorted by layer, id and message.

    Example:
        >>> from newsgold.corpus.ingest import Metadata, make_document
        >>> from newsgold.records import EntityMention
        >>> doc = make_document("Kim met Trump in Hanoi.", Metadata())
        >>> anns = DocumentAnnotations(doc.id, "a", [EntityMention(0, 3, "PERSON", "Kim", "e1")])
        >>> [str(p) for p in annotation_problems(doc, anns)]  # doctest: +ELLIPSIS
        ["document ..., entities e1: label 'PERSON' is not in the scheme..."]
    """
    doc_id = annotations.doc_id
    problems: list[Problem] = []

    def add(layer: str, item_id: str | None, message: str) -> None:
        problems.append(Problem(message, doc_id=doc_id, layer=layer, item=item_id))

    if annotations.doc_id != document.id:
        add(
            "document",
            None,
            f"annotations are for document {annotations.doc_id!r} but were checked against "
            f"document {document.id!r}",
        )

    seen_ids: set[str] = set()
    for layer, items in (
        ("entities", annotations.entities),
        ("events", annotations.events),
        ("stances", annotations.stances),
    ):
        for item in items:
            if item.id == AUTHOR_HOLDER:
                add(layer, item.id, f"id {AUTHOR_HOLDER!r} is reserved for the article's author")
            if not item.id:
                add(layer, item.id, "empty id; every annotation needs an id")
            elif item.id in seen_ids:
                add(layer, item.id, "id used twice in this annotation set; ids must be unique")
            seen_ids.add(item.id)

    entities = annotations.entity_by_id()
    for mention in annotations.entities:
        for message in _span_problems(
            document, mention.start, mention.end, mention.text, what="entity span"
        ):
            add("entities", mention.id, message)
        if mention.label not in ENTITY_LABELS:
            add(
                "entities",
                mention.id,
                f"label {mention.label!r} is not in the scheme; expected one of "
                f"{', '.join(ENTITY_LABELS)}",
            )
    ordered = sorted(annotations.entities, key=lambda m: (m.start, m.end, m.id))
    for previous, current in pairwise(ordered):
        if current.start < previous.end:
            add(
                "entities",
                current.id,
                f"span [{current.start}, {current.end}) overlaps entity {previous.id} "
                f"[{previous.start}, {previous.end}); entity spans must not overlap",
            )

    for event in annotations.events:
        for message in _span_problems(
            document, event.start, event.end, event.text, what="event trigger"
        ):
            add("events", event.id, message)
        if event.type not in EVENT_TYPES:
            add(
                "events",
                event.id,
                f"type {event.type!r} is not a CAMEO root code; expected one of "
                f"{', '.join(EVENT_TYPES)}",
            )
        if event.realis not in REALIS_LABELS:
            add(
                "events",
                event.id,
                f"realis {event.realis!r} is not in the scheme; expected one of "
                f"{', '.join(REALIS_LABELS)}",
            )
        for argument in event.arguments:
            if argument.role not in ROLE_LABELS:
                add(
                    "events",
                    event.id,
                    f"argument role {argument.role!r} is not in the scheme; expected one of "
                    f"{', '.join(ROLE_LABELS)}",
                )
                continue
            filler = entities.get(argument.entity_id)
            if filler is None:
                add(
                    "events",
                    event.id,
                    f"{argument.role} argument refers to entity {argument.entity_id!r}, "
                    "which is not an entity mention of this annotation set",
                )
            elif filler.label not in ROLE_ENTITY_TYPES[argument.role]:
                allowed = ", ".join(sorted(ROLE_ENTITY_TYPES[argument.role]))
                add(
                    "events",
                    event.id,
                    f"{argument.role} argument {filler.id} is a {filler.label} mention; "
                    f"{argument.role} takes {allowed}",
                )

    declared = {target.id for target in targets}
    for stance in annotations.stances:
        for message in _span_problems(
            document, stance.start, stance.end, stance.text, what="stance evidence"
        ):
            add("stances", stance.id, message)
        if stance.polarity not in STANCE_LABELS:
            add(
                "stances",
                stance.id,
                f"polarity {stance.polarity!r} is not in the scheme; expected one of "
                f"{', '.join(STANCE_LABELS)}",
            )
        if stance.target not in declared:
            add(
                "stances",
                stance.id,
                f"target {stance.target!r} is not declared for this document "
                f"(declared: {', '.join(sorted(declared)) or 'none'}); declare it in "
                "annotations/stance_targets.json",
            )
        if stance.holder_id is not None and stance.holder_id not in entities:
            add(
                "stances",
                stance.id,
                f"holder {stance.holder_id!r} is not an entity mention of this annotation set "
                "(use no holder for the article's author)",
            )
    return sorted(problems, key=Problem.sort_key)


def validate_annotations(
    document: Document,
    annotations: DocumentAnnotations,
    targets: Sequence[StanceTarget] = (),
) -> None:
    """Raise if one annotation set fails :func:`annotation_problems`.

    Raises:
        ValidationError: listing every problem (``.problems`` holds them as strings).

    Example:
        >>> from newsgold.corpus.ingest import Metadata, make_document
        >>> from newsgold.records import EntityMention
        >>> doc = make_document("Kim met Trump in Hanoi.", Metadata())
        >>> kim = EntityMention(0, 3, "PER", "Kim", "e1")
        >>> validate_annotations(doc, DocumentAnnotations(doc.id, "a", [kim]))  # passes
        >>> too_wide = EntityMention(0, 4, "PER", "Kim", "e1")
        >>> validate_annotations(doc, DocumentAnnotations(doc.id, "a", [too_wide]))
        Traceback (most recent call last):
            ...
        newsgold.errors.ValidationError: annotations failed validation with 1 problem(s):
        document ..., entities e1: entity span text 'Kim' differs from the document text
        'Kim ' at [0, 4)
    """
    raise_for_problems(annotation_problems(document, annotations, targets))


def raise_for_problems(problems: Iterable[Problem], *, what: str = "annotations") -> None:
    """Raise :class:`ValidationError` if ``problems`` is non-empty; the message lists them.

    Args:
        problems: as returned by :func:`annotation_problems`.
        what: names the checked input in the message, e.g. ``"gold annotations/gold.jsonl"``.

    Raises:
        ValidationError: with ``.problems`` holding every problem as a string.
    """
    lines = [str(problem) for problem in problems]
    if not lines:
        return
    # One line, so the CLI's one-line error shows the reasons.
    shown = "; ".join(lines[:_MESSAGE_LIMIT])
    more = f"; ... and {len(lines) - _MESSAGE_LIMIT} more" if len(lines) > _MESSAGE_LIMIT else ""
    raise ValidationError(
        f"{what} failed validation with {len(lines)} problem(s): {shown}{more}", lines
    )
