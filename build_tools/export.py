"""Export: the reading as data files for other tools (written under site/export/<reading>/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import chicago
from .argument_export import to_aif, to_argdown
from .linker import LinkedReading
from .model import Source

SCHEMA_FIELDS = ("author", "title", "journal", "volume", "number", "pages", "date", "publisher", "location",
                 "institution", "section", "url", "doi")
CSL_TYPES = {"article": "article-journal", "book": "book", "report": "report", "online": "post-weblog",
             "incollection": "chapter", "misc": "document"}
RIS_TYPES = {"article": "JOUR", "book": "BOOK", "report": "RPRT", "online": "BLOG", "incollection": "CHAP", "misc": "GEN"}


def write_exports(linked: LinkedReading, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "reading.json": _json(reading_json(linked)),
        "bibliography.bib": "\n".join(bibtex_record(s) for s in _sorted_sources(linked)),
        "bibliography.json": _json([csl_json(s) for s in _sorted_sources(linked)]),
        "bibliography.ris": "".join(ris_record(s) for s in _sorted_sources(linked)),
        "argument.aif.json": _json(to_aif(linked)),
        "argument.argdown": to_argdown(linked),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in files]


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _sorted_sources(linked: LinkedReading) -> list[Source]:
    return sorted(linked.reading.sources, key=lambda s: s.key)


def reading_json(linked: LinkedReading) -> dict[str, Any]:
    """The stable shape other tools read (see the README)."""
    r = linked.reading
    cited = linked.cited_in()
    return {
        "reading": {"id": r.meta.id, "title": r.meta.title, "author": r.meta.author,
                    "footnotes": list(r.meta.footnotes)},  # markers on the title or byline
        "sections": [{"id": s.id, "title": s.title, "parent": s.parent} for s in r.sections],
        "claims": [
            {"id": c.id, "section": linked.section_of[c.id], "kind": c.kind, "text": c.text,
             "editorial_note": c.editorial_note,
             "quotes": [{"text": q.text, "locator": _locator(linked, c.id, q.paragraph or c.paragraph),
                         "editorial_note": q.editorial_note} for q in c.quotes],
             "footnotes": list(c.footnotes)}
            for c in r.claims
        ],
        "relations": [{"from": rel.source, "to": rel.target, "kind": rel.kind} for rel in linked.relations],
        "footnotes": [
            {"number": n.number, "status": n.status, "source_text": n.text,
             "citations": [{"key": c.key, "locator": c.locator, "form": c.form} for c in n.citations],
             "rendered": chicago.format_note(n, linked.sources, "text")}
            for n in sorted(r.footnotes, key=lambda n: n.number)
        ],
        "sources": [
            {"key": s.key, "type": s.type, "fields": {**s.fields, **{k: " and ".join(v) for k, v in s.persons.items()}},
             "cited_in": cited.get(s.key, []), "complete": s.incomplete is None}
            for s in _sorted_sources(linked)
        ],
    }


def _locator(linked: LinkedReading, claim_id: str, paragraph: int) -> str:
    return f"{linked.sections[linked.section_of[claim_id]].title}, paragraph {paragraph}"


def bibtex_record(source: Source) -> str:
    lines = [f"@{source.type}{{{source.key},"]
    for role, names in sorted(source.persons.items()):
        lines.append(f"  {role} = {{{' and '.join(names)}}},")
    for name, value in sorted(source.fields.items()):
        lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _csl_name(name: str) -> dict[str, str]:
    family, _, given = name.partition(",")
    if not given:
        return {"literal": family.strip()} if " " in family.strip() else {"family": family.strip()}
    return {"family": family.strip(), "given": given.strip()}


def csl_json(source: Source) -> dict[str, Any]:
    f = source.fields
    item: dict[str, Any] = {"id": source.key, "type": CSL_TYPES.get(source.type, "document")}
    if f.get("entrysubtype") in ("newspaper", "magazine"):
        item["type"] = f"article-{f['entrysubtype']}"
    authors = [n for n in source.persons.get("author", []) if n != "others"]
    if authors:
        item["author"] = [_csl_name(n) for n in authors]
    mapping = {"title": "title", "journal": "container-title", "volume": "volume", "number": "issue",
               "pages": "page", "publisher": "publisher", "location": "publisher-place", "url": "URL",
               "doi": "DOI", "section": "section", "institution": "publisher"}
    for bib, csl in mapping.items():
        if bib in f:
            item[csl] = f[bib].replace("--", "–") if bib == "pages" else f[bib]
    if "date" in f:
        item["issued"] = {"date-parts": [[int(p) for p in f["date"].split("-") if p.isdigit()]]}
    if source.incomplete:
        item["note"] = f"Incomplete: {source.incomplete}"
    return item


def ris_record(source: Source) -> str:
    f = source.fields
    rows = [("TY", RIS_TYPES.get(source.type, "GEN"))]
    rows += [("AU", n) for n in source.persons.get("author", []) if n != "others"]
    for bib, tag in (("title", "TI"), ("journal", "T2"), ("volume", "VL"), ("number", "IS"), ("publisher", "PB"),
                     ("institution", "PB"), ("location", "CY"), ("url", "UR"), ("doi", "DO")):
        if bib in f:
            rows.append((tag, f[bib]))
    if "pages" in f:
        start, _, end = f["pages"].replace("–", "--").partition("--")
        rows.append(("SP", start))
        if end:
            rows.append(("EP", end))
    if "date" in f:
        rows.append(("DA", f["date"].replace("-", "/")))
        rows.append(("PY", f["date"][:4]))
    if source.incomplete:
        rows.append(("N1", f"Incomplete: {source.incomplete}"))
    rows.append(("ID", source.key))
    rows.append(("ER", ""))
    return "".join(f"{tag}  - {value}\n" for tag, value in rows)
