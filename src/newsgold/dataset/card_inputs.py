"""What the dataset card says beyond the data: agreement figures, provenance, guidelines.

``annotations/provenance.json`` (optional) may hold::

    {"annotations_creators": ["expert-generated"],   # Hugging Face tag values
     "annotation_process": "Markdown: who annotated, in how many passes, adjudication",
     "annotation_license": "CC-BY-4.0",               # licence of the annotation layer
     "citation": "@misc{...}"}                        # BibTeX of the dataset

``annotations/agreement.json`` is what ``newsgold agreement`` writes. Both are read if
present; the card says "not yet measured" / "not yet recorded" otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgold.jsonfile import read_json_object
from newsgold.paths import ProjectPaths

AGREEMENT_FILE = "agreement.json"
PROVENANCE_FILE = "provenance.json"
GUIDELINES_FILE = "GUIDELINES.md"


@dataclass(frozen=True)
class CardInputs:
    """What the card says beyond the data itself; every part optional.

    Attributes:
        agreement: the agreement report (``annotations/agreement.json``), or None.
        agreement_path: where it was read from, shown in the card.
        provenance: ``annotations/provenance.json``, or None.
        guidelines_path: the annotation guidelines, if they exist, shown in the card.
    """

    agreement: dict[str, Any] | None = None
    agreement_path: str | None = None
    provenance: dict[str, Any] | None = None
    guidelines_path: str | None = None

    @classmethod
    def from_project(cls, paths: ProjectPaths) -> CardInputs:
        """Read the optional inputs from a project's ``annotations/`` folder.

        Raises:
            InputError: a file exists but is not a JSON object.
        """
        agreement_file = paths.annotations / AGREEMENT_FILE
        provenance_file = paths.annotations / PROVENANCE_FILE
        guidelines_file = paths.annotations / GUIDELINES_FILE
        return cls(
            agreement=_read_json_object(agreement_file),
            agreement_path=f"annotations/{AGREEMENT_FILE}" if agreement_file.exists() else None,
            provenance=_read_json_object(provenance_file),
            guidelines_path=f"annotations/{GUIDELINES_FILE}" if guidelines_file.exists() else None,
        )


def _read_json_object(path: Path) -> dict[str, Any] | None:
    return read_json_object(path, what=path.name) if path.exists() else None


__all__ = ["AGREEMENT_FILE", "GUIDELINES_FILE", "PROVENANCE_FILE", "CardInputs"]
