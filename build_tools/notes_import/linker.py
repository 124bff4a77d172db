"""Parsed citations -> works and draft notes: keys given, short forms linked to full ones.

A short form ("Smith, chap. 9", "Jones, “Empty Bins…,” 2", "Cooper and Simón") names
the work by its authors' surnames and, mostly, a short title. It is linked to the most
recent earlier work with the same surnames whose title is, or begins with, that short
title (and with the surnames alone when the short form prints no title). A short form
that matches nothing stands for a full note the copy has lost: it becomes a work of its
own, holding only the surname and short title, marked incomplete.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from . import pieces as P
from .draft import DraftCitation, Problem, Work
from .parsers import ParsedCitation

STOPWORDS = frozenset(
    "a an and are as at be by for from has how in is it its of on or the to was what when where which who why with"
    .split())


def norm(text: str) -> str:
    """Lower-case letters and digits only: how titles and names are compared."""
    return re.sub(r"[\W_]+", "", fold(text).lower())


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


class WorkIndex:
    """The works found so far, in order of first citation, with their keys."""

    def __init__(self) -> None:
        self.works: list[Work] = []
        self.problems: list[Problem] = []
        self.last: DraftCitation | None = None

    def cite(self, c: ParsedCitation, note: int, line: int | None) -> DraftCitation | None:
        """The citation as notes.yaml records it; a new work is added where it is first met.
        "Ibid." becomes a short form of the work cited just before (None if there is none)."""
        if c.form == "ibid":
            if self.last is None:
                self.problems.append(Problem(line, note, f"“{c.text}” follows no citation: left out"))
                return None
            self.problems.append(Problem(line, note, f"“{c.text}” recorded as a short form of {self.last.key}"))
            cited = DraftCitation(self.last.key, c.locator, "short", self.last.short_title)
        elif c.form == "short":
            cited = self._short(c, note, line)
        else:
            work = self._same_work(c) or self._add(c, note)
            cited = DraftCitation(work.key, c.locator, "full", "full" if "title" in work.fields else "none")
        self.last = cited
        return cited

    def _short(self, c: ParsedCitation, note: int, line: int | None) -> DraftCitation:
        names = c.persons.get("author", [])
        candidates = [w for w in reversed(self.works) if _same_people(names, w)]
        if c.short_title is None:
            if len({w.key for w in candidates}) > 1:
                self.problems.append(Problem(line, note, f"short form “{c.text}” fits {len(candidates)} works; "
                                                          f"linked to the latest, {candidates[0].key}"))
            if candidates:
                return DraftCitation(candidates[0].key, c.locator, "short", "none")
        else:
            wanted = norm(c.short_title)
            for work in candidates:
                title, short = norm(work.fields.get("title", "")), norm(work.fields.get("shorttitle", ""))
                if wanted and wanted == title:
                    return DraftCitation(work.key, c.locator, "short", "full")
                if wanted and (wanted == short or (title.startswith(wanted) and not short)):
                    work.fields.setdefault("shorttitle", c.short_title)
                    return DraftCitation(work.key, c.locator, "short", "short")
        work = self._add(c, note)
        work.type = "misc"
        if c.short_title:
            work.fields["shorttitle"] = c.short_title
        work.incomplete = (f"Only the short form survives (note {note}); no earlier note gives the full citation, "
                           "so everything but the surname and the short title is unknown.")
        self.problems.append(Problem(line, note, f"short form “{c.text}” has no earlier full citation: "
                                                 f"entry {work.key} is marked incomplete"))
        return DraftCitation(work.key, c.locator, "short", "short" if c.short_title else "none")

    def _same_work(self, c: ParsedCitation) -> Work | None:
        """An earlier full citation of the same work (same authors and title, or same link)."""
        for work in self.works:
            same_link = any(c.fields.get(k) and c.fields.get(k) == work.fields.get(k) for k in ("doi", "url"))
            same_title = ("title" in c.fields and norm(c.fields["title"]) == norm(work.fields.get("title", ""))
                          and c.persons.get("author") == work.persons.get("author"))
            if same_link or same_title:
                return work
        return None

    def _add(self, c: ParsedCitation, note: int) -> Work:
        incomplete = f"Note {note}: {c.incomplete}; nothing else about this work is given." if c.incomplete else None
        work = Work(self._key(c), c.type, dict(c.fields), {k: list(v) for k, v in c.persons.items()}, note,
                    list(c.leftover), list(c.review), incomplete)
        self.works.append(work)
        return work

    def _key(self, c: ParsedCitation) -> str:
        """surname + year + first significant title word ("blankenship2019america"); with no
        author, the venue's first significant word stands for the surname ("reuters2024china")."""
        people = c.persons.get("author") or c.persons.get("editor") or []
        if people:
            who = re.sub(r"[^a-z]", "", fold(P.surname_of(people[0])).lower())
        else:
            who = next(iter(_words(c.fields.get("journal") or c.fields.get("institution") or "")), "")
        title = _words(c.fields.get("title") or c.short_title or "")
        base = (who or "anon") + c.fields.get("date", "")[:4] + (title[0] if title else "")
        taken = {w.key for w in self.works}
        suffixes = itertools.chain("bcdefghijklmnopqrstuvwxyz", map(str, itertools.count(27)))
        key = base
        while key in taken:
            key = base + next(suffixes)
        return key


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", fold(text).lower()) if w not in STOPWORDS]


def _same_people(short_names: list[str], work: Work) -> bool:
    """Do the surnames of a short form ("Cooper", "Simón"; "Harman", "others") name the work's authors?"""
    printed = [n for n in short_names if n != "others"]
    people = work.persons.get("author") or work.persons.get("editor") or []
    surnames = [norm(P.surname_of(p)) for p in people if p != "others"]
    if not printed or not surnames:
        return False
    if "others" in short_names:
        return norm(printed[0]) == surnames[0]
    return [norm(n) for n in printed] == surnames
