"""Which claims a declared map shows: the selection is data in maps.yaml, never code."""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Mapping

from ..linker import LinkedReading, Relation
from ..model import MapView

ARGUING = ("supports", "objects_to", "rebuts")
"""Relations that argue for or against the claim they point to: the branches under a conclusion."""


def select_claims(linked: LinkedReading, view: MapView) -> list[str]:
    """The claim ids a view shows, in paper order.

    A conclusion with what argues for or against it (down to `depth`, not below `stop_at`), plus
    sections (filtered by kinds), named claims and the focus's neighbourhood (one step when no
    distance is given). A view that names kinds but no section filters the whole paper: that is
    how an overview is declared. Ids that do not resolve are skipped here; the check reports them.
    """
    chosen: set[str] = set()
    if view.conclusion in linked.claims:
        chosen |= _branches(linked.relations, view.conclusion, view.depth, set(view.stop_at))
    if view.sections or view.kinds:
        for cid, claim in linked.claims.items():
            in_sections = not view.sections or linked.section_of.get(cid) in view.sections
            if in_sections and (not view.kinds or claim.kind in view.kinds):
                chosen.add(cid)
    chosen.update(cid for cid in view.claims if cid in linked.claims)
    if view.focus in linked.claims or view.context:
        adjacent = _adjacency(linked.relations)  # once per map: the walks below reuse it
        if view.focus in linked.claims:
            chosen |= _neighbourhood(adjacent, {view.focus}, view.distance or 1)
        if view.context:
            chosen |= _neighbourhood(adjacent, chosen, view.context)
    return [cid for cid in linked.claims if cid in chosen]


def _branches(relations: list[Relation], top: str, depth: int, stop_at: set[str]) -> set[str]:
    """`top` and the claims that argue for or against it, step by step, down to `depth` steps."""
    below: dict[str, list[str]] = {}
    for r in relations:
        if r.kind in ARGUING:
            below.setdefault(r.target, []).append(r.source)
    return _walk(below, {top}, depth, stop_at)


def _adjacency(relations: list[Relation]) -> dict[str, set[str]]:
    adjacent: dict[str, set[str]] = {}
    for r in relations:
        adjacent.setdefault(r.source, set()).add(r.target)
        adjacent.setdefault(r.target, set()).add(r.source)
    return adjacent


def _neighbourhood(adjacent: dict[str, set[str]], starts: set[str], distance: int) -> set[str]:
    """Claims within `distance` relation steps of any of `starts`, edges taken in either direction
    (one breadth-first walk from all of them at once)."""
    return _walk(adjacent, starts, distance)


def _walk(neighbours: Mapping[str, Iterable[str]], starts: set[str], limit: int,
          stop_at: Collection[str] = ()) -> set[str]:
    """The claims reached breadth-first from `starts` in at most `limit` steps, not going on past a
    claim of `stop_at` (other than a start)."""
    seen = dict.fromkeys(sorted(starts), 0)
    queue = deque(seen)
    while queue:
        current = queue.popleft()
        if seen[current] == limit or (current in stop_at and current not in starts):
            continue
        for nxt in neighbours.get(current, ()):
            if nxt not in seen:
                seen[nxt] = seen[current] + 1
                queue.append(nxt)
    return set(seen)


def relations_within(linked: LinkedReading, ids: list[str]) -> list[Relation]:
    """Relations with both ends in the map, once each, in paper order."""
    inside = set(ids)
    return list(dict.fromkeys(r for r in linked.relations if r.source in inside and r.target in inside))


def upper_and_lower(r: Relation) -> tuple[str, str]:
    """Which end of a relation is drawn above: the claim argued about, or the claim an implication
    follows from. Every arrow points from the lower box up to the upper one."""
    return (r.source, r.target) if r.kind == "leads_to" else (r.target, r.source)
