"""The gold from a built newsgold dataset folder, as records the scorer takes."""

from __future__ import annotations

from pathlib import Path

from newsgold.errors import InputError
from newsgold.records import GoldDocument


def load_gold(path: str | Path | None = None) -> list[GoldDocument]:
    """Read a built newsgold dataset (default: the project's ``build/dataset``).

    Raises:
        InputError: the folder does not exist or holds no dataset.
    """
    from newsgold.paths import ProjectPaths

    folder = Path(path) if path is not None else ProjectPaths().dataset
    if not folder.is_dir():
        raise InputError(
            "gold dataset folder not found; build it with `newsgold dataset build` "
            "or pass --gold DIR",
            path=folder,
        )
    from newsgold.dataset import read_dataset

    records = list(read_dataset(folder))
    withheld = [r.document.id for r in records if not r.document.text]
    if withheld:
        raise InputError(
            f"the text of {len(withheld)} gold document(s) is withheld in this redistributable "
            f"build ({', '.join(withheld[:3])}); restore it with `newsgold dataset hydrate "
            f"{folder} --source YOUR_COPIES` before scoring",
            path=folder,
        )
    return records
