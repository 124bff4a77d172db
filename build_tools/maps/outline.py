"""A map in words: an outline of its claims (for print) and a tree of its branches (for the page).

The tree is what a phone shows instead of the drawing, and what a screen reader or a keyboard
user can open branch by branch: the top claims first, under each the claims drawn below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..linker import LinkedReading, Relation
from .select import upper_and_lower

BRANCH_WORDS = {"supports": "Reason", "objects_to": "Objection", "rebuts": "Reply", "leads_to": "Leads to"}
"""How a branch stands to the claim above it, read from the top down."""
SAID_BY_KIND = {("Objection", "objection"), ("Reply", "rebuttal"), ("Leads to", "implication")}


@dataclass(frozen=True)
class OutlineItem:
    """One claim of the map with its neighbours in the map: the text twin of the drawing."""

    claim_id: str
    kind: str
    text: str
    href: str
    supports: list[str] = field(default_factory=list)
    """Claims of the map that support this one."""
    objections: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    """Rebuttals of this claim's objections (or of this claim itself, when it is an objection)."""
    leads_to: list[str] = field(default_factory=list)
    """Claims of the map that follow from this one."""


@dataclass(frozen=True)
class Branch:
    """A claim in the map's tree, with the claims drawn under it."""

    claim_id: str
    kind: str
    text: str
    """The whole paraphrase."""
    href: str
    relation: str | None
    """How it stands to the claim above ("Reason", "Objection", ...); None at the top."""
    children: tuple[Branch, ...] = ()
    repeated: bool = False
    """Already shown under an earlier branch of this tree: told, not expanded again."""

    @property
    def relation_shown(self) -> str | None:
        """The relation in words where the kind does not already say it ("Objection" for an objection)."""
        return None if (self.relation, self.kind) in SAID_BY_KIND else self.relation


def outline(linked: LinkedReading, ids: list[str], relations: list[Relation],
            claim_href: Callable[[str], str]) -> list[OutlineItem]:
    def sources(kind: str, targets: set[str]) -> list[str]:
        return list(dict.fromkeys(r.source for r in relations if r.kind == kind and r.target in targets))

    items = []
    for cid in ids:
        claim = linked.claims[cid]
        objections = sources("objects_to", {cid})
        items.append(OutlineItem(
            claim_id=cid, kind=claim.kind, text=claim.text, href=claim_href(cid),
            supports=sources("supports", {cid}), objections=objections,
            answers=sources("rebuts", {cid, *objections}),
            leads_to=[r.target for r in relations if r.kind == "leads_to" and r.source == cid],
        ))
    return items


def tree(linked: LinkedReading, ids: list[str], relations: list[Relation],
         claim_href: Callable[[str], str]) -> list[Branch]:
    """The top claims (nothing drawn above them), each with its branches, in paper order. A claim
    under two parents is expanded under the first and marked as repeated under the others."""
    below: dict[str, list[tuple[str, str]]] = {}
    has_upper: set[str] = set()
    for r in relations:
        upper, lower = upper_and_lower(r)
        below.setdefault(upper, []).append((lower, BRANCH_WORDS[r.kind]))
        has_upper.add(lower)
    place = {cid: i for i, cid in enumerate(ids)}
    expanded: set[str] = set()

    def grow(cid: str, relation: str | None) -> Branch:
        claim = linked.claims[cid]
        if cid in expanded:
            return Branch(cid, claim.kind, claim.text, claim_href(cid), relation, repeated=bool(below.get(cid)))
        expanded.add(cid)
        children = tuple(grow(child, words) for child, words in sorted(below.get(cid, []), key=lambda c: place[c[0]]))
        return Branch(cid, claim.kind, claim.text, claim_href(cid), relation, children)

    branches = [grow(cid, None) for cid in ids if cid not in has_upper]
    # Claims on a cycle have nothing above them to hang from: each unreached one starts a branch.
    branches += [grow(cid, None) for cid in ids if cid not in expanded]
    return branches
