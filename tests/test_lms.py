"""The LMS export, read back by code that is not ours: pyslet's IMS CC profile tests and QTI parser,
ElementTree for the manifest and the Moodle XML, and the YAML of teaching.yaml read afresh."""

from __future__ import annotations

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
    teach = teaching(root)
    cc.extractall(tmp_path)
    quizzes = of_type(cc, "imsqti_xmlv1p2/imscc_xmlv1p1/assessment")
    assert len(quizzes) == sum(1 for t in teach.values() if t.get("self_check"))
    seen = 0
    for quiz in quizzes:
        [href] = [f.get("href") for f in quiz.iter(f"{CP}file")]
        doc = QTIDocument(base_uri=str(tmp_path / href))
        doc.read()
        assert isinstance(doc.root, QuesTestInterop)
        # Assessment.get_children() in pyslet 0.7 names a missing attribute (QTIAssessProcExtension),
        # so walk its typed fields instead of the generic tree.
        items = [i for s in doc.root.Assessment.SectionMixin for i in s.SectionItemMixin if isinstance(i, Item)]
        [section] = [s["id"] for s in sections(root) if f"Self-check: {s['title']}" == doc.root.Assessment.title]
        expected = teach[section]["self_check"]
        assert len(items) == len(expected)
        for item, source in zip(items, expected):
            kinds = [type(c).__name__ for c in item.Presentation.get_children()]
            assert ("ResponseLId" in kinds or "ResponseLid" in kinds) if source.get("choices") else "ResponseStr" in kinds, kinds
            assert [type(c).__name__ for c in item.get_children()][-1] == "ItemFeedback"
        seen += len(items)
    assert seen == sum(len(t.get("self_check", [])) for t in teach.values())


def test_qti_scores_the_choice_marked_correct_and_feedback_gives_the_answer(offline) -> None:
    root, cc, _, _ = offline
    teach, secs, words = teaching(root), sections(root), claim_words(root)
    for quiz in of_type(cc, "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"):
        doc = ET.fromstring(cc.read(quiz.find(f"{CP}file").get("href")))
        title = doc.find(f"{QTI}assessment").get("title")
        if not title.startswith("Self-check: "):
            continue
        [section] = [s["id"] for s in secs if s["title"] == title.removeprefix("Self-check: ")]
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
    teach, secs = teaching(root), sections(root)
    tops = [s for s in secs if not s.get("parent")]
    org = manifest(cc).find(f"{CP}organizations/{CP}organization/{CP}item")
    modules = org.findall(f"{CP}item")
    assert [m.findtext(f"{CP}title") for m in modules][1:] == [s["title"] for s in tops]
    res = resources(cc)
    for module, top in zip(modules[1:], tops):
        family = [top["id"], *(s["id"] for s in secs if s.get("parent") == top["id"])]
        kinds = [res[i.get("identifierref")].get("type") for i in module.findall(f"{CP}item")]
        assert kinds.count("imsdt_xmlv1p1") == sum(bool(teach.get(s, {}).get("discussion")) for s in family)
        assert kinds.count("imsqti_xmlv1p2/imscc_xmlv1p1/assessment") == sum(bool(teach.get(s, {}).get("self_check")) for s in family)
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
    assert len(pages) == len(sections(root)) + 1
    assert not of_type(cc, "imswl_xmlv1p1")
    reached = set()
    for page in pages:
        parser = _Links()
        parser.feed(cc.read(page).decode("utf-8"))
        for href in parser.hrefs:
            assert "://" not in href, (page, href)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
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
    quiz = ET.fromstring(moodle)
    questions = quiz.findall("question")
    categories = [q for q in questions if q.get("type") == "category"]
    items = [q for q in questions if q.get("type") != "category"]
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
