"""The site's pages: where each thing of a reading lives, and links between them."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .kinds import KINDS
from .linker import LinkedReading

KIND_LABELS = {kind: style.label for kind, style in KINDS.items()}
"""The kinds' labels, from the one table of their look (kinds.py)."""
RELATION_LABELS = {
    # (outgoing label, incoming label)
    "supports": ("supports", "supported by"),
    "objects_to": ("objects to", "objected to by"),
    "rebuts": ("answers", "answered by"),
    "leads_to": ("leads to", "follows from"),
}


@dataclass(frozen=True)
class Page:
    """One generated Markdown file: its path under docs/, its template and its data."""

    path: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


def section_path(reading_id: str, section_id: str) -> str:
    """A section's page under docs/: a folder of its own, so that the Markdown file's folder is the
    page's URL (<reading>/<section>/). Zensical rewrites the links of raw HTML (the maps) as if
    relative to the Markdown file, MkDocs leaves them relative to the page's URL: here both agree."""
    return f"{reading_id}/{section_id}/index.md"


class Addresses:
    """Where each claim, note, source, term, actor, event and figure of a reading is anchored."""

    def __init__(self, linked: LinkedReading) -> None:
        self.linked = linked
        self.root = linked.id

    def section_page(self, section_id: str) -> str:
        return section_path(self.root, section_id)

    def claim(self, claim_id: str) -> str:
        return f"{self.section_page(self.linked.section_of[claim_id])}#{claim_id}"

    def note(self, number: int) -> str:
        return f"{self.root}/notes.md#note-{number}"

    def source(self, key: str) -> str:
        return f"{self.root}/sources.md#{source_anchor(key)}"

    def term(self, term_id: str) -> str:
        return f"{self.root}/glossary.md#{term_id}"

    def actor(self, actor_id: str) -> str:
        return f"{self.root}/actors.md#{actor_id}"

    def event(self, event_id: str) -> str:
        return f"{self.root}/timeline.md#{event_id}"

    def figure(self, figure_id: str) -> str:
        return f"{self.root}/figures.md#{figure_id}"


def source_anchor(key: str) -> str:
    """BibTeX keys may hold characters that anchors should not: keep a safe subset."""
    return "src-" + "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in key.lower())


def relative(target: str, from_page: str) -> str:
    """A link from one docs page to a docs path (with optional #anchor), as MkDocs expects."""
    path, _, anchor = target.partition("#")
    rel = _relpath(path, posixpath.dirname(from_page)) if path and path != from_page else ""
    return rel + (f"#{anchor}" if anchor else "")


def page_url(path: str) -> str:
    """The folder URL a docs page is served at (directory URLs): "r/s/index.md" -> "r/s/",
    "r/notes.md" -> "r/notes/", "index.md" -> ""."""
    folder, name = posixpath.split(path)
    stem = name[:-3] if name.endswith(".md") else name
    inside = folder if stem == "index" else posixpath.join(folder, stem)
    return f"{inside}/" if inside else ""


def relative_url(target: str, from_page: str) -> str:
    """A link for raw HTML (which the engines do not rewrite): from one page's URL to a docs path
    with an optional #anchor, as a folder URL. Both engines resolve it alike, since every page that
    carries raw HTML links is a folder's index.md (see section_path)."""
    path, _, anchor = target.partition("#")
    here, there = page_url(from_page), page_url(path) if path else page_url(from_page)
    rel = "" if there == here else _relpath(there.rstrip("/") or ".", here.rstrip("/")) + "/"
    return rel + (f"#{anchor}" if anchor else "") if rel or anchor else "./"


@lru_cache(maxsize=16384)
def _relpath(path: str, folder: str) -> str:
    """posixpath.relpath for two paths inside docs/ (it asks the working directory every call,
    and the site links a few thousand times)."""
    return posixpath.relpath(path, folder or ".")
