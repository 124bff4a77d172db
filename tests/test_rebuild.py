"""`make site` again: it does only what changed, and what it leaves is what a build from nothing makes.

Each build is the command `make site` runs (`python -m build_tools build`), in a process of its
own, so the up-to-date answer given before the heavy imports (build_tools/__main__.py) is tested
as it runs. Every file of site/ is compared byte for byte with a build from nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed (make test installs it)")
MINI = "mini-reading"


def build(root: Path, *options: str) -> str:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    env.pop("SITE_URL", None)
    done = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "build", *options],
                          capture_output=True, text=True, env=env, cwd=root)
    assert done.returncode == 0, done.stderr
    return done.stdout


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def from_nothing(project: Path, where: Path, *options: str) -> dict[str, bytes]:
    """A fresh copy of the project's inputs, built from nothing; its site's files."""
    shutil.copytree(project, where, ignore=shutil.ignore_patterns("build", "site"), symlinks=True)
    build(where, *options)
    return files(where / "site")


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / "content" / MINI / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@needs_dot
def test_nothing_changed_leaves_the_site_as_it_is_and_an_edit_rebuilds_it_as_from_nothing(mini: Path,
                                                                                        tmp_path: Path) -> None:
    assert "edition built" in build(mini)
    site = mini / "site"
    first, stamps = files(site), times(site)
    assert "up to date" in build(mini)
    assert files(site) == first and times(site) == stamps  # not one file rewritten
    edit(mini, "claims/opening.yaml", "Narrow crossings", "Short crossings")
    assert "the changed pages only" in build(mini)  # MkDocs rebuilt the pages that show the claim
    after = files(site)
    assert after != first and any(b"Short crossings" in data for data in after.values())
    assert any(name.endswith(".pdf") and after[name] != first.get(name) for name in after)  # its handouts too
    assert after == from_nothing(mini, tmp_path / "fresh")


@needs_dot
def test_an_edit_that_changes_no_generated_file_runs_no_engine(mini: Path) -> None:
    build(mini, "--no-pdf")
    site = mini / "site"
    first, stamps = files(site), times(site)
    claims = mini / "content" / MINI / "claims" / "opening.yaml"
    claims.write_text(claims.read_text(encoding="utf-8") + "# a comment for authors only\n", encoding="utf-8")
    assert "left as it is" in build(mini, "--no-pdf")
    assert files(site) == first and times(site) == stamps
    assert "up to date" in build(mini, "--no-pdf")


@needs_dot
def test_a_site_changed_by_hand_or_another_command_is_built_again(mini: Path, tmp_path: Path) -> None:
    build(mini, "--no-pdf")
    site = mini / "site"
    first = files(site)
    next(p for p in sorted(site.rglob("*.html"))).unlink()
    assert "edition built" in build(mini, "--no-pdf")
    assert files(site) == first
    assert "edition built" in build(mini)  # other options, a stamp of their own: the handouts are rendered
    assert files(site) == from_nothing(mini, tmp_path / "fresh")


@needs_dot
def test_an_edit_that_moves_anchors_or_the_navigation_is_built_in_full(mini: Path, tmp_path: Path) -> None:
    build(mini, "--no-pdf")
    # A new claim id: a new anchor on its page, which pages not rebuilt might link to.
    edit(mini, "claims/opening.yaml", "id: cost-evidence", "id: cost-evidence-two")
    edit(mini, "claims/opening.yaml", "supports: [bridge-thesis]", "supports: [bridge-thesis]\n"
         "  - id: cost-evidence\n    kind: evidence\n    text: Narrow crossings cost less.\n    paragraph: 2\n"
         "    supports: [bridge-thesis]")
    assert "edition built in" in build(mini, "--no-pdf")
    assert files(mini / "site") == from_nothing(mini, tmp_path / "fresh", "--no-pdf")
    edit(mini, "sections.yaml", "title: Opening", "title: The opening, renamed")  # every page's navigation
    assert "edition built in" in build(mini, "--no-pdf")
    assert files(mini / "site") == from_nothing(mini, tmp_path / "fresh-again", "--no-pdf")


def test_the_up_to_date_answer_reads_only_the_command_lines_it_knows(tmp_path: Path) -> None:
    from build_tools.buildstate import up_to_date_build

    assert not up_to_date_build(["--root", str(tmp_path), "build", "--engine", "mkdocs"])  # nothing recorded
    assert not up_to_date_build(["--root", str(tmp_path), "build", "--strange"])
    assert not up_to_date_build(["--root", str(tmp_path), "check"])
