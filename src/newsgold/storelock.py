"""One writer at a time: the lock every store update takes.

Commands that update a store (``corpus add``/``build``, ``labelstudio pull`` and
``import-annotations``) read, check and replace it while holding the project's lock, a
file ``.newsgold.lock`` beside the store folders (``filelock``, ``fcntl`` underneath).
Two commands started together therefore run one after the other and neither update is
lost. The operating system releases the lock when a process dies, even on ``kill -9``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from newsgold.atomic import remove_stale_temporaries
from newsgold.errors import NewsgoldError

LOCK_FILE = ".newsgold.lock"
DEFAULT_WAIT_SECONDS = 600.0  # a store update takes seconds; waiting longer means a hang


class StoreBusyError(NewsgoldError, TimeoutError):
    """Another newsgold command held the store lock for longer than we waited."""


def lock_path(store: str | Path) -> Path:
    """The lock file guarding ``store``: ``.newsgold.lock`` in the folder that holds it."""
    return Path(os.path.abspath(store)).parent / LOCK_FILE


@contextmanager
def store_lock(first: str | Path, *stores: str | Path, wait: float | None = None) -> Iterator[None]:
    """Hold the lock of the project that ``stores`` belong to, then tidy them.

    On entry and on exit, temporary files that an interrupted atomic write left in the
    stores are removed (no other writer can be using them while the lock is held).

    Args:
        stores: the store folders about to be updated; the first is a top-level store
            (``corpus``, ``annotations``) and the lock file sits beside it, in the
            project folder. The others (``seeds``, ``annotations/gold``) are tidied too.
        wait: seconds to wait for the lock (default ``NEWSGOLD_LOCK_WAIT`` or 600).

    Raises:
        StoreBusyError: the lock was not free in time.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as project:
        ...     corpus = Path(project, "corpus")
        ...     corpus.mkdir()
        ...     _ = Path(corpus, ".documents.jsonl.abcd1234.tmp").write_text("interrupted")
        ...     with store_lock(corpus):  # the lock sits beside the store; leftovers are gone
        ...         sorted(p.name for p in Path(project).iterdir()), list(corpus.iterdir())
        (['.newsgold.lock', 'corpus'], [])
    """
    seconds = (
        wait
        if wait is not None
        else float(os.environ.get("NEWSGOLD_LOCK_WAIT", DEFAULT_WAIT_SECONDS))
    )
    stores = (first, *stores)
    path = lock_path(first)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path, timeout=seconds)
    try:
        lock.acquire()
    except Timeout:
        raise StoreBusyError(
            f"another newsgold command is updating the stores beside {path.parent} "
            f"(lock {path} busy for {seconds:g}s); try again when it has finished"
        ) from None
    try:
        _tidy(stores)
        yield
    finally:
        # An interrupt can land between creating a temporary file and the cleanup that
        # guards it; while the lock is held every temporary file in the stores is ours.
        _tidy(stores)
        lock.release()


def _tidy(stores: tuple[str | Path, ...]) -> None:
    for store in stores:
        if Path(store).is_dir():
            remove_stale_temporaries(store)
