"""Checks of the argument encoding: ids, relations, quotes, markup, glossary use."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from ..linker import LinkedReading
from ..model import Located
from . import findings as F
from .findings import Finding

HTML = re.compile(
    # A tag, comment or declaration starts right after "<" ("a < b" is prose, not markup);
    # event-handler attributes, script URLs and character references are flagged wherever they stand.
    r"</?[a-zA-Z!?][^<>]*>?|javascript\s*:|\bon[a-z]+\s*=|&#?\w+;", re.IGNORECASE)


def at(owner: Located, code: F.Code, message: str, hint: str | None = None) -> Finding:
    return Finding(code, message, owner.file, owner.line, hint)


def check_ids(linked: LinkedReading) -> Iterator[Finding]:
    r = linked.reading
    for d in linked.dangling:
        known = linked.claims if d.kind == "claim" else linked.sections
        close = difflib.get_close_matches(d.target, list(known), n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"define the {d.kind} or fix the id"
        yield at(d.owner, F.DANGLING_ID, f"{d.field} names unknown {d.kind} {d.target!r}", hint)
    groups: dict[str, list[Located]] = {
        "section": list(r.sections), "claim": list(r.claims), "term": list(r.terms),
        "actor": list(r.actors), "event": list(r.events), "figure": list(r.figures), "map": list(r.maps),
    }
    for kind, items in groups.items():
        first: dict[str, Located] = {}
        for item in items:
            item_id = item.id  # type: ignore[attr-defined]
            if item_id in first:
                prev = first[item_id]
                yield at(item, F.DUPLICATE_ID, f"{kind} id {item_id!r} is already used at {prev.file}:{prev.line}",
                         "give one of them another id")
            else:
                first[item_id] = item


def check_sections(linked: LinkedReading) -> Iterator[Finding]:
    for section in linked.sections.values():
        seen = {section.id}
        parent = section.parent
        while parent and parent in linked.sections:
            if parent in seen:
                yield at(section, F.SECTION_ORDER, f"section {section.id!r} is its own ancestor", "fix its parent")
                break
            seen.add(parent)
            parent = linked.sections[parent].parent


def check_relations(linked: LinkedReading) -> Iterator[Finding]:
    claims = linked.claims
    for rel in linked.relations:
        source = claims[rel.source]
        if rel.source == rel.target:
            yield at(source, F.RELATION_KIND, f"{rel.source!r} {rel.kind} itself", "point the relation at another claim")
        elif rel.kind == "rebuts" and claims[rel.target].kind != "objection":
            yield at(source, F.RELATION_KIND,
                     f"{rel.source!r} rebuts {rel.target!r}, which is a {claims[rel.target].kind}, not an objection",
                     "a rebuttal answers an objection: use supports or objects_to, or fix the target's kind")
        elif rel.kind == "objects_to" and claims[rel.target].kind == "objection" and source.kind != "rebuttal":
            yield at(source, F.RELATION_KIND, f"{rel.source!r} objects to the objection {rel.target!r}",
                     "an answer to an objection is a rebuttal: use rebuts")
    thesis = [c.id for c in claims.values() if c.kind == "thesis"]
    reached = _connected(linked, thesis)
    for claim in claims.values():
        if not linked.incoming(claim.id) and not linked.outgoing(claim.id) and claim.kind != "thesis":
            yield at(claim, F.UNLINKED_CLAIM, f"claim {claim.id!r} has no relation to the rest of the argument",
                     "add supports, objects_to, rebuts or leads_to")
        elif thesis and claim.id not in reached:
            yield at(claim, F.UNLINKED_CLAIM, f"claim {claim.id!r} is not connected to the thesis",
                     "link it, or a claim it relates to, into the argument")


def _connected(linked: LinkedReading, start: list[str]) -> set[str]:
    neighbours: dict[str, set[str]] = {c: set() for c in linked.claims}
    for rel in linked.relations:
        neighbours[rel.source].add(rel.target)
        neighbours[rel.target].add(rel.source)
    seen, todo = set(start), list(start)
    while todo:
        for n in neighbours[todo.pop()] - seen:
            seen.add(n)
            todo.append(n)
    return seen


def squash(text: str) -> str:
    """Text without whitespace: tolerates the extraction's split words and line breaks."""
    return re.sub(r"\s+", "", text)


def check_quotes(linked: LinkedReading, source_text: str | None) -> Iterator[Finding]:
    if source_text is None:
        return
    haystack = squash(source_text)
    for claim in linked.claims.values():
        for quote in claim.quotes:
            if squash(quote.text) not in haystack:
                yield at(quote, F.QUOTE_NOT_FOUND, f"quote not found in the source: {quote.text[:60]!r}",
                         "copy the words exactly, keeping curly quotes and dashes; leave out footnote numbers")


def check_markup(linked: LinkedReading) -> Iterator[Finding]:
    r = linked.reading
    items: list[Located] = [r.meta, *r.sections, *r.claims, *(q for c in r.claims for q in c.quotes),
                            *r.terms, *r.actors, *r.events, *r.figures, *r.maps, *r.teaching, *r.lessons,
                            *(s for lesson in r.lessons for s in (*lesson.plan, *lesson.discussion_notes)),
                            *(s for t in r.teaching for s in t.self_check),
                            *(c for t in r.teaching for s in t.self_check for c in s.choices),
                            *r.footnotes, *(c for n in r.footnotes for c in n.citations)]
    for item in items:
        for name, value in _texts(item):
            match = HTML.search(value)
            if match:
                yield at(item, F.RAW_HTML, f"{name} contains markup or script ({match.group(0)[:20]!r})",
                         "write plain text; the site escapes and formats it")


def _texts(item: Located) -> Iterator[tuple[str, str]]:
    for name in type(item).model_fields:
        value = getattr(item, name)
        if isinstance(value, str):
            yield name, value
        elif isinstance(value, list):
            yield from ((name, v) for v in value if isinstance(v, str))


def check_terms(linked: LinkedReading) -> Iterator[Finding]:
    for term in linked.reading.terms:
        names = [term.term, *term.aliases]
        texts = [linked.claims[c].text.lower() for c in term.claims if c in linked.claims]
        if not any(n.lower() in t for n in names for t in texts):
            yield at(term, F.UNUSED_TERM, f"term {term.term!r} appears in none of its claims",
                     "list a claim whose text uses the term, or add the wording as an alias")
