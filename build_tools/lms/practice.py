"""A section's exercises as LMS items: QTI items the Common Cartridge profile allows, and Moodle questions.

The cartridge's QTI knows multiple choice and multiple response only, so:

- a single-answer exercise is a multiple-choice item, a select-all exercise a multiple-response item;
- an order exercise becomes one multiple-choice item per position ("which move comes second?",
  every move offered), marked like Moodle's ordering by absolute position;
- a complete-the-map exercise becomes one multiple-choice item per blank box, each showing the
  map's tree with that box marked and offering exactly the claims the exercise offers for it.

Moodle XML has more: an order is a core `ordering` question, and a section's "what does it support?"
or "which reply answers the objection?" exercises become one `matching` question where that stays
faithful (see `_matching`); everything else is as in the cartridge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..exercise_forms import ORDINALS, Reread, Row, map_rows, reread
from ..exercises import Exercise
from ..exercises.graph import Graph
from ..exercises.replies import REPLY
from ..exercises.support import SUPPORTS
from ..linker import LinkedReading
from ..model import Section
from .plan import QuizItem, ident


@dataclass(frozen=True)
class PracticeItem(QuizItem):
    """An exercise, or one position or blank of it, as a choice item: its question is the exercise's
    prompt with the claims it is about (an order's moves, a map's tree) rather than one string."""

    prompt: str = ""
    subject: list[str] = field(default_factory=list)
    position: int | None = None
    """For one position of an order: which (1 for the first move); its choices are the moves."""
    map_title: str | None = None
    rows: list[Row] = field(default_factory=list)
    blank: str | None = None
    rereads: list[Reread] = field(default_factory=list)

    @property
    def ask(self) -> str | None:
        """For one position of an order, which one (the template words the question)."""
        return ORDINALS[self.position - 1] if self.position else None


@dataclass(frozen=True)
class MatchItem:
    """Moodle's matching: each subject beside a list of every answer, extra wrong ones included."""

    ident: str
    title: str
    relation: Literal["supports", "rebuts"]
    pairs: list[tuple[str, str]]
    extras: list[str]
    claims: list[str]
    rereads: list[Reread]
    kind: str = "matching"


@dataclass(frozen=True)
class OrderItem:
    """Moodle's (core) ordering: the moves in the paper's order; Moodle shuffles them for the student."""

    ident: str
    title: str
    prompt: str
    steps: list[str]
    claims: list[str]
    rereads: list[Reread]
    kind: str = "ordering"


MoodleItem = QuizItem | MatchItem | OrderItem
EXTRAS = 3
"""Wrong answers a matching question adds to its list at most (each list is read for every subject)."""


def practice_items(linked: LinkedReading, section: Section,
                   exercises: list[Exercise]) -> tuple[list[PracticeItem], list[MoodleItem]]:
    """The section's exercises for the cartridge (QTI items) and for the Moodle XML, in their order."""
    qti: list[PracticeItem] = []
    moodle: list[MoodleItem] = []
    matched = {e.id: m for m in _matching(linked, section, exercises) for e in m[1]}
    for exercise in exercises:
        items = _choice_items(linked, section, exercise)
        qti += items
        if exercise.id in matched:
            item, group = matched[exercise.id]
            if exercise is group[0]:
                moodle.append(item)
        elif exercise.mode == "order":
            moodle.append(OrderItem(ident(linked.id, "practice", exercise.id), f"{section.title}: {exercise.title}",
                                    exercise.prompt, [o.text for o in exercise.correct], list(exercise.tests),
                                    _rereads(linked, exercise)))
        else:
            moodle += items
    return qti, moodle


def _rereads(linked: LinkedReading, exercise: Exercise) -> list[Reread]:
    return reread(linked, [c.id for c in exercise.answer_claims])


def _choice_items(linked: LinkedReading, section: Section, exercise: Exercise) -> list[PracticeItem]:
    base = ident(linked.id, "practice", exercise.id)
    title = f"{section.title}: {exercise.title}"
    common = {"claims": list(exercise.tests), "prompt": exercise.prompt, "rereads": _rereads(linked, exercise)}
    if exercise.mode in ("single", "multiple"):
        choices = [(f"{base}c{n}", o.text, o.correct) for n, o in enumerate(exercise.options, 1)]
        return [PracticeItem(base, title, exercise.prompt, "", choices=choices, multiple=exercise.mode == "multiple",
                             subject=[c.text for c in exercise.subject], **common)]
    if exercise.mode == "order":
        return [PracticeItem(f"{base}p{n}", f"{title} ({ORDINALS[n - 1]})", exercise.prompt, "",
                             choices=[(f"{base}p{n}c{i}", o.text, o.key == key) for i, o in enumerate(exercise.options, 1)],
                             position=n, **common)
                for n, key in enumerate(exercise.order, 1)]
    rows = map_rows(exercise)
    return [PracticeItem(f"{base}b{blank.key}", f"{title} (box {blank.key})", exercise.prompt, "",
                         choices=[(f"{base}b{blank.key}c{i}", o.text, o.correct) for i, o in enumerate(blank.options, 1)],
                         map_title=exercise.map_title, rows=rows, blank=blank.key, **common)
            for blank in exercise.blanks]


def _matching(linked: LinkedReading, section: Section,
              exercises: list[Exercise]) -> list[tuple[MatchItem, list[Exercise]]]:
    """A section's supports exercises (and its reply exercises) as one matching question each, where
    that is faithful. Matching offers every answer to every subject, so every answer on the list
    other than a subject's own must be one the generator could offer that subject as wrong: not
    barred by the exercise's own question (``ClaimQuestion.barred``, the claims that stand in the
    relation asked about, directly or by a chain) nor worded like its right answer. Subjects may
    share a right answer (Moodle lists it once). Moodle also wants two subjects and three answers."""
    graph = Graph(linked)
    found = []
    for question in (SUPPORTS, REPLY):
        group = [e for e in exercises if e.type == question.kind and len(e.correct) == 1 and len(e.subject) == 1]
        if len(group) < 2:
            continue
        rights = [e.correct[0].key for e in group]
        allowed = [set(graph.others(question.barred(graph, e.subject[0].id, [r]), [r])) for e, r in zip(group, rights)]
        if not all(r in allowed[i] for i in range(len(group)) for r in rights if r != rights[i]):
            continue
        wrong = dict.fromkeys(o.key for e in group for o in e.options if not o.correct and o.key not in rights)
        extras = [k for k in wrong if all(k in a for a in allowed)][:EXTRAS]
        if len(set(rights)) + len(extras) < 3:
            continue
        item = MatchItem(ident(linked.id, "practice", f"match-{question.kind}-{section.id}"),
                         f"{section.title}: {group[0].title}", question.relation,
                         [(e.subject[0].text, e.correct[0].text) for e in group],
                         [graph.ref(k).text for k in extras],
                         list(dict.fromkeys(c for e in group for c in e.tests)),
                         reread(linked, [c.id for e in group for c in e.answer_claims]))
        found.append((item, group))
    return found
