"""Stance baseline ``stance-vader``: VADER sentiment of the sentences that mention a target.

For each declared target:

1. **Target cues**: the content-word lemmas of the target's name
   (:func:`newsgold.models.stance_baseline.target_cue_terms`); a sentence mentions the
   target when one of its tokens has a cue term as text or lemma.
2. **Polarity**: VADER (Hutto & Gilbert 2014; ``vaderSentiment`` 3.3.2, MIT) scores the
   sentence with the target's own words left out (naming "sanctions" is not a stance on
   them). Its ``compound`` score >= 0.05 is FAVOR, <= -0.05 AGAINST, else NONE: the
   thresholds VADER's authors publish, not fitted on newsgold data.
3. **Holder**: the subject of the sentence's speech verb when it is a PER/ORG/GPE/NORP
   mention, else the author (as ``stance-cues``).

Each mentioning sentence gives one stance, with the sentence as its evidence. VADER
handles negation, intensifiers and contrast (``but``) itself; it scores sentiment, which
is only a proxy for stance: that is what this baseline measures.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from newsgold.corpus import Document
from newsgold.models._spacy import ModelNotInstalledError, ParsedSentence
from newsgold.models.protocol import DocumentPrediction, PredictedStance
from newsgold.models.stance_baseline import (
    mentioning_sentences,
    speech_holder,
    target_cue_terms,
)
from newsgold.records import StanceTarget

FAVOR_THRESHOLD = 0.05
"""VADER's published threshold for positive sentiment (compound >= 0.05)."""

AGAINST_THRESHOLD = -0.05
"""VADER's published threshold for negative sentiment (compound <= -0.05)."""


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        raise ModelNotInstalledError(
            "the stance-vader baseline needs vaderSentiment; install the optional extra: "
            "pip install -e '.[models]' (package vaderSentiment==3.3.2)"
        ) from None
    return SentimentIntensityAnalyzer()


def compound_score(sentence: ParsedSentence, target_terms: frozenset[str] = frozenset()) -> float:
    """VADER's compound score of the sentence without the words of the target itself.

    Example:
        >>> from newsgold.corpus import Metadata, make_document
        >>> from newsgold.models._spacy import parse_sentences
        >>> compound_score(parse_sentences(make_document("A great success.", Metadata()))[0])
        0.8316
    """
    words = [
        token.text
        for token in sentence.doc
        if token.lower_ not in target_terms and token.lemma_.lower() not in target_terms
    ]
    return float(_analyzer().polarity_scores(" ".join(words))["compound"])


def label_of(compound: float) -> str:
    """FAVOR / AGAINST / NONE by VADER's published thresholds.

    Example:
        >>> label_of(0.3), label_of(-0.05), label_of(0.0)
        ('FAVOR', 'AGAINST', 'NONE')
    """
    if compound >= FAVOR_THRESHOLD:
        return "FAVOR"
    if compound <= AGAINST_THRESHOLD:
        return "AGAINST"
    return "NONE"


class StanceVaderBaseline:
    """VADER sentiment over target-mentioning sentences; see the module docstring.

    Example:
        >>> from newsgold.corpus import Metadata, make_document
        >>> from newsgold.records import StanceTarget
        >>> document = make_document(
        ...     "The minister said the sanctions on Iran are a great success.", Metadata())
        >>> target = StanceTarget("sanctions", "sanctions on Iran", "the sanctions")
        >>> [(s.holder, s.target, s.label, s.evidence)
        ...  for s in StanceVaderBaseline().predict(document, [target]).stances]
        [(None, 'sanctions', 'FAVOR', (0, 60))]
    """

    name = "stance-vader"
    layers: tuple[str, ...] = ("stance",)
    description = "VADER sentiment of sentences mentioning the target; holder = speech-verb subject"

    def predict(
        self, document: Document, stance_targets: Sequence[StanceTarget] = ()
    ) -> DocumentPrediction:
        """One stance per (mentioning sentence, target); the sentence is its evidence."""
        stances = []
        for target in stance_targets:
            terms = target_cue_terms(target)
            for sentence in mentioning_sentences(document, terms):
                holder, holder_label = speech_holder(sentence)
                stances.append(
                    PredictedStance(
                        holder=holder,
                        target=target.id,
                        label=label_of(compound_score(sentence, terms)),
                        holder_label=holder_label,
                        evidence=(sentence.offset, sentence.offset + len(sentence.doc.text)),
                    )
                )
        return DocumentPrediction(doc_id=document.id, stances=stances)
