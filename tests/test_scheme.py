"""The scheme is defined once in code; the guidelines and stance targets agree with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgold import scheme
from newsgold.corpus import load_corpus
from newsgold.stance_targets import load_stance_targets

ROOT = Path(__file__).resolve().parents[1]
GUIDELINES = (ROOT / "annotations" / "GUIDELINES.md").read_text(encoding="utf-8")
TABLE_CODES = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", GUIDELINES, flags=re.MULTILINE))


@pytest.mark.parametrize(
    "labels",
    [
        scheme.ENTITY_TYPES,
        scheme.CAMEO_ROOTS,
        scheme.REALIS,
        scheme.ARGUMENT_ROLES,
        scheme.STANCE_LABELS_DEF,
    ],
    ids=["entities", "cameo", "realis", "roles", "stance"],
)
def test_every_scheme_label_has_a_row_in_the_guidelines(labels: tuple[scheme.Label, ...]) -> None:
    missing = [label.code for label in labels if label.code not in TABLE_CODES]
    assert missing == []


def test_guidelines_define_no_label_outside_the_scheme() -> None:
    known = {
        *scheme.ENTITY_LABELS,
        *scheme.EVENT_TYPES,
        *scheme.REALIS_LABELS,
        *scheme.ROLE_LABELS,
        *scheme.STANCE_LABELS,
        *scheme.QUAD_CLASSES,
        scheme.AUTHOR_HOLDER,
    }
    assert TABLE_CODES - known == set()


def test_guidelines_state_their_version() -> None:
    match = re.search(r"^\| (\d+\.\d+) \| \d{4}-\d{2}-\d{2} \|", GUIDELINES, flags=re.MULTILINE)
    assert match is not None


@pytest.mark.parametrize(
    ("code", "quad"),
    [
        ("01", "VERBAL_COOPERATION"),
        ("05", "VERBAL_COOPERATION"),
        ("06", "MATERIAL_COOPERATION"),
        ("08", "MATERIAL_COOPERATION"),
        ("09", "VERBAL_CONFLICT"),
        ("13", "VERBAL_CONFLICT"),
        ("14", "MATERIAL_CONFLICT"),
        ("20", "MATERIAL_CONFLICT"),
    ],
)
def test_quad_class(code: str, quad: str) -> None:
    assert scheme.quad_class(code) == quad


def test_unknown_cameo_code_names_the_choices() -> None:
    with pytest.raises(ValueError, match="unknown CAMEO root code '21'"):
        scheme.quad_class("21")


def test_every_corpus_document_declares_stance_targets() -> None:
    targets = load_stance_targets(ROOT / "annotations" / "stance_targets.json")
    documents = load_corpus(ROOT / "corpus")
    assert set(targets) == set(documents)
    # GUIDELINES §5.2: 1 to 3 targets per document, declared from headline and lead.
    assert all(1 <= len(declared) <= 3 for declared in targets.values())


@pytest.mark.parametrize(
    ("code", "label"),
    [("04", "04 Consult"), ("20", "20 Use unconventional mass violence"), ("99", "99")],
)
def test_cameo_label(code: str, label: str) -> None:
    assert scheme.cameo_label(code) == label
