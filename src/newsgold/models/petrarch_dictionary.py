"""The PETRARCH2 CAMEO verb dictionary (``CAMEO.2.0.txt``), read into typed records.

The file (Open Event Data Alliance, MIT licence; vendored in ``third_party/petrarch2/``
and shipped inside the package) has three parts, described in its header and in
PETRARCH2's ``PETRreader.read_verb_dictionary``:

1. **Synonym sets**: ``&NAME`` followed by ``+WORD`` or ``+MULTI_WORD_PHRASE`` lines.
   Plurals are generated for each phrase as PETRARCH does (``Y`` -> ``IES``, a
   final ``S`` -> ``ES``, else ``+S``) unless the phrase or the set name ends with ``_``.
2. **Verb blocks**: a header ``---  NAME   [CODE]  ---`` (``[---]`` is the null code: a
   verb of the block alone makes no event), verb lines and pattern lines:

   - ``SAY {SAID SAYING}``: a verb; irregular forms in braces replace the generated
     regular ones (``S``/``ES``/``IES``, ``ED``/``D``, ``ING``);
   - ``+CALL_OFF [160]``: a multi-word verb, ``+`` marks the verb word, ``_`` joins
     the words; an optional ``[CODE]`` overrides the block's code for this verb;
   - ``- PRE * POST [CODE]  # VERB``: a pattern around the verb ``*``. Plain words are
     noun heads, ``{A B}`` a noun phrase (head last), ``(PREP ...)`` a prepositional
     phrase, ``&SET`` any phrase of a synonym set; ``$``/``+``/``%``/``^`` mark
     source/target/compound/agent slots. ``[a:b]`` codes give the source->target code
     and the reverse one.
3. **Transformations** (``~ ...``): rewrite rules over already coded events. Not used.

Codes are CAMEO codes (``042``, ``0344``, ``1722``); the first two digits are the CAMEO
root (``04``). The parse is exact and deterministic; :func:`load_verb_dictionary`
caches the packaged file.

Example:
    >>> dictionary = load_verb_dictionary()
    >>> dictionary.verb_forms["said"][0].code
    '010'
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsgold.errors import InputError
from newsgold.scheme import EVENT_TYPES

DICTIONARY_FILE = "CAMEO.2.0.txt"
"""The dictionary's file name inside the vendored folder."""

DICTIONARY_SHA256 = "4a442ee42f7574651ec1c594f127353cdffbf18fa97b207ad5d8298a3cfaa08f"
"""SHA-256 of the vendored ``CAMEO.2.0.txt`` (as published in openeventdata/petrarch2)."""

NULL_CODE = "---"

_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]\s*$")
_MARKERS = frozenset({"$", "+", "%", "^"})


@dataclass(frozen=True)
class VerbForm:
    """One surface form of a verb: its words (lower case) and which one is the verb.

    ``("called", "off")`` with ``verb_index`` 0 is a form of ``+CALL_OFF``;
    ``("re", "arrested")`` with ``verb_index`` 1 a form of ``RE_+ARREST``.
    """

    words: tuple[str, ...]
    verb_index: int

    @property
    def verb(self) -> str:
        return self.words[self.verb_index]


@dataclass(frozen=True)
class VerbEntry:
    """A verb line of a block, with every surface form it matches.

    Attributes:
        primary: the dictionary spelling, e.g. ``"SAY"`` or ``"+CALL_OFF"``.
        forms: the base form and its inflections (given in braces or generated).
        code: the verb's own code when the line gives one, else the block's.
        block: the block's name (its patterns apply to the verb).
        line: 1-based line number in the file.
    """

    primary: str
    forms: tuple[VerbForm, ...]
    code: str
    block: str
    line: int


@dataclass(frozen=True)
class NounSlot:
    """A noun head or noun phrase of a pattern: any of ``alternatives`` (word tuples)."""

    alternatives: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class PrepSlot:
    """A prepositional phrase of a pattern: the preposition and the nouns it governs."""

    preposition: str
    nouns: tuple[NounSlot, ...]


Slot = NounSlot | PrepSlot


@dataclass(frozen=True)
class VerbPattern:
    """A pattern line: slots before the verb, slots after it, and its code.

    ``code`` is the source->target code (the part before ``:``; the reverse code when
    that part is empty), ``NULL_CODE`` for ``[---]``.
    """

    before: tuple[Slot, ...]
    after: tuple[Slot, ...]
    code: str
    raw_code: str
    block: str
    line: int
    text: str

    @property
    def size(self) -> int:
        """How many slots (words and phrases) the pattern asks for; more is more specific."""
        return sum(1 if isinstance(s, NounSlot) else 1 + len(s.nouns) for s in self.before) + sum(
            1 if isinstance(s, NounSlot) else 1 + len(s.nouns) for s in self.after
        )


@dataclass(frozen=True)
class VerbBlock:
    """A verb block: name, default code, verbs and patterns, in file order."""

    name: str
    code: str
    line: int
    verbs: tuple[VerbEntry, ...]
    patterns: tuple[VerbPattern, ...]


@dataclass(frozen=True)
class SkippedLine:
    """A line the reader did not turn into a record, and why."""

    line: int
    text: str
    reason: str


@dataclass
class VerbDictionary:
    """The parsed dictionary.

    Attributes:
        synsets: synonym-set name (``"&CURRENCY"``) -> phrases (lower-case word tuples,
            generated plurals included).
        blocks: verb blocks in file order.
        verb_forms: lower-case verb word -> the entries it is a form of (multi-word
            entries first, then single words, each in file order).
        transformations: the ``~`` lines (kept verbatim, not applied).
        skipped: pattern or verb lines that could not be used, with the reason.
        sha256: hash of the file read.
    """

    synsets: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)
    verb_forms: dict[str, list[VerbEntry]] = field(default_factory=dict)
    transformations: list[str] = field(default_factory=list)
    skipped: list[SkippedLine] = field(default_factory=list)
    sha256: str = ""

    def block(self, name: str) -> VerbBlock:
        """The block called ``name``.

        Raises:
            KeyError: no such block.
        """
        for block in self.blocks:
            if block.name == name:
                return block
        raise KeyError(name)

    def entries(self) -> Iterator[VerbEntry]:
        """Every verb entry, in file order."""
        for block in self.blocks:
            yield from block.verbs

    def patterns(self) -> Iterator[VerbPattern]:
        """Every pattern, in file order."""
        for block in self.blocks:
            yield from block.patterns

    def coverage(self) -> dict[str, int]:
        """Counts of what was read, for the documentation and the model card.

        Example:
            >>> load_verb_dictionary().coverage()["blocks"]
            397
        """
        entries = list(self.entries())
        patterns = list(self.patterns())
        return {
            "synsets": len(self.synsets),
            "synset_phrases": sum(len(p) for p in self.synsets.values()),
            "blocks": len(self.blocks),
            "blocks_with_null_code": sum(b.code == NULL_CODE for b in self.blocks),
            "verb_entries": len(entries),
            "multiword_verb_entries": sum(any(len(f.words) > 1 for f in e.forms) for e in entries),
            "verb_entries_with_own_code": sum(e.code != self.block(e.block).code for e in entries),
            "verb_entries_coding_an_event": sum(root_of(e.code) is not None for e in entries),
            "surface_forms": sum(len(e.forms) for e in entries),
            "distinct_verb_words": len(self.verb_forms),
            "patterns": len(patterns),
            "patterns_coding_an_event": sum(root_of(p.code) is not None for p in patterns),
            "patterns_with_null_code": sum(p.code == NULL_CODE for p in patterns),
            "transformations": len(self.transformations),
            "skipped_lines": len(self.skipped),
        }


def root_of(code: str) -> str | None:
    """The CAMEO root (``"04"``) of a code (``"042"``), or None for the null code or a
    code outside ``01``..``20``.

    Example:
        >>> root_of("0344"), root_of("---"), root_of("903")
        ('03', None, None)
    """
    if len(code) < 3 or not code[:2].isdigit():
        return None
    root = code[:2]
    return root if root in EVENT_TYPES else None


def _strip_comment(line: str) -> str:
    # PETRARCH: '#' starts a comment anywhere on a verb or pattern line.
    return line.split("#", 1)[0].rstrip()


def plural_of(word: str) -> str | None:
    """PETRARCH's plural of a synonym-set noun (upper case), None for ``_``-final words."""
    if word.endswith("_") or word.startswith("{"):
        return None
    if word.endswith("Y"):
        return word[:-1] + "IES"
    if word.endswith("S"):
        return word[:-1] + "ES"
    return word + "S"


def regular_forms(stem: str) -> tuple[str, str, str]:
    """PETRARCH's generated ``S``, ``ED`` and ``ING`` forms of a verb stem (upper case).

    Example:
        >>> regular_forms("ACCUSE")
        ('ACCUSES', 'ACCUSED', 'ACCUSING')
    """
    if stem.endswith(("S", "X", "Z")):
        third = stem + "ES"
    elif stem.endswith("Y"):
        third = stem[:-1] + "IES"
    else:
        third = stem + "S"
    past = stem + "D" if stem.endswith("E") else stem + "ED"
    drop_e = stem.endswith("E") and stem[-2:-1] not in "AEIOU"
    gerund = stem[:-1] + "ING" if drop_e else stem + "ING"
    return third, past, gerund


def _verb_form(spelling: str) -> VerbForm:
    """``"RE_+ARREST"`` -> words ``("re", "arrest")``, verb index 1; no ``+``: index 0."""
    parts = spelling.split("_")
    index = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    words = tuple(p.lstrip("+").lower() for p in parts if p.lstrip("+"))
    return VerbForm(words, min(index, len(words) - 1))


def _verb_entry(text: str, block: VerbBlock, number: int) -> VerbEntry | None:
    code = block.code
    match = _CODE.search(text)
    if match:
        forward, _, reverse = match.group(1).strip().partition(":")
        code = forward.strip() or reverse.strip() or NULL_CODE
        text = text[: match.start()]
    irregular: list[str] = []
    if "{" in text:
        head, _, rest = text.partition("{")
        irregular = rest.replace("}", " ").split()
        text = head
    words = text.split()
    if len(words) != 1:
        return None
    primary = words[0]
    base = _verb_form(primary)
    if "{" in text or irregular or primary.count("_"):
        # Braces give every other form; a multi-word verb without braces gets the
        # regular forms of its '+' word (PETRARCH 15.04.30).
        others = [_verb_form(w) for w in irregular]
        if not irregular and "_" in primary:
            index = base.verb_index
            before, after = base.words[:index], base.words[index + 1 :]
            others = [
                VerbForm((*before, form.lower(), *after), index)
                for form in regular_forms(base.words[index].upper())
            ]
    else:
        others = [VerbForm((form.lower(),), 0) for form in regular_forms(primary)]
    forms = tuple(dict.fromkeys([base, *others]))
    return VerbEntry(primary, forms, code, block.name, number)


def _phrase_alternatives(
    text: str, synsets: dict[str, tuple[tuple[str, ...], ...]]
) -> tuple[tuple[str, ...], ...] | None:
    """Alternatives of one noun element: a word, ``A B`` phrase, or a synset (None: unknown)."""
    words = text.split()
    expanded: list[tuple[str, ...]] = [()]
    for word in words:
        if word.startswith("&"):
            options = synsets.get(word)
            if options is None:
                return None
        else:
            options = (tuple(w.lower() for w in word.split("_") if w),)
        expanded = [prefix + option for prefix in expanded for option in options]
    return tuple(e for e in expanded if e)


def _parse_side(
    text: str, synsets: dict[str, tuple[tuple[str, ...], ...]]
) -> tuple[Slot, ...] | str:
    """Slots of one side of ``*``; a string is the reason the side cannot be used."""
    slots: list[Slot] = []
    tokens = re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", text)
    for token in tokens:
        if token in _MARKERS:
            continue
        if token.startswith("("):
            inner = re.findall(r"\{[^}]*\}|\S+", token[1:-1])
            if not inner:
                return f"empty prepositional phrase {token!r}"
            nouns: list[NounSlot] = []
            for element in inner[1:]:
                if element in _MARKERS:
                    continue
                alternatives = _phrase_alternatives(element.strip("{}"), synsets)
                if alternatives is None:
                    return f"undefined synonym set in {element!r}"
                if alternatives:
                    nouns.append(NounSlot(alternatives))
            slots.append(PrepSlot(inner[0].lower(), tuple(nouns)))
            continue
        if token.startswith("{") and not token.endswith("}"):
            return f"unclosed noun phrase {token!r}"
        alternatives = _phrase_alternatives(token.strip("{}"), synsets)
        if alternatives is None:
            return f"undefined synonym set in {token!r}"
        if alternatives:
            slots.append(NounSlot(alternatives))
    return tuple(slots)


def _pattern(
    text: str, block: str, number: int, synsets: dict[str, tuple[tuple[str, ...], ...]]
) -> VerbPattern | str:
    body = _strip_comment(text)[1:]
    match = _CODE.search(body)
    if match is None:
        return "no [CODE] at the end of the pattern"
    raw_code = match.group(1).strip()
    body = body[: match.start()]
    if body.count("*") != 1:
        return "a pattern needs exactly one '*' (the verb)"
    before_text, after_text = body.split("*")
    before = _parse_side(before_text, synsets)
    after = _parse_side(after_text, synsets)
    if isinstance(before, str):
        return before
    if isinstance(after, str):
        return after
    forward, _, reverse = raw_code.partition(":")
    code = forward.strip() or reverse.strip()
    if not code:
        return f"empty code [{raw_code}]"
    return VerbPattern(before, after, code, raw_code, block, number, body.strip())


def parse_verb_dictionary(text: str, *, source: str = DICTIONARY_FILE) -> VerbDictionary:
    """Parse the text of a PETRARCH verb dictionary.

    Args:
        text: the whole file.
        source: the file name, for error messages.

    Returns:
        A :class:`VerbDictionary`.

    Raises:
        InputError: the file has no ``####### VERB PATTERNS`` section, or a verb or
            pattern line comes before any block header (file and line).
    """
    dictionary = VerbDictionary(sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    lines = text.splitlines()
    try:
        verbs_start = next(i for i, t in enumerate(lines) if t.startswith("####### VERB PATTERNS"))
    except StopIteration:
        raise InputError(
            "no '####### VERB PATTERNS' line; expected a PETRARCH verb dictionary", path=source
        ) from None
    # 1. synonym sets
    current: str | None = None
    raw_sets: dict[str, list[str]] = {}
    for raw in lines[:verbs_start]:
        line = _strip_comment(raw).strip()
        if line.startswith("&"):
            current = line
            raw_sets.setdefault(current, [])
        elif line.startswith("+") and current is not None:
            raw_sets[current].append(line[1:])
    for name, phrases in raw_sets.items():
        options: list[tuple[str, ...]] = []
        for phrase in phrases:
            words = tuple(w.lower() for w in phrase.split("_") if w)
            options.append(words)
            plural = None if name.endswith("_") else plural_of(phrase)
            if plural is not None:
                options.append(tuple(w.lower() for w in plural.split("_") if w))
        dictionary.synsets[name] = tuple(dict.fromkeys(options))
    # 2. verb blocks, 3. transformations
    blocks: list[tuple[VerbBlock, list[VerbEntry], list[VerbPattern]]] = []
    in_transformations = False
    for number, raw in enumerate(lines[verbs_start + 1 :], start=verbs_start + 2):
        if raw.startswith("######## TRANSFORMATIONS"):
            in_transformations = True
            continue
        if not raw.strip() or raw.startswith("#"):
            continue
        if in_transformations:
            if raw.startswith("~"):
                dictionary.transformations.append(raw.rstrip())
            continue
        header = _HEADER.match(raw)
        if header:
            block = VerbBlock(header.group(1), header.group(2).strip() or NULL_CODE, number, (), ())
            blocks.append((block, [], []))
            continue
        if not blocks:
            raise InputError(
                f"{raw.strip()!r} comes before any '---  NAME  [CODE]  ---' block header",
                path=source,
                line=number,
            )
        block, verbs, patterns = blocks[-1]
        if raw.startswith("-"):
            parsed = _pattern(raw, block.name, number, dictionary.synsets)
            if isinstance(parsed, str):
                dictionary.skipped.append(SkippedLine(number, raw.rstrip(), parsed))
            else:
                patterns.append(parsed)
            continue
        entry = _verb_entry(_strip_comment(raw), block, number)
        if entry is None:
            dictionary.skipped.append(
                SkippedLine(number, raw.rstrip(), "a verb line holds one verb (+ forms, code)")
            )
        else:
            verbs.append(entry)
    for block, verbs, patterns in blocks:
        dictionary.blocks.append(
            VerbBlock(block.name, block.code, block.line, tuple(verbs), tuple(patterns))
        )
    for entry in dictionary.entries():
        for form in entry.forms:
            known = dictionary.verb_forms.setdefault(form.verb, [])
            if entry not in known:
                known.append(entry)
    for verb, entries in dictionary.verb_forms.items():
        # Multi-word verbs are tried first (PETRARCH 15.04.30), then file order.
        entries.sort(key=lambda e: (-max(len(f.words) for f in e.forms if f.verb == verb), e.line))
    return dictionary


def dictionary_path() -> Path:
    """Where the packaged ``CAMEO.2.0.txt`` is (inside the installed package)."""
    return Path(str(resources.files("newsgold.models").joinpath("petrarch2", DICTIONARY_FILE)))


@lru_cache(maxsize=1)
def load_verb_dictionary() -> VerbDictionary:
    """Read the packaged PETRARCH2 dictionary (cached).

    Raises:
        InputError: the packaged file is missing or is not the vendored version
            (its SHA-256 differs from :data:`DICTIONARY_SHA256`).
    """
    path = dictionary_path()
    if not path.is_file():
        raise InputError(
            "the PETRARCH2 CAMEO dictionary is not installed with newsgold; reinstall the "
            "package (it ships third_party/petrarch2/CAMEO.2.0.txt as package data)",
            path=path,
        )
    text = path.read_text(encoding="utf-8")
    dictionary = parse_verb_dictionary(text, source=str(path))
    if dictionary.sha256 != DICTIONARY_SHA256:
        raise InputError(
            f"the dictionary's SHA-256 is {dictionary.sha256}, expected the vendored "
            f"{DICTIONARY_SHA256}; restore third_party/petrarch2/{DICTIONARY_FILE}",
            path=path,
        )
    return dictionary
