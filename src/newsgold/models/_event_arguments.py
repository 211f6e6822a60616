"""Event realis and arguments from a dependency parse, shared by the CAMEO coders.

Given a trigger token of an ``en_core_web_sm`` parse:

- SOURCE: the subject of the trigger verb (the ``by`` agent of a passive; for an
  ``xcomp``/``advcl`` trigger without its own subject, the subject of the governing verb);
- TARGET: the direct object, the dative/indirect object, the passive subject, or the
  object of ``with``/``to``/``against``;
- TIME: a DATE/EVENT entity attached to the trigger (directly or through a preposition);
- PLACE: a GPE/LOC entity attached to the trigger through ``in``/``at``;
- for ``receive``/``get`` the roles swap: the subject is the TARGET and the object of
  ``from`` the SOURCE.

An argument is the entity mention (from :mod:`newsgold.models.spacy_ner`) nearest to the
head of the dependent subtree, and only if its type may fill the role
(``scheme.ROLE_ENTITY_TYPES``). Realis is OTHER under a modal, negation, an infinitive
or a conditional, else ACTUAL. These rules are general English syntax; none names a
word of any corpus document.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgold.models._spacy import ParsedSentence
from newsgold.models.protocol import PredictedArgument
from newsgold.scheme import ROLE_ENTITY_TYPES

_TARGET_PREPOSITIONS = frozenset({"with", "to", "against"})
# How far below the dependent an entity may sit: "Norway's ministry" (1), but not a
# name deep inside a relative clause.
_MAX_DEPTH: dict[str, int] = {"SOURCE": 2, "TARGET": 2, "TIME": 0, "PLACE": 0}
_PLACE_PREPOSITIONS = frozenset({"in", "at"})
# Verbs whose subject is acted upon: "Merkel received a letter from Macron" (Macron -> Merkel).
_RECIPIENT_VERBS = frozenset({"receive", "get"})
_MODALS = frozenset({"will", "would", "could", "may", "might", "should", "can", "must", "shall"})

Entity = tuple[int, int, str]


def event_realis(token: Token) -> str:
    """ACTUAL, or OTHER under negation, a modal, an infinitive ``to`` or ``if``/``unless``."""
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


def event_arguments(
    sentence: ParsedSentence, trigger: Token, entities: list[Entity]
) -> tuple[PredictedArgument, ...]:
    """SOURCE/TARGET/TIME/PLACE arguments of ``trigger``, one role per entity span."""
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
