"""Event baseline ``cameo-petrarch``: CAMEO coding with the PETRARCH2 verb dictionary.

Each verb of an annotatable sentence (spaCy ``en_core_web_sm`` parse, ``pos_ == VERB``)
is looked up in the PETRARCH2 CAMEO.2.0 verb dictionary
(:mod:`newsgold.models.petrarch_dictionary`):

1. **Verb**: the token's text or lemma is a form of a dictionary verb. Multi-word verbs
   (``+CALL_OFF``, ``RE_+ARREST``) are tried first: their other words must be the
   neighbouring tokens or, for words after the verb, a particle/preposition child
   (``called the strike off``).
2. **Pattern**: every pattern of the verb's block is tried; slots after ``*`` must occur
   in the verb's own phrase to its right (objects, particles, prepositional phrases,
   complements; not in subordinate or coordinated clauses), slots before ``*`` in its
   left dependents (subject). A noun slot matches consecutive tokens by text or lemma;
   a prepositional slot a token with that preposition whose subtree holds its nouns.
   Slot order is not checked. The matching pattern with the most slots wins (file order
   breaks ties).
3. **Code**: the pattern's code, else the verb's own, else the block's. The null code
   ``---`` and codes outside the twenty CAMEO roots make no event; otherwise the event
   type is the code's first two digits.
4. **Trigger**: the verb (the words of a multi-word verb, when consecutive). When the
   verb alone codes nothing and a pattern made the event (a light verb: ``hold talks``),
   the trigger is the head of the pattern's first noun after the verb, as the
   annotation guidelines place it on the event noun.

5. **Actor**: like PETRARCH, which by default codes an event only when it finds its
   actors (``require_dyad``), an event is kept only when at least one SOURCE or TARGET
   entity fills a role (``require_actor=True``, the default).

Arguments and realis come from the dependency parse
(:mod:`newsgold.models._event_arguments`). PETRARCH's actor and agent dictionaries are
not used: arguments are the entity mentions of the spaCy NER baseline. Nothing here was
fitted on annotations; matching rules were written against the texts of the ``dev``
split only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Token

from newsgold.corpus import Document
from newsgold.models._event_arguments import event_arguments, event_realis
from newsgold.models._spacy import parse_sentences
from newsgold.models.petrarch_dictionary import (
    NULL_CODE,
    NounSlot,
    Slot,
    VerbDictionary,
    VerbEntry,
    VerbForm,
    VerbPattern,
    load_verb_dictionary,
    root_of,
)
from newsgold.models.protocol import DocumentPrediction, PredictedEvent
from newsgold.models.spacy_ner import mapped_entities
from newsgold.records import StanceTarget

# Dependents that start another clause: a pattern word found there belongs to another verb.
_OTHER_CLAUSE = frozenset(
    {"ccomp", "advcl", "conj", "parataxis", "relcl", "cc", "punct", "mark", "csubj", "acl"}
)
_PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "dative", "agent"})


@dataclass(frozen=True)
class CodedVerb:
    """What the dictionary says about one verb token.

    Attributes:
        entry: the dictionary verb it is a form of.
        form: the surface form matched.
        pattern: the pattern that matched, if any.
        code: the CAMEO code used (pattern's, else verb's).
        root: the CAMEO root of ``code`` (``"04"``), or None: no event.
        trigger: token indices of the trigger, in order.
    """

    entry: VerbEntry
    form: VerbForm
    pattern: VerbPattern | None
    code: str
    root: str | None
    trigger: tuple[int, ...]


class PetrarchIndex:
    """The dictionary with its blocks indexed by name, for fast lookups."""

    def __init__(self, dictionary: VerbDictionary) -> None:
        self.dictionary = dictionary
        self.blocks = {block.name: block for block in dictionary.blocks}

    def candidates(self, token: Token) -> list[VerbEntry]:
        """Dictionary verbs the token may be a form of (multi-word first, then file order)."""
        seen: dict[int, VerbEntry] = {}
        for key in (token.lower_, token.lemma_.lower()):
            for entry in self.dictionary.verb_forms.get(key, []):
                seen.setdefault(entry.line, entry)
        return sorted(seen.values(), key=lambda e: (-max(len(f.words) for f in e.forms), e.line))


def _form_tokens(token: Token, form: VerbForm) -> tuple[int, ...] | None:
    """Token indices covering ``form`` around ``token`` (the verb word), or None."""
    if token.lower_ != form.verb and token.lemma_.lower() != form.verb:
        return None
    doc = token.doc
    indices = [token.i]
    position = token.i
    for word in reversed(form.words[: form.verb_index]):
        position -= 1
        while position >= 0 and doc[position].text in {"-", "‐"}:
            position -= 1
        if position < 0 or doc[position].lower_ != word:
            return None
        indices.insert(0, position)
    position = token.i
    for word in form.words[form.verb_index + 1 :]:
        following = position + 1
        if following < len(doc) and doc[following].lower_ == word:
            position = following
            indices.append(following)
            continue
        particle = next(
            (c for c in token.children if c.dep_ in _PARTICLE_DEPS and c.lower_ == word), None
        )
        if particle is None:
            return None
        indices.append(particle.i)
    return tuple(sorted(indices))


def _region(token: Token, side: str, exclude: Iterable[int]) -> list[Token]:
    """The verb's own phrase on one side: its dependents' subtrees, other clauses left out."""
    skip = set(exclude)
    children = token.rights if side == "after" else token.lefts
    region: list[Token] = []
    for child in children:
        if child.dep_ in _OTHER_CLAUSE:
            continue
        region.extend(t for t in child.subtree if t.i not in skip)
    return sorted(region, key=lambda t: t.i)


def _words(token: Token) -> tuple[str, str]:
    return token.lower_, token.lemma_.lower()


def _noun_match(slot: NounSlot, tokens: Sequence[Token]) -> Token | None:
    """The head (last) token of the first alternative found as consecutive tokens."""
    by_index = {t.i: t for t in tokens}
    for alternative in slot.alternatives:
        length = len(alternative)
        for first in tokens:
            run = [by_index.get(first.i + k) for k in range(length)]
            if all(
                t is not None and word in _words(t)
                for t, word in zip(run, alternative, strict=True)
            ):
                last = run[-1]
                assert last is not None
                return last
    return None


def _slot_match(slot: Slot, region: Sequence[Token]) -> Token | None:
    """The token that satisfies ``slot`` in ``region`` (noun head or preposition), or None."""
    if isinstance(slot, NounSlot):
        return _noun_match(slot, region)
    for token in region:
        if token.lower_ != slot.preposition:
            continue
        inside = [t for t in token.subtree if t.i != token.i]
        if all(_noun_match(noun, inside) is not None for noun in slot.nouns):
            return token
    return None


def _pattern_match(
    pattern: VerbPattern, before: Sequence[Token], after: Sequence[Token]
) -> list[Token] | None:
    """The tokens matched by each slot of ``pattern`` (after-slots first), or None."""
    matched: list[Token] = []
    for slots, region in ((pattern.after, after), (pattern.before, before)):
        for slot in slots:
            found = _slot_match(slot, region)
            if found is None:
                return None
            matched.append(found)
    return matched


def code_verb(token: Token, index: PetrarchIndex) -> CodedVerb | None:
    """Look ``token`` up in the dictionary and code it; None when it is no dictionary verb.

    A :class:`CodedVerb` with ``root`` None is a dictionary verb that codes no event here.

    Example:
        >>> from newsgold.models._spacy import load_pipeline
        >>> from newsgold.models.petrarch_dictionary import load_verb_dictionary
        >>> nlp = load_pipeline()
        >>> coded = code_verb(nlp("Police arrested two men.")[1],
        ...                   PetrarchIndex(load_verb_dictionary()))
        >>> coded.code, coded.root, coded.pattern.text
        ('173', '17', 'POLICE *')
    """
    if token.pos_ != "VERB" or _function_verb(token):
        return None
    for entry in index.candidates(token):
        for form in sorted(entry.forms, key=lambda f: -len(f.words)):
            covered = _form_tokens(token, form)
            if covered is None:
                continue
            before = _region(token, "before", covered)
            after = _region(token, "after", covered)
            best: tuple[VerbPattern, list[Token]] | None = None
            for pattern in index.blocks[entry.block].patterns:
                if best is not None and pattern.size <= best[0].size:
                    continue
                found = _pattern_match(pattern, before, after)
                if found is not None:
                    best = (pattern, found)
            code = best[0].code if best is not None else entry.code
            root = root_of(code)
            trigger = covered if _consecutive(covered) else (token.i,)
            if best is not None and root_of(entry.code) is None and best[0].after:
                head = best[1][0]
                if isinstance(best[0].after[0], NounSlot):
                    trigger = (head.i,)
            return CodedVerb(entry, form, best[0] if best else None, code, root, trigger)
    return None


def _function_verb(token: Token) -> bool:
    """A verb form doing a function word's job: ``according to``, ``following``,
    ``including`` (a preposition in the parse), or ``going to`` + verb (future)."""
    if token.dep_ == "prep":
        return True
    return token.lemma_.lower() == "go" and any(c.dep_ == "xcomp" for c in token.children)


def code_noun(token: Token, index: PetrarchIndex) -> CodedVerb | None:
    """Code a noun by the dictionary verb it names (``visit``, ``talks``, ``arrest``).

    Only single-word dictionary verbs that code an event on their own count (the noun
    has no verb phrase for patterns), and only nouns no verb takes as its direct object
    (the guidelines put a light verb's event on its noun, and a coded verb's object is
    not a second event). Used when :class:`PetrarchCoder` runs with ``nominal=True``
    (the default, chosen on dev).
    """
    if token.pos_ != "NOUN" or token.ent_type_:
        return None
    if token.dep_ in {"dobj", "obj"} and token.head.pos_ == "VERB":
        return None
    for entry in index.candidates(token):
        root = root_of(entry.code)
        if root is None:
            continue
        for form in entry.forms:
            if len(form.words) == 1 and form.verb in _words(token):
                return CodedVerb(entry, form, None, entry.code, root, (token.i,))
    return None


def _consecutive(indices: Sequence[int]) -> bool:
    return all(b == a + 1 for a, b in pairwise(indices))


class PetrarchCoder:
    """CAMEO event coder on the PETRARCH2 verb dictionary; see the module docstring.

    Args:
        dictionary: a parsed dictionary (default: the packaged CAMEO.2.0).
        require_actor: keep only events with a SOURCE or TARGET argument (PETRARCH's
            ``require_dyad`` default, relaxed to one actor).
        nominal: also code nouns that name a dictionary verb (:func:`code_noun`).
            Both defaults were chosen on the dev split (``scripts/select_on_dev.py``).

    Example:
        >>> from newsgold.corpus import Metadata, make_document
        >>> document = make_document("Angela Merkel met Emmanuel Macron in Berlin.", Metadata())
        >>> [(e.type, document.text[e.start : e.end]) for e in PetrarchCoder().predict(
        ...     document, []).events]
        [('04', 'met')]
    """

    name = "cameo-petrarch"
    layers: tuple[str, ...] = ("events",)
    description = "CAMEO coder on the PETRARCH2 CAMEO.2.0 verb dictionary + dependency parse"

    def __init__(
        self,
        dictionary: VerbDictionary | None = None,
        *,
        require_actor: bool = True,
        nominal: bool = True,
    ) -> None:
        self.index = PetrarchIndex(dictionary or load_verb_dictionary())
        self.require_actor = require_actor
        self.nominal = nominal

    def predict(
        self, document: Document, stance_targets: Sequence[StanceTarget] = ()
    ) -> DocumentPrediction:
        """Code every dictionary verb in the annotatable sentences of ``document``."""
        events: list[PredictedEvent] = []
        for sentence in parse_sentences(document):
            entities = mapped_entities(sentence)
            for token in sentence.doc:
                coded = code_verb(token, self.index)
                if coded is None and self.nominal:
                    coded = code_noun(token, self.index)
                if coded is None or coded.root is None:
                    continue
                arguments = event_arguments(sentence, token, entities)
                if self.require_actor and not any(
                    a.role in {"SOURCE", "TARGET"} for a in arguments
                ):
                    continue
                first, last = sentence.doc[coded.trigger[0]], sentence.doc[coded.trigger[-1]]
                events.append(
                    PredictedEvent(
                        start=sentence.span(first)[0],
                        end=sentence.span(last)[1],
                        type=coded.root,
                        realis=event_realis(token),
                        arguments=arguments,
                    )
                )
        return DocumentPrediction(doc_id=document.id, events=_one_per_span(events))


def _one_per_span(events: list[PredictedEvent]) -> list[PredictedEvent]:
    # Two verbs may put their trigger on the same noun; keep one event per trigger span.
    kept: dict[tuple[int, int], PredictedEvent] = {}
    for event in sorted(set(events)):
        kept.setdefault((event.start, event.end), event)
    return sorted(kept.values())


__all__ = ["NULL_CODE", "CodedVerb", "PetrarchCoder", "PetrarchIndex", "code_noun", "code_verb"]
