"""What each handout says: a top-level section with its subsections, the reader's guide, or the
course reader (the guide and every section in one PDF). Data only; the template lays it out.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..editions import EDITIONS, Edition
from ..linker import LinkedReading
from ..model import Section
from ..pages import KIND_LABELS, RELATION_LABELS
from .mapfit import FittedMap, Page, fit_map
from .notes import Note, NoteFormatter, Run

Paper = Literal["a4", "letter"]
Kind = Literal["section", "guide", "reader"]
PAPERS: dict[Paper, str] = {"a4": "A4", "letter": "Letter"}
GUIDE = "guide"
GUIDE_TITLE = "Reader’s guide"
READER = "reader"
READER_TITLE = "Course reader"


@dataclass(frozen=True)
class Handout:
    """One PDF: which reading, which top-level section (None for the guide and the reader), edition, paper."""

    reading: str
    section: str | None
    edition: Edition
    paper: Paper
    path: Path
    label: str
    kind: Kind = "section"


def list_handouts(course: list[LinkedReading], out: Path, editions: Collection[str] = EDITIONS) -> list[Handout]:
    """Every handout of every reading in ``editions`` (default: both), in reading order: a top-level
    section each, the guide, the reader (student edition only)."""
    handouts: list[Handout] = []
    for linked in course:
        tops: list[Section | None] = [s for s in linked.reading.sections if s.parent is None]
        for section in [*tops, None]:
            stem = section.id if section else GUIDE
            title = section.title if section else GUIDE_TITLE
            for edition in (e for e in EDITIONS if e in editions):
                for paper in PAPERS:
                    handouts.append(Handout(linked.id, section.id if section else None, edition, paper,
                                            out / linked.id / f"{stem}-{edition}-{paper}.pdf",
                                            f"{title}: {edition} edition ({PAPERS[paper]})",
                                            "section" if section else "guide"))
        for paper in PAPERS if "student" in editions else ():
            handouts.append(Handout(linked.id, None, "student", paper, out / linked.id / f"{READER}-student-{paper}.pdf",
                                    f"{READER_TITLE}: the guide and every section ({PAPERS[paper]})", "reader"))
    return handouts


@dataclass(frozen=True)
class ClaimItem:
    number: int
    anchor: str
    id: str
    kind: str
    kind_label: str
    text: str
    paragraph: int | None
    notes: list[Note]
    editorial_note: str | None = None


@dataclass(frozen=True)
class Group:
    title: str | None
    claims: list[ClaimItem] = field(default_factory=list)


@dataclass(frozen=True)
class Ref:
    """A claim named in a map's outline: by its number in the handout, or by a letter if it is not in it."""

    mark: str
    anchor: str


@dataclass(frozen=True)
class OutlineEntry:
    ref: Ref
    kind_label: str
    text: str | None
    """The claim's text, only for claims the handout does not list (context from other sections)."""
    relations: list[tuple[str, list[Ref]]]


@dataclass(frozen=True)
class MapItem:
    id: str
    title: str
    description: str
    fitted: FittedMap
    outline: list[OutlineEntry]


@dataclass(frozen=True)
class Part:
    """One handout's body: in the course reader there is one per handout it gathers."""

    title: str
    summary: list[str]
    objectives: list[str]
    groups: list[Group]
    quotes: list[tuple[str, str, str | None]]
    """Each quote, its place and the editors' reader-facing note on it, if any."""
    maps: list[MapItem]
    discussion: list[Group]
    self_check: list[tuple[str | None, list[tuple[str, str]]]]


@dataclass(frozen=True)
class HandoutContent:
    title: str
    byline_notes: list[Note]
    parts: list[Part]
    works_cited: list[list[Run]]


def handout_content(linked: LinkedReading, handout: Handout, maps: Mapping[str, Any],
                    notes: NoteFormatter | None = None) -> HandoutContent:
    """The data of one handout (the same for both editions); the reader is the guide, then every section."""
    notes = notes or NoteFormatter(linked)
    page = _page(handout.paper)
    placed: set[int] = set()
    if handout.kind == "reader":
        tops = [None, *(s for s in linked.reading.sections if s.parent is None)]
        parts = [_part(linked, top, maps, notes, page, placed, f"p{i}-", brief=top is None) for i, top in enumerate(tops)]
        title = READER_TITLE
    else:
        top = linked.sections[handout.section] if handout.section else None
        parts = [_part(linked, top, maps, notes, page, placed, "")]
        title = top.title if top else GUIDE_TITLE
    byline = [notes.note(n) for n in linked.reading.meta.footnotes] if handout.section is None else []
    keys = list(dict.fromkeys(u.key for u in linked.citations if u.note in placed and u.key in linked.sources))
    works = [notes.entry(linked.sources[k]) for k in sorted(keys, key=lambda k: _bib_order(linked.sources[k]))]
    return HandoutContent(title, byline, parts, works)


def _page(paper: Paper) -> Page:
    from .mapfit import PAGES

    return PAGES[paper]


def _part(linked: LinkedReading, top: Section | None, maps: Mapping[str, Any], notes: NoteFormatter,
          page: Page, placed: set[int], prefix: str, brief: bool = False) -> Part:
    """One handout's body; ``brief`` (the guide's part of the reader) keeps only what the sections
    that follow do not say again: the summary, the objectives and the overview map."""
    sections = [] if brief else [top, *_descendants(linked, top.id)] if top else list(linked.reading.sections)
    teaching = {t.section: t for t in linked.reading.teaching}
    shown: set[int] = set()  # each part of the reader carries its own notes
    several = len(sections) > 1

    def note_items(numbers: list[int]) -> list[Note]:
        fresh = [n for n in numbers if n not in shown]
        shown.update(fresh)
        return [notes.note(n) for n in fresh]

    groups, discussion, checks, quotes, number = [], [], [], [], 0
    for section in sections:
        items = []
        for claim in linked.claims_in(section.id):
            number += 1
            items.append(ClaimItem(number, f"{prefix}claim-{claim.id}", claim.id, claim.kind, KIND_LABELS[claim.kind],
                                   claim.text, claim.paragraph, note_items(list(claim.footnotes)), claim.editorial_note))
            quotes += [(q.text, f"{section.title}, paragraph {q.paragraph or claim.paragraph}", q.editorial_note)
                       for q in claim.quotes]
        heading = section.title if several else None
        if items:
            groups.append(Group(heading, items))
        teach = teaching.get(section.id)
        if teach and teach.discussion:
            discussion.append((heading, list(teach.discussion)))
        if teach and teach.self_check:
            checks.append((heading, [(c.question, c.answer) for c in teach.self_check]))
    placed.update(shown)
    if top is None:
        objectives = list(linked.reading.meta.objectives)
    else:
        objectives = [o for s in sections if s.id in teaching for o in teaching[s.id].objectives]
    numbered = {item.id: item for group in groups for item in group.claims}
    ids = {s.id for s in sections}
    # The maps the site shows on these pages: a section's and its subsections', or the home page's.
    chosen = [view for view in linked.reading.maps if (view.page is None if top is None else view.page in ids)]
    map_items = [_map_item(maps[view.id], numbered, page, prefix) for view in chosen if view.id in maps]
    summary = list(linked.reading.meta.summary) if brief else []
    return Part(top.title if top else GUIDE_TITLE, summary, objectives, groups, quotes, map_items,
                [Group(title, items) for title, items in discussion], checks)


def _map_item(the_map: Any, numbered: Mapping[str, ClaimItem], page: Page, prefix: str) -> MapItem:
    """The map fitted to the page, and its outline: each claim once, its relations by number."""
    outline = list(the_map.outline)
    letters: dict[str, str] = {}
    for item in outline:
        if item.claim_id not in numbered:
            letters[item.claim_id] = chr(ord("A") + len(letters)) if len(letters) < 26 else f"A{len(letters)}"
    anchor = f"{prefix}{the_map.id}"

    def ref(claim_id: str) -> Ref:
        if claim_id in numbered:
            return Ref(str(numbered[claim_id].number), numbered[claim_id].anchor)
        return Ref(letters.get(claim_id, claim_id), f"{anchor}-{claim_id}")

    labels = [("supported by", "supports"), ("objected to by", "objections"), ("answered by", "answers"),
              (RELATION_LABELS["leads_to"][0], "leads_to")]
    entries = []
    for item in outline:
        relations = [(label, [ref(c) for c in getattr(item, attr, []) or []]) for label, attr in labels]
        entries.append(OutlineEntry(ref(item.claim_id), KIND_LABELS.get(item.kind, item.kind),
                                    None if item.claim_id in numbered else item.text,
                                    [(label, refs) for label, refs in relations if refs]))
    # A claim with nothing under it is already named where it is a reason, objection or answer: an entry
    # of its own would only repeat its number and kind.
    named = {r.mark for e in entries for _, refs in e.relations for r in refs}
    entries = [e for e in entries if e.relations or e.text is not None or e.ref.mark not in named]
    return MapItem(anchor, the_map.title, the_map.description, fit_map(the_map.svg, page, the_map.id), entries)


def _descendants(linked: LinkedReading, section_id: str) -> list[Section]:
    found = []
    for child in linked.subsections(section_id):
        found += [child, *_descendants(linked, child.id)]
    order = {s.id: i for i, s in enumerate(linked.reading.sections)}
    return sorted(found, key=lambda s: order[s.id])


def _bib_order(source: Any) -> tuple[str, str]:
    """First author's family name (or the title), then the title: the site's bibliography order."""
    authors = source.persons.get("author") or [source.fields.get("title", source.key)]
    return (authors[0].split(",")[0].strip("{}“” ").lower(), source.fields.get("title", "").strip("{}“” ").lower())
