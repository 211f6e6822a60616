"""The array reader of conlleval files equals reading them line by line with str.split(),
on every shape of file a user may give; conlleval's chunk rules equal seqeval's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics.sequence_labeling import end_of_chunk, start_of_chunk

from newsgold.errors import InputError
from newsgold.io.conll import read_conll
from newsgold.scoring.conll import _PREFIXES, SCHEMES, _conlleval_tables


def _reference(text: str) -> tuple[list[list[str]], ...]:
    """What the reader must give: one str.split() per line, as conlleval reads a file."""
    tokens, gold, pred, lines, skipped = [], [], [], [], []
    current: tuple[list[str], list[str], list[str], list[int]] = ([], [], [], [])
    for number, line in enumerate(text.split("\n"), start=1):
        fields = line.split()
        if not fields or fields[0] == "-DOCSTART-":
            if current[1]:
                for column, values in zip((tokens, gold, pred, lines), current, strict=True):
                    column.append(values)
            current = ([], [], [], [])
            if fields:
                skipped.append(number)
            continue
        current[0].append(fields[0] if len(fields) > 2 else "")
        current[1].append(fields[-2])
        current[2].append(fields[-1])
        current[3].append(number)
    if current[1]:
        for column, values in zip((tokens, gold, pred, lines), current, strict=True):
            column.append(values)
    return tokens, gold, pred, lines, [skipped]


def _check(tmp_path: Path, text: str) -> None:
    _check_simple_split(text)
    path = tmp_path / "file.conll"
    path.write_bytes(text.encode("utf-8"))
    tokens, gold, pred, lines, (skipped,) = _reference(text)
    conll = read_conll(path)
    assert conll.tokens == tokens
    assert conll.gold == gold
    assert conll.pred == pred
    assert conll.lines == lines
    assert list(conll.skipped_lines) == skipped
    assert conll.tokens_json() == [
        json.dumps(sentence, ensure_ascii=False).encode("utf-8") for sentence in tokens
    ]


def _check_simple_split(text: str) -> None:
    # The reader's shortcut for single-space, single-newline files gives what its general
    # splitter gives, wherever it takes the file at all.
    from newsgold.io.conll import _split, _split_simple

    buf = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    simple, general = _split_simple(buf), _split(buf)
    if simple is None:
        assert (
            "\t" in text
            or "\r" in text
            or "  " in text
            or " \n" in text
            or "\n " in text
            or text.startswith(" ")
            or text.endswith(" ")
            or any(ord(c) < 32 and c != "\n" for c in text)
        )
        return
    assert simple.width.tolist() == general.width.tolist()
    assert _line_fields(simple) == _line_fields(general)


def _line_fields(split: Any) -> list[list[tuple[int, int]]]:
    lines = []
    for first, width in zip(split.first_field.tolist(), split.width.tolist(), strict=True):
        starts, ends = split.bounds(np.arange(first, first + width))
        lines.append(list(zip(starts.tolist(), ends.tolist(), strict=True)))
    return lines


@pytest.mark.parametrize(
    "text",
    ["Kim B-PER B-PER\nmet O O\n\nSeoul B-GPE B-LOC\n", "a b\n\n\nc d", "", "\n", "x y z"],
)
def test_single_space_files_take_the_shortcut(text: str) -> None:
    from newsgold.io.conll import _split_simple

    assert _split_simple(np.frombuffer(text.encode(), dtype=np.uint8)) is not None
    _check_simple_split(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kim B-PER B-PER\nmet O O\n\nSeoul B-GPE B-LOC\n",
        "-DOCSTART- -X- O O\n\nKim B-PER B-PER\n\n\n\nmet O O",  # no final newline
        "Kim\tB-PER\tB-PER\r\nmet\tO\tO\r\n\r\n",  # tabs, CRLF
        "  Kim   NNP  B-PER B-PER  \n met NN O O\n",  # padding, POS column
        "Kim B-PER B-PER\n-DOCSTART- O O\nmet O O\n",  # DOCSTART inside a sentence
        "B-PER B-PER\nO O\n\nB-ORG O\n",  # no token column
        'He "yes" O O\n',  # a token that is only quotes and letters
        '"Kim" B-PER B-PER\nback\\slash O O\n',  # tokens JSON escapes
        "Kim B-WORK_OF_ART B-WORK_OF_ART\nmet I-WORK_OF_ART O\n",  # tags over 8 bytes
        "Stoltenberg-Nato B-PER B-PER\nsaid O O\n",  # a token of 9-16 bytes: two words a row
        "https://example.org/a/very/long/path B-ORG O\nx O O\n",  # over 16: cut from the file
        "Zoë B-PÉR B-PÉR\nà O B-PÉR\n",  # non-ASCII tokens and tags
        "Kim\u00a0B-PER\u2003B-PER\nmet\u3000O O\n",  # Unicode spaces split like str.split
        "a\x1cB-PER\x1fB-PER\n",  # ASCII separators str.split splits on
        "",
        "\n\n\n",
    ],
)
def test_reader_equals_line_by_line_split(tmp_path: Path, text: str) -> None:
    _check(tmp_path, text)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.just(""),
            st.just("-DOCSTART- O O"),
            st.builds(
                lambda token, g, p, sep: sep.join([token, g, p]),
                st.text(
                    alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Cc")),
                    min_size=1,
                    max_size=6,
                ),
                st.sampled_from(["O", "B-PER", "I-PER", "B-LONG_LABEL_X", "S-É"]),
                st.sampled_from(["O", "B-PER", "I-ORG", "E-LOC"]),
                st.sampled_from([" ", "\t", "  ", " \t "]),
            ),
        ),
        max_size=30,
    )
)
def test_reader_equals_line_by_line_split_on_generated_files(lines: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        _check(Path(tmp), "\n".join(lines))


def test_nul_byte_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bin.conll"
    path.write_bytes(b"Kim B-PER B-PER\nm\x00t O O\n")
    with pytest.raises(InputError, match=r"bin\.conll:2: expected text, found a NUL byte"):
        read_conll(path)


def test_not_utf8_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.conll"
    path.write_bytes("Zoë B-PER B-PER\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.conll: not UTF-8 text"):
        read_conll(path)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_conlleval_tables_equal_seqeval_chunk_rules(scheme: str) -> None:
    declared = SCHEMES[scheme]
    start, end = _conlleval_tables(declared)
    rename = declared.conlleval_prefix
    for a, pa in enumerate(_PREFIXES):
        for b, pb in enumerate(_PREFIXES):
            for same in (0, 1):
                ra, rb = rename.get(pa, pa), rename.get(pb, pb)
                prev_type = "_" if ra == "O" else "X"
                cur_type = "_" if rb == "O" else ("X" if same else "Y")
                args = (ra, rb, prev_type, cur_type)
                assert start[a, b, same] == start_of_chunk(*args), args
                assert end[a, b, same] == end_of_chunk(*args), args


@pytest.mark.parametrize("token", ["w", 'q"uote', "Zoë"])
def test_gold_id_from_the_file_bytes_equals_the_generic_hash(tmp_path: Path, token: str) -> None:
    # Sentences long enough for 1-, 2- and 3-digit offsets; a non-ASCII label; tokens
    # JSON escapes (the fallback path) and tokens it does not (the byte path).
    from newsgold.scoring.conll import decode_tag_codes
    from newsgold.scoring.tags import _gold_id
    from newsgold.tagging import TokenChunk, entity_layer_hash

    lines = []
    for n in (3, 40, 130):
        for i in range(n):
            tag = ("B-PÉR" if i % 9 == 0 else "I-PÉR") if i % 9 < 2 else "O"
            lines.append(f"{token}{i} {tag} O")
        lines.append("")
    path = tmp_path / "long.conll"
    path.write_text("\n".join(lines), encoding="utf-8")
    conll = read_conll(path)
    gold = decode_tag_codes(conll.gold_codes, conll.vocabulary, conll.lengths, "IOB2")
    chunks: list[list[TokenChunk]] = [[] for _ in range(conll.n_sentences)]
    for u, s, e, t in zip(gold.sentence, gold.start, gold.end, gold.label, strict=True):
        chunks[int(u)].append(TokenChunk(int(s), int(e), gold.labels[int(t)]))
    assert _gold_id(conll, gold) == entity_layer_hash(zip(conll.tokens, chunks, strict=True))


@pytest.mark.parametrize("bits", [1, 2])
def test_tags_sharing_a_hash_slot_are_told_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bits: int
) -> None:
    # With 2 or 4 slots some of the seven tags share one: the reader sorts them instead.
    import newsgold.io.conll as reader

    monkeypatch.setattr(reader, "_HASH_BITS", bits)
    text = "a B-PER B-PER\nb I-PER O\nc B-ORG B-LOC\nd I-ORG I-LOC\ne O I-PER\n\nf B-GPE O\n"
    _check(tmp_path, text)
    assert read_conll(tmp_path / "file.conll").vocabulary == (
        "B-GPE", "B-LOC", "B-ORG", "B-PER", "I-LOC", "I-ORG", "I-PER", "O",
    )  # fmt: skip
