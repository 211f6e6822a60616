"""Where a command may write: outputs never clobber inputs, stores or the project root.

Every command that writes a path the user names checks it here first:

* a **file** output is refused when it is one of the command's inputs, a folder, inside
  a store (``seeds/``, ``corpus/``, ``annotations/``, ``evaluate/``, ``.git/``) other
  than the files that command generates there (``evaluate/scores/*.json`` for
  ``score --output``, say), or an existing file directly in the project root;
* a **folder** output is refused when it is the project root or holds it, inside a
  store (unless generated there), holds an input, or already exists with content that
  the same command did not make. A command proves it made a folder by the marker file
  :data:`OUTPUT_MARKER` it writes into it, holding the command's name.

A project root is a folder with at least two of ``seeds/``, ``corpus/`` and
``annotations/``, or one given with ``--root``.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable
from pathlib import Path

from newsgold.atomic import atomic_write_text
from newsgold.errors import InputError

OUTPUT_MARKER = ".newsgold-output"
STORES = ("seeds", "corpus", "annotations", "evaluate", ".git")
_ROOT_SIGNS = ("seeds", "corpus", "annotations")

# Paths inside the stores that a command regenerates, as patterns relative to the root.
# (fnmatch: ``*`` also matches ``/``, so ``evaluate/scores/*.json`` covers
# ``evaluate/scores/<split>/<system>.json``.)
GENERATED: dict[str, tuple[str, ...]] = {
    "predict": ("evaluate/predictions/*.jsonl",),
    "score --output": ("evaluate/scores/*.json",),
    "score --errors": ("evaluate/errors/*.jsonl",),
    "leaderboard": ("evaluate/leaderboard.md", "evaluate/leaderboard.json"),
    "report": ("evaluate/report", "evaluate/report/*"),
    "agreement": ("annotations/agreement.json", "annotations/agreement*.json"),
}

_PASS_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def check_pass_name(name: str, *, field: str = "--pass") -> str:
    """A pass name that stays inside ``annotations/passes/`` (letters, digits, ``._-``).

    Raises:
        InputError: a name with a slash, ``..``, a leading dot or dash, or over 64 chars.

    Example:
        >>> check_pass_name("annotator_a")
        'annotator_a'
    """
    if not _PASS_NAME.match(name) or ".." in name:
        raise InputError(
            f"{name!r} is not a pass name; expected 1-64 letters, digits, '.', '_' or '-' "
            "starting with a letter or digit (it names a folder inside annotations/passes/)",
            field=field,
        )
    return name


def _resolved(path: str | Path) -> Path:
    return Path(os.path.realpath(os.path.abspath(path)))


def _is_project_root(folder: Path) -> bool:
    return sum((folder / name).is_dir() for name in _ROOT_SIGNS) >= 2


def _project_root(path: Path, roots: Iterable[Path]) -> Path | None:
    """The nearest project root at or above ``path`` (explicit ``roots`` count too)."""
    explicit = {_resolved(root) for root in roots}
    for folder in (path, *path.parents):
        if folder in explicit or _is_project_root(folder):
            return folder
    return None


def _store_of(path: Path, roots: Iterable[Path]) -> tuple[Path, str, str] | None:
    """``(root, store, relative path)`` when ``path`` is inside a store of a project."""
    root = _project_root(path.parent, roots)
    while root is not None:
        relative = path.relative_to(root).as_posix()
        store = relative.split("/", 1)[0]
        if store in STORES:
            return root, store, relative
        root = _project_root(root.parent, roots) if root != root.parent else None
    return None


def _generated(command: str, relative: str) -> bool:
    return any(fnmatch.fnmatchcase(relative, p) for p in GENERATED.get(command, ()))


def _check_inputs(
    target: Path, inputs: Iterable[tuple[str, str | Path | None]], *, folder: bool
) -> None:
    for name, given in inputs:
        if given is None:
            continue
        source = _resolved(given)
        if source == target or (target.exists() and source.exists() and target.samefile(source)):
            raise InputError(
                f"{target} is also the input {name}; writing it would destroy the input. "
                "Choose another output path",
                field=name,
            )
        if source in target.parents:
            raise InputError(
                f"{target} is inside the input {name} ({given}); choose an output outside it",
                field=name,
            )
        if folder and target in source.parents:
            raise InputError(
                f"the output folder {target} holds the input {name} ({given}); choose "
                "another folder",
                field=name,
            )


def check_output_file(
    path: str | Path,
    *,
    command: str,
    inputs: Iterable[tuple[str, str | Path | None]] = (),
    roots: Iterable[str | Path] = (),
    field: str = "--output",
) -> Path:
    """Refuse a file output that would clobber an input, a store or the project root.

    Args:
        path: the output file.
        command: the writing command, e.g. ``"score --output"`` (see :data:`GENERATED`).
        inputs: ``(option name, path)`` of every input of the command.
        roots: project roots given on the command line (``--root``).
        field: the option that named ``path``, for the error.

    Returns:
        ``path`` as given.

    Raises:
        InputError: one line saying what the path is and what to do instead.

    Example:
        >>> import tempfile
        >>> tmp = tempfile.TemporaryDirectory()
        >>> project = Path(tmp.name)
        >>> for store in ("seeds", "corpus"):
        ...     (project / store).mkdir()
        >>> check_output_file(project / "build" / "score.txt", command="score --output").name
        'score.txt'
        >>> check_output_file(project / "corpus" / "score.txt", command="score --output")
        Traceback (most recent call last):
            ...
        newsgold.errors.InputError: field '--output': .../corpus/score.txt is inside the
        project's corpus/ store; `newsgold score --output` does not write there ...
        >>> tmp.cleanup()
    """
    target = _resolved(path)
    root_paths = [Path(r) for r in roots]
    if target.is_dir():
        raise InputError(f"{path} is a folder; expected a file path", field=field)
    if target.exists() and not target.is_file():
        # a device or pipe would be replaced by a regular file (atomic writes rename)
        raise InputError(
            f"{path} is not a regular file (a device, pipe or socket); expected a file path",
            field=field,
        )
    store = _store_of(target, root_paths)
    if store is not None and not _generated(command, store[2]):
        raise InputError(
            f"{path} is inside the project's {store[1]}/ store; `newsgold {command}` does "
            f"not write there{_allowed(command)}. Choose a path outside "
            f"{', '.join(s + '/' for s in STORES[:-1])} (build/ say)",
            field=field,
        )
    _check_inputs(target, inputs, folder=False)
    if target.exists() and _project_root(target.parent, root_paths) == target.parent:
        raise InputError(
            f"{path} is an existing file in the project root; `newsgold {command}` will not "
            "overwrite it. Choose a new file name or a subfolder such as build/",
            field=field,
        )
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise InputError(f"{parent} is a file, not a folder", field=field)
            break
    return Path(path)


def _allowed(command: str) -> str:
    patterns = GENERATED.get(command)
    return f" (it writes only {', '.join(patterns)})" if patterns else ""


def check_output_folder(
    path: str | Path,
    *,
    command: str,
    inputs: Iterable[tuple[str, str | Path | None]] = (),
    roots: Iterable[str | Path] = (),
    field: str = "--out",
) -> Path:
    """Refuse a folder output unless it is new, empty, or was made by ``command``.

    Args:
        path: the output folder the command will fill or replace.
        command: the writing command, e.g. ``"dataset build"``; its marker must name it.
        inputs: ``(option name, path)`` of every input of the command.
        roots: project roots given on the command line (``--root``).
        field: the option that named ``path``, for the error.

    Returns:
        ``path`` as given.

    Raises:
        InputError: the folder is the project root or holds it, is inside a store
            (outside the command's generated paths), holds an input, is a file, or has
            content without this command's marker.

    Example:
        >>> import tempfile
        >>> tmp = tempfile.TemporaryDirectory()
        >>> folder = Path(tmp.name, "build", "dataset")
        >>> folder.mkdir(parents=True)
        >>> _ = (folder / "notes.txt").write_text("mine")
        >>> check_output_folder(folder, command="dataset build")
        Traceback (most recent call last):
            ...
        newsgold.errors.InputError: field '--out': .../build/dataset already exists and was
        not made by `newsgold dataset build` (it has no .newsgold-output marker); ...
        >>> _ = mark_output_folder(folder, "dataset build")
        >>> check_output_folder(folder, command="dataset build") == folder
        True
        >>> tmp.cleanup()
    """
    target = _resolved(path)
    root_paths = [Path(r) for r in roots]
    explicit = {_resolved(r) for r in root_paths}
    for folder in (target, *target.parents):
        if folder in explicit or _is_project_root(folder):
            if folder == target:
                raise InputError(
                    f"{path} is the project root; `newsgold {command}` needs a folder of its "
                    "own (build/ say)",
                    field=field,
                )
            break
    for root in explicit:
        if target in root.parents:
            raise InputError(
                f"{path} holds the project {root}; choose a folder of its own", field=field
            )
    if target.exists() and not target.is_dir():
        raise InputError(f"{path} is a file, not a folder", field=field)
    store = _store_of(target, root_paths)
    if store is not None and not _generated(command, store[2]):
        raise InputError(
            f"{path} is inside the project's {store[1]}/ store; `newsgold {command}` needs a "
            "folder of its own outside the stores (build/ say)",
            field=field,
        )
    _check_inputs(target, inputs, folder=True)
    if target.is_dir() and store is None and any(target.iterdir()):
        marker = target / OUTPUT_MARKER
        made_by = marker.read_text(encoding="utf-8").strip() if marker.is_file() else None
        if made_by != _marker_text(command):
            why = (
                f"its {OUTPUT_MARKER} says {made_by!r}"
                if made_by is not None
                else f"it has no {OUTPUT_MARKER} marker"
            )
            raise InputError(
                f"{path} already exists and was not made by `newsgold {command}` ({why}); "
                "it would be replaced. Choose a new folder, or remove this one yourself",
                field=field,
            )
    return Path(path)


def _marker_text(command: str) -> str:
    return f"newsgold {command}"


def mark_output_folder(folder: str | Path, command: str) -> Path:
    """Write the marker that proves ``command`` made ``folder``; return its path."""
    marker = Path(folder) / OUTPUT_MARKER
    atomic_write_text(marker, _marker_text(command) + "\n")
    return marker
