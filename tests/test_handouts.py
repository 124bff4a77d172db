"""PDF handouts: the mini reading, with teaching, a subsection, maps and odd notes added, as PDFs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("typst")
try:
    from build_tools import chicago  # noqa: F401
except ImportError as exc:
    pytest.skip(f"build_tools.chicago is not importable yet ({exc}); handouts format notes with it",
                allow_module_level=True)

from build_tools.handouts import Handout, markdown_runs, write_handouts  # noqa: E402
from build_tools.handouts.notes import Run  # noqa: E402
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
    {"id": "map-opening", "title": "Opening", "description": "The thesis and its evidence.", "sections": ["opening"],
     "page": "opening"},
    {"id": "map-answers", "title": "Answers", "description": "Objection and answer.", "sections": ["answers"],
     "page": "answers"},
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
         "editorial_note": "The copy prints tolls as toils; read tolls.",
         "quotes": [{"text": "A narrow river is a cheap river.", "paragraph": 2,
                     "editorial_note": "The copy breaks this line."}], "supports": ["cost-evidence"]}]})
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
    return _build(course, out, jobs=2), out / "mini-reading"


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
    # Two top-level sections (costs is a subsection of opening) and the guide, 2 editions x 2 papers,
    # and the course reader (student edition) on each paper.
    assert len(names) == 14 and "reader-student-a4.pdf" in names
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
                     "Discussion questions", "Where do bridges belong?",
                     "The text of note 4 is not available in this course's copy of the paper (its call is on the claim: Tolls",
                     "Smith, Spans, 20. The rest of this note is not available.", "Works cited", "page 1 of",
                     "Editor’s note: The copy prints tolls as toils; read tolls.",
                     "Editor’s note: The copy breaks this line."):
        assert expected in flat, expected
    # Claims of the subsection follow the section's own, numbered on.
    assert flat.index("Bridges belong") < flat.index("Narrow crossings") < flat.index("Tolls")
    assert "<script>alert(1)</script>" in flat and "{{ 7*7 }}" in flat  # hostile text stays text
    # Another top-level section's claim is not in the argument (a worksheet may offer it as a wrong choice).
    assert "Traffic may not pass" not in flat.split("Worksheet: ")[0]
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
    for number, start, claim in ((1, "Ann Smith", "Bridges belong"), (4, "The text of note 4", "Tolls")):
        page = next(text for text in pages if start in text)
        assert claim in page, f"note {number} is not on the page of its claim"
        assert re.search(rf"(^|\n)\s*{number}\.?\s*{start}", page), f"note {number} lacks its own number"
        assert re.search(rf"{re.escape(claim)}[^\n]*?{number}", page.replace("\n", " ")) or str(number) in page


def test_two_renders_are_byte_identical(course: Project, built: tuple[list[Handout], Path],
                                       tmp_path: Path) -> None:
    second = _build(course, tmp_path / "again", jobs=1)  # one process against the fixture's several
    for one, two in zip(built[0], second):
        assert one.path.read_bytes() == two.path.read_bytes(), one.path.name


def test_cache_skips_unchanged_and_rerenders_only_what_a_claim_edit_touches(course: Project, tmp_path: Path) -> None:
    shutil.copytree(course.root, tmp_path / "course")
    course = Project(tmp_path / "course")
    out, log = tmp_path / "out", []
    _build(course, out, jobs=2, log=log)
    assert sum(m.startswith("rendered") for m in log) == 14
    log.clear()
    _build(course, out, jobs=2, log=log)
    assert all(m.startswith("skipped (unchanged)") for m in log) and len(log) == 14
    claims = course.content / "mini-reading" / "claims" / "answers.yaml"
    claims.write_text(claims.read_text().replace("Roads can be laid", "Roads may be laid"))
    log.clear()
    _build(course, out, jobs=2, log=log)
    rendered = sorted(m.split(": ", 1)[1] for m in log if m.startswith("rendered"))
    # A section's worksheet may offer the edited claim as a choice: that handout changed too.
    from build_tools.exercises import exercises_for

    [linked] = load(course)
    edited = next(c.id for c in linked.reading.claims if "Roads may be laid" in c.text)
    offering = {linked.top_section(s) for s, found in exercises_for(linked).items()
                if any(o.key == edited for e in found for o in (*e.options, *(b for bl in e.blanks for b in bl.options)))}
    assert rendered == sorted([f"{stem}-{e}-{p}.pdf" for stem in ("answers", "guide", *offering - {"answers"})
                               for e in ("student", "instructor") for p in ("a4", "letter")]
                              + ["reader-student-a4.pdf", "reader-student-letter.pdf"])
    assert "Roads may be laid" in " ".join(_pages(out / "mini-reading" / "answers-student-a4.pdf"))


def test_a_template_typst_refuses_is_named_from_a_worker_and_leaves_no_pdf(course: Project, tmp_path: Path) -> None:
    from build_tools.handouts.render import HandoutRenderError

    shutil.copytree(course.root, tmp_path / "course")
    broken = Project(tmp_path / "course")
    template = broken.templates / "handout" / "handout.typ"
    template.write_text(template.read_text() + "\n#let = broken\n")
    out = tmp_path / "out"
    with pytest.raises(HandoutRenderError, match=r"Typst could not render [\w-]+\.pdf: expected pattern\n.*handout\.typ:\d+"):
        _build(broken, out, jobs=2)
    assert not list(out.rglob("*.pdf")) and not list(out.rglob("*.tmp"))


def test_formatter_markdown_becomes_runs_of_plain_text() -> None:
    runs = markdown_runs(r"<i>x</i> *Spans* \*not\* https://example.org/a_b.")
    assert runs == [Run("<i>x</i> "), Run("Spans", em=True), Run(" *not* "),
                    Run("https://example.org/a_b", url=True), Run(".")]


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


# --- legibility, links, tags: on the mini course and on the paper itself ------------------------

@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> list[Handout]:
    """Every handout of the repository's own reading (Typst renders them in seconds)."""
    return _build(Project(ROOT), tmp_path_factory.mktemp("paper"))


def _all(built: tuple[list[Handout], Path], paper: list[Handout]) -> list[Path]:
    return [h.path for h in built[0]] + [h.path for h in paper]


def test_no_text_is_printed_below_the_floor(built: tuple[list[Handout], Path], paper: list[Handout]) -> None:
    from tests.pdf_sizes import printed_text

    for path in _all(built, paper):
        printed = printed_text(path)
        assert printed, path.name
        for item in printed:
            digits = item.text.replace(",", "").strip().isdigit()
            floor = 5.5 if digits else 6.5  # note-call digits may be smaller
            assert item.size >= floor - 0.01, f"{path.name} p.{item.page}: {item.text!r} at {item.size:.2f} pt"


def test_every_printed_url_is_a_link_and_notes_link_both_ways(paper: list[Handout]) -> None:
    checked = 0
    for handout in paper:
        reader = pypdf.PdfReader(handout.path)
        uris, internal = set(), 0
        for page in reader.pages:
            for annot in page.get("/Annots", []) or []:
                annot = annot.get_object()
                action = annot.get("/A")
                if action is not None and action.get("/URI"):
                    uris.add(str(action["/URI"]))
                elif annot.get("/Dest") is not None:
                    internal += 1
        printed = set()  # per page: a long note may run on to the next page, its URL cut there
        for page in reader.pages:
            text = re.sub(r"\s+", "", re.sub(r"page \d+ of \d+", " ", page.extract_text() or ""))
            printed.update(re.findall(r"https?://[^\s,;)]+[^\s.,;:)]", text))
        checked += len(printed)
        for url in printed:  # line breaks inside a printed URL were removed with the whitespace
            assert any(url.startswith(u) or u.startswith(url) for u in uris), f"{handout.path.name}: {url} is no link"
        calls = len(re.findall(r"Footnote", str([a.get_object().get("/Contents") for p in reader.pages
                                                 for a in p.get("/Annots", []) or []])))
        assert calls > 0 and internal >= 2 * calls, f"{handout.path.name}: notes do not link to their calls and back"
    assert checked > 100  # the guide alone prints dozens


def test_the_reader_has_contents_and_bookmarks_for_every_part(paper: list[Handout]) -> None:
    reader = next(h for h in paper if h.kind == "reader" and h.paper == "a4")
    pdf = pypdf.PdfReader(reader.path)
    titles = [item["/Title"] for item in pdf.outline if not isinstance(item, list)]
    tops = [s.title for s in load(Project(ROOT))[0].reading.sections if s.parent is None]
    for title in ["Reader’s guide", *tops]:
        assert any(title == t for t in titles) or any(title in str(x) for x in pdf.outline), title
    assert "Contents" in (pdf.pages[0].extract_text() or "")
    assert len(pdf.pages) > max(len(pypdf.PdfReader(h.path).pages) for h in paper if h.kind != "reader")


def test_no_hyphen_comes_from_hyphenation(paper: list[Handout]) -> None:
    for handout in paper:
        text = "".join(page.extract_text() or "" for page in pypdf.PdfReader(handout.path).pages)
        assert "\u2010" not in text and "\u00ad" not in text, handout.path.name


def _outloud(path: Path) -> list[tuple[str, str, int]]:
    import json

    report = path.with_suffix(".outloud.json")
    subprocess.run([str(Path(sys.executable).parent / "outloud"), "--json", str(report), "--fail-on", "never", "-q", str(path)],
                   check=True, capture_output=True)
    data = json.loads(report.read_text())
    report.unlink()
    return [(f["rule"], f["severity"], f.get("count", 1)) for r in data["results"] for f in r["findings"]]


def _order_share(ranks: list[int]) -> float:
    from outloud.rules.order import _longest_increasing

    return _longest_increasing(ranks) / len(ranks)


def _pages_out_of_order(path: Path) -> list[tuple[int, str]]:
    """Pages outloud's ORD-001 flags, each with what is wrong unless a footnote explains it all.

    ORD-001 ranks a page's marked content in tag-tree order (an element's own content before its
    child elements', then the children) against the order the page paints text and images, and
    flags the page when under 80% of it lies in one increasing run. A footnote is tagged just
    after its call but painted at the foot of the page: that is correct, and the only excuse.
    So a flagged page must hold a Note whose call (the Lbl before it) is on the same page, and
    must come to 80% once the notes' content is left out.
    """
    from outloud.model import Document

    doc = Document(str(path))
    logical: dict[int, list[tuple]] = {}
    in_note: set[tuple] = set()
    called: set[int] = set()
    for el in doc.elements:
        note = el
        while note is not None and note.type != "Note":
            note = note.parent
        for r in el.mcrefs:
            if r.page is not None:
                logical.setdefault(r.page, []).append((r.stream, r.mcid))
                if note is not None:
                    in_note.add((r.page, r.stream, r.mcid))
        if el.type == "Note" and el.parent is not None:
            siblings = el.parent.children
            call = siblings[siblings.index(el) - 1] if siblings.index(el) > 0 else None
            stack, pages = ([call] if call is not None and call.type == "Lbl" else []), set()
            while stack:
                e = stack.pop()
                pages |= {r.page for r in e.mcrefs}
                stack += e.children
            called |= pages
    bad = []
    for page in doc.pages:
        want = logical.get(page.index) or []
        rank = {k: i for i, k in enumerate(want)}
        keys = [k for k in doc.content(page.index).paint_order if k in rank]
        if len(want) < 4 or len(keys) < 4 or _order_share([rank[k] for k in keys]) >= 0.8:
            continue
        rest = [rank[k] for k in keys if (page.index, *k) not in in_note]
        if page.index not in called or not any((page.index, *k) in in_note for k in keys):
            bad.append((page.number, "out of order with no footnote called on the page"))
        elif len(rest) >= 4 and _order_share(rest) < 0.8:
            bad.append((page.number, f"out of order beyond its footnotes ({_order_share(rest):.0%} in order without them)"))
    doc.close()
    return bad


def test_outloud_finds_no_error_and_no_warning_but_footnote_order(built: tuple[list[Handout], Path],
                                                                   paper: list[Handout]) -> None:
    pytest.importorskip("outloud")
    for path in _all(built, paper):
        findings = [f for f in _outloud(path) if f[1] in ("error", "warning")]
        assert all(rule == "ORD-001" for rule, _, _ in findings), f"{path.name}: {findings}"
        if findings:
            assert not _pages_out_of_order(path), f"{path.name}: {_pages_out_of_order(path)}"


# --- memory: the `pdf` command as a user runs it ----------------------------------------------


def test_the_pdf_command_renders_the_paper_within_300_mb_and_as_one_process_does(project: Path,
                                                                                 paper: list[Handout]) -> None:
    """The whole process tree, sampled every 20 ms: Typst's memoized layouts are not kept beyond a
    worker's life, and two heavy handouts are never rendered side by side past the budget."""
    from bench.memory import run_sampled

    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "PYTHONPATH": str(ROOT)}
    with (project / "pdf.log").open("w") as log:
        # The instructor's edition: every handout of the paper (26), the students' (14) among them.
        done = run_sampled([sys.executable, "-m", "build_tools", "--root", str(project), "pdf", "--jobs", "2",
                            "--edition", "instructor"],
                           env=env, cwd=project, stdout=log, stderr=log)
    assert done.returncode == 0, (project / "pdf.log").read_text()
    assert done.peak_mb <= 300, f"the pdf command peaked at {done.peak_mb:.0f} MB"
    rendered = project / "build" / "handouts"
    assert len(paper) == 26
    for handout in paper:  # workers of the pool, each recycled, against the fixture's single worker
        assert (rendered / handout.path.relative_to(handout.path.parents[1])).read_bytes() == handout.path.read_bytes()
