"""PDF handouts: a handout per top-level section and a reader's guide, per edition and paper size.

Python gathers what each handout says; templates/handout/ decides how it looks. The HTML a
template renders is self-contained (CSS, notes and map inline), so its hash is the whole input
of a PDF: a PDF is rendered again only when its HTML changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .linker import LinkedReading
from .model import Claim, Footnote, SelfCheck, Section
from .pages import KIND_LABELS

Edition = Literal["student", "instructor"]
Paper = Literal["a4", "letter"]
EDITIONS: tuple[Edition, ...] = ("student", "instructor")
PAPERS: dict[Paper, str] = {"a4": "A4", "letter": "letter"}
CACHE_FILE = ".cache.json"
GUIDE = "guide"
GUIDE_TITLE = "Reader’s guide"


@dataclass(frozen=True)
class Handout:
    """One PDF: which reading, which top-level section (None for the guide), edition and paper."""

    reading: str
    section: str | None
    edition: Edition
    paper: Paper
    path: Path
    label: str


@dataclass(frozen=True)
class Note:
    number: int
    html: Markup
    status: str


@dataclass(frozen=True)
class ClaimItem:
    number: int
    claim: Claim
    kind_label: str
    notes: list[Note]


@dataclass(frozen=True)
class QuoteItem:
    text: str
    locator: str
    editorial_note: str | None = None


@dataclass(frozen=True)
class Part:
    """One section's share of a handout: its claims and its teaching material."""

    section: Section
    claims: list[ClaimItem] = field(default_factory=list)
    discussion: list[str] = field(default_factory=list)
    self_check: list[SelfCheck] = field(default_factory=list)


@dataclass(frozen=True)
class HandoutContent:
    """What a handout says, the same for every edition and paper."""

    title: str
    objectives: list[str]
    parts: list[Part]
    quotes: list[QuoteItem]
    byline_notes: list[Note]
    map: Any | None
    map_svg: Markup | None
    works_cited: list[Markup]


@dataclass(frozen=True)
class PlannedHandout:
    """A handout and the self-contained HTML it is rendered from."""

    handout: Handout
    html: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(f"{_weasyprint_version()}\n{self.html}".encode()).hexdigest()


def list_handouts(course: list[LinkedReading], out: Path) -> list[Handout]:
    """Every handout of every reading, in reading order: a top-level section each, then the guide."""
    handouts: list[Handout] = []
    for linked in course:
        tops: list[Section | None] = [s for s in linked.reading.sections if s.parent is None]
        for section in [*tops, None]:
            stem = section.id if section else GUIDE
            title = section.title if section else GUIDE_TITLE
            for edition in EDITIONS:
                for paper in PAPERS:
                    handouts.append(Handout(linked.id, section.id if section else None, edition, paper,
                                            out / linked.id / f"{stem}-{edition}-{paper}.pdf",
                                            f"{title}: {edition} edition ({PAPERS[paper]})"))
    return handouts


def plan_handouts(course: list[LinkedReading], maps: Mapping[str, Mapping[str, Any]], templates: Path,
                  out: Path) -> list[PlannedHandout]:
    """Every handout of every reading with its HTML, in reading order; nothing is written."""
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    template = env.get_template("handout/handout.html.j2")
    css = Markup((templates / "handout" / "handout.css").read_text(encoding="utf-8"))
    created = _w3c_date(_epoch())
    linked_by_id = {linked.id: linked for linked in course}
    contents: dict[tuple[str, str | None], HandoutContent] = {}
    planned: list[PlannedHandout] = []
    for handout in list_handouts(course, out):
        linked = linked_by_id[handout.reading]
        key = (handout.reading, handout.section)
        if key not in contents:
            top = linked.sections[handout.section] if handout.section else None
            contents[key] = handout_content(linked, top, maps.get(linked.id, {}))
        html = template.render(r=linked.reading.meta, c=contents[key], edition=handout.edition,
                               paper=PAPERS[handout.paper], css=css, created=created,
                               kind_label=KIND_LABELS.__getitem__)
        planned.append(PlannedHandout(handout, html))
    return planned


def write_handouts(course: list[LinkedReading], maps: Mapping[str, Mapping[str, Any]], templates: Path,
                   out: Path, jobs: int | None = None,
                   progress: Callable[[str], None] | None = None) -> list[Handout]:
    """Write every handout of every reading into out/<reading-id>/, rendering only changed ones."""
    report = progress or (lambda message: None)
    planned = plan_handouts(course, maps, templates, out)
    cache_path = out / CACHE_FILE
    cache = _read_cache(cache_path)
    todo: list[tuple[Handout, str, str]] = []
    for item in planned:
        key = str(item.handout.path.relative_to(out))
        digest = item.digest
        if cache.get(key) == digest and item.handout.path.is_file():
            report(f"skipped (unchanged): {item.handout.path.name}")
        else:
            todo.append((item.handout, item.html, digest))
    for done, (handout, digest) in enumerate(_render_all(todo, jobs, _epoch()), 1):
        cache[str(handout.path.relative_to(out))] = digest
        report(f"rendered {done}/{len(todo)}: {handout.path.name}")
    out.mkdir(parents=True, exist_ok=True)
    current = {str(p.handout.path.relative_to(out)) for p in planned}
    cache_path.write_text(json.dumps({k: v for k, v in sorted(cache.items()) if k in current}, indent=1))
    return [p.handout for p in planned]


def _epoch() -> int:
    return int(os.environ.get("SOURCE_DATE_EPOCH", "0"))


def _render_all(todo: list[tuple[Handout, str, str]], jobs: int | None,
                epoch: int) -> Iterator[tuple[Handout, str]]:
    """Yield each handout and its input hash once its PDF is written: in this process for one job, else in a pool."""
    for handout, _, _ in todo:
        handout.path.parent.mkdir(parents=True, exist_ok=True)
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(todo) <= 1:
        for handout, html, digest in todo:
            render_pdf(html, str(handout.path), digest, epoch)
            yield handout, digest
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
        futures = {pool.submit(render_pdf, html, str(h.path), digest, epoch): (h, digest) for h, html, digest in todo}
        for future in as_completed(futures):
            future.result()
            yield futures[future]


def render_pdf(html: str, target: str, digest: str, epoch: int) -> None:
    """Render one handout's HTML as tagged PDF/UA-1, the same bytes for the same input.

    The file identifier derives from the input; the embedded font subsets get their timestamp
    from SOURCE_DATE_EPOCH (fontTools reads it), which would otherwise be the time of the render.
    """
    from weasyprint import HTML

    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)

    tmp = f"{target}.tmp"
    HTML(string=html, base_url=str(Path(target).parent)).write_pdf(
        tmp, pdf_variant="pdf/ua-1", pdf_identifier=digest[:32].encode())
    os.replace(tmp, target)


def handout_content(linked: LinkedReading, top: Section | None, maps: Mapping[str, Any]) -> HandoutContent:
    """The data of one handout: a top-level section with its subsections, or the whole reading."""
    meta = linked.reading.meta
    sections = [top, *_descendants(linked, top.id)] if top else list(linked.reading.sections)
    teaching = {t.section: t for t in linked.reading.teaching}
    placed: set[int] = set()
    notes = _NoteFormatter(linked)

    def note_items(numbers: list[int]) -> list[Note]:
        fresh = [n for n in numbers if n not in placed]
        placed.update(fresh)
        return [notes.note(n) for n in fresh]

    byline = note_items(list(meta.footnotes)) if top is None else []
    parts, quotes, number = [], [], 0
    for section in sections:
        items = []
        for claim in linked.claims_in(section.id):
            number += 1
            items.append(ClaimItem(number, claim, KIND_LABELS[claim.kind], note_items(list(claim.footnotes))))
            quotes += [QuoteItem(q.text, f"{section.title}, paragraph {q.paragraph or claim.paragraph}",
                                 q.editorial_note) for q in claim.quotes]
        teach = teaching.get(section.id)
        part = Part(section, items, list(teach.discussion) if teach else [], list(teach.self_check) if teach else [])
        if items or part.discussion or part.self_check:
            parts.append(part)
    if top is None:
        objectives = list(meta.objectives)
    else:
        objectives = [o for s in sections if s.id in teaching for o in teaching[s.id].objectives]
    the_map = maps.get(f"map-{top.id}" if top else "overview")
    in_handout = {item.claim.id for part in parts for item in part.claims}
    keys = list(dict.fromkeys(u.key for u in linked.citations if u.note in placed and u.key in linked.sources))
    return HandoutContent(
        title=top.title if top else GUIDE_TITLE, objectives=objectives, parts=parts, quotes=quotes,
        byline_notes=byline, map=the_map,
        map_svg=Markup(_local_links(the_map.svg, in_handout)) if the_map is not None else None,
        works_cited=[notes.entry(linked.sources[k]) for k in sorted(keys, key=lambda k: _bib_order(linked.sources[k]))],
    )


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


class _NoteFormatter:
    """Chicago notes and entries as safe HTML: the data escaped, the formatter's *italics* made <em>."""

    def __init__(self, linked: LinkedReading) -> None:
        self.linked = linked

    def note(self, number: int) -> Note:
        from . import chicago

        footnote: Footnote | None = self.linked.footnotes.get(number)
        if footnote is None or footnote.status == "missing":
            gap = f" ({footnote.gap})" if footnote is not None and footnote.gap else ""
            return Note(number, Markup(escape(f"Note missing from the source copy{gap}.")), "missing")
        html = markdown_to_html(chicago.format_note(footnote, self.linked.sources, "markdown"))
        if footnote.status == "partial":
            gap = footnote.gap or "part of the note is illegible"
            html += Markup(" <span class=\"partial\">[Partial in the source copy: {}.]</span>").format(gap.rstrip("."))
        return Note(number, html, footnote.status)

    def entry(self, source: Any) -> Markup:
        from . import chicago

        return markdown_to_html(chicago.format_bibliography_entry(source, "markdown"))


_TOKEN = re.compile(r"\\(.)|(\*)|(https?://[^\s<>]+[^\s<>.,;:)])")


def markdown_to_html(text: str) -> Markup:
    """The formatter's Markdown (backslash escapes, *italics*) as HTML, everything else as text."""
    pieces: list[str] = []
    emphasis, last = False, 0
    for match in _TOKEN.finditer(text):
        pieces.append(str(escape(text[last:match.start()])))
        last = match.end()
        if match.group(1) is not None:
            pieces.append(str(escape(match.group(1))))
        elif match.group(2):
            pieces.append("</em>" if emphasis else "<em>")
            emphasis = not emphasis
        else:
            pieces.append(f'<span class="url">{escape(match.group(3))}</span>')
    pieces.append(str(escape(text[last:])))
    if emphasis:
        pieces.append("</em>")
    return Markup("".join(pieces))


def _local_links(svg: str, claims: set[str]) -> str:
    """The map at Graphviz's own size, its links pointing at the claims in this PDF (others removed)."""
    ns = {"svg": "http://www.w3.org/2000/svg", "xlink": "http://www.w3.org/1999/xlink"}
    root = ET.fromstring(svg)
    box = (root.get("viewBox") or "").split()
    if len(box) == 4:  # Graphviz draws in points; the site's copy is scaled by CSS instead
        root.set("width", f"{float(box[2]):g}pt")
        root.set("height", f"{float(box[3]):g}pt")
    href = f"{{{ns['xlink']}}}href"
    for link in root.iter(f"{{{ns['svg']}}}a"):
        target = (link.get(href) or link.get("href") or "").rsplit("#", 1)[-1]
        link.attrib.pop("href", None)
        if target in claims:
            link.set(href, f"#claim-{target}")
        else:
            link.attrib.pop(href, None)
    return ET.tostring(root, encoding="unicode")


def _read_cache(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _w3c_date(epoch: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def _weasyprint_version() -> str:
    from weasyprint import __version__

    return __version__
