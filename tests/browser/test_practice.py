"""Self-checks and exercises that answer back, in Chromium, as a student uses them.

- every multiple-choice self-check of every section page shows the choices teaching.yaml gives,
  answers a wrong and a right click with different words in an aria-live region, and links each
  claim the item tests;
- one exercise of each kind is answered by keyboard alone (Tab, Space, Enter, arrow keys), from a
  starting point just before it;
- progress survives a reload and the reset clears it; nothing is requested from another host and
  nothing but pages and assets is requested at all;
- without JavaScript the questions, choices and answers are there, folded;
- at 390 x 844 the Practice page does not scroll sideways; screenshots at 1366 x 900 and 390 x 844.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import READING, ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

PRACTICE = f"{READING}/practice/"
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1366, "height": 900}


@pytest.fixture(scope="module")
def teaching():
    from build_tools.pipeline import Project, load

    return load(Project(ROOT))[0]


def feedback(item) -> str:
    return item.locator(".exercise-feedback").inner_text().strip()


def test_every_multiple_choice_self_check_answers_back(page: Page, teaching) -> None:
    checked = 0
    for section in teaching.reading.sections:
        teach = teaching.teaching_for(section.id)
        items = [(n, q) for n, q in enumerate(teach.self_check if teach else [], start=1) if q.choices]
        if not items:
            continue
        page.goto(f"{READING}/{section.id}/")
        for number, q in items:
            item = page.locator(f"#sc-{section.id}-{number}")
            assert item.locator("fieldset legend").inner_text().strip().endswith(q.question)
            labels = [t.strip() for t in item.locator("label.exercise-choice").all_inner_texts()]
            assert labels == [c.text for c in q.choices]
            region = item.locator(".exercise-feedback")
            assert region.get_attribute("aria-live") == "polite"
            right = next(i for i, c in enumerate(q.choices) if c.correct)
            wrong = next(i for i, c in enumerate(q.choices) if not c.correct)
            item.locator("input[type=radio]").nth(wrong).click()
            said_wrong = feedback(item)
            item.locator("input[type=radio]").nth(right).click()
            said_right = feedback(item)
            assert said_wrong.startswith("Not right") and said_right.startswith("Right")
            assert said_wrong.split("\n")[0] != said_right.split("\n")[0]
            assert q.answer in said_right and q.choices[right].text in said_right
            hrefs = region.locator("a").evaluate_all("links => links.map(a => a.href)")
            for claim in q.claims:
                assert any(h.endswith(f"/{teaching.section_of[claim]}/#{claim}") for h in hrefs), (claim, hrefs)
            assert not item.locator("details.exercise-answer").is_visible()
            checked += 1
    assert checked == sum(1 for t in teaching.reading.teaching for q in t.self_check if q.choices) > 0


def start_before(page: Page, selector: str) -> None:
    """Put the keyboard's starting point on the exercise itself (as a skip link would), so that
    the next Tab reaches its first control: everything after that is key presses."""
    page.locator(selector).evaluate("el => { el.tabIndex = -1; el.focus(); }")


def tab_to(page: Page, css: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("css => document.activeElement && document.activeElement.matches(css)", css):
            return
    raise AssertionError(f"Tab never reached {css}")


def test_one_of_each_kind_answered_by_keyboard_alone(page: Page) -> None:
    page.goto(PRACTICE)
    done = set()
    # single choice: Tab into the group, Space picks the focused radio, the arrows move the pick
    item = page.locator(".practice-exercise[data-mode=single]").first
    key = item.get_attribute("data-answer")
    start_before(page, f"#{item.get_attribute('id')}")
    tab_to(page, "input[type=radio]")
    page.keyboard.press("Space")
    for _ in range(6):
        if page.evaluate("() => document.activeElement.value") == key:
            break
        page.keyboard.press("ArrowDown")
    assert feedback(item).startswith("Right"), feedback(item)
    done.add("single")
    # multiple: Space on each right checkbox, Enter on the check button
    item = page.locator(".practice-exercise[data-mode=multiple]").first
    wanted = set(item.get_attribute("data-answer").split())
    start_before(page, f"#{item.get_attribute('id')}")
    for _ in item.locator("input").all():
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.value") in wanted:
            page.keyboard.press("Space")
    tab_to(page, ".exercise-check")
    page.keyboard.press("Enter")
    assert feedback(item).startswith("Right"), feedback(item)
    done.add("multiple")
    # order: move each move up to its place with "Move up" and Enter, then check
    item = page.locator(".practice-exercise[data-mode=order]").first
    dom = item.get_attribute("id")
    wanted = item.get_attribute("data-answer").split()
    for place, key in enumerate(wanted):
        now = item.locator(".exercise-order > li").evaluate_all("items => items.map(li => li.dataset.key)")
        start_before(page, f"#{dom}")
        tab_to(page, f"li[data-key='{key}'] button[data-move='-1']", limit=20)
        for _ in range(now.index(key) - place):
            page.keyboard.press("Enter")
        assert "Moved to place" in feedback(item) or now.index(key) == place
    tab_to(page, ".exercise-check")
    page.keyboard.press("Enter")
    assert feedback(item).startswith("Right"), feedback(item)
    done.add("order")
    # map: Tab to each blank's list, the arrow keys choose, Enter on the check button
    item = page.locator(".practice-exercise[data-mode=map]").first
    start_before(page, f"#{item.get_attribute('id')}")
    for select in item.locator("select").all():
        tab_to(page, "select")
        values = select.locator("option").evaluate_all("options => options.map(o => o.value)")
        for _ in range(values.index(select.get_attribute("data-answer"))):
            page.keyboard.press("ArrowDown")
        assert select.input_value() == select.get_attribute("data-answer")
    tab_to(page, ".exercise-check")
    page.keyboard.press("Enter")
    assert feedback(item).startswith("Right"), feedback(item)
    done.add("map")
    # an open self-check: write, then Enter on "Compare with the model answer"
    page.goto(f"{READING}/introduction/")
    item = page.locator(".self-check[data-mode=open]").first
    start_before(page, f"#{item.get_attribute('id')}")
    tab_to(page, "textarea")
    page.keyboard.type("Russia's war and China's growth.")
    tab_to(page, ".exercise-check")
    page.keyboard.press("Enter")
    assert feedback(item).startswith("Compare your answer with the model answer")
    assert item.locator("textarea").input_value() == "Russia's war and China's growth."
    done.add("open")
    assert done == {"single", "multiple", "order", "map", "open"}


def answer(item, right: bool) -> None:
    key = item.get_attribute("data-answer")
    other = item.locator(f"input:not([value='{key}'])").first.get_attribute("value")
    item.locator(f"input[value='{key if right else other}']").check()


def test_progress_survives_a_reload_and_reset_clears_it(page: Page) -> None:
    requests: list[tuple[str, str]] = []
    page.on("request", lambda r: requests.append((r.method, r.url)))
    page.goto(f"{READING}/introduction/")
    singles = page.locator(".practice-exercise[data-mode=single]")
    answer(singles.nth(0), right=True)
    answer(singles.nth(1), right=False)
    page.reload()
    line = page.locator(".practice-section-progress").inner_text()
    assert line.startswith("In this browser you have answered 2 of the section's") and "1 of them right" in line
    assert singles.nth(0).locator(".exercise-before").inner_text() == "You answered this before: right."
    assert singles.nth(1).locator(".exercise-before").inner_text() == "You answered this before: not right."
    assert singles.nth(2).locator(".exercise-before").count() == 0
    page.goto(PRACTICE)
    row = page.locator(".practice-progress tr[data-section=introduction]")
    total = row.get_attribute("data-total")
    assert row.locator(".practice-answered").inner_text() == f"2 of {total}"
    assert row.locator(".practice-right").inner_text() == "1"
    page.reload()
    assert row.locator(".practice-answered").inner_text() == f"2 of {total}"
    page.get_by_role("button", name="Forget my answers").click()
    assert row.locator(".practice-answered").inner_text() == f"0 of {total}"
    assert "forgotten" in page.locator(".practice-status").inner_text()
    assert page.locator(".exercise-before").count() == 0
    page.reload()
    assert row.locator(".practice-answered").inner_text() == f"0 of {total}"
    assert page.evaluate("() => localStorage.getItem('course-practice')") == "{}"
    hosts = {urlsplit(url).hostname for _, url in requests}
    assert hosts == {"127.0.0.1"}, hosts
    assert {method for method, _ in requests} == {"GET"}


def test_without_javascript_the_questions_and_answers_are_there(browser: Browser, base_url: str, teaching) -> None:
    ctx = browser.new_context(java_script_enabled=False, viewport=WIDE, base_url=base_url)
    try:
        page = ctx.new_page()
        page.goto(f"{READING}/introduction/")
        teach = teaching.teaching_for("introduction")
        number, q = next((n, q) for n, q in enumerate(teach.self_check, start=1) if q.choices)
        item = page.locator(f"#sc-introduction-{number}")
        assert item.locator("input[type=radio]").count() == len(q.choices)
        fold = item.locator("details.exercise-answer")
        assert fold.is_visible() and not fold.locator(".exercise-right").is_visible()
        assert next(c.text for c in q.choices if c.correct) in fold.text_content()
        fold.locator("summary").click()
        assert fold.locator(".exercise-right").is_visible() and q.answer in fold.inner_text()
        assert not item.locator(".exercise-check").is_visible()
        order = page.locator(".practice-exercise[data-mode=order]").first
        assert order.locator("li").count() >= 3 and not order.locator("button").first.is_visible()
        assert order.locator("details ol li").count() == order.locator(".exercise-order > li").count()
        mapped = page.locator(".practice-exercise[data-mode=map]").first
        assert mapped.locator("select").count() >= 2 and mapped.locator("details li").count() == mapped.locator("select").count()
    finally:
        ctx.close()


def test_a_phone_answers_and_does_not_scroll_sideways(browser: Browser, base_url: str) -> None:
    ctx = browser.new_context(viewport=PHONE, base_url=base_url, is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        page.goto(PRACTICE)
        item = page.locator(".practice-exercise[data-mode=single]").first
        item.locator(f"input[value='{item.get_attribute('data-answer')}']").tap()
        assert feedback(item).startswith("Right")
        mapped = page.locator(".practice-exercise[data-mode=map]").first
        mapped.locator("select").first.scroll_into_view_if_needed()
        assert page.evaluate("() => document.scrollingElement.scrollWidth") <= PHONE["width"]
        box = mapped.locator("select").first.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    finally:
        ctx.close()


def test_screenshots_of_practice(browser: Browser, base_url: str, artifacts: Path) -> None:
    for name, size in (("1366", WIDE), ("390", PHONE)):
        ctx = browser.new_context(viewport=size, base_url=base_url)
        try:
            page = ctx.new_page()
            page.goto(f"{READING}/us-constraints/")
            item = page.locator(".practice-exercise[data-mode=single]").first
            answer(item, right=False)
            page.locator("#practice").evaluate("el => el.scrollIntoView()")
            page.screenshot(path=str(artifacts / f"practice-part-{name}.png"))
            item.scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts / f"practice-feedback-{name}.png"))
            page.goto(PRACTICE)
            page.screenshot(path=str(artifacts / f"practice-page-{name}.png"))
            assert (artifacts / f"practice-page-{name}.png").stat().st_size > 10_000
        finally:
            ctx.close()


def test_axe_finds_nothing_once_answered(page: Page) -> None:
    """The feedback a script writes is audited too: every kind answered (some wrongly), then axe."""
    from axe_playwright_python.base import AXE_SCRIPT

    page.goto(PRACTICE)
    answer(page.locator(".practice-exercise[data-mode=single]").first, right=False)
    multiple = page.locator(".practice-exercise[data-mode=multiple]").first
    multiple.locator("input").first.check()
    multiple.locator(".exercise-check").click()
    for mode in ("order", "map"):
        page.locator(f".practice-exercise[data-mode={mode}] .exercise-check").first.click()
    page.locator(".practice-exercise[data-mode=order] button[data-move='1']").first.click()
    page.evaluate(AXE_SCRIPT)
    violations = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag', values:
        ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
        .then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))""")
    assert violations == []
    assert page.locator(".exercise-feedback:not(:empty)").count() >= 4
