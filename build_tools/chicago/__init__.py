"""Chicago notes-bibliography (17th ed.) for the paper's footnotes and the Sources page.

    format_citation(citation, source, fmt)   one citation, full or short, with its locator
    format_note(footnote, sources, fmt)      a whole footnote: citations joined by "; ", ending "."
    format_bibliography_entry(source, fmt)   one bibliography entry

fmt is "text" (plain) or "markdown" (titles of books and periodicals in *italics*, URLs
plain, no HTML). The printing follows the paper's own notes, so that a note rebuilt
from notes.yaml and the .bib file reads as the paper prints it.
"""

from __future__ import annotations

from collections.abc import Mapping

from pybtex.database import Entry, Person
from pybtex.exceptions import PybtexError

from ..latex import latex_safe
from ..model import Citation, Footnote, Source
from .output import MarkdownBackend, american, end_sentence, render
from .style import ChicagoStyle

__all__ = ["format_bibliography_entry", "format_citation", "format_note"]

_STYLES = {form: ChicagoStyle(form=form) for form in ("note", "short", "bibliography")}
"""Styles hold no per-entry state, so one of each form serves every call."""


def to_entry(source: Source) -> Entry:
    """A pybtex Entry from a Source: fields as written, persons parsed from "Last, First".

    The reader admits only values pybtex can read; a Source built another way may hold
    others, and they print without their LaTeX syntax instead of failing."""
    entry = Entry(source.type, fields={name: latex_safe(value) for name, value in source.fields.items()},
                  persons={role: [_person(name) for name in names] for role, names in source.persons.items()})
    entry.key = source.key
    return entry


def _person(name: str) -> Person:
    name = latex_safe(name)
    try:
        return Person(name)
    except PybtexError:  # "Lee, Bo, Jr., Extra": too many commas to be a name; print it whole
        return Person(last=name)


def format_citation(citation: Citation, source: Source, fmt: str = "text") -> str:
    """One citation as the note prints it, without the note's final period."""
    style = _STYLES["short" if citation.form == "short" else "note"]
    formatted = style.format_entry(source.key, to_entry(source),
                                   locator=citation.locator, short_title=citation.short_title)
    return american(render(formatted.text, fmt))


def format_note(footnote: Footnote, sources: Mapping[str, Source], fmt: str = "text") -> str:
    """A footnote rebuilt from its citations. A missing note is ""; a partial note prints what
    survives (its gap is shown by the page, not invented here). A key with no source prints
    as [key] so a page still builds; the citation check reports it."""
    if footnote.status == "missing":
        return ""
    if not footnote.citations:
        # A note that cites nothing can only be shown as the source copy has it.
        text = footnote.text.strip()
        return MarkdownBackend().format_str(text) if fmt == "markdown" else text
    parts = [format_citation(c, sources[c.key], fmt) if c.key in sources else _unknown(c.key, fmt)
             for c in footnote.citations]
    return end_sentence("; ".join(p for p in parts if p))


def _unknown(key: str, fmt: str) -> str:
    return MarkdownBackend().format_str(f"[{key}]") if fmt == "markdown" else f"[{key}]"


def format_bibliography_entry(source: Source, fmt: str = "text") -> str:
    formatted = _STYLES["bibliography"].format_entry(source.key, to_entry(source))
    return end_sentence(american(render(formatted.text, fmt)))
