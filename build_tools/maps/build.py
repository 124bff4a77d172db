"""One declared map, built: its claims chosen, laid out by Graphviz, with its legend, outline and tree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..kinds import KINDS, RELATIONS
from ..linker import LinkedReading, Relation
from ..model import RELATION_KINDS, MapView
from .dot import FONT_SIZE, GRAPH_DEFAULTS, box_text, dot_quote, edge_statement, node_statement
from .outline import Branch, OutlineItem, outline, tree
from .select import relations_within, select_claims, upper_and_lower
from .svg import accessible_svg, run_dot

PHONE_FONT = 10
"""Pixels: the smallest text a map may be scaled down to on a narrow screen before its tree
replaces it."""
PAGE_MARGIN = 32
"""Pixels a narrow page keeps beside its text column (Material's margins, both sides)."""
ACROSS = 4
"""Claims side by side under one claim, at most: four boxes fit the width a page gives a map."""
FIT_STEPS = (480, 600, 720, 840, 960, 1080, 1200)
"""Viewport widths the stylesheet knows (course.css: `.map-fits-<width>`)."""


@dataclass(frozen=True)
class LegendItem:
    """One swatch of a map's key: a kind (a box with its border) or a relation (a line and its head)."""

    kind_or_relation: str
    label: str
    description: str
    is_relation: bool
    line: str
    colour: str
    weight: float
    arrow: str = ""


@dataclass(frozen=True)
class ArgumentMap:
    id: str
    title: str
    description: str
    page: str | None
    """The section whose page shows it; None: the reading's home page."""
    svg: str
    width: int
    """Natural width in CSS pixels (the map never grows beyond it)."""
    height: int
    fits_from: int
    """The narrowest viewport (a step of FIT_STEPS) where the drawing keeps PHONE_FONT; below it
    the page shows the tree instead."""
    legend: list[LegendItem]
    outline: list[OutlineItem]
    tree: list[Branch]
    dot: str


@dataclass(frozen=True)
class PlannedMap:
    """A map before layout: its view, its claims and relations, and its DOT source."""

    view: MapView
    ids: list[str]
    relations: list[Relation]
    dot: str


def plan_map(linked: LinkedReading, view: MapView, claim_href: Callable[[str], str]) -> PlannedMap:
    ids = select_claims(linked, view)
    relations = relations_within(linked, ids)
    return PlannedMap(view, ids, relations, dot_source(linked, view, ids, relations, claim_href))


def finish_map(linked: LinkedReading, plan: PlannedMap, raw_svg: str, claim_href: Callable[[str], str]) -> ArgumentMap:
    """The map from Graphviz's SVG of its plan."""
    view, ids, relations = plan.view, plan.ids, plan.relations
    svg, width, height = accessible_svg(raw_svg, linked, view, relations, claim_href)
    return ArgumentMap(
        id=view.id, title=view.title, description=view.description, page=view.page, svg=svg,
        width=width, height=height, fits_from=fits_from(width),
        legend=legend(linked, ids, relations), outline=outline(linked, ids, relations, claim_href),
        tree=tree(linked, ids, relations, claim_href), dot=plan.dot,
    )


def finish_key(linked: LinkedReading, plan: PlannedMap, claim_href: Callable[[str], str]) -> tuple:
    """Everything of the reading that finish_map reads, as one key: the view's words and page, the
    DOT source (which decides the drawing), the relations, and the kind, text and address of each
    claim shown, in paper order. Two plans with equal keys finish into equal maps; a change to what
    finish_map reads must change this key too."""
    shown = set(plan.ids)
    claims = tuple((cid, claim.kind, claim.text, claim_href(cid)) for cid, claim in linked.claims.items() if cid in shown)
    view = plan.view
    return view.id, view.title, view.description, view.page, plan.dot, tuple(plan.ids), tuple(plan.relations), claims


def build_map(linked: LinkedReading, view: MapView, claim_href: Callable[[str], str]) -> ArgumentMap:
    """Lay out one declared map; `claim_href` says where a claim lives as seen from the map's page."""
    plan = plan_map(linked, view, claim_href)
    return finish_map(linked, plan, run_dot(plan.dot, view.id), claim_href)


def fits_from(width: int) -> int:
    """Where the drawing, scaled to the column, still draws its 12 px text at PHONE_FONT or more."""
    needed = width * PHONE_FONT / FONT_SIZE + PAGE_MARGIN
    return next((step for step in FIT_STEPS if step >= needed), FIT_STEPS[-1])


def legend(linked: LinkedReading, ids: list[str], relations: list[Relation]) -> list[LegendItem]:
    """Only what this map uses, kinds first, each in its canonical order."""
    kinds = {linked.claims[cid].kind for cid in ids}
    used = {r.kind for r in relations}
    items = [LegendItem(k, s.label, s.meaning, False, s.line, s.ink, s.weight) for k, s in KINDS.items() if k in kinds]
    items += [LegendItem(k, RELATIONS[k].label, RELATIONS[k].meaning, True, RELATIONS[k].line, RELATIONS[k].colour,
                         RELATIONS[k].weight, RELATIONS[k].arrow) for k in RELATION_KINDS if k in used]
    return items


def second_row(ids: list[str], relations: list[Relation]) -> list[tuple[str, str]]:
    """Where a claim has more than ACROSS claims under it, its last leaves (claims with nothing
    under them) go one row lower, each held there by an invisible edge from its first sibling:
    the map grows down instead of across."""
    below: dict[str, list[str]] = {}
    for r in relations:
        upper, lower = upper_and_lower(r)
        below.setdefault(upper, []).append(lower)
    place = {cid: i for i, cid in enumerate(ids)}
    pairs = []
    for upper in ids:
        children = sorted(dict.fromkeys(below.get(upper, [])), key=place.__getitem__)
        if len(children) <= ACROSS:
            continue
        leaves = [c for c in children if not below.get(c)]
        moved = leaves[len(leaves) - min(len(leaves), len(children) - ACROSS):]
        anchor = next(c for c in children if c not in moved)
        pairs += [(anchor, m) for m in moved]
    return pairs


def dot_source(linked: LinkedReading, view: MapView, ids: list[str], relations: list[Relation],
               claim_href: Callable[[str], str]) -> str:
    """The graph in DOT. Node names are claim ids and statements follow paper order, so the
    layout depends on the structure and on nothing else that could change between builds."""
    lines = [f"digraph {dot_quote(view.id)} {{", *GRAPH_DEFAULTS]
    for order, cid in enumerate(ids):
        claim = linked.claims[cid]
        lines.append(node_statement(cid, claim.kind, box_text(claim.text, claim.label), claim_href(cid), order))
    theses = [cid for cid in ids if linked.claims[cid].kind == "thesis"]
    if theses:
        lines.append("  { rank=min; " + " ".join(f"{dot_quote(cid)};" for cid in theses) + " }")
    lines += [edge_statement(r) for r in relations]
    lines += [f"  {dot_quote(anchor)} -> {dot_quote(moved)} [style=invis];" for anchor, moved in second_row(ids, relations)]
    lines.append("}")
    return "\n".join(lines) + "\n"
