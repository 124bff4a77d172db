"""A Markdown extension for pages inside an LMS: the first use of each glossary term links to its entry.

On the site, Material's tooltips show a term's definition wherever the abbreviations extension marks
it. An LMS runs no script of ours, and a title attribute shows only to a mouse: so, after the
abbreviations extension has marked the terms (its `<abbr title>` stays, with the definition), the
first mark of each term outside headings and links becomes a link to the term's entry in the
Glossary page carried beside the page.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "summary"}
"""Where a term stays unlinked: inside a link already, a heading or a fold's summary."""


class FirstUseLinks(Treeprocessor):
    def __init__(self, md: Markdown, terms: dict[str, str]) -> None:
        super().__init__(md)
        self.terms = terms

    def run(self, root: etree.Element) -> None:
        seen: set[str] = set()
        firsts: list[tuple[etree.Element, etree.Element, str]] = []
        self._walk(root, [], seen, firsts)
        for parent, abbr, href in firsts:
            index = list(parent).index(abbr)
            link = etree.Element("a", {"href": href, "class": "glossary-link"})
            link.tail, abbr.tail = abbr.tail, None
            parent.remove(abbr)
            link.append(abbr)
            parent.insert(index, link)

    def _walk(self, el: etree.Element, path: list[etree.Element], seen: set[str],
              firsts: list[tuple[etree.Element, etree.Element, str]]) -> None:
        for child in el:
            if child.tag == "abbr" and child.text in self.terms and not SKIP & {e.tag for e in path}:
                # A term and its aliases share one entry: the first of either is the first use. Inside
                # its own entry (the Glossary page) a term needs no link to itself.
                href = self.terms[child.text]
                if href not in seen and href.partition("#")[2] not in {e.get("id") for e in path}:
                    seen.add(href)
                    firsts.append((el, child, href))
            self._walk(child, [*path, child], seen, firsts)


class GlossaryLinks(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.config = {"terms": [{}, "term or alias -> link to its glossary entry"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        # After the abbreviations (7) have marked the terms, before the paper's note numbers (1).
        md.treeprocessors.register(FirstUseLinks(md, self.getConfig("terms")), "lms_glossary_links", 5)
