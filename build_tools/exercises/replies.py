"""(c) From `rebuts` and `objects_to`: "which reply answers this objection?" and "what does this
objection argue against?".

A reply's wrong answers leave out everything that is part of the reply (the replies and their own
reasons) and everything on the side the objection attacks (the claim objected to and its reasons),
since either could be read as answering it; what is left, replies to other objections first, is
wrong by the paper and still tempting. An objection's wrong targets leave out what it objects to
and everything that claim supports (arguing against a reason argues, through it, against its
conclusion).
"""

from __future__ import annotations

from .graph import Graph, stable_shuffle
from .model import Exercise, Option

REPLY_PROMPT = "Which of these does the paper give as its answer to the objection below?"
OBJECTS_PROMPT = "The point below argues against one of these claims. Which one, according to the paper?"
WRONG = 3
TEMPTING_KINDS = {"rebuttal": 0, "concession": 1}


def reply_exercises(graph: Graph, section_id: str) -> list[Exercise]:
    found = []
    for cid in graph.in_section(section_id):
        replies = sorted(graph.sources("rebuts", cid), key=graph.order.__getitem__)
        if not replies:
            continue
        right = replies[0]
        attacked = graph.targets("objects_to", cid)
        barred = {cid, *replies, *attacked}
        for r in replies:
            barred |= graph.upstream(r, ("supports",))
        for t in attacked:
            barred |= graph.upstream(t, ("supports",))
        pool = [c for c in graph.linked.claims if c not in barred and not graph.same_text(c, right)]
        wrong = sorted(graph.near(cid, pool),
                       key=lambda c: TEMPTING_KINDS.get(graph.linked.claims[c].kind, 2))[:WRONG]
        if len(wrong) < 2:
            continue
        eid = f"reply-{cid}"
        options = [Option(right, graph.ref(right).text, True, graph.ref(right)),
                   *(Option(c, graph.ref(c).text, False, graph.ref(c)) for c in wrong)]
        found.append(Exercise(
            id=eid, reading=graph.linked.id, section=section_id, type="reply", mode="single", prompt=REPLY_PROMPT,
            subject=(graph.ref(cid),), options=tuple(stable_shuffle(options, eid, key=lambda o: o.key)),
            relation="rebuts", tests=(cid, right),
        ))
    return found


def objects_exercises(graph: Graph, section_id: str) -> list[Exercise]:
    found = []
    for cid in graph.in_section(section_id):
        attacked = sorted(graph.targets("objects_to", cid), key=graph.order.__getitem__)
        if not attacked:
            continue
        right = attacked[0]
        barred = {cid, *attacked}
        for t in attacked:
            barred |= graph.downstream(t)
        pool = [c for c in graph.linked.claims if c not in barred and not graph.same_text(c, right)]
        # Claims the paper argues for (something supports them) are what an objection could attack.
        wrong = graph.near(cid, pool, prefer=lambda c: bool(graph.sources("supports", c)))[:WRONG]
        if len(wrong) < 2:
            continue
        eid = f"objects-{cid}"
        options = [Option(right, graph.ref(right).text, True, graph.ref(right)),
                   *(Option(c, graph.ref(c).text, False, graph.ref(c)) for c in wrong)]
        found.append(Exercise(
            id=eid, reading=graph.linked.id, section=section_id, type="objects", mode="single",
            prompt=OBJECTS_PROMPT, subject=(graph.ref(cid),),
            options=tuple(stable_shuffle(options, eid, key=lambda o: o.key)),
            relation="objects_to", tests=(cid, right),
        ))
    return found
