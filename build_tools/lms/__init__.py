"""LMS export: the reading as an IMS Common Cartridge 1.1 package and as Moodle XML questions.

`write_lms` writes `<reading>.imscc` and `<reading>.moodle.xml` into the reading's export folder.
The cartridge holds a first module (overview, objectives, the reading-wide handouts) and a module
per top-level section (its pages, handouts, a discussion topic and a QTI 1.2 self-check quiz for
the section and each subsection); the Moodle XML holds the same questions, a category a section.
With a site address the pages are web links to the published site; without one they are the site's
own pages, rendered for the cartridge by `pages.py`, with the Notes, Sources and Glossary pages.
"""

from __future__ import annotations

from pathlib import Path

from ..linker import LinkedReading
from .config import site_address
from .plan import Cartridge, HandoutFile, plan_cartridge
from .render import render_cartridge, render_moodle

__all__ = ["HandoutFile", "handout_files", "lms_files", "plan_cartridge", "site_address", "write_lms"]

def handout_files(records: list, handouts_dir: Path, reading: str) -> list[HandoutFile]:
    """The reading's rendered handouts, from the handout stage's own records (whatever it names them).

    Instructor editions carry the answers, and an LMS's files area is open to students: they stay
    on the site's Downloads page.
    """
    def name(path: Path) -> str:
        return path.relative_to(handouts_dir).as_posix() if path.is_relative_to(handouts_dir) else f"{reading}/{path.name}"

    return [HandoutFile(h.section, h.label, h.path, name(h.path))
            for h in records
            if h.reading == reading and h.path.is_file() and getattr(h, "edition", None) != "instructor"]


def lms_files(reading: str) -> tuple[str, str]:
    """The names of the two files, as Downloads links them."""
    return f"{reading}.imscc", f"{reading}.moodle.xml"


def write_lms(linked: LinkedReading, folder: Path, templates: Path, handouts: list[HandoutFile],
              site_url: str | None = None, directory_urls: bool = True, config: Path | None = None) -> list[Path]:
    """Write the reading's cartridge and Moodle XML into `folder`. Without `site_url` the cartridge
    carries the site's section, notes, sources and glossary pages, converted as `config` (mkdocs.yml)
    converts the site's."""
    from .package import write_zip

    cartridge: Cartridge = plan_cartridge(linked, handouts, site_url, directory_urls)
    cc_name, moodle_name = lms_files(linked.id)
    pages = None
    if not site_url:
        from ..maps import build_all_maps
        from .pages import CartridgePages, claim_href

        packed = [(h.label, h.name, h.section) for h in handouts]
        pages = CartridgePages(linked, templates, build_all_maps(linked, claim_href), config, packed)
    files = render_cartridge(cartridge, templates, pages)
    folder.mkdir(parents=True, exist_ok=True)
    written = [write_zip(folder / cc_name, files, first="imsmanifest.xml")]
    moodle = folder / moodle_name
    moodle.write_bytes(render_moodle(cartridge, templates))
    return [*written, moodle]
