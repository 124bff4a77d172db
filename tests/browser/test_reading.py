"""A section page read as a text, as a new reader sees it in Chromium at 1366 x 900:

- the first three screens are mostly the argument itself (median of the sections with eight or
  more claims at least 60%, none under 45%), measured in characters of visible text;
- hovering or focusing a link to a claim on another page shows that claim's paraphrase;
- a cited footnote's tooltip links each work it cites to its entry on the Sources page;
- no glossary tooltip fires inside a note, a link or a title of a work;
- the search sends a reader to the section that argues a term before the notes or the sources.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

READING = "us-japan-alliance-2020s"
SCREEN = {"width": 1366, "height": 900}
SCREENS = 3

# Every visible character of the page's article within the first three screens, maps and footnotes
# aside, counted as argument when it stands in a claim's paraphrase or a quotation from the paper
# (kind tags, quote places, links, tags, questions and headings are not the argument).
ARGUMENT_SHARE = """([limit]) => {
  const article = document.querySelector('article');
  const aside = 'figure, .argument-map-figure, .footnote, .md-source-file, script, style';
  const notArgument = '.claim-kind, .relations, .backlinks, .claim-links, .paragraph-links, .quote-place, sup';
  let all = 0, argument = 0;
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(aside)) continue;
    const text = node.textContent.replace(/\\s+/g, '');
    if (!text) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    if (!rects.length || rects[0].top + window.scrollY >= limit) continue;
    if (parent.checkVisibility && !parent.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const folded = parent.closest('details:not([open])');
    if (folded && !parent.closest('summary')) continue;  // a closed fold shows only its summary
    all += text.length;
    if (parent.closest('.claim') && !parent.closest(notArgument)) argument += text.length;
  }
  return {all, argument};
}"""


@pytest.fixture(scope="module")
def reading(built_site: Path) -> dict[str, Any]:
    return json.loads((built_site / "export" / READING / "reading.json").read_text(encoding="utf-8"))


def argument_shares(browser: Browser, base_url: str, sections: list[str]) -> dict[str, float]:
    context = browser.new_context(viewport=SCREEN, base_url=base_url)
    try:
        page = context.new_page()
        shares = {}
        for section in sections:
            page.goto(f"{READING}/{section}/", wait_until="load")
            counts = page.evaluate(ARGUMENT_SHARE, [SCREENS * SCREEN["height"]])
            shares[section] = counts["argument"] / max(1, counts["all"])
        return shares
    finally:
        context.close()


def test_the_first_three_screens_of_a_section_are_mostly_the_argument(
        browser: Browser, base_url: str, reading: dict[str, Any], artifacts: Path) -> None:
    counts: dict[str, int] = {}
    for claim in reading["claims"]:
        counts[claim["section"]] = counts.get(claim["section"], 0) + 1
    long_sections = [s for s, n in counts.items() if n >= 8]
    assert len(long_sections) >= 5, counts
    shares = argument_shares(browser, base_url, long_sections)
    (artifacts / "argument-share.json").write_text(json.dumps(shares, indent=2, sort_keys=True))
    assert statistics.median(shares.values()) >= 0.60, shares
    assert min(shares.values()) >= 0.45, shares


APPARATUS = ("source copy", "copy of the source", "from this copy", "Cites:", "· complete", "· partial", "· missing")


def test_no_student_page_shows_the_production_apparatus(browser: Browser, base_url: str, site_pages: list[str],
                                                        reading: dict[str, Any]) -> None:
    """What a student sees (the rendered text, folds closed): no citation key, no status label, no
    word about the copy of the source the course was built from, no author's guide in the menu."""
    keys = [s["key"] for s in reading["sources"]]
    student = [p for p in site_pages if "/instructor/" not in p and "authors-guide" not in p and "export/" not in p]
    assert len(student) >= 20, student
    context = browser.new_context(viewport=SCREEN, base_url=base_url)
    problems = []
    try:
        page = context.new_page()
        for path in student:
            page.goto(path, wait_until="load")
            text = page.locator("article").inner_text()
            problems += [f"{path}: {word!r}" for word in (*APPARATUS, *keys) if word in text]
            if path.startswith(f"{READING}/") and path.count("/") == 2 and "/teaching/" not in path:
                menu = page.locator("nav.md-nav--primary").inner_text()
                if "For authors" in menu:
                    problems.append(f"{path}: the navigation lists the author's guide")
    finally:
        context.close()
    assert not problems, problems


SEARCHES = ("Senkaku", "counterstrike", "Nippon Steel", "host-nation support", "Philippines")


def sections_arguing(reading: dict[str, Any], term: str) -> set[str]:
    """The sections whose claims (paraphrases and quotes) use the term."""
    found = set()
    for claim in reading["claims"]:
        text = " ".join([claim["text"], *(q["text"] for q in claim["quotes"])]).lower()
        if term.lower() in text:
            found.add(claim["section"])
    return found


def first_results(page: Page, term: str) -> list[str]:
    search = page.locator("input.md-search__input")
    search.fill("")
    search.click()
    search.press_sequentially(term, delay=15)
    page.locator(".md-search-result__item a").first.wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(400)  # results may still be filling in
    hrefs = page.locator(".md-search-result__list > .md-search-result__item > a").evaluate_all(
        "links => links.map(a => a.href)")
    return [urlsplit(h).path for h in hrefs]


@pytest.mark.parametrize("term", SEARCHES)
def test_search_finds_the_section_that_argues_a_term_first(page: Page, reading: dict[str, Any], term: str) -> None:
    arguing = sections_arguing(reading, term)
    assert arguing, f"no claim uses {term!r}: the test's terms no longer fit the content"
    page.goto("", wait_until="load")
    results = first_results(page, term)
    expected = {f"/{READING}/{s}/" for s in arguing}
    assert results and results[0] in expected, f"{term!r}: first results {results[:5]}, expected one of {expected}"


def test_raw_bibtex_is_not_in_the_search_index(built_site: Path, reading: dict[str, Any]) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["text"] for d in index["docs"])
    assert "@article{" not in text and "@online{" not in text
    keys = [s["key"] for s in reading["sources"]]
    assert not [k for k in keys if k in text]
