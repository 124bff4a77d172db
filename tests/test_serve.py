"""The live preview: our watcher regenerates on a real edit, the engine's server serves every page fresh."""

from __future__ import annotations

import importlib.util
import re
import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from build_tools.pipeline import Project, build_site
from build_tools.serve import Preview
from build_tools.serve.watch import Watcher

READING = "us-japan-alliance-2020s"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")


def test_the_watcher_reports_a_saved_file_and_ignores_editor_swap_files(tmp_path: Path) -> None:
    (tmp_path / "claims").mkdir()
    claim = tmp_path / "claims" / "a.yaml"
    claim.write_text("text: one\n", encoding="utf-8")
    watcher = Watcher([tmp_path], interval=0.02)
    (tmp_path / "claims" / ".a.yaml.swp").write_text("swap", encoding="utf-8")
    (tmp_path / "claims" / "a.yaml~").write_text("backup", encoding="utf-8")
    deadline = time.monotonic() + 0.3
    assert watcher.wait(lambda: time.monotonic() > deadline) == []
    claim.write_text("text: two, longer\n", encoding="utf-8")
    assert watcher.wait() == [claim]
    claim.unlink()
    assert watcher.wait() == [claim]


def free_address() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{s.getsockname()[1]}"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, words: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = fetch(url)
        if words in body:
            return body
        time.sleep(0.1)
    raise AssertionError(f"{url} never showed {words!r}")


ENGINES = ["mkdocs", pytest.param("zensical", marks=pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None, reason="Zensical is not installed (make site installs it)"))]


@contextmanager
def running_preview(project: Path, engine: str, edition: str = "student") -> Iterator[tuple[Preview, str]]:
    """A live preview of ``edition`` with ``engine``, its first build served; stopped on leaving."""
    addr = free_address()
    log = (project / "serve.log").open("w", encoding="utf-8")
    messages: list[str] = []
    running = Preview(Project(project, edition=edition), engine, addr, log=log, say=messages.append)
    running.messages = messages  # type: ignore[attr-defined]
    running.start()
    stop = threading.Event()
    thread = threading.Thread(target=running.run, args=(stop.is_set,), daemon=True)
    thread.start()
    base = f"http://{addr}"
    wait_for(f"{base}/{READING}/maritime-denial/", "maritime", 120)
    time.sleep(1)  # the engine's watcher is started once its first build is served
    try:
        yield running, base
    finally:
        stop.set()
        thread.join(30)
        log.close()


@pytest.fixture(params=ENGINES)
def preview(request: pytest.FixtureRequest, project: Path) -> Iterator[tuple[Preview, str]]:
    with running_preview(project, request.param) as running:
        yield running


@needs_dot
@pytest.mark.parametrize("engine", ENGINES)
def test_the_preview_shows_the_instructor_edition_when_asked(project: Path, engine: str) -> None:
    """`make serve EDITION=instructor`: the instructor view, fresh after an edit of lessons.yaml;
    the students' generated docs are not touched."""
    with running_preview(project, engine, "instructor") as (running, base):
        page = wait_for(f"{base}/{READING}/instructor/introduction/", "Listen for")
        assert "Teaching the U.S.-Japan Alliance (instructor’s copy)" in page
        lessons = project / "content" / READING / "lessons.yaml"
        text = lessons.read_text(encoding="utf-8")
        lessons.write_text(text.replace("Ask students to state the paper's thesis", "Freshly planned: state the thesis", 1),
                           encoding="utf-8")
        wait_for(f"{base}/{READING}/instructor/introduction/", "Freshly planned: state the thesis")
    assert not (project / "build" / "docs").exists()


def edit_claim(project: Path, section: str, words: str) -> None:
    path = project / "content" / READING / "claims" / f"{section}.yaml"
    text = path.read_text(encoding="utf-8")
    edited, count = re.subn(r"^(\s*text: ['\"]?)", rf"\g<1>{words} ", text, count=1, flags=re.M)
    assert count == 1
    path.write_text(edited, encoding="utf-8")


@needs_dot
def test_an_edited_claim_is_fresh_on_every_page_that_shows_it(preview: tuple[Preview, str]) -> None:
    running, base = preview
    root = running.project.root
    edit_claim(root, "maritime-denial", "Freshly edited.")
    wait_for(f"{base}/{READING}/maritime-denial/", "Freshly edited.")
    time.sleep(3)  # let every rebuild the edit started finish
    # Which pages show the claim: a clean, full build of the same docs says.
    build_site(running.project, "mkdocs")
    showing = sorted(p.relative_to(running.project.site).parent.as_posix()
                     for p in running.project.site.rglob("index.html") if "Freshly edited." in p.read_text())
    assert len(showing) >= 2, showing  # its section page and at least one page that shows its claims
    stale = [page for page in showing if "Freshly edited." not in fetch(f"{base}/{page}/".replace("/./", "/"))]
    assert stale == []
    # The terminal names the file saved and lists the rewritten pages before the exports.
    said = [m for m in running.messages if "rewritten in" in m]  # type: ignore[attr-defined]
    assert said and said[0].startswith(f"content/{READING}/claims/"), running.messages  # type: ignore[attr-defined]
    assert said[0].split(": ", 1)[1].split(", ")[0].endswith(".md"), said[0]


@needs_dot
def test_a_new_section_title_reaches_the_navigation_of_every_page(preview: tuple[Preview, str]) -> None:
    running, base = preview
    sections = running.project.content / READING / "sections.yaml"
    text = sections.read_text(encoding="utf-8")
    title = re.search(r"^\s*title: ['\"]?([^'\"\n]+)", text.split("id: maritime-denial", 1)[1], re.M).group(1)
    sections.write_text(text.replace(title, "Denial at sea, renamed", 1), encoding="utf-8")
    wait_for(f"{base}/{READING}/maritime-denial/", "Denial at sea, renamed")
    # A page whose own file did not change still shows the new title in its navigation.
    wait_for(f"{base}/{READING}/glossary/", "Denial at sea, renamed", 60)


@needs_dot
def test_an_error_in_the_content_is_reported_and_the_last_good_pages_stay(preview: tuple[Preview, str]) -> None:
    running, base = preview
    claims = running.project.content / READING / "claims" / "maritime-denial.yaml"
    good = claims.read_text(encoding="utf-8")
    claims.write_text(re.sub(r"supports: \[", "supports: [no-such-claim, ", good, count=1), encoding="utf-8")
    deadline = time.monotonic() + 30
    while not any("C101" in m for m in running.messages) and time.monotonic() < deadline:  # type: ignore[attr-defined]
        time.sleep(0.1)
    assert any("C101" in m and "last good pages" in m for m in running.messages)  # type: ignore[attr-defined]
    assert "maritime" in fetch(f"{base}/{READING}/maritime-denial/")
    claims.write_text(good.replace("text: ", "text: Mended. ", 1), encoding="utf-8")
    wait_for(f"{base}/{READING}/maritime-denial/", "Mended.")
