"""The PETRARCH2 CAMEO verb dictionary reader, on real lines of CAMEO.2.0.txt."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from newsgold.errors import InputError
from newsgold.models.petrarch_dictionary import (
    DICTIONARY_SHA256,
    NULL_CODE,
    NounSlot,
    PrepSlot,
    VerbForm,
    dictionary_path,
    load_verb_dictionary,
    parse_verb_dictionary,
    regular_forms,
    root_of,
)

ROOT = Path(__file__).resolve().parents[2]

# Lines copied from CAMEO.2.0.txt (trailing spaces trimmed) (synsets 292-295 and 677-681, blocks at
# lines 709, 912 and 7611, pattern lines 710-728, 804, 913-924, 1116).
SNIPPET = """\
####### SYNONYM SETS #######

&MILITARY
+MILITARY
+ARMED_FORCES

&FOOD
+FOOD
+NOURISHMENT_

####### VERB PATTERNS #######

---  ACCELERATE   [---]  ---
ACCELERATE
HURRY {HURRIES HURRYING HURRIED }
- * (TO)                                              [042:043]     # RUSH
- * {RELIEF ASSISTANCE}                               [073]         # RUSH
- * &FOOD                                             [073]         # RUSH
- * POLICE (TO BORDER)                                [153]         # RUSH
- &MILITARY *                                         [154]         # RUSH
- * (BEFORE COURT)                                    [:173]        # APPEAR

---  ASK   [---]  ---
+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]
ASK     [020]
+CALL_OFF [160]
RE_+ARREST

---  DELAY   [120]---  ---
DELAY

######## TRANSFORMATIONS ##########

~ a (a b ATTACK) SAY = a b 015
"""


@pytest.fixture(scope="module")
def snippet():
    return parse_verb_dictionary(SNIPPET)


def test_synsets_with_generated_plurals(snippet) -> None:
    assert snippet.synsets["&MILITARY"] == (
        ("military",),
        ("militaries",),
        ("armed", "forces"),
        ("armed", "forcees"),  # PETRARCH's make_plural_noun: a final S becomes ES
    )
    # A phrase ending in '_' gets no plural.
    assert snippet.synsets["&FOOD"] == (("food",), ("foods",), ("nourishment",))


def test_blocks_and_their_codes(snippet) -> None:
    assert [(b.name, b.code) for b in snippet.blocks] == [
        ("ACCELERATE", NULL_CODE),
        ("ASK", NULL_CODE),
        ("DELAY", "120"),  # header written "[120]---" without a space
    ]


@pytest.mark.parametrize(
    ("primary", "forms", "code"),
    [
        ("ACCELERATE",
         [("accelerate",), ("accelerates",), ("accelerated",), ("accelerating",)], "---"),
        ("HURRY", [("hurry",), ("hurries",), ("hurrying",), ("hurried",)], "---"),
        ("ASK", [("ask",), ("asks",), ("asked",), ("asking",)], "020"),
        (
            "+ASK_FOR",
            [("ask", "for"), ("asked", "for"), ("asking", "for"), ("asks", "for")],
            "020",
        ),
        ("+CALL_OFF",
         [("call", "off"), ("calls", "off"), ("called", "off"), ("calling", "off")], "160"),
        ("RE_+ARREST",
         [("re", "arrest"), ("re", "arrests"), ("re", "arrested"), ("re", "arresting")], "---"),
        # PETRARCH writes "DELAIES"; the coder also matches by lemma, so "delays" is found.
        ("DELAY", [("delay",), ("delaies",), ("delayed",), ("delaying",)], "120"),
    ],
)  # fmt: skip
def test_verb_forms(snippet, primary: str, forms: list, code: str) -> None:
    (entry,) = [e for e in snippet.entries() if e.primary == primary]
    assert [f.words for f in entry.forms] == forms
    assert entry.code == code


def test_multiword_verb_marks_the_verb_word(snippet) -> None:
    (entry,) = [e for e in snippet.entries() if e.primary == "RE_+ARREST"]
    assert entry.forms[2] == VerbForm(("re", "arrested"), 1)
    assert entry.forms[2].verb == "arrested"
    # Looked up by the verb word; multi-word entries come before single words.
    assert [e.primary for e in snippet.verb_forms["asked"]] == ["+ASK_FOR", "ASK"]


def test_patterns(snippet) -> None:
    patterns = {p.line: p for p in snippet.patterns()}
    by_text = {p.text: p for p in patterns.values()}
    to = by_text["* (TO)"]
    assert (to.before, to.after, to.code, to.raw_code) == (
        (),
        (PrepSlot("to", ()),),
        "042",
        "042:043",
    )
    relief = by_text["* {RELIEF ASSISTANCE}"]
    assert relief.after == (NounSlot((("relief", "assistance"),)),) and relief.code == "073"
    food = by_text["* &FOOD"]
    assert food.after == (NounSlot((("food",), ("foods",), ("nourishment",))),)
    police = by_text["* POLICE (TO BORDER)"]
    assert police.after == (
        NounSlot((("police",),)),
        PrepSlot("to", (NounSlot((("border",),)),)),
    )
    assert police.size == 3
    military = by_text["&MILITARY *"]
    assert military.after == () and len(military.before) == 1 and military.code == "154"
    # "[:173]": no source->target code, the reverse one is used.
    assert by_text["* (BEFORE COURT)"].code == "173"
    assert all(p.block == "ACCELERATE" for p in patterns.values())
    assert snippet.transformations == ["~ a (a b ATTACK) SAY = a b 015"]


@pytest.mark.parametrize(
    ("code", "root"),
    [("042", "04"), ("0344", "03"), ("1722", "17"), ("200", "20"), ("---", None),
     ("903", None), ("21", None)],
)  # fmt: skip
def test_root_of(code: str, root: str | None) -> None:
    assert root_of(code) == root


def test_regular_forms_follow_petrarch() -> None:
    assert regular_forms("PASS") == ("PASSES", "PASSED", "PASSING")
    assert regular_forms("FREE") == ("FREES", "FREED", "FREEING")
    assert regular_forms("DENY") == ("DENIES", "DENYED", "DENYING")  # as PETRARCH generates


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("&X\n+Y\n", "no '####### VERB PATTERNS' line"),
        ("####### VERB PATTERNS #######\nSAY\n", "t.txt:2: 'SAY' comes before any"),
    ],
)
def test_bad_files_fail_with_file_and_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_verb_dictionary(text, source="t.txt")


def test_undefined_synset_skips_the_pattern_with_a_reason() -> None:
    text = "####### VERB PATTERNS #######\n---  X   [010]  ---\nSAY\n- * &NOPE  [020]\n"
    parsed = parse_verb_dictionary(text)
    assert list(parsed.patterns()) == []
    assert [(s.line, s.reason) for s in parsed.skipped] == [(4, "undefined synonym set in '&NOPE'")]


def test_packaged_dictionary_is_the_vendored_file() -> None:
    vendored = ROOT / "third_party" / "petrarch2" / "CAMEO.2.0.txt"
    assert hashlib.sha256(vendored.read_bytes()).hexdigest() == DICTIONARY_SHA256
    assert dictionary_path().read_bytes() == vendored.read_bytes()
    assert (ROOT / "third_party" / "petrarch2" / "LICENSE").is_file()
    assert (ROOT / "third_party" / "petrarch2" / "README.md").is_file()


def test_whole_dictionary_coverage() -> None:
    # The figures docs/models.md reports.
    dictionary = load_verb_dictionary()
    coverage = dictionary.coverage()
    assert coverage["blocks"] == 397
    assert coverage["verb_entries"] == 1817
    assert coverage["patterns"] + coverage["skipped_lines"] == 4668  # every '- ' line
    assert coverage["skipped_lines"] == 4  # four patterns name an undefined synonym set
    assert coverage["synsets"] == 40
    assert coverage["transformations"] == 8
    said = dictionary.verb_forms["said"][0]
    assert (said.primary, said.code, said.block) == ("SAY", "010", "EXPLAIN_VERBAL")
