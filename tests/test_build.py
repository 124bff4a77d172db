"""End to end: the site builds in a temporary folder, deterministically, with no broken link."""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from build_tools.cli import main

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed (make test installs it)")


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import ROOT

    root = tmp_path_factory.mktemp("course")
    for name in ("content", "bib", "templates"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(ROOT / "README.md", root / "README.md")
    (root / "build_tools").symlink_to(ROOT / "build_tools")
    assert main(["--root", str(root), "build", "--no-pdf"]) == 0  # handouts have their own tests
    return root


def test_site_has_home_and_pages(built: Path) -> None:
    assert (built / "site" / "index.html").is_file()
    sections = list((built / "build" / "docs" / "us-japan-alliance-2020s").glob("*/index.md"))  # a folder each
    assert len(sections) >= 11


def test_generation_is_byte_identical(built: Path) -> None:
    before = digest(built / "build" / "docs")
    assert main(["--root", str(built), "generate"]) == 0
    assert digest(built / "build" / "docs") == before


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.resources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if a.get("name"):
            self.ids.add(a["name"])
        href = a.get("href") or a.get("xlink:href")
        if tag == "a" and href:
            self.links.append(href)
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and href:
            self.resources.append(href)


def parse(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_no_broken_internal_link_or_anchor(built: Path) -> None:
    assert broken_links(built / "site") == []


def broken_links(site: Path) -> list[str]:
    """Every internal link of every page of a built site that leads nowhere, or to no anchor."""
    pages = {p: parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        if page.name == "404.html":  # MkDocs writes it with root-absolute links, for any depth
            continue
        for href in parsed.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or href.startswith("mailto:"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)} -> {href} (no anchor)")
    return broken


def test_nothing_loaded_from_other_hosts(built: Path) -> None:
    offending = []
    for page in (built / "site").rglob("*.html"):
        for src in parse(page).resources:
            if urlsplit(src).scheme in ("http", "https") or src.startswith("//"):
                offending.append(f"{page.name}: {src}")
    assert offending == []
    css = "".join(p.read_text(errors="replace") for p in (built / "site").rglob("*.css"))
    assert "fonts.googleapis.com" not in css and "fonts.gstatic.com" not in css


def test_every_claim_note_and_source_is_anchored(built: Path) -> None:
    from build_tools.pipeline import Project, load

    [linked] = load(Project(built))
    site = built / "site" / linked.id
    ids: set[str] = set()
    for page in site.rglob("*.html"):
        ids |= parse(page).ids
    assert set(linked.claims) <= ids
    assert {f"note-{n}" for n in linked.footnotes} <= ids
    from build_tools.pages import source_anchor
    assert {source_anchor(k) for k in linked.sources} <= ids
    r = linked.reading
    for items in (r.terms, r.actors, r.events, r.figures):
        assert items and {x.id for x in items} <= ids
    # ... and links go both ways: each of them names claims, and each claim page links back.
    section_pages = {s.id: (built / "site" / linked.id / s.id / "index.html").read_text(encoding="utf-8")
                     for s in r.sections}
    for term in r.terms:
        for claim_id in term.claims:
            assert f"glossary/#{term.id}" in section_pages[linked.section_of[claim_id]], (term.id, claim_id)


def test_paper_note_numbers_shown(built: Path) -> None:
    html = (built / "site" / "us-japan-alliance-2020s" / "us-constraints" / "index.html").read_text()
    numbers = re.findall(r'class="footnote-ref"[^>]*>(\d+)<', html)
    assert numbers and numbers[0] == "3"


def test_editorial_note_shows_under_its_claim(built: Path) -> None:
    html = (built / "site" / "us-japan-alliance-2020s" / "protectionism" / "index.html").read_text()
    claim = html.split('id="weakens-economic-alternative"', 1)[1].split('class="claim ', 1)[0]
    note = claim.split('class="editorial-note"', 1)[1].split("</p>", 1)[0]
    assert "Editor’s note:" in note and "is willing to act as a credible economic alternative" in note
    assert html.count('class="editorial-note"') == 1


def test_mini_reading_without_teaching_builds(mini: Path) -> None:
    (mini / "build_tools").exists() or (mini / "build_tools").symlink_to(Path(__file__).resolve().parents[1] / "build_tools")
    assert main(["--root", str(mini), "build", "--no-pdf"]) == 0
    page = (mini / "site" / "mini-reading" / "opening" / "index.html").read_text(encoding="utf-8")
    assert 'id="bridge-thesis"' in page


def test_bibtex_record_is_shown_as_written(built: Path) -> None:
    html = (built / "site" / "us-japan-alliance-2020s" / "sources" / "index.html").read_text(encoding="utf-8")
    export = (built / "site" / "export" / "us-japan-alliance-2020s" / "bibliography.bib").read_text(encoding="utf-8")
    block = html[html.index('<details class="bibtex"'):]
    records = re.findall(r'<span class="bibtex-entry" id="bibtex-([^"]+)">(.*?)</span>', block, re.S)
    assert sorted(html_lib.unescape(text).strip() for _, text in records) == sorted(r.strip() for r in export.split("\n\n"))
    assert len(records) == 56 and "alden2023trade" in dict(records)
    assert "&amp;#39;" not in html and "&amp;#x27;" not in html  # an apostrophe shows as itself


def test_sources_page_offers_the_bibliography_to_reference_managers(built: Path) -> None:
    """The three downloads, COinS for every entry, and each entry's BibTeX one link away, in one
    folded block that the site search leaves out; the entries keep their anchors."""
    site = built / "site"
    html = (site / "us-japan-alliance-2020s" / "sources" / "index.html").read_text(encoding="utf-8")
    entries = re.findall(r'<div class="source[^"]*" id="src-([^"]+)"', html)
    assert len(entries) == 56
    for name in ("bibliography.bib", "bibliography.ris", "bibliography.json"):
        assert f'href="../../export/us-japan-alliance-2020s/{name}"' in html
        assert (site / "export" / "us-japan-alliance-2020s" / name).is_file()
    coins = re.findall(r'<span class="Z3988" title="([^"]+)"></span>', html)
    assert len(coins) == 56 and all(html_lib.unescape(c).startswith("ctx_ver=Z39.88-2004&") for c in coins)
    assert "rft.au=Jane+Harman" in html_lib.unescape(" ".join(coins))
    links = re.findall(r'href="#bibtex-([^"]+)"', html)
    targets = re.findall(r'id="bibtex-([^"]+)"', html)
    assert sorted(links) == sorted(targets) and len(targets) == 56
    assert html.count("<details") == 1 and "data-search-exclude" in html[html.index('<details class="bibtex"') - 2:][:60]
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["text"] + d["title"] for d in index["docs"])
    assert "Alden, Edward" in text  # the entries themselves are searchable
    assert "@article" not in text and "journaltitle" not in text and "ctx_ver" not in text


def test_content_errors_stop_generation_before_anything_is_written(mini: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    claims = mini / "content" / "mini-reading" / "claims" / "opening.yaml"
    claims.write_text(claims.read_text().replace("supports: [bridge-thesis]", "supports: [nowhere]"))
    assert main(["--root", str(mini), "generate"]) == 1
    assert "C101" in capsys.readouterr().err
    assert not (mini / "build" / "docs").exists()


def test_a_build_failing_halfway_leaves_the_previous_site_untouched(mini: Path) -> None:
    assert main(["--root", str(mini), "build", "--no-pdf"]) == 0
    before = digest(mini / "site")
    docs_before = digest(mini / "build" / "docs")
    # Fails in the render stage, after loading, checking and the maps have run.
    (mini / "templates" / "notes.md.j2").write_text("{{ no_such_variable }}\n")
    claims = mini / "content" / "mini-reading" / "claims" / "opening.yaml"
    claims.write_text(claims.read_text().replace("Narrow crossings", "Changed crossings"))
    assert main(["--root", str(mini), "build", "--no-pdf"]) == 2
    assert digest(mini / "site") == before
    assert digest(mini / "build" / "docs") == docs_before


def test_a_page_carries_the_tooltips_of_its_own_readings_terms_that_it_uses(project: Path) -> None:
    """Two readings define "river" differently: each page explains the word by its own reading,
    and a page that never uses a term does not carry it (every page parses what it carries)."""
    from tests.conftest import FIXTURES

    shutil.copytree(FIXTURES / "mini" / "content" / "mini-reading", project / "content" / "mini-reading")
    shutil.copy(FIXTURES / "mini" / "bib" / "mini.bib", project / "bib" / "mini.bib")
    (project / "content" / "mini-reading" / "glossary.yaml").write_text(
        "terms:\n- id: river\n  term: rivers\n  definition: Water that bridges cross.\n  claims: [bridge-thesis]\n",
        encoding="utf-8")
    main_glossary = project / "content" / "us-japan-alliance-2020s" / "glossary.yaml"
    main_glossary.write_text(main_glossary.read_text(encoding="utf-8").replace(
        "terms:\n", "terms:\n- id: rivers\n  term: rivers\n  definition: Streams the alliance paper never mentions.\n"
        "  claims: [pivot-intent]\n", 1), encoding="utf-8")
    assert main(["--root", str(project), "generate"]) == 0
    docs = project / "build" / "docs"
    mini_page = (docs / "mini-reading" / "opening" / "index.md").read_text(encoding="utf-8")
    assert "*[rivers]: Water that bridges cross." in mini_page
    assert "Streams the alliance paper" not in mini_page and "*[pivot to Asia]" not in mini_page
    glossary = (docs / "us-japan-alliance-2020s" / "glossary.md").read_text(encoding="utf-8")
    assert "*[rivers]: Streams the alliance paper never mentions." in glossary
    assert "Water that bridges cross" not in glossary
    downloads = (docs / "us-japan-alliance-2020s" / "downloads.md").read_text(encoding="utf-8")
    assert "*[" not in downloads
