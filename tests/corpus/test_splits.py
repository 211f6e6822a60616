"""Document-level splits: pinned seed, hash of the id, declared ratios."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from newsgold.corpus.splits import SplitPolicy, load_split_policy
from newsgold.errors import InputError

SEED_ID = "6ebade2f8e52de11"


def test_seed_article_is_pinned_to_test() -> None:
    policy = load_split_policy()
    assert policy.split_of(SEED_ID) == "test"
    assert "seed" in policy.pinned[SEED_ID].reason


def test_split_depends_only_on_the_id() -> None:
    policy = SplitPolicy()
    ids = [f"{i:016x}" for i in range(200)]
    first = [policy.split_of(doc_id) for doc_id in ids]
    assert first == [SplitPolicy().split_of(doc_id) for doc_id in reversed(ids)][::-1]


def test_shares_follow_the_declared_ratios() -> None:
    policy = SplitPolicy()
    counts = Counter(policy.split_of(f"doc-{i}") for i in range(20_000))
    for name, share in policy.ratios:
        assert abs(counts[name] / 20_000 - share) < 0.01, counts


def test_salt_reshuffles() -> None:
    ids = [f"doc-{i}" for i in range(100)]
    a = [SplitPolicy().split_of(i) for i in ids]
    b = [SplitPolicy(salt="other").split_of(i) for i in ids]
    assert a != b


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "splits.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_custom_declaration_is_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        {
            "salt": "s",
            "ratios": {"train": 0.5, "test": 0.5},
            "pinned": {"abc": {"split": "train", "reason": "r"}},
        },
    )
    policy = load_split_policy(path)
    assert policy.ratios == (("train", 0.5), ("test", 0.5))
    assert policy.split_of("abc") == "train"


BAD_DECLARATIONS = [
    ({"ratios": {"train": 1.0}}, r"field 'salt'"),
    ({"salt": "s", "ratios": {"train": 0.5, "test": 0.4}}, r"shares must sum to 1, got 0.9"),
    ({"salt": "s", "ratios": {"Train": 1.0}}, r"'Train' is not a lowercase identifier"),
    ({"salt": "s", "ratios": {"train": 1.5}}, r"must be a number in \(0, 1\]"),
    (
        {"salt": "s", "ratios": {"train": 1.0}, "pinned": {"x": {"split": "test"}}},
        r"pinned to split 'test'",
    ),
    ({"salt": "s", "ratios": {"train": 1.0}, "pinned": {"x": "test"}}, r"expected \{'split'"),
    ([1, 2], r"expected a JSON object, got list"),
]


@pytest.mark.parametrize(("data", "expected"), BAD_DECLARATIONS)
def test_bad_declarations_are_refused(tmp_path: Path, data: object, expected: str) -> None:
    with pytest.raises(InputError, match=expected):
        load_split_policy(_write(tmp_path, data))


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope.json: split declaration not found"):
        load_split_policy(tmp_path / "nope.json")
