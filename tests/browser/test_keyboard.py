"""The argument maps by keyboard: every node is a stop in the Tab order, shows a visible focus ring,
comes wholly into sight (a wide map scrolls inside its figure), and Enter opens its claim (the URL's fragment becomes the claim id, and that element exists).

One pass over every map does it all, with real key presses: focus the map's figure, then for each
node press Tab (the next node must take focus) and Enter (its link must open). A node whose claim is
on the same page is followed for real (the fragment changes, the claim is there). A node whose claim
is on another page fires the browser's own activation (a trusted click on the link), which is
recorded and stopped, so that one page load serves a whole map; one such node per map is followed
for real, and every other target is checked on its page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

INSTRUMENT = """() => {
  const nodes = [...document.querySelectorAll('svg.argument-map a')];
  nodes.forEach((a, i) => { a.dataset.node = String(i); });
  window.__focus = [];
  window.__activated = [];
  window.__quiet = false;
  document.addEventListener('focusin', event => {
    if (window.__quiet) return;
    const el = event.target, style = getComputedStyle(el);
    window.__focus.push({node: el.dataset && el.dataset.node !== undefined ? Number(el.dataset.node) : null,
                         what: el.tagName + (el.id ? '#' + el.id : ''),
                         outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth,
                         focusVisible: el.matches(':focus-visible')});
  }, true);
  // Enter on a focused link makes the browser fire a trusted click whose default action follows it.
  document.addEventListener('click', event => {
    const a = event.target.closest('svg.argument-map a');
    if (!a) return;
    const url = new URL(a.getAttribute('href') || a.getAttribute('xlink:href'), location.href);
    window.__activated.push({node: Number(a.dataset.node), trusted: event.isTrusted, url: url.href});
    if (url.pathname !== location.pathname && !window.__follow) event.preventDefault();
  }, true);
  return nodes.map(a => ({
    href: a.getAttribute('href') || a.getAttribute('xlink:href'),
    claim: a.closest('g.node').id.split('--node-').pop(),
    figure: a.closest('figure') ? a.closest('figure').id : null,
  }));
}"""

# The focused node lies wholly inside its figure's visible box (a wide map scrolls inside it) and
# inside the window, once any scrolling has come to rest (half a second at most).
IN_SIGHT = """async () => {
  const el = document.activeElement, fig = el.closest('figure');
  let box;
  for (let tries = 0; tries < 25; tries++) {
    const a = el.getBoundingClientRect(), f = fig ? fig.getBoundingClientRect() : a;
    box = {left: a.left - f.left, right: f.right - a.right, top: a.top, bottom: innerHeight - a.bottom};
    if (Object.values(box).every(v => v >= -1)) return null;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  return box;
}"""

# After Enter on a node whose claim is on this page: wait for the fragment, look for the claim, and
# put focus back on the node (unrecorded), so that the next Tab goes on from there.
LANDED_THEN_REFOCUS = """async ({i, claim}) => {
  for (let tries = 0; location.hash !== '#' + claim && tries < 100; tries++)
    await new Promise(resolve => setTimeout(resolve, 20));
  const target = document.getElementById(claim);
  const landed = {hash: location.hash, exists: !!target, isClaim: !!target && target.classList.contains('claim')};
  window.__quiet = true;
  document.querySelector(`svg.argument-map a[data-node='${i}']`).focus();
  window.__quiet = false;
  return landed;
}"""


@dataclass
class MapPass:
    nodes: int = 0
    tab_problems: list[str] = field(default_factory=list)
    ring_problems: list[str] = field(default_factory=list)
    sight_problems: list[str] = field(default_factory=list)
    enter_problems: list[str] = field(default_factory=list)
    followed_same_page: int = 0
    followed_other_page: int = 0
    opened_elsewhere: int = 0
    elsewhere: dict[str, set[str]] = field(default_factory=dict)
    """Path of another page -> claim ids that map nodes open there."""


class _ClaimIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id") and "claim" in (a.get("class") or "").split():
            self.ids.add(a["id"])


def claim_ids(html: str) -> set[str]:
    parser = _ClaimIds()
    parser.feed(html)
    return parser.ids


def map_pages(site: Path) -> list[str]:
    pages = [p.relative_to(site).as_posix().removesuffix("index.html")
             for p in sorted(site.rglob("*.html")) if 'class="argument-map"' in p.read_text(encoding="utf-8")]
    assert len(pages) >= 10, pages
    return pages


def walk_map(page: Page, path: str, result: MapPass) -> None:
    page.goto(path, wait_until="load")
    nodes: list[dict[str, Any]] = page.evaluate(INSTRUMENT)
    assert nodes, f"/{path}: no node in its map"
    result.nodes += len(nodes)
    here = urlsplit(page.url).path
    same = [urlsplit(urljoin(page.url, n["href"])).path == here for n in nodes]
    for figure in dict.fromkeys(n["figure"] for n in nodes):
        members = [i for i, n in enumerate(nodes) if n["figure"] == figure]
        page.evaluate("id => { window.__focus = []; document.getElementById(id).focus(); }", figure)
        if not page.evaluate("id => document.activeElement === document.getElementById(id)", figure):
            result.tab_problems.append(f"/{path}: figure #{figure} cannot take focus, though it scrolls")
            continue
        for i in members:
            page.keyboard.press("Tab")
            if (outside := page.evaluate(IN_SIGHT)) is not None:
                result.sight_problems.append(f"/{path}: node {nodes[i]['claim']} focused out of sight "
                                             f"(pixels inside the figure's and window's edges: {outside})")
            page.keyboard.press("Enter")
            if same[i]:
                landed = page.evaluate(LANDED_THEN_REFOCUS, {"i": i, "claim": nodes[i]["claim"]})
                if landed["hash"] != "#" + nodes[i]["claim"] or not landed["isClaim"]:
                    result.enter_problems.append(f"/{path}: Enter on node {nodes[i]['claim']} gave {landed}")
                else:
                    result.followed_same_page += 1
        stops = page.evaluate("() => window.__focus")[1:]  # the first is the figure itself
        order = [s["node"] for s in stops]
        if order != members:
            shown = [s["node"] if s["node"] is not None else s["what"] for s in stops]
            result.tab_problems.append(f"/{path} #{figure}: Tab went to {shown}, expected nodes {members}")
        for s in stops:
            width = float(s["outlineWidth"].removesuffix("px") or 0)
            if s["node"] is not None and (s["outlineStyle"] == "none" or width <= 0 or not s["focusVisible"]):
                result.ring_problems.append(
                    f"/{path}: node {nodes[s['node']]['claim']} shows no focus ring (outline {s['outlineStyle']} "
                    f"{s['outlineWidth']}, :focus-visible {s['focusVisible']})")
    activated = {a["node"]: a for a in page.evaluate("() => window.__activated")}
    for i, node in enumerate(nodes):
        a = activated.get(i)
        if a is None or not a["trusted"]:
            result.enter_problems.append(f"/{path}: Enter on node {node['claim']} did not open its link")
            continue
        target = urlsplit(a["url"])
        if target.fragment != node["claim"]:
            result.enter_problems.append(f"/{path}: node {node['claim']} opens {a['url']}, not the claim")
        elif not same[i]:
            result.opened_elsewhere += 1
            result.elsewhere.setdefault(target.path, set()).add(node["claim"])
    # One node whose claim is on another page is followed for real: the browser lands on the claim.
    other = next((i for i in range(len(nodes)) if not same[i]), None)
    if other is not None:
        claim = nodes[other]["claim"]
        page.evaluate("i => { window.__follow = true; "
                      "document.querySelector(`svg.argument-map a[data-node='${i}']`).focus(); }", other)
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: urlsplit(url).fragment == claim, wait_until="domcontentloaded")
        if page.evaluate("id => !!document.getElementById(id)?.classList.contains('claim')", claim):
            result.followed_other_page += 1
        else:
            result.enter_problems.append(f"{page.url}: Enter on node {claim} led to a page without #{claim}")


@pytest.fixture(scope="module")
def map_pass(browser: Browser, base_url: str, built_site: Path) -> MapPass:
    result = MapPass()
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=base_url)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        for path in map_pages(built_site):
            walk_map(page, path, result)
        # The claims that nodes open on other pages are there, in the pages as the server sends them.
        for target, claims in sorted(result.elsewhere.items()):
            response = context.request.get(target)
            assert response.ok, f"{target}: {response.status}"
            ids = claim_ids(response.text())
            result.enter_problems += [f"{target}: no claim #{c}, which a map node opens" for c in sorted(claims - ids)]
    finally:
        context.close()
    return result


def test_every_map_node_is_a_tab_stop(map_pass: MapPass) -> None:
    assert map_pass.nodes >= 100
    assert not map_pass.tab_problems, "\n".join(map_pass.tab_problems)


def test_a_focused_map_node_shows_a_focus_ring(map_pass: MapPass) -> None:
    assert not map_pass.ring_problems, "\n".join(map_pass.ring_problems)


def test_a_focused_map_node_is_scrolled_into_sight(map_pass: MapPass) -> None:
    assert not map_pass.sight_problems, "\n".join(map_pass.sight_problems)


def test_enter_on_every_map_node_opens_its_claim(map_pass: MapPass) -> None:
    assert not map_pass.enter_problems, "\n".join(map_pass.enter_problems)
    assert map_pass.followed_same_page >= 10 and map_pass.followed_other_page >= 1
    assert map_pass.followed_same_page + map_pass.opened_elsewhere == map_pass.nodes


def test_tab_from_the_top_of_the_page_reaches_the_map(page: Page) -> None:
    """On the reading's home page, Tab from the very start (header, search, navigation) gets to the map."""
    page.goto("us-japan-alliance-2020s/", wait_until="load")
    page.evaluate(INSTRUMENT)
    reached: list[int] = []
    for _ in range(40):  # at most 400 stops, ten at a time
        for _ in range(10):
            page.keyboard.press("Tab")
        stops = page.evaluate("() => window.__focus")
        reached = [s["node"] for s in stops if s["node"] is not None]
        if reached:
            break
    assert reached and reached[0] == 0, f"Tab never reached the map's first node in {len(stops)} stops"
