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
