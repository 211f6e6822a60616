"""Writing what a score report carries beyond its figures: per-instance error rows."""

from __future__ import annotations

import json
from pathlib import Path

from newsgold.atomic import atomic_write_jsonl
from newsgold.scoring.report import Report


def write_errors(path: str | Path, report: Report) -> None:
    """Write the report's per-instance errors as JSONL, atomically, in a stable order.

    Raises:
        ValueError: the report was made without ``with_errors=True``.
    """
    if not report.errors_collected:
        raise ValueError("this report has no error rows; score with with_errors=True")
    rows = sorted(report.errors, key=lambda r: json.dumps(r, sort_keys=True))
    atomic_write_jsonl(path, rows)
