"""Which document licences allow the text to be republished.

A document's ``license`` is an SPDX id (``"CC-BY-2.5"``) or a ``LicenseRef-`` id for
text that may not be republished; unknown (``None``) is never redistributable. The list
is deliberately short: licences that allow anyone to copy and redistribute the text,
commercially or not, with attribution at most. Anything else stays out of a
redistributable build (its annotations stay, with a hash of the text).

Example:
    >>> is_redistributable("CC-BY-2.5"), is_redistributable("LicenseRef-All-Rights-Reserved")
    (True, False)
"""

from __future__ import annotations

import re

REDISTRIBUTABLE = re.compile(
    r"^(?:CC0-1\.0|CC-BY-(?:SA-)?(?:1\.0|2\.0|2\.5|3\.0|4\.0)|PDDL-1\.0|ODC-By-1\.0)$"
)

# Where each licence's terms are (for the card's licence table).
_LINKS = {
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "PDDL-1.0": "https://opendatacommons.org/licenses/pddl/1-0/",
    "ODC-By-1.0": "https://opendatacommons.org/licenses/by/1-0/",
}


def is_redistributable(license_id: str | None) -> bool:
    """Whether text under ``license_id`` may be republished by anyone (with attribution)."""
    return license_id is not None and REDISTRIBUTABLE.match(license_id) is not None


def license_url(license_id: str | None) -> str | None:
    """The terms of a licence, for the ones :func:`is_redistributable` accepts; else None."""
    if not is_redistributable(license_id):
        return None
    assert license_id is not None
    if license_id in _LINKS:
        return _LINKS[license_id]
    parts = license_id.split("-")  # CC-BY[-SA]-2.5
    kind = "-".join(parts[1:-1]).lower()
    return f"https://creativecommons.org/licenses/{kind}/{parts[-1]}/"
