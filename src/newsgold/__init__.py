"""newsgold: an annotated news dataset and the toolkit that makes and uses it.

Offsets everywhere are character offsets into a document's normalized text (Python
``str`` indices), end-exclusive.
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgold.scoring import score as score


def __getattr__(name: str) -> Any:
    # `newsgold.score` without importing numpy/scipy on `import newsgold`.
    if name == "score":
        from newsgold.scoring import score

        return score
    raise AttributeError(f"module 'newsgold' has no attribute {name!r}")
