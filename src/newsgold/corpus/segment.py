"""Paragraphs, sentences and tokens, as ``[start, end)`` spans of the normalized text.

Tokens and sentences come from spaCy's rule-based English tokenizer and its
``sentencizer`` (no statistical model needed). Each paragraph is segmented on its own,
so no sentence crosses a paragraph boundary.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgold.corpus.document import Span

if TYPE_CHECKING:  # spaCy loads on first segmentation, not on import (CLI start-up)
    from spacy.language import Language

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


@lru_cache(maxsize=1)
def _pipeline() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def paragraph_spans(text: str) -> list[Span]:
    """Paragraphs: blocks separated by blank lines when the text has any, else single lines.

    Leading and trailing whitespace is left out of each span; empty blocks are dropped.
    """
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    spans: list[Span] = []
    position = 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        block = text[position:end]
        stripped = block.strip()
        if stripped:
            start = position + (len(block) - len(block.lstrip()))
            spans.append((start, start + len(stripped)))
        if match:
            position = match.end()
    return spans


def segment(text: str) -> tuple[list[Span], list[Span], list[Span]]:
    """Split ``text`` into paragraphs, sentences and tokens.

    Returns:
        ``(paragraphs, sentences, tokens)``, each an ordered list of non-overlapping
        ``(start, end)`` spans; whitespace is in no token.
    """
    nlp = _pipeline()
    paragraphs = paragraph_spans(text)
    sentences: list[Span] = []
    tokens: list[Span] = []
    for p_start, p_end in paragraphs:
        doc = nlp(text[p_start:p_end])
        for sent in doc.sents:
            words = [t for t in sent if not t.is_space]
            if not words:
                continue
            sent_tokens = [(p_start + t.idx, p_start + t.idx + len(t.text)) for t in words]
            tokens.extend(_split_inner_whitespace(text, sent_tokens))
            sentences.append((sent_tokens[0][0], sent_tokens[-1][1]))
    return paragraphs, sentences, tokens


def _split_inner_whitespace(text: str, spans: list[Span]) -> list[Span]:
    # spaCy only splits on ' '; a token can still hold other whitespace next to a
    # non-space character (e.g. 'a\u2028b'). Split there so no token holds whitespace.
    result: list[Span] = []
    for start, end in spans:
        piece = text[start:end]
        if not any(ch.isspace() for ch in piece):
            result.append((start, end))
            continue
        for match in re.finditer(r"\S+", piece):
            result.append((start + match.start(), start + match.end()))
    return result
