"""Both engines build the same site from the same docs: the same pages, the same anchors, no broken link."""

from __future__ import annotations

import importlib.util
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.errors import BuildToolsError
from build_tools.pipeline import Project, build_site, load
from tests.test_build import broken_links, digest, parse

pytestmark = [
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed (make test installs it)"),
    pytest.mark.skipif(importlib.util.find_spec("zensical") is None,
                       reason="Zensical is not installed (make site installs it from requirements.lock)"),
]
GENERATOR = re.compile(r'<meta name="generator" content="([^"]+)"')


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One copy of the course, built with MkDocs and then with Zensical (its site kept aside)."""
    from tests.conftest import ROOT

    root = tmp_path_factory.mktemp("engines")
    for name in ("content", "bib", "templates"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("mkdocs.yml", "README.md"):
        shutil.copy(ROOT / name, root / name)
    assert main(["--root", str(root), "build", "--no-pdf"]) == 0
    shutil.copytree(root / "site", root / "site-mkdocs")
    assert main(["--root", str(root), "build", "--no-pdf", "--engine", "zensical"]) == 0
    return {"mkdocs": root / "site-mkdocs", "zensical": root / "site", "root": root}


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_each_site_says_which_engine_built_it(sites: dict[str, Path]) -> None:
    for engine in ("mkdocs", "zensical"):
        [generator] = GENERATOR.findall((sites[engine] / "index.html").read_text(encoding="utf-8"))
        assert generator.startswith(f"{engine}-"), (engine, generator)


def test_both_engines_write_the_same_pages(sites: dict[str, Path]) -> None:
    assert len(pages(sites["mkdocs"])) > 30  # the student edition: no instructor pages
    assert pages(sites["zensical"]) == pages(sites["mkdocs"])


def map_links(site: Path) -> set[str]:
    """"page -> href" of every link inside an inline SVG (the argument maps' nodes)."""
    found = set()
    for page in site.rglob("*.html"):
        for svg in re.findall(r"<svg\b.*?</svg>", page.read_text(encoding="utf-8"), flags=re.S):
            found |= {f"{page.relative_to(site)} -> {h}" for h in re.findall(r' href="([^"]+)"', svg)}
    return found


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_no_broken_internal_link_or_anchor(sites: dict[str, Path], engine: str) -> None:
    """The maps' links among them: raw HTML, which Zensical rewrites as if relative to the Markdown
    file and MkDocs leaves as written; a section's page is <section>/index.md, so both read them alike."""
    assert len(map_links(sites[engine])) > 100
    assert broken_links(sites[engine]) == []


def test_every_page_keeps_every_anchor_of_the_mkdocs_build(sites: dict[str, Path]) -> None:
    """Claims, notes, sources, terms: each id that MkDocs gives a page, Zensical gives it too."""
    from build_tools.pages import source_anchor

    [linked] = load(Project(sites["root"]))
    r = linked.reading
    ours = (set(linked.claims) | {f"note-{n}" for n in linked.footnotes} | {source_anchor(k) for k in linked.sources}
            | {x.id for items in (r.terms, r.actors, r.events, r.figures) for x in items})
    missing = []
    for page in sorted(pages(sites["mkdocs"])):
        expected = parse(sites["mkdocs"] / page).ids & ours
        missing += [f"{page}#{i}" for i in sorted(expected - parse(sites["zensical"] / page).ids)]
    assert missing == []
    claim_ids = set().union(*(parse(sites["zensical"] / p).ids for p in pages(sites["zensical"])))
    assert set(linked.claims) <= claim_ids


def test_the_paper_note_numbers_under_zensical(sites: dict[str, Path]) -> None:
    html = (sites["zensical"] / "us-japan-alliance-2020s" / "us-constraints" / "index.html").read_text()
    numbers = re.findall(r'class="footnote-ref"[^>]*>(\d+)<', html)
    assert numbers and numbers[0] == "3"


def test_a_broken_link_fails_the_zensical_build_and_keeps_the_site(sites: dict[str, Path]) -> None:
    project = Project(sites["root"])
    before = digest(project.site)
    page = project.build / "docs" / "us-japan-alliance-2020s" / "maritime-denial" / "index.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n[a page that is not there](nowhere.md)\n", encoding="utf-8")
    try:
        with pytest.raises(BuildToolsError, match="page does not exist") as caught:
            build_site(project, "zensical")
        assert "Traceback" not in str(caught.value)
    finally:
        page.write_text(text, encoding="utf-8")
    assert digest(project.site) == before
    assert not (project.build / ".site-new").exists()


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_site_knows_its_address_when_given_one(sites: dict[str, Path], engine: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project(sites["root"])
    monkeypatch.setenv("SITE_URL", "https://teacher.example.org/alliance/")
    build_site(project, engine)
    sitemap = (project.site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert "https://teacher.example.org/alliance/us-japan-alliance-2020s/maritime-denial/" in locations
    assert len(locations) == len([p for p in pages(project.site) if p != "404.html"])
    for value in (None, ""):  # unset, or set to nothing (a workflow variable with no value)
        if value is None:
            monkeypatch.delenv("SITE_URL")
        else:
            monkeypatch.setenv("SITE_URL", value)
        build_site(project, engine)
        assert "<loc>" not in (project.site / "sitemap.xml").read_text(encoding="utf-8")


class Backlinks(HTMLParser):
    """Each note's back-links: (the note's id number, the link's title, its aria-label)."""

    def __init__(self) -> None:
        super().__init__()
        self.note: str | None = None
        self.links: list[tuple[str, str | None, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "li" and (a.get("id") or "").startswith("fn:"):
            self.note = (a["id"] or "")[3:]
        elif tag == "a" and "footnote-backref" in (a.get("class") or "") and self.note:
            self.links.append((self.note, a.get("title"), a.get("aria-label")))


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_notes_back_link_names_the_papers_number(sites: dict[str, Path], engine: str) -> None:
    for section in ("us-constraints", "burden-sharing"):
        parser = Backlinks()
        parser.feed((sites[engine] / "us-japan-alliance-2020s" / section / "index.html").read_text())
        assert parser.links, section
        for note, title, label in parser.links:
            expected = f"Jump back to footnote {note} in the text"
            assert (title, label) == (expected, expected)
    # us-constraints' first note is the paper's note 3, once labelled "footnote 1" by its place on the page
    first = Backlinks()
    first.feed((sites[engine] / "us-japan-alliance-2020s" / "us-constraints" / "index.html").read_text())
    assert first.links[0][1] == "Jump back to footnote 3 in the text"


def test_zensical_builds_each_edition_apart_with_no_broken_link(sites: dict[str, Path]) -> None:
    """The student edition has no instructor page, in its pages or its search; the instructor's,
    built beside it into site-instructor/, has them all and no broken link either."""
    root = sites["root"]
    student = sites["zensical"]
    assert not (student / "us-japan-alliance-2020s" / "instructor").exists()
    assert "instructor/" not in (student / "search.json").read_text(encoding="utf-8")
    assert main(["--root", str(root), "build", "--no-pdf", "--engine", "zensical", "--edition", "instructor"]) == 0
    site = root / "site-instructor"
    [generator] = GENERATOR.findall((site / "index.html").read_text(encoding="utf-8"))
    assert generator.startswith("zensical-")
    [linked] = load(Project(root))
    for section in linked.reading.sections:
        assert (site / linked.id / "instructor" / section.id / "index.html").is_file()
    assert "us-japan-alliance-2020s/instructor/" in (site / "search.json").read_text(encoding="utf-8")
    assert "Teaching the U.S.-Japan Alliance (instructor’s copy)" in (site / "index.html").read_text(encoding="utf-8")
    assert broken_links(site) == []
    assert pages(student) < pages(site)
