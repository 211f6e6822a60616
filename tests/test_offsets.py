"""The UTF-16 edge: code points <-> UTF-16 code units."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgold.corpus.normalize import normalize_text
from newsgold.errors import InputError
from newsgold.offsets import Utf16Index, from_utf16, to_utf16


@pytest.mark.parametrize(
    ("text", "offset", "utf16"),
    [
        ("abc", 0, 0),
        ("abc", 3, 3),
        ("a😀b", 1, 1),
        ("a😀b", 2, 3),  # the emoji is two UTF-16 code units
        ("a😀b", 3, 4),
        ("𝕂im 🇰🇵", 1, 2),  # mathematical double-struck K is astral
        ("𝕂im 🇰🇵", 6, 9),  # a flag is two astral regional indicators
        ("e\u0301x", 2, 2),  # combining marks are BMP: one unit each
        ("日本語", 2, 2),
    ],
)
def test_to_and_from_utf16(text: str, offset: int, utf16: int) -> None:
    assert to_utf16(text, offset) == utf16
    assert from_utf16(text, utf16) == offset


def test_label_studio_span_round_trip_with_emoji() -> None:
    text = "Kim 😀 met Trump 🇺🇸 in Hanoi."
    start = text.index("Trump")
    end = start + len("Trump")
    index = Utf16Index(text)
    u_start, u_end = index.to_utf16(start), index.to_utf16(end)
    # What a JavaScript front end would slice with UTF-16 indices:
    encoded = text.encode("utf-16-le")
    assert encoded[2 * u_start : 2 * u_end].decode("utf-16-le") == "Trump"
    assert (index.from_utf16(u_start), index.from_utf16(u_end)) == (start, end)


def test_crlf_input_is_normalized_before_offsets() -> None:
    text = normalize_text("Kim\r\nTrump 😀\rXi")
    assert text == "Kim\nTrump 😀\nXi"
    assert Utf16Index(text).to_utf16(len(text)) == len(text) + 1


@pytest.mark.parametrize("offset", [-1, 4])
def test_out_of_range_code_point_offset(offset: int) -> None:
    with pytest.raises(InputError, match="outside the text"):
        to_utf16("a😀b", offset)


def test_offset_inside_surrogate_pair_is_rejected() -> None:
    with pytest.raises(InputError, match="surrogate pair"):
        from_utf16("a😀b", 2)


def test_out_of_range_utf16_offset() -> None:
    with pytest.raises(InputError, match="outside the text"):
        from_utf16("a😀b", 5)


@given(st.text())
def test_round_trip_every_offset(text: str) -> None:
    index = Utf16Index(text)
    assert index.utf16_length == len(text.encode("utf-16-le")) // 2
    for offset in range(len(text) + 1):
        assert index.from_utf16(index.to_utf16(offset)) == offset
