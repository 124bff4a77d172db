"""The instructor pack: lessons.yaml is checked like every other file (its claims, sections and
discussion questions must exist), and every section of the reading gets a timed lesson plan."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.loader import load_course

ROOT = Path(__file__).resolve().parents[1]
R = "content/mini-reading"
TEACHING = """sections:
  - section: opening
    discussion:
      - Is a bridge worth its cost?
"""
LESSONS = """lessons:
  - section: opening
    plan:
      - {minutes: 10, step: Read the thesis aloud.}
      - {minutes: 20, step: Discussion question 1.}
    discussion_notes:
      - question: 1
        listen_for: The cost evidence.
        claims: [cost-evidence]
    activity:
      roles:
        - {role: Builder, task: Argues for the bridge.}
      steps:
        - {minutes: 15, step: Pairs argue.}
"""


def findings(root: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    main(["--root", str(root), "check", "--format", "json"])
    return json.loads(capsys.readouterr().out)["findings"]


def with_lessons(root: Path, lessons: str) -> Path:
    (root / R / "teaching.yaml").write_text(TEACHING, encoding="utf-8")
    (root / R / "lessons.yaml").write_text(lessons, encoding="utf-8")
    return root


def test_a_clean_lesson_passes_the_check(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert findings(with_lessons(mini, LESSONS), capsys) == []


@pytest.mark.parametrize(("old", "new", "line", "words"), [
    ("claims: [cost-evidence]", "claims: [cost-evidense]", 7, "unknown claim 'cost-evidense'"),
    ("question: 1", "question: 2", 7, "unknown discussion question '2'"),
    ("section: opening\n    plan", "section: openin\n    plan", 2, "unknown section 'openin'"),
])
def test_a_lesson_naming_what_does_not_exist_is_an_error(mini: Path, capsys: pytest.CaptureFixture[str],
                                                         old: str, new: str, line: int, words: str) -> None:
    found = findings(with_lessons(mini, LESSONS.replace(old, new)), capsys)
    assert [(f["code"], f["line"]) for f in found] == [("C101", line)], found
    assert words in found[0]["message"]


def test_a_lesson_without_timings_is_refused_with_its_line(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_lessons(mini, LESSONS.replace("{minutes: 10, step: Read the thesis aloud.}", "{step: Read the thesis aloud.}"))
    assert main(["--root", str(mini), "check"]) == 2
    err = capsys.readouterr().err
    assert "lessons.yaml:4" in err and "minutes" in err


def test_every_section_of_the_reading_has_a_timed_lesson_plan_and_notes_for_each_question() -> None:
    reading = load_course(ROOT / "content", ROOT / "bib")[0]
    lessons = {lesson.section: lesson for lesson in reading.lessons}
    for teaching in reading.teaching:
        lesson = lessons.get(teaching.section)
        assert lesson, f"no lesson plan for {teaching.section}"
        assert 30 <= sum(s.minutes for s in lesson.plan) <= 90, teaching.section
        assert sorted(n.question for n in lesson.discussion_notes) == list(range(1, len(teaching.discussion) + 1))
        assert lesson.activity and lesson.activity.steps, teaching.section
        slot = [s.minutes for s in lesson.plan if s.step.startswith("Activity")]
        assert slot == [sum(s.minutes for s in lesson.activity.steps)], (teaching.section, slot)


def test_the_instructor_page_shows_the_plan_with_its_clock(mini: Path) -> None:
    with_lessons(mini, LESSONS)
    assert main(["--root", str(mini), "generate", "--edition", "instructor"]) == 0
    page = (mini / "build" / "instructor" / "docs" / "mini-reading" / "instructor" / "opening.md").read_text(encoding="utf-8")
    assert re.search(r"\| 0–10 min \| 10 \| Read the thesis aloud\. \|", page)
    assert "| 10–30 min | 20 |" in page
    assert "*Listen for:* The cost evidence." in page
    assert "(cost-evidence)" not in page and "`cost-evidence`" in page
    assert "| 0–15 min | 15 | Pairs argue. |" in page


def test_the_instructor_index_lists_each_section_pack_as_its_own_item(mini: Path) -> None:
    with_lessons(mini, LESSONS)
    assert main(["--root", str(mini), "generate", "--edition", "instructor"]) == 0
    page = (mini / "build" / "instructor" / "docs" / "mini-reading" / "instructor" / "index.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[([^\]]+)\]\(([^)]+)\)(.*)$", page, flags=re.M)
    sections = [s.title for s in load_course(mini / "content", mini / "bib")[0].sections]
    assert [title for title, _, _ in items] == sections
    assert [rest for title, _, rest in items if title == "Opening"] == [" (30-minute lesson)"]
    assert all(rest in ("", " (30-minute lesson)") for _, _, rest in items)
    assert re.search(r"\n\nFor authors: ", page)


def test_the_student_edition_generates_no_instructor_page(mini: Path) -> None:
    with_lessons(mini, LESSONS)
    assert main(["--root", str(mini), "generate"]) == 0
    docs = mini / "build" / "docs"
    assert (docs / "mini-reading" / "teaching" / "opening.md").is_file()
    assert not (docs / "mini-reading" / "instructor").exists()
    assert not [p for p in docs.rglob("*.md") if "Read the thesis aloud" in p.read_text(encoding="utf-8")]
