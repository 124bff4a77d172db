"""The argument as data for argument-mapping tools: AIF JSON (AIFdb, OVA) and Argdown.

Both are written in paper order with ids made from claim ids, so the same reading always gives
the same files and a small edit gives a small diff.
"""

from __future__ import annotations

import re
from typing import Any

from .linker import LinkedReading, Relation
from .model import RelationKind, Section

AIF_SCHEME: dict[RelationKind, tuple[str, str]] = {
    "supports": ("RA", "Default Inference"),
    "leads_to": ("RA", "Leads To"),
    "objects_to": ("CA", "Default Conflict"),
    "rebuts": ("CA", "Default Conflict"),
}
"""Each relation as an AIF scheme node: inference (RA) or conflict (CA), with AIFdb's default text;
leads_to is an inference of its own kind (an issue drawn out to a later implication), so its RA node
is named for it and a reader of the graph can tell it from a supporting reason."""


def _unique(relations: list[Relation]) -> list[Relation]:
    # A claim may name the same target twice; one scheme node is enough.
    return list(dict.fromkeys(relations))


# --- AIF --------------------------------------------------------------------------


def to_aif(linked: LinkedReading) -> dict[str, Any]:
    """Claims as I-nodes (their paraphrase as text); each relation as an RA or CA node between them."""
    nodes: list[dict[str, str]] = [
        {"nodeID": claim.id, "text": claim.text, "type": "I"} for claim in linked.claims.values()
    ]
    edges: list[dict[str, str]] = []
    for r in _unique(linked.relations):
        kind, text = AIF_SCHEME[r.kind]
        # Claim ids never contain "--", so this id cannot collide with an I-node's.
        scheme_id = f"{r.source}--{r.kind.replace('_', '-')}--{r.target}"
        nodes.append({"nodeID": scheme_id, "text": text, "type": kind})
        edges.append(_aif_edge(r.source, scheme_id))
        edges.append(_aif_edge(scheme_id, r.target))
    return {"nodes": nodes, "edges": edges, "locutions": []}


def _aif_edge(from_id: str, to_id: str) -> dict[str, str]:
    return {"edgeID": f"{from_id}>{to_id}", "fromID": from_id, "toID": to_id}


# --- Argdown ----------------------------------------------------------------------

ARGDOWN_SYMBOL: dict[RelationKind, str] = {"supports": "+", "objects_to": "-", "rebuts": "-"}
"""Relations written under their target: `+ [x]` is "x supports this", `- [x]` "x attacks this"."""
# Argdown has no "leads to", and `+>` would make it plain support. So each leads_to is an argument
# of its own, tagged #leads-to, whose premise is the source claim and whose conclusion is the target,
# its inference named "leads to": a reader of the file or a parser of it can tell it from support.

_ARGDOWN_SPECIAL = re.compile(r"[\\@#*_\[\]<>{}]|/(?=/)|=(?==)|[.:](?=\S)")
"""Characters Argdown would read as syntax: markup, references, tags, comments, front matter,
and a '.' or ':' that could open a `.name.` or `:name:` special character."""


def argdown_text(text: str) -> str:
    """Text Argdown reads back verbatim: one line, its syntax characters escaped with a backslash."""
    return _ARGDOWN_SPECIAL.sub(lambda m: "\\" + m.group(0), " ".join(text.split()))


def to_argdown(linked: LinkedReading) -> str:
    """Each section a heading; under it, each claim defined as `[id]: text #kind` with its relations."""
    meta = linked.reading.meta
    lines = [f"// {' '.join(meta.title.split())}, by {' '.join(meta.author.split())}",
             "// Argument reconstruction exported from the course site: titles are claim ids.", ""]
    relations = _unique(linked.relations)
    for section in linked.sections.values():
        lines += [f"{'#' * _depth(linked, section)} {argdown_text(section.title)}", ""]
        for claim in linked.claims_in(section.id):
            lines += [*_argdown_claim(claim.id, claim.kind, claim.text, relations), ""]
    unplaced = [c for c in linked.claims.values() if linked.section_of[c.id] not in linked.sections]
    if unplaced:  # a claim file naming an unknown section: the check stage reports it, the export keeps it
        lines += ["# Claims outside the sections", ""]
        for claim in unplaced:
            lines += [*_argdown_claim(claim.id, claim.kind, claim.text, relations), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _argdown_claim(cid: str, kind: str, text: str, relations: list[Relation]) -> list[str]:
    lines = [f"[{cid}]: {argdown_text(text)} #{kind}"]
    lines += [f"  {ARGDOWN_SYMBOL[r.kind]} [{r.source}]"
              for r in relations if r.target == cid and r.kind in ARGDOWN_SYMBOL]
    for r in relations:
        if r.source == cid and r.kind == "leads_to":
            lines += ["", f"<{cid} leads to {r.target}>: {argdown_text(f'{cid} leads to {r.target}')} #leads-to",
                      "", f"(1) [{cid}]", "--", "leads to", "--", f"(2) [{r.target}]"]
    return lines


def _depth(linked: LinkedReading, section: Section) -> int:
    """Heading level from the section tree; a cycle or a missing parent stops the climb."""
    depth, seen, parent = 1, {section.id}, section.parent
    while parent in linked.sections and parent not in seen and depth < 6:
        seen.add(parent)
        depth += 1
        parent = linked.sections[parent].parent
    return depth
