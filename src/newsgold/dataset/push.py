"""Publish a built dataset on the Hugging Face Hub, through ``huggingface_hub``.

:func:`plan_push` decides exactly what would be uploaded — the card (``README.md``,
checked offline with :func:`newsgold.dataset.card_sections.validate_card`), ``LICENSE.md``,
``newsgold.json`` and every Parquet file the card's configs name — and refuses a folder
that holds the text of a document whose licence forbids republishing it (build with
``--redistributable`` first) or files the build did not write. :func:`push_dataset`
uploads that plan and nothing else; ``newsgold dataset push --dry-run`` prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from newsgold.dataset.card_sections import LICENSE_LINK, validate_card
from newsgold.dataset.features import CONFIG_NAMES
from newsgold.dataset.manifest import MANIFEST_FILE, read_manifest
from newsgold.dataset.parquet import file_sha256
from newsgold.errors import InputError
from newsgold.licenses import is_redistributable

CARD_FILE = "README.md"


@dataclass(frozen=True)
class PlannedFile:
    """One file of the upload, relative to the dataset folder ('/'-separated)."""

    path: str
    size: int
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True)
class PushPlan:
    """Exactly what :func:`push_dataset` uploads."""

    repo_id: str
    folder: Path
    files: tuple[PlannedFile, ...]
    card: str
    private: bool = False
    repo_type: str = "dataset"

    def to_dict(self) -> dict[str, Any]:
        return {
            "repo_id": self.repo_id,
            "repo_type": self.repo_type,
            "private": self.private,
            "files": [f.to_dict() for f in self.files],
            "card": self.card,
        }

    def summary_lines(self) -> list[str]:
        lines = [
            f"repo: {self.repo_type}s/{self.repo_id} (private: {'yes' if self.private else 'no'})",
            f"files ({len(self.files)}):",
        ]
        lines += [f"  {f.path:<32} {f.size:>10} bytes  sha256 {f.sha256}" for f in self.files]
        lines += [f"card ({CARD_FILE}):", self.card.rstrip("\n")]
        return lines


def _forbidden_text(folder: Path, parquet_paths: list[str]) -> list[str]:
    """Documents whose text is in the folder although their licence forbids republishing."""
    licenses: dict[str, str | None] = {}
    with_text: set[str] = set()
    for relative in parquet_paths:
        config = relative.split("/", 1)[0]
        path = folder / relative
        if config == "documents":
            table = pq.read_table(path, columns=["id", "text", "metadata"])
            for row in table.to_pylist():
                licenses[row["id"]] = (row["metadata"] or {}).get("license")
                if row["text"] is not None:
                    with_text.add(row["id"])
        else:
            table = pq.read_table(path, columns=["doc_id", "text"])
            with_text.update(r["doc_id"] for r in table.to_pylist() if r["text"] is not None)
    return sorted(
        f"{doc_id} ({licenses.get(doc_id) or 'unknown licence'})"
        for doc_id in with_text
        if not is_redistributable(licenses.get(doc_id))
    )


def plan_push(dataset_dir: str | Path, repo_id: str, *, private: bool = False) -> PushPlan:
    """Check a built dataset and list what publishing it would upload.

    Raises:
        InputError: a malformed repo id; not a dataset built by newsgold; an invalid card;
            a file the build did not write; or text whose licence forbids republishing it.

    Example:
        >>> import tempfile
        >>> from newsgold.dataset.build import build_dataset
        >>> from newsgold.dataset.synthetic import synthetic_records
        >>> tmp = tempfile.TemporaryDirectory()
        >>> dataset = Path(tmp.name, "dataset")
        >>> _ = build_dataset(synthetic_records(1, sentences=2), dataset, redistributable=True)
        >>> [f.path for f in plan_push(dataset, "me/newsgold").files]
        ['LICENSE.md', 'README.md', 'documents/dev.parquet', 'entities/dev.parquet',
         'events/dev.parquet', 'newsgold.json', 'stance/dev.parquet']
        >>> tmp.cleanup()
    """
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    try:
        validate_repo_id(repo_id)
    except HFValidationError as exc:
        raise InputError(f"not a Hub repo id ({exc})", field="REPO_ID") from None
    if "/" not in repo_id:
        raise InputError(
            f"expected NAMESPACE/NAME (your user or organisation, then the dataset), "
            f"got {repo_id!r}",
            field="REPO_ID",
        )
    folder = Path(dataset_dir)
    read_manifest(folder)  # a newsgold build, by this version's layout
    card_path = folder / CARD_FILE
    if not card_path.is_file():
        raise InputError(f"no {CARD_FILE} dataset card", path=folder)
    card = card_path.read_text(encoding="utf-8")
    try:
        validate_card(card)
    except ValueError as exc:
        raise InputError(str(exc), path=card_path) from None
    parquet = sorted(
        p.relative_to(folder).as_posix()
        for config in CONFIG_NAMES
        for p in (folder / config).glob("*.parquet")
    )
    known = {CARD_FILE, LICENSE_LINK, MANIFEST_FILE, *parquet}
    present = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    stray = [p for p in present if p not in known]
    if stray:
        raise InputError(
            f"files the dataset build did not write: {', '.join(stray)}; remove them or "
            "rebuild the folder (only the build's own files are uploaded)",
            path=folder,
        )
    missing = sorted(known - set(present))
    if missing:
        raise InputError(f"missing {', '.join(missing)}; rebuild the dataset", path=folder)
    forbidden = _forbidden_text(folder, parquet)
    if forbidden:
        raise InputError(
            f"this folder holds the text of {len(forbidden)} document(s) whose licence does not "
            f"allow republishing it: {', '.join(forbidden)}; publish a redistributable build "
            "(`newsgold dataset build --redistributable`), which leaves that text out",
            path=folder,
        )
    files = tuple(
        PlannedFile(p, (folder / p).stat().st_size, file_sha256(folder / p)) for p in sorted(known)
    )
    return PushPlan(repo_id, folder, files, card, private)


def push_dataset(plan: PushPlan, *, token: str | None = None) -> str:
    """Upload a plan's files to the Hub in one commit; returns the commit URL.

    The token comes from ``token``, ``HF_TOKEN`` or ``huggingface-cli login``.
    """
    from huggingface_hub import HfApi

    api = HfApi(token=token)
    api.create_repo(plan.repo_id, repo_type=plan.repo_type, private=plan.private, exist_ok=True)
    commit = api.upload_folder(
        repo_id=plan.repo_id,
        repo_type=plan.repo_type,
        folder_path=plan.folder,
        allow_patterns=[f.path for f in plan.files],
        commit_message="newsgold dataset push",
    )
    return str(commit)
