"""The PETRARCH2 dictionary coder: verbs, multi-word verbs, patterns, light verbs, actors."""

from __future__ import annotations

import pytest

from newsgold.models.cameo_petrarch import PetrarchCoder, PetrarchIndex, code_verb
from newsgold.models.petrarch_dictionary import load_verb_dictionary


def _coded(document, *, require_actor: bool = True):
    events = PetrarchCoder(require_actor=require_actor).predict(document, []).events
    return [
        (
            document.text[e.start : e.end],
            e.type,
            e.realis,
            sorted((a.role, document.text[a.start : a.end]) for a in e.arguments),
        )
        for e in events
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # MEET {MET ...} in block MEET_PEOPLE [040]: an irregular form.
            "President Donald Trump met Kim Jong Un on Tuesday.",
            [("met", "04", "ACTUAL",
              [("SOURCE", "Donald Trump"), ("TARGET", "Kim Jong Un"), ("TIME", "Tuesday")])],
        ),
        (
            "The United States criticized China on Friday.",
            [("criticized", "11", "ACTUAL",
              [("SOURCE", "United States"), ("TARGET", "China"), ("TIME", "Friday")])],
        ),
        (
            "Germany will not threaten France.",
            [("threaten", "13", "OTHER", [("SOURCE", "Germany"), ("TARGET", "France")])],
        ),
        (
            # RECEIVE is a null-code verb; its pattern "* LETTER" codes 04 and the trigger
            # is the noun (a light verb). receive: the sender is the SOURCE.
            "Angela Merkel received a letter from Emmanuel Macron.",
            [("letter", "04", "ACTUAL",
              [("SOURCE", "Emmanuel Macron"), ("TARGET", "Angela Merkel")])],
        ),
        ("The weather was pleasant.", []),
    ],
)  # fmt: skip
def test_coded_events(make_doc, text: str, expected: list) -> None:
    assert _coded(make_doc(text)) == expected


def test_multiword_verb_is_one_trigger(make_doc) -> None:
    coded = _coded(make_doc("Spain called off the strike."))
    assert [(text, code) for text, code, _, _ in coded] == [("called off", "08")]


def test_separated_particle_still_matches_the_multiword_verb(make_doc) -> None:
    document = make_doc("Spain called the strike off.")
    index = PetrarchIndex(load_verb_dictionary())
    from newsgold.models._spacy import parse_sentences

    (sentence,) = parse_sentences(document)
    called = next(t for t in sentence.doc if t.text == "called")
    coded = code_verb(called, index)
    assert coded is not None and coded.entry.primary == "+CALL_OFF"
    assert coded.trigger == (called.i,)  # "called ... off" is not one span


def test_pattern_overrides_the_verb_code(make_doc) -> None:
    index = PetrarchIndex(load_verb_dictionary())
    from newsgold.models._spacy import parse_sentences

    (sentence,) = parse_sentences(make_doc("Spain called off the strike."))
    coded = code_verb(sentence.doc[1], index)
    assert coded is not None and coded.pattern is not None
    assert coded.entry.code == "160" and coded.code.startswith("08")


def test_require_actor_drops_events_without_source_or_target(make_doc) -> None:
    document = make_doc("Police arrested two men in Madrid on Monday.")
    assert _coded(document) == []
    assert _coded(document, require_actor=False) == [
        ("arrested", "17", "ACTUAL", [("PLACE", "Madrid"), ("TIME", "Monday")])
    ]


def test_excluded_sentence_is_never_coded(make_doc) -> None:
    document = make_doc("Germany criticized France. Italy criticized Spain.", exclude_sentence=1)
    assert [c[0] for c in _coded(document)] == ["criticized"]
    assert _coded(document)[0][3] == [("SOURCE", "Germany"), ("TARGET", "France")]


def test_nothing_is_fitted() -> None:
    # The coder's only parameters are the vendored dictionary and one switch.
    coder = PetrarchCoder()
    assert coder.index.dictionary.sha256 == load_verb_dictionary().sha256
    assert (coder.require_actor, coder.nominal) == (True, True)  # chosen on dev


@pytest.mark.parametrize(
    "text",
    [
        "According to the ministry, Spain criticized France.",  # a preposition in function
        "Germany is going to criticize France.",  # future "going to", not travel
    ],
)
def test_function_verbs_are_not_coded(make_doc, text: str) -> None:
    assert [c[0] for c in _coded(make_doc(text))] == [
        "criticize" if "going" in text else "criticized"
    ]


def test_nominal_coding_is_an_option(make_doc) -> None:
    document = make_doc("The German visit to France ended on Monday. France criticized the visit.")
    verbs_only = PetrarchCoder(nominal=False).predict(document, []).events
    assert [(document.text[e.start : e.end], e.type) for e in verbs_only] == [("criticized", "11")]
    # The default (chosen on dev) codes the subject "visit" (04); the object of
    # "criticized" is not a second event.
    assert [c[:2] for c in _coded(document)] == [("visit", "04"), ("criticized", "11")]
