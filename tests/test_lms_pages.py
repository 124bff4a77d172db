"""The cartridge's own pages, for a course with no site address, read back from the zip: each
section's page carries its claims, quotes, notes and maps, its links stay inside the cartridge and
land on an element that is there, and nothing is loaded from another host. Expectations come from
content/ and bib/ read afresh with YAML and regular expressions, not from the build's own data."""

from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from build_tools.cli import main
from tests.conftest import copy_course

READING = "us-japan-alliance-2020s"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def words(self) -> str:
        return " ".join(self.text().split())

    def iter(self, tag: str | None = None):
        if tag is None or self.tag == tag:
            yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter(tag)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class Dom(HTMLParser):
    """A page as a tree (the standard library's parser; no HTML library is a dependency here)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.node = Node("#root", {}, None)
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.node)
        self.node.children.append(node)
        if tag not in VOID:
            self.node = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.node.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.node))

    def handle_endtag(self, tag: str) -> None:
        node = self.node
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.node = node.parent

    def handle_data(self, data: str) -> None:
        self.node.children.append(data)

    def by_id(self) -> dict[str, Node]:
        return {n.attrs["id"]: n for n in self.root.iter() if "id" in n.attrs}


def words(text: str) -> str:
    return " ".join(str(text).split())


@pytest.fixture(scope="module")
def cartridge(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, zipfile.ZipFile]:
    root = copy_course(tmp_path_factory.mktemp("course"))
    assert main(["--root", str(root), "lms"]) == 0
    data = (root / "site" / "export" / READING / f"{READING}.imscc").read_bytes()
    return root, zipfile.ZipFile(io.BytesIO(data))


def content(root: Path, name: str) -> dict:
    return yaml.safe_load((root / "content" / READING / name).read_text(encoding="utf-8"))


def section_claims(root: Path) -> dict[str, list[dict]]:
    out = {}
    for s in content(root, "sections.yaml")["sections"]:
        path = root / "content" / READING / "claims" / f"{s['id']}.yaml"
        out[s["id"]] = yaml.safe_load(path.read_text(encoding="utf-8")).get("claims") or [] if path.is_file() else []
    return out


def pages(cc: zipfile.ZipFile) -> dict[str, Dom]:
    return {n: Dom(cc.read(n).decode("utf-8")) for n in cc.namelist() if n.endswith(".html")}


def target(page: str, href: str) -> tuple[str, str]:
    path, _, anchor = href.partition("#")
    return (posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page), anchor


def test_every_claim_and_quote_of_a_section_is_on_its_page(cartridge) -> None:
    root, cc = cartridge
    doms = pages(cc)
    seen = 0
    for section, claims in section_claims(root).items():
        ids = doms[f"pages/{section}.html"].by_id()
        for c in claims:
            node = ids[c["id"]]
            assert "claim" in node.classes() and f"kind-{c['kind']}" in node.classes()
            assert words(c["text"]) in node.words(), c["id"]
            quotes = [q for q in node.iter("blockquote") if "quote" in q.classes()]
            assert len(quotes) == len(c.get("quotes") or [])
            for q, source in zip(quotes, c.get("quotes") or []):
                assert words(source["text"]) in q.words()
                assert f"paragraph {source.get('paragraph') or c['paragraph']}" in q.words()
            seen += 1
    assert seen == sum(len(c) for c in section_claims(root).values()) > 0


def test_every_note_called_on_a_page_is_at_its_foot_with_the_papers_number(cartridge) -> None:
    root, cc = cartridge
    doms = pages(cc)
    notes = {n["number"]: n for n in content(root, "notes.yaml")["footnotes"]}
    bib = "\n".join(p.read_text(encoding="utf-8") for p in (root / "bib").glob("*.bib"))
    keys = set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", bib))
    called_anywhere = 0
    for section, claims in section_claims(root).items():
        dom = doms[f"pages/{section}.html"]
        expected = {n for c in claims for n in c.get("footnotes") or []}
        markers = [a for a in dom.root.iter("a") if "footnote-ref" in a.classes()]
        assert {int(a.words()) for a in markers} == expected, section
        ids = dom.by_id()
        for n in expected:
            [marker] = [a for a in markers if int(a.words()) == n]
            assert marker.attrs["href"] == f"#fn:{n}"
            item = ids[f"fn:{n}"]
            assert item.tag == "li" and item.attrs.get("value") == str(n)
            assert any(p.tag == "div" and "footnote" in p.classes() for p in _ancestors(item))
            note = notes[n]
            if note.get("status") == "missing":
                assert "not available" in item.words()
            else:
                cited = {c["key"] for c in note.get("citations") or [] if c["key"] in keys}
                links = {a.attrs["href"] for a in item.iter("a") if a.attrs.get("href", "").startswith("sources.html#")}
                assert len(links) == len(cited), (n, links, cited)
            assert any(a.attrs.get("href") == f"notes.html#note-{n}" for a in item.iter("a"))
        called_anywhere += len(expected)
    assert called_anywhere > 0


def _ancestors(node: Node):
    while node.parent is not None:
        node = node.parent
        yield node


def test_every_declared_map_is_inline_on_its_sections_page_and_its_links_land(cartridge) -> None:
    root, cc = cartridge
    doms = pages(cc)
    claims = {c["id"]: section for section, cs in section_claims(root).items() for c in cs}
    declared = content(root, "maps.yaml")["maps"]
    assert declared
    for m in declared:
        page = f"pages/{m['page']}.html" if m.get("page") else "pages/index.html"  # no page: the home page
        figure = doms[page].by_id()[m["id"]]
        assert figure.tag == "figure"
        [svg] = list(figure.iter("svg"))
        assert "argument-map" in svg.classes()
        assert words(m["title"]).rstrip(".?!") in figure.words()
        links = [a.attrs["href"] for a in svg.iter("a")]
        assert links
        for href in links:
            file, anchor = target(page, href)
            assert file == f"pages/{claims[anchor]}.html", href
            assert anchor in doms[file].by_id(), href
        block = figure.parent
        assert any("map-key" in n.classes() for n in block.iter()) and any("map-tree" in n.classes() for n in block.iter())


def test_every_link_of_every_page_lands_inside_the_cartridge(cartridge) -> None:
    _, cc = cartridge
    doms = pages(cc)
    names = set(cc.namelist())
    checked = 0
    for page, dom in doms.items():
        for node in dom.root.iter():
            href = node.attrs.get("href")
            if href is None or href.startswith(("https://", "http://")):
                continue
            file, anchor = target(page, href)
            assert file in names, (page, href)
            if anchor:
                assert anchor in doms[file].by_id(), (page, href)
            checked += 1
    assert checked > 1000


def test_nothing_is_loaded_from_another_host_and_nothing_runs(cartridge) -> None:
    root, cc = cartridge
    bib = "\n".join(p.read_text(encoding="utf-8") for p in (root / "bib").glob("*.bib"))
    cited = {u.strip() for u in re.findall(r"\burl\s*=\s*\{([^}]*)\}", bib)}
    cited |= {f"https://doi.org/{d.strip()}" for d in re.findall(r"\bdoi\s*=\s*\{([^}]*)\}", bib)}
    external = 0
    for name in cc.namelist():
        if not name.endswith((".html", ".css")):
            continue
        text = cc.read(name).decode("utf-8")
        assert not re.search(r"<script|<iframe|<object|<embed|@import|@font-face|url\(", text, re.I), name
        if name.endswith(".css"):
            continue
        for node in Dom(text).root.iter():
            for attr in ("src", "srcset", "poster", "data"):
                assert attr not in node.attrs or "://" not in node.attrs[attr], (name, node.tag)
            if node.tag == "link":
                assert "://" not in node.attrs["href"] and posixpath.normpath(
                    posixpath.join(posixpath.dirname(name), node.attrs["href"])) in cc.namelist()
            href = node.attrs.get("href", "")
            if "://" in href:
                # A plain link a reader may follow: only to a cited work's own address.
                assert node.tag == "a" and html.unescape(href) in cited, (name, href)
                external += 1
    assert external > 0


def test_glossary_terms_are_explained_at_first_use(cartridge) -> None:
    """A term its claims use word for word is marked (<abbr title>, the definition) and its first use
    links to its entry; a term they only paraphrase is linked from the paragraph's fold, as on the site."""
    root, cc = cartridge
    doms = pages(cc)
    terms = content(root, "glossary.yaml")["terms"]
    glossary = doms["pages/glossary.html"].by_id()
    linked = 0
    for section, claims in section_claims(root).items():
        dom = doms[f"pages/{section}.html"]
        firsts = [a for a in dom.root.iter("a") if "glossary-link" in a.classes()]
        hrefs = [a.attrs["href"] for a in firsts]
        assert len(hrefs) == len(set(hrefs)), section  # the first use only
        every = {a.attrs.get("href") for a in dom.root.iter("a")}
        for t in terms:
            mine = [c for c in claims if c["id"] in (t.get("claims") or [])]
            if not mine:
                continue
            href = f"glossary.html#{t['id']}"
            assert t["id"] in glossary and href in every, (section, t["id"])
            said = {w for w in (t["term"], *(t.get("aliases") or []))
                    if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", c["text"]) for c in mine)}
            if not said:
                continue
            found = [a for a in firsts if a.attrs["href"] == href]
            assert len(found) == 1, (section, t["id"])
            [abbr] = list(found[0].iter("abbr"))
            assert abbr.words() in {t["term"], *(t.get("aliases") or [])}
            assert abbr.attrs["title"] == words(t["definition"])
            linked += 1
    assert linked > 0


def test_the_questions_stay_in_the_topics_and_quizzes(cartridge) -> None:
    root, cc = cartridge
    teaching = {s["section"]: s for s in content(root, "teaching.yaml")["sections"]}
    for section, teach in teaching.items():
        text = Dom(cc.read(f"pages/{section}.html").decode("utf-8")).root.words()
        assert not any(n.attrs.get("id") == "questions" for n in Dom(cc.read(f"pages/{section}.html").decode()).root.iter())
        for item in teach.get("self_check") or []:
            assert words(item["question"]) not in text


def test_a_template_linking_outside_the_cartridge_is_refused_clearly(project: Path, capsys) -> None:
    template = project / "templates" / "section.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + '\n[Downloads]({{ link(r.id ~ "/downloads.md") }})\n',
                        encoding="utf-8")
    assert main(["--root", str(project), "lms"]) == 2
    err = capsys.readouterr().err
    assert "section.md.j2" in err and "downloads.md" in err and "{% if not lms %}" in err and "Traceback" not in err


def test_a_reading_without_maps_or_glossary_gets_its_pages_too(mini: Path) -> None:
    assert main(["--root", str(mini), "lms"]) == 0
    [folder] = (mini / "site" / "export").iterdir()
    cc = zipfile.ZipFile(folder / f"{folder.name}.imscc")
    sections = yaml.safe_load((mini / "content" / folder.name / "sections.yaml").read_text(encoding="utf-8"))["sections"]
    for s in sections:
        claims = yaml.safe_load((mini / "content" / folder.name / "claims" / f"{s['id']}.yaml").read_text(encoding="utf-8"))
        ids = Dom(cc.read(f"pages/{s['id']}.html").decode("utf-8")).by_id()
        assert all(words(c["text"]) in ids[c["id"]].words() for c in claims["claims"])
    assert "pages/glossary.html" in cc.namelist() and "pages/course.css" in cc.namelist()


def test_a_section_named_like_a_reading_wide_page_is_refused_clearly(project: Path, capsys) -> None:
    sections = project / "content" / READING / "sections.yaml"
    first = yaml.safe_load(sections.read_text(encoding="utf-8"))["sections"][0]["id"]
    for path in [sections, *(project / "content" / READING).rglob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(rf"\b{re.escape(first)}\b(?!-)", "glossary", text), encoding="utf-8")
    (project / "content" / READING / "claims" / f"{first}.yaml").rename(project / "content" / READING / "claims" / "glossary.yaml")
    assert main(["--root", str(project), "lms"]) == 2
    err = capsys.readouterr().err
    assert "sections.yaml" in err and "'glossary'" in err and "glossary.html" in err and "Traceback" not in err
