"""What the live preview keeps between edits, and what it does again: nothing it keeps is ever stale.

The generator reuses parses, printed notes and built maps while their input is unchanged, stages
its files and writes only those that changed; the MkDocs preview server rebuilds dirty, and in
full where a dirty build could be wrong.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_tools import chicago
from build_tools.engines import mkdocs_engine
from build_tools.engines.mkdocs_live import PreviewSite
from build_tools.maps import stage as map_stage
from build_tools.model import Citation, Source
from build_tools.pipeline import Project, build_maps, generate, load
from build_tools.staging import sync_tree
from build_tools.yamlsource import load_yaml

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed (make test installs it)")
MINI = "mini-reading"
READING = "us-japan-alliance-2020s"


# --- staging ---------------------------------------------------------------------


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_sync_writes_only_what_changed_and_removes_what_is_gone(tmp_path: Path) -> None:
    src, dst, handouts = tmp_path / "src", tmp_path / "dst", tmp_path / "handouts"
    for rel, text in {"a.md": "one", "sub/b.md": "two", "old/c.md": "gone soon", "d.md": "same size"}.items():
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        (dst / rel).write_text(text)
    for rel, text in {"a.md": "one", "sub/b.md": "TWO", "d.md": "SAME SIZE", "new/e.md": "new"}.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text)
    handouts.mkdir()
    (handouts / "h.pdf").write_bytes(b"%PDF-1")
    unchanged = (dst / "a.md").stat().st_mtime_ns
    written = sync_tree(src, dst, {"handouts/h.pdf": handouts / "h.pdf"})
    assert written == ["d.md", "handouts/h.pdf", "new/e.md", "old/c.md", "sub/b.md"]
    assert tree(dst) == {"a.md": b"one", "d.md": b"SAME SIZE", "handouts/h.pdf": b"%PDF-1", "new/e.md": b"new",
                         "sub/b.md": b"TWO"}
    assert not (dst / "old").exists()
    assert (dst / "a.md").stat().st_mtime_ns == unchanged  # an unchanged page is not rebuilt by the engine
    assert os.path.samefile(dst / "handouts" / "h.pdf", handouts / "h.pdf")  # linked, not copied
    assert sync_tree(src, dst, {"handouts/h.pdf": handouts / "h.pdf"}) == []  # again: nothing to write
    (handouts / "h.pdf").unlink()
    (handouts / "h.pdf").write_bytes(b"%PDF-2")  # rendered again (a new file, as the renderer writes it)
    assert sync_tree(src, dst, {"handouts/h.pdf": handouts / "h.pdf"}) == ["handouts/h.pdf"]
    assert (dst / "handouts" / "h.pdf").read_bytes() == b"%PDF-2"


def test_a_folder_where_a_file_now_stands_is_replaced(tmp_path: Path) -> None:
    src, dst = tmp_path / "src", tmp_path / "dst"
    (dst / "x").mkdir(parents=True)
    (dst / "x" / "inner.md").write_text("old")
    src.mkdir()
    (src / "x").write_text("now a file")
    assert sync_tree(src, dst) == ["x", "x/inner.md"]
    assert tree(dst) == {"x": b"now a file"}


@needs_dot
def test_generate_says_which_files_it_wrote(mini: Path) -> None:
    project = Project(mini)
    first = generate(project)
    assert "nav.yml" in first and f"docs/{MINI}/opening/index.md" in first
    assert generate(project) == []
    claims = mini / "content" / MINI / "claims" / "opening.yaml"
    claims.write_text(claims.read_text().replace("Narrow crossings", "Short crossings"))
    again = generate(project)
    assert f"docs/{MINI}/opening/index.md" in again and "nav.yml" not in again
    assert "Short crossings" in (mini / "build" / "docs" / MINI / "opening" / "index.md").read_text()


# --- what is parsed, printed and laid out once ----------------------------------------


def test_a_file_is_parsed_again_when_its_text_changes_even_at_the_same_size(tmp_path: Path) -> None:
    file = tmp_path / "a.yaml"
    file.write_text("text: one\n")
    first = load_yaml(file)
    assert load_yaml(file) is first  # the same text: the same parse
    file.write_text("text: two\n")  # same size, and perhaps the same modification time
    assert load_yaml(file).data["text"] == "two"


def source(**fields: str) -> Source:
    return Source(key="smith2001", type="book", fields={"title": "Bridges", "publisher": "Press", "year": "2001", **fields},
                  persons={"author": ["Smith, Ann"]}, file=Path("x.bib"))


def test_a_printed_citation_follows_every_change_to_its_entry() -> None:
    citation = Citation(key="smith2001", locator="12")
    first = chicago.format_citation(citation, source())
    assert first == chicago.format_citation(citation, source())
    assert "Rivers" in chicago.format_citation(citation, source(title="Rivers"))
    assert "34" in chicago.format_citation(Citation(key="smith2001", locator="34"), source())
    assert chicago.format_citation(Citation(key="smith2001", form="short"), source()) != first
    assert "Rivers" in chicago.format_bibliography_entry(source(title="Rivers"))


@needs_dot
def test_after_an_edit_only_the_maps_that_show_the_claim_are_built_again(project: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    course = Project(project)
    monkeypatch.setattr(map_stage, "_BUILT", {})
    laid_out: list[int] = []
    real = map_stage.run_dot_batch
    monkeypatch.setattr(map_stage, "run_dot_batch", lambda dots, what: laid_out.append(len(dots)) or real(dots, what))
    first = build_maps(load(course))[READING]
    assert build_maps(load(course))[READING] == first and laid_out == [len(first), 0]
    claims = project / "content" / READING / "claims" / "maritime-denial.yaml"
    claims.write_text(claims.read_text().replace("Being able to deny China", "Being able, in time, to deny China"))
    edited = build_maps(load(course))[READING]
    showing = [m.id for m in first.values() if '"denial-deters"' in m.dot]
    assert 0 < laid_out[-1] == len(showing) < len(first)
    assert all("in time" in edited[i].svg for i in showing)
    assert all(edited[m] is first[m] for m in first if m not in showing)
    monkeypatch.setattr(map_stage, "_BUILT", {})
    assert edited == build_maps(load(course))[READING]  # what was kept equals what is built from nothing


# --- the MkDocs preview server's builds -----------------------------------------------


@pytest.fixture
def preview_site(mini: Path) -> Iterator[PreviewSite]:
    generate(Project(mini))
    site = PreviewSite(mini / "mkdocs.yml", mini, "127.0.0.1", 8000)
    yield site
    shutil.rmtree(site.site_dir, ignore_errors=True)


def page(site: PreviewSite, section: str) -> Path:
    return Path(site.site_dir, MINI, section, "index.html")


def edit(mini: Path, file: str, old: str, new: str) -> None:
    path = mini / "content" / MINI / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    generate(Project(mini))


@needs_dot
def test_the_preview_rebuilds_dirty_after_an_edit_and_in_full_after_a_new_navigation(mini: Path,
                                                                                      preview_site: PreviewSite) -> None:
    site = preview_site
    site.build()
    untouched = page(site, "answers").stat().st_mtime_ns
    # A discussion question shows on its own section's page only (a claim's words may also stand in
    # another section's generated exercises).
    edit(mini, "teaching.yaml", "Is a narrow crossing always the cheapest?", "Is a short crossing always the cheapest?")
    time.sleep(0.01)
    site.build()
    assert "Is a short crossing always the cheapest?" in page(site, "opening").read_text()
    assert page(site, "answers").stat().st_mtime_ns == untouched  # dirty: the page that did not change stays
    edit(mini, "sections.yaml", "title: Opening", "title: The opening, renamed")
    site.build()
    assert "The opening, renamed" in page(site, "answers").read_text()  # its navigation, built again in full


@needs_dot
def test_a_page_removed_from_the_docs_is_removed_from_the_preview(mini: Path, preview_site: PreviewSite) -> None:
    site = preview_site
    extra = mini / "build" / "docs" / "extra.md"
    extra.write_text("# Extra\n")
    site.build()
    assert Path(site.site_dir, "extra", "index.html").is_file()
    extra.unlink()
    site.build()
    assert not Path(site.site_dir, "extra", "index.html").exists()


@needs_dot
def test_a_failed_preview_build_says_why_and_keeps_the_last_pages(mini: Path, preview_site: PreviewSite,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    site = preview_site
    site.build()
    config = mini / "mkdocs.yml"
    good = config.read_text()
    config.write_text(good.replace("theme:", "theme: [", 1))
    with caplog.at_level(logging.ERROR, logger="mkdocs"):
        site.build()
    assert any("could not be built" in r.getMessage() and "last good pages" in r.getMessage() for r in caplog.records)
    assert "Narrow crossings" in page(site, "opening").read_text()
    config.write_text(good)
    edit(mini, "claims/opening.yaml", "Narrow crossings", "Mended crossings")
    site.build()
    assert "Mended crossings" in page(site, "opening").read_text()


def test_each_refresh_is_a_new_stamp_file(tmp_path: Path) -> None:
    project = Project(tmp_path)
    mkdocs_engine.refresh(project)
    stamp = mkdocs_engine.stamp(project)
    first = stamp.stat().st_ino, stamp.read_text()
    mkdocs_engine.refresh(project)
    assert (stamp.stat().st_ino, stamp.read_text()) != first
    assert [p.name for p in stamp.parent.iterdir()] == [stamp.name]  # alone in its folder: nothing else to poll


def test_staging_leaves_a_small_shared_memory_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from build_tools import staging

    monkeypatch.setattr(staging, "ROOM_NEEDED", 1 << 62)  # more than any machine has free
    assert staging.scratch_folder(tmp_path / "build") == tmp_path / "build"
    monkeypatch.setattr(staging, "SHARED_MEMORY", tmp_path / "no-such-folder")
    monkeypatch.setattr(staging, "ROOM_NEEDED", 0)
    assert staging.scratch_folder(tmp_path / "build") == tmp_path / "build"
    monkeypatch.setattr(staging, "SHARED_MEMORY", tmp_path)
    assert staging.scratch_folder(tmp_path / "build") == tmp_path
