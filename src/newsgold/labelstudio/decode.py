"""One annotation's result -> records: entity mentions, events with arguments, stances.

:class:`AnnotationReader` reads the result items into checked regions
(:mod:`newsgold.labelstudio.regions`), then builds the records and checks what links
them: relations must link existing, accepted regions (one trigger or evidence region and
one entity region), roles must be known and allow the entity type, an argument is not
given twice, an evidence region has at most one holder, every trigger has a realis and
every evidence a target and a polarity; in the events and stance layers entity regions
must be the gold entities when those are given. Each rejected item becomes a
:class:`~newsgold.problems.Problem` naming task id, annotator and reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from newsgold.corpus.document import Document
from newsgold.labelstudio.config import (
    ENTITY_CONTROL,
    ENTITY_KEY_CONTROL,
    EVIDENCE_CONTROL,
    HOLDER_RELATION,
    POLARITY_CONTROL,
    REALIS_CONTROL,
    ROLE_CODES,
    TARGET_CONTROL,
    TRIGGER_CONTROL,
)
from newsgold.labelstudio.regions import Region, RegionReader
from newsgold.problems import Problem
from newsgold.records import EntityMention, EventArgument, EventMention, StanceAnnotation
from newsgold.scheme import ROLE_ENTITY_TYPES


class AnnotationReader:
    """Converts the result of one annotation into records; collects problems.

    Args:
        layer: ``entities``, ``events`` or ``stance``.
        task_id, annotator: named in every problem.
        document: the task's document; ``offset`` and ``text``: the task's chunk in it.
        targets: the stance targets allowed (None: any).
        gold_entities: entity id -> gold mention; when given, entity regions in the
            events and stance layers must be gold mentions (same id, span, label).
        problems: where problems are appended.
    """

    def __init__(
        self,
        layer: str,
        task_id: Any,
        annotator: str,
        document: Document,
        offset: int,
        text: str,
        *,
        targets: set[str] | None,
        gold_entities: Mapping[str, EntityMention] | None,
        problems: list[Problem],
    ) -> None:
        self.layer = layer
        self.task_id = task_id
        self.annotator = annotator
        self.gold_entities = gold_entities
        self.problems = problems
        self._regions = RegionReader(
            layer, document, offset, text, targets=targets, problem=self.problem
        )

    def problem(self, item: str | None, reason: str) -> None:
        """Record that ``item`` (None: the whole result) was rejected, and why."""
        self.problems.append(
            Problem(reason, task_id=self.task_id, annotator=self.annotator, item=item)
        )

    def read(self, result: Any) -> tuple[list[EntityMention], list[Any]]:
        """The entity mentions and the layer's records (events or stances) of ``result``."""
        found = self._regions.read(result)
        return self._build(found.regions, found.rejected, found.relations)

    def _build(
        self, regions: dict[str, Region], rejected: set[str], relations: list[dict[str, Any]]
    ) -> tuple[list[EntityMention], list[Any]]:
        entities: dict[str, EntityMention] = {}
        for region in regions.values():
            if region.id in rejected or region.control != ENTITY_CONTROL:
                continue
            key = region.extras.get(ENTITY_KEY_CONTROL, [None])[0]
            mention = EntityMention(
                region.start, region.end, region.label, region.text, region.id, key
            )
            if self.gold_entities is not None and self.layer != "entities":
                gold = self.gold_entities.get(region.id)
                if gold is None or (gold.start, gold.end, gold.label) != (
                    mention.start,
                    mention.end,
                    mention.label,
                ):
                    self.problem(
                        region.id,
                        f"entity region [{mention.start}:{mention.end}] {mention.label} is not "
                        "one of the gold entities (id, span and label must match); link "
                        "arguments and holders to the pre-annotated entities",
                    )
                    rejected.add(region.id)
                    continue
                mention = gold
            entities[region.id] = mention
        items: list[Any] = []
        if self.layer == "events":
            items = self._build_events(regions, rejected, relations, entities)
        elif self.layer == "stance":
            items = self._build_stances(regions, rejected, relations, entities)
        else:
            for relation in relations:
                self.problem(_relation_name(relation), "the entities layer has no relations")
        return list(entities.values()), items

    def _relation_ends(
        self,
        relation: dict[str, Any],
        regions: dict[str, Region],
        rejected: set[str],
        entities: dict[str, EntityMention],
        head_control: str,
    ) -> tuple[Region, EntityMention] | None:
        name = _relation_name(relation)
        ends = [str(relation.get("from_id")), str(relation.get("to_id"))]
        for end in ends:
            if end in rejected:
                self.problem(name, f"relation to rejected region {end!r}")
                return None
            if end not in regions:
                self.problem(name, f"relation to missing region {end!r}")
                return None
        heads = [regions[e] for e in ends if regions[e].control == head_control]
        tails = [entities[e] for e in ends if e in entities]
        if len(heads) != 1 or len(tails) != 1:
            self.problem(
                name,
                f"a relation must link one {head_control} region and one entity region, got "
                f"{regions[ends[0]].control} -> {regions[ends[1]].control}",
            )
            return None
        return heads[0], tails[0]

    def _build_events(
        self,
        regions: dict[str, Region],
        rejected: set[str],
        relations: list[dict[str, Any]],
        entities: dict[str, EntityMention],
    ) -> list[EventMention]:
        arguments: dict[str, set[EventArgument]] = defaultdict(set)
        for relation in relations:
            ends = self._relation_ends(relation, regions, rejected, entities, TRIGGER_CONTROL)
            if ends is None:
                continue
            trigger, entity = ends
            labels = relation.get("labels")
            name = _relation_name(relation)
            if not isinstance(labels, list) or len(labels) != 1 or labels[0] not in ROLE_CODES:
                self.problem(
                    name,
                    f"expected exactly one role out of {', '.join(ROLE_CODES)}, got {labels!r}",
                )
                continue
            role = labels[0]
            if entity.label not in ROLE_ENTITY_TYPES[role]:
                self.problem(
                    name,
                    f"role {role} does not allow entity type {entity.label} (entity "
                    f"{entity.id!r}); allowed: {', '.join(sorted(ROLE_ENTITY_TYPES[role]))}",
                )
                continue
            argument = EventArgument(role, entity.id)
            if argument in arguments[trigger.id]:
                self.problem(name, f"duplicate argument {role} -> {entity.id!r}")
                continue
            arguments[trigger.id].add(argument)
        events = []
        for region in regions.values():
            if region.id in rejected or region.control != TRIGGER_CONTROL:
                continue
            realis = region.extras.get(REALIS_CONTROL)
            if not realis:
                self.problem(region.id, "trigger has no realis choice")
                continue
            events.append(
                EventMention(
                    region.start,
                    region.end,
                    region.label,
                    realis[0],
                    region.text,
                    region.id,
                    tuple(sorted(arguments[region.id])),
                )
            )
        return events

    def _build_stances(
        self,
        regions: dict[str, Region],
        rejected: set[str],
        relations: list[dict[str, Any]],
        entities: dict[str, EntityMention],
    ) -> list[StanceAnnotation]:
        holders: dict[str, str] = {}
        bad: set[str] = set()
        for relation in relations:
            ends = self._relation_ends(relation, regions, rejected, entities, EVIDENCE_CONTROL)
            if ends is None:
                continue
            evidence, entity = ends
            labels = relation.get("labels") or []
            name = _relation_name(relation)
            if labels not in ([], [HOLDER_RELATION]):
                self.problem(name, f"expected label {HOLDER_RELATION} or none, got {labels!r}")
                continue
            if evidence.id in holders:
                self.problem(
                    name,
                    f"evidence {evidence.id!r} has two holders ({holders[evidence.id]!r} and "
                    f"{entity.id!r}); split it into two evidence regions",
                )
                bad.add(evidence.id)
                continue
            holders[evidence.id] = entity.id
        stances = []
        for region in regions.values():
            if region.id in rejected or region.control != EVIDENCE_CONTROL or region.id in bad:
                continue
            target = region.extras.get(TARGET_CONTROL)
            polarity = region.extras.get(POLARITY_CONTROL)
            if not target or not polarity:
                missing = " and ".join(
                    name for name, got in (("target", target), ("polarity", polarity)) if not got
                )
                self.problem(region.id, f"evidence has no {missing} choice")
                continue
            stances.append(
                StanceAnnotation(
                    region.start,
                    region.end,
                    target[0],
                    polarity[0],
                    region.text,
                    region.id,
                    holders.get(region.id),
                )
            )
        return stances


def _relation_name(relation: dict[str, Any]) -> str:
    return f"relation {relation.get('from_id')}->{relation.get('to_id')}"


__all__ = ["AnnotationReader"]
