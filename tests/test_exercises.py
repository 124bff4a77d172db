"""Generated exercises: what the issue promises of them on the real reading, properties on random
arguments (no distractor stands in the relation asked about), determinism, and the curation check."""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.cli import main
from build_tools.exercises import Exercise, candidates, exercises_for
from build_tools.exercises.steps import FAMILIES
from build_tools.linker import LinkedReading, link
from build_tools.maps.select import select_claims
from build_tools.model import Claim, ClaimFile, MapView, Reading, ReadingMeta, Section
from build_tools.pipeline import Project, load
from tests.conftest import ROOT

R = "content/mini-reading"


@pytest.fixture(scope="module")
def reading() -> LinkedReading:
    return load(Project(ROOT))[0]


@pytest.fixture(scope="module")
def made(reading: LinkedReading) -> dict[str, list[Exercise]]:
    return exercises_for(reading)


# --- an oracle of the relations, written apart from the generators' Graph ------------------------


def edges(linked: LinkedReading, *kinds: str) -> set[tuple[str, str]]:
    return {(c.id, t) for c in linked.reading.claims for k in kinds for t in getattr(c, k)}


def reaches(linked: LinkedReading, start: str, goal: str, *kinds: str) -> bool:
    """A path start -> ... -> goal along ``kinds`` (at least one step)."""
    pairs = edges(linked, *kinds)
    queue, seen = deque([start]), set()
    while queue:
        here = queue.popleft()
        for a, b in pairs:
            if a == here and b not in seen:
                if b == goal:
                    return True
                seen.add(b)
                queue.append(b)
    return False


def assert_no_second_right_answer(linked: LinkedReading, e: Exercise) -> None:
    wrong = [o for o in e.options if not o.correct]
    subject = e.subject[0].id if e.subject else None
    if e.type == "kind":
        kind = linked.claims[subject].kind
        assert [o.key for o in e.correct] == [kind]
        assert all(FAMILIES[o.key] != FAMILIES[kind] for o in wrong), e.id
    elif e.type == "supports":
        assert all((subject, o.key) in edges(linked, "supports") for o in e.correct)
        assert not any(reaches(linked, subject, o.key, "supports", "leads_to") for o in wrong), e.id
    elif e.type == "reasons":
        assert all((o.key, subject) in edges(linked, "supports") for o in e.correct)
        assert not any(reaches(linked, o.key, subject, "supports", "leads_to") for o in wrong), e.id
    elif e.type == "reply":
        replies = {a for a, b in edges(linked, "rebuts") if b == subject}
        assert {o.key for o in e.correct} <= replies
        for o in wrong:
            assert o.key not in replies and o.key != subject, e.id
            assert not any(reaches(linked, o.key, r, "supports") for r in replies), e.id
    elif e.type == "objects":
        attacked = {b for a, b in edges(linked, "objects_to") if a == subject}
        assert {o.key for o in e.correct} <= attacked
        for o in wrong:
            assert o.key not in attacked
            assert not any(reaches(linked, t, o.key, "supports", "leads_to") for t in attacked), e.id
    elif e.type == "order":
        place = {cid: i for i, cid in enumerate(linked.claims)}
        assert list(e.order) == sorted(e.order, key=place.__getitem__)
        assert [o.key for o in e.options] != list(e.order)
    elif e.type == "map":
        assert_map_blanks(linked, e)


def assert_map_blanks(linked: LinkedReading, e: Exercise) -> None:
    """No claim offered for a blank stands to the box above (or to a box below) as the box does."""
    rel = {"Reason": "supports", "Objection": "objects_to", "Reply": "rebuts"}

    def stands(cid: str, upper: str | None, relation: str | None, below: list[tuple[str, str]]) -> bool:
        def fits(lower: str, up: str, how: str) -> bool:
            if how == "Leads to":
                return (up, lower) in edges(linked, "leads_to")
            return (lower, up) in edges(linked, rel[how])
        return bool(upper and relation and fits(cid, upper, relation)) or any(fits(c, cid, how) for c, how in below)

    answers = {b.key: b.answer.id for b in e.blanks}
    places = {}

    def walk(node, upper):
        here = node.claim.id if node.claim else answers[node.blank]
        if node.blank:
            below = [(c.claim.id if c.claim else answers[c.blank], c.relation) for c in node.children]
            places[node.blank] = (upper, node.relation, below)
        for child in node.children:
            walk(child, here)

    for top in e.tree:
        walk(top, None)
    assert set(places) == set(answers) and 2 <= len(answers) <= 4
    for blank in e.blanks:
        assert [o.key for o in blank.options if o.correct] == [blank.answer.id]
        for o in blank.options:
            if not o.correct:
                assert not stands(o.key, *places[blank.key]), (e.id, blank.key, o.key)


# --- the real reading --------------------------------------------------------------------------


def test_every_section_with_six_claims_has_a_kind_and_an_order_exercise(reading, made) -> None:
    for section in reading.sections:
        if len(reading.claims_in(section)) >= 6:
            types = {e.type for e in made[section]}
            assert {"kind", "order"} <= types, section


def test_every_section_with_an_objection_has_a_reply_exercise(reading, made) -> None:
    with_objection = {reading.section_of[c.id] for c in reading.claims.values() if c.kind == "objection"}
    assert with_objection  # the reading has some: the test is not empty
    for section in with_objection:
        assert "reply" in {e.type for e in made[section]}, section


def test_every_objects_to_is_practised_in_its_section(reading, made) -> None:
    objecting = {reading.section_of[a] for a, _ in edges(reading, "objects_to")}
    for section in objecting:
        assert {"reply", "objects"} & {e.type for e in made[section]}, section


def test_every_map_of_six_boxes_has_a_complete_the_map_exercise(reading, made) -> None:
    practised = {e.map_id for exercises in made.values() for e in exercises if e.type == "map"}
    big = {m.id for m in reading.reading.maps if len(select_claims(reading, m)) >= 6}
    assert len(big) >= 20 and big <= practised


def test_no_distractor_stands_in_the_relation_asked_about(reading) -> None:
    every = [e for exercises in candidates(reading).values() for e in exercises]
    assert {e.type for e in every} == {"kind", "supports", "reasons", "reply", "objects", "order", "map"}
    for e in every:
        assert_no_second_right_answer(reading, e)


def test_a_map_title_rarely_names_a_blank(reading, made) -> None:
    """A map's title is shown above it: a blank it names is a last resort, never more than one a map."""
    from build_tools.exercises.mapfill import named_by

    maps = [e for exercises in made.values() for e in exercises if e.type == "map"]
    named = [sum(named_by(e.map_title, b.answer.text) for b in e.blanks) for e in maps]
    assert max(named) <= 1 and sum(named) <= len(maps) // 5
    assert named_by("China's growing military power", "China's growing military power makes it more able")


def test_texts_are_the_claims_as_written_and_answers_link_to_their_claims(reading, made) -> None:
    for exercises in made.values():
        for e in exercises:
            refs = [*e.subject, *(o.claim for o in e.options if o.claim),
                    *(o.claim for b in e.blanks for o in b.options if o.claim)]
            for ref in refs:
                claim = reading.claims[ref.id]
                assert ref.text == claim.text and ref.kind == claim.kind
                assert ref.address == f"{reading.id}/{reading.section_of[ref.id]}/index.md#{ref.id}"
            assert e.answer_claims and set(e.tests) <= {r.id for r in refs}


def test_the_question_never_gives_the_answer_away(reading, made) -> None:
    for exercises in made.values():
        for e in exercises:
            shown = " ".join([e.prompt, *(s.text for s in e.subject)]).lower()
            for o in e.correct:
                claim = reading.claims.get(o.key)
                if e.mode in ("single", "multiple") and claim is not None:
                    assert claim.text.lower() not in shown, e.id
                    assert not claim.label or claim.label.lower() not in shown, e.id
            if e.type == "kind":
                assert e.correct[0].text.split(":")[0].lower() not in e.prompt.lower()


def test_one_right_answer_where_one_is_asked_for(made) -> None:
    for exercises in made.values():
        for e in exercises:
            if e.mode == "single":
                assert len(e.correct) == 1 and len(e.options) >= 3, e.id
            if e.mode == "multiple":
                assert len(e.correct) >= 2 and len(e.options) - len(e.correct) >= 2, e.id
            assert len({o.key for o in e.options}) == len(e.options)


def test_same_content_same_exercises(reading, made) -> None:
    again = exercises_for(load(Project(ROOT))[0])
    assert again == made
    ids = [e.id for exercises in made.values() for e in exercises]
    assert len(ids) == len(set(ids))


def test_right_answers_are_not_always_in_one_place(made) -> None:
    places = [next(i for i, o in enumerate(e.options) if o.correct)
              for exercises in made.values() for e in exercises if e.mode == "single"]
    assert len(set(places)) >= 3


# --- random arguments ----------------------------------------------------------------------------

KINDS = ["claim", "evidence", "example", "context", "objection", "rebuttal", "concession", "implication",
         "key-issue", "thesis"]


@st.composite
def arguments(draw) -> LinkedReading:
    n = draw(st.integers(4, 14))
    kinds = [draw(st.sampled_from(KINDS)) for _ in range(n)]
    claims = []
    for i in range(n):
        earlier = st.lists(st.integers(0, i - 1), max_size=3, unique=True) if i else st.just([])
        supports = draw(earlier)
        objects = draw(earlier) if kinds[i] == "objection" else []
        objections = [j for j in range(i) if kinds[j] == "objection"]
        rebuts = draw(st.lists(st.sampled_from(objections), max_size=1)) if kinds[i] == "rebuttal" and objections else []
        leads = draw(earlier) if draw(st.booleans()) else []
        text = f"Point {draw(st.integers(0, n))} of the argument." if draw(st.booleans()) else f"Point {i} alone."
        claims.append(Claim(id=f"c{i}", kind=kinds[i], text=text, paragraph=1 + i // 3,
                            supports=[f"c{j}" for j in supports], objects_to=[f"c{j}" for j in objects],
                            rebuts=[f"c{j}" for j in rebuts], leads_to=[f"c{j}" for j in leads if j not in supports]))
    half = n // 2
    reading = Reading(
        folder=Path("."), meta=ReadingMeta(id="r", title="T", author="A"),
        sections=[Section(id="s1", title="One"), Section(id="s2", title="Two")],
        claim_files=[ClaimFile(section="s1", claims=claims[:half]), ClaimFile(section="s2", claims=claims[half:])],
        footnotes=[], sources=[], teaching=[], terms=[], actors=[], events=[], figures=[],
        maps=[MapView(id="m1", title="M", description="D", page="s1", conclusion="c0"),
              MapView(id="m2", title="M", description="D", sections=["s2"])],
    )
    return link(reading)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arguments())
def test_no_distractor_is_right_on_random_arguments(linked: LinkedReading) -> None:
    found = candidates(linked)
    for exercises in found.values():
        for e in exercises:
            assert_no_second_right_answer(linked, e)
    assert exercises_for(linked) == exercises_for(linked)


# --- curation and its check (C114) ---------------------------------------------------------------


def curate(root: Path, lines: str) -> None:
    path = root / R / "teaching.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - section: opening\n", "  - section: opening\n" + lines, 1), encoding="utf-8")


def check(root: Path, capsys) -> list[dict]:
    main(["--root", str(root), "check", "--format", "json"])
    return json.loads(capsys.readouterr().out)["findings"]


def test_mini_reading_has_the_exercises_the_fixtures_name(mini: Path) -> None:
    found = candidates(load(Project(mini))[0])
    assert {e.id for e in found["opening"]} >= {"kind-cost-evidence", "supports-cost-evidence"}
    assert "objects-traffic-objection" in {e.id for e in found["answers"]}


def test_leave_out_and_pin(mini: Path) -> None:
    before = [e.id for e in exercises_for(load(Project(mini))[0])["opening"]]
    assert "kind-cost-evidence" in before
    curate(mini, "    practice:\n      leave_out: [kind-cost-evidence]\n      pin: [order-opening]\n")
    linked = load(Project(mini))[0]
    after = [e.id for e in exercises_for(linked)["opening"]]
    assert "kind-cost-evidence" not in after
    if "order-opening" in {e.id for e in candidates(linked)["opening"]}:
        assert after[0] == "order-opening"


def test_pin_puts_first_in_the_authors_order(mini: Path) -> None:
    curate(mini, "    practice:\n      pin: [supports-cost-evidence, kind-cost-evidence]\n")
    after = [e.id for e in exercises_for(load(Project(mini))[0])["opening"]]
    assert after[:2] == ["supports-cost-evidence", "kind-cost-evidence"]


def test_curation_that_names_a_real_exercise_is_clean(mini: Path, capsys) -> None:
    curate(mini, "    practice:\n      leave_out: [kind-cost-evidence]\n")
    assert check(mini, capsys) == []


def test_c114_unknown_exercise_with_file_line_and_did_you_mean(mini: Path, capsys) -> None:
    curate(mini, "    practice:\n      pin: [kind-cost-evidnce]\n")
    [hit] = check(mini, capsys)
    assert hit["code"] == "C114" and hit["file"].endswith("teaching.yaml") and hit["line"] == 4
    assert "kind-cost-evidnce" in hit["message"] and "did you mean 'kind-cost-evidence'?" in hit["hint"]
    assert main(["--root", str(mini), "check"]) == 1


def test_c114_exercise_of_another_section(mini: Path, capsys) -> None:
    curate(mini, "    practice:\n      leave_out: [objects-traffic-objection]\n")
    [hit] = check(mini, capsys)
    assert hit["code"] == "C114" and "'answers'" in hit["message"] and "answers" in hit["hint"]


def test_c114_both_left_out_and_pinned(mini: Path, capsys) -> None:
    curate(mini, "    practice:\n      leave_out: [kind-cost-evidence]\n      pin: [kind-cost-evidence]\n")
    [hit] = check(mini, capsys)
    assert hit["code"] == "C114" and "both" in hit["message"]


def test_a_misspelt_curation_key_is_refused_with_its_line(mini: Path, capsys) -> None:
    curate(mini, "    practice:\n      pinn: [kind-cost-evidence]\n")
    assert main(["--root", str(mini), "check"]) == 2
    err = capsys.readouterr().err
    assert "teaching.yaml:4" in err and "did you mean 'pin'?" in err


def test_the_exercises_command_lists_ids_and_what_is_shown(mini: Path, capsys) -> None:
    curate(mini, "    practice:\n      leave_out: [kind-cost-evidence]\n      pin: [supports-cost-evidence]\n")
    assert main(["--root", str(mini), "exercises"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    states = {row[2]: row[3] for row in rows}
    assert states["kind-cost-evidence"] == "left out" and states["supports-cost-evidence"] == "pinned"
    assert {row[1] for row in rows} == {"opening", "answers"}


def test_curation_beside_a_map_of_an_unknown_page_reports_and_does_not_crash(mini: Path, capsys) -> None:
    (mini / R / "maps.yaml").write_text(
        "maps:\n  - id: m\n    title: T\n    description: D\n    page: nowhere\n    conclusion: bridge-thesis\n")
    curate(mini, "    practice:\n      leave_out: [kind-cost-evidence]\n")
    codes = {f["code"] for f in check(mini, capsys)}
    assert codes == {"C101"}
