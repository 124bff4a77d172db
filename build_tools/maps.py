"""Argument maps: choose a declared view's claims, lay them out with Graphviz, make the SVG accessible.

The SVG is meant to be inlined in a page: every node is a link to its claim, the root is a
labelled group (not an image, which would hide the links), titles are words rather than
Graphviz ids, and every id carries the map's id so several maps can share a page.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

from .errors import BuildToolsError, ToolMissingError
from .linker import LinkedReading, Relation
from .maps_style import (GRAPH_DEFAULTS, KIND_STYLES, RELATION_STYLES, dot_quote, edge_id, edge_statement,
                         edge_title, node_statement, node_title)
from .model import RELATION_KINDS, MapView

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
MARKDOWN_SAFE = str.maketrans({c: f"&#{ord(c)};" for c in "*_`[]{}~^\\"})
"""Characters Markdown's inline syntax would act on, written as character references: the SVG
may land inside a `markdown` block, where the text between tags is still read as Markdown.
They occur only in text and attribute values, where a reference means the same character."""
ID_SEPARATOR = "--"
"""Joins the map id to Graphviz's ids; content ids cannot contain it, so no clash with anchors."""


@dataclass(frozen=True)
class LegendItem:
    kind_or_relation: str
    label: str
    description: str


@dataclass(frozen=True)
class OutlineItem:
    """One claim of the map with its neighbours in the map: the text twin of the drawing."""

    claim_id: str
    kind: str
    text: str
    href: str
    supports: list[str] = field(default_factory=list)
    """Claims of the map that support this one."""
    objections: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    """Rebuttals of this claim's objections (or of this claim itself, when it is an objection)."""
    leads_to: list[str] = field(default_factory=list)
    """Claims of the map that follow from this one."""


@dataclass(frozen=True)
class ArgumentMap:
    id: str
    title: str
    description: str
    svg: str
    legend: list[LegendItem]
    outline: list[OutlineItem]
    dot: str


# --- which claims -----------------------------------------------------------------


def select_claims(linked: LinkedReading, view: MapView) -> list[str]:
    """The claim ids a view shows, in paper order.

    Sections (filtered by kinds) plus named claims plus the focus's neighbourhood (one step when
    no distance is given). A view that names kinds but no section filters the whole paper: that
    is how an overview is declared.
    Ids that do not resolve are skipped here; the check stage reports them.
    """
    chosen: set[str] = set()
    if view.sections or view.kinds:
        for cid, claim in linked.claims.items():
            in_sections = not view.sections or linked.section_of.get(cid) in view.sections
            if in_sections and (not view.kinds or claim.kind in view.kinds):
                chosen.add(cid)
    chosen.update(cid for cid in view.claims if cid in linked.claims)
    if view.focus in linked.claims:
        chosen |= _neighbourhood(linked.relations, view.focus, view.distance or 1)
    if view.context:
        for cid in list(chosen):
            chosen |= _neighbourhood(linked.relations, cid, view.context)
    return [cid for cid in linked.claims if cid in chosen]


def _neighbourhood(relations: list[Relation], start: str, distance: int) -> set[str]:
    """Claims within `distance` relation steps of `start`, edges taken in either direction."""
    adjacent: dict[str, set[str]] = {}
    for r in relations:
        adjacent.setdefault(r.source, set()).add(r.target)
        adjacent.setdefault(r.target, set()).add(r.source)
    seen, queue = {start: 0}, deque([start])
    while queue:
        current = queue.popleft()
        if seen[current] == distance:
            continue
        for nxt in adjacent.get(current, ()):
            if nxt not in seen:
                seen[nxt] = seen[current] + 1
                queue.append(nxt)
    return set(seen)


def _relations_within(linked: LinkedReading, ids: list[str]) -> list[Relation]:
    """Relations with both ends in the map, once each, in paper order."""
    inside = set(ids)
    return list(dict.fromkeys(r for r in linked.relations if r.source in inside and r.target in inside))


# --- the map ----------------------------------------------------------------------


def build_map(linked: LinkedReading, view: MapView, claim_href: Callable[[str], str]) -> ArgumentMap:
    """Lay out one declared map; `claim_href` says where a claim lives as seen from the map's page."""
    ids = select_claims(linked, view)
    relations = _relations_within(linked, ids)
    dot = dot_source(linked, view, ids, relations, claim_href)
    svg = _accessible_svg(run_dot(dot, view.id), linked, view, relations, claim_href)
    return ArgumentMap(
        id=view.id, title=view.title, description=view.description, svg=svg,
        legend=_legend(linked, ids, relations), outline=_outline(linked, ids, relations, claim_href), dot=dot,
    )


def _legend(linked: LinkedReading, ids: list[str], relations: list[Relation]) -> list[LegendItem]:
    """Only what this map uses, kinds first, each in its canonical order."""
    kinds = {linked.claims[cid].kind for cid in ids}
    used = {r.kind for r in relations}
    items = [LegendItem(k, s.label, f"{s.meaning} ({s.look})") for k, s in KIND_STYLES.items() if k in kinds]
    items += [LegendItem(k, RELATION_STYLES[k].label, f"{RELATION_STYLES[k].meaning} ({RELATION_STYLES[k].look})")
              for k in RELATION_KINDS if k in used]
    return items


def _outline(linked: LinkedReading, ids: list[str], relations: list[Relation],
             claim_href: Callable[[str], str]) -> list[OutlineItem]:
    def sources(kind: str, targets: set[str]) -> list[str]:
        return list(dict.fromkeys(r.source for r in relations if r.kind == kind and r.target in targets))

    items = []
    for cid in ids:
        claim = linked.claims[cid]
        objections = sources("objects_to", {cid})
        items.append(OutlineItem(
            claim_id=cid, kind=claim.kind, text=claim.text, href=claim_href(cid),
            supports=sources("supports", {cid}), objections=objections,
            answers=sources("rebuts", {cid, *objections}),
            leads_to=[r.target for r in relations if r.kind == "leads_to" and r.source == cid],
        ))
    return items


# --- DOT --------------------------------------------------------------------------


def dot_source(linked: LinkedReading, view: MapView, ids: list[str], relations: list[Relation],
               claim_href: Callable[[str], str]) -> str:
    """The graph in DOT. Node names are claim ids and statements follow paper order, so the
    layout depends on the structure and on nothing else that could change between builds."""
    lines = [f"digraph {dot_quote(view.id)} {{", *GRAPH_DEFAULTS]
    for order, cid in enumerate(ids):
        claim = linked.claims[cid]
        lines.append(node_statement(cid, claim.kind, claim.text, claim_href(cid), order))
    theses = [cid for cid in ids if linked.claims[cid].kind == "thesis"]
    if theses:
        lines.append("  { rank=min; " + " ".join(f"{dot_quote(cid)};" for cid in theses) + " }")
    lines += [edge_statement(r) for r in relations]
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- layout -----------------------------------------------------------------------


def run_dot(dot: str, map_id: str) -> str:
    """SVG from Graphviz; no shell, so nothing in the content can reach a command line."""
    program = shutil.which("dot")
    if program is None:
        raise ToolMissingError(
            "Graphviz 'dot' not found: install it with `apt-get install graphviz` (make site does this)")
    return _layout(program, dot, map_id)


@functools.lru_cache(maxsize=256)
def _layout(program: str, dot: str, map_id: str) -> str:
    """Remembered per DOT source: the layout depends on nothing else, so the live preview lays out
    again only the maps that an edit changed."""
    done = subprocess.run([program, "-Tsvg"], input=dot.encode("utf-8"), capture_output=True, timeout=120)
    if done.returncode != 0:
        raise BuildToolsError(f"Graphviz could not lay out map {map_id!r}: {done.stderr.decode(errors='replace')}")
    return done.stdout.decode("utf-8")


# --- SVG post-processing ----------------------------------------------------------


def _tag(name: str) -> str:
    return f"{{{SVG_NS}}}{name}"


def _accessible_svg(raw: str, linked: LinkedReading, view: MapView, relations: list[Relation],
                    claim_href: Callable[[str], str]) -> str:
    # ElementTree drops the prolog, the DOCTYPE and Graphviz's comments (its version among them),
    # and escapes every text and attribute it writes back.
    root = ET.fromstring(raw)
    edge_titles = {edge_id(r): _edge_words(linked, r) for r in relations}
    for group in root.iter(_tag("g")):
        gid, classes = group.get("id", ""), group.get("class", "").split()
        if "node" in classes and gid.startswith("node-"):
            _label_node(group, linked, gid.removeprefix("node-"), claim_href)
        elif "edge" in classes and gid in edge_titles:
            _set_title(group, edge_titles[gid])
    graph = root.find(_tag("g"))
    if graph is not None:
        for title in graph.findall(_tag("title")):
            graph.remove(title)  # the graph's name: the map's own <title> replaces it
        _paper_order(graph, linked, relations)
    prefix = view.id + ID_SEPARATOR
    for element in root.iter():
        if element.get("id"):
            element.set("id", prefix + element.get("id", ""))
    _label_root(root, view, prefix)
    for element in root.iter():
        # No blank lines or indentation: the SVG is pasted into Markdown, where either would end it.
        if element.text is not None and not element.text.strip():
            element.text = "\n"
        if element.tail is not None and not element.tail.strip():
            element.tail = "\n"
    return ET.tostring(root, encoding="unicode").translate(MARKDOWN_SAFE) + "\n"


def _paper_order(graph: ET.Element, linked: LinkedReading, relations: list[Relation]) -> None:
    """Nodes in paper order, then edges in relation order: Tab and a screen reader walk the claims
    as the paper makes them, not in Graphviz's drawing order."""
    place = {f"node-{cid}": i for i, cid in enumerate(linked.claims)}
    place |= {edge_id(r): len(place) + i for i, r in enumerate(relations)}
    # Anything else (the background) stays first, in its own order: the sort is stable.
    graph[:] = sorted(graph, key=lambda child: place.get(child.get("id", ""), -1))


def _edge_words(linked: LinkedReading, r: Relation) -> str:
    source, target = linked.claims[r.source], linked.claims[r.target]
    return edge_title(source.kind, source.text, r.kind, target.kind, target.text)


def _label_node(group: ET.Element, linked: LinkedReading, cid: str, claim_href: Callable[[str], str]) -> None:
    claim = linked.claims[cid]
    _set_title(group, node_title(claim.kind, claim.text))
    text = " ".join(claim.text.split())
    for link in group.iter(_tag("a")):
        # Set from the model, not left to Graphviz, whose escape handling differs between versions.
        link.set(f"{{{XLINK_NS}}}href", claim_href(cid))
        link.set("href", claim_href(cid))  # SVG 2's plain href: what accessibility tools count as a link
        link.set(f"{{{XLINK_NS}}}title", text)
        link.set("aria-label", f"{KIND_STYLES[claim.kind].label}: {text}; opens the claim")


def _set_title(group: ET.Element, words: str) -> None:
    title = group.find(_tag("title"))
    if title is None:
        title = ET.Element(_tag("title"))
        group.insert(0, title)
    title.text = words


def _label_root(root: ET.Element, view: MapView, prefix: str) -> None:
    """Scalable, and a named group whose links stay visible to assistive technology."""
    # The natural width stays, so wide maps scroll instead of shrinking to unreadable text;
    # the height follows from the viewBox.
    root.attrib.pop("height", None)
    root.set("class", "argument-map")
    root.set("role", "group")
    root.set("aria-labelledby", prefix + "title")
    root.set("aria-describedby", prefix + "desc")
    title = ET.Element(_tag("title"), id=prefix + "title")
    title.text = " ".join(view.title.split())  # one line each: a line break could start a Markdown block
    desc = ET.Element(_tag("desc"), id=prefix + "desc")
    desc.text = " ".join(view.description.split())
    root.insert(0, desc)
    root.insert(0, title)
