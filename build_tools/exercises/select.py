"""Which candidates a section practises: a few of each type by rule, then the author's curation.

Every generator proposes a candidate for everything it can ask about; a section shows at most
`PER_TYPE` of each type (spread over the section), every map exercise, and its order exercise.
teaching.yaml's `practice: {leave_out: [ids], pin: [ids]}` removes candidates or adds them (pinned
ones first, in the author's order); the check reports an id that names no candidate (C114).
"""

from __future__ import annotations

from collections.abc import Callable

from ..linker import LinkedReading
from .graph import Graph, pick
from .mapfill import map_exercises
from .model import Exercise
from .order import order_exercises
from .replies import objects_exercises, reply_exercises
from .steps import kind_exercises
from .support import reasons_exercises, supports_exercises

GENERATORS: tuple[Callable[[Graph, str], list[Exercise]], ...] = (
    kind_exercises, supports_exercises, reasons_exercises, reply_exercises, objects_exercises, order_exercises,
)
"""Per-section generators, in the order a section's exercises are shown (map exercises last)."""
PER_TYPE = {"kind": 2, "supports": 2, "reasons": 2, "reply": 2, "objects": 1, "order": 1, "map": 99}
"""How many of each type a section shows unless pinned (kind exercises: one per kind first)."""


def candidates(linked: LinkedReading) -> dict[str, list[Exercise]]:
    """Every exercise the generators can make, per section id (every section has a list)."""
    graph = Graph(linked)
    found: dict[str, list[Exercise]] = {s: [] for s in linked.sections}
    for section_id in linked.sections:
        for generate in GENERATORS:
            found[section_id] += generate(graph, section_id)
    for exercise in map_exercises(graph):
        found[exercise.section].append(exercise)
    return found


def exercises_for(linked: LinkedReading) -> dict[str, list[Exercise]]:
    """The exercises each section practises, per section id in the paper's order: chosen by rule,
    then curated by teaching.yaml (leave_out, pin). Deterministic: the same content gives the same
    exercises with their options in the same order. Unknown ids in the curation are ignored here
    (the check reports them)."""
    chosen: dict[str, list[Exercise]] = {}
    for section_id, found in candidates(linked).items():
        teaching = linked.teaching_for(section_id)
        curation = teaching.practice if teaching else None
        leave_out = set(curation.leave_out) if curation else set()
        by_id = {e.id: e for e in found}
        pinned = [by_id[i] for i in dict.fromkeys(curation.pin if curation else []) if i in by_id and i not in leave_out]
        ruled = [e for e in _by_rule(found) if e.id not in leave_out and e.id not in {p.id for p in pinned}]
        chosen[section_id] = pinned + ruled
    return chosen


def _by_rule(found: list[Exercise]) -> list[Exercise]:
    kept: list[Exercise] = []
    for kind in PER_TYPE:
        of_type = [e for e in found if e.type == kind]
        if kind == "kind":
            # The first step of each kind (a section's evidence, then its concession ...), then spread.
            seen: set[str] = set()
            firsts = []
            for e in of_type:
                if e.correct[0].key not in seen:
                    seen.add(e.correct[0].key)
                    firsts.append(e)
            of_type = firsts
        kept += pick(of_type, PER_TYPE[kind])
    return kept
