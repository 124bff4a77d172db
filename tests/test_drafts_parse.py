"""`import-notes` drafts parse with the readers an author will feed them to: pybtex and biber.

BibTeX, biber and pybtex take an `@` anywhere outside an entry as the start of one, so a
review remark that says "make it @article" would open an entry in the middle of a comment.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pybtex import errors as pybtex_errors
from pybtex.database import parse_file

from build_tools.cli import main
from build_tools.notes_import import Draft, Work, bibtex
from tests.conftest import READING
from tests.readers import biber

IMPORT = Path(__file__).parent / "fixtures" / "import"


def parse_strictly(path: Path):
    """pybtex in strict mode: a syntax error raises instead of being logged and skipped."""
    pybtex_errors.set_strict_mode(True)
    try:
        return parse_file(str(path), bib_format="bibtex")
    finally:
        pybtex_errors.set_strict_mode(False)


@pytest.fixture(scope="module", params=["us-japan-notes.txt", "unseen.txt"])
def draft_bib(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("drafts")
    assert main(["--root", str(out), "import-notes", str(IMPORT / request.param), "--reading", READING,
                 "--out", str(out)]) == 0
    return out / f"{READING}.draft.bib"


def test_pybtex_reads_every_drafted_entry(draft_bib: Path) -> None:
    text = draft_bib.read_text(encoding="utf-8")
    data = parse_strictly(draft_bib)
    assert len(data.entries) == text.count("\n@") and data.entries
    assert "% review:" in text  # the remarks are still there, as comments


def test_biber_reads_the_draft_without_a_warning(draft_bib: Path) -> None:
    assert biber(draft_bib, validate=False) == []


def test_no_comment_line_can_start_an_entry(draft_bib: Path) -> None:
    lines = draft_bib.read_text(encoding="utf-8").splitlines()
    assert not [line for line in lines if line.startswith("%") and "@" in line]


HOSTILE = Work(key="doe2020", type="online", fields={"title": "Post", "url": "https://e.org/@doe"},
               persons={"author": ["Doe, Jane"]}, note=1,
               review=["site “@article{evil, title={x}}” unknown (make it @article if it is one)"])


def test_a_remark_with_an_at_sign_stays_a_comment(tmp_path: Path) -> None:
    path = tmp_path / "hostile.bib"
    path.write_text(bibtex(Draft([HOSTILE], [], []), "notes@v2.txt", "r"), encoding="utf-8")
    data = parse_strictly(path)
    assert list(data.entries) == ["doe2020"]
    assert data.entries["doe2020"].fields["url"] == "https://e.org/@doe"  # inside a field, @ is data
    assert "(at)article{evil" in path.read_text(encoding="utf-8")
    assert biber(path, validate=False) == []


def test_a_new_readings_bib_parses_whatever_its_title(tmp_path: Path) -> None:
    assert main(["--root", str(tmp_path), "new", "at-sign", "--title", "Ports @ Risk: @article{x,"]) == 0
    data = parse_strictly(tmp_path / "bib" / "at-sign.bib")
    assert list(data.entries) == ["author2024title"]
    assert biber(tmp_path / "bib" / "at-sign.bib", validate=False) == []
