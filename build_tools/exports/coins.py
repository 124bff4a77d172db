"""COinS: an OpenURL ContextObject in a `span class="Z3988"`'s title, one per Sources entry,
which Zotero's browser connector detects and offers to save (all of them, from the page).

The ContextObject is data (key=value pairs, URL-encoded), built here; the template only
places it. Journal, newspaper and magazine articles use the journal format, books, chapters
and reports the book format, web pages and blog posts Dublin Core."""

from __future__ import annotations

from urllib.parse import urlencode

from ..model import Source
from .kinds import authors, full_pages, kind

FORMATS = {"journal": "journal", "newspaper": "journal", "magazine": "journal", "book": "book",
           "chapter": "book", "report": "book", "blog": "dc", "webpage": "dc", "other": "dc"}
GENRES = {"journal": "article", "newspaper": "article", "magazine": "article", "book": "book",
          "chapter": "bookitem", "report": "report"}


def coins(source: Source) -> str:
    f, k = source.fields, kind(source)
    fmt = FORMATS[k]
    pairs: list[tuple[str, str]] = [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", f"info:ofi/fmt:kev:mtx:{fmt}")]
    if fmt != "dc":
        pairs.append(("rft.genre", GENRES[k]))
    title = f.get("title") or f.get("shorttitle")
    if fmt == "journal":
        pairs += _opt(("rft.atitle", title), ("rft.jtitle", f.get("journal")), ("rft.volume", f.get("volume")),
                      ("rft.issue", f.get("number")))
    elif fmt == "book":
        pairs += _opt(("rft.atitle" if k == "chapter" else "rft.btitle", title), ("rft.btitle", f.get("booktitle")),
                      ("rft.pub", f.get("publisher") or f.get("institution")), ("rft.place", f.get("location")))
    else:
        pairs += _opt(("rft.title", title), ("rft.source", f.get("journal")),
                      ("rft.type", "blogPost" if k == "blog" else "webpage"))
    if "pages" in f:
        start, end = full_pages(f["pages"])
        pairs += [("rft.spage", start)] + ([("rft.epage", end)] if end else [])
    names, _ = authors(source)
    pairs += [("rft.au", _display(n)) for n in names]
    pairs += _opt(("rft.date", f.get("date")))
    if f.get("doi"):
        pairs.append(("rft_id", f"info:doi/{f['doi']}"))
    if f.get("url"):
        pairs.append(("rft_id", f["url"]))
    return urlencode(pairs)


def _opt(*pairs: tuple[str, str | None]) -> list[tuple[str, str]]:
    return [(k, v) for k, v in pairs if v]


def _display(name: str) -> str:
    """"Harman, Jane" -> "Jane Harman", the form COinS readers split into first and last name."""
    family, _, given = name.partition(",")
    return f"{given.strip()} {family.strip()}".strip()
