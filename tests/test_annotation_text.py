"""Plain-text annotation format: quoted spans resolve to exact offsets; bad lines name the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgold.annotation_text import describe_document, parse_annotation_text, read_annotation_file
from newsgold.corpus import make_document
from newsgold.corpus.ingest import Metadata
from newsgold.errors import InputError
from newsgold.records import StanceTarget

TEXT = (
    "Paris hosts talks\nOn Monday, France said Paris would host talks with Germany. Paris agreed."
)
DOC = make_document(TEXT, Metadata(language="en"))
DOCS = {DOC.id: DOC}
TARGETS = {DOC.id: [StanceTarget("talks", "The talks", "FAVOR supports the talks.")]}


def _ann(body: str) -> str:
    return f"doc {DOC.id}\nannotator annotator_a\n{body}\n"


def test_spans_resolve_to_exact_offsets_with_occurrence_numbers() -> None:
    record = parse_annotation_text(
        _ann(
            'ENT e1 GPE "Paris" s0\n'
            'ENT e2 DATE "Monday" s1  # a "quoted" comment\n'
            'ENT e3 GPE "France" s1\n'
            'ENT e4 GPE "Paris" s1\n'
            'ENT e5 GPE "Germany" s1\n'
            'EVT v1 04 OTHER "host" s1 SOURCE=e4 TARGET=e5 TIME=e2\n'
            'STA t1 talks FAVOR holder=e3 "would host talks" s1\n'
            'STA t2 talks FAVOR holder=AUTHOR "agreed" s2'
        ),
        DOCS,
    )
    for mention in record.entities:
        assert TEXT[mention.start : mention.end] == mention.text
    paris = next(m for m in record.entities if m.id == "e4")
    assert paris.start == TEXT.index("Paris", 1)
    (event,) = record.events
    assert (event.text, event.type, event.realis) == ("host", "04", "OTHER")
    assert {(a.role, a.entity_id) for a in event.arguments} == {
        ("SOURCE", "e4"),
        ("TARGET", "e5"),
        ("TIME", "e2"),
    }
    assert [s.holder_id for s in record.stances] == ["e3", None]


def test_second_occurrence_in_a_sentence() -> None:
    text = "Kim met Kim.\n"
    doc = make_document(text, Metadata())
    record = parse_annotation_text(
        f'doc {doc.id}\nannotator x\nENT e1 PER "Kim" s0#2\n', {doc.id: doc}
    )
    assert record.entities[0].start == 8


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('ENT e1 GPE "Lyon" s1', r":3: 'Lyon' occurs fewer than 1 time"),
        ('ENT e1 GPE "Paris" s9', r":3: sentence s9 does not exist"),
        ('ENT e1 GPE "Paris" s1#3', r"occurs fewer than 3 time"),
        ('ENT e1 GPE "Paris"', r"expected a sentence"),
        ('ENT e1 GPE "Paris" x1', r"expected a sentence like s3"),
        ('ENT e1 "Paris" s1', r"expected ENT id LABEL"),
        ('ENT e1 GPE "Paris" s1\nENT e1 GPE "France" s1', r":4: id 'e1' used twice"),
        ('EVT v1 04 ACTUAL "host" s1 SOURCE', r"expected ROLE=entity_id"),
        ('ENT e1 GPE "Par"is" s1', r"unbalanced or second quoted text"),
        ("hello world", r"expected 'doc ID'"),
        ('ENT e1 GPE "" s1', r"the quoted text is empty"),
    ],
)
def test_bad_lines_name_the_line(body: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_annotation_text(_ann(body), DOCS, path="x.ann")


def test_unknown_document_and_missing_header() -> None:
    with pytest.raises(InputError, match="unknown document id 'nope'"):
        parse_annotation_text("doc nope\n", DOCS)
    with pytest.raises(InputError, match="before the 'doc ID' line"):
        parse_annotation_text('ENT e1 GPE "Paris" s0\n', DOCS)
    with pytest.raises(InputError, match="no 'annotator NAME'"):
        parse_annotation_text(f"doc {DOC.id}\n", DOCS)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('ENT e1 PERSON "Paris" s0', r"label 'PERSON'"),
        ('ENT e1 GPE "Paris" s1\nEVT v1 04 ACTUAL "host" s1 SOURCE=e9', r"e9"),
        ('ENT e1 DATE "Monday" s1\nEVT v1 04 ACTUAL "host" s1 PLACE=e1', r"PLACE"),
        ('STA t1 war FAVOR holder=AUTHOR "agreed" s2', r"war"),
    ],
)
def test_validation_runs_the_scheme_checks(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "a.ann"
    path.write_text(_ann(body), encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_annotation_file(path, DOCS, TARGETS)


def test_describe_numbers_sentences_and_lists_targets() -> None:
    view = describe_document(DOC, TARGETS[DOC.id])
    assert "s0\tParis hosts talks" in view
    assert "s2\tParis agreed." in view
    assert "talks: The talks." in view
