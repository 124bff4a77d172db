"""Checks of the notes and the bibliography: keys, fields, identifiers, numbering, gaps."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from datetime import date

from ..linker import LinkedReading
from ..model import Source
from . import findings as F
from .content import HTML, at
from .findings import Finding

REQUIRED = {
    "article": ("title", "journal", "date"),
    "book": ("title", "publisher", "date"),
    "report": ("title", "institution", "date"),
    "online": ("title", "url"),
    "incollection": ("title", "booktitle", "publisher", "date"),
}
KNOWN_TYPES = (*REQUIRED, "misc")
"""Entry types the Chicago style has a template for (misc prints whatever an entry holds)."""
NOT_LATEX = {"url", "doi", "date", "year", "pages", "isbn", "incomplete", "entrysubtype"}
"""Fields printed as written; pybtex reads every other field, and the names, as LaTeX."""
LATEX_COMMENT = re.compile(r"(?<!\\)%")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:/\S*)?$")
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{2})/(?:(\d{2})/)?")
PAGES = re.compile(r"^([0-9]+|[ivxlcdm]+)(?:\s*(?:--|–)\s*([0-9]+|[ivxlcdm]+))?$", re.IGNORECASE)


def at_source(source: Source, code: F.Code, message: str, hint: str | None = None) -> Finding:
    return Finding(code, message, source.file, source.line, hint)


def check_entries(linked: LinkedReading) -> Iterator[Finding]:
    cited = linked.cited_in()
    for source in linked.reading.sources:
        if source.type not in KNOWN_TYPES:
            close = difflib.get_close_matches(source.type, KNOWN_TYPES, n=1)
            yield at_source(source, F.UNKNOWN_TYPE, f"@{source.type} {source.key!r} is not an entry type this site knows",
                            f"did you mean @{close[0]}?" if close else f"use one of @{', @'.join(KNOWN_TYPES)}")
        if source.incomplete:
            yield at_source(source, F.GAP_ENTRY, f"entry {source.key!r} is incomplete: {source.incomplete}")
        else:
            for name in REQUIRED.get(source.type, ("title",)):
                if name not in source.fields:
                    yield at_source(source, F.REQUIRED_FIELD, f"@{source.type} {source.key!r} has no {name!r}",
                                    "add the field as the note gives it, or mark the entry incomplete")
            if not source.persons.get("author") and not {"institution", "journal"} & source.fields.keys():
                yield at_source(source, F.REQUIRED_FIELD, f"{source.key!r} has no author, institution or journal",
                                "add who is responsible for the work")
        yield from _check_fields(source)
        if source.key not in cited:
            yield at_source(source, F.UNUSED_ENTRY, f"entry {source.key!r} is never cited",
                            "cite it in notes.yaml or remove it")
    yield from _duplicates(linked)


def _check_fields(source: Source) -> Iterator[Finding]:
    f = source.fields
    bad = f"fix the field of {source.key!r}"
    people = [(role, name) for role, names in source.persons.items() for name in names]
    for name, value in [*((n, v) for n, v in f.items() if n not in NOT_LATEX), *people]:
        if LATEX_COMMENT.search(value):
            yield at_source(source, F.MALFORMED,
                            f"{name} of {source.key!r} holds '%', which starts a LaTeX comment: the rest would not print",
                            "write \\% for a percent sign")
    # url and doi have their own checks (a javascript: link is not a web address).
    for name, value in [("key", source.key), *((n, v) for n, v in f.items() if n not in ("url", "doi")), *people]:
        if match := HTML.search(value):
            yield at_source(source, F.RAW_HTML, f"{name} of {source.key!r} contains markup or script ({match.group(0)[:20]!r})",
                            "write plain text; the site escapes and formats it")
    if "doi" in f and not DOI.match(f["doi"]):
        yield at_source(source, F.MALFORMED, f"doi {f['doi']!r} of {source.key!r} is not a DOI", "write it as 10.xxxx/...")
    if "url" in f and not URL.match(f["url"]):
        yield at_source(source, F.MALFORMED, f"url {f['url']!r} of {source.key!r} is not a web address", bad)
    if "isbn" in f and not _isbn_ok(f["isbn"]):
        yield at_source(source, F.MALFORMED, f"isbn {f['isbn']!r} of {source.key!r} has a wrong check digit", bad)
    for name in ("date", "year"):
        if name in f and _date(f[name]) is None:
            yield at_source(source, F.MALFORMED, f"{name} {f[name]!r} of {source.key!r} is not YYYY, YYYY-MM or YYYY-MM-DD", bad)
    if "pages" in f:
        m = PAGES.match(f["pages"].strip())
        if not m:
            yield at_source(source, F.MALFORMED, f"pages {f['pages']!r} of {source.key!r} is not a page range",
                            "write 43--64")
        elif m.group(2) and m.group(1).isdigit() and m.group(2).isdigit() and _page_end(*m.groups()) < int(m.group(1)):
            yield at_source(source, F.MALFORMED, f"pages of {source.key!r} run backwards: {f['pages']}", bad)
    url_date = URL_DATE.search(f.get("url", ""))
    entry_date = _date(f.get("date", ""))
    if url_date and entry_date:
        parts = [p for p in url_date.groups() if p]
        if entry_date[: len(parts)] != tuple(int(p) for p in parts)[: len(entry_date)]:
            yield at_source(source, F.URL_DATE,
                            f"date {f['date']} of {source.key!r} disagrees with {'-'.join(parts)} in its URL",
                            "check the note; if the paper prints it so, keep it and list it as a source slip")


def _page_end(start: str, end: str) -> int:
    """The last page, with Chicago's abbreviated ranges expanded (115--49 ends at 149)."""
    if len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return int(end)


def _date(value: str) -> tuple[int, ...] | None:
    m = DATE.match(value.strip())
    if not m:
        return None
    parts = tuple(int(p) for p in m.groups() if p)
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None
    return parts


def _isbn_ok(isbn: str) -> bool:
    digits = re.sub(r"[\s-]", "", isbn).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if re.fullmatch(r"\d{13}", digits):
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


def _duplicates(linked: LinkedReading) -> Iterator[Finding]:
    by_key: dict[str, Source] = {}
    by_work: dict[str, Source] = {}
    for source in linked.reading.sources:
        if source.key in by_key:
            prev = by_key[source.key]
            yield at_source(source, F.DUPLICATE_KEY, f"key {source.key!r} is also defined at {prev.file}:{prev.line}",
                            "keep one entry, or rename one key")
            continue
        by_key[source.key] = source
        for ident in _identities(source):
            if ident in by_work and by_work[ident].key != source.key:
                yield at_source(source, F.SAME_WORK,
                                f"{source.key!r} looks like the same work as {by_work[ident].key!r}",
                                "merge the two entries and cite one key")
                break
            by_work.setdefault(ident, source)


def _identities(source: Source) -> list[str]:
    f = source.fields
    idents = [f"doi:{f['doi'].lower()}"] if "doi" in f else []
    if "url" in f:
        idents.append("url:" + f["url"].lower().rstrip("/"))
    title = re.sub(r"\W+", "", f.get("title", "").lower())
    authors = ";".join(sorted(source.persons.get("author", [])))
    if title and authors:
        idents.append(f"work:{authors}:{title}")
    return idents


def check_notes(linked: LinkedReading) -> Iterator[Finding]:
    r = linked.reading
    prev, seen, listed = 0, set(), {n.number for n in r.footnotes}
    for note in r.footnotes:
        n = note.number
        if n in seen:
            yield at(note, F.NOTE_NUMBERING, f"note {n} appears twice", "remove or renumber one")
        elif n < prev:
            yield at(note, F.NOTE_NUMBERING, f"note {n} comes after note {prev}: notes.yaml lists notes in number order",
                     "move the note to its place, or fix its number")
        elif lost := [k for k in range(prev + 1, n) if k not in listed]:
            # Numbers listed later are out of order, reported there; only the absent ones are missing.
            first = f"notes start at 1, but the first is note {n}" if prev == 0 else f"note {n} follows note {prev}"
            yield at(note, F.NOTE_NUMBERING, f"{first}: {_numbers(lost)} missing",
                     "add the notes in between (status: missing if the source lacks them)")
        seen.add(n)
        prev = max(prev, n)
        if note.status != "complete":
            yield at(note, F.GAP_NOTE, f"note {n} is {note.status} in the source copy"
                     + (f": {note.gap}" if note.gap else ""))
    markers: dict[int, list] = {}
    for owner in [r.meta, *r.claims]:
        for number in owner.footnotes:
            markers.setdefault(number, []).append(owner)
    for number, owners in sorted(markers.items()):
        if number not in linked.footnotes:
            yield at(owners[0], F.MARKER_NO_NOTE, f"marker {number} has no entry in notes.yaml",
                     "add the note to notes.yaml (status: missing if the source lacks its text)"
                     if number >= 1 else "note numbers start at 1: fix the number")
        for extra in owners[1:]:
            yield at(extra, F.NOTE_NO_MARKER, f"marker {number} is also placed at {owners[0].file}:{owners[0].line}",
                     "a marker sits on exactly one claim")
    for note in r.footnotes:
        if note.number not in markers:
            yield at(note, F.NOTE_NO_MARKER, f"note {note.number} has no marker in any claim",
                     "add the number to the footnotes of the claim where the marker stands")
    for use in linked.citations:
        cit = use.citation or linked.footnotes[use.note].citations[use.index]
        source = linked.sources.get(use.key)
        if source is None:
            yield at(cit, F.UNDEFINED_KEY, f"note {use.note} cites {use.key!r}, which no .bib file defines",
                     "add the entry to bib/ or fix the key")
        elif use.form == "short" and use.first and not source.incomplete:
            yield at(cit, F.ORPHAN_SHORT, f"note {use.note} gives {use.key!r} in short form but no earlier note gives it in full",
                     "make this the full citation (form: full), or mark the entry incomplete if the full note is lost")


def _numbers(numbers: list[int]) -> str:
    """[11] -> "note 11 is"; [2, 3] -> "notes 2 and 3 are"; [2, 3, 4] -> "notes 2 to 4 are"."""
    if len(numbers) == 1:
        return f"note {numbers[0]} is"
    if len(numbers) > 2 and numbers[-1] - numbers[0] == len(numbers) - 1:
        return f"notes {numbers[0]} to {numbers[-1]} are"
    return f"notes {', '.join(map(str, numbers[:-1]))} and {numbers[-1]} are"
