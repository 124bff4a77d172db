"""Export: the reading as data files for other tools (written under site/export/<reading>/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import chicago
from .argument_export import to_aif, to_argdown
from .exports import biblatex_record, csl_json, ris_record
from .linker import LinkedReading
from .model import Source


def write_exports(linked: LinkedReading, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "reading.json": _json(reading_json(linked)),
        "bibliography.bib": "\n".join(biblatex_record(s) for s in _sorted_sources(linked)),
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
    """The entry in bib/'s own vocabulary, as the loader reads it back (tests write fixtures with it);
    the export writes biblatex's instead (exports.biblatex_record)."""
    lines = [f"@{source.type}{{{source.key},"]
    for role, names in sorted(source.persons.items()):
        lines.append(f"  {role} = {{{' and '.join(names)}}},")
    for name, value in sorted(source.fields.items()):
        lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"
