"""What an import produces: draft works (BibTeX entries), draft notes and problems.

The drafts mirror the model (model.Footnote, model.Citation, model.Source) so that
the writers print them in the model's own formats; the author reviews them and moves
them into notes.yaml and bib/.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FIELD_ORDER = (
    "title", "shorttitle", "booktitle", "journal", "entrysubtype", "volume", "number", "issue", "pages",
    "edition", "location", "publisher", "institution", "date", "section", "url", "doi",
)
"""The order fields are written in (persons first, then these, then note and incomplete)."""


@dataclass
class Work:
    """One cited work: a draft BibTeX entry."""

    key: str
    type: str
    fields: dict[str, str]
    persons: dict[str, list[str]]
    note: int
    """The note that cites it first."""
    leftover: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    incomplete: str | None = None

    def ordered_fields(self) -> list[tuple[str, str]]:
        known = [(name, self.fields[name]) for name in FIELD_ORDER if name in self.fields]
        other = sorted((name, value) for name, value in self.fields.items() if name not in FIELD_ORDER)
        extra = [("note", "Not parsed: " + "; ".join(self.leftover))] if self.leftover else []
        if self.incomplete:
            extra.append(("incomplete", self.incomplete))
        return known + other + extra


@dataclass(frozen=True)
class DraftCitation:
    key: str
    locator: str | None
    form: str
    short_title: str


@dataclass
class DraftNote:
    """One footnote in notes.yaml's format."""

    number: int
    status: str
    text: str = ""
    gap: str | None = None
    citations: list[DraftCitation] = field(default_factory=list)
    line: int | None = None
    """Line of the notes file where the note starts (for messages)."""


@dataclass(frozen=True)
class Problem:
    """Something the author has to look at: where, and what."""

    line: int | None
    note: int | None
    message: str

    def render(self, file: str) -> str:
        where = f"{file}:{self.line}" if self.line else file
        return f"{where}: note {self.note}: {self.message}" if self.note else f"{where}: {self.message}"


@dataclass
class Draft:
    works: list[Work]
    notes: list[DraftNote]
    problems: list[Problem]
