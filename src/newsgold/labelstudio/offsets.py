"""Offsets at the Label Studio edge: the unit Label Studio counts in, and the conversion.

Inside Label Studio a region's ``value.start``/``value.end`` count into its task's chunk
text in :data:`LABEL_STUDIO_OFFSET_UNIT`; everywhere else newsgold counts code points
into ``Document.text``. :func:`offset_index` gives the converter for one chunk text; the
encoder (records -> results) and the annotation reader (results -> records) use it and
nothing else converts.
"""

from __future__ import annotations

from typing import TypeAlias

from newsgold.offsets import Utf16Index

# The unit of Label Studio's ``value.start``/``value.end`` for <Text>. Label Studio 1.23's
# front end counts code points, not UTF-16 units (label-studio-frontend PR #308 "text with
# emoji breaks region offsets"); tests/labelstudio/test_browser.py checks that the regions
# it renders after an emoji cover exactly the characters we meant. Set "utf16" for a
# front end that counts JavaScript string indices.
LABEL_STUDIO_OFFSET_UNIT = "codepoint"


class CodePointIndex:
    """Same interface as ``Utf16Index`` for a front end that counts code points.

    Example:
        >>> index = CodePointIndex("a😀b")
        >>> index.utf16_length, index.to_utf16(2), index.from_utf16(2)
        (3, 2, 2)
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @property
    def utf16_length(self) -> int:  # the length in Label Studio units
        return len(self.text)

    def to_utf16(self, offset: int) -> int:
        return offset

    def from_utf16(self, offset: int) -> int:
        return offset


OffsetIndex: TypeAlias = Utf16Index | CodePointIndex


def offset_index(text: str) -> OffsetIndex:
    """The converter between code points and Label Studio offsets for one chunk text.

    ``to_utf16`` and ``from_utf16`` convert to and from :data:`LABEL_STUDIO_OFFSET_UNIT`
    (the names are ``Utf16Index``'s; with the code-point unit both are the identity).

    Example:
        >>> offset_index("a😀b").to_utf16(2)  # Label Studio 1.23 counts code points
        2
    """
    return Utf16Index(text) if LABEL_STUDIO_OFFSET_UNIT == "utf16" else CodePointIndex(text)


__all__ = ["LABEL_STUDIO_OFFSET_UNIT", "CodePointIndex", "OffsetIndex", "offset_index"]
