"""The student edition (site/, published) holds nothing that exists only for the instructor; the
instructor edition (site-instructor/) holds everything. Both built from one copy of the course with
MkDocs, handouts included, with a site address so that the sitemaps list every page.

The instructor-only texts are read from lessons.yaml afresh (tests/edition_texts.py): every
lesson-plan step, "listen for" note, role task and activity step, and every instructor handout's
file name."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.handouts import list_handouts
from build_tools.pipeline import Project, load
from tests.edition_texts import instructor_only_texts, leaks, missing, normalize, site_texts
from tests.test_build import broken_links, digest

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed (make test installs it)")
READING = "us-japan-alliance-2020s"
ADDRESS = "https://teacher.example.org/alliance/"


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the course, built as the instructor's edition and then as the students'."""
    from tests.conftest import ROOT

    root = tmp_path_factory.mktemp("editions")
    for name in ("content", "bib", "templates"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("mkdocs.yml", "README.md"):
        shutil.copy(ROOT / name, root / name)
    (root / "build_tools").symlink_to(ROOT / "build_tools")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", ADDRESS)
        assert main(["--root", str(root), "build", "--edition", "instructor"]) == 0
        assert main(["--root", str(root), "build"]) == 0
    return root


@pytest.fixture(scope="module")
def texts(course: Path) -> dict[str, dict[str, str]]:
    return {"student": site_texts(course / "site"), "instructor": site_texts(course / "site-instructor")}


def needles(course: Path) -> list[tuple[str, str]]:
    found = instructor_only_texts(course / "content")
    handouts = list_handouts(load(Project(course)), Project(course).handouts, ["instructor"])
    assert len(handouts) == 12 and len(found) > 100
    return found + [(f"instructor handout {h.path.name}", h.path.name) for h in handouts]


def test_no_file_of_the_student_edition_holds_an_instructor_only_text(course: Path, texts: dict) -> None:
    assert {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz", f"export/{READING}/{READING}.imscc"} <= set(texts["student"])
    assert any(name.endswith("-student-a4.pdf") for name in texts["student"])
    assert leaks(texts["student"], needles(course)) == []


def test_the_instructor_edition_holds_every_one_of_them(course: Path, texts: dict) -> None:
    assert missing(texts["instructor"], needles(course)) == []


def test_the_student_edition_has_no_instructor_page_link_or_handout(course: Path) -> None:
    site = course / "site"
    assert not (site / READING / "instructor").exists()
    assert not list(site.rglob("*-instructor-*"))
    assert not [p for p in site.rglob("*.html") if "instructor/" in p.read_text(encoding="utf-8")]
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if "instructor" in d["location"]]
    for term in ("listen for", "lesson plan", "timekeeper"):  # what a curious student might search for
        assert not [d["location"] for d in index["docs"] if term in (d["title"] + d["text"]).lower()], term
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{ADDRESS}{READING}/teaching/" in sitemap and "instructor" not in sitemap
    nav = (course / "build" / "nav.yml").read_text(encoding="utf-8")
    assert "Instructor" not in nav and "instructor/" not in nav


def test_next_at_the_foot_of_a_page_never_opens_an_instructor_page(course: Path) -> None:
    """"Next" follows the navigation: in the student edition the last activity sheet leads on to
    no instructor page; in the instructor's, to the instructor view."""
    sheets = sorted((course / "site" / READING / "teaching").rglob("index.html"))
    assert len(sheets) > 10
    for page in sheets:
        footer = page.read_text(encoding="utf-8").split('class="md-footer"', 1)[-1]
        assert "instructor" not in footer.lower(), page
    last = sorted((course / "site-instructor" / READING / "teaching").rglob("index.html"),
                  key=lambda p: "instructor/" in p.read_text(encoding="utf-8").split('class="md-footer"', 1)[-1])[-1]
    assert 'href="../../instructor/"' in last.read_text(encoding="utf-8").split('class="md-footer"', 1)[-1]


def test_the_instructor_edition_has_its_pages_in_nav_and_search_and_says_whose_copy_it_is(course: Path) -> None:
    site = course / "site-instructor"
    sections = [s.id for s in load(Project(course))[0].reading.sections]
    for section in sections:
        assert (site / READING / "instructor" / section / "index.html").is_file()
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    located = {d["location"].split("#")[0] for d in index["docs"]}
    assert {f"{READING}/instructor/{s}/" for s in sections} <= located
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Home - Teaching the U.S.-Japan Alliance (instructor’s copy)</title>" in home
    for page in site.rglob("*.html"):
        if page.name != "404.html":
            assert "Instructor’s copy: not for students" in page.read_text(encoding="utf-8"), page
    student = (course / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Home - Teaching the U.S.-Japan Alliance</title>" in student and "Instructor’s copy" not in student
    reading = (site / READING / "index.html").read_text(encoding="utf-8")
    assert 'href="instructor/"' in reading
    downloads = (site / READING / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "introduction-instructor-a4.pdf" in downloads and "introduction-student-a4.pdf" in downloads
    assert f"{ADDRESS}{READING}/instructor/" in (site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_both_editions_have_no_broken_link(course: Path, edition: str) -> None:
    assert broken_links(course / ("site" if edition == "student" else "site-instructor")) == []


def test_each_instructor_handout_is_the_instructors_pack_in_print(course: Path) -> None:
    """Each section's lesson steps, notes and role tasks are in its instructor handout (and the
    guide's), and in none of the student handouts; the model answers too."""
    from tests.edition_texts import _pdf_text

    handouts = course / "build" / "handouts" / READING
    linked = load(Project(course))[0]

    def top(section: str) -> str:  # a subsection is in its top-level section's handout
        parent = linked.sections[section].parent
        return section if parent is None else top(parent)

    guide = normalize(_pdf_text((handouts / "guide-instructor-a4.pdf").read_bytes()))
    student = " ".join(normalize(_pdf_text(p.read_bytes())) for p in handouts.glob("*-student-*.pdf"))
    for where, text in instructor_only_texts(course / "content"):
        section = where.split("/")[1].split(" ")[0]
        pack = normalize(_pdf_text((handouts / f"{top(section)}-instructor-letter.pdf").read_bytes()))
        assert normalize(text) in pack, where
        if not where.endswith("answer key"):  # a worksheet's key ends its section's handout only
            assert normalize(text) in guide, where
        assert normalize(text) not in student, where
    answers = [c.answer for t in linked.reading.teaching for c in t.self_check]
    assert answers and all(normalize(f"Model answer: {a}") in guide for a in answers)
    assert "Model answer" not in student


def test_only_the_instructor_handouts_carry_the_pack_in_their_data(course: Path) -> None:
    from build_tools.handouts import plan_handouts
    from build_tools.pipeline import build_maps

    project = Project(course)
    linked = load(project)
    planned = plan_handouts(linked, build_maps(linked), project.templates, project.handouts)
    for item in planned:
        data = json.loads(item.data)
        assert ("instructor_pack" in data) == (item.handout.edition == "instructor"), item.handout.path.name
    intro = next(json.loads(p.data) for p in planned if p.handout.path.name == "introduction-instructor-a4.pdf")
    [pack] = intro["instructor_pack"]["sections"]
    assert [(r["start"], r["end"]) for r in pack["plan"]][:2] == [(0, 5), (5, 15)]
    assert pack["minutes"] == sum(r["minutes"] for r in pack["plan"])
    assert all(q["listen_for"] for q in pack["discussion"]) and pack["roles"]


def test_the_builds_keep_apart(course: Path, tmp_path: Path) -> None:
    """Generating one edition leaves the other's docs and site as they were; `pdf` puts only its
    edition's handouts in its site folder, and takes out any other left there."""
    instructor_docs = digest(course / "build" / "instructor" / "docs")
    instructor_site = digest(course / "site-instructor")
    assert main(["--root", str(course), "generate"]) == 0
    assert not (course / "build" / "docs" / READING / "instructor").exists()
    assert digest(course / "build" / "instructor" / "docs") == instructor_docs
    stray = course / "site" / "handouts" / READING / "introduction-instructor-a4.pdf"
    shutil.copy(course / "build" / "handouts" / READING / stray.name, stray)
    assert main(["--root", str(course), "pdf"]) == 0
    assert not stray.exists() and (stray.parent / "introduction-student-a4.pdf").is_file()
    assert digest(course / "site-instructor") == instructor_site


def test_an_unknown_edition_is_a_usage_error(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--root", str(course), "build", "--edition", "teacher"])
    assert exit_.value.code == 2
    assert re.search(r"invalid choice: 'teacher' \(choose from '?student'?, '?instructor'?\)", capsys.readouterr().err)


def test_ci_builds_both_and_pages_gets_the_student_edition_alone() -> None:
    """The workflow checks the line before it publishes, publishes site/ only, and keeps the
    instructor edition as a build artifact; .ci/run builds both editions and checks them."""
    import yaml

    from tests.conftest import ROOT

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    steps = [s for job in workflow["jobs"].values() for s in job.get("steps", [])]
    runs = [s.get("run", "") for s in steps]
    pages = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert [s["with"]["path"] for s in pages] == ["site"]
    artifacts = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact")]
    assert [s["with"]["path"] for s in artifacts] == ["site-instructor"]
    check = next(i for i, r in enumerate(runs) if "tests.edition_texts site site-instructor" in r)
    assert runs.index("make site EDITION=instructor") < check < steps.index(pages[0])
    assert not [s for s in steps if "site-instructor" in str(s) and "pages" in s.get("uses", "")]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make site EDITION=instructor\n" in ci and "-m tests.edition_texts site site-instructor" in ci
