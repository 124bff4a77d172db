"""The site's pages inside the cartridge, for a course that publishes no site: the reading's home page
(the overview), each section's page, and the Notes, Sources, Glossary, Actors, Timeline and Figures
pages.

There is one rendering of the argument: the site's own templates (section.md.j2 and its partials,
notes.md.j2, ...) write the page's Markdown, and Python-Markdown turns it into HTML with the
extensions the site's mkdocs.yml names (footnotes, abbr, attr_list, md_in_html, ..., paper_notes and
tooltip_scope), as MkDocs does for the site. What differs is given through the template context:
`link` maps a site path to the cartridge's file (pages/<section>.html#claim, files/<handout>),
`lms` leaves out what belongs to the site alone (the questions, which are the cartridge's discussion
topics and quizzes; the export downloads; the site's how-to), and the maps are laid out with links
to the cartridge's pages. An LMS has no tooltip script, so `glossary_links` links the first use of
each glossary term to its entry.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
from markupsafe import Markup
from mkdocs.utils.meta import get_data

from ..errors import InputError, Location
from ..linker import LinkedReading
from ..pages import Addresses, Page, section_path
from ..render import _Glossary, _Notes, make_environment
from ..editions import STUDENT
from ..render import _render as render_template
from .config import markdown_extensions
from .glossary_links import GlossaryLinks

REFERENCE_PAGES = (("notes", "Notes"), ("sources", "Sources"), ("glossary", "Glossary"), ("actors", "Actors"),
                   ("timeline", "Timeline"), ("figures", "Figures and quantities"))
"""The reading's pages a section page links to, each carried as a page of its own (name, title)."""
FOLDER = "pages"
STYLESHEET = f"{FOLDER}/course.css"
"""The pages' one stylesheet, listed with each page in the manifest."""


def section_file(section_id: str) -> str:
    """A section's page inside the cartridge."""
    return f"{FOLDER}/{section_id}.html"


def handout_file(name: str) -> str:
    """A handout inside the cartridge (`name`: its path under the handouts folder)."""
    return f"files/{name}"


def claim_href(claim_id: str, section_id: str) -> str:
    """Where a claim is, as seen from any page of the cartridge (they share one folder)."""
    return f"{section_id}.html#{claim_id}"


_CONVERTED: dict[bytes, Markup] = {}
"""Pages converted in this process: digest of (the converter's options, the Markdown) -> HTML."""
_CONVERTED_MAX = 200
"""About ten readings' pages: a long preview session holds a few megabytes, not every edit's pages."""


@dataclass(frozen=True)
class SitePage:
    """A page of the site to be carried in the cartridge: its docs path, template and title."""

    docs_path: str
    template: str
    title: str
    section: str | None = None


class CartridgePages:
    """Renders the site's pages of one reading as HTML bodies whose links stay inside the cartridge."""

    def __init__(self, linked: LinkedReading, templates: Path, maps: dict[str, Any], config: Path | None,
                 handouts: list[tuple[str, str, str | None]]) -> None:
        """`maps`: the reading's maps laid out with `claim_href`; `config`: mkdocs.yml (its
        markdown_extensions); `handouts`: (label, name under the handouts folder, top-level section
        or None) of each handout the cartridge packs."""
        self.linked = linked
        self.templates = templates
        self.maps = maps
        self.extensions, self.configs = markdown_extensions(config)
        self.env = make_environment(templates)
        self.notes = _Notes(linked)
        self.glossary = _Glossary(linked)
        rid = linked.id
        # The site's Downloads rows (pipeline.Downloads), their paths under docs/ standing for the
        # cartridge's files.
        self.downloads = [(label, f"handouts/{name}", section, 0, "section") for label, name, section in handouts]
        self.files = {f"handouts/{name}": handout_file(name) for _, name, _ in handouts}
        self.files |= {section_path(rid, s.id): section_file(s.id) for s in linked.reading.sections}
        self.files |= {f"{rid}/{name}.md": f"{FOLDER}/{name}.html" for name, _ in REFERENCE_PAGES}
        self.files[f"{rid}/index.md"] = f"{FOLDER}/index.html"
        self.terms = {word: f"glossary.html#{t.id}" for t in linked.reading.terms for word in (t.term, *t.aliases)}
        self._options = repr((self.extensions, self.configs, sorted(self.terms.items())))

    def cartridge_file(self, page: SitePage) -> str:
        return self.files[page.docs_path]

    def link(self, target: str, here: str, template: str) -> str:
        """A site path (with an optional #anchor) as a link relative to the cartridge file `here`."""
        path, _, anchor = target.partition("#")
        file = self.files.get(path)
        if file is None:
            raise InputError(Location(self.templates / template), f"the cartridge has no file for {path!r}, which "
                             f"{here} of {self.linked.id!r} links to",
                             "leave the link out of LMS pages in the template ({% if not lms %}), or carry the page")
        rel = "" if file == here and anchor else posixpath.relpath(file, posixpath.dirname(here))
        return rel + (f"#{anchor}" if anchor else "")

    def body(self, page: SitePage) -> Markup:
        """The page's HTML, from the site's template through Markdown."""
        here = self.cartridge_file(page)
        site_page = Page(page.docs_path, page.template, page.title)
        context: dict[str, Any] = {
            "page": site_page, "r": self.linked, "a": Addresses(self.linked), "notes": self.notes, "maps": self.maps,
            "downloads": self.downloads, "lms": True, "edition": STUDENT,  # a cartridge is student material
            "link": lambda target: self.link(target, here, page.template),
        }
        if page.section:
            context |= {"section": self.linked.sections[page.section], "teach": self.linked.teaching_for(page.section)}
        text = self._render(page.template, context)
        terms = self.glossary.used_in(text)
        if terms:
            text += self._render("abbreviations.md.j2", {"terms": terms, "page": site_page})
        # The live preview regenerates the cartridge on every edit: a page whose Markdown is unchanged
        # keeps its HTML (the conversion is most of the cost: 0.5 s of 0.65 s for this reading).
        key = hashlib.sha256(f"{self._options}\0{text}".encode()).digest()
        if key not in _CONVERTED:
            if len(_CONVERTED) > _CONVERTED_MAX:
                _CONVERTED.clear()
            # The front matter (title, search boost) is the engine's, as MkDocs reads it.
            _CONVERTED[key] = Markup(self._markdown().convert(get_data(text)[0]))
        return _CONVERTED[key]

    def _render(self, name: str, context: dict[str, Any]) -> str:
        return render_template(self.env, self.templates, name, **context)

    def _markdown(self) -> markdown.Markdown:
        # A converter a page: footnotes and abbreviations belong to one page, as on the site.
        return markdown.Markdown(extensions=[*self.extensions, GlossaryLinks(terms=self.terms)],
                                 extension_configs=self.configs, output_format="html")
