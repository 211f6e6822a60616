"""The result items of one annotation -> checked regions (the first half of reading it).

Each labelled region's span is converted from Label Studio units to document code points
and checked: integer offsets, not empty, inside the chunk, outside excluded regions,
``value.text`` equal to the text at the converted offsets, exactly one known label of
its control. Per-region items (entity keys, realis, stance target and polarity) are
attached to the region with their id and span, each value checked against what its
control allows. Relations are collected unchecked; :mod:`newsgold.labelstudio.decode`
links them. Every rejected item is reported through the ``problem`` callback, naming
the item and the reason; nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from newsgold.corpus.document import Document
from newsgold.errors import InputError
from newsgold.labelstudio import offsets
from newsgold.labelstudio.config import (
    ENTITY_CONTROL,
    ENTITY_KEY_CONTROL,
    ENTITY_LABEL_CODES,
    EVENT_LABEL_CODES,
    EVIDENCE_CONTROL,
    EVIDENCE_LABEL,
    POLARITY_CODES,
    POLARITY_CONTROL,
    REALIS_CODES,
    REALIS_CONTROL,
    TARGET_CONTROL,
    TEXT_NAME,
    TRIGGER_CONTROL,
)

# (item id or None, reason): how a reader reports a rejected item.
ProblemSink = Callable[[str | None, str], None]


@dataclass
class Region:
    """One labelled region of a result, in document offsets (code points, end-exclusive)."""

    id: str
    control: str
    label: str
    start: int
    end: int
    text: str
    extras: dict[str, list[str]] = field(default_factory=dict)  # control -> values


@dataclass
class ResultRegions:
    """What the items of one result hold once checked.

    Attributes:
        regions: the accepted labelled regions by id, with their per-region values.
        rejected: ids of rejected regions (their per-region items and relations to them
            are rejected too).
        relations: the relation items, not yet checked.
    """

    regions: dict[str, Region] = field(default_factory=dict)
    rejected: set[str] = field(default_factory=set)
    relations: list[dict[str, Any]] = field(default_factory=list)


class RegionReader:
    """Reads the items of one annotation's result into :class:`ResultRegions`.

    Args:
        layer: ``entities``, ``events`` or ``stance`` (which controls are known).
        document: the task's document.
        offset: where the task text starts in ``document.text``.
        text: the task text (the chunk).
        targets: the stance targets allowed (None: any).
        problem: called once per rejected item.
    """

    def __init__(
        self,
        layer: str,
        document: Document,
        offset: int,
        text: str,
        *,
        targets: set[str] | None,
        problem: ProblemSink,
    ) -> None:
        self.layer = layer
        self.document = document
        self.offset = offset
        self.text = text
        self.index = offsets.offset_index(text)
        self.targets = targets
        self.problem = problem

    def read(self, result: Any) -> ResultRegions:
        """Check every item of ``result``; report each rejected one."""
        found = ResultRegions()
        if not isinstance(result, list):
            self.problem(None, f"expected 'result' to be a list, got {type(result).__name__}")
            return found
        regions, rejected, relations = found.regions, found.rejected, found.relations
        per_region: list[dict[str, Any]] = []
        label_controls = self._label_controls()
        extra_controls = self._extra_controls()
        for item in result:
            if not isinstance(item, dict):
                self.problem(None, f"result item is not an object: {item!r}")
                continue
            kind = item.get("type")
            if kind == "relation":
                relations.append(item)
                continue
            item_id = str(item.get("id"))
            control = item.get("from_name")
            if item.get("to_name") != TEXT_NAME:
                self.problem(item_id, f"to_name {item.get('to_name')!r} is not {TEXT_NAME!r}")
                rejected.add(item_id)
                continue
            if control in extra_controls:
                per_region.append(item)
                continue
            if control not in label_controls:
                self.problem(
                    item_id,
                    f"unknown control {control!r} for the {self.layer} layer (expected one of "
                    f"{', '.join(sorted([*label_controls, *extra_controls]))})",
                )
                rejected.add(item_id)
                continue
            if kind != "labels":
                self.problem(item_id, f"control {control!r} gives 'labels' items, got {kind!r}")
                rejected.add(item_id)
                continue
            region = self._labelled_region(item_id, control, item.get("value"), label_controls)
            if region is None:
                rejected.add(item_id)
            elif item_id in regions or item_id in rejected:
                self.problem(item_id, "two regions share this id")
                regions.pop(item_id, None)
                rejected.add(item_id)
            else:
                regions[item_id] = region
        for item in per_region:
            self._attach(item, regions, rejected, extra_controls)
        return found

    def _label_controls(self) -> dict[str, Mapping[str, str]]:
        controls: dict[str, Mapping[str, str]] = {ENTITY_CONTROL: ENTITY_LABEL_CODES}
        if self.layer == "events":
            controls[TRIGGER_CONTROL] = EVENT_LABEL_CODES
        elif self.layer == "stance":
            controls[EVIDENCE_CONTROL] = {EVIDENCE_LABEL: EVIDENCE_LABEL}
        return controls

    def _extra_controls(self) -> dict[str, tuple[str, str, Mapping[str, str] | None]]:
        # per-region control -> (result type, region control it belongs to, allowed values)
        if self.layer == "entities":
            return {ENTITY_KEY_CONTROL: ("textarea", ENTITY_CONTROL, None)}
        if self.layer == "events":
            return {REALIS_CONTROL: ("choices", TRIGGER_CONTROL, REALIS_CODES)}
        targets = {t: t for t in self.targets} if self.targets is not None else None
        return {
            TARGET_CONTROL: ("choices", EVIDENCE_CONTROL, targets),
            POLARITY_CONTROL: ("choices", EVIDENCE_CONTROL, POLARITY_CODES),
        }

    def _span(self, item_id: str, value: Any) -> tuple[int, int, str] | None:
        if not isinstance(value, dict):
            self.problem(item_id, f"expected an object 'value', got {value!r}")
            return None
        start, end = value.get("start"), value.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
            self.problem(item_id, f"expected integer value.start/value.end, got {start!r}/{end!r}")
            return None
        if not 0 <= start < end:
            self.problem(item_id, f"empty or reversed span: start {start}, end {end}")
            return None
        if end > self.index.utf16_length:
            self.problem(
                item_id,
                f"span [{start}:{end}] crosses the chunk edge: the task text has "
                f"{self.index.utf16_length} characters "
                f"({offsets.LABEL_STUDIO_OFFSET_UNIT} units)",
            )
            return None
        try:
            cp_start, cp_end = self.index.from_utf16(start), self.index.from_utf16(end)
        except InputError as exc:
            self.problem(item_id, exc.message)
            return None
        actual = self.text[cp_start:cp_end]
        doc_start, doc_end = self.offset + cp_start, self.offset + cp_end
        region = self.document.overlaps_excluded(doc_start, doc_end)
        if region is not None:
            self.problem(
                item_id,
                f"span [{doc_start}:{doc_end}] touches excluded region "
                f"[{region.start}:{region.end}] ({region.reason})",
            )
            return None
        return doc_start, doc_end, actual

    def _labelled_region(
        self, item_id: str, control: str, value: Any, controls: dict[str, Mapping[str, str]]
    ) -> Region | None:
        span = self._span(item_id, value)
        if span is None:
            return None
        labels = value.get("labels")
        if not isinstance(labels, list) or len(labels) != 1:
            self.problem(item_id, f"expected exactly one label, got {labels!r}")
            return None
        known = controls[control]
        if labels[0] not in known:
            self.problem(
                item_id,
                f"unknown label {labels[0]!r} for control {control!r} (expected one of "
                f"{', '.join(known)})",
            )
            return None
        start, end, actual = span
        if value.get("text") != actual:
            self.problem(
                item_id,
                f"value.text {value.get('text')!r} does not equal the text at the converted "
                f"offsets [{start}:{end}]: {actual!r}",
            )
            return None
        return Region(item_id, control, known[labels[0]], start, end, actual)

    def _attach(
        self,
        item: dict[str, Any],
        regions: dict[str, Region],
        rejected: set[str],
        extra_controls: dict[str, tuple[str, str, Mapping[str, str] | None]],
    ) -> None:
        item_id = str(item.get("id"))
        control = str(item.get("from_name"))
        kind, owner_control, allowed = extra_controls[control]
        if item_id in rejected:
            self.problem(item_id, f"{control} belongs to a rejected region")
            return
        region = regions.get(item_id)
        if region is None or region.control != owner_control:
            self.problem(item_id, f"{control} {kind} for a missing {owner_control} region")
            return
        if item.get("type") != kind:
            self.problem(
                item_id, f"control {control!r} gives {kind!r} items, got {item.get('type')!r}"
            )
            rejected.add(item_id)
            return
        value = item.get("value") or {}
        values = value.get("text" if kind == "textarea" else "choices")
        if not isinstance(values, list) or len(values) != 1 or not isinstance(values[0], str):
            self.problem(item_id, f"{control}: expected exactly one value, got {values!r}")
            rejected.add(item_id)
            return
        if allowed is not None and values[0] not in allowed:
            self.problem(
                item_id,
                f"unknown {control} {values[0]!r} (expected one of {', '.join(allowed) or 'none'})",
            )
            rejected.add(item_id)
            return
        span = self._span(item_id, value)
        if span is None or (span[0], span[1]) != (region.start, region.end):
            self.problem(item_id, f"{control} span does not match its region's span")
            rejected.add(item_id)
            return
        if control in region.extras:
            self.problem(item_id, f"region has two {control} items")
            rejected.add(item_id)
            return
        region.extras[control] = values


__all__ = ["ProblemSink", "Region", "RegionReader", "ResultRegions"]
