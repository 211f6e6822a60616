"""Test data for the Label Studio tests: a tiny document with emoji and its annotations."""

from __future__ import annotations

from newsgold.corpus.document import Document, ExcludedRegion
from newsgold.corpus.normalize import document_id
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventArgument,
    EventMention,
    StanceAnnotation,
    StanceTarget,
)

EMOJI_PARAGRAPHS = (
    "Kim 😀 praised Trump in Hanoi 🇻🇳 on Sunday.",
    "Sanders 🙂 said the talks would resume next week.",
    "Subscribe to our newsletter 📰 for more.",
)


# A real content id: a corpus file is refused when an id is not the hash of its text.
EMOJI_ID = document_id("\n".join(EMOJI_PARAGRAPHS))


def emoji_document() -> Document:
    text = "\n".join(EMOJI_PARAGRAPHS)
    paragraphs = []
    start = 0
    for paragraph in EMOJI_PARAGRAPHS:
        paragraphs.append((start, start + len(paragraph)))
        start += len(paragraph) + 1
    last = paragraphs[-1]
    return Document(
        id=EMOJI_ID,
        text=text,
        title="Emoji test",
        source="Test Wire",
        url=None,
        date=None,
        language="en",
        paragraphs=tuple(paragraphs),
        sentences=tuple(paragraphs),
        tokens=(),
        excluded=(ExcludedRegion(last[0], last[1], "publisher boilerplate: newsletter appeal"),),
    )


def mention(
    doc: Document, surface: str, label: str, mention_id: str, nth: int = 0
) -> EntityMention:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(surface, start + 1)
    return EntityMention(start, start + len(surface), label, surface, mention_id)


def emoji_records(doc: Document, annotator: str) -> DocumentAnnotations:
    """A full annotation set (entities, an event with arguments, two stances)."""
    kim = mention(doc, "Kim", "PER", "e-kim")
    trump = mention(doc, "Trump", "PER", "e-trump")
    hanoi = mention(doc, "Hanoi", "GPE", "e-hanoi")
    sunday = mention(doc, "Sunday", "DATE", "e-sunday")
    sanders = mention(doc, "Sanders", "PER", "e-sanders")
    kim = EntityMention(kim.start, kim.end, kim.label, kim.text, kim.id, "Q56226")
    praised = doc.text.index("praised")
    resume = doc.text.index("resume")
    events = [
        EventMention(
            praised,
            praised + 7,
            "05",
            "ACTUAL",
            "praised",
            "v-praised",
            tuple(
                sorted(
                    (
                        EventArgument("SOURCE", kim.id),
                        EventArgument("TARGET", trump.id),
                        EventArgument("PLACE", hanoi.id),
                        EventArgument("TIME", sunday.id),
                    )
                )
            ),
        ),
        EventMention(resume, resume + 6, "04", "OTHER", "resume", "v-resume", ()),
    ]
    evidence = "praised Trump"
    first = doc.text.index(evidence)
    second_text = "the talks would resume"
    second = doc.text.index(second_text)
    stances = [
        StanceAnnotation(
            first, first + len(evidence), "diplomacy", "FAVOR", evidence, "s-1", kim.id
        ),
        StanceAnnotation(
            second, second + len(second_text), "diplomacy", "FAVOR", second_text, "s-2", None
        ),
    ]
    if annotator == "bob":
        stances[1] = StanceAnnotation(
            second,
            second + len(second_text),
            "sanctions",
            "AGAINST",
            second_text,
            "s-2",
            sanders.id,
        )
    return DocumentAnnotations(
        doc.id, annotator, [kim, trump, hanoi, sunday, sanders], events, stances
    ).sorted()


EMOJI_TARGETS = {
    EMOJI_ID: [
        StanceTarget("diplomacy", "Leader diplomacy", "Talks between the leaders."),
        StanceTarget("sanctions", "Sanctions", "Keeping sanctions."),
    ]
}
