"""What a reader does: search for a claim, read a note and a glossary term in their tooltips, follow
a map node to its claim; and pictures of the pages under tests/artifacts/ for a person to look at."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

READING = "us-japan-alliance-2020s"
SECTION = f"{READING}/burden-sharing/"


def visible_text(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def reading(built_site: Path) -> dict[str, Any]:
    return json.loads((built_site / "export" / READING / "reading.json").read_text(encoding="utf-8"))


def distinctive_word(reading: dict[str, Any], index: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A word of one claim's paraphrase that no other claim uses, the rarest such word in the search
    index (so the search has few places to send the reader), and that claim."""
    words = {c["id"]: set(re.findall(r"[a-z]{7,}", c["text"].lower())) for c in reading["claims"]}
    counts = Counter(w for ws in words.values() for w in ws)
    texts = [d["text"].lower() for d in index["docs"]]
    candidates = [(sum(word in t for t in texts), word, claim["id"])
                  for claim in reading["claims"] for word in words[claim["id"]] if counts[word] == 1]
    assert candidates, "no claim has a word of its own"
    _, word, claim_id = min(c for c in candidates if c[0] > 0)
    return word, next(c for c in reading["claims"] if c["id"] == claim_id)


def test_search_finds_a_claim_by_a_word_of_its_paraphrase(page: Page, reading: dict[str, Any],
                                                          built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    word, claim = distinctive_word(reading, index)
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto("", wait_until="load")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(word, delay=20)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(state="visible", timeout=10_000)
    section_page = f"/{READING}/{claim['section']}/"
    try:  # the results may still be filling in
        page.wait_for_function(
            "path => [...document.querySelectorAll('.md-search-result__item a')]"
            ".some(a => new URL(a.href).pathname === path)", arg=section_page, timeout=5_000)
    except PlaywrightTimeout:
        hrefs = [urlsplit(h).path for h in results.evaluate_all("links => links.map(a => a.href)")]
        pytest.fail(f"searching {word!r} (claim {claim['id']}) found no link to {section_page}: {hrefs}")


def test_footnote_tooltip_shows_the_note(page: Page) -> None:
    page.goto(SECTION, wait_until="load")
    ref = page.locator("a.footnote-ref").first
    note_id = urlsplit(ref.get_attribute("href") or "").fragment
    note = visible_text(page.evaluate(
        "id => { const li = document.getElementById(id).cloneNode(true);"
        " li.querySelectorAll('.footnote-backref').forEach(a => a.remove()); return li.textContent; }", note_id))
    assert len(note) > 20, note
    ref.hover()
    tooltip = page.locator(".md-tooltip2").filter(has_text=note[:40])
    tooltip.wait_for(state="visible", timeout=5_000)
    assert note[:60] in visible_text(tooltip.inner_text())


def test_glossary_term_tooltip_shows_its_definition(page: Page) -> None:
    page.goto(SECTION, wait_until="load")
    term = page.locator("article .claim abbr[title]").first  # the objectives above the argument are folded
    definition = visible_text(term.get_attribute("title") or "")
    assert len(definition) > 20, definition
    term.hover()
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text=definition[:40])
    tooltip.first.wait_for(state="visible", timeout=5_000)
    assert definition[:60] in visible_text(tooltip.first.inner_text())


CLAIM_IN_VIEW = """id => { const el = document.getElementById(id);
  if (!el || !el.classList.contains('claim')) return false;
  const top = el.getBoundingClientRect().top;
  return top >= 0 && top < window.innerHeight / 2; }"""


def lands_on(page: Page, claim: str) -> None:
    """The claim's box comes to rest in the top half of the window (the page may scroll smoothly)."""
    page.wait_for_function(CLAIM_IN_VIEW, arg=claim, timeout=5_000)


def test_clicking_a_map_node_lands_on_its_claim(page: Page) -> None:
    page.goto(SECTION, wait_until="load")
    here = f"/{SECTION}"
    nodes = page.evaluate("""() => [...document.querySelectorAll('svg.argument-map a')].map(a => ({
        claim: a.closest('g.node').id.split('--node-').pop(),
        path: new URL(a.getAttribute('href') || a.getAttribute('xlink:href'), location.href).pathname}))""")
    same = next(n for n in nodes if n["path"] == here)
    other = next(n for n in nodes if n["path"] != here)

    page.locator(f"svg.argument-map g.node[id$='--node-{same['claim']}'] a").first.click()  # a claim may sit in two maps
    page.wait_for_url(f"**{here}#{same['claim']}")
    lands_on(page, same["claim"])

    page.goto(SECTION, wait_until="load")
    page.locator(f"svg.argument-map g.node[id$='--node-{other['claim']}'] a").first.click()
    page.wait_for_url(f"**{other['path']}#{other['claim']}", wait_until="load")
    lands_on(page, other["claim"])


FULLY_IN_FIGURE = """() => {
  const a = document.activeElement, f = a.closest('figure');
  if (!f || !a.matches('svg.argument-map a')) return false;
  const box = a.getBoundingClientRect(), frame = f.getBoundingClientRect();
  return box.left >= frame.left && box.right <= frame.right;
}"""


def test_screenshots_for_a_person_to_look_at(page: Page, artifacts: Path) -> None:
    """tests/artifacts/browser-*.png: the home page, a section page, its map as the page shows it and
    whole, a map node with keyboard focus, and the section page on a phone."""
    shots = {}
    page.goto("", wait_until="load")
    shots["browser-home.png"] = page.screenshot(path=str(artifacts / "browser-home.png"), full_page=True)
    page.goto(SECTION, wait_until="load")
    shots["browser-section.png"] = page.screenshot(path=str(artifacts / "browser-section.png"))
    figure = page.locator("figure.argument-map-figure").first
    shots["browser-map.png"] = figure.screenshot(path=str(artifacts / "browser-map.png"))
    # The focus ring, on the first node that Tab brings fully into the figure's view.
    figure.focus()
    for _ in range(6):
        page.keyboard.press("Tab")
        page.wait_for_timeout(100)
        if page.evaluate(FULLY_IN_FIGURE):
            break
    assert page.evaluate("() => document.activeElement.matches('svg.argument-map a')")
    shots["browser-map-focus.png"] = figure.screenshot(path=str(artifacts / "browser-map-focus.png"))
    # The whole map, however wide: the same SVG on a page of its own.
    svg = page.locator("svg.argument-map").first.evaluate("el => el.outerHTML")
    width = page.locator("svg.argument-map").first.evaluate("el => Math.ceil(el.getBoundingClientRect().width)")
    page.set_viewport_size({"width": width + 20, "height": 300})
    page.set_content(f"<!doctype html><html lang='en'><body style='margin:10px'>{svg}</body></html>")
    shots["browser-map-whole.png"] = page.screenshot(path=str(artifacts / "browser-map-whole.png"), full_page=True)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(SECTION, wait_until="load")
    shots["browser-section-375.png"] = page.screenshot(path=str(artifacts / "browser-section-375.png"))
    for name, png in shots.items():
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and (artifacts / name).stat().st_size > 2_000, name
