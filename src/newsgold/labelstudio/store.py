"""Saving Label Studio exports into the annotation stores: validate, then replace.

``annotations/gold/`` and ``annotations/passes/<name>/`` hold raw exports exactly as
received. :func:`save_exports` converts and checks new exports completely, together
with the layers already stored beside them, before it replaces anything; the files are
then replaced atomically under the store lock. A refused update leaves the store
byte-identical; the refused exports are kept as received in ``build/labelstudio/
rejected/`` for inspection.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgold.atomic import atomic_write_bytes
from newsgold.corpus.document import Document
from newsgold.errors import InputError, ValidationError
from newsgold.labelstudio.config import LAYERS
from newsgold.labelstudio.convert import Conversion, convert_export
from newsgold.labelstudio.export import parse_export
from newsgold.labelstudio.validate import FolderCheck, validate_export_folder
from newsgold.paths import ProjectPaths
from newsgold.records import StanceTarget
from newsgold.storelock import store_lock


@dataclass
class SavedExports:
    """What :func:`save_exports` checked and wrote."""

    destination: Path
    conversions: dict[str, Conversion] = field(default_factory=dict)
    saved: dict[str, Path] = field(default_factory=dict)  # layer -> file written
    folder_check: FolderCheck | None = None  # the store's layers together, when all present
    refusal: str | None = None  # why the update must not be made
    rejected_copy: Path | None = None  # where refused exports were kept, as received

    @property
    def problems(self) -> int:
        per_layer = sum(len(c.problems) for c in self.conversions.values())
        return per_layer + (len(self.folder_check.cross_layer) if self.folder_check else 0)


def destination(paths: ProjectPaths, pass_name: str | None, gold: bool) -> Path:
    """``annotations/gold`` or ``annotations/passes/<name>`` (the name is checked).

    Raises:
        InputError: neither or both of a pass name and ``gold``, or an unsafe pass name.
    """
    from newsgold.guard import check_pass_name

    if gold == (pass_name is not None):
        raise InputError("give exactly one of --pass NAME and --gold", field="--pass")
    return paths.gold if gold else paths.passes / check_pass_name(str(pass_name))


def check_exports(
    paths: ProjectPaths,
    dest: Path,
    raw: Mapping[str, bytes],
    *,
    sources: Mapping[str, str | Path] | None = None,
    documents: Mapping[str, Document],
    stance_targets: Mapping[str, list[StanceTarget]] | None,
    annotator_names: Mapping[int, str] | None = None,
    one_annotator: bool = False,
    allow_no_tasks: bool = False,
) -> SavedExports:
    """Check new layer exports for ``dest`` completely; write nothing.

    Checks: each export parses and has tasks (unless ``allow_no_tasks``: an annotator's
    share of a layer they did not annotate), converts without a rejected item, and does
    not replace stored annotations with an export holding none; when ``dest`` would then
    hold all three layers, they pass the folder check of ``newsgold validate`` together.

    Args:
        paths: the project layout.
        dest: ``annotations/gold`` or ``annotations/passes/<name>``.
        raw: layer -> export bytes exactly as received.
        sources: layer -> where the bytes came from, for messages.
        documents, stance_targets, annotator_names: see ``convert_export``.
        one_annotator: the store holds one annotator's work (the gold).
        allow_no_tasks: accept an export with no tasks.

    Returns:
        The conversions and the folder check; ``refusal`` says why the update must not
        be made (None when it may).

    Raises:
        InputError: an export is empty, not an export, or holds no tasks.
    """
    if not raw:
        raise InputError("no exports to save", path=dest)
    result = SavedExports(dest)
    names = dict(sources or {})
    for layer, data in raw.items():
        source = names.get(layer, dest / f"{layer}.json")
        tasks = parse_export(data, source=source)
        if not tasks and not allow_no_tasks:
            raise InputError("the export holds no tasks; nothing to save", path=source)
        result.conversions[layer] = convert_export(
            layer,
            tasks,
            documents=documents,
            stance_targets=stance_targets,
            annotator_names=annotator_names,
        )
    emptied = [
        layer
        for layer, conversion in result.conversions.items()
        if not conversion.annotations and _stored_annotations(dest / f"{layer}.json")
    ]
    if not result.problems and not emptied:
        result.folder_check = _check_together(dest, raw, documents, stance_targets, one_annotator)
    if emptied:
        result.refusal = (
            f"the new {', '.join(emptied)} export(s) hold no annotations and would replace "
            f"the stored annotations in {dest}"
        )
    elif result.problems:
        result.refusal = f"{dest}: {result.problems} item(s) rejected"
    return result


def refuse(
    paths: ProjectPaths, checked: Sequence[SavedExports], raw: Mapping[Path, Mapping[str, bytes]]
) -> None:
    """Raise for the checked updates that must not be made, keeping their exports.

    Raises:
        ValidationError: naming each refused destination; nothing was written. The
            refused exports are kept as received in ``build/labelstudio/rejected/``.
    """
    refused = [c for c in checked if c.refusal is not None]
    if not refused:
        return
    for result in refused:
        result.rejected_copy = _keep_rejected(paths, result.destination, raw[result.destination])
    kept = (
        refused[0].rejected_copy if len(refused) == 1 else paths.build / "labelstudio" / "rejected"
    )
    raise ValidationError(
        "; ".join(str(c.refusal) for c in refused)
        + f" (see the lines above); annotations/ is unchanged, the exports are kept in {kept}",
        [],
    )


def write_exports(
    paths: ProjectPaths,
    updates: Mapping[Path, Mapping[str, bytes]],
    checked: Sequence[SavedExports] = (),
) -> dict[Path, Path]:
    """Replace store files atomically, all under the store lock.

    Args:
        paths: the project layout.
        updates: folder -> layer -> export bytes, written as ``<folder>/<layer>.json``.
        checked: the :class:`SavedExports` of the checked folders; their ``saved`` maps
            are filled in.

    Returns:
        Every file written -> its folder.
    """
    written: dict[Path, Path] = {}
    by_folder = {c.destination: c for c in checked}
    with store_lock(paths.annotations, *updates):
        for folder, files in updates.items():
            for layer in LAYERS:
                if layer in files:
                    target = folder / f"{layer}.json"
                    atomic_write_bytes(target, files[layer])
                    written[target] = folder
                    if folder in by_folder:
                        by_folder[folder].saved[layer] = target
    return written


def save_exports(
    paths: ProjectPaths, dest: Path, raw: Mapping[str, bytes], **options: Any
) -> SavedExports:
    """:func:`check_exports`, then :func:`write_exports` when nothing is refused.

    Raises:
        InputError: see :func:`check_exports`.
        ValidationError: the update is refused; nothing was written.
    """
    checked = check_exports(paths, dest, raw, **options)
    refuse(paths, [checked], {dest: raw})
    write_exports(paths, {dest: raw}, [checked])
    return checked


def _stored_annotations(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        tasks = parse_export(path.read_bytes(), source=path)
    except InputError:
        return False  # a broken stored file holds nothing worth keeping from a fix
    return any(task.get("annotations") for task in tasks)


def _check_together(
    dest: Path,
    raw: Mapping[str, bytes],
    documents: Mapping[str, Document],
    stance_targets: Mapping[str, list[StanceTarget]] | None,
    one_annotator: bool,
) -> FolderCheck | None:
    """The folder check of the store as it would be after the update (all layers)."""
    layers = {layer for layer in LAYERS if layer in raw or (dest / f"{layer}.json").is_file()}
    if layers != set(LAYERS):
        return None
    with tempfile.TemporaryDirectory(prefix="newsgold-exports-") as staging:
        folder = Path(staging)
        for layer in LAYERS:
            if layer in raw:
                (folder / f"{layer}.json").write_bytes(raw[layer])
            else:
                shutil.copyfile(dest / f"{layer}.json", folder / f"{layer}.json")
        check = validate_export_folder(
            folder, documents=documents, stance_targets=stance_targets, one_annotator=one_annotator
        )
    check.folder = dest
    # Per-layer problems of the new exports are reported by their conversions already;
    # what the folder adds is its cross-layer problems (and any stored layer's own).
    check.cross_layer += [
        p for layer, c in check.conversions.items() if layer not in raw for p in c.problems
    ]
    return check


def _keep_rejected(paths: ProjectPaths, dest: Path, raw: Mapping[str, bytes]) -> Path:
    label = "gold" if dest == paths.gold else f"passes/{dest.name}"
    folder = paths.build / "labelstudio" / "rejected" / label
    for layer, data in raw.items():
        atomic_write_bytes(folder / f"{layer}.json", data)
    return folder
