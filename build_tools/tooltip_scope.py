"""A Markdown extension: glossary tooltips stay out of notes, links and titles of works.

The abbreviations extension puts a tooltip on every occurrence of a glossary term, wherever it
stands: inside the title of a cited work ("Commission on the National Defense Strategy"), a web
address or a note, where the term is part of a name and the paper's definition does not apply.
This tree processor runs before it and marks the text of those places as atomic, which the
abbreviations extension leaves alone. The places: the footnotes (which are where titles of works
stand), the entries of the Notes and Sources pages, and the text of every link.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

SCOPES = {"footnote", "note", "source", "bibtex"}
"""Classes of blocks whose whole text takes no tooltip."""


def _atomic(el: etree.Element, with_tail: bool) -> None:
    if el.text and not isinstance(el.text, AtomicString):
        el.text = AtomicString(el.text)
    for child in el:
        _atomic(child, True)
    if with_tail and el.tail and not isinstance(el.tail, AtomicString):
        el.tail = AtomicString(el.tail)


class TooltipScope(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            if el.tag == "a" or SCOPES & set((el.get("class") or "").split()):
                _atomic(el, with_tail=False)


class TooltipScopeExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        # After the inline patterns (20) have made links and the footnotes' block exists; before the
        # abbreviations (7) look for terms.
        md.treeprocessors.register(TooltipScope(md), "tooltip_scope", 10)


def makeExtension(**kwargs: object) -> TooltipScopeExtension:  # noqa: N802
    return TooltipScopeExtension(**kwargs)
