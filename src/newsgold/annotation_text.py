"""A plain-text annotation format: quote the words, name the sentence, get exact offsets.

Annotators who work outside a labelling UI (a reviewer with a text editor, an AI
annotator agent) write one ``.ann`` file per document; this module resolves every quoted
span to character offsets in the document's normalized text and checks the result with
the same validator as Label Studio exports (:func:`newsgold.validation.annotation_problems`).
The records then go to Label Studio with ``newsgold labelstudio import-annotations``.

Format (one item per line; ``#`` starts a comment outside quotes; blank lines ignored)::

    doc 80cc18d5f0d3a882
    annotator annotator_a
    ENT e1 GPE "Afghan" s0
    ENT e2 ORG "FIRST Global Challenge" s2
    ENT e7 PER "Trump" s5#2
    EVT v1 04 ACTUAL "met" s3 SOURCE=e1 TARGET=e2 TIME=e5
    STA t1 visa_denial AGAINST holder=e2 "called the decision unfair" s4
    STA t2 visa_denial FAVOR holder=AUTHOR "a welcome step" s6

* ``sN`` is the sentence number printed by ``newsgold annotate show`` (0-based);
  ``sN#K`` takes the K-th occurrence (1-based) of the quoted text in that sentence.
* Quoted text is a JSON string (``\\"`` for a double quote inside it) and must equal the
  document text exactly.
* ``ENT id LABEL "text" sN``; ``EVT id TYPE REALIS "trigger" sN ROLE=entity_id ...``;
  ``STA id TARGET POLARITY holder=entity_id|AUTHOR "evidence" sN``.

All offsets are character offsets into ``Document.text`` (Python ``str`` indices),
end-exclusive.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgold.corpus.document import Document
from newsgold.errors import InputError
from newsgold.records import (
    DocumentAnnotations,
    EntityMention,
    EventArgument,
    EventMention,
    StanceAnnotation,
    StanceTarget,
)
from newsgold.scheme import AUTHOR_HOLDER
from newsgold.validation import annotation_problems

_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_LOCATION = re.compile(r"^s(\d+)(?:#(\d+))?$")
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,39}$")
_ANNOTATOR = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_MAX_LINES = 20_000
_MAX_LINE_CHARS = 5_000


@dataclass(frozen=True)
class _Line:
    number: int
    head: list[str]  # words before the quoted text
    quoted: str
    tail: list[str]  # words after the quoted text


def _split(path: Path, number: int, raw: str) -> _Line | list[str]:
    """Split a line into words around its one quoted string (or plain words)."""
    match = _QUOTED.search(raw)
    if match is None:
        return raw.split("#", 1)[0].split()
    try:
        quoted = json.loads(match.group(0))
    except ValueError as exc:
        raise InputError(
            f"bad quoted text {match.group(0)}: {exc}", path=path, line=number
        ) from None
    before = raw[: match.start()]
    # `sN#K` holds a '#': a comment starts only where '#' begins a word; quotes inside
    # the comment are the comment's business.
    after = re.split(r"(?:^|\s)#(?!\d)", raw[match.end() :], maxsplit=1)[0]
    if '"' in before or '"' in after:
        raise InputError(
            "unbalanced or second quoted text: one quoted text per line, and a double "
            'quote inside it is written \\"',
            path=path,
            line=number,
        )
    return _Line(number, before.split(), quoted, after.split())


def _locate(
    document: Document, quoted: str, location: str, *, path: Path, number: int
) -> tuple[int, int]:
    match = _LOCATION.match(location)
    if match is None:
        raise InputError(
            f"expected a sentence like s3 or s3#2 after the quoted text, got {location!r}",
            path=path,
            line=number,
        )
    index, occurrence = int(match.group(1)), int(match.group(2) or 1)
    if index >= len(document.sentences):
        raise InputError(
            f"sentence s{index} does not exist; the document has "
            f"s0..s{len(document.sentences) - 1}",
            path=path,
            line=number,
        )
    if not quoted:
        raise InputError("the quoted text is empty", path=path, line=number)
    start, end = document.sentences[index]
    sentence = document.text[start:end]
    found = -1
    for _ in range(occurrence):
        found = sentence.find(quoted, found + 1)
        if found < 0:
            raise InputError(
                f"{quoted!r} occurs fewer than {occurrence} time(s) in s{index}: {sentence!r}",
                path=path,
                line=number,
            )
    return start + found, start + found + len(quoted)


def parse_annotation_text(
    text: str,
    documents: dict[str, Document],
    *,
    path: str | Path = "<text>",
    annotator: str | None = None,
) -> DocumentAnnotations:
    """Parse one ``.ann`` file into the annotation set it describes (not yet validated).

    Args:
        text: the file's content.
        documents: the corpus, by document id.
        path: the file name, for error messages.
        annotator: overrides the file's ``annotator`` line.

    Returns:
        The document's annotations with exact offsets.

    Raises:
        InputError: naming the file and line of the first malformed item.
    """
    source = Path(path)
    lines = text.splitlines()
    if len(lines) > _MAX_LINES:
        raise InputError(f"more than {_MAX_LINES} lines; split the file", path=source)
    doc: Document | None = None
    name = annotator
    entities: list[EntityMention] = []
    events: list[EventMention] = []
    stances: list[StanceAnnotation] = []
    seen: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        if len(raw) > _MAX_LINE_CHARS:
            raise InputError(
                f"line longer than {_MAX_LINE_CHARS} characters", path=source, line=number
            )
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = _split(source, number, raw)
        if isinstance(parts, list):
            if len(parts) == 2 and parts[0] == "doc":
                if parts[1] not in documents:
                    raise InputError(f"unknown document id {parts[1]!r}", path=source, line=number)
                doc = documents[parts[1]]
                continue
            if len(parts) == 2 and parts[0] == "annotator":
                if not _ANNOTATOR.match(parts[1]):
                    raise InputError(
                        f"annotator name {parts[1]!r} is not a lowercase slug",
                        path=source,
                        line=number,
                    )
                name = name or parts[1]
                continue
            raise InputError(
                "expected 'doc ID', 'annotator NAME' or an ENT/EVT/STA line with quoted text, "
                f"got {raw.strip()!r}",
                path=source,
                line=number,
            )
        if doc is None:
            raise InputError("an item before the 'doc ID' line", path=source, line=number)
        if len(parts.tail) < 1:
            raise InputError(
                "expected a sentence (sN) after the quoted text", path=source, line=number
            )
        kind, *fields = parts.head
        item_id = fields[0] if fields else ""
        if not _ID.match(item_id):
            raise InputError(
                f"expected an item id after {kind}, got {item_id!r}", path=source, line=number
            )
        if item_id in seen:
            raise InputError(f"id {item_id!r} used twice", path=source, line=number)
        seen.add(item_id)
        start, end = _locate(doc, parts.quoted, parts.tail[0], path=source, number=number)
        extra = parts.tail[1:]
        if kind == "ENT" and len(fields) == 2 and not extra:
            entities.append(EntityMention(start, end, fields[1], parts.quoted, item_id))
        elif kind == "EVT" and len(fields) == 3:
            arguments = []
            for word in extra:
                role, _, entity_id = word.partition("=")
                if not role or not entity_id:
                    raise InputError(
                        f"expected ROLE=entity_id, got {word!r}", path=source, line=number
                    )
                arguments.append(EventArgument(role, entity_id))
            events.append(
                EventMention(
                    start, end, fields[1], fields[2], parts.quoted, item_id, tuple(arguments)
                )
            )
        elif kind == "STA" and len(fields) == 4 and fields[3].startswith("holder=") and not extra:
            holder = fields[3].removeprefix("holder=")
            stances.append(
                StanceAnnotation(
                    start,
                    end,
                    fields[1],
                    fields[2],
                    parts.quoted,
                    item_id,
                    None if holder == AUTHOR_HOLDER else holder,
                )
            )
        else:
            raise InputError(
                'expected ENT id LABEL "text" sN | EVT id TYPE REALIS "trigger" sN ROLE=id ... | '
                f'STA id TARGET POLARITY holder=id|AUTHOR "evidence" sN, got {raw.strip()!r}',
                path=source,
                line=number,
            )
    if doc is None:
        raise InputError("no 'doc ID' line", path=source)
    if not name:
        raise InputError("no 'annotator NAME' line and no annotator given", path=source)
    return DocumentAnnotations(doc.id, name, entities, events, stances)


def read_annotation_file(
    path: str | Path,
    documents: dict[str, Document],
    stance_targets: dict[str, list[StanceTarget]],
    *,
    annotator: str | None = None,
) -> DocumentAnnotations:
    """Read, resolve and validate one ``.ann`` file.

    Raises:
        InputError: the file cannot be read or parsed, or the annotations fail
            validation (every problem listed).
    """
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the file: {exc}", path=source) from None
    annotations = parse_annotation_text(text, documents, path=source, annotator=annotator)
    targets: Sequence[StanceTarget] = stance_targets.get(annotations.doc_id, ())
    problems = annotation_problems(documents[annotations.doc_id], annotations, targets)
    if problems:
        listed = "; ".join(str(p) for p in problems[:10])
        more = f"; ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise InputError(f"{len(problems)} problem(s): {listed}{more}", path=source)
    return annotations


def describe_document(document: Document, targets: Sequence[StanceTarget]) -> str:
    """The view an annotator works from: numbered sentences and the declared targets."""
    lines = [f"doc {document.id}", f"title {document.title or '(unknown)'}", ""]
    for index, (start, end) in enumerate(document.sentences):
        excluded = document.overlaps_excluded(start, end)
        mark = "  [excluded: not annotated]" if excluded else ""
        lines.append(f"s{index}\t{document.text[start:end]}{mark}")
    lines.append("")
    lines.append("stance targets:")
    for target in targets:
        lines.append(f"  {target.id}: {target.name}. {target.description}")
    if not targets:
        lines.append("  (none declared)")
    return "\n".join(lines) + "\n"
