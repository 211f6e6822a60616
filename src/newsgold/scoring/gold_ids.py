"""The gold ids a report's signatures carry: which gold a number was computed on.

The entity layer has its own id (tokens and entity chunks, so a CoNLL export of the same
gold has the same id); the other layers carry the id of the whole gold.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from newsgold.records import GoldDocument
from newsgold.tagging import entity_layer_hash, token_sentences


def entity_gold_hash(gold: Sequence[GoldDocument]) -> str:
    """The entity layer's gold id: tokens and entity chunks of every annotatable sentence,
    documents in id order (:func:`newsgold.tagging.entity_layer_hash`). A CoNLL export of
    the same gold, in any tagging scheme, has the same id.
    """
    return entity_layer_hash(
        (sentence.tokens, sentence.chunks)
        for record in sorted(gold, key=lambda r: r.document.id)
        for sentence in token_sentences(
            record.document, [(m.start, m.end, m.label) for m in record.annotations.entities]
        )
    )


def layer_gold_ids(gold: Sequence[GoldDocument]) -> dict[str, str]:
    """The gold id each layer's signature carries: the entity layer's own, else the whole gold."""
    whole = gold_hash(gold)
    return {"entities": entity_gold_hash(gold), "events": whole, "stance": whole}


def gold_hash(gold: Sequence[GoldDocument]) -> str:
    """``sha256-<12 hex>`` over the canonical JSON of every gold document, in id order."""
    digest = hashlib.sha256()
    for record in sorted(gold, key=lambda r: r.document.id):
        row = {
            "document": record.document.to_dict(),
            "annotations": record.annotations.to_dict(),
            "targets": [t.to_dict() for t in record.targets],
        }
        digest.update(json.dumps(row, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
    return "sha256-" + digest.hexdigest()[:12]
