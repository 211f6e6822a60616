"""CoNLL/BIO decoding: parity with seqeval's default (conlleval) and strict readings."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import Entities

from newsgold.errors import InputError
from newsgold.io.conll import read_conll
from newsgold.scoring.conll import SCHEMES, decode_tags, get_scheme

TYPES = ("PER", "ORG", "LOC")


def _tags(prefixes: str) -> st.SearchStrategy[list[list[str]]]:
    tag = st.one_of(
        st.just("O"),
        st.builds(lambda p, t: f"{p}-{t}", st.sampled_from(prefixes), st.sampled_from(TYPES)),
    )
    return st.lists(st.lists(tag, min_size=0, max_size=12), min_size=1, max_size=6)


def _seqeval_default(
    sentences: list[list[str]], rename: dict[str, str]
) -> set[tuple[int, int, int, str]]:
    out = set()
    for i, sentence in enumerate(sentences):
        renamed = [rename.get(t[0], t[0]) + t[1:] if t != "O" else t for t in sentence]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for label, start, end in get_entities(renamed):
                out.add((i, start, end + 1, label))
    return out


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_conlleval_reading_equals_seqeval_default(scheme: str, data: st.DataObject) -> None:
    declared = get_scheme(scheme)
    sentences = data.draw(_tags(declared.prefixes.replace("O", "")))
    spans, _ = decode_tags(sentences, scheme, reading="conlleval")
    assert set(spans) == _seqeval_default(sentences, declared.conlleval_prefix)
    assert len(spans) == len(set(spans))


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_strict_reading_equals_seqeval_strict(scheme: str, data: st.DataObject) -> None:
    declared = get_scheme(scheme)
    sentences = data.draw(_tags(declared.prefixes.replace("O", "")))
    spans, _ = decode_tags(sentences, scheme, reading="strict")
    expected = {
        (e.sent_id, e.start, e.end, e.tag)
        for e in (x for sent in Entities(sentences, declared.seqeval_class).entities for x in sent)
    }
    assert set(spans) == expected


@pytest.mark.parametrize(
    ("tags", "reading", "spans", "read_as"),
    [
        (["O", "I-PER", "I-PER"], "conlleval", [(0, 1, 3, "PER")], ["entity"]),
        (["O", "I-PER", "I-PER"], "strict", [], ["discarded"]),
        (["B-PER", "I-ORG"], "conlleval", [(0, 0, 1, "PER"), (0, 1, 2, "ORG")], ["entity"]),
        (["B-PER", "I-PER", "O"], "strict", [(0, 0, 2, "PER")], []),
    ],
)
def test_ill_formed_chunks_are_reported_with_how_they_were_read(
    tags: list[str], reading: str, spans: list[tuple[int, int, int, str]], read_as: list[str]
) -> None:
    decoded, report = decode_tags([tags], "IOB2", reading=reading)  # type: ignore[arg-type]
    assert decoded == spans
    assert [chunk.read_as for chunk in report] == read_as


def test_iobes_tag_in_iob2_file_is_an_error_naming_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "out.conll"
    path.write_text("John B-PER B-PER\nsaid O O\n\nhe S-PER O\n", encoding="utf-8")
    conll = read_conll(path)
    from newsgold.scoring.conll import decode_tag_arrays

    with pytest.raises(
        InputError, match=r"out.conll:4: field 'gold': gold tag 'S-PER' is not valid in the IOB2"
    ):
        decode_tag_arrays(conll.gold, "IOB2", column="gold", lines=conll.lines, path=path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a B-PER B-PER\nb O\n", r":2: expected 3 columns"),
        ("a\n", r":1: expected at least two columns"),
    ],
)
def test_malformed_conll_lines_name_file_and_line(tmp_path, content: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.conll"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_conll(path)


def test_unknown_scheme_lists_supported_ones() -> None:
    with pytest.raises(InputError, match="expected one of IOB1, IOB2, IOBES, BILOU"):
        get_scheme("IOE3")


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_no_reading_puts_an_o_tag_in_a_chunk(scheme: str) -> None:
    # The decoder looks at the tags that are not O alone; it relies on these.
    from newsgold.scoring.conll import _conlleval_tables, _strict_tables

    declared = SCHEMES[scheme]
    start, end = _conlleval_tables(declared)  # [prev prefix, prefix, same type]; O is 0
    strict_start, inside, _ = _strict_tables(declared)
    assert not start[:, 0].any() and not strict_start[:, 0].any()  # O starts no chunk
    assert not inside[:, 0].any() and not inside[0].any()  # O neither continues nor is continued
    assert end[1:, 0, 0].all()  # a tag followed by O ends its chunk
