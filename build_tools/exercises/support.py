"""(b) From `supports`: "which claim does this support?" (one answer) and "which of these does the
paper give as reasons for X?" (every one that applies).

Wrong answers are claims the paper does not relate so, directly or through a chain: for "what does
S support?" nothing S supports or leads to, at any distance, and nothing else that argues for the
right answer (a fellow reason often restates it); for "reasons for X" nothing with a
path of support (or leads-to) up to X. The most tempting wrong answers are reasons for something
else near by, so those come first.
"""

from __future__ import annotations

from .graph import Graph, pick, stable_shuffle
from .model import Exercise, Option

SUPPORTS_PROMPT = "The paper gives the point below as a reason for one of these claims. Which one?"
REASONS_PROMPT = "Which of these does the paper give as reasons for the claim below? Choose every one that applies."
WRONG = 3
"""Wrong choices beside one right one."""
MOST_RIGHT = 3
"""Reasons offered at most, when a claim has more (the others are simply not among the choices)."""


def supports_exercises(graph: Graph, section_id: str) -> list[Exercise]:
    found = []
    for cid in graph.in_section(section_id):
        targets = graph.targets("supports", cid)
        if not targets:
            continue
        right = targets[0]
        # Nor a claim that argues for the right answer too: it often says nearly the same thing.
        barred = graph.downstream(cid) | graph.upstream(right, ("supports",)) | {cid}
        pool = [c for c in graph.linked.claims if c not in barred and not graph.same_text(c, right)]
        # Claims that the paper supports with something are what a reason could be for: tempting.
        wrong = graph.near(cid, pool, prefer=lambda c: bool(graph.sources("supports", c)))[:WRONG]
        if len(wrong) < 2:
            continue
        eid = f"supports-{cid}"
        options = [Option(right, graph.ref(right).text, True, graph.ref(right)),
                   *(Option(c, graph.ref(c).text, False, graph.ref(c)) for c in wrong)]
        found.append(Exercise(
            id=eid, reading=graph.linked.id, section=section_id, type="supports", mode="single",
            prompt=SUPPORTS_PROMPT, subject=(graph.ref(cid),),
            options=tuple(stable_shuffle(options, eid, key=lambda o: o.key)),
            relation="supports", tests=(cid, right),
        ))
    return found


def reasons_exercises(graph: Graph, section_id: str) -> list[Exercise]:
    found = []
    for cid in graph.in_section(section_id):
        reasons = graph.sources("supports", cid)
        if len(reasons) < 2:
            continue
        right = pick(sorted(reasons, key=graph.order.__getitem__), MOST_RIGHT)
        barred = graph.upstream(cid) | {cid}
        pool = [c for c in graph.linked.claims
                if c not in barred and not any(graph.same_text(c, r) for r in right)]
        # Reasons the paper gives for some other claim near by are the tempting wrong answers.
        wrong = graph.near(cid, pool, prefer=lambda c: bool(graph.targets("supports", c)))[:max(2, 5 - len(right))]
        if len(wrong) < 2:
            continue
        eid = f"reasons-{cid}"
        options = [*(Option(c, graph.ref(c).text, True, graph.ref(c)) for c in right),
                   *(Option(c, graph.ref(c).text, False, graph.ref(c)) for c in wrong)]
        found.append(Exercise(
            id=eid, reading=graph.linked.id, section=section_id, type="reasons", mode="multiple",
            prompt=REASONS_PROMPT, subject=(graph.ref(cid),),
            options=tuple(stable_shuffle(options, eid, key=lambda o: o.key)),
            relation="supports", tests=(cid, *right),
        ))
    return found
