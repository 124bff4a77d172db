"""The exercises as forms to fill in: what a printed worksheet and an LMS item show of an exercise.

The exercises themselves are data (`exercises/`); print and the LMS both need the same views of
them (a map's tree as rows with its blanks, the letters of the choices, the claims a map's blanks
offer, the places to reread), so they are computed here once.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from .exercises import Exercise, MapNode, Option
from .linker import LinkedReading

LETTERS = string.ascii_uppercase
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


@dataclass(frozen=True)
class Row:
    """One box of a map exercise's tree, in reading order: how deep it stands and how it stands to the
    box above; the claim's kind and text, or the key of the blank that hides it (no kind: it could
    tell the answer)."""

    depth: int
    relation: str | None
    kind_label: str | None
    text: str | None
    blank: str | None


def map_rows(exercise: Exercise) -> list[Row]:
    """The map's tree depth first, each box under the one it argues for."""
    rows: list[Row] = []

    def walk(node: MapNode, depth: int) -> None:
        claim = node.claim
        rows.append(Row(depth, node.relation, claim.kind_label if claim else None,
                        claim.text if claim else None, node.blank))
        for child in node.children:
            walk(child, depth + 1)

    for top in exercise.tree:
        walk(top, 0)
    return rows


def map_pool(exercise: Exercise) -> list[Option]:
    """Every claim any blank of a map exercise offers, once each, in the order the blanks offer them
    (one lettered list serves all the blanks; each blank says which of its letters it may take)."""
    pool: dict[str, Option] = {}
    for blank in exercise.blanks:
        for option in blank.options:
            pool.setdefault(option.key, Option(option.key, option.text, False, option.claim))
    return list(pool.values())


@dataclass(frozen=True)
class Reread:
    """Where to reread the paper for one exercise: a section's title and the paragraphs, in order."""

    section: str
    paragraphs: list[int]


def reread(linked: LinkedReading, claim_ids: list[str]) -> list[Reread]:
    """The paragraphs that make the claims an answer rests on, grouped by section in the paper's order."""
    order = list(linked.sections)
    found: dict[str, set[int]] = {}
    for cid in claim_ids:
        if cid in linked.claims:
            found.setdefault(linked.section_of[cid], set()).add(linked.claims[cid].paragraph)
    return [Reread(linked.sections[s].title, sorted(found[s])) for s in sorted(found, key=order.index)]
