"""Graphviz's SVG made fit to inline in a page: links from the model, words for titles, map-scoped ids.

Every box is a link to its claim, the root is a labelled group (not an image, which would hide
the links), titles are words rather than Graphviz ids, and every id carries the map's id so
several maps can share a page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from typing import Callable

from ..errors import BuildToolsError, ToolMissingError
from ..kinds import KINDS
from ..linker import LinkedReading, Relation
from ..model import MapView
from .dot import edge_id, edge_title, node_title

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
MARKDOWN_SPECIAL = re.compile(r"[*_`\[\]{}~^\\]")
"""Characters Markdown's inline syntax would act on, written as character references: the SVG
may land inside a `markdown` block, where the text between tags is still read as Markdown.
They occur only in text and attribute values, where a reference means the same character."""
ID_SEPARATOR = "--"
"""Joins the map id to Graphviz's ids; content ids cannot contain it, so no clash with anchors."""


def run_dot(dot: str, map_id: str) -> str:
    """SVG from Graphviz; no shell, so nothing in the content can reach a command line."""
    program = shutil.which("dot")
    if program is None:
        raise ToolMissingError(
            "Graphviz 'dot' not found: install it with `apt-get install graphviz` (make site does this)")
    done = subprocess.run([program, "-Tsvg"], input=dot.encode("utf-8"), capture_output=True, timeout=120)
    if done.returncode != 0:
        raise BuildToolsError(f"Graphviz could not lay out map {map_id!r}: {done.stderr.decode(errors='replace')}")
    return done.stdout.decode("utf-8")


def run_dot_batch(dots: list[str], what: str) -> list[str]:
    """Several graphs laid out by one Graphviz process, one SVG each, in order: starting dot costs
    several times more than laying out a dozen boxes, so a reading's maps share one process."""
    if not dots:
        return []
    raw = run_dot("".join(dots), what)
    starts = [match.start() for match in re.finditer(r"<\?xml ", raw)]
    if len(starts) != len(dots):
        raise BuildToolsError(f"Graphviz returned {len(starts)} drawings for the {len(dots)} maps of {what!r}")
    return [raw[a:b] for a, b in zip(starts, [*starts[1:], len(raw)])]


def _tag(name: str) -> str:
    return f"{{{SVG_NS}}}{name}"


def accessible_svg(raw: str, linked: LinkedReading, view: MapView, relations: list[Relation],
                   claim_href: Callable[[str], str]) -> tuple[str, int, int]:
    """The SVG as a page inlines it, with its natural width and height in CSS pixels."""
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
        graph.set("id", "graph")  # Graphviz numbers the graphs of one run ("page0,1_graph0"): not ours to show
        for title in graph.findall(_tag("title")):
            graph.remove(title)  # the graph's name: the map's own <title> replaces it
        _paper_order(graph, linked, relations)
    prefix = view.id + ID_SEPARATOR
    for element in root.iter():
        if element.get("id"):
            element.set("id", prefix + element.get("id", ""))
    width, height = _label_root(root, view, prefix)
    for element in root.iter():
        # No blank lines or indentation: the SVG is pasted into Markdown, where either would end it.
        if element.text is not None and not element.text.strip():
            element.text = "\n"
        if element.tail is not None and not element.tail.strip():
            element.tail = "\n"
    return MARKDOWN_SPECIAL.sub(_reference, ET.tostring(root, encoding="unicode")) + "\n", width, height


def _reference(match: re.Match[str]) -> str:
    return f"&#{ord(match.group(0))};"


def _paper_order(graph: ET.Element, linked: LinkedReading, relations: list[Relation]) -> None:
    """Nodes in paper order, then edges in relation order: Tab and a screen reader walk the claims
    as the paper makes them, not in Graphviz's drawing order."""
    nodes = {child.get("id", "") for child in graph}
    place = {key: i for i, key in enumerate(f"node-{cid}" for cid in linked.claims if f"node-{cid}" in nodes)}
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
        link.set("aria-label", f"{KINDS[claim.kind].label}: {text}; opens the claim")


def _set_title(group: ET.Element, words: str) -> None:
    title = group.find(_tag("title"))
    if title is None:
        title = ET.Element(_tag("title"))
        group.insert(0, title)
    title.text = words


def _label_root(root: ET.Element, view: MapView, prefix: str) -> tuple[int, int]:
    """Drawn in CSS pixels at natural size (CSS lets it shrink, never grow), and a named group whose
    links stay visible to assistive technology."""
    box = [float(v) for v in (root.get("viewBox") or "0 0 0 0").split()]
    width, height = round(box[2]), round(box[3])
    root.set("width", str(width))
    root.set("height", str(height))
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
    return width, height
