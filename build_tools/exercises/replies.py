"""(c) From `rebuts` and `objects_to`: "which reply answers this objection?" and "what does this
objection argue against?".

A reply's wrong answers leave out everything that is part of the reply (the replies and their own
reasons) and everything on the side the objection attacks (the claim objected to and its reasons),
since either could be read as answering it; what is left, replies to other objections and
concessions first, is wrong by the paper and still tempting. An objection's wrong targets leave out
what it objects to and everything that claim supports (arguing against a reason argues, through it,
against its conclusion).
"""

from __future__ import annotations

from .graph import ClaimQuestion, Graph, ask
from .model import Exercise

TEMPTING_KINDS = ("rebuttal", "concession")


def _in_order(graph: Graph, ids: list[str]) -> list[str]:
    return sorted(ids, key=graph.order.__getitem__)


def _reply_barred(graph: Graph, cid: str, right: list[str]) -> set[str]:
    replies, attacked = graph.sources("rebuts", cid), graph.targets("objects_to", cid)
    barred = {cid, *replies, *attacked}
    for claim in (*replies, *attacked):
        barred |= graph.upstream(claim, ("supports",))
    return barred


def _objects_barred(graph: Graph, cid: str, right: list[str]) -> set[str]:
    attacked = graph.targets("objects_to", cid)
    return {cid, *attacked}.union(*(graph.downstream(t) for t in attacked))


REPLY = ClaimQuestion(
    kind="reply", mode="single", relation="rebuts",
    prompt="Which of these does the paper give as its answer to the objection below?",
    answers=lambda g, cid: _in_order(g, g.sources("rebuts", cid))[:1], barred=_reply_barred,
    tempting=lambda g, c: g.linked.claims[c].kind in TEMPTING_KINDS,
)
OBJECTS = ClaimQuestion(
    kind="objects", mode="single", relation="objects_to",
    prompt="The point below argues against one of these claims. Which one, according to the paper?",
    answers=lambda g, cid: _in_order(g, g.targets("objects_to", cid))[:1], barred=_objects_barred,
    # Claims the paper argues for (something supports them) are what an objection could attack.
    tempting=lambda g, c: bool(g.sources("supports", c)),
)


def reply_exercises(graph: Graph, section_id: str) -> list[Exercise]:
    return ask(graph, section_id, REPLY)


def objects_exercises(graph: Graph, section_id: str) -> list[Exercise]:
    return ask(graph, section_id, OBJECTS)
