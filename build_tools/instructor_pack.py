"""The instructor's pack of a section, as data: what the instructor edition adds for it.

From lessons.yaml and teaching.yaml: the lesson plan with its clock, each discussion question with
what to listen for and the claims it draws on, the activity with its roles and timed steps, and
the self-check questions with their model answers. Computed once here; the instructor view's page
(templates/answers.md.j2) and the instructor handouts (handouts/pack.py, handout.typ) lay it out.
Nothing of it is computed for the student edition.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .linker import LinkedReading
from .model import Section, TimedStep


@dataclass(frozen=True)
class Timed:
    """One step on the lesson's clock: from ``start`` to ``end`` minutes."""

    start: int
    end: int
    minutes: int
    step: str


@dataclass(frozen=True)
class QuestionNote:
    """A discussion question, what to listen for in its answers and the claims it draws on (ids)."""

    number: int
    question: str
    listen_for: str | None
    claims: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RoleTask:
    role: str
    task: str


@dataclass(frozen=True)
class SectionPack:
    """One section's pack."""

    section: str
    title: str
    minutes: int
    plan: list[Timed]
    discussion: list[QuestionNote]
    activity: str | None
    roles: list[RoleTask]
    activity_minutes: int
    activity_steps: list[Timed]
    model_answers: list[tuple[str, str]]


def section_pack(linked: LinkedReading, section: Section) -> SectionPack | None:
    """The section's pack, or None where it has neither a lesson nor teaching material."""
    lesson, teach = linked.lesson_for(section.id), linked.teaching_for(section.id)
    if lesson is None and teach is None:
        return None
    notes = lesson.discussion_notes if lesson else []
    discussion = []
    for number, question in enumerate(teach.discussion if teach else [], 1):
        mine = [n for n in notes if n.question == number]
        claims = list(dict.fromkeys(c for n in mine for c in n.claims if c in linked.claims))
        discussion.append(QuestionNote(number, question, " ".join(n.listen_for for n in mine) or None, claims))
    plan = lesson.plan if lesson else []
    activity = lesson.activity if lesson else None
    steps = activity.steps if activity else []
    return SectionPack(
        section=section.id,
        title=section.title,
        minutes=sum(s.minutes for s in plan),
        plan=clock(plan),
        discussion=discussion,
        activity=teach.activity if teach else None,
        roles=[RoleTask(r.role, r.task) for r in (activity.roles if activity else [])],
        activity_minutes=sum(s.minutes for s in steps),
        activity_steps=clock(steps),
        model_answers=[(c.question, c.answer) for c in (teach.self_check if teach else [])],
    )


def clock(steps: list[TimedStep]) -> list[Timed]:
    """Each step with the minute it starts and ends, counted from the lesson's start."""
    rows, at = [], 0
    for step in steps:
        rows.append(Timed(at, at + step.minutes, step.minutes, step.step))
        at += step.minutes
    return rows
