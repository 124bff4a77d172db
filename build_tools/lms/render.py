"""Render the planned cartridge through templates/lms/: manifest, QTI, topics, web links, pages, Moodle XML."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError

from ..errors import InputError, Location
from ..kinds import kind_css
from ..maps.build import FIT_STEPS
from .pages import STYLESHEET, CartridgePages
from .plan import Cartridge, Resource

TEMPLATES = {"page": "page.html.j2", "weblink": "weblink.xml.j2", "topic": "topic.xml.j2", "quiz": "assessment.xml.j2"}


@lru_cache(maxsize=8)
def _environment(templates: Path) -> Environment:
    # Autoescape everything: author text must not become markup in XML or in HTML.
    return Environment(loader=FileSystemLoader(str(templates / "lms")), autoescape=True, undefined=StrictUndefined,
                       keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def _render(templates: Path, name: str, **context: object) -> bytes:
    try:
        return _environment(templates).get_template(name).render(**context).encode("utf-8")
    except TemplateError as exc:
        raise InputError(Location(templates / "lms" / name, getattr(exc, "lineno", None)),
                         f"template error: {exc}", "fix the template") from exc


def render_cartridge(cartridge: Cartridge, templates: Path, pages: CartridgePages | None = None) -> dict[str, bytes]:
    """Every file of the package: its name inside the zip -> its bytes. `pages` renders the site's
    pages the cartridge carries (None: a cartridge whose section pages are web links)."""
    files: dict[str, bytes] = {"imsmanifest.xml": _render(templates, "imsmanifest.xml.j2", cc=cartridge,
                                                          stylesheet=STYLESHEET)}
    for resource in cartridge.resources:
        files[resource.href] = _resource_bytes(cartridge, resource, templates, pages)
    files[STYLESHEET] = _render(templates, "pages.css.j2", kinds=kind_css(templates), fit_steps=FIT_STEPS)
    return files


def _resource_bytes(cartridge: Cartridge, resource: Resource, templates: Path, pages: CartridgePages | None) -> bytes:
    if resource.source is not None:
        return resource.source.read_bytes()
    extra = {}
    if "site_page" in resource.data:
        if pages is None:
            raise ValueError("a cartridge with the site's pages needs the renderer of those pages")
        extra["body"] = pages.body(resource.data["site_page"])
    stylesheet = posixpath.relpath(STYLESHEET, posixpath.dirname(resource.href))
    return _render(templates, TEMPLATES[resource.kind], cc=cartridge, res=resource, stylesheet=stylesheet,
                   **resource.data, **extra)


def render_moodle(cartridge: Cartridge, templates: Path) -> bytes:
    quizzes = [(module, r) for module in cartridge.modules for r in module.resources if r.kind == "quiz"]
    return _render(templates, "moodle.xml.j2", cc=cartridge, quizzes=quizzes)
