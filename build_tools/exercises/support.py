"""(b) From `supports`: "which claim does this support?" (one answer) and "which of these does the
paper give as reasons for X?" (every one that applies).

Wrong answers are claims the paper does not relate so, directly or through a chain: for "what does
S support?" nothing S supports or leads to, at any distance, and nothing else that argues for the
right answer (a fellow reason often restates it); for "reasons for X" nothing with a path of
support (or leads-to) up to X. The most tempting wrong answers come first: for "what does S
support?" claims the paper argues for, for "reasons" reasons the paper gives for something else.
"""

from __future__ import annotations

from .graph import ClaimQuestion, Graph, ask, pick
from .model import Exercise

MOST_RIGHT = 3
"""Reasons offered at most, when a claim has more (the others are simply not among the choices)."""

SUPPORTS = ClaimQuestion(
    kind="supports", mode="single", relation="supports",
    prompt="The paper gives the point below as a reason for one of these claims. Which one?",
    answers=lambda g, cid: g.targets("supports", cid)[:1],
    barred=lambda g, cid, right: g.downstream(cid) | g.upstream(right[0], ("supports",)) | {cid},
    tempting=lambda g, c: bool(g.sources("supports", c)),
)
REASONS = ClaimQuestion(
    kind="reasons", mode="multiple", relation="supports",
    prompt="Which of these does the paper give as reasons for the claim below? Choose every one that applies.",
    answers=lambda g, cid: pick(sorted(g.sources("supports", cid), key=g.order.__getitem__), MOST_RIGHT),
    barred=lambda g, cid, right: g.upstream(cid) | {cid},
    tempting=lambda g, c: bool(g.targets("supports", c)),
    fewest_right=2, wrong=lambda right: max(2, 5 - right),
)


def supports_exercises(graph: Graph, section_id: str) -> list[Exercise]:
    return ask(graph, section_id, SUPPORTS)


def reasons_exercises(graph: Graph, section_id: str) -> list[Exercise]:
    return ask(graph, section_id, REASONS)
