"""Render the handouts with Typst: each PDF from the template and its data, only when either changed.

The template (templates/handout/handout.typ) owns the layout; Python hands it one JSON document
per handout through Typst's `sys.inputs`. The JSON, the template and Typst's version are the
whole input of a PDF, so their hash decides whether it is rendered again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import BuildToolsError
from ..exercises import exercises_for
from ..linker import LinkedReading
from .content import PAPERS, Handout, HandoutContent, handout_content, list_handouts
from .notes import NoteFormatter
from .worksheet import Worksheet, worksheet, worksheet_inputs
from .mapfit import MIN_TEXT_PT, PAGES

CACHE_FILE = ".cache.json"
TEMPLATE = Path("handout") / "handout.typ"
PAPER_NAMES = {"a4": "a4", "letter": "us-letter"}
EDITION_LABELS = {"student": "Student handout", "instructor": "Instructor edition"}


class HandoutRenderError(BuildToolsError):
    """Typst refused a handout: the template or its data is wrong."""


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
                  out: Path) -> list[PlannedHandout]:
    """Every handout of every reading with its data, in reading order; nothing is written."""
    template = (templates / TEMPLATE).read_text(encoding="utf-8")
    by_id = {linked.id: linked for linked in course}
    formatters = {linked.id: NoteFormatter(linked) for linked in course}
    contents: dict[tuple[str, str | None, str, str], HandoutContent] = {}
    sheets = _worksheets(course)
    planned = []
    for handout in list_handouts(course, out):
        linked = by_id[handout.reading]
        key = (handout.reading, handout.section, handout.kind, handout.paper)
        if key not in contents:
            contents[key] = handout_content(linked, handout, maps.get(linked.id, {}), formatters[linked.id])
        content = contents[key]
        meta = linked.reading.meta
        page = PAGES[handout.paper]
        doc = {
            "title": f"{content.title} ({handout.edition} edition): {meta.title}",
            "heading": content.title, "kind": handout.kind, "edition": handout.edition,
            "edition_label": "Student edition" if handout.kind == "reader" else EDITION_LABELS[handout.edition], "paper": PAPER_NAMES[handout.paper],
            "paper_label": PAPERS[handout.paper], "margins": dataclasses.asdict(page),
            "min_text": MIN_TEXT_PT, "reading_title": meta.title, "author": meta.author,
            "content": dataclasses.asdict(content),
        }
        if handout.kind == "section":
            doc.update(worksheet_inputs(sheets[handout.reading].get(handout.section), handout.edition))
        planned.append(PlannedHandout(handout, json.dumps(doc, ensure_ascii=False, sort_keys=True), template))
    return planned


def _worksheets(course: list[LinkedReading]) -> dict[str, dict[str | None, Worksheet | None]]:
    """Each section handout's worksheet, per reading and top-level section (exercises made once a reading)."""
    sheets: dict[str, dict[str | None, Worksheet | None]] = {}
    for linked in course:
        exercises = exercises_for(linked)
        sheets[linked.id] = {
            top.id: worksheet(linked, [s for s in linked.reading.sections if linked.top_section(s.id) == top.id], exercises)
            for top in linked.reading.sections if top.parent is None}
    return sheets


def write_handouts(course: list[LinkedReading], maps: Mapping[str, Mapping[str, Any]], templates: Path,
                   out: Path, jobs: int | None = None,
                   progress: Callable[[str], None] | None = None) -> list[Handout]:
    """Write every handout of every reading into out/<reading-id>/, rendering only changed ones.

    ``jobs`` worker processes render at once (default: one per core); each renders a handout
    the same, byte for byte, whichever process it falls to."""
    report = progress or (lambda message: None)
    planned = plan_handouts(course, maps, templates, out)
    cache_path = out / CACHE_FILE
    cache = read_cache(cache_path)
    todo: list[PlannedHandout] = []
    for item in planned:
        key = str(item.handout.path.relative_to(out))
        if cache.get(key, {}).get("digest") == item.digest and item.handout.path.is_file():
            report(f"skipped (unchanged): {item.handout.path.name}")
        else:
            todo.append(item)
    for done, (item, pages) in enumerate(zip(todo, _render_all(templates / TEMPLATE, todo, jobs)), 1):
        cache[str(item.handout.path.relative_to(out))] = {"digest": item.digest, "pages": pages}
        report(f"rendered {done}/{len(todo)}: {item.handout.path.name}")
    out.mkdir(parents=True, exist_ok=True)
    current = {str(p.handout.path.relative_to(out)) for p in planned}
    cache_path.write_text(json.dumps({k: v for k, v in sorted(cache.items()) if k in current}, indent=1))
    return [p.handout for p in planned]


def page_counts(out: Path) -> dict[str, int]:
    """Pages of each rendered handout, by path relative to out/, from the render cache."""
    return {key: int(entry.get("pages", 0)) for key, entry in read_cache(out / CACHE_FILE).items()}


def _render_all(template: Path, todo: list[PlannedHandout], jobs: int | None) -> Iterator[int]:
    """Render ``todo`` in order; the page count of each as it is done.

    A Typst compile keeps to about one core, so the handouts are shared among worker processes
    (measured on two cores: 26 handouts in 1.6 s against 2.6 s in one process). Each worker keeps
    one compiler, whose fonts and memoized layout serve every handout it renders. The workers
    start from a fresh interpreter (forkserver or spawn, never a fork of this process, whose
    Typst threads would not survive one)."""
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers <= 1:
        compiler = _Compiler(str(template))
        for item in todo:
            yield compiler.render(item.data, item.handout.path)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        context.set_forkserver_preload([__name__])
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(str(template),)) as pool:
        yield from pool.map(_render_in_worker, [(item.data, item.handout.path) for item in todo])


_WORKER: _Compiler | None = None
"""The compiler of a worker process."""


def _start_worker(template: str) -> None:
    global _WORKER
    _WORKER = _Compiler(template)


def _render_in_worker(job: tuple[str, Path]) -> int:
    assert _WORKER is not None, "the worker was not started"
    return _WORKER.render(*job)


class _Compiler:
    """One Typst compiler for the template: fonts are found once, and what one handout's layout
    shares with the next (the template, its fonts, common content) is not laid out again."""

    def __init__(self, template: str) -> None:
        import typst

        self.typst = typst
        self.compiler = typst.Compiler(template, root=str(Path(template).parent))
        self.epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))

    def render(self, data: str, target: Path) -> int:
        """Write the PDF of ``data`` to ``target`` (atomically); its number of pages."""
        from pypdf import PdfReader

        try:
            pdf = self.compiler.compile(sys_inputs={"data": data}, pdf_standards=["ua-1"], timestamp=self.epoch)
        except self.typst.TypstError as exc:
            where = "".join(f"\n  {line}" for line in (getattr(exc, "diagnostic", "") or "").splitlines()[1:] if line.strip())
            raise HandoutRenderError(f"Typst could not render {target.name}: {exc}{where}\n"
                                     "fix the template (templates/handout/handout.typ) where shown") from exc
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(pdf)
        os.replace(tmp, target)
        return int(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Pages"]["/Count"])


def read_cache(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, dict)}


def _typst_version() -> str:
    from importlib.metadata import version

    return version("typst")
