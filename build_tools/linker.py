"""Link: resolve every id and citation; build the argument graph and the citation index.

Unresolved references are not fatal here: they are kept as ``dangling`` for the
check stage to report, and left out of the graph so that later stages never see them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import (
    RELATION_KINDS, Citation, Claim, Footnote, Located, Reading, RelationKind, Section, SectionLesson, SectionTeaching, Source,
)


@dataclass(frozen=True)
class Relation:
    source: str
    target: str
    kind: RelationKind


@dataclass(frozen=True)
class CitationUse:
    """One citation occurrence: decided once, so site, handouts and export agree."""

    note: int
    index: int
    key: str
    locator: str | None
    form: str
    first: bool
    """True for the first occurrence of this key in note order."""
    citation: Citation | None = field(default=None, compare=False, repr=False)
    """The citation itself (two notes may share a number until the check reports it)."""


@dataclass(frozen=True)
class Dangling:
    """A reference to an id that does not exist."""

    owner: Located
    field: str
    target: str
    kind: str
    """What kind of thing the id should name: claim, section, source."""


@dataclass
class LinkedReading:
    reading: Reading
    sections: dict[str, Section]
    claims: dict[str, Claim]
    section_of: dict[str, str]
    relations: list[Relation]
    footnotes: dict[int, Footnote]
    sources: dict[str, Source]
    note_claim: dict[int, str]
    citations: list[CitationUse]
    dangling: list[Dangling] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.reading.meta.id

    def incoming(self, claim_id: str) -> list[Relation]:
        return [r for r in self.relations if r.target == claim_id]

    def outgoing(self, claim_id: str) -> list[Relation]:
        return [r for r in self.relations if r.source == claim_id]

    def claims_in(self, section_id: str) -> list[Claim]:
        return [c for c in self.claims.values() if self.section_of[c.id] == section_id]

    def lesson_for(self, section_id: str) -> SectionLesson | None:
        return next((t for t in self.reading.lessons if t.section == section_id), None)

    def teaching_for(self, section_id: str) -> SectionTeaching | None:
        return next((t for t in self.reading.teaching if t.section == section_id), None)

    def top_section(self, section_id: str) -> str:
        """The top-level section that holds ``section_id`` (itself when it is top-level)."""
        seen = {section_id}
        while (parent := self.sections[section_id].parent) in self.sections and parent not in seen:
            section_id = parent
            seen.add(parent)
        return section_id

    def subsections(self, section_id: str | None) -> list[Section]:
        return [s for s in self.sections.values() if s.parent == section_id]

    def cited_in(self) -> dict[str, list[int]]:
        """Source key -> the note numbers that cite it, in order, without repeats."""
        index: dict[str, list[int]] = defaultdict(list)
        for use in self.citations:
            if use.note not in index[use.key]:
                index[use.key].append(use.note)
        return dict(index)

    def backlinks(self, claim_id: str) -> dict[str, list[str]]:
        """Which glossary terms, actors, events and figures name this claim."""
        r = self.reading
        return {
            "terms": [t.id for t in r.terms if claim_id in t.claims],
            "actors": [a.id for a in r.actors if claim_id in a.claims],
            "events": [e.id for e in r.events if claim_id in e.claims],
            "figures": [f.id for f in r.figures if claim_id in f.claims],
        }


def link(reading: Reading) -> LinkedReading:
    # With a duplicate id the first definition wins everywhere (the check reports the later ones).
    sections: dict[str, Section] = {}
    for section in reading.sections:
        sections.setdefault(section.id, section)
    claims: dict[str, Claim] = {}
    section_of: dict[str, str] = {}
    dangling: list[Dangling] = []
    for section in reading.sections:
        if section.parent and section.parent not in sections:
            dangling.append(Dangling(section, "parent", section.parent, "section"))
    for cf in reading.claim_files:
        if cf.section not in sections:
            dangling.append(Dangling(cf, "section", cf.section, "section"))
        for claim in cf.claims:
            claims.setdefault(claim.id, claim)
            section_of.setdefault(claim.id, cf.section)
    relations: list[Relation] = []
    for claim in reading.claims:
        for kind in RELATION_KINDS:
            for target in getattr(claim, kind):
                if target not in claims:
                    dangling.append(Dangling(claim, kind, target, "claim"))
                elif claims[claim.id] is claim:
                    # A claim whose id is already taken has no place in the graph: its relations
                    # would be charged to the other claim (the duplicate id is reported instead).
                    relations.append(Relation(claim.id, target, kind))
    for owner, ids in _claim_lists(reading):
        dangling.extend(Dangling(owner, "claims", i, "claim") for i in ids if i not in claims)
    for teaching in reading.teaching:
        if teaching.section not in sections:
            dangling.append(Dangling(teaching, "section", teaching.section, "section"))
    dangling.extend(_lesson_dangling(reading, sections, claims))
    for view in reading.maps:
        dangling.extend(Dangling(view, "sections", s, "section") for s in view.sections if s not in sections)
        dangling.extend(Dangling(view, "claims", c, "claim") for c in view.claims if c not in claims)
        for key in ("focus", "conclusion"):
            if getattr(view, key) and getattr(view, key) not in claims:
                dangling.append(Dangling(view, key, getattr(view, key), "claim"))
        dangling.extend(Dangling(view, "stop_at", c, "claim") for c in view.stop_at if c not in claims)
        if view.page and view.page not in sections:
            dangling.append(Dangling(view, "page", view.page, "section"))
    sources: dict[str, Source] = {}
    for source in reading.sources:
        sources.setdefault(source.key, source)
    note_claim: dict[int, str] = {}
    for claim in reading.claims:
        for number in claim.footnotes:
            note_claim.setdefault(number, claim.id)
    footnotes: dict[int, Footnote] = {}
    for note in reading.footnotes:
        footnotes.setdefault(note.number, note)
    return LinkedReading(
        reading=reading, sections=sections, claims=claims, section_of=section_of,
        relations=relations, footnotes=footnotes, sources=sources,
        note_claim=note_claim, citations=_citation_uses(reading.footnotes), dangling=dangling,
    )


def _lesson_dangling(reading: Reading, sections: dict[str, Section], claims: dict[str, Claim]) -> list[Dangling]:
    """Lessons name sections, claims and the section's discussion questions: each must exist."""
    dangling: list[Dangling] = []
    for lesson in reading.lessons:
        if lesson.section not in sections:
            dangling.append(Dangling(lesson, "section", lesson.section, "section"))
        asked = next((len(t.discussion) for t in reading.teaching if t.section == lesson.section), 0)
        for note in lesson.discussion_notes:
            dangling.extend(Dangling(note, "claims", c, "claim") for c in note.claims if c not in claims)
            if note.question > asked and lesson.section in sections:
                dangling.append(Dangling(note, "question", str(note.question), "discussion question"))
    return dangling


def _claim_lists(reading: Reading) -> list[tuple[Located, list[str]]]:
    owners: list = [*reading.terms, *reading.actors, *reading.events, *reading.figures]
    return [(o, list(o.claims)) for o in owners]


def _citation_uses(footnotes: list[Footnote]) -> list[CitationUse]:
    seen: set[str] = set()
    uses: list[CitationUse] = []
    for note in sorted(footnotes, key=lambda n: n.number):
        for i, cit in enumerate(note.citations):
            uses.append(CitationUse(note.number, i, cit.key, cit.locator, cit.form, cit.key not in seen, cit))
            seen.add(cit.key)
    return uses
