"""Stance baseline: a transparent cue-lexicon classifier over sentences that mention a target.

For each declared target:

1. **Cue terms** come from the target itself: the lemmas of the content words of its
   ``name`` (:func:`target_cue_terms`). The description is for annotators; it names
   many actors and the labels themselves, so it would make every target match nearly
   every sentence.
   A sentence *mentions* the target when one of its tokens has a cue-term lemma.
2. **Polarity**: each token of a mentioning sentence whose lemma is in
   :data:`FAVOR_CUES` counts +1, in :data:`AGAINST_CUES` -1; a negated cue
   (``not``/``never``/``no`` on it or on its head) counts the other way.
3. **Holder**: the subject of a speech verb (:data:`SPEECH_VERBS`) in the sentence when
   it is a PER/ORG/GPE/NORP entity mention, else the article's author (``None``).
4. Each mentioning sentence gives one stance, its evidence: a score > 0 is FAVOR,
   < 0 AGAINST, 0 NONE.

A target no sentence mentions gets no prediction. Every decision can be traced to a
word in one of the tables below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from newsgold.corpus import Document
from newsgold.models._spacy import ParsedSentence, load_pipeline, parse_sentences
from newsgold.models.protocol import DocumentPrediction, PredictedStance
from newsgold.models.spacy_ner import mapped_entities
from newsgold.records import StanceTarget

# Version 2.0 (2026-11-29): general stance vocabulary only. Version 1.0's lists were
# written looking at the seed article, now a test document, and were replaced.
FAVOR_CUES: frozenset[str] = frozenset(
    {
        "support", "supporter", "welcome", "praise", "endorse", "approve", "approval",
        "agree", "favor", "favour", "applaud", "commend", "back", "backing", "embrace",
        "celebrate", "hail", "defend", "benefit", "success", "successful", "progress",
        "positive", "good", "great", "right", "fair", "legitimate", "reasonable",
        "necessary", "important", "hope", "optimistic", "cooperation",
    }
)  # fmt: skip
"""Lemmas that count towards FAVOR."""

AGAINST_CUES: frozenset[str] = frozenset(
    {
        "oppose", "opponent", "opposition", "reject", "criticize", "criticise", "criticism",
        "condemn", "denounce", "refuse", "blame", "accuse", "object", "protest", "against",
        "dispute", "challenge", "attack", "fail", "failure", "wrong", "bad", "unfair",
        "illegal", "unacceptable", "dangerous", "threat", "threaten", "warn", "concern",
        "doubt", "negative", "harm", "damage", "problem", "controversial",
    }
)  # fmt: skip
"""Lemmas that count towards AGAINST."""

SPEECH_VERBS: frozenset[str] = frozenset(
    {
        "say", "tell", "report", "state", "claim", "add", "announce", "write", "insist",
        "argue", "believe", "think", "declare", "explain", "call", "describe", "warn",
        "blame", "praise", "criticize", "criticise",
    }
)  # fmt: skip
"""Verb lemmas whose subject is taken as the stance holder."""

_NEGATIONS = frozenset({"not", "never", "no", "n't", "without"})
_HOLDER_TYPES = frozenset({"PER", "ORG", "GPE", "NORP"})


@dataclass(frozen=True)
class SentenceStance:
    """One mentioning sentence's contribution: holder span, entity type, score, sentence span."""

    holder: tuple[int, int] | None
    holder_label: str | None
    score: int
    sentence: tuple[int, int]


def target_cue_terms(target: StanceTarget) -> frozenset[str]:
    """Lower-cased lemmas that signal a mention of ``target``.

    Content words of the name: alphabetic, not stop words, at least 3 letters (or an
    all-caps acronym such as "UN").

    Example:
        >>> sorted(target_cue_terms(StanceTarget("x", "UN sanctions on Iran", "...")))
        ['iran', 'sanction', 'un']
    """
    nlp = load_pipeline()
    terms: set[str] = set()
    for token in nlp(target.name):
        if token.is_alpha and (token.is_upper or (not token.is_stop and len(token) >= 3)):
            terms.add(token.lemma_.lower())
    return frozenset(terms)


def mentioning_sentences(document: Document, terms: frozenset[str]) -> list[ParsedSentence]:
    """The parsed annotatable sentences of ``document`` with a token whose text or lemma is
    one of the target's cue ``terms``."""
    return [
        sentence
        for sentence in parse_sentences(document)
        if any(t.lemma_.lower() in terms or t.lower_ in terms for t in sentence.doc)
    ]


def sentence_score(sentence: ParsedSentence, target_terms: frozenset[str] = frozenset()) -> int:
    """Sum of polarity cues in the sentence (+1 FAVOR cue, -1 AGAINST cue, negation flips).

    Words of the target itself (``target_terms``) are not cues: naming "sanctions" says
    nothing about one's stance on them.
    """
    score = 0
    for token in sentence.doc:
        lemma = token.lemma_.lower()
        if lemma in target_terms:
            continue
        value = 1 if lemma in FAVOR_CUES else -1 if lemma in AGAINST_CUES else 0
        if value and _negated(token):
            value = -value
        score += value
    return score


def _negated(token: Token) -> bool:
    for node in (token, token.head):
        if any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in node.children):
            return True
    return False


def speech_holder(sentence: ParsedSentence) -> tuple[tuple[int, int] | None, str | None]:
    """The PER/ORG/GPE/NORP subject of the sentence's highest speech verb, or the author."""
    entities = mapped_entities(sentence)
    speech = [t for t in sentence.doc if t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS]
    # The verb highest in the tree speaks for the sentence ("X said Y told Z ...": X).
    speech.sort(key=lambda t: (len(list(t.ancestors)), t.i))
    for verb in speech:
        for child in verb.children:
            if child.dep_ != "nsubj":
                continue
            for candidate in sorted(child.subtree, key=lambda t: len(list(t.ancestors))):
                start, end = sentence.span(candidate)
                for e_start, e_end, label in entities:
                    if e_start <= start and end <= e_end and label in _HOLDER_TYPES:
                        return (e_start, e_end), label
    return None, None


class StanceCueBaseline:
    """Cue-lexicon stance baseline; see the module docstring for every rule.

    Example:
        >>> from newsgold.corpus import Metadata, make_document
        >>> document = make_document(
        ...     "The minister said the sanctions on Iran are a great success.", Metadata())
        >>> target = StanceTarget("sanctions", "sanctions on Iran", "the sanctions")
        >>> [(s.holder, s.target, s.label, s.evidence)
        ...  for s in StanceCueBaseline().predict(document, [target]).stances]
        [(None, 'sanctions', 'FAVOR', (0, 60))]
    """

    name = "stance-cues"
    layers: tuple[str, ...] = ("stance",)
    description = "cue lexicon over sentences mentioning the target; holder = speech-verb subject"

    def evidence(self, document: Document, target: StanceTarget) -> list[SentenceStance]:
        """Each sentence of ``document`` that mentions ``target``, with holder and score."""
        terms = target_cue_terms(target)
        found = []
        for sentence in mentioning_sentences(document, terms):
            holder, label = speech_holder(sentence)
            span = (sentence.offset, sentence.offset + len(sentence.doc.text))
            found.append(SentenceStance(holder, label, sentence_score(sentence, terms), span))
        return found

    def predict(
        self, document: Document, stance_targets: Sequence[StanceTarget] = ()
    ) -> DocumentPrediction:
        """One stance per (mentioning sentence, target); the sentence is its evidence."""
        stances = [
            PredictedStance(
                holder=item.holder,
                target=target.id,
                label="FAVOR" if item.score > 0 else "AGAINST" if item.score < 0 else "NONE",
                holder_label=item.holder_label,
                evidence=item.sentence,
            )
            for target in stance_targets
            for item in self.evidence(document, target)
        ]
        return DocumentPrediction(doc_id=document.id, stances=stances)
