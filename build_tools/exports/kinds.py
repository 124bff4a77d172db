"""What every export asks of an entry: its kind of work, full page range, short title, authors.

Decided once here, so that RIS, CSL-JSON, BibTeX and COinS type a work alike.
"""

from __future__ import annotations

import re
from typing import Literal

from ..model import Source

Kind = Literal["journal", "newspaper", "magazine", "blog", "webpage", "report", "book", "chapter", "other"]

ET_AL = "et al."
"""What an author list the source cuts short ("Jane Harman et al.", BibTeX's "and others") carries
where the format has no marker for it (RIS, CSL-JSON)."""

RANGE = re.compile(r"^\s*(\d+)\s*(?:-{1,3}|–)\s*(\d+)\s*$")


def kind(source: Source) -> Kind:
    subtype = source.fields.get("entrysubtype", "").lower()
    if source.type == "article":
        return "newspaper" if subtype == "newspaper" else "magazine" if subtype == "magazine" else "journal"
    if source.type == "online":
        return "blog" if subtype == "blog" else "webpage"
    return {"report": "report", "book": "book", "incollection": "chapter"}.get(source.type, "other")


def full_pages(pages: str) -> tuple[str, str | None]:
    """("881", "891") from "881--91": the paper abbreviates the second number of a range
    (Chicago's inclusive numbers); a reader that takes it literally gets a range that runs
    backwards. Anything that is not a plain range is returned as written, with no end."""
    m = RANGE.match(pages)
    if not m:
        return pages.strip(), None
    start, end = m.groups()
    if len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return start, end


def page_range(pages: str, dash: str) -> str:
    start, end = full_pages(pages)
    return f"{start}{dash}{end}" if end else start


def short_title(source: Source) -> str | None:
    """The title a short note gives: the entry's short title where the notes give one, else the
    title itself (the paper's short notes then repeat it whole: "Harman et al., “Commission on
    the National Defense Strategy”")."""
    return source.fields.get("shorttitle") or source.fields.get("title")


def title(source: Source) -> str | None:
    """The title a reader files the work under: its title, or for a work known only from a short
    form its short title, as the site's own bibliography prints it (the export's note says why)."""
    return source.fields.get("title") or source.fields.get("shorttitle")


def authors(source: Source, role: str = "author") -> tuple[list[str], bool]:
    """The names as BibTeX writes them ("Harman, Jane"), and whether the list is cut short ("and others")."""
    names = source.persons.get(role, [])
    return [n for n in names if n != "others"], "others" in names


def date_parts(source: Source) -> list[int]:
    return [int(p) for p in source.fields.get("date", "").split("-") if p.isdigit()]
