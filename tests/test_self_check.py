"""Self-check items: C112 warns when two items of a section ask the same thing; the reading's set
passes it, and its multiple-choice items cannot be passed by picking the longest choice."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from build_tools.checks import run_checks
from build_tools.checks.repeats import find_repeats
from build_tools.cli import main
from build_tools.model import SelfCheck
from build_tools.pipeline import Project, load
from tests.conftest import FIXTURES, ROOT
from tests.test_checks import edit, findings

T = "content/mini-reading/teaching.yaml"
ANSWERS_ITEM = "        claims: [traffic-objection, roads-rebuttal]\n"
"""The last line of the mini reading's first item in section 'answers' (line 21)."""


def add_to_answers(root: Path, item: str) -> None:
    edit(root, T, ANSWERS_ITEM, ANSWERS_ITEM + item)


def c112(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict]]:
    status, found = findings(root, capsys)
    return status, [f for f in found if f["code"] == "C112"]


def test_a_multiple_choice_item_that_re_asks_part_of_an_open_one_is_c112(mini: Path, capsys) -> None:
    add_to_answers(mini, "      - question: What can be laid, according to the reading, and to meet what?\n"
                         "        answer: Roads, laid to meet the bridge.\n"
                         "        claims: [roads-rebuttal]\n"
                         "        choices:\n"
                         "          - text: Ferry landings can be laid beside the bridge.\n"
                         "          - text: Roads can be laid to meet the bridge.\n"
                         "            correct: true\n")
    status, [hit] = c112(mini, capsys)
    assert status == 0  # a warning
    assert hit["file"].endswith(T) and hit["line"] == 24 and hit["severity"] == "warning"
    assert "item 2 of 'answers' asks what item 1 (line 21) asks" in hit["message"]
    assert hit["hint"] == "merge them or make one ask something the other does not"
    assert main(["--root", str(mini), "check", "--fail-on", "warning"]) == 1


def test_a_reworded_question_on_the_same_claims_is_c112(mini: Path, capsys) -> None:
    add_to_answers(mini, "      - question: According to the reading, what answers the worry that traffic cannot pass?\n"
                         "        answer: That roads may be built up to the crossing.\n"
                         "        claims: [traffic-objection]\n")
    _, [hit] = c112(mini, capsys)
    assert hit["line"] == 24 and "share the words answers, worry, traffic" in hit["message"]


def test_a_question_worded_almost_alike_is_c112_whatever_claims_it_names(mini: Path, capsys) -> None:
    edit(mini, T, "question: Where does the reading say bridges belong?", "question: Where does the reading say bridges across rivers belong?")
    edit(mini, T, "  - section: answers\n", "      - question: Where, says the reading, do bridges across rivers belong?\n"
                                            "        answer: Where crossings cost less.\n"
                                            "        claims: [cost-evidence]\n"
                                            "  - section: answers\n")
    _, [hit] = c112(mini, capsys)
    assert hit["line"] == 16 and "item 3 of 'opening' asks what item 1 (line 6)" in hit["message"]
    assert "worded almost alike" in hit["message"]


def test_items_on_the_same_claims_that_ask_different_things_are_quiet(mini: Path, capsys) -> None:
    add_to_answers(mini, "      - question: Which worry about a narrow crossing does the reading take seriously?\n"
                         "        answer: That it may not pass there.\n"
                         "        claims: [traffic-objection]\n"
                         "        choices:\n"
                         "          - text: It may not pass there.\n"
                         "            correct: true\n"
                         "          - text: It will always pass there.\n")
    assert c112(mini, capsys) == (0, [])


def test_items_on_nested_claims_that_share_only_their_topic_words_are_quiet(mini: Path, capsys) -> None:
    add_to_answers(mini, "      - question: How firmly does the reading state the worry about traffic?\n"
                         "        answer: As something that may happen, not as a certainty.\n"
                         "        claims: [traffic-objection]\n")
    assert c112(mini, capsys) == (0, [])


def test_the_clean_mini_reading_is_quiet(mini: Path, capsys) -> None:
    assert c112(mini, capsys) == (0, [])


# The pairs of the first reading's set before its rewrite: 25 of its 26 multiple-choice items re-ask
# an open item of their section, wholly or in part (the 13 near-identical pairs and a dozen
# partial ones).
KNOWN = {
    ("introduction", 3, 5), ("introduction", 4, 6),
    ("us-constraints", 3, 6), ("us-constraints", 5, 7), ("us-constraints", 4, 8),
    ("maritime-claims", 4, 6), ("maritime-claims", 1, 7),
    ("domestic-politics", 1, 4), ("domestic-politics", 2, 5),
    ("normal-foreign-policy", 2, 6), ("normal-foreign-policy", 3, 7), ("normal-foreign-policy", 4, 8),
    ("protectionism", 3, 5), ("protectionism", 2, 6),
    ("implications", 1, 4), ("implications", 2, 5),
    ("burden-sharing", 3, 6), ("burden-sharing", 4, 7),
    ("maritime-denial", 2, 6), ("maritime-denial", 3, 7), ("maritime-denial", 5, 8),
    ("close-alliance", 1, 5), ("close-alliance", 4, 6),
    ("regional-ties", 2, 5), ("regional-ties", 4, 6),
}
# Found too, and repeats on reading: item 5 also re-asks the item listing all four implications (1),
# and so does the open item 2 ("Which implication carries the warning about Trump's reelection?").
ALSO_REPEATS = {("implications", 1, 5), ("implications", 1, 2)}


def test_c112_finds_every_known_pair_of_the_set_before_its_rewrite_and_no_other() -> None:
    before = yaml.safe_load((FIXTURES / "selfcheck" / "teaching-before-rewrite.yaml").read_text(encoding="utf-8"))
    found = {(s["section"], r.earlier_number, r.later_number)
             for s in before["sections"]
             for r in find_repeats([SelfCheck.model_validate(item) for item in s["self_check"]])}
    assert KNOWN - found == set()
    assert found - KNOWN == ALSO_REPEATS


def reading_items() -> list[tuple[str, SelfCheck]]:
    [linked] = load(Project(ROOT))
    return [(t.section, item) for t in linked.reading.teaching for item in t.self_check]


def multiple_choice() -> list[SelfCheck]:
    return [item for _, item in reading_items() if item.choices]


def test_no_two_items_of_a_section_of_the_reading_ask_the_same_thing() -> None:
    [linked] = load(Project(ROOT))
    repeated = [f.message for f in run_checks(linked) if f.code.code == "C112"]
    assert repeated == []


def test_every_multiple_choice_item_has_one_right_choice_among_three_or_four() -> None:
    items = multiple_choice()
    assert len(items) >= 20
    for item in items:
        assert sum(c.correct for c in item.choices) == 1, item.question
        assert 3 <= len(item.choices) <= 4, item.question


@pytest.mark.parametrize("size", [len, lambda text: len(text.split())], ids=["characters", "words"])
def test_the_longest_choice_is_the_right_one_in_at_most_a_third_of_the_items(size) -> None:
    items = multiple_choice()
    longest = [item.question for item in items
               if max(size(c.text) for c in item.choices) == next(size(c.text) for c in item.choices if c.correct)]
    assert len(longest) <= len(items) / 3, longest


def test_the_right_choice_is_not_mostly_in_one_place() -> None:
    places = Counter(next(n for n, c in enumerate(item.choices) if c.correct) for item in multiple_choice())
    assert max(places.values()) <= len(multiple_choice()) / 2, places
