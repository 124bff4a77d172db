"""(d) "Put these moves in the paper's order": a few claims of a section, shuffled.

The paper's order is the order of the encoding (paragraph by paragraph; within a paragraph, as the
claim file lists them, which is the paper's). Moves are taken from different paragraphs where the
section has enough, spread over the whole section, so the order is the section's line of
argument rather than the order of two clauses of one sentence.
"""

from __future__ import annotations

from .graph import Graph, pick, stable_shuffle
from .model import Exercise, Option

PROMPT = "Put these moves of the section in the order the paper makes them, first at the top."
FEWEST = 3


def moves_for(graph: Graph, section_id: str) -> list[str]:
    """The claims an order exercise of the section shows, in the paper's order."""
    claims = graph.in_section(section_id)
    count = 5 if len(claims) >= 10 else 4
    paragraphs: dict[int, list[str]] = {}
    for cid in claims:
        paragraphs.setdefault(graph.linked.claims[cid].paragraph, []).append(cid)
    firsts = pick([group[0] for group in paragraphs.values()], count)
    rest = pick([c for c in claims if c not in firsts], count - len(firsts)) if len(firsts) < count else []
    chosen = set(firsts) | set(rest)
    unique: list[str] = []
    for cid in claims:
        if cid in chosen and not any(graph.same_text(cid, u) for u in unique):
            unique.append(cid)
    return unique


def order_exercises(graph: Graph, section_id: str) -> list[Exercise]:
    moves = moves_for(graph, section_id)
    if len(moves) < FEWEST:
        return []
    eid = f"order-{section_id}"
    shown = stable_shuffle(moves, eid)
    if shown == moves:  # never start from the answer
        shown = shown[1:] + shown[:1]
    return [Exercise(
        id=eid, reading=graph.linked.id, section=section_id, type="order", mode="order", prompt=PROMPT,
        options=tuple(Option(c, graph.ref(c).text, True, graph.ref(c)) for c in shown),
        order=tuple(moves), tests=tuple(moves),
    )]
