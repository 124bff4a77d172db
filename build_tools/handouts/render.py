"""Render the handouts with Typst: each PDF from the template and its data, only when either changed.

The template (templates/handout/handout.typ) owns the layout; Python hands it one JSON document
per handout through Typst's `sys.inputs`. The JSON, the template and Typst's version are the
whole input of a PDF, so their hash decides whether it is rendered again.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..editions import EDITIONS
from ..exercises import exercises_for
from ..linker import LinkedReading
from ..staging import staging_folder
from .content import PAPERS, Handout, HandoutContent, handout_content, list_handouts
from .notes import NoteFormatter
from .pack import instructor_pack
from .worksheet import Worksheet, worksheet, worksheet_inputs
from .mapfit import MIN_TEXT_PT, PAGES
from .pool import HandoutRenderError, Job, Pool, growth_mb

__all__ = ["HandoutRenderError", "PlannedHandout", "page_counts", "plan_handouts", "write_handouts"]

CACHE_FILE = ".cache.json"
TEMPLATE = Path("handout") / "handout.typ"
PAPER_NAMES = {"a4": "a4", "letter": "us-letter"}
EDITION_LABELS = {"student": "Student handout", "instructor": "Instructor edition"}
PLANNING_MB = 10.0
"""What planning the handouts of a reading adds to this process at most, kept free in the memory
budget while workers render beside it: 7.6 MB for this reading's 26, 19 MB for five readings' 70."""
PLAN_ORDER = {"reader": 0, "guide": 1, "section": 2}
"""The largest handouts are planned first, so that they start rendering while the rest are planned."""


@dataclass(frozen=True)
class PlannedHandout:
    """A handout and the data its PDF is rendered from."""

    handout: Handout
    data: str
    template: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(f"{_typst_version()}\n{self.template}\n{self.data}".encode()).hexdigest()


def plan_handouts(course: list[LinkedReading], maps: Mapping[str, Mapping[str, Any]], templates: Path,
                  out: Path, editions: Collection[str] = EDITIONS) -> list[PlannedHandout]:
    """Every handout of every reading in ``editions`` with its data, in reading order; nothing is written."""
    order = {handout.path: index for index, handout in enumerate(list_handouts(course, out, editions))}
    return sorted(_planned(course, maps, templates, out, editions), key=lambda item: order[item.handout.path])


def _planned(course: list[LinkedReading], maps: Mapping[str, Mapping[str, Any]], templates: Path,
             out: Path, editions: Collection[str] = EDITIONS) -> Iterator[PlannedHandout]:
    """The handouts with their data one at a time, largest kind first (the readers, the guides, the
    sections): the caller keeps only the data it renders."""
    template = (templates / TEMPLATE).read_text(encoding="utf-8")
    by_id = {linked.id: linked for linked in course}
    formatters = {linked.id: NoteFormatter(linked) for linked in course}
    group: tuple[str, str | None, str] | None = None
    contents: dict[str, tuple[HandoutContent, dict[str, Any]]] = {}
    sheets: dict[str, dict[str | None, Worksheet | None]] = {}  # made when a reading's first section comes
    for handout in sorted(list_handouts(course, out, editions), key=lambda h: PLAN_ORDER[h.kind]):
        linked = by_id[handout.reading]
        if (handout.reading, handout.section, handout.kind) != group:
            # The editions of a handout come together and say the same: keep their content (and its
            # plain form, the larger part of planning) only while they come.
            group, contents = (handout.reading, handout.section, handout.kind), {}
        if handout.paper not in contents:
            content = handout_content(linked, handout, maps.get(linked.id, {}), formatters[linked.id])
            contents[handout.paper] = content, dataclasses.asdict(content)
        content, plain = contents[handout.paper]
        meta = linked.reading.meta
        page = PAGES[handout.paper]
        doc = {
            "title": f"{content.title} ({handout.edition} edition): {meta.title}",
            "heading": content.title, "kind": handout.kind, "edition": handout.edition,
            "edition_label": "Student edition" if handout.kind == "reader" else EDITION_LABELS[handout.edition], "paper": PAPER_NAMES[handout.paper],
            "paper_label": PAPERS[handout.paper], "margins": dataclasses.asdict(page),
            "min_text": MIN_TEXT_PT, "reading_title": meta.title, "author": meta.author,
            "content": plain,
        }
        if handout.edition == "instructor":
            doc["instructor_pack"] = instructor_pack(linked, handout, content)
        if handout.kind == "section":
            if handout.reading not in sheets:
                sheets[handout.reading] = _worksheets(linked)
            doc.update(worksheet_inputs(sheets[handout.reading].get(handout.section), handout.edition))
        yield PlannedHandout(handout, json.dumps(doc, ensure_ascii=False, sort_keys=True), template)


def _worksheets(linked: LinkedReading) -> dict[str | None, Worksheet | None]:
    """Each section handout's worksheet of a reading, by top-level section (its exercises made once)."""
    exercises = exercises_for(linked)
    return {top.id: worksheet(linked, [s for s in linked.reading.sections if linked.top_section(s.id) == top.id], exercises)
            for top in linked.reading.sections if top.parent is None}


def write_handouts(course: list[LinkedReading], maps: Mapping[str, Mapping[str, Any]], templates: Path,
                   out: Path, jobs: int | None = None,
                   progress: Callable[[str], None] | None = None,
                   editions: Collection[str] = EDITIONS) -> list[Handout]:
    """Write every handout of every reading in ``editions`` (default: both) into out/<reading-id>/,
    rendering only changed ones.

    ``jobs`` worker processes render at once (default: one per core), within a memory budget
    (handouts/pool.py); a handout is the same, byte for byte, whichever process renders it. The
    cache keeps the entries of the other editions' handouts, so building one edition does not
    undo the other's work."""
    report = progress or (lambda message: None)
    cache_path = out / CACHE_FILE
    cache = read_cache(cache_path)
    handouts = list_handouts(course, out, editions)
    digests: dict[Path, str] = {}

    def todo(scratch: str) -> Iterator[Job]:
        """The handouts to render, each as soon as it is planned, its data in a scratch file."""
        for item in _planned(course, maps, templates, out, editions):
            key = str(item.handout.path.relative_to(out))
            if cache.get(key, {}).get("digest") == item.digest and item.handout.path.is_file():
                report(f"skipped (unchanged): {item.handout.path.name}")
                continue
            data = Path(scratch, f"{len(digests)}.json")
            data.write_text(item.data, encoding="utf-8")
            digests[item.handout.path] = item.digest
            yield Job(data, item.handout.path, growth_mb(item.data))

    with staging_folder(out.parent, ".handout-data-") as scratch:
        pool = Pool(templates / TEMPLATE, jobs or os.cpu_count() or 1, planning_mb=PLANNING_MB * len(course))
        for done, (job, pages) in enumerate(pool.render(todo(scratch)), 1):
            cache[str(job.target.relative_to(out))] = {"digest": digests[job.target], "pages": pages}
            report(f"rendered {done}/{len(digests)}: {job.target.name}")
    out.mkdir(parents=True, exist_ok=True)
    current = {str(h.path.relative_to(out)) for h in list_handouts(course, out)}
    cache_path.write_text(json.dumps({k: v for k, v in sorted(cache.items()) if k in current}, indent=1))
    return handouts


def page_counts(out: Path) -> dict[str, int]:
    """Pages of each rendered handout, by path relative to out/, from the render cache."""
    return {key: int(entry.get("pages", 0)) for key, entry in read_cache(out / CACHE_FILE).items()}


def read_cache(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, dict)}


@functools.cache
def _typst_version() -> str:
    from importlib.metadata import version

    return version("typst")
