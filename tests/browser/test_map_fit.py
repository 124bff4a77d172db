"""Every map on every page, measured where a reader sees it: a 1366 x 900 laptop and a 390 x 844 phone.

For each map: its drawn width against the window, the rendered size of every text in it (the SVG's
font size times the scale the page draws it at), and whether any box's text is cut (an ellipsis,
or text running outside its box). Where a phone is too narrow for the drawing, the tree of the same
claims must stand in its place, and no page may scroll sideways. Each map is photographed at both
sizes into tests/artifacts/map-<id>-<width>.png for a person to look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SMALLEST = {1366: 11.0, 390: 10.0}
"""Pixels: the smallest text a map may draw at each window width (the issue's numbers)."""

MEASURE = """() => {
  const inside = (inner, outer, slack) => inner.left >= outer.left - slack && inner.right <= outer.right + slack
    && inner.top >= outer.top - slack && inner.bottom <= outer.bottom + slack;
  return {
    page_width: document.documentElement.scrollWidth,
    maps: [...document.querySelectorAll('.argument-map-block')].map(block => {
      const svg = block.querySelector('svg.argument-map');
      const shown = svg.checkVisibility();
      const box = svg.getBoundingClientRect();
      const scale = shown ? svg.getScreenCTM().a : 0;
      const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale);
      const cut = [];
      for (const node of svg.querySelectorAll('g.node')) {
        const shape = node.querySelector('path, polygon').getBoundingClientRect();
        for (const t of node.querySelectorAll('text')) {
          if (t.textContent.includes('…') || (shown && !inside(t.getBoundingClientRect(), shape, 1)))
            cut.push(node.id + ': ' + t.textContent);
        }
      }
      const tree = block.querySelector('.map-tree');
      return {
        id: block.querySelector('figure').id, shown, left: box.left, right: box.right, width: box.width,
        smallest: sizes.length ? Math.min(...sizes) : 0, cut,
        nodes: [...svg.querySelectorAll('g.node')].map(g => g.id.replace(/^.*--node-/, '')),
        tree_shown: tree.checkVisibility(),
        tree_claims: [...new Set([...tree.querySelectorAll('a[href*="#"]')].map(a => a.href.split('#')[1]))],
        titles: [...svg.querySelectorAll('g.node > title')].map(t => t.textContent),
      };
    }),
  };
}"""


@dataclass
class Measured:
    pages: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    """(page, window width) -> what MEASURE found."""


@pytest.fixture(scope="module")
def measured(browser: Browser, base_url: str, built_site: Path, artifacts: Path) -> Measured:
    paths = sorted(p.relative_to(built_site).as_posix().removesuffix("index.html")
                   for p in built_site.rglob("*.html") if 'class="argument-map"' in p.read_text(encoding="utf-8"))
    assert len(paths) >= 12, paths
    result = Measured()
    for viewport in (LAPTOP, PHONE):
        context = browser.new_context(viewport=viewport, base_url=base_url)
        page = context.new_page()
        try:
            for path in paths:
                page.goto(path, wait_until="load")
                result.pages[(path, viewport["width"])] = found = page.evaluate(MEASURE)
                for m in found["maps"]:
                    block = page.locator(f".argument-map-block:has(figure#{m['id']})")
                    block.screenshot(path=str(artifacts / f"map-{m['id']}-{viewport['width']}.png"))
        finally:
            context.close()
    return result


def maps_at(measured: Measured, width: int) -> list[tuple[str, dict[str, Any]]]:
    return [(path, m) for (path, w), found in sorted(measured.pages.items()) if w == width for m in found["maps"]]


def test_every_map_is_drawn_whole_inside_a_laptop_window(measured: Measured) -> None:
    maps = maps_at(measured, 1366)
    assert len(maps) >= 20
    wrong = [f"/{p} {m['id']}: drawn {m['width']:.0f} px from {m['left']:.0f} to {m['right']:.0f}"
             for p, m in maps if not m["shown"] or m["left"] < 0 or m["right"] > 1366]
    assert not wrong, "maps not wholly in a 1366 px window:\n" + "\n".join(wrong)


@pytest.mark.parametrize("width", [1366, 390])
def test_every_drawn_map_reads_at_the_smallest_size_or_more(measured: Measured, width: int) -> None:
    small = [f"/{p} {m['id']}: {m['smallest']:.1f} px" for p, m in maps_at(measured, width)
             if m["shown"] and m["smallest"] < SMALLEST[width]]
    assert not small, f"map text below {SMALLEST[width]} px at {width} px:\n" + "\n".join(small)


@pytest.mark.parametrize("width", [1366, 390])
def test_no_label_is_cut(measured: Measured, width: int) -> None:
    cut = [f"/{p} {c}" for p, m in maps_at(measured, width) for c in m["cut"]]
    assert not cut, "box text cut or outside its box:\n" + "\n".join(cut)


@pytest.mark.parametrize("width", [1366, 390])
def test_no_map_page_scrolls_sideways(measured: Measured, width: int) -> None:
    wide = [f"/{p}: {found['page_width']} px" for (p, w), found in sorted(measured.pages.items())
            if w == width and found["page_width"] > width]
    assert not wide, f"pages wider than a {width} px window:\n" + "\n".join(wide)


def test_a_phone_shows_the_tree_of_the_same_claims_where_the_drawing_would_be_too_small(measured: Measured) -> None:
    maps = maps_at(measured, 390)
    assert any(not m["shown"] for _, m in maps), "no map gave way to its tree on a phone"
    for path, m in maps:
        assert m["shown"] or m["tree_shown"], f"/{path} {m['id']}: neither the drawing nor the tree shows"
        assert set(m["tree_claims"]) == set(m["nodes"]), f"/{path} {m['id']}: the tree's claims differ from the map's"


def test_hover_and_focus_give_the_whole_paraphrase(measured: Measured) -> None:
    for path, m in maps_at(measured, 1366):
        for title in m["titles"]:
            kind, _, text = title.partition(": ")
            assert kind and text and not text.endswith("…"), f"/{path} {m['id']}: title {title!r}"
