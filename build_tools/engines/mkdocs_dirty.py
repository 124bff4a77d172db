"""A strict MkDocs build of only the pages whose Markdown changed, where that gives the same site.

MkDocs' dirty build rebuilds the pages whose source is newer than their HTML and copies the
changed files, but on its own it is not a build one may publish:

- Material's search index then holds only the rebuilt pages. The index lists each page's entries
  together, so the previous index with each rebuilt page's entries put in place of its old ones
  is the index a full build writes (a test compares every byte of the two sites);
- the pages not rebuilt are not read, so a link to one of their anchors is not checked, and a
  link into a rebuilt page from one that was not is not checked again. So a dirty build is kept
  only when every rebuilt page has the same anchors and links as before, or new links only to
  other rebuilt pages (which MkDocs does check): then every link of the site is what the last
  strict build checked. Otherwise the caller builds in full;
- a page's navigation, previous/next links, the sitemap and the 404 page come from the nav and
  the configuration: a dirty build is tried only when neither, nor the set of files, changed.

The site is copied first (MkDocs writes in place), so the published one stays whole until the
new one replaces it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from .mkdocs_engine import build

if TYPE_CHECKING:
    from ..pipeline import Project

_ID = re.compile(r'\sid="([^"]+)"')
_HREF = re.compile(r'\shref="([^"]+)"')
SEARCH_INDEX = Path("search") / "search_index.json"


def page_url(doc: str) -> str:
    """A Markdown file's page URL under use_directory_urls: `a/b/index.md` and `a/b.md` are `a/b/`."""
    path = PurePosixPath(doc).with_suffix("")
    parts = path.parts[:-1] if path.name in ("index", "README") else path.parts
    return "".join(f"{part}/" for part in parts)


def _html(site: Path, url: str) -> str:
    page = site / url / "index.html"
    return page.read_text(encoding="utf-8") if page.is_file() else ""


def _links(html: str, url: str) -> set[str]:
    """The site's own pages and anchors a page links to, as URLs under the site (fragment kept)."""
    found = set()
    for href in _HREF.findall(html):
        if urlsplit(href).scheme or href.startswith("//"):
            continue
        found.add(urljoin(f"/{url}", href.replace("&amp;", "&")))
    return found


class _QuietDirty(logging.Filter):
    """MkDocs warns that a dirty build may be stale; here it is tried only where it is not."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def rebuild(project: Project, site: Path, target: Path, changed_docs: list[str]) -> bool:
    """Build into ``target`` a copy of ``site`` with the changed files of the edition's docs rebuilt;
    whether the result is what a full build would give (if not, the caller builds in full)."""
    docs = project.docs
    pages = {page_url(doc) for doc in changed_docs if doc.endswith(".md")}
    shutil.copytree(site, target, symlinks=True)  # copy2: MkDocs compares times with the sources'
    now = time.time()
    for doc in changed_docs:  # newer than anything in the copy, whatever the clock's grain
        os.utime(docs / doc, (now + 1, now + 1))
    before = {url: _html(site, url) for url in pages}
    quiet = _QuietDirty()
    logger = logging.getLogger("mkdocs.commands.build")
    logger.addFilter(quiet)
    try:
        build(project, target, dirty=True)
    finally:
        logger.removeFilter(quiet)
    for url in pages:
        old, new = before[url], _html(target, url)
        if not old or not new or set(_ID.findall(old)) != set(_ID.findall(new)):
            return False
        added = _links(new, url) - _links(old, url)
        if any(urlsplit(link).path.lstrip("/") not in pages for link in added):
            return False
    return _merge_search_index(site / SEARCH_INDEX, target / SEARCH_INDEX, pages)


def _merge_search_index(previous: Path, rebuilt: Path, pages: set[str]) -> bool:
    """Put the rebuilt pages' entries in place of their old ones in the previous index."""
    try:
        old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (previous, rebuilt))
    except (OSError, ValueError):
        return False
    fresh: dict[str, list] = {}
    for entry in new["docs"]:
        fresh.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    if set(fresh) - pages or old["config"] != new["config"]:
        return False
    docs: list = []
    for entry in old["docs"]:
        url = entry["location"].split("#", 1)[0]
        if url not in pages:
            docs.append(entry)
        elif url in fresh:  # the page's first old entry: all its new ones go here
            docs += fresh.pop(url)
    if fresh:  # a rebuilt page the old index did not have
        return False
    # As Material writes it (plugins/search/plugin.py), so the bytes are a full build's.
    rebuilt.write_bytes(json.dumps({"config": new["config"], "docs": docs}, separators=(",", ":"),
                                   default=str).encode("utf-8"))
    return True
