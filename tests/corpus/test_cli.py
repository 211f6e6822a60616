"""`newsgold corpus ...` end to end: good input, bad input, idempotence, determinism."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_fe91b81cea6e668f.txt"
SEED_ID = "6ebade2f8e52de11"

ARTICLE_HTML = """<!doctype html><html><head><title>Kim meets Xi in Beijing | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2019-06-21">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Log in</a></nav>
<article><h1>Kim meets Xi in Beijing</h1>
<p>North Korean leader Kim Jong Un met Chinese President Xi Jinping in Pyongyang on Thursday,
the first visit by a Chinese leader in fourteen years, state media reported.</p>
<p>The two leaders discussed the situation on the Korean Peninsula and agreed to deepen
cooperation, according to the Korean Central News Agency, which gave no further details.</p>
<p>Analysts say Beijing wants to show it remains a key player before Xi meets Donald Trump
at the G-20 summit in Osaka next week.</p>
</article>
<footer>Copyright Example News. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>
"""


def newsgold(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsgold.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    shutil.copyfile(SEED, tmp_path / "seeds" / SEED.name)
    shutil.copyfile(
        SEED.with_name(SEED.name + ".meta.json"),
        tmp_path / "seeds" / (SEED.name + ".meta.json"),
    )
    result = newsgold("corpus", "build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_rebuild_is_byte_identical_to_committed_corpus(tmp_path: Path) -> None:
    result = newsgold(
        "corpus", "build", "--seeds", str(ROOT / "seeds"), "--corpus", str(tmp_path), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    committed = (ROOT / "corpus" / "documents.jsonl").read_bytes()
    assert (tmp_path / "documents.jsonl").read_bytes() == committed


def test_show_prints_numbered_sentences_and_marks_excluded(project: Path) -> None:
    result = newsgold("corpus", "show", SEED_ID, cwd=project)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "source      The Quint" in lines
    assert "url         (unknown)" in lines
    first = next(line for line in lines if line.lstrip().startswith("1 ["))
    assert first.endswith(
        "President Donald Trump sent North Korean leader Kim Jong Un an "
        "“excellent” letter, the North's state-run news agency reported on "
        "Sunday, quoting Kim as saying he would “seriously contemplate it.”"
    )
    excluded = [line for line in lines if "[EXCLUDED:" in line]
    assert len(excluded) == 2
    assert "(At The Quint, we question everything." in excluded[0]
    assert sum("[EXCLUDED:" not in line and "] " in line for line in lines) == 24


def test_show_accepts_a_prefix_and_list_shows_the_seed(project: Path) -> None:
    assert newsgold("corpus", "show", "6eb", cwd=project).returncode == 0
    listing = newsgold("corpus", "list", cwd=project)
    assert SEED_ID in listing.stdout and "The Quint" in listing.stdout


def test_unknown_id_is_one_line_error(project: Path) -> None:
    result = newsgold("corpus", "show", "ffff", cwd=project)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "no document with id 'ffff'" in result.stderr


def test_add_html_extracts_article_and_metadata(project: Path) -> None:
    page = project / "kim-xi.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    result = newsgold("corpus", "add", str(page), "--language", "en", cwd=project)
    assert result.returncode == 0, result.stderr
    doc_id = result.stdout.split()[1]
    rows = [json.loads(line) for line in (project / "corpus" / "documents.jsonl").open()]
    doc = next(row for row in rows if row["id"] == doc_id)
    assert "Kim Jong Un met Chinese President Xi Jinping" in doc["text"]
    assert "Log in" not in doc["text"] and "All rights reserved" not in doc["text"]
    assert doc["date"] == "2019-06-21" and doc["language"] == "en"
    assert doc["url"] is None  # not in the page: unknown, never invented
    assert (project / "seeds" / "kim-xi.html").read_bytes() == page.read_bytes()


def test_add_jsonl_batch_and_idempotence(project: Path) -> None:
    batch = project / "batch.jsonl"
    rows = [
        {"text": "Seoul said talks would resume.\n", "source": "Wire", "date": "2019-07-01"},
        {"text": "Pyongyang tested a missile on Thursday.", "title": "Test"},
    ]
    batch.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    first = newsgold("corpus", "add", str(batch), cwd=project)
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("added") == 2
    before = snapshot(project / "corpus")
    again = newsgold("corpus", "add", str(batch), cwd=project)
    assert again.returncode == 0 and again.stdout.count("unchanged") == 2
    assert snapshot(project / "corpus") == before


def test_adding_the_seed_again_is_a_no_op(project: Path) -> None:
    before = snapshot(project)
    result = newsgold("corpus", "add", str(project / "seeds" / SEED.name), cwd=project)
    assert result.returncode == 0, result.stderr
    assert "unchanged 6ebade2f8e52de11" in result.stdout
    assert snapshot(project) == before


def test_different_document_under_existing_id_is_refused(project: Path) -> None:
    copy = project / "same-text.txt"
    shutil.copyfile(SEED, copy)
    before = snapshot(project / "corpus")
    result = newsgold("corpus", "add", str(copy), "--source", "Someone Else", cwd=project)
    assert result.returncode == 1
    assert "already in the corpus with different metadata (source, language)" in result.stderr
    assert snapshot(project / "corpus") == before


BAD_INPUTS = [
    ("empty.txt", b"", "empty.txt: file is empty"),
    ("blank.txt", b"  \n\n ", "blank.txt: file is empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary.txt: file is binary"),
    ("latin1.txt", "Kim said\nCafé".encode("latin-1"), "latin1.txt:2: invalid UTF-8 at byte 12"),
    (
        "nav.html",
        b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "nav.html: no article text found in the HTML",
    ),
    (
        "missing.jsonl",
        b'{"text": "Kim met Xi."}\n{"title": "no text here"}\n',
        "missing.jsonl:2: field 'text': missing 'text'",
    ),
    (
        "baddate.jsonl",
        b'{"text": "Kim met Xi.", "date": "last Sunday"}\n',
        "baddate.jsonl:1: field 'date': 'last Sunday' is not a date; expected YYYY-MM-DD",
    ),
    ("broken.jsonl", b'{"text": "Kim met Xi."\n', "broken.jsonl:1: not valid JSON"),
    ("notes.docx", b"PK\x03\x04", "notes.docx: unsupported file type '.docx'"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_INPUTS)
def test_bad_input_is_one_clear_line_and_changes_nothing(
    project: Path, name: str, content: bytes, message: str
) -> None:
    bad = project / "incoming" / name
    bad.parent.mkdir()
    bad.write_bytes(content)
    good = project / "incoming" / "good.txt"
    good.write_text("A good article about Seoul.", encoding="utf-8")
    before = snapshot(project)
    # The good file comes first: nothing of it may be written when a later file is bad.
    result = newsgold("corpus", "add", str(good), str(bad), cwd=project)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr
    assert snapshot(project) == before


def test_bad_date_option_is_rejected(project: Path) -> None:
    article = project / "a.txt"
    article.write_text("Kim met Xi.", encoding="utf-8")
    result = newsgold("corpus", "add", str(article), "--date", "2019-13-45", cwd=project)
    assert result.returncode == 1
    assert "field 'date': '2019-13-45' is not a date" in result.stderr
