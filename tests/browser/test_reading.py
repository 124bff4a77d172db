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


def test_hovering_or_focusing_a_link_to_a_claim_on_another_page_shows_its_paraphrase(
        page: Page, reading: dict[str, Any]) -> None:
    page.goto(f"{READING}/us-constraints/", wait_until="load")
    page.locator("details.paragraph-links").first.evaluate("d => d.open = true")
    here = f"/{READING}/us-constraints/"
    links = page.locator("details.paragraph-links[open] a.claim-link")
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    index = next(i for i, h in enumerate(hrefs) if urlsplit(h).path != here)
    link = links.nth(index)
    claim_id = urlsplit(hrefs[index]).fragment
    paraphrase = " ".join(next(c for c in reading["claims"] if c["id"] == claim_id)["text"].split())

    link.hover()
    tip = page.locator("#claim-preview[role=tooltip]")
    tip.wait_for(state="visible", timeout=5_000)
    assert " ".join(tip.inner_text().split()).endswith(paraphrase)
    assert link.get_attribute("aria-describedby") == "claim-preview"

    page.mouse.move(0, 0)
    tip.wait_for(state="hidden", timeout=5_000)
    link.focus()
    tip.wait_for(state="visible", timeout=5_000)
    assert paraphrase[:60] in " ".join(tip.inner_text().split())
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden", timeout=5_000)


def test_every_cited_footnote_links_the_sources_of_its_citations(page: Page, reading: dict[str, Any]) -> None:
    """On every section page: each note that cites works links each of them to its Sources entry,
    and the entry is there; the tooltip of a note carries those links."""
    cites = {n["number"]: {c["key"] for c in n["citations"]} for n in reading["footnotes"]}
    sections = sorted({c["section"] for c in reading["claims"]})
    page.goto(f"{READING}/sources/", wait_until="load")
    entries = set(page.evaluate("() => [...document.querySelectorAll('.source[id]')].map(e => e.id)"))
    checked = 0
    for section in sections:
        page.goto(f"{READING}/{section}/", wait_until="load")
        notes = page.evaluate("""() => [...document.querySelectorAll('.footnote li[id^="fn:"]')].map(li => ({
            number: Number(li.id.slice(3)),
            links: [...li.querySelectorAll('a.source-link')].map(a => new URL(a.href).hash.slice(1))}))""")
        for note in notes:
            keys = {k for k in cites.get(note["number"], set()) if any(s["key"] == k for s in reading["sources"])}
            anchors = {"src-" + "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in k.lower()) for k in keys}
            assert set(note["links"]) == anchors, (section, note)
            assert anchors <= entries, (section, anchors - entries)
            checked += bool(anchors)
    assert checked >= 30, checked
    page.goto(f"{READING}/us-constraints/", wait_until="load")
    ref = page.locator("a.footnote-ref[href='#fn:5']")
    ref.hover()
    tooltip = page.locator(".md-tooltip2").filter(has=page.locator("a.source-link"))
    tooltip.first.wait_for(state="visible", timeout=5_000)
    assert tooltip.first.locator("a.source-link").count() == 2


def test_no_glossary_tooltip_inside_notes_links_or_titles_of_works(page: Page) -> None:
    for path in ("us-constraints/", "notes/", "sources/", "maritime-claims/"):
        page.goto(f"{READING}/{path}", wait_until="load")
        inside = page.evaluate("""() => [...document.querySelectorAll('article abbr')]
            .filter(a => a.closest('.footnote, .note, .source, a, cite'))
            .map(a => a.textContent + ' in ' + (a.closest('[id]') || {}).id)""")
        assert not inside, (path, inside)
    page.goto(f"{READING}/us-constraints/", wait_until="load")
    assert page.locator("article .claim abbr[title]").count() > 5  # the tooltips in the argument stay
