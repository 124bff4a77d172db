"""A Markdown extension: footnote markers and back-links show the paper's own numbers.

Python-Markdown numbers footnotes 1, 2, 3 on every page. The course must show
the paper's numbers (a note labelled ``[^12]`` is note 12), so after the
footnotes extension has built its tree, the marker text, the list item numbers
and each back-link's title and accessible name ("Jump back to footnote 12 in the
text", which the footnotes extension would give as the note's place on the page)
are set from the labels. Material's tooltips keep working, since the links and
ids are untouched.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.extensions.footnotes import FootnoteExtension
from markdown.treeprocessors import Treeprocessor

LABEL = re.compile(r"^#fn:(\d+)$")
ITEM = re.compile(r"^fn:(\d+)$")
BACKLINK_TITLE = "Jump back to footnote {} in the text"
"""The footnotes extension's own default, used where its configured title cannot be read."""


class PaperNumbers(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for a in root.iter("a"):
            match = LABEL.match(a.get("href", ""))
            if match and "footnote-ref" in a.get("class", ""):
                a.text = match.group(1)
        title = self._backlink_title()
        for li in root.iter("li"):
            match = ITEM.match(li.get("id", ""))
            if match:
                li.set("value", match.group(1))
                for back in li.iter("a"):
                    if "footnote-backref" in back.get("class", ""):
                        # the title for the eye (on hover), aria-label for screen readers: both the paper's number
                        back.set("title", title.format(match.group(1)))
                        back.set("aria-label", title.format(match.group(1)))

    def _backlink_title(self) -> str:
        for ext in self.md.registeredExtensions:
            if isinstance(ext, FootnoteExtension):
                return str(ext.getConfig("BACKLINK_TITLE"))  # the extension has turned its %d into {}
        return BACKLINK_TITLE


class PaperNotesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        # Priority below the footnotes extension's tree processors (50, 19 and 15), so this runs after them.
        md.treeprocessors.register(PaperNumbers(md), "paper_notes", 1)


def makeExtension(**kwargs: object) -> PaperNotesExtension:  # noqa: N802
    return PaperNotesExtension(**kwargs)
