"""``newsgold.json``: what a built dataset folder needs to be hydrated, re-carded and pushed.

Written by every build next to ``README.md``: the newsgold version, whether the build is
redistributable, every document whose text was left out (id, split, SHA-256 of its text,
licence, attribution, title, source, URL), the split declaration and the card inputs
(agreement figures, provenance). ``newsgold dataset hydrate`` rebuilds the dataset from
the folder alone with it, so a hydrated folder equals a full build byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsgold._version import __version__
from newsgold.atomic import atomic_write_json
from newsgold.corpus.splits import SplitPolicy, split_policy_from_dict, split_policy_to_dict
from newsgold.dataset.card_inputs import CardInputs
from newsgold.dataset.statistics import WithheldText
from newsgold.errors import InputError
from newsgold.jsonfile import read_json_object

if TYPE_CHECKING:
    from newsgold.dataset.build import BuildResult

MANIFEST_FILE = "newsgold.json"
LICENSE_FILE = "LICENSE.md"
MANIFEST_FORMAT = "newsgold-dataset/1"


@dataclass(frozen=True)
class Manifest:
    """A built dataset's ``newsgold.json``."""

    redistributable: bool
    policy: SplitPolicy
    card_inputs: CardInputs
    withheld: list[WithheldText] = field(default_factory=list)
    newsgold_version: str = __version__


def write_manifest(
    path: Path, result: BuildResult, policy: SplitPolicy, inputs: CardInputs
) -> None:
    """Write ``newsgold.json`` for a finished build (deterministic: sorted keys)."""
    atomic_write_json(
        path,
        {
            "format": MANIFEST_FORMAT,
            "newsgold_version": __version__,
            "redistributable": result.redistributable,
            "withheld": [w.to_dict() for w in result.statistics.withheld],
            "splits": split_policy_to_dict(policy),
            "card_inputs": {
                "agreement": inputs.agreement,
                "agreement_path": inputs.agreement_path,
                "provenance": inputs.provenance,
                "guidelines_path": inputs.guidelines_path,
            },
        },
    )


def read_manifest(dataset_dir: str | Path) -> Manifest:
    """Read ``<dataset>/newsgold.json``.

    Raises:
        InputError: the file is missing (not a newsgold build, or built by an older
            newsgold: rebuild it) or malformed.
    """
    path = Path(dataset_dir) / MANIFEST_FILE
    if not path.is_file():
        raise InputError(
            f"no {MANIFEST_FILE} in this folder; it is written by `newsgold dataset build` "
            "(rebuild the dataset with this newsgold version)",
            path=Path(dataset_dir),
        )
    data = read_json_object(path, what="dataset manifest")
    if data.get("format") != MANIFEST_FORMAT:
        raise InputError(
            f"expected format {MANIFEST_FORMAT!r}, got {data.get('format')!r}",
            path=path,
            field="format",
        )
    try:
        inputs = data["card_inputs"]
        withheld = [WithheldText(**item) for item in data["withheld"]]
        return Manifest(
            redistributable=bool(data["redistributable"]),
            policy=split_policy_from_dict(data["splits"], path),
            card_inputs=CardInputs(
                agreement=inputs["agreement"],
                agreement_path=inputs["agreement_path"],
                provenance=inputs["provenance"],
                guidelines_path=inputs["guidelines_path"],
            ),
            withheld=withheld,
            newsgold_version=str(data["newsgold_version"]),
        )
    except (KeyError, TypeError) as exc:
        raise InputError(
            f"malformed dataset manifest ({type(exc).__name__}: {exc})", path=path
        ) from None
