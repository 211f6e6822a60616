"""Offset conventions and the UTF-16 edge.

newsgold has ONE offset convention: character offsets into a document's normalized
text, as Python ``str`` indices (Unicode code points), with an exclusive end. A span
``(start, end)`` covers ``text[start:end]``.

JavaScript tools count UTF-16 code units instead, so a character outside the Basic
Multilingual Plane (an emoji, say) counts as two there and one here. The functions below
convert at such an edge and nowhere else.

Label Studio itself: older front ends stored UTF-16 offsets (label-studio issue #1347);
since label-studio PR #1559 / label-studio-frontend PR #308 it stores code points. With
Label Studio 1.23.2 our browser test (tests/labelstudio/test_browser.py) shows regions
placed with code-point offsets exactly on their words after emoji, and UTF-16 offsets
shifted by one per astral character. So the Label Studio edge
(``newsgold.labelstudio.offsets.LABEL_STUDIO_OFFSET_UNIT``) is "codepoint", and this
module serves exports from tools that count UTF-16.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from newsgold.errors import InputError


def _utf16_prefix(text: str) -> list[int]:
    # prefix[i] = number of UTF-16 code units in text[:i]
    return [0, *accumulate(2 if ord(ch) > 0xFFFF else 1 for ch in text)]


class Utf16Index:
    """Converts offsets between code points and UTF-16 code units for one text.

    Build it once per text; each conversion is then O(1) (to UTF-16) or O(log n)
    (from UTF-16).

    Example:
        >>> index = Utf16Index("a😀b")
        >>> index.to_utf16(2), index.from_utf16(3)
        (3, 2)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._prefix = _utf16_prefix(text)

    @property
    def utf16_length(self) -> int:
        return self._prefix[-1]

    def to_utf16(self, offset: int) -> int:
        """Code-point offset -> UTF-16 offset. Raises InputError when out of range."""
        if not 0 <= offset <= len(self.text):
            raise InputError(
                f"offset {offset} is outside the text (0..{len(self.text)} code points)",
                field="offset",
            )
        return self._prefix[offset]

    def from_utf16(self, offset: int) -> int:
        """UTF-16 offset -> code-point offset.

        Raises:
            InputError: when ``offset`` is out of range or falls between the two halves
                of a surrogate pair (no code-point offset corresponds to it).
        """
        if not 0 <= offset <= self.utf16_length:
            raise InputError(
                f"UTF-16 offset {offset} is outside the text (0..{self.utf16_length} code units)",
                field="offset",
            )
        index = bisect_left(self._prefix, offset)
        if self._prefix[index] != offset:
            raise InputError(
                f"UTF-16 offset {offset} falls inside a surrogate pair "
                f"(character {index - 1}: {self.text[index - 1]!r})",
                field="offset",
            )
        return index


def to_utf16(text: str, offset: int) -> int:
    """Convert one code-point offset in ``text`` to UTF-16 code units."""
    return Utf16Index(text).to_utf16(offset)


def from_utf16(text: str, offset: int) -> int:
    """Convert one UTF-16 code-unit offset in ``text`` to a code-point offset."""
    return Utf16Index(text).from_utf16(offset)
