"""Edges the corpus cannot hold as plain files, and odd inputs that are accepted on purpose."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.yamlsource import load_yaml

R = "content/mini-reading"


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict]]:
    status = main(["--root", str(root), "check", "--format", "json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, json.loads(out)["findings"]


def test_utf8_byte_order_mark_is_accepted(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Some Windows editors start UTF-8 files with a BOM; it is valid UTF-8 and harmless, so it is dropped.
    UTF-16 and UTF-32 files are refused (see the corpus case utf16-bom)."""
    for rel in (f"{R}/claims/opening.yaml", "bib/mini.bib"):
        path = mini / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert check(mini, capsys) == (0, [])


def test_aliases_that_stay_small_are_accepted(tmp_path: Path) -> None:
    f = tmp_path / "c.yaml"
    f.write_text("a: &t [x, y]\nb: *t\nc: =\n", encoding="utf-8")
    data = {k: v for k, v in load_yaml(f).data.items() if k != "__loc__"}
    assert data == {"a": ["x", "y"], "b": ["x", "y"], "c": "="}


def test_a_pipe_is_refused_without_waiting(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(mini / R / "claims" / "pipe.yaml")  # reading it would block forever
    start = time.perf_counter()
    status, found = check(mini, capsys)
    assert time.perf_counter() - start < 5
    assert status == 2
    [hit] = [f for f in found if f["file"].endswith("claims/pipe.yaml")]
    assert hit["line"] == 1 and "not a regular file" in hit["message"] and hit["hint"]


def test_a_reading_folder_linked_from_outside_is_refused(mini: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "elsewhere"
    shutil.move(mini / R, outside)
    (mini / R).symlink_to(outside)
    status, found = check(mini, capsys)
    assert status == 2
    assert any("outside its folder" in f["message"] and f["hint"] for f in found)


def test_a_source_file_name_that_is_a_path_is_refused(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reading = mini / R / "reading.yaml"
    reading.write_text(reading.read_text().replace("source_file: mini-reading.txt\n", "") + "source_file: ../../../etc/passwd\n")
    status, found = check(mini, capsys)
    assert status == 2
    [hit] = found
    assert hit["file"].endswith("reading.yaml") and hit["line"] == 9 and "is a path" in hit["message"]


def test_a_claims_file_where_a_folder_belongs_is_refused(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(mini / R / "claims")
    (mini / R / "claims").write_text("section: opening\n")
    status, found = check(mini, capsys)
    assert status == 2 and any("not a folder" in f["message"] for f in found)
