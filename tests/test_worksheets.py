"""Worksheets in print: every student section handout of the reading ends with its exercises as a
form; the instructor edition ends with the answer key instead. Answers are worked out afresh from the
exercises."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from tests.conftest import ROOT

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("typst")

from build_tools.exercises import Exercise, exercises_for  # noqa: E402
from build_tools.handouts import plan_handouts  # noqa: E402
from build_tools.handouts.pool import Job, Pool, growth_mb  # noqa: E402
from build_tools.handouts.render import TEMPLATE  # noqa: E402
from build_tools.handouts.worksheet import on_paper  # noqa: E402
from build_tools.maps import build_all_maps  # noqa: E402
from build_tools.pipeline import Project, load  # noqa: E402

READING = "us-japan-alliance-2020s"


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory):
    project = Project(ROOT)
    [linked] = [r for r in load(project) if r.id == READING]
    out = tmp_path_factory.mktemp("handouts")
    plans = [p for p in plan_handouts([linked], {READING: build_all_maps(linked)}, project.templates, out)
             if p.handout.reading == READING and p.handout.kind == "section" and p.handout.paper == "a4"]
    return linked, exercises_for(linked), plans


def family(linked, top: str) -> list[str]:
    return [s.id for s in linked.reading.sections if linked.top_section(s.id) == top]


def expected_answer(exercise: Exercise) -> list[str]:
    """The key's letters for one exercise, from its own data: the options in the order shown (a map:
    every claim its blanks offer, once, in order), lettered A, B, C..."""
    if exercise.mode == "map":
        pool = list(dict.fromkeys(o.key for b in exercise.blanks for o in b.options))
        return [f"{b.key} {string.ascii_uppercase[pool.index(b.answer.id)]}" for b in exercise.blanks]
    keys = [o.key for o in exercise.options]
    if exercise.mode == "order":
        return [f"{n} {string.ascii_uppercase[keys.index(k)]}" for n, k in enumerate(exercise.order, 1)]
    return [string.ascii_uppercase[keys.index(o.key)] for o in exercise.options if o.correct]


def test_every_section_handout_has_a_worksheet_and_only_the_instructor_data_has_answers(planned) -> None:
    linked, exercises, plans = planned
    assert plans
    for plan in plans:
        data = json.loads(plan.data)
        mine = [e for s in family(linked, plan.handout.section) for e in on_paper(exercises[s])]
        assert mine, plan.handout.section  # every section of this reading practises something
        tasks = [t for g in data["worksheet"]["groups"] for t in g["tasks"]]
        assert [t["number"] for t in tasks] == list(range(1, len(mine) + 1))
        for task, exercise in zip(tasks, mine, strict=True):
            assert task["prompt"] == exercise.prompt and task["subject"] == [c.text for c in exercise.subject]
            shown = [o.text for o in exercise.options] if exercise.mode != "map" else None
            assert shown is None or [c["text"] for c in task["choices"]] == shown
        if plan.handout.edition == "student":
            assert "answer_key" not in data
            assert '"letters"' not in plan.data and '"pairs"' not in plan.data
        else:
            answers = [a for g in data["answer_key"]["groups"] for a in g["answers"]]
            for answer, exercise in zip(answers, mine, strict=True):
                got = answer["letters"] or [f"{n} {letter}" for n, letter in answer["pairs"]]
                assert got == expected_answer(exercise), exercise.id


def test_types_of_every_kind_are_on_paper(planned) -> None:
    _, exercises, _ = planned
    modes = {e.mode for found in exercises.values() for e in found}
    assert modes == {"single", "multiple", "order", "map"}


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in pypdf.PdfReader(pdf).pages))


def test_student_pdfs_carry_the_worksheet_and_no_key_instructor_pdfs_the_key(planned, tmp_path: Path) -> None:
    linked, exercises, plans = planned
    jobs = []
    for number, plan in enumerate(plans):
        data = tmp_path / f"{number}.json"
        data.write_text(plan.data, encoding="utf-8")
        jobs.append(Job(data, tmp_path / plan.handout.path.name, growth_mb(plan.data)))
    list(Pool(ROOT / "templates" / TEMPLATE, 2).render(jobs))  # the renderer `pdf` uses
    for plan in plans:
        pdf = tmp_path / plan.handout.path.name
        text = _text(pdf)
        title = linked.sections[plan.handout.section].title
        mine = [e for s in family(linked, plan.handout.section) for e in on_paper(exercises[s])]
        for exercise in mine:
            assert exercise.title in text
        if plan.handout.edition == "student":
            assert f"Worksheet: {title}" in text and "Name:" in text
            assert "Answer key" not in text
        else:  # the key in place of the worksheet, reading on its own: letters and the right answers' words
            assert f"Worksheet: {title}" not in text and "Name:" not in text
            key = text[text.index(f"Answer key: {title}"):]
            for number, exercise in enumerate(mine, 1):
                assert f"{number}. {exercise.title} {', '.join(expected_answer(exercise))} — reread" in key, (number, exercise.id)
                rights = [b.answer.text for b in exercise.blanks] or [o.text for o in exercise.correct]
                # (the opening words: a long answer may run over a page break, under the running head)
                assert all(re.sub(r"\s+", " ", r)[:40] in key for r in rights), exercise.id
