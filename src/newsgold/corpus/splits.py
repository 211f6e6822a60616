"""Document-level dataset splits: declared ratios, a hash of the document id, pinned documents.

A document's split depends only on its id, the salt and the declared ratios, never on
which other documents exist, so adding documents never moves one already published,
and a document is never split across splits. Documents can be pinned to a split by id
with a reason (the seed article is pinned to ``test``); the declaration lives in
``newsgold/corpus/splits.json`` unless another file is given.

Example:
    >>> policy = load_split_policy()
    >>> policy.split_of("6ebade2f8e52de11")
    'test'
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgold.errors import InputError
from newsgold.jsonfile import read_json_object

DEFAULT_SPLITS_FILE = Path(__file__).with_name("splits.json")

_SPLIT_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class PinnedSplit:
    """A document assigned to a split by declaration rather than by hash."""

    split: str
    reason: str


@dataclass(frozen=True)
class SplitPolicy:
    """How documents are assigned to splits.

    Attributes:
        ratios: split names with their share of the documents, in declaration order
            (the hash interval [0, 1) is cut in that order); shares sum to 1.
        pinned: document id -> pinned split (overrides the hash).
        salt: mixed into the hash; changing it reshuffles every unpinned document.
    """

    ratios: tuple[tuple[str, float], ...] = (("train", 0.8), ("validation", 0.1), ("test", 0.1))
    pinned: dict[str, PinnedSplit] = field(default_factory=dict)
    salt: str = "newsgold-splits-v1"
    rule: str = ""  # how the pinned documents were chosen, in words (shown in the card)

    @property
    def split_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.ratios)

    def hash_position(self, doc_id: str) -> float:
        """The document's position in [0, 1): SHA-256 of ``salt:doc_id``, first 8 bytes."""
        digest = hashlib.sha256(f"{self.salt}:{doc_id}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64

    def split_of(self, doc_id: str) -> str:
        """The split of one document: its pinned split, else the ratio interval of its hash."""
        pinned = self.pinned.get(doc_id)
        if pinned is not None:
            return pinned.split
        position = self.hash_position(doc_id)
        cumulative = 0.0
        for name, share in self.ratios:
            cumulative += share
            if position < cumulative:
                return name
        return self.ratios[-1][0]  # rounding: the sum may be a hair under 1


def load_split_policy(path: str | Path | None = None) -> SplitPolicy:
    """Read a split declaration (default: the packaged ``splits.json``).

    The file is ``{"rule": str, "salt": str, "ratios": {split: share, ...},
    "pinned": {doc_id: {"split": str, "reason": str}}}``.

    Raises:
        InputError: the file is missing or malformed, a share is not in (0, 1], the
            shares do not sum to 1, or a pinned split is not one of the declared splits.
    """
    source = Path(path) if path is not None else DEFAULT_SPLITS_FILE
    return split_policy_from_dict(read_json_object(source, what="split declaration"), source)


def split_policy_to_dict(policy: SplitPolicy) -> dict[str, Any]:
    """The declaration :func:`load_split_policy` reads, for ``policy``."""
    return {
        "rule": policy.rule,
        "salt": policy.salt,
        "ratios": dict(policy.ratios),
        "pinned": {
            doc_id: {"split": pin.split, "reason": pin.reason}
            for doc_id, pin in sorted(policy.pinned.items())
        },
    }


def split_policy_from_dict(data: dict[str, Any], source: str | Path) -> SplitPolicy:
    """Check and read a split declaration already parsed (``source`` names it in errors).

    Raises:
        InputError: as :func:`load_split_policy`.
    """
    salt = data.get("salt")
    if not isinstance(salt, str) or not salt:
        raise InputError(f"expected a non-empty string, got {salt!r}", path=source, field="salt")
    raw_ratios = data.get("ratios")
    if not isinstance(raw_ratios, dict) or not raw_ratios:
        raise InputError(
            f"expected an object of split name -> share, got {raw_ratios!r}",
            path=source,
            field="ratios",
        )
    ratios: list[tuple[str, float]] = []
    for name, share in raw_ratios.items():
        if not _SPLIT_NAME.match(name):
            raise InputError(
                f"split name {name!r} is not a lowercase identifier", path=source, field="ratios"
            )
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share <= 1:
            raise InputError(
                f"share of split {name!r} must be a number in (0, 1], got {share!r}",
                path=source,
                field="ratios",
            )
        ratios.append((name, float(share)))
    total = math.fsum(share for _, share in ratios)
    if not math.isclose(total, 1.0, abs_tol=1e-9):
        raise InputError(f"shares must sum to 1, got {total}", path=source, field="ratios")
    names = {name for name, _ in ratios}
    pinned: dict[str, PinnedSplit] = {}
    raw_pinned = data.get("pinned", {})
    if not isinstance(raw_pinned, dict):
        raise InputError(
            f"expected an object of document id -> pin, got {raw_pinned!r}",
            path=source,
            field="pinned",
        )
    for doc_id, pin in sorted(raw_pinned.items()):
        if not isinstance(pin, dict) or not isinstance(pin.get("split"), str):
            raise InputError(
                f"document {doc_id}: expected {{'split': ..., 'reason': ...}}, got {pin!r}",
                path=source,
                field="pinned",
            )
        if pin["split"] not in names:
            raise InputError(
                f"document {doc_id} is pinned to split {pin['split']!r}, which is not declared "
                f"in ratios ({', '.join(sorted(names))})",
                path=source,
                field="pinned",
            )
        pinned[doc_id] = PinnedSplit(split=pin["split"], reason=str(pin.get("reason", "")))
    rule = data.get("rule", "")
    if not isinstance(rule, str):
        raise InputError(f"expected a string, got {rule!r}", path=source, field="rule")
    return SplitPolicy(ratios=tuple(ratios), pinned=pinned, salt=salt, rule=rule)
