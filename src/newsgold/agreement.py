"""Inter-annotator agreement between two passes, with the matching code that scores models.

- entities: span F1 (strict and partial) per type and overall — pass A plays the gold,
  pass B the prediction (F1 is symmetric) — and Cohen's kappa on token-level BIO labels
  over the annotatable sentences;
- events: trigger F1 (identification and type), realis agreement on matched triggers,
  argument F1 (identification and role, attached to the trigger);
- stance: Cohen's kappa and Krippendorff's alpha (nominal) on sentence × target labels
  (the rule of GUIDELINES §5.5), and (holder, target, polarity) triple F1.

Coefficients come from scikit-learn (``cohen_kappa_score``) and ``krippendorff``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from newsgold._version import __version__
from newsgold.corpus.document import Document
from newsgold.records import DocumentAnnotations, StanceTarget
from newsgold.scoring.counting import event_tuples, placed_stances
from newsgold.scoring.entities import score_entities
from newsgold.scoring.events import event_counts
from newsgold.scoring.stance import document_cells, triples

OUTSIDE = "O"


def token_bio_labels(document: Document, annotations: DocumentAnnotations) -> list[str]:
    """BIO label of every token of the annotatable sentences, in text order."""
    annotatable = [document.sentences[i] for i in document.annotatable_sentences()]
    spans = sorted(annotations.entities)
    labels: list[str] = []
    cursor = 0
    for start, end in document.tokens:
        if not any(s <= start and end <= e for s, e in annotatable):
            continue
        while cursor < len(spans) and spans[cursor].end <= start:
            cursor += 1
        mention = spans[cursor] if cursor < len(spans) else None
        if mention is not None and mention.start < end and start < mention.end:
            prefix = "B" if start <= mention.start else "I"
            labels.append(f"{prefix}-{mention.label}")
        else:
            labels.append(OUTSIDE)
    return labels


def sentence_target_labels(
    document: Document, annotations: DocumentAnnotations, targets: Sequence[StanceTarget]
) -> list[str]:
    """The label of every annotatable sentence × declared target (GUIDELINES §5.5), in
    sentence-then-target order, computed with the scorer's cell rule."""
    sentences = document.annotatable_sentences()
    target_ids = [t.id for t in targets]
    cells = document_cells(sentences, target_ids, placed_stances(annotations, _starts(document)))
    return [cells[(s, t)] for s in sentences for t in target_ids]


def headline_figures(result: dict[str, Any]) -> list[tuple[str, float | None]]:
    """The headline figures of a :func:`measure_agreement` result, as (name, value) rows.

    Raises:
        KeyError: ``result`` is not a measure_agreement result.
    """
    entities, events, stance = result["entities"], result["events"], result["stance"]
    return [
        ("entities: span F1, strict", entities["strict"]["f1"]),
        ("entities: span F1, partial", entities["partial"]["f1"]),
        (
            f"entities: Cohen's kappa on {entities['tokens']} token BIO labels",
            entities["token_kappa"],
        ),
        ("events: trigger F1 (identification)", events["trigger_identification"]["f1"]),
        ("events: trigger F1 (identification + type)", events["trigger_classification"]["f1"]),
        ("events: realis agreement on matched triggers", events["realis_agreement"]),
        ("events: argument F1 (identification)", events["argument_identification"]["f1"]),
        ("events: argument F1 (identification + role)", events["argument_classification"]["f1"]),
        (
            f"stance: Cohen's kappa on {stance['sentence_target_pairs']} sentence × target labels",
            stance["cohen_kappa"],
        ),
        (
            "stance: Krippendorff's alpha (nominal), same labels",
            stance["krippendorff_alpha_nominal"],
        ),
        ("stance: (holder, target, polarity) triple F1", stance["triple_f1"]["f1"]),
    ]


def _kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    if not a:
        return None
    if len(set(a) | set(b)) == 1:
        return 1.0  # total agreement on a single category; kappa itself is undefined
    from sklearn.metrics import cohen_kappa_score  # heavy: loaded when agreement is measured

    return float(cohen_kappa_score(a, b))


def _alpha(a: Sequence[str], b: Sequence[str]) -> float | None:
    categories = sorted(set(a) | set(b))
    if not a or len(categories) == 1:
        return None if not a else 1.0
    codes = {label: float(i) for i, label in enumerate(categories)}
    data = np.array([[codes[x] for x in a], [codes[x] for x in b]])
    import krippendorff

    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def _f1(figures: Any) -> dict[str, Any]:
    if figures.possible == 0 and figures.actual == 0:  # neither pass has an item: undefined
        return {"precision": None, "recall": None, "f1": None}
    return {"precision": figures.precision, "recall": figures.recall, "f1": figures.f1}


def _undefined_if_empty(figures: dict[str, Any]) -> dict[str, Any]:
    """P/R/F1 are undefined (None), not 0, when neither pass has an item to compare."""
    if figures.get("gold") == 0 and figures.get("predicted") == 0:
        return {**figures, "precision": None, "recall": None, "f1": None}
    return figures


def measure_agreement(
    documents: Mapping[str, Document],
    pass_a: Mapping[str, DocumentAnnotations],
    pass_b: Mapping[str, DocumentAnnotations],
    targets: Mapping[str, Sequence[StanceTarget]],
) -> dict[str, Any]:
    """Every agreement figure between two passes over the same documents.

    Returns:
        A JSON-ready dict: ``entities``, ``events``, ``stance``, ``counts`` and a
        ``signature`` naming what was measured.

    Example:
        >>> from newsgold.corpus.ingest import Metadata, make_document
        >>> from newsgold.records import EntityMention
        >>> doc = make_document("Kim met Trump in Hanoi.", Metadata())
        >>> kim = EntityMention(0, 3, "PER", "Kim", "e1")
        >>> trump = EntityMention(8, 13, "PER", "Trump", "e2")
        >>> a = {doc.id: DocumentAnnotations(doc.id, "ann1", [kim, trump])}
        >>> b = {doc.id: DocumentAnnotations(doc.id, "ann2", [kim])}
        >>> strict = measure_agreement({doc.id: doc}, a, b, {})["entities"]["strict"]
        >>> strict["precision"], strict["recall"], round(strict["f1"], 3)
        (1.0, 0.5, 0.667)
    """
    doc_ids = sorted(set(pass_a) & set(pass_b))
    gold_entities = [m for d in doc_ids for m in _shift(pass_a[d].entities, d, doc_ids)]
    pred_entities = [m for d in doc_ids for m in _shift(pass_b[d].entities, d, doc_ids)]
    entity_scores = score_entities(gold_entities, pred_entities)
    tokens_a = [x for d in doc_ids for x in token_bio_labels(documents[d], pass_a[d])]
    tokens_b = [x for d in doc_ids for x in token_bio_labels(documents[d], pass_b[d])]
    entities: dict[str, Any] = {"token_kappa": _kappa(tokens_a, tokens_b), "tokens": len(tokens_a)}
    for mode in ("strict", "partial"):
        result = entity_scores[mode]
        entities[mode] = {
            **_f1(result.micro),
            "per_type": {label: _f1(fig) for label, fig in sorted(result.per_type.items())},
        }
    event_scores = event_counts(
        [event_tuples(pass_a[d]) for d in doc_ids], [event_tuples(pass_b[d]) for d in doc_ids]
    ).scores()
    events = {
        **{task: _undefined_if_empty(prf.to_dict()) for task, prf in event_scores.tasks.items()},
        "realis_agreement": event_scores.realis_accuracy,
        "per_type": {t: prf.to_dict() for t, prf in sorted(event_scores.per_type.items())},
    }
    stance_a = [
        x
        for d in doc_ids
        for x in sentence_target_labels(documents[d], pass_a[d], targets.get(d, ()))
    ]
    stance_b = [
        x
        for d in doc_ids
        for x in sentence_target_labels(documents[d], pass_b[d], targets.get(d, ()))
    ]
    triples_a = {
        (d, t) for d in doc_ids for t in triples(placed_stances(pass_a[d], _starts(documents[d])))
    }
    triples_b = {
        (d, t) for d in doc_ids for t in triples(placed_stances(pass_b[d], _starts(documents[d])))
    }
    common = len(triples_a & triples_b)
    triple_f1 = {
        "tp": common,
        "pass_a": len(triples_a),
        "pass_b": len(triples_b),
        "f1": 2 * common / (len(triples_a) + len(triples_b)) if triples_a or triples_b else None,
    }
    return {
        "signature": (
            f"newsgold:{__version__}|agreement|entities:strict+partial,optimal|"
            f"events:trigger-span-exact|stance:sentence-x-target(GUIDELINES 5.5)|"
            f"docs:{len(doc_ids)}"
        ),
        "documents": doc_ids,
        "counts": {
            "pass_a": _counts([pass_a[d] for d in doc_ids]),
            "pass_b": _counts([pass_b[d] for d in doc_ids]),
        },
        "entities": entities,
        "events": events,
        "stance": {
            "sentence_target_pairs": len(stance_a),
            "cohen_kappa": _kappa(stance_a, stance_b),
            "krippendorff_alpha_nominal": _alpha(stance_a, stance_b),
            "observed_agreement": (
                sum(x == y for x, y in zip(stance_a, stance_b, strict=True)) / len(stance_a)
                if stance_a
                else None
            ),
            "triple_f1": triple_f1,
        },
    }


def measure_agreement_by(
    documents: Mapping[str, Document],
    pass_a: Mapping[str, DocumentAnnotations],
    pass_b: Mapping[str, DocumentAnnotations],
    targets: Mapping[str, Sequence[StanceTarget]],
    split_of: Callable[[str], str],
) -> dict[str, Any]:
    """:func:`measure_agreement` over all documents, then per split and per document.

    Args:
        split_of: the split of a document id (``SplitPolicy.split_of``).

    Returns:
        The all-documents result (same keys as :func:`measure_agreement`) plus
        ``per_split`` (split name -> result) and ``per_document`` (id -> result).
    """
    doc_ids = sorted(set(pass_a) & set(pass_b))
    result = measure_agreement(documents, pass_a, pass_b, targets)
    by_split: dict[str, list[str]] = {}
    for doc_id in doc_ids:
        by_split.setdefault(split_of(doc_id), []).append(doc_id)

    def subset(ids: Sequence[str]) -> dict[str, Any]:
        return measure_agreement(
            documents,
            {d: pass_a[d] for d in ids},
            {d: pass_b[d] for d in ids},
            targets,
        )

    result["per_split"] = {name: subset(ids) for name, ids in sorted(by_split.items())}
    result["per_document"] = {doc_id: subset([doc_id]) for doc_id in doc_ids}
    return result


def _starts(document: Document) -> list[int]:
    return [start for start, _ in document.sentences]


def _shift(
    mentions: Sequence[Any], doc_id: str, doc_ids: Sequence[str]
) -> list[tuple[int, int, str]]:
    # Keep documents apart in one span list: offset each by a large per-document base.
    base = doc_ids.index(doc_id) * 10**9
    return [(m.start + base, m.end + base, m.label) for m in mentions]


def _counts(sets: Sequence[DocumentAnnotations]) -> dict[str, int]:
    return {
        "entities": sum(len(s.entities) for s in sets),
        "events": sum(len(s.events) for s in sets),
        "stances": sum(len(s.stances) for s in sets),
    }
