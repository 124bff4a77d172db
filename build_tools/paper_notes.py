"""A Markdown extension: footnote markers show the paper's own numbers.

Python-Markdown numbers footnotes 1, 2, 3 on every page. The course must show
the paper's numbers (a note labelled ``[^12]`` is note 12), so after the
footnotes extension has built its tree, the marker text and the list item
numbers are set from the labels. Material's tooltips keep working, since the
links and ids are untouched.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

LABEL = re.compile(r"^#fn:(\d+)$")
ITEM = re.compile(r"^fn:(\d+)$")


class PaperNumbers(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for a in root.iter("a"):
            match = LABEL.match(a.get("href", ""))
            if match and "footnote-ref" in a.get("class", ""):
                a.text = match.group(1)
        for li in root.iter("li"):
            match = ITEM.match(li.get("id", ""))
            if match:
                li.set("value", match.group(1))


class PaperNotesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        # Priority below the footnotes extension's tree processors, so this runs after them.
        md.treeprocessors.register(PaperNumbers(md), "paper_notes", 1)


def makeExtension(**kwargs: object) -> PaperNotesExtension:  # noqa: N802
    return PaperNotesExtension(**kwargs)
