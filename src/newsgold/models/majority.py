"""Majority-class floors for every layer.

The labels are learned from annotations (:meth:`MajorityBaseline.fit`), never typed in:

- entities: every maximal run of capitalised tokens in an annotatable sentence (a
  sentence-initial single word excepted) is tagged with the most frequent entity type;
- events: the root verb of each annotatable sentence (from the ``en_core_web_sm`` parse)
  is a trigger of the most frequent CAMEO root, with the most frequent realis and no
  arguments;
- stance: every declared target gets the most frequent polarity, held by the author.

Ties go to the label listed first in the scheme, so the choice is deterministic.
:meth:`MajorityBaseline.fit` learns from ``dev`` documents only and refuses any other
(:mod:`newsgold.models.fitting`): a floor fitted on the evaluation text is an oracle.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsgold.corpus import Document
from newsgold.corpus.splits import SplitPolicy
from newsgold.errors import InputError
from newsgold.models._spacy import parse_sentences
from newsgold.models.fitting import refuse_test_documents
from newsgold.models.protocol import (
    DocumentPrediction,
    PredictedEntity,
    PredictedEvent,
    PredictedStance,
)
from newsgold.records import DocumentAnnotations, StanceTarget
from newsgold.scheme import ENTITY_LABELS, EVENT_TYPES, REALIS_LABELS, STANCE_LABELS


@dataclass(frozen=True)
class MajorityLabels:
    """The majority label of each layer (``None``: no examples, the layer is not predicted)."""

    entity: str | None
    event: str | None
    realis: str | None
    stance: str | None


def _most_common(counts: Counter[str], order: Sequence[str]) -> str | None:
    if not counts:
        return None
    best = max(counts.values())
    return next(label for label in order if counts.get(label) == best)


def majority_labels(annotations: Iterable[DocumentAnnotations]) -> MajorityLabels:
    """Count labels in ``annotations`` and return the most frequent of each layer.

    Example:
        >>> from newsgold.records import DocumentAnnotations, EntityMention
        >>> gold = DocumentAnnotations(
        ...     "bcca8abf89d832c0", "gold", entities=[EntityMention(0, 6, "PER", "Angela", "m1")])
        >>> majority_labels([gold])
        MajorityLabels(entity='PER', event=None, realis=None, stance=None)
    """
    entities: Counter[str] = Counter()
    events: Counter[str] = Counter()
    realis: Counter[str] = Counter()
    stances: Counter[str] = Counter()
    for item in annotations:
        entities.update(m.label for m in item.entities)
        events.update(m.type for m in item.events)
        realis.update(m.realis for m in item.events)
        stances.update(m.polarity for m in item.stances)
    return MajorityLabels(
        entity=_most_common(entities, ENTITY_LABELS),
        event=_most_common(events, EVENT_TYPES),
        realis=_most_common(realis, REALIS_LABELS),
        stance=_most_common(stances, STANCE_LABELS),
    )


class MajorityBaseline:
    """Majority-class floor; build it with :meth:`fit`.

    Args:
        labels: the majority label of each layer.
        fitted_on: a short description of the annotations the labels came from.

    Example:
        >>> from newsgold.corpus import Metadata, make_document
        >>> from newsgold.records import DocumentAnnotations, EntityMention
        >>> dev = DocumentAnnotations(  # a dev document's gold
        ...     "bcca8abf89d832c0", "gold", entities=[EntityMention(0, 6, "PER", "Angela", "m1")])
        >>> floor = MajorityBaseline.fit([dev])
        >>> document = make_document("Angela Merkel met Emmanuel Macron.", Metadata())
        >>> entities = floor.predict(document, []).entities
        >>> [(document.text[e.start : e.end], e.label) for e in entities]
        [('Angela Merkel', 'PER'), ('Emmanuel Macron', 'PER')]
    """

    name = "majority"
    description = "majority-class floor per layer"

    def __init__(self, labels: MajorityLabels, *, fitted_on: str = "given labels") -> None:
        self.labels = labels
        self.fitted_on = fitted_on
        layers = []
        if labels.entity is not None:
            layers.append("entities")
        if labels.event is not None:
            layers.append("events")
        if labels.stance is not None:
            layers.append("stance")
        self.layers: tuple[str, ...] = tuple(layers)

    @classmethod
    def fit(
        cls,
        annotations: Iterable[DocumentAnnotations],
        *,
        fitted_on: str = "annotations",
        policy: SplitPolicy | None = None,
    ) -> MajorityBaseline:
        """Learn the majority labels from ``annotations`` of ``dev`` documents.

        Args:
            annotations: annotation sets of dev documents (see
                :func:`newsgold.models.fitting.dev_annotations`).
            fitted_on: what the annotations are, shown in the leaderboard.
            policy: the split declaration (default: the packaged ``splits.json``).

        Raises:
            InputError: a document is not in the dev split, or the annotations hold no
                label at all.
        """
        items = refuse_test_documents(annotations, model="the majority baseline", policy=policy)
        labels = majority_labels(items)
        if labels.entity is None and labels.event is None and labels.stance is None:
            raise InputError(
                f"the majority baseline found no labels in {fitted_on}; give it annotations "
                "with at least one entity, event or stance",
                field="fit_on",
            )
        return cls(labels, fitted_on=fitted_on)

    def predict(
        self, document: Document, stance_targets: Sequence[StanceTarget] = ()
    ) -> DocumentPrediction:
        """Predict the floor for every layer that had examples."""
        result = DocumentPrediction(doc_id=document.id)
        if self.labels.entity is not None:
            result.entities = _capitalised_runs(document, self.labels.entity)
        if self.labels.event is not None:
            result.events = [
                PredictedEvent(start, end, self.labels.event, self.labels.realis)
                for sentence in parse_sentences(document)
                for token in sentence.doc
                if token.dep_ == "ROOT" and token.pos_ in {"VERB", "AUX"}
                for start, end in [sentence.span(token)]
            ]
        if self.labels.stance is not None:
            result.stances = [
                PredictedStance(holder=None, target=target.id, label=self.labels.stance)
                for target in stance_targets
            ]
        return result


def _capitalised_runs(document: Document, label: str) -> list[PredictedEntity]:
    entities: list[PredictedEntity] = []
    for index in document.annotatable_sentences():
        s_start, s_end = document.sentences[index]
        tokens = [t for t in document.tokens if s_start <= t[0] and t[1] <= s_end]
        run: list[tuple[int, int]] = []
        for start, end in [*tokens, (-1, -1)]:
            word = document.text[start:end] if start >= 0 else ""
            if word[:1].isupper() and word[:1].isalpha():
                run.append((start, end))
                continue
            first_word_alone = len(run) == 1 and run[0] == tokens[0]
            if run and not first_word_alone:
                entities.append(PredictedEntity(run[0][0], run[-1][1], label))
            run = []
    return entities
