"""newsgold: an annotated news dataset and the toolkit that makes and uses it.

Offsets everywhere are character offsets into a document's normalized text (Python
``str`` indices), end-exclusive.
"""

from typing import TYPE_CHECKING, Any

from newsgold._version import __version__ as __version__

if TYPE_CHECKING:
    from newsgold.pipeline import compare as compare
    from newsgold.pipeline import score as score
    from newsgold.pipeline import score_conll as score_conll
    from newsgold.scoring import score_tags as score_tags

# name -> where it lives: the path-taking entry points in the pipeline, the in-memory
# tag scorer in scoring.
_PUBLIC = {
    "score": "newsgold.pipeline",
    "compare": "newsgold.pipeline",
    "score_conll": "newsgold.pipeline",
    "score_tags": "newsgold.scoring",
}


def __getattr__(name: str) -> Any:
    # `newsgold.score` and friends without importing numpy/scipy on `import newsgold`.
    if name in _PUBLIC:
        import importlib

        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'newsgold' has no attribute {name!r}")
