"""Render: turn linked readings into the generated docs folder through Jinja templates.

Python decides which pages exist and what data each gets; the templates decide
how it reads. Text from content/ is escaped by the `md` filter before it
reaches Markdown, so no author text can become markup.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, pass_context
from markupsafe import Markup, escape

from . import chicago, exports, page_text
from .errors import InputError, Location
from .kinds import kind_css
from .linker import LinkedReading
from .exercises import exercises_for
from .pages import KIND_LABELS, RELATION_LABELS, Addresses, Page, relative, relative_url, section_path, source_anchor

NOT_IN_NAV = {"authors-guide.md.j2"}
"""Templates of pages that are built and linked but not listed in the navigation."""

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|~^])")


def md(text: Any) -> Markup:
    """Plain author text made safe for Markdown: Markdown syntax backslashed, then HTML-escaped."""
    return Markup(html.escape(MD_SPECIAL.sub(r"\\\1", str(text)), quote=False))


@dataclass(frozen=True)
class SiteInputs:
    """What the renderer needs besides the readings: maps and the download list."""

    maps: Mapping[str, Mapping[str, Any]]
    """reading id -> map id -> ArgumentMap."""
    downloads: Mapping[str, list[tuple[str, str, str | None, int, str]]]
    """reading id -> (label, path under docs/, top-level section or None, pages, kind) of each handout
    (pipeline.Downloads)."""


@lru_cache(maxsize=8)
def make_environment(templates: Path) -> Environment:
    """One environment per templates folder and process: the live preview renders every page
    on each edit, and compiling the templates costs more than rendering them. Jinja checks
    each template's file before use (auto_reload), so an edited template is compiled again."""
    env = Environment(
        loader=FileSystemLoader(str(templates)), autoescape=True, undefined=StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["md"] = md
    env.globals.update(kind_label=KIND_LABELS.__getitem__, relation_labels=RELATION_LABELS, link=_link, url=_url,
                       claim_title=page_text.claim_title, paragraphs=page_text.paragraphs,
                       work_label=page_text.work_label)
    return env


@pass_context
def _link(ctx: Any, target: str) -> str:
    return relative(target, ctx["page"].path)


@pass_context
def _url(ctx: Any, target: str) -> str:
    """A link inside raw HTML (exercises, maps): a folder URL, which no engine rewrites."""
    return relative_url(target, ctx["page"].path)


def plan_pages(course: list[LinkedReading]) -> list[Page]:
    """Every page of the site, in reading order."""
    pages = [Page("index.md", "index.md.j2", "Home", {"course": course})]
    guide = Page("authors-guide.md", "authors-guide.md.j2", "For authors")
    for linked in course:
        rid = linked.id
        base = {"r": linked, "a": Addresses(linked), "practice": exercises_for(linked)}
        pages.append(Page(f"{rid}/index.md", "reading.md.j2", linked.reading.meta.title, base))
        for section in linked.reading.sections:
            ctx = {**base, "section": section, "teach": linked.teaching_for(section.id)}
            pages.append(Page(section_path(rid, section.id), "section.md.j2", section.title, ctx))
        # A folder of its own, as a section's page: raw HTML links then read the same in both engines.
        pages.append(Page(f"{rid}/practice/index.md", "practice.md.j2", "Practice", base))
        for name, title in (("notes", "Notes"), ("sources", "Sources"), ("glossary", "Glossary"),
                            ("actors", "Actors"), ("timeline", "Timeline"), ("figures", "Figures and quantities"),
                            ("downloads", "Downloads")):
            pages.append(Page(f"{rid}/{name}.md", f"{name}.md.j2", title, base))
        pages.append(Page(f"{rid}/teaching/index.md", "teaching.md.j2", "Teaching", base))
        pages.append(Page(f"{rid}/instructor/index.md", "instructor.md.j2", "Instructor view", base))
        for section in linked.reading.sections:
            ctx = {**base, "section": section, "teach": linked.teaching_for(section.id)}
            pages.append(Page(f"{rid}/teaching/{section.id}.md", "activity.md.j2", section.title, ctx))
            pages.append(Page(f"{rid}/instructor/{section.id}.md", "answers.md.j2", section.title, ctx))
    return [*pages, guide]


def render_docs(course: list[LinkedReading], templates: Path, inputs: SiteInputs, out: Path) -> list[Path]:
    """Write every page, the nav and the assets into ``out`` (an empty folder)."""
    env = make_environment(templates)
    notes = {r.id: _Notes(r) for r in course}
    written: list[Path] = []
    pages = plan_pages(course)
    glossary = {linked.id: _Glossary(linked) for linked in course}
    for page in pages:
        rid = page.path.split("/", 1)[0]
        extra = {"notes": notes.get(rid), "maps": inputs.maps.get(rid, {}), "downloads": inputs.downloads.get(rid, [])}
        text = _render(env, templates, page.template, page=page, **extra, **page.context)
        terms = [t for g in ([glossary[rid]] if rid in glossary else glossary.values()) for t in g.used_in(text)]
        if terms:
            text += _render(env, templates, "abbreviations.md.j2", terms=terms, page=page)
        written.append(_write(out / "docs" / page.path, text))
    # The author's guide is for people who build the site, not for readers: it is linked from the
    # home page and the instructor pages, and left out of the navigation (MkDocs' not_in_nav).
    outside = "\n".join(f"/{p.path}" for p in pages if p.template in NOT_IN_NAV)
    nav = yaml.safe_dump({"nav": _nav(pages), **({"not_in_nav": outside} if outside else {})},
                         allow_unicode=True, sort_keys=False)
    written.append(_write(out / "nav.yml", nav))
    assets = templates / "assets"
    for asset in sorted(assets.rglob("*")) if assets.is_dir() else []:
        if asset.is_file():
            target = out / "docs" / "assets" / asset.relative_to(assets)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(asset, target)
            written.append(target)
    written.append(_write(out / "docs" / "assets" / "kinds.css", kind_css(templates)))
    return written


def _render(env: Environment, templates: Path, name: str, **context: Any) -> str:
    try:
        return env.get_template(name).render(**context)
    except TemplateError as exc:
        raise InputError(Location(templates / name, getattr(exc, "lineno", None)),
                         f"template error: {exc}", "fix the template") from exc


class _Glossary:
    """A reading's glossary terms, each with the words that show it (term and aliases, as written
    and as the `md` filter escapes them), to pick the terms a page uses for its tooltips.

    Python-Markdown tries every abbreviation of a page on every stretch of its text, so a page
    carries only the terms it uses, and only its own reading's: the cost of a page does not grow
    with the number of readings, and two readings may define the same word differently."""

    def __init__(self, linked: LinkedReading) -> None:
        self.terms = [((t, linked), {w for word in (t.term, *t.aliases) for w in (word, str(md(word)))})
                      for t in linked.reading.terms]

    def used_in(self, text: str) -> list[tuple[Any, LinkedReading]]:
        return [term for term, words in self.terms if any(word in text for word in words)]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _nav(pages: list[Page]) -> list[Any]:
    """Material's navigation, in reading order: a section per reading, the teaching and instructor
    pages nested by folder (a section's page has a folder of its own, and stays at the top)."""
    nav: list[Any] = [{"Home": "index.md"}]
    by_reading: dict[str, list[Page]] = {}
    for page in pages[1:]:
        if "/" not in page.path:
            continue
        by_reading.setdefault(page.path.split("/", 1)[0], []).append(page)
    for rid, group in by_reading.items():
        folders = (("teaching", "Teaching"), ("instructor", "Instructor view"))
        top = [p for p in group if not p.path.startswith(tuple(f"{rid}/{folder}/" for folder, _ in folders))]
        entries: list[Any] = [{p.title: p.path} for p in top]
        for folder, label in folders:
            inner = [p for p in group if p.path.startswith(f"{rid}/{folder}/")]
            entries.append({label: [{p.title if not p.path.endswith("index.md") else "Overview": p.path} for p in inner]})
        nav.append({group[0].title: entries})
    nav += [{p.title: p.path} for p in pages[1:] if "/" not in p.path and p.template not in NOT_IN_NAV]
    return nav


class _Notes:
    """Formatted notes and entries for one reading, computed once and shared by every page."""

    def __init__(self, linked: LinkedReading) -> None:
        self.linked = linked
        self._md: dict[int, str] = {}

    def note_md(self, number: int) -> Markup:
        if number not in self._md:
            note = self.linked.footnotes.get(number)
            self._md[number] = chicago.format_note(note, self.linked.sources, "markdown") if note else ""
        return _safe_markdown(self._md[number])

    def entry_md(self, key: str) -> Markup:
        return _safe_markdown(chicago.format_bibliography_entry(self.linked.sources[key], "markdown"))

    def anchor(self, key: str) -> str:
        return source_anchor(key)

    def bibtex(self, key: str) -> str:
        """The entry's record as the BibTeX export writes it (plain text: the template escapes it)."""
        return exports.biblatex_record(self.linked.sources[key])

    def coins(self, key: str) -> str:
        """The entry's OpenURL ContextObject, for a COinS span (plain text: the template escapes it)."""
        return exports.coins(self.linked.sources[key])

    def ordered_sources(self) -> list[Any]:
        """Sources in bibliography order: first author's family name (or title), then title."""

        def key(source: Any) -> tuple[str, str]:
            authors = source.persons.get("author") or [source.fields.get("title", source.key)]
            first = authors[0].split(",")[0].strip("{}“” ").lower()
            return (first, source.fields.get("title", "").strip("{}“” ").lower())

        return sorted(self.linked.reading.sources, key=key)


URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)]")


def _safe_markdown(text: str) -> Markup:
    """The formatter's Markdown (italics only) with any HTML in the data escaped.

    URLs become autolinks: clickable, and kept whole (Markdown leaves an autolink's
    text alone, so no glossary tooltip lands inside a web address).
    """
    pieces, last = [], 0
    for match in URL.finditer(text):
        pieces.append(str(escape(text[last:match.start()])))
        pieces.append(f"<{match.group(0)}>")
        last = match.end()
    pieces.append(str(escape(text[last:])))
    return Markup("".join(pieces))
