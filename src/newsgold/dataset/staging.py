"""The dataset folder replaced as a whole: a build writes into a staging folder beside it.

Readers never see a half-written dataset: everything is written to
``.<name>.building-<pid>`` next to the target, which takes the target's place in one
rename at the end. A failed build removes its staging folder and any parent folders it
made, so a refused build leaves no trace; leftovers of a killed build are removed by the
next one.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


@contextmanager
def staging_folder(target: Path) -> Iterator[Path]:
    """An empty staging folder for ``target``, removed on exit unless it was moved there.

    On exit, when ``target`` does not exist (the build failed before
    :func:`replace_folder`), the parent folders made for it are removed again.
    """
    _remove_stale_staging(target)
    made = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.building-{os.getpid()}")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        yield staging
    finally:
        if staging.exists():
            shutil.rmtree(staging)
        if not target.exists():
            for folder in made:  # deepest first
                with suppress(OSError):
                    folder.rmdir()


def replace_folder(staging: Path, target: Path) -> None:
    """Put ``staging`` in place of ``target``; readers never see a half-written dataset."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    if old.exists():
        shutil.rmtree(old)


def _remove_stale_staging(target: Path) -> None:
    """Remove staging and old folders that a killed build of ``target`` left behind."""
    for leftover in target.parent.glob(f".{target.name}.*-*"):
        kind, _, pid = leftover.name.rpartition("-")
        if not kind.endswith((".building", ".old")) or not pid.isdigit() or not leftover.is_dir():
            continue
        if int(pid) != os.getpid() and not _process_alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


__all__ = ["replace_folder", "staging_folder"]
