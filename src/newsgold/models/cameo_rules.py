"""Event baseline: a rule-based CAMEO coder.

A trigger lexicon maps lemmas (and a few verb + object pairs) to CAMEO root codes; the
dependency parse of ``en_core_web_sm`` gives the arguments:

- SOURCE: the subject of the trigger verb (the ``by`` agent of a passive; for an
  ``xcomp``/infinitive trigger, the subject of the governing verb);
- TARGET: the direct object, the dative/indirect object, the passive subject, or the
  object of ``with``/``to``/``against``;
- TIME: a DATE/EVENT entity attached to the trigger (directly or through a preposition);
- PLACE: a GPE/LOC entity attached to the trigger through ``in``/``at``;
- for ``receive``/``get`` the roles swap: the subject is the TARGET and the object of
  ``from`` the SOURCE.

An argument is the entity mention (from :mod:`newsgold.models.spacy_ner`) nearest to the
head of the dependent subtree, and only if its type may fill the role
(``scheme.ROLE_ENTITY_TYPES``). Realis is OTHER under a modal, negation, an infinitive
or a conditional, else ACTUAL.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from newsgold.corpus import Document
from newsgold.models._spacy import ParsedSentence, parse_sentences
from newsgold.models.protocol import DocumentPrediction, PredictedArgument, PredictedEvent
from newsgold.models.spacy_ner import mapped_entities
from newsgold.records import StanceTarget
from newsgold.scheme import EVENT_TYPES, ROLE_ENTITY_TYPES

VERB_TRIGGERS: dict[str, str] = {
    # 01 make public statement
    "say": "01", "state": "01", "announce": "01", "comment": "01", "acknowledge": "01",
    "deny": "01", "claim": "01", "report": "01", "declare": "01", "tell": "01",
    # 02 appeal
    "appeal": "02", "urge": "02", "request": "02", "plead": "02", "ask": "02",
    # 03 express intent to cooperate
    "promise": "03", "pledge": "03", "offer": "03", "vow": "03", "contemplate": "03",
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
    ("send", "letter"): "04",
    ("send", "message"): "04",
    ("exchange", "letter"): "04",
    ("write", "letter"): "04",
    ("receive", "letter"): "04",
    ("pass", "message"): "04",
    ("issue", "statement"): "01",
    ("impose", "sanction"): "16",
    ("lift", "sanction"): "08",
    ("initiate", "negotiation"): "03",
    ("initiate", "talk"): "03",
    ("seek", "way"): "03",
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

_TARGET_PREPOSITIONS = frozenset({"with", "to", "against"})
# How far below the dependent an entity may sit: "South Korea's office" (1), but not a
# name deep inside a relative clause.
_MAX_DEPTH: dict[str, int] = {"SOURCE": 2, "TARGET": 2, "TIME": 0, "PLACE": 0}
_PLACE_PREPOSITIONS = frozenset({"in", "at"})
# Verbs whose subject is acted upon: "Trump received a letter from Kim" (Kim -> Trump).
_RECIPIENT_VERBS = frozenset({"receive", "get"})
_MODALS = frozenset({"will", "would", "could", "may", "might", "should", "can", "must", "shall"})

Entity = tuple[int, int, str]


class CameoRuleCoder:
    """Rule-based CAMEO event coder over ``en_core_web_sm`` parses.

    Example:
        >>> coder = CameoRuleCoder()
        >>> [e.type for e in coder.predict(document, []).events]  # doctest: +SKIP
        ['04', '01', ...]
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
                        realis=_realis(token),
                        arguments=_arguments(sentence, token, entities),
                    )
                )
        return DocumentPrediction(doc_id=document.id, events=sorted(set(events)))


def trigger_code(token: Token) -> str | None:
    """The CAMEO root code ``token`` triggers, or None.

    Example:
        >>> trigger_code(nlp("They met.")[1])  # doctest: +SKIP
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


def _realis(token: Token) -> str:
    children = list(token.children)
    if any(c.dep_ == "neg" for c in children):
        return "OTHER"
    if any(c.dep_ == "aux" and c.lower_ in _MODALS | {"to"} for c in children):
        return "OTHER"
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in children):
        return "OTHER"
    return "ACTUAL"


def _entity_for(
    token: Token, sentence: ParsedSentence, entities: list[Entity], max_depth: int
) -> Entity | None:
    """The entity covering ``token``, else the one nearest to it in its subtree."""
    best: tuple[int, int, Entity] | None = None
    for candidate in token.subtree:
        if _depth_below(candidate, token) > max_depth:
            continue
        start, end = sentence.span(candidate)
        for entity in entities:
            if entity[0] <= start and end <= entity[1]:
                depth = _depth_below(candidate, token)
                key = (depth, entity[0], entity)
                if best is None or key[:2] < best[:2]:
                    best = key
    return None if best is None else best[2]


def _depth_below(token: Token, ancestor: Token) -> int:
    depth = 0
    while token.i != ancestor.i and token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def _argument(
    role: str, token: Token, sentence: ParsedSentence, entities: list[Entity]
) -> PredictedArgument | None:
    entity = _entity_for(token, sentence, entities, _MAX_DEPTH[role])
    if entity is None or entity[2] not in ROLE_ENTITY_TYPES[role]:
        return None
    return PredictedArgument(role, entity[0], entity[1], entity_label=entity[2])


def _arguments(
    sentence: ParsedSentence, trigger: Token, entities: list[Entity]
) -> tuple[PredictedArgument, ...]:
    found: list[PredictedArgument] = []
    subject_holder = trigger
    if trigger.dep_ in {"xcomp", "advcl"} and not any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in trigger.children
    ):
        subject_holder = trigger.head  # "X declined to confirm": X is the source of "confirm"
    for child in subject_holder.children:
        if child.dep_ == "nsubj":
            found.extend(_maybe(_argument("SOURCE", child, sentence, entities)))
    for child in trigger.children:
        if child.dep_ == "nsubjpass":
            found.extend(_maybe(_argument("TARGET", child, sentence, entities)))
        elif child.dep_ == "agent":
            for pobj in child.children:
                found.extend(_maybe(_argument("SOURCE", pobj, sentence, entities)))
        elif child.dep_ in {"dobj", "obj", "dative", "iobj"}:
            objects = [child] if child.dep_ != "dative" or child.pos_ != "ADP" else []
            objects += [c for c in child.children if child.dep_ == "dative" and c.dep_ == "pobj"]
            for obj in objects:
                found.extend(_maybe(_argument("TARGET", obj, sentence, entities)))
        elif child.dep_ == "prep":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                preposition = child.lower_
                if preposition in _TARGET_PREPOSITIONS or (
                    preposition == "from" and trigger.lemma_ in _RECIPIENT_VERBS
                ):
                    found.extend(_maybe(_argument("TARGET", pobj, sentence, entities)))
                if preposition in _PLACE_PREPOSITIONS:
                    found.extend(_maybe(_argument("PLACE", pobj, sentence, entities)))
                found.extend(_maybe(_argument("TIME", pobj, sentence, entities)))
        elif child.dep_ in {"npadvmod", "tmod"}:
            found.extend(_maybe(_argument("TIME", child, sentence, entities)))
    if trigger.lemma_ in _RECIPIENT_VERBS:
        swap = {"SOURCE": "TARGET", "TARGET": "SOURCE"}
        found = [
            PredictedArgument(swap.get(a.role, a.role), a.start, a.end, a.entity_label)
            for a in found
        ]
    # One role per span: the first rule that fired wins (SOURCE before TARGET).
    seen: set[tuple[int, int]] = set()
    unique: list[PredictedArgument] = []
    for argument in found:
        if (argument.start, argument.end) not in seen:
            seen.add((argument.start, argument.end))
            unique.append(argument)
    return tuple(sorted(unique))


def _maybe(argument: PredictedArgument | None) -> list[PredictedArgument]:
    return [] if argument is None else [argument]


def _check_lexicon() -> None:
    codes = set(VERB_TRIGGERS.values()) | set(NOUN_TRIGGERS.values())
    codes |= set(VERB_OBJECT_TRIGGERS.values())
    unknown = codes - set(EVENT_TYPES)
    if unknown:  # pragma: no cover - guards edits to the tables above
        raise AssertionError(f"trigger lexicon uses unknown CAMEO codes: {sorted(unknown)}")


_check_lexicon()
