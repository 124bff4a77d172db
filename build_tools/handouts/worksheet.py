"""A handout's worksheet (the exercises of its sections as a form to fill in by hand) and its answer key.

The exercises come from `exercises/` as they are on the site; here they get what paper needs:
numbers, letters for the choices, numbered slots for an order, a map's tree with lettered blanks.
Both editions print the worksheet; only the instructor edition prints the key (render.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Literal

from ..exercise_forms import LETTERS, Reread, Row, map_pool, map_rows, reread
from ..exercises import Exercise
from ..linker import LinkedReading
from ..model import Section

TaskKind = Literal["one", "all", "order", "map"]
MODES: dict[str, TaskKind] = {"single": "one", "multiple": "all", "order": "order", "map": "map"}


@dataclass(frozen=True)
class Choice:
    letter: str
    text: str


@dataclass(frozen=True)
class BlankChoices:
    """A map's blank box and the letters of the claims offered for it."""

    key: str
    offers: list[str]
    """The letters of the claims the blank may take."""


@dataclass(frozen=True)
class Task:
    number: int
    kind: TaskKind
    title: str
    """The exercise type's heading (the same words as on the site)."""
    prompt: str
    subject: list[str]
    """The claims the question is about, in full (empty for an order or a map)."""
    choices: list[Choice]
    slots: int = 0
    """An order: how many numbered boxes to fill."""
    map_title: str | None = None
    rows: list[Row] = field(default_factory=list)
    blanks: list[BlankChoices] = field(default_factory=list)


@dataclass(frozen=True)
class Answer:
    number: int
    title: str
    letters: list[str]
    """One or every-that-applies: the right letters."""
    pairs: list[tuple[str, str]]
    """An order: (slot number, letter) in the paper's order; a map: (blank, letter)."""
    texts: list[str]
    """The right answers' words, one for each letter or pair, so the key reads on its own."""
    reread: list[Reread]


@dataclass(frozen=True)
class Group:
    title: str | None
    """The section's title where the handout holds several sections."""
    tasks: list[Task] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)


@dataclass(frozen=True)
class Worksheet:
    title: str
    groups: list[Group]


def on_paper(exercises: list[Exercise]) -> list[Exercise]:
    """A section's exercises for its worksheet: the first of each type, in the site's order.

    The site shows every exercise (nine to thirteen a section here); on paper that made the
    worksheet of a five-section handout eighteen pages long. One task of each type keeps every
    kind of work with the argument and fits a class's printing; an author chooses which by
    `practice: pin` and `leave_out` (the site's order puts pinned exercises first)."""
    kept: dict[str, Exercise] = {}
    for exercise in exercises:
        kept.setdefault(exercise.type, exercise)
    return list(kept.values())


def worksheet(linked: LinkedReading, sections: list[Section],
              exercises: Mapping[str, list[Exercise]]) -> Worksheet | None:
    """The worksheet of ``sections`` (a top-level section and its subsections, each with its
    exercises `on_paper`), numbered through;
    each group carries its tasks and their answers. None where they have no exercises."""
    several = len(sections) > 1
    groups, number = [], 0
    for section in sections:
        tasks, answers = [], []
        for exercise in on_paper(exercises.get(section.id, [])):
            number += 1
            task, answer = _task(linked, exercise, number)
            tasks.append(task)
            answers.append(answer)
        if tasks:
            groups.append(Group(section.title if several else None, tasks, answers))
    return Worksheet(sections[0].title, groups) if groups else None


def _task(linked: LinkedReading, exercise: Exercise, number: int) -> tuple[Task, Answer]:
    kind = MODES[exercise.mode]
    options = map_pool(exercise) if kind == "map" else list(exercise.options)
    letter = {o.key: LETTERS[i] for i, o in enumerate(options)}
    choices = [Choice(letter[o.key], o.text) for o in options]
    places = reread(linked, [c.id for c in exercise.answer_claims])
    subject = [c.text for c in exercise.subject]
    if kind == "map":
        blanks = [BlankChoices(b.key, [letter[o.key] for o in b.options]) for b in exercise.blanks]
        task = Task(number, kind, exercise.title, exercise.prompt, subject, choices, map_title=exercise.map_title,
                    rows=map_rows(exercise), blanks=blanks)
        return task, Answer(number, exercise.title, [], [(b.key, letter[b.answer.id]) for b in exercise.blanks],
                            [b.answer.text for b in exercise.blanks], places)
    right = list(exercise.correct)  # an order's moves in the paper's order
    if kind == "order":
        task = Task(number, kind, exercise.title, exercise.prompt, subject, choices, slots=len(options))
        return task, Answer(number, exercise.title, [], [(str(n), letter[o.key]) for n, o in enumerate(right, 1)],
                            [o.text for o in right], places)
    task = Task(number, kind, exercise.title, exercise.prompt, subject, choices)
    return task, Answer(number, exercise.title, [letter[o.key] for o in right], [], [o.text for o in right], places)


def worksheet_inputs(sheet: Worksheet | None, edition: str) -> dict[str, object]:
    """The handout data's keys for the template: ``worksheet`` (the tasks, both editions) and, in the
    instructor edition only, ``answer_key``; a student's data never holds an answer."""
    if sheet is None:
        return {}
    keys: dict[str, object] = {"worksheet": {
        "title": sheet.title,
        "groups": [{"title": g.title, "tasks": [asdict(t) for t in g.tasks]} for g in sheet.groups]}}
    if edition == "instructor":
        keys["answer_key"] = {
            "title": sheet.title,
            "groups": [{"title": g.title, "answers": [asdict(a) for a in g.answers]} for g in sheet.groups]}
    return keys
