"""The exercises as data: frozen dataclasses that the site, the handouts and the LMS render.

Nothing here is worded for a page: the prompt is the question, the claims keep their texts
exactly as content/ has them (so their hedges), and the templates decide how it all reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ExerciseType = Literal["kind", "supports", "reasons", "reply", "objects", "order", "map"]
"""What an exercise asks (see the package docstring for the relation each one is made from)."""
AnswerMode = Literal["single", "multiple", "order", "map"]
"""How it is answered: one choice (radios), every choice that applies (checkboxes), an order
(move up / move down), or a map with blanks (a list of choices per blank)."""

TYPE_TITLES: dict[str, str] = {
    "kind": "What does this step do?",
    "supports": "What does it support?",
    "reasons": "Which are its reasons?",
    "reply": "Which reply answers the objection?",
    "objects": "What does the objection argue against?",
    "order": "Put the moves in the paper's order",
    "map": "Complete the map",
}
"""A short heading per type, the same on the site, in print and in the LMS."""


@dataclass(frozen=True)
class ClaimRef:
    """A claim as an exercise shows it: its whole paraphrase, as written, and where it lives."""

    id: str
    kind: str
    kind_label: str
    """The kind in words ("Key issue"), from kinds.py."""
    text: str
    """The paraphrase exactly as content/ has it (never shortened: it keeps the paper's hedges)."""
    label: str | None
    """The author's short label for map boxes, where there is one."""
    section: str
    address: str
    """The claim on its section page: a path under docs/ with its anchor (pages.Addresses.claim)."""


@dataclass(frozen=True)
class Option:
    """One choice of a single or multiple choice exercise, or one move of an order exercise."""

    key: str
    """Stable within its exercise: the claim's id, or the kind's name for a kind exercise."""
    text: str
    """What the student reads: a claim's paraphrase, or a kind's label and meaning."""
    correct: bool
    claim: ClaimRef | None = None
    """The claim the option is (None for a kind)."""


@dataclass(frozen=True)
class MapNode:
    """One box of a map exercise's tree, with the boxes drawn under it. A blank box hides its claim."""

    claim: ClaimRef | None
    """None where the box is blank."""
    blank: str | None
    """The blank's key (Blank.key) where the box is blank."""
    relation: str | None
    """How the box stands to the one above ("Reason", "Objection", "Reply", "Leads to"); None on top."""
    children: tuple[MapNode, ...] = ()


@dataclass(frozen=True)
class Blank:
    """A blank box of a map exercise: the claim that belongs there, and the claims offered for it."""

    key: str
    """"a", "b", ... in the order the blanks stand in the tree."""
    answer: ClaimRef
    options: tuple[Option, ...]
    """Exactly one correct: the blanked claim; the others the map's other blanks and a claim from
    outside the map, none of which stands in this box's relation to the box above."""


@dataclass(frozen=True)
class Exercise:
    """One generated exercise. The same content always gives the same exercise, options in the same order.

    `tests` names the claims a right answer rests on (each linked on its section page); the options'
    and blanks' claims carry their own addresses for the feedback.
    """

    id: str
    """Stable across builds while its subject exists: "<type>-<claim, section or map id>"."""
    reading: str
    section: str
    type: ExerciseType
    mode: AnswerMode
    prompt: str
    """The question, in words that never name the answer."""
    subject: tuple[ClaimRef, ...] = ()
    """The claim(s) the question is about, shown under the prompt (empty for order and map)."""
    options: tuple[Option, ...] = ()
    """single and multiple: the choices as shown; order: the moves in the order first shown."""
    order: tuple[str, ...] = ()
    """order: the option keys in the paper's order."""
    relation: str | None = None
    """The relation the question asks about (supports, rebuts, objects_to), or None."""
    map_id: str | None = None
    map_title: str | None = None
    tree: tuple[MapNode, ...] = ()
    """map: the declared map's tree (maps/outline.py), with the blank boxes."""
    blanks: tuple[Blank, ...] = ()
    tests: tuple[str, ...] = ()
    """The claim ids the exercise tests."""

    @property
    def title(self) -> str:
        return TYPE_TITLES[self.type]

    @property
    def correct(self) -> tuple[Option, ...]:
        """The right choices (single, multiple) or the moves in the paper's order (order)."""
        if self.mode == "order":
            by_key = {o.key: o for o in self.options}
            return tuple(by_key[k] for k in self.order)
        return tuple(o for o in self.options if o.correct)

    @property
    def answer_claims(self) -> tuple[ClaimRef, ...]:
        """The claims the answer rests on, each once, in the order the exercise names them."""
        refs = [*self.subject, *(o.claim for o in self.correct if o.claim), *(b.answer for b in self.blanks)]
        return tuple({r.id: r for r in refs}.values())
