from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SOURCE_TEXT = ROOT.parent / "shared" / "source" / "us-japan-alliance-2020s.txt"
READING = "us-japan-alliance-2020s"


def copy_course(target: Path) -> Path:
    """A copy of the course (content, bib, templates, mkdocs.yml) in `target`."""
    for name in ("content", "bib", "templates"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy(ROOT / "README.md", target / "README.md")
    (target / "build_tools").symlink_to(ROOT / "build_tools")  # mkdocs.yml names the paper-number extension
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the course (content, bib, templates, mkdocs.yml) in a temporary folder."""
    return copy_course(tmp_path)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """The tiny second reading alone, as a course of its own."""
    shutil.copytree(FIXTURES / "mini" / "content", tmp_path / "content")
    shutil.copytree(FIXTURES / "mini" / "bib", tmp_path / "bib")
    shutil.copytree(FIXTURES / "mini" / "source", tmp_path / "source")  # the paper's text, for C105 and C109
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    (tmp_path / "build_tools").symlink_to(ROOT / "build_tools")  # mkdocs.yml names the paper-number extension
    return tmp_path


def source_text_or_skip() -> str:
    if not SOURCE_TEXT.is_file():
        pytest.skip(f"source text not found at {SOURCE_TEXT} (the shared folder travels beside the repository)")
    return SOURCE_TEXT.read_text(encoding="utf-8")
