"""(e) "Complete the map": a declared map (maps.yaml) as its tree, two to four boxes left blank, each
filled by choosing from a list.

The tree is the one the maps stage gives the page (maps/outline.py), computed here from the same
selection without Graphviz, so the check stage can list exercise ids. A blank box is never a top box
with nothing under it, never a claim the tree shows twice, and no two blanks could swap: a claim offered for a
box never stands in that box's relation to the box above (it would be a second right answer).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from ..maps.outline import Branch, tree
from ..maps.select import relations_within, select_claims
from ..model import MapView
from .graph import Graph, stable_shuffle
from .model import Blank, Exercise, MapNode, Option

PROMPT = ("Some boxes of this map are blank. For each blank, choose the claim that belongs there: "
          "it stands to the box above it as the map says.")
FEWEST_BOXES = 5


def fits(graph: Graph, cid: str, upper: str, relation: str) -> bool:
    """Whether ``cid`` stands to ``upper`` as a box under it with ``relation`` (maps/outline words)."""
    if relation == "Leads to":
        return cid in graph.targets("leads_to", upper)
    kind = {"Reason": "supports", "Objection": "objects_to", "Reply": "rebuts"}[relation]
    return upper in graph.targets(kind, cid)


def map_section(graph: Graph, view: MapView, ids: list[str]) -> str:
    """Where a map's exercise is practised: the section whose page shows the map, or for a map of
    the home page, the section of its first claim in the paper (the thesis's, for an overview)."""
    return view.page or graph.linked.section_of[ids[0]]


@dataclass(frozen=True)
class Place:
    """A box of the tree that could be left blank: its claim, the box above and how it stands to it
    (None at the top), and the boxes under it with theirs."""

    claim: str
    upper: str | None
    relation: str | None
    below: tuple[tuple[str, str], ...]


def stands(graph: Graph, cid: str, place: Place) -> bool:
    """Whether ``cid`` stands in any relation the box shows: to the box above, or to a box below.
    Such a claim could be argued to belong in the box, so it is never a wrong choice for it."""
    if place.upper is not None and place.relation and fits(graph, cid, place.upper, place.relation):
        return True
    return any(fits(graph, child, cid, relation) for child, relation in place.below)


def map_exercises(graph: Graph) -> list[Exercise]:
    found = []
    for view in graph.linked.reading.maps:
        ids = select_claims(graph.linked, view)
        if len(ids) < FEWEST_BOXES or (view.page and view.page not in graph.linked.sections):
            continue  # a page that names no section is the check's to report (C101)
        branches = tree(graph.linked, ids, relations_within(graph.linked, ids), graph.addresses.claim)
        eid = f"complete-{view.id}"
        blanks = _choose_blanks(graph, branches, eid, min(4, max(2, len(ids) // 3)), view.title)
        if len(blanks) < 2:
            continue
        keys = {place.claim: string.ascii_lowercase[i] for i, place in enumerate(blanks)}
        section = map_section(graph, view, ids)
        home = next((c for c in ids if graph.linked.section_of[c] == section), ids[0])
        outside = graph.near(home, [c for c in graph.linked.claims if c not in set(ids)])
        made = []
        for place in blanks:
            cid = place.claim
            extra = next((c for c in outside if not stands(graph, c, place) and not graph.same_text(c, cid)), None)
            offered = [b.claim for b in blanks] + ([extra] if extra else [])
            options = [Option(c, graph.ref(c).text, c == cid, graph.ref(c)) for c in offered]
            made.append(Blank(keys[cid], graph.ref(cid),
                              tuple(stable_shuffle(options, f"{eid}-{cid}", key=lambda o: o.key))))
        found.append(Exercise(
            id=eid, reading=graph.linked.id, section=section, type="map", mode="map",
            prompt=PROMPT, map_id=view.id, map_title=view.title,
            tree=tuple(_node(graph, b, keys) for b in branches), blanks=tuple(made),
            tests=tuple(b.claim for b in blanks),
        ))
    return found


def named_by(title: str, text: str) -> bool:
    """Whether a map's title names a claim: most of the title's longer words are in the claim's text."""
    words = {w for w in re.findall(r"[a-z0-9']+", title.lower()) if len(w) > 3}
    found = {w for w in words if w in set(re.findall(r"[a-z0-9']+", text.lower()))}
    return bool(words) and len(found) * 2 > len(words)


def _choose_blanks(graph: Graph, branches: list[Branch], seed: str, count: int, title: str) -> list[Place]:
    """The boxes left blank, in tree order: claims the tree shows once (a top box only if it has
    boxes under it), no two of which could swap places."""
    shown: dict[str, int] = {}
    places: list[Place] = []

    def walk(b: Branch, upper: str | None) -> None:
        shown[b.claim_id] = shown.get(b.claim_id, 0) + 1
        below = tuple((c.claim_id, c.relation) for c in b.children if c.relation)
        if upper is not None or below:
            places.append(Place(b.claim_id, upper, b.relation, below))
        for child in b.children:
            walk(child, b.claim_id)

    for b in branches:
        walk(b, None)
    places = [p for p in places if shown[p.claim] == 1]
    chosen: list[Place] = []
    # First blanks that do not touch (each then has a filled box beside it) and are neither a top box
    # nor a claim the map's title names (the title, shown, would give it away); then touching ones;
    # a top or named box only where nothing else will do.
    for touch, top in ((False, False), (True, False), (True, True)):
        for place in stable_shuffle(places, seed, key=lambda p: p.claim):
            exposed = place.upper is None or named_by(title, graph.linked.claims[place.claim].text)
            if len(chosen) == count or place in chosen or (exposed and not top):
                continue
            if not touch and any(place.claim == p.upper or p.claim == place.upper for p in chosen):
                continue
            if not any(stands(graph, p.claim, place) or stands(graph, place.claim, p) for p in chosen):
                chosen.append(place)
    return sorted(chosen, key=places.index)


def _node(graph: Graph, b: Branch, keys: dict[str, str]) -> MapNode:
    blank = keys.get(b.claim_id)
    return MapNode(claim=None if blank else graph.ref(b.claim_id), blank=blank, relation=b.relation,
                   children=tuple(_node(graph, c, keys) for c in b.children))
