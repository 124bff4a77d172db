"""(a) "What does this step do?": choose a claim's kind.

The kinds fall into three families by what a step does: it asserts (thesis, key issue, claim,
implication), it grounds (evidence, example, context) or it answers the other side (objection,
rebuttal, concession). Within a family the kinds shade into one another (an example is evidence
of a kind; every thesis is a claim), so a distractor comes only from another family: never a
second right answer. "Claim" is never a distractor (every step is one in the loose sense), nor
is "Thesis" (a reading has one, and offering it is no test).
"""

from __future__ import annotations

from ..kinds import KINDS
from .graph import Graph, stable_shuffle
from .model import Exercise, Option

FAMILIES: dict[str, str] = {
    "thesis": "asserts", "key-issue": "asserts", "claim": "asserts", "implication": "asserts",
    "evidence": "grounds", "example": "grounds", "context": "grounds",
    "objection": "answers", "rebuttal": "answers", "concession": "answers",
}
NEVER_DISTRACTOR = {"claim", "thesis"}
SUBJECT_KINDS = ("evidence", "example", "concession", "objection", "rebuttal", "implication", "context", "key-issue")
"""Kinds asked about, in order of preference: each says what the step does in so many words.
A plain "claim" is not asked about: its answer would be the vaguest of the choices."""
CHOICES = 4
PROMPT = "Which kind of step is the point below in the paper's argument?"


def kind_option(kind: str, correct: bool) -> Option:
    style = KINDS[kind]  # type: ignore[index]
    return Option(key=kind, text=f"{style.label}: {style.meaning}", correct=correct)


def kind_exercises(graph: Graph, section_id: str) -> list[Exercise]:
    """One candidate per claim of the section whose kind can be asked about, in paper order."""
    in_play = [k for k in KINDS if any(c.kind == k for c in graph.linked.claims.values())]
    local = {graph.linked.claims[c].kind for c in graph.in_section(section_id)}
    found = []
    for cid in graph.in_section(section_id):
        kind = graph.linked.claims[cid].kind
        if kind not in SUBJECT_KINDS:
            continue
        wrong = [k for k in in_play if FAMILIES[k] != FAMILIES[kind] and k not in NEVER_DISTRACTOR]
        # The kinds the section itself uses are the tempting ones; then the rest of the reading's.
        wrong = sorted(wrong, key=lambda k: (k not in local, list(KINDS).index(k)))[:CHOICES - 1]
        if len(wrong) < 2:
            continue  # with one other kind in play the choice says nothing
        eid = f"kind-{cid}"
        options = stable_shuffle([kind_option(kind, True), *(kind_option(k, False) for k in wrong)], eid,
                                 key=lambda o: o.key)
        found.append(Exercise(
            id=eid, reading=graph.linked.id, section=section_id, type="kind", mode="single", prompt=PROMPT,
            subject=(graph.ref(cid),), options=tuple(options), tests=(cid,),
        ))
    return found
