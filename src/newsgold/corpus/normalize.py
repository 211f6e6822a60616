"""Text normalization and content-derived document ids.

Normalization is Unicode NFC plus line endings to ``\\n``; nothing else. Curly quotes,
dashes and apostrophes stay exactly as received.
"""

from __future__ import annotations

import hashlib
import unicodedata

ID_LENGTH = 16


def normalize_text(raw: str) -> str:
    """Return ``raw`` in NFC with ``\\r\\n`` and lone ``\\r`` turned into ``\\n``.

    Example:
        >>> normalize_text("Cafe\\u0301\\r\\n")
        'Café\\n'
    """
    return unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))


def document_id(normalized_text: str) -> str:
    """The stable id of a document: the first 16 hex digits of SHA-256 of its normalized text."""
    return hashlib.sha256(normalized_text.encode("utf-8")).hexdigest()[:ID_LENGTH]
