"""Entity baseline: spaCy's pretrained English NER, OntoNotes labels mapped to ours.

The mapping (``ONTONOTES_TO_NEWSGOLD``) is declared, not coded: every OntoNotes label
spaCy can emit appears once, mapped to one of ``scheme.ENTITY_LABELS`` or to ``None``
(dropped), with the reason in :data:`MAPPING_NOTES`. ``docs/models.md`` prints the table.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsgold.corpus import Document
from newsgold.models._spacy import ParsedSentence, parse_sentences
from newsgold.models.protocol import DocumentPrediction, PredictedEntity
from newsgold.records import StanceTarget

ONTONOTES_TO_NEWSGOLD: dict[str, str | None] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "NORP",
    "DATE": "DATE",
    "EVENT": "EVENT",
    "TIME": None,
    "CARDINAL": None,
    "ORDINAL": None,
    "QUANTITY": None,
    "PERCENT": None,
    "MONEY": None,
    "PRODUCT": None,
    "WORK_OF_ART": None,
    "LAW": None,
    "LANGUAGE": None,
}
"""OntoNotes 5 label (as emitted by ``en_core_web_sm``) -> newsgold entity type, or None."""

MAPPING_NOTES: dict[str, str] = {
    "PERSON": "same category",
    "ORG": "same category (news outlets and offices such as 'White House' included)",
    "GPE": "same category, metonymic uses included",
    "LOC": "same category",
    "FAC": "a named building or structure is a named place that is not a political unit",
    "NORP": "same category",
    "DATE": "same category",
    "EVENT": "same category (named events)",
    "TIME": "clock times are not calendar expressions; dropped",
    "CARDINAL": "numbers are not names; dropped",
    "ORDINAL": "numbers are not names; dropped",
    "QUANTITY": "measurements are not names; dropped",
    "PERCENT": "percentages are not names; dropped",
    "MONEY": "amounts are not names; dropped",
    "PRODUCT": "no product type in the scheme; dropped",
    "WORK_OF_ART": "no title type in the scheme; dropped",
    "LAW": "no law type in the scheme; dropped",
    "LANGUAGE": "no language type in the scheme; dropped",
}


def mapped_entities(sentence: ParsedSentence) -> list[tuple[int, int, str]]:
    """The sentence's spaCy entities whose label maps to a newsgold type, as
    ``(start, end, label)`` document offsets (end-exclusive)."""
    result = []
    for ent in sentence.doc.ents:
        label = ONTONOTES_TO_NEWSGOLD.get(ent.label_)
        if label is None:
            continue
        span = _strip_determiner(sentence, ent.start, ent.end)
        if span is not None:
            result.append((span[0], span[1], label))
    return result


def _strip_determiner(
    sentence: ParsedSentence, token_start: int, token_end: int
) -> tuple[int, int] | None:
    # OntoNotes includes a leading "the" ("the US"); the newsgold guidelines mark the name only.
    tokens = sentence.doc[token_start:token_end]
    while len(tokens) and tokens[0].lower_ in {"the", "a", "an"}:
        tokens = tokens[1:]
    while len(tokens) and tokens[-1].text in {"'s", "’s", "'", "’"}:
        tokens = tokens[:-1]
    if not len(tokens):
        return None
    return sentence.span(tokens)


class SpacyEntityBaseline:
    """Entities from ``en_core_web_sm`` 3.8.0, mapped by :data:`ONTONOTES_TO_NEWSGOLD`.

    Example:
        >>> from newsgold.corpus import Metadata, make_document
        >>> document = make_document("Angela Merkel met Emmanuel Macron in Berlin.", Metadata())
        >>> prediction = SpacyEntityBaseline().predict(document, [])
        >>> [(e.start, e.end, e.label) for e in prediction.entities]
        [(0, 13, 'PER'), (18, 33, 'PER'), (37, 43, 'GPE')]
    """

    name = "spacy-ner"
    layers: tuple[str, ...] = ("entities",)
    description = "spaCy en_core_web_sm 3.8.0 NER, OntoNotes labels mapped to newsgold types"

    def predict(
        self, document: Document, stance_targets: Sequence[StanceTarget] = ()
    ) -> DocumentPrediction:
        """Predict entity mentions in every annotatable sentence of ``document``."""
        entities = [
            PredictedEntity(start, end, label)
            for sentence in parse_sentences(document)
            for start, end, label in mapped_entities(sentence)
        ]
        return DocumentPrediction(doc_id=document.id, entities=sorted(set(entities)))
