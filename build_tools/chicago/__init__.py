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
from functools import lru_cache

from pybtex.database import Entry, Person
from pybtex.exceptions import PybtexError

from ..latex import latex_safe
from ..model import Citation, Footnote, Source
from .output import MarkdownBackend, american, end_sentence, render
from .style import ChicagoStyle

__all__ = ["format_bibliography_entry", "format_citation", "format_note"]

_STYLES = {form: ChicagoStyle(form=form) for form in ("note", "short", "bibliography")}
"""Styles hold no per-entry state, so one of each form serves every call."""


def _record(source: Source) -> tuple:
    """Everything of a source that its printing depends on, as a key for _formatted."""
    return (source.key, source.type, tuple(source.fields.items()),
            tuple((role, tuple(names)) for role, names in source.persons.items()))


def to_entry(record: tuple) -> Entry:
    """A pybtex Entry from a source's record (_record): fields as written, persons parsed from
    "Last, First".

    The reader admits only values pybtex can read; a Source built another way may hold
    others, and they print without their LaTeX syntax instead of failing."""
    key, kind, fields, persons = record
    entry = Entry(kind, fields={name: latex_safe(value) for name, value in fields},
                  persons={role: [_person(name) for name in names] for role, names in persons})
    entry.key = key
    return entry


def _person(name: str) -> Person:
    name = latex_safe(name)
    try:
        return Person(name)
    except PybtexError:  # "Lee, Bo, Jr., Extra": too many commas to be a name; print it whole
        return Person(last=name)


def format_citation(citation: Citation, source: Source, fmt: str = "text") -> str:
    """One citation as the note prints it, without the note's final period."""
    return _formatted(_record(source), "short" if citation.form == "short" else "note", fmt,
                      citation.locator, citation.short_title)


@lru_cache(maxsize=8192)
def _formatted(record: tuple, form: str, fmt: str, locator: str | None = None, short_title: str = "short") -> str:
    """One entry printed in one form, once per process: pages, exports and handouts print the same
    citations many times, and the live preview prints them all again on every edit."""
    extra = {} if form == "bibliography" else {"locator": locator, "short_title": short_title}
    formatted = _STYLES[form].format_entry(record[0], to_entry(record), **extra)
    text = american(render(formatted.text, fmt))
    return end_sentence(text) if form == "bibliography" else text


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
    return _formatted(_record(source), "bibliography", fmt)
