"""The guidelines stay blind: no run of 8 words from a `test` document appears in them.

Test documents are read inside this process only; a failure names the guidelines line and
the document id, never the words, so the test text is not printed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgold.corpus import load_corpus
from newsgold.corpus.splits import load_split_policy

ROOT = Path(__file__).resolve().parents[1]
GUIDELINES_PATH = ROOT / "annotations" / "GUIDELINES.md"
RUN_LENGTH = 8

# Letters and digits only: punctuation, markdown and underscores separate words.
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _runs(words: list[str], length: int = RUN_LENGTH) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


def _shared_runs(guidelines: str, document_text: str) -> list[int]:
    """Guidelines line numbers (1-based) where a run of RUN_LENGTH document words starts."""
    document_runs = _runs(_words(document_text))
    located: list[tuple[str, int]] = [
        (word, number)
        for number, line in enumerate(guidelines.splitlines(), start=1)
        for word in _words(line)
    ]
    words = [word for word, _ in located]
    return sorted(
        {
            located[i][1]
            for i in range(len(words) - RUN_LENGTH + 1)
            if tuple(words[i : i + RUN_LENGTH]) in document_runs
        }
    )


def _documents_of_split(split: str) -> dict[str, str]:
    policy = load_split_policy()
    return {
        doc_id: document.text
        for doc_id, document in load_corpus(ROOT / "corpus").items()
        if policy.split_of(doc_id) == split
    }


@pytest.mark.parametrize(
    ("guidelines", "document", "lines"),
    [
        ("one two three four five six seven eight", "one two three four five six seven eight", [1]),
        (
            "One, two: three\n`four` five six-seven eight",
            "one two three four five six seven eight",
            [1],
        ),
        ("one two three four five six seven", "one two three four five six seven", []),
        ("one two three four five six seven nine", "one two three four five six seven eight", []),
        (
            "x\nzero one two three four five six seven eight",
            "one two three four five six seven eight",
            [2],
        ),
    ],
    ids=["exact", "punctuation-and-lines", "seven-words", "one-word-differs", "line-of-run-start"],
)
def test_shared_runs_finds_eight_word_runs(
    guidelines: str, document: str, lines: list[int]
) -> None:
    assert _shared_runs(guidelines, document) == lines


def test_guidelines_quote_no_eight_words_of_a_test_document() -> None:
    guidelines = GUIDELINES_PATH.read_text(encoding="utf-8")
    test_documents = _documents_of_split("test")
    assert len(test_documents) >= 13
    leaks = {
        doc_id: lines
        for doc_id, text in sorted(test_documents.items())
        if (lines := _shared_runs(guidelines, text))
    }
    assert leaks == {}, f"GUIDELINES.md lines quoting a test document (doc id: lines): {leaks}"


def test_guidelines_examples_come_from_dev_documents() -> None:
    # The worked examples quote dev sentences, so the check above runs on real quotes.
    guidelines = GUIDELINES_PATH.read_text(encoding="utf-8")
    dev_documents = _documents_of_split("dev")
    assert len(dev_documents) == 8
    quoting = [doc_id for doc_id, text in dev_documents.items() if _shared_runs(guidelines, text)]
    assert len(quoting) >= 4
