"""Event baseline: a hand-written CAMEO trigger lexicon (the project's first coder).

A trigger lexicon maps lemmas (and a few verb + object pairs) to CAMEO root codes;
arguments and realis come from :mod:`newsgold.models._event_arguments`.

Provenance: the lexicon was written before the corpus had a dev split, looking at the
seed article, which is now a ``test`` document. Entries shaped by that article
(``contemplate``, ``pass message``, ``seek way``, ``initiate negotiation``/``talk`` and
the ``letter``/``message`` pairs) were removed on 2026-11-29; nothing was added since.
The registry records this (``BASELINES["cameo-rules"].developed_on``). The dictionary
coder ``cameo-petrarch`` is the event baseline developed blind.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from newsgold.corpus import Document
from newsgold.models._event_arguments import event_arguments, event_realis
from newsgold.models._spacy import parse_sentences
from newsgold.models.protocol import DocumentPrediction, PredictedEvent
from newsgold.models.spacy_ner import mapped_entities
from newsgold.records import StanceTarget
from newsgold.scheme import EVENT_TYPES

VERB_TRIGGERS: dict[str, str] = {
    # 01 make public statement
    "say": "01", "state": "01", "announce": "01", "comment": "01", "acknowledge": "01",
    "deny": "01", "claim": "01", "report": "01", "declare": "01", "tell": "01",
    # 02 appeal
    "appeal": "02", "urge": "02", "request": "02", "plead": "02", "ask": "02",
    # 03 express intent to cooperate
    "promise": "03", "pledge": "03", "offer": "03", "vow": "03",
    # 04 consult
    "meet": "04", "visit": "04", "host": "04", "discuss": "04", "negotiate": "04",
    "consult": "04", "talk": "04",
    # 05 diplomatic cooperation
    "praise": "05", "endorse": "05", "appreciate": "05", "apologize": "05",
    "apologise": "05", "forgive": "05", "congratulate": "05", "sign": "05", "thank": "05",
    # 06 material cooperation
    "cooperate": "06", "trade": "06", "share": "06",
    # 07 provide aid
    "aid": "07", "donate": "07",
    # 08 yield
    "ease": "08", "release": "08", "relax": "08", "withdraw": "08", "retreat": "08",
    "concede": "08",
    # 09 investigate
    "investigate": "09", "probe": "09",
    # 10 demand
    "demand": "10", "insist": "10",
    # 11 disapprove
    "criticize": "11", "criticise": "11", "condemn": "11", "denounce": "11", "accuse": "11",
    "blame": "11", "complain": "11", "sue": "11",
    # 12 reject
    "reject": "12", "refuse": "12", "veto": "12", "defy": "12", "dismiss": "12",
    # 13 threaten
    "threaten": "13", "warn": "13",
    # 14 protest
    "protest": "14", "demonstrate": "14", "boycott": "14", "riot": "14",
    # 15 exhibit force posture
    "mobilize": "15", "mobilise": "15", "deploy": "15",
    # 16 reduce relations
    "sanction": "16", "expel": "16", "suspend": "16", "sever": "16",
    # 17 coerce
    "arrest": "17", "seize": "17", "detain": "17", "deport": "17", "confiscate": "17",
    # 18 assault
    "attack": "18", "assassinate": "18", "bomb": "18", "kidnap": "18", "abduct": "18",
    # 19 fight
    "fight": "19", "invade": "19", "occupy": "19", "blockade": "19", "shell": "19",
    # 20 unconventional mass violence
    "massacre": "20",
}  # fmt: skip
"""Verb lemma -> CAMEO root code."""

VERB_OBJECT_TRIGGERS: dict[tuple[str, str], str] = {
    ("issue", "statement"): "01",
    ("impose", "sanction"): "16",
    ("lift", "sanction"): "08",
}
"""(verb lemma, direct-object lemma) -> CAMEO root code; checked before ``VERB_TRIGGERS``."""

NOUN_TRIGGERS: dict[str, str] = {
    "summit": "04",
    "meeting": "04",
    "talk": "04",
    "negotiation": "04",
    "visit": "04",
    "demand": "10",
    "threat": "13",
    "attack": "18",
    "protest": "14",
    "test": "15",
    "statement": "01",
}
"""Noun lemma -> CAMEO root code (nominal events such as 'the summit')."""


class CameoRuleCoder:
    """Rule-based CAMEO event coder over ``en_core_web_sm`` parses.

    Example:
        >>> from newsgold.corpus import Metadata, make_document
        >>> document = make_document(
        ...     "Police arrested two men. Angela Merkel met Emmanuel Macron.", Metadata())
        >>> [e.type for e in CameoRuleCoder().predict(document, []).events]
        ['17', '04']
    """

    name = "cameo-rules"
    layers: tuple[str, ...] = ("events",)
    description = "rule-based CAMEO coder: trigger lexicon + dependency parse for arguments"

    def predict(
        self, document: Document, stance_targets: Sequence[StanceTarget] = ()
    ) -> DocumentPrediction:
        """Code every trigger in the annotatable sentences of ``document``."""
        events: list[PredictedEvent] = []
        for sentence in parse_sentences(document):
            entities = mapped_entities(sentence)
            for token in sentence.doc:
                code = trigger_code(token)
                if code is None:
                    continue
                start, end = sentence.span(token)
                events.append(
                    PredictedEvent(
                        start=start,
                        end=end,
                        type=code,
                        realis=event_realis(token),
                        arguments=event_arguments(sentence, token, entities),
                    )
                )
        return DocumentPrediction(doc_id=document.id, events=sorted(set(events)))


def trigger_code(token: Token) -> str | None:
    """The CAMEO root code ``token`` triggers, or None.

    Example:
        >>> from newsgold.models._spacy import load_pipeline
        >>> trigger_code(load_pipeline()("They met.")[1])
        '04'
    """
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        for child in token.children:
            if child.dep_ in {"dobj", "obj"}:
                code = VERB_OBJECT_TRIGGERS.get((lemma, child.lemma_.lower()))
                if code is not None:
                    return code
        return VERB_TRIGGERS.get(lemma)
    if token.pos_ == "NOUN":
        return NOUN_TRIGGERS.get(lemma)
    return None


def _check_lexicon() -> None:
    codes = set(VERB_TRIGGERS.values()) | set(NOUN_TRIGGERS.values())
    codes |= set(VERB_OBJECT_TRIGGERS.values())
    unknown = codes - set(EVENT_TYPES)
    if unknown:  # pragma: no cover - guards edits to the tables above
        raise AssertionError(f"trigger lexicon uses unknown CAMEO codes: {sorted(unknown)}")


_check_lexicon()
