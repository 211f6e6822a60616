"""Atomic file writes: write a temporary file beside the target, fsync, then rename.

A crash never leaves a half-written file: readers see the old file or the new one.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def atomic_write_bytes(path: str | Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` atomically, creating parent folders.

    ``mode`` (e.g. ``0o600`` for credentials) sets the file's permissions; default: what a
    plain ``open()`` would give under the current umask. The temporary file has the final
    permissions before any byte is written.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     target = Path(tmp, "out", "x.bin")
        ...     atomic_write_bytes(target, b"abc")
        ...     target.read_bytes(), [p.name for p in target.parent.iterdir()]
        (b'abc', ['x.bin'])
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp creates 0600 files; give the result the permissions a plain open() would.
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp_name, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException as exc:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        if isinstance(exc, OSError) and exc.filename is None:
            # A failed write (a full disk, say) names no file; name the target.
            raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from exc
        raise


# mkstemp(prefix=".NAME.", suffix=".tmp") names: the random part is 8 of [a-z0-9_].
_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def remove_stale_temporaries(folder: str | Path) -> list[Path]:
    """Delete the temporary files interrupted atomic writes left in ``folder`` (not below).

    Only call this while holding the store lock (:mod:`newsgold.storelock`): then no
    other writer can be using them.

    Returns:
        The files removed.
    """
    removed = []
    for path in Path(folder).iterdir():
        if _TEMPORARY.match(path.name) and path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 (``\\n`` line endings kept as given) to ``path`` atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def dumps_canonical(obj: Any, *, indent: int | None = None) -> str:
    """Serialise ``obj`` as deterministic JSON: sorted keys, UTF-8 kept, fixed separators."""
    if indent is None:
        return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=indent)


def atomic_write_json(path: str | Path, obj: Any, *, indent: int | None = 2) -> None:
    """Write ``obj`` as canonical JSON (see :func:`dumps_canonical`) atomically."""
    atomic_write_text(path, dumps_canonical(obj, indent=indent) + "\n")


def atomic_write_jsonl(path: str | Path, rows: Iterable[Any]) -> None:
    """Write one canonical JSON object per line to ``path`` atomically."""
    atomic_write_text(path, "".join(dumps_canonical(row) + "\n" for row in rows))
