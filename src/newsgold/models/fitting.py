"""Dev/test discipline for baselines that learn from annotations.

A shipped baseline may learn (labels, lexicons, thresholds) only from documents of the
``dev`` split declared in ``newsgold/corpus/splits.json``; ``test`` documents are for
scoring. :func:`dev_annotations` keeps the dev documents of a gold set and
:func:`refuse_test_documents` is the check every ``fit`` runs, so a fitted parameter can
never depend on a test document.

Example:
    >>> from newsgold.records import DocumentAnnotations
    >>> gold = [DocumentAnnotations("bcca8abf89d832c0", "gold"),  # a dev document
    ...         DocumentAnnotations("6ebade2f8e52de11", "gold")]  # the test seed article
    >>> [a.doc_id for a in dev_annotations(gold)]
    ['bcca8abf89d832c0']
    >>> try:
    ...     refuse_test_documents(gold, model="majority")
    ... except InputError as error:
    ...     print(error.message.split(";")[0])
    majority is fitted on the dev split only, but document 6ebade2f8e52de11 is in 'test'
"""

from __future__ import annotations

from collections.abc import Iterable

from newsgold.corpus.splits import SplitPolicy, load_split_policy
from newsgold.errors import InputError
from newsgold.records import DocumentAnnotations

FIT_SPLIT = "dev"
"""The only split a shipped baseline learns from."""


def dev_annotations(
    annotations: Iterable[DocumentAnnotations], *, policy: SplitPolicy | None = None
) -> list[DocumentAnnotations]:
    """The annotations of ``dev`` documents, sorted by document id.

    Args:
        annotations: annotation sets of any split (e.g. the whole gold).
        policy: the split declaration (default: the packaged ``splits.json``).
    """
    declared = policy if policy is not None else load_split_policy()
    kept = [a for a in annotations if declared.split_of(a.doc_id) == FIT_SPLIT]
    return sorted(kept, key=lambda a: a.doc_id)


def refuse_test_documents(
    annotations: Iterable[DocumentAnnotations],
    *,
    model: str,
    policy: SplitPolicy | None = None,
) -> list[DocumentAnnotations]:
    """Return ``annotations`` as a list if every document is in ``dev``; else raise.

    Raises:
        InputError: a document is in another split (named, with its split), so the
            model would learn from evaluation data.
    """
    declared = policy if policy is not None else load_split_policy()
    items = list(annotations)
    for item in items:
        split = declared.split_of(item.doc_id)
        if split != FIT_SPLIT:
            raise InputError(
                f"{model} is fitted on the {FIT_SPLIT} split only, but document "
                f"{item.doc_id} is in {split!r}; pass dev annotations "
                "(newsgold.models.fitting.dev_annotations)",
                field="fit_on",
            )
    return items


def describe_fit(annotations: Iterable[DocumentAnnotations], *, gold: str = "") -> str:
    """``"dev split of gold sha256-… (8 documents)"``: what a fitted baseline saw."""
    count = len({a.doc_id for a in annotations})
    source = f"gold {gold}" if gold else "the given annotations"
    return f"{FIT_SPLIT} split of {source} ({count} document{'s' if count != 1 else ''})"
