"""PDF handouts: the mini reading, with teaching, a subsection, maps and odd notes added, as PDFs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")
try:
    from build_tools import chicago  # noqa: F401
except ImportError as exc:
    pytest.skip(f"build_tools.chicago is not importable yet ({exc}); handouts format notes with it",
                allow_module_level=True)

from build_tools.handouts import Handout, markdown_to_html, write_handouts  # noqa: E402
from build_tools.pipeline import Project, load  # noqa: E402

ARTIFACTS = ROOT / "tests" / "artifacts"
HOSTILE = "Tolls <script>alert(1)</script> & <b>bold</b> lie; {{ 7*7 }}"
TEACHING = {"sections": [
    {"section": "opening", "objectives": ["Students can state why narrow crossings are cheaper."],
     "discussion": ["Is a cheaper bridge always the better bridge?"],
     "self_check": [{"question": "Where do bridges belong?", "answer": "Where rivers are narrow."}]},
    {"section": "answers", "objectives": ["Students can answer the traffic objection."],
     "self_check": [{"question": "How can traffic reach the bridge?", "answer": "Roads can be laid to meet it."}]},
]}
MAPS = {"maps": [
    {"id": "overview", "title": "The tiny argument", "description": "Thesis, objection and rebuttal.",
     "kinds": ["thesis", "objection", "rebuttal", "evidence", "example"]},
    {"id": "map-opening", "title": "Opening", "description": "The thesis and its evidence.", "sections": ["opening"]},
    {"id": "map-answers", "title": "Answers", "description": "Objection and answer.", "sections": ["answers"]},
]}


def _write_yaml(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The mini reading plus a subsection, a quote, hostile text, teaching, maps and odd notes."""
    mini = tmp_path_factory.mktemp("course")
    for name in ("content", "bib"):
        shutil.copytree(FIXTURES / "mini" / name, mini / name)
    shutil.copytree(ROOT / "templates", mini / "templates")
    folder = mini / "content" / "mini-reading"
    sections = yaml.safe_load((folder / "sections.yaml").read_text())
    sections["sections"].insert(1, {"id": "costs", "title": "Costs", "parent": "opening"})
    _write_yaml(folder / "sections.yaml", sections)
    _write_yaml(folder / "claims" / "costs.yaml", {"section": "costs", "claims": [
        {"id": "toll-example", "kind": "example", "text": HOSTILE, "paragraph": 1, "footnotes": [3, 4],
         "quotes": [{"text": "A narrow river is a cheap river.", "paragraph": 2}], "supports": ["cost-evidence"]}]})
    notes = yaml.safe_load((folder / "notes.yaml").read_text())
    notes["footnotes"] += [
        {"number": 3, "status": "partial", "text": "Smith, Spans, 20", "gap": "the rest of the line is cut off",
         "citations": [{"key": "smith2001spans", "locator": "20", "form": "short"}]},
        {"number": 4, "status": "missing", "gap": "the page with note 4 is lost"},
    ]
    _write_yaml(folder / "notes.yaml", notes)
    _write_yaml(folder / "teaching.yaml", TEACHING)
    _write_yaml(folder / "maps.yaml", MAPS)
    return Project(mini)


@pytest.fixture(scope="module")
def built(course: Project, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Handout], Path]:
    out = tmp_path_factory.mktemp("handouts")
    return _build(course, out, jobs=None), out / "mini-reading"


def _build(project: Project, out: Path, jobs: int | None = 1, log: list[str] | None = None) -> list[Handout]:
    from build_tools.maps import build_all_maps

    course = load(project)
    maps = {linked.id: build_all_maps(linked) for linked in course}
    return write_handouts(course, maps, project.templates, out, jobs=jobs,
                          progress=log.append if log is not None else None)


def _pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


def test_every_handout_is_a_tagged_pdf_with_title_language_and_no_images(built: tuple[list[Handout], Path]) -> None:
    handouts = built[0]
    names = sorted(h.path.name for h in handouts)
    # Two top-level sections (costs is a subsection of opening) and the guide, 2 editions x 2 papers.
    assert len(names) == 12
    assert "opening-student-a4.pdf" in names and "guide-instructor-letter.pdf" in names
    assert not any(n.startswith("costs-") for n in names)
    for handout in handouts:
        reader = pypdf.PdfReader(handout.path)
        assert len(reader.pages) > 0
        assert reader.metadata.title and handout.label.split(":")[0] in reader.metadata.title
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
        assert b"pdfuaid" in xmp
        assert "/Lang" in reader.trailer["/Root"]
        assert "/StructTreeRoot" in reader.trailer["/Root"]
        for page in reader.pages:
            xobjects = page["/Resources"].get("/XObject", {})
            assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())


def test_page_size_follows_the_paper(built: tuple[list[Handout], Path]) -> None:
    folder = built[1]
    a4 = pypdf.PdfReader(folder / "guide-student-a4.pdf").pages[0].mediabox
    letter = pypdf.PdfReader(folder / "guide-student-letter.pdf").pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)


def test_content_of_a_section_handout(built: tuple[list[Handout], Path]) -> None:
    folder = built[1]
    student = " ".join(_pages(folder / "opening-student-a4.pdf"))
    flat = re.sub(r"\s+", " ", student)
    for expected in ("A Tiny Reading on Bridges", "Test Author", "Learning objectives",
                     "Bridges belong where rivers are narrow.", "Thesis", "Example", "Costs",
                     "A narrow river is a cheap river.", "Costs, paragraph 2", "The map in words",
                     "Discussion questions", "Where do bridges belong?", "Note missing from the source copy",
                     "Partial in the source copy", "Works cited", "page 1 of"):
        assert expected in flat, expected
    # Claims of the subsection follow the section's own, numbered on.
    assert flat.index("Bridges belong") < flat.index("Narrow crossings") < flat.index("Tolls")
    assert "<script>alert(1)</script>" in flat and "{{ 7*7 }}" in flat  # hostile text stays text
    assert "Traffic may not pass" not in flat  # another top-level section's claim
    assert "Model answer" not in flat
    instructor = re.sub(r"\s+", " ", " ".join(_pages(folder / "opening-instructor-a4.pdf")))
    assert "Model answer: Where rivers are narrow." in instructor


def test_guide_holds_every_claim_and_the_overview_map(built: tuple[list[Handout], Path]) -> None:
    flat = re.sub(r"\s+", " ", " ".join(_pages(built[1] / "guide-student-letter.pdf")))
    for expected in ("Reader’s guide", "Bridges belong", "Traffic may not pass", "Roads can be laid",
                     "The tiny argument", "Students can state the tiny thesis."):
        assert expected in flat, expected


def test_a_note_sits_on_the_page_of_its_marker(built: tuple[list[Handout], Path]) -> None:
    pages = _pages(built[1] / "guide-student-a4.pdf")
    for number, start, claim in ((1, "Ann Smith", "Bridges belong"), (4, "Note missing", "Tolls")):
        page = next(text for text in pages if start in text)
        assert claim in page, f"note {number} is not on the page of its claim"
        assert re.search(rf"(^|\n)\s*{number}\.\s*{start}", page), f"note {number} lacks its own number"
        assert re.search(rf"{re.escape(claim)}[^\n]*?{number}", page.replace("\n", " ")) or str(number) in page


def test_two_renders_are_byte_identical(course: Project, built: tuple[list[Handout], Path],
                                       tmp_path: Path) -> None:
    second = _build(course, tmp_path / "again", jobs=None)
    for one, two in zip(built[0], second):
        assert one.path.read_bytes() == two.path.read_bytes(), one.path.name


def test_cache_skips_unchanged_and_rerenders_only_what_a_claim_edit_touches(course: Project, tmp_path: Path) -> None:
    shutil.copytree(course.root, tmp_path / "course")
    course = Project(tmp_path / "course")
    out, log = tmp_path / "out", []
    _build(course, out, jobs=2, log=log)
    assert sum(m.startswith("rendered") for m in log) == 12
    log.clear()
    _build(course, out, jobs=2, log=log)
    assert all(m.startswith("skipped (unchanged)") for m in log) and len(log) == 12
    claims = course.content / "mini-reading" / "claims" / "answers.yaml"
    claims.write_text(claims.read_text().replace("Roads can be laid", "Roads may be laid"))
    log.clear()
    _build(course, out, jobs=2, log=log)
    rendered = sorted(m.split(": ", 1)[1] for m in log if m.startswith("rendered"))
    assert rendered == sorted(f"{stem}-{e}-{p}.pdf" for stem in ("answers", "guide")
                              for e in ("student", "instructor") for p in ("a4", "letter"))
    assert "Roads may be laid" in " ".join(_pages(out / "mini-reading" / "answers-student-a4.pdf"))


def test_formatter_markdown_becomes_safe_html() -> None:
    html = markdown_to_html(r"<i>x</i> *Spans* \*not\* https://example.org/a_b.")
    assert str(html) == ('&lt;i&gt;x&lt;/i&gt; <em>Spans</em> *not* '
                         '<span class="url">https://example.org/a_b</span>.')


def test_a_page_as_png_for_a_look(built: tuple[list[Handout], Path]) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not found (apt-get install poppler-utils)")
    ARTIFACTS.mkdir(exist_ok=True)
    for name in ("opening-instructor-a4", "guide-student-letter"):
        for old in ARTIFACTS.glob(f"{name}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(built[1] / f"{name}.pdf"),
                        str(ARTIFACTS / name)], check=True)
    assert list(ARTIFACTS.glob("opening-instructor-a4*.png"))
