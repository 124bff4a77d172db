"""What the pages call things: a claim's short title, a cited work's label, a section's paragraphs.

Link text says what a link leads to. A claim is named by its `label` where the author gave one
(an optional field of the model), or by its paraphrase, shortened at a word; a work by its first
author's family name and its title up to the subtitle.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import NamedTuple

from .model import Claim, Source

SHORT = 80
"""Characters of a paraphrase that name a claim in a link."""


def claim_title(claim: Claim, limit: int = SHORT) -> str:
    label = getattr(claim, "label", None)
    if label:
        return str(label)
    text = " ".join(claim.text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def paragraphs(claims: Iterable[Claim]) -> list[tuple[int, list[Claim]]]:
    """The claims of a section grouped by the paper's paragraph, in the paper's order."""
    return [(number, list(group)) for number, group in itertools.groupby(claims, key=lambda c: c.paragraph)]


class WorkLabel(NamedTuple):
    """Who wrote a work and its title up to the subtitle; books are set in italics, others quoted."""

    who: str
    title: str
    book: bool
    year: str


BOOKS = {"book", "mvbook", "thesis", "phdthesis"}


def work_label(source: Source) -> WorkLabel:
    people = source.persons.get("author") or source.persons.get("editor") or []
    names = [_family(p) for p in people if p != "others"]
    if "others" in people or len(names) > 2:
        who = f"{names[0]} et al." if names else ""
    else:
        who = " and ".join(names)
    title = source.fields.get("title", "").replace("{", "").replace("}", "").strip()
    title = title.split(": ")[0]
    if not title:
        title, book = source.fields.get("journal", "") or source.fields.get("journaltitle", ""), True
    else:
        book = source.type.lower() in BOOKS
    year = (source.fields.get("date") or source.fields.get("year") or "")[:4]
    return WorkLabel(who, title, book, year if year.isdigit() else "")


def _family(name: str) -> str:
    return name.split(",")[0].strip("{} ") if "," in name else name.split()[-1].strip("{} ")
