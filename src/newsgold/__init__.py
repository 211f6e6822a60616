"""newsgold: an annotated news dataset and the toolkit that makes and uses it.

Offsets everywhere are character offsets into a document's normalized text (Python
``str`` indices), end-exclusive.
"""

from typing import TYPE_CHECKING, Any

from newsgold._version import __version__ as __version__

if TYPE_CHECKING:
    from newsgold.scoring import compare as compare
    from newsgold.scoring import score as score
    from newsgold.scoring import score_conll as score_conll
    from newsgold.scoring import score_tags as score_tags

_SCORING = ("score", "score_tags", "score_conll", "compare")


def __getattr__(name: str) -> Any:
    # `newsgold.score` and friends without importing numpy/scipy on `import newsgold`.
    if name in _SCORING:
        import newsgold.scoring

        return getattr(newsgold.scoring, name)
    raise AttributeError(f"module 'newsgold' has no attribute {name!r}")
