"""Publisher boilerplate that stays in the text but is excluded from annotation and scoring.

Patterns are matched against whole paragraphs. Add a publisher's pattern here when a
new source brings new boilerplate; the reason is stored with the excluded region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgold.corpus.document import ExcludedRegion, Span


@dataclass(frozen=True)
class BoilerplatePattern:
    pattern: re.Pattern[str]
    reason: str


BOILERPLATE_PATTERNS: tuple[BoilerplatePattern, ...] = (
    BoilerplatePattern(
        re.compile(r"\(At The Quint, we question everything\..*\)", re.DOTALL),
        "publisher boilerplate: The Quint membership appeal",
    ),
    BoilerplatePattern(
        re.compile(r"(Subscribe to|Sign up for) our (daily )?newsletter.*", re.IGNORECASE),
        "publisher boilerplate: newsletter appeal",
    ),
    BoilerplatePattern(
        re.compile(r"Follow (us|\w+) on (Twitter|Facebook|Instagram|X)\b.*", re.IGNORECASE),
        "publisher boilerplate: social-media appeal",
    ),
)


def excluded_regions(text: str, paragraphs: list[Span]) -> list[ExcludedRegion]:
    """Return the paragraphs of ``text`` that are known publisher boilerplate."""
    regions: list[ExcludedRegion] = []
    for start, end in paragraphs:
        paragraph = text[start:end]
        for boilerplate in BOILERPLATE_PATTERNS:
            if boilerplate.pattern.fullmatch(paragraph):
                regions.append(ExcludedRegion(start, end, boilerplate.reason))
                break
    return regions
