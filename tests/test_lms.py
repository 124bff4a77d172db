"""The LMS export, read back by code that is not ours: pyslet's IMS CC profile tests and QTI parser,
ElementTree for the manifest and the Moodle XML, and the YAML of teaching.yaml read afresh."""

from __future__ import annotations

import html
import io
import posixpath
import re
import unittest
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from build_tools.cli import main
from build_tools.handouts import list_handouts
from build_tools.pipeline import Project, load

READING = "us-japan-alliance-2020s"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
DT = "{http://www.imsglobal.org/xsd/imsccv1p1/imsdt_v1p1}"
WL = "{http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1}"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


def fake_handouts(root: Path) -> list:
    """Stand-ins at the paths the handout stage records (rendering real PDFs is the handout tests' work)."""
    project = Project(root)
    records = list_handouts(load(project), project.handouts)
    for h in records:
        h.path.parent.mkdir(parents=True, exist_ok=True)
        h.path.write_bytes(b"%PDF-1.7\n% stand-in for " + h.path.name.encode() + b"\n%%EOF\n")
    return records


def lms(root: Path, *extra: str) -> tuple[zipfile.ZipFile, bytes]:
    assert main(["--root", str(root), "lms", *extra]) == 0
    folder = root / "site" / "export" / READING
    cc = (folder / f"{READING}.imscc").read_bytes()
    return zipfile.ZipFile(io.BytesIO(cc)), (folder / f"{READING}.moodle.xml").read_bytes()


def teaching(root: Path) -> dict[str, dict]:
    data = yaml.safe_load((root / "content" / READING / "teaching.yaml").read_text(encoding="utf-8"))
    return {s["section"]: s for s in data["sections"]}


def claim_words(root: Path) -> dict[str, str]:
    """Each claim's words as feedback names it (its label, or else its paraphrase), read afresh from the YAML."""
    words = {}
    for path in sorted((root / "content" / READING / "claims").glob("*.yaml")):
        for claim in yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]:
            words[claim["id"]] = " ".join((claim.get("label") or claim["text"]).split())
    return words


def assert_names_claims_by_words(feedback: str, claims: list[str], words: dict[str, str]) -> None:
    """A student's feedback names each claim by its words and never by an id."""
    for claim in claims:
        assert words[claim] in feedback, (claim, feedback)
        assert "-" not in claim or claim not in feedback, (claim, feedback)
    assert "Claims tested" not in feedback


def practice(root: Path) -> dict:
    """The exercises of each section, generated afresh from the copy's content."""
    from build_tools.exercises import exercises_for

    [linked] = [r for r in load(Project(root)) if r.id == READING]
    return exercises_for(linked)


def qti_parts(exercise) -> list[tuple[list[str], list[str]]]:
    """What the cartridge makes of an exercise: (the choices shown, the right ones) of each QTI item,
    from the exercise's own data: one item, one per position of an order, one per blank of a map."""
    if exercise.mode == "order":
        shown = [o.text for o in exercise.options]
        return [(shown, [o.text]) for o in exercise.correct]
    if exercise.mode == "map":
        return [([o.text for o in b.options], [b.answer.text]) for b in exercise.blanks]
    return [([o.text for o in exercise.options], [o.text for o in exercise.correct])]


def moodle_blocks(moodle: bytes) -> list[tuple[ET.Element, list[ET.Element]]]:
    """Each category of the Moodle XML with the questions that follow it."""
    blocks: list[tuple[ET.Element, list[ET.Element]]] = []
    for q in ET.fromstring(moodle).findall("question"):
        if q.get("type") == "category":
            blocks.append((q, []))
        else:
            blocks[-1][1].append(q)
    return blocks


def qti_score(item: ET.Element, picked: set[str]) -> float:
    """SCORE after QTI 1.2 response processing of ``picked`` (the response labels chosen): the
    conditions varequal, and, or, not, other, taken in order until one that does not continue."""
    def holds(el: ET.Element) -> bool:
        tag = el.tag.removeprefix(QTI)
        if tag == "varequal":
            return el.text in picked
        if tag == "other":
            return True
        if tag == "not":
            return not all(holds(c) for c in el)
        if tag == "or":
            return any(holds(c) for c in el)
        return all(holds(c) for c in el)  # and, conditionvar

    score = 0.0
    for cond in item.iter(f"{QTI}respcondition"):
        if holds(cond.find(f"{QTI}conditionvar")):
            for var in cond.findall(f"{QTI}setvar"):
                score = float(var.text) if var.get("action", "Set") == "Set" else score + float(var.text)
            if cond.get("continue", "No") == "No":
                break
    return score


def sections(root: Path) -> list[dict]:
    return yaml.safe_load((root / "content" / READING / "sections.yaml").read_text(encoding="utf-8"))["sections"]


@pytest.fixture
def offline(project: Path) -> tuple[Path, zipfile.ZipFile, bytes, list]:
    records = fake_handouts(project)
    cc, moodle = lms(project)
    return project, cc, moodle, records


def manifest(cc: zipfile.ZipFile) -> ET.Element:
    return ET.fromstring(cc.read("imsmanifest.xml"))


def resources(cc: zipfile.ZipFile) -> dict[str, ET.Element]:
    return {r.get("identifier"): r for r in manifest(cc).iter(f"{CP}resource")}


def of_type(cc: zipfile.ZipFile, kind: str) -> list[ET.Element]:
    return [r for r in resources(cc).values() if r.get("type") == kind]


def assessments(cc: zipfile.ZipFile, root: Path, prefix: str) -> list[tuple[str, ET.Element]]:
    """The cartridge's quizzes titled ``prefix`` + a section's title: (the section's id, the QTI document)."""
    found = []
    for quiz in of_type(cc, "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"):
        doc = ET.fromstring(cc.read(quiz.find(f"{CP}file").get("href")))
        title = doc.find(f"{QTI}assessment").get("title")
        if title.startswith(prefix):
            [section] = [s["id"] for s in sections(root) if s["title"] == title.removeprefix(prefix)]
            found.append((section, doc))
    return found


def test_pyslet_cc_profile_tests_pass(offline, tmp_path: Path) -> None:
    from pyslet import imscc_profilev1p0, imscc_profilev1p1

    root = offline[0]
    cartridge = imscc_profilev1p1.CommonCartridge(str(root / "site" / "export" / READING / f"{READING}.imscc"))
    try:
        assert isinstance(cartridge.cp.manifest.root, imscc_profilev1p1.Manifest)  # read as CC 1.1, not as plain IMS CP
        assert len(cartridge.laoTable) == len(of_type(offline[1], "imsdt_xmlv1p1")) + len(
            of_type(offline[1], "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"))
        result = unittest.TextTestRunner(stream=io.StringIO()).run(imscc_profilev1p0.CCTestSuite(cartridge))
    finally:
        cartridge.close()
    assert result.testsRun == 8
    assert (result.failures, result.errors) == ([], [])


def test_pyslet_parses_every_qti_file(offline, tmp_path: Path) -> None:
    from pyslet.qtiv1.item import Item
    from pyslet.qtiv1.xml import QTIDocument, QuesTestInterop

    root, cc, _, _ = offline
    teach, exercises = teaching(root), practice(root)
    cc.extractall(tmp_path)
    quizzes = of_type(cc, "imsqti_xmlv1p2/imscc_xmlv1p1/assessment")
    assert len(quizzes) == sum(1 for t in teach.values() if t.get("self_check")) + sum(1 for e in exercises.values() if e)
    seen = practised = 0
    for quiz in quizzes:
        [href] = [f.get("href") for f in quiz.iter(f"{CP}file")]
        doc = QTIDocument(base_uri=str(tmp_path / href))
        doc.read()
        assert isinstance(doc.root, QuesTestInterop)
        # Assessment.get_children() in pyslet 0.7 names a missing attribute (QTIAssessProcExtension),
        # so walk its typed fields instead of the generic tree.
        items = [i for s in doc.root.Assessment.SectionMixin for i in s.SectionItemMixin if isinstance(i, Item)]
        for item in items:
            assert [type(c).__name__ for c in item.get_children()][-1] == "ItemFeedback"
        title = doc.root.Assessment.title
        if title.startswith("Practice: "):
            [section] = [s["id"] for s in sections(root) if f"Practice: {s['title']}" == title]
            assert len(items) == sum(len(qti_parts(e)) for e in exercises[section])
            for item in items:
                kinds = [type(c).__name__ for c in item.Presentation.get_children()]
                assert "ResponseLId" in kinds or "ResponseLid" in kinds, kinds
            practised += len(items)
            continue
        [section] = [s["id"] for s in sections(root) if f"Self-check: {s['title']}" == title]
        expected = teach[section]["self_check"]
        assert len(items) == len(expected)
        for item, source in zip(items, expected):
            kinds = [type(c).__name__ for c in item.Presentation.get_children()]
            assert ("ResponseLId" in kinds or "ResponseLid" in kinds) if source.get("choices") else "ResponseStr" in kinds, kinds
        seen += len(items)
    assert seen == sum(len(t.get("self_check", [])) for t in teach.values())
    assert practised == sum(len(qti_parts(e)) for found in exercises.values() for e in found) > 0


def test_qti_scores_the_choice_marked_correct_and_feedback_gives_the_answer(offline) -> None:
    root, cc, _, _ = offline
    teach, words = teaching(root), claim_words(root)
    quizzes = assessments(cc, root, "Self-check: ")
    assert len(quizzes) == sum(1 for t in teach.values() if t.get("self_check"))
    for section, doc in quizzes:
        for item, source in zip(doc.iter(f"{QTI}item"), teach[section]["self_check"], strict=True):
            assert item.findtext(f"{QTI}presentation/{QTI}material/{QTI}mattext") == source["question"]
            feedback = item.findtext(f"{QTI}itemfeedback/{QTI}flow_mat/{QTI}material/{QTI}mattext")
            assert source["answer"] in feedback
            assert_names_claims_by_words(feedback, source["claims"], words)
            labels = {lab.get("ident"): lab.findtext(f"{QTI}material/{QTI}mattext") for lab in item.iter(f"{QTI}response_label")}
            scored = [v.text for v in item.iter(f"{QTI}varequal")]
            if source.get("choices"):
                assert list(labels.values()) == [c["text"] for c in source["choices"]]
                [right] = [c["text"] for c in source["choices"] if c.get("correct")]
                assert [labels[v] for v in scored] == [right]
            else:
                assert labels == {} and scored == []


def test_every_file_the_manifest_names_exists_and_nothing_else_is_packed(offline) -> None:
    cc = offline[1]
    names = set(cc.namelist())
    named = {f.get("href") for f in manifest(cc).iter(f"{CP}file")}
    assert named and named <= names
    assert names - named == {"imsmanifest.xml"}
    assert cc.namelist()[0] == "imsmanifest.xml"
    assert all(not n.startswith("/") and ".." not in n.split("/") for n in names)
    refs = {i.get("identifierref") for i in manifest(cc).iter(f"{CP}item") if i.get("identifierref")}
    assert refs == set(resources(cc))


def test_modules_follow_the_paper_with_topics_quizzes_and_items(offline) -> None:
    root, cc, _, _ = offline
    teach, secs, exercises = teaching(root), sections(root), practice(root)
    tops = [s for s in secs if not s.get("parent")]
    org = manifest(cc).find(f"{CP}organizations/{CP}organization/{CP}item")
    modules = org.findall(f"{CP}item")
    assert [m.findtext(f"{CP}title") for m in modules][1:] == [s["title"] for s in tops]
    res = resources(cc)
    for module, top in zip(modules[1:], tops):
        family = [top["id"], *(s["id"] for s in secs if s.get("parent") == top["id"])]
        kinds = [res[i.get("identifierref")].get("type") for i in module.findall(f"{CP}item")]
        assert kinds.count("imsdt_xmlv1p1") == sum(bool(teach.get(s, {}).get("discussion")) for s in family)
        assert kinds.count("imsqti_xmlv1p2/imscc_xmlv1p1/assessment") == sum(
            bool(teach.get(s, {}).get("self_check")) + bool(exercises.get(s)) for s in family)
    topics = of_type(cc, "imsdt_xmlv1p1")
    assert len(topics) == sum(1 for t in teach.values() if t.get("discussion")) == len(secs)
    for topic in topics:
        doc = ET.fromstring(cc.read(topic.find(f"{CP}file").get("href")))
        title = doc.findtext(f"{DT}title").removeprefix("Discussion: ")
        [section] = [s["id"] for s in secs if s["title"] == title]
        questions = re.findall(r"<li>(.*?)</li>", doc.findtext(f"{DT}text"), re.S)
        assert len(questions) == len(teach[section]["discussion"]) > 0


def test_handouts_are_packed_student_editions_in_their_module(offline) -> None:
    root, cc, _, records = offline
    packed = {n for n in cc.namelist() if n.endswith(".pdf")}
    handouts = root / "build" / "handouts"
    students = [h for h in records if h.reading == READING and h.edition == "student"]
    assert packed == {"files/" + h.path.relative_to(handouts).as_posix() for h in students}
    for h in students:
        assert cc.read("files/" + h.path.relative_to(handouts).as_posix()) == h.path.read_bytes()
    org = manifest(cc).find(f"{CP}organizations/{CP}organization/{CP}item")
    res = resources(cc)
    first = [res[i.get("identifierref")].get("href") for i in org.findall(f"{CP}item")[0].findall(f"{CP}item")]
    assert {h.path.name for h in students if h.section is None} == {posixpath.basename(f) for f in first if f.endswith(".pdf")}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


def test_offline_pages_link_to_each_other(offline) -> None:
    root, cc, _, _ = offline
    pages = [n for n in cc.namelist() if n.endswith(".html")]
    reference = {f"pages/{name}.html" for name in ("notes", "sources", "glossary", "actors", "timeline", "figures")}
    assert set(pages) == {"pages/index.html", *reference, *(f"pages/{s['id']}.html" for s in sections(root))}
    assert not of_type(cc, "imswl_xmlv1p1")
    reached = set()
    for page in pages:
        parser = _Links()
        parser.feed(cc.read(page).decode("utf-8"))
        for href in parser.hrefs:
            if href.startswith(("https://", "http://")):
                continue  # a note's or a source's own address: a citation, followed only by a reader's click
            assert "://" not in href, (page, href)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.partition("#")[0])) if not href.startswith("#") else page
            assert target in cc.namelist(), (page, href)
            reached.add(target)
    assert set(pages) <= reached


def test_with_a_site_address_pages_are_web_links(project: Path) -> None:
    cc, _ = lms(project, "--site-url", "https://example.org/course/")
    links = of_type(cc, "imswl_xmlv1p1")
    assert len(links) == len(sections(project))
    urls = {ET.fromstring(cc.read(r.find(f"{CP}file").get("href"))).find(f"{WL}url").get("href") for r in links}
    assert f"https://example.org/course/{READING}/us-constraints/" in urls
    assert [n for n in cc.namelist() if n.endswith(".html")] == ["pages/index.html"]
    parser = _Links()
    parser.feed(cc.read("pages/index.html").decode("utf-8"))
    assert urls <= set(parser.hrefs)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "site_url: https://example.net/\n")
    cc, _ = lms(project)
    assert len(of_type(cc, "imswl_xmlv1p1")) == len(sections(project))


def test_a_bad_site_address_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "lms", "--site-url", "example.org"]) == 2
    err = capsys.readouterr().err
    assert "--site-url 'example.org' is not an http(s) address" in err and "Traceback" not in err
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "site_url: example.org\n")
    assert main(["--root", str(project), "lms"]) == 2
    err = capsys.readouterr().err
    assert "mkdocs.yml" in err and "site_url 'example.org' is not an http(s) address" in err and "Traceback" not in err


def test_moodle_xml_holds_every_question_a_category_a_section(offline) -> None:
    root, _, moodle, _ = offline
    teach, words = teaching(root), claim_words(root)
    blocks = [(c, qs) for c, qs in moodle_blocks(moodle) if not c.findtext("category/text").endswith("/Practice")]
    categories = [c for c, _ in blocks]
    items = [q for _, qs in blocks for q in qs]
    assert len(categories) == sum(1 for t in teach.values() if t.get("self_check"))
    assert len({c.findtext("category/text") for c in categories}) == len(categories)
    everything = [i for t in teach.values() for i in t.get("self_check", [])]
    assert len(items) == len(everything)
    assert sorted(q.findtext("questiontext/text") for q in items) == sorted(i["question"] for i in everything)
    for q, source in zip(items, everything):
        assert q.findtext("questiontext/text") == source["question"]
        assert {t.text for t in q.iter("text") if t.text and t.text.startswith("claim-")} == {f"claim-{c}" for c in source["claims"]}
        # The model answer reaches the student after submission (general feedback), with the claims by their words.
        assert source["answer"] in q.findtext("generalfeedback/text")
        assert_names_claims_by_words(q.findtext("generalfeedback/text"), source["claims"], words)
        if source.get("choices"):
            assert q.get("type") == "multichoice"
            assert [a.get("fraction") for a in q.findall("answer")] == ["100" if c.get("correct") else "0" for c in source["choices"]]
        else:
            assert q.get("type") == "essay" and source["answer"] in q.findtext("graderinfo/text")


def test_practice_quizzes_score_the_right_answers_and_name_no_ids(offline) -> None:
    root, cc, _, _ = offline
    exercises = practice(root)
    profiles = {False: "cc.multiple_choice.v0p1", True: "cc.multiple_response.v0p1"}
    checked = 0
    for section, doc in assessments(cc, root, "Practice: "):
        expected = [(e, part) for e in exercises[section] for part in qti_parts(e)]
        for item, (exercise, (shown, right)) in zip(doc.iter(f"{QTI}item"), expected, strict=True):
            labels = {lab.findtext(f"{QTI}material/{QTI}mattext"): lab.get("ident") for lab in item.iter(f"{QTI}response_label")}
            assert list(labels) == shown
            multiple = exercise.mode == "multiple"
            assert item.findtext(f".//{QTI}fieldentry") == profiles[multiple]
            assert item.find(f".//{QTI}response_lid").get("rcardinality") == ("Multiple" if multiple else "Single")
            rights = {labels[t] for t in right}
            assert qti_score(item, rights) == 100
            for text, label in labels.items():
                if text not in right:
                    assert qti_score(item, {label}) == 0
                    assert not multiple or qti_score(item, rights | {label}) == 0
            if multiple:
                for label in rights:
                    assert qti_score(item, rights - {label}) == 0
            question = html.unescape(item.findtext(f"{QTI}presentation/{QTI}material/{QTI}mattext"))
            assert "Which of them does the paper make" in question if exercise.mode == "order" else exercise.prompt in question
            assert all(c.text in question for c in exercise.subject)
            feedback = item.findtext(f"{QTI}itemfeedback/{QTI}flow_mat/{QTI}material/{QTI}mattext")
            assert all(t in feedback for t in right) and "Reread " in feedback
            assert not any(c in feedback for c in exercise.tests if "-" in c)
            checked += 1
    assert checked == sum(len(qti_parts(e)) for found in exercises.values() for e in found)


def test_moodle_xml_holds_every_exercise_with_its_type_and_right_answers(offline) -> None:
    from build_tools.exercises.graph import Graph

    root, _, moodle, _ = offline
    exercises, secs = practice(root), sections(root)
    [linked] = [r for r in load(Project(root)) if r.id == READING]
    graph = Graph(linked)
    blocks = [(c, qs) for c, qs in moodle_blocks(moodle) if c.findtext("category/text").endswith("/Practice")]
    assert len(blocks) == sum(1 for found in exercises.values() if found)
    types: set[str] = set()
    for category, questions in blocks:
        # $course$/top/<reading>/<module>[/<subsection>]/Practice, a "/" in a title written "//"
        title = re.split(r"(?<!/)/(?!/)", category.findtext("category/text"))[-2].replace("//", "/")
        [section] = [s["id"] for s in secs if s["title"] == title]
        pending = list(exercises[section])
        for q in questions:
            types.add(q.get("type"))
            tags = {t.findtext("text") for t in q.iter("tag")}
            if q.get("type") == "matching":
                pairs = [(sq.findtext("text"), sq.findtext("answer/text")) for sq in q.findall("subquestion")]
                matched = [e for e in pending if e.subject and (e.subject[0].text, e.correct[0].text) in pairs]
                assert len(matched) >= 2 and all(e.type in ("supports", "reply") for e in matched)
                real = [(a, b) for a, b in pairs if a]
                assert real == [(e.subject[0].text, e.correct[0].text) for e in matched]
                by_text = {c.text: c.id for c in linked.reading.claims}
                offered = {by_text[b] for _, b in pairs}
                for e in matched:  # no other answer on the list stands in the relation to this subject
                    subject, others = e.subject[0].id, offered - {e.correct[0].key}
                    if e.type == "supports":
                        assert not others & graph.downstream(subject), e.id
                    else:
                        replies = graph.sources("rebuts", subject)
                        assert not others & {*replies, *(c for r in replies for c in graph.upstream(r, ("supports",)))}, e.id
                    assert {f"claim-{c}" for c in e.tests} <= tags
                pending = [e for e in pending if e not in matched]
                continue
            exercise = pending[0]
            assert {f"claim-{c}" for c in exercise.tests} <= tags
            if q.get("type") == "ordering":
                assert exercise.mode == "order"
                assert [a.findtext("text") for a in q.findall("answer")] == [o.text for o in exercise.correct]
                assert q.findtext("selecttype") == "ALL" and q.findtext("selectcount") == str(len(exercise.order))
                pending.pop(0)
                continue
            assert q.get("type") == "multichoice"
            [(shown, right), *_] = qti_parts(exercise)
            answers = [(a.findtext("text"), float(a.get("fraction"))) for a in q.findall("answer")]
            if exercise.mode == "map":
                blank = next(b for b in exercise.blanks if f"(box {b.key})" in q.findtext("name/text"))
                shown, right = [o.text for o in blank.options], [blank.answer.text]
                if blank is exercise.blanks[-1]:
                    pending.pop(0)
            else:
                pending.pop(0)
            assert [t for t, _ in answers] == shown
            assert q.findtext("single") == ("false" if exercise.mode == "multiple" else "true")
            assert abs(sum(f for t, f in answers if t in right) - 100) < 0.01
            assert all(f <= 0 for t, f in answers if t not in right)
            if exercise.mode == "multiple":
                assert abs(sum(f for t, f in answers if t not in right) + 100) < 0.01
            # Moodle refuses a grade that is not (within 0.00001 as a fraction) one of its own: ±100/n.
            grades = {0.0, *(sign * 100 / n for n in (*range(1, 11), 20) for sign in (1, -1))}
            assert all(any(abs(f - g) < 0.001 for g in grades) for _, f in answers), answers
            assert all(t in q.findtext("generalfeedback/text") for t in right)
        assert pending == [], [e.id for e in pending]
    assert types == {"multichoice", "matching", "ordering"}


def test_packages_are_byte_identical_and_stable(project: Path, tmp_path: Path) -> None:
    import shutil

    fake_handouts(project)
    first, moodle = lms(project)
    again, moodle_again = lms(project)
    assert moodle == moodle_again
    folder = project / "site" / "export" / READING
    before = (folder / f"{READING}.imscc").read_bytes()
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(project, elsewhere, symlinks=True)
    (elsewhere / "site").exists() and shutil.rmtree(elsewhere / "site")
    lms(elsewhere)
    assert (elsewhere / "site" / "export" / READING / f"{READING}.imscc").read_bytes() == before
    assert {i.date_time for i in first.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert [i.filename for i in first.infolist()] == [i.filename for i in again.infolist()]


def test_generate_puts_both_files_beside_the_exports_and_downloads_links_them(project: Path) -> None:
    assert main(["--root", str(project), "generate"]) == 0
    docs = project / "build" / "docs"
    assert (docs / "export" / READING / f"{READING}.imscc").is_file()
    assert (docs / "export" / READING / f"{READING}.moodle.xml").is_file()
    downloads = (docs / READING / "downloads.md").read_text(encoding="utf-8")
    assert f"(../export/{READING}/{READING}.imscc)" in downloads
    assert f"(../export/{READING}/{READING}.moodle.xml)" in downloads


def test_the_published_builds_address_from_the_environment_makes_web_links(project: Path, monkeypatch) -> None:
    # mkdocs.yml reads its address as MkDocs does: site_url: !ENV [SITE_URL, null].
    assert "!ENV" in (project / "mkdocs.yml").read_text()
    monkeypatch.setenv("SITE_URL", "https://example.edu/alliance/")
    cc, _ = lms(project)
    urls = {ET.fromstring(cc.read(r.find(f"{CP}file").get("href"))).find(f"{WL}url").get("href")
            for r in of_type(cc, "imswl_xmlv1p1")}
    assert len(urls) == len(sections(project)) and all(u.startswith("https://example.edu/alliance/") for u in urls)
    monkeypatch.setenv("SITE_URL", "")  # the workflow where Pages is not configured
    cc, _ = lms(project)
    assert not of_type(cc, "imswl_xmlv1p1")
    monkeypatch.delenv("SITE_URL")
    cc, _ = lms(project)
    assert not of_type(cc, "imswl_xmlv1p1")
