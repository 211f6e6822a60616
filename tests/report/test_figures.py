"""Headline and per-type figures read back from score reports (shared by leaderboard and report)."""

from __future__ import annotations

import pytest

from newsgold.errors import InputError
from newsgold.figures import SystemScores, headline_rows, per_type_figures, percent


def test_figures_match_the_report(evaluation) -> None:
    report = evaluation["systems"][0].scores
    (strict, partial, trigger, argument) = headline_rows(SystemScores("g", report))
    assert (strict.value, [strict.low, strict.high]) == (
        report["entities"]["strict"]["f1"],
        report["entities"]["strict"]["ci"]["f1"],
    )
    assert partial.value == report["entities"]["partial"]["f1"]
    assert trigger.value == report["events"]["trigger_classification"]["f1"]
    assert argument.value == report["events"]["argument_classification"]["f1"]


def test_per_type_figures(evaluation) -> None:
    report = evaluation["systems"][0].scores
    figures = {f.label: f for f in per_type_figures(SystemScores("g", report), "entities")}
    assert set(figures) == {"PER", "GPE", "DATE", "ORG"}
    assert figures["PER"].f1 == report["entities"]["strict"]["per_type"]["PER"]["f1"]


def test_missing_figure_is_a_clear_error() -> None:
    with pytest.raises(InputError, match=r"score report has no entities\.strict"):
        headline_rows(SystemScores("x", {"entities": {"exact": {}}}))


@pytest.mark.parametrize(("value", "text"), [(0.8123, "81.23"), (1.0, "100.00"), (None, "–")])
def test_percent(value: float | None, text: str) -> None:
    assert percent(value) == text
