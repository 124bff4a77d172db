"""Each check code fires on a small defect of the mini reading, and not on the clean one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_tools.checks.findings import CODES
from build_tools.cli import main

R = "content/mini-reading"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def findings(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[dict]]:
    code = main(["--root", str(root), "check", "--format", "json", *extra])
    out = capsys.readouterr().out
    return code, json.loads(out)["findings"]


def test_clean_mini_reading_has_no_findings(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, found = findings(mini, capsys)
    assert (code, found) == (0, [])


# (code, file, expected line, edit to make) — each edit introduces exactly one kind of defect.
CASES = [
    ("C101", f"{R}/claims/opening.yaml", 8, (f"{R}/claims/opening.yaml", "supports: [bridge-thesis]", "supports: [bridge-thesys]")),
    ("C102", f"{R}/claims/answers.yaml", 3, (f"{R}/claims/answers.yaml", "id: traffic-objection", "id: cost-evidence")),
    ("C103", f"{R}/claims/answers.yaml", 10, (f"{R}/claims/answers.yaml", "rebuts: [traffic-objection]", "rebuts: [bridge-thesis]")),
    ("C104", f"{R}/claims/answers.yaml", 10, (f"{R}/claims/answers.yaml", "    rebuts: [traffic-objection]\n", "")),
    ("C106", f"{R}/claims/opening.yaml", 3, (f"{R}/claims/opening.yaml", "text: Bridges belong", "text: <script>alert(1)</script> Bridges belong")),
    ("C108", f"{R}/sections.yaml", 2, (f"{R}/sections.yaml", "title: Opening", "title: Opening\n    parent: opening")),
    ("B201", f"{R}/notes.yaml", 6, (f"{R}/notes.yaml", "{key: smith2001spans, locator: \"12\"}", "{key: smith2001span, locator: \"12\"}")),
    ("B202", "bib/mini.bib", 1, ("bib/mini.bib", "", "@book{unused2000,\n  author = {Nobody, A.},\n  title = {Never Cited},\n  publisher = {P},\n  date = {2000},\n}\n\n")),
    ("B205", "bib/mini.bib", 9, ("bib/mini.bib", "  journal = {Journal of Crossings},\n", "")),
    ("B206", "bib/mini.bib", 9, ("bib/mini.bib", "pages = {1--9}", "pages = {9--1}")),
    ("B208", f"{R}/notes.yaml", 6, (f"{R}/notes.yaml", "{key: smith2001spans, locator: \"12\"}", "{key: smith2001spans, locator: \"12\", form: short}")),
    ("B204", "bib/mini.bib", 9, ("bib/mini.bib", "@article{lee2010narrow,", "@book{smith2001again,\n  author = {Smith, Ann},\n  title = {Spans},\n  location = {Springfield},\n  publisher = {River Press},\n  date = {2001},\n}\n\n@article{lee2010narrow,")),
    ("B206", "bib/mini.bib", 9, ("bib/mini.bib", "date = {2010}", "date = {2010}, doi = {doi:10.1/x}")),
    ("B206", "bib/mini.bib", 9, ("bib/mini.bib", "date = {2010}", "date = {2010}, url = {htp//example}")),
    ("B206", "bib/mini.bib", 9, ("bib/mini.bib", "date = {2010}", "date = {2010-13}")),
    ("B206", "bib/mini.bib", 1, ("bib/mini.bib", "date = {2001}", "date = {2001}, isbn = {978-0-306-40615-6}")),
    ("B207", "bib/mini.bib", 9, ("bib/mini.bib", "date = {2010}", "date = {2010-05-02}, url = {https://example.org/2011/04/01/narrow/}")),
    ("C109", f"{R}/claims/answers.yaml", 3, (f"{R}/claims/answers.yaml", "text: Traffic may not pass", "text: Traffic cannot pass")),
    ("C107", f"{R}/glossary.yaml", 2, (f"{R}/glossary.yaml", "term: traffic\n    definition: What, some argue, may not pass where the river is narrow.\n    claims: [traffic-objection]", "term: ford\n    definition: A shallow crossing.\n    claims: [bridge-thesis]")),
    ("I401", f"{R}/notes.yaml", 7, (f"{R}/notes.yaml", "status: complete\n    text: \"Smith", "status: partial\n    gap: The end is cut off.\n    text: \"Smith")),
    ("I402", "bib/mini.bib", 9, ("bib/mini.bib", "date = {2010}", "date = {2010}, incomplete = {Only the short form survives.}")),
    ("F301", f"{R}/notes.yaml", 7, (f"{R}/notes.yaml", "number: 2", "number: 3")),
    ("F302", f"{R}/claims/opening.yaml", 8, (f"{R}/claims/opening.yaml", "footnotes: [2]", "footnotes: [2, 7]")),
    ("F303", f"{R}/notes.yaml", 7, (f"{R}/claims/opening.yaml", "footnotes: [2]", "footnotes: []")),
    ("C110", f"{R}/teaching.yaml", 6, (f"{R}/teaching.yaml", "        claims: [bridge-thesis]\n", "")),
    ("C110", f"{R}/teaching.yaml", 6, (f"{R}/teaching.yaml", "claims: [bridge-thesis]", "claims: [bridge-thesys]")),
    ("C111", f"{R}/teaching.yaml", 9, (f"{R}/teaching.yaml", "          - text: They carry more traffic.\n", "          - text: They carry more traffic.\n            correct: true\n")),
    ("C111", f"{R}/teaching.yaml", 9, (f"{R}/teaching.yaml", "            correct: true\n", "")),
    ("C112", f"{R}/teaching.yaml", 24, (f"{R}/teaching.yaml", "        claims: [traffic-objection, roads-rebuttal]\n",
                                        "        claims: [traffic-objection, roads-rebuttal]\n"
                                        "      - question: What does the reading say answers the worry about traffic?\n"
                                        "        answer: Roads can be laid to meet the bridge.\n        claims: [roads-rebuttal]\n")),
]


@pytest.mark.parametrize(("code", "file", "line", "change"), CASES, ids=[c[0] for c in CASES])
def test_each_code_fires_with_file_and_line(mini: Path, capsys: pytest.CaptureFixture[str],
                                            code: str, file: str, line: int, change: tuple[str, str, str]) -> None:
    rel, old, new = change
    if old == "":
        path = mini / rel
        path.write_text(new + (path.read_text() if path.exists() else ""))
    else:
        edit(mini, rel, old, new)
    status, found = findings(mini, capsys)
    hits = [f for f in found if f["code"] == code]
    assert hits, f"{code} did not fire; got {[(f['code'], f['message']) for f in found]}"
    assert any(f["file"].endswith(file) and f["line"] == line for f in hits), hits
    errors = [f for f in found if f["severity"] == "error"]
    assert status == (1 if errors else 0)
    if CODES[code].severity.name == "ERROR":
        assert status == 1
    assert all(f["hint"] for f in hits if f["severity"] != "info")


def test_quote_not_found(mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "mini.txt"
    source.write_text("Bridges belong where rivers are nar row, the author says.\n"
                      "Some argue that traffic may not pass where the river is narrow.\n")
    edit(mini, f"{R}/claims/opening.yaml", "    paragraph: 1\n", "    paragraph: 1\n    quotes:\n      - text: rivers are narrow, the author\n")
    assert findings(mini, capsys, "--source", str(source))[0] == 0
    edit(mini, f"{R}/claims/opening.yaml", "rivers are narrow, the author", "rivers are wide, the author")
    status, found = findings(mini, capsys, "--source", str(source))
    assert status == 1 and [f["line"] for f in found if f["code"] == "C105"] == [8]


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github"])
def test_formats_name_file_and_line(mini: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    edit(mini, f"{R}/claims/opening.yaml", "supports: [bridge-thesis]", "supports: [bridge-thesys]")
    assert main(["--root", str(mini), "check", "--format", fmt]) == 1
    out = capsys.readouterr().out
    expected = {"text": "opening.yaml:8: C101", "json": '"line": 8', "junit": "C101 ", "github": "line=8,title=C101"}[fmt]
    assert expected in out and "opening.yaml" in out


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github"])
def test_dropped_hedge_names_the_hedge_and_the_sentence(mini: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    assert main(["--root", str(mini), "check", "--format", fmt, "--fail-on", "warning"]) == 0
    capsys.readouterr()
    edit(mini, f"{R}/claims/answers.yaml", "text: Traffic may not pass", "text: Traffic cannot pass")
    assert main(["--root", str(mini), "check", "--format", fmt, "--fail-on", "warning"]) == 1
    out = capsys.readouterr().out
    where = {"text": "answers.yaml:3: C109", "json": '"line": 3', "junit": "C109 ", "github": "line=3,title=C109"}[fmt]
    assert where in out and "answers.yaml" in out
    assert "some argue" in out
    assert "Some argue that traffic may not pass where the river is narrow." in out


def test_a_hedge_in_other_words_keeps_c109_quiet(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(mini, f"{R}/claims/answers.yaml", "text: Traffic may not pass", "text: Some say traffic cannot pass")
    assert findings(mini, capsys)[1] == []
    edit(mini, f"{R}/claims/answers.yaml", "text: Some say traffic cannot pass", "text: Traffic cannot pass")
    [hit] = findings(mini, capsys)[1]
    assert hit["code"] == "C109" and "'some argue'" in hit["message"]


def test_fail_on_warning(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (mini / "bib/mini.bib").write_text("@book{unused2000,\n  author = {Nobody, A.},\n  title = {Never Cited},\n"
                                       "  publisher = {P},\n  date = {2000},\n}\n\n" + (mini / "bib/mini.bib").read_text())
    assert main(["--root", str(mini), "check"]) == 0
    assert main(["--root", str(mini), "check", "--fail-on", "warning"]) == 1


def test_readme_lists_every_code() -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in CODES if f"| {c} |" not in readme]
    assert missing == []


def test_duplicate_key_across_files_is_b203(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (mini / "bib/extra.bib").write_text("@book{lee2010narrow,\n  author = {Lee, Bo},\n  title = {Other},\n"
                                        "  publisher = {P},\n  date = {2011},\n}\n")
    edit(mini, f"{R}/reading.yaml", "bibliography: [mini.bib]", "bibliography: [mini.bib, extra.bib]")
    status, found = findings(mini, capsys)
    assert status == 1
    [hit] = [f for f in found if f["code"] == "B203"]
    assert hit["file"].endswith("bib/extra.bib") and hit["line"] == 1 and "mini.bib:9" in hit["message"]


def test_duplicate_key_in_one_file_is_unreadable_input(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = mini / "bib/mini.bib"
    path.write_text(path.read_text() + "\n@book{lee2010narrow,\n  title = {Again},\n}\n")
    assert main(["--root", str(mini), "check"]) == 2
    err = capsys.readouterr().err
    assert "mini.bib:19" in err and "already used at line 9" in err and "Traceback" not in err


# C113: one text of each kind of the teaching layer, its hedge dropped (file, the hedged text, the text without it).
TEACHING_HEDGE_CASES = [
    ("teaching.yaml", "answer: Some argue that traffic may not pass", "answer: Traffic will not pass"),
    ("teaching.yaml", "question: What do some argue about traffic where", "question: Why will traffic not pass where"),
    ("teaching.yaml", "- If traffic may not pass where the river is narrow, what",
     "- Since traffic will not pass where the river is narrow, what"),
    ("teaching.yaml", "- Students can explain why some argue that traffic may not pass",
     "- Students can explain why traffic will not pass"),
    ("teaching.yaml", "activity: Pairs list why, as some argue, traffic may not pass",
     "activity: Pairs list why traffic will not pass"),
    ("lessons.yaml", "step: \"Ask why some argue that traffic may not pass", "step: \"Ask why traffic will not pass"),
    ("lessons.yaml", "listen_for: \"Students who note that, as some argue, traffic may not pass",
     "listen_for: \"Students who note that traffic will not pass"),
    ("lessons.yaml", "task: \"Argues, as some do, that traffic may not pass", "task: \"Argues that traffic will not pass"),
    ("lessons.yaml", "step: \"The skeptic says why traffic may not pass", "step: \"The skeptic says why traffic will not pass"),
    ("maps.yaml", "title: May traffic pass where the river is narrow?", "title: Why traffic will not pass where the river is narrow"),
    ("maps.yaml", "description: Some argue that traffic may not pass", "description: Traffic will not pass"),
    ("glossary.yaml", "definition: What, some argue, may not pass where", "definition: What will not pass where"),
    ("actors.yaml", "description: Those whose traffic, some argue, may not pass",
     "description: Those whose traffic will not pass"),
    ("timeline.yaml", "appears; some argue that traffic may not pass", "appears; traffic will not pass"),
    ("figures.yaml", "description: Where, some argue, traffic may not pass", "description: Where traffic will not pass"),
]


@pytest.mark.parametrize(("name", "old", "new"), TEACHING_HEDGE_CASES,
                         ids=[f"{c[0]}:{c[2].split(':')[0].strip('- ')}" for c in TEACHING_HEDGE_CASES])
def test_teaching_hedge_fires_on_each_kind_of_text(mini: Path, capsys: pytest.CaptureFixture[str],
                                                    name: str, old: str, new: str) -> None:
    rel = f"{R}/{name}"
    edit(mini, rel, old, new)
    line = next(i for i, text in enumerate((mini / rel).read_text().splitlines(), 1) if new.strip('- ') in text)
    status, found = findings(mini, capsys)
    assert status == 0  # a warning: the check fails on it only with --fail-on warning
    [hit] = [f for f in found if f["code"] == "C113"]
    assert hit["file"].endswith(rel) and hit["line"] == line, hit
    assert "'traffic-objection'" in hit["message"] and "'some argue'" in hit["message"]
    assert "Some argue that traffic may not pass where the river is narrow." in hit["message"]
    assert [f["code"] for f in found] == ["C113"]


@pytest.mark.parametrize(("rel", "old", "new"), [
    # the same text restating the claim it names that does not hedge
    (f"{R}/teaching.yaml", "answer: Some argue that traffic may not pass where the river is narrow.",
     "answer: Roads can be laid to meet the bridge where the river is narrow, some argue."),
    (f"{R}/teaching.yaml", "claims: [traffic-objection]\n    objectives:", "claims: [roads-rebuttal]\n    objectives:"),
    # a title without a verb asserts nothing
    (f"{R}/maps.yaml", "title: May traffic pass where the river is narrow?", "title: Traffic at a narrow river"),
    # a question that asks how the paper puts it asserts nothing: the hedge is the answer's to keep
    (f"{R}/teaching.yaml", "question: What do some argue about traffic where",
     "question: How does the reading describe the traffic that will not pass where"),
    # an equivalent of the hedge in plain English
    (f"{R}/glossary.yaml", "definition: What, some argue, may not pass where", "definition: What, some say, will not pass where"),
])
def test_teaching_hedge_stays_quiet(mini: Path, capsys: pytest.CaptureFixture[str], rel: str, old: str, new: str) -> None:
    edit(mini, rel, old, new)
    assert findings(mini, capsys)[1] == []


def test_teaching_hedge_reads_the_claims_own_hedge_without_the_source(mini: Path, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    edit(mini, f"{R}/glossary.yaml", "definition: What, some argue, may not pass where", "definition: What will not pass where")
    (mini / "source/mini-reading.txt").unlink()
    [hit] = findings(mini, capsys)[1]
    assert hit["code"] == "C113" and "'may'" in hit["message"] and "Traffic may not pass where the river is narrow." in hit["message"]


def test_teaching_hedge_holds_a_text_only_to_what_the_hedge_governs() -> None:
    from build_tools.checks.teaching_hedges import ClaimWords, _dropped, _scope, content_words

    paper = "By and large, the pivot has proven far more difficult in practice, in part because of events in Europe and the Middle East."
    end = paper.index("in part") + len("in part")
    claim = ClaimWords(content_words(paper), (("in part", f"the paper: {paper!r}", content_words(_scope(paper[end:]))),))

    def dropped(text: str) -> tuple[str, str] | None:
        return _dropped(text, content_words(text), claim)

    assert dropped("The pivot has proven far more difficult in practice.") is None  # the reason is left out
    assert dropped("The pivot has proven difficult because of events in Europe and the Middle East.")[0] == "in part"
