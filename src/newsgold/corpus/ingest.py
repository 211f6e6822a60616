"""Read user files (``.txt``, ``.html``, ``.jsonl``) into validated documents.

Every problem is reported as an :class:`~newsgold.errors.InputError` naming the file,
the line where it applies, and what was expected. Nothing is written here.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from newsgold.corpus.document import Document
from newsgold.corpus.exclusions import excluded_regions
from newsgold.corpus.normalize import document_id, normalize_text
from newsgold.corpus.segment import segment
from newsgold.errors import InputError
from newsgold.jsonfile import parse_json, read_json_object

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
META_SUFFIX = ".meta.json"
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_URL = re.compile(r"^https?://\S+$")
_LICENSE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")


@dataclass(frozen=True)
class Metadata:
    """Document metadata; ``None`` means unknown (never invented)."""

    title: str | None = None
    source: str | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None
    license: str | None = None  # SPDX-like id, e.g. "CC-BY-2.5"; "LicenseRef-..." otherwise
    attribution: str | None = None  # the credit the licence requires, as a sentence

    def merged_over(self, base: Metadata) -> Metadata:
        """Fields set here win over ``base``."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return replace(base, **{k: v for k, v in values.items() if v is not None})

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    def to_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def validate_metadata(
    meta: dict[str, Any], *, path: str | Path | None = None, line: int | None = None
) -> Metadata:
    """Check metadata values and return them as :class:`Metadata`.

    Raises:
        InputError: for a date that is not ``YYYY-MM-DD``, a url that is not http(s),
            a language that is not a BCP-47-like code, or a non-string value.
    """
    known = {f.name for f in fields(Metadata)}
    values: dict[str, str | None] = {}
    for name in known:
        value = meta.get(name)
        if value is None:
            values[name] = None
            continue
        if not isinstance(value, str) or not value.strip():
            raise InputError(
                f"expected a non-empty string or null, got {value!r}",
                path=path,
                line=line,
                field=name,
            )
        values[name] = value.strip()
    if values["date"] is not None:
        try:
            _dt.date.fromisoformat(values["date"])
        except ValueError:
            raise InputError(
                f"{values['date']!r} is not a date; expected YYYY-MM-DD, e.g. 2019-06-23",
                path=path,
                line=line,
                field="date",
            ) from None
    if values["url"] is not None and not _URL.match(values["url"]):
        raise InputError(
            f"{values['url']!r} is not an http(s) URL",
            path=path,
            line=line,
            field="url",
        )
    if values["language"] is not None and not _LANGUAGE.match(values["language"]):
        raise InputError(
            f"{values['language']!r} is not a language code; expected e.g. 'en' or 'en-GB'",
            path=path,
            line=line,
            field="language",
        )
    if values["license"] is not None and not _LICENSE.match(values["license"]):
        raise InputError(
            f"{values['license']!r} is not a licence id; expected an SPDX id such as "
            "'CC-BY-2.5' or 'LicenseRef-All-Rights-Reserved'",
            path=path,
            line=line,
            field="license",
        )
    return Metadata(**values)


MAX_WORD_LENGTH = 1000  # characters without whitespace; news text has no such run


def _check_words(text: str, path: Path, line: int | None = None) -> None:
    # The tokenizer's prefix and suffix rules take quadratic time on a long run of
    # punctuation; no article has a 1,000-character word, so such input is refused.
    longest = max(map(len, text.split()), default=0)
    if longest > MAX_WORD_LENGTH:
        raise InputError(
            f"the text has a run of {longest} characters without whitespace (at most "
            f"{MAX_WORD_LENGTH}); expected article text",
            path=path,
            line=line,
        )


def make_document(text: str, meta: Metadata) -> Document:
    """Normalize ``text``, segment it and build the :class:`Document`."""
    normalized = normalize_text(text)
    paragraphs, sentences, tokens = segment(normalized)
    return Document(
        id=document_id(normalized),
        text=normalized,
        title=meta.title,
        source=meta.source,
        url=meta.url,
        date=meta.date,
        language=meta.language,
        license=meta.license,
        attribution=meta.attribution,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        tokens=tuple(tokens),
        excluded=tuple(excluded_regions(normalized, paragraphs)),
    )


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise InputError("file is empty; expected article text", path=path)
    if b"\x00" in data:
        raise InputError(
            "file is binary (it contains NUL bytes); expected UTF-8 text, HTML or JSONL",
            path=path,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"invalid UTF-8 at byte {exc.start} ({data[exc.start : exc.start + 1]!r}); "
            "expected UTF-8 text — re-save the file as UTF-8",
            path=path,
            line=line,
        ) from None
    return text.removeprefix("\ufeff")


def read_sidecar_metadata(path: Path) -> Metadata:
    """Metadata from ``PATH.meta.json`` next to ``path``, if that file exists."""
    sidecar = path.with_name(path.name + META_SUFFIX)
    if not sidecar.exists():
        return Metadata()
    data = read_json_object(sidecar, what="metadata file")
    unknown = sorted(set(data) - {f.name for f in fields(Metadata)})
    if unknown:
        raise InputError(f"unknown metadata fields {unknown}", path=sidecar)
    return validate_metadata(data, path=sidecar)


def read_documents(path: str | Path, overrides: Metadata | None = None) -> list[Document]:
    """Read every document in one user file.

    Args:
        path: a ``.txt``, ``.html``/``.htm`` or ``.jsonl`` file.
        overrides: metadata given on the command line; wins over the file's own.

    Returns:
        The documents, in file order.

    Raises:
        InputError: for an unsupported suffix, an empty, binary or non-UTF-8 file, HTML
            with no article text, a JSONL line that is not an object or lacks ``text``,
            or bad metadata.
    """
    source = Path(path)
    overrides = overrides or Metadata()
    suffix = source.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"unsupported file type {suffix or '(no suffix)'!r}; "
            f"expected one of {', '.join(SUPPORTED_SUFFIXES)}",
            path=source,
        )
    if not source.is_file():
        raise InputError("no such file", path=source)
    text = _decode(source, source.read_bytes())
    sidecar = read_sidecar_metadata(source)
    if suffix == ".txt":
        _check_words(text, source)
        return [make_document(text, overrides.merged_over(sidecar))]
    if suffix in (".html", ".htm"):
        article, found = _extract_html(source, text)
        _check_words(article, source)
        return [make_document(article, overrides.merged_over(sidecar.merged_over(found)))]
    return _read_jsonl(source, text, overrides.merged_over(sidecar))


def _extract_html(path: Path, html: str) -> tuple[str, Metadata]:
    import trafilatura

    article = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        fast=True,  # no fallback extractors: they return navigation links as "text"
        deduplicate=False,
    )
    if not article or not article.strip():
        raise InputError(
            "no article text found in the HTML (only navigation or boilerplate?); "
            "expected a page with an article body",
            path=path,
        )
    found = trafilatura.extract_metadata(html)
    meta = Metadata()
    if found is not None:
        date = found.date if found.date and _is_iso_date(found.date) else None
        url = found.url if found.url and _URL.match(found.url) else None
        meta = Metadata(
            title=found.title or None,
            source=found.sitename or None,
            url=url,
            date=date,
            language=None,
        )
    return article, meta


def _is_iso_date(value: str) -> bool:
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _read_jsonl(path: Path, text: str, overrides: Metadata) -> list[Document]:
    documents: list[Document] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        row = parse_json(line, path=path, line=number)
        if not isinstance(row, dict):
            raise InputError(
                f"expected a JSON object, got {type(row).__name__}", path=path, line=number
            )
        body = row.get("text")
        if not isinstance(body, str) or not body.strip():
            raise InputError(
                "missing 'text'; expected a non-empty string with the article text",
                path=path,
                line=number,
                field="text",
            )
        unknown = sorted(set(row) - {"text", "id"} - {f.name for f in fields(Metadata)})
        if unknown:
            raise InputError(
                f"unknown fields {unknown}; expected text, title, source, url, date, language",
                path=path,
                line=number,
            )
        meta = overrides.merged_over(validate_metadata(row, path=path, line=number))
        _check_words(body, path, number)
        document = make_document(body, meta)
        if "id" in row and row["id"] != document.id:
            raise InputError(
                f"id {row['id']!r} does not match the id derived from the text "
                f"({document.id!r}); ids are content hashes — drop the 'id' field",
                path=path,
                line=number,
                field="id",
            )
        documents.append(document)
    if not documents:
        raise InputError("no documents: every line is blank", path=path)
    return documents
