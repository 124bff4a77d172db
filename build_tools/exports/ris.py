"""RIS, typed as Zotero files each work: NEWS, MGZN, BLOG, ELEC, RPRT, BOOK, CHAP, JOUR.

An author list the source cuts short ends with an author "et al.": RIS has no marker for it,
and its "Last, First, Suffix" form is read differently by different importers."""

from __future__ import annotations

from ..model import Source
from .kinds import ET_AL, authors, full_pages, kind, short_title, title

TYPES = {"journal": "JOUR", "newspaper": "NEWS", "magazine": "MGZN", "blog": "BLOG", "webpage": "ELEC",
         "report": "RPRT", "book": "BOOK", "chapter": "CHAP", "other": "GEN"}
TAGS = (("journal", "T2"), ("booktitle", "T2"), ("volume", "VL"), ("number", "IS"),
        ("section", "SE"), ("publisher", "PB"), ("institution", "PB"), ("location", "CY"),
        ("url", "UR"), ("doi", "DO"))


def ris_record(source: Source) -> str:
    f = source.fields
    rows = [("TY", TYPES[kind(source)])]
    names, cut_short = authors(source)
    rows += [("AU", n) for n in names] + ([("AU", ET_AL)] if cut_short else [])
    editors, more = authors(source, "editor")
    rows += [("A2", n) for n in editors] + ([("A2", ET_AL)] if more else [])
    rows += [("TI", known)] if (known := title(source)) else []
    rows += [(tag, f[name]) for name, tag in TAGS if name in f]
    if (short := short_title(source)) is not None:
        rows.append(("ST", short))
    if "pages" in f:
        start, end = full_pages(f["pages"])
        rows += [("SP", start)] + ([("EP", end)] if end else [])
    if "date" in f:
        rows += [("DA", f["date"].replace("-", "/")), ("PY", f["date"][:4])]
    if source.incomplete:
        rows.append(("N1", f"Incomplete: {source.incomplete}"))
    rows += [("ID", source.key), ("ER", "")]
    return "".join(f"{tag}  - {value}\n" for tag, value in rows)
