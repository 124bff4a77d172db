"""The instructor's pack in print: what the instructor edition of a handout adds to the students'.

For each section the handout covers, from lessons.yaml and teaching.yaml: the lesson plan with its
clock, each discussion question with what to listen for and the claims it draws on (by their
numbers in the handout, or named with their section where the handout does not list them), the
activity with its roles and timed steps, and the self-check questions with their model answers.
Data only; templates/handout/handout.typ lays it out (its `instructor_pack` block). Only the
instructor edition's JSON carries it, so nothing of it can reach a student handout.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..linker import LinkedReading
from ..model import Section, TimedStep
from ..page_text import claim_title
from ..pages import KIND_LABELS
from .content import ClaimItem, HandoutContent, Handout, _descendants


@dataclass(frozen=True)
class Timed:
    """One step on the lesson's clock: from ``start`` to ``end`` minutes."""

    start: int
    end: int
    minutes: int
    step: str


@dataclass(frozen=True)
class DrawsOn:
    """A claim a discussion question draws on: its number in the handout and its anchor there, or,
    for a claim the handout does not list, its short title and its section."""

    kind_label: str
    mark: str | None
    anchor: str | None
    title: str | None
    section: str | None


@dataclass(frozen=True)
class QuestionNote:
    number: int
    question: str
    listen_for: str | None
    draws_on: list[DrawsOn] = field(default_factory=list)


@dataclass(frozen=True)
class RoleTask:
    role: str
    task: str


@dataclass(frozen=True)
class SectionPack:
    """One section's pack; ``title`` is None when the handout covers that section alone."""

    title: str | None
    minutes: int
    plan: list[Timed]
    discussion: list[QuestionNote]
    activity: str | None
    roles: list[RoleTask]
    activity_minutes: int
    activity_steps: list[Timed]
    model_answers: list[tuple[str, str]]


@dataclass(frozen=True)
class InstructorPack:
    sections: list[SectionPack]


def instructor_pack(linked: LinkedReading, handout: Handout, content: HandoutContent) -> InstructorPack:
    """The pack of the sections ``handout`` covers (a top-level section and its subsections, or
    for the guide every section), numbered as ``content`` numbers their claims."""
    if handout.section is None:
        sections = list(linked.reading.sections)
    else:
        top = linked.sections[handout.section]
        sections = [top, *_descendants(linked, top.id)]
    numbered = {item.id: item for part in content.parts for group in part.groups for item in group.claims}
    packs = [_section_pack(linked, s, numbered, titled=len(sections) > 1) for s in sections]
    return InstructorPack([p for p in packs if p is not None])


def _section_pack(linked: LinkedReading, section: Section, numbered: Mapping[str, ClaimItem],
                  titled: bool) -> SectionPack | None:
    lesson, teach = linked.lesson_for(section.id), linked.teaching_for(section.id)
    if lesson is None and teach is None:
        return None
    notes = {n.question: n for n in lesson.discussion_notes} if lesson else {}
    discussion = []
    for number, question in enumerate(teach.discussion if teach else [], 1):
        note = notes.get(number)
        draws = [_draws_on(linked, c, numbered) for c in (note.claims if note else []) if c in linked.claims]
        discussion.append(QuestionNote(number, question, note.listen_for if note else None, draws))
    plan = lesson.plan if lesson else []
    activity = lesson.activity if lesson else None
    steps = activity.steps if activity else []
    return SectionPack(
        title=section.title if titled else None,
        minutes=sum(s.minutes for s in plan),
        plan=_clock(plan),
        discussion=discussion,
        activity=teach.activity if teach else None,
        roles=[RoleTask(r.role, r.task) for r in (activity.roles if activity else [])],
        activity_minutes=sum(s.minutes for s in steps),
        activity_steps=_clock(steps),
        model_answers=[(c.question, c.answer) for c in (teach.self_check if teach else [])],
    )


def _clock(steps: list[TimedStep]) -> list[Timed]:
    """Each step with the minute it starts and ends, counted from the lesson's start."""
    rows, at = [], 0
    for step in steps:
        rows.append(Timed(at, at + step.minutes, step.minutes, step.step))
        at += step.minutes
    return rows


def _draws_on(linked: LinkedReading, claim_id: str, numbered: Mapping[str, ClaimItem]) -> DrawsOn:
    claim = linked.claims[claim_id]
    kind = KIND_LABELS[claim.kind]
    if claim_id in numbered:
        return DrawsOn(kind, str(numbered[claim_id].number), numbered[claim_id].anchor, None, None)
    return DrawsOn(kind, None, None, claim_title(claim), linked.sections[linked.section_of[claim_id]].title)
