"""The stages in order: load, link, check, render, export, build. The CLI and the live preview call these."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .checks import Finding, run_checks
from .editions import BUILD_FOLDERS, DEFAULT_EDITION, SITE_FOLDERS, check_edition, editions_rendered
from .errors import BuildToolsError, InputError, Location
from .linker import LinkedReading, link
from .loader import load_course
from .staging import put_in_place, staging_folder, sync_tree
from .yamlsource import read_text


@dataclass
class Project:
    """Where a course's inputs and outputs live; every path derives from the root and the edition
    (editions.py): the student edition's docs in build/docs and its site in site/, the
    instructor's in build/instructor/docs and site-instructor/. The handouts are shared."""

    root: Path
    source_dirs: list[Path] = field(default_factory=list)
    """Folders searched for a reading's source text (for the quote check)."""
    edition: str = DEFAULT_EDITION
    """Which edition of the site the outputs are: student (published) or instructor."""

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        self.edition = check_edition(self.edition)
        if not self.source_dirs:
            self.source_dirs = [self.root / "source", self.root.parent / "shared" / "source"]

    content = property(lambda self: self.root / "content")
    bib = property(lambda self: self.root / "bib")
    templates = property(lambda self: self.root / "templates")
    build = property(lambda self: self.root / "build")
    handouts = property(lambda self: self.root / "build" / "handouts")
    config = property(lambda self: self.root / "mkdocs.yml")
    out = property(lambda self: self.root / BUILD_FOLDERS[self.edition])
    """This edition's generated files: docs/, nav.yml, the site's staging and the preview's stamp."""
    docs = property(lambda self: self.out / "docs")
    nav = property(lambda self: self.out / "nav.yml")
    site = property(lambda self: self.root / SITE_FOLDERS[self.edition])


def load(project: Project) -> list[LinkedReading]:
    return [link(reading) for reading in load_course(project.content, project.bib)]


def source_text(project: Project, linked: LinkedReading, explicit: Path | None = None) -> str | None:
    """The reading's source text, if it can be found; None skips the quote check."""
    if explicit is not None:
        if not explicit.is_file():
            raise InputError(Location(explicit), "source text not found", "pass the path of the paper's text file")
        return read_text(explicit)
    name = linked.reading.meta.source_file
    for folder in project.source_dirs if name else []:
        candidate = folder / name
        if candidate.is_file():
            return read_text(candidate)
    return None


def check(project: Project, course: list[LinkedReading], source: Path | None = None) -> list[Finding]:
    findings: list[Finding] = []
    for linked in course:
        findings.extend(run_checks(linked, source_text(project, linked, source)))
    return findings


Downloads = dict[str, list[tuple[str, str, str | None, int, str]]]
"""reading id -> (label, path under docs/, top-level section or None, pages, kind) of each handout;
kind is section, guide or reader (the course reader)."""


def generate(project: Project, course: list[LinkedReading] | None = None, maps: dict | None = None) -> list[str]:
    """Render the edition's docs, maps and exports into its docs folder (build/docs for the
    students', and the navigation into build/nav.yml), writing only the files that changed; the
    files written or removed, as paths under the edition's folder (project.out).

    Handouts already rendered into build/handouts/ are linked in; rendering them is the `pdf`
    stage's work, so a live preview never waits for Typst.
    """
    from .export import write_exports
    from .render import SiteInputs, render_docs

    course = load(project) if course is None else course
    maps = build_maps(course) if maps is None else maps
    downloads, handouts = _handouts(project, course)
    with staging_folder(project.build, ".generate-") as tmp:
        staging = Path(tmp)
        render_docs(course, project.templates, SiteInputs(maps, downloads, project.edition), staging)
        for linked in course:
            write_exports(linked, staging / "docs" / "export" / linked.id)
        write_lms_packages(project, course, staging / "docs" / "export")
        written = [f"docs/{rel}" for rel in sync_tree(staging / "docs", project.docs, handouts)]
        if put_in_place(staging / "nav.yml", project.nav):
            written.append("nav.yml")
    return sorted(written)


def build_maps(course: list[LinkedReading]) -> dict[str, dict]:
    from .maps import build_all_maps

    return {linked.id: build_all_maps(linked) for linked in course}


def render_handouts(project: Project, course: list[LinkedReading], maps: dict,
                    progress: Callable[[str], None] | None = None, jobs: int | None = None) -> list:
    """Render the PDF handouts of the edition into build/handouts/ (the student edition's alone, or
    for the instructor's both), re-rendering only those whose input changed (``jobs`` at once;
    default: one per core)."""
    from .handouts import write_handouts

    return write_handouts(course, maps, project.templates, project.handouts, jobs=jobs, progress=progress,
                          editions=editions_rendered(project.edition))


def write_lms_packages(project: Project, course: list[LinkedReading], folder: Path,
                       site_url: str | None = None) -> list[Path]:
    """Each reading's Common Cartridge and Moodle XML, into ``folder``/<reading>/."""
    from .handouts import list_handouts
    from .lms import handout_files, site_address, write_lms

    url, directory_urls = site_address(project.config, site_url)
    records = list_handouts(course, project.handouts)
    return [path for linked in course
            for path in write_lms(linked, folder / linked.id, project.templates,
                                  handout_files(records, project.handouts, linked.id), url, directory_urls,
                                  project.config)]


def _handouts(project: Project, course: list[LinkedReading]) -> tuple[Downloads, dict[str, Path]]:
    """The rendered handouts of the edition: what each reading's pages list, and each file by its
    path under docs/ (the student edition links no instructor handout)."""
    from .handouts import list_handouts, page_counts

    downloads: Downloads = {linked.id: [] for linked in course}
    files: dict[str, Path] = {}
    pages = page_counts(project.handouts)
    for handout in list_handouts(course, project.handouts, editions_rendered(project.edition)):
        if not handout.path.is_file():
            continue
        rel = f"handouts/{handout.path.relative_to(project.handouts).as_posix()}"
        files[rel] = handout.path
        downloads[handout.reading].append((handout.label, rel, handout.section,
                                           pages.get(rel.removeprefix("handouts/"), 0), handout.kind))
    return downloads, files


def build_site(project: Project, engine: str = "mkdocs", changed: list[str] | None = None) -> bool:
    """Build the edition's site (site/ or site-instructor/) from its docs with the engine, in strict
    mode; the old site stays until the new one is whole.

    ``changed``: the files of the edition's docs that changed since site/ was built from them, when
    nothing else did; MkDocs then rebuilds those pages only, where that gives the same site.
    Whether it did (False: the whole site was built)."""
    from .engines import build_into
    from .engines.mkdocs_dirty import rebuild

    staging = project.out / ".site-new"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        partial = changed is not None and engine == "mkdocs" and rebuild(project, project.site, staging, changed)
        if not partial:
            shutil.rmtree(staging, ignore_errors=True)
            build_into(project, engine, staging)
    except BuildToolsError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = project.out / ".site-old"
    shutil.rmtree(old, ignore_errors=True)
    if project.site.exists():
        os.replace(project.site, old)
    os.replace(staging, project.site)
    shutil.rmtree(old, ignore_errors=True)
    return partial


def mkdocs_build(project: Project) -> None:
    """Build site/ with MkDocs, strict (the default engine)."""
    build_site(project, "mkdocs")
