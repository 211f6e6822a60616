"""Read an annotation pass given on the command line: a folder of Label Studio exports
(``entities.json``, ``events.json``, ``stance.json``) or a JSONL file of records."""

from __future__ import annotations

from pathlib import Path

from newsgold.corpus import load_corpus
from newsgold.errors import InputError
from newsgold.gold import load_annotation_folder
from newsgold.paths import ProjectPaths
from newsgold.records import DocumentAnnotations, read_annotations_jsonl
from newsgold.stance_targets import load_stance_targets


def read_annotation_set(
    source: str | Path, *, root: str | Path = "."
) -> dict[str, DocumentAnnotations]:
    """Load one annotator's annotations, keyed by document id.

    Args:
        source: a folder of Label Studio exports (validated, all three layers) or a
            ``.jsonl`` file written by :func:`newsgold.records.write_annotations_jsonl`.
        root: the project folder (for the corpus and the stance targets).

    Raises:
        InputError: the path does not exist or is neither a folder nor a ``.jsonl`` file.
        ValidationError: an export item fails a check.
    """
    path = Path(source)
    if path.is_dir():
        paths = ProjectPaths(Path(root))
        targets = (
            load_stance_targets(paths.stance_targets) if paths.stance_targets.exists() else None
        )
        return load_annotation_folder(
            path, path.name, documents=load_corpus(paths.corpus), stance_targets=targets
        )
    if path.is_file() and path.suffix == ".jsonl":
        result: dict[str, DocumentAnnotations] = {}
        for record in read_annotations_jsonl(path):
            if record.doc_id in result:
                raise InputError(
                    f"two annotation sets for document {record.doc_id}; expected one per "
                    "document in a pass",
                    path=path,
                )
            result[record.doc_id] = record.sorted()
        return result
    raise InputError(
        "expected a folder of Label Studio exports or a .jsonl file of annotation records",
        path=path,
    )
