"""One citation's text -> a ParsedCitation: its form, its type and the fields it prints.

Each entry type has its own parser, tried on what follows the authors:

    “Title” (Place: Institution, Date), locator          report
    “Title,” in Book, ed. Editor (Place: Publisher, Year), pages   chapter (incollection)
    “Title,” Journal 61, no. 5 (2019): 43–64             journal article
    “Title,” Site (blog), Month D, YYYY[, sec. X]         blog post, news or magazine article, web page
    Title (Place: Publisher, Year), locator              book
    Surname[s][, “Short Title” | Short Title][, locator] short form (linked later)

A citation that fits none keeps what could be read; the rest goes to ``leftover``,
which the writer puts in a ``note`` field for the author. Nothing is guessed into a
field: a part that is not there stays out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import pieces as P
from .pieces import kind_of

JOURNAL = re.compile(
    r"^(?P<journal>.+?)\s+(?P<volume>\d+[A-Za-z]?)(?:,\s*no\.\s*(?P<number>[\w/–-]+))?"
    r"\s*\((?P<when>[^()]+)\)(?::\s*(?P<pages>[0-9ivxlcdm]+(?:\s*[–-]{1,2}\s*[0-9ivxlcdm]+)?))?(?P<rest>.*)$",
    re.IGNORECASE)
IMPRINT = re.compile(r"\(([^()]*\d{4}[^()]*)\)")
EDITORS = re.compile(r",\s+eds?\.\s+(?P<names>.+)$")
EDITION = re.compile(r",\s+(?P<edition>\d+(?:st|nd|rd|th)\s+ed\.|rev\.\s+ed\.)$")
SIGNAL = re.compile(r"^(?:see also|see|cf\.|compare|also)\s+", re.IGNORECASE)
IBID = re.compile(r"^Ibid\.?(?:,\s*(.+))?$", re.IGNORECASE)


@dataclass
class ParsedCitation:
    """One citation as read from a note, before it is linked to a work."""

    text: str
    form: str = "full"
    """full, short, or ibid (the work of the citation just before, linked later)."""
    type: str = "misc"
    fields: dict[str, str] = field(default_factory=dict)
    persons: dict[str, list[str]] = field(default_factory=dict)
    """Role -> names as BibTeX writes them ("Blankenship, Brian D."; "others" for et al.)."""
    locator: str | None = None
    short_title: str | None = None
    """For a short form: the title it prints, if any."""
    leftover: list[str] = field(default_factory=list)
    """Text that no parser could place, kept for the author (the entry's note field)."""
    review: list[str] = field(default_factory=list)
    """Choices the importer made that the author should confirm (a comment, not a field)."""
    incomplete: str | None = None


def parse_citation(text: str) -> ParsedCitation:
    """Read one citation (no closing period) into its form, type and fields."""
    c = ParsedCitation(text=text)
    body = normalise(text)
    cut_off = body.endswith((",", ";", ":"))
    body = body.rstrip(",;: ")
    if m := SIGNAL.match(body):
        c.review.append(f"the citation opens with “{m.group(0).strip()}”, which notes.yaml does not record")
        body = body[m.end():]
    if m := IBID.match(body):
        c.form, c.locator = "ibid", m.group(1)
        return c
    body, link = P.take_link(body)
    people, rest = _take_people(body)
    if people and all(P.is_surname(n) for n in people[0]) and not link and _read_short(c, rest):
        _set_people(c, people, surnames=True)
        return c
    if people:
        _set_people(c, people)
    c.fields.update(link)
    if (quoted := P.take_quoted(rest)) is not None:
        c.fields["title"], after = quoted
        _after_quoted_title(c, after.strip())
    elif not rest:
        c.incomplete = ("the note breaks off after the author's name" if cut_off else
                        "the note gives only the author's name") if people else "the note gives nothing to cite"
    elif not _read_book(c, rest) and not _read_fragment(c, rest):
        c.leftover.append(rest)
    return c


def normalise(text: str) -> str:
    """Undo the extraction's stray spaces around punctuation ("The Hill , May" -> "The Hill, May")."""
    text = re.sub(r"\s+", " ", text.strip())
    text = re.sub(r"\s+([,;:)])", r"\1", text)
    return re.sub(r"\(\s+", "(", text)


def _take_people(body: str) -> tuple[tuple[list[str], bool] | None, str]:
    """Split off the authors: the first comma part, or a serial list "A, B, and C"."""
    parts = body.split(", ")
    for end in range(len(parts), 0, -1):
        head = ", ".join(parts[:end])
        if end > 1 and not re.search(r"(?:^|,\s+)and\s", head) and not head.endswith("et al."):
            continue  # a comma inside the authors only in a serial list ending "and Name"
        people = P.read_people(head)
        if people is not None:
            return people, ", ".join(parts[end:])
    return None, body


def _set_people(c: ParsedCitation, people: tuple[list[str], bool], surnames: bool = False) -> None:
    names, others = people
    c.persons["author"] = [n if surnames else P.invert(n) for n in names] + (["others"] if others else [])


def _read_short(c: ParsedCitation, rest: str) -> bool:
    """Surnames, then nothing, a locator, or a title (quoted or not) and a locator."""
    if P.is_locator(rest):
        c.locator = rest
    elif (quoted := P.take_quoted(rest)) is not None:
        title, after = quoted
        after = after.strip().removeprefix(",").strip()
        if after and not P.is_locator(after):
            return False
        c.short_title, c.locator = title, after or None
    elif IMPRINT.search(rest) or P.find_date(rest) or "“" in rest:
        return False
    elif rest:
        c.short_title, c.locator = P.split_locator(rest)
    c.form = "short"
    return True


def _after_quoted_title(c: ParsedCitation, after: str) -> None:
    if not after:
        c.review.append("the note gives no venue or date after the title")
    elif after.startswith("("):
        _read_report(c, after)
    elif after.startswith(", in ") or after.startswith("in "):
        _read_chapter(c, after.split("in ", 1)[1])
    elif not _read_periodical(c, after.removeprefix(",").strip()):
        c.leftover.append(after.removeprefix(",").strip())


def _read_report(c: ParsedCitation, after: str) -> None:
    """(Place: Institution, Date), locator: the paper's form for a report."""
    close = after.find(")")
    inner, tail = after[1:close], after[close + 1:].strip().removeprefix(",").strip()
    c.type = "report"
    _place_party_date(c, inner, "institution")
    _tail(c, tail)


def _read_chapter(c: ParsedCitation, text: str) -> None:
    """in Book, ed. Editor (Place: Publisher, Year), pages."""
    c.type = "incollection"
    imprint = _last_imprint(text)
    head, tail = (text[: imprint.start()].strip(), text[imprint.end():]) if imprint else (text, "")
    if m := EDITORS.search(head):
        people = P.read_people(m.group("names"))
        if people:
            c.persons["editor"] = [P.invert(n) for n in people[0]] + (["others"] if people[1] else [])
            head = head[: m.start()]
    c.fields["booktitle"] = head.strip()
    if imprint:
        _imprint(c, imprint.group(1))
    _tail(c, tail.strip().removeprefix(",").strip())


def _read_periodical(c: ParsedCitation, text: str) -> bool:
    """Journal 61, no. 5 (2019): 43–64, or Site (blog), Month D, YYYY, sec. Section."""
    if m := JOURNAL.match(text):
        issue = P.issue_and_date(m.group("when"))
        if issue is not None:
            c.type = "article"
            c.fields["journal"], c.fields["volume"] = m.group("journal"), m.group("volume")
            if m.group("number"):
                c.fields["number"] = m.group("number")
            if issue[0]:
                c.fields["issue"] = issue[0]
            c.fields["date"] = issue[1]
            pages = m.group("pages")
            if pages and re.search(r"[–-]", pages):
                c.fields["pages"] = P.bib_pages(pages)
            elif pages:
                c.locator = pages  # one page: the page cited, not the article's range
            _tail(c, m.group("rest").strip().removeprefix(",").strip())
            return True
    date = P.find_date(text)
    if date is None or date.start() == 0:
        return False
    site = text[: date.start()].rstrip(" ,")
    blog = site.endswith("(blog)")
    site = site.removesuffix("(blog)").strip()
    c.fields["journal"], c.fields["date"] = site, P.iso_date(date.group(0)) or date.group(0)
    tail = text[date.end():].strip().removeprefix(",").strip()
    if m := re.match(r"^sec\.\s+(.+?)(?:,\s+(.*))?$", tail):
        c.fields["section"], tail = m.group(1), m.group(2) or ""
    _set_site_kind(c, site, blog)
    _tail(c, tail)
    return True


def _set_site_kind(c: ParsedCitation, site: str, blog: bool) -> None:
    kind = kind_of(site)
    if blog:
        c.type, c.fields["entrysubtype"] = "online", "blog"
    elif "section" in c.fields or kind != "web":
        c.type, c.fields["entrysubtype"] = "article", "newspaper" if kind != "magazine" else "magazine"
        if kind == "web":
            c.review.append(f"“{site}” prints a section, so it is taken as a newspaper")
    else:
        c.type = "online"
        c.review.append(f"“{site}” is not a known newspaper or magazine: taken as a web page "
                        "(make it an article with entrysubtype newspaper or magazine if it is one)")


def _read_book(c: ParsedCitation, rest: str) -> bool:
    """Title (Place: Publisher, Year), locator."""
    imprint = _last_imprint(rest)
    if imprint is None or not (P.trailing_date(imprint.group(1)) or ("", ""))[0]:
        return False  # "(2019)" alone is a journal's year, not a publisher's imprint
    c.type = "book"
    head, tail = rest[: imprint.start()].strip(), rest[imprint.end():]
    if m := EDITION.search(head):
        c.fields["edition"], head = m.group("edition"), head[: m.start()]
    if m := EDITORS.search(head):
        people = P.read_people(m.group("names"))
        if people:
            c.persons["editor"] = [P.invert(n) for n in people[0]] + (["others"] if people[1] else [])
            head = head[: m.start()]
    c.fields["title"] = head.strip()
    _imprint(c, imprint.group(1))
    _tail(c, tail.strip().removeprefix(",").strip())
    return True


def _read_fragment(c: ParsedCitation, rest: str) -> bool:
    """What survives of a citation whose start is lost: a journal or a site, with no title."""
    if not _read_periodical(c, rest):
        return False
    c.incomplete = "the note gives no " + ("title" if c.persons.get("author") else "author or title")
    return True


def _last_imprint(text: str) -> re.Match[str] | None:
    found = list(IMPRINT.finditer(text))
    return found[-1] if found else None


def _imprint(c: ParsedCitation, inner: str) -> None:
    """"New York, NY: Oxford University Press, 2024" -> location, publisher, date."""
    _place_party_date(c, inner, "publisher")


def _place_party_date(c: ParsedCitation, inner: str, party: str) -> None:
    """"Place: Party, Date" (each part optional) -> location, the publisher or institution, date."""
    dated = P.trailing_date(inner)
    who = dated[0] if dated else inner
    if dated:
        c.fields["date"] = dated[1]
    place, _, name = who.rpartition(": ")
    if place:
        c.fields["location"] = place
    if name:
        c.fields[party] = name


def _tail(c: ParsedCitation, tail: str) -> None:
    """What follows the last part a type prints: a locator, or text for the author."""
    if not tail:
        return
    if P.is_locator(tail) and c.locator is None:
        c.locator = tail
    else:
        c.leftover.append(tail)
