"""Argument maps and argument exports, on a seven-claim reading built in the test."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_tools.argument_export import argdown_text, to_aif, to_argdown
from build_tools.errors import ToolMissingError
from build_tools.linker import LinkedReading, link
from build_tools.maps import build_map, maps_on_page, select_claims
from build_tools.maps import svg as map_svg
from build_tools.maps.build import second_row
from build_tools.maps.dot import TEXT_WIDTH, wrap
from build_tools.maps.metrics import text_width
from build_tools.model import Claim, ClaimFile, MapView, Reading, ReadingMeta, Section

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")

CLAIMS = {
    "opening": [
        dict(id="bridge-thesis", kind="thesis", text="Bridges belong where rivers are narrow."),
        dict(id="cost-evidence", kind="evidence", text="Narrow crossings cost less to span.", supports=["bridge-thesis"]),
        dict(id="safety-claim", kind="claim", text="Short spans are safer in floods.", supports=["bridge-thesis"]),
        dict(id="flood-example", kind="example", text="The 1990 flood spared the short bridge.",
             supports=["safety-claim"]),
    ],
    "answers": [
        dict(id="traffic-objection", kind="objection", text="Traffic may not pass where the river is narrow.",
             objects_to=["bridge-thesis"]),
        dict(id="roads-rebuttal", kind="rebuttal", text="Roads can be laid to meet the bridge.",
             rebuts=["traffic-objection"]),
        dict(id="towns-implication", kind="implication", text="Towns should plan roads around narrow points.",
             leads_to=[]),
    ],
}


def make_linked(**texts: str) -> LinkedReading:
    """The fixture reading; keyword arguments replace a claim's text (claim id with '_' for '-')."""
    files = []
    for section, claims in CLAIMS.items():
        built = []
        for number, spec in enumerate(claims, start=1):
            spec = dict(spec, paragraph=number)
            spec["text"] = texts.get(spec["id"].replace("-", "_"), spec["text"])
            built.append(Claim(**spec))
        files.append(ClaimFile(section=section, claims=built))
    # The thesis leads to the implication, so the map has all four relation kinds.
    thesis = files[0].claims[0].model_copy(update={"leads_to": ["towns-implication"]})
    files[0] = files[0].model_copy(update={"claims": [thesis, *files[0].claims[1:]]})
    reading = Reading(
        folder=Path("."), meta=ReadingMeta(id="mini", title="Bridges", author="Test Author"),
        sections=[Section(id="opening", title="Opening"), Section(id="answers", title="Answers")],
        claim_files=files, footnotes=[], sources=[], teaching=[], terms=[], actors=[], events=[],
        figures=[], maps=[],
    )
    return link(reading)


def href(claim_id: str) -> str:
    return f"../claims/#{claim_id}"


ALL = MapView(id="overview", title="The whole argument", description="Every claim & relation.",
              sections=["opening", "answers"])
ALL_IDS = [c["id"] for claims in CLAIMS.values() for c in claims]


def nodes(svg: str) -> dict[str, ET.Element]:
    """Claim id -> the node's <g>, read back from the SVG."""
    root = ET.fromstring(svg)
    found = {}
    for g in root.iter(f"{SVG}g"):
        if "node" in g.get("class", "").split():
            found[re.sub(r"^.*--node-", "", g.get("id", ""))] = g
    return found


# --- selection --------------------------------------------------------------------


def test_select_by_section_keeps_paper_order() -> None:
    linked = make_linked()
    view = MapView(id="m", title="t", description="d", sections=["answers"])
    assert select_claims(linked, view) == ["traffic-objection", "roads-rebuttal", "towns-implication"]


def test_select_by_kind_within_sections_and_across_the_paper() -> None:
    linked = make_linked()
    in_opening = MapView(id="m", title="t", description="d", sections=["opening"], kinds=["evidence", "example"])
    assert select_claims(linked, in_opening) == ["cost-evidence", "flood-example"]
    overview = MapView(id="m", title="t", description="d", kinds=["thesis", "implication"])
    assert select_claims(linked, overview) == ["bridge-thesis", "towns-implication"]


def test_select_by_focus_and_distance_in_either_direction() -> None:
    linked = make_linked()
    near = MapView(id="m", title="t", description="d", focus="safety-claim", distance=1)
    assert select_claims(linked, near) == ["bridge-thesis", "safety-claim", "flood-example"]
    far = MapView(id="m", title="t", description="d", focus="safety-claim", distance=2)
    assert select_claims(linked, far) == [
        "bridge-thesis", "cost-evidence", "safety-claim", "flood-example", "traffic-objection", "towns-implication"]


def test_select_adds_named_claims_and_skips_unknown_ids() -> None:
    linked = make_linked()
    view = MapView(id="m", title="t", description="d", sections=["answers"], claims=["bridge-thesis", "nowhere"],
                   focus="missing")
    assert select_claims(linked, view) == ["bridge-thesis", "traffic-objection", "roads-rebuttal", "towns-implication"]


# --- the drawing ------------------------------------------------------------------


@needs_dot
def test_every_node_links_to_its_claim_with_a_readable_name() -> None:
    svg = build_map(make_linked(), ALL, href).svg
    found = nodes(svg)
    assert list(found) == ALL_IDS
    for cid, g in found.items():
        links = list(g.iter(f"{SVG}a"))
        assert len(links) == 1
        assert links[0].get(f"{XLINK}href") == href(cid)
        assert links[0].get("aria-label", "").endswith("; opens the claim")
        assert cid not in g.findtext(f"{SVG}title", "")
    assert nodes(svg)["bridge-thesis"].findtext(f"{SVG}title") == "Thesis: Bridges belong where rivers are narrow."
    assert "kind-objection" in found["traffic-objection"].get("class", "")


@needs_dot
def test_edge_titles_are_sentences_not_graph_ids() -> None:
    root = ET.fromstring(build_map(make_linked(), ALL, href).svg)
    titles = [g.findtext(f"{SVG}title", "") for g in root.iter(f"{SVG}g") if "edge" in g.get("class", "")]
    assert 'Evidence “Narrow crossings cost less to span.” supports thesis “Bridges belong where rivers are narrow.”' \
        in titles
    assert len(titles) == 6
    assert titles[0].startswith("Thesis “Bridges belong where rivers are narrow.” leads to implication")
    assert not any("->" in t or "&#45;" in t for t in titles)


@needs_dot
def test_root_is_a_labelled_group_that_scales() -> None:
    svg = build_map(make_linked(), ALL, href).svg
    assert not svg.startswith("<?xml") and "<!DOCTYPE" not in svg and "<!--" not in svg
    assert 'role="img"' not in svg and "\n\n" not in svg
    root = ET.fromstring(svg)
    assert root.get("role") == "group" and root.get("class") == "argument-map"
    # drawn in CSS pixels: the natural size is the viewBox's, so 12 px text is 12 px on the page
    box = [float(v) for v in root.get("viewBox", "").split()]
    assert (root.get("width"), root.get("height")) == (str(round(box[2])), str(round(box[3])))
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id"), title.text) == (f"{SVG}title", root.get("aria-labelledby"), ALL.title)
    assert (desc.tag, desc.get("id"), desc.text) == (f"{SVG}desc", root.get("aria-describedby"), ALL.description)


@needs_dot
def test_ids_carry_the_map_id_so_two_maps_share_a_page() -> None:
    linked = make_linked()
    other = MapView(id="map-opening", title="Opening", description="d", sections=["opening"])
    ids = [{e.get("id") for e in ET.fromstring(build_map(linked, v, href).svg).iter() if e.get("id")}
           for v in (ALL, other)]
    assert all(i.startswith("overview--") for i in ids[0]) and all(i.startswith("map-opening--") for i in ids[1])
    assert not ids[0] & ids[1]


@needs_dot
def test_legend_lists_exactly_the_kinds_and_relations_used() -> None:
    linked = make_linked()
    answers = MapView(id="m", title="t", description="d", sections=["answers"])
    legend = build_map(linked, answers, href).legend
    # The objection's target (the thesis) is not in this map, so "objects to" is not drawn.
    assert [item.kind_or_relation for item in legend] == ["implication", "objection", "rebuttal", "rebuts"]
    everything = [item.kind_or_relation for item in build_map(linked, ALL, href).legend]
    assert everything == ["thesis", "implication", "claim", "evidence", "example", "objection", "rebuttal",
                          "supports", "objects_to", "rebuts", "leads_to"]
    assert [i.is_relation for i in legend] == [False, False, False, True]


@needs_dot
def test_outline_gives_the_same_graph_in_words() -> None:
    outline = {item.claim_id: item for item in build_map(make_linked(), ALL, href).outline}
    thesis = outline["bridge-thesis"]
    assert thesis.supports == ["cost-evidence", "safety-claim"]
    assert thesis.objections == ["traffic-objection"] and thesis.answers == ["roads-rebuttal"]
    assert thesis.leads_to == ["towns-implication"] and thesis.href == href("bridge-thesis")
    assert outline["traffic-objection"].answers == ["roads-rebuttal"]


@needs_dot
def test_two_builds_are_byte_identical() -> None:
    first, second = build_map(make_linked(), ALL, href), build_map(make_linked(), ALL, href)
    assert first.svg == second.svg and first.dot == second.dot
    assert "graphviz version" not in first.svg.lower()


def shapes(svg: str) -> dict[str, tuple[str, ...]]:
    """Each node's outline coordinates."""
    return {cid: tuple(e.get("points") or e.get("d") or "" for e in g.iter()
                       if e.tag in (f"{SVG}polygon", f"{SVG}path", f"{SVG}ellipse"))
            for cid, g in nodes(svg).items()}


@needs_dot
def test_rewording_one_claim_moves_no_other_node() -> None:
    before = shapes(build_map(make_linked(), ALL, href).svg)
    after = shapes(build_map(make_linked(flood_example="A flood in 1990 left the short bridge standing."),
                             ALL, href).svg)
    assert {k: v for k, v in before.items() if k != "flood-example"} == \
        {k: v for k, v in after.items() if k != "flood-example"}


@needs_dot
def test_a_longer_claim_keeps_the_rank_and_left_to_right_order() -> None:
    def order(svg: str) -> list[tuple[float, float, str]]:
        result = []
        for cid, g in nodes(svg).items():
            text = g.find(f".//{SVG}text")
            assert text is not None
            result.append((float(text.get("y", 0)), float(text.get("x", 0)), cid))
        return [cid for _, _, cid in sorted(result)]  # type: ignore[misc]

    long_text = "The 1990 flood, the worst in a century, spared the short bridge while it swept away both " \
                "long bridges downstream and the ferry landing."
    assert order(build_map(make_linked(), ALL, href).svg) == \
        order(build_map(make_linked(flood_example=long_text), ALL, href).svg)


@needs_dot
def test_hostile_text_is_escaped_everywhere() -> None:
    hostile = '<script>alert("x")</script> & \\N "quoted" ]]> <!-- c -->'
    view = ALL.model_copy(update={"title": "<script>t</script>", "description": "</desc><script>d"})
    result = build_map(make_linked(cost_evidence=hostile), view, href)
    assert "<script" not in result.svg and "<!-- c" not in result.svg
    assert "&lt;script&gt;" in result.svg
    link_ = next(nodes(result.svg)["cost-evidence"].iter(f"{SVG}a"))
    assert link_.get(f"{XLINK}title") == hostile
    # The DOT source keeps the text inside one quoted string.
    assert '\\"quoted\\"' in result.dot and "\\\\N" in result.dot


@needs_dot
def test_a_long_paraphrase_is_wrapped_whole_never_cut() -> None:
    long_text = " ".join(f"word{i}" for i in range(80))
    result = build_map(make_linked(safety_claim=long_text), ALL, href)
    texts = [t.text or "" for t in nodes(result.svg)["safety-claim"].iter(f"{SVG}text")]
    assert texts[0] == "CLAIM" and " ".join(texts[1:]) == long_text
    assert not any("…" in t for t in texts)
    assert all(text_width(t, 12) <= TEXT_WIDTH for t in texts)


def test_wrapping_measures_the_font_and_breaks_only_an_overlong_word() -> None:
    assert wrap("iiii iiii iiii", width=60) == ["iiii iiii iiii"]  # narrow letters: one line
    assert wrap("MMMM MMMM MMMM", width=60) == ["MMMM", "MMMM", "MMMM"]
    assert "".join(wrap("x" * 100, width=60)) == "x" * 100
    assert all(text_width(line, 12) <= 60 for line in wrap("x" * 100, width=60))


@needs_dot
def test_a_label_stands_in_the_box_and_the_paraphrase_in_its_title() -> None:
    linked = make_linked()
    claim = linked.claims["bridge-thesis"].model_copy(update={"label": "Build bridges at narrow points"})
    linked.claims["bridge-thesis"] = claim
    result = build_map(linked, ALL, href)
    node = nodes(result.svg)["bridge-thesis"]
    assert [t.text for t in node.iter(f"{SVG}text")] == ["THESIS", "Build bridges at narrow points"]
    assert node.findtext(f"{SVG}title") == "Thesis: Bridges belong where rivers are narrow."
    assert next(node.iter(f"{SVG}a")).get(f"{XLINK}title") == "Bridges belong where rivers are narrow."
    top = result.tree[0]
    assert (top.claim_id, top.text) == ("bridge-thesis", "Bridges belong where rivers are narrow.")


def test_missing_graphviz_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(map_svg.shutil, "which", lambda name: None)
    with pytest.raises(ToolMissingError, match="apt-get install graphviz"):
        build_map(make_linked(), ALL, href)


# --- exports ----------------------------------------------------------------------


def test_aif_json_shape() -> None:
    aif = json.loads(json.dumps(to_aif(make_linked())))
    assert set(aif) == {"nodes", "edges", "locutions"} and aif["locutions"] == []
    by_id = {n["nodeID"]: n for n in aif["nodes"]}
    assert len(by_id) == len(aif["nodes"])
    assert [n["nodeID"] for n in aif["nodes"] if n["type"] == "I"] == ALL_IDS
    assert by_id["cost-evidence"]["text"] == "Narrow crossings cost less to span."
    for edge in aif["edges"]:
        assert edge["fromID"] in by_id and edge["toID"] in by_id
    assert len({e["edgeID"] for e in aif["edges"]}) == len(aif["edges"])

    def scheme_between(source: str, target: str) -> str:
        into = {e["toID"] for e in aif["edges"] if e["fromID"] == source}
        (scheme,) = [e["fromID"] for e in aif["edges"] if e["toID"] == target and e["fromID"] in into]
        return by_id[scheme]["type"]

    assert scheme_between("cost-evidence", "bridge-thesis") == "RA"
    assert scheme_between("bridge-thesis", "towns-implication") == "RA"
    assert scheme_between("traffic-objection", "bridge-thesis") == "CA"
    assert scheme_between("roads-rebuttal", "traffic-objection") == "CA"
    assert to_aif(make_linked()) == to_aif(make_linked())


def test_argdown_has_every_claim_section_and_relation() -> None:
    text = to_argdown(make_linked())
    for cid in ALL_IDS:
        assert re.search(rf"^\[{cid}\]: .+ #\S+$", text, re.M)
    assert "# Opening" in text and "# Answers" in text
    thesis_block = text.split("[bridge-thesis]:")[1].split("\n\n")[0]
    assert "  + [cost-evidence]" in thesis_block and "  - [traffic-objection]" in thesis_block
    assert "+> [towns-implication]" not in text  # leads_to is an argument of its own, not plain support
    assert "<bridge-thesis leads to towns-implication>: " in text and "(2) [towns-implication]" in text
    assert "  - [roads-rebuttal]" in text.split("[traffic-objection]:")[1].split("\n\n")[0]
    assert text == to_argdown(make_linked())


def test_argdown_escapes_its_own_syntax() -> None:
    assert argdown_text("U.S. #1 [a] <b> *c* _d_ {e} // f") == \
        "U\\.S. \\#1 \\[a\\] \\<b\\> \\*c\\* \\_d\\_ \\{e\\} \\// f"


@needs_dot
def test_markdown_leaves_the_svg_alone_inside_a_markdown_block() -> None:
    markdown = pytest.importorskip("markdown")
    text = "The U.S. *really* spends __more__ on `code`, [links](y), {: .x} and_snake_case \\*."
    result = build_map(make_linked(cost_evidence=text), ALL, href)
    page = f'<figure markdown>\n{result.svg}\n<figcaption>c</figcaption>\n</figure>\n'
    html = markdown.markdown(page, extensions=["md_in_html", "attr_list", "footnotes", "abbr"])
    assert html[html.index("<svg"):html.index("</svg>") + len("</svg>")] == result.svg.strip()
    assert next(nodes(result.svg)["cost-evidence"].iter(f"{SVG}a")).get(f"{XLINK}title") == text


@needs_dot
def test_context_adds_the_claims_a_section_answers_to() -> None:
    linked = make_linked()
    section = linked.section_of[next(iter(linked.claims))]
    bare = MapView(id="m", title="t", description="d", sections=[section])
    wider = MapView(id="m", title="t", description="d", sections=[section], context=1)
    inside = set(select_claims(linked, bare))
    outside = set(select_claims(linked, wider)) - inside
    linked_out = {r.target for r in linked.relations if r.source in inside} | {
        r.source for r in linked.relations if r.target in inside}
    assert outside and outside == linked_out - inside


# --- views sized for reading --------------------------------------------------------


def test_a_conclusion_brings_its_branches_down_to_depth_and_not_below_stop_at() -> None:
    linked = make_linked()
    whole = MapView(id="m", title="t", description="d", conclusion="bridge-thesis")
    # Everything that argues for or against the thesis, the rebuttal of its objection included;
    # not the implication, which follows from the thesis rather than arguing about it.
    assert select_claims(linked, whole) == [
        "bridge-thesis", "cost-evidence", "safety-claim", "flood-example", "traffic-objection", "roads-rebuttal"]
    shallow = whole.model_copy(update={"depth": 1})
    assert select_claims(linked, shallow) == ["bridge-thesis", "cost-evidence", "safety-claim", "traffic-objection"]
    stopped = whole.model_copy(update={"stop_at": ["safety-claim", "traffic-objection"]})
    assert select_claims(linked, stopped) == ["bridge-thesis", "cost-evidence", "safety-claim", "traffic-objection"]


@needs_dot
def test_a_map_names_its_page() -> None:
    linked = make_linked()
    home = build_map(linked, ALL, href)
    section = build_map(linked, MapView(id="m", title="t", description="d", page="answers", sections=["answers"]), href)
    assert maps_on_page([home, section], None) == [home]
    assert maps_on_page([home, section], "answers") == [section]
    assert maps_on_page([home, section], "opening") == []


def centre(g: ET.Element) -> tuple[float, float]:
    shape = next(e for e in g.iter() if e.tag in (f"{SVG}polygon", f"{SVG}path"))
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape.get("points") or shape.get("d") or "")]
    xs, ys = numbers[0::2], numbers[1::2]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


@needs_dot
def test_every_arrow_points_up_and_the_thesis_is_on_top() -> None:
    result = build_map(make_linked(), ALL, href)
    root = ET.fromstring(result.svg)
    found = nodes(result.svg)
    y = {cid: centre(g)[1] for cid, g in found.items()}
    assert min(y, key=y.__getitem__) == "bridge-thesis"
    edges = [g for g in root.iter(f"{SVG}g") if "edge" in g.get("class", "")]
    assert len(edges) == 6
    for g in edges:
        head = g.find(f"{SVG}polygon")
        line = g.find(f"{SVG}path")
        assert head is not None and line is not None, g.get("id")
        head_y = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", head.get("points", ""))][1::2]
        line_y = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", line.get("d", ""))][1::2]
        # The arrowhead's tip is the highest point of the edge: the line runs from below up into it.
        assert min(head_y) < min(line_y), g.get("id")
    # The implication follows from the thesis: drawn below it, its arrow pointing up at the thesis.
    assert y["towns-implication"] > y["bridge-thesis"]


def test_more_than_four_under_one_claim_puts_the_last_leaves_a_row_lower() -> None:
    from build_tools.linker import Relation

    ids = ["top", "a", "b", "c", "d", "e", "g"]
    relations = [Relation(cid, "top", "supports") for cid in "abcde"] + [Relation("g", "a", "supports")]
    # Five under the top: the last leaf moves down, held under the first claim that stays.
    assert second_row(ids, relations) == [("a", "e")]
    assert second_row(ids[:5], relations[:4]) == []


@needs_dot
def test_the_tree_opens_from_the_top_and_tells_a_claim_shown_twice() -> None:
    linked = make_linked()
    result = build_map(linked, ALL, href)
    (top,) = result.tree
    assert top.claim_id == "bridge-thesis" and top.relation is None
    assert [(b.claim_id, b.relation) for b in top.children] == [
        ("cost-evidence", "Reason"), ("safety-claim", "Reason"), ("traffic-objection", "Objection"),
        ("towns-implication", "Leads to")]
    assert [(b.claim_id, b.relation) for b in top.children[2].children] == [("roads-rebuttal", "Reply")]
    assert top.children[1].children[0].claim_id == "flood-example"


# --- one visual language ------------------------------------------------------------


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_kind_has_its_own_border_and_readable_colours() -> None:
    from build_tools.kinds import KINDS, RELATIONS
    from build_tools.model import ClaimKind, RelationKind
    from typing import get_args

    assert set(KINDS) == set(get_args(ClaimKind)) and set(RELATIONS) == set(get_args(RelationKind))
    looks = {(k.line, k.weight, k.rounded) for k in KINDS.values()}
    assert len(looks) == len(KINDS), "two kinds share a border: colour would be their only difference"
    assert len({(r.line, r.arrow) for r in RELATIONS.values()}) == len(RELATIONS)
    for kind, k in KINDS.items():
        assert contrast(k.ink, "#FFFFFF") >= 4.5 and contrast(k.ink, k.tint) >= 4.5, kind
        assert contrast("#000000", k.tint) >= 4.5, kind
    for kind, r in RELATIONS.items():
        assert contrast(r.colour, "#FFFFFF") >= 3, kind  # a line is a graphic: WCAG 1.4.11


def test_kinds_css_gives_cards_the_maps_colours() -> None:
    from build_tools.kinds import KINDS, kind_css

    css = kind_css(Path(__file__).resolve().parents[1] / "templates")
    for kind, k in KINDS.items():
        assert f"--kind-{kind}-color: {k.ink};" in css and f"--kind-{kind}-bg: {k.tint};" in css
        assert f"--kind-{kind}-border: {k.weight}px {k.line} {k.ink};" in css
        assert f".kind-{kind} {{ --kind-color: var(--kind-{kind}-color);" in css
    svg = build_map(make_linked(), ALL, href).svg if shutil.which("dot") else ""
    for kind in ("thesis", "objection"):
        if svg:  # the map's boxes are filled with the same tint and drawn in the same ink
            g = nodes(svg)["bridge-thesis" if kind == "thesis" else "traffic-objection"]
            shape = next(e for e in g.iter() if e.get("fill") not in (None, "none"))
            assert (shape.get("fill"), shape.get("stroke")) == (KINDS[kind].tint.lower(), KINDS[kind].ink.lower())


@needs_dot
def test_the_readings_maps_are_small_enough_to_read_and_fit_the_page() -> None:
    from build_tools.maps import build_all_maps
    from build_tools.maps.dot import PAGE_WIDTH
    from build_tools.pipeline import Project, load

    (linked,) = [r for r in load(Project(Path(__file__).resolve().parents[1])) if r.id == "us-japan-alliance-2020s"]
    built = build_all_maps(linked)
    for m in built.values():
        assert m.width <= PAGE_WIDTH, f"{m.id} is {m.width} px wide: split it or stop a branch (stop_at)"
        assert len(m.outline) <= 12, f"{m.id} has {len(m.outline)} boxes"
    # Every section page shows at least one map; the overview on the home page is the spine.
    assert {s.id for s in linked.reading.sections} <= {m.page for m in built.values()}
    (overview,) = maps_on_page(built.values(), None)
    kinds = [linked.claims[i.claim_id].kind for i in overview.outline]
    assert (kinds.count("thesis"), kinds.count("key-issue"), kinds.count("implication")) == (1, 3, 4)
    assert len(kinds) == 8


@needs_dot
def test_one_graphviz_run_for_a_readings_maps_draws_what_one_run_a_map_draws() -> None:
    from build_tools.maps.build import finish_map, plan_map
    from build_tools.maps.svg import run_dot_batch

    linked = make_linked()
    views = [ALL, MapView(id="m2", title="t", description="d", conclusion="traffic-objection")]
    plans = [plan_map(linked, v, href) for v in views]
    batch = [finish_map(linked, p, raw, href) for p, raw in zip(plans, run_dot_batch([p.dot for p in plans], "x"))]
    assert [m.svg for m in batch] == [build_map(linked, v, href).svg for v in views]
