"""Synthetic, valid gold for tests and benchmarks (never published as data).

Documents are built directly (a regular-expression tokenizer, one sentence per line),
so a corpus of thousands of documents is generated in seconds and streamed: nothing is
held beyond the current document. Every annotation passes
:func:`newsgold.validation.annotation_problems`. Output depends only on the arguments.

Example:
    >>> record = next(synthetic_records(1))
    >>> record.document.id
    '0000000000000000'
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from newsgold.corpus.document import Document, ExcludedRegion
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventArgument,
    EventMention,
    GoldDocument,
    StanceAnnotation,
    StanceTarget,
)
from newsgold.scheme import (
    ENTITY_LABELS,
    EVENT_TYPES,
    REALIS_LABELS,
    ROLE_ENTITY_TYPES,
    ROLE_LABELS,
)

_NAMES = (
    "Donald Trump",
    "Kim Jong Un",
    "Pyongyang",
    "Seoul",
    "White House",
    "Moon Jae-in",
    "Korean Peninsula",
    "Chinese",
    "Xi Jinping",
    "Hanoi",
    "Sunday",
    "G-20 summit",
    "Zoë Ångström",
    "São Paulo",
    "Ωmega Corp",
    "Beijing",
)
_WORDS = (
    "said",
    "sent",
    "letter",
    "talks",
    "met",
    "rejected",
    "praised",
    "the",
    "a",
    "on",
    "nuclear",
    "sanctions",
    "threatened",
    "visited",
    "would",
    "not",
    "about",
    "agreed",
    "“excellent”",
    "denied",
    "🙂",
    "leaders",
    "week",
    "relief",
    "pressure",
)
_BOILERPLATE = "(Subscribe to our newsletter for more.)"
_TOKEN = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]")
_NAME_TOKEN = re.compile(r"[A-ZÅΩ]")


def synthetic_targets(doc_id: str) -> tuple[StanceTarget, ...]:
    """Two declared stance targets for a synthetic document."""
    return (
        StanceTarget(
            "leader_diplomacy", "Leader diplomacy", f"FAVOR supports the talks ({doc_id})."
        ),
        StanceTarget("sanctions_first", "Sanctions first", "FAVOR wants sanctions kept."),
    )


def synthetic_document(index: int, *, sentences: int = 20, seed: int = 0) -> Document:
    """A document of ``sentences`` lines plus one excluded boilerplate line; id = index in hex."""
    rng = random.Random(f"{seed}:doc:{index}")
    lines = []
    for _ in range(sentences):
        words = [
            rng.choice(_NAMES if rng.random() < 0.25 else _WORDS) for _ in range(rng.randint(5, 14))
        ]
        lines.append(" ".join(words) + ".")
    lines.append(_BOILERPLATE)
    text = "\n".join(lines)
    sentence_spans: list[tuple[int, int]] = []
    position = 0
    for line in lines:
        sentence_spans.append((position, position + len(line)))
        position += len(line) + 1
    tokens = tuple((m.start(), m.end()) for m in _TOKEN.finditer(text))
    boiler_start = sentence_spans[-1][0]
    half = len(lines) // 2
    paragraphs = ((0, sentence_spans[half - 1][1]), (sentence_spans[half][0], len(text)))
    return Document(
        id=f"{index:016x}",
        text=text,
        title=f"Synthetic article {index}",
        source="Synthetic Press",
        url=f"https://example.org/articles/{index}",
        date="2019-06-23",
        language="en",
        paragraphs=paragraphs,
        sentences=tuple(sentence_spans),
        tokens=tokens,
        excluded=(
            ExcludedRegion(boiler_start, len(text), "publisher boilerplate: newsletter appeal"),
        ),
    )


def synthetic_gold(
    document: Document, targets: tuple[StanceTarget, ...], *, seed: int = 0
) -> DocumentAnnotations:
    """Valid gold on ``document``: capitalised token runs as entities, other words as
    triggers with role-compatible arguments, stances (some several per sentence x target)."""
    rng = random.Random(f"{seed}:gold:{document.id}")
    text = document.text
    entities: list[EntityMention] = []
    events: list[EventMention] = []
    stances: list[StanceAnnotation] = []
    for index in document.annotatable_sentences():
        s_start, s_end = document.sentences[index]
        tokens = [(s, e) for s, e in document.tokens if s_start <= s and e <= s_end]
        sentence_entities: list[EntityMention] = []
        run: list[tuple[int, int]] = []
        for token in [*tokens, None]:
            if token is not None and _NAME_TOKEN.match(text[token[0]]):
                run.append(token)
                continue
            if run and rng.random() < 0.8:
                start, end = run[0][0], run[-1][1]
                mention = EntityMention(
                    start=start,
                    end=end,
                    label=rng.choice(ENTITY_LABELS),
                    text=text[start:end],
                    id=f"e{len(entities) + 1}",
                    key=f"Q{rng.randint(1, 99999)}" if rng.random() < 0.5 else None,
                )
                entities.append(mention)
                sentence_entities.append(mention)
            run = []
        words = [t for t in tokens if text[t[0] : t[1]].isalpha() and text[t[0]].islower()]
        if words and rng.random() < 0.6:
            start, end = rng.choice(words)
            arguments = set()
            for mention in sentence_entities:
                roles = [r for r in ROLE_LABELS if mention.label in ROLE_ENTITY_TYPES[r]]
                if roles and rng.random() < 0.7:
                    arguments.add(EventArgument(rng.choice(roles), mention.id))
            events.append(
                EventMention(
                    start=start,
                    end=end,
                    type=rng.choice(EVENT_TYPES),
                    realis=rng.choice(REALIS_LABELS),
                    text=text[start:end],
                    id=f"v{len(events) + 1}",
                    arguments=tuple(sorted(arguments)),
                )
            )
        for target in targets:
            if len(tokens) < 2 or rng.random() > 0.35:
                continue
            for _ in range(rng.choice((1, 1, 2, 3))):
                first = rng.randrange(len(tokens) - 1)
                last = rng.randrange(first, len(tokens))
                start, end = tokens[first][0], tokens[last][1]
                holder = rng.choice(entities).id if entities and rng.random() < 0.6 else None
                stances.append(
                    StanceAnnotation(
                        start=start,
                        end=end,
                        target=target.id,
                        polarity=rng.choice(("FAVOR", "AGAINST", "FAVOR", "AGAINST", "NONE")),
                        text=text[start:end],
                        id=f"s{len(stances) + 1}",
                        holder_id=holder,
                    )
                )
    return DocumentAnnotations(
        doc_id=document.id, annotator="gold", entities=entities, events=events, stances=stances
    )


def synthetic_records(count: int, *, sentences: int = 20, seed: int = 0) -> Iterator[GoldDocument]:
    """``count`` synthetic records in increasing document-id order, generated lazily."""
    for index in range(count):
        document = synthetic_document(index, sentences=sentences, seed=seed)
        targets = synthetic_targets(document.id)
        yield GoldDocument(document, synthetic_gold(document, targets, seed=seed), targets)
