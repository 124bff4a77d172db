"""Output: the two formats, and the punctuation pass that finishes a rendered note or entry.

Formats are plain text and Markdown whose only markup is *italics*. pybtex's own
Markdown backend does not fit the site: it HTML-escapes (the renderer escapes again,
giving "&amp;ndash;"), backslashes every "." and "-", and turns URLs into
[links](...). Here text is escaped only where Markdown would read it as markup, and
a URL is printed as itself.

Chicago puts a following comma or period inside the closing quotation mark
(“Title,” Journal). What follows a title is only known once the whole note is
assembled (a locator, the next element, the note's final period, or a semicolon,
which stays outside), so the templates print “Title” and ``american`` moves the mark.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from pybtex.backends import BaseBackend
from pybtex.backends.plaintext import Backend as PlainBackend
from pybtex.richtext import Text

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|~^])")
"""The characters render.md escapes in author text (Markdown and the site's extensions);
"<" and "&" are left to the renderer, which HTML-escapes the formatter's output."""


class MarkdownBackend(BaseBackend):
    default_suffix = ".md"
    symbols = MappingProxyType({"ndash": "–", "newblock": " ", "nbsp": " "})
    tags = MappingProxyType({"em": "*", "i": "*", "strong": "**", "b": "**"})

    def format_str(self, str_: str) -> str:
        return MD_SPECIAL.sub(r"\\\1", str_)

    def format_tag(self, tag_name: str, text: str) -> str:
        mark = self.tags.get(tag_name, "")  # no HTML fallback: other tags print as plain text
        return f"{mark}{text}{mark}" if text else ""

    def format_href(self, url: str, text: str, external: bool = False) -> str:
        return url  # plain, unescaped: backslashes would end up inside the address

    def write_entry(self, key: str, label: str, text: str) -> None:
        self.output(f"{text}\n")


class TextBackend(PlainBackend):
    """pybtex's plain text, but with a real en dash (its own prints "-")."""

    symbols = MappingProxyType({"ndash": "–", "newblock": " ", "nbsp": " "})


BACKENDS = {"text": TextBackend, "markdown": MarkdownBackend}


def render(text: Text, fmt: str) -> str:
    try:
        backend = BACKENDS[fmt]()
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: use 'text' or 'markdown'") from None
    return text.render(backend)


# --- punctuation around quoted titles ------------------------------------------

AFTER_QUOTE = re.compile(r"(’?”)([.,])")
TERMINAL = (".", "?", "!")


def _move(match: re.Match[str]) -> str:
    quote, mark = match.groups()
    before = match.string[: match.start()]
    title = before[before.rfind("“") + 1:]
    if mark == "." and title.endswith(TERMINAL):
        # “Is America Prepared …?” ends the sentence itself; a second mark would be wrong.
        # A comma is kept: the paper prints “Competition?,” and “Budget.,” in its notes.
        return quote
    if quote == "’”" and "‘" in title:
        # A nested quotation closes the title: ‘Provocations,’” takes the comma innermost.
        return mark + quote
    # A plain closing quote, or an apostrophe ending the title’s last word (Voters’,”).
    return quote[:-1] + mark + "”"


def american(text: str) -> str:
    """Move every comma or period that follows a closing ” inside it."""
    return AFTER_QUOTE.sub(_move, text)


def end_sentence(text: str) -> str:
    """Close a note or entry with a period unless it already ends with one (or ? or !)."""
    text = text.rstrip()
    if not text:
        return text
    if text.endswith("”"):
        return american(text + ".")
    if text.rstrip("*").endswith(TERMINAL):  # *Title?* needs no period after the italics
        return text
    return text + "."
