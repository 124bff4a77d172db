"""A corpus of bad inputs: each one is refused or reported with a code, a file, a line and a hint.

Each folder of cases/ holds only the files that differ from the mini reading (same paths:
content/mini-reading/..., bib/...) and expected.yaml:

    exit: 2 (input that cannot be read) or 1 (a check finding)
    code, file, line, message_contains: the finding that must be among the output
    hint_contains: (optional) text the finding's hint must hold
    not_codes: (optional) codes that must not appear (a misattributed follow-up finding)
    max_seconds: (optional) the check must answer within this time
    pad_to_bytes: (optional) comment lines are appended to `file` until it is this large
    symlink: (optional) {link, outside}: `link` is made a symlink to outside/<outside>, copied
             to a folder beside the project (symlinks are made here, not stored in git)
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
import yaml

from build_tools.cli import main

CASES = Path(__file__).parent / "cases"
FIXTURE = Path(__file__).parents[1] / "fixtures" / "mini"


def _cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "expected.yaml").is_file())


def _project(case: Path, tmp_path: Path, expected: dict) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    for top in ("content", "bib"):
        if (case / top).is_dir():
            shutil.copytree(case / top, root / top, dirs_exist_ok=True)
    if pad := expected.get("pad_to_bytes"):
        target = root / expected["file"]
        line = b"# padding: a file this large is refused before it is parsed\n"
        with target.open("ab") as handle:
            handle.write(line * (pad // len(line) + 1))
    if link := expected.get("symlink"):
        outside = tmp_path / "outside"
        outside.mkdir()
        shutil.copy(case / "outside" / link["outside"], outside / link["outside"])
        path = root / link["link"]
        path.unlink(missing_ok=True)
        path.symlink_to(outside / link["outside"])
    return root


def _run(root: Path, capsys: pytest.CaptureFixture[str], *fmt: str) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    status = main(["--root", str(root), "check", *fmt])
    elapsed = time.perf_counter() - start
    out, err = capsys.readouterr()
    return status, out, err, elapsed


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name)
def test_bad_input_is_reported(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    root = _project(case, tmp_path, expected)
    where = f"{expected['file']}:{expected['line']}"

    status, out, err, elapsed = _run(root, capsys, "--format", "json")
    assert "Traceback" not in out + err
    assert status == expected["exit"], out + err
    found = json.loads(out)["findings"]
    hits = [f for f in found if f["code"] == expected["code"]
            and f["file"] == str(root / expected["file"]) and f["line"] == expected["line"]
            and expected["message_contains"] in f["message"]]
    assert hits, f"no {expected['code']} at {where} with {expected['message_contains']!r}; got " + "\n".join(
        f"{f['code']} {f['file']}:{f['line']} {f['message']}" for f in found)
    assert all(f["hint"] for f in hits)
    if "hint_contains" in expected:
        assert any(expected["hint_contains"] in f["hint"] for f in hits), hits
    assert not [f for f in found if f["code"] in expected.get("not_codes", [])], found
    if "max_seconds" in expected:
        assert elapsed < expected["max_seconds"], f"took {elapsed:.2f} s"

    if expected["exit"] == 2:
        status, out, err, _ = _run(root, capsys)
        assert status == 2 and out == ""
        assert "Traceback" not in err
        lines = [ln for ln in err.splitlines() if f"{root / expected['file']}:{expected['line']}: " in ln]
        assert any(expected["message_contains"] in ln and ln.rstrip().endswith(")") for ln in lines), err
        assert "nothing was written" in err
