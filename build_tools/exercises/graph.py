"""What the generators share: the reading's relations as lookups, claim references and a stable shuffle.

Distractors are chosen against closures, not single steps: a claim that supports a reason of X is
itself, through it, a reason for X, so it can never be offered as a wrong answer to "which of these
are reasons for X?" (field notes: a distractor from the same reading can also be right).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..kinds import KINDS
from ..linker import LinkedReading
from ..pages import Addresses
from .model import ClaimRef, Exercise, Option

T = TypeVar("T")


class Graph:
    """One reading's claims and relations, indexed for the generators (built once per reading)."""

    def __init__(self, linked: LinkedReading) -> None:
        self.linked = linked
        self.addresses = Addresses(linked)
        self.order = {cid: i for i, cid in enumerate(linked.claims)}
        self.out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.into: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for r in linked.relations:
            if r.target not in self.out[r.kind][r.source]:
                self.out[r.kind][r.source].append(r.target)
                self.into[r.kind][r.target].append(r.source)
        self._refs: dict[str, ClaimRef] = {}
        self._words = {cid: " ".join(claim.text.split()).lower() for cid, claim in linked.claims.items()}

    def targets(self, kind: str, cid: str) -> list[str]:
        """Claims ``cid`` points to by ``kind`` (what it supports, objects to, rebuts, leads to)."""
        return self.out[kind].get(cid, [])

    def sources(self, kind: str, cid: str) -> list[str]:
        """Claims that point to ``cid`` by ``kind``."""
        return self.into[kind].get(cid, [])

    def downstream(self, cid: str, kinds: Iterable[str] = ("supports", "leads_to")) -> set[str]:
        """Every claim reached from ``cid`` by following ``kinds`` forward (``cid`` not included
        unless on a cycle)."""
        return _closure(cid, lambda c: [t for k in kinds for t in self.targets(k, c)])

    def upstream(self, cid: str, kinds: Iterable[str] = ("supports", "leads_to")) -> set[str]:
        """Every claim with a path of ``kinds`` to ``cid``."""
        return _closure(cid, lambda c: [s for k in kinds for s in self.sources(k, c)])

    def ref(self, cid: str) -> ClaimRef:
        if cid not in self._refs:
            claim = self.linked.claims[cid]
            self._refs[cid] = ClaimRef(
                id=cid, kind=claim.kind, kind_label=KINDS[claim.kind].label, text=claim.text, label=claim.label,
                section=self.linked.section_of[cid], address=self.addresses.claim(cid),
            )
        return self._refs[cid]

    def in_section(self, section_id: str) -> list[str]:
        return [c.id for c in self.linked.claims_in(section_id)]

    def near(self, cid: str, candidates: Iterable[str], prefer=None, section: str | None = None) -> list[str]:
        """``candidates`` ranked as tempting wrong answers for a question about ``cid``: the claims
        of its own section (or ``section``) first, among them those ``prefer`` likes, each group
        the closest in the paper first; then the rest of the reading in the same way."""
        home = section or self.linked.section_of[cid]
        here = self.order[cid]
        liked = prefer or (lambda c: True)
        return sorted(dict.fromkeys(candidates), key=lambda c: (
            self.linked.section_of[c] != home, not liked(c), abs(self.order[c] - here), self.order[c]))

    def others(self, barred: set[str], right: Iterable[str]) -> list[str]:
        """Claims that may be offered as wrong: not ``barred``, and not worded as a right answer is."""
        words = {self._words[r] for r in right}
        return [c for c in self.linked.claims if c not in barred and self._words[c] not in words]

    def same_text(self, a: str, b: str) -> bool:
        """Two claims worded alike (one must never be offered as wrong while the other is right)."""
        return self._words[a] == self._words[b]


def _closure(start: str, step) -> set[str]:
    seen: set[str] = set()
    queue = deque([start])
    while queue:
        for nxt in step(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def stable_shuffle(items: Sequence[T], seed: str, key=str) -> list[T]:
    """``items`` in an order decided by ``seed`` and each item's key: the same content always gives
    the same order, and no ``random`` is involved. Sorting by a hash rather than by text keeps the
    right answer from standing first or last by its wording."""
    return sorted(items, key=lambda item: hashlib.sha256(f"{seed}\x00{key(item)}".encode()).hexdigest())


def pick(items: Sequence[T], count: int) -> list[T]:
    """``count`` items spread evenly over ``items`` (all of them when there are no more)."""
    if len(items) <= count:
        return list(items)
    step = (len(items) - 1) / (count - 1) if count > 1 else 0
    return [items[round(i * step)] for i in range(count)]


@dataclass(frozen=True)
class ClaimQuestion:
    """A question asked of each claim of a section that has an answer among the other claims: how to
    find the right answers, which claims can never be wrong ones, and which wrong ones tempt."""

    kind: str
    mode: str
    prompt: str
    relation: str
    answers: Callable[[Graph, str], list[str]]
    """The right answers for a claim (none: the claim is not asked about)."""
    barred: Callable[[Graph, str, list[str]], set[str]]
    """Claims never offered as wrong: they stand in the relation asked about, directly or by a chain."""
    tempting: Callable[[Graph, str], bool]
    """Wrong answers that tempt, offered first within each ring of nearness."""
    fewest_right: int = 1
    wrong: Callable[[int], int] = lambda right: 3
    """How many wrong answers beside ``right`` right ones."""


def ask(graph: Graph, section_id: str, question: ClaimQuestion) -> list[Exercise]:
    """The question asked of every claim of the section that has enough right and wrong answers."""
    found = []
    for cid in graph.in_section(section_id):
        right = question.answers(graph, cid)
        if len(right) < question.fewest_right:
            continue
        pool = graph.others(question.barred(graph, cid, right), right)
        wrong = graph.near(cid, pool, prefer=lambda c: question.tempting(graph, c))[:question.wrong(len(right))]
        if len(wrong) >= 2:
            found.append(claim_choice(graph, question, cid, right, wrong))
    return found


def claim_choice(graph: Graph, question: ClaimQuestion, subject: str, right: Sequence[str],
                 wrong: Sequence[str]) -> Exercise:
    """A choice among claims about ``subject`` (its id: "<kind>-<subject>"), the options in a stable
    shuffled order; it tests the subject and the right answers."""
    eid = f"{question.kind}-{subject}"
    options = [Option(c, graph.ref(c).text, c in right, graph.ref(c)) for c in (*right, *wrong)]
    return Exercise(
        id=eid, reading=graph.linked.id, section=graph.linked.section_of[subject], type=question.kind,  # type: ignore[arg-type]
        mode=question.mode, prompt=question.prompt, subject=(graph.ref(subject),),  # type: ignore[arg-type]
        options=tuple(stable_shuffle(options, eid, key=lambda o: o.key)), relation=question.relation,
        tests=(subject, *right),
    )
