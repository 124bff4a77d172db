"""What the LMS package holds: modules in the paper's order, each with pages, files, topics and quizzes.

Python decides what goes where and gives every piece a stable identifier; the templates in
templates/lms/ write the XML and HTML, and package.py zips it.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError, Location
from ..exercises import Exercise, exercises_for
from ..linker import LinkedReading
from ..model import Section, SelfCheck
from ..pages import KIND_LABELS, section_path
from .claims import ClaimRef, Place, claim_refs, places
from .pages import FOLDER, REFERENCE_PAGES, SitePage, handout_file, section_file


def ident(reading: str, *parts: str) -> str:
    """An XML identifier that stays the same from build to build and differs between readings."""
    return "i" + hashlib.sha1("/".join((reading, *parts)).encode()).hexdigest()[:20]


@dataclass(frozen=True)
class QuizItem:
    """One item the cartridge's QTI can carry: an essay, a multiple choice or a multiple response."""

    ident: str
    title: str
    question: str
    answer: str
    """The model answer, or why the right choices are right."""
    claims: list[str]
    choices: list[tuple[str, str, bool]]
    """(ident, text, correct) of each choice; empty for an essay item."""
    refs: list[ClaimRef] = field(default_factory=list)
    """The claims tested, by their words, for the feedback a student reads."""
    multiple: bool = False
    """Any number of the choices may be right ("select all that apply"): a multiple-response item."""

    @property
    def places(self) -> list[Place]:
        """Where the paper makes the claims tested, each paragraph once."""
        return places(self.refs)

    @property
    def kind(self) -> Literal["essay", "multiple_choice", "multiple_response"]:
        if not self.choices:
            return "essay"
        return "multiple_response" if self.multiple else "multiple_choice"

    @property
    def correct(self) -> str | None:
        return next((c[0] for c in self.choices if c[2]), None)

    @property
    def right(self) -> list[tuple[str, str, bool]]:
        """The right choices, in their order."""
        return [c for c in self.choices if c[2]]

    def fraction(self, choice: tuple[str, str, bool]) -> str:
        """A multiple-response choice's share of the mark in Moodle: the right ones share 100, the
        wrong ones share -100, so ticking every box scores nothing."""
        return moodle_percent(len(self.right) if choice[2] else -len(self.choices) + len(self.right))


MOODLE_SHARES = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20)
"""Moodle refuses an answer's grade that is not 100/n for one of these n (or its negative)."""


def moodle_percent(n: int) -> str:
    """100/|n| (negative for n < 0) as Moodle writes it, with n rounded up to a share Moodle allows."""
    share = next((s for s in MOODLE_SHARES if s >= abs(n)), MOODLE_SHARES[-1])
    value = f"{100 / share:.5f}".rstrip("0").rstrip(".")
    return value if n > 0 else "-" + value


@dataclass(frozen=True)
class Resource:
    """One resource of the manifest; `href` is its file inside the package."""

    ident: str
    kind: Literal["page", "weblink", "file", "topic", "quiz"]
    title: str
    href: str
    data: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    source: Path | None = None
    """A file copied in as it is (a handout), instead of one rendered from a template."""


@dataclass(frozen=True)
class Module:
    ident: str
    title: str
    resources: list[Resource]


@dataclass(frozen=True)
class Cartridge:
    reading: str
    title: str
    author: str
    ident: str
    modules: list[Module]

    @property
    def resources(self) -> list[Resource]:
        return [r for m in self.modules for r in m.resources]


@dataclass(frozen=True)
class HandoutFile:
    """A rendered handout as the handout stage records it: which section (None for the
    reading as a whole), its label, where it is, and its path under the handouts folder."""

    section: str | None
    label: str
    path: Path
    name: str


def page_url(site_url: str, docs_path: str, directory_urls: bool = True) -> str:
    """The published address of a docs page, as MkDocs builds it."""
    stem = docs_path.removesuffix(".md")
    if directory_urls:
        stem = stem.removesuffix("index").rstrip("/")
        address = f"{stem}/" if stem else ""
    else:
        address = f"{stem}.html"
    return site_url.rstrip("/") + "/" + address


def quiz_items(linked: LinkedReading, section: Section, items: list[SelfCheck]) -> list[QuizItem]:
    out = []
    for number, item in enumerate(items, start=1):
        base = ident(linked.id, "item", section.id, str(number))
        choices = [(f"{base}c{n}", c.text, c.correct) for n, c in enumerate(item.choices, start=1)]
        out.append(QuizItem(base, f"{section.title} {number}", item.question, item.answer, list(item.claims), choices,
                            claim_refs(linked, list(item.claims))))
    return out


def plan_cartridge(linked: LinkedReading, handouts: list[HandoutFile], site_url: str | None,
                   directory_urls: bool = True) -> Cartridge:
    r, rid = linked.reading, linked.id
    tops = [s for s in r.sections if s.parent is None]
    pages = {s.id: _page(linked, s, site_url, directory_urls) for s in r.sections}
    overview = Resource(ident(rid, "page", "overview"), "page", "Overview and objectives", "pages/index.html",
                        {"summary": r.meta.summary, "objectives": r.meta.objectives, "tops": tops,
                         "site": page_url(site_url, f"{rid}/index.md", directory_urls) if site_url else None})
    if not site_url:
        overview.data["site_page"] = SitePage(f"{rid}/index.md", "reading.md.j2", overview.title)
    first = [overview, *(_file(rid, h) for h in handouts if h.section is None)]
    if not site_url:
        _no_clash(r.sections)
        # The pages a section page links to (its notes' sources, the glossary, the actors named): the
        # site has them, and a course that publishes no site has them here.
        first += [Resource(ident(rid, "page", name), "page", title, f"{FOLDER}/{name}.html",
                           {"site_page": SitePage(f"{rid}/{name}.md", f"{name}.md.j2", title), "reference": True})
                  for name, title in REFERENCE_PAGES]
    modules = [Module(ident(rid, "module", "overview"), r.meta.title, first)]
    exercises = exercises_for(linked)
    for top in tops:
        resources: list[Resource] = []
        family = [top, *_descendants(linked, top.id)]
        resources += [pages[s.id] for s in family]
        resources += [_file(rid, h) for h in handouts if h.section == top.id]
        for section in family:
            teach = linked.teaching_for(section.id)
            if teach and teach.discussion:
                resources.append(Resource(ident(rid, "topic", section.id), "topic", f"Discussion: {section.title}",
                                          f"{ident(rid, 'topic', section.id)}/topic.xml",
                                          {"section": section, "questions": list(teach.discussion)}))
            if teach and teach.self_check:
                quiz = ident(rid, "quiz", section.id)
                resources.append(Resource(quiz, "quiz", f"Self-check: {section.title}", f"{quiz}/assessment.xml",
                                          {"section": section, "items": quiz_items(linked, section, teach.self_check)}))
            if exercises.get(section.id):
                resources.append(_practice_quiz(linked, section, exercises[section.id]))
        modules.append(Module(ident(rid, "module", top.id), top.title, resources))
    _link_pages(modules, overview)
    return Cartridge(rid, r.meta.title, r.meta.author, ident(rid, "cartridge"), modules)


def _no_clash(sections: list[Section]) -> None:
    """The cartridge's pages share one folder: a section named like a reading-wide page would overwrite it."""
    taken = {"index", *(name for name, _ in REFERENCE_PAGES)}
    for s in sections:
        if s.id in taken:
            raise InputError(Location(s.file, s.line), f"section id {s.id!r} is the name of the cartridge's "
                             f"{s.id}.html page", f"rename the section (not one of {', '.join(sorted(taken))}), "
                             "or publish the site and give its address (--site-url)")


def _practice_quiz(linked: LinkedReading, section: Section, exercises: list[Exercise]) -> Resource:
    """The section's exercises as a quiz beside its self-check: QTI items, and Moodle's own types."""
    from .practice import practice_items  # practice.py builds on QuizItem and ident, defined here

    quiz = ident(linked.id, "practice-quiz", section.id)
    qti, moodle = practice_items(linked, section, exercises)
    return Resource(quiz, "quiz", f"Practice: {section.title}", f"{quiz}/assessment.xml",
                    {"section": section, "items": qti, "moodle_items": moodle, "practice": True})


def _descendants(linked: LinkedReading, section_id: str) -> list[Section]:
    out = []
    for child in linked.subsections(section_id):
        out += [child, *_descendants(linked, child.id)]
    return out


def _page(linked: LinkedReading, section: Section, site_url: str | None, directory_urls: bool) -> Resource:
    rid = linked.id
    if site_url:
        return Resource(ident(rid, "weblink", section.id), "weblink", section.title,
                        f"{ident(rid, 'weblink', section.id)}/weblink.xml",
                        {"url": page_url(site_url, section_path(rid, section.id), directory_urls)})
    return Resource(ident(rid, "page", section.id), "page", section.title, section_file(section.id),
                    {"site_page": SitePage(section_path(rid, section.id), "section.md.j2", section.title, section.id)})


def _file(rid: str, handout: HandoutFile) -> Resource:
    return Resource(ident(rid, "file", handout.name), "file", handout.label, handout_file(handout.name), source=handout.path)


def _link_pages(modules: list[Module], overview: Resource) -> None:
    """Give each HTML page its neighbours (previous, next, up) as links relative to itself."""
    pages = [r for m in modules for r in m.resources if r.kind == "page"]
    # The reference pages are reached from every page's header, not in the reading order.
    html = [r for r in pages if not r.data.get("reference")]
    references = [r for r in pages if r.data.get("reference")]
    files = {r.href: r for m in modules for r in m.resources if r.kind == "file"}
    for page in references:
        here = posixpath.dirname(page.href)
        page.data["links"] = {"overview": posixpath.relpath(overview.href, here), "previous": None, "next": None}
        page.data["files"] = []
    for page in pages:
        page.data["references"] = [(r.title, posixpath.relpath(r.href, posixpath.dirname(page.href)))
                                   for r in references if r is not page]
    for i, page in enumerate(html):
        here = posixpath.dirname(page.href)

        def rel(target: str, here: str = here) -> str:
            return posixpath.relpath(target, here)

        page.data["links"] = {
            "overview": rel(overview.href) if page is not overview else None,
            "previous": (html[i - 1].title, rel(html[i - 1].href)) if i > 0 else None,
            "next": (html[i + 1].title, rel(html[i + 1].href)) if i + 1 < len(html) else None,
        }
        module = next(m for m in modules if page in m.resources)
        page.data["files"] = [(r.title, rel(r.href)) for r in module.resources if r.href in files]
        if page is overview:
            page.data["modules"] = [(m.title, [(p.title, rel(p.href) if p.kind == "page" else p.data["url"])
                                               for p in m.resources if p.kind in ("page", "weblink")])
                                    for m in modules[1:]]
