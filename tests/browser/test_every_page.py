"""Every page of the built site, loaded once in Chromium:

- axe-core finds no violation of WCAG 2.1 A or AA (tags wcag2a, wcag2aa, wcag21a, wcag21aa);
- the browser asks no host but the local server for anything, and every resource it asks for exists;
- at 375 CSS pixels wide the page does not scroll sideways (a wide map scrolls inside its figure).

One pass serves all three, because loading and auditing ~45 pages is most of the suite's time: each
page is loaded at 1280 x 800 with its requests recorded, audited by axe, then narrowed to 375 pixels
and measured. One tab per CPU core works at once (axe is CPU-bound; each tab has its own renderer).
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request, Response

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
TABS = max(1, min(4, os.cpu_count() or 1))
"""Pages audited at once, each tab in its own renderer process: axe is CPU-bound."""

EXCLUSIONS: list[tuple[str, str, str, str]] = []
"""Narrow, documented exceptions to the axe audit: (rule id, page glob, CSS target, why it cannot be
fixed from our side). Empty: every violation axe reported was fixed in templates/ or course.css."""

# axe.run does most of its work before its promise first yields, so it is started from a timer: the
# evaluate returns at once, and this tab's renderer audits while the test drives the other tab.
START_AXE = """options => {
  window.__axe = undefined;
  setTimeout(() => axe.run(document, options).then(
    results => { window.__axe = results.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                                summary: (n.failureSummary || '').replace(/\\s+/g, ' ')}))})); },
    error => { window.__axe = [{id: 'axe-error', impact: 'critical', help: String(error), nodes: []}]; }), 0);
}"""

# axe leaves the text of map nodes "incomplete" (it cannot tell the background of SVG text under a
# shape), so the maps' own colours are measured here: each text's fill against the fill of the shape
# it is drawn on (a node's first filled shape, or the map's background for edge labels).
MAP_TEXT_CONTRAST = """() => {
  const channels = colour => {  // a computed fill: rgb(r, g, b) or rgba(r, g, b, a)
    const m = /rgba?\\(([^)]+)\\)/.exec(colour);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return a === 1 ? [r, g, b].map(v => v / 255) : null;  // translucent: not judged here, reported
  };
  const luminance = c => { const [r, g, b] = c.map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
                           return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const filled = el => el && getComputedStyle(el).fill !== 'none' ? getComputedStyle(el).fill : null;
  const low = [];
  for (const svg of document.querySelectorAll('svg.argument-map')) {
    const page = filled(svg.querySelector('g.graph > polygon')) || 'rgb(255, 255, 255)';
    for (const text of svg.querySelectorAll('text')) {
      const node = text.closest('a');
      const shape = node ? [...node.querySelectorAll('polygon, path, ellipse, rect')].find(filled) : null;
      const back = shape ? filled(shape) : page, fore = getComputedStyle(text).fill;
      const where = `${text.closest('g.node, g.edge')?.id}: "${text.textContent}" ${fore} on ${back}`;
      const [f, b] = [channels(fore), channels(back)];
      if (!f || !b) { low.push(`${where}: colour not opaque or not readable`); continue; }
      const r = ratio(f, b);
      if (!(r >= 4.5)) low.push(`${where} = ${r.toFixed(2)}:1`);
    }
  }
  return low;
}"""

# Read after the page's own resize handlers have had a turn (a timer, not a frame: a tab in the
# background gets no animation frames); reading scrollWidth lays the page out at the new width.
WIDTHS = """async () => {
  await new Promise(resolve => setTimeout(resolve, 50));
  return [document.documentElement.scrollWidth, document.documentElement.clientWidth];
}"""


@dataclass
class EveryPage:
    requests: list[tuple[str, str]] = field(default_factory=list)
    """(page being loaded, requested URL) for every request the browser made, workers included."""
    failures: list[str] = field(default_factory=list)
    violations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    widths: dict[str, tuple[int, int]] = field(default_factory=dict)
    """page -> (document scrollWidth, viewport width) at phone width."""
    map_text: dict[str, list[str]] = field(default_factory=dict)
    """page with a map -> its texts below 4.5:1 against their shape."""
    pages: list[str] = field(default_factory=list)
    """Every page of the edition audited."""


def axe_source() -> str:
    from axe_playwright_python.base import AXE_SCRIPT  # axe-core, bundled with the package

    return AXE_SCRIPT


@pytest.fixture(scope="module", params=["student", "instructor"])
def edition(request: pytest.FixtureRequest) -> tuple[str, list[str]]:
    """Each edition of the site in turn: its address and its pages (the instructor's has every page
    of the students' besides its own, each with the instructor's banner)."""
    if request.param == "student":
        return request.getfixturevalue("base_url"), request.getfixturevalue("site_pages")
    return request.getfixturevalue("instructor_base_url"), request.getfixturevalue("instructor_pages")


@pytest.fixture(scope="module")
def every_page(browser: Browser, edition: tuple[str, list[str]]) -> EveryPage:
    base_url, site_pages = edition
    seen = EveryPage(pages=list(site_pages))
    script = axe_source()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    context = browser.new_context(viewport=DESKTOP, base_url=base_url)
    context.set_default_timeout(30_000)
    loading: dict[Page, str] = {}

    def owner(request: Request) -> str:
        """The page being loaded by the tab that made the request ('?' for a service worker's)."""
        try:
            return loading.get(request.frame.page, "?")
        except Exception:  # Playwright raises where no frame is known
            return "?"

    def on_request(request: Request) -> None:
        seen.requests.append((owner(request), request.url))

    def on_response(response: Response) -> None:
        if response.status >= 400:
            seen.failures.append(f"/{owner(response.request)}: {response.status} {response.url}")

    def on_failed(request: Request) -> None:
        # ERR_ABORTED is a load cut short by going on to the next page (the favicon, the search worker).
        if urlsplit(request.url).hostname == "127.0.0.1" and "ERR_ABORTED" not in (request.failure or ""):
            seen.failures.append(f"/{owner(request)}: {request.failure} {request.url}")

    def start(tab: Page, path: str) -> None:
        loading[tab] = path
        tab.set_viewport_size(DESKTOP)
        tab.goto(path, wait_until="load")
        tab.evaluate(script)
        tab.evaluate(START_AXE, options)  # returns at once: axe runs on while the other tab loads

    def finish(tab: Page, path: str) -> None:
        tab.wait_for_function("() => window.__axe !== undefined", polling=50, timeout=120_000)
        seen.violations[path] = tab.evaluate("() => window.__axe")
        if tab.locator("svg.argument-map").count():
            seen.map_text[path] = tab.evaluate(MAP_TEXT_CONTRAST)
        tab.set_viewport_size(PHONE)
        seen.widths[path] = tuple(tab.evaluate(WIDTHS))

    context.on("request", on_request)  # the context sees its pages', frames' and workers' requests
    context.on("response", on_response)
    context.on("requestfailed", on_failed)
    try:
        queue = list(site_pages)
        running: list[tuple[Page, str]] = []
        for tab in [context.new_page() for _ in range(TABS)]:
            if queue:
                running.append((tab, queue.pop(0)))
                start(*running[-1])
        while running:
            tab, path = running.pop(0)
            finish(tab, path)
            if queue:
                running.append((tab, queue.pop(0)))
                start(*running[-1])
        # A request made late by the last pages (the favicon, the search index) must be seen too.
        for tab in context.pages:
            tab.wait_for_load_state("networkidle")
    finally:
        context.close()
    return seen


def excluded(rule: str, page: str, target: str) -> bool:
    return any(rule == r and fnmatch.fnmatch(page, p) and target == t for r, p, t, _ in EXCLUSIONS)


def test_axe_finds_no_wcag_21_aa_violation_on_any_page(every_page: EveryPage) -> None:
    assert set(every_page.violations) == set(every_page.pages)
    found = []
    for page, violations in sorted(every_page.violations.items()):
        for v in violations:
            for node in v["nodes"] or [{"target": "", "html": "", "summary": ""}]:
                if not excluded(v["id"], page, node["target"]):
                    found.append(f"/{page} {v['id']} ({v['impact']}): {v['help']}\n"
                                 f"    at {node['target']}: {node['html']}\n    {node['summary']}")
    assert not found, f"{len(found)} axe violation(s) at WCAG 2.1 A/AA:\n" + "\n".join(found)


def test_map_text_has_enough_contrast_with_its_node(every_page: EveryPage) -> None:
    assert len(every_page.map_text) >= 10
    low = [f"/{page} {text}" for page, texts in sorted(every_page.map_text.items()) for text in texts]
    assert not low, "map text below 4.5:1 (colours from build_tools/kinds.py):\n" + "\n".join(low)


def local(url: str) -> bool:
    """Served by the test server; data: and blob: URLs are made in the page and touch no network."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or (parts.scheme == "http" and parts.hostname == "127.0.0.1")


def test_no_request_leaves_the_local_server(every_page: EveryPage) -> None:
    assert {page for page, _ in every_page.requests} >= set(every_page.pages)
    foreign = sorted({f"/{page}: {url}" for page, url in every_page.requests if not local(url)})
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)
    # Material's search fetches its index from a worker: that request was seen, and is local too.
    assert any(url.endswith("/search/search_index.json") for _, url in every_page.requests)


def test_every_resource_a_page_loads_exists(every_page: EveryPage) -> None:
    assert not every_page.failures, "\n".join(every_page.failures)


def test_no_page_scrolls_sideways_at_375_pixels(every_page: EveryPage) -> None:
    assert set(every_page.widths) == set(every_page.pages)
    assert all(viewport == PHONE["width"] for _, viewport in every_page.widths.values()), every_page.widths
    too_wide = {f"/{page}": width for page, (width, _) in every_page.widths.items() if width > PHONE["width"]}
    assert not too_wide, f"pages wider than {PHONE['width']} px (document scrollWidth): {too_wide}"
