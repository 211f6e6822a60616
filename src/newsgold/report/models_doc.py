"""The generated part of ``docs/models.md``: figures, dictionary coverage, error analysis.

Everything comes from files the pipeline wrote: the leaderboard (``evaluate/leaderboard.json``:
every baseline's dev and test figures with 95% CIs), the dictionary itself
(:func:`newsgold.models.petrarch_dictionary.load_verb_dictionary`) and the event error
export of ``cameo-petrarch`` on dev (``evaluate/errors/dev/cameo-petrarch.jsonl``, the
rows ``newsgold score --errors`` writes). The error analysis reads **dev** rows only:
test errors are not looked at while baselines are developed.

``newsgold run`` rewrites the block between :data:`START` and :data:`END` in
``docs/models.md`` when that file exists; ``python -m newsgold.report.models_doc`` does
the same by hand.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from newsgold.atomic import atomic_write_text
from newsgold.errors import InputError
from newsgold.figures import percent
from newsgold.jsonfile import read_json_object
from newsgold.scheme import cameo_label

START = "<!-- generated:figures:start (newsgold run writes this block; do not edit) -->"
END = "<!-- generated:figures:end -->"
ERROR_SYSTEM = "cameo-petrarch"
ERROR_SPLIT = "dev"
TOP = 10


def _figure(cell: dict[str, Any]) -> str:
    ci = cell.get("ci")
    interval = "" if ci is None else f" [{percent(ci[0])}, {percent(ci[1])}]"
    return f"{percent(cell.get('value'))}{interval}"


def _figures(board: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    metrics: dict[str, list[str]] = board["metrics"]
    splits: dict[str, Any] = board.get("splits", {})
    lines += ["### Figures (from `evaluate/leaderboard.json`)", ""]
    lines.append(
        "Percent, 95% bootstrap CIs in brackets. Ranked on **test**; **dev** figures are "
        "from the documents the baselines were developed and fitted on, so they are "
        "optimistic and are not a ranking."
    )
    notes = board.get("notes", [])
    if notes:
        lines += ["", *[f"- {note}" for note in notes]]
    for split in ("test", "dev"):
        layers = splits.get(split)
        lines += ["", f"#### {split}", ""]
        if not layers:
            lines.append(f"No {split} figures: the gold has no {split} document yet.")
            continue
        lines.append("| layer | system | " + " | ".join(["figure 1", "figure 2"]) + " |")
        lines.append("|---|---|---|---|")
        for layer, names in metrics.items():
            for row in layers.get(layer, []):
                cells = [f"{name} {_figure(row['figures'][name])}" for name in names]
                lines.append(f"| {layer} | `{row['system']}` | " + " | ".join(cells) + " |")
    return lines


def _coverage() -> list[str]:
    from newsgold.models.petrarch_dictionary import load_verb_dictionary

    coverage = load_verb_dictionary().coverage()
    rows = [
        ("verb blocks", "blocks", "all read; a block's patterns apply to its verbs"),
        ("blocks with the null code `[---]`", "blocks_with_null_code",
         "their verbs code only through a pattern"),
        ("verb entries", "verb_entries", "all used"),
        ("multi-word verbs", "multiword_verb_entries", "all used (neighbours or particle child)"),
        ("verb entries coding an event alone", "verb_entries_coding_an_event", "used"),
        ("surface forms (irregular + generated)", "surface_forms", "all used (text or lemma)"),
        ("patterns", "patterns", "all used (bag of slots, order not checked)"),
        ("patterns coding an event", "patterns_coding_an_event", "used"),
        ("patterns naming an undefined synonym set", "skipped_lines", "skipped, as PETRARCH does"),
        ("synonym sets", "synsets", "all used in patterns, with plurals"),
        ("synonym-set phrases", "synset_phrases", "all used"),
        ("transformations (`~` lines)", "transformations", "not used"),
    ]  # fmt: skip
    lines = ["### PETRARCH2 dictionary coverage", ""]
    lines += ["| part of CAMEO.2.0.txt | count | used by `cameo-petrarch` |", "|---|---:|---|"]
    lines += [f"| {label} | {coverage[key]} | {use} |" for label, key, use in rows]
    return lines


def _errors(evaluate_dir: Path) -> list[str]:
    relative = Path("errors") / ERROR_SPLIT / f"{ERROR_SYSTEM}.jsonl"
    path = evaluate_dir / relative
    shown = f"evaluate/{relative.as_posix()}"  # the same text wherever evaluate/ is
    lines = [
        f"### What `{ERROR_SYSTEM}` gets wrong most ({ERROR_SPLIT}, from the error export)",
        "",
    ]
    if not path.is_file():
        lines.append(
            f"No {ERROR_SPLIT} error export yet (`{shown}`): the gold has no {ERROR_SPLIT} "
            "document. `newsgold run` fills this section once it has."
        )
        return lines
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    by_category = Counter((r["layer"], r["category"]) for r in rows)
    lines.append(f"`{shown}`: {len(rows)} error rows.")
    lines += ["", "| layer | category | rows |", "|---|---|---:|"]
    lines += [f"| {layer} | {category} | {n} |" for (layer, category), n in sorted(
        by_category.items(), key=lambda kv: (-kv[1], kv[0]))]  # fmt: skip
    triggers = [r for r in rows if r["layer"] == "events.trigger"]

    def words(category: str, side: str) -> Counter[str]:
        return Counter(
            f"{r[side]['text'].lower()} ({cameo_label(r[side]['type'])})"
            for r in triggers
            if r["category"] == category and r.get(side)
        )

    # The scorer writes a type error as a gold-side and a predicted-side row of one span.
    sides: dict[tuple[str, int, int], dict[str, str]] = {}
    for r in triggers:
        if r["category"] != "type":
            continue
        for side in ("gold", "pred"):
            if r.get(side):
                key = (r["doc_id"], r[side]["start"], r[side]["end"])
                sides.setdefault(key, {})[side] = r[side]["type"]
    confusions = Counter(
        f"{cameo_label(pair['gold'])} → {cameo_label(pair['pred'])}"
        for pair in sides.values()
        if "gold" in pair and "pred" in pair
    )
    for title, counts in (
        ("Missed triggers (gold word and root)", words("missed", "gold")),
        ("Spurious triggers (predicted word and root)", words("spurious", "pred")),
        ("Wrong root (gold → predicted)", confusions),
    ):
        lines += ["", f"{title}, most frequent first:", ""]
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
        lines += [f"- {text}: {n}" for text, n in top] or ["- none"]
    return lines


def models_doc_section(evaluate_dir: str | Path = "evaluate") -> str:
    """The generated block (markers included) for ``docs/models.md``.

    Raises:
        InputError: ``evaluate_dir/leaderboard.json`` is missing or malformed.
    """
    folder = Path(evaluate_dir)
    board = read_json_object(folder / "leaderboard.json", what="leaderboard")
    if "splits" not in board or "metrics" not in board:
        raise InputError(
            "not a per-split leaderboard; regenerate it with `newsgold run`",
            path=folder / "leaderboard.json",
        )
    lines = [START, ""]
    lines += [*_figures(board), "", *_coverage(), "", *_errors(folder)]
    lines += ["", END]
    return "\n".join(lines)


def update_models_doc(doc: str | Path, evaluate_dir: str | Path = "evaluate") -> bool:
    """Rewrite the generated block of ``doc``; return True when the file changed.

    Raises:
        InputError: the file lacks the :data:`START`/:data:`END` markers.
    """
    path = Path(doc)
    text = path.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise InputError(f"no generated block (expected the line {START!r})", path=path)
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    updated = before + models_doc_section(evaluate_dir) + after
    if updated == text:
        return False
    atomic_write_text(path, updated)
    return True


if __name__ == "__main__":  # python -m newsgold.report.models_doc [docs/models.md] [evaluate]
    arguments = sys.argv[1:]
    target = arguments[0] if arguments else "docs/models.md"
    changed = update_models_doc(target, arguments[1] if len(arguments) > 1 else "evaluate")
    print(f"{target}: {'updated' if changed else 'already current'}")
