"""CSL-JSON, as the official csl-data schema describes it (tests/schemas/csl-data.json)."""

from __future__ import annotations

from typing import Any

from ..model import Source
from .kinds import ET_AL, authors, date_parts, kind, page_range, short_title, title

TYPES = {"journal": "article-journal", "newspaper": "article-newspaper", "magazine": "article-magazine",
         "blog": "post-weblog", "webpage": "post-weblog", "report": "report", "book": "book",
         "chapter": "chapter", "other": "document"}
FIELDS = {"journal": "container-title", "booktitle": "container-title", "volume": "volume",
          "number": "issue", "publisher": "publisher", "institution": "publisher", "location": "publisher-place",
          "url": "URL", "doi": "DOI", "section": "section"}


def csl_name(name: str) -> dict[str, str]:
    family, _, given = name.partition(",")
    if not given:
        return {"literal": family.strip()} if " " in family.strip() else {"family": family.strip()}
    return {"family": family.strip(), "given": given.strip()}


def _names(source: Source, role: str) -> list[dict[str, str]]:
    """The names; a list the source cuts short carries "et al." as the last name's suffix. CSL
    has no marker for it (its schema's issue 34); citeproc-js then prints "Jane Harman et al."
    in a full note and "Harman, Jane, et al." in a bibliography, where a separate name
    "et al." would print "Jane Harman and et al." (measured with citeproc-js 2.4.63)."""
    names, cut_short = authors(source, role)
    out = [csl_name(n) for n in names]
    if cut_short and out and "family" in out[-1]:
        out[-1] = {**out[-1], "suffix": ET_AL}
    elif cut_short:
        out.append({"literal": ET_AL})
    return out


def csl_json(source: Source) -> dict[str, Any]:
    f = source.fields
    item: dict[str, Any] = {"id": source.key, "type": TYPES[kind(source)]}
    for role in ("author", "editor"):
        if names := _names(source, role):
            item[role] = names
    if (known := title(source)) is not None:
        item["title"] = known
    item.update({csl: f[bib] for bib, csl in FIELDS.items() if bib in f})
    if (short := short_title(source)) is not None:
        item["title-short"] = short
    if "pages" in f:
        item["page"] = page_range(f["pages"], "–")
    if parts := date_parts(source):
        item["issued"] = {"date-parts": [parts]}
    if source.incomplete:
        item["note"] = f"Incomplete: {source.incomplete}"
    return item
